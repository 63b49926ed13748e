package data

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"frontier/data/synth"
)

// Benchmarks run at the sizes in $FRONTIER_BENCH_SIZES (comma-separated,
// default 100000,1000000) on generated ACLED files, cached per process.

var (
	benchDir     string
	benchDirOnce sync.Once
	benchFiles   = map[int]string{}
	benchStores  = map[int]string{}
	benchMu      sync.Mutex
)

func sizeName(n int) string {
	if n%1000000 == 0 {
		return fmt.Sprintf("%dM", n/1000000)
	}
	if n%1000 == 0 {
		return fmt.Sprintf("%dk", n/1000)
	}
	return strconv.Itoa(n)
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// benchCSV returns a generated ACLED CSV of n rows.
func benchCSV(b *testing.B, n int) string {
	benchMu.Lock()
	defer benchMu.Unlock()
	benchDirOnce.Do(func() {
		var err error
		if benchDir, err = os.MkdirTemp("", "frontier-bench-"); err != nil {
			b.Fatal(err)
		}
	})
	if p, ok := benchFiles[n]; ok {
		return p
	}
	p := filepath.Join(benchDir, fmt.Sprintf("acled-%d.csv", n))
	if err := synth.WriteFile(p, n, 1); err != nil {
		b.Fatal(err)
	}
	benchFiles[n] = p
	return p
}

// benchStore returns the path of a store holding n generated events.
func benchStore(b *testing.B, n int) string {
	csv := benchCSV(b, n)
	benchMu.Lock()
	defer benchMu.Unlock()
	if p, ok := benchStores[n]; ok {
		return p
	}
	p := filepath.Join(benchDir, fmt.Sprintf("store-%d.db", n))
	s, err := Open(p, Options{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.ImportFile(context.Background(), csv, nil); err != nil {
		b.Fatal(err)
	}
	s.Close()
	benchStores[n] = p
	return p
}

func BenchmarkImport(b *testing.B) {
	for _, n := range synth.BenchSizes() {
		b.Run(sizeName(n), func(b *testing.B) {
			csv := benchCSV(b, n)
			dir := b.TempDir()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				s, err := Open(filepath.Join(dir, fmt.Sprintf("s%d.db", i)), Options{})
				if err != nil {
					b.Fatal(err)
				}
				rep, err := s.ImportFile(context.Background(), csv, nil)
				if err != nil || rep.Added != n {
					b.Fatalf("import: %v, %+v", err, rep.Added)
				}
				s.Close()
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

func BenchmarkOpen(b *testing.B) {
	for _, n := range synth.BenchSizes() {
		b.Run(sizeName(n), func(b *testing.B) {
			path := benchStore(b, n)
			var heap uint64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				s, err := Open(path, Options{ReadOnly: true})
				if err != nil {
					b.Fatal(err)
				}
				ix, err := LoadIndex(s)
				if err != nil || ix.Len() != n {
					b.Fatalf("load: %v", err)
				}
				b.StopTimer()
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				heap = ms.HeapInuse
				runtime.KeepAlive(ix)
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(heap)/(1<<20), "MB-heap")
			b.ReportMetric(float64(rssBytes())/(1<<20), "MB-rss")
		})
	}
}

// rssBytes returns the process's resident set size (Linux), or 0.
func rssBytes() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb * 1024
		}
	}
	return 0
}

// BenchmarkFilter filters by a one-year window plus the three busiest actors.
func BenchmarkFilter(b *testing.B) {
	for _, n := range synth.BenchSizes() {
		b.Run(sizeName(n), func(b *testing.B) {
			s, err := Open(benchStore(b, n), Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			ix, err := LoadIndex(s)
			if err != nil {
				b.Fatal(err)
			}
			all, _ := ix.Filter(&Filter{})
			f := &Filter{
				From:   time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
				To:     time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC),
				Actors: topActors(ix, all.ActorCounts, 3),
			}
			if _, err := ix.Filter(f); err != nil { // warm up: builds the name lookup once
				b.Fatal(err)
			}
			b.ResetTimer()
			var rows int
			for i := 0; i < b.N; i++ {
				res, err := ix.Filter(f)
				if err != nil {
					b.Fatal(err)
				}
				rows = len(res.Rows)
			}
			b.ReportMetric(float64(rows), "rows")
		})
	}
}

func topActors(ix *Index, counts []int32, k int) []string {
	var out []string
	used := map[int]bool{}
	for len(out) < k {
		best := -1
		for id, c := range counts {
			if !used[id] && c > 0 && (best < 0 || c > counts[best]) {
				best = id
			}
		}
		if best < 0 {
			break
		}
		used[best] = true
		out = append(out, ix.Strings[best])
	}
	return out
}
