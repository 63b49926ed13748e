package brief

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Unit is the unit of a Step.
type Unit byte

// The units of a Step.
const (
	Days   Unit = 'd'
	Weeks  Unit = 'w'
	Months Unit = 'm'
	Years  Unit = 'y'
)

// MaxStepCount bounds the count of a Step.
const MaxStepCount = 10000

// Step is a length of calendar time: N days, weeks, months or years.
// The zero Step is none.
type Step struct {
	N    int
	Unit Unit
}

// ParseStep reads a step written as a count and a unit letter: "7d",
// "2w", "1m", "1y" (case and spaces between ignored).
func ParseStep(s string) (Step, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" {
		return Step{}, fmt.Errorf("step %q: want a count and a unit, like 7d, 2w, 1m or 1y", s)
	}
	u := Unit(t[len(t)-1])
	switch u {
	case Days, Weeks, Months, Years:
	default:
		return Step{}, fmt.Errorf("step %q: the unit is d (days), w (weeks), m (months) or y (years)", s)
	}
	n, err := strconv.Atoi(strings.TrimSpace(t[:len(t)-1]))
	if err != nil || n < 1 || n > MaxStepCount {
		return Step{}, fmt.Errorf("step %q: want a count from 1 to %d before the unit", s, MaxStepCount)
	}
	return Step{N: n, Unit: u}, nil
}

// String writes the step as ParseStep reads it ("" for none).
func (s Step) String() string {
	if s.IsZero() {
		return ""
	}
	return strconv.Itoa(s.N) + string(rune(s.Unit))
}

// IsZero reports whether the step is none.
func (s Step) IsZero() bool { return s.N == 0 }

// After returns t moved k steps on (back when k < 0). Months and years
// keep t's day of the month, or the month's last day when it has fewer
// (31 January + 1m = 28 or 29 February); the time of day is kept.
func (s Step) After(t time.Time, k int) time.Time {
	n := s.N * k
	switch s.Unit {
	case Weeks:
		return t.AddDate(0, 0, 7*n)
	case Months, Years:
		if s.Unit == Years {
			n *= 12
		}
		y, m, d := t.Date()
		first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
		last := first.AddDate(0, 1, -1).Day()
		return first.AddDate(0, 0, min(d, last)-1)
	}
	return t.AddDate(0, 0, n)
}

// Window is one frame's time window of days, both inclusive.
type Window struct {
	From, To time.Time
}

// MaxFrames bounds the frames of one animation.
const MaxFrames = 10000

// Windows returns the frames' windows from the day from to the day to
// (inclusive): one frame per step, each window starting at its step and
// lasting window (none: one step), or, cumulative, every window starting
// at from and ending at its step's end. Windows end at to at the latest.
func Windows(from, to time.Time, step, window Step, cumulative bool) ([]Window, error) {
	from, to = from.UTC().Truncate(24*time.Hour), to.UTC().Truncate(24*time.Hour)
	switch {
	case from.IsZero() || to.IsZero():
		return nil, fmt.Errorf("animation: give the first and last day")
	case to.Before(from):
		return nil, fmt.Errorf("animation: the last day %s is before the first %s", to.Format(time.DateOnly), from.Format(time.DateOnly))
	case step.IsZero():
		return nil, fmt.Errorf("animation: no step")
	}
	var out []Window
	for k := 0; ; k++ {
		start := step.After(from, k)
		if start.After(to) {
			break
		}
		if len(out) == MaxFrames {
			return nil, fmt.Errorf("animation: more than %d frames from %s to %s by %s; take a longer step", MaxFrames,
				from.Format(time.DateOnly), to.Format(time.DateOnly), step)
		}
		// A window of one step ends where the next begins (months vary).
		end := step.After(from, k+1).AddDate(0, 0, -1)
		if !window.IsZero() {
			end = window.After(start, 1).AddDate(0, 0, -1)
		}
		if cumulative {
			start, end = from, step.After(from, k+1).AddDate(0, 0, -1)
		}
		if end.After(to) {
			end = to
		}
		out = append(out, Window{From: start, To: end})
	}
	return out, nil
}
