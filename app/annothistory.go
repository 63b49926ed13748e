package app

import (
	"fmt"

	"frontier/data"
)

// The annotation edits' one path to the store: every change is applied
// through the annotation history (one fsync'd transaction) before the map
// and panels show what was stored, and undo and redo walk it back.

// change applies c durably (see annotUI), then shows the stored result with
// the annotation sel picks selected. On error nothing changes and a dialog
// names the action.
func (a *annotUI) change(c data.AnnotationChange, sel func(stored data.AnnotationChange) uint64) bool {
	if a.doc == nil {
		a.fail(fmt.Errorf("%s: %w", c.Label, errNoStore))
		a.push()
		return false
	}
	if err := a.u.readOnlyErr(c.Label); err != nil {
		a.fail(err)
		a.push()
		return false
	}
	stored, err := a.doc.hist.Do(c)
	if err != nil {
		a.fail(err) // the history's error starts with c.Label
		a.push()    // the map drops its draft and shows the stored state
		return false
	}
	a.u.noteAnnotationChange() // Edit → Undo's order across annotations and events
	if err := a.reload(c); err != nil {
		a.fail(fmt.Errorf("%s: saved, but %w", c.Label, err))
	}
	a.doc.selected = sel(stored)
	if _, ok := a.doc.item(a.doc.selected); !ok {
		a.doc.selected = 0
	}
	a.refresh()
	return true
}

// reload reads back what change c (done, undone or redone) stored: the
// annotations, and the layers when c touched them, keeping an active layer
// that exists.
func (a *annotUI) reload(c data.AnnotationChange) error {
	if c.TouchesLayers() {
		if err := a.doc.reloadLayers(); err != nil {
			return err
		}
		if _, ok := a.doc.layer(a.doc.active); !ok {
			a.doc.setActive(a.doc.rememberedActive())
		}
	}
	return a.doc.reloadItems()
}

// keepSelection keeps the current selection after a change.
func (a *annotUI) keepSelection(data.AnnotationChange) uint64 { return a.doc.selected }

// selectNew selects the first annotation the change created.
func selectNew(c data.AnnotationChange) uint64 {
	if len(c.After) > 0 {
		return c.After[0].ID
	}
	return 0
}

// selectNone clears the selection after a change.
func selectNone(data.AnnotationChange) uint64 { return 0 }

// undo reverts the last change and selects what it restored.
func (a *annotUI) undo() bool {
	if a.doc == nil || a.doc.hist.UndoLabel() == "" {
		return false
	}
	a.props.flush()
	c, err := a.doc.hist.Undo()
	a.afterHistory(c, c.Before, err)
	return err == nil
}

// redo reapplies the last undone change and selects what it restored.
func (a *annotUI) redo() bool {
	if a.doc == nil || a.doc.hist.RedoLabel() == "" {
		return false
	}
	a.props.flush()
	c, err := a.doc.hist.Redo()
	a.afterHistory(c, c.After, err)
	return err == nil
}

// afterHistory shows the store after an undo or redo that restored
// restored.
func (a *annotUI) afterHistory(c data.AnnotationChange, restored []data.Annotation, err error) {
	if err != nil {
		a.fail(err) // names the action ("undo Draw circle: …")
		a.push()
		return
	}
	if err := a.reload(c); err != nil {
		a.fail(err)
	}
	a.doc.selected = 0
	for _, an := range restored {
		if _, ok := a.doc.item(an.ID); ok {
			a.doc.selected = an.ID
			break
		}
	}
	a.refresh()
}
