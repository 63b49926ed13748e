package app

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
)

// notesDelay is how long the speaker notes editor waits after the last
// keystroke before it saves (it also saves when it loses the keyboard).
const notesDelay = 2 * time.Second

// emptyDeckText is what the Views tab says before the first view.
const emptyDeckText = "No saved views yet. Set up the map, filters and time window, then Add to keep them as a view."

// viewsPanel is the Views tab: the deck of saved views, each with its
// title and date window; tap one to fly to it. Add captures the current
// state under a new title; Rename, Update (from the current state) and
// Delete act on the selected view; drag a view by its handle (or use
// Up/Down, Alt+↑/↓) to reorder the deck. The selected view's speaker
// notes are edited below the list. Every change is stored (one bbolt
// transaction) before the panel shows it.
type viewsPanel struct {
	b    *briefing
	deck []data.View
	sel  uint64 // the selected view's ID (0 for none)

	list                                        *fyne.Container
	scroll                                      *container.Scroll
	rows                                        []*viewRow
	marker                                      *canvas.Rectangle // where a dragged view would land
	empty                                       *widget.Label
	add, rename, update, del, up, down, present *widget.Button
	notes                                       *notesEntry
	notesFor                                    uint64 // the view the editor holds
	notesGen                                    uint64 // bumped per edit; stale saves do nothing
	notesDelay                                  time.Duration
	content                                     fyne.CanvasObject
	drag                                        deckDrag
	// What the last dialogs said, and the last one shown (tests).
	lastConfirm, lastAsk string
	lastDialog           dialog.Dialog
}

func newViewsPanel(b *briefing) *viewsPanel {
	p := &viewsPanel{b: b, list: container.NewVBox(), notesDelay: notesDelay}
	p.empty = widget.NewLabel(emptyDeckText)
	p.empty.Wrapping = fyne.TextWrapWord
	p.marker = canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	p.marker.Hide()
	p.add = widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), p.askAdd)
	p.rename = widget.NewButtonWithIcon("Rename", theme.DocumentCreateIcon(), p.askRename)
	p.update = widget.NewButtonWithIcon("Update", theme.ViewRefreshIcon(), func() { p.updateView(p.sel) })
	p.del = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), p.confirmDelete)
	p.up = widget.NewButtonWithIcon("Up", theme.MoveUpIcon(), func() { p.move(-1) })
	p.down = widget.NewButtonWithIcon("Down", theme.MoveDownIcon(), func() { p.move(1) })
	p.present = widget.NewButtonWithIcon("Present", theme.MediaPlayIcon(), b.presentCurrent)
	p.present.Importance = widget.HighImportance
	p.notes = newNotesEntry()
	p.notes.SetPlaceHolder("Speaker notes for the selected view")
	p.notes.SetMinRowsVisible(5)
	p.notes.onLeave = p.flushNotes
	p.notes.OnChanged = func(string) { p.notesEdited() }

	title := widget.NewLabelWithStyle("Saved views", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hint := widget.NewLabel("Tap a view to go to it. Drag ≡ to reorder. F5 presents the deck.")
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	buttons := container.NewGridWithColumns(3, p.add, p.rename, p.update, p.del, p.up, p.down)
	notesTitle := widget.NewLabelWithStyle("Speaker notes", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	bottom := container.NewVBox(widget.NewSeparator(), buttons, p.present, notesTitle, p.notes, hint)
	listArea := container.NewStack(container.NewVBox(p.empty, p.list), container.NewWithoutLayout(p.marker))
	p.scroll = container.NewVScroll(listArea)
	p.content = container.NewBorder(title, bottom, nil, nil, p.scroll)
	p.refresh()
	return p
}

// reload reads the deck from the store and shows it.
func (p *viewsPanel) reload() {
	st := p.b.store()
	if st == nil {
		p.deck = nil
		p.refresh()
		return
	}
	deck, err := st.Views()
	if err != nil {
		p.b.fail(fmt.Errorf("read the saved views: %w", err))
	}
	p.deck = deck
	if p.index(p.sel) < 0 {
		p.sel = 0
	}
	p.refresh()
}

// refresh lists the deck as last read.
func (p *viewsPanel) refresh() {
	hasStore := p.b.store() != nil
	if hasStore {
		p.empty.SetText(emptyDeckText)
	} else {
		p.empty.SetText("Saved views need a store: none is open.")
	}
	p.empty.Hidden = len(p.deck) > 0
	// Rows are reused: a tap that saves the notes (the editor loses the
	// keyboard) must still land on the row it pressed.
	for i, v := range p.deck {
		if i < len(p.rows) {
			p.rows[i].set(i, v)
			continue
		}
		r := newViewRow(p, i, v)
		p.rows = append(p.rows, r)
		p.list.Add(r)
	}
	for len(p.rows) > len(p.deck) {
		p.list.Remove(p.rows[len(p.rows)-1])
		p.rows = p.rows[:len(p.rows)-1]
	}
	i := p.selectedIndex()
	setEnabled(p.add, hasStore)
	for _, btn := range []*widget.Button{p.rename, p.update, p.del} {
		setEnabled(btn, i >= 0)
	}
	setEnabled(p.up, i > 0)
	setEnabled(p.down, i >= 0 && i < len(p.deck)-1)
	setEnabled(p.present, len(p.deck) > 0)
	if p.sel != p.notesFor {
		p.notesFor = p.sel
		p.notesGen++
		text := ""
		if i >= 0 {
			text = p.deck[i].Notes
		}
		on := p.notes.OnChanged
		p.notes.OnChanged = nil // loading is not an edit
		p.notes.SetText(text)
		p.notes.OnChanged = on
	}
	if i >= 0 && p.b.u.readOnlyErr("") == nil { // a read-only copy shows the notes only
		p.notes.Enable()
	} else {
		p.notes.Disable()
	}
	p.scroll.Content.Refresh() // lays the list out again (rows came or went)
	p.scroll.Refresh()
	if !p.b.pres.active {
		p.b.notes.showSelected()
	}
}

// index returns the deck position of view id (-1 when absent).
func (p *viewsPanel) index(id uint64) int {
	if id == 0 {
		return -1
	}
	return slices.IndexFunc(p.deck, func(v data.View) bool { return v.ID == id })
}

// selectedIndex is the selected view's deck position (-1 for none).
func (p *viewsPanel) selectedIndex() int { return p.index(p.sel) }

// row returns the line of the view titled title (nil when none).
func (p *viewsPanel) row(title string) *viewRow {
	for _, r := range p.rows {
		if r.view.Title == title {
			return r
		}
	}
	return nil
}

// choose selects view id and flies to it.
func (p *viewsPanel) choose(id uint64) {
	p.flushNotes()
	i := p.index(id)
	if i < 0 {
		return
	}
	p.sel = id
	p.refresh()
	v := p.deck[i]
	p.b.flyToView(&v, nil)
}

// titleValidator refuses blank titles.
func titleValidator(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("a view needs a title")
	}
	return nil
}

// askAdd asks for the new view's title.
func (p *viewsPanel) askAdd() {
	if p.b.refuseWrite("Saving a view") {
		return
	}
	e := widget.NewEntry()
	e.SetText(fmt.Sprintf("View %d", len(p.deck)+1))
	e.Validator = titleValidator
	p.lastAsk = "Save the current view"
	p.askTitle(p.lastAsk, "Save", e, p.addView)
}

// askTitle shows a form asking for a view title in e, then tells done.
// The title starts selected, so typing replaces it.
func (p *viewsPanel) askTitle(title, confirm string, e *widget.Entry, done func(string)) {
	d := dialog.NewForm(title, confirm, "Cancel", []*widget.FormItem{widget.NewFormItem("Title", e)},
		func(ok bool) {
			if ok {
				done(e.Text)
			}
		}, p.b.u.win)
	e.OnSubmitted = func(string) { d.Submit() } // Enter saves
	d.Resize(fyne.NewSize(460, d.MinSize().Height))
	p.lastDialog = d
	d.Show()
	p.b.u.win.Canvas().Focus(e)
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// addView stores the current state as a new view at the end of the deck
// and selects it.
func (p *viewsPanel) addView(title string) {
	if p.b.refuseWrite("Saving a view") {
		return
	}
	st := p.b.store()
	title = strings.TrimSpace(title)
	if st == nil || title == "" {
		return
	}
	p.flushNotes()
	v := p.b.captureView()
	v.Title = title
	if err := st.PutView(&v); err != nil {
		p.b.fail(err)
		return
	}
	p.sel = v.ID
	p.reload()
}

// askRename asks for the selected view's new title.
func (p *viewsPanel) askRename() {
	if p.b.refuseWrite("Renaming a view") {
		return
	}
	i := p.selectedIndex()
	if i < 0 {
		return
	}
	v := p.deck[i]
	e := widget.NewEntry()
	e.SetText(v.Title)
	e.Validator = titleValidator
	p.lastAsk = fmt.Sprintf("Rename the view %q", v.Title)
	p.askTitle(p.lastAsk, "Rename", e, func(title string) { p.renameView(v.ID, title) })
}

// renameView retitles view id.
func (p *viewsPanel) renameView(id uint64, title string) {
	p.edit(id, "rename", func(v *data.View) bool {
		title = strings.TrimSpace(title)
		if title == "" || title == v.Title {
			return false
		}
		v.Title = title
		return true
	})
}

// updateView replaces view id's state by the current one, keeping its
// title, notes and place in the deck.
func (p *viewsPanel) updateView(id uint64) {
	cur := p.b.captureView()
	p.edit(id, "update", func(v *data.View) bool {
		v.CenterLon, v.CenterLat, v.Zoom = cur.CenterLon, cur.CenterLat, cur.Zoom
		v.Filter, v.Layers, v.Selected = cur.Filter, cur.Layers, cur.Selected
		return true
	})
}

// edit changes view id with fn and stores it (when fn reports a change).
func (p *viewsPanel) edit(id uint64, what string, fn func(*data.View) bool) {
	if p.b.refuseWrite(what) {
		return
	}
	st := p.b.store()
	i := p.index(id)
	if st == nil || i < 0 {
		return
	}
	p.flushNotes()
	i = p.index(id) // flushing notes may have reloaded the deck
	v := p.deck[i]
	if !fn(&v) {
		return
	}
	if err := st.PutView(&v); err != nil {
		p.b.fail(fmt.Errorf("%s view: %w", what, err))
	}
	p.reload()
}

// confirmDelete asks before deleting the selected view.
func (p *viewsPanel) confirmDelete() {
	if p.b.refuseWrite("Deleting a view") {
		return
	}
	i := p.selectedIndex()
	if i < 0 {
		return
	}
	v := p.deck[i]
	p.lastConfirm = fmt.Sprintf("Delete the view %q from the deck? This cannot be undone.", v.Title)
	d := dialog.NewConfirm("Delete view", p.lastConfirm, func(ok bool) {
		if ok {
			p.deleteView(v.ID)
		}
	}, p.b.u.win)
	d.SetConfirmText("Delete")
	p.lastDialog = d
	d.Show()
}

// deleteView removes view id from the deck.
func (p *viewsPanel) deleteView(id uint64) {
	if p.b.refuseWrite("Deleting a view") {
		return
	}
	st := p.b.store()
	if st == nil || p.index(id) < 0 {
		return
	}
	p.flushNotes()
	if err := st.DeleteView(id); err != nil {
		p.b.fail(err)
		return
	}
	if p.sel == id {
		p.sel = 0
	}
	p.reload()
}

// move moves the selected view one place up (dir −1) or down (1).
func (p *viewsPanel) move(dir int) {
	i := p.selectedIndex()
	if i < 0 {
		return
	}
	p.moveTo(i, i+dir)
}

// moveTo moves the view at deck position from to position to.
func (p *viewsPanel) moveTo(from, to int) {
	if p.b.refuseWrite("Reordering the views") {
		return
	}
	st := p.b.store()
	if st == nil || from < 0 || from >= len(p.deck) || to < 0 || to >= len(p.deck) || from == to {
		return
	}
	p.flushNotes()
	ids := make([]uint64, 0, len(p.deck))
	for _, v := range p.deck {
		ids = append(ids, v.ID)
	}
	id := ids[from]
	ids = slices.Insert(slices.Delete(ids, from, from+1), to, id)
	if err := st.ReorderViews(ids); err != nil {
		p.b.fail(err)
	}
	p.reload()
}

// notesEdited (re)starts the wait before the notes are saved.
func (p *viewsPanel) notesEdited() {
	p.notesGen++
	gen := p.notesGen
	if p.notesDelay <= 0 {
		return
	}
	time.AfterFunc(p.notesDelay, func() {
		p.b.u.st.post(func() {
			if gen == p.notesGen && !p.b.u.st.closed.Load() {
				p.flushNotes()
			}
		})
	})
}

// flushNotes saves the notes editor's text into its view when changed.
func (p *viewsPanel) flushNotes() {
	st := p.b.store()
	i := p.index(p.notesFor)
	if st == nil || i < 0 || p.deck[i].Notes == p.notes.Text {
		return
	}
	p.notesGen++
	v := p.deck[i]
	v.Notes = p.notes.Text
	if err := st.PutView(&v); err != nil {
		p.b.fail(fmt.Errorf("save the notes of %q: %w", v.Title, err))
		return
	}
	p.reload()
}

// notesEntry is the multi-line speaker notes editor; it tells onLeave
// when it loses the keyboard.
type notesEntry struct {
	widget.Entry
	onLeave func()
}

func newNotesEntry() *notesEntry {
	e := &notesEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// FocusLost saves the notes.
func (e *notesEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onLeave != nil {
		e.onLeave()
	}
}
