package data

import (
	"errors"
	"fmt"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

// storeContents returns the stored annotations without their Modified
// times (which every write, undo and redo sets).
func storeContents(t *testing.T, s *Store) []Annotation {
	t.Helper()
	all, err := s.Annotations()
	if err != nil {
		t.Fatal(err)
	}
	for i := range all {
		all[i].Modified = time.Time{}
	}
	return all
}

// withoutModified returns copies of as in ID order, without Modified.
func withoutModified(as ...Annotation) []Annotation {
	out := make([]Annotation, len(as))
	for i, a := range as {
		out[i] = a.Clone()
		out[i].Modified = time.Time{}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	if len(out) == 0 {
		return nil
	}
	return out
}

// Create → edit style → move → delete, undo four times, redo twice: after
// every step the store holds exactly the annotations it should, with
// stable IDs and creation times, also after reopening.
func TestAnnotationHistorySequence(t *testing.T) {
	s := openTemp(t)
	layer := addTestLayer(t, s, "Work")
	h := NewAnnotationHistory(s)
	// check compares the store with want, then closes and reopens it and
	// compares again: every step is on disk.
	check := func(step string, want ...Annotation) {
		t.Helper()
		w := withoutModified(want...)
		if got := storeContents(t, s); !reflect.DeepEqual(got, w) {
			t.Fatalf("after %s the store holds\n%+v\nwant\n%+v", step, got, w)
		}
		s = reopen(t, s)
		h.store = s
		if got := storeContents(t, s); !reflect.DeepEqual(got, w) {
			t.Fatalf("after %s and reopening, the store holds\n%+v\nwant\n%+v", step, got, w)
		}
	}
	poly, marker := okAnnotation(KindPolygon), okAnnotation(KindMarker)
	poly.Layer, marker.Layer = layer, layer

	create, err := h.Do(AnnotationChange{Label: "Draw", After: []Annotation{poly, marker}})
	if err != nil {
		t.Fatal(err)
	}
	p0, m0 := create.After[0], create.After[1]
	if p0.ID == 0 || m0.ID == 0 || p0.Created.IsZero() {
		t.Fatalf("created %+v", create.After)
	}
	check("create", p0, m0)

	p1 := p0.Clone()
	p1.Style.Stroke, p1.Style.Dash = "#00ff00", DashDotted
	if _, err := h.Do(AnnotationChange{Label: "Edit style", Before: []Annotation{p0}, After: []Annotation{p1}}); err != nil {
		t.Fatal(err)
	}
	check("edit style", p1, m0)

	p2 := p1.Clone()
	for i := range p2.Points {
		p2.Points[i] = orb.Point{p2.Points[i][0] + 0.5, p2.Points[i][1] - 0.25}
	}
	if _, err := h.Do(AnnotationChange{Label: "Move", Before: []Annotation{p1}, After: []Annotation{p2}}); err != nil {
		t.Fatal(err)
	}
	check("move", p2, m0)

	if _, err := h.Do(AnnotationChange{Label: "Delete", Before: []Annotation{p2}}); err != nil {
		t.Fatal(err)
	}
	check("delete", m0)
	if h.UndoLabel() != "Delete" || h.RedoLabel() != "" {
		t.Errorf("labels %q %q", h.UndoLabel(), h.RedoLabel())
	}

	for i, want := range [][]Annotation{{p2, m0}, {p1, m0}, {p0, m0}, nil} {
		c, err := h.Undo()
		if err != nil {
			t.Fatalf("undo %d: %v", i+1, err)
		}
		check(fmt.Sprintf("undo %d (%s)", i+1, c.Label), want...)
	}
	if _, err := h.Undo(); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("undo past the start: %v", err)
	}
	if h.UndoLabel() != "" || h.RedoLabel() != "Draw" {
		t.Errorf("labels %q %q", h.UndoLabel(), h.RedoLabel())
	}
	for i, want := range [][]Annotation{{p0, m0}, {p1, m0}} {
		c, err := h.Redo()
		if err != nil {
			t.Fatalf("redo %d: %v", i+1, err)
		}
		check(fmt.Sprintf("redo %d (%s)", i+1, c.Label), want...)
	}
	if h.UndoLabel() != "Edit style" || h.RedoLabel() != "Move" {
		t.Errorf("labels %q %q", h.UndoLabel(), h.RedoLabel())
	}

	// Every step was committed: a reopened store holds the same.
	s = reopen(t, s)
	if got, w := storeContents(t, s), withoutModified(p1, m0); !reflect.DeepEqual(got, w) {
		t.Fatalf("after reopening\n%+v\nwant\n%+v", got, w)
	}

	// A new change clears the redo list.
	h = NewAnnotationHistory(s)
	m1 := m0.Clone()
	m1.Label = "renamed"
	if _, err := h.Do(AnnotationChange{Label: "Rename", Before: []Annotation{m0}, After: []Annotation{m1}}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Undo(); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Do(AnnotationChange{Label: "Rename again", Before: []Annotation{m0}, After: []Annotation{m1}}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Redo(); !errors.Is(err, ErrNothingToRedo) {
		t.Errorf("redo after a new change: %v", err)
	}
}

func TestAnnotationHistoryFailuresAndLimit(t *testing.T) {
	s := openTemp(t)
	layer := addTestLayer(t, s, "L")
	h := NewAnnotationHistory(s)
	h.Limit = 3
	a := okAnnotation(KindText)
	a.Layer = layer
	c, err := h.Do(AnnotationChange{Label: "Add", After: []Annotation{a}})
	if err != nil {
		t.Fatal(err)
	}
	prev := c.After[0]
	for i := range 5 {
		next := prev.Clone()
		next.Label = fmt.Sprint(i)
		if _, err := h.Do(AnnotationChange{Label: fmt.Sprint("Edit ", i), Before: []Annotation{prev}, After: []Annotation{next}}); err != nil {
			t.Fatal(err)
		}
		prev = next
	}
	undone := 0
	for ; ; undone++ {
		if _, err := h.Undo(); err != nil {
			break
		}
	}
	if undone != 3 {
		t.Errorf("undid %d changes, limit 3", undone)
	}
	if got := storeContents(t, s); len(got) != 1 || got[0].Label != "1" {
		t.Errorf("after undoing to the limit: %+v", got)
	}

	// A change that fails to apply is not recorded, and nothing is written.
	bad := prev.Clone()
	bad.Points = nil
	if _, err := h.Do(AnnotationChange{Label: "Break", Before: []Annotation{prev}, After: []Annotation{bad}}); err == nil {
		t.Fatal("invalid change applied")
	}
	if h.UndoLabel() != "" {
		t.Errorf("failed change recorded: %q", h.UndoLabel())
	}
	// Undo of a change to an annotation whose layer was deleted fails and
	// keeps the change for later, writing nothing.
	if _, err := h.Redo(); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteLayer(layer); err != nil {
		t.Fatal(err)
	}
	label := h.UndoLabel()
	if _, err := h.Undo(); err == nil {
		t.Error("undo onto a deleted layer succeeded")
	}
	if h.UndoLabel() != label || len(storeContents(t, s)) != 0 {
		t.Errorf("failed undo changed the history (%q) or the store", h.UndoLabel())
	}
}
