package paint

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"
)

// benchLine returns an n-vertex meandering polyline across a w×h image:
// a Lissajous curve about 31 000 px long at 1920×1080 (1.6 px per
// segment), its vertices moved by up to jitter px at random (a jagged,
// GPS-like track when jitter is 1).
func benchLine(n, w, h int, jitter float64) []float64 {
	rng := rand.New(rand.NewPCG(3, 4))
	xy := make([]float64, 0, 2*n)
	for i := 0; i < n; i++ {
		t := float64(i) / float64(n)
		x := float64(w)/2 + float64(w)*0.49*math.Sin(2*math.Pi*5*t)
		y := float64(h)/2 + float64(h)*0.48*math.Sin(2*math.Pi*7*t+0.3)
		xy = append(xy, x+(rng.Float64()*2-1)*jitter, y+(rng.Float64()*2-1)*jitter)
	}
	return xy
}

func BenchmarkStrokePolyline(b *testing.B) {
	for _, sz := range []struct{ w, h int }{{1920, 1080}, {3840, 2160}} {
		for _, tc := range []struct {
			width, jitter float64
		}{{1, 0}, {2, 0}, {4, 0}, {6, 0}, {2, 1}, {6, 1}} {
			name := "smooth"
			if tc.jitter > 0 {
				name = "jagged"
			}
			width := tc.width
			b.Run(fmt.Sprintf("%dx%d/20k/%s/w%v", sz.w, sz.h, name, width), func(b *testing.B) {
				img := image.NewRGBA(image.Rect(0, 0, sz.w, sz.h))
				xy := benchLine(20000, sz.w, sz.h, tc.jitter*float64(sz.w)/1920)
				var s Stroker
				c := color.RGBA{0, 0, 120, 160}
				s.Polyline(img, img.Bounds(), xy, width, c)
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					s.Polyline(img, img.Bounds(), xy, width, c)
				}
			})
		}
	}
	b.Run("short line on a big image", func(b *testing.B) {
		img := image.NewRGBA(image.Rect(0, 0, 3840, 2160))
		xy := []float64{100, 100, 140, 130}
		StrokePolyline(img, img.Bounds(), xy, 2, color.RGBA{0, 0, 0, 255})
		b.ReportAllocs()
		for b.Loop() {
			StrokePolyline(img, img.Bounds(), xy, 2, color.RGBA{0, 0, 0, 255})
		}
	})
	b.Run("dashed 20k w2", func(b *testing.B) {
		img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
		xy := benchLine(20000, 1920, 1080, 0)
		var s Stroker
		draw := func() {
			s.Begin(img, img.Bounds())
			s.AddDashed(xy, 2, 6, 4)
			s.Finish(color.RGBA{0, 0, 0, 255})
		}
		draw()
		b.ReportAllocs()
		for b.Loop() {
			draw()
		}
	})
	b.Run("off-screen 20k", func(b *testing.B) {
		img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
		xy := benchLine(20000, 1920, 1080, 0)
		for i := 0; i < len(xy); i += 2 {
			xy[i] += 5000
		}
		var s Stroker
		s.Polyline(img, img.Bounds(), xy, 2, color.RGBA{0, 0, 0, 255})
		b.ReportAllocs()
		for b.Loop() {
			s.Polyline(img, img.Bounds(), xy, 2, color.RGBA{0, 0, 0, 255})
		}
	})
}

func BenchmarkDiscs(b *testing.B) {
	for _, sz := range []struct {
		w, h  int
		scale float64
	}{{1920, 1080, 1}, {3840, 2160, 2}} {
		b.Run(fmt.Sprintf("5000/%dx%d", sz.w, sz.h), func(b *testing.B) {
			img := image.NewRGBA(image.Rect(0, 0, sz.w, sz.h))
			FillRect(img, img.Rect, color.RGBA{0xc6, 0xdd, 0xe8, 255})
			rng := rand.New(rand.NewPCG(5, 6))
			pts := make([]float64, 3*5000)
			for i := 0; i < 5000; i++ {
				pts[3*i] = rng.Float64() * float64(sz.w)
				pts[3*i+1] = rng.Float64() * float64(sz.h)
				pts[3*i+2] = (3 + rng.Float64()*5) * sz.scale
			}
			var s Stamps
			fill := color.RGBA{180, 40, 20, 220}
			ring := color.RGBA{255, 255, 255, 255}
			draw := func() {
				for i := 0; i < 5000; i++ {
					s.Disc(img, pts[3*i], pts[3*i+1], pts[3*i+2], fill, ring, 1.5*sz.scale)
				}
			}
			draw()
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				draw()
			}
		})
	}
}

func BenchmarkLabels(b *testing.B) {
	for _, sz := range []struct {
		w, h  int
		scale float64
	}{{1920, 1080, 1}, {3840, 2160, 2}} {
		b.Run(fmt.Sprintf("200x10chars/%dx%d", sz.w, sz.h), func(b *testing.B) {
			img := image.NewRGBA(image.Rect(0, 0, sz.w, sz.h))
			face := RegularFace(13 * sz.scale)
			rng := rand.New(rand.NewPCG(7, 8))
			names := []string{"Vienna 168", "Rome 1527!", "Paris 1789", "Kraków 133", "Gdańsk 145", "Zürich 135", "Lyon, 1563", "Tours (732", "Sevilla 14", "Bergen 107"}
			type label struct {
				x, y int
				s    string
			}
			labels := make([]label, 200)
			for i := range labels {
				labels[i] = label{rng.IntN(sz.w - 100), 20 + rng.IntN(sz.h-40), names[i%len(names)]}
			}
			fg, halo := color.RGBA{20, 20, 20, 255}, color.RGBA{230, 230, 230, 230}
			draw := func() {
				for _, l := range labels {
					face.Draw(img, l.x, l.y, l.s, fg, halo)
				}
			}
			draw()
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				draw()
			}
		})
	}
}

// benchPolygons returns n blobby rings with k vertices each, their centres
// on a grid over w×h and radii r·(1±0.3).
func benchPolygons(n, k, w, h int, r float64) [][]float64 {
	rng := rand.New(rand.NewPCG(9, 10))
	cols := int(math.Ceil(math.Sqrt(float64(n) * float64(w) / float64(h))))
	rows := (n + cols - 1) / cols
	var rings [][]float64
	for i := 0; i < n; i++ {
		cx := (float64(i%cols) + 0.5) * float64(w) / float64(cols)
		cy := (float64(i/cols) + 0.5) * float64(h) / float64(rows)
		ring := make([]float64, 0, 2*k)
		for j := 0; j < k; j++ {
			a := 2 * math.Pi * float64(j) / float64(k)
			rr := r * (1 + 0.2*math.Sin(7*a) + 0.1*(rng.Float64()-0.5))
			ring = append(ring, cx+rr*math.Cos(a), cy+rr*math.Sin(a))
		}
		rings = append(rings, ring)
	}
	return rings
}

// BenchmarkFill fills 15 polygons of 667 vertices (10 005 in all), each
// with its own colour, laid out on a grid so that together they cover
// about the whole image once ("screen", radius 200 at 1920×1080) or about
// 1.4 times ("overlapping", radius 250).
func BenchmarkFill(b *testing.B) {
	for _, tc := range []struct {
		name  string
		w, h  int
		r     float64
		alpha uint8
	}{
		{"15x667/screen/translucent/1920x1080", 1920, 1080, 200, 200},
		{"15x667/screen/opaque/1920x1080", 1920, 1080, 200, 255},
		{"15x667/overlapping/translucent/1920x1080", 1920, 1080, 250, 200},
		{"15x667/screen/translucent/3840x2160", 3840, 2160, 400, 200},
	} {
		b.Run(tc.name, func(b *testing.B) {
			img := image.NewRGBA(image.Rect(0, 0, tc.w, tc.h))
			rings := benchPolygons(15, 667, tc.w, tc.h, tc.r)
			colors := make([]color.RGBA, len(rings))
			for i := range colors {
				k := float64(tc.alpha) / 255 // premultiply
				colors[i] = color.RGBA{uint8(15 * float64(i) * k), uint8(150 * k), uint8(90 * k), tc.alpha}
			}
			var f Filler
			draw := func() {
				for i, r := range rings {
					f.Reset(img.Bounds())
					f.AddRing(r)
					f.Fill(img, colors[i])
				}
			}
			draw()
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				draw()
			}
		})
	}
	b.Run("full screen opaque/1920x1080", func(b *testing.B) {
		img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
		var f Filler
		draw := func() {
			f.Reset(img.Bounds())
			f.AddRing(square(-10, -10, 2000, 2000, true))
			f.Fill(img, color.RGBA{200, 200, 200, 255})
		}
		draw()
		b.ReportAllocs()
		for b.Loop() {
			draw()
		}
	})
}

func BenchmarkFillRect(b *testing.B) {
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	b.Run("opaque", func(b *testing.B) {
		for b.Loop() {
			FillRect(img, img.Bounds(), color.RGBA{10, 20, 30, 255})
		}
	})
	b.Run("translucent", func(b *testing.B) {
		for b.Loop() {
			FillRect(img, img.Bounds(), color.RGBA{10, 20, 30, 128})
		}
	})
}
