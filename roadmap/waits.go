package roadmap

import (
	"strconv"
)

// waits is the "waits for" graph of a plan and what it tells: which parts
// can never finish. Its nodes are every unfinished initiative (planned or
// in progress, of a known domain and level) and every level not reached
// yet. An initiative waits for each of its dependencies that is unfinished
// and for each of its prerequisite levels not reached; a level waits for
// every unfinished initiative that targets it and for each of its own
// prerequisite levels not reached. Done initiatives and reached levels wait
// for nothing, and dropped initiatives count for nothing. A cycle in this
// graph is a deadlock: no quarter assignment can ever finish it.
//
// Level nodes keep the graph linear in the size of the plan: an initiative
// waits for a level, never for each initiative of that level.
type waits struct {
	m      *Model
	ins    []*Initiative // node v < len(ins) is ins[v]
	nodeOf []int32       // the node of each initiative of the roadmap, -1 for none
	*cycles
	// blocked marks the levels that wait, directly or through others, on
	// a cycle: the plan can never reach them; stuck marks every node that
	// does, or is on one.
	blocked levelMask
	stuck   []bool
}

// levelNode returns the node of level k of domain d.
func (w *waits) levelNode(d, k int) int32 {
	return int32(len(w.ins) + d*(MaxLevel+1) + k)
}

// level returns the domain and level of a level node.
func (w *waits) level(v int32) (d, k int) {
	i := int(v) - len(w.ins)
	return i / (MaxLevel + 1), i % (MaxLevel + 1)
}

// waitsFor builds the graph of the unfinished initiatives of r (of known
// domains and levels), as seen from the levels reached now, and finds its
// cycles.
func waitsFor(r *Roadmap, now Levels) *waits {
	m := r.Model
	w := &waits{m: m, nodeOf: make([]int32, len(r.Initiatives))}
	var index []int // the initiative of each node
	for i := range r.Initiatives {
		in := &r.Initiatives[i]
		w.nodeOf[i] = -1
		if r.dom[i] >= 0 && in.Level >= 1 && in.Level <= MaxLevel && !in.Status.Finished() {
			w.nodeOf[i] = int32(len(w.ins))
			w.ins = append(w.ins, in)
			index = append(index, i)
		}
	}
	n := len(w.ins) + len(m.Domains)*(MaxLevel+1)
	e := edgeList{from: make([]int32, 0, 3*len(w.ins)), to: make([]int32, 0, 3*len(w.ins))}
	for v, in := range w.ins {
		d := r.dom[index[v]]
		for _, j := range r.depsOf(index[v]) {
			if j >= 0 && w.nodeOf[j] >= 0 {
				e.add(int32(v), w.nodeOf[j])
			}
		}
		for _, p := range m.at[d][in.Level] {
			if now[p.d] < p.k {
				e.add(int32(v), w.levelNode(p.d, p.k))
			}
		}
		if now[d] < in.Level {
			e.add(w.levelNode(d, in.Level), int32(v))
		}
	}
	for d := range m.Domains {
		for k := now[d] + 1; k <= MaxLevel; k++ {
			for _, p := range m.at[d][k] {
				if now[p.d] < p.k {
					e.add(w.levelNode(d, k), w.levelNode(p.d, p.k))
				}
			}
		}
	}
	w.cycles = findCycles(e.compress(n), w.name, w.verb, w.isLevel)
	if w.loops != nil {
		w.markBlocked(w.rev)
	}
	return w
}

// name appends a node: an initiative's reference, or a level as a
// prerequisite.
func (w *waits) name(b []byte, v int32) []byte {
	if int(v) < len(w.ins) {
		return w.ins[v].AppendRef(b)
	}
	d, k := w.level(v)
	return w.m.appendDescribed(b, Prerequisite{Domain: w.m.Domains[d].Key, Level: k})
}

// isLevel reports whether node v is a level.
func (w *waits) isLevel(v int32) bool { return int(v) >= len(w.ins) }

// verb says how a node waits for v: for an initiative, "waits for"; for
// a level, "needs".
func (w *waits) verb(v int32) string {
	if int(v) < len(w.ins) {
		return "waits for"
	}
	return "needs"
}

// markBlocked marks every level from which a cycle can be reached.
func (w *waits) markBlocked(rev digraph) {
	seen := make([]bool, w.g.n())
	var queue []int32
	for v := range seen {
		if w.cyclic[w.comp[v]] {
			seen[v] = true
			queue = append(queue, int32(v))
		}
	}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, u := range rev.out(v) {
			if !seen[u] {
				seen[u] = true
				queue = append(queue, u)
			}
		}
	}
	w.stuck = seen
	w.blocked = make(levelMask, len(w.m.Domains))
	for d := range w.blocked {
		for k := 0; k <= MaxLevel; k++ {
			w.blocked[d][k] = seen[w.levelNode(d, k)]
		}
	}
}

// stuckOn reports whether the roadmap's initiative i is in a deadlock or
// waits, directly or through others, on one.
func (w *waits) stuckOn(i int) bool {
	if w == nil || w.stuck == nil {
		return false
	}
	v := w.nodeOf[i]
	return v >= 0 && w.stuck[v]
}

// deadlocked reports whether the roadmap's initiative i is in a deadlock,
// and its node.
func (w *waits) deadlocked(i int) (int32, bool) {
	if w == nil || w.loops == nil {
		return 0, false
	}
	v := w.nodeOf[i]
	return v, v >= 0 && w.inCycle(v)
}

// cycles are the cycles of a digraph, and for each node on one a way to
// write it out. name writes a node; verb says how the node before waits
// for it; key marks the nodes a long loop always names (the levels).
type cycles struct {
	g, rev digraph // rev only when there is a cycle
	comp   []int32 // strongly connected component of each node
	cyclic []bool  // per component: does it hold a cycle
	loops  *loopTrees
	name   func(b []byte, v int32) []byte // appends the node's name
	verb   func(v int32) string
	key    func(v int32) bool
}

// findCycles finds the cycles of g.
func findCycles(g digraph, name func([]byte, int32) []byte, verb func(int32) string, key func(int32) bool) *cycles {
	c := &cycles{g: g, name: name, verb: verb, key: key}
	c.comp, c.cyclic = g.components()
	for _, cyc := range c.cyclic {
		if cyc {
			c.rev = g.reversed()
			c.loops = newLoopTrees(c)
			break
		}
	}
	return c
}

// inCycle reports whether node v is on a cycle.
func (c *cycles) inCycle(v int32) bool { return c.cyclic[c.comp[v]] }

// loopTrees tell, for every node in a cycle, one way it waits for itself.
// Each cyclic component has a root; breadth-first trees give every node a
// shortest way from the root (parent, depth) and to the root (toRoot,
// hops). A node's loop goes to the root and back, so all loops together
// cost linear time to prepare; each is written out when its message is
// read.
type loopTrees struct {
	root     []int32 // per component; -1 when it holds no cycle
	rootPred []int32 // per component: the node before the root on its loop
	parent   []int32 // the previous node on the way from the root
	depth    []int32 // steps from the root
	toRoot   []int32 // the next node on the way to the root
	hops     []int32 // steps to the root
	// anc[j][v] is the node j+1 steps from the root on its way to v, for
	// naming the first steps of a loop too long to walk in full.
	anc [3][]int32
}

func newLoopTrees(w *cycles) *loopTrees {
	rev := w.rev
	n := w.g.n()
	t := &loopTrees{
		root:     make([]int32, len(w.cyclic)),
		rootPred: make([]int32, len(w.cyclic)),
		parent:   make([]int32, n),
		depth:    make([]int32, n),
		toRoot:   make([]int32, n),
		hops:     make([]int32, n),
	}
	for j := range t.anc {
		t.anc[j] = make([]int32, n)
	}
	for c := range t.root {
		t.root[c] = -1
	}
	// The root of a component is its last node: a level, when it has
	// one (levels come after the initiatives), so that a long loop's
	// message can name the level it passes.
	for v := int32(n - 1); v >= 0; v-- {
		if c := w.comp[v]; w.cyclic[c] && t.root[c] < 0 {
			t.root[c] = v
		}
	}
	// bfs walks g from the root within its component, recording for each
	// node the node it was reached from and the distance.
	// Components are disjoint, so one seen slice per direction serves
	// them all.
	seenOut, seenIn := make([]bool, n), make([]bool, n)
	bfs := func(g digraph, root int32, seen []bool, from, dist []int32, visit func(from, to int32)) {
		c := w.comp[root]
		from[root], dist[root] = -1, 0
		queue := []int32{root}
		seen[root] = true
		for len(queue) > 0 {
			v := queue[0]
			queue = queue[1:]
			for _, x := range g.out(v) {
				if w.comp[x] != c || seen[x] {
					continue
				}
				seen[x] = true
				from[x], dist[x] = v, dist[v]+1
				if visit != nil {
					visit(v, x)
				}
				queue = append(queue, x)
			}
		}
	}
	for c, root := range t.root {
		if root < 0 {
			continue
		}
		bfs(w.g, root, seenOut, t.parent, t.depth, func(from, to int32) {
			for j := range t.anc {
				switch d := t.depth[to]; {
				case int(d) == j+1:
					t.anc[j][to] = to
				case int(d) > j+1:
					t.anc[j][to] = t.anc[j][from]
				}
			}
		})
		bfs(rev, root, seenIn, t.toRoot, t.hops, nil)
		// The root's own loop closes through its nearest predecessor in
		// the component (the root itself when it waits for itself).
		best := int32(-1)
		for _, p := range rev.out(root) {
			if w.comp[p] == int32(c) && (best < 0 || t.depth[p] < t.depth[best]) {
				best = p
			}
		}
		t.rootPred[c] = best
	}
	return t
}

// maxWalked is the longest loop written out in full; a longer one names
// its first steps and counts the rest.
const maxWalked = 64

// loopLen returns the number of steps of node x's loop.
func (w *cycles) loopLen(x int32) int {
	t := w.loops
	c := w.comp[x]
	if x == t.root[c] {
		return int(t.depth[t.rootPred[c]]) + 1
	}
	return int(t.hops[x] + t.depth[x])
}

// walk returns node x's loop as the nodes along it, x first and last,
// with no node repeated in between.
func (w *cycles) walk(x int32) []int32 {
	t := w.loops
	c := w.comp[x]
	root := t.root[c]
	// fromRoot lists the tree path from the root to v.
	fromRoot := func(v int32) []int32 {
		var p []int32
		for ; v >= 0; v = t.parent[v] {
			p = append(p, v)
			if v == root {
				break
			}
		}
		for i, j := 0, len(p)-1; i < j; i, j = i+1, j-1 {
			p[i], p[j] = p[j], p[i]
		}
		return p
	}
	if x == root {
		return append(fromRoot(t.rootPred[c]), root)
	}
	toRoot := []int32{x}
	for v := x; v != root; {
		v = t.toRoot[v]
		toRoot = append(toRoot, v)
	}
	back := fromRoot(x) // root … x
	// The two halves may cross before the root: cut the loop short at the
	// first node of the way out that is also on the way back.
	pos := make(map[int32]int, len(back))
	for i, v := range back[:len(back)-1] {
		pos[v] = i
	}
	for i, v := range toRoot[1:] {
		if j, ok := pos[v]; ok {
			return append(toRoot[:i+2:i+2], back[j+1:]...)
		}
	}
	return append(toRoot, back[1:]...) // not reached: the root is on both
}

// head returns the first n nodes after x along its loop, without walking
// all of it.
func (w *cycles) head(x int32, n int) []int32 {
	t := w.loops
	c := w.comp[x]
	root := t.root[c]
	target, after := x, int(t.hops[x]) // the loop reaches root after hops steps, then heads for target
	if x == root {
		target, after = t.rootPred[c], 0
	}
	out := make([]int32, 0, n)
	v := x
	for i := 1; i <= n; i++ {
		switch {
		case i <= after:
			v = t.toRoot[v]
		case i-after <= len(t.anc):
			v = t.anc[i-after-1][target]
		}
		out = append(out, v)
	}
	return out
}

// appendLoop appends to b how initiative node x waits for itself:
// `#3 "Docs" waits for #2 "Envs", which needs standardization ≥ 2
// (Templated), which waits for #3 "Docs"`. A long loop names its first
// steps, every level on it (the root, when it is too long to walk) and
// its last step, and counts the initiatives in between.
func (w *cycles) appendLoop(b []byte, x int32) []byte {
	const head = 3 // steps always named at the start
	type step struct {
		pos int // 1 for the first step; the last, back to x, is total
		v   int32
	}
	var shown []step
	total := w.loopLen(x)
	if total <= maxWalked {
		walk := w.walk(x)[1:]
		total = len(walk)
		for i, v := range walk {
			if pos := i + 1; total <= 2*head+2 || pos <= head || pos == total || w.key(v) {
				shown = append(shown, step{pos, v})
			}
		}
	} else {
		for i, v := range w.head(x, head) {
			shown = append(shown, step{i + 1, v})
		}
		// Every loop of a component passes its root, a level when the
		// component has one.
		if root, hops := w.loops.root[w.comp[x]], int(w.loops.hops[x]); w.key(root) && hops > head && hops < total {
			shown = append(shown, step{hops, root})
		}
		shown = append(shown, step{total, x})
	}
	b = w.name(b, x)
	prev := 0
	for _, s := range shown {
		if s.pos > prev+1 {
			b = append(append(append(b, ", … "...), thousands(s.pos-prev-1)...), " more …"...)
		}
		if prev > 0 {
			b = append(b, ", which"...)
		}
		b = append(append(append(b, ' '), w.verb(s.v)...), ' ')
		b = w.name(b, s.v)
		prev = s.pos
	}
	return b
}

// thousands writes n with comma separators: 99,990.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
