package timeline

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

func TestFloorNext(t *testing.T) {
	tests := []struct {
		u           Unit
		t           string
		floor, next string
	}{
		{Day, "2024-02-29T13:00:00Z", "2024-02-29", "2024-03-01"},
		{Day, "2023-12-31T23:59:59Z", "2023-12-31", "2024-01-01"},
		{Day, "2024-03-05T00:00:00Z", "2024-03-05", "2024-03-06"},
		{Day, "1969-12-31T12:00:00Z", "1969-12-31", "1970-01-01"},
		{Week, "2024-03-06T10:00:00Z", "2024-03-04", "2024-03-11"}, // Wednesday
		{Week, "2024-03-10T23:59:59Z", "2024-03-04", "2024-03-11"}, // Sunday
		{Week, "2024-03-04T00:00:00Z", "2024-03-04", "2024-03-11"}, // Monday
		{Week, "2021-01-01T00:00:00Z", "2020-12-28", "2021-01-04"}, // ISO week 53 of 2020
		{Week, "2024-12-31T00:00:00Z", "2024-12-30", "2025-01-06"}, // ISO week 1 of 2025
		{Week, "2024-02-29T00:00:00Z", "2024-02-26", "2024-03-04"},
		{Week, "1970-01-01T00:00:00Z", "1969-12-29", "1970-01-05"}, // a Thursday
		{Month, "2024-02-29T23:00:00Z", "2024-02-01", "2024-03-01"},
		{Month, "2023-02-28T00:00:00Z", "2023-02-01", "2023-03-01"},
		{Month, "2023-12-31T23:59:59Z", "2023-12-01", "2024-01-01"},
		{Month, "2024-01-31T12:00:00Z", "2024-01-01", "2024-02-01"},
		{Quarter, "2024-02-29T00:00:00Z", "2024-01-01", "2024-04-01"},
		{Quarter, "2024-07-01T00:00:00Z", "2024-07-01", "2024-10-01"},
		{Quarter, "2024-12-31T23:59:59Z", "2024-10-01", "2025-01-01"},
		{Year, "2024-02-29T00:00:00Z", "2024-01-01", "2025-01-01"},
		{Year, "2023-12-31T23:59:59Z", "2023-01-01", "2024-01-01"},
		{Year, "1900-06-01T00:00:00Z", "1900-01-01", "1901-01-01"},
		{Year, "1969-07-20T20:17:00Z", "1969-01-01", "1970-01-01"},
	}
	for _, tt := range tests {
		in := ts(t, tt.t)
		if got, want := Floor(in, tt.u), ts(t, tt.floor); got != want {
			t.Errorf("Floor(%s, %v) = %s, want %s", tt.t, tt.u, dayText(got), tt.floor)
		}
		if got, want := Next(in, tt.u), ts(t, tt.next); got != want {
			t.Errorf("Next(%s, %v) = %s, want %s", tt.t, tt.u, dayText(got), tt.next)
		}
	}
}

// refFloor is Floor written with package time.
func refFloor(t int64, u Unit) time.Time {
	tm := time.Unix(t, 0).UTC()
	d := time.Date(tm.Year(), tm.Month(), tm.Day(), 0, 0, 0, 0, time.UTC)
	switch u {
	case Week:
		return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
	case Month:
		return time.Date(tm.Year(), tm.Month(), 1, 0, 0, 0, 0, time.UTC)
	case Quarter:
		return time.Date(tm.Year(), (tm.Month()-1)/3*3+1, 1, 0, 0, 0, 0, time.UTC)
	case Year:
		return time.Date(tm.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return d
}

func TestCalendarMatchesTimePackage(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		in := MinTime + r.Int64N(MaxTime-MinTime-400*day)
		for u := Day; u <= Year; u++ {
			want := refFloor(in, u)
			if got := Floor(in, u); got != want.Unix() {
				t.Fatalf("Floor(%v, %v) = %v, want %v", time.Unix(in, 0).UTC(), u, time.Unix(got, 0).UTC(), want)
			}
			var next time.Time
			switch u {
			case Day:
				next = want.AddDate(0, 0, 1)
			case Week:
				next = want.AddDate(0, 0, 7)
			case Month:
				next = want.AddDate(0, 1, 0)
			case Quarter:
				next = want.AddDate(0, 3, 0)
			case Year:
				next = want.AddDate(1, 0, 0)
			}
			if got := Next(in, u); got != next.Unix() {
				t.Fatalf("Next(%v, %v) = %v, want %v", time.Unix(in, 0).UTC(), u, time.Unix(got, 0).UTC(), next)
			}
		}
	}
}

func TestChooseUnit(t *testing.T) {
	const year = 365 * day
	tests := []struct {
		span  int64
		width float64
		want  Unit
	}{
		{30 * day, 800, Day},      // 27 px a day
		{120 * day, 800, Day},     // 6.7 px a day
		{150 * day, 800, Week},    // 5.3 px a day, 37 a week
		{year, 800, Week},         // 15 px a week
		{4 * year, 800, Month},    // 17 px a month
		{10 * year, 800, Month},   // 6.7 px a month
		{10 * year, 600, Quarter}, // 5 px a month
		{40 * year, 1000, Quarter},
		{100 * year, 800, Year},
		{200 * year, 100, Year}, // even years are too narrow
		{0, 800, Year},
		{year, 0, Year},
	}
	for _, tt := range tests {
		if got := ChooseUnit(tt.span, tt.width); got != tt.want {
			t.Errorf("ChooseUnit(%d days, %g px) = %v, want %v", tt.span/day, tt.width, got, tt.want)
		}
	}
	// The bins chosen are at least MinBinPx wide on average, and the next
	// finer unit's are not.
	for _, span := range []int64{3 * day, 60 * day, year, 7 * year, 70 * year} {
		for _, w := range []float64{300, 1000, 2500} {
			u := ChooseUnit(span, w)
			if px := u.Nominal() * w / float64(span); px < MinBinPx && u != Year {
				t.Errorf("span %d days over %g px: %v bins are %g px", span/day, w, u, px)
			}
			if u > Day {
				if px := (u - 1).Nominal() * w / float64(span); px >= MinBinPx {
					t.Errorf("span %d days over %g px: %v chosen, but %v bins are %g px", span/day, w, u, u-1, px)
				}
			}
		}
	}
}

func TestBinText(t *testing.T) {
	tests := []struct {
		t    string
		u    Unit
		want string
	}{
		{"2024-03-05T12:00:00Z", Day, "2024-03-05"},
		{"2024-03-06T00:00:00Z", Week, "week of 2024-03-04"},
		{"2024-03-31T00:00:00Z", Month, "March 2024"},
		{"2024-05-10T00:00:00Z", Quarter, "Q2 2024 (April – June)"},
		{"2024-12-31T00:00:00Z", Year, "2024"},
	}
	for _, tt := range tests {
		if got := BinText(ts(t, tt.t), tt.u); got != tt.want {
			t.Errorf("BinText(%s, %v) = %q, want %q", tt.t, tt.u, got, tt.want)
		}
	}
}

func ExampleFloor() {
	t := time.Date(2024, 2, 29, 15, 4, 5, 0, time.UTC).Unix()
	for u := Day; u <= Year; u++ {
		f := time.Unix(Floor(t, u), 0).UTC().Format("Mon 2006-01-02")
		n := time.Unix(Next(t, u), 0).UTC().Format("Mon 2006-01-02")
		fmt.Printf("%-7v %s – %s\n", u, f, n)
	}
	// Output:
	// day     Thu 2024-02-29 – Fri 2024-03-01
	// week    Mon 2024-02-26 – Mon 2024-03-04
	// month   Thu 2024-02-01 – Fri 2024-03-01
	// quarter Mon 2024-01-01 – Mon 2024-04-01
	// year    Mon 2024-01-01 – Wed 2025-01-01
}
