package timeline

import (
	"math"
	"testing"

	"frontier/mapview/paint"
)

func TestTicksNeverOverlap(t *testing.T) {
	faces := []*paint.Face{nil, paint.BoldFace(11), paint.BoldFace(22)}
	start := ts(t, "2023-11-17T06:00:00Z")
	for _, face := range faces {
		width, gap, offset := labelMetrics(face)
		for span := int64(day); span <= MaxSpan; span = span * 13 / 10 {
			for _, w := range []int{150, 420, 1000, 2600} {
				s := Scale{Start: start, End: start + span, Width: w}.Clamp()
				ticks := Ticks(s, face)
				labels, lastEnd, lastT := 0, math.Inf(-1), int64(math.MinInt64)
				for _, tk := range ticks {
					if tk.T < s.Start || tk.T > s.End || tk.T <= lastT {
						t.Fatalf("span %d d, %d px: tick %s out of range or order", span/day, w, dayText(tk.T))
					}
					lastT = tk.T
					if tk.Label == "" {
						continue
					}
					labels++
					x0 := s.X(tk.T) + offset
					x1 := x0 + width(tk.Label)
					if x0 < lastEnd+gap-1e-9 || x1 > float64(w) {
						t.Fatalf("span %d d, %d px: label %q at %g–%g overlaps (last ended %g) or leaves the axis",
							span/day, w, tk.Label, x0, x1, lastEnd)
					}
					lastEnd = x1
				}
				if w >= 420 && span >= 60*day && labels < 2 {
					t.Errorf("span %d d, %d px: only %d labels", span/day, w, labels)
				}
			}
		}
	}
}

func TestTicksLabels(t *testing.T) {
	face := paint.BoldFace(11)
	// A month over 1000 px: every day, the month's name on the 1st.
	s := Scale{Start: ts(t, "2024-02-20"), End: ts(t, "2024-03-20"), Width: 1000}
	got := map[string]Tick{}
	for _, tk := range Ticks(s, face) {
		got[dayText(tk.T)] = tk
	}
	if tk := got["2024-03-01"]; tk.Label != "Mar" || !tk.Major {
		t.Errorf("March 1st: %+v, want major Mar", tk)
	}
	if tk := got["2024-02-29"]; tk.Label != "29" || tk.Major {
		t.Errorf("February 29th: %+v, want minor 29", tk)
	}
	// Two years over 1000 px: months, with the year at January.
	s = Scale{Start: ts(t, "2023-01-01"), End: ts(t, "2025-01-01"), Width: 1000}
	got = map[string]Tick{}
	for _, tk := range Ticks(s, face) {
		got[dayText(tk.T)] = tk
	}
	if tk := got["2024-01-01"]; tk.Label != "2024" || !tk.Major {
		t.Errorf("2024-01-01: %+v, want major 2024", tk)
	}
	if tk := got["2024-07-01"]; tk.Label != "Jul" {
		t.Errorf("2024-07-01: %+v, want Jul", tk)
	}
	// Sixty years: years every 5 or 10, decades major.
	s = Scale{Start: ts(t, "1960-01-01"), End: ts(t, "2020-01-01"), Width: 800}
	for _, tk := range Ticks(s, face) {
		if tk.Label != "" && tk.Label[3] != '0' && tk.Label[3] != '5' {
			t.Errorf("60 years: label %q", tk.Label)
		}
	}
}
