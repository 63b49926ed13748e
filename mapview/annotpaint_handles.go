package mapview

import (
	"image"
	"math"

	"github.com/paulmach/orb"

	"frontier/data"
	"frontier/mapview/paint"
)

// appendHandles appends AnnotationHandles(a) to dst without allocating
// beyond dst's growth (the painter draws the handles of a selected line
// of thousands of points every frame). A test keeps the two equal.
func appendHandles(dst []Handle, a *data.Annotation) []Handle {
	pts := a.Points
	switch a.Kind {
	case data.KindRectangle:
		if len(pts) != 2 {
			return dst
		}
		p, q := pts[0], pts[1]
		for i, c := range [4][2]float64{{p[0], p[1]}, {q[0], p[1]}, {q[0], q[1]}, {p[0], q[1]}} {
			dst = append(dst, Handle{Kind: HandleVertex, Index: i, Lon: c[0], Lat: c[1]})
		}
	case data.KindCircle:
		if len(pts) != 1 {
			return dst
		}
		dst = append(dst, Handle{Kind: HandleVertex, Index: 0, Lon: pts[0][0], Lat: pts[0][1]})
		e := data.GeoDestination(pts[0], 90, a.Radius)
		dst = append(dst, Handle{Kind: HandleRadius, Index: 0, Lon: e[0], Lat: e[1]})
	case data.KindFreehand:
		if len(pts) > 0 {
			last := len(pts) - 1
			dst = append(dst, Handle{Kind: HandleVertex, Index: 0, Lon: pts[0][0], Lat: pts[0][1]},
				Handle{Kind: HandleVertex, Index: last, Lon: pts[last][0], Lat: pts[last][1]})
		}
	default:
		for i, p := range pts {
			dst = append(dst, Handle{Kind: HandleVertex, Index: i, Lon: p[0], Lat: p[1]})
		}
		if a.Kind == data.KindPolyline || a.Kind == data.KindArrow || a.Kind == data.KindPolygon {
			n := len(pts) - 1
			if a.Kind == data.KindPolygon {
				n = len(pts)
			}
			for i := 0; i < n; i++ {
				p, q := pts[i], pts[(i+1)%len(pts)]
				dst = append(dst, Handle{Kind: HandleMidpoint, Index: i, Lon: (p[0] + q[0]) / 2, Lat: (p[1] + q[1]) / 2})
			}
		}
	}
	return dst
}

// drawHandles draws a's drag handles: white squares with a dark outline at
// the vertices, small discs at the midpoints and a blue diamond on a
// circle's radius, joined to the centre by a thin dashed line. g and merc
// are a's cached outline, which gives the vertices' pixels without
// projecting them again. Where vertices crowd (a dense line zoomed out), a
// vertex handle within half a handle of the last one drawn is left out,
// and midpoint handles show only on segments three handles long.
func (p *annotPainter) drawHandles(a *data.Annotation, g *annotGeom, merc []float64) {
	p.handles = appendHandles(p.handles[:0], a)
	var m []float64
	if g.off <= g.end && g.end <= len(merc) {
		m = merc[g.off:g.end]
	}
	s := p.s
	cached := a.Kind != data.KindRangeBearing && a.Kind != data.KindCircle && len(m) == 2*len(a.Points)
	if a.Kind == data.KindRectangle {
		cached = len(m) == 8
	}
	vertex := func(i int) (float64, float64) {
		if cached && i >= 0 && 2*i+1 < len(m) {
			return p.pixel(m[2*i], m[2*i+1], 0)
		}
		if i >= 0 && i < len(a.Points) {
			return p.v.LonLatToPixel(a.Points[i])
		}
		return math.NaN(), math.NaN()
	}
	on := func(x, y float64) bool {
		m := 12 * s
		return x >= -m && y >= -m && x <= 2*p.half[0]+m && y <= 2*p.half[1]+m
	}
	room := 3 * handleSide * s
	for _, h := range p.handles {
		if h.Kind != HandleMidpoint || !cached {
			continue
		}
		x0, y0 := vertex(h.Index)
		x1, y1 := vertex((h.Index + 1) % len(a.Points))
		if !(math.Hypot(x1-x0, y1-y0) >= room) {
			continue
		}
		if x, y := p.v.LonLatToPixel(orb.Point{h.Lon, h.Lat}); on(x, y) {
			p.stamp.Disc(p.img, x, y, midHandleR*s, annotMidFill, annotHandleInk, s)
		}
	}
	lastX, lastY := math.Inf(1), math.Inf(1)
	crowd := handleSide * s / 2
	for k, h := range p.handles {
		if h.Kind != HandleVertex {
			continue
		}
		x, y := vertex(h.Index)
		final := k+1 == len(p.handles) || p.handles[k+1].Kind != HandleVertex
		if !on(x, y) || (!final && math.Abs(x-lastX) < crowd && math.Abs(y-lastY) < crowd) {
			continue
		}
		p.squareHandle(x, y)
		lastX, lastY = x, y
	}
	for _, h := range p.handles {
		if h.Kind == HandleRadius && len(a.Points) == 1 {
			p.radiusHandle(a, h)
		}
	}
}

// radiusHandle draws a circle's radius handle h and the dashed radius.
func (p *annotPainter) radiusHandle(a *data.Annotation, h Handle) {
	s := p.s
	x, y := p.v.LonLatToPixel(orb.Point{h.Lon, h.Lat})
	cx, cy := p.v.LonLatToPixel(a.Points[0])
	if x < cx-1 {
		x += p.ws // east of the centre, across the antimeridian
	}
	p.stroke.Begin(p.img, p.img.Bounds())
	p.aux = append(p.aux[:0], cx, cy, x, y)
	p.stroke.AddDashed(p.aux, s, 3*s, 4*s)
	p.stroke.Finish(annotRadiusInk)
	r := radiusHandleR * s
	d := append(p.aux[:0], x, y-r, x+r, y, x, y+r, x-r, y)
	p.aux = d
	p.fill.Reset(p.img.Bounds())
	p.fill.AddRing(d)
	p.fill.Fill(p.img, annotRadiusInk)
	d = append(d, x, y-r)
	p.aux = d
	p.stroke.Begin(p.img, p.img.Bounds())
	p.stroke.Add(d, 1.5*s)
	p.stroke.Finish(annotWhite)
}

// squareHandle draws a vertex handle: a white square on whole pixels with
// a dark outline, centred on the pixel holding (x, y).
func (p *annotPainter) squareHandle(x, y float64) {
	side := max(int(math.Round(handleSide*p.s)), 5)
	t := max(int(math.Round(1.25*p.s)), 1)
	ix, iy := int(math.Floor(x)), int(math.Floor(y))
	r := image.Rect(ix-side/2, iy-side/2, ix-side/2+side+1, iy-side/2+side+1)
	paint.FillRect(p.img, r, annotHandleInk)
	paint.FillRect(p.img, r.Inset(t), annotWhite)
}
