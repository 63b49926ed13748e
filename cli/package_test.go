package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"frontier/brief"
)

// A package exported from one store opens as a new store that lists the
// same events and views, and merges into another keeping both.
func TestPackageCommands(t *testing.T) {
	db := briefStore(t)
	dir := t.TempDir()
	pkg := filepath.Join(dir, "brief.frontier-brief")
	code, _, errs := run(t, db, "package", "export", "--out", pkg)
	if code != ExitOK || !strings.Contains(errs, "124 events, 1 layers with 1 annotations, 3 views") {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	code, out, _ := run(t, db, "package", "info", pkg)
	if code != ExitOK || !strings.Contains(out, "124 events") || !strings.Contains(out, "Situation: 1 annotations") {
		t.Errorf("info: %s", out)
	}
	opened := filepath.Join(dir, "opened.db")
	code, _, errs = run(t, db, "package", "open", pkg, "--db", opened)
	if code != ExitOK || !strings.Contains(errs, "124 events (124 new") {
		t.Fatalf("open: exit %d: %s", code, errs)
	}
	_, a, _ := run(t, db, "views", "list")
	_, b, _ := run(t, opened, "views", "list")
	strip := func(s string) string { // IDs may differ; titles, windows, zooms, centres may not
		var out []string
		for _, l := range strings.Split(s, "\n") {
			f := strings.Fields(l)
			if len(f) > 2 {
				out = append(out, strings.Join(f[2:], " "))
			}
		}
		return strings.Join(out, "\n")
	}
	if strip(a) != strip(b) {
		t.Errorf("views differ:\n%s\n%s", a, b)
	}
	_, sa, _ := run(t, db, "stats", "--json")
	_, sb, _ := run(t, opened, "stats", "--json")
	if sa != sb {
		t.Errorf("stats differ:\n%s\n%s", sa, sb)
	}
	// A filtered package with one view, merged into another store.
	small := filepath.Join(dir, "ttp.frontier-brief")
	code, out, _ = run(t, db, "package", "export", "--out", small, "--actor", "TTP: Tehrik-i-Taliban Pakistan", "--views", "TTP", "--layers", "none", "--json")
	var m brief.Manifest
	if code != ExitOK || json.Unmarshal([]byte(out), &m) != nil || m.Counts.Views != 1 || m.Counts.Layers != 0 || m.Counts.Events == 0 || m.Counts.Events >= 124 {
		t.Fatalf("filtered export: exit %d, %s", code, out)
	}
	other := filepath.Join(dir, "other.db")
	run(t, other, "import", testdata+"acled_current.csv")
	_, before, _ := run(t, other, "stats", "--json")
	code, out, errs = run(t, other, "package", "merge", small, "--json")
	var rep brief.PackageReport
	if code != ExitOK || json.Unmarshal([]byte(out), &rep) != nil || rep.Import.Added != m.Counts.Events || rep.Views != 1 {
		t.Fatalf("merge: exit %d, %s %s", code, out, errs)
	}
	_, after, _ := run(t, other, "stats", "--json")
	var sbefore, safter struct{ Events int }
	json.Unmarshal([]byte(before), &sbefore)
	json.Unmarshal([]byte(after), &safter)
	if safter.Events != sbefore.Events+m.Counts.Events {
		t.Errorf("merge: %d events after, %d before + %d", safter.Events, sbefore.Events, m.Counts.Events)
	}
	for _, args := range [][]string{
		{"package"}, {"package", "send"},
		{"package", "export"},
		{"package", "open", pkg},
		{"package", "open", pkg, "--db", opened}, // exists
		{"package", "merge"},
		{"package", "export", "--out", pkg, "--views", "Nope"},
		{"package", "export", "--out", pkg, "--layers", "Nope"},
	} {
		if code, _, errs := run(t, db, args...); code != ExitUsage {
			t.Errorf("%v: exit %d, %q; want usage", args, code, errs)
		}
	}
	bad := filepath.Join(dir, "bad.frontier-brief")
	os.WriteFile(bad, []byte("not a zip"), 0o644)
	if code, _, errs := run(t, db, "package", "open", bad, "--db", filepath.Join(dir, "n.db")); code != ExitFailed || !strings.Contains(errs, bad) {
		t.Errorf("bad package: exit %d, %q", code, errs)
	}
}
