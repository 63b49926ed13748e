package app

import (
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
	"frontier/mapview"
	"frontier/mapview/basemap"
)

// mainUI is the main window's content and the widgets the tests reach.
type mainUI struct {
	app     fyne.App
	win     fyne.Window
	st      *state
	actors  *actorPanel
	table   *eventTable
	details *detailsPane
	mapP    *mapPanel
	filters *filterPanel
	timeP   *timelinePanel
	ann     *annotUI
	brief   *briefing // saved views, presenter mode, step-through
	status  *widget.Label
	// centre holds the main view: the map over the event table.
	centre  *fyne.Container
	content fyne.CanvasObject
	about   dialog.Dialog // the last About box shown
	// sess is the store session (nil in tests that show an index only);
	// imports need it.
	sess         *session
	cancelImport func() // stops the running import, if any
	lastReport   string // the last import report shown
	lastExport   string // what the last export wrote
	quitFn       func() // quits the app (tests replace it)

	// Curation (curate*.go and the dialogs beside it).
	leftTabs *container.AppTabs
	places   *placeSearch
	curMenu  curateMenu
	// The dialogs last shown (tests reach them here).
	eventForm   *eventForm
	tagsDlg     *tagsDialog
	dupDlg      *duplicatesDialog
	conflDlg    *conflictsDialog
	actorDlg    dialog.Dialog
	actorOK     *widget.Button // the OK of the last one-field actor dialog
	actorMsg    *widget.Label  // its problem line
	actorColour *colourField   // the last actor colour dialog's field
	// lastConfirm and lastContextMenu are the last confirmation and
	// right-click menu shown.
	reportReview    *widget.Button // the import report's Review Conflicts button
	lastConfirm     *dialog.ConfirmDialog
	lastContextMenu *fyne.Menu
	// selectAfterReload is the event to select once a window rebuilt on
	// a new index has its first result (0: none).
	selectAfterReload uint64
	lastCuration      string // the label of the change this window was rebuilt for
	lastError         error  // the last error shown in a dialog
	// statusNote is added to the status line (what the last change did)
	// until the filter changes (noteFilter is its generation then).
	statusNote string
	noteFilter uint64
}

// Keyboard shortcuts (Ctrl on Linux and Windows, Cmd on macOS).
var (
	shortcutQuit   = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutFind   = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutImport = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutExport = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutAdd    = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutPlace  = &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutTags   = &desktop.CustomShortcut{KeyName: fyne.KeyT, Modifier: fyne.KeyModifierShortcutDefault}
)

// newMainUI builds the main window's content, menu and shortcuts on w for
// the events of ix. Run and the tests both build the window with it.
func newMainUI(a fyne.App, w fyne.Window, ix *data.Index) *mainUI {
	u := &mainUI{app: a, win: w, st: newState(ix), quitFn: a.Quit}
	u.actors = newActorPanel(u.st)
	u.table = newEventTable(u.st)
	u.details = newDetailsPane(u.st)
	base, err := basemap.Default()
	if err != nil {
		fyne.LogError("basemap", err) // the map still shows the events on water
	}
	u.mapP = newMapPanel(u.st, base)
	u.filters = newFilterPanel(u.st)
	u.filters.onClearActors = u.actors.checkAll
	u.filters.onClearArea = func() { u.mapP.setArea(nil) }
	u.filters.onClearGroups = u.actors.clearGroups
	u.actors.onMenu = u.showActorMenu
	u.timeP = newTimelinePanel(u.st, u.mapP.colors, realClock{})
	u.timeP.onFade = u.mapP.setFade
	u.mapP.m.OnHover = u.st.hoverRow
	u.mapP.m.OnViewChanged = func(v mapview.Viewport) { u.st.view = v; reclaimer.poke() }
	u.filters.onClearWindow = func() { u.st.setWindow(time.Time{}, time.Time{}) }
	u.ann = newAnnotUI(u)
	u.brief = newBriefing(u)
	u.status = widget.NewLabel("Loading events…")
	u.centre = container.NewStack()
	u.places = newPlaceSearch(u)
	u.bindMapCuration()
	// The toolbar row: drawing tools, then the place search box at the
	// right; the search's list of hits is stacked over the map.
	toolRow := container.NewBorder(nil, nil, nil, u.places.content, u.ann.bar.content)
	mapArea := container.NewBorder(container.NewVBox(toolRow, u.filters.chips), nil, nil, nil,
		container.NewStack(u.mapP.content, u.ann.bar.tips, u.places.layer))
	timeAndTable := container.NewVSplit(u.timeP.content, u.table)
	timeAndTable.Offset = 0.5
	mapAndRest := container.NewVSplit(mapArea, timeAndTable)
	mapAndRest.Offset = 0.58
	u.setCentre(mapAndRest)

	// The right-hand pane shows the selected event's details, or the
	// selected annotation's properties.
	u.ann.props.content.Hide()
	u.ann.onPane = func(props bool) {
		if props {
			u.details.content.Hide()
			u.ann.props.content.Show()
		} else {
			u.ann.props.content.Hide()
			u.details.content.Show()
		}
		u.brief.paneChanged(props)
	}
	// Both panes count for the width, shown or not, so that switching
	// between them never moves the split (and so never resizes the map).
	details := container.NewBorder(nil, u.brief.stepBar, nil, nil, u.details.content)
	right := container.NewHSplit(u.centre, container.New(alternatesLayout{}, details, u.ann.props.content))
	right.Offset = 0.70
	u.details.bindCuration(u)
	left := container.NewAppTabs(
		container.NewTabItem("Actors", u.actors.content),
		container.NewTabItem("Filters", u.filters.content),
		container.NewTabItem("Layers", u.ann.layers.content),
		container.NewTabItem("Views", u.brief.panel.content))
	u.leftTabs = left
	main := container.NewHSplit(left, right)
	main.Offset = 0.22
	u.content = container.NewBorder(nil, container.NewBorder(widget.NewSeparator(), nil, nil, nil, u.status), nil, nil, main)

	u.st.onChange(func(c change) {
		switch c {
		case changeView:
			u.updateStatus()
			u.selectPending()
		case changeSelection:
			u.updateCurateMenu()
		}
	})
	u.st.onError(func(err error) {
		dialog.ShowError(err, w)
	})

	imp := fyne.NewMenuItem("Import…", u.chooseImport)
	imp.Shortcut = shortcutImport
	exp := fyne.NewMenuItem("Export…", u.chooseExport)
	exp.Shortcut = shortcutExport
	quit := fyne.NewMenuItem("Quit", u.quit)
	quit.IsQuit = true
	quit.Shortcut = shortcutQuit
	find := fyne.NewMenuItem("Find Actor…", u.focusSearch)
	find.Shortcut = shortcutFind
	findPlace := fyne.NewMenuItem("Find Place…", u.places.focus)
	findPlace.Shortcut = shortcutPlace
	w.SetMainMenu(fyne.NewMainMenu(
		fyne.NewMenu("File", imp, u.importMappedItem(), u.importHistoryItem(), exp, fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Export Image…", func() { showImageExport(u.win, u.briefCurrent) }),
			fyne.NewMenuItem("Export Deck…", func() { showDeckExport(u.win, u.briefDeck) }),
			fyne.NewMenuItem("Export Animation…", func() { showAnimationExport(u.win, u.briefCurrent) }),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Export Briefing Package…", func() { showPackageExport(u.win, u.briefPackage) }),
			fyne.NewMenuItem("Open Briefing Package…", u.openBriefingPackage),
			fyne.NewMenuItem("Merge Briefing Package into This Store…", u.mergeBriefing),
			fyne.NewMenuItemSeparator(), u.backupItem(),
			fyne.NewMenuItemSeparator(), quit),
		fyne.NewMenu("Edit", append(u.editItems(), fyne.NewMenuItemSeparator(), findPlace, find)...),
		u.brief.extendViewMenu(u.viewMenu()),
		u.playMenu(),
		fyne.NewMenu("Help", fyne.NewMenuItem("About Frontier", u.showAbout)),
	))
	// Menu shortcuts fire first on the desktop; these cover drivers that
	// do not route menu shortcuts (and the test driver).
	w.Canvas().AddShortcut(shortcutQuit, func(fyne.Shortcut) { u.quit() })
	w.Canvas().AddShortcut(shortcutImport, func(fyne.Shortcut) { u.chooseImport() })
	w.Canvas().AddShortcut(shortcutExport, func(fyne.Shortcut) { u.chooseExport() })
	w.SetOnDropped(u.dropped)
	w.Canvas().AddShortcut(shortcutFind, func(fyne.Shortcut) { u.focusSearch() })
	w.Canvas().AddShortcut(shortcutPlace, func(fyne.Shortcut) { u.places.focus() })
	w.Canvas().AddShortcut(shortcutAdd, func(fyne.Shortcut) { u.addEvent(nil) })
	w.Canvas().AddShortcut(shortcutTags, func(fyne.Shortcut) { u.showTags() })
	for sc, fn := range u.mapShortcuts() {
		w.Canvas().AddShortcut(sc, func(fyne.Shortcut) { fn() })
	}
	for _, a := range u.playActions() {
		w.Canvas().AddShortcut(a.sc, func(fyne.Shortcut) { a.fn() })
	}
	for sc, fn := range u.ann.shortcuts() {
		w.Canvas().AddShortcut(sc, func(fyne.Shortcut) { fn() })
	}
	for sc, fn := range u.brief.shortcuts() {
		w.Canvas().AddShortcut(sc, func(fyne.Shortcut) { fn() })
	}
	// Keys when no widget has the keyboard: Delete and Escape for the
	// annotations, the tools' letters, and playback's space, ←/→ and
	// Shift+←/→.
	windowKey := func(ev *fyne.KeyEvent) {
		if u.dialogOpen() || u.brief.typedKey(ev) {
			return
		}
		if !u.ann.typedKey(ev) && !u.eventKey(ev) {
			u.timeP.bar.playKey(ev)
		}
	}
	w.Canvas().SetOnTypedKey(windowKey)
	u.mapP.m.OnKey = windowKey // F5 and the like, with the keyboard on the map
	w.Canvas().SetOnTypedRune(func(r rune) {
		if !u.dialogOpen() {
			u.ann.typedRune(r)
		}
	})
	w.SetContent(u.content)
	u.updateCurateMenu()
	u.ann.refresh()
	u.st.start()
	return u
}

// setCentre puts o in the centre area (where the map will go).
func (u *mainUI) setCentre(o fyne.CanvasObject) {
	u.centre.Objects = []fyne.CanvasObject{o}
	u.centre.Refresh()
}

func (u *mainUI) quit() { u.quitFn() }

func (u *mainUI) focusSearch() { u.win.Canvas().Focus(u.actors.search) }

// updateStatus writes "Showing X of Y events" and the fatality total.
func (u *mainUI) updateStatus() {
	snap := u.st.snap
	text := statusText(len(snap.result.Rows), u.st.ix.Len(), snap.result.Fatalities)
	if u.statusNote != "" && u.st.filterGen != u.noteFilter {
		u.statusNote = "" // the note was about the view before this filter
	}
	if u.statusNote != "" {
		text += " · " + u.statusNote
	}
	u.status.SetText(u.readOnlyStatus() + text)
}

// statusText is the status line for shown of total events.
func statusText(shown, total int, fatalities int64) string {
	return fmt.Sprintf("Showing %s of %s events · %s fatalities",
		groupDigits(int64(shown)), groupDigits(int64(total)), groupDigits(fatalities))
}

// showAbout opens the About box: what Frontier is, its version and the
// data credits.
func (u *mainUI) showAbout() {
	md := appMetadata(u.app)
	name := md.Name
	title := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	version := widget.NewLabel(fmt.Sprintf("Version %s (build %d)", md.Version, md.Build))
	what := widget.NewLabel("An offline map-and-timeline explorer for geotagged conflict events:\n" +
		"import ACLED exports, filter them by actor and read every field of every event.\n" +
		"The embedded sample data set is illustrative, not reporting.")
	credits := widget.NewLabel(Attribution)
	credits.Selectable = true
	body := container.NewVBox(title, version, what, widget.NewSeparator(),
		widget.NewLabelWithStyle("Data credits", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), credits)
	u.about = dialog.NewCustom("About "+name, "Close", body, u.win)
	u.about.Show()
}

// groupDigits formats n with thousands separators: 1234567 → "1,234,567".
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3+1)
	if neg {
		out = append(out, '-')
	}
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}

// alternatesLayout stacks objects of which one shows at a time, sized as
// the largest of them whether shown or hidden, so that showing another
// never changes the container's minimum size.
type alternatesLayout struct{}

// MinSize is the largest minimum size of the objects, hidden ones too.
func (alternatesLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}

// Layout gives every object the whole space.
func (alternatesLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
}

// dialogOpen reports whether a dialog or pop-up is over the window: keys
// typed then (between its fields, say) are not the window's commands.
func (u *mainUI) dialogOpen() bool {
	return u.win.Canvas().Overlays().Top() != nil
}
