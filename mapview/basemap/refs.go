package basemap

// A part whose points repeat a run of an earlier layer's part is stored as
// a reference to it. The converter produces many: coastlines are runs of
// the land rings of their band, and the 50m geometry outside the frontier
// box is the same in both bands at zoom 5 and above.

// ref locates a run of points in an earlier layer: points start,
// start+1, ... of part part of layer layer, wrapping around if that part
// is a fill ring (so a closed coastline may repeat a ring's first point).
type ref struct {
	ok                 bool
	layer, part, start int
}

// qlayer is a layer's points on the grid.
type qlayer struct {
	class Class
	start []int32
	q     []int64 // interleaved x,y grid coordinates
}

func (l *qlayer) parts() int {
	if len(l.start) == 0 {
		return 0
	}
	return len(l.start) - 1
}

// point returns point k of a part, wrapping around a ring.
func (l *qlayer) point(part, k int) (x, y int64) {
	s, e := int(l.start[part]), int(l.start[part+1])
	if k >= e-s {
		k %= e - s
	}
	i := 2 * (s + k)
	return l.q[i], l.q[i+1]
}

// runLen is how many points a run starting at point k of part may cover:
// once around a ring and back to its start, or to a line's end.
func (l *qlayer) runLen(part, k int) int {
	n := int(l.start[part+1] - l.start[part])
	if l.class.Filled() {
		return n + 1
	}
	return n - k
}

type segKey [4]int64

type loc struct{ layer, part, idx int32 }

// maxCandidates bounds the places remembered per segment.
const maxCandidates = 4

// findRefs returns, per layer and part, the earlier run each part repeats
// (ok false where it repeats none).
func findRefs(layers []qlayer) [][]ref {
	index := map[segKey][]loc{}
	out := make([][]ref, len(layers))
	for li := range layers {
		l := &layers[li]
		out[li] = make([]ref, l.parts())
		for p := range l.parts() {
			out[li][p] = match(layers, index, l, p)
		}
		// Index this layer's segments for the layers after it.
		for p := range l.parts() {
			n := int(l.start[p+1] - l.start[p])
			last := n - 1
			if l.class.Filled() {
				last = n
			}
			for k := 0; k < last; k++ {
				x0, y0 := l.point(p, k)
				x1, y1 := l.point(p, k+1)
				key := segKey{x0, y0, x1, y1}
				if c := index[key]; len(c) < maxCandidates {
					index[key] = append(c, loc{int32(li), int32(p), int32(k)})
				}
			}
		}
	}
	return out
}

// match finds an earlier run equal to part p of l.
func match(layers []qlayer, index map[segKey][]loc, l *qlayer, p int) ref {
	n := int(l.start[p+1] - l.start[p])
	if n < 2 {
		return ref{}
	}
	x0, y0 := l.point(p, 0)
	x1, y1 := l.point(p, 1)
	for _, c := range index[segKey{x0, y0, x1, y1}] {
		src := &layers[c.layer]
		if src.runLen(int(c.part), int(c.idx)) < n {
			continue
		}
		same := true
		for k := 2; k < n && same; k++ {
			ax, ay := l.point(p, k)
			bx, by := src.point(int(c.part), int(c.idx)+k)
			same = ax == bx && ay == by
		}
		if same {
			return ref{true, int(c.layer), int(c.part), int(c.idx)}
		}
	}
	return ref{}
}
