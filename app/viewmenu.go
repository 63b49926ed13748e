package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// Map shortcuts that work wherever the focus is (the map's own keys, +, −,
// arrows and Home, need the map focused: click it).
var (
	shortcutZoomIn  = &desktop.CustomShortcut{KeyName: fyne.KeyEqual, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutZoomOut = &desktop.CustomShortcut{KeyName: fyne.KeyMinus, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutFitAll  = &desktop.CustomShortcut{KeyName: fyne.Key0, Modifier: fyne.KeyModifierShortcutDefault}
)

// viewMenu is the View menu: map zoom, fit, precision halos and the area
// filter.
func (u *mainUI) viewMenu() *fyne.Menu {
	in := fyne.NewMenuItem("Zoom In", func() { u.mapP.m.ZoomBy(1) })
	in.Shortcut = shortcutZoomIn
	out := fyne.NewMenuItem("Zoom Out", func() { u.mapP.m.ZoomBy(-1) })
	out.Shortcut = shortcutZoomOut
	fit := fyne.NewMenuItem("Fit All Events", u.mapP.m.FitAll)
	fit.Shortcut = shortcutFitAll
	var halos *fyne.MenuItem
	halos = fyne.NewMenuItem("Precision Halos", func() {
		halos.Checked = !halos.Checked
		u.mapP.setHalos(halos.Checked)
		u.win.MainMenu().Refresh()
	})
	clearArea := fyne.NewMenuItem("Clear Area Filter", func() { u.mapP.setArea(nil) })
	return fyne.NewMenu("View", in, out, fit, fyne.NewMenuItemSeparator(), halos, clearArea)
}

// mapShortcuts maps the View menu's shortcuts to their actions, for
// drivers that do not route menu shortcuts (and the test driver).
func (u *mainUI) mapShortcuts() map[*desktop.CustomShortcut]func() {
	return map[*desktop.CustomShortcut]func(){
		shortcutZoomIn:  func() { u.mapP.m.ZoomBy(1) },
		shortcutZoomOut: func() { u.mapP.m.ZoomBy(-1) },
		shortcutFitAll:  u.mapP.m.FitAll,
	}
}

// Playback shortcuts that work wherever the focus is; the plain keys
// (space, ←/→, Shift+←/→) work when no widget has the keyboard.
var (
	shortcutPlay      = &desktop.CustomShortcut{KeyName: fyne.KeySpace, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutNextEvent = &desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutPrevEvent = &desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutNextBin   = &desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutPrevBin   = &desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
)

// playMenu is the Playback menu.
func (u *mainUI) playMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	for _, a := range u.playActions() {
		it := fyne.NewMenuItem(a.label, a.fn)
		it.Shortcut = a.sc
		items = append(items, it)
	}
	return fyne.NewMenu("Playback", items...)
}

// playAction is a playback command with its shortcut.
type playAction struct {
	label string
	sc    *desktop.CustomShortcut
	fn    func()
}

func (u *mainUI) playActions() []playAction {
	p, bar := u.timeP.player, u.timeP.bar
	return []playAction{
		{"Play / Pause", shortcutPlay, func() { p.toggle(); bar.refresh() }},
		{"Next Event", shortcutNextEvent, func() { p.stepEvent(1) }},
		{"Previous Event", shortcutPrevEvent, func() { p.stepEvent(-1) }},
		{"Next Step", shortcutNextBin, func() { p.stepBins(1) }},
		{"Previous Step", shortcutPrevBin, func() { p.stepBins(-1) }},
	}
}
