package data

import (
	"encoding/binary"
	"fmt"
	"sort"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// interNames maps ACLED's numeric inter codes (pre-2023 exports) to the text
// codes used since.
var interNames = map[string]string{
	"1": "State forces",
	"2": "Rebel group",
	"3": "Political militia",
	"4": "Identity militia",
	"5": "Rioters",
	"6": "Protesters",
	"7": "Civilians",
	"8": "External/Other forces",
}

// InterName returns the text name of an ACLED inter code, which may be
// numeric ("1") or text already ("State forces"). Empty and "0" give "".
func InterName(code string) string {
	code = strings.TrimSpace(code)
	if n, ok := interNames[code]; ok {
		return n
	}
	if code == "0" {
		return ""
	}
	return code
}

// encodeActor writes an actor record: a flag byte (1 = colour set), the
// colour, then the type.
func encodeActor(a Actor) []byte {
	b := make([]byte, 4, 4+len(a.Type))
	if !a.Color.IsZero() {
		b[0] = 1
	}
	b[1], b[2], b[3] = a.Color.R, a.Color.G, a.Color.B
	return append(b, a.Type...)
}

func decodeActor(name string, v []byte) (Actor, error) {
	if len(v) < 4 {
		return Actor{}, fmt.Errorf("actor %q: %w", name, errCorrupt)
	}
	a := Actor{Name: name, Type: string(v[4:])}
	if v[0]&1 != 0 {
		a.Color = RGB{v[1], v[2], v[3]}
	}
	return a, nil
}

// Actors returns every known actor, sorted by name.
func (s *Store) Actors() ([]Actor, error) {
	var out []Actor
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketActors).ForEach(func(k, v []byte) error {
			a, err := decodeActor(s.lookup(binary.BigEndian.Uint32(k)), v)
			if err != nil {
				return err
			}
			out = append(out, a)
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, err
}

// SetActor stores an actor's type and colour (a zero colour clears the
// user's choice). The actor must be known.
func (s *Store) SetActor(a Actor) error {
	s.mu.RLock()
	id, ok := s.ids[a.Name]
	s.mu.RUnlock()
	if !ok || a.Name == "" {
		return fmt.Errorf("set actor %q: no such actor", a.Name)
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		var k [4]byte
		binary.BigEndian.PutUint32(k[:], id)
		b := tx.Bucket(bucketActors)
		if b.Get(k[:]) == nil {
			return fmt.Errorf("set actor %q: no such actor", a.Name)
		}
		return b.Put(k[:], encodeActor(a))
	})
}
