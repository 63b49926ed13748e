package data

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// An import runs as two goroutines: the reader parses rows, validates,
// interns and encodes them, and sorts each batch by source key; the writer
// (the caller of Import) only looks up, compares and puts, one transaction
// per batch.

// importChunk is one batch of prepared rows on its way to the writer.
type importChunk struct {
	items          []batchItem
	putOrder       []int32      // items' indexes in event-key order (see putOrder)
	strings        []dictEntry  // staged strings the items use
	actors         []actorEntry // actors seen for the first time
	rows, rejected int
	errors         []RowError
	lastLine       int
	final          bool
	warnings       []string // with final: the source's warnings
	err            error    // with final: why reading stopped early
	arena          []byte   // backing store of the items' values
}

// batchItem is one encoded event ready to upsert.
type batchItem struct {
	src   []byte // dataset, NUL, source ID
	start int64  // Unix seconds of the event's start
	val   []byte // encoded record
	pos   int    // input order within the batch
	// superseded: a later row of the batch has the same source key.
	superseded bool
}

// actorEntry is an actor's dictionary ID and first-seen record.
type actorEntry struct {
	id  uint32
	val []byte
}

// chunkBuilder prepares rows on the reader goroutine.
type chunkBuilder struct {
	// free returns arenas of committed chunks for reuse.
	free       chan []byte
	in         *interner
	actorsSeen map[uint32]bool
	arena      []byte
	spans      [][2]int // arena offsets of each item's value
	c          importChunk
	// unsorted holds the items as they are added; finish sorts them into
	// a new slice for the chunk, so this one is reused.
	unsorted []batchItem
	order    []srcOrder   // sortBySource's scratch
	starts   []startOrder // putOrder's scratch
}

func (b *chunkBuilder) reset() {
	if b.unsorted == nil {
		b.unsorted = make([]batchItem, 0, BatchSize)
	}
	b.c = importChunk{items: b.unsorted[:0]}
	select {
	case a := <-b.free:
		b.arena = a[:0]
	default:
		b.arena = make([]byte, 0, BatchSize*512)
	}
	b.spans = b.spans[:0]
}

func (b *chunkBuilder) reject(e RowError) {
	b.c.rejected++
	if len(b.c.errors) < MaxReportErrors {
		b.c.errors = append(b.c.errors, e)
	}
}

// add encodes e into the chunk.
func (b *chunkBuilder) add(e *Event) error {
	off := len(b.arena)
	var err error
	if b.arena, err = encodeEvent(b.arena, e, b.in); err != nil {
		return err
	}
	b.spans = append(b.spans, [2]int{off, len(b.arena)})
	// The source key lives in the arena too, after the value.
	b.arena = appendSrcKey(b.arena, e)
	b.spans = append(b.spans, [2]int{b.spans[len(b.spans)-1][1], len(b.arena)})
	b.c.items = append(b.c.items, batchItem{start: e.Date.Unix(), pos: len(b.c.items)})
	return b.noteActors(e)
}

// noteActors queues a record for each actor this import has not seen yet,
// typed by its inter code; the writer stores it unless the actor exists.
func (b *chunkBuilder) noteActors(e *Event) error {
	note := func(name, inter string) error {
		id, err := b.in.intern(name)
		if err != nil || b.actorsSeen[id] {
			return err
		}
		b.actorsSeen[id] = true
		b.c.actors = append(b.c.actors, actorEntry{id, encodeActor(Actor{Type: InterName(inter)})})
		return nil
	}
	return e.eachActorInter(note)
}

// finish slices the values out of the arena, sorts the items by source key
// (input order among repeats, so the last occurrence wins) and returns the
// chunk.
func (b *chunkBuilder) finish() importChunk {
	for i := range b.c.items {
		v, k := b.spans[2*i], b.spans[2*i+1]
		b.c.items[i].val = b.arena[v[0]:v[1]:v[1]]
		b.c.items[i].src = b.arena[k[0]:k[1]:k[1]]
	}
	b.unsorted = b.c.items
	b.c.items, b.order = sortBySource(b.c.items, make([]batchItem, 0, len(b.c.items)), b.order)
	b.c.putOrder, b.starts = putOrder(b.c.items, b.starts)
	b.c.strings = b.in.take()
	b.c.arena = b.arena
	c := b.c
	b.reset()
	return c
}

// readChunks parses src into chunks of up to BatchSize events; the last
// chunk is marked final. It closes out when done.
func (s *Store) readChunks(ctx context.Context, src EventSource, out chan<- importChunk, free chan []byte) {
	defer close(out)
	b := &chunkBuilder{free: free, in: s.newInterner(), actorsSeen: map[uint32]bool{}}
	b.reset()
	// The source is read on a goroutine of its own (see startPrefetch);
	// it is stopped, and no longer uses src, before the final chunk goes.
	pf := startPrefetch(ctx, src)
	defer pf.stop()
	// send hands the chunk being built to the writer. If ctx ends first the
	// chunk still goes, marked final with the context's error, so the
	// import ends with a cancelled record rather than silently: the writer
	// ranges over out until it is closed (draining it after a failure), so
	// the send completes.
	send := func(final bool, err error) (more bool) {
		if final {
			pf.stop()
		}
		b.c.final, b.c.err = final, err
		if w, ok := src.(interface{ Warnings() []string }); ok && final {
			b.c.warnings = w.Warnings()
		}
		c := b.finish()
		if final {
			out <- c
			return false
		}
		select {
		case out <- c:
			return true
		case <-ctx.Done():
			pf.stop()
			c.final, c.err = true, ctx.Err()
			out <- c
			return false
		}
	}
	stop := func(err error) { send(true, err) }
	for n := 0; ; {
		g := pf.next()
		if g == nil { // the prefetcher saw ctx end
			err := ctx.Err()
			if err == nil {
				err = errors.New("the source stopped without finishing")
			}
			stop(err)
			return
		}
		for i := range g {
			if n++; n%1024 == 0 && ctx.Err() != nil {
				stop(ctx.Err())
				return
			}
			if !b.take(&g[i], send, stop) {
				return
			}
		}
		pf.recycle(g)
	}
}

// take adds one result of the source to the chunk being built, sending
// the chunk when it is full; false means reading has ended.
func (b *chunkBuilder) take(r *sourced, send func(final bool, err error) bool, stop func(error)) bool {
	if r.line > 0 {
		b.c.lastLine = r.line
	}
	var rowErr *RowError
	switch {
	case errors.Is(r.err, io.EOF):
		stop(nil)
		return false
	case errors.As(r.err, &rowErr):
		b.c.rows++
		b.reject(*rowErr)
		return true
	case r.err != nil:
		stop(r.err)
		return false
	}
	b.c.rows++
	if verr := r.ev.Validate(); verr != nil {
		b.reject(RowError{Line: r.line, Reason: verr.Error()})
		return true
	}
	if err := b.add(&r.ev); err != nil {
		stop(err)
		return false
	}
	return len(b.c.items) < BatchSize || send(false, nil)
}

// commitChunk writes a chunk and the import record in one transaction. The
// report is updated only when the transaction commits.
func (s *Store) commitChunk(rep *ImportReport, c importChunk, status string) error {
	next := *rep
	next.Errors = slices.Clone(rep.Errors)
	next.Rows += c.rows
	next.Rejected += c.rejected
	for _, e := range c.errors {
		if len(next.Errors) < MaxReportErrors {
			next.Errors = append(next.Errors, e)
		}
	}
	if c.lastLine > 0 {
		next.LastLine = c.lastLine
	}
	if c.warnings != nil {
		next.Warnings = c.warnings
	}
	if status != StatusRunning {
		next.Status = status
		next.Finished = time.Now().UTC()
	}
	var size int64
	err := s.db.Update(func(tx *bolt.Tx) error {
		size = tx.Size()
		if err := putStrings(tx, c.strings); err != nil {
			return err
		}
		if err := putActors(tx, c.actors); err != nil {
			return err
		}
		if err := writeBatch(tx, c.items, c.putOrder, &next); err != nil {
			return err
		}
		if status != StatusRunning {
			if n := countConflicts(tx, next.ID); n > 0 {
				next.Warnings = append(slices.Clip(next.Warnings), fmt.Sprintf(
					"%d rows were kept as edited or deleted locally; the incoming rows wait as conflicts (frontier events conflicts)", n))
			}
		}
		return putImport(tx.Bucket(bucketImports), &next)
	})
	if err != nil {
		return err
	}
	*rep = next
	s.markDurable(c.strings)
	// The lookups fault in pages of the mapping; give them back so an
	// import's resident memory stays bounded by the batch, not the file.
	adviseMapping(s.db, size, adviseRelease)
	adviseMapping(s.db, size, adviseRandom)
	return nil
}

// putActors stores first-seen actor records for actors not yet known.
func putActors(tx *bolt.Tx, actors []actorEntry) error {
	b := tx.Bucket(bucketActors)
	var k [4]byte
	for _, a := range actors {
		binary.BigEndian.PutUint32(k[:], a.id)
		if b.Get(k[:]) != nil {
			continue
		}
		if err := b.Put(k[:], a.val); err != nil {
			return err
		}
	}
	return nil
}

// appendSrcKey appends the srcids key of an event: dataset, NUL, then the
// source ID in natural order (see appendNatural).
func appendSrcKey(dst []byte, e *Event) []byte {
	dst = append(dst, e.Dataset...)
	dst = append(dst, 0)
	return appendNatural(dst, e.SourceID)
}

// appendNatural appends a key for s that sorts digit runs by their numeric
// value: each run becomes 0x01, its length, its digits; other bytes stay,
// except that 0x00–0x02 are escaped as 0x02 and the byte. The encoding is
// injective, which is all a lookup key needs.
//
// Source IDs are often a prefix and an unpadded counter (ACLED's PAK9999,
// PAK10000). Byte order interleaves those counters' lengths, so importing
// a date-sorted export would scatter its IDs over the whole index — a
// random insert per row, each batch rewriting most of the index's pages.
// In natural order consecutive IDs are neighbours and each batch appends
// to a few places.
func appendNatural(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < '0' || c > '9' {
			if c <= 2 {
				dst = append(dst, 2)
			}
			dst = append(dst, c)
			i++
			continue
		}
		j := i
		for j < len(s) && j-i < 255 && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		dst = append(dst, 1, byte(j-i))
		dst = append(dst, s[i:j]...)
		i = j
	}
	return dst
}

type pendingPut struct {
	key, val []byte
}

// writeBatch upserts the sorted items inside tx and counts the outcome in
// rep: new source keys are added, changed records replace the old ones
// (moving when the date changed), identical ones are left alone. order is
// putOrder(items): the events are put in that order, sorted again only
// when events that already existed broke it.
func writeBatch(tx *bolt.Tx, items []batchItem, order []int32, rep *ImportReport) error {
	events, srcids := tx.Bucket(bucketEvents), tx.Bucket(bucketSrcIDs)
	// Imports arrive as runs of sorted keys (time order, ascending or
	// descending); packing pages full halves the file and the write volume.
	events.FillPercent, srcids.FillPercent = 1.0, 1.0
	srcPuts := make([]pendingPut, 0, len(items))
	// One cursor per bucket for the lookups: Bucket.Get makes a new cursor
	// (and allocates its stack) on every call.
	srcs := ascendingLookup{c: srcids.Cursor()}
	evCur := events.Cursor()
	keys := make([]byte, 16*len(items)) // one allocation for the batch's keys
	put := make([]bool, len(items))     // items whose event is put
	// Local edits win over incoming rows; added IDs are recorded per import.
	guard := newLocalGuard(tx, rep.ID)
	var firstAdded, lastAdded uint64
	for i, it := range items {
		if it.superseded {
			rep.Unchanged++ // superseded by a later row of the same batch
			continue
		}
		old := srcs.get(it.src)
		var id uint64
		if old != nil {
			_, id = keyParts(old)
		} else {
			var err error
			if id, err = events.NextSequence(); err != nil {
				return err
			}
		}
		key := keys[16*i : 16*i+16 : 16*i+16]
		putEventKey(key, it.start, id)
		var cur []byte
		if old != nil {
			if k, v := evCur.Seek(old); bytes.Equal(k, old) {
				cur = v
			}
		}
		switch {
		case old == nil:
			rep.Added++
			srcPuts = append(srcPuts, pendingPut{it.src, key})
			if firstAdded == 0 {
				firstAdded = id
			}
			lastAdded = id
		case bytes.Equal(old, key) && bytes.Equal(cur, it.val):
			rep.Unchanged++
			continue
		case olderRevision(it.val, cur):
			rep.Unchanged++ // the store holds a later revision of this event
			continue
		default:
			if protected, err := guard.check(id, it.val); err != nil {
				return err
			} else if protected {
				rep.Unchanged++ // the local version stays; see Store.Conflicts
				continue
			}
			rep.Updated++
			if !bytes.Equal(old, key) {
				if err := events.Delete(old); err != nil {
					return err
				}
				srcPuts = append(srcPuts, pendingPut{it.src, key})
			}
		}
		put[i] = true
	}
	puts := make([]pendingPut, 0, len(items))
	for _, i := range order {
		if put[i] {
			puts = append(puts, pendingPut{keys[16*i : 16*i+16], items[i].val})
		}
	}
	// New events are in key order already; updated ones keep their IDs and
	// may not be. Event keys are 16 bytes, two big-endian integers:
	// comparing those is several times cheaper than bytes.Compare.
	byKey := func(a, b pendingPut) int {
		if c := cmp.Compare(binary.BigEndian.Uint64(a.key), binary.BigEndian.Uint64(b.key)); c != 0 {
			return c
		}
		return cmp.Compare(binary.BigEndian.Uint64(a.key[8:]), binary.BigEndian.Uint64(b.key[8:]))
	}
	if !slices.IsSortedFunc(puts, byKey) {
		slices.SortFunc(puts, byKey)
	}
	for _, p := range puts {
		if err := events.Put(p.key, p.val); err != nil {
			return err
		}
	}
	for _, p := range srcPuts { // already in source-key order
		if err := srcids.Put(p.key, p.val); err != nil {
			return err
		}
	}
	if b := tx.Bucket(bucketImportIDs); b != nil && lastAdded != 0 {
		return putImportRange(b, rep.ID, firstAdded, lastAdded)
	}
	return nil
}

// olderRevision reports whether the encoded record val was last updated
// (by its source) before the stored record cur. Unknown times never count
// as older.
func olderRevision(val, cur []byte) bool {
	if len(val) < hotSize || len(cur) < hotSize {
		return false
	}
	a := int64(binary.LittleEndian.Uint64(val[offUpdated:]))
	b := int64(binary.LittleEndian.Uint64(cur[offUpdated:]))
	return a != 0 && b != 0 && a < b
}
