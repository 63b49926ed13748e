package paint

import (
	"image"
	"image/color"
	"math"
	"testing"
)

func TestStrokeHorizontal(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 64, 32))
	StrokePolyline(img, img.Bounds(), []float64{10, 10, 50, 10}, 2, opaque)
	// The line covers y in [9, 11]: rows 9 and 10, from x 9 to 51 with
	// round caps.
	for x := 10; x < 50; x++ {
		for y := 0; y < 32; y++ {
			want := uint8(0)
			if y == 9 || y == 10 {
				want = 255
			}
			if got := alphaAt(img, x, y); got != want {
				t.Fatalf("alpha at (%d,%d) = %d, want %d", x, y, got, want)
			}
		}
	}
	checkOutside(t, img, image.Rect(8, 8, 52, 12))
	// Coverage ≈ length × width plus the round caps (π·r²).
	if got, want := alphaSum(img), 40*2+math.Pi; math.Abs(got-want) > 1.5 {
		t.Errorf("covered %.2f px, want about %.2f", got, want)
	}
}

func TestStrokeCoverage(t *testing.T) {
	tests := []struct {
		name  string
		xy    []float64
		width float64
		want  float64 // covered area in pixels
		tol   float64
	}{
		{"vertical", []float64{20.5, 5, 20.5, 55}, 3, 50*3 + math.Pi*1.5*1.5, 1.5},
		{"diagonal", []float64{5, 5, 55, 45}, 2, math.Hypot(50, 40)*2 + math.Pi, 2},
		{"thin", []float64{5, 20.3, 55, 20.3}, 0.5, 50 * 0.5, 1},
		{"dot", []float64{30, 30}, 4, math.Pi * 4, 1},
		{"right angle", []float64{10, 10, 50, 10, 50, 50}, 2, 80*2 + math.Pi, 2},
		{"dense zigzag", zigzag(10, 30, 50, 4000, 6), 2, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img := image.NewRGBA(image.Rect(0, 0, 64, 64))
			c := color.RGBA{0, 0, 100, 100}
			StrokePolyline(img, img.Bounds(), tt.xy, tt.width, c)
			// Overlaps are not blended twice: no pixel exceeds c's alpha.
			for i := 3; i < len(img.Pix); i += 4 {
				if img.Pix[i] > c.A {
					t.Fatalf("pixel alpha %d > %d: overlap blended twice", img.Pix[i], c.A)
				}
			}
			if tt.tol == 0 {
				return
			}
			got := alphaSum(img) * 255 / float64(c.A)
			if math.Abs(got-tt.want) > tt.tol+0.02*tt.want {
				t.Errorf("covered %.2f px, want %.2f", got, tt.want)
			}
		})
	}
}

// zigzag returns n points going back and forth between x0 and x1 around
// y, a pathological dense polyline.
func zigzag(x0, y, x1 float64, n int, amp float64) []float64 {
	xy := make([]float64, 0, 2*n)
	for i := 0; i < n; i++ {
		f := float64(i) / float64(n-1)
		x := x0 + (x1-x0)*math.Abs(math.Sin(f*40))
		xy = append(xy, x, y+amp*math.Sin(f*300))
	}
	return xy
}

func TestStrokeClip(t *testing.T) {
	bad := []float64{
		math.NaN(), 3, 10, 10, math.Inf(1), 5, 40, 40, 1e300, -1e300,
		-1e9, 20, 1e9, 20, 30, math.Inf(-1), 30, 60,
	}
	for _, w := range []float64{0.5, 1, 2.5, 6, 1e6, math.NaN(), math.Inf(1), -1} {
		img := image.NewRGBA(image.Rect(0, 0, 64, 64))
		clip := image.Rect(16, 8, 48, 40)
		StrokePolyline(img, clip, bad, w, opaque)
		StrokeDashed(img, clip, bad, w, 4, 3, opaque)
		checkOutside(t, img, clip)
		if w == 2.5 && alphaAt(img, 20, 20) != 255 {
			t.Errorf("the line from x=-1e9 to 1e9 is missing")
		}
	}
	// Sub-image origin and a clip larger than the image.
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	sub := img.SubImage(image.Rect(10, 10, 30, 30)).(*image.RGBA)
	StrokePolyline(sub, image.Rect(-100, -100, 100, 100), []float64{0, 20, 64, 20}, 3, opaque)
	checkOutside(t, img, sub.Rect)
	if alphaAt(img, 15, 20) != 255 {
		t.Error("line on sub-image missing")
	}
	// Empty clip, nil and odd-length input.
	StrokePolyline(img, image.Rectangle{}, []float64{0, 0, 10, 10}, 2, opaque)
	StrokePolyline(img, img.Bounds(), nil, 2, opaque)
	StrokePolyline(img, img.Bounds(), []float64{1, 2, 3}, 2, opaque)
}

func TestStrokeDashed(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 100, 20))
	// Dashes 4 on, 6 off, width 1 on row 10, with a vertex at x=33 inside
	// the third dash: the pattern continues across it.
	StrokeDashed(img, img.Bounds(), []float64{10, 10.5, 33, 10.5, 60, 10.5}, 1, 4, 6, opaque)
	var row []byte
	for x := 0; x < 64; x++ {
		switch a := alphaAt(img, x, 10); {
		case a == 0:
			row = append(row, '.')
		case a == 255:
			row = append(row, '#')
		default:
			row = append(row, '+')
		}
	}
	// Round caps add half a pixel at both ends of each dash.
	want := ".........+####+....+####+....+####+....+####+....+####+........."
	if string(row) != want {
		t.Errorf("dash pattern\n got %s\nwant %s", row, want)
	}
	checkOutside(t, img, image.Rect(0, 10, 100, 11))
	// A very long dashed line far off-screen is cheap and draws nothing.
	img2 := image.NewRGBA(image.Rect(0, 0, 10, 10))
	StrokeDashed(img2, img2.Bounds(), []float64{-1e11, -50, 1e11, -50}, 2, 0, 0.1, opaque)
	StrokeDashed(img2, img2.Bounds(), []float64{-1e11, 5, 1e11, 5}, 2, 0, 0.1, opaque)
	if alphaAt(img2, 5, 5) == 0 {
		t.Error("dotted line through the image missing")
	}
}

func TestStrokerBatch(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	var s Stroker
	c := color.RGBA{100, 0, 0, 100}
	s.Begin(img, img.Bounds())
	s.Add([]float64{0, 32, 64, 32}, 4)
	s.Add([]float64{32, 0, 32, 64}, 4)
	s.Finish(c)
	if got := img.RGBAAt(32, 32); got != c {
		t.Errorf("crossing = %v, want %v (union, not blended twice)", got, c)
	}
	// An unfinished batch is discarded by the next Begin.
	s.Begin(img, img.Bounds())
	s.Add([]float64{0, 5, 64, 5}, 2)
	s.Begin(img, img.Bounds())
	s.Finish(opaque)
	if alphaAt(img, 10, 5) != 0 {
		t.Error("discarded batch was drawn")
	}
}

func TestStrokeNoAllocs(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	xy := zigzag(-50, 150, 450, 500, 100)
	var s Stroker
	allocs := testing.AllocsPerRun(20, func() {
		s.Polyline(img, img.Bounds(), xy, 2.5, color.RGBA{0, 0, 90, 120})
		s.Begin(img, img.Bounds())
		s.AddDashed(xy, 1.5, 5, 3)
		s.Finish(opaque)
	})
	if allocs != 0 {
		t.Errorf("Stroker allocates %v times per run after warm-up", allocs)
	}
}

// TestStrokeSimplify checks that dropping vertices (sleeve fitting) moves
// the line by at most simplifyTol: the polyline drawn whole matches the
// union of its segments drawn one by one (which keeps every vertex).
func TestStrokeSimplify(t *testing.T) {
	for _, jitter := range []float64{0, 0.3, 2} {
		xy := make([]float64, 0, 4000)
		for i := 0; i < 2000; i++ {
			a := float64(i) / 2000 * 2 * math.Pi
			xy = append(xy, 100+80*math.Cos(3*a)+jitter*math.Sin(float64(i)*7.1),
				100+80*math.Sin(2*a)+jitter*math.Cos(float64(i)*3.3))
		}
		for _, w := range []float64{1, 2.5} {
			whole := image.NewRGBA(image.Rect(0, 0, 200, 200))
			parts := image.NewRGBA(whole.Rect)
			var s Stroker
			s.Polyline(whole, whole.Rect, xy, w, opaque)
			s.Begin(parts, parts.Rect)
			for i := 2; i < len(xy); i += 2 {
				s.Add(xy[i-2:i+2], w)
			}
			s.Finish(opaque)
			worst, sum := 0, 0
			for i := 3; i < len(whole.Pix); i += 4 {
				d := absDiff(whole.Pix[i], parts.Pix[i])
				worst, sum = max(worst, d), sum+d
			}
			// 1/8 px of distance is at most 32 levels of coverage; chords
			// of a curve shift it by about that much along its length
			// (alphaSum/w), moving coverage from one edge to the other.
			if worst > 34 || float64(sum)/255 > 2*simplifyTol*alphaSum(parts)/w {
				t.Errorf("jitter %v width %v: simplified line differs by up to %d (total %.1f px of %.1f)",
					jitter, w, worst, float64(sum)/255, alphaSum(parts))
			}
		}
	}
}

// StrokePolyline takes Strokers from a pool: concurrent calls on
// different images must not interfere (run with -race).
func TestStrokeConcurrent(t *testing.T) {
	want := image.NewRGBA(image.Rect(0, 0, 100, 100))
	xy := zigzag(5, 50, 95, 300, 30)
	StrokePolyline(want, want.Rect, xy, 2, opaque)
	done := make(chan *image.RGBA)
	for g := 0; g < 4; g++ {
		go func() {
			img := image.NewRGBA(want.Rect)
			for i := 0; i < 20; i++ {
				clear(img.Pix)
				StrokePolyline(img, img.Rect, xy, 2, opaque)
			}
			done <- img
		}()
	}
	for g := 0; g < 4; g++ {
		if img := <-done; string(img.Pix) != string(want.Pix) {
			t.Error("concurrent strokes differ")
		}
	}
}
