package data

import (
	"encoding/binary"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	bolt "go.etcd.io/bbolt"
)

// addTestLayer stores a new layer and returns its ID.
func addTestLayer(t *testing.T, s *Store, name string) uint64 {
	t.Helper()
	l := Layer{Name: name}
	if err := s.PutLayer(&l); err != nil {
		t.Fatal(err)
	}
	return l.ID
}

// reopen closes s and opens its file again, closed at cleanup.
func reopen(t *testing.T, s *Store) *Store {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s2.Close() })
	return s2
}

func TestApplyAnnotationsIDsAndTimes(t *testing.T) {
	s := openTemp(t)
	layer := addTestLayer(t, s, "Notes")
	a, b := okAnnotation(KindCircle), okAnnotation(KindArrow)
	a.Layer, b.Layer = layer, layer
	before := time.Now().UTC().Truncate(time.Millisecond)
	got, err := s.ApplyAnnotations([]Annotation{a, b}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID == 0 || got[1].ID == 0 || got[0].ID == got[1].ID {
		t.Fatalf("IDs %d %d", got[0].ID, got[1].ID)
	}
	for _, g := range got {
		if g.Created.Before(before) || !g.Modified.Equal(g.Created) || g.Created.Location() != time.UTC {
			t.Errorf("times %v %v", g.Created, g.Modified)
		}
	}
	if a.ID != 0 || a.Created != (time.Time{}) {
		t.Error("ApplyAnnotations changed its argument")
	}
	time.Sleep(2 * time.Millisecond)
	edit := got[0].Clone()
	edit.Label = "Edited"
	again, err := s.ApplyAnnotations([]Annotation{edit}, []uint64{got[1].ID})
	if err != nil {
		t.Fatal(err)
	}
	if again[0].ID != got[0].ID || !again[0].Created.Equal(got[0].Created) || !again[0].Modified.After(got[0].Modified) {
		t.Errorf("edit: %+v, was %+v", again[0], got[0])
	}
	all, err := s.Annotations()
	if err != nil || len(all) != 1 || all[0].Label != "Edited" || !reflect.DeepEqual(all[0], again[0]) {
		t.Fatalf("stored %+v %v", all, err)
	}
	one, err := s.Annotation(got[0].ID)
	if err != nil || !reflect.DeepEqual(one, again[0]) {
		t.Errorf("Annotation(%d) = %+v %v", got[0].ID, one, err)
	}
	if _, err := s.Annotation(got[1].ID); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("deleted annotation: %v", err)
	}

	// A new annotation after one that came with a higher ID does not
	// collide with it.
	imported := okAnnotation(KindMarker)
	imported.ID, imported.Layer = 500, layer
	c := okAnnotation(KindText)
	c.Layer = layer
	out, err := s.ApplyAnnotations([]Annotation{imported, c}, nil)
	if err != nil || out[0].ID != 500 || out[1].ID <= 500 {
		t.Errorf("IDs after an explicit one: %+v %v", out, err)
	}
}

func TestApplyAnnotationsWritesAllOrNothing(t *testing.T) {
	s := openTemp(t)
	layer := addTestLayer(t, s, "L")
	good, bad := okAnnotation(KindPolygon), okAnnotation(KindPolygon)
	good.Layer, bad.Layer = layer, layer
	bad.Points = bad.Points[:2]
	if _, err := s.ApplyAnnotations([]Annotation{good, bad}, nil); err == nil || !strings.Contains(err.Error(), "needs at least 3 points") {
		t.Errorf("invalid annotation: %v", err)
	}
	orphan := okAnnotation(KindMarker)
	orphan.Layer = layer + 1
	if _, err := s.ApplyAnnotations([]Annotation{good, orphan}, nil); err == nil || !strings.Contains(err.Error(), "layer 2 does not exist") {
		t.Errorf("orphan annotation: %v", err)
	}
	if all, _ := s.Annotations(); len(all) != 0 {
		t.Errorf("a failed apply wrote %d annotations", len(all))
	}
}

func TestAnnotationsPersistAcrossReopen(t *testing.T) {
	s := openTemp(t)
	l1, l2 := addTestLayer(t, s, "One"), addTestLayer(t, s, "Two")
	var puts []Annotation
	for k := KindMarker; k <= KindRangeBearing; k++ {
		a := okAnnotation(k)
		a.Layer, a.Label, a.Notes = l1, "label "+k.String(), "notes\nline 2"
		if k%2 == 0 {
			a.Layer = l2
			a.ValidFrom, a.ValidTo = day("2024-03-01"), time.Date(2024, 3, 9, 15, 30, 0, 0, time.UTC)
		}
		puts = append(puts, a)
	}
	stored, err := s.ApplyAnnotations(puts, nil)
	if err != nil {
		t.Fatal(err)
	}
	layers, _ := s.Layers()
	s = reopen(t, s)
	all, err := s.Annotations()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(all, stored) {
		t.Errorf("after reopening:\n%+v\nwant\n%+v", all, stored)
	}
	if got, _ := s.Layers(); !reflect.DeepEqual(got, layers) {
		t.Errorf("layers after reopening %+v, want %+v", got, layers)
	}

	// DeleteLayer takes its annotations with it, and only those.
	if err := s.DeleteLayer(l2); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	all, _ = s.Annotations()
	if len(all) != 5 {
		t.Fatalf("%d annotations left, want the 5 of layer One", len(all))
	}
	for _, a := range all {
		if a.Layer != l1 {
			t.Errorf("annotation %d of deleted layer %d left", a.ID, a.Layer)
		}
	}
	if ls, _ := s.Layers(); len(ls) != 1 || ls[0].ID != l1 {
		t.Errorf("layers %+v", ls)
	}
}

func TestLayersOrderAndIDs(t *testing.T) {
	s := openTemp(t)
	for _, l := range []Layer{{Name: "c", Order: 2}, {Name: "a", Order: 0}, {Name: "b", Order: 0, Locked: true}} {
		if err := s.PutLayer(&l); err != nil {
			t.Fatal(err)
		}
	}
	ls, err := s.Layers()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, l := range ls {
		names = append(names, l.Name)
	}
	if strings.Join(names, "") != "abc" || !ls[1].Locked {
		t.Errorf("order %v", ls)
	}
	// A layer put back with an ID beyond the sequence (an undone delete)
	// does not collide with the next new one.
	back := Layer{ID: 40, Name: "back"}
	if err := s.PutLayer(&back); err != nil {
		t.Fatal(err)
	}
	next := Layer{Name: "next"}
	if err := s.PutLayer(&next); err != nil || next.ID <= 40 {
		t.Errorf("next layer ID %d %v", next.ID, err)
	}
}

func TestAddLayerIsUniqueAndAtomic(t *testing.T) {
	s := openTemp(t)
	addTestLayer(t, s, "Routes")
	items := []Annotation{okAnnotation(KindPolyline), okAnnotation(KindPolygon)}
	items[0].ID, items[0].Layer = 99, 77 // ignored: the items go on the new layer
	l, out, err := s.AddLayer("routes", items)
	if err != nil {
		t.Fatal(err)
	}
	if l.Name != "routes (2)" || l.Order != 1 || len(out) != 2 || out[0].Layer != l.ID || out[1].Layer != l.ID || out[0].ID == 99 {
		t.Errorf("layer %+v, items %+v", l, out)
	}
	if name, _ := s.UniqueLayerName("Routes"); name != "Routes (3)" {
		t.Errorf("UniqueLayerName = %q", name)
	}
	if name, _ := s.UniqueLayerName("Other"); name != "Other" {
		t.Errorf("UniqueLayerName = %q", name)
	}
	bad := okAnnotation(KindCircle)
	bad.Radius = -1
	if _, _, err := s.AddLayer("Broken", []Annotation{okAnnotation(KindMarker), bad}); err == nil {
		t.Fatal("invalid annotation accepted")
	}
	if ls, _ := s.Layers(); len(ls) != 2 {
		t.Errorf("a failed AddLayer left a layer: %+v", ls)
	}
	if all, _ := s.Annotations(); len(all) != 2 {
		t.Errorf("%d annotations, want 2", len(all))
	}
}

// A store written before annotations (schema 1) opens, is migrated, and
// takes annotations.
func TestSchema1StoreGainsAnnotationBuckets(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range []string{"meta", "events", "srcids", "strings", "actors", "imports"} {
			if _, err := tx.CreateBucket([]byte(name)); err != nil {
				return err
			}
		}
		var v [4]byte
		binary.BigEndian.PutUint32(v[:], 1)
		return tx.Bucket([]byte("meta")).Put([]byte("schema"), v[:])
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	if _, err := Open(path, Options{ReadOnly: true}); !errors.Is(err, ErrOlderSchema) || !strings.Contains(err.Error(), "schema version 1") {
		t.Errorf("read-only open of schema 1: %v", err)
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if v, err := s.Schema(); v != SchemaVersion || err != nil {
		t.Errorf("schema %d %v", v, err)
	}
	if ls, err := s.Layers(); len(ls) != 0 || err != nil {
		t.Errorf("layers %v %v", ls, err)
	}
	layer := addTestLayer(t, s, "New")
	a := okAnnotation(KindMarker)
	a.Layer = layer
	if _, err := s.ApplyAnnotations([]Annotation{a}, nil); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	if all, err := s.Annotations(); len(all) != 1 || err != nil || all[0].Points[0] != (orb.Point{71.0916, 34.1045}) {
		t.Errorf("after reopening: %+v %v", all, err)
	}
}
