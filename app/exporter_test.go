package app

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"frontier/data"
)

// Exporting from the window writes the events passing the filter, in
// each format, and they read back (CSV) as the same events.
func TestExportFromTheWindow(t *testing.T) {
	u, _ := newTestUI(t)
	u.st.setActors([]string{"Protesters (Afghanistan)"})
	settle(u)
	want := len(u.st.snap.result.Rows)
	if want == 0 || want == 6 {
		t.Fatalf("filter passes %d events", want)
	}
	dir := t.TempDir()
	for _, f := range exportFormats {
		path := filepath.Join(dir, "out"+f.ext)
		u.exportTo(path, f)
		settle(u)
		st, err := os.Stat(path)
		if err != nil || st.Size() == 0 {
			t.Fatalf("%s: %v", f.label, err)
		}
		if msg := fmt.Sprintf("Wrote %d events to %s", want, path); u.lastExport != msg {
			t.Errorf("%s: message %q, want %q", f.label, u.lastExport, msg)
		}
	}
	// The CSV re-imports as exactly the filtered events.
	s, err := data.Open(filepath.Join(dir, "back.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rep, err := s.ImportFile(t.Context(), filepath.Join(dir, "out.csv"), nil)
	if err != nil || rep.Added != want {
		t.Errorf("re-import of the CSV: %+v, %v; want %d added", rep, err, want)
	}
	// A directory that does not exist: an error, no file.
	u.exportTo(filepath.Join(dir, "missing", "x.csv"), exportFormats[0])
	settle(u)
	if u.lastExport != "" {
		t.Errorf("export to a missing directory reported %q", u.lastExport)
	}
}
