package timeline

import "math"

// The brush (time window) maths the widget uses. Windows here are
// half-open [from, to) intervals of Unix seconds whose edges lie on bin
// boundaries.

// SnapWindow returns the window covering the bins of unit u from the one
// containing the earlier of a and b to the one containing the later, so
// a drag from anywhere in one bin to anywhere in another selects both
// whole bins and those between.
func SnapWindow(a, b int64, u Unit) (from, to int64) {
	if b < a {
		a, b = b, a
	}
	return Floor(a, u), Next(b, u)
}

// SnapEdge returns the bin boundary of unit u nearest to t.
func SnapEdge(t int64, u Unit) int64 {
	f := Floor(t, u)
	if n := Next(t, u); n-t < t-f {
		return n
	}
	return f
}

// BrushPart says what part of the window a pointer is over.
type BrushPart uint8

// The parts of a window.
const (
	// Outside the window (or no window).
	BrushNone BrushPart = iota
	// BrushLeft and BrushRight are the edges with their handles.
	BrushLeft
	BrushRight
	// BrushInside is between the edges.
	BrushInside
)

// HitWindow returns the part of the window [from, to) at pixel x of s:
// an edge within slop pixels (the nearer when both are), else inside or
// outside. (0, 0) is no window.
func HitWindow(s Scale, from, to int64, x, slop float64) BrushPart {
	if to <= from {
		return BrushNone
	}
	x0, x1 := s.X(from), s.X(to)
	d0, d1 := math.Abs(x-x0), math.Abs(x-x1)
	switch {
	case d0 <= slop && d0 <= d1:
		return BrushLeft
	case d1 <= slop:
		return BrushRight
	case x > x0 && x < x1:
		return BrushInside
	}
	return BrushNone
}

// ResizeWindow moves edge (BrushLeft or BrushRight) of [from, to) to the
// boundary of unit u nearest to t. The window keeps at least one bin: an
// edge dragged past the other one flips the window over it, and the part
// returned is the edge now being dragged.
func ResizeWindow(from, to int64, edge BrushPart, t int64, u Unit) (int64, int64, BrushPart) {
	e := SnapEdge(t, u)
	if edge == BrushLeft {
		if e >= to {
			return to, max(e, Next(to, u)), BrushRight
		}
		return e, to, BrushLeft
	}
	if e <= from {
		return min(e, addUnits(Floor(from, u), u, -1)), from, BrushLeft
	}
	return from, e, BrushRight
}

// MoveWindow shifts [from, to) by about dt seconds, snapping its start to
// the nearest boundary of unit u and keeping its length in bins; a window
// whose edges are not on boundaries of u moves by whole days instead.
func MoveWindow(from, to, dt int64, u Unit) (int64, int64) {
	if Floor(from, u) != from || Floor(to, u) != to {
		u = Day
	}
	n := binsBetween(from, to, u)
	nf := SnapEdge(from+dt, u)
	return nf, addUnits(nf, u, n)
}

// binsBetween returns how many bins of unit u lie in [from, to), both on
// boundaries of u.
func binsBetween(from, to int64, u Unit) int64 {
	switch u {
	case Day:
		return (to - from) / day
	case Week:
		return (to - from) / (7 * day)
	}
	y0, m0, _ := civilFromDays(floorDiv(from, day))
	y1, m1, _ := civilFromDays(floorDiv(to, day))
	months := (y1-y0)*12 + m1 - m0
	switch u {
	case Month:
		return months
	case Quarter:
		return months / 3
	}
	return y1 - y0
}

// LastDays returns the window of the n days ending with (and including)
// the day of t: the quick windows "7 d" and "30 d".
func LastDays(t int64, n int) (from, to int64) {
	to = Floor(t, Day) + day
	return to - int64(n)*day, to
}

// LastYear returns the window of the year ending with the day of t:
// from the day after the same date a year earlier (February 29th counts
// as the 28th) to t's day, inclusive.
func LastYear(t int64) (from, to int64) {
	y, m, d := civilFromDays(floorDiv(t, day))
	d = min(d, daysIn(y-1, m))
	return (daysFromCivil(y-1, m, d) + 1) * day, Floor(t, Day) + day
}
