package data

import (
	"strings"
	"testing"
)

func TestParseDay(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"2020-03-21", "2020-03-21", ""},
		{" 21 March 2020 ", "2020-03-21", ""},
		{"21-March-2020", "2020-03-21", ""},
		{"21 march 2020", "2020-03-21", ""},
		{"21/03/2020", "2020-03-21", ""},
		{"1/3/2020", "2020-03-01", ""},
		{"21-Mar-2020", "2020-03-21", ""},
		{"March 21, 2020", "2020-03-21", ""},
		{"2020-03-21T23:30:00Z", "2020-03-21", ""},
		{"2020-03-21 10:00:00", "2020-03-21", ""},
		{"2024-02-29", "2024-02-29", ""},
		{"2023-02-29", "", "not a date"},
		{"03/21/2020", "", "not a date"}, // ACLED is day first
		{"", "", "empty date"},
		{"yesterday", "", "not a date"},
		{"0001-01-01", "", "out of range"},
	}
	for _, tt := range tests {
		got, err := ParseDay(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseDay(%q) = %v, %v; want error %q", tt.in, got, err, tt.err)
			}
			continue
		}
		if err != nil || got.Format(DateLayout) != tt.want || got.Location().String() != "UTC" || got.Hour() != 0 {
			t.Errorf("ParseDay(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestSplitList(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  ", nil},
		{"A", []string{"A"}},
		{"A; B;C ;", []string{"A", "B", "C"}},
	}
	for _, tt := range tests {
		got := SplitList(tt.in)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
			t.Errorf("SplitList(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
