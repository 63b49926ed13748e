package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"frontier/data"
)

// run executes a command line in-process against the store at db.
func run(t *testing.T, db string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &errb, GUI: func(string) error { return nil }, Getenv: func(k string) string {
		if k == "FRONTIER_DB" {
			return db
		}
		return ""
	}}
	code = Run(env, args)
	return code, out.String(), errb.String()
}

const testdata = "../data/testdata/"

func TestImportJSONReport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	code, out, errs := run(t, db, "import", "--json", testdata+"acled_current.csv", testdata+"acled_2019.csv")
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one JSON object per file, got %q", out)
	}
	var r importResult
	if err := json.Unmarshal([]byte(lines[0]), &r); err != nil {
		t.Fatal(err)
	}
	if r.Format != "acled" || r.Added != 4 || r.Rejected != 4 || len(r.Errors) != 4 || r.Errors[0].Line != 7 || r.Errors[0].Field != "event_date" {
		t.Errorf("report %+v", r)
	}
	// Again: nothing changes.
	_, out, _ = run(t, db, "import", "--json", testdata+"acled_current.csv")
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Added != 0 || r.Updated != 0 || r.Unchanged != 4 {
		t.Errorf("re-import %+v", r)
	}
}

func TestImportFailures(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	code, out, errs := run(t, db, "import", testdata+"not_acled.csv")
	if code != ExitFailed || !strings.Contains(errs, "not an ACLED export") || !strings.Contains(errs, "not_acled.csv") || out != "" {
		t.Errorf("not ACLED: exit %d out %q err %q", code, out, errs)
	}
	code, _, errs = run(t, db, "import", "/nonexistent/x.csv")
	if code != ExitFailed || !strings.Contains(errs, "/nonexistent/x.csv") {
		t.Errorf("missing file: exit %d err %q", code, errs)
	}
	for _, args := range [][]string{
		{"import"}, {"import", "--bogus", "x"}, {"frobnicate"},
		{"stats", "--from", "21/03/2024"}, {"stats", "--bbox", "1,2,3"}, {"export", "--format", "xls", "--out", "x"},
		{"stats", "--bbox", "nan,nan,nan,nan"}, {"--db", "x.db", "import", "f.csv"},
	} {
		code, out, errs := run(t, db, args...)
		if code != ExitUsage || out != "" || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d out %q err %q, want exit 2 and one line", args, code, out, errs)
		}
	}
}

func TestStatsJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	run(t, db, "import", testdata+"acled_current.csv", testdata+"acled_2019.csv", testdata+"acled_api_old.csv")
	tests := []struct {
		args   []string
		events int
		first  string
		last   string
	}{
		{nil, 8, "2017-02-13", "2024-03-23"},
		{[]string{"--from", "2024-03-21", "--to", "2024-03-22"}, 3, "2024-03-21", "2024-03-22"},
		{[]string{"--actor", "TTP: Tehrik-i-Taliban Pakistan"}, 3, "2017-02-13", "2024-03-21"},
		{[]string{"--actor", "Frontier Corps", "--actor", "Hazara Ethnic Group (Afghanistan)"}, 2, "2022-01-01", "2024-03-21"},
		{[]string{"--type", "Suicide bomb"}, 1, "2024-03-21", "2024-03-21"},
		{[]string{"--min-fatalities", "10"}, 3, "2017-02-13", "2024-03-21"},
		{[]string{"--bbox", "66,29,68,31.5"}, 2, "2021-12-31", "2024-03-23"},
		{[]string{"--text", "torkham"}, 1, "2024-03-22", "2024-03-22"},
		{[]string{"--text", "denied involvement"}, 1, "2024-03-21", "2024-03-21"},
		{[]string{"--actor", "Nobody"}, 0, "", ""},
		{[]string{"--min-fatalities", "4294967296"}, 0, "", ""},
	}
	for _, tt := range tests {
		code, out, errs := run(t, db, append([]string{"stats", "--json"}, tt.args...)...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d %s", tt.args, code, errs)
		}
		var st Stats
		if err := json.Unmarshal([]byte(out), &st); err != nil {
			t.Fatal(err)
		}
		if st.Events != tt.events || st.First != tt.first || st.Last != tt.last {
			t.Errorf("%v: events %d %s..%s, want %d %s..%s", tt.args, st.Events, st.First, st.Last, tt.events, tt.first, tt.last)
		}
	}
	_, out, _ := run(t, db, "stats", "--json")
	var st Stats
	json.Unmarshal([]byte(out), &st)
	if st.Actors["TTP: Tehrik-i-Taliban Pakistan"] != 3 || st.EventTypes["Battles"] != 1 || st.BBox == nil || st.BBox[0] != 66.3997 || st.BBox[3] != 34.7306 {
		t.Errorf("stats %+v bbox %v", st, st.BBox)
	}
	code, out, _ := run(t, db, "stats", "--actor", "ISKP: Islamic State Khorasan Province")
	if code != 0 || !strings.Contains(out, "Events:       1 of 8") {
		t.Errorf("text stats: %s", out)
	}
}

func TestExportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	run(t, db, "import", testdata+"acled_current.csv", testdata+"acled_2019.csv", testdata+"acled_api_old.csv")
	csvPath := filepath.Join(dir, "out.csv")
	if code, _, errs := run(t, db, "export", "--format", "csv", "--out", csvPath); code != 0 {
		t.Fatal(errs)
	}
	db2 := filepath.Join(dir, "s2.db")
	code, out, errs := run(t, db2, "import", "--json", csvPath)
	if code != 0 {
		t.Fatal(errs)
	}
	var r importResult
	json.Unmarshal([]byte(out), &r)
	if r.Added != 8 || r.Rejected != 0 {
		t.Fatalf("re-import of export: %+v", r)
	}
	if a, b := allEvents(t, db), allEvents(t, db2); !reflect.DeepEqual(a, b) {
		t.Errorf("round trip changed events:\n%+v\n%+v", a, b)
	}
	// Importing the export into the original store changes nothing.
	_, out, _ = run(t, db, "import", "--json", csvPath)
	json.Unmarshal([]byte(out), &r)
	if r.Unchanged != 8 || r.Added+r.Updated != 0 {
		t.Errorf("export re-imported into its source store: %+v", r)
	}

	if st, err := os.Stat(csvPath); err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("export file mode %v, %v; want rw-r--r--", st.Mode(), err)
	}

	gj := filepath.Join(dir, "out.geojson")
	if code, _, errs := run(t, db, "export", "--format", "geojson", "--out", gj, "--actor", "TTP: Tehrik-i-Taliban Pakistan"); code != 0 {
		t.Fatal(errs)
	}
	b, err := os.ReadFile(gj)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string
		Features []struct {
			Type     string
			Geometry struct {
				Type        string
				Coordinates []float64
			}
			Properties map[string]any
		}
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 3 {
		t.Fatalf("GeoJSON %s", b)
	}
	f := fc.Features[1] // time order, then store order (PAK1001 before PAK1002)
	if f.Geometry.Type != "Point" || f.Geometry.Coordinates[0] != 71.5239 || f.Geometry.Coordinates[1] != 34.7306 ||
		f.Properties["event_id_cnty"] != "PAK1001" || f.Properties["fatalities"] != 12.0 {
		t.Errorf("feature %+v", f)
	}
}

// allEvents returns the store's events keyed by source ID, without store IDs.
func allEvents(t *testing.T, db string) map[string]data.Event {
	t.Helper()
	s, err := data.Open(db, data.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m := map[string]data.Event{}
	s.Events(func(e *data.Event) error {
		e.ID = 0
		m[e.SourceID] = *e
		return nil
	})
	return m
}

func TestDefaultDBPath(t *testing.T) {
	env := map[string]string{"HOME": "/home/a"}
	p, err := DefaultDBPath(func(k string) string { return env[k] })
	if err != nil || !strings.HasSuffix(p, "frontier.db") || !strings.HasPrefix(p, "/home/a") {
		t.Errorf("default path %q %v", p, err)
	}
	code, _, errs := run(t, "", "stats", "--db", filepath.Join(t.TempDir(), "none.db"))
	if code != ExitFailed || !strings.Contains(errs, "no store at") {
		t.Errorf("missing store: %d %s", code, errs)
	}
}
