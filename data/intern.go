package data

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// dictEntry is one string of the dictionary with its ID.
type dictEntry struct {
	id  uint32
	str string
}

// interner assigns dictionary IDs to strings, possibly on a goroutine other
// than the one holding the write transaction (an import parses and encodes
// ahead of its writer). A new string gets its ID reserved in the store at
// once, so two interners never give one string two IDs; the reservation is
// "staged" until a transaction that writes the string commits. Every
// interner that uses a staged string writes it too (the same key and
// value), so a record never reaches the disk before its strings.
type interner struct {
	s *Store
	// seen caches every string this interner resolved.
	seen map[string]uint32
	// fresh are the staged strings this interner used since the last take.
	fresh []dictEntry
}

func (s *Store) newInterner() *interner {
	return &interner{s: s, seen: map[string]uint32{"": 0}}
}

func (t *interner) intern(str string) (uint32, error) {
	if id, ok := t.seen[str]; ok {
		return id, nil
	}
	s := t.s
	s.mu.Lock()
	id, ok := s.ids[str]
	if !ok {
		id = uint32(len(s.dict))
		s.dict = append(s.dict, str)
		s.ids[str] = id
		s.staged[id] = true
	}
	staged := s.staged[id]
	s.mu.Unlock()
	if staged {
		t.fresh = append(t.fresh, dictEntry{id, str})
	}
	t.seen[str] = id
	return id, nil
}

// take returns the staged strings used since the last take.
func (t *interner) take() []dictEntry {
	f := t.fresh
	t.fresh = nil
	return f
}

// putStrings writes dictionary entries inside a write transaction.
func putStrings(tx *bolt.Tx, entries []dictEntry) error {
	b := tx.Bucket(bucketStrings)
	var k [4]byte
	for _, e := range entries {
		binary.BigEndian.PutUint32(k[:], e.id)
		if err := b.Put(k[:], []byte(e.str)); err != nil {
			return fmt.Errorf("store string %q: %w", e.str, err)
		}
	}
	return nil
}

// markDurable records that a committed transaction wrote entries.
func (s *Store) markDurable(entries []dictEntry) {
	if len(entries) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range entries {
		delete(s.staged, e.id)
	}
}
