package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"frontier/data"
)

// briefStore writes a store with the sample, a layer and three saved
// views: "Frontier" (everything), "Bajaur 2025" (a year's window and the
// layer) and "TTP" (an actor filter and a selected event).
func briefStore(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "brief.db")
	s, err := data.Open(db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.ImportSample(context.Background()); err != nil {
		t.Fatal(err)
	}
	mark := data.Annotation{Kind: data.KindMarker, Points: []orb.Point{{71.52, 34.73}}, Label: "Khar", Style: data.DefaultStyle(data.KindMarker)}
	l, _, err := s.AddLayer("Situation", []data.Annotation{mark})
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	ix, err := data.LoadIndex(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []data.View{
		{Title: "Frontier", CenterLon: 70, CenterLat: 32, Zoom: 5, Notes: "All of it."},
		{Title: "Bajaur 2025", CenterLon: 71.5, CenterLat: 34.7, Zoom: 8, Layers: []uint64{l.ID},
			Filter: data.Filter{From: day("2025-01-01"), To: day("2025-12-31")}},
		{Title: "TTP", CenterLon: 71, CenterLat: 33, Zoom: 6, Selected: ix.ID[0],
			Filter: data.Filter{Actors: []string{"TTP: Tehrik-i-Taliban Pakistan"}}},
	} {
		if err := s.PutView(&v); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func TestViewsList(t *testing.T) {
	db := briefStore(t)
	code, out, errs := run(t, db, "views", "list")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || !strings.Contains(lines[0], "TITLE") || !strings.Contains(lines[1], "Frontier") ||
		!strings.Contains(lines[2], "1 Jan 2025 – 31 Dec 2025") || !strings.Contains(lines[3], "TTP") {
		t.Errorf("views list:\n%s", out)
	}
	code, out, _ = run(t, db, "views", "list", "--json")
	var views []data.View
	if code != ExitOK || json.Unmarshal([]byte(out), &views) != nil || len(views) != 3 || views[1].Title != "Bajaur 2025" || len(views[1].Layers) != 1 {
		t.Errorf("views list --json: exit %d\n%s", code, out)
	}
	empty := filepath.Join(t.TempDir(), "e.db")
	run(t, empty, "import", testdata+"acled_current.csv")
	if code, out, _ := run(t, empty, "views", "list", "--json"); code != ExitOK || strings.TrimSpace(out) != "[]" {
		t.Errorf("no views as JSON: %q", out)
	}
	for _, args := range [][]string{{"views"}, {"views", "show"}, {"views", "list", "extra"}} {
		if code, _, _ := run(t, db, args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want usage", args, code)
		}
	}
}
