package app

import (
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"frontier/mapview"
)

// Edit menu shortcuts. Undo and Redo use Fyne's own ShortcutUndo (Ctrl+Z)
// and ShortcutRedo (Ctrl+Y), the shortcuts the desktop driver makes of
// those keys and that widget.Entry handles.
//
// How they meet a focused text entry (Fyne 2.7.1): the desktop driver
// offers a shortcut to the main menu first, then to the focused widget,
// then to the canvas. So Ctrl+Z always reaches the Edit menu's Undo, and
// undoCommand hands it to the focused entry when there is one: while the
// label or notes field is being typed in, Ctrl+Z undoes the typing, as it
// would without the menu; with no text field focused it undoes the last
// annotation change. (macOS's native menu catches key equivalents before
// the window, which the same rule covers.) Ctrl+Shift+Z is not on the menu:
// it is a canvas shortcut, which the driver only fires when no
// shortcut-handling widget (an entry) is focused. Enter in a single-line
// field commits it and leaves the field, so the next Ctrl+Z undoes the
// committed change.
//
// Delete is a plain key, not a shortcut: the map handles it when focused
// (the Deleted callback) and the canvas when nothing is focused. Its menu
// item shows the key except on macOS, where the native menu would take the
// key from text fields.
var (
	shortcutRedoShiftZ = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutDuplicate  = &desktop.CustomShortcut{KeyName: fyne.KeyD, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutDeleteKey  = &desktop.CustomShortcut{KeyName: fyne.KeyDelete}
)

// annotMenu is the annotation part of the Edit menu.
type annotMenu struct {
	undo, redo, del, dup *fyne.MenuItem
}

// newMenu builds the Edit menu's annotation items.
func (a *annotUI) newMenu() annotMenu {
	m := annotMenu{
		undo: fyne.NewMenuItem("Undo", a.undoCommand),
		redo: fyne.NewMenuItem("Redo", a.redoCommand),
		del:  fyne.NewMenuItem("Delete Annotation", a.deleteCommand),
		dup:  fyne.NewMenuItem("Duplicate Annotation", a.duplicateSelected),
	}
	m.undo.Shortcut = &fyne.ShortcutUndo{}
	m.redo.Shortcut = &fyne.ShortcutRedo{}
	m.dup.Shortcut = shortcutDuplicate
	if runtime.GOOS != "darwin" {
		m.del.Shortcut = shortcutDeleteKey // shown only: plain keys never trigger menu items
	}
	for _, it := range []*fyne.MenuItem{m.undo, m.redo, m.del, m.dup} {
		it.Disabled = true
	}
	return m
}

// shortcuts are the canvas shortcuts of the Edit menu's commands, for
// drivers that do not route menu shortcuts (and the test driver), plus
// Ctrl+Shift+Z for Redo.
func (a *annotUI) shortcuts() map[fyne.Shortcut]func() {
	return map[fyne.Shortcut]func(){
		&fyne.ShortcutUndo{}: a.undoCommand,
		&fyne.ShortcutRedo{}: a.redoCommand,
		shortcutRedoShiftZ:   a.redoCommand,
		shortcutDuplicate:    a.duplicateSelected,
	}
}

// undoCommand is Edit → Undo: a focused text entry undoes its own typing,
// else (no entry focused, or one with no typing left to undo, such as a
// date field that was filled in and submitted) the most recent change is
// undone: an annotation change or an event change (add, edit, move,
// delete, merge, tag, actor edit), whichever came last (curate.go keeps
// the shared order).
func (a *annotUI) undoCommand() {
	if e := a.focusedText(); e != nil {
		before := editorText(e)
		e.Undo()
		if editorText(e) != before {
			return
		}
	}
	a.u.undoAny()
}

// redoCommand is Edit → Redo, with the same rule as undoCommand.
func (a *annotUI) redoCommand() {
	if e := a.focusedText(); e != nil {
		before := editorText(e)
		e.Redo()
		if editorText(e) != before {
			return
		}
	}
	a.u.redoAny()
}

// deleteCommand is Edit → Delete Annotation.
func (a *annotUI) deleteCommand() {
	if a.focusedText() != nil {
		return // never delete an annotation while its text is being edited
	}
	a.deleteSelected()
}

// updateMenu names the changes Undo and Redo would apply and enables the
// items that apply.
func (a *annotUI) updateMenu() {
	m := a.menu
	_, undo := a.u.undoKind()
	_, redo := a.u.redoKind()
	m.undo.Label, m.undo.Disabled = joinLabel("Undo", undo), undo == ""
	m.redo.Label, m.redo.Disabled = joinLabel("Redo", redo), redo == ""
	cur, sel := a.selected()
	m.dup.Disabled = !sel
	m.del.Disabled = !sel || !a.editable(&cur)
	a.u.updateCurateMenu() // the event commands follow the store being bound
	if mm := a.u.win.MainMenu(); mm != nil {
		mm.Refresh()
	}
}

func joinLabel(verb, what string) string {
	if what == "" {
		return verb
	}
	return verb + " " + what
}

// toolKeys are the tools' keys, as the toolbar's tooltips name them.
var toolKeys = map[rune]mapview.Tool{
	'v': mapview.ToolNavigate, 'm': mapview.ToolMarker, 't': mapview.ToolText,
	'l': mapview.ToolPolyline, 'a': mapview.ToolArrow, 'p': mapview.ToolPolygon,
	'r': mapview.ToolRectangle, 'c': mapview.ToolCircle, 'f': mapview.ToolFreehand,
	'b': mapview.ToolRangeBearing, 'd': mapview.ToolMeasure,
}

// typedRune picks a tool by its key when no widget has the keyboard (the
// map handles the same keys when it is focused).
func (a *annotUI) typedRune(r rune) {
	if r >= 'A' && r <= 'Z' {
		r += 'a' - 'A'
	}
	if t, ok := toolKeys[r]; ok {
		a.setTool(t)
	}
}

// typedKey handles Delete (the selected annotation) and Escape (back to
// navigating) when no widget has the keyboard; it reports whether it
// used the key.
func (a *annotUI) typedKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyDelete:
		if _, ok := a.selected(); ok {
			a.deleteSelected()
			return true
		}
	case fyne.KeyEscape:
		if a.m.Tool() != mapview.ToolNavigate {
			a.setTool(mapview.ToolNavigate)
			return true
		}
	}
	return false
}
