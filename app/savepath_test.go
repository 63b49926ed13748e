package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"frontier/data"
)

func TestSavePath(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "frontier.db")
	s, err := data.Open(store, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	old := filepath.Join(dir, "old.csv")
	if err := os.WriteFile(old, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ folder, name, ext, want, err string }{
		{dir, "events", ".csv", filepath.Join(dir, "events.csv"), ""},
		{dir, " events.CSV ", ".csv", filepath.Join(dir, "events.CSV"), ""},
		{dir, "events.txt", ".csv", filepath.Join(dir, "events.txt.csv"), ""},
		{dir, "old.csv", ".csv", old, ""}, // replacing is asked by the dialog
		{dir, "frontier.db", "", "", "is a Frontier store"},
		{dir, "frontier", ".db", "", "is a Frontier store"},
		{dir, "", ".csv", "", "give the file a name"},
		{dir, "a" + string(os.PathSeparator) + "b.csv", ".csv", "", "folder in it"},
		{filepath.Join(dir, "nope"), "x.csv", ".csv", "", "no folder"},
		{filepath.Dir(dir), filepath.Base(dir), "", "", "is a folder"},
	} {
		got, err := savePath(c.folder, c.name, c.ext)
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("savePath(%q, %q): %q, %v; want an error saying %q", c.folder, c.name, got, err, c.err)
			}
		case err != nil || got != c.want:
			t.Errorf("savePath(%q, %q) = %q, %v; want %q", c.folder, c.name, got, err, c.want)
		}
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
}

// The save dialog creates nothing itself, asks before replacing a file,
// and remembers the folder for the next time.
func TestShowSavePath(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("save")
	w.Resize(w.Canvas().Size().AddWidthHeight(900, 700))
	dir := t.TempDir()
	existing := filepath.Join(dir, "map.png")
	if err := os.WriteFile(existing, []byte("old picture"), 0o600); err != nil {
		t.Fatal(err)
	}
	var saved []string
	d := showSavePath(w, "Save as", "Save", "", dir, "map", ".png", func(p string) { saved = append(saved, p) })
	d.dlg.Confirm()
	if len(saved) != 0 {
		t.Fatalf("saved %v without asking to replace map.png", saved)
	}
	if b, _ := os.ReadFile(existing); string(b) != "old picture" {
		t.Errorf("the existing file was touched: %q", b)
	}
	test.Tap(dialogButton(t, w, "Yes"))
	if len(saved) != 1 || saved[0] != existing {
		t.Fatalf("saved %v after agreeing to replace", saved)
	}
	d = showSavePath(w, "Save as", "Save", "", "", "new", ".png", func(p string) { saved = append(saved, p) })
	if d.folder.Text != dir {
		t.Errorf("next dialog starts in %q, want the last folder %q", d.folder.Text, dir)
	}
	d.dlg.Confirm()
	if len(saved) != 2 || saved[1] != filepath.Join(dir, "new.png") {
		t.Errorf("saved %v", saved)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("the dialog created files: %d in the folder", len(ents))
	}
}
