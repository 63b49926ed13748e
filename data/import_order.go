package data

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// How a batch is ordered on its way into the store. The reader sorts it
// by source key (sortBySource) and works out the order its new events go
// into the events bucket (putOrder); the writer looks the source keys up
// in that ascending order (ascendingLookup). Profiles of a 1M-row import
// showed the sorts and lookups going through bytes.Compare on keys that
// all start alike; now they compare integers, and the writer, the stage
// that bounds an import on two CPUs, does as little of it as it can.

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

// startOrder is an item's record for putOrder's sort.
type startOrder struct {
	start int64
	i     int32
}

// putOrder returns the indexes of items (sorted by source key) in the
// order of their event keys when the events are new: by start, then by
// index, since new events get increasing IDs in source-key order. The
// writer puts a batch in event-key order; taking this order from the
// reader leaves it only events that already existed to sort. It also
// marks the items superseded by a later one with the same source key.
func putOrder(items []batchItem, scratch []startOrder) ([]int32, []startOrder) {
	scratch = slices.Grow(scratch[:0], len(items))
	for i := range items {
		items[i].superseded = i+1 < len(items) && bytes.Equal(items[i+1].src, items[i].src)
		scratch = append(scratch, startOrder{items[i].start, int32(i)})
	}
	slices.SortFunc(scratch, func(x, y startOrder) int {
		if c := cmp.Compare(x.start, y.start); c != 0 {
			return c
		}
		return cmp.Compare(x.i, y.i)
	})
	order := make([]int32, len(scratch))
	for j, o := range scratch {
		order[j] = o.i
	}
	return order, scratch
}

// ascendingLookup looks up keys in ascending order with one cursor,
// seeking only when the key sought is past the cursor's: after a seek the
// cursor is at the first key at or after the one sought, so every key
// before that one is known to be absent. A batch's new source IDs mostly
// fall between two stored ones (or after the last), so most lookups cost
// a comparison instead of a descent of the tree. The bucket must not
// change while it is used.
type ascendingLookup struct {
	c      *bolt.Cursor
	k, v   []byte // the cursor's key and value; k nil past the last key
	sought bool   // whether the cursor has been placed yet
}

// get returns the value of key, or nil; keys must come in ascending order.
func (l *ascendingLookup) get(key []byte) []byte {
	if !l.sought || (l.k != nil && bytes.Compare(l.k, key) < 0) {
		l.k, l.v = l.c.Seek(key)
		l.sought = true
	}
	if l.k != nil && bytes.Equal(l.k, key) {
		return l.v
	}
	return nil
}
