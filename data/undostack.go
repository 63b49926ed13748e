package data

// undoStack is the undo and redo lists of a history: changes already
// applied, newest last, and the changes undone since, newest last.
type undoStack[C any] struct {
	undo, redo []C
}

// defaultUndoLimit is the undo depth when a history's Limit is 0.
const defaultUndoLimit = 200

// push records an applied change, dropping the oldest beyond limit (0:
// defaultUndoLimit), and clears the redo list.
func (u *undoStack[C]) push(c C, limit int) {
	if limit <= 0 {
		limit = defaultUndoLimit
	}
	u.undo = append(u.undo, c)
	if len(u.undo) > limit {
		u.undo = append(u.undo[:0:0], u.undo[len(u.undo)-limit:]...)
	}
	clear(u.redo)
	u.redo = u.redo[:0]
}

// nextUndo is the change Undo would revert.
func (u *undoStack[C]) nextUndo() (c C, ok bool) {
	if len(u.undo) == 0 {
		return c, false
	}
	return u.undo[len(u.undo)-1], true
}

// nextRedo is the change Redo would apply again.
func (u *undoStack[C]) nextRedo() (c C, ok bool) {
	if len(u.redo) == 0 {
		return c, false
	}
	return u.redo[len(u.redo)-1], true
}

// undone moves the next undo to the redo list, once it is reverted.
func (u *undoStack[C]) undone() {
	c := u.undo[len(u.undo)-1]
	u.undo = u.undo[:len(u.undo)-1]
	u.redo = append(u.redo, c)
}

// redone moves the next redo back to the undo list, once it is applied.
func (u *undoStack[C]) redone() {
	c := u.redo[len(u.redo)-1]
	u.redo = u.redo[:len(u.redo)-1]
	u.undo = append(u.undo, c)
}
