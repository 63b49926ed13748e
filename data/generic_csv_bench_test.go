package data

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"frontier/data/synth"
)

// genericBenchCSV rewrites the generated ACLED file of n rows as a plain
// CSV: day-first numeric dates and other column names; byPlace drops the
// coordinates, so that the gazetteer places every row by its location.
func genericBenchCSV(b *testing.B, n int, byPlace bool) string {
	src := benchCSV(b, n)
	dst := filepath.Join(filepath.Dir(src), fmt.Sprintf("generic-%d-%v.csv", n, byPlace))
	if _, err := os.Stat(dst); err == nil {
		return dst
	}
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	defer out.Close()
	cr := csv.NewReader(bufio.NewReader(in))
	head, err := cr.Read()
	if err != nil {
		b.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	bw := bufio.NewWriterSize(out, 1<<20)
	w := csv.NewWriter(bw)
	names := []string{"ID", "Date", "Latitude", "Longitude", "Town", "Country", "Actor", "Type", "Deaths", "Notes"}
	from := []string{"event_id_cnty", "event_date", "latitude", "longitude", "location", "country", "actor1", "event_type", "fatalities", "notes"}
	if byPlace {
		names = append(names[:2], names[4:]...)
		from = append(from[:2], from[4:]...)
	}
	w.Write(names)
	rec := make([]string, len(from))
	for {
		r, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		for i, f := range from {
			rec[i] = r[col[f]]
		}
		if t, err := ParseDay(rec[1]); err == nil {
			rec[1] = t.Format("02/01/2006")
		}
		w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		b.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		b.Fatal(err)
	}
	return dst
}

// BenchmarkImportGenericCSV imports generated plain CSV files with the
// generic reader, reporting rows/s and the largest heap seen after a
// batch commit (the file is streamed, not held).
func BenchmarkImportGenericCSV(b *testing.B) {
	for _, byPlace := range []bool{false, true} {
		for _, n := range synth.BenchSizes() {
			name := synth.SizeName(n)
			if byPlace {
				name += "-gazetteer"
			}
			b.Run(name, func(b *testing.B) {
				path := genericBenchCSV(b, n, byPlace)
				st, err := os.Stat(path)
				if err != nil {
					b.Fatal(err)
				}
				dir := b.TempDir()
				var peak uint64
				progress := func(ImportReport) {
					var ms runtime.MemStats
					runtime.ReadMemStats(&ms)
					peak = max(peak, ms.HeapInuse)
				}
				var rep ImportReport
				b.ResetTimer()
				start := time.Now()
				for i := 0; i < b.N; i++ {
					s, err := Open(filepath.Join(dir, fmt.Sprintf("s%d.db", i)), Options{})
					if err != nil {
						b.Fatal(err)
					}
					rep, err = s.ImportCSVMapped(context.Background(), path, nil, progress)
					if err != nil || rep.Added == 0 {
						b.Fatalf("import: %v, %+v", err, rep.Added)
					}
					s.Close()
				}
				b.ReportMetric(float64(n)*float64(b.N)/time.Since(start).Seconds(), "rows/s")
				b.ReportMetric(float64(peak)/(1<<20), "MB-heap-peak")
				b.ReportMetric(float64(st.Size())/(1<<20), "MB-file")
				b.ReportMetric(float64(rep.Rejected), "rejected")
			})
		}
	}
}
