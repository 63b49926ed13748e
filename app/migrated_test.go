package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
)

// overlayLabels waits up to wait for an overlay on w and returns its
// labels' text (nil when none showed).
func overlayLabels(w fyne.Window, wait time.Duration) []string {
	deadline := time.Now().Add(wait)
	for w.Canvas().Overlays().Top() == nil && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	var texts []string
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	}
	return texts
}

// The desktop app opens a store of an older Frontier: it is upgraded, the
// old file is kept, and a dialog says so (once).
func TestOpenOldStoreShowsUpgradeNotice(t *testing.T) {
	test.NewTempApp(t)
	b, err := os.ReadFile(filepath.Join("..", "data", "testdata", "schema1.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "analyst.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	store, ix, err := openStore(path, 100*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if ix.Len() != 208 {
		t.Errorf("upgraded store shows %d events, want 208", ix.Len())
	}
	backup := path + ".schema1.backup"
	if from, got := store.Migration(); from != 1 || got != backup {
		t.Errorf("Migration() = %d %q", from, got)
	}
	w := test.NewTempWindow(t, widget.NewLabel("main"))
	noticeMigration(w, store)
	all := strings.Join(overlayLabels(w, 2*time.Second), "\n")
	for _, want := range []string{"older Frontier (schema version 1)", fmt.Sprintf("upgraded to schema version %d", data.SchemaVersion), path, "kept, unchanged, at:\n" + backup} {
		if !strings.Contains(all, want) {
			t.Errorf("notice lacks %q; it shows:\n%s", want, all)
		}
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopened: nothing to say.
	store, _, err = openStore(path, 100*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	w2 := test.NewTempWindow(t, widget.NewLabel("main"))
	noticeMigration(w2, store)
	if texts := overlayLabels(w2, 200*time.Millisecond); texts != nil {
		t.Errorf("a current store showed a notice: %q", texts)
	}
	if _, err := os.Stat(backup); err != nil {
		t.Error(err)
	}
	if m, _ := filepath.Glob(path + ".*"); len(m) != 1 {
		t.Errorf("files beside the store: %v", m)
	}
}
