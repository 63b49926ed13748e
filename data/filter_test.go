package data

import (
	"context"
	"fmt"
	"io"
	"reflect"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

// sliceSource is an EventSource over events built in a test.
type sliceSource struct {
	events []*Event
	i      int
}

func (s *sliceSource) Format() string { return "test" }

func (s *sliceSource) Next() (*Event, int, error) {
	if s.i == len(s.events) {
		return nil, 0, io.EOF
	}
	s.i++
	return s.events[s.i-1], s.i, nil
}

func ev(id, date string, actors [3]string, typ, sub string, fatal int32, lon, lat float64) *Event {
	d := day(date)
	e := &Event{Dataset: "T", SourceID: id, Date: d, DateEnd: d, DatePrecision: PrecDay, GeoPrecision: 1,
		Actor1: actors[0], Actor2: actors[1], EventType: typ, SubEventType: sub, Fatalities: fatal,
		Lon: lon, Lat: lat, Location: "Loc " + id, Notes: "note of " + id}
	if actors[2] != "" {
		e.Assoc1 = []string{actors[2]}
	}
	return e
}

func filterFixture(t testing.TB) *Index {
	s := openTemp(t)
	events := []*Event{
		ev("e1", "2025-01-01", [3]string{"TTP", "Police", ""}, "Battles", "Armed clash", 3, 71.5, 34.7),
		ev("e2", "2025-01-15", [3]string{"ISKP", "Civilians", "TTP"}, "Explosions/Remote violence", "Suicide bomb", 20, 69.2, 34.5),
		ev("e3", "2025-02-01", [3]string{"Army", "", ""}, "Strategic developments", "Other", 0, 66.4, 30.9),
		ev("e4", "2025-03-01", [3]string{"TTP", "Army", ""}, "Battles", "Armed clash", 7, 70.0, 33.0),
	}
	events[3].DatePrecision = PrecMonth
	events[2].GeoPrecision = 3
	span := ev("e5", "2024-12-20", [3]string{"Army", "TTP", ""}, "Battles", "Armed clash", 1, 70.1, 33.1)
	span.DateEnd, span.DatePrecision = day("2025-01-05"), PrecSpan
	events = append(events, span)
	if _, err := s.Import(context.Background(), "fixture", &sliceSource{events: events}, nil); err != nil {
		t.Fatal(err)
	}
	ix, err := LoadIndex(s)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestFilter(t *testing.T) {
	ix := filterFixture(t)
	bbox := orb.Bound{Min: orb.Point{69, 34}, Max: orb.Point{72, 35}}
	tests := []struct {
		name string
		f    Filter
		want []string
	}{
		{"all", Filter{}, []string{"e5", "e1", "e2", "e3", "e4"}},
		{"window", Filter{From: day("2025-01-01"), To: day("2025-01-31")}, []string{"e5", "e1", "e2"}},
		{"window excludes span", Filter{From: day("2025-01-06"), To: day("2025-02-01")}, []string{"e2", "e3"}},
		{"to only", Filter{To: day("2024-12-31")}, []string{"e5"}},
		{"actor1 or actor2 or assoc", Filter{Actors: []string{"TTP"}}, []string{"e5", "e1", "e2", "e4"}},
		{"two actors", Filter{Actors: []string{"ISKP", "Police"}}, []string{"e1", "e2"}},
		{"unknown actor", Filter{Actors: []string{"Nobody"}}, nil},
		{"sub-event type", Filter{Types: []string{"Suicide bomb", "Other"}}, []string{"e2", "e3"}},
		{"event type", Filter{Types: []string{"Battles"}}, []string{"e5", "e1", "e4"}},
		{"fatalities", Filter{MinFatalities: 7}, []string{"e2", "e4"}},
		{"bbox", Filter{BBox: &bbox}, []string{"e1", "e2"}},
		{"text in location", Filter{Text: "LOC E3"}, []string{"e3"}},
		{"text in notes", Filter{Text: "note of e4"}, []string{"e4"}},
		{"precise only", Filter{PreciseOnly: true}, []string{"e1", "e2"}},
		{"combined", Filter{Actors: []string{"TTP"}, From: day("2025-01-02"), MinFatalities: 1}, []string{"e5", "e2", "e4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Filter(&tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range res.Rows {
				e, err := ix.Event(int(r))
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, e.SourceID)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("rows %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFilterCounts(t *testing.T) {
	ix := filterFixture(t)
	res, err := ix.Filter(&Filter{From: day("2025-01-01")})
	if err != nil {
		t.Fatal(err)
	}
	count := func(counts []int32, name string) int32 {
		id, _ := ix.StringID(name)
		return counts[id]
	}
	for name, want := range map[string]int32{"TTP": 4, "Army": 3, "Police": 1, "ISKP": 1, "Civilians": 1} {
		if got := count(res.ActorCounts, name); got != want {
			t.Errorf("actor %s: %d, want %d", name, got, want)
		}
	}
	if got := count(res.TypeCounts, "Battles"); got != 3 {
		t.Errorf("Battles: %d", got)
	}
	if got := count(res.SubTypeCounts, "Suicide bomb"); got != 1 {
		t.Errorf("Suicide bomb: %d", got)
	}
	if res.Fatalities != 31 {
		t.Errorf("fatalities %d, want 31", res.Fatalities)
	}
}

func ExampleIndex_Filter() {
	s, _ := Open(tempPath(), Options{})
	defer s.Close()
	s.ImportFile(context.Background(), "testdata/acled_current.csv", nil)
	ix, _ := LoadIndex(s)
	res, _ := ix.Filter(&Filter{
		From:   time.Date(2024, 3, 21, 0, 0, 0, 0, time.UTC),
		To:     time.Date(2024, 3, 22, 0, 0, 0, 0, time.UTC),
		Actors: []string{"TTP: Tehrik-i-Taliban Pakistan"},
	})
	fmt.Println(len(res.Rows), "events,", res.Fatalities, "fatalities")
	// Output: 2 events, 17 fatalities
}

func TestPreciseOnlyNeedsKnownTownPrecision(t *testing.T) {
	s := openTemp(t)
	known := ev("k", "2025-01-01", [3]string{"A", "", ""}, "Battles", "Armed clash", 0, 70, 33)
	unknown := ev("u", "2025-01-01", [3]string{"A", "", ""}, "Battles", "Armed clash", 0, 70, 33)
	unknown.GeoPrecision = 0
	if _, err := s.Import(context.Background(), "t", &sliceSource{events: []*Event{known, unknown}}, nil); err != nil {
		t.Fatal(err)
	}
	ix, _ := LoadIndex(s)
	res, _ := ix.Filter(&Filter{PreciseOnly: true})
	if len(res.Rows) != 1 {
		t.Fatalf("precise only kept %d rows, want 1", len(res.Rows))
	}
	if e, _ := ix.Event(int(res.Rows[0])); e.SourceID != "k" {
		t.Errorf("kept %s", e.SourceID)
	}
}
