package app

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"frontier/data"
	"frontier/data/synth"
)

// benchIndex returns an index of n generated events in a temporary store.
func benchIndex(b *testing.B, n int) *data.Index {
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
			b.Run(fmt.Sprintf("%d/%s", n, bc.name), func(b *testing.B) {
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
