package app

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// actorPanel is the left panel: a search entry, All/None buttons, a line
// saying what the checks mean, and the list of actors with a check box,
// colour swatch and event count, most events first.
//
// An event is shown when any of its actors is checked. All actors start
// checked; checking all of them, or none, means no actor filter.
type actorPanel struct {
	st      *state
	search  *widget.Entry
	all     *widget.Button
	none    *widget.Button
	summary *widget.Label
	list    *widget.List
	content fyne.CanvasObject

	lower   map[uint32]string // case-folded actor names, for the search
	checked map[uint32]bool
	shown   []uint32     // the actors listed: snapshot order, matching the search
	rows    []*actorItem // every row template the list created
}

func newActorPanel(st *state) *actorPanel {
	p := &actorPanel{st: st, lower: make(map[uint32]string, len(st.all)), checked: make(map[uint32]bool, len(st.all))}
	for _, id := range st.all {
		p.lower[id] = strings.ToLower(st.ix.Strings[id])
		p.checked[id] = true
	}
	p.search = widget.NewEntry()
	p.search.SetPlaceHolder("Search actors (Ctrl+F)")
	p.search.OnChanged = func(string) { p.refilter() }
	p.all = widget.NewButton("All", func() { p.setShown(true) })
	p.none = widget.NewButton("None", func() { p.setShown(false) })
	p.summary = widget.NewLabel("")
	p.summary.Wrapping = fyne.TextWrapWord
	p.summary.SizeName = theme.SizeNameCaptionText
	p.list = widget.NewList(
		func() int { return len(p.shown) },
		func() fyne.CanvasObject {
			r := newActorItem(p)
			p.rows = append(p.rows, r)
			return r
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(p.shown) {
				o.(*actorItem).bind(p.shown[i])
			}
		},
	)
	p.list.OnSelected = func(i widget.ListItemID) {
		// A tap on the row toggles its actor, like a tap on its box.
		p.list.Unselect(i)
		if i < len(p.shown) {
			id := p.shown[i]
			p.setChecked(id, !p.checked[id])
		}
	}
	title := widget.NewLabelWithStyle("Actors", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	top := container.NewVBox(title, p.search, container.NewGridWithColumns(2, p.all, p.none), p.summary)
	p.content = container.NewBorder(top, nil, nil, nil, p.list)
	st.onChange(func(c change) {
		if c == changeView {
			p.refilter()
		}
	})
	p.updateSummary()
	p.refilter()
	return p
}

// refilter rebuilds the listed actors from the snapshot and the search.
func (p *actorPanel) refilter() {
	q := strings.ToLower(strings.TrimSpace(p.search.Text))
	order := p.st.snap.actors
	if order == nil {
		order = p.st.all // before the first snapshot
	}
	p.shown = p.shown[:0]
	for _, id := range order {
		if q == "" || strings.Contains(p.lower[id], q) {
			p.shown = append(p.shown, id)
		}
	}
	p.list.Refresh()
}

// count returns actor id's event count in the current snapshot.
func (p *actorPanel) count(id uint32) int32 {
	if c := p.st.snap.actorCounts; int(id) < len(c) {
		return c[id]
	}
	return 0
}

// setChecked checks or unchecks one actor and refilters.
func (p *actorPanel) setChecked(id uint32, on bool) {
	if p.checked[id] == on {
		return
	}
	if on {
		p.checked[id] = true
	} else {
		delete(p.checked, id)
	}
	p.changed()
}

// setShown checks or unchecks every listed actor (all of them when the
// search is empty).
func (p *actorPanel) setShown(on bool) {
	for _, id := range p.shown {
		if on {
			p.checked[id] = true
		} else {
			delete(p.checked, id)
		}
	}
	p.changed()
}

// changed pushes the checks into the filter and redraws the rows.
func (p *actorPanel) changed() {
	p.updateSummary()
	for _, r := range p.rows {
		r.bind(r.id)
	}
	var names []string
	if n := len(p.checked); n > 0 && n < len(p.st.all) {
		names = make([]string, 0, n)
		for _, id := range p.st.all {
			if p.checked[id] {
				names = append(names, p.st.ix.Strings[id])
			}
		}
	}
	p.st.setActors(names)
}

func (p *actorPanel) updateSummary() {
	n, total := len(p.checked), len(p.st.all)
	switch {
	case total == 0:
		p.summary.SetText("No actors in this store.")
	case n == total:
		p.summary.SetText(fmt.Sprintf("All %d actors checked: no actor filter.", total))
	case n == 0:
		p.summary.SetText("No actor checked: no actor filter, every event shown.")
	default:
		p.summary.SetText(fmt.Sprintf("%d of %d actors checked: showing events involving any of them.", n, total))
	}
}

// actorItem is one row of the actor list.
type actorItem struct {
	widget.BaseWidget
	p      *actorPanel
	id     uint32
	check  *widget.Check
	swatch *canvas.Rectangle
	name   *widget.Label
	count  *widget.Label
}

func newActorItem(p *actorPanel) *actorItem {
	r := &actorItem{p: p}
	r.check = widget.NewCheck("", nil)
	r.swatch = canvas.NewRectangle(color.Gray{Y: 128})
	r.swatch.SetMinSize(fyne.NewSize(14, 14))
	r.swatch.CornerRadius = 3
	r.name = widget.NewLabel("")
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.count = widget.NewLabel("")
	r.count.Alignment = fyne.TextAlignTrailing
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer lays the row out: check, swatch, name, count.
func (r *actorItem) CreateRenderer() fyne.WidgetRenderer {
	left := container.NewHBox(r.check, container.NewCenter(r.swatch))
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, left, r.count, r.name))
}

// bind shows actor id in the row.
func (r *actorItem) bind(id uint32) {
	r.id = id
	if id == 0 {
		return
	}
	p := r.p
	r.check.OnChanged = nil // setting the box must not toggle the filter
	r.check.SetChecked(p.checked[id])
	r.check.OnChanged = func(on bool) { p.setChecked(id, on) }
	c := p.st.ix.ActorColor(id)
	r.swatch.FillColor = color.NRGBA{R: c.R, G: c.G, B: c.B, A: 0xff}
	r.swatch.Refresh()
	r.name.SetText(p.st.ix.Strings[id])
	r.name.Importance = widget.MediumImportance
	if !p.checked[id] {
		r.name.Importance = widget.LowImportance
	}
	r.name.Refresh()
	r.count.SetText(groupDigits(int64(p.count(id))))
}
