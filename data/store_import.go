package data

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
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
	// StatusInterrupted marks an import whose process died: found still
	// "running" when the store is next opened for writing.
	StatusInterrupted = "interrupted"
)

// ImportReport tells what an import did with each row. It is kept in the
// store as the import record and updated with every committed batch, so
// after a crash it says how far the import got.
type ImportReport struct {
	ID     uint64 `json:"id"`
	File   string `json:"file"`
	Format string `json:"format"`
	// Dataset is the dataset the rows are given when they name none, for
	// sources that say (empty in records written before it was kept).
	Dataset   string     `json:"dataset,omitempty"`
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
	// Warnings say what the reader had to guess about the whole file.
	Warnings []string `json:"warnings,omitempty"`
	// AnnotationsAdded counts the lines and polygons (and Frontier
	// annotation features) of a GeoJSON, KML or KMZ file stored as
	// annotations, on the new layer Layer (ID LayerID) named after the
	// file. Records written before annotations lack them.
	AnnotationsAdded int    `json:"annotations_added,omitempty"`
	Layer            string `json:"layer,omitempty"`
	LayerID          uint64 `json:"layer_id,omitempty"`
	// AnnotationsUnchanged counts the drawings of a file imported again:
	// a layer made from it (Layer) already holds exactly these, so no new
	// layer was added.
	AnnotationsUnchanged int `json:"annotations_unchanged,omitempty"`
}

// EventSource yields the events of one input file.
type EventSource interface {
	// Next returns the next event and the line it started on; the event
	// may be reused by the following call. A rejected
	// row comes back as a *RowError (the import goes on); io.EOF ends the
	// input; any other error aborts the import.
	Next() (*Event, int, error)
	// Format names the input format, e.g. "acled".
	Format() string
}

// A source may also implement Warnings() []string, read when it is done,
// to say what it had to guess about the whole file, and DatasetName()
// string, read at the start, for ImportReport.Dataset.

// Import reads src to the end and upserts its events by (dataset, source
// event ID), committing every BatchSize rows together with the import
// record. Re-importing the same rows changes nothing. progress, when not
// nil, is called after each commit. Cancelling ctx stops at the next batch
// boundary; what was committed stays, and importing again completes it.
func (s *Store) Import(ctx context.Context, file string, src EventSource, progress func(ImportReport)) (ImportReport, error) {
	rep := ImportReport{File: file, Format: src.Format(), Started: time.Now().UTC(), Status: StatusRunning, Errors: []RowError{}}
	if d, ok := src.(interface{ DatasetName() string }); ok {
		rep.Dataset = d.DatasetName()
	}
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
	// Parsing runs on its own goroutines, one batch ahead of the writer.
	// The hand-off is unbuffered: the reader is the faster side, so a
	// buffered batch would never be waited for, only held (≈30 MB).
	readCtx, stopReading := context.WithCancel(ctx)
	defer stopReading()
	chunks := make(chan importChunk)
	free := make(chan []byte, 2) // committed chunks' arenas, for reuse
	go s.readChunks(readCtx, src, chunks, free)
	for c := range chunks {
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
		if err := s.commitChunk(&rep, c, status); err != nil {
			stopReading()
			for range chunks { // let the reader finish
			}
			return rep, fmt.Errorf("import %s line %d: commit: %w", file, c.lastLine, err)
		}
		select { // bbolt holds no reference to the values after commit
		case free <- c.arena:
		default:
		}
		if progress != nil {
			progress(rep)
		}
		if c.final {
			if c.err != nil {
				return rep, fmt.Errorf("import %s line %d: %w", file, rep.LastLine, c.err)
			}
			return rep, nil
		}
	}
	return rep, fmt.Errorf("import %s: the reader stopped without finishing", file)
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

// Imports returns the import history, oldest first. Each record keeps
// the first MaxReportErrors row errors of its import.
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

// markInterrupted sets the status of imports left "running" by a process
// that died. Only one process can hold the store for writing, so at open
// no import can really be running.
func (s *Store) markInterrupted() error {
	return s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketImports)
		var stale []ImportReport
		err := b.ForEach(func(_, v []byte) error {
			var r ImportReport
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("import record: %w", err)
			}
			if r.Status == StatusRunning {
				stale = append(stale, r)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, r := range stale {
			r.Status = StatusInterrupted
			if err := putImport(b, &r); err != nil {
				return err
			}
		}
		return nil
	})
}
