package data

import (
	"reflect"
	"testing"
)

// Creating, renaming and deleting a layer go through the history like any
// edit: undoing the deletion brings the layer back under its ID with its
// annotations, and every step is on disk.
func TestAnnotationHistoryLayers(t *testing.T) {
	s := openTemp(t)
	keep := addTestLayer(t, s, "Base")
	h := NewAnnotationHistory(s)
	layers := func(step string, want ...Layer) {
		t.Helper()
		s = reopen(t, s)
		h.store = s
		got, err := s.Layers()
		if err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 {
			want = nil
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("after %s the layers are\n%+v\nwant\n%+v", step, got, want)
		}
	}
	base := Layer{ID: keep, Name: "Base"}

	c, err := h.Do(AnnotationChange{Label: "New layer", LayersAfter: []Layer{{Name: "Strikes", Order: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	strikes := c.LayersAfter[0]
	if strikes.ID == 0 || strikes.ID == keep || !c.TouchesLayers() {
		t.Fatalf("new layer stored as %+v", c.LayersAfter)
	}
	layers("new layer", base, strikes)

	poly, marker := okAnnotation(KindPolygon), okAnnotation(KindMarker)
	poly.Layer, marker.Layer = strikes.ID, keep
	drawn, err := h.Do(AnnotationChange{Label: "Draw", After: []Annotation{poly, marker}})
	if err != nil {
		t.Fatal(err)
	}
	p, m := drawn.After[0], drawn.After[1]

	renamed := strikes
	renamed.Name = "Air strikes"
	if _, err := h.Do(AnnotationChange{Label: "Rename layer", LayersBefore: []Layer{strikes}, LayersAfter: []Layer{renamed}}); err != nil {
		t.Fatal(err)
	}
	layers("rename", base, renamed)

	if _, err := h.Do(AnnotationChange{Label: "Delete layer", LayersBefore: []Layer{renamed}, Before: []Annotation{p}}); err != nil {
		t.Fatal(err)
	}
	layers("delete", base)
	if got := storeContents(t, s); !reflect.DeepEqual(got, withoutModified(m)) {
		t.Fatalf("after deleting the layer the store holds %+v", got)
	}

	if _, err := h.Undo(); err != nil {
		t.Fatal(err)
	}
	layers("undo delete", base, renamed)
	if got := storeContents(t, s); !reflect.DeepEqual(got, withoutModified(p, m)) {
		t.Fatalf("undoing the deletion restored %+v, want the polygon back", got)
	}
	if _, err := h.Undo(); err != nil {
		t.Fatal(err)
	}
	layers("undo rename", base, strikes)
	if _, err := h.Redo(); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Redo(); err != nil {
		t.Fatal(err)
	}
	layers("redo rename and delete", base)
	for range 3 { // delete, rename, draw
		if _, err := h.Undo(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := h.Undo(); err != nil { // the new layer
		t.Fatal(err)
	}
	layers("undo everything", base)
	if got := storeContents(t, s); len(got) != 0 {
		t.Fatalf("after undoing everything the store holds %+v", got)
	}
}

// A layer deleted through ApplyLayersAndAnnotations takes with it any
// annotation the change did not list, as DeleteLayer does.
func TestApplyLayersDeletesStragglers(t *testing.T) {
	s := openTemp(t)
	id := addTestLayer(t, s, "Doomed")
	a := okAnnotation(KindMarker)
	a.Layer = id
	if _, err := s.ApplyAnnotations([]Annotation{a}, nil); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.ApplyLayersAndAnnotations(nil, []uint64{id}, nil, nil); err != nil {
		t.Fatal(err)
	}
	if got := storeContents(t, s); len(got) != 0 {
		t.Errorf("annotations left on a deleted layer: %+v", got)
	}
}

// ReorderLayers sets every layer's order in one transaction and refuses a
// list that does not name every layer.
func TestReorderLayers(t *testing.T) {
	s := openTemp(t)
	a, b, c := addTestLayer(t, s, "A"), addTestLayer(t, s, "B"), addTestLayer(t, s, "C")
	if err := s.ReorderLayers([]uint64{c, a, b}); err != nil {
		t.Fatal(err)
	}
	ls, _ := s.Layers()
	if len(ls) != 3 || ls[0].ID != c || ls[1].ID != a || ls[2].ID != b || ls[0].Order != 0 || ls[2].Order != 2 {
		t.Errorf("layers after reordering: %+v", ls)
	}
	if err := s.ReorderLayers([]uint64{a, b}); err == nil {
		t.Error("a list missing a layer was taken")
	}
	if err := s.ReorderLayers([]uint64{a, b, 99}); err == nil {
		t.Error("a list naming an unknown layer was taken")
	}
	if ls2, _ := s.Layers(); !reflect.DeepEqual(ls2, ls) {
		t.Errorf("a refused reorder changed the layers: %+v", ls2)
	}
}
