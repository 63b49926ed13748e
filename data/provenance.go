package data

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Buckets added by schema 3 (curation).
var (
	// bucketProvenance: event ID → JSON Provenance, for events entered by
	// hand or touched by a local edit. Imported events never edited have
	// none; their origin comes from bucketImportIDs.
	bucketProvenance = []byte("provenance")
	// bucketImportIDs: import ID → first and last event ID it added.
	bucketImportIDs = []byte("importids")
	// bucketConflicts: event ID → import ID, time and the incoming record
	// an import did not apply because the event was edited locally.
	bucketConflicts = []byte("conflicts")
	// bucketAliases: actor name → the canonical actor it stands for.
	bucketAliases = []byte("aliases")
	// bucketGroups: group name → JSON list of member actors.
	bucketGroups = []byte("groups")
	// bucketUserTags: event ID → the user's tags, joined by 0x1f.
	bucketUserTags = []byte("usertags")
	// bucketDistinct: two event IDs (lower first) → empty: a pair the
	// user marked as not duplicates.
	bucketDistinct = []byte("distinct")
)

// migrateCuration creates the schema 3 buckets and works out which event
// IDs each earlier import added: imports ran one at a time and each added
// event took the next ID, so the imports' Added counts, in order, are the
// ID ranges.
func migrateCuration(tx *bolt.Tx) error {
	if err := createBuckets(tx, bucketProvenance, bucketImportIDs, bucketConflicts, bucketAliases, bucketGroups, bucketUserTags, bucketDistinct); err != nil {
		return err
	}
	imports := tx.Bucket(bucketImports)
	if imports == nil {
		return nil
	}
	var next uint64 = 1
	ranges := tx.Bucket(bucketImportIDs)
	return imports.ForEach(func(_, v []byte) error {
		var r ImportReport
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("import record: %w", err)
		}
		if r.Added == 0 {
			return nil
		}
		first, last := next, next+uint64(r.Added)-1
		next = last + 1
		return putImportRange(ranges, r.ID, first, last)
	})
}

// putImportRange records that import imp added event IDs first..last,
// widening a range already recorded.
func putImportRange(b *bolt.Bucket, imp, first, last uint64) error {
	k := idKey(imp)
	if v := b.Get(k); len(v) == 16 {
		first = min(first, binary.BigEndian.Uint64(v[0:8]))
		last = max(last, binary.BigEndian.Uint64(v[8:16]))
	}
	var v [16]byte
	binary.BigEndian.PutUint64(v[0:8], first)
	binary.BigEndian.PutUint64(v[8:16], last)
	return b.Put(k, v[:])
}

// importOf returns the import that added event id, or 0 when unknown.
func importOf(tx *bolt.Tx, id uint64) uint64 {
	b := tx.Bucket(bucketImportIDs)
	if b == nil {
		return 0
	}
	var found uint64
	b.ForEach(func(k, v []byte) error {
		if len(k) == 8 && len(v) == 16 && id >= binary.BigEndian.Uint64(v[0:8]) && id <= binary.BigEndian.Uint64(v[8:16]) {
			found = binary.BigEndian.Uint64(k)
		}
		return nil
	})
	return found
}

// Origins of an event.
const (
	// OriginImport: the event came from an import.
	OriginImport = "import"
	// OriginLocal: the event was entered by hand.
	OriginLocal = "local"
)

// MaxHistory is how many local changes an event's history keeps.
const MaxHistory = 50

// Provenance says where an event came from and what was done to it
// locally since.
type Provenance struct {
	// Origin is OriginImport or OriginLocal.
	Origin string `json:"origin"`
	// ImportID is the import that added the event (0 when unknown or
	// entered by hand); ImportFile names its file.
	ImportID   uint64 `json:"import_id,omitempty"`
	ImportFile string `json:"-"`
	// EditedLocally is true while the event differs from what its source
	// last said (always true for an event entered by hand once edited;
	// an import then keeps the local version). Edited is the time of the
	// last local change.
	EditedLocally bool      `json:"edited_locally"`
	Edited        time.Time `json:"edited,omitzero"`
	// Deleted marks an event deleted locally; its source row does not
	// come back on re-import.
	Deleted bool `json:"deleted,omitempty"`
	// Base is a hash of the source's version of the record, taken at the
	// first local edit: an incoming row equal to it is no conflict.
	Base uint64 `json:"base,omitempty"`
	// History lists the local changes, oldest first (at most MaxHistory).
	History []HistoryEntry `json:"history,omitempty"`
}

// HistoryEntry is one local change to an event.
type HistoryEntry struct {
	Time time.Time `json:"time"`
	// Action names the change ("Add event", "Edit event", "Undo Move
	// event", "Delete", "Merge duplicates", "Take incoming row").
	Action string `json:"action"`
	// Changes lists the fields that changed (none for a deletion).
	Changes []FieldChange `json:"changes,omitempty"`
}

// FieldChange is one field's old and new text.
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// String formats the change as `field: "old" → "new"`.
func (c FieldChange) String() string { return fmt.Sprintf("%s: %q → %q", c.Field, c.Old, c.New) }

// recordHash is the hash of an encoded record kept as Provenance.Base.
func recordHash(v []byte) uint64 {
	h := fnv.New64a()
	h.Write(v)
	if s := h.Sum64(); s != 0 {
		return s
	}
	return 1 // 0 means "none"
}

// getProvenance reads an event's provenance record; ok is false when it
// has none.
func getProvenance(b *bolt.Bucket, id uint64) (p Provenance, ok bool, err error) {
	v := b.Get(idKey(id))
	if v == nil {
		return p, false, nil
	}
	if err := json.Unmarshal(v, &p); err != nil {
		return p, false, fmt.Errorf("provenance of event %d: %w", id, err)
	}
	return p, true, nil
}

func putProvenance(b *bolt.Bucket, id uint64, p *Provenance) error {
	if n := len(p.History); n > MaxHistory {
		p.History = append([]HistoryEntry(nil), p.History[n-MaxHistory:]...)
	}
	v, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return b.Put(idKey(id), v)
}

// provenanceIn returns event id's provenance inside tx: its record, or
// what the import ranges say of an event never touched locally.
func provenanceIn(tx *bolt.Tx, id uint64) (Provenance, error) {
	p, ok, err := getProvenance(tx.Bucket(bucketProvenance), id)
	if err != nil || ok {
		return p, err
	}
	return Provenance{Origin: OriginImport, ImportID: importOf(tx, id)}, nil
}

// Provenance returns where event id came from and its local history. An
// event imported and never edited has an empty history.
func (s *Store) Provenance(id uint64) (Provenance, error) {
	var p Provenance
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		if p, err = provenanceIn(tx, id); err != nil {
			return err
		}
		if p.ImportID != 0 {
			if v := tx.Bucket(bucketImports).Get(idKey(p.ImportID)); v != nil {
				var r ImportReport
				if json.Unmarshal(v, &r) == nil {
					p.ImportFile = r.File
				}
			}
		}
		return nil
	})
	if err != nil {
		return p, fmt.Errorf("provenance of event %d: %w", id, err)
	}
	return p, nil
}
