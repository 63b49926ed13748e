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

// roomForMidpoint reports whether the segment after vertex i of a is long
// enough on screen (three vertex handles) to show a midpoint handle
// between its vertex handles.
func (p *annotPainter) roomForMidpoint(a *data.Annotation, i int) bool {
	n := len(a.Points)
	if i < 0 || i >= n {
		return false
	}
	x0, y0 := p.v.LonLatToPixel(a.Points[i])
	x1, y1 := p.v.LonLatToPixel(a.Points[(i+1)%n])
	return math.Hypot(x1-x0, y1-y0) >= 3*handleSide*p.s
}

// drawHandles draws a's drag handles: white squares with a dark outline at
// the vertices, small discs at the midpoints and a blue diamond on a
// circle's radius, joined to the centre by a thin dashed line.
func (p *annotPainter) drawHandles(a *data.Annotation) {
	p.handles = appendHandles(p.handles[:0], a)
	hs := p.handles
	s := p.s
	px := func(h Handle) (float64, float64) {
		return p.v.LonLatToPixel(orb.Point{h.Lon, h.Lat})
	}
	on := func(x, y float64) bool {
		m := 12 * s
		return x >= -m && y >= -m && x <= 2*p.half[0]+m && y <= 2*p.half[1]+m
	}
	for _, kind := range [3]HandleKind{HandleMidpoint, HandleVertex, HandleRadius} {
		for _, h := range hs {
			if h.Kind != kind {
				continue
			}
			x, y := px(h)
			if kind == HandleMidpoint && !p.roomForMidpoint(a, h.Index) {
				continue
			}
			if kind == HandleRadius && len(a.Points) == 1 {
				cx, cy := p.v.LonLatToPixel(a.Points[0])
				if x < cx-1 {
					x += p.ws // east of the centre, across the antimeridian
				}
				p.stroke.Begin(p.img, p.img.Bounds())
				p.aux = append(p.aux[:0], cx, cy, x, y)
				p.stroke.AddDashed(p.aux, s, 3*s, 4*s)
				p.stroke.Finish(annotRadiusInk)
			}
			if !on(x, y) {
				continue
			}
			switch kind {
			case HandleMidpoint:
				p.stamp.Disc(p.img, x, y, midHandleR*s, annotMidFill, annotHandleInk, s)
			case HandleVertex:
				p.squareHandle(x, y)
			case HandleRadius:
				r := radiusHandleR * s
				d := p.aux[:0]
				d = append(d, x, y-r, x+r, y, x, y+r, x-r, y)
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
		}
	}
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
