package mapview

import (
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
	// and active layer filled in (ID 0). The map adds the points.
	Template func(k data.AnnotationKind) data.Annotation
	// Finished is called with a newly drawn annotation (ID 0).
	Finished func(a data.Annotation)
	// Edited is called when a drag, vertex insertion or removal changes an
	// annotation: before is the stored version, after the new one.
	Edited func(before, after data.Annotation)
	// Selected is called when the user selects an annotation (0 when the
	// selection is cleared).
	Selected func(id uint64)
	// Deleted is called when the user presses Delete on the selected
	// annotation.
	Deleted func(id uint64)
	// Editable reports whether an annotation may be changed (its layer is
	// not locked); nil means all are.
	Editable func(a *data.Annotation) bool
	// ToolChanged is called when the map changes tool itself (Esc returns
	// to ToolNavigate).
	ToolChanged func(t Tool)
	// Measured is called while the measure or range-bearing tool is drawn
	// with the distance in metres and bearing in degrees true.
	Measured func(dist, bearing float64)
}

// SetAnnotationEvents sets the annotation callbacks.
func (m *Map) SetAnnotationEvents(ev AnnotationEvents) { m.annot.events = ev }

// SetAnnotations replaces the annotations drawn (already filtered to the
// visible layers and the time window) and the selected one (0 for none).
func (m *Map) SetAnnotations(items []data.Annotation, selected uint64) {
	m.annot.items = items
	m.annot.selected = selected
	m.requestRender()
}

// SetTool switches the pointer mode, cancelling a drawing in progress.
func (m *Map) SetTool(t Tool) {
	m.annot.tool = t
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
}

// annotationSet is the set the next frame draws.
func (m *Map) annotationSet() *AnnotationSet {
	if len(m.annot.items) == 0 {
		return nil
	}
	return &AnnotationSet{Items: m.annot.items, Selected: m.annot.selected}
}
