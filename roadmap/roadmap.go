package roadmap

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Roadmap is everything the calculations need: the model, the assessed
// baseline levels and the initiatives. It is a value to compute on; the
// store loads and saves it.
type Roadmap struct {
	Model *Model
	// Baseline holds the latest assessed level per domain key; a domain
	// without an assessment starts at 0.
	Baseline map[string]int
	// Initiatives is sorted by id.
	Initiatives []Initiative

	byID map[int64]int
	dom  []int // dom[i] is the model index of Initiatives[i]'s domain, -1 if unknown
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
}

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

// CheckDependencies reports whether initiative id may depend on deps: at
// most MaxDependsOn of them, every id must exist, none may be id itself, and no dependency may lead back to
// id (a cycle). The error names the problem.
func (r *Roadmap) CheckDependencies(id int64, deps []int64) error {
	if err := checkDependencyCount(deps); err != nil {
		return err
	}
	for _, d := range deps {
		if d == id {
			return fmt.Errorf("#%d cannot depend on itself", id)
		}
		if _, ok := r.Get(d); !ok {
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

func cycleText(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf("#%d", id)
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
