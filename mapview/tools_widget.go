package mapview

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

var _ desktop.Cursorable = (*Map)(nil)
var _ desktop.Keyable = (*Map)(nil)

// doubleClickSlop is how far apart in logical pixels the two clicks of a
// double click may be.
const doubleClickSlop = 6.0

// Cursor is a crosshair while a drawing tool is active.
func (m *Map) Cursor() desktop.Cursor {
	if m.annot.tool != ToolNavigate {
		return desktop.CrosshairCursor
	}
	return desktop.DefaultCursor
}

// KeyDown tracks Shift, which constrains the drawing tools.
func (m *Map) KeyDown(ev *fyne.KeyEvent) { m.setShift(ev.Name, true) }

// KeyUp tracks Shift.
func (m *Map) KeyUp(ev *fyne.KeyEvent) { m.setShift(ev.Name, false) }

func (m *Map) setShift(k fyne.KeyName, down bool) {
	if k != desktop.KeyShiftLeft && k != desktop.KeyShiftRight {
		return
	}
	m.annot.shift = down
	if m.annot.drawer != nil && m.annot.hover && !m.annot.press.down {
		m.annot.drawer.Move(m.pointerAt(m.pointer)) // re-snap the rubber band
		m.syncTool()
	}
}

// pointerAt is a tool pointer event at widget position pos.
func (m *Map) pointerAt(pos fyne.Position) Pointer {
	return Pointer{View: m.logicalView(), X: float64(pos.X), Y: float64(pos.Y), Shift: m.annot.shift}
}

// toolMouseDown starts a drawing tool's press on desktop drivers.
func (m *Map) toolMouseDown(ev *desktop.MouseEvent) {
	if ev.Button != desktop.MouseButtonPrimary {
		m.annot.press = toolPress{other: true} // its drag draws nothing
		return
	}
	m.requestFocus()
	m.annot.press = toolPress{down: true, fromMouse: true, last: ev.Position}
	m.annot.drawer.Press(m.pointerAt(ev.Position))
	m.syncTool()
}

// toolMouseUp ends a drawing tool's press on desktop drivers. A click
// (no drag) is also reported by Fyne as Tapped or DoubleTapped a double-
// tap delay later; those are ignored, and double clicks are recognised
// here instead so that clicks can follow each other quickly.
func (m *Map) toolMouseUp(ev *desktop.MouseEvent) {
	pr := m.annot.press
	if ev.Button != desktop.MouseButtonPrimary || !pr.down || !pr.fromMouse {
		if pr.other {
			m.annot.press = toolPress{}
		}
		return
	}
	m.annot.press = toolPress{}
	p := m.pointerAt(ev.Position)
	if pr.dragged {
		m.annot.lastClick = time.Time{}
		m.applyDraw(m.annot.drawer.Release(p))
		return
	}
	now := time.Now()
	m.annot.pendingTaps++
	m.annot.pendingAt = now
	if now.Sub(m.annot.lastClick) <= fyne.CurrentApp().Driver().DoubleTapDelay() &&
		pixelDist(float64(m.annot.lastClickAt.X), float64(m.annot.lastClickAt.Y), p.X, p.Y) <= doubleClickSlop {
		m.annot.lastClick = time.Time{}
		m.annot.doubleTaken = true
		m.applyDraw(m.annot.drawer.DoubleClick(p))
		return
	}
	m.annot.doubleTaken = false
	m.annot.lastClick, m.annot.lastClickAt = now, ev.Position
	m.applyDraw(m.annot.drawer.Release(p))
}

// toolDragged follows a drag of a drawing tool; where no MouseDown came
// (Fyne's test driver) the press is made up at the drag's start.
func (m *Map) toolDragged(ev *fyne.DragEvent) {
	if m.annot.press.other {
		return
	}
	if !m.annot.press.down {
		start := ev.Position.Subtract(ev.Dragged)
		m.requestFocus()
		m.annot.press = toolPress{down: true, last: start}
		m.annot.drawer.Press(m.pointerAt(start))
	}
	m.annot.press.dragged = true
	m.annot.press.last = ev.Position
	m.pointer = ev.Position
	m.annot.drawer.Move(m.pointerAt(ev.Position))
	m.syncTool()
}

// toolDragEnd ends a drag of a drawing tool that no MouseUp ended.
func (m *Map) toolDragEnd() {
	pr := m.annot.press
	if pr.other {
		m.annot.press = toolPress{}
	}
	if !pr.down {
		return
	}
	m.annot.press = toolPress{}
	m.applyDraw(m.annot.drawer.Release(m.pointerAt(pr.last)))
}

// takePendingTap reports whether a Tapped or DoubleTapped repeats clicks
// MouseUp has taken, and forgets them. Counts older than a second are
// stale (Fyne reported those clicks some other way) and ignored.
func (m *Map) takePendingTap() bool {
	n := m.annot.pendingTaps
	m.annot.pendingTaps = 0
	return n > 0 && time.Since(m.annot.pendingAt) < time.Second+fyne.CurrentApp().Driver().DoubleTapDelay()
}

// toolTapped is a click of a drawing tool that MouseUp did not take.
func (m *Map) toolTapped(pos fyne.Position) {
	m.annot.press = toolPress{}
	m.applyDraw(m.annot.drawer.Release(m.pointerAt(pos)))
}

// toolDoubleTapped is a double click of a drawing tool that MouseUp did
// not take: its first click, then the double click.
func (m *Map) toolDoubleTapped(pos fyne.Position) {
	m.annot.press = toolPress{}
	p := m.pointerAt(pos)
	m.applyDraw(m.annot.drawer.Release(p))
	if m.annot.drawer != nil {
		m.applyDraw(m.annot.drawer.DoubleClick(p))
	}
}

// toolHover moves a drawing tool's rubber band with the pointer.
func (m *Map) toolHover(pos fyne.Position) {
	m.annot.drawer.Move(m.pointerAt(pos))
	m.syncTool()
}

// toolKey sends a key to the drawing tool.
func (m *Map) toolKey(k DrawKey) {
	m.applyDraw(m.annot.drawer.Key(k))
}

// applyDraw tells the app what a drawing event did and redraws.
func (m *Map) applyDraw(res DrawResult) {
	if res.Finished != nil && m.annot.events.Finished != nil {
		m.annot.events.Finished(*res.Finished)
	}
	if res.Exit {
		m.setToolSelf(ToolNavigate)
	}
	m.syncTool()
}

// syncTool brings the measure line, the read-out and Measured up to date
// with the drawing tool and redraws.
func (m *Map) syncTool() {
	if d := m.annot.drawer; d != nil {
		if d.Tool() == ToolMeasure {
			m.annot.measure = d.Measure()
		}
		if dist, brg, ok := d.Measurement(); ok && m.annot.measured != [2]float64{dist, brg} {
			m.annot.measured = [2]float64{dist, brg}
			if m.annot.events.Measured != nil {
				m.annot.events.Measured(dist, brg)
			}
		}
	}
	m.showPointerReadout()
	m.requestRender()
}

// showPointerReadout shows the drawing's live measurement, or the
// coordinates under the pointer, or nothing off the map.
func (m *Map) showPointerReadout() {
	if d := m.annot.drawer; d != nil {
		if s := d.Readout(); s != "" {
			m.over.showReadout(s)
			return
		}
	}
	if !m.annot.hover {
		m.over.hideReadout()
		return
	}
	lv := m.logicalView()
	px, py := float64(m.pointer.X), float64(m.pointer.Y)
	if x, y := lv.FromPixel(px, py); x >= 0 && x <= 1 && y >= 0 && y <= 1 {
		m.over.showReadout(coordText(lv.PixelToLonLat(px, py)))
	} else {
		m.over.hideReadout() // off the edge of the world
	}
}

// editPress starts reshaping the selected annotation if a drag starting
// at pos grabs it.
func (m *Map) editPress(pos fyne.Position) bool {
	sel := m.selectedAnnotation()
	if sel == nil {
		return false
	}
	return m.annot.editor.Press(m.pointerAt(pos), sel, m.editable(sel))
}

// editEnd ends a reshaping drag at pos and tells Edited.
func (m *Map) editEnd(pos fyne.Position) {
	before, after, changed := m.annot.editor.Release(m.pointerAt(pos))
	if changed && m.annot.events.Edited != nil {
		m.annot.events.Edited(before, after)
	}
	m.requestRender()
}

// annotationTapped selects the annotation under pos, if any, and reports
// whether there was one; a tap elsewhere clears the selection.
func (m *Map) annotationTapped(pos fyne.Position) bool {
	lv := m.logicalView()
	x, y := float64(pos.X), float64(pos.Y)
	if sel := m.selectedAnnotation(); sel != nil {
		if _, ok := HitHandle(lv, sel, x, y, handleSlop); ok {
			return true // on the selection's own handle
		}
	}
	if id, ok := HitAnnotation(lv, m.annot.items, x, y, hitSlop); ok {
		m.selectAnnotation(id)
		return true
	}
	m.selectAnnotation(0)
	return false
}

// navigateKey handles Escape, Delete and BackSpace in ToolNavigate.
func (m *Map) navigateKey(k fyne.KeyName) {
	switch k {
	case fyne.KeyEscape:
		if m.annot.editor.Active() {
			m.annot.editor.Cancel()
			m.drag = dragState{}
		}
		m.annot.measure = nil
		m.selectAnnotation(0)
		m.requestRender()
	case fyne.KeyDelete, fyne.KeyBackspace:
		sel := m.selectedAnnotation()
		switch res, after := deleteAt(m.pointerAt(m.pointer), m.annot.hover, sel, sel != nil && m.editable(sel)); res {
		case DeleteVertex:
			if m.annot.events.Edited != nil {
				m.annot.events.Edited(sel.Clone(), after)
			}
		case DeleteAnnotation:
			if m.annot.events.Deleted != nil {
				m.annot.events.Deleted(sel.ID)
			}
		}
	}
}

// drawingKey handles Enter, Escape, Delete and BackSpace with a drawing
// tool.
func (m *Map) drawingKey(k fyne.KeyName) {
	switch k {
	case fyne.KeyReturn, fyne.KeyEnter:
		m.toolKey(DrawKeyFinish)
	case fyne.KeyEscape:
		m.annot.press = toolPress{}
		m.toolKey(DrawKeyCancel)
	case fyne.KeyBackspace, fyne.KeyDelete:
		m.toolKey(DrawKeyBack)
	}
}
