package data

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestCSVRoundTripKeepsSpansAndPrecision exports events whose dates ACLED's
// columns cannot express (spans, year precision) and imports them into a
// fresh store.
func TestCSVRoundTripKeepsSpansAndPrecision(t *testing.T) {
	src := openTemp(t)
	span := ev("s1", "2021-12-01", [3]string{"A", "B", ""}, "Battles", "Armed clash", 4, -1.5, -33.25)
	span.DateEnd, span.DatePrecision = day("2021-12-31"), PrecSpan
	year := ev("y1", "1965-01-01", [3]string{"C", "", "D"}, "Riots", "Mob violence", 0, 71, 34)
	year.DatePrecision = PrecYear
	year.Tags = []string{"a", "b c"}
	year.Notes = "line one\nline \"two\", with comma"
	if _, err := src.Import(context.Background(), "t", &sliceSource{events: []*Event{span, year}}, nil); err != nil {
		t.Fatal(err)
	}
	ix, err := LoadIndex(src)
	if err != nil {
		t.Fatal(err)
	}
	all, _ := ix.Filter(&Filter{})
	path := filepath.Join(t.TempDir(), "out.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.WriteCSV(f, all.Rows); err != nil {
		t.Fatal(err)
	}
	f.Close()
	dst := openTemp(t)
	if rep := importFile(t, dst, path); rep.Added != 2 || rep.Rejected != 0 {
		t.Fatalf("re-import %+v", rep)
	}
	collect := func(s *Store) map[string]Event {
		m := map[string]Event{}
		s.Events(func(e *Event) error { e.ID = 0; m[e.SourceID] = *e; return nil })
		return m
	}
	if a, b := collect(src), collect(dst); !reflect.DeepEqual(a, b) {
		t.Errorf("round trip changed events:\n%+v\n%+v", a, b)
	}
}
