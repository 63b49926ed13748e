package data

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the store layout this build reads and writes.
const SchemaVersion = 4

// Bucket names.
var (
	bucketMeta    = []byte("meta")
	bucketEvents  = []byte("events")
	bucketSrcIDs  = []byte("srcids")
	bucketStrings = []byte("strings")
	bucketActors  = []byte("actors")
	bucketImports = []byte("imports")

	keySchema  = []byte("schema")
	keyCreated = []byte("created")
)

// ErrLocked is returned by Open when another process holds the store.
var ErrLocked = errors.New("store is in use by another Frontier (close it, or use another --db)")

// ErrNewerSchema is returned by Open for a store written by a newer Frontier.
var ErrNewerSchema = errors.New("this store was written by a newer Frontier")

// Options tune Open.
type Options struct {
	// ReadOnly opens the store without write access (a shared lock).
	ReadOnly bool
	// LockTimeout is how long Open waits for another process's lock; zero
	// means one second.
	LockTimeout time.Duration
}

// initialMmapSize is the address space mapped for a store at open.
const initialMmapSize = 1 << 30

// Store is a Frontier event store: one bbolt file.
type Store struct {
	db   *bolt.DB
	path string

	mu   sync.RWMutex // guards dict, ids and staged
	dict []string
	ids  map[string]uint32
	// staged holds the IDs reserved by an interner whose strings are not
	// yet known to be on disk; see interner.
	staged map[uint32]bool

	// migratedFrom is the schema version Open upgraded the store from (0
	// when it did not) and migrationBackup the copy of the old file it
	// wrote first; see Migration.
	migratedFrom    int
	migrationBackup string
}

// migrations[i] upgrades a store from schema i to i+1 inside one
// transaction. Version 0 is an empty file.
var migrations = []func(tx *bolt.Tx) error{
	0: func(tx *bolt.Tx) error {
		if err := createBuckets(tx, bucketMeta, bucketEvents, bucketSrcIDs, bucketStrings, bucketActors, bucketImports); err != nil {
			return err
		}
		now, _ := time.Now().UTC().MarshalText()
		return tx.Bucket(bucketMeta).Put(keyCreated, now)
	},
	// 2: annotation layers and annotations.
	1: func(tx *bolt.Tx) error { return createBuckets(tx, bucketAnnotations, bucketLayers) },
	// 3: curation (provenance, conflicts, aliases, groups, user tags,
	// distinct pairs, import ID ranges).
	2: migrateCuration,
	// 4: saved views.
	3: func(tx *bolt.Tx) error { return createBuckets(tx, bucketViews) },
}

// createBuckets creates the buckets names that do not exist yet.
func createBuckets(tx *bolt.Tx, names ...[]byte) error {
	for _, b := range names {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return fmt.Errorf("create bucket %s: %w", b, err)
		}
	}
	return nil
}

// Open opens (creating if needed) the store at path, migrating it to the
// current schema. Before migrating a store that holds data it writes a copy
// of the old file beside it (see Migration), and refuses to migrate when it
// cannot. It fails with ErrLocked when another process holds the store,
// ErrNewerSchema for a store of a newer Frontier and, read-only,
// ErrOlderSchema for one that needs migrating.
func Open(path string, opt Options) (*Store, error) {
	if opt.LockTimeout == 0 {
		opt.LockTimeout = time.Second
	}
	if !opt.ReadOnly {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
	}
	// A large initial mapping avoids remapping (and bbolt's copying of every
	// live node) each time an import grows the file; it is address space,
	// not memory.
	db, err := bolt.Open(path, fileMode, &bolt.Options{Timeout: opt.LockTimeout, ReadOnly: opt.ReadOnly, InitialMmapSize: initialMmapSize})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("open store %s: %w", path, ErrLocked)
		}
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s := &Store{db: db, path: path, ids: map[string]uint32{"": 0}, dict: []string{""}, staged: map[uint32]bool{}}
	if err := s.migrate(opt.ReadOnly); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if err := s.loadDict(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if !opt.ReadOnly {
		if err := s.markInterrupted(); err != nil {
			db.Close()
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
	}
	return s, nil
}

// Path returns the store's file name.
func (s *Store) Path() string { return s.path }

// Close releases the store's file and lock.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close store %s: %w", s.path, err)
	}
	return nil
}

// schemaOf reads the schema version of an open transaction's store.
func schemaOf(tx *bolt.Tx) int {
	m := tx.Bucket(bucketMeta)
	if m == nil {
		return 0
	}
	v := m.Get(keySchema)
	if len(v) != 4 {
		return 0
	}
	return int(binary.BigEndian.Uint32(v))
}

func (s *Store) migrate(readOnly bool) error {
	var have int
	if err := s.db.View(func(tx *bolt.Tx) error { have = schemaOf(tx); return nil }); err != nil {
		return err
	}
	if have > SchemaVersion {
		return newerSchemaError(have)
	}
	if have == SchemaVersion {
		return nil
	}
	if readOnly {
		return olderSchemaError(have)
	}
	if have > 0 { // a store with data: keep the old file first
		backup, err := s.backupBeforeMigration(have)
		if err != nil {
			return err
		}
		s.migratedFrom, s.migrationBackup = have, backup
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		for v := have; v < SchemaVersion; v++ {
			if err := migrations[v](tx); err != nil {
				return fmt.Errorf("migrate schema %d to %d: %w", v, v+1, err)
			}
		}
		var b [4]byte
		binary.BigEndian.PutUint32(b[:], SchemaVersion)
		return tx.Bucket(bucketMeta).Put(keySchema, b[:])
	})
}

// Schema returns the store's schema version.
func (s *Store) Schema() (int, error) {
	var v int
	err := s.db.View(func(tx *bolt.Tx) error { v = schemaOf(tx); return nil })
	return v, err
}

func (s *Store) loadDict() error {
	return s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketStrings).ForEach(func(k, v []byte) error {
			if len(k) != 4 {
				return fmt.Errorf("string dictionary: bad key %x", k)
			}
			id := binary.BigEndian.Uint32(k)
			for uint32(len(s.dict)) <= id {
				s.dict = append(s.dict, "")
			}
			str := string(v)
			s.dict[id] = str
			s.ids[str] = id
			return nil
		})
	})
}

// lookup returns the dictionary string for id ("" when unknown).
func (s *Store) lookup(id uint32) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if int(id) < len(s.dict) {
		return s.dict[id]
	}
	return ""
}

// Strings returns a snapshot of the string dictionary, indexed by ID.
func (s *Store) Strings() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]string(nil), s.dict...)
}

// Count returns the number of stored events.
func (s *Store) Count() (int, error) {
	var n int
	err := s.db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketEvents).Stats().KeyN
		return nil
	})
	return n, err
}

// Event loads one event by its start time and ID (as held in the index).
func (s *Store) Event(start int64, id uint64) (*Event, error) {
	var e *Event
	k := make([]byte, 16)
	putEventKey(k, start, id)
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketEvents).Get(k)
		if v == nil {
			return fmt.Errorf("event %d not found", id)
		}
		var err error
		e, err = decodeEvent(v, id, s)
		return err
	})
	return e, err
}

// Events calls fn for every stored event in time order; fn's event is its
// own copy. Returning an error from fn stops the walk.
func (s *Store) Events(fn func(*Event) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketEvents).ForEach(func(k, v []byte) error {
			_, id := keyParts(k)
			e, err := decodeEvent(v, id, s)
			if err != nil {
				return fmt.Errorf("event %d: %w", id, err)
			}
			return fn(e)
		})
	})
}

// Check runs bbolt's consistency check and returns the first problem.
func (s *Store) Check() error {
	return s.db.View(func(tx *bolt.Tx) error {
		var first error
		for err := range tx.Check() { // drain: the checker goroutine blocks otherwise
			if first == nil {
				first = fmt.Errorf("check store %s: %w", s.path, err)
			}
		}
		return first
	})
}
