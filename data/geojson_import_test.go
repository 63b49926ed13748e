package data

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// drain reads src to the end, returning copies of its events, its row
// errors and the lines reported.
func drain(t *testing.T, src EventSource) ([]Event, []*RowError) {
	t.Helper()
	var evs []Event
	var errs []*RowError
	for i := 0; i < 100000; i++ {
		e, line, err := src.Next()
		if errors.Is(err, io.EOF) {
			return evs, errs
		}
		var re *RowError
		if errors.As(err, &re) {
			if re.Line != line || line <= 0 {
				t.Fatalf("row error %v reported at line %d", re, line)
			}
			errs = append(errs, re)
			continue
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		if err := e.Validate(); err != nil {
			t.Fatalf("line %d: invalid event %+v: %v", line, e, err)
		}
		evs = append(evs, *e)
	}
	t.Fatal("reader does not end")
	return nil, nil
}

func readGeoJSON(t *testing.T, text string) ([]Event, []*RowError, *GeoJSONReader) {
	t.Helper()
	g, err := NewGeoJSONReader("t.geojson", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	evs, errs := drain(t, g)
	return evs, errs, g
}

func TestGeoJSONQuirks(t *testing.T) {
	b, err := os.ReadFile("testdata/quirks.geojson")
	if err != nil {
		t.Fatal(err)
	}
	evs, errs, g := readGeoJSON(t, string(b))
	if len(evs) != 4 {
		t.Fatalf("got %d events: %+v", len(evs), evs)
	}
	a := evs[0]
	if a.SourceID != "a1" || a.Dataset != DatasetGeoJSON || a.Date != day("2020-03-21") || a.DatePrecision != PrecDay ||
		a.Actor1 != "Alpha" || a.Actor2 != "Beta" || a.EventType != "Battles" || a.SubEventType != "Armed clash" ||
		a.Fatalities != 3 || a.Location != "Town" || a.Notes != "Note" || a.Source != "Paper" || a.Lat != 2.25 || a.Lon != 36.5 {
		t.Errorf("feature 1: %+v", a)
	}
	if evs[1].SourceID != "mp#1" || evs[2].SourceID != "mp#2" || evs[2].Lon != 11 || evs[2].Lat != 21 ||
		evs[1].Date != day("2020-03-22") || evs[1].Fatalities != 2 {
		t.Errorf("multipoint: %+v %+v", evs[1], evs[2])
	}
	if m := evs[3]; m.Date != day("2020-03-01") || m.DateEnd != day("2020-05-31") || m.DatePrecision != PrecSpan || m.Fatalities != 7 {
		t.Errorf("month span: %+v", m)
	}
	if len(errs) != 1 || errs[0].Line != 4 || errs[0].Field != "date" {
		t.Errorf("errors %v", errs)
	}
	if w := g.Warnings(); len(w) != 0 {
		t.Errorf("warnings %q", w)
	}
	// The LineString and the Polygon are annotations.
	if as := g.Annotations(); len(as) != 2 || as[0].Kind != KindPolyline || as[1].Kind != KindPolygon || len(as[1].Points) != 3 {
		t.Errorf("annotations %+v", as)
	}
	if g.Format() != "geojson" {
		t.Error(g.Format())
	}
}

func TestGeoJSONCases(t *testing.T) {
	pt := `"geometry":{"type":"Point","coordinates":[1,2]}`
	tests := []struct {
		name, text string
		check      func(*testing.T, []Event, []*RowError)
	}{
		{"single feature", `{"properties":{"date":"2020"},` + pt + `,"type":"Feature"}`, func(t *testing.T, e []Event, _ []*RowError) {
			if len(e) != 1 || e[0].DatePrecision != PrecYear || e[0].Date != day("2020-01-01") || !strings.HasPrefix(e[0].SourceID, "geojson-") {
				t.Errorf("%+v", e)
			}
		}},
		{"features before type", `{"features":[{"type":"Feature",` + pt + `,"properties":{"Event Date":"2020-03-21","ID":7}}],"type":"FeatureCollection","bbox":[0,0,1,1]}`, func(t *testing.T, e []Event, _ []*RowError) {
			if len(e) != 1 || e[0].SourceID != "7" {
				t.Errorf("%+v", e)
			}
		}},
		{"empty collection", `{"type":"FeatureCollection","features":[]}`, func(t *testing.T, e []Event, r []*RowError) {
			if len(e)+len(r) != 0 {
				t.Errorf("%v %v", e, r)
			}
		}},
		{"bad date names field", `{"type":"FeatureCollection","features":[{"type":"Feature",` + pt + `,"properties":{"event_date":"soon"}}]}`, func(t *testing.T, _ []Event, r []*RowError) {
			if len(r) != 1 || r[0].Field != "event_date" || r[0].Line != 1 {
				t.Errorf("%v", r)
			}
		}},
		{"unix timestamp is updated", `{"type":"FeatureCollection","features":[{"type":"Feature",` + pt + `,"properties":{"timestamp":1711234567,"time":"2020-03-21"}}]}`, func(t *testing.T, e []Event, _ []*RowError) {
			if len(e) != 1 || e[0].Updated.Unix() != 1711234567 || e[0].Date != day("2020-03-21") {
				t.Errorf("%+v", e)
			}
		}},
		{"bad rows", `{"type":"FeatureCollection","features":[1,{"type":"Feature","geometry":null,"properties":{"date":"2020-01-01"}},{"type":"Feature","geometry":{"type":"Point","coordinates":[200,1]},"properties":{"date":"2020-01-01"}},{"type":"Feature",` + pt + `,"properties":{"date":"2020-01-01","fatalities":-1}},{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[]}}]}`, func(t *testing.T, e []Event, r []*RowError) {
			if len(e) != 0 || len(r) != 4 || r[1].Field != "geometry" || r[2].Field != "longitude" || r[3].Field != "fatalities" || r[3].Line != 4 {
				t.Errorf("%v", r)
			}
		}},
		{"bare geometries", `{"coordinates":[[1,2],[3,4]],"type":"LineString"}`, func(t *testing.T, e []Event, r []*RowError) {
			if len(e)+len(r) != 0 {
				t.Errorf("%v %v", e, r)
			}
		}},
		{"bare point is an undated event", `{"type":"Point","coordinates":[1,2]}`, func(t *testing.T, e []Event, r []*RowError) {
			if len(e) != 0 || len(r) != 1 || r[0].Field != "date" {
				t.Errorf("%v %v", e, r)
			}
		}},
		{"tags array and end", `{"type":"FeatureCollection","features":[{"type":"Feature",` + pt + `,"properties":{"date":"2020-01-01","date_end":"2020-01-03","tags":["a","b"]}}]}`, func(t *testing.T, e []Event, _ []*RowError) {
			if len(e) != 1 || !reflect.DeepEqual(e[0].Tags, []string{"a", "b"}) || e[0].DatePrecision != PrecSpan || e[0].DateEnd != day("2020-01-03") {
				t.Errorf("%+v", e)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, r, _ := readGeoJSON(t, tc.text)
			tc.check(t, e, r)
		})
	}
}

func TestGeoJSONNotGeoJSON(t *testing.T) {
	for _, text := range []string{``, `[]`, `{"a":1}`, `{"type":"Pt","coordinates":[1,2]}`, `{"type":"FeatureCollection","features":{}}`, `{"type":`} {
		if _, err := NewGeoJSONReader("x.json", strings.NewReader(text)); err == nil || !strings.Contains(err.Error(), "x.json") {
			t.Errorf("%q: err %v", text, err)
		}
	}
	// A syntax error inside the features aborts the import.
	g, err := NewGeoJSONReader("x.json", strings.NewReader(`{"type":"FeatureCollection","features":[{"type":"Feature",]}`))
	if err != nil {
		t.Fatal(err)
	}
	var re *RowError
	if _, _, err := g.Next(); err == nil || errors.As(err, &re) || errors.Is(err, io.EOF) {
		t.Errorf("syntax error: %v", err)
	}
}

// acledStore imports testdata/acled_current.csv into a fresh store.
func acledStore(t *testing.T) (*Store, *Index, []int32) {
	t.Helper()
	s := openTemp(t)
	importFile(t, s, "testdata/acled_current.csv")
	ix, err := LoadIndex(s)
	if err != nil {
		t.Fatal(err)
	}
	all, err := ix.Filter(&Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Rows) == 0 {
		t.Fatal("no events")
	}
	return s, ix, all.Rows
}

// storeEvents returns a store's events by dataset and source ID, without
// store IDs.
func storeEvents(t *testing.T, s *Store) map[string]Event {
	t.Helper()
	m := map[string]Event{}
	if err := s.Events(func(e *Event) error { e.ID = 0; m[e.Dataset+":"+e.SourceID] = *e; return nil }); err != nil {
		t.Fatal(err)
	}
	return m
}

// roundTrip writes the store's events with write, imports the file into a
// fresh store with ImportFile and compares the events.
// norm, when not nil, adjusts each original event for what the format
// cannot carry.
func roundTrip(t *testing.T, src *Store, rows []int32, ext, format string, write func(io.Writer, []int32) error, norm func(*Event)) {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf, rows); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "out"+ext)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	dst := openTemp(t)
	rep := importFile(t, dst, path)
	if rep.Format != format || rep.Added != len(rows) || rep.Rejected != 0 {
		t.Fatalf("re-import %+v", rep)
	}
	a, b := storeEvents(t, src), storeEvents(t, dst)
	if len(a) != len(b) {
		t.Fatalf("%d events, re-imported %d", len(a), len(b))
	}
	for k, e := range a {
		if norm != nil {
			norm(&e)
		}
		if !reflect.DeepEqual(e, b[k]) {
			t.Errorf("%s changed:\n%+v\n%+v", k, e, b[k])
		}
	}
	// Importing again changes nothing.
	if rep := importFile(t, dst, path); rep.Added != 0 || rep.Updated != 0 || rep.Unchanged != len(rows) {
		t.Errorf("second import %+v", rep)
	}
}

func TestGeoJSONRoundTrip(t *testing.T) {
	s, ix, rows := acledStore(t)
	roundTrip(t, s, rows, ".geojson", "geojson", ix.WriteGeoJSON, nil)
}

func TestGeoJSONRoundTripPrecisions(t *testing.T) {
	ix, rows := kmlFixture(t)
	// JSON text is UTF-8: invalid bytes come back as U+FFFD.
	roundTrip(t, ix.store, rows, ".json", "geojson", ix.WriteGeoJSON, func(e *Event) {
		for _, s := range []*string{&e.Location, &e.Notes, &e.Actor1} {
			*s = strings.Map(func(r rune) rune { return r }, *s)
		}
	})
}

func TestImportFileDetectsGeoJSON(t *testing.T) {
	s := openTemp(t)
	rep := importFile(t, s, "testdata/quirks.geojson")
	if rep.Format != "geojson" || rep.Added != 4 || rep.Rejected != 1 || len(rep.Warnings) != 0 || rep.AnnotationsAdded != 2 || rep.Layer != "quirks" {
		t.Errorf("%+v", rep)
	}
	path := writeTemp(t, "bad.geojson", `  {"type":"Topology"}`)
	if _, err := s.ImportFile(context.Background(), path, nil); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("err %v", err)
	}
}

// FuzzGeoJSONReader feeds arbitrary bytes to the GeoJSON reader: it must
// never panic, every feature must end as a valid event or a row error with
// its feature number, and the input must be consumed in bounded steps.
func FuzzGeoJSONReader(f *testing.F) {
	b, err := readTestdata("quirks.geojson")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"date":"2020"}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		g, err := NewGeoJSONReader("fuzz.geojson", bytes.NewReader(b))
		if err != nil {
			return
		}
		drainFuzzed(t, g, 2*len(b)+2, "feature number", func(e *Event, line int) {
			if line <= 0 || e.Validate() != nil {
				t.Fatalf("bad event at feature %d: %+v (%v)", line, e, e.Validate())
			}
		})
	})
}
