package mapview

import (
	"math"

	"fyne.io/fyne/v2"
	"github.com/paulmach/orb"
)

var _ fyne.SecondaryTappable = (*Map)(nil)

// SecondaryTap is a right-click (or long press) on the map: where it
// happened and the event under the pointer.
type SecondaryTap struct {
	// Point is the position under the pointer, WGS84 lon/lat.
	Point orb.Point
	// Row is the index row of the event under the pointer (a stack's
	// front event), or -1 for none or a cluster.
	Row int
	// Position is the pointer relative to the map and AbsolutePosition
	// relative to the window (where a pop-up menu goes).
	Position, AbsolutePosition fyne.Position
}

// eventMove is a drag of the selected event's marker: while it is
// active the selection rings follow the pointer; once released it stays
// pending, the rings at the new place, until the app has asked the user
// and calls EndEventMove.
type eventMove struct {
	active, pending bool
	row             int
	at              fyne.Position // where the rings are drawn
}

// TappedSecondary tells OnSecondaryTap about a right-click in
// ToolNavigate (a drawing tool ignores it).
func (m *Map) TappedSecondary(ev *fyne.PointEvent) {
	if m.OnSecondaryTap == nil || m.annot.drawer != nil || m.evMove.active {
		return
	}
	m.OnSecondaryTap(SecondaryTap{
		Point:            m.logicalView().PixelToLonLat(float64(ev.Position.X), float64(ev.Position.Y)),
		Row:              m.eventAt(ev.Position),
		Position:         ev.Position,
		AbsolutePosition: ev.AbsolutePosition,
	})
}

// eventAt returns the row of the event drawn under pos (a stack's front
// event), or -1 for none or a cluster.
func (m *Map) eventAt(pos fyne.Position) int {
	i := m.hitAt(pos)
	if i < 0 {
		return -1
	}
	mk := m.front.Marks[i]
	if mk.Kind == MarkCluster {
		return -1
	}
	if mk.Kind == MarkStack {
		for _, r := range m.front.MarkRows(i) {
			if int(r) == m.selected {
				return m.selected // the stack's selected event, as its rings show
			}
		}
	}
	return int(mk.Row)
}

// selectedAt returns where the selected event is drawn (logical pixels)
// and its marker's radius; ok is false with no selected event shown.
func (m *Map) selectedAt() (x, y, r float64, ok bool) {
	if m.selected < 0 || m.scene == nil || m.scene.Index == nil || m.selected >= m.scene.Index.Len() {
		return 0, 0, 0, false
	}
	ix := m.scene.Index
	if m.front != nil {
		px, py := m.front.View.ToPixel(ix.X[m.selected], ix.Y[m.selected])
		s := m.front.View.DeviceScale()
		x, y = px/s, py/s
	} else {
		x, y = m.logicalView().ToPixel(ix.X[m.selected], ix.Y[m.selected])
	}
	return x, y, dotRadius(int64(ix.Fatalities[m.selected])), true
}

// startEventMove starts dragging the selected event's marker when a drag
// starts on it and OnEventMoved is set; it reports whether it did.
func (m *Map) startEventMove(pos fyne.Position) bool {
	m.evMove = eventMove{}
	if m.OnEventMoved == nil {
		return false
	}
	x, y, r, ok := m.selectedAt()
	if !ok || math.Hypot(float64(pos.X)-x, float64(pos.Y)-y) > r+hitSlop+2 {
		return false
	}
	m.evMove = eventMove{active: true, row: m.selected, at: pos}
	m.over.hideHover()
	return true
}

// followEventMove moves the selection rings (the marker's ghost) to pos.
func (m *Map) followEventMove(pos fyne.Position) {
	m.evMove.at = pos
	m.pointer = pos
	m.placeMoveRings()
	m.showPointerReadout()
}

// endEventMove releases the marker at pos and tells OnEventMoved; the
// rings stay there until EndEventMove.
func (m *Map) endEventMove(pos fyne.Position) {
	m.evMove.active = false
	m.evMove.at = pos
	m.evMove.pending = true
	m.placeMoveRings()
	p := m.logicalView().PixelToLonLat(float64(pos.X), float64(pos.Y))
	m.OnEventMoved(m.evMove.row, p.Lon(), p.Lat())
}

// placeMoveRings draws the selection rings where the dragged marker is.
func (m *Map) placeMoveRings() {
	_, _, r, ok := m.selectedAt()
	if !ok {
		r = 4
	}
	x, y := m.evMove.at.X, m.evMove.at.Y
	rr := float32(r + 4)
	ring(m.over.selOuter, x, y, rr+1.5)
	ring(m.over.selInner, x, y, rr)
}

// movingEvent reports whether the selection rings show a marker being
// dragged, or released and waiting for EndEventMove.
func (m *Map) movingEvent() bool { return m.evMove.active || m.evMove.pending }

// EventMovePending reports whether a dragged marker waits for the app's
// EndEventMove.
func (m *Map) EventMovePending() bool { return m.evMove.pending }

// EndEventMove puts the selection rings back on the selected event after
// the app has handled OnEventMoved (moved the event, or the user said no).
func (m *Map) EndEventMove() {
	m.evMove = eventMove{}
	m.placeSelection()
}

// deleteEventKey tells OnDeleteEvent about Delete or BackSpace on the
// selected event when no annotation is selected; it reports whether it
// did.
func (m *Map) deleteEventKey(k fyne.KeyName) bool {
	if (k != fyne.KeyDelete && k != fyne.KeyBackspace) || m.OnDeleteEvent == nil ||
		m.annot.selected != 0 || m.selected < 0 || m.movingEvent() {
		return false
	}
	m.OnDeleteEvent(m.selected)
	return true
}
