package paint

import (
	"image"
	"image/color"
	"testing"
)

func TestMul255(t *testing.T) {
	for k := uint32(0); k < 256; k++ {
		for v := uint32(0); v < 256; v++ {
			p := v | (255-v)<<8 | v<<16 | (v/2)<<24
			got := mul255(p, k)
			for lane := 0; lane < 4; lane++ {
				in := p >> (8 * lane) & 0xff
				want := (in*k + 127) / 255
				if g := got >> (8 * lane) & 0xff; g != want {
					t.Fatalf("mul255 lane %d: %d*%d/255 = %d, want %d", lane, in, k, g, want)
				}
			}
		}
	}
}

func TestMul255x2(t *testing.T) {
	for k := uint64(0); k < 256; k += 5 {
		for v := uint64(0); v < 256; v += 3 {
			p := v | (255-v)<<8 | v<<16 | (v/2)<<24 | (v/3)<<32 | (255-v/2)<<40 | 7<<48 | 255<<56
			got := mul255x2(p, k)
			want := uint64(mul255(uint32(p), uint32(k))) | uint64(mul255(uint32(p>>32), uint32(k)))<<32
			if got != want {
				t.Fatalf("mul255x2(%#x, %d) = %#x, want %#x", p, k, got, want)
			}
		}
	}
}

func TestBlender(t *testing.T) {
	var b blender
	red := b.set(color.RGBA{255, 0, 0, 255}).s
	white := pack(color.RGBA{255, 255, 255, 255})
	if got := b.blend(white, 255); got != red {
		t.Errorf("opaque full coverage = %#x, want %#x", got, red)
	}
	if got := b.blend(white, 0); got != white {
		t.Errorf("zero coverage = %#x, want %#x", got, white)
	}
	half := b.blend(0, 128)
	if a := half >> 24; a != 128 {
		t.Errorf("half coverage alpha = %d, want 128", a)
	}
	// The table matches mul255 for a translucent colour.
	b.set(color.RGBA{10, 100, 0, 200})
	for m := range 256 {
		if b.tab[m] != mul255(b.s, uint32(m)) {
			t.Fatalf("tab[%d] = %#x, want %#x", m, b.tab[m], mul255(b.s, uint32(m)))
		}
	}
	// Non-premultiplied input is clamped, so blending cannot overflow.
	bad := pack(color.RGBA{255, 255, 255, 10})
	if bad != pack(color.RGBA{10, 10, 10, 10}) {
		t.Errorf("sanitize: %#x", bad)
	}
}

func TestFillRect(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 20, 10))
	FillRect(img, image.Rect(-5, 2, 7, 100), color.RGBA{0, 0, 255, 255})
	checkOutside(t, img, image.Rect(0, 2, 7, 10))
	if got := img.RGBAAt(6, 9); got != (color.RGBA{0, 0, 255, 255}) {
		t.Errorf("inside = %v", got)
	}
	FillRect(img, image.Rect(0, 0, 20, 10), color.RGBA{0, 64, 0, 64})
	if got := img.RGBAAt(6, 9); got != (color.RGBA{0, 64, 191, 255}) {
		t.Errorf("translucent over blue = %v, want {0 64 191 255}", got)
	}
	if got := img.RGBAAt(15, 0); got != (color.RGBA{0, 64, 0, 64}) {
		t.Errorf("translucent over transparent = %v", got)
	}
	// Sub-image with a non-zero origin.
	sub := img.SubImage(image.Rect(10, 3, 12, 5)).(*image.RGBA)
	FillRect(sub, image.Rect(0, 0, 100, 100), color.RGBA{255, 255, 255, 255})
	if img.RGBAAt(11, 4).R != 255 || img.RGBAAt(12, 4).R == 255 || img.RGBAAt(11, 5).R == 255 {
		t.Error("FillRect on a sub-image drew outside it")
	}
	FillRect(img, image.Rect(5, 5, 2, 2), color.RGBA{255, 0, 0, 255}) // empty
}
