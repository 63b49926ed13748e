package app

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
)

// viewRow is one view's line in the deck: a drag handle, its number,
// title and date window. Tapping it goes to the view.
type viewRow struct {
	widget.BaseWidget
	p       *viewsPanel
	index   int
	view    data.View
	handle  *dragHandle
	title   *widget.Label
	summary *widget.Label
	bg      *canvas.Rectangle
}

var _ fyne.Tappable = (*viewRow)(nil)

func newViewRow(p *viewsPanel, i int, v data.View) *viewRow {
	r := &viewRow{p: p}
	r.handle = newDragHandle(r)
	r.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.summary = widget.NewLabel("")
	r.summary.SizeName = theme.SizeNameCaptionText
	r.summary.Truncation = fyne.TextTruncateEllipsis
	hi := color.NRGBAModel.Convert(theme.Color(theme.ColorNamePrimary)).(color.NRGBA)
	hi.A = 64
	r.bg = canvas.NewRectangle(hi)
	r.bg.CornerRadius = 4
	r.ExtendBaseWidget(r)
	r.set(i, v)
	return r
}

// set shows view v as the deck's i-th.
func (r *viewRow) set(i int, v data.View) {
	r.index, r.view = i, v
	r.title.SetText(fmt.Sprintf("%d. %s", i+1, v.Title))
	r.summary.SetText(viewSummary(&v))
	if sel := v.ID == r.p.sel; sel == r.bg.Hidden {
		r.bg.Hidden = !sel
		r.bg.Refresh()
	}
}

// CreateRenderer lays the handle beside the two lines.
func (r *viewRow) CreateRenderer() fyne.WidgetRenderer {
	lines := container.New(&tightVBox{}, r.title, r.summary)
	return widget.NewSimpleRenderer(container.NewStack(r.bg, container.NewBorder(nil, nil, container.NewCenter(r.handle), nil, lines)))
}

// Tapped goes to the view.
func (r *viewRow) Tapped(*fyne.PointEvent) { r.p.choose(r.view.ID) }

// tightVBox stacks objects with no gap (two lines of one row).
type tightVBox struct{}

func (tightVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		if o == objs[0] {
			h -= theme.InnerPadding() / 2
		}
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
		y += h
	}
}

func (tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
		if i == 0 {
			s.Height -= theme.InnerPadding() / 2
		}
	}
	return s
}

// dragHandle is the ≡ grip of a view's line: dragging it moves the view
// within the deck.
type dragHandle struct {
	widget.BaseWidget
	row *viewRow
}

var (
	_ fyne.Draggable     = (*dragHandle)(nil)
	_ desktop.Cursorable = (*dragHandle)(nil)
)

func newDragHandle(r *viewRow) *dragHandle {
	h := &dragHandle{row: r}
	h.ExtendBaseWidget(h)
	return h
}

// CreateRenderer draws the grip icon.
func (h *dragHandle) CreateRenderer() fyne.WidgetRenderer {
	icon := widget.NewIcon(theme.MenuIcon())
	return widget.NewSimpleRenderer(icon)
}

// MinSize is the icon's.
func (h *dragHandle) MinSize() fyne.Size {
	s := theme.IconInlineSize() + theme.InnerPadding()
	return fyne.NewSize(s, s)
}

// Cursor shows that the grip moves vertically.
func (h *dragHandle) Cursor() desktop.Cursor { return desktop.VResizeCursor }

// Dragged moves the drop marker with the pointer.
func (h *dragHandle) Dragged(ev *fyne.DragEvent) { h.row.p.dragMoved(h.row, ev.Dragged.DY) }

// DragEnd drops the view where the marker is.
func (h *dragHandle) DragEnd() { h.row.p.dragEnded() }

// deckDrag is a view being dragged by its handle.
type deckDrag struct {
	active bool
	from   int     // the dragged view's deck position
	y      float32 // the pointer's height in the list
	gap    int     // the gap it would drop into: 0 (before the first) … len
}

// dragMoved follows a drag of row's handle by dy.
func (p *viewsPanel) dragMoved(r *viewRow, dy float32) {
	if !p.drag.active {
		p.drag = deckDrag{active: true, from: r.index, y: r.Position().Y + r.Size().Height/2}
	}
	p.drag.y += dy
	p.drag.gap = p.gapAt(p.drag.y)
	p.showMarker(p.drag.gap)
}

// gapAt is the gap between rows nearest height y of the list.
func (p *viewsPanel) gapAt(y float32) int {
	g := 0
	for _, r := range p.rows {
		if r.Position().Y+r.Size().Height/2 < y {
			g++
		}
	}
	return g
}

// showMarker draws the drop line in gap g.
func (p *viewsPanel) showMarker(g int) {
	if len(p.rows) == 0 {
		return
	}
	var y float32
	switch {
	case g <= 0:
		y = p.rows[0].Position().Y
	case g >= len(p.rows):
		last := p.rows[len(p.rows)-1]
		y = last.Position().Y + last.Size().Height
	default:
		prev, next := p.rows[g-1], p.rows[g]
		y = (prev.Position().Y + prev.Size().Height + next.Position().Y) / 2
	}
	y += p.list.Position().Y
	p.marker.Move(fyne.NewPos(0, y-1.5))
	p.marker.Resize(fyne.NewSize(p.list.Size().Width, 3))
	p.marker.Show()
	p.marker.Refresh()
}

// dragEnded moves the dragged view into the marked gap and stores the
// new order.
func (p *viewsPanel) dragEnded() {
	d := p.drag
	p.drag = deckDrag{}
	p.marker.Hide()
	if !d.active {
		return
	}
	to := d.gap
	if to > d.from {
		to-- // the view leaves its own place first
	}
	p.moveTo(d.from, to)
}
