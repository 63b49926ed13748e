package timeline

import "math"

// Limits of what a Scale shows.
const (
	// MinSpan is the shortest span a Scale zooms to: one day.
	MinSpan = day
	// MaxSpan is the longest: about two hundred years.
	MaxSpan = int64(200 * 365.2425 * day)
	// MinTime and MaxTime bound the times a Scale shows: 1000-01-01 and
	// 3000-01-01 (UTC).
	MinTime = int64(-30610224000)
	MaxTime = int64(32503680000)
)

// Scale maps a visible time span [Start, End) (Unix seconds) linearly onto
// Width pixels: Start is at x = 0 and End at x = Width. The widget works
// in logical pixels, the renderer in device pixels; the mapping is the
// same. A Scale is a value: its methods return new Scales.
type Scale struct {
	Start, End int64
	Width      int
}

// span returns End−Start, or 1 for an empty or inverted scale.
func (s Scale) span() float64 {
	if s.End <= s.Start {
		return 1
	}
	return float64(s.End - s.Start)
}

func (s Scale) width() float64 {
	if s.Width <= 0 {
		return 1
	}
	return float64(s.Width)
}

// X returns the pixel position of time t (fractional; outside [0, Width]
// for times outside the span).
func (s Scale) X(t int64) float64 {
	return float64(t-s.Start) * s.width() / s.span()
}

// Time returns the time at pixel position x, rounded to the second.
func (s Scale) Time(x float64) int64 {
	return s.Start + int64(math.Round(x*s.span()/s.width()))
}

// SecondsPerPixel returns how much time one pixel covers.
func (s Scale) SecondsPerPixel() float64 { return s.span() / s.width() }

// ZoomAround magnifies the scale by factor about pixel x: factor 2 halves
// the span shown (zooms in), 0.5 doubles it. The time under x stays
// under x (to the second) unless the span limits (MinSpan, MaxSpan) or
// the time limits (MinTime, MaxTime) push it. A factor that is not
// positive and finite leaves the scale unchanged.
func (s Scale) ZoomAround(x, factor float64) Scale {
	if !(factor > 0) || math.IsInf(factor, 0) || math.IsNaN(x) || math.IsInf(x, 0) {
		return s
	}
	span := s.span()
	f := x / s.width()
	tx := float64(s.Start) + f*span
	ns := math.Min(math.Max(span/factor, MinSpan), float64(MaxSpan))
	start := int64(math.Round(tx - f*ns))
	s.Start, s.End = start, start+int64(math.Round(ns))
	return s.Clamp()
}

// Pan moves the scale by dx pixels: the content follows the pointer, so
// dragging right (dx > 0) shows earlier times.
func (s Scale) Pan(dx float64) Scale {
	if math.IsNaN(dx) || math.IsInf(dx, 0) {
		return s
	}
	d := int64(math.Round(dx * s.SecondsPerPixel()))
	s.Start -= d
	s.End -= d
	return s.Clamp()
}

// Clamp keeps the span within [MinSpan, MaxSpan] (about its centre) and
// the scale within [MinTime, MaxTime].
func (s Scale) Clamp() Scale {
	if s.End-s.Start < MinSpan || s.End < s.Start {
		c := s.Start/2 + s.End/2
		s.Start, s.End = c-MinSpan/2, c+MinSpan/2
	}
	if s.End-s.Start > MaxSpan {
		c := s.Start/2 + s.End/2
		s.Start, s.End = c-MaxSpan/2, c+MaxSpan/2
	}
	if s.Start < MinTime {
		s.End += MinTime - s.Start
		s.Start = MinTime
	}
	if s.End > MaxTime {
		s.Start -= s.End - MaxTime
		s.End = MaxTime
	}
	return s
}

// Fit returns a scale of width pixels showing [from, to) with a margin of
// pad (a fraction of the span, e.g. 0.03) on both sides.
func Fit(from, to int64, width int, pad float64) Scale {
	if to <= from {
		to = from + day
	}
	m := int64(float64(to-from) * pad)
	return Scale{Start: from - m, End: to + m, Width: width}.Clamp()
}

// WithWidth returns the scale with the same span over w pixels.
func (s Scale) WithWidth(w int) Scale {
	s.Width = w
	return s
}
