package mapview

import (
	"frontier/data"
)

// AnnotationSet is what the annotation layer of a frame draws: the
// annotations of the visible layers that show in the time window, in draw
// order, above the events. A set is never changed once handed to the
// renderer; build a new one for a change.
type AnnotationSet struct {
	// Items are drawn in order, later ones on top.
	Items []data.Annotation
	// Selected is the ID of the annotation whose edit handles are drawn
	// (0 for none).
	Selected uint64
	// Draft is the shape being drawn or edited (nil for none). It is drawn
	// on top with its handles; an item with the same ID is skipped.
	Draft *data.Annotation
	// Measure is the measure tool's line (nil for none): drawn with its
	// distance and bearing but never stored.
	Measure *data.Annotation
}

// HandleKind says what dragging a handle does.
type HandleKind uint8

// The handle kinds.
const (
	HandleVertex   HandleKind = iota // moves Points[Index]
	HandleRadius                     // sets a circle's radius
	HandleMidpoint                   // inserts a vertex after Points[Index]
)

// Handle is one drag handle of an annotation, in lon/lat.
type Handle struct {
	Kind  HandleKind
	Index int
	Lon   float64
	Lat   float64
}

// AnnotationHandles returns the drag handles of a: a vertex handle per
// point (rectangles get their four corners, indexes 0–3 counterclockwise
// from the first point's corner), midpoint handles between the vertices of
// polylines, arrows and polygons, and a radius handle due east of a
// circle's centre. Freehand lines have vertex handles only at their ends.
func AnnotationHandles(a *data.Annotation) []Handle {
	return appendHandles(nil, a)
}

// drawAnnotations draws set into f above the events (see
// annotPainter.draw).
func (r *Renderer) drawAnnotations(f *Frame, set *AnnotationSet) {
	r.annot.draw(f, &r.stamps, set)
}
