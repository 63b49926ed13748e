package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"frontier/data"
)

// FuzzFindPlaces checks that any query typed into the place search gives
// well-formed hits: each with a title, gazetteer places with a bound,
// event places with locations that hold events, exact matches first.
func FuzzFindPlaces(f *testing.F) {
	for _, q := range []string{"Peshawar", "پشاور", "bajaur", "Mir", "k", " ", "Khar,", "ṭ", "\x00", "a b c", "Dera Ismail Khan"} {
		f.Add(q)
	}
	store, err := data.Open(filepath.Join(f.TempDir(), "fuzz.db"), data.Options{})
	if err != nil {
		f.Fatal(err)
	}
	defer store.Close()
	if _, err := store.ImportFile(context.Background(), filepath.Join("..", "data", "testdata", "curate_acled.csv"), nil); err != nil {
		f.Fatal(err)
	}
	ix, err := data.LoadIndex(store)
	if err != nil {
		f.Fatal(err)
	}
	ln, ep := newLocationNames(ix), loadEventPlaces(ix)
	f.Fuzz(func(t *testing.T, q string) {
		hits := findPlaces(q, ix, ln, ep)
		if strings.TrimSpace(q) == "" && len(hits) != 0 {
			t.Fatalf("blank query %q gave %d hits", q, len(hits))
		}
		exactDone := false
		for _, h := range hits {
			if h.title == "" || !utf8.ValidString(h.title) {
				t.Fatalf("hit without a title: %+v", h)
			}
			if !h.exact {
				exactDone = true
			} else if exactDone {
				t.Fatalf("exact hit %q after inexact ones", h.title)
			}
			switch h.kind {
			case hitPlace:
				if h.bounds.IsEmpty() && h.bounds.Min == h.bounds.Max {
					t.Fatalf("place %q without a bound", h.title)
				}
			default:
				if len(h.locs) == 0 || h.count == 0 || len(locationRows(ix, h.locs)) != h.count {
					t.Fatalf("event place %q: %d locations, count %d", h.title, len(h.locs), h.count)
				}
			}
		}
	})
}
