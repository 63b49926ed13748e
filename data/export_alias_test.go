package data

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// After the user merges aliases, exports carry the canonical actor in the
// actor columns and the source's name beside it, and a Frontier export
// imports back with the source's names.
func TestExportsKeepSourceActorNames(t *testing.T) {
	s := openTemp(t)
	importFile(t, s, "testdata/curate_ucdp.csv")
	c, err := s.MergeActorsChange([]string{"TTP"}, ttp)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewEventHistory(s).Do(c); err != nil {
		t.Fatal(err)
	}
	ix := loadIndex(t, s)
	res, err := ix.Filter(&Filter{Actors: []string{ttp}})
	if err != nil || len(res.Rows) == 0 {
		t.Fatalf("no events of the merged actor (%v)", err)
	}

	var csvOut bytes.Buffer
	if err := ix.WriteCSV(&csvOut, res.Rows); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(csvOut.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int { return slices.Index(recs[0], name) }
	a2, src2 := col("actor2"), col("frontier_actor2_source")
	if a2 < 0 || src2 < 0 {
		t.Fatalf("CSV header %v", recs[0])
	}
	if got, src := recs[1][a2], recs[1][src2]; got != ttp || src != "TTP" {
		t.Errorf("CSV actor2 %q, source %q; want %q and TTP", got, src, ttp)
	}

	var geo bytes.Buffer
	if err := ix.WriteGeoJSON(&geo, res.Rows); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(geo.String(), `"actor2":"`+ttp+`"`) || !strings.Contains(geo.String(), `"frontier_actor2_source":"TTP"`) {
		t.Errorf("GeoJSON lacks the canonical or the source name:\n%s", geo.String())
	}
	var kml bytes.Buffer
	if err := ix.WriteKML(&kml, res.Rows); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(kml.String(), "frontier_actor2_source") {
		t.Error("KML lacks the source's actor name")
	}

	// Each export re-imports into a fresh store with the source's names.
	dir := t.TempDir()
	for name, body := range map[string][]byte{"back.csv": csvOut.Bytes(), "back.geojson": geo.Bytes(), "back.kml": kml.Bytes()} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, body, 0o600); err != nil {
			t.Fatal(err)
		}
		fresh := openTemp(t)
		importFile(t, fresh, path)
		var actors []string
		if err := fresh.Events(func(e *Event) error { actors = append(actors, e.Actor2); return nil }); err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(actors, "TTP") || slices.Contains(actors, ttp) {
			t.Errorf("%s re-imported with actor2 %q, want the source's TTP", name, actors)
		}
	}
}
