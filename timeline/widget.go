package timeline

import (
	"image"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontier/internal/renderworker"
)

var _ fyne.Widget = (*Timeline)(nil)

// Timeline is the timeline widget: a control bar (From and To date
// entries, quick windows "7 d", "30 d", "1 y" ending on the latest event,
// "All", and the current window) above the histogram plot, which is drawn
// by the render core on a worker goroutine. On the plot:
//
//   - wheel: zoom about the pointer (continuous); horizontal scroll pans;
//   - drag on the bars: pan; drag inside the window: move it;
//   - drag in the axis band under the bars (the brush strip), or
//     shift-drag anywhere: draw a new window;
//   - drag a window edge (its line, with a handle in the middle): resize;
//   - click outside the window: clear it; click a bar: select its latest
//     event (OnSelect); click a marker on the axis: select its event;
//   - double-click: set the window to the bin under the pointer;
//   - hover: highlight the bin and show its dates and counts per actor.
//
// Window edges snap to the bin boundaries of the unit shown (days,
// ISO weeks, months, quarters or years, whichever ChooseUnit picks).
//
// The window is reported inclusive by day: OnWindow(from, to) gives the
// start (00:00 UTC) of the window's first day and the start of its last
// day, as data.Filter's From and To expect; (0, 0) means no window.
//
// All methods must be called on the Fyne UI goroutine.
type Timeline struct {
	widget.BaseWidget

	// OnWindow is called when the user sets, changes or clears the time
	// window (by brushing, double-clicking a bin, the date entries or the
	// quick windows), with the start of its first and of its last day, or
	// (0, 0) when cleared. While a brush is dragged it is called each time
	// the snapped window changes.
	OnWindow func(from, to int64)
	// OnSelect is called with the row the user clicked: the event of a
	// marker on the axis, or the latest event of a clicked bar.
	OnSelect func(row int)
	// OnViewChanged is called after the user pans or zooms.
	OnViewChanged func(s Scale)
	// OnHoverBin is called when the pointer moves onto another bin of the
	// histogram, with the bin's span [from, to) in Unix seconds, and with
	// (0, 0) when it leaves the bins (the map rings the bin's events).
	OnHoverBin func(from, to int64)

	data               *Data
	view               Scale // logical pixels; Width follows the plot
	fitted             bool  // the view was fitted to data or set
	winFrom, winTo     int64 // half-open window in seconds; 0, 0: none
	selected, hovered  int
	hoverBin           int   // bin under the pointer, of a frame of hoverScale
	hoverFrom, hoverTo int64 // the span last given to OnHoverBin
	hoverScale         Scale // the device scale hoverBin was found on
	plot               *plot
	bar                *controls
	content            *fyne.Container
	worker             *renderworker.Worker[Frame, renderRequest]
	front              *Frame // on screen; owned by the UI goroutine
	devW, devH         int    // the raster's size in device pixels
	lastFrom, lastTo   int64  // the window last reported to OnWindow
	reported           bool
}

// New returns an empty timeline showing the last year until data is set.
func New() *Timeline {
	t := &Timeline{selected: -1, hovered: -1, hoverBin: -1}
	now := time.Now().Unix()
	t.view = Scale{Start: Floor(now, Day) - 365*day, End: Floor(now, Day) + day, Width: 800}
	r := NewRenderer()
	t.worker = renderworker.New(func(f *Frame, req renderRequest) { r.Render(f, req.scale, req.data, req.overlay) })
	t.plot = newPlot(t)
	t.bar = newControls(t)
	t.content = container.NewBorder(t.bar.root, nil, nil, nil, t.plot)
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer implements fyne.Widget.
func (t *Timeline) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(t.content)
}

// SetData replaces what the timeline shows. The first data with rows
// fits the view to its time range; later data keeps the view.
func (t *Timeline) SetData(d *Data) {
	t.data = d
	if !t.fitted && d.Len() > 0 {
		t.fitData()
		t.fitted = true
	}
	t.clearHover()
	t.bar.refresh()
	t.requestRender()
}

// Data returns what the timeline shows.
func (t *Timeline) Data() *Data { return t.data }

// SetWindow sets the brushed window to the days from through to
// (inclusive: the starts of the first and last day, any time within the
// days will do) without calling OnWindow. (0, 0) clears it.
func (t *Timeline) SetWindow(from, to int64) {
	if from == 0 && to == 0 {
		t.setWindow(0, 0)
	} else {
		if to < from {
			from, to = to, from
		}
		t.setWindow(Floor(from, Day), Floor(to, Day)+day)
	}
	// What the owner set is what it knows: the user's next change is
	// reported against it.
	t.reported = true
	t.lastFrom, t.lastTo, _ = t.Window()
}

// Window returns the window as the starts of its first and last day, and
// whether there is one.
func (t *Timeline) Window() (from, to int64, ok bool) {
	if t.winTo <= t.winFrom {
		return 0, 0, false
	}
	return t.winFrom, t.winTo - day, true
}

// setWindow sets the half-open window [from, to) and redraws.
func (t *Timeline) setWindow(from, to int64) {
	if to <= from {
		from, to = 0, 0
	}
	if from == t.winFrom && to == t.winTo {
		return
	}
	t.winFrom, t.winTo = from, to
	t.bar.refresh()
	t.requestRender()
}

// userWindow sets the half-open window [from, to) (0, 0: none) on the
// user's behalf and tells OnWindow when it changed.
func (t *Timeline) userWindow(from, to int64) {
	t.setWindow(from, to)
	f, l, ok := t.Window()
	if !ok {
		f, l = 0, 0
	}
	if t.reported && f == t.lastFrom && l == t.lastTo {
		return
	}
	t.reported, t.lastFrom, t.lastTo = true, f, l
	if t.OnWindow != nil {
		t.OnWindow(f, l)
	}
}

// SetSelected marks row (-1 for none) on the axis without telling
// OnSelect.
func (t *Timeline) SetSelected(row int) {
	if row != t.selected {
		t.selected = row
		t.requestRender()
	}
}

// Selected returns the row marked as selected, -1 for none.
func (t *Timeline) Selected() int { return t.selected }

// Hovered returns the row marked as hovered elsewhere, -1 for none.
func (t *Timeline) Hovered() int { return t.hovered }

// SetHovered marks row (-1 for none), the event hovered elsewhere (map or
// table), on the axis.
func (t *Timeline) SetHovered(row int) {
	if row != t.hovered {
		t.hovered = row
		t.requestRender()
	}
}

// View returns the visible time span over the plot's width in logical
// pixels.
func (t *Timeline) View() Scale { return t.logical() }

// SetView shows [start, end) (clamped to the span limits).
func (t *Timeline) SetView(start, end int64) {
	t.view.Start, t.view.End = start, end
	t.view = t.view.Clamp()
	t.fitted = true
	t.clearHover()
	t.requestRender()
}

// FitAll shows the whole time range of the data with a small margin.
func (t *Timeline) FitAll() {
	t.fitData()
	t.changed()
}

// fitData fits the view to the data's days.
func (t *Timeline) fitData() {
	first, last, ok := t.data.Span()
	if !ok {
		return
	}
	s := Fit(Floor(first, Day), Floor(last, Day)+day, t.view.Width, 0.03)
	t.view.Start, t.view.End = s.Start, s.End
}

// showWindow makes the window [from, to) visible: the view zooms to it
// with a margin unless it already shows it at a readable size.
func (t *Timeline) showWindow(from, to int64) {
	lv := t.logical()
	if from >= lv.Start && to <= lv.End && float64(to-from) >= 0.2*float64(lv.End-lv.Start) {
		return
	}
	s := Fit(from, to, lv.Width, 0.15)
	t.view.Start, t.view.End = s.Start, s.End
	t.changed()
}

// changed redraws after a pan or zoom and tells OnViewChanged.
func (t *Timeline) changed() {
	t.fitted = true
	t.clearHover()
	t.requestRender()
	if t.OnViewChanged != nil {
		t.OnViewChanged(t.logical())
	}
}

// clearHover hides the hovered bin and its tooltip.
func (t *Timeline) clearHover() {
	t.hoverBin = -1
	t.plot.tip.hide()
	t.reportHoverSpan(0, 0)
}

// reportHoverSpan tells OnHoverBin about a new hovered span.
func (t *Timeline) reportHoverSpan(from, to int64) {
	if from == t.hoverFrom && to == t.hoverTo {
		return
	}
	t.hoverFrom, t.hoverTo = from, to
	if t.OnHoverBin != nil {
		t.OnHoverBin(from, to)
	}
}

// logical returns the view over the plot's logical width.
func (t *Timeline) logical() Scale {
	s := t.view
	if w := int(t.plot.Size().Width); w > 0 {
		s.Width = w
	}
	return s
}

// deviceScale is the canvas scale of the window the timeline is in.
func (t *Timeline) deviceScale() float64 {
	if c := fyne.CurrentApp().Driver().CanvasForObject(t.plot); c != nil && c.Scale() > 0 {
		return float64(c.Scale())
	}
	return 1
}

// requestRender asks the worker for a frame of the current state at the
// plot's size.
func (t *Timeline) requestRender() {
	sz := t.plot.Size()
	if sz.Width < 1 || sz.Height < 1 {
		return
	}
	s := t.deviceScale()
	w, h := int(math.Ceil(float64(sz.Width)*s)), int(math.Ceil(float64(sz.Height)*s))
	if t.devW > 0 && t.devH > 0 {
		// The raster's own pixel size wins, so a frame always fits it.
		w, h = t.devW, t.devH
		s = float64(t.devW) / float64(sz.Width)
	}
	sc := t.view.WithWidth(w)
	o := Overlay{
		WindowFrom: t.winFrom, WindowTo: t.winTo, HoverBin: t.hoverBin,
		Selected: t.selected, Hovered: t.hovered, DeviceScale: s, Height: h,
	}
	if t.hoverScale != sc.Clamp() {
		o.HoverBin = -1 // the bins moved: the hovered one is found again
	}
	t.worker.Request(renderRequest{scale: sc, data: t.data, overlay: o}, t.present)
}

// present shows a finished frame on the UI goroutine and hands the
// previous one back to the worker.
func (t *Timeline) present(f *Frame) {
	old := t.front
	t.front = f
	if old != nil {
		t.worker.Release(old)
	}
	t.plot.raster.Refresh()
	t.plot.frameShown()
}

// generate is the raster's image source: the frame on screen.
func (t *Timeline) generate(w, h int) image.Image {
	if w != t.devW || h != t.devH {
		t.devW, t.devH = w, h
		fyne.Do(t.requestRender)
	}
	if t.front == nil || t.front.Img == nil {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	return t.front.Img
}

// Frame returns the frame on screen (nil before the first one).
func (t *Timeline) Frame() *Frame { return t.front }

// Flush waits until every requested frame has been drawn and presented.
// Tests use it; the UI never needs to.
func (t *Timeline) Flush() { t.worker.Flush() }

// Destroy stops the render worker.
func (t *Timeline) Destroy() { t.worker.Stop() }

// SetPost sets how finished frames reach the UI goroutine: post(fn) must
// run fn there, now or later. The default, and nil, is fyne.Do. An app
// whose tests queue UI work passes its own (frames then appear when the
// queue runs).
func (t *Timeline) SetPost(post func(func())) { t.worker.SetPost(post) }

// Unit returns the bin unit of the frame on screen (before the first
// frame, the one ChooseUnit picks for the view).
func (t *Timeline) Unit() Unit {
	if f := t.front; f != nil && f.Hist != nil {
		return f.Hist.Unit
	}
	v := t.logical()
	return ChooseUnit(v.End-v.Start, float64(v.Width))
}

// renderRequest is what the worker draws next.
type renderRequest struct {
	scale   Scale
	data    *Data
	overlay Overlay
}
