package app

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frontier/data"
	"frontier/data/synth"
)

// BenchmarkChangeShown measures what the user waits for after an event
// change: the change committed, the index reloaded and the window rebuilt
// on it with its first result (filter, table order, actor counts) in.
func BenchmarkChangeShown(b *testing.B) {
	for _, n := range synth.BenchSizes() {
		b.Run(synth.SizeName(n), func(b *testing.B) {
			dir := b.TempDir()
			csv := filepath.Join(dir, "events.csv")
			if err := synth.WriteFile(csv, n, 1); err != nil {
				b.Fatal(err)
			}
			store, err := data.Open(filepath.Join(dir, "bench.db"), data.Options{})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := store.ImportFile(context.Background(), csv, nil); err != nil {
				b.Fatal(err)
			}
			ix, err := data.LoadIndex(store)
			if err != nil {
				b.Fatal(err)
			}
			a := test.NewTempApp(b)
			q := &uiQueue{}
			postToUI = q.post
			defer func() { postToUI = fyne.Do }()
			w := a.NewWindow("bench")
			w.Resize(fyne.NewSize(1400, 900))
			s := &session{a: a, w: w, store: store, loaded: func(nu *mainUI) { queues[nu] = q }}
			s.open(ix)
			settle(s.ui)
			defer func() { s.close(); store.Close() }()
			id := s.ui.st.ix.ID[n/2]
			lat := 34.0
			b.ResetTimer()
			for b.Loop() {
				lat += 0.001
				start := time.Now()
				s.ui.runCuration(func(st *data.Store, _ *data.Index) (data.EventChange, error) {
					return st.MoveEventChange(id, lat, 71.5)
				}, nil, nil)
				settleSession(s.ui)
				b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms/change")
			}
		})
	}
}
