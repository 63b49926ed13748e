package data

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Buckets added by schema 2.
var (
	bucketAnnotations = []byte("annotations")
	bucketLayers      = []byte("layers")
)

func idKey(id uint64) []byte {
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, id)
	return k
}

// Layers returns the annotation layers, lowest Order first.
func (s *Store) Layers() ([]Layer, error) {
	return orderedRecords[Layer](s, bucketLayers, "layer")
}

// PutLayer stores l in its own transaction, assigning an ID when l.ID is 0.
func (s *Store) PutLayer(l *Layer) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketLayers)
		if err := claimID(b, &l.ID); err != nil {
			return err
		}
		return putJSON(b, l.ID, l)
	})
	if err != nil {
		return fmt.Errorf("save layer %q: %w", l.Name, err)
	}
	return nil
}

// ReorderLayers sets the drawing order to ids (every layer's ID, bottom
// to top) in one transaction.
func (s *Store) ReorderLayers(ids []uint64) error {
	return reorderRecords[Layer](s, bucketLayers, "layer", ids)
}

// DeleteLayer removes a layer and every annotation on it in one transaction.
func (s *Store) DeleteLayer(id uint64) error {
	if err := s.db.Update(func(tx *bolt.Tx) error { return deleteLayer(tx, id) }); err != nil {
		return fmt.Errorf("delete layer %d: %w", id, err)
	}
	return nil
}

// deleteLayer removes layer id and any annotation still on it inside tx.
func deleteLayer(tx *bolt.Tx, id uint64) error {
	if err := tx.Bucket(bucketLayers).Delete(idKey(id)); err != nil {
		return err
	}
	b := tx.Bucket(bucketAnnotations)
	var dead [][]byte
	err := b.ForEach(func(k, v []byte) error {
		var a Annotation
		if err := json.Unmarshal(v, &a); err != nil {
			return fmt.Errorf("annotation %x: %w", k, err)
		}
		if a.Layer == id {
			dead = append(dead, append([]byte(nil), k...))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range dead {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// Annotations returns every stored annotation in ID order.
func (s *Store) Annotations() ([]Annotation, error) {
	var out []Annotation
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		out, err = jsonRecords[Annotation](tx, bucketAnnotations, "annotation")
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read annotations: %w", err)
	}
	return out, nil
}

// Annotation returns one stored annotation.
func (s *Store) Annotation(id uint64) (Annotation, error) {
	var a Annotation
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketAnnotations).Get(idKey(id))
		if v == nil {
			return fmt.Errorf("annotation %d not found", id)
		}
		return json.Unmarshal(v, &a)
	})
	return a, err
}

// ApplyAnnotations writes puts and removes dels in one transaction, which
// is on disk when it returns. Annotations with ID 0 get a new ID; Created
// is set when zero and Modified always. It returns the stored copies of
// puts. Nothing is written when any annotation fails Validate or names a
// layer that does not exist.
func (s *Store) ApplyAnnotations(puts []Annotation, dels []uint64) ([]Annotation, error) {
	_, out, err := s.ApplyLayersAndAnnotations(nil, nil, puts, dels)
	return out, err
}

// ApplyLayersAndAnnotations is ApplyAnnotations with layers: in one
// transaction it writes layerPuts (a layer with ID 0 gets a new ID; one
// with an ID is stored under it, so an undo brings a deleted layer back
// as it was), then the annotations, then deletes layerDels together with
// any annotation still on them. It returns the stored copies of layerPuts
// and puts.
func (s *Store) ApplyLayersAndAnnotations(layerPuts []Layer, layerDels []uint64, puts []Annotation, dels []uint64) ([]Layer, []Annotation, error) {
	out, err := prepareAnnotations(puts)
	if err != nil {
		return nil, nil, err
	}
	layers := append([]Layer(nil), layerPuts...)
	err = s.db.Update(func(tx *bolt.Tx) error {
		lb := tx.Bucket(bucketLayers)
		for i := range layers {
			if err := claimID(lb, &layers[i].ID); err != nil {
				return err
			}
			if err := putJSON(lb, layers[i].ID, &layers[i]); err != nil {
				return fmt.Errorf("layer %q: %w", layers[i].Name, err)
			}
		}
		if err := putAnnotations(tx, out, dels); err != nil {
			return err
		}
		for _, id := range layerDels {
			if err := deleteLayer(tx, id); err != nil {
				return fmt.Errorf("layer %d: %w", id, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("save annotations: %w", err)
	}
	return layers, out, nil
}

// prepareAnnotations returns validated copies of puts.
func prepareAnnotations(puts []Annotation) ([]Annotation, error) {
	out := make([]Annotation, len(puts))
	for i := range puts {
		out[i] = puts[i].Clone()
		if err := out[i].Validate(); err != nil {
			return nil, fmt.Errorf("save annotation: %w", err)
		}
	}
	return out, nil
}

// putAnnotations deletes dels and writes out (assigning IDs and times in
// place) inside tx.
func putAnnotations(tx *bolt.Tx, out []Annotation, dels []uint64) error {
	now := time.Now().UTC().Truncate(time.Millisecond)
	b := tx.Bucket(bucketAnnotations)
	layers := tx.Bucket(bucketLayers)
	for _, id := range dels {
		if err := b.Delete(idKey(id)); err != nil {
			return err
		}
	}
	known := map[uint64]bool{}
	for i := range out {
		a := &out[i]
		if !known[a.Layer] {
			if layers.Get(idKey(a.Layer)) == nil {
				return fmt.Errorf("annotation %d: layer %d does not exist", a.ID, a.Layer)
			}
			known[a.Layer] = true
		}
		if err := claimID(b, &a.ID); err != nil {
			return err
		}
		if a.Created.IsZero() {
			a.Created = now
		}
		a.Modified = now
		if err := putJSON(b, a.ID, a); err != nil {
			return err
		}
	}
	return nil
}

// UniqueLayerName returns name if no layer has it, else name with " (2)",
// " (3)"… appended, the first that is free. Names compare case-
// insensitively.
func (s *Store) UniqueLayerName(name string) (string, error) {
	var out string
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		out, err = uniqueLayerName(tx, name)
		return err
	})
	return out, err
}

func uniqueLayerName(tx *bolt.Tx, name string) (string, error) {
	layers, err := jsonRecords[Layer](tx, bucketLayers, "layer")
	if err != nil {
		return "", err
	}
	taken := map[string]bool{}
	for _, l := range layers {
		taken[strings.ToLower(l.Name)] = true
	}
	try := name
	for n := 2; taken[strings.ToLower(try)]; n++ {
		try = fmt.Sprintf("%s (%d)", name, n)
	}
	return try, nil
}

// AddLayer stores a new layer named name (made unique as UniqueLayerName
// does) above the others, and items on it (with new IDs), in one
// transaction. It returns the layer and the stored annotations.
func (s *Store) AddLayer(name string, items []Annotation) (Layer, []Annotation, error) {
	return s.addLayer(name, items, nil)
}

// addLayer is AddLayer, running also inside its transaction when not nil.
func (s *Store) addLayer(name string, items []Annotation, also func(tx *bolt.Tx, l Layer, n int) error) (Layer, []Annotation, error) {
	var l Layer
	out, err := prepareAnnotations(items)
	if err != nil {
		return l, nil, fmt.Errorf("add layer %q: %w", name, err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		unique, err := uniqueLayerName(tx, name)
		if err != nil {
			return err
		}
		l.Name = unique
		b := tx.Bucket(bucketLayers)
		others, err := jsonRecords[Layer](tx, bucketLayers, "layer")
		if err != nil {
			return err
		}
		l.Order = nextOrder(others)
		if err := claimID(b, &l.ID); err != nil {
			return err
		}
		if err := putJSON(b, l.ID, &l); err != nil {
			return err
		}
		for i := range out {
			out[i].ID, out[i].Layer = 0, l.ID
		}
		if err := putAnnotations(tx, out, nil); err != nil {
			return err
		}
		if also != nil {
			return also(tx, l, len(out))
		}
		return nil
	})
	if err != nil {
		return Layer{}, nil, fmt.Errorf("add layer %q: %w", name, err)
	}
	return l, out, nil
}
