package synth

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
)

// Benchmarks in several packages share the generated inputs through a
// cache directory: a CSV file and a store per size, each made once. `make
// bench` points $FRONTIER_BENCH_DIR at one directory for the whole run
// (and removes it afterwards), so the test binaries of data/, app/ and the
// rest build each store once between them; without it each process uses
// a temporary directory of its own, removed by BenchCleanup.

var bench struct {
	sync.Mutex
	dir     string
	ownsDir bool // made here (not $FRONTIER_BENCH_DIR): BenchCleanup removes it
}

// BenchDir returns the benchmark cache directory: $FRONTIER_BENCH_DIR,
// created if needed, or else a temporary directory for this process.
func BenchDir() (string, error) {
	bench.Lock()
	defer bench.Unlock()
	return benchDirLocked()
}

func benchDirLocked() (string, error) {
	if bench.dir != "" {
		return bench.dir, nil
	}
	if d := os.Getenv("FRONTIER_BENCH_DIR"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return "", fmt.Errorf("benchmark cache: %w", err)
		}
		bench.dir = d
		return d, nil
	}
	d, err := os.MkdirTemp("", "frontier-bench-")
	if err != nil {
		return "", fmt.Errorf("benchmark cache: %w", err)
	}
	bench.dir, bench.ownsDir = d, true
	return d, nil
}

// BenchCleanup removes the cache directory if this process made it (a
// TestMain calls it after m.Run); $FRONTIER_BENCH_DIR is left alone.
func BenchCleanup() {
	bench.Lock()
	defer bench.Unlock()
	if bench.ownsDir {
		os.RemoveAll(bench.dir)
		bench.dir, bench.ownsDir = "", false
	}
}

// BenchFile returns the path of a generated ACLED CSV of n rows (seed 1)
// in the cache directory, writing it on first use.
func BenchFile(n int) (string, error) {
	bench.Lock()
	defer bench.Unlock()
	return benchFileLocked(n)
}

func benchFileLocked(n int) (string, error) {
	dir, err := benchDirLocked()
	if err != nil {
		return "", err
	}
	p := filepath.Join(dir, fmt.Sprintf("acled-%d.csv", n))
	return p, makeOnce(p, func(tmp string) error { return WriteFile(tmp, n, 1) })
}

// BenchStore returns the path of a store holding the n events of
// BenchFile(n), made on first use by build, which imports the CSV at csv
// into a new store at store (this package cannot import data). Callers
// only read it: open it read-only.
func BenchStore(n int, build func(csv, store string) error) (string, error) {
	bench.Lock()
	defer bench.Unlock()
	csv, err := benchFileLocked(n)
	if err != nil {
		return "", err
	}
	p := filepath.Join(filepath.Dir(csv), fmt.Sprintf("store-%d.db", n))
	return p, makeOnce(p, func(tmp string) error { return build(csv, tmp) })
}

// makeOnce makes the file at path with write, unless it exists: write makes
// a temporary name that is renamed into place when complete, so an
// interrupted run never leaves half a file for the next one.
func makeOnce(path string, write func(tmp string) error) error {
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	tmp := path + ".tmp"
	os.Remove(tmp)
	if err := write(tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("benchmark cache %s: %w", filepath.Base(path), err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("benchmark cache: %w", err)
	}
	return nil
}

// SizeName names a benchmark size the way sub-benchmarks are named:
// 100000 is "100k", 1000000 is "1M".
func SizeName(n int) string {
	switch {
	case n > 0 && n%1_000_000 == 0:
		return strconv.Itoa(n/1_000_000) + "M"
	case n > 0 && n%1000 == 0:
		return strconv.Itoa(n/1000) + "k"
	}
	return strconv.Itoa(n)
}
