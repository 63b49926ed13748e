package timeline

import "testing"

// win formats a half-open window as its inclusive days.
func win(from, to int64) string { return dayText(from) + " " + dayText(to-day) }

func TestSnapWindow(t *testing.T) {
	tests := []struct {
		a, b string
		u    Unit
		want string
	}{
		{"2024-03-05T12:00:00Z", "2024-03-10T01:00:00Z", Day, "2024-03-05 2024-03-10"},
		{"2024-03-10T01:00:00Z", "2024-03-05T12:00:00Z", Day, "2024-03-05 2024-03-10"}, // dragged leftwards
		{"2024-03-05T12:00:00Z", "2024-03-05T13:00:00Z", Day, "2024-03-05 2024-03-05"},
		{"2024-03-06T00:00:00Z", "2024-03-13T00:00:00Z", Week, "2024-03-04 2024-03-17"},
		{"2024-02-10T00:00:00Z", "2024-02-29T00:00:00Z", Month, "2024-02-01 2024-02-29"},
		{"2023-11-20T00:00:00Z", "2024-01-02T00:00:00Z", Quarter, "2023-10-01 2024-03-31"},
		{"2023-06-01T00:00:00Z", "2023-06-01T00:00:00Z", Year, "2023-01-01 2023-12-31"},
	}
	for _, tt := range tests {
		if got := win(SnapWindow(ts(t, tt.a), ts(t, tt.b), tt.u)); got != tt.want {
			t.Errorf("SnapWindow(%s, %s, %v) = %s, want %s", tt.a, tt.b, tt.u, got, tt.want)
		}
	}
	if got := dayText(SnapEdge(ts(t, "2024-03-05T13:00:00Z"), Day)); got != "2024-03-06" {
		t.Errorf("SnapEdge rounds 13:00 to %s", got)
	}
	if got := dayText(SnapEdge(ts(t, "2024-02-14"), Month)); got != "2024-02-01" {
		t.Errorf("SnapEdge rounds February 14th to %s", got)
	}
}

func TestHitWindow(t *testing.T) {
	s := Scale{Start: ts(t, "2024-03-01"), End: ts(t, "2024-04-01"), Width: 310} // 10 px a day
	from, to := ts(t, "2024-03-05"), ts(t, "2024-03-08")                         // x 40 to 70
	for _, c := range []struct {
		x    float64
		want BrushPart
	}{{10, BrushNone}, {35, BrushLeft}, {45, BrushLeft}, {55, BrushInside}, {66, BrushRight}, {76, BrushRight}, {77, BrushNone}} {
		if got := HitWindow(s, from, to, c.x, 6); got != c.want {
			t.Errorf("HitWindow at %g = %d, want %d", c.x, got, c.want)
		}
	}
	if got := HitWindow(s, 0, 0, 40, 6); got != BrushNone {
		t.Errorf("no window: %d", got)
	}
}

func TestResizeAndMoveWindow(t *testing.T) {
	from, to := ts(t, "2024-03-05"), ts(t, "2024-03-11") // days 5–10
	f, e, p := ResizeWindow(from, to, BrushRight, ts(t, "2024-03-14T20:00:00Z"), Day)
	if win(f, e) != "2024-03-05 2024-03-14" || p != BrushRight {
		t.Errorf("right edge to the 15th: %s, %d", win(f, e), p)
	}
	f, e, p = ResizeWindow(from, to, BrushRight, ts(t, "2024-03-02"), Day) // past the left edge
	if win(f, e) != "2024-03-02 2024-03-04" || p != BrushLeft {
		t.Errorf("right edge past the left: %s, %d", win(f, e), p)
	}
	f, e, _ = ResizeWindow(from, to, BrushLeft, ts(t, "2024-03-11"), Day) // onto the right edge
	if win(f, e) != "2024-03-11 2024-03-11" {
		t.Errorf("left edge onto the right: %s, want one day", win(f, e))
	}
	f, e = MoveWindow(from, to, 2*day+3600, Day)
	if win(f, e) != "2024-03-07 2024-03-12" {
		t.Errorf("moved two days: %s", win(f, e))
	}
	// Month windows move by months and keep their length in months.
	f, e = MoveWindow(ts(t, "2024-01-01"), ts(t, "2024-03-01"), 29*day, Month)
	if win(f, e) != "2024-02-01 2024-03-31" {
		t.Errorf("moved a month: %s", win(f, e))
	}
	// A window not on month boundaries moves by days.
	f, e = MoveWindow(from, to, 40*day, Month)
	if win(f, e) != "2024-04-14 2024-04-19" {
		t.Errorf("moved 40 days in month bins: %s", win(f, e))
	}
}

func TestQuickWindowRanges(t *testing.T) {
	last := ts(t, "2024-05-31T10:00:00Z")
	if got := win(LastDays(last, 7)); got != "2024-05-25 2024-05-31" {
		t.Errorf("7 days: %s", got)
	}
	if got := win(LastDays(last, 30)); got != "2024-05-02 2024-05-31" {
		t.Errorf("30 days: %s", got)
	}
	for _, c := range []struct{ last, want string }{
		{"2024-05-31", "2023-06-01 2024-05-31"},
		{"2024-02-29", "2023-03-01 2024-02-29"},
		{"2025-02-28", "2024-02-29 2025-02-28"},
		{"2024-12-31", "2024-01-01 2024-12-31"},
	} {
		if got := win(LastYear(ts(t, c.last))); got != c.want {
			t.Errorf("the year to %s: %s, want %s", c.last, got, c.want)
		}
	}
}
