package mapview

import (
	"time"

	"fyne.io/fyne/v2"

	"frontier/data"
)

// Tool is the map's pointer mode: navigating and selecting, or one of the
// drawing tools.
type Tool uint8

// The tools. ToolNavigate pans and selects events and annotations; the
// drawing tools create the data.AnnotationKind of the same name;
// ToolMeasure draws a line with distance and bearing that is never stored.
const (
	ToolNavigate Tool = iota
	ToolMarker
	ToolText
	ToolPolyline
	ToolArrow
	ToolPolygon
	ToolRectangle
	ToolCircle
	ToolFreehand
	ToolRangeBearing
	ToolMeasure
)

// Kind returns the annotation kind a drawing tool makes (0 for
// ToolNavigate and ToolMeasure).
func (t Tool) Kind() data.AnnotationKind {
	switch t {
	case ToolMarker:
		return data.KindMarker
	case ToolText:
		return data.KindText
	case ToolPolyline:
		return data.KindPolyline
	case ToolArrow:
		return data.KindArrow
	case ToolPolygon:
		return data.KindPolygon
	case ToolRectangle:
		return data.KindRectangle
	case ToolCircle:
		return data.KindCircle
	case ToolFreehand:
		return data.KindFreehand
	case ToolRangeBearing:
		return data.KindRangeBearing
	}
	return 0
}

// AnnotationEvents are the map's annotation callbacks, all called on the
// UI goroutine. The map never stores anything itself: the app applies the
// change (durably) and then hands the new list back with SetAnnotations.
type AnnotationEvents struct {
	// Template returns a new annotation of kind k with the current style
	// and active layer filled in (ID 0). The map adds the points. It is
	// called for every draft update while drawing, so it must be cheap and
	// have no side effects. A text annotation with no label gets "Text".
	Template func(k data.AnnotationKind) data.Annotation
	// Finished is called with a newly drawn annotation (ID 0). The tool
	// stays active for the next one; the app stores the annotation and
	// calls SetAnnotations with it (and, usually, its new ID selected).
	Finished func(a data.Annotation)
	// Edited is called when a drag, vertex insertion or removal changes an
	// annotation: before is the stored version, after the new one (same
	// ID). It is called once, when the drag ends; the map shows the stored
	// version again until SetAnnotations hands it the new one.
	Edited func(before, after data.Annotation)
	// Selected is called when the user selects an annotation (0 when the
	// selection is cleared: a tap on empty map or an event, or Escape).
	// The map has already drawn the selection; the app passes it back in
	// later SetAnnotations calls.
	Selected func(id uint64)
	// Deleted is called when the user presses Delete on the selected
	// annotation. The map changes nothing itself: the app deletes it and
	// calls SetAnnotations without it (selected 0).
	Deleted func(id uint64)
	// Editable reports whether an annotation may be changed (its layer is
	// not locked); nil means all are. Locked annotations can be selected;
	// dragging them pans the map and Delete ignores them.
	Editable func(a *data.Annotation) bool
	// ToolChanged is called when the map changes tool itself: a tool's
	// letter key, or Escape returning to ToolNavigate. SetTool does not
	// call it.
	ToolChanged func(t Tool)
	// Measured is called while the measure or range-bearing tool is drawn
	// with the distance in metres and bearing in degrees true, whenever
	// they change (for measure, also for the line left after release).
	Measured func(dist, bearing float64)
}

// SetAnnotationEvents sets the annotation callbacks.
func (m *Map) SetAnnotationEvents(ev AnnotationEvents) {
	m.annot.events = ev
	if m.annot.drawer != nil {
		m.annot.drawer.template = ev.Template
	}
}

// SetAnnotations replaces the annotations drawn (already filtered to the
// visible layers and the time window) and the selected one (0 for none).
func (m *Map) SetAnnotations(items []data.Annotation, selected uint64) {
	m.annot.items = items
	m.annot.selected = selected
	m.requestRender()
}

// SetTool switches the pointer mode, cancelling a drawing or an edit in
// progress. Setting the current tool again changes nothing, so an app may
// echo ToolChanged back. The measure tool's line stays until Escape or
// the next measure.
func (m *Map) SetTool(t Tool) {
	if t == m.annot.tool {
		return
	}
	m.annot.tool = t
	m.annot.drawer = nil
	if t != ToolNavigate {
		m.annot.drawer = NewDrawer(t, m.annot.events.Template)
		if t == ToolMeasure {
			m.annot.drawer.measure = m.annot.measure
		}
		if m.hovered >= 0 {
			m.tellHover(-1)
		}
		m.hovered = -1
		m.over.hideHover()
	}
	m.annot.press = toolPress{}
	m.annot.editor.Cancel()
	m.drag = dragState{}
	m.showPointerReadout()
	m.requestRender()
}

// Tool returns the current pointer mode.
func (m *Map) Tool() Tool { return m.annot.tool }

// annotState is the map's annotation state.
type annotState struct {
	events   AnnotationEvents
	tool     Tool
	items    []data.Annotation
	selected uint64

	drawer  *Drawer          // the drawing tool's machine (nil in ToolNavigate)
	editor  Editor           // reshapes the selected annotation
	measure *data.Annotation // the measure tool's line
	press   toolPress        // the drawing tool's press in progress
	shift   bool             // Shift is held
	// pendingTaps counts clicks a drawing tool took from MouseUp that
	// Fyne will also report as Tapped or DoubleTapped, after its
	// double-tap delay: those are ignored.
	pendingTaps int
	pendingAt   time.Time // when the last was counted
	// doubleTaken says MouseUp recognised the last double click itself.
	doubleTaken bool
	lastClick   time.Time // when the last such click was released
	lastClickAt fyne.Position
	measured    [2]float64 // what Measured was last told
	hover       bool       // the pointer is over the map
}

// toolPress is a press of a drawing tool: from MouseDown on desktop
// drivers, or made up at the start of a drag where only Dragged and
// DragEnd arrive (Fyne's test driver).
type toolPress struct {
	down      bool
	fromMouse bool // MouseUp will end it
	dragged   bool // Dragged events arrived
	other     bool // another button is down: its drag draws nothing
	last      fyne.Position
}

// annotationSet is the set the next frame draws.
func (m *Map) annotationSet() *AnnotationSet {
	var draft *data.Annotation
	if m.annot.drawer != nil {
		draft = m.annot.drawer.Draft()
	} else {
		draft = m.annot.editor.Draft()
	}
	if len(m.annot.items) == 0 && m.annot.selected == 0 && draft == nil && m.annot.measure == nil {
		return nil
	}
	return &AnnotationSet{Items: m.annot.items, Selected: m.annot.selected, Draft: draft, Measure: m.annot.measure}
}

// selectedAnnotation returns the selected annotation among the items
// drawn (nil for none).
func (m *Map) selectedAnnotation() *data.Annotation {
	if m.annot.selected == 0 {
		return nil
	}
	for i := range m.annot.items {
		if m.annot.items[i].ID == m.annot.selected {
			return &m.annot.items[i]
		}
	}
	return nil
}

// editable reports whether a may be changed.
func (m *Map) editable(a *data.Annotation) bool {
	return m.annot.events.Editable == nil || m.annot.events.Editable(a)
}

// selectAnnotation selects id (0 for none) and tells Selected.
func (m *Map) selectAnnotation(id uint64) {
	if id == m.annot.selected {
		return
	}
	m.annot.selected = id
	m.requestRender()
	if m.annot.events.Selected != nil {
		m.annot.events.Selected(id)
	}
}

// setToolSelf switches tool on the user's keystroke and tells ToolChanged.
func (m *Map) setToolSelf(t Tool) {
	if t == m.annot.tool {
		return
	}
	m.SetTool(t)
	if m.annot.events.ToolChanged != nil {
		m.annot.events.ToolChanged(t)
	}
}

// toolKeys are the letter shortcuts of the tools.
var toolKeys = map[rune]Tool{
	'v': ToolNavigate, 'm': ToolMarker, 't': ToolText, 'l': ToolPolyline, 'a': ToolArrow,
	'p': ToolPolygon, 'r': ToolRectangle, 'c': ToolCircle, 'f': ToolFreehand,
	'b': ToolRangeBearing, 'd': ToolMeasure,
}
