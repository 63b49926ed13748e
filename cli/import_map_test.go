package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportMapFlag(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	f := filepath.Join(dir, "odd.csv")
	if err := os.WriteFile(f, []byte("happened,north,east,who,what\n2020-03-21,34.7,71.5,Group A,Battles\n2020-03-22,NA,71.5,Group B,Riots\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Without a mapping the date and the coordinates are found by their
	// values, and the report says so.
	code, out, errs := run(t, filepath.Join(dir, "unmapped.db"), "import", f)
	if code != ExitOK || !strings.Contains(out, `read "happened" as the date from its values`) {
		t.Fatalf("exit %d, stdout %s, stderr %s", code, out, errs)
	}
	code, out, errs = run(t, db, "import", "--json", "--map", "lat=north,lon=east", "--map", "date=happened,actor1=who,type=what", f)
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	var r importResult
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Format != "csv" || r.Added != 1 || r.Rejected != 1 || len(r.Errors) != 1 || r.Errors[0].Field != "north" || r.Errors[0].Line != 3 {
		t.Errorf("%+v", r)
	}
	code, _, errs = run(t, db, "import", "--map", "lat=nope", f)
	if code != ExitFailed || !strings.Contains(errs, "no such column") {
		t.Errorf("exit %d, stderr %s", code, errs)
	}
	code, _, errs = run(t, db, "import", "--map", "colour=x", f)
	if code != ExitUsage || !strings.Contains(errs, "unknown field") {
		t.Errorf("exit %d, stderr %s", code, errs)
	}
}
