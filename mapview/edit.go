package mapview

import (
	"slices"

	"github.com/paulmach/orb"

	"frontier/data"
)

// handleSlop is how far in logical pixels from a handle's centre a press
// still grabs it.
const handleSlop = 8.0

// Editor is the state machine that reshapes the selected annotation in
// ToolNavigate. It knows nothing of Fyne: the widget hands it the press
// that starts a drag, the pointer's moves and the release.
//
// A press on a handle of the selected annotation drags that handle: a
// vertex moves (a rectangle's corner keeps it a rectangle; a circle's
// centre moves the circle), a circle's radius handle sets the radius, a
// midpoint handle inserts a vertex there. A press on the body drags the
// whole shape. Nothing changes until the pointer has moved more than
// clickSlop pixels, so a click stays a click.
type Editor struct {
	active bool
	body   bool
	handle Handle
	before data.Annotation
	after  data.Annotation
	press  Pointer
	moved  bool
}

// Press starts a drag at p if it grabs a handle or the body of sel and sel
// is editable; it reports whether it did (otherwise the drag is the map's
// own: a pan).
func (e *Editor) Press(p Pointer, sel *data.Annotation, editable bool) bool {
	*e = Editor{}
	if sel == nil || !editable || len(sel.Points) == 0 {
		return false
	}
	if h, ok := HitHandle(p.View, sel, p.X, p.Y, handleSlop); ok {
		e.handle = h
	} else if hitOne(p.View, sel, p.X, p.Y, hitSlop) {
		e.body = true
	} else {
		return false
	}
	e.active, e.press = true, p
	e.before, e.after = sel.Clone(), sel.Clone()
	return true
}

// Active reports whether a drag is in progress.
func (e *Editor) Active() bool { return e.active }

// Move follows the pointer to p during a drag.
func (e *Editor) Move(p Pointer) {
	if !e.active {
		return
	}
	dx, dy := p.X-e.press.X, p.Y-e.press.Y
	if !e.moved && pixelDist(0, 0, dx, dy) <= clickSlop {
		return
	}
	e.moved = true
	e.after = dragEdit(p.View, &e.before, e.handle, e.body, dx, dy)
}

// Release ends the drag at p. changed reports whether the annotation was
// reshaped (before is the stored version, after the new one).
func (e *Editor) Release(p Pointer) (before, after data.Annotation, changed bool) {
	if !e.active {
		return before, after, false
	}
	e.Move(p)
	before, after, changed = e.before, e.after, e.moved
	if after.Kind == data.KindRectangle && len(after.Points) == 2 {
		after.Points = normalRectangle(after.Points[0], after.Points[1])
	}
	*e = Editor{}
	return before, after, changed
}

// Cancel abandons a drag in progress.
func (e *Editor) Cancel() { *e = Editor{} }

// Draft returns the reshaped annotation while a drag is in progress (nil
// before the pointer has moved).
func (e *Editor) Draft() *data.Annotation {
	if !e.active || !e.moved {
		return nil
	}
	a := e.after
	return &a
}

// dragEdit returns a with handle h (or, when body is set, the whole
// shape) moved by (dx, dy) pixels of v.
func dragEdit(v Viewport, a *data.Annotation, h Handle, body bool, dx, dy float64) data.Annotation {
	out := a.Clone()
	move := func(p orb.Point) orb.Point {
		x, y := v.LonLatToPixel(p)
		return pixelLonLat(v, x+dx, y+dy)
	}
	if body {
		for i, p := range out.Points {
			out.Points[i] = move(p)
		}
		return out
	}
	np := move(orb.Point{h.Lon, h.Lat})
	switch {
	case h.Kind == HandleMidpoint:
		if h.Index+1 <= len(out.Points) {
			out.Points = slices.Insert(out.Points, h.Index+1, np)
		}
	case a.Kind == data.KindCircle && h.Kind == HandleRadius:
		r, _ := data.GeoInverse(out.Points[0], np)
		out.Radius = max(r, 1)
	case a.Kind == data.KindRectangle && len(out.Points) == 2:
		p, q := out.Points[0], out.Points[1]
		switch h.Index {
		case 0:
			p = np
		case 1:
			q[0], p[1] = np[0], np[1]
		case 2:
			q = np
		case 3:
			p[0], q[1] = np[0], np[1]
		}
		out.Points[0], out.Points[1] = p, q
	case h.Index >= 0 && h.Index < len(out.Points):
		out.Points[h.Index] = np
	}
	return out
}

// normalRectangle returns the south-west and north-east corners of the
// rectangle with opposite corners p and q.
func normalRectangle(p, q orb.Point) []orb.Point {
	return []orb.Point{{min(p[0], q[0]), min(p[1], q[1])}, {max(p[0], q[0]), max(p[1], q[1])}}
}

// removeVertex returns a without vertex i, if a is a polyline, arrow or
// polygon that keeps enough vertices (2, or 3 for a polygon).
func removeVertex(a *data.Annotation, i int) (data.Annotation, bool) {
	need := 0
	switch a.Kind {
	case data.KindPolyline, data.KindArrow:
		need = 2
	case data.KindPolygon:
		need = 3
	default:
		return data.Annotation{}, false
	}
	if i < 0 || i >= len(a.Points) || len(a.Points)-1 < need {
		return data.Annotation{}, false
	}
	out := a.Clone()
	out.Points = slices.Delete(out.Points, i, i+1)
	return out, true
}

// DeleteResult is what Delete or BackSpace does to the selected
// annotation.
type DeleteResult uint8

// The delete results.
const (
	DeleteNothing    DeleteResult = iota // locked, or nothing selected
	DeleteVertex                         // the hovered vertex is removed
	DeleteAnnotation                     // the annotation is deleted
)

// deleteAt decides what Delete does to sel with the pointer at p (over
// the map when hover is set): a hovered vertex handle of a polyline,
// arrow or polygon that keeps enough vertices is removed (after is the
// new annotation); otherwise the annotation is deleted. Locked
// annotations are left alone.
func deleteAt(p Pointer, hover bool, sel *data.Annotation, editable bool) (DeleteResult, data.Annotation) {
	if sel == nil || !editable {
		return DeleteNothing, data.Annotation{}
	}
	if hover {
		if h, ok := HitHandle(p.View, sel, p.X, p.Y, handleSlop); ok && h.Kind == HandleVertex {
			if after, ok := removeVertex(sel, h.Index); ok {
				return DeleteVertex, after
			}
		}
	}
	return DeleteAnnotation, data.Annotation{}
}
