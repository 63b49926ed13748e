package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// openTemp opens a fresh store in a temporary directory, closed at cleanup.
func openTemp(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "frontier.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func importFile(t testing.TB, s *Store, path string) ImportReport {
	t.Helper()
	rep, err := s.ImportFile(context.Background(), path, nil)
	if err != nil {
		t.Fatalf("import %s: %v", path, err)
	}
	return rep
}

func TestImportColumnSets(t *testing.T) {
	tests := []struct {
		file                string
		added, rejected     int
		wantErrs            []string // substrings of "line N: field: reason"
		checkID, checkActor string
	}{
		{
			file: "acled_current.csv", added: 4, rejected: 4,
			wantErrs: []string{
				"line 7: event_date: empty date",
				"line 8: latitude: 95.5 out of range",
				"line 9: longitude: \"abc\" is not a number",
				"line 10: has 6 fields, the header has 31",
			},
			checkID: "PAK1002", checkActor: "Frontier Corps",
		},
		{file: "acled_2019.csv", added: 2, checkID: "AFG77001", checkActor: "Hazara Ethnic Group (Afghanistan)"},
		{file: "acled_api_old.csv", added: 2, checkID: "PAK2", checkActor: "Unidentified Armed Group (Pakistan)"},
		// The legacy upper-case set, re-saved by a European spreadsheet:
		// semicolons and decimal commas.
		{file: "acled_legacy_semicolon.csv", added: 2, checkID: "1PAK", checkActor: "TTP: Tehrik-i-Taliban Pakistan"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			s := openTemp(t)
			rep := importFile(t, s, filepath.Join("testdata", tt.file))
			if rep.Added != tt.added || rep.Rejected != tt.rejected || rep.Status != StatusDone {
				t.Fatalf("report %+v, want added %d rejected %d done", rep, tt.added, tt.rejected)
			}
			var got []string
			for _, e := range rep.Errors {
				got = append(got, e.Error())
			}
			for i, want := range tt.wantErrs {
				if i >= len(got) || !strings.Contains(got[i], want) {
					t.Errorf("error %d = %q, want it to contain %q (all: %q)", i, at(got, i), want, got)
				}
			}
			ix, err := LoadIndex(s)
			if err != nil {
				t.Fatal(err)
			}
			res, err := ix.Filter(&Filter{Actors: []string{tt.checkActor}})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Rows) != 1 {
				t.Fatalf("actor %q matched %d rows, want 1", tt.checkActor, len(res.Rows))
			}
			e, err := ix.Event(int(res.Rows[0]))
			if err != nil {
				t.Fatal(err)
			}
			if e.SourceID != tt.checkID {
				t.Errorf("actor %q is on event %s, want %s", tt.checkActor, e.SourceID, tt.checkID)
			}
		})
	}
}

func at(l []string, i int) string {
	if i < len(l) {
		return l[i]
	}
	return "<none>"
}

func TestImportFieldValues(t *testing.T) {
	s := openTemp(t)
	importFile(t, s, "testdata/acled_current.csv")
	importFile(t, s, "testdata/acled_api_old.csv")
	byID := map[string]*Event{}
	if err := s.Events(func(e *Event) error { byID[e.SourceID] = e; return nil }); err != nil {
		t.Fatal(err)
	}
	e := byID["PAK1001"]
	if e == nil {
		t.Fatal("PAK1001 missing")
	}
	if !strings.Contains(e.Notes, "\nTTP denied") {
		t.Errorf("quoted line break lost: %q", e.Notes)
	}
	if e.Fatalities != 12 || e.GeoPrecision != 1 || e.DatePrecision != PrecDay || e.Location != "Khar" ||
		e.Date.Format(DateLayout) != "2024-03-21" || e.Updated.Unix() != 1711234567 || e.CivilianTargeting != "Civilian targeting" {
		t.Errorf("PAK1001 = %+v", e)
	}
	if p := byID["PAK1002"]; p.DatePrecision != PrecWeek || len(p.Assoc1) != 2 || p.Assoc1[1] != "Frontier Corps" || !strings.Contains(p.Notes, `"heavy"`) {
		t.Errorf("PAK1002 = %+v", p)
	}
	if p := byID["AFG2001"]; len(p.Tags) != 2 || p.Tags[0] != "crossing closure" || p.Date.Format(DateLayout) != "2024-03-22" {
		t.Errorf("AFG2001 = %+v", p)
	}
	if p := byID["AFG2002"]; p.DatePrecision != PrecMonth || p.Date.Format(DateLayout) != "2024-03-23" {
		t.Errorf("AFG2002 = %+v", p)
	}
	importFile(t, s, "testdata/acled_legacy_semicolon.csv")
	s.Events(func(e *Event) error { byID[e.SourceID] = e; return nil })
	if p := byID["1PAK"]; p.Lat != 34.7717 || p.Lon != 72.3602 || p.Notes != `Fighting in Mingora; "heavy" losses` ||
		p.Date.Format(DateLayout) != "2009-04-18" || p.Inter1 != "1" || p.Fatalities != 14 {
		t.Errorf("legacy semicolon row = %+v", p)
	}
	if p := byID["PAK1"]; !strings.Contains(p.Notes, "Peña") || p.Fatalities != 88 {
		t.Errorf("Windows-1252 text not recoded: %q", p.Notes)
	}
	actors, err := s.Actors()
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]string{}
	for _, a := range actors {
		types[a.Name] = a.Type
	}
	if types["Islamic State (Pakistan)"] != "Rebel group" || types["TTP: Tehrik-i-Taliban Pakistan"] != "Rebel group" {
		t.Errorf("actor types from inter codes: %v", types)
	}
}

func TestReimportIsIdempotentAndRevisionsReplace(t *testing.T) {
	s := openTemp(t)
	first := importFile(t, s, "testdata/acled_current.csv")
	again := importFile(t, s, "testdata/acled_current.csv")
	if again.Added != 0 || again.Updated != 0 || again.Unchanged != first.Added {
		t.Fatalf("re-import report %+v, want all %d unchanged", again, first.Added)
	}
	if n, _ := s.Count(); n != first.Added {
		t.Fatalf("count %d after re-import, want %d", n, first.Added)
	}
	// A revised row: new date and fatalities for PAK1001.
	b, err := os.ReadFile("testdata/acled_current.csv")
	if err != nil {
		t.Fatal(err)
	}
	rev := strings.Replace(string(b), "PAK1001,2024-03-21", "PAK1001,2024-03-20", 1)
	path := filepath.Join(t.TempDir(), "revised.csv")
	if err := os.WriteFile(path, []byte(rev), 0o600); err != nil {
		t.Fatal(err)
	}
	rep := importFile(t, s, path)
	if rep.Updated != 1 || rep.Added != 0 || rep.Unchanged != first.Added-1 {
		t.Fatalf("revision report %+v", rep)
	}
	if n, _ := s.Count(); n != first.Added {
		t.Fatalf("count %d after revision, want %d", n, first.Added)
	}
	ix, err := LoadIndex(s)
	if err != nil {
		t.Fatal(err)
	}
	res, _ := ix.Filter(&Filter{From: day("2024-03-20"), To: day("2024-03-20")})
	if len(res.Rows) != 1 {
		t.Fatalf("revised event not on its new date: %d rows", len(res.Rows))
	}
	if e, _ := ix.Event(int(res.Rows[0])); e.SourceID != "PAK1001" {
		t.Fatalf("row on 2024-03-20 is %s", e.SourceID)
	}
	hist, err := s.Imports()
	if err != nil || len(hist) != 3 || hist[2].Status != StatusDone {
		t.Fatalf("import history %+v, %v", hist, err)
	}
}

func TestNotACLEDWritesNothing(t *testing.T) {
	s := openTemp(t)
	for _, f := range []string{"testdata/not_acled.csv", "testdata/empty.csv"} {
		_, err := s.ImportFile(context.Background(), f, nil)
		if err == nil || !strings.Contains(err.Error(), f) {
			t.Errorf("import %s: err %v, want an error naming the file", f, err)
		}
	}
	if n, _ := s.Count(); n != 0 {
		t.Errorf("count %d, want 0", n)
	}
	if h, _ := s.Imports(); len(h) != 0 {
		t.Errorf("import history %v, want none", h)
	}
}

func TestOpenLockedAndReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	importFile(t, s, "testdata/acled_2019.csv")
	_, err = Open(path, Options{LockTimeout: 50 * time.Millisecond})
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), path) {
		t.Fatalf("second open: %v, want ErrLocked naming the file", err)
	}
	s.Close()
	s2, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if v, _ := s2.Schema(); v != SchemaVersion {
		t.Errorf("schema %d", v)
	}
	if n, _ := s2.Count(); n != 2 {
		t.Errorf("count after reopen %d, want 2", n)
	}
	if err := s2.Check(); err != nil {
		t.Error(err)
	}
}

func TestCancelledImportKeepsCommittedBatches(t *testing.T) {
	s := openTemp(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep, err := s.ImportFile(ctx, "testdata/acled_2019.csv", nil)
	if !errors.Is(err, context.Canceled) || rep.Status != StatusCancelled {
		t.Fatalf("cancelled import: %v %+v", err, rep)
	}
	rep = importFile(t, s, "testdata/acled_2019.csv")
	if rep.Added != 2 {
		t.Fatalf("rerun added %d, want 2", rep.Added)
	}
}

func day(s string) time.Time {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

// tempPath returns a store path in a fresh temporary directory (for
// examples, which have no *testing.T).
func tempPath() string {
	dir, err := os.MkdirTemp("", "frontier-example-")
	if err != nil {
		panic(err)
	}
	return filepath.Join(dir, "frontier.db")
}

func TestSampleImportsClean(t *testing.T) {
	s := openTemp(t)
	rep, err := s.ImportSample(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rejected != 0 || rep.Added < 60 || rep.Added > 150 {
		t.Fatalf("sample report %+v", rep)
	}
	err = s.Events(func(e *Event) error {
		if e.Dataset != DatasetSample || !strings.HasPrefix(e.Notes, "[Illustrative sample, not reporting]") {
			t.Errorf("%s not marked as illustrative sample: %q %q", e.SourceID, e.Dataset, e.Notes)
		}
		if y := e.Date.Year(); y < 2025 || y > 2026 {
			t.Errorf("%s dated %v", e.SourceID, e.Date)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := LoadIndex(s)
	if err != nil {
		t.Fatal(err)
	}
	res, _ := ix.Filter(&Filter{Text: "bajaur"})
	if len(res.Rows) < 8 {
		t.Errorf("sample has %d Bajaur events, want at least 8", len(res.Rows))
	}
}

func TestActorColours(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	importFile(t, s, "testdata/acled_current.csv")
	ttp := "TTP: Tehrik-i-Taliban Pakistan"
	c, err := ParseRGB("#CC3311")
	if err != nil || c.Hex() != "#cc3311" {
		t.Fatalf("ParseRGB: %v %v", c, err)
	}
	if _, err := ParseRGB("red"); err == nil {
		t.Error("ParseRGB accepted a name")
	}
	if err := s.SetActor(Actor{Name: ttp, Type: "Rebel group", Color: c}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetActor(Actor{Name: "Nobody"}); err == nil {
		t.Error("SetActor accepted an unknown actor")
	}
	s.Close()
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ix, err := LoadIndex(s)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := ix.StringID(ttp)
	if got := ix.ActorColor(id); got != c {
		t.Errorf("user colour after reopen: %v, want %v", got, c)
	}
	other, _ := ix.StringID("Civilians (Pakistan)")
	if got := ix.ActorColor(other); got != ActorColor(Actor{Name: "Civilians (Pakistan)"}) || got.IsZero() {
		t.Errorf("palette colour %v is not the stable one for the name", got)
	}
}
