package mapview

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"

	"frontier/data"
)

// Tool tuning, in logical pixels.
const (
	// clickSlop is how far the pointer may move between press and release
	// for a click, and how near a click to the last vertex adds none.
	clickSlop = 4.0
	// freehandTolerance is the simplification tolerance of freehand lines.
	freehandTolerance = 1.5
	// snapDegrees is the angle step Shift constrains segments to.
	snapDegrees = 15.0
)

// Pointer is one pointer event for the tool state machines: a position in
// pixels of View and whether Shift is held.
type Pointer struct {
	View  Viewport
	X, Y  float64
	Shift bool
}

// LonLat returns the WGS84 point under the pointer, kept on the map.
func (p Pointer) LonLat() orb.Point { return pixelLonLat(p.View, p.X, p.Y) }

// pixelLonLat is v.PixelToLonLat clamped to valid longitudes and the
// latitudes Web Mercator shows.
func pixelLonLat(v Viewport, x, y float64) orb.Point {
	const maxLat = 85.05112877980659
	pt := v.PixelToLonLat(x, y)
	return orb.Point{clampf(pt[0], -180, 180), clampf(pt[1], -maxLat, maxLat)}
}

// DrawKey is a key the drawing tools understand.
type DrawKey uint8

// The drawing keys.
const (
	DrawKeyFinish DrawKey = iota // Enter or Return: finish a line or polygon
	DrawKeyCancel                // Escape: cancel, or leave the tool when idle
	DrawKeyBack                  // BackSpace: remove the last vertex
)

// DrawResult is what an input event did to a drawing.
type DrawResult struct {
	// Finished is the completed annotation (ID 0), or nil.
	Finished *data.Annotation
	// Cancelled is set when Escape discarded a drawing in progress (or the
	// measure tool's line).
	Cancelled bool
	// Exit is set when Escape was pressed with nothing in progress: the
	// map returns to ToolNavigate.
	Exit bool
}

// toolFamily groups the tools that share a gesture.
type toolFamily uint8

const (
	familyNone     toolFamily = iota
	familyPlace               // marker, text: one click
	familyVertices            // polyline, arrow, polygon: click per vertex
	familySpan                // rectangle, circle, range-bearing, measure: two points
	familyFreehand            // press, drag, release
)

func (t Tool) family() toolFamily {
	switch t {
	case ToolMarker, ToolText:
		return familyPlace
	case ToolPolyline, ToolArrow, ToolPolygon:
		return familyVertices
	case ToolRectangle, ToolCircle, ToolRangeBearing, ToolMeasure:
		return familySpan
	case ToolFreehand:
		return familyFreehand
	}
	return familyNone
}

// Drawer is the state machine of one drawing tool. It knows nothing of
// Fyne: the widget feeds it pointer presses, moves and releases (a click
// is a press and a release less than clickSlop apart), double clicks and
// keys, and reads back the draft to draw and the finished annotation.
//
// Gestures: marker and text place on a click; polyline, arrow and polygon
// add a vertex per click (a press-drag-release as the first gesture adds
// both ends) and finish on Enter, a double click or (polygon) a click on
// the first vertex; rectangle, circle, range-bearing and measure take a
// press-drag-release or two clicks; freehand takes a press-drag-release.
// Shift snaps segments to multiples of 15° on screen and makes rectangles
// square. The measure tool's line is never finished: it stays as Measure
// until Escape or the next measure.
type Drawer struct {
	tool     Tool
	template func(data.AnnotationKind) data.Annotation
	// pts are the placed points: the vertices, the span's anchor, or the
	// freehand trace.
	pts      []orb.Point
	cur      Pointer // the pointer's last position
	hasCur   bool
	down     bool    // a press is in progress
	press    Pointer // where it began
	pressNew bool    // the press placed the span's anchor
	measure  *data.Annotation
}

// NewDrawer returns the state machine of drawing tool t. template makes
// a new annotation of a kind with the current style and layer (nil:
// data.DefaultStyle).
func NewDrawer(t Tool, template func(data.AnnotationKind) data.Annotation) *Drawer {
	return &Drawer{tool: t, template: template}
}

// Tool returns the drawer's tool.
func (d *Drawer) Tool() Tool { return d.tool }

// Active reports whether a drawing is in progress.
func (d *Drawer) Active() bool { return len(d.pts) > 0 || d.down }

// Press starts a press of the primary button at p.
func (d *Drawer) Press(p Pointer) {
	d.down, d.press, d.cur, d.hasCur, d.pressNew = true, p, p, true, false
	switch d.tool.family() {
	case familySpan:
		if len(d.pts) == 0 {
			d.pts = []orb.Point{p.LonLat()}
			d.pressNew = true
			d.measure = nil
		}
	case familyFreehand:
		d.pts = []orb.Point{p.LonLat()}
	}
}

// Move moves the pointer to p, pressed or not.
func (d *Drawer) Move(p Pointer) {
	d.cur, d.hasCur = p, true
	if d.down && d.tool.family() == familyFreehand {
		d.addTrace(p)
	}
}

// Release ends a press at p. A release without a press counts as a
// click at p.
func (d *Drawer) Release(p Pointer) DrawResult {
	if !d.down {
		d.Press(p)
	}
	d.down, d.cur, d.hasCur = false, p, true
	moved := pixelDist(d.press.X, d.press.Y, p.X, p.Y) > clickSlop
	switch d.tool.family() {
	case familyPlace:
		return d.finish([]orb.Point{p.LonLat()}, 0)
	case familyVertices:
		if moved && len(d.pts) == 0 {
			d.pts = append(d.pts, d.press.LonLat())
		}
		if !moved && d.tool == ToolPolygon && len(d.pts) >= 3 && d.nearPoint(p, d.pts[0], clickSlop+2) {
			return d.finish(d.pts, 0) // a click on the first vertex closes the ring
		}
		d.addVertex(p)
	case familySpan:
		if d.pressNew && !moved {
			return DrawResult{} // the first of two clicks
		}
		end := d.constrain(p, d.pts[0])
		if d.nearPoint(end, d.pts[0], clickSlop) {
			return DrawResult{} // no size: wait for a real second point
		}
		return d.finishSpan(end)
	case familyFreehand:
		d.addTrace(p)
		if len(d.pts) < 2 {
			d.pts = nil
			return DrawResult{}
		}
		return d.finish(simplifyPixels(p.View, d.pts, freehandTolerance), 0)
	}
	return DrawResult{}
}

// DoubleClick takes the second click of a double click at p in place of
// its release (the first click has been delivered as a click): it
// finishes a line or polygon that has enough vertices.
func (d *Drawer) DoubleClick(p Pointer) DrawResult {
	switch d.tool.family() {
	case familyVertices:
		d.down, d.cur, d.hasCur = false, p, true
		d.addVertex(p)
		return d.Key(DrawKeyFinish)
	case familyPlace:
		d.down = false // already placed by the first click
		return DrawResult{}
	}
	return d.Release(p)
}

// Key handles Enter (finish), Escape (cancel, or exit when idle) and
// BackSpace (remove the last vertex).
func (d *Drawer) Key(k DrawKey) DrawResult {
	switch k {
	case DrawKeyFinish:
		if d.tool.family() == familyVertices && len(d.pts) >= d.minVertices() {
			return d.finish(d.pts, 0)
		}
	case DrawKeyBack:
		if d.tool.family() == familyVertices && len(d.pts) > 0 {
			d.pts = d.pts[:len(d.pts)-1]
		} else if d.tool.family() == familySpan && !d.down {
			d.pts = nil
		}
	case DrawKeyCancel:
		if d.Active() || d.measure != nil {
			d.reset()
			d.measure = nil
			return DrawResult{Cancelled: true}
		}
		return DrawResult{Exit: true}
	}
	return DrawResult{}
}

// minVertices is how many vertices the tool's kind needs.
func (d *Drawer) minVertices() int {
	if d.tool == ToolPolygon {
		return 3
	}
	return 2
}

// Draft returns the shape in progress (nil for none), with the pointer's
// position as its next vertex or far corner. A polygon with fewer than
// three points is drafted as a polyline.
func (d *Drawer) Draft() *data.Annotation {
	switch d.tool.family() {
	case familyVertices:
		pts := append([]orb.Point(nil), d.pts...)
		if len(pts) == 0 && d.down && d.hasCur && pixelDist(d.press.X, d.press.Y, d.cur.X, d.cur.Y) > clickSlop {
			pts = append(pts, d.press.LonLat())
		}
		if len(pts) == 0 {
			return nil
		}
		if d.hasCur {
			c := d.constrain(d.cur, pts[len(pts)-1])
			if !d.nearPoint(c, pts[len(pts)-1], clickSlop) {
				pts = append(pts, c.LonLat())
			}
		}
		a := d.newAnnotation(d.tool.Kind())
		if a.Kind == data.KindPolygon && len(pts) < 3 {
			a.Kind = data.KindPolyline
		}
		a.Points = pts
		return &a
	case familySpan:
		if d.tool == ToolMeasure || len(d.pts) == 0 {
			return nil
		}
		end := d.pts[0]
		if d.hasCur {
			end = d.constrain(d.cur, d.pts[0]).LonLat()
		}
		return d.spanAnnotation(end)
	case familyFreehand:
		if len(d.pts) < 2 {
			return nil
		}
		a := d.newAnnotation(data.KindFreehand)
		a.Points = append([]orb.Point(nil), d.pts...)
		return &a
	}
	return nil
}

// Measure returns the measure tool's line: the one being drawn, or the
// last one finished (nil for none).
func (d *Drawer) Measure() *data.Annotation {
	if d.tool != ToolMeasure {
		return nil
	}
	if len(d.pts) > 0 {
		if !d.hasCur {
			return nil
		}
		return d.spanAnnotation(d.constrain(d.cur, d.pts[0]).LonLat())
	}
	return d.measure
}

// Measurement returns the distance in metres and the bearing in degrees
// of the range-bearing or measure line being drawn (or, for measure, the
// last one drawn).
func (d *Drawer) Measurement() (dist, bearing float64, ok bool) {
	var line *data.Annotation
	switch d.tool {
	case ToolMeasure:
		line = d.Measure()
	case ToolRangeBearing:
		line = d.Draft()
	}
	if line == nil || len(line.Points) != 2 {
		return 0, 0, false
	}
	dist, bearing = data.GeoInverse(line.Points[0], line.Points[1])
	return dist, bearing, true
}

// spanAnnotation is the span tool's shape from its anchor to end.
func (d *Drawer) spanAnnotation(end orb.Point) *data.Annotation {
	p := d.pts[0]
	var a data.Annotation
	switch d.tool {
	case ToolRectangle:
		a = d.newAnnotation(data.KindRectangle)
		a.Points = []orb.Point{p, end}
	case ToolCircle:
		a = d.newAnnotation(data.KindCircle)
		a.Points = []orb.Point{p}
		a.Radius, _ = data.GeoInverse(p, end)
	case ToolRangeBearing:
		a = d.newAnnotation(data.KindRangeBearing)
		a.Points = []orb.Point{p, end}
	case ToolMeasure:
		a = data.Annotation{Kind: data.KindRangeBearing, Style: data.DefaultStyle(data.KindRangeBearing)}
		a.Points = []orb.Point{p, end}
	}
	return &a
}

// finishSpan completes a span tool at end (constrained already).
func (d *Drawer) finishSpan(end Pointer) DrawResult {
	a := d.spanAnnotation(end.LonLat())
	d.reset()
	switch d.tool {
	case ToolMeasure:
		d.measure = a
		return DrawResult{}
	case ToolRectangle:
		a.Points = normalRectangle(a.Points[0], a.Points[1])
	}
	return DrawResult{Finished: a}
}

// finish completes the drawing with pts and resets the machine.
func (d *Drawer) finish(pts []orb.Point, radius float64) DrawResult {
	a := d.newAnnotation(d.tool.Kind())
	a.Points = append([]orb.Point(nil), pts...)
	a.Radius = radius
	d.reset()
	return DrawResult{Finished: &a}
}

// reset forgets the drawing in progress (not the measure line).
func (d *Drawer) reset() {
	d.pts, d.down, d.pressNew = nil, false, false
}

// newAnnotation is the template of kind k with no points.
func (d *Drawer) newAnnotation(k data.AnnotationKind) data.Annotation {
	var a data.Annotation
	if d.template != nil {
		a = d.template(k).Clone()
	} else {
		a.Style = data.DefaultStyle(k)
	}
	a.ID, a.Kind, a.Points, a.Radius = 0, k, nil, 0
	if k == data.KindText && a.Label == "" {
		a.Label = "Text"
	}
	return a
}

// addVertex appends p, constrained from the last vertex, unless it falls
// on the last vertex.
func (d *Drawer) addVertex(p Pointer) {
	if n := len(d.pts); n > 0 {
		p = d.constrain(p, d.pts[n-1])
		if d.nearPoint(p, d.pts[n-1], clickSlop) {
			return
		}
	}
	d.pts = append(d.pts, p.LonLat())
}

// addTrace appends p to a freehand trace unless it is within the
// tolerance of the last point.
func (d *Drawer) addTrace(p Pointer) {
	if n := len(d.pts); n > 0 && d.nearPoint(p, d.pts[n-1], freehandTolerance) {
		return
	}
	d.pts = append(d.pts, p.LonLat())
}

// nearPoint reports whether p is within r pixels of lon/lat q.
func (d *Drawer) nearPoint(p Pointer, q orb.Point, r float64) bool {
	qx, qy := p.View.LonLatToPixel(q)
	return pixelDist(p.X, p.Y, qx, qy) <= r
}

// constrain applies Shift to p drawn from anchor: a square for a
// rectangle, a multiple of 15° on screen for lines; circles and
// freehand lines are not constrained.
func (d *Drawer) constrain(p Pointer, anchor orb.Point) Pointer {
	if !p.Shift || d.tool == ToolCircle || d.tool == ToolFreehand {
		return p
	}
	ax, ay := p.View.LonLatToPixel(anchor)
	if d.tool == ToolRectangle {
		p.X, p.Y = squareCorner(ax, ay, p.X, p.Y)
	} else {
		p.X, p.Y = snapAngle(ax, ay, p.X, p.Y, snapDegrees)
	}
	return p
}

// simplifyPixels simplifies a lon/lat line with Douglas–Peucker at tol
// pixels of v. The points kept are the original ones, unchanged.
func simplifyPixels(v Viewport, pts []orb.Point, tol float64) []orb.Point {
	px := make(orb.LineString, len(pts))
	for i, p := range pts {
		px[i][0], px[i][1] = v.LonLatToPixel(p)
	}
	kept := simplify.DouglasPeucker(tol).LineString(append(orb.LineString(nil), px...))
	out := make([]orb.Point, 0, len(kept))
	j := 0
	for _, k := range kept {
		for j < len(px) && px[j] != k {
			j++
		}
		if j < len(px) {
			out = append(out, pts[j])
			j++
		}
	}
	return out
}
