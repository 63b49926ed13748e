package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"frontier/data"
)

func TestDefaultBackupName(t *testing.T) {
	got := defaultBackupName(time.Date(2026, 11, 26, 14, 5, 9, 0, time.Local))
	if got != "frontier-backup-2026-11-26-1405.db" {
		t.Errorf("defaultBackupName = %q", got)
	}
}

// TestBackUpStoreWhileWritten backs the store up from the File menu's
// dialog while another goroutine keeps committing to it: the backup opens,
// passes the consistency check and holds the events.
func TestBackUpStoreWhileWritten(t *testing.T) {
	q, _ := shareEnv(t)
	m, path := heldByDesktopApp(t, test.NewTempApp(t), q)
	u := m.sess.ui
	want := u.st.ix.Len()

	b := u.chooseBackup()
	if b.folder.Text != filepath.Dir(path) || !strings.HasPrefix(b.name.Text, "frontier-backup-") || !strings.HasSuffix(b.name.Text, ".db") {
		t.Fatalf("defaults: folder %q, name %q", b.folder.Text, b.name.Text)
	}
	out := t.TempDir()
	b.folder.SetText(out)
	b.name.SetText("copy.db")
	var gotPath string
	var gotSize int64
	var gotErr error
	done := false
	b.done = func(p string, size int64, err error) { gotPath, gotSize, gotErr, done = p, size, err, true }

	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the store is written to while it is copied
		defer wg.Done()
		for i := range 30 {
			if err := m.store.PutLayer(&data.Layer{Name: fmt.Sprintf("busy %d", i)}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	b.dlg.Confirm()
	runUntil(t, q, func() bool { return done })
	wg.Wait()
	if gotErr != nil {
		t.Fatal(gotErr)
	}
	if gotPath != filepath.Join(out, "copy.db") {
		t.Errorf("backup written to %q", gotPath)
	}
	if fi, err := os.Stat(gotPath); err != nil || fi.Size() != gotSize || fi.Mode().Perm() != 0o600 {
		t.Errorf("backup file: %v, %v (size reported %d)", fi, err, gotSize)
	}
	c, err := data.Open(gotPath, data.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Check(); err != nil {
		t.Fatal(err)
	}
	if n, _ := c.Count(); n != want {
		t.Errorf("backup holds %d events, want %d", n, want)
	}
	// The store went on working.
	if ls, err := m.store.Layers(); err != nil || len(ls) < 30 {
		t.Errorf("store after the backup: %d layers, %v", len(ls), err)
	}
}

// TestBackUpRefusesTheStore: the dialog will not write over the store
// itself, nor onto a folder or nowhere.
func TestBackUpRefusesTheStore(t *testing.T) {
	q, _ := shareEnv(t)
	m, path := heldByDesktopApp(t, test.NewTempApp(t), q)
	u := m.sess.ui
	for _, tc := range []struct{ path, want string }{
		{path, "is the store itself"},
		{filepath.Join(filepath.Dir(path), ".", filepath.Base(path)), "is the store itself"},
		{t.TempDir(), "is a folder"},
		{filepath.Join(t.TempDir(), "no", "such.db"), "no folder"},
		{filepath.Dir(path) + string(filepath.Separator), "file name"},
	} {
		var gotErr error
		u.backupTo(tc.path, func(_ string, _ int64, err error) { gotErr = err })
		if gotErr == nil || !strings.Contains(gotErr.Error(), tc.want) {
			t.Errorf("backup to %q: %v, want %q", tc.path, gotErr, tc.want)
		}
	}
	if err := m.store.Check(); err != nil {
		t.Fatal(err)
	}
}
