package mapview

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"

	"frontier/data"
)

// pixelDist is the distance between two pixel positions.
func pixelDist(ax, ay, bx, by float64) float64 { return math.Hypot(bx-ax, by-ay) }

// snapAngle moves (x, y) onto the nearest ray from (ax, ay) at a multiple
// of step degrees on screen, keeping its projection on that ray.
func snapAngle(ax, ay, x, y, step float64) (float64, float64) {
	dx, dy := x-ax, y-ay
	if dx == 0 && dy == 0 {
		return x, y
	}
	st := step * math.Pi / 180
	a := math.Atan2(dy, dx)
	s := math.Round(a/st) * st
	l := math.Hypot(dx, dy) * math.Cos(a-s)
	return ax + l*math.Cos(s), ay + l*math.Sin(s)
}

// squareCorner moves (x, y) so that it and (ax, ay) are opposite corners
// of a square on screen, the side the longer of the two spans.
func squareCorner(ax, ay, x, y float64) (float64, float64) {
	dx, dy := x-ax, y-ay
	s := math.Max(math.Abs(dx), math.Abs(dy))
	return ax + math.Copysign(s, dx), ay + math.Copysign(s, dy)
}

// Readout is the live measurement of the drawing in progress for the
// map's read-out ("" when there is none): segment length, bearing and
// total length of lines, a rectangle's width and height, a circle's
// radius, a range-bearing or measure line's distance and bearing, a
// freehand line's length. Distances are in km, bearings in degrees true.
func (d *Drawer) Readout() string {
	if !d.Active() {
		return ""
	}
	switch d.tool {
	case ToolPolyline, ToolArrow, ToolPolygon:
		a := d.Draft()
		if a == nil || len(a.Points) < 2 {
			return ""
		}
		n := len(a.Points)
		dist, brg := data.GeoInverse(a.Points[n-2], a.Points[n-1])
		s := fmt.Sprintf("Segment %s at %s · length %s", formatDistance(dist), formatBearing(brg), formatDistance(geoPathLength(a.Points, false)))
		if a.Kind == data.KindPolygon {
			s += " · perimeter " + formatDistance(geoPathLength(a.Points, true))
		}
		return s
	case ToolRectangle:
		a := d.Draft()
		if a == nil {
			return ""
		}
		p, q := a.Points[0], a.Points[1]
		mid := (p[1] + q[1]) / 2
		w, _ := data.GeoInverse(orb.Point{p[0], mid}, orb.Point{q[0], mid})
		h, _ := data.GeoInverse(orb.Point{p[0], p[1]}, orb.Point{p[0], q[1]})
		return fmt.Sprintf("%s × %s", formatDistance(w), formatDistance(h))
	case ToolCircle:
		if a := d.Draft(); a != nil {
			return "Radius " + formatDistance(a.Radius)
		}
	case ToolRangeBearing, ToolMeasure:
		if dist, brg, ok := d.Measurement(); ok {
			return RangeBearingText(dist, brg)
		}
	case ToolFreehand:
		if a := d.Draft(); a != nil {
			return "Length " + formatDistance(geoPathLength(a.Points, false))
		}
	}
	return ""
}

// geoPathLength is the geodesic length in metres of a line (closed: back to
// its first point).
func geoPathLength(pts []orb.Point, closed bool) float64 {
	var sum float64
	for i := 1; i < len(pts); i++ {
		d, _ := data.GeoInverse(pts[i-1], pts[i])
		sum += d
	}
	if closed && len(pts) > 2 {
		d, _ := data.GeoInverse(pts[len(pts)-1], pts[0])
		sum += d
	}
	return sum
}
