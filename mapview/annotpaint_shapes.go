package mapview

import (
	"image/color"
	"math"

	"frontier/data"
)

// strokeLine strokes the device-pixel line xy in st's colour, width and
// dash (closed: back to its first point).
func (p *annotPainter) strokeLine(xy []float64, st *annotStyle, closed bool) {
	if !(st.width > 0) || st.stroke.A == 0 || len(xy) < 2 {
		return
	}
	if closed && len(xy) >= 4 {
		xy = append(xy, xy[0], xy[1])
		p.xy = xy // keep the grown buffer
	}
	p.stroke.Begin(p.img, p.clip)
	p.addStyled(xy, st)
	p.stroke.Finish(st.stroke)
}

// addStyled adds xy to the stroke batch with st's width and dash pattern.
// A dash is four widths long (at least 8 logical px), a gap two and a half
// (at least 5); dots are a width across, about two and a half apart.
func (p *annotPainter) addStyled(xy []float64, st *annotStyle) {
	w, s := st.width, p.s
	switch st.dash {
	case data.DashDashed:
		dash := max(4*w, 8*s)
		gap := max(2.5*w, 5*s)
		// Round caps reach w/2 past each end of a dash.
		p.stroke.AddDashed(xy, w, dash-w, gap+w)
	case data.DashDotted:
		p.stroke.AddDashed(xy, w, 0, w+max(1.5*w, 3*s))
	default:
		p.stroke.Add(xy, w)
	}
}

// addEndTicks adds a tick of half-length half across each end of xy.
func (p *annotPainter) addEndTicks(xy []float64, w, half float64) {
	for _, end := range [2]bool{false, true} {
		x, y, ux, uy, ok := endDirection(xy, end, 0.5)
		if !ok {
			continue
		}
		t := p.aux[:0]
		t = append(t, x-uy*half, y+ux*half, x+uy*half, y-ux*half)
		p.aux = t
		p.stroke.Add(t, w)
	}
}

// endDirection returns an end point of xy and the unit direction of the
// line there (pointing out of the line at the last point, into it at the
// first), taken from the first point at least minDist away along the
// line.
func endDirection(xy []float64, last bool, minDist float64) (x, y, ux, uy float64, ok bool) {
	n := len(xy) / 2
	if n < 2 {
		return 0, 0, 0, 0, false
	}
	i, step := 0, 1
	if last {
		i, step = n-1, -1
	}
	x, y = xy[2*i], xy[2*i+1]
	for j := i + step; j >= 0 && j < n; j += step {
		dx, dy := x-xy[2*j], y-xy[2*j+1]
		if d := math.Hypot(dx, dy); d >= minDist && d < math.Inf(1) {
			if !last {
				dx, dy = -dx, -dy
			}
			return x, y, dx / d, dy / d, true
		}
	}
	return 0, 0, 0, 0, false
}

// fillRing fills the device-pixel ring xy with c.
func (p *annotPainter) fillRing(xy []float64, c color.RGBA) {
	if c.A == 0 || len(xy) < 6 {
		return
	}
	p.fill.Reset(p.clip)
	p.fill.AddRing(xy)
	p.fill.Fill(p.img, c)
}

// arrowLength is the length in device pixels of an arrowhead on a line
// of width w at device scale s.
func arrowLength(w, s float64) float64 { return max(10*s, 3*w+6*s) }

// drawArrow strokes xy and puts a filled arrowhead at its last point; the
// line stops inside the head so its cap does not show past the tip.
func (p *annotPainter) drawArrow(xy []float64, st *annotStyle) {
	if !(st.width > 0) || st.stroke.A == 0 {
		return
	}
	l := arrowLength(st.width, p.s)
	total := pathLength(xy)
	l = min(l, max(0.75*total, 4*p.s))
	tx, ty, ux, uy, ok := endDirection(xy, true, l/2)
	if !ok {
		tx, ty, ux, uy, ok = endDirection(xy, true, 0.01)
	}
	if !ok {
		p.strokeLine(xy, st, false)
		return
	}
	xy = trimEnd(xy, 0.6*l)
	p.xy = xy
	p.strokeLine(xy, st, false)
	h := 0.5 * l
	bx, by := tx-ux*l, ty-uy*l
	head := p.aux[:0]
	head = append(head, tx, ty, bx-uy*h, by+ux*h, bx+uy*h, by-ux*h)
	p.aux = head
	p.fillRing(head, st.stroke)
}

// pathLength returns the length of the polyline xy.
func pathLength(xy []float64) float64 {
	l := 0.0
	for i := 2; i+1 < len(xy); i += 2 {
		l += math.Hypot(xy[i]-xy[i-2], xy[i+1]-xy[i-1])
	}
	return l
}

// trimEnd shortens the polyline xy by d along its length from the end
// (in place) and returns it; at least its first point stays.
func trimEnd(xy []float64, d float64) []float64 {
	for n := len(xy) / 2; n >= 2 && d > 0; n = len(xy) / 2 {
		ax, ay, bx, by := xy[2*n-4], xy[2*n-3], xy[2*n-2], xy[2*n-1]
		l := math.Hypot(bx-ax, by-ay)
		if !(l < math.Inf(1)) {
			break
		}
		if l > d {
			t := d / l
			xy[2*n-2], xy[2*n-1] = bx+(ax-bx)*t, by+(ay-by)*t
			break
		}
		xy = xy[:2*n-2]
		d -= l
	}
	return xy
}

// pathMidpoint returns the point half-way along the polyline xy and the
// unit direction of the line there ((1, 0) when it has no length).
func pathMidpoint(xy []float64) (x, y, ux, uy float64) {
	if len(xy) < 2 {
		return math.NaN(), math.NaN(), 1, 0
	}
	half := pathLength(xy) / 2
	for i := 2; i+1 < len(xy); i += 2 {
		dx, dy := xy[i]-xy[i-2], xy[i+1]-xy[i-1]
		l := math.Hypot(dx, dy)
		if l >= half && l > 0 {
			t := half / l
			return xy[i-2] + dx*t, xy[i-1] + dy*t, dx / l, dy / l
		}
		half -= l
	}
	return xy[0], xy[1], 1, 0
}

// ringCentroid returns the area centroid of the ring xy (its vertex mean
// when it has no area).
func ringCentroid(xy []float64) (float64, float64) {
	n := len(xy) / 2
	if n == 0 {
		return math.NaN(), math.NaN()
	}
	ox, oy := xy[0], xy[1]
	var a2, cx, cy, mx, my float64
	for i := 0; i < n; i++ {
		j := (i + 1) % n
		x0, y0 := xy[2*i]-ox, xy[2*i+1]-oy
		x1, y1 := xy[2*j]-ox, xy[2*j+1]-oy
		c := x0*y1 - x1*y0
		a2 += c
		cx += (x0 + x1) * c
		cy += (y0 + y1) * c
		mx, my = mx+x0, my+y0
	}
	if math.Abs(a2) < 1e-9 {
		return ox + mx/float64(n), oy + my/float64(n)
	}
	return ox + cx/(3*a2), oy + cy/(3*a2)
}

// drawCircle draws a geodesic circle at the world copy shift: its ring
// at a vertex count fitted to its size, filled and stroked, its label at
// the centre and, when emph, its radius beside the radius handle. A circle
// round a pole fills to that pole's edge of the map, one round both fills
// all but the inside of its ring; those draw every world copy at once
// (shift 0) so the copies' fills meet without a seam.
func (p *annotPainter) drawCircle(a *data.Annotation, g *annotGeom, shift float64, st *annotStyle, emph bool) {
	rpx := circlePixelRadius(p.v, g.cy, a.Radius, g.cap)
	if n := circleVerts(rpx); g.ringN != n {
		g.ring = circleRing(g.ring, a.Points[0], a.Radius, n)
		g.ringN = n
	}
	if len(g.ring) < 6 {
		return
	}
	if g.cap == capNone {
		ring := p.project(g.ring, shift)
		p.fillRing(ring, st.fill)
		p.strokeLine(ring, st, false)
	} else {
		if shift != 0 {
			return
		}
		p.drawCapCircle(g, st)
	}
	cx, cy := p.pixel(g.cx, g.cy, shift)
	if a.Label != "" {
		// Above the centre, clear of its handle.
		p.queue(a.Label, cx, cy, labelAbove, st.textPx, true, st.ink, handleSide*p.s)
	}
	if emph {
		e := data.GeoDestination(a.Points[0], 90, a.Radius)
		ex, ey := data.Mercator(e[0], e[1])
		if ex < g.cx {
			ex++ // east of the centre, across the antimeridian
		}
		x, y := p.pixel(ex, ey, shift)
		p.queue(formatDistance(a.Radius), x+(radiusHandleR+labelGap)*p.s, y, labelRight, 12*p.s, true, annotRadiusInk, 0)
	}
}

// drawCapCircle draws a circle that holds a pole (or both) at every world
// copy: one fill pass for all copies, then the stroke.
func (p *annotPainter) drawCapCircle(g *annotGeom, st *annotStyle) {
	n := len(g.ring)
	span := g.ring[n-2] - g.ring[0] // ±1 round one pole, 0 round both
	if st.fill.A != 0 {
		p.fill.Reset(p.clip)
		if g.cap == capBoth {
			x0, y0 := p.pixel(0, 0, 0)
			x1, y1 := p.pixel(1, 1, 0)
			p.aux = append(p.aux[:0], x0, y0, x1, y0, x1, y1, x0, y1)
			p.fill.AddRing(p.aux)
		}
		poleY := 0.0
		if g.cap == capSouth {
			poleY = 1
		}
		for shift := -1.0; shift <= 1; shift++ {
			ring := p.project(g.ring, shift)
			switch g.cap {
			case capBoth:
				// A hole: the ring must wind against the world's ring.
				if ringArea(ring) > 0 {
					reversePairs(ring)
				}
			default:
				if math.Abs(span) < 0.5 {
					continue // not round the pole after all: leave it unfilled
				}
				_, py := p.pixel(0, poleY, 0)
				ring = append(ring, ring[len(ring)-2], py, ring[0], py)
				p.xy = ring
			}
			p.fill.AddRing(ring)
		}
		p.fill.Fill(p.img, st.fill)
	}
	for shift := -1.0; shift <= 1; shift++ {
		p.strokeLine(p.project(g.ring, shift), st, false)
	}
}

// ringArea returns twice the signed area of the ring xy (positive when
// clockwise on screen, y down).
func ringArea(xy []float64) float64 {
	n := len(xy) / 2
	a := 0.0
	for i := 0; i < n; i++ {
		j := (i + 1) % n
		a += xy[2*i]*xy[2*j+1] - xy[2*j]*xy[2*i+1]
	}
	return a
}

// reversePairs reverses the order of the x, y pairs of xy in place.
func reversePairs(xy []float64) {
	for i, j := 0, len(xy)-2; i < j; i, j = i+2, j-2 {
		xy[i], xy[j] = xy[j], xy[i]
		xy[i+1], xy[j+1] = xy[j+1], xy[i+1]
	}
}
