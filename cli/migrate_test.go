package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"frontier/data"
)

// setSchemaForTest writes schema version v into the store at path with
// bbolt directly, as another Frontier would have.
func setSchemaForTest(t *testing.T, path string, v int) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("schema"), []byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
	}); err != nil {
		t.Fatal(err)
	}
}

// copyStoreFixture copies ../data/testdata/<name> (a store written by an
// old Frontier) to a temporary folder.
func copyStoreFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(testdata + name)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "old.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// `frontier stats` on a store of an older Frontier upgrades it, keeping
// the old file, says so once on stderr and prints the stats of every
// event the old Frontier stored.
func TestStatsUpgradesOldStore(t *testing.T) {
	db := copyStoreFixture(t, "schema1.db")
	code, out, errs := run(t, "", "stats", "--db", db, "--json")
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	backup := db + ".schema1.backup"
	want := fmt.Sprintf("upgraded store %s from schema 1 to %d; the old file is kept at %s\n", db, data.SchemaVersion, backup)
	if errs != want {
		t.Errorf("stderr %q, want %q", errs, want)
	}
	var st Stats
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("stats %q: %v", out, err)
	}
	if st.Events != 208 || st.Fatalities == 0 {
		t.Errorf("stats after the upgrade: %+v, want 208 events with fatalities", st)
	}
	if fi, err := os.Stat(backup); err != nil || fi.Size() == 0 {
		t.Errorf("backup %s: %v", backup, err)
	}

	// Again: nothing to upgrade, nothing said.
	code, out2, errs := run(t, "", "stats", "--db", db, "--json")
	if code != ExitOK || errs != "" || out2 != out {
		t.Errorf("second run: exit %d, stderr %q, stdout changed: %v", code, errs, out2 != out)
	}
	if m, _ := filepath.Glob(db + ".*"); len(m) != 1 {
		t.Errorf("files beside the store: %v", m)
	}
}

// A command that writes (import) upgrades too, and says so.
func TestImportUpgradesOldStore(t *testing.T) {
	db := copyStoreFixture(t, "schema3.db")
	code, _, errs := run(t, "", "import", "--db", db, testdata+"acled_current.csv")
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	if !strings.Contains(errs, fmt.Sprintf("upgraded store %s from schema 3 to %d; the old file is kept at %s.schema3.backup", db, data.SchemaVersion, db)) {
		t.Errorf("stderr %q", errs)
	}
}

// A store from a newer Frontier is refused by the CLI with both versions
// named, and left as it was.
func TestNewerStoreRefused(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	if code, _, errs := run(t, db, "import", testdata+"acled_current.csv"); code != ExitOK {
		t.Fatalf("import: %s", errs)
	}
	s, err := data.Open(db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	setSchemaForTest(t, db, data.SchemaVersion+1)
	before, _ := os.ReadFile(db)
	code, _, errs := run(t, db, "stats")
	if code != ExitFailed || !strings.Contains(errs, fmt.Sprintf("newer Frontier (schema version %d); this Frontier reads schema versions up to %d", data.SchemaVersion+1, data.SchemaVersion)) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("the refused store changed")
	}
}
