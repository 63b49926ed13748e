package data

import (
	"context"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"frontier/data/synth"
)

// TestCrashHelper is not a test: run by TestKilledImport in a child process,
// it imports $FRONTIER_CRASH_CSV into $FRONTIER_CRASH_DB until killed.
func TestCrashHelper(t *testing.T) {
	csv, db := os.Getenv("FRONTIER_CRASH_CSV"), os.Getenv("FRONTIER_CRASH_DB")
	if csv == "" {
		t.Skip("helper process only")
	}
	s, err := Open(db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportFile(context.Background(), csv, nil); err != nil {
		t.Fatal(err)
	}
	s.Close()
}

// storeDigest hashes every stored event (without store IDs) in time order.
func storeDigest(t *testing.T, s *Store) string {
	h := sha256.New()
	err := s.Events(func(e *Event) error {
		e.ID = 0
		fmt.Fprintf(h, "%+v\n", *e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestKilledImport kills a real import with SIGKILL at random moments and
// checks that the store is consistent, that its import record matches what
// was committed, and that importing again completes it to the same content
// as a clean import.
func TestKilledImport(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	csv := filepath.Join(dir, "in.csv")
	const n = 3*BatchSize + 123
	if err := synth.WriteFile(csv, n, 7); err != nil {
		t.Fatal(err)
	}

	clean := openTemp(t)
	if _, err := clean.ImportFile(context.Background(), csv, nil); err != nil {
		t.Fatal(err)
	}
	want := storeDigest(t, clean)

	rng := rand.New(rand.NewPCG(1, 2))
	for kill := range 2 {
		db := filepath.Join(dir, fmt.Sprintf("k%d.db", kill))
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$")
		cmd.Env = append(os.Environ(), "FRONTIER_CRASH_CSV="+csv, "FRONTIER_CRASH_DB="+db)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(150+rng.IntN(450)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()

		s, err := Open(db, Options{})
		if err != nil {
			t.Fatalf("kill %d: reopen: %v", kill, err)
		}
		if err := s.Check(); err != nil {
			t.Fatalf("kill %d: %v", kill, err)
		}
		count, _ := s.Count()
		hist, _ := s.Imports()
		if len(hist) == 1 {
			r := hist[0]
			if r.Added != count {
				t.Errorf("kill %d: import record says %d added, store holds %d", kill, r.Added, count)
			}
			switch r.Status {
			case StatusInterrupted:
				if count%BatchSize != 0 {
					t.Errorf("kill %d: %d events is not a whole number of batches", kill, count)
				}
			case StatusDone:
			default:
				t.Errorf("kill %d: import record status %q after reopen, want interrupted or done", kill, r.Status)
			}
			t.Logf("kill %d: stopped at %s with %d events, line %d", kill, r.Status, count, r.LastLine)
		} else if len(hist) > 1 || count != 0 {
			t.Fatalf("kill %d: %d import records and %d events", kill, len(hist), count)
		}
		rep, err := s.ImportFile(context.Background(), csv, nil)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Added != n-count || rep.Unchanged != count {
			t.Errorf("kill %d: rerun added %d unchanged %d, want %d and %d", kill, rep.Added, rep.Unchanged, n-count, count)
		}
		if got := storeDigest(t, s); got != want {
			t.Errorf("kill %d: store after rerun differs from a clean import", kill)
		}
		s.Close()
	}
}
