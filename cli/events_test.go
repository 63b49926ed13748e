package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"frontier/data"
)

// statsOf runs `stats --json` with filter args.
func statsOf(t *testing.T, db string, args ...string) Stats {
	t.Helper()
	code, out, errs := run(t, db, append([]string{"stats", "--json"}, args...)...)
	if code != ExitOK {
		t.Fatalf("stats %v: exit %d %s", args, code, errs)
	}
	var st Stats
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatal(err)
	}
	return st
}

func mustRun(t *testing.T, db string, args ...string) string {
	t.Helper()
	code, out, errs := run(t, db, args...)
	if code != ExitOK {
		t.Fatalf("%v: exit %d: %s", args, code, errs)
	}
	return out
}

func TestEventsAddEditDelete(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	mustRun(t, db, "import", testdata+"curate_acled.csv")
	out := mustRun(t, db, "events", "add", "--date", "2025-05-07", "--lat", "34.78", "--lon", "71.35",
		"--sub-type", "Air/drone strike", "--actor1", "Military Forces of Pakistan (2022-)", "--actor2", "TTP: Tehrik-i-Taliban Pakistan",
		"--fatalities", "4", "--location", "Bajaur camp 1", "--notes", "Strike on a camp.", "--source", "https://example.org/r",
		"--tag", "cross-border strikes", "--tag", "Bajaur wave")
	id, err := strconv.ParseUint(strings.TrimSpace(out), 10, 64)
	if err != nil {
		t.Fatalf("add printed %q", out)
	}
	if st := statsOf(t, db, "--tag", "Bajaur wave"); st.Events != 1 || st.EventTypes["Explosions/Remote violence"] != 1 {
		t.Fatalf("stats of the new event %+v", st)
	}
	ref := strconv.FormatUint(id, 10)
	mustRun(t, db, "events", "edit", ref, "--fatalities", "7", "--untag", "Bajaur wave", "--tag", "checked")
	mgrs, _ := data.FormatMGRS(71.1, 34.9, 5)
	mustRun(t, db, "events", "edit", ref, "--mgrs", mgrs)
	out = mustRun(t, db, "events", "show", ref)
	for _, want := range []string{"entered by hand", "Add event", "fatalities: \"4\" → \"7\"", "Move event", "tags:", "checked", "34.89999"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	if st := statsOf(t, db, "--tag", "Bajaur wave"); st.Events != 0 {
		t.Errorf("untag: %d events", st.Events)
	}
	// Bad input names the flag; nothing is stored.
	for _, args := range [][]string{
		{"events", "add", "--date", "2025-05-07", "--lat", "95", "--lon", "71", "--type", "Battles"},
		{"events", "add", "--date", "2025-05-07", "--lat", "34", "--lon", "71", "--type", "Battles", "--fatalities", "-3"},
		{"events", "add", "--date", "2025-05-07", "--mgrs", "junk", "--type", "Battles"},
		{"events", "edit", ref, "--date-end", "2020-01-01"},
		{"events", "edit", "nonsense", "--fatalities", "1"},
		{"events"}, {"events", "frobnicate"}, {"events", "delete"},
	} {
		code, out, errs := run(t, db, args...)
		if code != ExitUsage || out != "" || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d out %q err %q", args, code, out, errs)
		}
	}
	code, _, errs := run(t, db, "events", "add", "--date", "2025-05-07", "--lat", "95", "--lon", "71", "--type", "Battles")
	if code != ExitUsage || !strings.Contains(errs, "--lat: latitude 95 out of range") {
		t.Errorf("bad latitude: %s", errs)
	}
	if st := statsOf(t, db); st.Events != 8 {
		t.Errorf("%d events after rejected adds", st.Events)
	}
	mustRun(t, db, "events", "delete", ref, "ACLED:PAK5007")
	if st := statsOf(t, db); st.Events != 6 {
		t.Errorf("%d events after deleting two", st.Events)
	}
	if code, _, _ := run(t, db, "events", "show", ref); code != ExitFailed {
		t.Errorf("show of a deleted event: exit %d", code)
	}
}

func TestEventsConflicts(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	mustRun(t, db, "import", testdata+"curate_acled.csv")
	mustRun(t, db, "events", "edit", "ACLED:PAK5003", "--fatalities", "9", "--notes", "Local correction.")
	b, _ := os.ReadFile(testdata + "curate_acled.csv")
	mod := filepath.Join(dir, "acled.csv")
	os.WriteFile(mod, []byte(strings.Replace(string(b), "Clash near Mir Ali.,4,", "Clash near Mir Ali (revised).,6,", 1)), 0o644)
	out := mustRun(t, db, "import", mod)
	if !strings.Contains(out, "0 updated, 7 unchanged") || !strings.Contains(out, "note: 1 rows were kept as edited") {
		t.Errorf("import report: %s", out)
	}
	var cs []data.Conflict
	if err := json.Unmarshal([]byte(mustRun(t, db, "events", "conflicts", "--json")), &cs); err != nil || len(cs) != 1 {
		t.Fatalf("conflicts %v %+v", err, cs)
	}
	if cs[0].Incoming.Fatalities != 6 || cs[0].Local.Fatalities != 9 || cs[0].Reason != "edited locally" {
		t.Errorf("conflict %+v", cs[0])
	}
	if st := statsOf(t, db, "--text", "local correction"); st.Events != 1 || st.Fatalities != 9 {
		t.Errorf("local version %+v", st)
	}
	ref := strconv.FormatUint(cs[0].EventID, 10)
	mustRun(t, db, "events", "take", ref)
	if st := statsOf(t, db, "--text", "revised"); st.Events != 1 || st.Fatalities != 6 {
		t.Errorf("after take %+v", st)
	}
	if out := mustRun(t, db, "events", "conflicts"); !strings.Contains(out, "Conflicts (0)") {
		t.Errorf("conflicts after take: %s", out)
	}
	if code, _, errs := run(t, db, "events", "keep", ref); code != ExitFailed || !strings.Contains(errs, "no import conflict") {
		t.Errorf("keep without a conflict: %d %s", code, errs)
	}
}

func TestDuplicatesCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	mustRun(t, db, "import", testdata+"curate_acled.csv", testdata+"curate_ucdp.csv")
	mustRun(t, db, "events", "add", "--date", "2023-08-06", "--lat", "34.0005", "--lon", "71.5705", "--type", "Protests",
		"--actor1", "Protesters (Pakistan)", "--location", "Peshawar")
	pairs := func(args ...string) []DuplicateResult {
		t.Helper()
		var out []DuplicateResult
		if err := json.Unmarshal([]byte(mustRun(t, db, append([]string{"duplicates", "--json"}, args...)...)), &out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	if p := pairs(); len(p) != 2 || p[0].A.SourceID != "PAK5001" || p[0].B.SourceID != "PAK5002" || p[0].SharedActor == "" {
		t.Fatalf("pairs %+v", p)
	}
	mustRun(t, db, "actors", "merge", "TTP", "--into", "TTP: Tehrik-i-Taliban Pakistan")
	p := pairs()
	if len(p) != 3 {
		t.Fatalf("after the alias %+v", p)
	}
	if p := pairs("--days", "0"); len(p) != 1 {
		t.Errorf("same day only: %+v", p)
	}
	if p := pairs("--type", "Protests"); len(p) != 1 || p[0].B.Dataset != data.LocalDataset {
		t.Errorf("filtered %+v", p)
	}
	u := p[slices.IndexFunc(p, func(r DuplicateResult) bool { return r.B.Dataset == "UCDP GED" })]
	mustRun(t, db, "events", "distinct", strconv.FormatUint(u.A.ID, 10), strconv.FormatUint(u.B.ID, 10))
	mustRun(t, db, "events", "merge", "ACLED:PAK5001", "ACLED:PAK5002", "--take", "fatalities,notes")
	if p := pairs(); len(p) != 1 {
		t.Errorf("after distinct and merge %+v", p)
	}
	if st := statsOf(t, db, "--text", "second report"); st.Events != 1 || st.Fatalities != 54 {
		t.Errorf("merged %+v", st)
	}
	out := mustRun(t, db, "duplicates")
	if !strings.Contains(out, "1 pairs in 1 groups") || !strings.Contains(out, "LOCAL") {
		t.Errorf("text output %s", out)
	}
	if code, _, _ := run(t, db, "duplicates", "--km", "0"); code != ExitUsage {
		t.Errorf("--km 0: exit %d", code)
	}
}
