package app

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
	"frontier/mapview"
)

// briefing ties the saved views (the Views tab), presenter mode and the
// step-through to the main window. It lives on the UI goroutine.
//
// A saved view is the whole state a briefer returns to: the map's centre
// and zoom, the full filter with its time window, the annotation layers
// shown and the selected event. Applying one sets each part through the
// state's setters, so the map, timeline, table, chips and panels follow.
type briefing struct {
	u     *mainUI
	panel *viewsPanel
	fly   *flyer
	stage *stage
	pres  *presenter
	step  *stepper
	notes *notesWindow
	// stepBar sits under the event details: "Step from here".
	stepBar  *fyne.Container
	stepHere *widget.Button
	// overridden is the layer slice whose visibility a view set in
	// memory (nil for none). The store's Layer.Hidden is never written
	// by a view; a reload of the layers (any edit in the Layers tab)
	// ends the override.
	overridden []data.Layer
	loaded     bool // the deck has been read once
	// notesItem is View → Speaker Notes Window (checked while open).
	notesItem *fyne.MenuItem
	lastErr   error // the last error shown (tests read it)
}

func newBriefing(u *mainUI) *briefing {
	b := &briefing{u: u}
	b.fly = newFlyer(u.mapP.m, u.st, realClock{}, postToUI)
	b.stage = newStage(b)
	b.notes = &notesWindow{b: b}
	b.pres = newPresenter(b)
	b.step = newStepper(b, realClock{})
	b.fly.onFrame = b.step.trailLayer.place
	b.panel = newViewsPanel(b)
	b.stepHere = widget.NewButtonWithIcon("Step from here", theme.MediaPlayIcon(), func() { b.stepThrough(u.st.selected) })
	b.stepHere.Disable()
	b.stepBar = container.NewVBox(widget.NewSeparator(), b.stepHere)
	u.st.onChange(func(c change) {
		switch c {
		case changeView:
			if !b.loaded && b.store() != nil {
				// The session is bound by now: read the deck once.
				b.loaded = true
				b.panel.reload()
			}
			b.pres.stateChanged()
			b.step.stateChanged()
		case changeSelection:
			setEnabled(b.stepHere, u.st.selected >= 0)
		}
	})
	return b
}

// store is the session's store (nil when the window shows an index only).
func (b *briefing) store() *data.Store {
	if b.u.sess == nil {
		return nil
	}
	return b.u.sess.store
}

// fail shows err in a dialog.
func (b *briefing) fail(err error) {
	err = b.u.explainReadOnly(err)
	b.lastErr = err
	showFailure(err, b.u.win)
}

// refuseWrite shows, as fail does, why the change what is refused on a
// read-only copy, and reports whether it did.
func (b *briefing) refuseWrite(what string) bool {
	err := b.u.readOnlyErr(what)
	if err != nil {
		b.fail(err)
	}
	return err != nil
}

// captureView returns the current state as a view without a title: the
// map's centre and zoom, the whole filter (its time window included), the
// IDs of the annotation layers shown and the selected event's store ID.
func (b *briefing) captureView() data.View {
	u := b.u
	vp := u.mapP.m.View()
	lon, lat := data.InverseMercator(vp.CenterX, vp.CenterY)
	sz := u.mapP.m.Size()
	v := data.View{
		CenterLon: min(max(lon, -180), 180),
		CenterLat: min(max(lat, -90), 90),
		Zoom:      vp.Zoom,
		Width:     int(sz.Width),
		Height:    int(sz.Height),
		Filter:    cloneFilter(&u.st.filter),
		Layers:    b.shownLayers(),
	}
	if r := u.st.selected; r >= 0 && r < u.st.ix.Len() {
		v.Selected = u.st.ix.ID[r]
	}
	return v
}

// applyView restores every part of v at once (no animation): viewport,
// filter and window, layers shown and selection.
func (b *briefing) applyView(v *data.View) {
	u := b.u
	u.mapP.m.SetView(viewportOf(v))
	u.st.view = u.mapP.m.View()
	b.applyViewState(v)
}

// applyViewState restores all of v but the viewport: the filter and its
// window, the layers shown and the selection.
func (b *briefing) applyViewState(v *data.View) {
	u := b.u
	b.pausePlayback()
	if !sameFilter(&u.st.filter, &v.Filter) {
		u.st.setFilter(v.Filter)
	}
	b.setLayers(v.Layers)
	u.st.selectRow(u.st.ix.RowOf(v.Selected))
}

// viewportOf is the map viewport (centre and zoom) of a saved view.
func viewportOf(v *data.View) mapview.Viewport {
	x, y := data.Mercator(v.CenterLon, v.CenterLat)
	return mapview.Viewport{CenterX: x, CenterY: y, Zoom: v.Zoom}.Clamp()
}

// pausePlayback stops playback, which would move the window under a view.
func (b *briefing) pausePlayback() {
	if p := b.u.timeP.player; p.playing {
		p.pause()
		b.u.timeP.bar.refresh()
	}
}

// shownLayers returns the IDs of the annotation layers shown now, bottom
// first (an empty, non-nil slice when none is; nil without annotations).
func (b *briefing) shownLayers() []uint64 {
	doc := b.u.ann.doc
	if doc == nil {
		return nil
	}
	ids := []uint64{}
	for _, l := range doc.layers {
		if !l.Hidden {
			ids = append(ids, l.ID)
		}
	}
	return ids
}

// overriding reports whether a view's layer visibility is in force.
func (b *briefing) overriding() bool {
	doc := b.u.ann.doc
	return doc != nil && len(b.overridden) > 0 && len(doc.layers) > 0 && &doc.layers[0] == &b.overridden[0]
}

// setLayers shows exactly the layers ids (nil: as the store marks them).
// The choice is held in memory only: the store's visibility is untouched,
// and the Layers tab shows the view's checks until a layer is edited.
func (b *briefing) setLayers(ids []uint64) {
	a := b.u.ann
	doc := a.doc
	if doc == nil {
		return
	}
	if ids == nil {
		if b.overriding() {
			b.endOverride()
		}
		return
	}
	if !b.overriding() {
		// Work on a copy, so the slice identity tells whether the layers
		// were reloaded since.
		doc.layers = slices.Clone(doc.layers)
	}
	changed := false
	for i := range doc.layers {
		hidden := !slices.Contains(ids, doc.layers[i].ID)
		changed = changed || doc.layers[i].Hidden != hidden
		doc.layers[i].Hidden = hidden
	}
	b.overridden = doc.layers
	if cur, ok := a.selected(); ok {
		if l, _ := doc.layer(cur.Layer); l.Hidden {
			a.props.flush()
			doc.selected = 0
			changed = true
		}
	}
	if changed {
		a.refresh()
	}
}

// endOverride shows the layers as stored again.
func (b *briefing) endOverride() {
	b.overridden = nil
	if err := b.u.ann.doc.reloadLayers(); err != nil {
		b.fail(err)
	}
	b.u.ann.refresh()
}

// layerState is what restoring the layers needs: the in-memory flags
// when a view's override was in force.
type layerState struct {
	override bool
	hidden   map[uint64]bool
}

// saveLayers records the layers' visibility as shown.
func (b *briefing) saveLayers() layerState {
	s := layerState{override: b.overriding()}
	if s.override {
		s.hidden = map[uint64]bool{}
		for _, l := range b.u.ann.doc.layers {
			s.hidden[l.ID] = l.Hidden
		}
	}
	return s
}

// restoreLayers shows the layers as s recorded them.
func (b *briefing) restoreLayers(s layerState) {
	if !s.override {
		b.setLayers(nil)
		return
	}
	var ids []uint64
	for id, hidden := range s.hidden {
		if !hidden {
			ids = append(ids, id)
		}
	}
	if ids == nil {
		ids = []uint64{}
	}
	b.setLayers(ids)
}

// windowLine describes a filter's time window for the deck list.
func windowLine(f *data.Filter) string {
	if w := windowText(f.From, f.To); w != "" {
		return w
	}
	return "All dates"
}

// viewSummary is the deck list's second line for v.
func viewSummary(v *data.View) string {
	s := windowLine(&v.Filter)
	if n := filterParts(&v.Filter); n > 0 {
		s += fmt.Sprintf(" · %d filter", n)
		if n > 1 {
			s += "s"
		}
	}
	return s
}

// filterParts counts the parts of f other than its time window.
func filterParts(f *data.Filter) int {
	n := 0
	for _, on := range []bool{len(f.Actors) > 0, len(f.Types) > 0, f.MinFatalities > 0, f.BBox != nil,
		f.Text != "", f.PreciseOnly, len(f.Groups) > 0, len(f.Tags) > 0} {
		if on {
			n++
		}
	}
	return n
}

// Briefing shortcuts: F5 presents (when no text field or the map has the
// keyboard, as the plain playback keys: Fyne passes unmodified keys to the
// focused widget), Ctrl+F5 wherever the keyboard is; Alt+↑/↓ move the
// selected view in the deck.
var (
	shortcutPresent    = &desktop.CustomShortcut{KeyName: fyne.KeyF5}
	shortcutPresentAny = &desktop.CustomShortcut{KeyName: fyne.KeyF5, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutViewUp     = &desktop.CustomShortcut{KeyName: fyne.KeyUp, Modifier: fyne.KeyModifierAlt}
	shortcutViewDown   = &desktop.CustomShortcut{KeyName: fyne.KeyDown, Modifier: fyne.KeyModifierAlt}
)

// extendViewMenu adds the briefing items to the View menu: Present (F5),
// Step Through Events and the Speaker Notes Window toggle.
func (b *briefing) extendViewMenu(m *fyne.Menu) *fyne.Menu {
	present := fyne.NewMenuItem("Present", func() { b.present(0) })
	present.Shortcut = shortcutPresent
	step := fyne.NewMenuItem("Step Through Events", func() { b.stepThrough(-1) })
	b.notesItem = fyne.NewMenuItem("Speaker Notes Window", b.toggleNotesWindow)
	m.Items = append(m.Items, fyne.NewMenuItemSeparator(), present, step, b.notesItem)
	return m
}

// shortcuts are the briefing's window shortcuts.
func (b *briefing) shortcuts() map[*desktop.CustomShortcut]func() {
	return map[*desktop.CustomShortcut]func(){
		shortcutPresentAny: func() { b.present(0) },
		shortcutViewUp:     func() { b.panel.move(-1) },
		shortcutViewDown:   func() { b.panel.move(1) },
	}
}

// typedKey handles F5 when no widget has the keyboard; it reports whether
// it used the key.
func (b *briefing) typedKey(ev *fyne.KeyEvent) bool {
	if ev.Name == fyne.KeyF5 {
		b.present(0)
		return true
	}
	return false
}

// paneChanged shows "Step from here" with the event details, not with
// an annotation's properties.
func (b *briefing) paneChanged(props bool) {
	b.stepBar.Hidden = props
	b.stepBar.Refresh()
}
