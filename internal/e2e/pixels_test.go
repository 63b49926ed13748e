package e2e

import (
	"image"
	"image/color"
	"testing"
)

// picture returns a 10×10 image: the left half land-coloured, the right
// half water-coloured, with one nearly-land pixel at (1, 1).
func picture() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 10, 10))
	for y := 0; y < 10; y++ {
		for x := 0; x < 10; x++ {
			c := color.RGBA{0xf4, 0xf1, 0xea, 0xff}
			if x >= 5 {
				c = color.RGBA{0xc6, 0xdd, 0xe8, 0xff}
			}
			img.SetRGBA(x, y, c)
		}
	}
	img.SetRGBA(1, 1, color.RGBA{0xf2, 0xf1, 0xea, 0xff})
	return img
}

var (
	land  = Colour{0xf4, 0xf1, 0xea}
	water = Colour{0xc6, 0xdd, 0xe8}
)

func TestCountEachHonoursToleranceAndRegion(t *testing.T) {
	img := picture()
	all := img.Bounds()
	if got := CountEach(img, all, []Colour{land, water}, 0); got[0] != 49 || got[1] != 50 {
		t.Errorf("exact counts = %v, want [49 50]", got)
	}
	if got := CountEach(img, all, []Colour{land, water}, 2); got[0] != 50 {
		t.Errorf("tolerance 2 land count = %d, want 50 (the pixel 2 off counts)", got[0])
	}
	if got := Count(img, image.Rect(3, 0, 7, 2), []Colour{land, water}, 0); got != 8 {
		t.Errorf("count in a 4×2 region = %d, want 8", got)
	}
	if got := Count(img, image.Rect(-5, -5, 2, 2), []Colour{land}, 0); got != 3 {
		t.Errorf("count in a region sticking out = %d, want 3", got)
	}
}

func TestChangedCountsDifferingPixels(t *testing.T) {
	a, b := picture(), picture()
	if n := Changed(a, b, a.Bounds(), 0); n != 0 {
		t.Fatalf("identical pictures: %d changed", n)
	}
	b.SetRGBA(7, 7, color.RGBA{0, 0, 0, 0xff})
	b.SetRGBA(8, 8, color.RGBA{0xc7, 0xdd, 0xe8, 0xff}) // 1 off
	if n := Changed(a, b, a.Bounds(), 0); n != 2 {
		t.Errorf("changed at tol 0 = %d, want 2", n)
	}
	if n := Changed(a, b, a.Bounds(), 1); n != 1 {
		t.Errorf("changed at tol 1 = %d, want 1", n)
	}
	if n := Changed(a, b, image.Rect(0, 0, 5, 5), 0); n != 0 {
		t.Errorf("changed outside the edits = %d, want 0", n)
	}
}

func TestTopColoursAndDescription(t *testing.T) {
	img := picture()
	top := TopColours(img, img.Bounds(), 2)
	if len(top) != 2 || top[0] != (ColourCount{water, 50}) || top[1] != (ColourCount{land, 49}) {
		t.Errorf("top colours = %v", top)
	}
	if got, want := DescribeColours(img, img.Bounds(), 3), "#c6dde8×50 #f4f1ea×49 #f2f1ea×1"; got != want {
		t.Errorf("description = %q, want %q", got, want)
	}
}

func TestOutlineMarksTheBorderOnly(t *testing.T) {
	img := picture()
	out := Outline(img, image.Rect(2, 2, 6, 6))
	magenta := Colour{0xff, 0x00, 0xff}
	if n := Count(out, out.Bounds(), []Colour{magenta}, 0); n != 12 {
		t.Errorf("outline pixels = %d, want 12", n)
	}
	if colourAt(img, 2, 2) != land {
		t.Error("Outline changed its input")
	}
}

func TestFracIn(t *testing.T) {
	win := image.Rect(10, 20, 1410, 920)
	if got, want := (Frac{0.25, 0.5, 0.75, 1}).In(win), image.Rect(360, 470, 1060, 920); got != want {
		t.Errorf("Frac.In = %v, want %v", got, want)
	}
}
