package data

import "fmt"

// EventHistory applies curation changes (event adds, edits, moves,
// deletes, merges, tags, actor and group edits) to a store, each in its
// own transaction, and keeps them for undo and redo. Build a change with
// one of the Store's …Change methods (or AddEventChange) and pass it to
// Do. It is not safe for concurrent use.
type EventHistory struct {
	store *Store
	stack undoStack[EventChange]
	// Limit caps the undo depth (0 means 200).
	Limit int
}

// NewEventHistory returns an empty history writing to s.
func NewEventHistory(s *Store) *EventHistory { return &EventHistory{store: s} }

// Do applies c and records it; it returns c as stored (new events with
// their IDs). The redo list is cleared. An empty change is not recorded.
func (h *EventHistory) Do(c EventChange) (EventChange, error) {
	if c.IsEmpty() {
		return c, nil
	}
	c, err := h.store.Apply(c)
	if err != nil {
		return c, err
	}
	h.push(c)
	return c, nil
}

// Record puts a change that was already applied (as TakeIncoming returns
// one) on the undo list.
func (h *EventHistory) Record(c EventChange) {
	if !c.IsEmpty() {
		h.push(c)
	}
}

func (h *EventHistory) push(c EventChange) { h.stack.push(c, h.Limit) }

// Undo reverts the last change and returns it.
func (h *EventHistory) Undo() (EventChange, error) {
	c, ok := h.stack.nextUndo()
	if !ok {
		return c, ErrNothingToUndo
	}
	if err := h.store.Revert(c); err != nil {
		return c, fmt.Errorf("undo: %w", err)
	}
	h.stack.undone()
	return c, nil
}

// Redo reapplies the last undone change and returns it.
func (h *EventHistory) Redo() (EventChange, error) {
	c, ok := h.stack.nextRedo()
	if !ok {
		return c, ErrNothingToRedo
	}
	if _, err := h.store.applyChange(&c, false, "Redo "+c.Label); err != nil {
		return c, fmt.Errorf("redo: %w", err)
	}
	h.stack.redone()
	return c, nil
}

// UndoLabel names the change Undo would revert ("" when there is none),
// for menu items.
func (h *EventHistory) UndoLabel() string {
	c, _ := h.stack.nextUndo()
	return c.Label
}

// RedoLabel names the change Redo would apply ("" when there is none).
func (h *EventHistory) RedoLabel() string {
	c, _ := h.stack.nextRedo()
	return c.Label
}
