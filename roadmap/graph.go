package roadmap

// digraph is a directed graph over the nodes 0..n-1 with its edges in
// compressed rows: the successors of v are succ[start[v]:start[v+1]], in
// the order they were added. Everything here is linear in nodes and edges
// and iterative, so a chain of a hundred thousand nodes costs no stack.
type digraph struct {
	start []int32
	succ  []int32
}

// edgeList collects the edges of a digraph before it is compressed.
type edgeList struct{ from, to []int32 }

func (e *edgeList) add(from, to int32) {
	e.from = append(e.from, from)
	e.to = append(e.to, to)
}

// compress builds the digraph of n nodes from the edges.
func (e *edgeList) compress(n int) digraph {
	start := make([]int32, n+1)
	for _, f := range e.from {
		start[f+1]++
	}
	for v := 0; v < n; v++ {
		start[v+1] += start[v]
	}
	succ := make([]int32, len(e.to))
	fill := append([]int32(nil), start[:n]...)
	for i, f := range e.from {
		succ[fill[f]] = e.to[i]
		fill[f]++
	}
	return digraph{start: start, succ: succ}
}

// n returns the number of nodes.
func (g digraph) n() int { return len(g.start) - 1 }

// out returns the successors of v.
func (g digraph) out(v int32) []int32 { return g.succ[g.start[v]:g.start[v+1]] }

// reversed returns the graph with every edge turned around.
func (g digraph) reversed() digraph {
	e := edgeList{from: make([]int32, 0, len(g.succ)), to: make([]int32, 0, len(g.succ))}
	for v := int32(0); int(v) < g.n(); v++ {
		for _, w := range g.out(v) {
			e.add(w, v)
		}
	}
	return e.compress(g.n())
}

// components returns the strongly connected component of each node and,
// per component, whether it holds a cycle: more than one node, or one
// node with an edge to itself. It is Tarjan's algorithm with an explicit
// stack.
func (g digraph) components() (comp []int32, cyclic []bool) {
	n := g.n()
	index := make([]int32, n) // visit order from 1; 0 is not visited
	low := make([]int32, n)
	onStack := make([]bool, n)
	comp = make([]int32, n)
	var stack []int32
	type frame struct{ v, next int32 }
	var calls []frame
	counter := int32(0)
	visit := func(v int32) {
		counter++
		index[v], low[v] = counter, counter
		stack = append(stack, v)
		onStack[v] = true
		calls = append(calls, frame{v, g.start[v]})
	}
	for s := int32(0); int(s) < n; s++ {
		if index[s] != 0 {
			continue
		}
		visit(s)
		for len(calls) > 0 {
			f := &calls[len(calls)-1]
			v := f.v
			if f.next < g.start[v+1] {
				w := g.succ[f.next]
				f.next++
				switch {
				case index[w] == 0:
					visit(w)
				case onStack[w]:
					low[v] = min(low[v], index[w])
				}
				continue
			}
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				u := calls[len(calls)-1].v
				low[u] = min(low[u], low[v])
			}
			if low[v] != index[v] {
				continue
			}
			c, size := int32(len(cyclic)), 0
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp[w] = c
				size++
				if w == v {
					break
				}
			}
			cyclic = append(cyclic, size > 1)
		}
	}
	for v := int32(0); int(v) < n; v++ {
		for _, w := range g.out(v) {
			if w == v {
				cyclic[comp[v]] = true
			}
		}
	}
	return comp, cyclic
}
