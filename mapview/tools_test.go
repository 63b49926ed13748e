package mapview

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"frontier/data"
)

// toolView is an 800×500 view on Peshawar at zoom 10, scale 1.
func toolView() Viewport {
	x, y := data.Mercator(71.5, 34)
	return Viewport{CenterX: x, CenterY: y, Zoom: 10, Width: 800, Height: 500, Scale: 1}
}

// step is one input to a Drawer: p press, m move, r release, c click
// (press and release), d double click (after its first click), k key.
type step struct {
	op    byte
	x, y  float64
	shift bool
	key   DrawKey
}

func click(x, y float64) step    { return step{op: 'c', x: x, y: y} }
func press(x, y float64) step    { return step{op: 'p', x: x, y: y} }
func move(x, y float64) step     { return step{op: 'm', x: x, y: y} }
func release(x, y float64) step  { return step{op: 'r', x: x, y: y} }
func dblclick(x, y float64) step { return step{op: 'd', x: x, y: y} }
func key(k DrawKey) step         { return step{op: 'k', key: k} }
func shifted(s step) step        { s.shift = true; return s }

// drawOutcome collects what a run of steps did.
type drawOutcome struct {
	finished  []data.Annotation
	cancelled int
	exit      int
}

func runSteps(d *Drawer, v Viewport, steps []step) drawOutcome {
	var out drawOutcome
	take := func(r DrawResult) {
		if r.Finished != nil {
			out.finished = append(out.finished, *r.Finished)
		}
		if r.Cancelled {
			out.cancelled++
		}
		if r.Exit {
			out.exit++
		}
	}
	for _, s := range steps {
		p := Pointer{View: v, X: s.x, Y: s.y, Shift: s.shift}
		switch s.op {
		case 'p':
			d.Press(p)
		case 'm':
			d.Move(p)
		case 'r':
			take(d.Release(p))
		case 'c':
			d.Press(p)
			take(d.Release(p))
		case 'd':
			d.Press(p)
			take(d.DoubleClick(p))
		case 'k':
			take(d.Key(s.key))
		}
	}
	return out
}

// pixelsOfAnnotation returns a's points as pixels of v.
func pixelsOfAnnotation(v Viewport, a *data.Annotation) [][2]float64 {
	return pixelsOf(v, a.Points)
}

func TestDrawerTools(t *testing.T) {
	v := toolView()
	type xy = [2]float64
	cases := []struct {
		name   string
		tool   Tool
		steps  []step
		kind   data.AnnotationKind // 0: nothing finished
		points []xy                // expected pixels of the finished points
		active bool                // still drawing afterwards
	}{
		{"marker click", ToolMarker, []step{click(100, 120)}, data.KindMarker, []xy{{100, 120}}, false},
		{"text click", ToolText, []step{click(300, 200)}, data.KindText, []xy{{300, 200}}, false},
		{"marker double click places one", ToolMarker, []step{click(100, 120), dblclick(100, 120)}, data.KindMarker, []xy{{100, 120}}, false},
		{"polyline clicks and Enter", ToolPolyline, []step{click(100, 100), move(150, 100), click(200, 100), click(200, 200), key(DrawKeyFinish)},
			data.KindPolyline, []xy{{100, 100}, {200, 100}, {200, 200}}, false},
		{"polyline Enter needs two points", ToolPolyline, []step{click(100, 100), key(DrawKeyFinish)}, 0, nil, true},
		{"polyline double click finishes", ToolPolyline, []step{click(100, 100), click(200, 100), click(300, 150), dblclick(300, 150)},
			data.KindPolyline, []xy{{100, 100}, {200, 100}, {300, 150}}, false},
		{"polyline click on last vertex adds none", ToolPolyline, []step{click(100, 100), click(102, 101), click(200, 100), key(DrawKeyFinish)},
			data.KindPolyline, []xy{{100, 100}, {200, 100}}, false},
		{"polyline first drag adds both ends", ToolPolyline, []step{press(100, 100), move(150, 120), release(200, 140), key(DrawKeyFinish)},
			data.KindPolyline, []xy{{100, 100}, {200, 140}}, false},
		{"polyline backspace removes last", ToolPolyline, []step{click(100, 100), click(200, 100), click(300, 300), key(DrawKeyBack), key(DrawKeyFinish)},
			data.KindPolyline, []xy{{100, 100}, {200, 100}}, false},
		{"polyline shift snaps to 0°", ToolPolyline, []step{click(100, 100), shifted(click(200, 110)), key(DrawKeyFinish)},
			data.KindPolyline, []xy{{100, 100}, {200, 100}}, false},
		{"polyline shift snaps to 90°", ToolPolyline, []step{click(100, 100), shifted(click(103, 300)), key(DrawKeyFinish)},
			data.KindPolyline, []xy{{100, 100}, {100, 300}}, false},
		{"arrow", ToolArrow, []step{click(100, 100), click(400, 300), dblclick(400, 300)}, data.KindArrow, []xy{{100, 100}, {400, 300}}, false},
		{"polygon Enter needs three", ToolPolygon, []step{click(100, 100), click(200, 100), key(DrawKeyFinish)}, 0, nil, true},
		{"polygon Enter", ToolPolygon, []step{click(100, 100), click(200, 100), click(200, 200), key(DrawKeyFinish)},
			data.KindPolygon, []xy{{100, 100}, {200, 100}, {200, 200}}, false},
		{"polygon closes on first vertex", ToolPolygon, []step{click(100, 100), click(200, 100), click(150, 200), click(101, 102)},
			data.KindPolygon, []xy{{100, 100}, {200, 100}, {150, 200}}, false},
		{"rectangle drag", ToolRectangle, []step{press(100, 100), move(200, 150), release(300, 200)},
			data.KindRectangle, []xy{{100, 200}, {300, 100}}, false},
		{"rectangle two clicks", ToolRectangle, []step{click(300, 200), move(200, 150), click(100, 100)},
			data.KindRectangle, []xy{{100, 200}, {300, 100}}, false},
		{"rectangle shift square", ToolRectangle, []step{press(100, 100), shifted(release(300, 150))},
			data.KindRectangle, []xy{{100, 300}, {300, 100}}, false},
		{"rectangle second click on first waits", ToolRectangle, []step{click(100, 100), click(101, 101)}, 0, nil, true},
		{"circle drag", ToolCircle, []step{press(400, 250), move(450, 250), release(500, 250)}, data.KindCircle, []xy{{400, 250}}, false},
		{"circle two clicks", ToolCircle, []step{click(400, 250), click(400, 150)}, data.KindCircle, []xy{{400, 250}}, false},
		{"freehand click draws nothing", ToolFreehand, []step{click(100, 100)}, 0, nil, false},
		{"range-bearing drag", ToolRangeBearing, []step{press(100, 100), move(150, 100), release(200, 100)},
			data.KindRangeBearing, []xy{{100, 100}, {200, 100}}, false},
		{"range-bearing two clicks", ToolRangeBearing, []step{click(100, 100), click(100, 300)},
			data.KindRangeBearing, []xy{{100, 100}, {100, 300}}, false},
		{"range-bearing shift", ToolRangeBearing, []step{press(100, 100), shifted(release(300, 290))},
			data.KindRangeBearing, []xy{{100, 100}, {295, 295}}, false},
		{"measure never finishes", ToolMeasure, []step{press(100, 100), release(300, 100)}, 0, nil, false},
		{"Esc cancels", ToolPolyline, []step{click(100, 100), click(200, 100), key(DrawKeyCancel)}, 0, nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := NewDrawer(c.tool, nil)
			out := runSteps(d, v, c.steps)
			if d.Active() != c.active {
				t.Errorf("active %v, want %v", d.Active(), c.active)
			}
			if c.kind == 0 {
				if len(out.finished) != 0 {
					t.Fatalf("finished %+v, want nothing", out.finished)
				}
				return
			}
			if len(out.finished) != 1 {
				t.Fatalf("finished %d annotations, want 1", len(out.finished))
			}
			a := out.finished[0]
			if a.Kind != c.kind || a.ID != 0 {
				t.Errorf("finished kind %v id %d, want %v id 0", a.Kind, a.ID, c.kind)
			}
			if err := a.Validate(); err != nil {
				t.Errorf("finished annotation invalid: %v", err)
			}
			got := pixelsOfAnnotation(v, &a)
			if len(got) != len(c.points) {
				t.Fatalf("points %v, want %v", got, c.points)
			}
			for i := range got {
				if !near(got[i][0], c.points[i][0], 1e-3) || !near(got[i][1], c.points[i][1], 1e-3) {
					t.Errorf("point %d at %v, want %v", i, got[i], c.points[i])
				}
			}
			if a.Style != data.DefaultStyle(c.kind) && c.kind != data.KindText {
				t.Errorf("style %+v, want the default", a.Style)
			}
		})
	}
}

func TestDrawerCircleRadius(t *testing.T) {
	v := toolView()
	d := NewDrawer(ToolCircle, nil)
	out := runSteps(d, v, []step{press(400, 250), release(400, 150)})
	if len(out.finished) != 1 {
		t.Fatal("no circle")
	}
	c := out.finished[0]
	want, _ := data.GeoInverse(v.PixelToLonLat(400, 250), v.PixelToLonLat(400, 150))
	if !near(c.Radius, want, 1e-6) || want < 1000 {
		t.Errorf("radius %g m, want %g", c.Radius, want)
	}
	// The draft shows the radius while dragging.
	d.Press(Pointer{View: v, X: 400, Y: 250})
	d.Move(Pointer{View: v, X: 500, Y: 250})
	dr := d.Draft()
	want, _ = data.GeoInverse(v.PixelToLonLat(400, 250), v.PixelToLonLat(500, 250))
	if dr == nil || dr.Kind != data.KindCircle || !near(dr.Radius, want, 1e-6) {
		t.Errorf("draft %+v, want a circle of radius %g", dr, want)
	}
	if r := d.Readout(); !strings.HasPrefix(r, "Radius ") || !strings.HasSuffix(r, " km") {
		t.Errorf("read-out %q", r)
	}
}

func TestDrawerShiftAngles(t *testing.T) {
	v := toolView()
	for _, tool := range []Tool{ToolPolyline, ToolArrow, ToolRangeBearing, ToolMeasure} {
		for _, to := range [][2]float64{{310, 180}, {130, 20}, {-50, 170}, {150, 410}, {402, 103}} {
			d := NewDrawer(tool, nil)
			d.Press(Pointer{View: v, X: 150, Y: 170})
			d.Release(Pointer{View: v, X: 150, Y: 170})
			d.Move(Pointer{View: v, X: to[0], Y: to[1], Shift: true})
			line := d.Draft()
			if tool == ToolMeasure {
				line = d.Measure()
			}
			if line == nil || len(line.Points) != 2 {
				t.Fatalf("%v: draft %+v", tool, line)
			}
			px := pixelsOf(v, line.Points)
			ang := math.Atan2(px[1][1]-px[0][1], px[1][0]-px[0][0]) * 180 / math.Pi
			if r := math.Mod(ang+360, 15); r > 1e-6 && r < 15-1e-6 {
				t.Errorf("%v to %v: angle %g° is not a multiple of 15°", tool, to, ang)
			}
			raw := math.Atan2(to[1]-170, to[0]-150) * 180 / math.Pi
			if math.Abs(ang-raw) > 7.5+1e-9 && math.Abs(ang-raw) < 360-7.5 {
				t.Errorf("%v to %v: snapped to %g° from %g°", tool, to, ang, raw)
			}
		}
	}
}

func TestDrawerFreehandSimplifies(t *testing.T) {
	v := toolView()
	d := NewDrawer(ToolFreehand, nil)
	d.Press(Pointer{View: v, X: 100, Y: 100})
	// An L with sub-pixel jitter: along the top, then down.
	for i := 1; i <= 100; i++ {
		d.Move(Pointer{View: v, X: 100 + float64(i)*2, Y: 100 + 0.4*math.Sin(float64(i))})
	}
	for i := 1; i <= 50; i++ {
		d.Move(Pointer{View: v, X: 300 + 0.4*math.Cos(float64(i)), Y: 100 + float64(i)*2})
	}
	if dr := d.Draft(); dr == nil || len(dr.Points) < 100 {
		t.Fatalf("draft while drawing has %v points", dr)
	}
	res := d.Release(Pointer{View: v, X: 300, Y: 200})
	if res.Finished == nil || res.Finished.Kind != data.KindFreehand {
		t.Fatalf("no freehand line: %+v", res)
	}
	got := pixelsOfAnnotation(v, res.Finished)
	if len(got) != 3 {
		t.Fatalf("simplified to %d points %v, want 3 (the L's ends and corner)", len(got), got)
	}
	want := [][2]float64{{100, 100}, {300, 100}, {300, 200}}
	for i := range want {
		if !near(got[i][0], want[i][0], 1) || !near(got[i][1], want[i][1], 1) {
			t.Errorf("point %d at %v, want about %v", i, got[i], want[i])
		}
	}
}

func TestDrawerDrafts(t *testing.T) {
	v := toolView()
	d := NewDrawer(ToolPolygon, nil)
	runSteps(d, v, []step{click(100, 100), move(200, 100)})
	if dr := d.Draft(); dr == nil || dr.Kind != data.KindPolyline || len(dr.Points) != 2 {
		t.Errorf("a one-vertex polygon drafts %+v, want a 2-point polyline", dr)
	}
	runSteps(d, v, []step{click(200, 100), move(150, 200)})
	dr := d.Draft()
	if dr == nil || dr.Kind != data.KindPolygon || len(dr.Points) != 3 {
		t.Fatalf("a two-vertex polygon drafts %+v, want a triangle", dr)
	}
	if px := pixelsOfAnnotation(v, dr); !near(px[2][0], 150, 1e-6) || !near(px[2][1], 200, 1e-6) {
		t.Errorf("rubber band ends at %v, want the pointer", px[2])
	}
	if r := d.Readout(); !strings.Contains(r, "Segment") || !strings.Contains(r, "perimeter") {
		t.Errorf("read-out %q", r)
	}
	runSteps(d, v, []step{key(DrawKeyBack)})
	if dr := d.Draft(); dr == nil || len(dr.Points) != 2 {
		t.Errorf("after BackSpace the draft is %+v, want one vertex and the pointer", dr)
	}
	// The rectangle's draft follows the pointer.
	r := NewDrawer(ToolRectangle, nil)
	runSteps(r, v, []step{press(100, 100), move(250, 180)})
	if dr := r.Draft(); dr == nil || dr.Kind != data.KindRectangle {
		t.Fatalf("rectangle draft %+v", dr)
	} else if px := pixelsOfAnnotation(v, dr); !near(px[1][0], 250, 1e-6) || !near(px[1][1], 180, 1e-6) {
		t.Errorf("rectangle draft corner %v", px[1])
	}
	if s := r.Readout(); !strings.Contains(s, " × ") {
		t.Errorf("rectangle read-out %q", s)
	}
	// Nothing is drafted before a tool starts.
	if NewDrawer(ToolPolyline, nil).Draft() != nil || NewDrawer(ToolMarker, nil).Draft() != nil {
		t.Error("a fresh tool drafts something")
	}
}

func TestDrawerEscapeTwiceExits(t *testing.T) {
	v := toolView()
	for _, tool := range []Tool{ToolPolyline, ToolRectangle, ToolCircle, ToolRangeBearing, ToolMeasure, ToolMarker, ToolFreehand} {
		d := NewDrawer(tool, nil)
		out := runSteps(d, v, []step{press(100, 100), move(200, 200)})
		out = runSteps(d, v, []step{key(DrawKeyCancel)})
		if out.cancelled != 1 || out.exit != 0 || d.Active() || d.Draft() != nil {
			t.Errorf("%v: first Esc: %+v active %v", tool, out, d.Active())
		}
		out = runSteps(d, v, []step{key(DrawKeyCancel)})
		if out.exit != 1 {
			t.Errorf("%v: second Esc did not exit: %+v", tool, out)
		}
	}
}

func TestDrawerMeasure(t *testing.T) {
	v := toolView()
	d := NewDrawer(ToolMeasure, nil)
	d.Press(Pointer{View: v, X: 100, Y: 250})
	d.Move(Pointer{View: v, X: 300, Y: 250})
	dist, brg, ok := d.Measurement()
	from, to := v.PixelToLonLat(100, 250), v.PixelToLonLat(300, 250)
	wd, wb := data.GeoInverse(from, to)
	if !ok || !near(dist, wd, 1e-6) || !near(brg, wb, 1e-9) || !near(brg, 90, 0.5) {
		t.Errorf("measurement %g m %g°, want %g m %g°", dist, brg, wd, wb)
	}
	if r := d.Readout(); !strings.Contains(r, " km · 0") {
		t.Errorf("read-out %q", r)
	}
	out := runSteps(d, v, []step{release(300, 250)})
	if len(out.finished) != 0 || d.Active() || d.Draft() != nil {
		t.Fatalf("measure finished something: %+v", out)
	}
	m := d.Measure()
	if m == nil || len(m.Points) != 2 {
		t.Fatalf("measure line %+v stays after release", m)
	}
	if _, _, ok := d.Measurement(); !ok {
		t.Error("no measurement after release")
	}
	// The next measure replaces it.
	d.Press(Pointer{View: v, X: 400, Y: 400})
	d.Release(Pointer{View: v, X: 400, Y: 100})
	if m2 := d.Measure(); m2 == nil || m2.Points[0] == m.Points[0] {
		t.Errorf("the next measure did not replace the line: %+v", m2)
	}
	if out := runSteps(d, v, []step{key(DrawKeyCancel)}); out.cancelled != 1 || d.Measure() != nil {
		t.Errorf("Esc kept the measure line: %+v", out)
	}
}

func TestDrawerTemplate(t *testing.T) {
	v := toolView()
	tpl := func(k data.AnnotationKind) data.Annotation {
		s := data.DefaultStyle(k)
		s.Stroke = "#00ff00"
		return data.Annotation{ID: 99, Layer: 7, Kind: k, Style: s, Points: []orb.Point{{1, 1}}, Label: "L"}
	}
	d := NewDrawer(ToolRangeBearing, tpl)
	out := runSteps(d, v, []step{click(10, 10), click(90, 90)})
	if len(out.finished) != 1 {
		t.Fatal("nothing finished")
	}
	a := out.finished[0]
	if a.ID != 0 || a.Layer != 7 || a.Style.Stroke != "#00ff00" || a.Label != "L" || len(a.Points) != 2 {
		t.Errorf("finished %+v, want the template's layer, style and label with ID 0 and the drawn points", a)
	}
}

func TestSnapAndSquare(t *testing.T) {
	cases := []struct{ x, y, wx, wy float64 }{
		{10, 0, 10, 0},
		{10, 1, 10, 0},
		{0, -10, 0, -10},
		{10, 10, 10, 10},
		{-10, 0.5, -10, 0},
	}
	for _, c := range cases {
		x, y := snapAngle(0, 0, c.x, c.y, 15)
		if c.x == c.wx && c.y == c.wy {
			if !near(x, c.wx, 1e-9) || !near(y, c.wy, 1e-9) {
				t.Errorf("snap (%g,%g) moved to (%g,%g)", c.x, c.y, x, y)
			}
		} else if !near(y, c.wy, 1e-9) || !near(x, c.wx, 1e-9) {
			t.Errorf("snap (%g,%g) = (%g,%g), want (%g,%g)", c.x, c.y, x, y, c.wx, c.wy)
		}
	}
	if x, y := squareCorner(10, 10, 30, 5); x != 30 || y != -10 {
		t.Errorf("square corner (%g,%g), want (30,-10)", x, y)
	}
	if x, y := squareCorner(0, 0, -3, 8); x != -8 || y != 8 {
		t.Errorf("square corner (%g,%g), want (-8,8)", x, y)
	}
}

func ExampleDrawer() {
	v := Viewport{CenterX: 0.5, CenterY: 0.5, Zoom: 6, Width: 400, Height: 300}
	d := NewDrawer(ToolPolyline, nil) // nil template: data.DefaultStyle
	for _, p := range [][2]float64{{100, 150}, {300, 150}} {
		d.Press(Pointer{View: v, X: p[0], Y: p[1]})
		d.Release(Pointer{View: v, X: p[0], Y: p[1]})
	}
	d.Move(Pointer{View: v, X: 300, Y: 50})
	// The rubber band runs from the last vertex to the pointer, due north.
	r := d.Readout()
	fmt.Println(len(d.Draft().Points), "points drafted, heading", r[strings.Index(r, " at ")+4:strings.Index(r, " · ")])
	res := d.Key(DrawKeyFinish)
	fmt.Println(res.Finished.Kind, len(res.Finished.Points), "points")
	// Output:
	// 3 points drafted, heading 000°
	// polyline 2 points
}
