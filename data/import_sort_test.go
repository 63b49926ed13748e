package data

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortBySource checks sortBySource against the plain comparison of
// (source key, input position) on batches made to stress it: keys sharing
// long prefixes, keys that are prefixes of others, zero bytes (which the
// integer comparison pads with), repeats, and keys shorter than the
// common prefix plus 16.
func TestSortBySource(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 6))
	alphabet := []byte{0, 1, 2, '0', '5', '9', 'A', 'P', 0xff}
	randKey := func(prefix []byte) []byte {
		k := slices.Clone(prefix)
		for range r.IntN(24) {
			k = append(k, alphabet[r.IntN(len(alphabet))])
		}
		return k
	}
	var scratch []srcOrder
	var out []batchItem
	for trial := range 300 {
		prefix := []byte("ACLED\x00PAK\x01\x06")[:r.IntN(12)]
		n := 1 + r.IntN(300)
		items := make([]batchItem, n)
		for i := range items {
			var src []byte
			switch {
			case i > 0 && r.IntN(5) == 0: // a repeat, or a prefix of an earlier key
				prev := items[r.IntN(i)].src
				src = prev[:r.IntN(len(prev)+1)]
			default:
				src = randKey(prefix)
			}
			if r.IntN(40) == 0 {
				src = nil // shorter than the prefix
			}
			items[i] = batchItem{src: src, pos: i}
		}
		want := slices.Clone(items)
		slices.SortFunc(want, func(x, y batchItem) int {
			if c := bytes.Compare(x.src, y.src); c != 0 {
				return c
			}
			return x.pos - y.pos
		})
		out, scratch = sortBySource(items, out, scratch)
		if len(out) != len(want) {
			t.Fatalf("trial %d: %d items out of %d", trial, len(out), len(want))
		}
		for i := range want {
			if out[i].pos != want[i].pos {
				t.Fatalf("trial %d: item %d is %q (pos %d), want %q (pos %d)", trial, i, out[i].src, out[i].pos, want[i].src, want[i].pos)
			}
		}
	}
	if out, _ := sortBySource(nil, out, scratch); len(out) != 0 {
		t.Errorf("empty batch: %d items", len(out))
	}
}

// BenchmarkSortBySource sorts one batch of generated ACLED source keys.
func BenchmarkSortBySource(b *testing.B) {
	items := make([]batchItem, BatchSize)
	countries := []string{"PAK", "AFG", "IND", "IRN"}
	for i := range items {
		e := Event{Dataset: DatasetACLED, SourceID: fmt.Sprintf("%s%d", countries[i%4], 2_000_000-i*7%BatchSize)}
		items[i] = batchItem{src: appendSrcKey(nil, &e), pos: i}
	}
	var out []batchItem
	var scratch []srcOrder
	for b.Loop() {
		out, scratch = sortBySource(items, out, scratch)
	}
}
