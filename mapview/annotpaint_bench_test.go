package mapview

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"frontier/data"
)

// benchAnnotations returns n annotations of every kind, mixed, sized like
// hand-drawn ones on a view like v and scattered over twice its area (so
// about a quarter are on it): markers and texts; lines of 2–12 points
// about a tenth of the view long; freehand lines of 200 points; polygons
// of 3–12 points and rectangles up to a tenth of the view across; circles
// of 1–20 km; range-bearing lines. A third are labelled, and solid, dashed
// and dotted strokes alternate.
func benchAnnotations(n int, v Viewport) []data.Annotation {
	rng := rand.New(rand.NewPCG(5, 6))
	b := v.Bound()
	w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	pt := func() orb.Point {
		return orb.Point{b.Min[0] - w/2 + rng.Float64()*2*w, b.Min[1] - h/2 + rng.Float64()*2*h}
	}
	near := func(p orb.Point, d float64) orb.Point {
		return orb.Point{p[0] + (rng.Float64()-0.5)*d*w, p[1] + (rng.Float64()-0.5)*d*h}
	}
	out := make([]data.Annotation, 0, n)
	for i := range n {
		k := data.AnnotationKind(1 + i%9)
		a := data.Annotation{ID: uint64(i + 1), Kind: k, Style: data.DefaultStyle(k)}
		p := pt()
		switch k {
		case data.KindMarker, data.KindText:
			a.Points = []orb.Point{p}
			a.Style.Symbol = data.MarkerSymbols[i%len(data.MarkerSymbols)]
			a.Label = "Place"
		case data.KindCircle:
			a.Points = []orb.Point{p}
			a.Radius = 1000 + rng.Float64()*19_000
		case data.KindRectangle, data.KindRangeBearing:
			a.Points = []orb.Point{p, near(p, 0.2)}
		case data.KindFreehand:
			for range 200 {
				p = near(p, 0.004)
				a.Points = append(a.Points, p)
			}
		case data.KindPolygon:
			m := 3 + rng.IntN(10)
			for j := range m {
				t := 2 * math.Pi * float64(j) / float64(m)
				r := 0.02 + 0.03*rng.Float64()
				a.Points = append(a.Points, orb.Point{p[0] + r*w*math.Cos(t), p[1] + r*h*math.Sin(t)})
			}
		default:
			for range 2 + rng.IntN(11) {
				p = near(p, 0.03)
				a.Points = append(a.Points, p)
			}
		}
		a.Style.Dash = data.Dash(i / 9 % 3)
		if i%3 == 0 && a.Label == "" {
			a.Label = "Sector"
		}
		out = append(out, a)
	}
	return out
}

// BenchmarkAnnotations draws 1,000 mixed annotations at 1600×1000 over
// water (the annotation layer alone, plus clearing the frame).
func BenchmarkAnnotations(b *testing.B) {
	x, y := data.Mercator(71.5, 34.0)
	v := Viewport{CenterX: x, CenterY: y, Zoom: 8, Width: 1600, Height: 1000}
	set := &AnnotationSet{Items: benchAnnotations(1000, v)}
	r := NewRenderer(nil)
	var f Frame
	r.Render(&f, v, nil, Overlays{Annotations: set})
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		r.Render(&f, v.Pan(float64(i%2), 0), nil, Overlays{Annotations: set})
	}
}

// BenchmarkAnnotationsEmpty is BenchmarkAnnotations' frame without the
// annotations: subtract it to get the layer's own cost.
func BenchmarkAnnotationsEmpty(b *testing.B) {
	x, y := data.Mercator(71.5, 34.0)
	v := Viewport{CenterX: x, CenterY: y, Zoom: 8, Width: 1600, Height: 1000}
	r := NewRenderer(nil)
	var f Frame
	r.Render(&f, v, nil, Overlays{})
	b.ResetTimer()
	for i := range b.N {
		r.Render(&f, v.Pan(float64(i%2), 0), nil, Overlays{})
	}
}

// BenchmarkAnnotationLongLine draws one selected, dashed 10,000-point
// line across a 1600×1000 frame.
func BenchmarkAnnotationLongLine(b *testing.B) {
	x, y := data.Mercator(71.5, 34.0)
	v := Viewport{CenterX: x, CenterY: y, Zoom: 8, Width: 1600, Height: 1000}
	long := ann(1, data.KindPolyline, "Long", freehandWave(68, 34, 7, 10_000)...)
	long.Style.Dash = data.DashDashed
	set := &AnnotationSet{Items: []data.Annotation{long}, Selected: 1}
	r := NewRenderer(nil)
	var f Frame
	r.Render(&f, v, nil, Overlays{Annotations: set})
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		r.Render(&f, v.Pan(float64(i%2), 0), nil, Overlays{Annotations: set})
	}
}
