package mapview

import (
	"math"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"github.com/paulmach/orb"
)

// Input tuning.
const (
	// wheelStep is the scroll delta (Fyne reports about ±25 per wheel
	// notch on Linux, fractions of that from touchpads) per zoom level.
	wheelStep = 60.0
	// hitSlop is how far in logical pixels outside a mark a click or
	// hover still finds it.
	hitSlop = 4.0
	// keyPan is how far the arrow keys pan, in logical pixels.
	keyPan = 120.0
)

// Scrolled zooms continuously about the pointer.
func (m *Map) Scrolled(ev *fyne.ScrollEvent) {
	dz := float64(ev.Scrolled.DY) / wheelStep
	if dz == 0 {
		return
	}
	pos := ev.Position
	if pos.IsZero() && ev.AbsolutePosition.IsZero() {
		// An event without a position (some drivers, and fyne's test
		// helper): the pointer is where it last moved.
		pos = m.pointer
	}
	m.view = m.logicalView().ZoomAround(float64(pos.X), float64(pos.Y), dz)
	m.changed()
	if m.annot.drawer != nil && m.annot.hover {
		m.annot.drawer.Move(m.pointerAt(m.pointer)) // the pointer is elsewhere on the map now
		m.syncTool()
	}
}

// MouseDown records whether shift is held, which makes a drag select a
// box instead of panning (or constrains a drawing tool), and starts a
// drawing tool's press.
func (m *Map) MouseDown(ev *desktop.MouseEvent) {
	m.drag.shift = ev.Modifier&fyne.KeyModifierShift != 0
	m.annot.shift = m.drag.shift
	if m.annot.drawer != nil {
		m.toolMouseDown(ev)
	}
}

// MouseUp ends a drawing tool's press.
func (m *Map) MouseUp(ev *desktop.MouseEvent) {
	if m.annot.drawer != nil {
		m.toolMouseUp(ev)
	}
}

// Dragged pans by the dragged distance, grows the selection box, reshapes
// the selected annotation when the drag started on it, or draws with the
// drawing tool.
func (m *Map) Dragged(ev *fyne.DragEvent) {
	if m.annot.drawer != nil {
		m.toolDragged(ev)
		return
	}
	if !m.drag.active {
		m.drag = dragState{active: true, box: m.drag.shift, start: ev.Position.Subtract(ev.Dragged)}
		m.drag.edit = !m.drag.box && m.editPress(m.drag.start)
		if !m.drag.box && !m.drag.edit {
			m.startEventMove(m.drag.start)
		}
	}
	m.drag.end = ev.Position
	if m.evMove.active {
		m.followEventMove(ev.Position)
		return
	}
	if m.drag.edit {
		m.annot.editor.Move(m.pointerAt(ev.Position))
		m.requestRender()
		return
	}
	if m.drag.box {
		a, b := m.drag.start, m.drag.end
		m.over.box.Move(fyne.NewPos(min(a.X, b.X), min(a.Y, b.Y)))
		m.over.box.Resize(fyne.NewSize(abs32(a.X-b.X), abs32(a.Y-b.Y)))
		m.over.box.Show()
		m.over.box.Refresh()
		return
	}
	m.view = m.logicalView().Pan(float64(ev.Dragged.DX), float64(ev.Dragged.DY))
	m.changed()
}

// DragEnd ends a pan, turns the selection box into a spatial filter,
// ends a reshaping drag (telling Edited) or a drawing tool's drag.
func (m *Map) DragEnd() {
	if m.annot.drawer != nil {
		m.toolDragEnd()
		return
	}
	d := m.drag
	m.drag = dragState{}
	if m.evMove.active {
		m.endEventMove(d.end)
		return
	}
	if d.edit {
		m.editEnd(d.end)
		return
	}
	if !d.box {
		return
	}
	m.over.box.Hide()
	if abs32(d.start.X-d.end.X) < 3 || abs32(d.start.Y-d.end.Y) < 3 {
		return // a click, not a box
	}
	lv := m.logicalView()
	p := lv.PixelToLonLat(float64(d.start.X), float64(d.start.Y))
	q := lv.PixelToLonLat(float64(d.end.X), float64(d.end.Y))
	b := orb.Bound{
		Min: orb.Point{math.Min(p.Lon(), q.Lon()), math.Min(p.Lat(), q.Lat())},
		Max: orb.Point{math.Max(p.Lon(), q.Lon()), math.Max(p.Lat(), q.Lat())},
	}
	if m.OnBoxSelect != nil {
		m.OnBoxSelect(b)
	}
}

// Tapped selects the annotation under the pointer, or else the event
// under it; a cluster zooms in on its events; a stack tapped again
// selects its next older event. With a drawing tool it is a click of the
// tool.
func (m *Map) Tapped(ev *fyne.PointEvent) {
	if m.takePendingTap() {
		return // MouseUp took the click
	}
	m.requestFocus()
	if m.annot.drawer != nil {
		m.toolTapped(ev.Position)
		return
	}
	if m.annotationTapped(ev.Position) {
		return
	}
	i := m.hitAt(ev.Position)
	if i < 0 {
		m.choose(-1)
		return
	}
	f := m.front
	mk := f.Marks[i]
	if mk.Kind == MarkCluster {
		m.zoomTo(mk.Bound, f.View)
		return
	}
	row := int(mk.Row)
	if mk.Kind == MarkStack {
		rows := f.MarkRows(i)
		for k, r := range rows {
			if int(r) == m.selected {
				row = int(rows[(k+len(rows)-1)%len(rows)])
			}
		}
	}
	m.choose(row)
}

// choose selects row and tells OnSelect.
func (m *Map) choose(row int) {
	m.SetSelected(row)
	if m.OnSelect != nil {
		m.OnSelect(row)
	}
}

// zoomTo frames a cluster's extent, zooming in at least one level.
func (m *Map) zoomTo(e Extent, from Viewport) {
	lv := m.logicalView()
	fit := FitExtent(e.MinX, e.MinY, e.MaxX, e.MaxY, lv.Width, lv.Height, 1, 60, MaxZoom)
	if fit.Zoom < from.Zoom+1 {
		fit.Zoom = from.Zoom + 1
	}
	m.view.CenterX, m.view.CenterY, m.view.Zoom = fit.CenterX, fit.CenterY, math.Min(fit.Zoom, MaxZoom)
	m.changed()
}

// DoubleTapped zooms in one level about the pointer; with a drawing tool
// it finishes a line or polygon.
func (m *Map) DoubleTapped(ev *fyne.PointEvent) {
	if m.takePendingTap() {
		// MouseUp took both clicks; if it timed them as two single clicks
		// (a busy UI goroutine can run the second MouseUp late), Fyne's
		// own timing still says double: finish the line as asked.
		if m.annot.drawer != nil && !m.annot.doubleTaken {
			m.applyDraw(m.annot.drawer.DoubleClick(m.pointerAt(ev.Position)))
		}
		m.annot.doubleTaken = false
		return
	}
	if m.annot.drawer != nil {
		m.toolDoubleTapped(ev.Position)
		return
	}
	m.view = m.logicalView().ZoomAround(float64(ev.Position.X), float64(ev.Position.Y), 1)
	m.changed()
}

// MouseIn implements desktop.Hoverable.
func (m *Map) MouseIn(ev *desktop.MouseEvent) { m.MouseMoved(ev) }

// MouseMoved updates the coordinate read-out, the hover ring and the
// tooltip, or a drawing tool's rubber band and measurement.
func (m *Map) MouseMoved(ev *desktop.MouseEvent) {
	m.pointer = ev.Position
	m.annot.hover = true
	if m.annot.drawer != nil {
		m.toolHover(ev.Position)
		return
	}
	m.showPointerReadout()
	i := m.hitAt(ev.Position)
	if i == m.hovered {
		return
	}
	m.hovered = i
	if i < 0 {
		m.over.hideHover()
		m.tellHover(-1)
		return
	}
	f := m.front
	mk := &f.Marks[i]
	if mk.Kind == MarkCluster {
		m.tellHover(-1)
	} else {
		m.tellHover(int(mk.Row))
	}
	s := float32(f.View.DeviceScale())
	ring(m.over.hover, mk.X/s, mk.Y/s, mk.R/s+3)
	m.over.showTip(ev.Position.X, ev.Position.Y, tipLines(f, m.scene, i))
}

// tellHover tells OnHover about the event under the pointer.
func (m *Map) tellHover(row int) {
	if m.OnHover != nil {
		m.OnHover(row)
	}
}

// MouseOut hides the hover ring, tooltip and read-out.
func (m *Map) MouseOut() {
	m.annot.hover = false
	m.tellHover(-1)
	m.hovered = -1
	m.over.hideHover()
	m.over.hideReadout()
}

// hitAt returns the mark under a widget position on the frame on screen.
func (m *Map) hitAt(p fyne.Position) int {
	f := m.front
	if f == nil || m.scene == nil {
		return -1
	}
	x, y := m.toDevice(p)
	return f.HitTest(x, y, hitSlop*f.View.DeviceScale())
}

// placeSelection moves the selection rings to the selected event.
func (m *Map) placeSelection() {
	if m.movingEvent() {
		m.placeMoveRings() // the dragged marker's rings stay with it
		return
	}
	if m.selected < 0 || m.scene == nil || m.scene.Index == nil || m.selected >= m.scene.Index.Len() {
		m.over.selOuter.Hide()
		m.over.selInner.Hide()
		return
	}
	ix := m.scene.Index
	x, y := m.logicalView().ToPixel(ix.X[m.selected], ix.Y[m.selected])
	if m.front != nil {
		// Follow the frame on screen, not the view still being drawn.
		px, py := m.front.View.ToPixel(ix.X[m.selected], ix.Y[m.selected])
		s := m.front.View.DeviceScale()
		x, y = px/s, py/s
	}
	r := float32(dotRadius(int64(ix.Fatalities[m.selected])) + 4)
	ring(m.over.selOuter, float32(x), float32(y), r+1.5)
	ring(m.over.selInner, float32(x), float32(y), r)
}

// requestFocus takes keyboard focus for the arrow and zoom keys.
func (m *Map) requestFocus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(m); c != nil {
		c.Focus(m)
	}
}

// FocusGained implements fyne.Focusable.
func (m *Map) FocusGained() {}

// FocusLost implements fyne.Focusable.
func (m *Map) FocusLost() {}

// TypedRune zooms with + and − (main keyboard or keypad; = as +, which
// shares its key on many layouts) and switches tools with their letters
// (v navigate, m marker, t text, l polyline, a arrow, p polygon,
// r rectangle, c circle, f freehand, b range-bearing, d measure). Keys
// arrive as runes, so TypedKey does not handle them again.
func (m *Map) TypedRune(r rune) {
	if t, ok := toolKeys[unicode.ToLower(r)]; ok {
		m.setToolSelf(t)
		return
	}
	switch r {
	case '+', '=':
		m.ZoomBy(1)
	case '-', '_', '−':
		m.ZoomBy(-1)
	}
}

// TypedKey pans with the arrows and fits all events with Home. With a
// drawing tool, Enter finishes a line or polygon, BackSpace (or Delete)
// removes its last vertex and Escape cancels the drawing, or returns to
// ToolNavigate when nothing is in progress. In ToolNavigate, Escape
// clears the annotation selection and the measure line, and Delete or
// BackSpace removes the hovered vertex of the selected line or polygon,
// or else deletes the selected annotation.
func (m *Map) TypedKey(ev *fyne.KeyEvent) {
	if isFunctionKey(ev.Name) {
		// The map has no use for F1–F12; with the keyboard on the map they
		// would otherwise never reach the window (F5 presents).
		if m.OnKey != nil {
			m.OnKey(ev)
		}
		return
	}
	if m.annot.drawer != nil {
		m.drawingKey(ev.Name)
	} else if !m.deleteEventKey(ev.Name) {
		m.navigateKey(ev.Name)
	}
	switch ev.Name {
	case fyne.KeyLeft:
		m.PanBy(keyPan, 0)
	case fyne.KeyRight:
		m.PanBy(-keyPan, 0)
	case fyne.KeyUp:
		m.PanBy(0, keyPan)
	case fyne.KeyDown:
		m.PanBy(0, -keyPan)
	case fyne.KeyHome:
		m.FitAll()
	}
}

// isFunctionKey reports whether k is one of F1–F12.
func isFunctionKey(k fyne.KeyName) bool {
	switch k {
	case fyne.KeyF1, fyne.KeyF2, fyne.KeyF3, fyne.KeyF4, fyne.KeyF5, fyne.KeyF6,
		fyne.KeyF7, fyne.KeyF8, fyne.KeyF9, fyne.KeyF10, fyne.KeyF11, fyne.KeyF12:
		return true
	}
	return false
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}
