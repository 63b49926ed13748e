package paint

import (
	"image"
	"math"
	"testing"
)

func TestNiceDistance(t *testing.T) {
	tests := []struct {
		max   float64
		m     float64
		label string
	}{
		{100, 100, "100 m"},
		{99.9, 50, "50 m"},
		{250, 200, "200 m"},
		{499, 200, "200 m"},
		{500, 500, "500 m"},
		{999.9999999999, 1000, "1 km"}, // within rounding of 1000
		{1000, 1000, "1 km"},
		{1999, 1000, "1 km"},
		{4999, 2000, "2 km"},
		{73000, 50000, "50 km"},
		{180000, 100000, "100 km"},
		{2.5e6, 2e6, "2000 km"},
		{1.2e7, 1e7, "10000 km"},
		{3.4, 2, "2 m"},
		{1, 1, "1 m"},
		{0.7, 0.5, "50 cm"},
		{0.012, 0.01, "1 cm"},
		{0.0099, 0.005, "5 mm"},
		{0.001, 0.001, "1 mm"},
		{0.0009, 0, ""},
		{0, 0, ""},
		{-5, 0, ""},
		{math.NaN(), 0, ""},
		{1e20, 5e9, "5000000 km"},
		{math.Inf(1), 5e9, "5000000 km"},
	}
	for _, tt := range tests {
		m, label := NiceDistance(tt.max)
		if math.Abs(m-tt.m) > 1e-9*tt.m || label != tt.label {
			t.Errorf("NiceDistance(%v) = %v, %q; want %v, %q", tt.max, m, label, tt.m, tt.label)
		}
	}
	if n := testing.AllocsPerRun(10, func() { NiceDistance(12345) }); n != 0 {
		t.Errorf("NiceDistance allocates %v times", n)
	}
}

func TestScaleBar(t *testing.T) {
	for _, tt := range []struct {
		mpp      float64
		maxWidth int
		scale    float64
	}{
		{10, 120, 1}, {37.2, 100, 1}, {1.3, 150, 2}, {20000, 120, 1}, {0.01, 80, 1.5},
	} {
		face := RegularFace(11 * tt.scale)
		img := image.NewRGBA(image.Rect(0, 0, 400, 200))
		r := ScaleBar(img, 10, 190, tt.mpp, tt.maxWidth, face, tt.scale)
		if r.Empty() {
			t.Fatalf("mpp %v: empty rectangle", tt.mpp)
		}
		checkOutside(t, img, r)
		if r.Max.Y != 190 || r.Min.X != 10 {
			t.Errorf("mpp %v: rectangle %v does not start at (10, 190)", tt.mpp, r)
		}
		ink := inkBounds(img)
		if ink.Max.Y != 190 {
			t.Errorf("mpp %v: drawing ends at y %d, want 190", tt.mpp, ink.Max.Y)
		}
		// The bar (widest dark row) is at most maxWidth long.
		m, _ := NiceDistance(tt.mpp * float64(tt.maxWidth))
		if bar := m / tt.mpp; bar > float64(tt.maxWidth)+0.5 || bar < float64(tt.maxWidth)/5-1 {
			t.Errorf("mpp %v: bar %v px for max %d", tt.mpp, bar, tt.maxWidth)
		}
		// Text is drawn above the bar.
		if ink.Min.Y > 190-int(12*tt.scale) {
			t.Errorf("mpp %v: no label above the bar (ink %v)", tt.mpp, ink)
		}
	}
	img := image.NewRGBA(image.Rect(0, 0, 100, 100))
	for _, mpp := range []float64{0, -1, math.NaN(), math.Inf(1), 1e30} {
		if r := ScaleBar(img, 10, 90, mpp, 80, RegularFace(11), 1); !r.Empty() {
			t.Errorf("mpp %v drew %v", mpp, r)
		}
	}
	// Clipped at the image edge, and without a face.
	r := ScaleBar(img, 60, 110, 5, 100, nil, 1)
	checkOutside(t, img, r)
	if !r.In(img.Bounds()) {
		t.Errorf("rectangle %v not clipped", r)
	}
}
