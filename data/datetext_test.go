package data

import (
	"fmt"
	"testing"
	"time"
)

func TestDateText(t *testing.T) {
	day := func(s string) int64 {
		d, err := time.Parse(DateLayout, s)
		if err != nil {
			t.Fatal(err)
		}
		return d.Unix()
	}
	tests := []struct {
		start, end string
		p          DatePrecision
		want       string
	}{
		{"2024-03-05", "2024-03-05", PrecDay, "2024-03-05"},
		{"2024-03-04", "2024-03-10", PrecWeek, "week of 2024-03-04"},
		{"2024-03-01", "2024-03-31", PrecMonth, "March 2024"},
		{"2024-01-01", "2024-12-31", PrecYear, "2024"},
		{"2024-03-01", "2024-03-10", PrecSpan, "2024-03-01 – 2024-03-10"},
		{"2024-03-01", "2024-03-01", PrecSpan, "2024-03-01"},
		{"2024-03-05", "2024-03-05", PrecUnknown, "2024-03-05"},
	}
	for _, tt := range tests {
		if got := DateText(day(tt.start), day(tt.end), tt.p); got != tt.want {
			t.Errorf("DateText(%s, %s, %v) = %q, want %q", tt.start, tt.end, tt.p, got, tt.want)
		}
	}
}

func ExampleDateText() {
	start := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC).Unix()
	end := time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC).Unix()
	fmt.Println(DateText(start, end, PrecMonth))
	fmt.Println(DateText(start, end, PrecSpan))
	// Output:
	// March 2024
	// 2024-03-01 – 2024-03-31
}

func TestStringSet(t *testing.T) {
	ix := &Index{Strings: []string{"", "A", "B", "C"}}
	if s := ix.StringSet(nil); s != nil {
		t.Errorf("no names: %v, want nil", s)
	}
	s := ix.StringSet([]string{"C", "A", "unknown"})
	if len(s) != 4 || !s[1] || s[2] || !s[3] || s[0] {
		t.Errorf("StringSet(C, A, unknown) = %v", s)
	}
}
