package data

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// BatchSize is how many rows an import commits per transaction.
const BatchSize = 50000

// MaxReportErrors caps the row errors kept in a report; Rejected still
// counts them all.
const MaxReportErrors = 1000

// RowError says why one input row was rejected.
type RowError struct {
	// Line is the 1-based line (or feature number) where the row starts.
	Line int `json:"line"`
	// Field names the offending column, when one is to blame.
	Field string `json:"field,omitempty"`
	// Reason is a sentence for the user.
	Reason string `json:"reason"`
}

// Error formats the row error as "line N: field: reason".
func (e *RowError) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("line %d: %s: %s", e.Line, e.Field, e.Reason)
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Reason)
}

// Import statuses.
const (
	StatusRunning   = "running"
	StatusDone      = "done"
	StatusFailed    = "failed"
	StatusCancelled = "cancelled"
)

// ImportReport tells what an import did with each row. It is kept in the
// store as the import record and updated with every committed batch, so
// after a crash it says how far the import got.
type ImportReport struct {
	ID        uint64     `json:"id"`
	File      string     `json:"file"`
	Format    string     `json:"format"`
	Started   time.Time  `json:"started"`
	Finished  time.Time  `json:"finished,omitzero"`
	Status    string     `json:"status"`
	Rows      int        `json:"rows"`
	LastLine  int        `json:"last_line"`
	Added     int        `json:"added"`
	Updated   int        `json:"updated"`
	Unchanged int        `json:"unchanged"`
	Rejected  int        `json:"rejected"`
	Errors    []RowError `json:"errors"`
}

// EventSource yields the events of one input file.
type EventSource interface {
	// Next returns the next event and the line it started on. A rejected
	// row comes back as a *RowError (the import goes on); io.EOF ends the
	// input; any other error aborts the import.
	Next() (*Event, int, error)
	// Format names the input format, e.g. "acled".
	Format() string
}

// Import reads src to the end and upserts its events by (dataset, source
// event ID), committing every BatchSize rows together with the import
// record. Re-importing the same rows changes nothing. progress, when not
// nil, is called after each commit. Cancelling ctx stops at the next batch
// boundary; what was committed stays, and importing again completes it.
func (s *Store) Import(ctx context.Context, file string, src EventSource, progress func(ImportReport)) (ImportReport, error) {
	rep := ImportReport{File: file, Format: src.Format(), Started: time.Now().UTC(), Status: StatusRunning, Errors: []RowError{}}
	if err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketImports)
		id, err := b.NextSequence()
		if err != nil {
			return err
		}
		rep.ID = id
		return putImport(b, &rep)
	}); err != nil {
		return rep, fmt.Errorf("import %s: start record: %w", file, err)
	}
	// Parsing runs on its own goroutine, one batch ahead of the writer.
	readCtx, stopReading := context.WithCancel(ctx)
	defer stopReading()
	chunks := make(chan importChunk, 1)
	go readChunks(readCtx, src, chunks)
	for c := range chunks {
		rep.Rows += c.rows
		rep.Rejected += c.rejected
		for _, e := range c.errors {
			if len(rep.Errors) < MaxReportErrors {
				rep.Errors = append(rep.Errors, e)
			}
		}
		if c.lastLine > 0 {
			rep.LastLine = c.lastLine
		}
		status := StatusRunning
		switch {
		case !c.final:
		case c.err == nil:
			status = StatusDone
		case errors.Is(c.err, context.Canceled) || errors.Is(c.err, context.DeadlineExceeded):
			status = StatusCancelled
		default:
			status = StatusFailed
		}
		if err := s.commitChunk(&rep, c.items, status); err != nil {
			stopReading()
			for range chunks { // let the reader finish
			}
			return rep, fmt.Errorf("import %s line %d: commit: %w", file, rep.LastLine, err)
		}
		if progress != nil {
			progress(rep)
		}
		if c.final && c.err != nil {
			return rep, fmt.Errorf("import %s line %d: %w", file, rep.LastLine, c.err)
		}
	}
	return rep, nil
}

// importChunk is one batch of parsed rows on its way to the writer.
type importChunk struct {
	events         []*Event
	items          []batchItem
	rows, rejected int
	errors         []RowError
	lastLine       int
	final          bool
	err            error // with final: why reading stopped early
}

// readChunks parses src into chunks of up to BatchSize events; the last
// chunk is marked final. It closes out when done.
func readChunks(ctx context.Context, src EventSource, out chan<- importChunk) {
	defer close(out)
	c := importChunk{events: make([]*Event, 0, BatchSize)}
	send := func() bool {
		c.items, c.events = sortBatch(c.events), nil
		select {
		case out <- c:
			c = importChunk{events: make([]*Event, 0, BatchSize)}
			return true
		case <-ctx.Done():
			return false
		}
	}
	reject := func(e RowError) {
		c.rejected++
		if len(c.errors) < MaxReportErrors {
			c.errors = append(c.errors, e)
		}
	}
	for n := 0; ; n++ {
		if n%1024 == 0 && ctx.Err() != nil {
			c.final, c.err = true, ctx.Err()
			c.items, c.events = sortBatch(c.events), nil
			out <- c // the writer is still ranging unless it failed, and then out is buffered
			return
		}
		ev, line, err := src.Next()
		if line > 0 {
			c.lastLine = line
		}
		var rowErr *RowError
		switch {
		case errors.Is(err, io.EOF):
			c.final = true
			send()
			return
		case errors.As(err, &rowErr):
			c.rows++
			reject(*rowErr)
			continue
		case err != nil:
			c.final, c.err = true, err
			send()
			return
		}
		c.rows++
		if verr := ev.Validate(); verr != nil {
			reject(RowError{Line: line, Reason: verr.Error()})
			continue
		}
		c.events = append(c.events, ev)
		if len(c.events) >= BatchSize && !send() {
			return
		}
	}
}

// commitChunk writes events and the import record in one transaction.
func (s *Store) commitChunk(rep *ImportReport, items []batchItem, status string) error {
	if status != StatusRunning {
		rep.Status = status
		rep.Finished = time.Now().UTC()
	}
	var in *txInterner
	err := s.db.Update(func(tx *bolt.Tx) error {
		in = s.newInterner(tx)
		if err := s.writeBatch(tx, in, items, rep); err != nil {
			return err
		}
		return putImport(tx.Bucket(bucketImports), rep)
	})
	if err != nil {
		return err
	}
	in.commit()
	return nil
}

func putImport(b *bolt.Bucket, rep *ImportReport) error {
	v, err := json.Marshal(rep)
	if err != nil {
		return err
	}
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], rep.ID)
	return b.Put(k[:], v)
}

// Imports returns the import history, oldest first.
func (s *Store) Imports() ([]ImportReport, error) {
	var out []ImportReport
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketImports).ForEach(func(_, v []byte) error {
			var r ImportReport
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("import record: %w", err)
			}
			out = append(out, r)
			return nil
		})
	})
	return out, err
}

// srcKey is the srcids key of an event: dataset, NUL, source ID.
func srcKey(e *Event) []byte {
	k := make([]byte, 0, len(e.Dataset)+1+len(e.SourceID))
	k = append(k, e.Dataset...)
	k = append(k, 0)
	return append(k, e.SourceID...)
}

type pendingPut struct {
	key, val []byte
}

// batchItem is an event with its source key, ready to upsert.
type batchItem struct {
	src []byte
	ev  *Event
	pos int
}

// sortBatch pairs events with their source keys, sorted by key; among
// repeats of one key the input order is kept, so the last occurrence wins.
// It runs on the parsing goroutine to keep the writer's work short.
func sortBatch(batch []*Event) []batchItem {
	items := make([]batchItem, len(batch))
	for i, e := range batch {
		items[i] = batchItem{srcKey(e), e, i}
	}
	slices.SortFunc(items, func(a, b batchItem) int {
		if c := bytes.Compare(a.src, b.src); c != 0 {
			return c
		}
		return a.pos - b.pos
	})
	return items
}

// writeBatch upserts the sorted items inside tx and counts the outcome in
// rep.
func (s *Store) writeBatch(tx *bolt.Tx, in *txInterner, items []batchItem, rep *ImportReport) error {
	events, srcids, actors := tx.Bucket(bucketEvents), tx.Bucket(bucketSrcIDs), tx.Bucket(bucketActors)
	// Imports arrive as runs of sorted keys (time order, ascending or
	// descending); packing pages full halves the file and the write volume.
	events.FillPercent, srcids.FillPercent = 1.0, 1.0
	s.mu.RLock() // the interner reads the dictionary without locking each time
	in.locked = true
	defer func() { in.locked = false; s.mu.RUnlock() }()
	puts := make([]pendingPut, 0, len(items))
	var srcPuts []pendingPut
	var buf []byte
	seenActors := map[uint32]bool{}
	for i, it := range items {
		if i+1 < len(items) && bytes.Equal(items[i+1].src, it.src) {
			rep.Unchanged++ // superseded by a later row of the same batch
			continue
		}
		e := it.ev
		old := srcids.Get(it.src)
		var id uint64
		if old != nil {
			_, id = keyParts(old)
		} else {
			var err error
			if id, err = events.NextSequence(); err != nil {
				return err
			}
		}
		var err error
		buf, err = encodeEvent(buf[:0], e, in)
		if err != nil {
			return err
		}
		key := eventKey(e.Date, id)
		if old != nil {
			if bytes.Equal(old, key) && bytes.Equal(events.Get(old), buf) {
				rep.Unchanged++
				continue
			}
			rep.Updated++
			if !bytes.Equal(old, key) {
				if err := events.Delete(old); err != nil {
					return err
				}
				srcPuts = append(srcPuts, pendingPut{it.src, key})
			}
		} else {
			rep.Added++
			srcPuts = append(srcPuts, pendingPut{it.src, key})
		}
		puts = append(puts, pendingPut{key, append([]byte(nil), buf...)})
		if err := noteActors(actors, in, e, seenActors); err != nil {
			return err
		}
	}
	slices.SortFunc(puts, func(a, b pendingPut) int { return bytes.Compare(a.key, b.key) })
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
	return nil
}

// noteActors records actors seen for the first time, with the type their
// inter code gives.
func noteActors(b *bolt.Bucket, in *txInterner, e *Event, seen map[uint32]bool) error {
	pairs := [][2]string{{e.Actor1, e.Inter1}, {e.Actor2, e.Inter2}}
	for _, a := range e.Assoc1 {
		pairs = append(pairs, [2]string{a, e.Inter1})
	}
	for _, a := range e.Assoc2 {
		pairs = append(pairs, [2]string{a, e.Inter2})
	}
	for _, p := range pairs {
		if p[0] == "" {
			continue
		}
		id, err := in.intern(p[0])
		if err != nil {
			return err
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		var k [4]byte
		binary.BigEndian.PutUint32(k[:], id)
		if b.Get(k[:]) != nil {
			continue
		}
		if err := b.Put(k[:], encodeActor(Actor{Type: InterName(p[1])})); err != nil {
			return err
		}
	}
	return nil
}
