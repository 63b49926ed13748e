package mapview

import (
	"math"
	"unicode/utf8"

	"github.com/paulmach/orb"

	"frontier/data"
)

// Drawn extents the hit tests assume (the painter's markerRadius,
// labelGap and text sizes are the rest).
const (
	// textCharWidth and textLineHeight approximate a label's extent as
	// fractions of its text size: width per character and line height.
	textCharWidth  = 0.6
	textLineHeight = 1.25
	// circleHitSegments is how many chords approximate a circle's ring.
	circleHitSegments = 64
)

// HitAnnotation returns the ID of the topmost annotation of items (later
// ones are drawn on top) under pixel (x, y) of v: a stroke within slop
// pixels plus half its width, the inside of a filled polygon, rectangle
// or circle (fill opacity above 0), or the drawn extent of a marker or a
// text label, label included. Positions and slop are in pixels of v.
func HitAnnotation(v Viewport, items []data.Annotation, x, y, slop float64) (id uint64, ok bool) {
	for i := len(items) - 1; i >= 0; i-- {
		if hitOne(v, &items[i], x, y, slop) {
			return items[i].ID, true
		}
	}
	return 0, false
}

// HitHandle returns the handle of a (see AnnotationHandles) nearest to
// pixel (x, y) of v within slop pixels. On a near tie a vertex or radius
// handle wins over a midpoint handle.
func HitHandle(v Viewport, a *data.Annotation, x, y, slop float64) (Handle, bool) {
	var best Handle
	bestD, found := math.Inf(1), false
	for _, h := range AnnotationHandles(a) {
		hx, hy := v.LonLatToPixel(orb.Point{h.Lon, h.Lat})
		d := math.Hypot(hx-x, hy-y)
		if d > slop {
			continue
		}
		if h.Kind == HandleMidpoint {
			d += 0.5 // drawn smaller: the vertices win near ties
		}
		if d < bestD {
			best, bestD, found = h, d, true
		}
	}
	return best, found
}

// hitOne reports whether pixel (x, y) is on annotation a.
func hitOne(v Viewport, a *data.Annotation, x, y, slop float64) bool {
	if len(a.Points) == 0 {
		return false
	}
	s := v.DeviceScale()
	reach := slop + a.Style.StrokeWidth*s/2
	filled := a.Style.FillOpacity > 0
	switch a.Kind {
	case data.KindMarker:
		px, py := v.LonLatToPixel(a.Points[0])
		if math.Hypot(px-x, py-y) <= markerRadius*s+slop {
			return true
		}
		if a.Label == "" {
			return false
		}
		// The label sits to the right of the symbol.
		w, h := textExtent(a, s)
		x0 := px + (markerRadius+labelGap)*s
		return inBox(x, y, x0-slop, py-h/2-slop, x0+w+slop, py+h/2+slop)
	case data.KindText:
		px, py := v.LonLatToPixel(a.Points[0])
		w, h := textExtent(a, s)
		return inBox(x, y, px-w/2-slop, py-h/2-slop, px+w/2+slop, py+h/2+slop)
	case data.KindPolygon:
		ring := pixelsOf(v, a.Points)
		return nearPath(ring, true, x, y, reach) || (filled && inRing(ring, x, y))
	case data.KindRectangle:
		if len(a.Points) != 2 {
			return false
		}
		p, q := a.Points[0], a.Points[1]
		ring := pixelsOf(v, []orb.Point{p, {q[0], p[1]}, q, {p[0], q[1]}})
		return nearPath(ring, true, x, y, reach) || (filled && inRing(ring, x, y))
	case data.KindCircle:
		if a.Radius <= 0 {
			return false
		}
		// The ring the painter draws: longitudes unwrapped, so a circle
		// across the antimeridian stays one piece.
		merc := circleRing(nil, a.Points[0], a.Radius, circleHitSegments)
		ring := mercPixels(v, merc[:max(0, len(merc)-2)]) // its last point closes it
		return nearPath(ring, true, x, y, reach) || (filled && inRing(ring, x, y))
	case data.KindRangeBearing:
		// The drawn line: a geodesic, curved when long.
		merc, _, _ := geodesicPath(nil, a.Points[0], a.Points[len(a.Points)-1])
		return nearPath(mercPixels(v, merc), false, x, y, reach)
	default: // polyline, arrow, freehand
		return nearPath(pixelsOf(v, a.Points), false, x, y, reach)
	}
}

// textExtent approximates the drawn size in device pixels of a's label.
func textExtent(a *data.Annotation, scale float64) (w, h float64) {
	size := a.Style.TextSize
	if size <= 0 {
		size = defaultText
	}
	size = clampf(size, minText, maxText)
	n := utf8.RuneCountInString(a.Label)
	if a.Kind == data.KindText && n == 0 {
		n = 1
	}
	return float64(n) * size * textCharWidth * scale, size * textLineHeight * scale
}

func inBox(x, y, x0, y0, x1, y1 float64) bool {
	return x >= x0 && x <= x1 && y >= y0 && y <= y1
}

// pixelsOf projects lon/lat points to pixels of v.
func pixelsOf(v Viewport, pts []orb.Point) [][2]float64 {
	out := make([][2]float64, len(pts))
	for i, p := range pts {
		out[i][0], out[i][1] = v.LonLatToPixel(p)
	}
	return out
}

// mercPixels projects normalised Mercator x, y pairs to pixels of v.
func mercPixels(v Viewport, merc []float64) [][2]float64 {
	out := make([][2]float64, len(merc)/2)
	for i := range out {
		out[i][0], out[i][1] = v.ToPixel(merc[2*i], merc[2*i+1])
	}
	return out
}

// nearPath reports whether (x, y) is within reach of the path (closed:
// the last point joins the first).
func nearPath(pts [][2]float64, closed bool, x, y, reach float64) bool {
	if len(pts) == 1 {
		return math.Hypot(pts[0][0]-x, pts[0][1]-y) <= reach
	}
	n := len(pts) - 1
	if closed {
		n = len(pts)
	}
	for i := 0; i < n; i++ {
		a, b := pts[i], pts[(i+1)%len(pts)]
		if segmentDist(x, y, a[0], a[1], b[0], b[1]) <= reach {
			return true
		}
	}
	return false
}

// segmentDist is the distance from (x, y) to the segment a–b.
func segmentDist(x, y, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = clampf(((x-ax)*dx+(y-ay)*dy)/l2, 0, 1)
	}
	return math.Hypot(ax+t*dx-x, ay+t*dy-y)
}

// inRing reports whether (x, y) is inside the ring (even-odd rule; the
// ring is closed implicitly).
func inRing(ring [][2]float64, x, y float64) bool {
	in := false
	for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
		a, b := ring[i], ring[j]
		if (a[1] > y) != (b[1] > y) && x < (b[0]-a[0])*(y-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}
