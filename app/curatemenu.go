package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"frontier/data"
	"frontier/mapview"
)

// curateMenu is the event part of the Edit menu.
type curateMenu struct {
	add, edit, del, tags, dups, conflicts *fyne.MenuItem
}

// editItems are the Edit menu's items: Undo and Redo (across annotations
// and events), the event commands, the annotation commands, then tags,
// duplicates and conflicts.
func (u *mainUI) editItems() []*fyne.MenuItem {
	m := &u.curMenu
	m.add = fyne.NewMenuItem("Add Event…", func() { u.addEvent(nil) })
	m.add.Shortcut = shortcutAdd
	m.edit = fyne.NewMenuItem("Edit Event…", u.editSelectedEvent)
	m.del = fyne.NewMenuItem("Delete Selected Events", u.deleteSelectedEvents)
	m.tags = fyne.NewMenuItem("Tags…", u.showTags)
	m.tags.Shortcut = shortcutTags
	m.dups = fyne.NewMenuItem("Possible Duplicates…", u.showDuplicates)
	m.conflicts = fyne.NewMenuItem("Import Conflicts…", u.showConflicts)
	sep := fyne.NewMenuItemSeparator
	a := u.ann.menu
	return []*fyne.MenuItem{a.undo, a.redo, sep(), m.add, m.edit, m.del, sep(), a.del, a.dup,
		sep(), m.tags, m.dups, m.conflicts}
}

// updateCurateMenu enables the event commands that apply.
func (u *mainUI) updateCurateMenu() {
	m := u.curMenu
	if m.add == nil {
		return
	}
	noStore := u.sess.curation() == nil
	n := len(u.table.selectedRows())
	m.add.Disabled = noStore
	m.edit.Disabled = noStore || u.st.selected < 0
	m.del.Disabled = noStore || n == 0
	m.del.Label = "Delete Selected Event"
	if n > 1 {
		m.del.Label = fmt.Sprintf("Delete %d Selected Events", n)
	}
	for _, it := range []*fyne.MenuItem{m.tags, m.dups, m.conflicts} {
		it.Disabled = noStore
	}
	if mm := u.win.MainMenu(); mm != nil {
		mm.Refresh()
	}
}

// eventKey handles Delete on the selected events when no widget has the
// keyboard; it reports whether it used the key.
func (u *mainUI) eventKey(ev *fyne.KeyEvent) bool {
	if ev.Name != fyne.KeyDelete || len(u.table.selectedRows()) == 0 || u.sess.curation() == nil {
		return false
	}
	u.deleteSelectedEvents()
	return true
}

// addEvent opens the event form for a new event (at a place, or blank).
func (u *mainUI) addEvent(at *orb.Point) {
	if u.refuseWrite("Adding an event") {
		return
	}
	if u.sess.curation() == nil {
		u.fail(fmt.Errorf("add event: no writable store is open"))
		return
	}
	u.showEventForm(nil, at)
}

// editSelectedEvent opens the event form on the selected event.
func (u *mainUI) editSelectedEvent() { u.editEvent(u.st.selected) }

// editEvent opens the event form on row's event.
func (u *mainUI) editEvent(row int) {
	if row < 0 || row >= u.st.ix.Len() || u.sess.curation() == nil || u.refuseWrite("Editing an event") {
		return
	}
	e, err := u.sess.store.EventAt(u.st.ix.Start[row], u.st.ix.ID[row])
	if err != nil {
		u.fail(fmt.Errorf("edit event: %w", err))
		return
	}
	u.showEventForm(e, nil)
}

// deleteSelectedEvents deletes the selected events (the table's marked
// rows, or the one selected event); Edit → Undo brings them back.
func (u *mainUI) deleteSelectedEvents() {
	if u.refuseWrite("Deleting events") {
		return
	}
	u.deleteRows(u.table.selectedRows())
}

// deleteRows deletes the events of rows.
func (u *mainUI) deleteRows(rows []int32) {
	if len(rows) == 0 {
		return
	}
	ids := u.st.ix.IDs(rows)
	u.runCuration(func(s *data.Store, _ *data.Index) (data.EventChange, error) {
		return s.DeleteEventsChange(ids...)
	}, nil, nil)
}

// bindMapCuration wires the map's right-click menu, marker drags and
// Delete key to the event commands.
func (u *mainUI) bindMapCuration() {
	m := u.mapP.m
	m.OnSecondaryTap = u.mapContextMenu
	m.OnEventMoved = u.confirmMove
	m.OnDeleteEvent = func(row int) {
		if u.sess.curation() != nil {
			u.deleteSelectedEvents()
		}
	}
}

// mapContextMenu shows the map's right-click menu: Add event here, and
// on an event Edit, Delete and Tag it.
func (u *mainUI) mapContextMenu(t mapview.SecondaryTap) {
	if u.sess.curation() == nil {
		return
	}
	pt := t.Point
	items := []*fyne.MenuItem{fyne.NewMenuItem("Add Event Here…", func() { u.addEvent(&pt) })}
	if t.Row >= 0 {
		row := t.Row
		if row != u.st.selected {
			u.st.selectRow(row)
			u.mapP.m.SetSelected(row)
		}
		label := strings.TrimSpace(u.st.ix.Strings[u.st.ix.Location[row]])
		items = append(items, fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Edit Event "+label+"…", func() { u.editEvent(row) }),
			fyne.NewMenuItem("Tag Event…", func() { u.showTagsFor([]int32{int32(row)}) }),
			fyne.NewMenuItem("Delete Event", func() { u.deleteRows([]int32{int32(row)}) }))
	}
	u.lastContextMenu = fyne.NewMenu("", items...)
	widget.ShowPopUpMenuAtPosition(u.lastContextMenu, u.win.Canvas(), t.AbsolutePosition)
}

// confirmMove asks before moving an event whose marker was dragged to
// lon, lat, then moves it (undoable) or puts the marker back.
func (u *mainUI) confirmMove(row int, lon, lat float64) {
	m := u.mapP.m
	ix := u.st.ix
	if u.sess.curation() == nil || row < 0 || row >= ix.Len() {
		m.EndEventMove()
		return
	}
	id := ix.ID[row]
	oldLon, oldLat := data.InverseMercator(ix.X[row], ix.Y[row])
	dist, _ := data.GeoInverse(orb.Point{oldLon, oldLat}, orb.Point{lon, lat})
	msg := fmt.Sprintf("Move the event at %s (%s)\nfrom %.5f, %.5f\nto %.5f, %.5f (%s away)?",
		ix.Strings[ix.Location[row]], ix.RowDate(row), oldLat, oldLon, lat, lon, distanceText(dist))
	d := dialog.NewConfirm("Move event", msg, func(ok bool) {
		if !ok {
			m.EndEventMove()
			return
		}
		u.runCuration(func(s *data.Store, _ *data.Index) (data.EventChange, error) {
			return s.MoveEventChange(id, lat, lon)
		}, func(data.EventChange) uint64 { return id }, func(nu *mainUI, _ data.EventChange, err error) bool {
			if nu == nil {
				m.EndEventMove()
			}
			return false
		})
	}, u.win)
	d.SetConfirmText("Move")
	d.SetDismissText("Cancel")
	u.lastConfirm = d
	d.Show()
}

// distanceText formats metres as "850 m" or "12.4 km".
func distanceText(m float64) string {
	if m < 1000 {
		return fmt.Sprintf("%.0f m", m)
	}
	return fmt.Sprintf("%.1f km", m/1000)
}
