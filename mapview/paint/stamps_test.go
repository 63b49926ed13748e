package paint

import (
	"image"
	"image/color"
	"math"
	"testing"
)

func TestDiscArea(t *testing.T) {
	var s Stamps
	for _, r := range []float64{1.5, 3, 5.25, 8, 20, 63, 80} {
		for _, off := range []float64{0, 0.25, 0.5, 0.3} {
			img := image.NewRGBA(image.Rect(0, 0, 200, 200))
			s.Disc(img, 100+off, 100-off, r, opaque, color.RGBA{}, 0)
			want := math.Pi * r * r
			if got := alphaSum(img); math.Abs(got-want) > 0.02*want+0.3 {
				t.Errorf("disc r=%v: area %.2f, want %.2f", r, got, want)
			}
			checkOutside(t, img, image.Rect(100-int(r)-2, 100-int(r)-2, 100+int(r)+2, 100+int(r)+2))
		}
	}
}

func TestRingArea(t *testing.T) {
	var s Stamps
	for _, tt := range []struct{ r, w float64 }{{5, 1}, {10, 2}, {8, 0.5}, {30, 3}, {100, 2}, {1, 4}} {
		img := image.NewRGBA(image.Rect(0, 0, 256, 256))
		s.Ring(img, 128.5, 128.5, tt.r, tt.w, opaque)
		ro, ri := tt.r+tt.w/2, max(tt.r-tt.w/2, 0)
		want := math.Pi * (ro*ro - ri*ri)
		if got := alphaSum(img); math.Abs(got-want) > 0.03*want+0.5 {
			t.Errorf("ring r=%v w=%v: area %.2f, want %.2f", tt.r, tt.w, got, want)
		}
		if tt.r > 3 && alphaAt(img, 128, 128) != 0 {
			t.Errorf("ring r=%v has a filled centre", tt.r)
		}
	}
}

func TestDiscWithRing(t *testing.T) {
	var s Stamps
	img := image.NewRGBA(image.Rect(0, 0, 40, 40))
	fill := color.RGBA{200, 0, 0, 255}
	ring := color.RGBA{0, 0, 255, 255}
	s.Disc(img, 20.5, 20.5, 8, fill, ring, 2)
	if got := img.RGBAAt(20, 20); got != fill {
		t.Errorf("centre = %v, want fill %v", got, fill)
	}
	// The ring lies inside the edge, from radius 6 to 8: pixel centres at
	// distance 7 are ring, at 8 half covered, at 9 empty.
	if got := img.RGBAAt(27, 20); got != ring {
		t.Errorf("ring = %v, want %v", got, ring)
	}
	if got := alphaAt(img, 28, 20); got < 100 || got > 160 {
		t.Errorf("edge alpha = %d, want about half", got)
	}
	if got := alphaAt(img, 29, 20); got != 0 {
		t.Errorf("outside the disc alpha = %d", got)
	}
	// Same outer radius with or without a ring.
	plain := image.NewRGBA(image.Rect(0, 0, 40, 40))
	s.Disc(plain, 20.5, 20.5, 8, fill, color.RGBA{}, 2)
	if alphaSum(plain) != alphaSum(img) {
		t.Errorf("disc area %v with ring, %v without", alphaSum(img), alphaSum(plain))
	}
	// No ring when its alpha is 0: same as a plain disc.
	a := image.NewRGBA(image.Rect(0, 0, 40, 40))
	b := image.NewRGBA(image.Rect(0, 0, 40, 40))
	s.Disc(a, 20, 20, 6, fill, color.RGBA{}, 3)
	s.Disc(b, 20, 20, 6, fill, color.RGBA{}, 0)
	if string(a.Pix) != string(b.Pix) {
		t.Error("transparent ring changed the disc")
	}
}

func TestStampMatchesDirect(t *testing.T) {
	var s Stamps
	for _, key := range []stampKey{
		{rq: 40, wq: 8, fx: 1, fy: 3, fill: true},
		{rq: 13, wq: 0, fx: 2, fy: 0, fill: true},
		{rq: 22, wq: 2, fx: 0, fy: 1},
	} {
		a := image.NewRGBA(image.Rect(0, 0, 40, 40))
		b := image.NewRGBA(image.Rect(0, 0, 40, 40))
		FillRect(a, a.Rect, color.RGBA{0, 80, 0, 255})
		FillRect(b, b.Rect, color.RGBA{0, 80, 0, 255})
		fill, ring := color.RGBA{100, 0, 0, 200}, color.RGBA{0, 0, 50, 50}
		if !key.fill {
			fill = color.RGBA{}
		}
		cx, cy := 20+float64(key.fx)/4, 20+float64(key.fy)/4
		s.draw(a, cx, cy, float64(key.rq)/4, float64(key.wq)/4, fill, ring)
		var fb, rb *blender
		if key.fill {
			fb = new(blender).set(fill)
		}
		rb = new(blender).set(ring)
		drawDirect(b, 20, 20, geomOf(key), fb, rb)
		if string(a.Pix) != string(b.Pix) {
			t.Errorf("stamp %+v differs from direct drawing", key)
		}
	}
}

func TestStampsClipAndBadInput(t *testing.T) {
	var s Stamps
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	sub := img.SubImage(image.Rect(10, 10, 30, 30)).(*image.RGBA)
	for _, p := range [][2]float64{{10, 10}, {30, 30}, {20, 9}, {29.9, 20}, {-5, 20}, {1e300, 5}, {math.NaN(), 3}, {5, math.Inf(-1)}} {
		for _, r := range []float64{0, 0.2, 4, 12, 70, 1e9, math.NaN(), -3} {
			s.Disc(sub, p[0], p[1], r, opaque, opaque, 1.5)
			s.Ring(sub, p[0], p[1], r, 3, opaque)
		}
	}
	checkOutside(t, img, sub.Rect)
	if alphaAt(img, 10, 10) == 0 {
		t.Error("disc at the sub-image corner missing")
	}
}

func TestStampsBounded(t *testing.T) {
	var s Stamps
	img := image.NewRGBA(image.Rect(0, 0, 200, 200))
	for r := 0.25; r < 60; r += 0.25 {
		for f := 0.0; f < 1; f += 0.25 {
			s.Disc(img, 100+f, 100, r, opaque, opaque, 1)
		}
	}
	if s.bytes > maxStampBytes || len(s.cache) == 0 {
		t.Errorf("cache holds %d bytes in %d stamps, limit %d", s.bytes, len(s.cache), maxStampBytes)
	}
}

func TestStampsNoAllocs(t *testing.T) {
	var s Stamps
	img := image.NewRGBA(image.Rect(0, 0, 300, 300))
	draw := func() {
		for i := 0; i < 100; i++ {
			x, y := float64(i*37%300)+float64(i%4)*0.25, float64(i*53%300)
			s.Disc(img, x, y, 3+float64(i%5), color.RGBA{200, 0, 0, 200}, opaque, 1)
			s.Ring(img, x, y, 10, 1.5, color.RGBA{0, 0, 0, 128})
		}
	}
	draw()
	if allocs := testing.AllocsPerRun(10, draw); allocs != 0 {
		t.Errorf("Stamps allocate %v times per run after warm-up", allocs)
	}
}
