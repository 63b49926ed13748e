package data

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// ActorRecords returns what the store knows of each of names (see
// ActorRecord): a name it does not know has the zero record. Briefing
// packages carry these records so that another store shows the actors as
// this one does.
func (s *Store) ActorRecords(names []string) (map[string]ActorRecord, error) {
	out := make(map[string]ActorRecord, len(names))
	err := s.db.View(func(tx *bolt.Tx) error {
		for _, n := range names {
			r, err := s.actorRecordIn(tx, n)
			if err != nil {
				return err
			}
			out[n] = r
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read actor records: %w", err)
	}
	return out, nil
}
