package data

import (
	"bytes"
	"errors"
	"io"
	"os"
	"testing"
)

// FuzzACLEDReader feeds arbitrary bytes to the ACLED reader: it must never
// panic, every row must end as an event that validates or a row error with
// a line number, and the input must be consumed in bounded steps.
func FuzzACLEDReader(f *testing.F) {
	for _, name := range []string{"acled_current.csv", "acled_2019.csv", "acled_api_old.csv", "acled_legacy_semicolon.csv"} {
		b, err := readTestdata(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("event_id_cnty,event_date,latitude,longitude,event_type\n\"x,2020-01-01,1,2,B\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := NewACLEDReader("fuzz.csv", bytes.NewReader(b))
		if err != nil {
			return
		}
		drainFuzzed(t, r, len(b)+1, "line", func(e *Event, line int) {
			if line <= 0 || e.SourceID == "" || e.Date.IsZero() || e.Lat < -90 || e.Lat > 90 || e.Lon < -180 || e.Lon > 180 {
				t.Fatalf("bad event at line %d: %+v", line, e)
			}
		})
	})
}

// FuzzParseDay checks that any accepted date is a UTC midnight in range.
func FuzzParseDay(f *testing.F) {
	for _, s := range []string{"2020-03-21", "21 March 2020", "21-March-2020", "21/03/2020", "2020-03-21T10:00:00+05:00", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDay(s)
		if err != nil {
			return
		}
		if d.Location().String() != "UTC" || d.Hour() != 0 || d.Minute() != 0 || d.Year() < 1800 || d.Year() > 2200 {
			t.Fatalf("ParseDay(%q) = %v", s, d)
		}
	})
}

// FuzzDecodeEvent checks that corrupt records are errors, not panics, and
// that whatever decodes re-encodes to a record that decodes the same.
func FuzzDecodeEvent(f *testing.F) {
	d := newMapDict()
	b, err := encodeEvent(nil, sampleEvent(), d)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte{recordVersion})
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := decodeEvent(b, 1, d)
		if err != nil {
			return
		}
		if _, err := recordNotes(b); err != nil {
			t.Fatalf("decoded but notes unreadable: %v", err)
		}
		b2, err := encodeEvent(nil, e, d)
		if err != nil {
			t.Fatal(err)
		}
		e2, err := decodeEvent(b2, 1, d)
		if err != nil || e2.Notes != e.Notes || e2.SourceID != e.SourceID {
			t.Fatalf("re-encode changed the event: %v", err)
		}
	})
}

func readTestdata(name string) ([]byte, error) {
	return os.ReadFile("testdata/" + name)
}

// drainFuzzed reads src to its end within maxSteps Next calls, as every
// reader's fuzz target requires: a row is an event that check accepts
// (check fails the test itself) or a row error with a positive number,
// where unit names what the number counts ("line", "feature",
// "placemark"); any other error ends the input.
func drainFuzzed(t *testing.T, src EventSource, maxSteps int, unit string, check func(e *Event, line int)) {
	t.Helper()
	for steps := 0; steps <= maxSteps; steps++ {
		e, line, err := src.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		var re *RowError
		if errors.As(err, &re) {
			if re.Line <= 0 {
				t.Fatalf("row error without a %s: %v", unit, re)
			}
			continue
		}
		if err != nil {
			return
		}
		check(e, line)
	}
	t.Fatalf("reader did not finish within %d steps", maxSteps)
}
