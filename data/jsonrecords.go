package data

import (
	"encoding/json"
	"fmt"

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
