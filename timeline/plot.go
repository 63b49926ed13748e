package timeline

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

var (
	_ fyne.Widget         = (*plot)(nil)
	_ fyne.Scrollable     = (*plot)(nil)
	_ fyne.Draggable      = (*plot)(nil)
	_ fyne.Tappable       = (*plot)(nil)
	_ fyne.DoubleTappable = (*plot)(nil)
	_ desktop.Hoverable   = (*plot)(nil)
	_ desktop.Mouseable   = (*plot)(nil)
	_ desktop.Cursorable  = (*plot)(nil)
)

// Input tuning.
const (
	// wheelStep is the scroll delta (about ±25 per wheel notch on Linux,
	// fractions of that from touchpads) that zooms by a factor of e.
	wheelStep = 80.0
	// edgeSlop is how far in logical pixels from a window edge a press
	// grabs the edge.
	edgeSlop = 6.0
	// markerSlop is how far from a marker a click selects its event.
	markerSlop = 7.0
)

// plot is the histogram part of the timeline: the raster, the tooltip,
// and the mouse gestures:
//
//   - wheel: zoom about the pointer (continuous); horizontal scroll pans;
//   - drag on the bars: pan; inside the window: move the window;
//   - drag in the axis band under the bars (the brush strip), or
//     shift-drag anywhere: draw a new window;
//   - drag a window edge (anywhere on its line, handle in the middle):
//     resize the window;
//   - click outside the window: clear it; click a bar: select its latest
//     event; click a marker on the axis: select its event;
//   - double-click: set the window to the bin under the pointer;
//   - hover: highlight the bin and show its dates and counts.
//
// Window edges snap to the bin boundaries of the unit shown.
type plot struct {
	widget.BaseWidget
	t       *Timeline
	raster  *canvas.Raster
	tip     *tooltip
	drag    dragState
	shift   bool // shift held at the last mouse down
	pointer fyne.Position
	inside  bool // the pointer is over the plot
}

// dragMode is what a drag does.
type dragMode uint8

const (
	dragNone dragMode = iota
	dragPan
	dragCreate
	dragResize
	dragMove
)

// dragState tracks a drag from its first event to DragEnd.
type dragState struct {
	mode     dragMode
	edge     BrushPart // the edge being resized
	unit     Unit      // the bin unit at the start
	x0       float64   // logical x where the drag started
	dx       float64   // total logical distance dragged
	from, to int64     // the window at the start
}

func newPlot(t *Timeline) *plot {
	p := &plot{t: t, tip: newTooltip()}
	p.raster = canvas.NewRaster(t.generate)
	p.ExtendBaseWidget(p)
	return p
}

// CreateRenderer implements fyne.Widget.
func (p *plot) CreateRenderer() fyne.WidgetRenderer {
	return &plotRenderer{p: p, objects: []fyne.CanvasObject{p.raster, p.tip.root}}
}

// plotRenderer lays the raster under the tooltip.
type plotRenderer struct {
	p       *plot
	objects []fyne.CanvasObject
}

func (r *plotRenderer) Layout(size fyne.Size) {
	r.p.raster.Resize(size)
	r.p.raster.Move(fyne.NewPos(0, 0))
	r.p.tip.root.Resize(size)
	r.p.tip.size = size
	r.p.t.requestRender()
}

func (r *plotRenderer) MinSize() fyne.Size           { return fyne.NewSize(160, 100) }
func (r *plotRenderer) Refresh()                     { r.p.t.requestRender(); r.p.tip.root.Refresh() }
func (r *plotRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *plotRenderer) Destroy()                     {}

// layout returns the frame layout in logical pixels' terms: the strip
// top (Base) and the device scale.
func (p *plot) layout() (base float32, ds float64) {
	if f := p.t.front; f != nil {
		ds = f.Layout.DeviceScale
		return float32(float64(f.Layout.Base) / ds), ds
	}
	l := NewLayout(int(p.Size().Height), 1)
	return float32(l.Base), 1
}

// unit returns the bin unit on screen.
func (p *plot) unit() Unit { return p.t.Unit() }

// Scrolled zooms about the pointer; a horizontal scroll pans.
func (p *plot) Scrolled(ev *fyne.ScrollEvent) {
	dx, dy := float64(ev.Scrolled.DX), float64(ev.Scrolled.DY)
	if dx == 0 && dy == 0 {
		return
	}
	pos := ev.Position
	if pos.IsZero() && ev.AbsolutePosition.IsZero() {
		// An event without a position (some drivers, and fyne's test
		// helper): the pointer is where it last moved.
		pos = p.pointer
	}
	t := p.t
	v := t.logical()
	if dy != 0 {
		v = v.ZoomAround(float64(pos.X), math.Exp(dy/wheelStep))
	}
	if dx != 0 {
		v = v.Pan(dx)
	}
	t.view.Start, t.view.End = v.Start, v.End
	t.changed()
}

// MouseDown records whether shift is held, which makes a drag draw a
// window.
func (p *plot) MouseDown(ev *desktop.MouseEvent) {
	p.shift = ev.Modifier&fyne.KeyModifierShift != 0
}

// MouseUp implements desktop.Mouseable.
func (p *plot) MouseUp(*desktop.MouseEvent) {}

// Dragged pans, draws, resizes or moves the window (see plot).
func (p *plot) Dragged(ev *fyne.DragEvent) {
	t := p.t
	if p.drag.mode == dragNone {
		p.beginDrag(ev.Position.Subtract(ev.Dragged))
	}
	d := &p.drag
	d.dx += float64(ev.Dragged.DX)
	lv := t.logical()
	switch d.mode {
	case dragPan:
		v := lv.Pan(float64(ev.Dragged.DX))
		t.view.Start, t.view.End = v.Start, v.End
		t.changed()
	case dragCreate:
		t.userWindow(SnapWindow(lv.Time(d.x0), lv.Time(d.x0+d.dx), d.unit))
	case dragResize:
		from, to, edge := ResizeWindow(t.winFrom, t.winTo, d.edge, lv.Time(float64(ev.Position.X)), d.unit)
		d.edge = edge
		t.userWindow(from, to)
	case dragMove:
		dt := int64(math.Round(d.dx * lv.SecondsPerPixel()))
		t.userWindow(MoveWindow(d.from, d.to, dt, d.unit))
	}
}

// beginDrag chooses what a drag starting at pos does.
func (p *plot) beginDrag(pos fyne.Position) {
	t := p.t
	t.clearHover()
	base, _ := p.layout()
	x := float64(pos.X)
	p.drag = dragState{mode: dragPan, unit: p.unit(), x0: x, from: t.winFrom, to: t.winTo}
	part := HitWindow(t.logical(), t.winFrom, t.winTo, x, edgeSlop)
	switch {
	case part == BrushLeft || part == BrushRight:
		p.drag.mode, p.drag.edge = dragResize, part
	case p.shift || pos.Y >= base:
		p.drag.mode = dragCreate
	case part == BrushInside:
		p.drag.mode = dragMove
	}
}

// DragEnd ends the gesture.
func (p *plot) DragEnd() {
	p.drag = dragState{}
	p.shift = false
}

// Tapped selects a marker's event, clears the window when clicked
// outside it, or selects the latest event of a clicked bar.
func (p *plot) Tapped(ev *fyne.PointEvent) {
	t := p.t
	f := t.front
	if f == nil {
		return
	}
	base, ds := p.layout()
	x, y := float64(ev.Position.X), ev.Position.Y
	if y >= base {
		for _, row := range []int{t.selected, t.hovered} {
			if mx, ok := f.MarkerAt(t.data, row); ok && math.Abs(mx/ds-x) <= markerSlop {
				p.choose(row)
				return
			}
		}
	}
	if t.winTo > t.winFrom && HitWindow(t.logical(), t.winFrom, t.winTo, x, 0) == BrushNone {
		t.userWindow(0, 0)
		return
	}
	bin := f.BinAt(x * ds)
	if bin < 0 || y >= base {
		return
	}
	pr, ap := f.Hist.Total(bin)
	top := float32(float64(f.countY(pr+ap)) / ds)
	if y < top-3 {
		return // above the bar
	}
	if row := latestIn(t.data, f.Hist.Starts[bin], f.Hist.Starts[bin+1]); row >= 0 {
		p.choose(row)
	}
}

// choose selects row and tells OnSelect.
func (p *plot) choose(row int) {
	p.t.SetSelected(row)
	if p.t.OnSelect != nil {
		p.t.OnSelect(row)
	}
}

// latestIn returns the last row of d starting in [from, to), or -1.
func latestIn(d *Data, from, to int64) int {
	if d.Len() == 0 {
		return -1
	}
	i := searchRows(d.Index.Start, d.Rows, to) - 1
	if i < 0 || d.Index.Start[d.Rows[i]] < from {
		return -1
	}
	return int(d.Rows[i])
}

// DoubleTapped sets the window to the bin under the pointer.
func (p *plot) DoubleTapped(ev *fyne.PointEvent) {
	f := p.t.front
	if f == nil {
		return
	}
	_, ds := p.layout()
	if bin := f.BinAt(float64(ev.Position.X) * ds); bin >= 0 {
		p.t.userWindow(f.Hist.Starts[bin], f.Hist.Starts[bin+1])
	}
}

// MouseIn implements desktop.Hoverable.
func (p *plot) MouseIn(ev *desktop.MouseEvent) { p.MouseMoved(ev) }

// MouseMoved highlights the bin under the pointer and shows its tooltip.
func (p *plot) MouseMoved(ev *desktop.MouseEvent) {
	p.pointer, p.inside = ev.Position, true
	if p.drag.mode == dragNone {
		p.hover()
	}
}

// MouseOut hides the hover highlight and tooltip.
func (p *plot) MouseOut() {
	p.inside = false
	if p.t.hoverBin >= 0 {
		p.t.clearHover()
		p.t.requestRender()
	}
	p.t.plot.tip.hide()
}

// frameShown runs after a new frame is on screen: the bin under a
// resting pointer is found again.
func (p *plot) frameShown() {
	if p.inside && p.drag.mode == dragNone {
		p.hover()
	}
}

// hover updates the hovered bin and tooltip for the pointer position.
func (p *plot) hover() {
	t := p.t
	f := t.front
	if f == nil {
		return
	}
	_, ds := p.layout()
	bin := f.BinAt(float64(p.pointer.X) * ds)
	if bin < 0 {
		if t.hoverBin >= 0 {
			t.clearHover()
			t.requestRender()
		}
		return
	}
	p.tip.show(p.pointer, tipLines(f.Hist, t.data, bin))
	if bin != t.hoverBin || t.hoverScale != f.Scale {
		t.hoverBin, t.hoverScale = bin, f.Scale
		t.requestRender()
	}
	t.reportHoverSpan(f.Hist.Starts[bin], f.Hist.Starts[bin+1])
}

// Cursor shows a resize cursor over the window's edges.
func (p *plot) Cursor() desktop.Cursor {
	t := p.t
	if p.drag.mode == dragResize {
		return desktop.HResizeCursor
	}
	if p.inside {
		switch HitWindow(t.logical(), t.winFrom, t.winTo, float64(p.pointer.X), edgeSlop) {
		case BrushLeft, BrushRight:
			return desktop.HResizeCursor
		}
	}
	return desktop.DefaultCursor
}
