package main

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// edge is an undirected edge, A < B lexicographically.
type edge struct{ A, B orb.Point }

func less(a, b orb.Point) bool { return a[0] < b[0] || a[0] == b[0] && a[1] < b[1] }

// mkEdge returns the undirected edge of a→b and whether a→b runs A→B.
func mkEdge(a, b orb.Point) (edge, bool) {
	if less(a, b) {
		return edge{a, b}, true
	}
	return edge{b, a}, false
}

// edgeUse counts how an edge occurs in a set of rings.
type edgeUse struct {
	n   int // occurrences, either direction
	net int // occurrences A→B minus B→A
}

// edgeTable counts the edges of oriented polygons, in first-seen order so
// the output is deterministic.
type edgeTable struct {
	use   map[edge]*edgeUse
	order []edge
}

func newEdgeTable() *edgeTable { return &edgeTable{use: map[edge]*edgeUse{}} }

func (t *edgeTable) addRing(r orb.Ring) {
	for i := 0; i+1 < len(r); i++ {
		if r[i] == r[i+1] {
			continue
		}
		e, fwd := mkEdge(r[i], r[i+1])
		u := t.use[e]
		if u == nil {
			u = &edgeUse{}
			t.use[e] = u
			t.order = append(t.order, e)
		}
		u.n++
		if fwd {
			u.net++
		} else {
			u.net--
		}
	}
}

func (t *edgeTable) addRings(rings []orb.Ring) {
	for _, r := range rings {
		t.addRing(r)
	}
}

// shared returns the edges that occur in two or more rings: in a
// topologically built set of countries these are the land borders.
func (t *edgeTable) shared() []edge {
	var out []edge
	for _, e := range t.order {
		if t.use[e].n >= 2 {
			out = append(out, e)
		}
	}
	return out
}

// dissolve returns the union of the polygons as closed rings: the edges
// whose opposite occurrences do not cancel, chained head to tail. The
// polygons must be oriented (outer rings positive, holes negative). Since
// the winding number is a sum over edges, the result fills exactly what
// the polygons fill under the non-zero rule, without inner borders, so
// simplifying it leaves no slivers between neighbours. Outer rings come
// out positive and holes (inland seas enclosed by several countries)
// negative.
func (t *edgeTable) dissolve() ([]orb.Ring, error) {
	type dEdge struct{ from, to orb.Point }
	var edges []dEdge
	for _, e := range t.order {
		u := t.use[e]
		for k := 0; k < u.net; k++ {
			edges = append(edges, dEdge{e.A, e.B})
		}
		for k := 0; k < -u.net; k++ {
			edges = append(edges, dEdge{e.B, e.A})
		}
	}
	out := map[orb.Point][]int{}
	for i, e := range edges {
		out[e.from] = append(out[e.from], i)
	}
	used := make([]bool, len(edges))
	var rings []orb.Ring
	for i := range edges {
		if used[i] {
			continue
		}
		start := edges[i].from
		ring := orb.Ring{start}
		cur := i
		for {
			used[cur] = true
			p := edges[cur].to
			ring = append(ring, p)
			if p == start {
				break
			}
			next := pickTurn(edges[cur].from, p, out[p], used, func(j int) orb.Point { return edges[j].to })
			if next < 0 {
				return nil, fmt.Errorf("dissolve: outline open at %v (unmatched shared edge)", p)
			}
			cur = next
		}
		if len(ring) >= 4 {
			rings = append(rings, ring)
		}
	}
	return rings, nil
}

// pickTurn chooses, among the unused edges cand leaving p, the one that
// turns furthest right (clockwise on screen) coming from prev. Tracing
// that way keeps rings that touch at a vertex apart. It returns -1 if
// there is none.
func pickTurn(prev, p orb.Point, cand []int, used []bool, to func(int) orb.Point) int {
	best, bestAngle := -1, math.Inf(-1)
	dx, dy := p[0]-prev[0], p[1]-prev[1]
	for _, j := range cand {
		if used[j] {
			continue
		}
		q := to(j)
		cx, cy := q[0]-p[0], q[1]-p[1]
		a := math.Atan2(dx*cy-dy*cx, dx*cx+dy*cy)
		if a > bestAngle {
			best, bestAngle = j, a
		}
	}
	return best
}

// chain joins undirected edges into polylines that end where three or
// more edges meet (or at loose ends); closed loops repeat their first
// point. The order follows edges, so the output is deterministic.
func chain(edges []edge) []orb.LineString {
	adj := map[orb.Point][]int{}
	for i, e := range edges {
		adj[e.A] = append(adj[e.A], i)
		adj[e.B] = append(adj[e.B], i)
	}
	used := make([]bool, len(edges))
	other := func(i int, p orb.Point) orb.Point {
		if edges[i].A == p {
			return edges[i].B
		}
		return edges[i].A
	}
	walk := func(i int, from orb.Point) orb.LineString {
		line := orb.LineString{from}
		p := from
		for {
			used[i] = true
			p = other(i, p)
			line = append(line, p)
			if len(adj[p]) != 2 {
				return line
			}
			next := -1
			for _, j := range adj[p] {
				if !used[j] {
					next = j
				}
			}
			if next < 0 {
				return line // closed loop
			}
			i = next
		}
	}
	var lines []orb.LineString
	// Open chains first, from their end nodes, then the loops left over.
	for i, e := range edges {
		for _, p := range []orb.Point{e.A, e.B} {
			if !used[i] && len(adj[p]) != 2 {
				lines = append(lines, walk(i, p))
			}
		}
	}
	for i, e := range edges {
		if !used[i] {
			lines = append(lines, walk(i, e.A))
		}
	}
	return lines
}
