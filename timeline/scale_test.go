package timeline

import (
	"fmt"
	"math"
	"testing"
	"time"
)

func TestScaleRoundTrip(t *testing.T) {
	s := Scale{Start: ts(t, "2024-01-01"), End: ts(t, "2025-01-01"), Width: 1464}
	for _, x := range []float64{0, 1, 17.5, 732, 1463.9, 1464, -50, 2000} {
		if got := s.X(s.Time(x)); !near(got, x, 1e-3) {
			t.Errorf("X(Time(%g)) = %g", x, got)
		}
	}
	for _, d := range []string{"2024-01-01", "2024-02-29", "2024-07-01", "2025-01-01"} {
		tm := ts(t, d)
		if got := s.Time(s.X(tm)); got != tm {
			t.Errorf("Time(X(%s)) = %v", d, time.Unix(got, 0).UTC())
		}
	}
	if x := s.X(ts(t, "2024-01-02")); !near(x, 4, 1e-9) {
		t.Errorf("one day of a 366-day year over 1464 px is %g px, want 4", x)
	}
}

// float64Span is the seconds per pixel inverse helper for tolerances.
func float64Span(s Scale) float64 { return float64(s.End - s.Start) }

func TestZoomAroundKeepsTimeUnderCursor(t *testing.T) {
	s := Scale{Start: ts(t, "2020-01-01"), End: ts(t, "2024-01-01"), Width: 1000}
	for _, x := range []float64{0, 123.4, 500, 999} {
		for _, f := range []float64{1.37, 0.5, 10, 1 / 1.37} {
			before := s.Time(x)
			z := s.ZoomAround(x, f)
			if after := z.Time(x); math.Abs(float64(after-before)) > 1 {
				t.Errorf("zoom %g at %g: time under cursor moved %d s", f, x, after-before)
			}
			if want := float64Span(s) / f; !near(float64Span(z), want, 1) {
				t.Errorf("zoom %g: span %g, want %g", f, float64Span(z), want)
			}
		}
	}
	// Limits: never under a day nor over MaxSpan.
	in := s
	for range 100 {
		in = in.ZoomAround(300, 2)
	}
	if in.End-in.Start != MinSpan {
		t.Errorf("zoomed in to a span of %d s, want %d", in.End-in.Start, MinSpan)
	}
	out := s
	for range 100 {
		out = out.ZoomAround(300, 0.5)
	}
	if out.End-out.Start != MaxSpan || out.Start < MinTime || out.End > MaxTime {
		t.Errorf("zoomed out to %v, want a span of %d within the time limits", out, MaxSpan)
	}
	if z := s.ZoomAround(10, 0); z != s {
		t.Error("a zero factor changed the scale")
	}
	if z := s.ZoomAround(math.NaN(), 2); z != s {
		t.Error("a NaN position changed the scale")
	}
}

func TestPan(t *testing.T) {
	s := Scale{Start: ts(t, "2024-03-01"), End: ts(t, "2024-03-11"), Width: 1000} // 864 s/px
	p := s.Pan(100)
	if p.Start != s.Start-86400 || p.End != s.End-86400 {
		t.Errorf("panning right by 100 px moved %d s, want −86400 (earlier)", p.Start-s.Start)
	}
	if x := p.X(ts(t, "2024-03-05")); !near(x, s.X(ts(t, "2024-03-05"))+100, 1e-9) {
		t.Errorf("content moved to %g, want 100 px right", x)
	}
	far := s.Pan(1e12)
	if far.Start != MinTime || far.End-far.Start != s.End-s.Start {
		t.Errorf("panning far left gave %v", far)
	}
}

func ExampleScale_X() {
	s := Scale{
		Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Unix(),
		End:   time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Unix(),
		Width: 732, // two pixels a day in the leap year
	}
	march := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC).Unix()
	fmt.Println(s.X(march))
	fmt.Println(time.Unix(s.Time(120), 0).UTC().Format("2006-01-02"))
	// Output:
	// 120
	// 2024-03-01
}
