package roadmap

import (
	"cmp"
	"io"
	"slices"
)

// RowSource is a roadmap CSV being read: which columns it has, and its
// rows in file order. CSVReader reads one from a file; CSVImport.Source
// gives one over rows in memory.
type RowSource interface {
	HasColumn(name string) bool
	// NextRow returns the next row, or io.EOF after the last.
	NextRow() (CSVRow, error)
}

// ImportOptions lift two of the import's refusals.
type ImportOptions struct {
	// Overwrite applies a row to an initiative that changed since the
	// file was exported (its version column is older than the stored one).
	Overwrite bool
	// AllowDuplicates creates a row without an id even when an initiative
	// with the same title, domain and level exists.
	AllowDuplicates bool
}

// ImportPlan is what importing a CSV changes: initiatives to create (ID 0
// means the store assigns one), initiatives to update, and how many rows
// matched an initiative exactly. It is the one computation behind both
// the real import and the dry run's list of changes (WriteChanges).
type ImportPlan struct {
	Create    []*Initiative
	Update    []Change
	Unchanged int

	createLines []int // createLines[i] is the line of Create[i]
}

// Change is an update of one initiative: Old points into the roadmap the
// plan was made on, New is the initiative as the import leaves it, Line
// is the row's line in the file.
type Change struct {
	Line     int
	Old, New *Initiative
}

// importEntry is what the plan remembers of a row that names an id.
type importEntry struct {
	line   int32
	create int32 // index in ImportPlan.Create, -1 for a row that updates
}

// PlanImport merges the rows of a roadmap CSV into the roadmap without
// changing it, reading them one at a time, so that only what changes is
// kept in memory: a row whose id exists updates that initiative (columns
// missing from the file keep their values), a row with a new id creates an
// initiative with that id (and the version the file gives, so that a file
// exported elsewhere keeps its versions), and a row without an id creates
// one with a new id. Every row is validated, dependencies must name
// initiatives that exist after the import, and the result must have no
// dependency cycle. Two refusals protect newer work, unless opts lifts
// them: a row that would change an initiative whose stored version is
// newer than the row's version column (the initiative changed since the
// file was exported), and a row without an id whose title, domain and
// level are those of an existing initiative (the same file imported
// twice). The first problem fails the whole import with "line N: ...".
func (r *Roadmap) PlanImport(src RowSource, opts ImportOptions) (*ImportPlan, error) {
	plan := &ImportPlan{}
	has := map[string]bool{}
	for _, c := range CSVHeader {
		has[c] = src.HasColumn(c)
	}
	seen := map[int64]importEntry{}
	var replaced []int32 // replaced[i] is the index in plan.Update of Initiatives[i], -1 if none
	if has["depends_on"] {
		replaced = make([]int32, len(r.Initiatives))
		for i := range replaced {
			replaced[i] = -1
		}
	}
	var same map[dupKey]int64 // built at the first row without an id
	for {
		row, err := src.NextRow()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		fail := func(format string, args ...any) error {
			return at(row.Line, format, args...)
		}
		id := row.Initiative.ID
		if row.HasID {
			if prev, dup := seen[id]; dup {
				return nil, fail("id %d appears twice (first on line %d)", id, prev.line)
			}
		}
		var old *Initiative
		if row.HasID {
			old, _ = r.Get(id)
		}
		if old != nil {
			next, err := overlay(*old, row.Initiative, has).Normalize(r.Model)
			if err != nil {
				return nil, fail("%v", err)
			}
			seen[id] = importEntry{line: int32(row.Line), create: -1}
			if len(Diff(*old, next)) == 0 {
				plan.Unchanged++
				continue
			}
			if v := row.Initiative.Version; v > 0 && v < old.Version && !opts.Overwrite {
				return nil, fail("#%d changed since this file was exported (version %d, now %d); --overwrite to apply anyway",
					id, v, old.Version)
			}
			plan.Update = append(plan.Update, Change{Line: row.Line, Old: old, New: &next})
			if replaced != nil {
				replaced[r.byID[id]] = int32(len(plan.Update) - 1)
			}
			continue
		}
		for _, c := range []string{"title", "domain", "level"} {
			if !has[c] {
				return nil, fail("a new initiative needs a %s column", c)
			}
		}
		next := row.Initiative
		if next.Status == "" {
			next.Status = Planned
		}
		next, err = next.Normalize(r.Model)
		if err != nil {
			return nil, fail("%v", err)
		}
		if !row.HasID && !opts.AllowDuplicates {
			if same == nil {
				same = make(map[dupKey]int64, len(r.Initiatives))
				for i := range r.Initiatives {
					same[keyOf(&r.Initiatives[i])] = r.Initiatives[i].ID
				}
			}
			if match, ok := same[keyOf(&next)]; ok {
				in, _ := r.Get(match)
				return nil, fail("a row without an id matches %s (%s): the same title, domain and level; --allow-duplicates to create another",
					in.Ref(), r.Model.TargetName(in))
			}
		}
		if row.HasID {
			seen[id] = importEntry{line: int32(row.Line), create: int32(len(plan.Create))}
		}
		plan.Create = append(plan.Create, &next)
		plan.createLines = append(plan.createLines, row.Line)
	}
	g := importGraph{r: r, plan: plan, seen: seen, replaced: replaced}
	if err := g.checkDependencies(); err != nil {
		return nil, err
	}
	if err := g.checkCycles(); err != nil {
		return nil, err
	}
	return plan, nil
}

// dupKey is what makes two initiatives look like the same one.
type dupKey struct {
	title, domain string
	level         int
}

func keyOf(in *Initiative) dupKey { return dupKey{in.Title, in.Domain, in.Level} }

// overlay copies the fields whose columns are present from row onto old.
func overlay(old, row Initiative, cols map[string]bool) Initiative {
	in := old
	if cols["title"] {
		in.Title = row.Title
	}
	if cols["description"] {
		in.Description = row.Description
	}
	if cols["domain"] {
		in.Domain = row.Domain
	}
	if cols["level"] {
		in.Level = row.Level
	}
	if cols["quarter"] {
		in.Quarter = row.Quarter
	}
	if cols["status"] {
		in.Status = row.Status
	}
	if cols["owner"] {
		in.Owner = row.Owner
	}
	if cols["effort"] {
		in.Effort = row.Effort
	}
	if cols["depends_on"] {
		in.DependsOn = slices.Clone(row.DependsOn)
	}
	return in
}

// importGraph is the dependency graph as it will be after an import: the
// roadmap's initiatives (nodes 0..n-1, their dependencies replaced where
// the import changes them) and the plan's new initiatives that have an id
// (node n+i for plan.Create[i]). New initiatives without an id cannot be
// depended on, so they are on no cycle.
type importGraph struct {
	r        *Roadmap
	plan     *ImportPlan
	seen     map[int64]importEntry
	replaced []int32
}

// node returns the node of an id, or -1 when no initiative will have it.
func (g *importGraph) node(id int64) int {
	if i, ok := g.r.byID[id]; ok {
		return i
	}
	if e, ok := g.seen[id]; ok && e.create >= 0 {
		return len(g.r.Initiatives) + int(e.create)
	}
	return -1
}

func (g *importGraph) deps(node int) []int64 {
	n := len(g.r.Initiatives)
	if node >= n {
		return g.plan.Create[node-n].DependsOn
	}
	if g.replaced != nil && g.replaced[node] >= 0 {
		return g.plan.Update[g.replaced[node]].New.DependsOn
	}
	return g.r.Initiatives[node].DependsOn
}

func (g *importGraph) id(node int) int64 {
	if n := len(g.r.Initiatives); node >= n {
		return g.plan.Create[node-n].ID
	}
	return g.r.Initiatives[node].ID
}

// checkDependencies refuses, at the first such row of the file, a
// dependency on an initiative that will not exist.
func (g *importGraph) checkDependencies() error {
	line, bad := 0, int64(0)
	check := func(l int, deps []int64) {
		if line != 0 && l >= line {
			return
		}
		for _, d := range deps {
			if g.node(d) < 0 {
				line, bad = l, d
				return
			}
		}
	}
	for i, in := range g.plan.Create {
		check(g.plan.createLines[i], in.DependsOn)
	}
	if g.replaced != nil {
		for _, c := range g.plan.Update {
			check(c.Line, c.New.DependsOn)
		}
	}
	if line != 0 {
		return at(line, "depends on unknown initiative #%d", bad)
	}
	return nil
}

// checkCycles refuses a dependency cycle, naming it from the initiative
// with the lowest id that leads into it, at the first line of the file
// that is on it. The roadmap itself has none, so only the rows can close
// one; the walk still visits every node, in id order, so the cycle is
// named the same way whatever order the file has.
func (g *importGraph) checkCycles() error {
	n := len(g.r.Initiatives)
	var news []int // nodes of new initiatives with an id, by id
	for i, in := range g.plan.Create {
		if in.ID != 0 {
			news = append(news, n+i)
		}
	}
	slices.SortFunc(news, func(a, b int) int { return cmp.Compare(g.id(a), g.id(b)) })
	const (
		white = iota
		grey
		black
	)
	colour := make([]uint8, n+len(g.plan.Create))
	type frame struct{ node, pos int }
	var stack []frame
	visit := func(root int) []int64 {
		if colour[root] != white {
			return nil
		}
		stack = append(stack[:0], frame{root, 0})
		colour[root] = grey
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			deps := g.deps(top.node)
			if top.pos >= len(deps) {
				colour[top.node] = black
				stack = stack[:len(stack)-1]
				continue
			}
			next := g.node(deps[top.pos])
			top.pos++
			if next < 0 {
				continue
			}
			switch colour[next] {
			case grey:
				j := len(stack) - 1
				for stack[j].node != next {
					j--
				}
				cyc := make([]int64, 0, len(stack)-j+1)
				for _, f := range stack[j:] {
					cyc = append(cyc, g.id(f.node))
				}
				return append(cyc, g.id(next))
			case white:
				colour[next] = grey
				stack = append(stack, frame{next, 0})
			}
		}
		return nil
	}
	// Existing nodes are in id order; merge the new ones in.
	k := 0
	for i := 0; i <= n; i++ {
		for k < len(news) && (i == n || g.id(news[k]) < g.r.Initiatives[i].ID) {
			if cyc := visit(news[k]); cyc != nil {
				return g.cycleError(cyc)
			}
			k++
		}
		if i < n {
			if cyc := visit(i); cyc != nil {
				return g.cycleError(cyc)
			}
		}
	}
	return nil
}

func (g *importGraph) cycleError(cyc []int64) error {
	line := 0
	for _, id := range cyc {
		if e, ok := g.seen[id]; ok && (line == 0 || int(e.line) < line) {
			line = int(e.line)
		}
	}
	return at(line, "dependency cycle: %s", cycleText(cyc))
}
