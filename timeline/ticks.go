package timeline

import (
	"math"
	"strconv"
	"time"

	"frontier/mapview/paint"
)

// Tick is a mark on the time axis.
type Tick struct {
	// T is the tick's time (the start of a day, month or year).
	T int64
	// Label is drawn starting just right of the tick (TickLabelOffset);
	// empty when it would overlap a neighbour or run off the axis.
	Label string
	// Major ticks start a larger period (a month among days, a year among
	// months, a decade among years); they are drawn longer and bold.
	Major bool
}

// tickLevel is one spacing of ticks: every step days (within each month),
// months or years.
type tickLevel struct {
	unit       Unit // Day, Month or Year
	step       int64
	majorEvery int64 // years: a multiple of this is major
}

var tickLevels = []tickLevel{
	{Day, 1, 0}, {Day, 2, 0}, {Day, 7, 0}, {Day, 14, 0},
	{Month, 1, 0}, {Month, 3, 0}, {Month, 6, 0},
	{Year, 1, 10}, {Year, 2, 10}, {Year, 5, 10}, {Year, 10, 50},
	{Year, 20, 100}, {Year, 50, 100}, {Year, 100, 500},
}

// minInterval is the shortest time between two of the level's ticks.
func (l tickLevel) minInterval() float64 {
	switch l.unit {
	case Day:
		return float64(l.step * day)
	case Month:
		return float64(l.step * 28 * day)
	}
	return float64(l.step * 365 * day)
}

// TickLabelOffset is how far right of its tick, in multiples of the
// face's size, a label starts (so the label reads as the period starting
// at the tick).
const TickLabelOffset = 0.25

// labelMetrics returns the label width function and the gap kept between
// labels: measured with face, or estimated at 7 px per character and an
// offset of 3 px without one.
func labelMetrics(face *paint.Face) (width func(string) float64, gap, offset float64) {
	if face == nil {
		return func(s string) float64 { return 7 * float64(len(s)) }, 8, 3
	}
	size := face.Size()
	return func(s string) float64 {
		w, _, _ := face.Measure(s)
		return float64(w)
	}, 0.7 * size, TickLabelOffset * size
}

var monthAbbr = [...]string{"", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// Ticks returns the ticks of the axis of s (its pixels, device pixels
// when face is sized for the device): the finest of days (every 1, 2, 7
// or 14 days within each month; month names at the first, the year at
// January 1st), months (every 1, 3 or 6; the year at January) and years
// (every 1, 2, 5, … 100) whose widest label fits between its ticks. Label
// boxes, measured with face (nil: estimated), never overlap and stay
// inside [0, Width]; a tick whose label would is kept without a label.
func Ticks(s Scale, face *paint.Face) []Tick {
	if s.End <= s.Start || s.Width <= 0 {
		return nil
	}
	width, gap, offset := labelMetrics(face)
	pxPerSec := float64(s.Width) / float64(s.End-s.Start)
	yearW := width(strconv.Itoa(time.Unix(s.End, 0).UTC().Year()))
	monthW := 0.0
	for _, m := range monthAbbr[1:] {
		monthW = max(monthW, width(m))
	}
	level := tickLevels[len(tickLevels)-1]
	for _, l := range tickLevels {
		w := yearW
		switch l.unit {
		case Day:
			w = max(w, monthW, width("28"))
		case Month:
			w = max(w, monthW)
		}
		if l.minInterval()*pxPerSec >= w+gap+offset {
			level = l
			break
		}
	}
	ticks := level.generate(s.Start, s.End)
	dropOverlaps(ticks, s, width, gap, offset)
	return ticks
}

// generate returns the level's ticks in [from, to].
func (l tickLevel) generate(from, to int64) []Tick {
	var out []Tick
	switch l.unit {
	case Day:
		for t := Floor(from, Day); t <= to; t += day {
			y, m, d := civilFromDays(t / day)
			// Every step-th day of the month from the 1st, leaving out
			// days too close to the next month's 1st.
			if d != 1 && ((d-1)%l.step != 0 || d > daysIn(y, m)-l.step/2) {
				continue
			}
			if t < from {
				continue
			}
			tk := Tick{T: t, Label: strconv.FormatInt(d, 10)}
			switch {
			case d == 1 && m == 1:
				tk.Label, tk.Major = strconv.FormatInt(y, 10), true
			case d == 1:
				tk.Label, tk.Major = monthAbbr[m], true
			}
			out = append(out, tk)
		}
	case Month:
		for t := Floor(from, Month); t <= to; t = addUnits(t, Month, 1) {
			y, m, _ := civilFromDays(t / day)
			if (m-1)%l.step != 0 || t < from {
				continue
			}
			tk := Tick{T: t, Label: monthAbbr[m]}
			if m == 1 {
				tk.Label, tk.Major = strconv.FormatInt(y, 10), true
			}
			out = append(out, tk)
		}
	default:
		y0, _, _ := civilFromDays(floorDiv(from, day))
		for y := floorDiv(y0, l.step) * l.step; ; y += l.step {
			t := daysFromCivil(y, 1, 1) * day
			if t > to {
				break
			}
			if t >= from {
				out = append(out, Tick{T: t, Label: strconv.FormatInt(y, 10), Major: y%l.majorEvery == 0})
			}
		}
	}
	return out
}

// dropOverlaps clears the labels that would overlap a neighbour's or run
// past the axis: major labels are placed first, left to right, then
// minor ones between them.
func dropOverlaps(ticks []Tick, s Scale, width func(string) float64, gap, offset float64) {
	n := len(ticks)
	x0 := make([]float64, n)
	x1 := make([]float64, n)
	for i, t := range ticks {
		x0[i] = s.X(t.T) + offset
		x1[i] = x0[i] + width(t.Label)
		if x1[i] > float64(s.Width) {
			ticks[i].Label = ""
		}
	}
	last := math.Inf(-1) // right end of the last label kept
	for i := range ticks {
		if t := &ticks[i]; t.Major && t.Label != "" {
			if x0[i] < last+gap {
				t.Label = ""
				continue
			}
			last = x1[i]
		}
	}
	// nextMajor[i] is the left end of the first major label at or after i.
	nextMajor := make([]float64, n+1)
	nextMajor[n] = math.Inf(1)
	for i := n - 1; i >= 0; i-- {
		nextMajor[i] = nextMajor[i+1]
		if ticks[i].Major && ticks[i].Label != "" {
			nextMajor[i] = x0[i]
		}
	}
	last = math.Inf(-1)
	for i := range ticks {
		t := &ticks[i]
		switch {
		case t.Label == "":
		case t.Major:
			last = x1[i]
		case x0[i] < last+gap || x1[i]+gap > nextMajor[i+1]:
			t.Label = ""
		default:
			last = x1[i]
		}
	}
}
