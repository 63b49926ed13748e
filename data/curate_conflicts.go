package data

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Conflict is an incoming row an import did not apply because the user
// had edited or deleted that event locally. The local version stays until
// TakeIncoming replaces it (or DismissConflict keeps it for good).
type Conflict struct {
	EventID uint64
	// ImportID and File say which import carried the row, Time when.
	ImportID uint64
	File     string
	Time     time.Time
	// Reason is "edited locally", "deleted locally" or "entered by hand".
	Reason string
	// Local is the stored event (nil when deleted locally); Incoming the
	// row the import carried.
	Local, Incoming *Event
}

// conflictValue encodes a conflict record: import ID, Unix time, record.
func conflictValue(imp uint64, t time.Time, rec []byte) []byte {
	v := make([]byte, 16, 16+len(rec))
	binary.BigEndian.PutUint64(v[0:8], imp)
	binary.BigEndian.PutUint64(v[8:16], uint64(t.Unix()))
	return append(v, rec...)
}

// localGuard decides, inside an import's write transaction, what happens
// to an incoming row that differs from the stored one.
type localGuard struct {
	prov, conflicts *bolt.Bucket
	imp             uint64
	now             time.Time
}

func newLocalGuard(tx *bolt.Tx, imp uint64) *localGuard {
	return &localGuard{prov: tx.Bucket(bucketProvenance), conflicts: tx.Bucket(bucketConflicts), imp: imp, now: time.Now().UTC()}
}

// check reports whether event id is protected by a local edit: then the
// incoming record val is either the source version the edit started
// from (no conflict) or stored as a conflict, and the caller leaves the
// event alone. For an unprotected event with a provenance record, it
// notes that the import updated the event.
func (g *localGuard) check(id uint64, val []byte) (protected bool, err error) {
	if g.prov == nil {
		return false, nil
	}
	p, ok, err := getProvenance(g.prov, id)
	if err != nil || !ok {
		return false, err
	}
	if p.Origin == OriginLocal || p.EditedLocally || p.Deleted {
		if p.Base != 0 && recordHash(val) == p.Base {
			return true, nil
		}
		return true, g.conflicts.Put(idKey(id), conflictValue(g.imp, g.now, val))
	}
	p.Base = recordHash(val)
	p.History = append(p.History, HistoryEntry{Time: g.now.Truncate(time.Second), Action: fmt.Sprintf("Updated by import %d", g.imp)})
	return false, putProvenance(g.prov, id, &p)
}

// Conflicts returns the pending import conflicts in event ID order.
func (s *Store) Conflicts() ([]Conflict, error) {
	var out []Conflict
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketConflicts).ForEach(func(k, v []byte) error {
			c, err := s.conflictIn(tx, binary.BigEndian.Uint64(k), v)
			if err != nil {
				return err
			}
			out = append(out, c)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read conflicts: %w", err)
	}
	return out, nil
}

// ImportConflicts counts the pending conflicts left by import imp.
func (s *Store) ImportConflicts(imp uint64) (int, error) {
	var n int
	err := s.db.View(func(tx *bolt.Tx) error {
		n = countConflicts(tx, imp)
		return nil
	})
	return n, err
}

func countConflicts(tx *bolt.Tx, imp uint64) int {
	n := 0
	tx.Bucket(bucketConflicts).ForEach(func(_, v []byte) error {
		if len(v) >= 16 && binary.BigEndian.Uint64(v) == imp {
			n++
		}
		return nil
	})
	return n
}

func (s *Store) conflictIn(tx *bolt.Tx, id uint64, v []byte) (Conflict, error) {
	c := Conflict{EventID: id}
	if len(v) < 16 {
		return c, fmt.Errorf("conflict of event %d: %w", id, errCorrupt)
	}
	c.ImportID = binary.BigEndian.Uint64(v[0:8])
	c.Time = time.Unix(int64(binary.BigEndian.Uint64(v[8:16])), 0).UTC()
	inc, err := decodeEvent(v[16:], id, s)
	if err != nil {
		return c, fmt.Errorf("conflict of event %d: %w", id, err)
	}
	c.Incoming = inc
	if r := tx.Bucket(bucketImports).Get(idKey(c.ImportID)); r != nil {
		var rep ImportReport
		if json.Unmarshal(r, &rep) == nil {
			c.File = rep.File
		}
	}
	p, err := provenanceIn(tx, id)
	if err != nil {
		return c, err
	}
	switch {
	case p.Deleted:
		c.Reason = "deleted locally"
	case p.Origin == OriginLocal:
		c.Reason = "entered by hand"
	default:
		c.Reason = "edited locally"
	}
	if k := tx.Bucket(bucketSrcIDs).Get(appendSrcKey(nil, inc)); k != nil {
		if local, err := s.eventIn(tx, k); err == nil {
			c.Local = local
			inc.UserTags = local.UserTags
		}
	}
	return c, nil
}

// TakeIncoming replaces the local version of event id with the incoming
// row of its conflict (the user's tags stay), clears its local-edit flag
// and drops the conflict. It returns the change it made, which an
// EventHistory can Record so that undo brings the local version back.
func (s *Store) TakeIncoming(id uint64) (EventChange, error) {
	c := EventChange{Label: "Take incoming row"}
	err := s.db.Update(func(tx *bolt.Tx) error {
		conflicts := tx.Bucket(bucketConflicts)
		v := conflicts.Get(idKey(id))
		if v == nil {
			return fmt.Errorf("event %d has no import conflict", id)
		}
		cf, err := s.conflictIn(tx, id, v)
		if err != nil {
			return err
		}
		rec := bytes.Clone(v[16:])
		events, srcids := tx.Bucket(bucketEvents), tx.Bucket(bucketSrcIDs)
		srcKey := appendSrcKey(nil, cf.Incoming)
		if old := srcids.Get(srcKey); old != nil {
			if err := events.Delete(bytes.Clone(old)); err != nil {
				return err
			}
		}
		key := make([]byte, 16)
		putEventKey(key, cf.Incoming.Date.Unix(), id)
		if err := events.Put(key, rec); err != nil {
			return err
		}
		if err := srcids.Put(srcKey, key); err != nil {
			return err
		}
		pb := tx.Bucket(bucketProvenance)
		p, err := provenanceIn(tx, id)
		if err != nil {
			return err
		}
		now := time.Now().UTC().Truncate(time.Second)
		p.Base, p.EditedLocally, p.Deleted, p.Edited = recordHash(rec), false, false, now
		p.History = append(p.History, HistoryEntry{Time: now, Action: fmt.Sprintf("Took the incoming row of import %d", cf.ImportID),
			Changes: diffEvents(cf.Local, cf.Incoming)})
		if err := putProvenance(pb, id, &p); err != nil {
			return err
		}
		if cf.Local != nil {
			c.Before = []Event{*cf.Local}
		}
		c.After = []Event{*cf.Incoming}
		c.Conflicts = []ConflictEdit{{ID: id, Before: bytes.Clone(v)}}
		return conflicts.Delete(idKey(id))
	})
	if err != nil {
		return c, fmt.Errorf("take incoming row of event %d: %w", id, err)
	}
	return c, nil
}

// DismissConflict drops the conflict of event id, keeping the local
// version (a later import that changes the row again lists a new one).
func (s *Store) DismissConflict(id uint64) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketConflicts)
		v := b.Get(idKey(id))
		if len(v) < 16 {
			return fmt.Errorf("event %d has no import conflict", id)
		}
		// The source is now at the incoming version: the same row in a
		// later import is no new conflict.
		p, err := provenanceIn(tx, id)
		if err != nil {
			return err
		}
		p.Base = recordHash(v[16:])
		if err := putProvenance(tx.Bucket(bucketProvenance), id, &p); err != nil {
			return err
		}
		return b.Delete(idKey(id))
	})
	if err != nil {
		return fmt.Errorf("dismiss conflict: %w", err)
	}
	return nil
}
