package brief

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"frontier/data"
	"frontier/data/synth"
)

// benchSource is a Source of n generated events in a temporary store.
func benchSource(b *testing.B, n int) *Source {
	b.Helper()
	dir := b.TempDir()
	csv := filepath.Join(dir, "events.csv")
	if err := synth.WriteFile(csv, n, 1); err != nil {
		b.Fatal(err)
	}
	store, err := data.Open(filepath.Join(dir, "bench.db"), data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	if _, err := store.ImportFile(context.Background(), csv, nil); err != nil {
		b.Fatal(err)
	}
	return loadSource(b, store)
}

// BenchmarkRenderView draws the whole frontier (every event, clustered)
// at Full HD and at 8K, as File → Export image… and render --view do: a
// fresh renderer each time (no cached tiles).
func BenchmarkRenderView(b *testing.B) {
	for _, n := range synth.BenchSizes() {
		src := benchSource(b, n)
		v := data.View{Title: "The frontier", CenterLon: 69.5, CenterLat: 32.5, Zoom: 5.5}
		for _, size := range [][2]int{{1920, 1080}, {7680, 4320}} {
			b.Run(fmt.Sprintf("%s/%dx%d", synth.SizeName(n), size[0], size[1]), func(b *testing.B) {
				for b.Loop() {
					if _, err := RenderView(src, v, ImageOptions{Width: size[0], Height: size[1]}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkAnimateGIF writes a year of weekly frames (53) at 1280×720 and
// reports frames a second.
func BenchmarkAnimateGIF(b *testing.B) {
	for _, n := range synth.BenchSizes() {
		src := benchSource(b, n)
		res, _ := src.Index.Filter(&data.Filter{})
		last := time.Unix(src.Index.Start[res.Rows[len(res.Rows)-1]], 0).UTC()
		opt := AnimOptions{View: data.View{Title: "A year"}, Fit: true, From: last.AddDate(-1, 0, 0), To: last,
			Step: Step{7, Days}, Width: 1280, Height: 720}
		out := filepath.Join(b.TempDir(), "a.gif")
		b.Run(synth.SizeName(n), func(b *testing.B) {
			frames := 0
			start := time.Now()
			for b.Loop() {
				k, err := Animate(context.Background(), src, opt, out, nil)
				if err != nil {
					b.Fatal(err)
				}
				frames += k
			}
			b.ReportMetric(float64(frames)/time.Since(start).Seconds(), "frames/s")
		})
	}
}
