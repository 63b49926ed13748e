package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestBackupWhileOpen copies a store that stays open and keeps being
// written to; the copy opens as a store of its own, passes bbolt's check
// and holds a whole number of the imports committed meanwhile.
func TestBackupWhileOpen(t *testing.T) {
	s := openTemp(t)
	if _, err := s.ImportSample(context.Background()); err != nil {
		t.Fatal(err)
	}
	base, _ := s.Count()
	dir := t.TempDir()
	out := filepath.Join(dir, "copy.db")

	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // a concurrent writer: one more layer per transaction
		defer wg.Done()
		for i := range 20 {
			if err := s.PutLayer(&Layer{Name: "busy " + string(rune('a'+i))}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	var calls int
	var last, total int64
	size, err := s.Backup(context.Background(), out, func(done, all int64) { calls++; last, total = done, all })
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if calls == 0 || last != total || size != total {
		t.Errorf("progress: %d calls, last %d of %d; size %d", calls, last, total, size)
	}
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() != size || st.Mode().Perm() != fileMode {
		t.Errorf("backup file: %d bytes mode %v, want %d bytes mode %v", st.Size(), st.Mode().Perm(), size, fileMode)
	}
	c, err := Open(out, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Check(); err != nil {
		t.Fatal(err)
	}
	if n, _ := c.Count(); n != base {
		t.Errorf("backup holds %d events, want %d", n, base)
	}
	if !c.ReadOnly() || s.ReadOnly() {
		t.Errorf("ReadOnly: copy %v, store %v", c.ReadOnly(), s.ReadOnly())
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("backup left %d files in its folder, want 1", len(ents))
	}
}

// TestBackupRefusesItself keeps a backup from replacing the open store.
func TestBackupRefusesItself(t *testing.T) {
	s := openTemp(t)
	_, err := s.Backup(context.Background(), s.Path(), nil)
	if err == nil || !strings.Contains(err.Error(), "cannot replace the store itself") {
		t.Fatalf("backup onto the store: %v", err)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
}

func TestIsStoreFile(t *testing.T) {
	s := openTemp(t)
	dir := t.TempDir()
	csv := filepath.Join(dir, "events.csv")
	if err := os.WriteFile(csv, []byte("event_id_cnty,event_date\nX1,2024-01-01\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "b.db")
	if _, err := s.Backup(context.Background(), backup, nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		want bool
	}{{s.Path(), true}, {backup, true}, {csv, false}, {filepath.Join(dir, "missing.db"), false}, {dir, false}} {
		if got := IsStoreFile(c.path); got != c.want {
			t.Errorf("IsStoreFile(%s) = %v, want %v", c.path, got, c.want)
		}
	}
}

// A cancelled backup stops and leaves nothing under its name.
func TestBackupCancelled(t *testing.T) {
	s := openTemp(t)
	if _, err := s.ImportSample(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	if _, err := s.Backup(ctx, filepath.Join(dir, "b.db"), nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled backup: %v", err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("a cancelled backup left %d files", len(ents))
	}
}
