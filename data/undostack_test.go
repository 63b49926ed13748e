package data

import (
	"slices"
	"testing"
)

func TestUndoStack(t *testing.T) {
	var u undoStack[int]
	if _, ok := u.nextUndo(); ok {
		t.Fatal("an empty stack has something to undo")
	}
	for i := 1; i <= 5; i++ {
		u.push(i, 3)
	}
	if !slices.Equal(u.undo, []int{3, 4, 5}) {
		t.Fatalf("undo list %v, want the newest 3", u.undo)
	}
	u.undone()
	u.undone()
	if c, _ := u.nextRedo(); c != 4 || !slices.Equal(u.undo, []int{3}) {
		t.Fatalf("after two undos: next redo %d, undo list %v", c, u.undo)
	}
	u.redone()
	if c, _ := u.nextUndo(); c != 4 {
		t.Fatalf("after a redo the next undo is %d, want 4", c)
	}
	u.push(9, 3)
	if _, ok := u.nextRedo(); ok || !slices.Equal(u.undo, []int{3, 4, 9}) {
		t.Fatalf("a new change kept the redo list (undo %v)", u.undo)
	}
	var d undoStack[int]
	for i := range defaultUndoLimit + 5 {
		d.push(i, 0)
	}
	if len(d.undo) != defaultUndoLimit || d.undo[0] != 5 {
		t.Errorf("limit 0 keeps %d from %d", len(d.undo), d.undo[0])
	}
}
