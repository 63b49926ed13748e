package paint

import (
	"image"
	"image/color"
	"testing"
)

var white = color.RGBA{255, 255, 255, 255}

func TestMeasure(t *testing.T) {
	f := RegularFace(13)
	w, asc, desc := f.Measure("Hello, world")
	if w < 50 || w > 120 || asc < 8 || asc > 16 || desc < 2 || desc > 6 {
		t.Errorf("Measure = %d, %d, %d: implausible for 13 px", w, asc, desc)
	}
	// Deterministic and additive (no kerning).
	w2, _, _ := f.Measure("Hello, world")
	a, _, _ := f.Measure("Hello,")
	b, _, _ := f.Measure(" world")
	if w2 != w || a+b != w {
		t.Errorf("Measure not additive: %d, %d + %d", w, a, b)
	}
	if w, _, _ := f.Measure(""); w != 0 {
		t.Errorf("empty string width %d", w)
	}
	bw, _, _ := BoldFace(13).Measure("Hello, world")
	if bw <= w {
		t.Errorf("bold width %d <= regular %d", bw, w)
	}
	big, _, _ := RegularFace(26).Measure("Hello, world")
	if big < 2*w-12 || big > 2*w+12 { // each hinted advance rounds
		t.Errorf("26 px width %d, want about twice %d", big, w)
	}
}

func TestDrawWithinBox(t *testing.T) {
	for _, size := range []float64{9, 13, 24} {
		for _, halo := range []color.RGBA{{}, {200, 200, 200, 200}} {
			f := RegularFace(size)
			s := "Agjy Åp|(0)"
			img := image.NewRGBA(image.Rect(0, 0, 300, 80))
			x, y := 20, 50
			f.Draw(img, x, y, s, opaque, halo)
			w, asc, desc := f.Measure(s)
			k := 1 // ink may start a pixel left of x
			if halo.A != 0 {
				k += f.HaloWidth()
			}
			box := image.Rect(x-k, y-asc-k, x+w+k, y+desc+k)
			if alphaSum(img) < 20 {
				t.Fatalf("size %v: drew almost nothing", size)
			}
			checkOutside(t, img, box)
			// Deterministic: drawing again gives the same pixels.
			img2 := image.NewRGBA(img.Rect)
			f.Draw(img2, x, y, s, opaque, halo)
			if string(img.Pix) != string(img2.Pix) {
				t.Error("Draw is not deterministic")
			}
		}
	}
}

func TestDrawHalo(t *testing.T) {
	f := RegularFace(13)
	img := image.NewRGBA(image.Rect(0, 0, 100, 30))
	f.Draw(img, 10, 20, "l", opaque, white)
	// Find the stem of the l: the halo surrounds it with white.
	var stem image.Point
	for x := 0; x < 100 && stem == (image.Point{}); x++ {
		if img.RGBAAt(x, 15) == opaque {
			stem = image.Pt(x, 15)
		}
	}
	if stem == (image.Point{}) {
		t.Fatal("no solid ink in the l")
	}
	// The halo reaches about 1.6 px beyond the ink at 13 px.
	if a := img.RGBAAt(stem.X-1, stem.Y); a.A != 255 {
		t.Errorf("pixel left of the stem = %v, want opaque (ink or halo)", a)
	}
	if a := img.RGBAAt(stem.X-2, stem.Y); a.A < 100 || a.R < a.A*3/4 {
		t.Errorf("pixel 2 left of the stem = %v, want mostly white halo", a)
	}
	if a := img.RGBAAt(stem.X-4, stem.Y); a.A != 0 {
		t.Errorf("pixel 4 left of the stem = %v, want nothing", a)
	}
	// A halo of adjacent glyphs is merged, not blended twice.
	img = image.NewRGBA(image.Rect(0, 0, 100, 30))
	h := color.RGBA{0, 0, 100, 100}
	f.Draw(img, 10, 20, "llll", color.RGBA{}, h)
	for i := 3; i < len(img.Pix); i += 4 {
		if img.Pix[i] > h.A {
			t.Fatalf("halo alpha %d > %d", img.Pix[i], h.A)
		}
	}
}

func TestDrawClip(t *testing.T) {
	f := BoldFace(15)
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	sub := img.SubImage(image.Rect(10, 10, 40, 30)).(*image.RGBA)
	for _, p := range []image.Point{{0, 20}, {30, 15}, {-1000, 20}, {12, 1000}, {12, -1000}, {35, 35}} {
		f.Draw(sub, p.X, p.Y, "Clipped text ✓ \xff", opaque, white)
		f.Draw(sub, p.X, p.Y, "Clipped", opaque, color.RGBA{})
	}
	checkOutside(t, img, sub.Rect)
	f.Draw(img, 0, 0, "", opaque, white)
}

func TestNewFace(t *testing.T) {
	if _, err := NewFace([]byte("not a font"), 12); err == nil {
		t.Error("NewFace accepted garbage")
	}
	if _, err := NewFace(nil, 12); err == nil {
		t.Error("NewFace accepted nil")
	}
	f := RegularFace(0) // clamped to 1 px
	if f.Size() != 1 {
		t.Errorf("size %v", f.Size())
	}
}

func TestFaceBoundedAndNoAllocs(t *testing.T) {
	f := RegularFace(12)
	img := image.NewRGBA(image.Rect(0, 0, 200, 50))
	for r := rune(0x100); r < 0x100+2*maxGlyphs; r++ {
		f.Draw(img, 5, 30, string(r), opaque, white)
	}
	if len(f.glyphs) > maxGlyphs {
		t.Errorf("glyph cache holds %d, limit %d", len(f.glyphs), maxGlyphs)
	}
	draw := func() {
		f.Draw(img, 5, 30, "Frontier 1848 – Zürich", opaque, white)
		f.Draw(img, 5, 45, "no halo", opaque, color.RGBA{})
		f.Measure("Frontier 1848")
	}
	draw()
	if allocs := testing.AllocsPerRun(20, draw); allocs != 0 {
		t.Errorf("Face allocates %v times per run after warm-up", allocs)
	}
}
