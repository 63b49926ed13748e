package data

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"slices"
)

// Sorting a batch by source key was an eighth of the import reader's time:
// every comparison of two keys went through bytes.Compare, and every key of
// a batch starts with the same bytes (the dataset, and mostly a country
// prefix). sortBySource compares the 16 bytes after the batch's common
// prefix as two integers instead and falls back to the whole keys only on
// a tie, and it swaps small index records instead of whole items.

// srcOrder is an item's sort record: the 16 bytes of its source key after
// the batch's common prefix (zero-padded, big-endian) and its index.
type srcOrder struct {
	hi, lo uint64
	i      int32
}

// sortBySource sorts items by source key, and by input position (pos)
// among equal keys, exactly as comparing (src, pos) would. It returns the
// sorted items in out (reused when big enough) and the scratch slice for
// the next call.
func sortBySource(items, out []batchItem, scratch []srcOrder) ([]batchItem, []srcOrder) {
	if len(items) == 0 {
		return out[:0], scratch
	}
	prefix := len(items[0].src)
	first := items[0].src
	for _, it := range items[1:] {
		n := min(prefix, len(it.src))
		j := 0
		for j < n && it.src[j] == first[j] {
			j++
		}
		prefix = j
	}
	scratch = slices.Grow(scratch[:0], len(items))
	for i, it := range items {
		scratch = append(scratch, srcOrder{hi: be64At(it.src, prefix), lo: be64At(it.src, prefix+8), i: int32(i)})
	}
	slices.SortFunc(scratch, func(x, y srcOrder) int {
		if c := cmp.Compare(x.hi, y.hi); c != 0 {
			return c
		}
		if c := cmp.Compare(x.lo, y.lo); c != 0 {
			return c
		}
		a, b := &items[x.i], &items[y.i]
		if c := bytes.Compare(a.src[min(prefix+16, len(a.src)):], b.src[min(prefix+16, len(b.src)):]); c != 0 {
			// The first 16 bytes after the prefix are equal up to their
			// zero padding: the rest decides, and a shorter key sorts first
			// when one is a prefix of the other.
			return c
		}
		if c := cmp.Compare(len(a.src), len(b.src)); c != 0 {
			return c
		}
		return a.pos - b.pos
	})
	out = slices.Grow(out[:0], len(items))
	for _, o := range scratch {
		out = append(out, items[o.i])
	}
	return out, scratch
}

// be64At reads 8 bytes of b from off as a big-endian integer, padding
// with zero bytes past the end of b.
func be64At(b []byte, off int) uint64 {
	if off+8 <= len(b) {
		return binary.BigEndian.Uint64(b[off:])
	}
	var buf [8]byte
	if off < len(b) {
		copy(buf[:], b[off:])
	}
	return binary.BigEndian.Uint64(buf[:])
}
