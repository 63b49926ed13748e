package mapview

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"frontier/data"
)

// randomPoint is a lon/lat anywhere, often on the edges (the poles, the
// antimeridian).
func randomPoint(rng *rand.Rand) orb.Point {
	edge := []float64{-180, 180, -90, 90, 0}
	lon, lat := rng.Float64()*360-180, rng.Float64()*180-90
	if rng.IntN(4) == 0 {
		lon = edge[rng.IntN(2)]
	}
	if rng.IntN(4) == 0 {
		lat = edge[2+rng.IntN(3)]
	}
	return orb.Point{lon, lat}
}

// randomAnnotation is a valid annotation of any kind and style: points
// anywhere, some close together, circles of any radius up to 20,000 km.
func randomAnnotation(rng *rand.Rand, id uint64) data.Annotation {
	k := data.AnnotationKind(1 + rng.IntN(9))
	a := data.Annotation{ID: id, Kind: k, Style: data.DefaultStyle(k)}
	n := map[data.AnnotationKind]int{
		data.KindMarker: 1, data.KindText: 1, data.KindCircle: 1, data.KindRectangle: 2, data.KindRangeBearing: 2,
	}[k]
	if n == 0 {
		n = 3 + rng.IntN(40)
	}
	p := randomPoint(rng)
	for range n {
		if rng.IntN(2) == 0 {
			p = randomPoint(rng)
		} else {
			p = orb.Point{
				math.Max(-180, math.Min(180, p[0]+rng.NormFloat64())),
				math.Max(-90, math.Min(90, p[1]+rng.NormFloat64())),
			}
		}
		a.Points = append(a.Points, p)
	}
	a.Radius = []float64{1, 1000, 1e6, 1e7, 19_999_999}[rng.IntN(5)] * rng.Float64()
	if a.Radius < 1 {
		a.Radius = 1
	}
	if k != data.KindCircle {
		a.Radius = 0
	}
	if rng.IntN(2) == 0 {
		a.Label = "Label ünïcode 標"
	}
	a.Style.StrokeWidth = rng.Float64() * 100
	a.Style.StrokeOpacity, a.Style.FillOpacity = rng.Float64(), rng.Float64()
	a.Style.Dash = data.Dash(rng.IntN(3))
	a.Style.TextSize = rng.Float64() * 200
	a.Style.Symbol = append(data.MarkerSymbols, "bogus", "")[rng.IntN(len(data.MarkerSymbols)+2)]
	a.Style.Stroke = []string{"#000", "#ffffff", "zzz", "", "#12ab9f"}[rng.IntN(5)]
	a.Style.Fill = a.Style.Stroke
	return a
}

// Random valid annotations, including on the poles and the antimeridian
// and circles of up to 20,000 km, render at random views, scales and
// zooms without panicking (or hanging: the test's timeout), selected, as
// the draft and as the measure line. Its speed is BenchmarkAnnotations'
// business, not a test's.
func TestRandomAnnotationsRender(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	r := NewRenderer(nil)
	var f Frame
	for i := range 300 {
		var items []data.Annotation
		for j := range 1 + rng.IntN(6) {
			a := randomAnnotation(rng, uint64(j+1))
			// The geometry must be valid; the style may hold values the
			// store refuses (a "zzz" colour), which the painter must
			// survive all the same.
			g := a
			g.Style = data.Style{}
			if err := g.Validate(); err != nil {
				t.Fatalf("generator made an invalid annotation: %v", err)
			}
			items = append(items, a)
		}
		d := randomAnnotation(rng, uint64(rng.IntN(8)))
		m := randomAnnotation(rng, 0)
		set := &AnnotationSet{Items: items, Selected: uint64(rng.IntN(8)), Draft: &d, Measure: &m}
		v := Viewport{
			CenterX: rng.Float64(), CenterY: rng.Float64(), Zoom: rng.Float64() * MaxZoom,
			Width: 64 + rng.IntN(200), Height: 64 + rng.IntN(200), Scale: []float64{1, 2, 0.5}[rng.IntN(3)],
		}
		if i%3 == 0 {
			// Look at the annotation itself.
			p := items[0].Points[0]
			v.CenterX, v.CenterY = data.Mercator(p[0], p[1])
		}
		r.Render(&f, v, nil, Overlays{Annotations: set})
	}
}
