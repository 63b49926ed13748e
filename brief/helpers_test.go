package brief

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"frontier/data"
)

// tev is a test event.
type tev struct {
	id, date, actor1, actor2, typ string
	lat, lon                      float64
	fatalities                    int
}

// testEvents are a few events around Bajaur and Peshawar in July 2025.
func testEvents() []tev {
	return []tev{
		{"T1", "2025-07-01", "Alpha Front", "Civilians (Pakistan)", "Battles", 34.70, 71.50, 3},
		{"T2", "2025-07-03", "Alpha Front", "", "Riots", 34.75, 71.55, 0},
		{"T3", "2025-07-10", "Bravo Group", "Police Forces of Pakistan", "Battles", 34.01, 71.58, 12},
		{"T4", "2025-07-20", "Charlie Militia", "", "Explosions/Remote violence", 34.20, 71.90, 1},
		{"T5", "2025-08-05", "Bravo Group", "", "Battles", 34.60, 71.20, 40},
		{"T6", "2025-08-28", "Delta Wing", "", "Protests", 33.60, 73.05, 0},
	}
}

// writeEventsCSV writes evs as a small ACLED CSV.
func writeEventsCSV(t testing.TB, path string, evs []tev) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.Write([]string{"event_id_cnty", "event_date", "event_type", "actor1", "actor2", "latitude", "longitude", "fatalities", "location", "notes"})
	for _, e := range evs {
		w.Write([]string{e.id, e.date, e.typ, e.actor1, e.actor2, fmt.Sprint(e.lat), fmt.Sprint(e.lon), fmt.Sprint(e.fatalities), "Place " + e.id, "Notes of " + e.id})
	}
	w.Flush()
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// newStore opens a fresh store in a temporary directory (closed at the
// end of the test) holding evs.
func newStore(t testing.TB, evs []tev) *data.Store {
	t.Helper()
	dir := t.TempDir()
	s, err := data.Open(filepath.Join(dir, "test.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if len(evs) > 0 {
		csvPath := filepath.Join(dir, "events.csv")
		writeEventsCSV(t, csvPath, evs)
		rep, err := s.ImportFile(context.Background(), csvPath, nil)
		if err != nil || rep.Rejected != 0 {
			t.Fatalf("import: %v %+v", err, rep)
		}
	}
	return s
}

// sampleStore is a fresh store holding the embedded sample.
func sampleStore(t testing.TB) *data.Store {
	t.Helper()
	s := newStore(t, nil)
	if _, err := s.ImportSample(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// addLayer stores a layer with a marker, a dated polygon and a circle.
func addLayer(t testing.TB, s *data.Store, name string, hidden bool) data.Layer {
	t.Helper()
	marker := data.Annotation{Kind: data.KindMarker, Points: []orb.Point{{71.5, 34.7}}, Label: "Khar", Style: data.DefaultStyle(data.KindMarker)}
	poly := data.Annotation{Kind: data.KindPolygon, Points: []orb.Point{{71.3, 34.5}, {71.8, 34.5}, {71.8, 34.9}}, Label: "Area", Notes: "dated",
		Style: data.DefaultStyle(data.KindPolygon), ValidFrom: day("2025-07-01"), ValidTo: day("2025-07-15")}
	circle := data.Annotation{Kind: data.KindCircle, Points: []orb.Point{{71.58, 34.01}}, Radius: 5000, Style: data.DefaultStyle(data.KindCircle)}
	l, _, err := s.AddLayer(name, []data.Annotation{marker, poly, circle})
	if err != nil {
		t.Fatal(err)
	}
	if hidden {
		l.Hidden, l.Locked = true, true
		if err := s.PutLayer(&l); err != nil {
			t.Fatal(err)
		}
	}
	return l
}

// putView stores a view.
func putView(t testing.TB, s *data.Store, v data.View) data.View {
	t.Helper()
	if err := s.PutView(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// loadSource loads a Source of s.
func loadSource(t testing.TB, s *data.Store) *Source {
	t.Helper()
	src, err := Load(s)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// idOf returns the store ID of the event with source ID sid.
func idOf(t testing.TB, s *data.Store, sid string) uint64 {
	t.Helper()
	e, err := s.EventBySource(data.DatasetACLED, sid)
	if err != nil {
		t.Fatal(err)
	}
	return e.ID
}
