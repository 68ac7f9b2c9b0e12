package roadmap

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Roadmap is everything the calculations need: the model, the assessed
// baseline levels and the initiatives. It is a value to compute on; the
// store loads and saves it.
type Roadmap struct {
	Model *Model
	// Baseline holds each domain's baseline by key: the level from which
	// initiatives climb. A roadmap built by NewAssessed holds the higher
	// of the latest manual assessment and the evidenced level
	// (Assessment.Baselines); one built by New holds what it is given. A
	// domain without one starts at 0.
	Baseline map[string]int
	// Assessment is where the evidence stands, or nil when none was
	// attached (NewAssessed): the criteria, the evidenced levels and the
	// metrics, for the warnings and views that read them.
	Assessment *Assessment
	// Capacity is what each quarter can take (nil: no figure), for the
	// bookings, the capacity warnings and the scheduler.
	Capacity *Capacity
	// Initiatives is sorted by id.
	Initiatives []Initiative

	byID map[int64]int
	dom  []int // dom[i] is the model index of Initiatives[i]'s domain, -1 if unknown
	// deps are the dependencies as indexes into Initiatives, -1 for an id
	// no initiative has: those of Initiatives[i], in the order of its
	// DependsOn, are deps[depStart[i]:depStart[i+1]].
	deps, depStart []int32
}

// New builds a Roadmap. The initiatives are sorted by id.
func New(m *Model, baseline map[string]int, initiatives []Initiative) *Roadmap {
	r := &Roadmap{Model: m, Baseline: baseline, Initiatives: initiatives}
	if r.Baseline == nil {
		r.Baseline = map[string]int{}
	}
	byID := func(a, b Initiative) int { return cmp.Compare(a.ID, b.ID) }
	if !slices.IsSortedFunc(r.Initiatives, byID) { // a store hands them over sorted
		slices.SortFunc(r.Initiatives, byID)
	}
	r.reindex()
	return r
}

func (r *Roadmap) reindex() {
	r.byID = make(map[int64]int, len(r.Initiatives))
	r.dom = make([]int, len(r.Initiatives))
	for i := range r.Initiatives {
		r.byID[r.Initiatives[i].ID] = i
		r.dom[i] = r.domainOf(r.Initiatives[i].Domain)
	}
	r.reindexDeps()
}

// reindexDeps resolves every dependency to an index, once, so that the
// graph work (levels, deadlocks, warnings) looks nothing up by id.
func (r *Roadmap) reindexDeps() {
	n := 0
	for i := range r.Initiatives {
		n += len(r.Initiatives[i].DependsOn)
	}
	r.deps = make([]int32, 0, n)
	r.depStart = make([]int32, len(r.Initiatives)+1)
	for i := range r.Initiatives {
		for _, id := range r.Initiatives[i].DependsOn {
			j, ok := r.byID[id]
			if !ok {
				j = -1
			}
			r.deps = append(r.deps, int32(j))
		}
		r.depStart[i+1] = int32(len(r.deps))
	}
}

// depsOf returns the dependencies of Initiatives[i] as indexes, -1 for an
// unknown id, in the order of its DependsOn.
func (r *Roadmap) depsOf(i int) []int32 { return r.deps[r.depStart[i]:r.depStart[i+1]] }

// domainOf returns the model index of a domain key, -1 if unknown.
func (r *Roadmap) domainOf(key string) int {
	if d, ok := r.Model.index[key]; ok {
		return d
	}
	return -1
}

// Get returns the initiative with the given id. The pointer is into the
// roadmap: callers must not modify it.
func (r *Roadmap) Get(id int64) (*Initiative, bool) {
	i, ok := r.byID[id]
	if !ok {
		return nil, false
	}
	return &r.Initiatives[i], true
}

// Find is Get with an error that names the missing id.
func (r *Roadmap) Find(id int64) (*Initiative, error) {
	in, ok := r.Get(id)
	if !ok {
		return nil, fmt.Errorf("no initiative #%d", id)
	}
	return in, nil
}

// Dependents returns the ids of the initiatives that depend on id, sorted.
func (r *Roadmap) Dependents(id int64) []int64 {
	var out []int64
	for i := range r.Initiatives {
		for _, d := range r.Initiatives[i].DependsOn {
			if d == id {
				out = append(out, r.Initiatives[i].ID)
				break
			}
		}
	}
	return out
}

// CheckDependencies reports whether initiative id (0 for one not added
// yet) may depend on deps: at most MaxDependsOn of them, every id must
// exist, none may be id itself, and no dependency may lead back to id (a
// cycle). The error names the problem.
func (r *Roadmap) CheckDependencies(id int64, deps []int64) error {
	if err := checkDependencyCount(deps); err != nil {
		return err
	}
	for _, d := range deps {
		if d == id {
			return fmt.Errorf("#%d cannot depend on itself", id)
		}
		if _, ok := r.Get(d); !ok {
			if id == 0 { // a new initiative has no id to name yet
				return fmt.Errorf("depends on unknown initiative #%d", d)
			}
			return fmt.Errorf("#%d depends on unknown initiative #%d", id, d)
		}
	}
	// Walk from each new dependency along existing edges; reaching id
	// means the new edge closes a cycle.
	seen := map[int64]bool{}
	var path []int64
	var walk func(n int64) bool
	walk = func(n int64) bool {
		if n == id {
			return true
		}
		if seen[n] {
			return false
		}
		seen[n] = true
		in, ok := r.Get(n)
		if !ok {
			return false
		}
		for _, d := range in.DependsOn {
			path = append(path, d)
			if walk(d) {
				return true
			}
			path = path[:len(path)-1]
		}
		return false
	}
	for _, d := range deps {
		path = []int64{d}
		if walk(d) {
			return fmt.Errorf("#%d cannot depend on #%d: that would make a cycle (%s)", id, d, cycleText(append([]int64{id}, path...)))
		}
	}
	return nil
}

// cycleText writes a cycle of ids, "#1 → #2 → #1"; a long one keeps its
// first and last few ids and counts the rest, so that a message stays one
// readable line.
func cycleText(ids []int64) string {
	const head, tail = 5, 3
	ref := func(id int64) string { return "#" + strconv.FormatInt(id, 10) }
	if len(ids) <= head+tail+1 {
		parts := make([]string, len(ids))
		for i, id := range ids {
			parts[i] = ref(id)
		}
		return strings.Join(parts, " → ")
	}
	parts := make([]string, 0, head+tail+1)
	for _, id := range ids[:head] {
		parts = append(parts, ref(id))
	}
	parts = append(parts, "… "+thousands(len(ids)-head-tail)+" more")
	for _, id := range ids[len(ids)-tail:] {
		parts = append(parts, ref(id))
	}
	return strings.Join(parts, " → ")
}

// Cycle describes one dependency cycle ("#1 → #2 → #1"), or returns ""
// when there is none.
func (r *Roadmap) Cycle() string {
	if c := r.findCycle(); c != nil {
		return cycleText(c)
	}
	return ""
}

// findCycle returns the ids along one dependency cycle, first id repeated
// at the end, or nil when the graph has none. Unknown ids are ignored.
func (r *Roadmap) findCycle() []int64 {
	const (
		white = iota
		grey
		black
	)
	colour := make(map[int64]int8, len(r.Initiatives))
	// Iterative DFS: 100k initiatives in a chain must not overflow a stack.
	type frame struct {
		id  int64
		pos int
	}
	for i := range r.Initiatives {
		root := r.Initiatives[i].ID
		if colour[root] != white {
			continue
		}
		stack := []frame{{root, 0}}
		colour[root] = grey
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			in, _ := r.Get(top.id)
			if top.pos >= len(in.DependsOn) {
				colour[top.id] = black
				stack = stack[:len(stack)-1]
				continue
			}
			next := in.DependsOn[top.pos]
			top.pos++
			if _, ok := r.Get(next); !ok {
				continue
			}
			switch colour[next] {
			case grey:
				// Collect in order: prepending made long cycles quadratic.
				j := len(stack) - 1
				for stack[j].id != next {
					j--
				}
				cyc := make([]int64, 0, len(stack)-j+1)
				for _, f := range stack[j:] {
					cyc = append(cyc, f.id)
				}
				return append(cyc, next)
			case white:
				colour[next] = grey
				stack = append(stack, frame{next, 0})
			}
		}
	}
	return nil
}
