package data

import (
	"errors"
	"fmt"
)

// AnnotationChange is one undoable edit: the annotations as they were
// (Before) and as they become (After), matched by ID. An annotation only
// in After is created, one only in Before is deleted. After's annotations
// with ID 0 are new; Do fills in their IDs. Layers work the same way
// (LayersBefore, LayersAfter): deleting a layer is a change whose Before
// holds the layer and its annotations and whose After is empty, so undo
// brings both back.
type AnnotationChange struct {
	// Label names the edit for the Edit menu ("Draw circle", "Delete").
	Label                     string
	Before, After             []Annotation
	LayersBefore, LayersAfter []Layer
}

// TouchesLayers reports whether c creates, changes or deletes a layer.
func (c AnnotationChange) TouchesLayers() bool {
	return len(c.LayersBefore)+len(c.LayersAfter) > 0
}

// ErrNothingToUndo and ErrNothingToRedo are returned by Undo and Redo on
// an empty history.
var (
	ErrNothingToUndo = errors.New("nothing to undo")
	ErrNothingToRedo = errors.New("nothing to redo")
)

// AnnotationHistory applies annotation edits to a store, each in its own
// transaction, and keeps them for undo and redo. It is not safe for
// concurrent use.
type AnnotationHistory struct {
	store *Store
	stack undoStack[AnnotationChange]
	// Limit caps the undo depth (0 means 200).
	Limit int
}

// NewAnnotationHistory returns an empty history writing to s.
func NewAnnotationHistory(s *Store) *AnnotationHistory {
	return &AnnotationHistory{store: s}
}

// apply writes the move from "from" to "to": puts to's layers and
// annotations, deletes what is in from but not in to. It returns the
// stored copies of to's layers and annotations.
func (h *AnnotationHistory) apply(fromLayers, toLayers []Layer, from, to []Annotation) ([]Layer, []Annotation, error) {
	return h.store.ApplyLayersAndAnnotations(toLayers, removedIDs(fromLayers, toLayers), to, removedIDs(from, to))
}

// identified is a record with a store ID (layers, annotations).
type identified interface{ recordID() uint64 }

func (l Layer) recordID() uint64      { return l.ID }
func (a Annotation) recordID() uint64 { return a.ID }

// removedIDs returns the IDs in from that to does not keep.
func removedIDs[T identified](from, to []T) []uint64 {
	keep := make(map[uint64]bool, len(to))
	for _, r := range to {
		if id := r.recordID(); id != 0 {
			keep[id] = true
		}
	}
	var dels []uint64
	for _, r := range from {
		if id := r.recordID(); id != 0 && !keep[id] {
			dels = append(dels, id)
		}
	}
	return dels
}

// Do applies c and records it; it returns c as stored (new annotations
// with their IDs). The redo list is cleared.
func (h *AnnotationHistory) Do(c AnnotationChange) (AnnotationChange, error) {
	layers, after, err := h.apply(c.LayersBefore, c.LayersAfter, c.Before, c.After)
	if err != nil {
		return c, fmt.Errorf("%s: %w", c.Label, err)
	}
	c.After, c.LayersAfter = after, layers
	c.Before = cloneAll(c.Before)
	c.LayersBefore = append([]Layer(nil), c.LayersBefore...)
	h.stack.push(c, h.Limit)
	return c, nil
}

// Undo reverts the last change and returns it.
func (h *AnnotationHistory) Undo() (AnnotationChange, error) {
	c, ok := h.stack.nextUndo()
	if !ok {
		return c, ErrNothingToUndo
	}
	if _, _, err := h.apply(c.LayersAfter, c.LayersBefore, c.After, c.Before); err != nil {
		return c, fmt.Errorf("undo %s: %w", c.Label, err)
	}
	h.stack.undone()
	return c, nil
}

// Redo reapplies the last undone change and returns it.
func (h *AnnotationHistory) Redo() (AnnotationChange, error) {
	c, ok := h.stack.nextRedo()
	if !ok {
		return c, ErrNothingToRedo
	}
	if _, _, err := h.apply(c.LayersBefore, c.LayersAfter, c.Before, c.After); err != nil {
		return c, fmt.Errorf("redo %s: %w", c.Label, err)
	}
	h.stack.redone()
	return c, nil
}

// UndoLabel and RedoLabel name the change Undo or Redo would apply ("" when
// there is none), for menu items.
func (h *AnnotationHistory) UndoLabel() string {
	c, _ := h.stack.nextUndo()
	return c.Label
}

// RedoLabel names the change Redo would apply ("" when there is none).
func (h *AnnotationHistory) RedoLabel() string {
	c, _ := h.stack.nextRedo()
	return c.Label
}

func cloneAll(as []Annotation) []Annotation {
	out := make([]Annotation, len(as))
	for i := range as {
		out[i] = as[i].Clone()
	}
	return out
}
