package data

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// The user's own records — layers, annotations, views — are few and kept
// as one JSON document each under an 8-byte ID in their bucket, which
// later versions can read whatever fields they add.

// jsonRecords decodes every record of bucket (in key order); what names
// the kind of record in errors.
func jsonRecords[T any](tx *bolt.Tx, bucket []byte, what string) ([]T, error) {
	var out []T
	err := tx.Bucket(bucket).ForEach(func(k, v []byte) error {
		var r T
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("%s %x: %w", what, k, err)
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

// claimID gives *id the bucket's next sequence number when it is 0; a
// record put back with its old ID (or from another store) instead moves the
// sequence past it, so that later new records never collide with it.
func claimID(b *bolt.Bucket, id *uint64) error {
	if *id == 0 {
		n, err := b.NextSequence()
		*id = n
		return err
	}
	if *id > b.Sequence() {
		return b.SetSequence(*id)
	}
	return nil
}

// putJSON stores r as the record id of b.
func putJSON(b *bolt.Bucket, id uint64, r any) error {
	v, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return b.Put(idKey(id), v)
}

// ordered is a record kept in a user-set order (layers, views): Order,
// then ID for ties.
type ordered interface {
	position() (order int, id uint64)
}

func (l Layer) position() (int, uint64) { return l.Order, l.ID }
func (v View) position() (int, uint64)  { return v.Order, v.ID }

// orderedRecords reads every record of bucket in one read transaction,
// sorted by Order, then ID.
func orderedRecords[T ordered](s *Store, bucket []byte, what string) ([]T, error) {
	var out []T
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		out, err = jsonRecords[T](tx, bucket, what)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read %ss: %w", what, err)
	}
	slices.SortStableFunc(out, func(a, b T) int {
		ao, aid := a.position()
		bo, bid := b.position()
		if c := cmp.Compare(ao, bo); c != 0 {
			return c
		}
		return cmp.Compare(aid, bid)
	})
	return out, nil
}

// reorderRecords sets the Order of the records of bucket to their
// positions in ids (every record's ID, first to last) in one transaction.
func reorderRecords[T ordered, P interface {
	*T
	setOrder(int)
}](s *Store, bucket []byte, what string, ids []uint64) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucket)
		if n := b.Stats().KeyN; n != len(ids) {
			return fmt.Errorf("%d %ss given, the store has %d", len(ids), what, n)
		}
		for i, id := range ids {
			val := b.Get(idKey(id))
			if val == nil {
				return fmt.Errorf("%s %d not found", what, id)
			}
			var r T
			if err := json.Unmarshal(val, &r); err != nil {
				return fmt.Errorf("%s %d: %w", what, id, err)
			}
			P(&r).setOrder(i)
			if err := putJSON(b, id, &r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reorder %ss: %w", what, err)
	}
	return nil
}

func (l *Layer) setOrder(o int) { l.Order = o }
func (v *View) setOrder(o int)  { v.Order = o }

// nextOrder is the Order that puts a new record after all of rs.
func nextOrder[T ordered](rs []T) int {
	next := 0
	for _, r := range rs {
		o, _ := r.position()
		next = max(next, o+1)
	}
	return next
}
