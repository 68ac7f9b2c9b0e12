package roadmap

import (
	"cmp"
	"slices"
)

// importGraph is the dependency graph as it will be after an import,
// built from what the import needs to remember of each row: the roadmap's
// initiatives (nodes 0..n-1) with the dependencies the import gives them,
// and the new initiatives that have an id (nodes n, n+1, …). New
// initiatives without an id cannot be depended on, so they are on no
// cycle; their dependencies are only checked to exist.
type importGraph struct {
	r       *Roadmap
	seen    map[int64]importEntry // every row with an id
	news    []int64               // the ids of the new nodes
	newDeps [][]int64             // the dependencies of the new nodes
	changed map[int][]int64       // the new dependencies of the roadmap's nodes that change them
	check   []depCheck            // every row that gives dependencies, to check they exist
}

type depCheck struct {
	line int32
	deps []int64
}

// add is a row that creates an initiative.
func (g *importGraph) add(hasID bool, id int64, line int, deps []int64) {
	if hasID {
		g.seen[id] = importEntry{line: int32(line), node: int32(len(g.r.Initiatives) + len(g.news))}
		g.news = append(g.news, id)
		g.newDeps = append(g.newDeps, deps)
	}
	if len(deps) > 0 {
		g.check = append(g.check, depCheck{int32(line), deps})
	}
}

// replace is a row that gives an existing initiative other dependencies.
func (g *importGraph) replace(id int64, line int, deps []int64) {
	if g.changed == nil {
		g.changed = map[int][]int64{}
	}
	g.changed[g.r.byID[id]] = deps
	if len(deps) > 0 {
		g.check = append(g.check, depCheck{int32(line), deps})
	}
}

// node returns the node of an id, or -1 when no initiative will have it.
func (g *importGraph) node(id int64) int {
	if i, ok := g.r.byID[id]; ok {
		return i
	}
	if e, ok := g.seen[id]; ok && e.node >= 0 {
		return int(e.node)
	}
	return -1
}

func (g *importGraph) deps(node int) []int64 {
	n := len(g.r.Initiatives)
	if node >= n {
		return g.newDeps[node-n]
	}
	if d, ok := g.changed[node]; ok {
		return d
	}
	return g.r.Initiatives[node].DependsOn
}

func (g *importGraph) id(node int) int64 {
	if n := len(g.r.Initiatives); node >= n {
		return g.news[node-n]
	}
	return g.r.Initiatives[node].ID
}

// checkDependencies refuses, at the first such row of the file, a
// dependency on an initiative that will not exist.
func (g *importGraph) checkDependencies() error {
	for _, c := range g.check {
		for _, d := range c.deps {
			if g.node(d) < 0 {
				return at(int(c.line), "depends on unknown initiative #%d", d)
			}
		}
	}
	return nil
}

// checkCycles refuses a dependency cycle, naming it from the initiative
// with the lowest id that leads into it, at the first line of the file
// that is on it. The roadmap itself has none, so only the rows can close
// one; the walk still visits every node in id order, so that a cycle is
// named the same way whatever the order of the file.
func (g *importGraph) checkCycles() error {
	n := len(g.r.Initiatives)
	order := make([]int, len(g.news)) // the new nodes, by id
	for i := range order {
		order[i] = n + i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(g.id(a), g.id(b)) })
	const (
		white = iota
		grey
		black
	)
	colour := make([]uint8, n+len(g.news))
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
	// The roadmap's nodes are in id order; merge the new ones in.
	k := 0
	for i := 0; i <= n; i++ {
		for k < len(order) && (i == n || g.id(order[k]) < g.r.Initiatives[i].ID) {
			if cyc := visit(order[k]); cyc != nil {
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
