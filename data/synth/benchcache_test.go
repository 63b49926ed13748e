package synth

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestSizeName(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{
		{100_000, "100k"}, {1_000_000, "1M"}, {2_000_000, "2M"}, {1500, "1500"}, {2000, "2k"}, {0, "0"}, {7, "7"},
	} {
		if got := SizeName(c.n); got != c.want {
			t.Errorf("SizeName(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

// TestBenchCache checks that a store is built once per size in
// $FRONTIER_BENCH_DIR (a second process would find it there too), that a
// failed build leaves nothing under the final name, and that BenchCleanup
// leaves $FRONTIER_BENCH_DIR alone.
func TestBenchCache(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	t.Setenv("FRONTIER_BENCH_DIR", dir)
	bench.Lock()
	saved := bench.dir
	bench.dir, bench.ownsDir = "", false
	bench.Unlock()
	t.Cleanup(func() { bench.Lock(); bench.dir = saved; bench.Unlock() })

	builds := 0
	build := func(csv, store string) error {
		builds++
		if _, err := os.Stat(csv); err != nil {
			t.Errorf("build before the CSV exists: %v", err)
		}
		return os.WriteFile(store, []byte("store"), 0o644)
	}
	p1, err := BenchStore(20, build)
	if err != nil {
		t.Fatal(err)
	}
	p2, err := BenchStore(20, build)
	if err != nil || p2 != p1 || builds != 1 {
		t.Fatalf("second BenchStore: %q %v after %d builds; want %q from one build", p2, err, builds, p1)
	}
	if filepath.Dir(p1) != dir {
		t.Errorf("store at %s, want it in %s", p1, dir)
	}
	csv, err := BenchFile(20)
	if err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(csv); err != nil || st.Size() == 0 {
		t.Errorf("CSV %s: %v", csv, err)
	}

	failing := func(csv, store string) error {
		os.WriteFile(store, []byte("half"), 0o644)
		return errors.New("disk full")
	}
	if _, err := BenchStore(30, failing); err == nil {
		t.Error("a failed build reported no error")
	}
	if _, err := os.Stat(filepath.Join(dir, "store-30.db")); !os.IsNotExist(err) {
		t.Errorf("a failed build left the store: %v", err)
	}

	BenchCleanup()
	if _, err := os.Stat(p1); err != nil {
		t.Errorf("BenchCleanup removed $FRONTIER_BENCH_DIR's files: %v", err)
	}
}
