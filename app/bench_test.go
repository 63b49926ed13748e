package app

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"frontier/data"
	"frontier/data/synth"
	"frontier/mapview"
	"frontier/timeline"
)

func TestMain(m *testing.M) {
	code := m.Run()
	synth.BenchCleanup()
	os.Exit(code)
}

// benchIndex returns the index of n generated events, from a store made
// once per size in synth's benchmark cache and opened read-only.
func benchIndex(b *testing.B, n int) *data.Index {
	b.Helper()
	path, err := synth.BenchStore(n, func(csv, store string) error {
		s, err := data.Open(store, data.Options{})
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
	store, err := data.Open(path, data.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	ix, err := data.LoadIndex(store)
	if err != nil {
		b.Fatal(err)
	}
	return ix
}

// BenchmarkSnapshot measures a worker's whole job: filter, count actors,
// sort the rows and order the actor list.
func BenchmarkSnapshot(b *testing.B) {
	for _, n := range synth.BenchSizes() {
		ix := benchIndex(b, n)
		st := newState(ix)
		some := []string{ix.Strings[st.all[0]], ix.Strings[st.all[len(st.all)/2]]}
		for _, bc := range []struct {
			name   string
			actors []string
			col    column
		}{
			{"all/date", nil, colDate},
			{"all/actors", nil, colActors},
			{"all/fatalities", nil, colFatalities},
			{"2actors/location", some, colLocation},
		} {
			b.Run(fmt.Sprintf("%s/%s", synth.SizeName(n), bc.name), func(b *testing.B) {
				st.sorter.ranks() // computed once per index, on first use
				for b.Loop() {
					j := job{ix: ix, sorter: st.sorter, all: st.all, filter: data.Filter{Actors: bc.actors}, sort: sortSpec{col: bc.col}}
					if _, err := j.run(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// monthWindow is a one-month time window in the middle of ix's events.
func monthWindow(ix *data.Index) data.Filter {
	mid := time.Unix(ix.Start[ix.Len()/2], 0).UTC()
	from := time.Date(mid.Year(), mid.Month(), 1, 0, 0, 0, 0, time.UTC)
	return data.Filter{From: from, To: from.AddDate(0, 1, -1)}
}

// BenchmarkBrushMove is what a brush move costs: the filter with the new
// window (target with the histogram ≤ 5 ms at 1M), the histogram of the
// untimed rows at month bins, and the whole snapshot job the app runs
// (filter, untimed rows for the timeline, table order, actor list).
func BenchmarkBrushMove(b *testing.B) {
	for _, n := range synth.BenchSizes() {
		ix := benchIndex(b, n)
		st := newState(ix)
		f := monthWindow(ix)
		all := make([]int32, ix.Len())
		for i := range all {
			all[i] = int32(i)
		}
		d := &timeline.Data{Index: ix, Rows: all}
		first, last := ix.Start[0], ix.Start[ix.Len()-1]
		var bld timeline.Builder
		bld.Build(d, timeline.Month, first, last) // series are chosen once per Data
		b.Run(synth.SizeName(n)+"/filter+histogram", func(b *testing.B) {
			i := int64(0)
			for b.Loop() {
				i++
				if _, err := ix.Filter(&f); err != nil {
					b.Fatal(err)
				}
				// A new range each time, so the builder cannot return its cache.
				bld.Build(d, timeline.Month, first-86400*(i%2), last)
			}
		})
		b.Run(synth.SizeName(n)+"/snapshot-job", func(b *testing.B) {
			st.sorter.ranks()
			// The snapshot on screen before the brush moved.
			j0 := job{ix: ix, sorter: st.sorter, all: st.all, filter: f, sort: sortSpec{col: colDate}}
			last, err := j0.run()
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				j := job{ix: ix, sorter: st.sorter, all: st.all, filter: f, sort: sortSpec{col: colDate}, last: &last}
				if _, err := j.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPlaybackStep is one playback step at 1920×1080: the filter for
// the moved window, the histogram, and the map's event layer (target
// ≤ 16 ms at 1M).
func BenchmarkPlaybackStep(b *testing.B) {
	for _, n := range synth.BenchSizes() {
		ix := benchIndex(b, n)
		f := monthWindow(ix)
		all := make([]int32, ix.Len())
		for i := range all {
			all[i] = int32(i)
		}
		d := &timeline.Data{Index: ix, Rows: all}
		first, last := ix.Start[0], ix.Start[ix.Len()-1]
		var bld timeline.Builder
		bld.Build(d, timeline.Month, first, last)
		r := mapview.NewRenderer(nil)
		var fr mapview.Frame
		x, y := data.Mercator(69, 31)
		v := mapview.Viewport{CenterX: x, CenterY: y, Zoom: 5.6, Width: 1920, Height: 1080}
		colors := mapview.ActorColors(ix)
		b.Run(synth.SizeName(n), func(b *testing.B) {
			i := int64(0)
			for b.Loop() {
				i++
				f.From = f.From.AddDate(0, 0, 7) // the window moves a week
				f.To = f.To.AddDate(0, 0, 7)
				res, err := ix.Filter(&f)
				if err != nil {
					b.Fatal(err)
				}
				bld.Build(d, timeline.Month, first-86400*(i%2), last)
				sc := &mapview.Scene{Index: ix, Rows: res.Rows, Colors: colors, Selected: -1, Hovered: -1,
					FadeFrom: f.From.Unix(), FadeTo: f.To.Unix()}
				r.Render(&fr, v, sc, mapview.Overlays{})
			}
		})
	}
}
