package main

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/simplify"

	"frontier/data"
	"frontier/mapview/basemap"
)

// merc projects a lon/lat point to normalised Web Mercator, clamped to
// [0,1] (data.Mercator overshoots the poles by about 1e-15).
func merc(p orb.Point) orb.Point {
	x, y := data.Mercator(p[0], p[1])
	return orb.Point{min(max(x, 0), 1), min(max(y, 0), 1)}
}

// The frontier box in normalised Mercator. Mercator is separable, so the
// lon/lat box is a rectangle here too; Y0 (lat 42) is its top.
var (
	boxX0, boxY0 = data.Mercator(basemap.FrontierLon0, basemap.FrontierLat1)
	boxX1, boxY1 = data.Mercator(basemap.FrontierLon1, basemap.FrontierLat0)
	frontierBox  = orb.Bound{Min: orb.Point{boxX0, boxY0}, Max: orb.Point{boxX1, boxY1}}
	// outsideStrips tile the world outside the frontier box: full-height
	// strips west and east of it, and strips north and south of it
	// between them. They share edges but no area.
	outsideStrips = []orb.Bound{
		{Min: orb.Point{0, 0}, Max: orb.Point{boxX0, 1}},
		{Min: orb.Point{boxX1, 0}, Max: orb.Point{1, 1}},
		{Min: orb.Point{boxX0, 0}, Max: orb.Point{boxX1, boxY0}},
		{Min: orb.Point{boxX0, boxY1}, Max: orb.Point{boxX1, 1}},
	}
	worldBox = orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}}
)

// tolerance is half a pixel at zoom z (world 256·2^z pixels wide), in
// normalised units: the Douglas–Peucker threshold for a band ending at z.
func tolerance(z float64) float64 { return 0.5 / (256 * math.Exp2(z)) }

// projectLine projects a lon/lat line and drops consecutive duplicates
// (which clamping the poles can create). A line that jumps across the
// antimeridian is split there. Lines with fewer than two distinct points
// are dropped.
func projectLine(ls orb.LineString) []orb.LineString {
	var out []orb.LineString
	var cur orb.LineString
	for i, p := range ls {
		if i > 0 && math.Abs(p[0]-ls[i-1][0]) > 180 {
			out, cur = appendLine(out, cur), nil
		}
		if q := merc(p); len(cur) == 0 || cur[len(cur)-1] != q {
			cur = append(cur, q)
		}
	}
	return appendLine(out, cur)
}

func appendLine(out []orb.LineString, l orb.LineString) []orb.LineString {
	if len(l) >= 2 {
		out = append(out, l)
	}
	return out
}

// closeRing cleans a ring in place: drops consecutive duplicates and
// makes it closed (first point repeated last, orb's convention while
// converting). It returns nil if fewer than three distinct points remain.
func closeRing(r orb.Ring) orb.Ring {
	out := r[:0]
	for _, p := range r {
		if len(out) == 0 || out[len(out)-1] != p {
			out = append(out, p)
		}
	}
	for len(out) > 1 && out[len(out)-1] == out[0] {
		out = out[:len(out)-1]
	}
	if len(out) < 3 {
		return nil
	}
	return append(out, out[0])
}

// unwrapRing returns a copy of a lon/lat ring with its longitudes made
// continuous. Natural Earth via world-atlas has edges that cross the
// antimeridian (Russia, Fiji, Antarctica: an edge from lon 179.9 to
// -180); after unwrapping such a ring runs past ±180 instead.
func unwrapRing(r orb.Ring) orb.Ring {
	out := make(orb.Ring, len(r), len(r)+1)
	off := 0.0
	for i, p := range r {
		if i > 0 {
			switch d := p[0] + off - out[i-1][0]; {
			case d > 180:
				off -= 360
			case d < -180:
				off += 360
			}
		}
		out[i] = orb.Point{p[0] + off, p[1]}
	}
	return out
}

// projectRing projects a lon/lat ring into a new closed ring (nil if
// degenerate), unwrapped (see unwrapRing), so x may leave [0,1]; wrapRing
// cuts it back.
func projectRing(r orb.Ring) orb.Ring {
	out := unwrapRing(r)
	for i, p := range out {
		_, y := data.Mercator(0, p[1])
		out[i] = orb.Point{(p[0] + 180) / 360, min(max(y, 0), 1)}
	}
	return closeRing(out)
}

// wrapRing cuts an unwrapped ring at the antimeridian: it clips the ring
// and its copies shifted one world east and west to the world with
// orb/clip. Rings inside the world come back unchanged.
func wrapRing(r orb.Ring) []orb.Ring {
	b := r.Bound()
	if b.Min[0] >= 0 && b.Max[0] <= 1 {
		return []orb.Ring{r}
	}
	var out []orb.Ring
	for _, shift := range []float64{-1, 0, 1} {
		if b.Max[0]+shift <= 0 || b.Min[0]+shift >= 1 {
			continue
		}
		s := make(orb.Ring, len(r))
		for i, p := range r {
			s[i] = orb.Point{p[0] + shift, p[1]}
		}
		if c := clip.Ring(worldBox, s); c != nil {
			if c = closeRing(c); c != nil && shoelace(c) != 0 {
				out = append(out, c)
			}
		}
	}
	return out
}

// projectPolygon projects a polygon into oriented rings, outer ring
// positive and holes negative (see shoelace), cut at the antimeridian.
// Degenerate rings are dropped; nil if the outer ring is degenerate. The
// rings need no grouping: a non-zero fill of all of them is the polygon.
func projectPolygon(p orb.Polygon) []orb.Ring {
	var out []orb.Ring
	for i, r := range p {
		pr := projectRing(r)
		if pr == nil || shoelace(pr) == 0 {
			if i == 0 {
				return nil
			}
			continue
		}
		if (i == 0) != (shoelace(pr) > 0) {
			pr.Reverse()
		}
		out = append(out, wrapRing(pr)...)
	}
	return out
}

// shoelace returns Σ(x_i·y_{i+1} − x_{i+1}·y_i) over a closed ring: twice
// the signed area, positive for the orientation basemap wants for outer
// rings in y-down Mercator.
func shoelace(r orb.Ring) float64 {
	s := 0.0
	if len(r) == 0 {
		return 0
	}
	ox, oy := r[0][0], r[0][1] // shift for precision
	for i := 0; i+1 < len(r); i++ {
		s += (r[i][0]-ox)*(r[i+1][1]-oy) - (r[i+1][0]-ox)*(r[i][1]-oy)
	}
	return s
}

// simplifyRings simplifies closed rings with Douglas–Peucker at tol
// (tol 0: no change) and drops rings left with less than three distinct
// points, no area, or the opposite orientation. The input is not modified.
func simplifyRings(rings []orb.Ring, tol float64) []orb.Ring {
	out := make([]orb.Ring, 0, len(rings))
	dp := simplify.DouglasPeucker(tol)
	for _, r := range rings {
		sign := shoelace(r) > 0
		r = r.Clone()
		if tol > 0 {
			r = dp.Ring(r)
		}
		// Drop rings that collapse or whose orientation flips.
		if r = closeRing(r); r != nil && shoelace(r) != 0 && shoelace(r) > 0 == sign {
			out = append(out, r)
		}
	}
	return out
}

// simplifyLines simplifies lines with Douglas–Peucker at tol (0: no
// change), dropping lines that collapse to a point. The input is not
// modified.
func simplifyLines(lines []orb.LineString, tol float64) []orb.LineString {
	out := make([]orb.LineString, 0, len(lines))
	dp := simplify.DouglasPeucker(tol)
	for _, l := range lines {
		l = l.Clone()
		if tol > 0 {
			l = dp.LineString(l)
		}
		if len(l) >= 3 || len(l) == 2 && l[0] != l[1] {
			out = append(out, l)
		}
	}
	return out
}

// clipRings clips each closed ring to each bound with orb/clip
// (Sutherland–Hodgman), which keeps the winding number of every point
// inside the bound, so rings and holes can be clipped independently.
func clipRings(rings []orb.Ring, bounds []orb.Bound) []orb.Ring {
	var out []orb.Ring
	for _, r := range rings {
		rb := r.Bound()
		for _, b := range bounds {
			if !rb.Intersects(b) {
				continue
			}
			c := clip.Ring(b, r.Clone())
			if c == nil {
				continue
			}
			if c = closeRing(c); c != nil && shoelace(c) != 0 {
				out = append(out, c)
			}
		}
	}
	return out
}

// clipLines clips lines to the union of bounds that share only edges
// (outsideStrips), joining the pieces of one line that meet where it
// crosses from one bound into the next.
func clipLines(lines []orb.LineString, bounds []orb.Bound) []orb.LineString {
	var out []orb.LineString
	for _, l := range lines {
		lb := l.Bound()
		var pieces []orb.LineString
		for _, b := range bounds {
			if !lb.Intersects(b) {
				continue
			}
			for _, p := range clip.LineString(b, l.Clone()) {
				if len(p) >= 2 && !(len(p) == 2 && p[0] == p[1]) {
					pieces = append(pieces, p)
				}
			}
		}
		out = append(out, joinPieces(pieces)...)
	}
	return out
}

// joinPieces joins lines where one ends exactly where another starts.
func joinPieces(pieces []orb.LineString) []orb.LineString {
	for joined := true; joined; {
		joined = false
		for i := 0; i < len(pieces) && !joined; i++ {
			for j := range pieces {
				a, b := pieces[i], pieces[j]
				if i != j && a[len(a)-1] == b[0] {
					pieces[i] = append(a, b[1:]...)
					pieces = append(pieces[:j], pieces[j+1:]...)
					joined = true
					break
				}
			}
		}
	}
	return pieces
}

// onFrame reports whether segment a-c lies on one of the four lines
// through the sides of bound b (anywhere along them, not only between the
// corners).
func onFrame(a, c orb.Point, b orb.Bound) bool {
	const eps = 1e-12
	same := func(u, v, w float64) bool { return math.Abs(u-w) < eps && math.Abs(v-w) < eps }
	return same(a[0], c[0], b.Min[0]) || same(a[0], c[0], b.Max[0]) ||
		same(a[1], c[1], b.Min[1]) || same(a[1], c[1], b.Max[1])
}

// splitAt splits a closed ring into open lines, leaving out the edges for
// which drop is true. A ring without dropped edges is returned whole, as
// a closed line.
func splitAt(r orb.Ring, drop func(a, b orb.Point) bool) []orb.LineString {
	n := len(r) - 1 // edges
	first := -1
	for i := range n {
		if drop(r[i], r[i+1]) {
			first = i
			break
		}
	}
	if first < 0 {
		return []orb.LineString{orb.LineString(r.Clone())}
	}
	var out []orb.LineString
	var cur orb.LineString
	// Start after a dropped edge so no kept run wraps around the end.
	for k := 1; k <= n; k++ {
		i := (first + k) % n
		a, b := r[i], r[i+1]
		if drop(a, b) {
			if len(cur) >= 2 {
				out = append(out, cur)
			}
			cur = nil
			continue
		}
		if len(cur) == 0 {
			cur = append(cur, a)
		}
		cur = append(cur, b)
	}
	if len(cur) >= 2 {
		out = append(out, cur)
	}
	return out
}
