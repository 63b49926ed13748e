package app

import (
	stdcmp "cmp"
	"fmt"
	"image/color"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
	"frontier/mapview"
)

// legendSize is how many actors the stage's legend lists at most.
const legendSize = 6

// presentScale is how much larger the stage's type is than the window's.
const presentScale = 1.6

// presenter is presenter mode: the deck of saved views shown one at a
// time on the stage, with the view's title, its date window and a legend
// drawn over the map, moved through with the keyboard (→ ← PageDown PageUp
// space Home End, Esc to leave) and a smooth flight between views.
type presenter struct {
	b      *briefing
	active bool
	deck   []data.View
	i      int

	title, date *widget.Label
	legend      *fyne.Container
	counter     *widget.Label
	prev, next  *widget.Button
	over        fyne.CanvasObject
	// targetFor is the map size the current target was framed for.
	targetFor fyne.Size
	// legendFor is the snapshot rows the legend was computed for.
	legendFor []int32
}

func newPresenter(b *briefing) *presenter {
	p := &presenter{b: b}
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.SizeName = theme.SizeNameHeadingText
	p.title.Wrapping = fyne.TextWrapWord
	p.date = widget.NewLabel("")
	p.date.SizeName = theme.SizeNameSubHeadingText
	p.legend = container.NewVBox()
	p.counter = widget.NewLabel("")
	p.prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { p.goTo(p.i - 1); b.stage.focus() })
	p.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { p.goTo(p.i + 1); b.stage.focus() })
	exit := widget.NewButtonWithIcon("", theme.CancelIcon(), p.exit)
	for _, btn := range []*widget.Button{p.prev, p.next, exit} {
		btn.Importance = widget.LowImportance
	}
	titleCard := pinned(card(container.NewVBox(p.title, p.date)), &pinLayout{at: topLeft, dx: 24, dy: 24, width: p.titleWidth})
	legendCard := pinned(card(p.legend), &pinLayout{at: bottomLeft, dx: 24, dy: 64})
	nav := pinned(card(container.NewHBox(p.prev, p.counter, p.next, exit)), &pinLayout{at: bottomCenter, dy: 40})
	p.over = container.NewThemeOverride(container.NewStack(titleCard, legendCard, nav), presentTheme{scale: presentScale})
	return p
}

// titleWidth fits the title card to its text, within 60% of the stage.
func (p *presenter) titleWidth(stageW float32) float32 {
	th := presentTheme{scale: presentScale}
	bold := fyne.TextStyle{Bold: true}
	w := fyne.MeasureText(p.title.Text, th.Size(theme.SizeNameHeadingText), bold).Width
	w = max(w, fyne.MeasureText(p.date.Text, th.Size(theme.SizeNameSubHeadingText), fyne.TextStyle{}).Width)
	w += 2*14 + 4*theme.InnerPadding() // card and label padding, and a margin
	return min(w, stageW*0.6)
}

// present shows the deck on the stage from view from (clamped).
func (b *briefing) present(from int) {
	st := b.store()
	if st == nil {
		b.fail(fmt.Errorf("present: no store is open"))
		return
	}
	deck, err := st.Views()
	if err != nil {
		b.fail(fmt.Errorf("present: %w", err))
		return
	}
	if len(deck) == 0 {
		dialog.ShowInformation("Present", "The deck is empty: add a view in the Views tab first.", b.u.win)
		return
	}
	if b.step.active {
		b.step.exit()
	}
	p := b.pres
	p.deck = deck
	p.active = true
	p.i = -1
	b.stage.enter(layoutSpacer(), p.over, p.key, p.typed, p.exited)
	p.goTo(min(max(from, 0), len(deck)-1))
}

// layoutSpacer is an empty object.
func layoutSpacer() fyne.CanvasObject { return canvas.NewRectangle(color.Transparent) }

// presentCurrent presents the deck from the view selected in the Views
// tab (from the first when none is).
func (b *briefing) presentCurrent() { b.present(b.panel.selectedIndex()) }

// goTo flies to view i of the deck (clamped).
func (p *presenter) goTo(i int) {
	if !p.active || len(p.deck) == 0 {
		return
	}
	i = min(max(i, 0), len(p.deck)-1)
	p.i = i
	v := p.deck[i]
	p.title.SetText(v.Title)
	p.counter.SetText(fmt.Sprintf("%d / %d", i+1, len(p.deck)))
	setEnabled(p.prev, i > 0)
	setEnabled(p.next, i < len(p.deck)-1)
	p.b.flyToViewAt(&v, p.target(), p.landed)
	p.refreshOverlays()
	p.b.notes.show(p.deck, i)
}

// target is where the current view puts the map on the stage: its centre,
// and its zoom raised by as much as the stage is larger than the map was
// in the window, so that the stage frames what the briefer saw.
func (p *presenter) target() mapview.Viewport {
	p.targetFor = p.b.u.mapP.m.Size()
	vp := viewportOf(&p.deck[p.i])
	vp.Zoom += p.b.stage.zoomOffset()
	return vp.Clamp()
}

// resized reframes the current view for the stage's new size.
func (p *presenter) resized() {
	if p.active && p.i >= 0 && p.i < len(p.deck) && p.b.u.mapP.m.Size() != p.targetFor {
		p.b.fly.retarget(p.target())
	}
}

// key moves through the deck (see stepKey).
func (p *presenter) key(ev *fyne.KeyEvent) { stepKey(ev.Name, p.i, len(p.deck), p.goTo, p.exit) }

// stepKey is the keyboard of presenter mode and step-through, at position
// i of n: → ↓ PageDown space Enter next, ← ↑ PageUp BackSpace previous,
// Home first, End last, Esc leaves.
func stepKey(name fyne.KeyName, i, n int, goTo func(int), exit func()) {
	switch name {
	case fyne.KeyRight, fyne.KeyDown, fyne.KeyPageDown, fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter:
		goTo(i + 1)
	case fyne.KeyLeft, fyne.KeyUp, fyne.KeyPageUp, fyne.KeyBackspace:
		goTo(i - 1)
	case fyne.KeyHome:
		goTo(0)
	case fyne.KeyEnd:
		goTo(n - 1)
	case fyne.KeyEscape:
		exit()
	}
}

// typed handles characters on the stage: none do anything yet (space
// arrives as a key too).
func (p *presenter) typed(rune) {}

// exit leaves presenter mode.
func (p *presenter) exit() {
	if p.active {
		p.b.stage.exit()
	}
}

// exited is told when the stage is left.
func (p *presenter) exited() {
	p.active = false
	p.b.notes.showSelected()
}

// stateChanged follows the state while presenting: the date window moves
// during a transition, and the legend follows the events shown.
func (p *presenter) stateChanged() {
	if p.active {
		p.refreshOverlays()
	}
}

// refreshOverlays writes the date window and the legend.
func (p *presenter) refreshOverlays() {
	st := p.b.u.st
	p.date.SetText(presentWindowText(st.ix, &st.filter, st.snap.result.Rows))
	rows := st.snap.result.Rows
	if len(rows) > 0 && sameRows(rows, p.legendFor) {
		return
	}
	if p.b.fly.flying {
		// The window tweens through new rows every 50 ms of a flight;
		// landed counts the legend once for where the map ends up.
		return
	}
	p.legendFor = rows
	fillLegend(p.legend, legendEntries(st, p.b.u.mapP.colors, legendSize, p.onScreen()))
}

// onScreen is the part of the world the stage's map shows (nil before
// it has a size).
func (p *presenter) onScreen() *mapview.Extent {
	m := p.b.u.mapP.m
	sz := m.Size()
	if sz.Width < 1 || sz.Height < 1 {
		return nil
	}
	v := m.View()
	v.Width, v.Height, v.Scale = int(sz.Width), int(sz.Height), 1
	x0, y0, x1, y1 := v.Extent()
	return &mapview.Extent{MinX: x0, MinY: y0, MaxX: x1, MaxY: y1}
}

// landed refreshes the legend for what the map shows at the end of a
// flight.
func (p *presenter) landed() {
	if p.active {
		p.legendFor = nil
		p.refreshOverlays()
	}
}

// presentWindowText is the stage's date line: the window, or the span of
// the events shown when there is none.
func presentWindowText(ix *data.Index, f *data.Filter, rows []int32) string {
	day := func(t time.Time) string { return t.UTC().Format("2 Jan 2006") }
	switch {
	case !f.From.IsZero() && !f.To.IsZero():
		if day(f.From) == day(f.To) {
			return day(f.From)
		}
		return day(f.From) + " – " + day(f.To)
	case !f.From.IsZero():
		return "From " + day(f.From)
	case !f.To.IsZero():
		return "Until " + day(f.To)
	case len(rows) > 0:
		first, last := time.Unix(ix.Start[rows[0]], 0), time.Unix(ix.Start[rows[len(rows)-1]], 0)
		return day(first) + " – " + day(last) + " (all dates)"
	}
	return "All dates"
}

// legendEntry is one actor of the legend.
type legendEntry struct {
	name  string
	color color.RGBA
	n     int
}

// legendEntries lists the actors whose colours the map shows most: the
// filtered actors when there is an actor filter (the map colours events
// by them), else the commonest first actors of the events shown within
// area (nil: anywhere).
func legendEntries(st *state, colors []color.RGBA, n int, area *mapview.Extent) []legendEntry {
	ix := st.ix
	colorOf := func(id uint32) color.RGBA {
		if int(id) < len(colors) {
			return colors[id]
		}
		return color.RGBA{128, 128, 128, 255}
	}
	var out []legendEntry
	if len(st.filter.Actors) > 0 {
		for _, name := range st.filter.Actors {
			if id, ok := ix.StringID(name); ok {
				out = append(out, legendEntry{name: name, color: colorOf(id)})
			}
		}
		return out[:min(n, len(out))]
	}
	counts := make([]int32, len(ix.Strings))
	for _, r := range st.snap.result.Rows {
		if area != nil && (ix.X[r] < area.MinX || ix.X[r] > area.MaxX || ix.Y[r] < area.MinY || ix.Y[r] > area.MaxY) {
			continue
		}
		if id := ix.Actor1[r]; int(id) < len(counts) {
			counts[id]++
		}
	}
	for id, c := range counts {
		if c > 0 && id != 0 {
			out = append(out, legendEntry{name: ix.Strings[id], color: colorOf(uint32(id)), n: int(c)})
		}
	}
	slices.SortFunc(out, func(a, b legendEntry) int {
		if c := stdcmp.Compare(b.n, a.n); c != 0 {
			return c
		}
		return stdcmp.Compare(a.name, b.name)
	})
	return out[:min(n, len(out))]
}

// fillLegend shows entries in box, one swatch and name a line.
func fillLegend(box *fyne.Container, entries []legendEntry) {
	box.RemoveAll()
	if len(entries) == 0 {
		box.Hide()
		return
	}
	for _, e := range entries {
		dot := canvas.NewCircle(e.color)
		dot.StrokeColor = color.White
		dot.StrokeWidth = 1.5
		sw := container.New(&fixedLayout{size: fyne.NewSize(18, 18)}, dot)
		box.Add(container.NewBorder(nil, nil, container.NewCenter(sw), nil, widget.NewLabel(e.name)))
	}
	box.Show()
	box.Refresh()
}

// fixedLayout gives its objects one fixed size.
type fixedLayout struct{ size fyne.Size }

func (l *fixedLayout) Layout(objs []fyne.CanvasObject, _ fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(l.size)
	}
}

func (l *fixedLayout) MinSize([]fyne.CanvasObject) fyne.Size { return l.size }

// flyToView moves to v with a smooth flight of the map and the time
// window; the rest of the filter, the layers and the selection change at
// once, and done (when not nil) is told when the flight has landed with
// every part exactly v's.
func (b *briefing) flyToView(v *data.View, done func()) { b.flyToViewAt(v, viewportOf(v), done) }

// flyToViewAt is flyToView landing the map on vp.
func (b *briefing) flyToViewAt(v *data.View, vp mapview.Viewport, done func()) {
	u := b.u
	b.pausePlayback()
	target := *v
	tween := b.windowTween(&u.st.filter, &target.Filter)
	start := cloneFilter(&target.Filter)
	if tween != nil {
		from, to := tween.at(0)
		start.From, start.To = time.Unix(from, 0).UTC(), time.Unix(to, 0).UTC()
	}
	if !sameFilter(&u.st.filter, &start) {
		u.st.setFilter(start)
	}
	b.setLayers(target.Layers)
	u.st.selectRow(u.st.ix.RowOf(target.Selected))
	b.fly.flyTo(vp, tween, func() {
		b.applyViewState(&target)
		if done != nil {
			done()
		}
	})
}

// windowTween is the window's path from filter a's to filter b's, an open
// end standing for the first or last event (nil when neither has a window
// or they are the same).
func (b *briefing) windowTween(a, c *data.Filter) *winTween {
	ix := b.u.st.ix
	if ix.Len() == 0 {
		return nil
	}
	noA := a.From.IsZero() && a.To.IsZero()
	noC := c.From.IsZero() && c.To.IsZero()
	if (noA && noC) || (a.From.Equal(c.From) && a.To.Equal(c.To)) {
		return nil
	}
	first, last := floorDay(ix.Start[0]), floorDay(ix.Start[ix.Len()-1])
	ends := func(f *data.Filter) (int64, int64) {
		from, to := first, last
		if !f.From.IsZero() {
			from = floorDay(f.From.Unix())
		}
		if !f.To.IsZero() {
			to = floorDay(f.To.Unix())
		}
		return from, max(from, to)
	}
	w := &winTween{}
	w.from0, w.to0 = ends(a)
	w.from1, w.to1 = ends(c)
	return w
}

// viewportAt is the viewport centred on normalised Mercator (x, y) at
// zoom z.
func viewportAt(x, y, z float64) mapview.Viewport {
	return mapview.Viewport{CenterX: x, CenterY: y, Zoom: z}.Clamp()
}
