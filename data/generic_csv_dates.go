package data

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// guessDateColumn finds the date column by value: the column, not one of
// the others found, where at least 80% of the non-empty values of rows
// are dates. Bare numbers do not count (they are as likely counts or IDs
// as years or spreadsheet day numbers).
func guessDateColumn(c *genericCols, header []string, rows [][]string) {
	type stats struct{ n, dates int }
	st := make([]stats, len(header))
	for _, rec := range rows {
		if len(rec) != len(header) || isTotalsRow(rec) {
			continue
		}
		for i, f := range rec {
			if i == c.lat || i == c.lon {
				continue
			}
			f = strings.TrimSpace(f)
			if naValue(f) {
				continue
			}
			st[i].n++
			if _, err := strconv.ParseFloat(f, 64); err == nil {
				continue
			}
			if _, err := parseGenericDate(f, true); err == nil {
				st[i].dates++
			} else if _, err := parseGenericDate(f, false); err == nil {
				st[i].dates++
			}
		}
	}
	best := -1
	var others []string
	for i, s := range st {
		if s.dates == 0 || s.dates*5 < s.n*4 || i == c.lat || i == c.lon {
			continue
		}
		switch {
		case best < 0:
			best = i
		case s.dates > st[best].dates:
			others = append(others, header[best])
			best = i
		default:
			others = append(others, header[i])
		}
	}
	if best < 0 {
		return
	}
	c.date = best
	w := fmt.Sprintf("no date column by name: read %q as the date from its values", header[best])
	c.warnings = append(c.warnings, w)
	c.unsure = append(c.unsure, w)
	if len(others) > 0 {
		c.unsure = append(c.unsure, fmt.Sprintf("other columns hold dates too: %s", quoteList(others)))
	}
}

// numericDate splits "21/03/2020", "03.21.20" or "21-03-2020 10:00" into
// its three numbers; ok is false for anything else, including ISO dates.
func numericDate(s string) (a, b, y int, ok bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, " T"); i > 0 {
		rest := strings.TrimSpace(s[i+1:])
		if rest == "" || rest[0] < '0' || rest[0] > '9' {
			return 0, 0, 0, false
		}
		s = s[:i]
	}
	var parts []string
	for _, sep := range []string{"/", ".", "-"} {
		if p := strings.Split(s, sep); len(p) == 3 {
			parts = p
			break
		}
	}
	if parts == nil || len(parts[0]) > 2 || len(parts[1]) > 2 || (len(parts[2]) != 2 && len(parts[2]) != 4) {
		return 0, 0, 0, false
	}
	var n [3]int
	for i, p := range parts {
		if !allDigits(p) {
			return 0, 0, 0, false
		}
		n[i], _ = strconv.Atoi(p)
	}
	if len(parts[2]) == 2 {
		n[2] += 1900
		if n[2] < 1950 {
			n[2] += 100
		}
	}
	return n[0], n[1], n[2], true
}

// dateOrderCount gathers, over a whole date column, the evidence for the
// order of numeric dates; it keeps three flags, not the dates.
type dateOrderCount struct {
	day, month, numeric bool
}

// add counts one date cell.
func (o *dateOrderCount) add(s string) {
	a, b, _, ok := numericDate(s)
	if !ok {
		return
	}
	o.numeric = true
	if a > 12 {
		o.day = true
	}
	if b > 12 {
		o.month = true
	}
}

// decide says whether numeric dates are day-first (21/03/2020) or
// month-first (03/21/2020), with a warning when the column does not tell
// or contradicts itself.
func (o *dateOrderCount) decide() (dayFirst bool, warning string) {
	switch {
	case o.day && o.month:
		return true, "numeric dates are written both day-first and month-first; read as day/month/year"
	case o.month:
		return false, ""
	case o.day:
		return true, ""
	case o.numeric:
		return true, "numeric dates could be day/month or month/day; read as day/month/year"
	}
	return true, ""
}

var weekdays = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}

// excelEpoch is day 0 of spreadsheets' serial dates (as Excel counts,
// with its 1900 leap-year bug).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// parseGenericDate reads a date cell: an Excel serial day (20000–80000),
// a numeric d/m/y or m/d/y date as dayFirst says, a date with a leading
// weekday, or anything parseISODate reads.
func parseGenericDate(s string, dayFirst bool) (span, error) {
	s = strings.TrimSpace(s)
	if s == "" || naValue(s) {
		return span{}, errors.New("missing")
	}
	if v, err := strconv.ParseFloat(s, 64); err == nil && v >= 20000 && v <= 80000 {
		d := excelEpoch.AddDate(0, 0, int(v))
		return span{d, d, PrecDay}, nil
	}
	if a, b, y, ok := numericDate(s); ok {
		d, m := a, b
		if !dayFirst {
			d, m = b, a
		}
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if m < 1 || m > 12 || d < 1 || t.Day() != d {
			order := "day/month/year"
			if !dayFirst {
				order = "month/day/year"
			}
			return span{}, fmt.Errorf("%q is not a date (read as %s)", s, order)
		}
		t, err := checkYear(s, t)
		return span{t, t, PrecDay}, err
	}
	for _, w := range weekdays {
		if len(s) > len(w) && strings.EqualFold(s[:len(w)], w) && strings.ContainsRune(",. ", rune(s[len(w)])) {
			s = strings.TrimLeft(s[len(w):], ",. ")
			break
		}
	}
	return parseISODate(s)
}
