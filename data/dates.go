package data

import (
	"fmt"
	"strings"
	"time"
)

// dayLayouts are the day formats ACLED and spreadsheets write, tried in
// order. Day-first numeric dates come before month-first ones.
var dayLayouts = []string{
	"2006-01-02",
	"2 January 2006",
	"2-January-2006",
	"2 Jan 2006",
	"2-Jan-2006",
	"2-Jan-06",
	"January 2, 2006",
	"Jan 2, 2006",
	"02/01/2006",
	"2/1/2006",
	"2006/01/02",
	"02.01.2006",
}

// timeLayouts are date-time forms whose day is taken.
var timeLayouts = []string{
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04:05.000",
}

// ParseDay reads a day in any of the forms ACLED has published
// ("2020-03-21", "21 March 2020", "21-March-2020", "21/03/2020") and a few
// common relatives, returning midnight UTC. Numeric d/m/y dates are read
// day first, as ACLED writes them.
func ParseDay(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, fmt.Errorf("empty date")
	}
	for _, l := range dayLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return checkYear(s, t)
		}
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			t = t.UTC()
			return checkYear(s, time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC))
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (want e.g. 2020-03-21 or 21 March 2020)", s)
}

func checkYear(s string, t time.Time) (time.Time, error) {
	if t.Year() < 1800 || t.Year() > 2200 {
		return time.Time{}, fmt.Errorf("%q: year %d out of range 1800..2200", s, t.Year())
	}
	return t, nil
}
