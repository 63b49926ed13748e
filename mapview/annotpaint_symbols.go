package mapview

import (
	"math"
)

// Marker symbols as polygons in a unit box: x right, y down, the marker
// point at the origin, radius 1 (drawn at markerRadius logical pixels).
var symbolShapes = map[string][]float64{
	"square":   {-0.8, -0.8, 0.8, -0.8, 0.8, 0.8, -0.8, 0.8},
	"triangle": {0, -1, 0.95, 0.7, -0.95, 0.7},
	"danger":   {0, -1.05, 1.05, 0.8, -1.05, 0.8},
	"star":     starShape(),
	"cross": {
		-0.32, -1, 0.32, -1, 0.32, -0.32, 1, -0.32, 1, 0.32, 0.32, 0.32,
		0.32, 1, -0.32, 1, -0.32, 0.32, -1, 0.32, -1, -0.32, -0.32, -0.32,
	},
	// A tent with its door.
	"camp": {0, -1, 1.05, 0.8, 0.3, 0.8, 0, 0.2, -0.3, 0.8, -1.05, 0.8},
	// A pennant on a pole.
	"flag": {-0.7, 1, -0.7, -1, 0.9, -1, 0.5, -0.55, 0.9, -0.1, -0.42, -0.1, -0.42, 1},
}

// starShape is a five-pointed star, point up.
func starShape() []float64 {
	var xy []float64
	for i := range 10 {
		r := 1.0
		if i%2 == 1 {
			r = 0.45
		}
		a := math.Pi * (float64(i)/5 - 0.5)
		xy = append(xy, r*math.Cos(a), r*math.Sin(a)+0.08)
	}
	return xy
}

// drawMarker draws a marker symbol centred on the pixel holding (x, y):
// the shape filled with the style's fill and outlined in near-black; an
// unknown symbol is a circle.
func (p *annotPainter) drawMarker(x, y float64, symbol string, st *annotStyle) {
	s := p.s
	r := markerRadius * s
	cx, cy := math.Floor(x)+0.5, math.Floor(y)+0.5
	shape, ok := symbolShapes[symbol]
	if !ok {
		p.stamp.Disc(p.img, cx, cy, r, st.fill, annotOutline, 1.5*s)
		return
	}
	pts := p.aux[:0]
	for i := 0; i+1 < len(shape); i += 2 {
		pts = append(pts, cx+shape[i]*r, cy+shape[i+1]*r)
	}
	p.aux = pts
	if st.fill.A != 0 {
		p.fill.Reset(p.img.Bounds())
		p.fill.AddRing(pts)
		p.fill.Fill(p.img, st.fill)
	}
	pts = append(pts, pts[0], pts[1])
	p.aux = pts
	p.stroke.Begin(p.img, p.img.Bounds())
	p.stroke.Add(pts, 1.5*s)
	p.stroke.Finish(annotOutline)
	if symbol == "danger" {
		// The exclamation mark, white on a dark fill, else dark.
		ink := annotWhite
		if lum := 0.299*float64(st.fill.R) + 0.587*float64(st.fill.G) + 0.114*float64(st.fill.B) + 255 - float64(st.fill.A); lum > 150 {
			ink = annotOutline
		}
		pts = append(pts[:0], cx, cy-0.45*r, cx, cy+0.2*r)
		p.aux = pts
		p.stroke.Begin(p.img, p.img.Bounds())
		p.stroke.Add(pts, max(0.22*r, 1.5*s))
		p.stroke.Finish(ink)
		p.stamp.Disc(p.img, cx, cy+0.52*r, max(0.13*r, s), ink, ink, 0)
	}
}
