package data

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"
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

// TestPutOrder checks the put order (by start, then index) and the
// superseded marks on a batch with repeated source keys.
func TestPutOrder(t *testing.T) {
	items := []batchItem{
		{src: []byte("a"), start: 30}, {src: []byte("b"), start: 10}, {src: []byte("b"), start: 20},
		{src: []byte("c"), start: 10}, {src: []byte("d"), start: -5}, {src: []byte("d"), start: 30}, {src: []byte("d"), start: 0},
	}
	order, _ := putOrder(items, nil)
	if want := []int32{4, 6, 1, 3, 2, 0, 5}; !slices.Equal(order, want) {
		t.Errorf("order %v, want %v", order, want)
	}
	var superseded []int
	for i, it := range items {
		if it.superseded {
			superseded = append(superseded, i)
		}
	}
	if want := []int{1, 4, 5}; !slices.Equal(superseded, want) {
		t.Errorf("superseded %v, want %v", superseded, want)
	}
}

// TestAscendingLookup looks up, in ascending order, keys before, between,
// at and after the keys of a real bbolt bucket, and compares each answer
// with Bucket.Get.
func TestAscendingLookup(t *testing.T) {
	db, err := bolt.Open(filepath.Join(t.TempDir(), "l.db"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r := rand.New(rand.NewPCG(3, 4))
	stored := map[string]bool{}
	err = db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("b"))
		if err != nil {
			return err
		}
		for range 5000 { // enough for a tree of several levels
			k := fmt.Sprintf("K%06d", 2*r.IntN(100000))
			stored[k] = true
			if err := b.Put([]byte(k), []byte("v"+k)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for trial := range 20 {
		var sought []string
		for range 1 + r.IntN(3000) {
			sought = append(sought, fmt.Sprintf("K%06d", r.IntN(200010)))
		}
		if trial == 0 {
			sought = append(sought, "A", "K", "Z", "K999999")
		}
		slices.Sort(sought)
		db.View(func(tx *bolt.Tx) error {
			b := tx.Bucket([]byte("b"))
			l := ascendingLookup{c: b.Cursor()}
			hits := 0
			for _, k := range sought {
				got, want := l.get([]byte(k)), b.Get([]byte(k))
				if !bytes.Equal(got, want) || (got == nil) != (want == nil) {
					t.Fatalf("trial %d: get(%s) = %q, Bucket.Get %q", trial, k, got, want)
				}
				if got != nil {
					hits++
				}
			}
			if trial == 0 && hits == 0 {
				t.Error("no key sought was stored: the test checks only misses")
			}
			return nil
		})
	}
}
