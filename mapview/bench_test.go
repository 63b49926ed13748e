package mapview

import (
	"math/rand/v2"
	"testing"

	"frontier/data"
	"frontier/data/synth"
	"frontier/mapview/basemap"
)

// benchIndex builds an index of n events the way conflict data falls:
// most at a few hundred town coordinates (many sharing a point), the rest
// scattered, over the frontier region, with a few dozen actors.
func benchIndex(n int) *data.Index {
	rng := rand.New(rand.NewPCG(1, 2))
	ix := &data.Index{Strings: []string{""}, ActorInfo: map[uint32]data.Actor{}}
	for a := range 40 {
		ix.Strings = append(ix.Strings, "Actor "+string(rune('A'+a%26))+string(rune('a'+a/26)))
		ix.ActorInfo[uint32(a+1)] = data.Actor{Name: ix.Strings[a+1]}
	}
	towns := make([][2]float64, 400)
	for i := range towns {
		towns[i] = [2]float64{61 + rng.Float64()*16, 25 + rng.Float64()*12}
	}
	ix.ID = make([]uint64, n)
	ix.Start, ix.End = make([]int64, n), make([]int64, n)
	ix.X, ix.Y = make([]float64, n), make([]float64, n)
	ix.Fatalities = make([]int32, n)
	ix.DatePrec, ix.GeoPrec = make([]data.DatePrecision, n), make([]uint8, n)
	ix.Actor1, ix.Actor2 = make([]uint32, n), make([]uint32, n)
	ix.Dataset, ix.Type, ix.SubType, ix.Location = make([]uint32, n), make([]uint32, n), make([]uint32, n), make([]uint32, n)
	ix.AssocOff = make([]uint32, n+1)
	for i := range n {
		lon, lat := 61+rng.Float64()*16, 25+rng.Float64()*12
		if rng.IntN(10) < 8 {
			t := towns[int(rng.ExpFloat64()*40)%len(towns)]
			lon, lat = t[0], t[1]
		}
		ix.ID[i] = uint64(i + 1)
		ix.Start[i] = int64(i) * 60
		ix.End[i] = ix.Start[i]
		ix.X[i], ix.Y[i] = data.Mercator(lon, lat)
		ix.Fatalities[i] = int32(rng.ExpFloat64() * 2)
		ix.GeoPrec[i] = uint8(1 + rng.IntN(3))
		ix.Actor1[i] = uint32(1 + int(rng.ExpFloat64()*6)%40)
		ix.Actor2[i] = uint32(1 + rng.IntN(40))
	}
	return ix
}

// frontierHD is the frontier at 1920×1080, as the app opens.
func frontierHD() Viewport {
	x, y := data.Mercator(69, 31)
	return Viewport{CenterX: x, CenterY: y, Zoom: 5.6, Width: 1920, Height: 1080}
}

// BenchmarkEventLayer draws the generated events (100k and 1M, see
// synth.BenchSizes) at 1920×1080 (target at 1M: ≤ 16 ms): binning,
// clustering and drawing, over cached basemap tiles.
func BenchmarkEventLayer(b *testing.B) {
	for _, n := range synth.BenchSizes() {
		ix := benchIndex(n)
		sc := NewScene(ix, allRows(ix), nil)
		b.Run(synth.SizeName(n), func(b *testing.B) {
			r := NewRenderer(nil)
			var f Frame
			v := frontierHD()
			r.Render(&f, v, sc, Overlays{})
			b.ResetTimer()
			for b.Loop() {
				r.Render(&f, v, sc, Overlays{})
			}
			b.ReportMetric(float64(len(f.Marks)), "marks")
		})
	}
}

// BenchmarkPanFrame is one frame of a drag at the frontier view with the
// basemap, labels and 100k events (target ≤ 16 ms).
func BenchmarkPanFrame(b *testing.B) {
	benchFrames(b, func(v Viewport, i int) Viewport { return v.Pan(float64(7*(i%40)), float64(3*(i%40))) })
}

// BenchmarkZoomFrame is one frame of a wheel zoom at the frontier view:
// every basemap tile is drawn anew (target ≤ 16 ms).
func BenchmarkZoomFrame(b *testing.B) {
	benchFrames(b, func(v Viewport, i int) Viewport { return v.ZoomAround(960, 540, 0.02*float64(i%50)) })
}

func benchFrames(b *testing.B, step func(Viewport, int) Viewport) {
	base, err := basemap.Default()
	if err != nil {
		b.Fatal(err)
	}
	ix := benchIndex(100_000)
	sc := NewScene(ix, allRows(ix), nil)
	r := NewRenderer(base)
	var f Frame
	v := frontierHD()
	r.Render(&f, v, sc, Overlays{ScaleBar: true, Attribution: Credit})
	i := 0
	b.ResetTimer()
	for b.Loop() {
		i++
		r.Render(&f, step(v, i), sc, Overlays{ScaleBar: true, Attribution: Credit})
	}
}
