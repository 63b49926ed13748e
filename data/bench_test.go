package data

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
	"time"

	"frontier/data/synth"
)

// Benchmarks run at the sizes in $FRONTIER_BENCH_SIZES (comma-separated,
// default 100000,1000000) on generated ACLED files and stores, made once
// per size in synth's benchmark cache (shared by the packages' benchmarks
// during `make bench`).

func TestMain(m *testing.M) {
	code := m.Run()
	synth.BenchCleanup()
	os.Exit(code)
}

// benchCSV returns a generated ACLED CSV of n rows.
func benchCSV(b *testing.B, n int) string {
	p, err := synth.BenchFile(n)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// benchStore returns the path of a store holding n generated events; open
// it read-only.
func benchStore(b *testing.B, n int) string {
	p, err := synth.BenchStore(n, func(csv, store string) error {
		s, err := Open(store, Options{})
		if err != nil {
			return err
		}
		if _, err := s.ImportFile(context.Background(), csv, nil); err != nil {
			s.Close()
			return err
		}
		return s.Close()
	})
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkImport imports a generated ACLED CSV into a new store (target
// at 1M: ≤ 3.2 s, ten times faster than ogr2ogr's ~32 s), reporting rows
// a second, the CPU time used (all goroutines: on a busy machine a steadier
// figure than the wall time) and the import's peak heap and peak resident
// memory.
func BenchmarkImport(b *testing.B) {
	for _, n := range synth.BenchSizes() {
		b.Run(synth.SizeName(n), func(b *testing.B) {
			csv := benchCSV(b, n)
			dir := b.TempDir()
			var peak memPeak
			var cpu time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				w := watchMemory()
				cpu0 := processCPU()
				b.StartTimer()
				s, err := Open(filepath.Join(dir, fmt.Sprintf("s%d.db", i)), Options{})
				if err != nil {
					b.Fatal(err)
				}
				rep, err := s.ImportFile(context.Background(), csv, nil)
				if err != nil || rep.Added != n {
					b.Fatalf("import: %v, %+v", err, rep.Added)
				}
				s.Close()
				b.StopTimer()
				cpu += processCPU() - cpu0
				peak = peak.max(w.stop())
				os.Remove(filepath.Join(dir, fmt.Sprintf("s%d.db", i)))
				b.StartTimer()
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
			if cpu >= 0 {
				b.ReportMetric(cpu.Seconds()/float64(b.N), "s-cpu/op")
			}
			peak.report(b)
		})
	}
}

// BenchmarkOpen opens a store and loads its index (target at 1M: ≤ 1 s),
// reporting the live heap with the index loaded and the peak heap and
// peak resident memory of the load.
func BenchmarkOpen(b *testing.B) {
	for _, n := range synth.BenchSizes() {
		b.Run(synth.SizeName(n), func(b *testing.B) {
			path := benchStore(b, n)
			var live uint64
			var peak memPeak
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				w := watchMemory()
				b.StartTimer()
				s, err := Open(path, Options{ReadOnly: true})
				if err != nil {
					b.Fatal(err)
				}
				ix, err := LoadIndex(s)
				if err != nil || ix.Len() != n {
					b.Fatalf("load: %v", err)
				}
				b.StopTimer()
				peak = peak.max(w.stop())
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				live = ms.HeapAlloc
				runtime.KeepAlive(ix)
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(live)/(1<<20), "MB-live-heap")
			peak.report(b)
		})
	}
}

// memPeak is the most memory seen while a benchmark's operation ran.
type memPeak struct {
	heap uint64 // bytes of heap objects (live or not yet collected)
	rss  int64  // peak resident set, or -1 when it cannot be measured
}

func (p memPeak) max(q memPeak) memPeak {
	p.heap = max(p.heap, q.heap)
	if q.rss < 0 || p.rss < 0 {
		p.rss = -1
	} else {
		p.rss = max(p.rss, q.rss)
	}
	return p
}

// report adds the peak to the benchmark's metrics.
func (p memPeak) report(b *testing.B) {
	b.ReportMetric(float64(p.heap)/(1<<20), "MB-peak-heap")
	if p.rss > 0 {
		b.ReportMetric(float64(p.rss)/(1<<20), "MB-peak-rss")
	}
}

// memWatch samples the heap every millisecond until stopped.
type memWatch struct {
	done chan struct{}
	peak chan uint64
	rss  bool
}

// watchMemory starts measuring from a collected heap: the heap is sampled
// every millisecond, and the kernel's peak-resident mark (VmHWM) is reset
// through /proc/self/clear_refs, so that it covers only what follows.
func watchMemory() *memWatch {
	runtime.GC()
	debug.FreeOSMemory()
	w := &memWatch{done: make(chan struct{}), peak: make(chan uint64, 1)}
	w.rss = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
	go func() {
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		var peak uint64
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-w.done:
				w.peak <- peak
				return
			case <-t.C:
			}
		}
	}()
	return w
}

// stop ends the watch and returns the peaks.
func (w *memWatch) stop() memPeak {
	close(w.done)
	p := memPeak{heap: <-w.peak, rss: -1}
	if w.rss {
		p.rss = statusBytes("VmHWM:")
	}
	return p
}

// statusBytes returns a size field of /proc/self/status (Linux), such as
// "VmHWM:", in bytes, or -1.
func statusBytes(field string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == field {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			if err != nil {
				return -1
			}
			return kb * 1024
		}
	}
	return -1
}

// BenchmarkFilter filters by a one-year window plus the three busiest actors.
func BenchmarkFilter(b *testing.B) {
	for _, n := range synth.BenchSizes() {
		b.Run(synth.SizeName(n), func(b *testing.B) {
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
