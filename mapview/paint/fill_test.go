package paint

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"

	"golang.org/x/image/vector"
)

var opaque = color.RGBA{0, 0, 0, 255}

func fill(img *image.RGBA, c color.RGBA, rings ...[]float64) {
	var f Filler
	f.Reset(img.Bounds())
	for _, r := range rings {
		f.AddRing(r)
	}
	f.Fill(img, c)
}

func TestFillerCoverage(t *testing.T) {
	half := color.RGBA{0, 0, 128, 128}
	tests := []struct {
		name  string
		rings [][]float64
		c     color.RGBA
		// want maps pixel → expected alpha.
		want map[image.Point]uint8
	}{
		{"square", [][]float64{square(10, 10, 20, 20, true)}, opaque,
			map[image.Point]uint8{{10, 10}: 255, {19, 19}: 255, {9, 10}: 0, {20, 15}: 0, {15, 20}: 0}},
		{"union same orientation", [][]float64{square(10, 10, 30, 30, true), square(20, 20, 40, 40, true)}, half,
			// the overlap is covered once: same alpha as single coverage
			map[image.Point]uint8{{15, 15}: 128, {25, 25}: 128, {35, 35}: 128, {35, 15}: 0, {15, 35}: 0}},
		{"counter-clockwise union", [][]float64{square(10, 10, 30, 30, false), square(20, 20, 40, 40, false)}, opaque,
			map[image.Point]uint8{{15, 15}: 255, {25, 25}: 255, {35, 35}: 255}},
		{"hole", [][]float64{square(10, 10, 40, 40, true), square(20, 20, 30, 30, false)}, opaque,
			map[image.Point]uint8{{15, 15}: 255, {25, 25}: 0, {20, 20}: 0, {19, 19}: 255, {35, 35}: 255}},
		{"nested same orientation is no hole", [][]float64{square(10, 10, 40, 40, true), square(20, 20, 30, 30, true)}, opaque,
			map[image.Point]uint8{{25, 25}: 255}},
		{"half pixel edge", [][]float64{square(10.5, 10, 20, 20, true)}, opaque,
			map[image.Point]uint8{{10, 15}: 128, {11, 15}: 255}},
		{"repeated first point", [][]float64{{10, 10, 20, 10, 20, 20, 10, 20, 10, 10}}, opaque,
			map[image.Point]uint8{{15, 15}: 255, {25, 15}: 0}},
		{"covers everything", [][]float64{{-1e9, -1e9, 1e9, -1e9, 1e9, 1e9, -1e9, 1e9}}, opaque,
			map[image.Point]uint8{{0, 0}: 255, {63, 47}: 255, {30, 20}: 255}},
		{"triangle around the view", [][]float64{{-5000, -100, 5000, -100, 32, 1e8}}, opaque,
			map[image.Point]uint8{{0, 0}: 255, {63, 0}: 255, {32, 47}: 255}},
		{"off-screen left", [][]float64{square(-1e7, 10, -100, 20, true)}, opaque, nil},
		{"bad points skipped", [][]float64{{10, 10, math.NaN(), 5, 20, 10, math.Inf(1), 0, 20, 20, 10, 20, 1e300, 1e300}}, opaque,
			map[image.Point]uint8{{15, 15}: 255, {25, 15}: 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img := image.NewRGBA(image.Rect(0, 0, 64, 48))
			fill(img, tt.c, tt.rings...)
			if tt.want == nil && alphaSum(img) != 0 {
				t.Fatalf("drew %v pixels, want none", alphaSum(img))
			}
			for p, want := range tt.want {
				if got := alphaAt(img, p.X, p.Y); absDiff(got, want) > 1 {
					t.Errorf("alpha at %v = %d, want %d", p, got, want)
				}
			}
		})
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// TestFillerMatchesRasterizer checks the edge clipping against the plain
// vector rasteriser on random polygons that reach far outside the image.
func TestFillerMatchesRasterizer(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const w, h = 120, 90
	for n := 0; n < 300; n++ {
		k := 3 + rng.IntN(12)
		xy := make([]float64, 2*k)
		spread := []float64{1, 3, 10}[n%3]
		for i := range xy {
			size := float64(w)
			if i%2 == 1 {
				size = h
			}
			xy[i] = size/2 + (rng.Float64()-0.5)*size*spread
		}
		got := image.NewRGBA(image.Rect(0, 0, w, h))
		fill(got, opaque, xy)

		// Reference: a rasteriser over a canvas big enough to hold the
		// whole polygon, then cropped.
		pad := max(int(math.Ceil(float64(w)*spread)), 256)
		z := vector.NewRasterizer(w+2*pad, h+2*pad)
		z.MoveTo(float32(xy[0]+float64(pad)), float32(xy[1]+float64(pad)))
		for i := 2; i < len(xy); i += 2 {
			z.LineTo(float32(xy[i]+float64(pad)), float32(xy[i+1]+float64(pad)))
		}
		z.ClosePath()
		ref := image.NewAlpha(z.Bounds())
		z.Draw(ref, ref.Bounds(), image.Opaque, image.Point{})
		// The reference canvas is over 512 px, so the vector package
		// rasterises it in floating point (its fixed-point mode drifts
		// along long edges). Small differences remain on edge pixels; a
		// clipping bug shows as whole wrong regions.
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				if d := absDiff(got.RGBAAt(x, y).A, ref.AlphaAt(x+pad, y+pad).A); d > 12 {
					t.Fatalf("polygon %d: (%d,%d) alpha %d, reference %d: %v",
						n, x, y, got.RGBAAt(x, y).A, ref.AlphaAt(x+pad, y+pad).A, xy)
				}
			}
		}
	}
}

func TestFillerAreaAndSubImage(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	var f Filler
	area := image.Rect(10, 5, 30, 25)
	f.Reset(area)
	f.AddRing(square(-100, -100, 200, 200, true))
	f.Fill(img, opaque)
	checkOutside(t, img, area)
	if alphaAt(img, 29, 24) != 255 {
		t.Error("area not filled")
	}
	// A sub-image with a non-zero origin clips too.
	img2 := image.NewRGBA(image.Rect(0, 0, 64, 48))
	sub := img2.SubImage(image.Rect(20, 20, 40, 40)).(*image.RGBA)
	f.Reset(img2.Bounds())
	f.AddRing(square(0, 0, 64, 48, true))
	f.Fill(sub, opaque)
	checkOutside(t, img2, sub.Rect)
	if alphaSum(img2) != 400 {
		t.Errorf("sub-image fill covered %v pixels, want 400", alphaSum(img2))
	}
	// Degenerate input.
	f.Reset(image.Rectangle{})
	f.AddRing(square(0, 0, 10, 10, true))
	f.Fill(img, opaque)
	f.Reset(img.Bounds())
	f.AddRing([]float64{1, 2, 3})
	f.AddRing(nil)
	f.AddRing([]float64{math.NaN(), 1, 2, 3, 4, 5})
	f.Fill(img, opaque)
}

func TestFillerNoAllocs(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 300, 200))
	var f Filler
	ring := square(-50, 10, 250, 150, true)
	allocs := testing.AllocsPerRun(20, func() {
		f.Reset(img.Bounds())
		f.AddRing(ring)
		f.Fill(img, color.RGBA{10, 20, 30, 200})
	})
	if allocs != 0 {
		t.Errorf("Filler allocates %v times per run after warm-up", allocs)
	}
}
