package mapview

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"frontier/data"
)

// annotRec records the map's annotation callbacks.
type annotRec struct {
	finished []data.Annotation
	edited   [][2]data.Annotation
	selected []uint64
	deleted  []uint64
	tools    []Tool
	measured [][2]float64
}

// recordAnnotations sets callbacks on m that record into a new annotRec;
// editable (nil: all) decides Editable.
func recordAnnotations(m *Map, editable func(*data.Annotation) bool) *annotRec {
	r := &annotRec{}
	m.SetAnnotationEvents(AnnotationEvents{
		Template: func(k data.AnnotationKind) data.Annotation {
			return data.Annotation{Layer: 3, Kind: k, Style: data.DefaultStyle(k)}
		},
		Finished:    func(a data.Annotation) { r.finished = append(r.finished, a) },
		Edited:      func(b, a data.Annotation) { r.edited = append(r.edited, [2]data.Annotation{b, a}) },
		Selected:    func(id uint64) { r.selected = append(r.selected, id) },
		Deleted:     func(id uint64) { r.deleted = append(r.deleted, id) },
		Editable:    editable,
		ToolChanged: func(t Tool) { r.tools = append(r.tools, t) },
		Measured:    func(d, b float64) { r.measured = append(r.measured, [2]float64{d, b}) },
	})
	return r
}

// typeKey sends a key to the focused object, which must be the map.
func typeKey(t *testing.T, m *Map, w fyne.Window, k fyne.KeyName) {
	t.Helper()
	if w.Canvas().Focused() != m {
		t.Fatalf("the map does not have the focus for %s", k)
	}
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: k})
}

// wantPoints checks a's points against widget pixel positions.
func wantPoints(t *testing.T, m *Map, a data.Annotation, kind data.AnnotationKind, px ...fyne.Position) {
	t.Helper()
	if a.Kind != kind {
		t.Errorf("kind %v, want %v", a.Kind, kind)
	}
	if len(a.Points) != len(px) {
		t.Fatalf("%v points %v, want %d", kind, a.Points, len(px))
	}
	lv := m.logicalView()
	for i, p := range px {
		w := lv.PixelToLonLat(float64(p.X), float64(p.Y))
		if !near(a.Points[i].Lon(), w.Lon(), 1e-7) || !near(a.Points[i].Lat(), w.Lat(), 1e-7) {
			t.Errorf("%v point %d at %v, want %v (pixel %v)", kind, i, a.Points[i], w, p)
		}
	}
	if err := a.Validate(); err != nil {
		t.Error(err)
	}
}

func pos(x, y float32) fyne.Position { return fyne.NewPos(x, y) }

func TestDrawEachShapeWithTestDriver(t *testing.T) {
	m, w := mapWindow(t, twoEvents, 1)
	r := recordAnnotations(m, nil)
	last := func() data.Annotation {
		t.Helper()
		if len(r.finished) == 0 {
			t.Fatal("nothing finished")
		}
		a := r.finished[len(r.finished)-1]
		if a.ID != 0 || a.Layer != 3 {
			t.Errorf("finished id %d layer %d, want 0 and the template's 3", a.ID, a.Layer)
		}
		return a
	}
	n := func(want int) {
		t.Helper()
		if len(r.finished) != want {
			t.Fatalf("%d finished, want %d", len(r.finished), want)
		}
	}
	view := m.View()

	m.SetTool(ToolMarker)
	test.TapAt(m, pos(100, 80))
	n(1)
	wantPoints(t, m, last(), data.KindMarker, pos(100, 80))

	m.SetTool(ToolText)
	test.TapAt(m, pos(150, 90))
	n(2)
	wantPoints(t, m, last(), data.KindText, pos(150, 90))

	m.SetTool(ToolPolyline)
	test.TapAt(m, pos(100, 100))
	test.TapAt(m, pos(200, 100))
	test.MoveMouse(w.Canvas(), pos(250, 150))
	if d := m.annotationSet().Draft; d == nil || len(d.Points) != 3 {
		t.Errorf("rubber band draft %+v, want 2 vertices and the pointer", d)
	}
	test.TapAt(m, pos(250, 150))
	typeKey(t, m, w, fyne.KeyReturn)
	n(3)
	wantPoints(t, m, last(), data.KindPolyline, pos(100, 100), pos(200, 100), pos(250, 150))
	if m.annotationSet() != nil && m.annotationSet().Draft != nil {
		t.Error("a draft remains after finishing")
	}

	m.SetTool(ToolArrow)
	test.TapAt(m, pos(300, 300))
	m.DoubleTapped(&fyne.PointEvent{Position: pos(350, 400)})
	n(4)
	wantPoints(t, m, last(), data.KindArrow, pos(300, 300), pos(350, 400))

	m.SetTool(ToolPolygon)
	test.TapAt(m, pos(500, 100))
	test.TapAt(m, pos(600, 100))
	typeKey(t, m, w, fyne.KeyEnter) // too few: nothing
	n(4)
	test.TapAt(m, pos(550, 180))
	test.TapAt(m, pos(700, 300))
	typeKey(t, m, w, fyne.KeyBackspace) // drops (700,300)
	typeKey(t, m, w, fyne.KeyEnter)
	n(5)
	wantPoints(t, m, last(), data.KindPolygon, pos(500, 100), pos(600, 100), pos(550, 180))

	m.SetTool(ToolRectangle)
	test.Drag(w.Canvas(), pos(300, 200), 200, 100) // from (100,100)
	n(6)
	wantPoints(t, m, last(), data.KindRectangle, pos(100, 200), pos(300, 100))
	m.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	test.Drag(w.Canvas(), pos(300, 150), 200, 50) // Shift: a 200-pixel square
	m.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	n(7)
	wantPoints(t, m, last(), data.KindRectangle, pos(100, 300), pos(300, 100))

	m.SetTool(ToolCircle)
	test.Drag(w.Canvas(), pos(500, 300), 80, 0) // centre (420,300), 80 px
	n(8)
	c := last()
	wantPoints(t, m, c, data.KindCircle, pos(420, 300))
	wr, _ := data.GeoInverse(c.Points[0], m.logicalView().PixelToLonLat(500, 300))
	if !near(c.Radius, wr, 1e-6) {
		t.Errorf("circle radius %g m, want %g", c.Radius, wr)
	}

	m.SetTool(ToolFreehand)
	for i := 1; i <= 40; i++ {
		m.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos(100+float32(i)*5, 400)}, Dragged: fyne.Delta{DX: 5}})
	}
	for i := 1; i <= 10; i++ {
		m.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos(300, 400-float32(i)*5)}, Dragged: fyne.Delta{DY: -5}})
	}
	m.DragEnd()
	n(9)
	wantPoints(t, m, last(), data.KindFreehand, pos(100, 400), pos(300, 400), pos(300, 350))

	m.SetTool(ToolRangeBearing)
	test.Drag(w.Canvas(), pos(400, 100), 0, -60) // from (400,160) due north
	n(10)
	rb := last()
	wantPoints(t, m, rb, data.KindRangeBearing, pos(400, 160), pos(400, 100))
	if len(r.measured) == 0 {
		t.Fatal("Measured not called for range-bearing")
	}
	wd, wb := data.GeoInverse(rb.Points[0], rb.Points[1])
	if got := r.measured[len(r.measured)-1]; !near(got[0], wd, 1e-6) || !near(got[1], wb, 1e-9) || (wb > 0.01 && wb < 359.99) {
		t.Errorf("Measured %v, want %g m at %g° (north)", got, wd, wb)
	}

	if m.View() != view {
		t.Error("drawing panned the map")
	}
	for _, a := range r.finished {
		if a.Style != data.DefaultStyle(a.Kind) {
			t.Errorf("%v style %+v, want the template's", a.Kind, a.Style)
		}
	}
	if len(r.tools) != 0 {
		t.Errorf("ToolChanged called %v for SetTool", r.tools)
	}
}

func TestMeasureAndEscape(t *testing.T) {
	m, w := mapWindow(t, twoEvents, 1)
	r := recordAnnotations(m, nil)
	m.TypedRune('d')
	if m.Tool() != ToolMeasure || len(r.tools) != 1 || r.tools[0] != ToolMeasure {
		t.Fatalf("d: tool %v, told %v", m.Tool(), r.tools)
	}
	test.Drag(w.Canvas(), pos(300, 250), 200, 0)
	if len(r.finished) != 0 {
		t.Fatal("measure finished an annotation")
	}
	set := m.annotationSet()
	if set == nil || set.Measure == nil || set.Draft != nil {
		t.Fatalf("after a measure the set is %+v", set)
	}
	if len(r.measured) == 0 || r.measured[len(r.measured)-1][0] < 1000 {
		t.Errorf("Measured %v", r.measured)
	}
	// It stays when switching tool and back to navigation...
	m.TypedRune('V')
	if m.Tool() != ToolNavigate || m.annotationSet() == nil || m.annotationSet().Measure == nil {
		t.Error("switching tool dropped the measure line")
	}
	// ...until Escape.
	m.requestFocus()
	typeKey(t, m, w, fyne.KeyEscape)
	if set := m.annotationSet(); set != nil && set.Measure != nil {
		t.Error("Escape kept the measure line")
	}
	// In a tool, the first Escape cancels the drawing and the second
	// returns to navigation.
	m.TypedRune('l')
	test.TapAt(m, pos(100, 100))
	test.TapAt(m, pos(200, 100))
	typeKey(t, m, w, fyne.KeyEscape)
	if m.Tool() != ToolPolyline || m.annotationSet() != nil {
		t.Errorf("first Escape: tool %v set %+v", m.Tool(), m.annotationSet())
	}
	typeKey(t, m, w, fyne.KeyEscape)
	if m.Tool() != ToolNavigate || r.tools[len(r.tools)-1] != ToolNavigate {
		t.Errorf("second Escape: tool %v, told %v", m.Tool(), r.tools)
	}
	if len(r.finished) != 0 {
		t.Errorf("Escape finished %+v", r.finished)
	}
}

func TestToolShortcutsAndCursor(t *testing.T) {
	m, _ := mapWindow(t, twoEvents, 1)
	r := recordAnnotations(m, nil)
	want := map[rune]Tool{'m': ToolMarker, 't': ToolText, 'l': ToolPolyline, 'a': ToolArrow, 'p': ToolPolygon,
		'r': ToolRectangle, 'c': ToolCircle, 'f': ToolFreehand, 'b': ToolRangeBearing, 'd': ToolMeasure, 'v': ToolNavigate}
	for _, k := range "mtlaprcfbdv" {
		m.TypedRune(k)
		if m.Tool() != want[k] || r.tools[len(r.tools)-1] != want[k] {
			t.Errorf("%c: tool %v, told %v", k, m.Tool(), r.tools)
		}
		wantCursor := desktop.Cursor(desktop.CrosshairCursor)
		if want[k] == ToolNavigate {
			wantCursor = desktop.DefaultCursor
		}
		if m.Cursor() != wantCursor {
			t.Errorf("%c: cursor %v", k, m.Cursor())
		}
	}
	n := len(r.tools)
	m.TypedRune('v') // already navigating
	if len(r.tools) != n {
		t.Error("the current tool's key told ToolChanged again")
	}
	z := m.View().Zoom
	m.TypedRune('+')
	if m.View().Zoom <= z {
		t.Error("+ no longer zooms")
	}
}

func TestDrawingKeepsWheelAndArrowsButNotPan(t *testing.T) {
	m, w := mapWindow(t, twoEvents, 1)
	recordAnnotations(m, nil)
	m.SetTool(ToolPolyline)
	test.TapAt(m, pos(100, 100))
	v := m.View()
	test.Drag(w.Canvas(), pos(400, 300), 50, 50)
	if m.View() != v {
		t.Error("a drag panned while drawing")
	}
	test.MoveMouse(w.Canvas(), pos(400, 250))
	test.Scroll(w.Canvas(), pos(400, 250), 0, 25)
	if m.View().Zoom <= v.Zoom {
		t.Error("the wheel does not zoom while drawing")
	}
	v = m.View()
	typeKey(t, m, w, fyne.KeyLeft)
	if m.View() == v {
		t.Error("the arrows do not pan while drawing")
	}
	// The drawing survived: its first vertex is still the tapped point,
	// now elsewhere on screen.
	if d := m.annotationSet().Draft; d == nil || len(d.Points) < 2 {
		t.Errorf("draft %+v after zoom and pan", d)
	}
}

func TestReadoutWhileDrawing(t *testing.T) {
	m, w := mapWindow(t, twoEvents, 1)
	recordAnnotations(m, nil)
	m.SetTool(ToolRangeBearing)
	test.MoveMouse(w.Canvas(), pos(200, 200))
	if !strings.Contains(m.over.readout.Text, "° N") {
		t.Errorf("idle tool read-out %q, want coordinates", m.over.readout.Text)
	}
	test.TapAt(m, pos(200, 200))
	test.MoveMouse(w.Canvas(), pos(300, 200))
	if txt := m.over.readout.Text; !regexp.MustCompile(`^\d+(\.\d)? km · 0(89|90)°$`).MatchString(txt) || !m.over.readout.Visible() {
		t.Errorf("range-bearing read-out %q, want km and a bearing near 90°", txt)
	}
	m.SetTool(ToolCircle)
	test.TapAt(m, pos(200, 200))
	test.MoveMouse(w.Canvas(), pos(260, 200))
	if txt := m.over.readout.Text; !strings.HasPrefix(txt, "Radius ") || !strings.HasSuffix(txt, " km") {
		t.Errorf("circle read-out %q", txt)
	}
}

func TestDesktopMouseClicksAndDoubleClick(t *testing.T) {
	m, _ := mapWindow(t, twoEvents, 1)
	r := recordAnnotations(m, nil)
	m.SetTool(ToolPolyline)
	primary := func(p fyne.Position) *desktop.MouseEvent {
		return &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary}
	}
	click := func(p fyne.Position) { m.MouseDown(primary(p)); m.MouseUp(primary(p)) }
	// Quick clicks at different places are vertices, not double clicks.
	click(pos(100, 100))
	click(pos(200, 100))
	click(pos(200, 200))
	if len(r.finished) != 0 {
		t.Fatal("quick clicks apart finished the line")
	}
	click(pos(200, 200)) // the second click of a double click
	if len(r.finished) != 1 {
		t.Fatal("a double click did not finish the line")
	}
	wantPoints(t, m, r.finished[0], data.KindPolyline, pos(100, 100), pos(200, 100), pos(200, 200))
	// Fyne reports those four quick clicks again after its double-tap
	// delay, as one Tapped: ignored.
	m.Tapped(&fyne.PointEvent{Position: pos(100, 100)})
	if m.annot.drawer.Active() {
		t.Error("Fyne's late Tapped started a new line")
	}
	// A slow click is a vertex; Fyne's late DoubleTapped of a real double
	// click finishes nothing twice.
	click(pos(300, 300))
	m.Tapped(&fyne.PointEvent{Position: pos(300, 300)})
	click(pos(400, 300))
	click(pos(400, 300))
	m.DoubleTapped(&fyne.PointEvent{Position: pos(400, 300)})
	if len(r.finished) != 2 || m.annot.drawer.Active() {
		t.Fatalf("%d finished, active %v after click, double click", len(r.finished), m.annot.drawer.Active())
	}
	wantPoints(t, m, r.finished[1], data.KindPolyline, pos(300, 300), pos(400, 300))
	// A double click whose second MouseUp the UI ran late (timed as two
	// clicks) is still finished by Fyne's DoubleTapped.
	click(pos(300, 100))
	m.Tapped(&fyne.PointEvent{Position: pos(300, 100)})
	click(pos(400, 100))
	m.annot.lastClick = time.Now().Add(-time.Second)
	click(pos(400, 100))
	if len(r.finished) != 2 {
		t.Fatal("a late second click finished the line by itself")
	}
	m.DoubleTapped(&fyne.PointEvent{Position: pos(400, 100)})
	if len(r.finished) != 3 || m.annot.drawer.Active() {
		t.Fatalf("%d finished, active %v after a late double click", len(r.finished), m.annot.drawer.Active())
	}
	wantPoints(t, m, r.finished[2], data.KindPolyline, pos(300, 100), pos(400, 100))
	r.finished = r.finished[:1]
	// A press-drag-release draws a rectangle once; no tap follows a drag.
	m.SetTool(ToolRectangle)
	m.MouseDown(primary(pos(100, 300)))
	m.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos(150, 350)}, Dragged: fyne.Delta{DX: 50, DY: 50}})
	m.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos(250, 400)}, Dragged: fyne.Delta{DX: 100, DY: 50}})
	m.MouseUp(primary(pos(250, 400)))
	m.DragEnd()
	if len(r.finished) != 2 {
		t.Fatalf("%d finished after a rectangle drag, want 2", len(r.finished))
	}
	wantPoints(t, m, r.finished[1], data.KindRectangle, pos(100, 400), pos(250, 300))
	if m.annot.drawer.Active() {
		t.Error("the rectangle tool is still drawing")
	}
	// Shift on MouseDown squares it.
	sq := primary(pos(100, 300))
	sq.Modifier = fyne.KeyModifierShift
	m.MouseDown(sq)
	m.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos(200, 330)}, Dragged: fyne.Delta{DX: 100, DY: 30}})
	m.MouseUp(primary(pos(200, 330)))
	m.DragEnd()
	if len(r.finished) != 3 {
		t.Fatal("no square")
	}
	wantPoints(t, m, r.finished[2], data.KindRectangle, pos(100, 400), pos(200, 300))
	// A secondary click does nothing.
	m.SetTool(ToolMarker)
	m.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos(50, 50)}, Button: desktop.MouseButtonSecondary})
	m.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos(50, 50)}, Button: desktop.MouseButtonSecondary})
	// A middle-button drag draws nothing.
	m.SetTool(ToolRectangle)
	mid := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos(50, 50)}, Button: desktop.MouseButtonTertiary}
	m.MouseDown(mid)
	m.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos(150, 150)}, Dragged: fyne.Delta{DX: 100, DY: 100}})
	mid.Position = pos(150, 150)
	m.MouseUp(mid)
	m.DragEnd()
	if len(r.finished) != 3 || m.annot.drawer.Active() {
		t.Error("a right click or a middle drag drew something")
	}
}

func TestStalePendingTapIsNotSwallowed(t *testing.T) {
	m, _ := mapWindow(t, twoEvents, 1)
	r := recordAnnotations(m, nil)
	m.SetTool(ToolMarker)
	ev := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos(100, 100)}, Button: desktop.MouseButtonPrimary}
	m.MouseDown(ev)
	m.MouseUp(ev)
	if len(r.finished) != 1 {
		t.Fatal("a desktop click placed no marker")
	}
	// Fyne never reported that click; long after, a Tapped is a new click.
	m.annot.pendingAt = m.annot.pendingAt.Add(-time.Hour)
	test.TapAt(m, pos(200, 200))
	if len(r.finished) != 2 {
		t.Error("a stale pending count swallowed a tap")
	}
}
