package paint

import "math"

// Stroke rasterisation. The coverage of a pixel is clamp(r − d, 0, 1)·k,
// d being the distance from its centre to the polyline and r the half
// width plus half a pixel. Each pixel near the line is evaluated about
// once: a polyline is split into segment bodies (the pixels whose
// projection falls on the segment, at perpendicular distance) and vertex
// pieces (the pixels whose nearest point is a vertex: a half-disc at each
// end, and at a join the wedge between the two segments' normals on the
// outside of the turn). The coverage of the whole line is the maximum
// over the pieces, which equals the coverage by the true distance, so
// joins are round and nothing is counted twice.

// linePath feeds vertices of one open polyline to a Stroker, drawing each
// segment's body and each vertex's piece as soon as the next vertex is
// known.
type linePath struct {
	s                      *Stroker
	r, kk                  float64 // coverage radius, 255·coverage scale
	n                      int     // vertices pending: 0, 1 (x0) or 2 (x0→x1)
	x0, y0, x1, y1, ux, uy float64 // ux, uy: unit direction of x0→x1
	ext0                   float64 // how far x0→x1's body reaches back past x0
}

func (p *linePath) moveTo(x, y float64) {
	p.end()
	p.x0, p.y0, p.n = x, y, 1
}

func (p *linePath) lineTo(x, y float64) {
	switch p.n {
	case 0:
		p.moveTo(x, y)
	case 1:
		dx, dy := x-p.x0, y-p.y0
		l := math.Hypot(dx, dy)
		if !(l > 1e-9) {
			return // still a single point
		}
		p.x1, p.y1, p.ux, p.uy, p.n, p.ext0 = x, y, dx/l, dy/l, 2, 0
		p.s.vertex(p.x0, p.y0, 0, 0, p.ux, p.uy, p.r, p.kk) // start cap
	default:
		dx, dy := x-p.x1, y-p.y1
		l := math.Hypot(dx, dy)
		if !(l > 1e-9) {
			return
		}
		ux, uy := dx/l, dy/l
		// At a gentle turn (r·sin θ ≤ joinExt) the bodies reach joinExt
		// past the join instead, which covers its thin wedge with an
		// error in the distance of at most r·(1−cos θ) < 0.03 px.
		ext := 0.0
		if cross := p.ux*uy - p.uy*ux; math.Abs(cross)*p.r <= joinExt && p.ux*ux+p.uy*uy > 0 {
			ext = joinExt
		}
		p.s.body(p.x0, p.y0, p.x1, p.y1, p.r, p.kk, p.ext0, ext)
		if ext == 0 {
			p.s.vertex(p.x1, p.y1, p.ux, p.uy, ux, uy, p.r, p.kk) // join
		}
		p.ext0 = ext
		p.x0, p.y0, p.x1, p.y1, p.ux, p.uy = p.x1, p.y1, x, y, ux, uy
	}
}

// joinExt is how far, in pixels, segment bodies extend past a join.
const joinExt = 0.25

// end finishes the polyline: a dot for a single point, else the last body
// and the end cap.
func (p *linePath) end() {
	switch p.n {
	case 1:
		p.s.vertex(p.x0, p.y0, 0, 0, 0, 0, p.r, p.kk)
	case 2:
		p.s.body(p.x0, p.y0, p.x1, p.y1, p.r, p.kk, p.ext0, 0)
		p.s.vertex(p.x1, p.y1, p.ux, p.uy, 0, 0, p.r, p.kk)
	}
	p.n, p.ext0 = 0, 0
}

// body draws the pixels beside segment a→b (local coordinates): those
// whose centre projects onto the segment, extended by e0 before a and e1
// past b, and lies within r of it.
func (s *Stroker) body(ax, ay, bx, by, r, kk, e0, e1 float64) {
	m := r + 1
	x1, y1 := float64(s.cw)+m, float64(s.ch)+m
	if max(ax, bx) < -m || min(ax, bx) > x1 || max(ay, by) < -m || min(ay, by) > y1 {
		return
	}
	if min(ax, bx) < -m || max(ax, bx) > x1 || min(ay, by) < -m || max(ay, by) > y1 {
		t0, t1, in := clipSegment(ax, ay, bx, by, -m, -m, x1, y1)
		if !in {
			return
		}
		dx, dy := bx-ax, by-ay
		ax, ay, bx, by = ax+t0*dx, ay+t0*dy, ax+t1*dx, ay+t1*dy
	}
	dx, dy := bx-ax, by-ay
	l2 := dx*dx + dy*dy
	if !(l2 > 1e-12) {
		return // the vertex pieces cover it
	}
	l := math.Sqrt(l2)
	// How far the body reaches past a and b in y.
	ext := (r*math.Abs(dx) + max(e0, e1)*math.Abs(dy)) / l
	j0 := max(0, ceilInt(min(ay, by)-ext-0.5))
	j1 := min(s.ch-1, floorInt(max(ay, by)+ext-0.5))
	// On row centre y = ay+ey, the body is the x interval where
	//   |perp| = |(x−ax)·dy − ey·dx|/l ≤ r   (slab), and
	//   −e0·l ≤ (x−ax)·dx + ey·dy ≤ l² + e1·l (projection on the segment).
	// Both bounds move linearly with ey.
	slab, proj := math.Abs(dy) > 1e-9, math.Abs(dx) > 1e-9
	var sq, shalf, pq, pw float64
	if slab {
		sq, shalf = dx/dy, r*l/math.Abs(dy)
	}
	var pb float64
	if proj {
		pq, pb, pw = dy/dx, -e0*l/dx, (l2+(e0+e1)*l)/dx
	}
	invL := 1 / l
	full := uint8(kk + 0.5)
	cwf := float64(s.cw)
	if pw < 0 {
		pb, pw = pb+pw, -pw
	}
	for j := j0; j <= j1; j++ {
		ey := float64(j) + 0.5 - ay
		// The x interval of pixel centres, kept within [-1, cw+1] so
		// that the int conversions below are plain truncations.
		xl, xr := -1.0, cwf+1
		if slab {
			xs := ax + ey*sq
			if v := xs - shalf; v > xl {
				xl = v
			}
			if v := xs + shalf; v < xr {
				xr = v
			}
		}
		if !proj {
			if v := ey * dy; v < -e0*l || v > l2+e1*l {
				continue // a vertical body ends at its rows
			}
		} else {
			xp := ax - ey*pq + pb
			if xp > xl {
				xl = xp
			}
			if v := xp + pw; v < xr {
				xr = v
			}
		}
		if !(xl <= xr) {
			continue
		}
		i0 := max(0, ceilInt(xl-0.5))
		i1 := min(s.cw-1, int(xr+1.5)-2) // ⌊xr−0.5⌋ for xr ≥ −1
		e := ((float64(i0)+0.5-ax)*dy - ey*dx) * invL
		de := dy * invL
		for i0 <= i1 {
			end := min(i1, i0|tileMask)
			row := s.tileRow(i0>>tileShift, j)
			for i := i0; i <= end; i++ {
				c := r - math.Abs(e)
				e += de
				if c <= 0 {
					continue
				}
				v := full
				if c < 1 {
					v = uint8(c*kk + 0.5)
				}
				if p := &row[i&tileMask]; v > *p {
					*p = v
				}
			}
			i0 = end + 1
		}
	}
}

// vertex draws the pixels within r of vertex (vx, vy) that lie ahead of
// the incoming direction (ix, iy) and behind the outgoing one (ox, oy):
// the pixels whose nearest point on the line is the vertex. A zero
// direction means none: a start cap has no incoming direction, an end cap
// no outgoing one, and a lone point neither (a full disc).
func (s *Stroker) vertex(vx, vy, ix, iy, ox, oy, r, kk float64) {
	m := r + 1
	if vx < -m || vx > float64(s.cw)+m || vy < -m || vy > float64(s.ch)+m {
		return
	}
	j0 := max(0, ceilInt(vy-r-0.5))
	j1 := min(s.ch-1, floorInt(vy+r-0.5))
	r2 := r * r
	in2 := -1.0 // squared distance under which coverage is full
	if r > 1 {
		in2 = (r - 1) * (r - 1)
	}
	full := uint8(kk + 0.5)
	for j := j0; j <= j1; j++ {
		ey := float64(j) + 0.5 - vy
		h := r2 - ey*ey
		if h <= 0 {
			continue
		}
		w := math.Sqrt(h)
		xl, xr := vx-w, vx+w
		// Ahead of the incoming direction: (x−vx)·ix + ey·iy > 0; behind
		// the outgoing one: (x−vx)·ox + ey·oy < 0, i.e. with −o > 0.
		var ok bool
		if xl, xr, ok = halfPlane(xl, xr, vx, ey, ix, iy); !ok {
			continue
		}
		if xl, xr, ok = halfPlane(xl, xr, vx, ey, -ox, -oy); !ok {
			continue
		}
		i0 := max(0, ceilInt(xl-0.5))
		i1 := min(s.cw-1, floorInt(xr-0.5))
		ey2 := ey * ey
		for i0 <= i1 {
			end := min(i1, i0|tileMask)
			row := s.tileRow(i0>>tileShift, j)
			for i := i0; i <= end; i++ {
				ex := float64(i) + 0.5 - vx
				d2 := ex*ex + ey2
				if d2 >= r2 {
					continue
				}
				v := full
				if d2 > in2 {
					v = uint8((r-math.Sqrt(d2))*kk + 0.5)
				}
				if p := &row[i&tileMask]; v > *p {
					*p = v
				}
			}
			i0 = end + 1
		}
	}
}

// halfPlane intersects the x interval [xl, xr] of the row at ey (relative
// to vy) with the half-plane (x−vx)·ux + ey·uy ≥ 0. A zero u leaves it
// unchanged. ok is false when the result is empty.
func halfPlane(xl, xr, vx, ey, ux, uy float64) (float64, float64, bool) {
	const eps = 1e-9
	switch {
	case ux > eps:
		xl = max(xl, vx-ey*uy/ux)
	case ux < -eps:
		xr = min(xr, vx-ey*uy/ux)
	case uy != 0 && ey*uy < 0:
		return xl, xr, false
	}
	return xl, xr, xl <= xr
}

// clipSegment clips a→b to the box [x0,x1]×[y0,y1] (Liang–Barsky) and
// returns the parameter range inside it.
func clipSegment(ax, ay, bx, by, x0, y0, x1, y1 float64) (t0, t1 float64, ok bool) {
	t0, t1 = 0, 1
	dx, dy := bx-ax, by-ay
	ps := [4]float64{-dx, dx, -dy, dy}
	qs := [4]float64{ax - x0, x1 - ax, ay - y0, y1 - ay}
	for i, p := range ps {
		q := qs[i]
		if p == 0 {
			if q < 0 {
				return 0, 0, false
			}
			continue
		}
		t := q / p
		if p < 0 {
			if t > t1 {
				return 0, 0, false
			}
			t0 = max(t0, t)
		} else {
			if t < t0 {
				return 0, 0, false
			}
			t1 = min(t1, t)
		}
	}
	return t0, t1, true
}

// ceilInt and floorInt round v (|v| < 2⁶²) up or down to an int.
func ceilInt(v float64) int {
	i := int(v)
	if float64(i) < v {
		i++
	}
	return i
}

func floorInt(v float64) int {
	i := int(v)
	if float64(i) > v {
		i--
	}
	return i
}
