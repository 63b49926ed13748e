package app

import (
	"strings"
	"testing"
	"time"
)

// FuzzParseDay: a validity entry either reads as the day it shows or is
// refused; it never panics.
func FuzzParseDay(f *testing.F) {
	for _, s := range []string{"", "2024-03-01", " 2024-12-31 ", "2024-13-01", "24-3-1", "2024-02-30", "0000-01-01", "9999-12-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseDay(s, time.Time{})
		if err != nil {
			return
		}
		want := strings.TrimSpace(s)
		if dateText(got) != want {
			t.Errorf("parseDay(%q) = %v, shown as %q", s, got, dateText(got))
		}
		if !got.IsZero() && (got.Location() != time.UTC || !got.Equal(utcDay(got))) {
			t.Errorf("parseDay(%q) = %v: not a UTC day start", s, got)
		}
	})
}
