package mapview

import (
	"testing"

	"frontier/data"
)

// dragSteps runs a press at from, a few moves and a release at to through
// an editor and returns what Release reported.
func dragSteps(e *Editor, v Viewport, a *data.Annotation, editable bool, from, to [2]float64) (grabbed bool, before, after data.Annotation, changed bool) {
	if !e.Press(Pointer{View: v, X: from[0], Y: from[1]}, a, editable) {
		return false, before, after, false
	}
	for i := 1; i <= 4; i++ {
		f := float64(i) / 4
		e.Move(Pointer{View: v, X: from[0] + f*(to[0]-from[0]), Y: from[1] + f*(to[1]-from[1])})
	}
	before, after, changed = e.Release(Pointer{View: v, X: to[0], Y: to[1]})
	return true, before, after, changed
}

func TestEditorDrags(t *testing.T) {
	v := toolView()
	type xy = [2]float64
	line := annotAt(v, 1, data.KindPolyline, xy{100, 100}, xy{300, 100}, xy{300, 300})
	poly := annotAt(v, 2, data.KindPolygon, xy{400, 100}, xy{600, 100}, xy{500, 250})
	rect := annotAt(v, 3, data.KindRectangle, xy{100, 400}, xy{300, 200})
	cases := []struct {
		name     string
		a        data.Annotation
		from, to xy
		want     []xy // pixels of the points after
	}{
		{"move a vertex", line, xy{300, 100}, xy{320, 80}, []xy{{100, 100}, {320, 80}, {300, 300}}},
		{"grab a vertex off centre", line, xy{103, 102}, xy{123, 142}, []xy{{120, 140}, {300, 100}, {300, 300}}},
		{"midpoint inserts a vertex", line, xy{200, 100}, xy{200, 50}, []xy{{100, 100}, {200, 50}, {300, 100}, {300, 300}}},
		{"polygon closing midpoint", poly, xy{450, 175}, xy{430, 200}, []xy{{400, 100}, {600, 100}, {500, 250}, {430, 200}}},
		{"drag the body", line, xy{150, 103}, xy{180, 143}, []xy{{130, 140}, {330, 140}, {330, 340}}},
		{"drag inside a filled polygon", poly, xy{500, 150}, xy{480, 160}, []xy{{380, 110}, {580, 110}, {480, 260}}},
		{"rectangle SW corner", rect, xy{100, 400}, xy{80, 420}, []xy{{80, 420}, {300, 200}}},
		{"rectangle SE corner", rect, xy{300, 400}, xy{350, 450}, []xy{{100, 450}, {350, 200}}},
		{"rectangle NE corner", rect, xy{300, 200}, xy{310, 190}, []xy{{100, 400}, {310, 190}}},
		{"rectangle NW corner", rect, xy{100, 200}, xy{60, 150}, []xy{{60, 400}, {300, 150}}},
		{"rectangle corner past its opposite stays normal", rect, xy{100, 400}, xy{400, 100}, []xy{{300, 200}, {400, 100}}},
	}
	for _, c := range cases {
		var e Editor
		grabbed, before, after, changed := dragSteps(&e, v, &c.a, true, c.from, c.to)
		if !grabbed || !changed {
			t.Errorf("%s: grabbed %v changed %v", c.name, grabbed, changed)
			continue
		}
		if before.ID != c.a.ID || len(before.Points) != len(c.a.Points) || before.Points[0] != c.a.Points[0] {
			t.Errorf("%s: before %+v is not the stored annotation", c.name, before)
		}
		got := pixelsOfAnnotation(v, &after)
		if len(got) != len(c.want) {
			t.Errorf("%s: after %v, want %v", c.name, got, c.want)
			continue
		}
		for i := range got {
			// Midpoint handles are lon/lat midpoints: a few hundredths
			// of a pixel off the pixel midpoint.
			if !near(got[i][0], c.want[i][0], 0.05) || !near(got[i][1], c.want[i][1], 0.05) {
				t.Errorf("%s: point %d at %v, want %v", c.name, i, got[i], c.want[i])
			}
		}
		if after.ID != c.a.ID || after.Kind != c.a.Kind {
			t.Errorf("%s: after has id %d kind %v", c.name, after.ID, after.Kind)
		}
		if err := after.Validate(); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
		if e.Active() || e.Draft() != nil {
			t.Errorf("%s: editor still active after release", c.name)
		}
	}
}

func TestEditorCircle(t *testing.T) {
	v := toolView()
	c := circleAt(v, 5, [2]float64{400, 250}, 80)
	var e Editor
	// The radius handle sets the radius.
	_, _, after, changed := dragSteps(&e, v, &c, true, [2]float64{480, 250}, [2]float64{520, 250})
	want, _ := data.GeoInverse(c.Points[0], v.PixelToLonLat(520, 250))
	if !changed || after.Points[0] != c.Points[0] || !near(after.Radius, want, want*1e-3) {
		t.Errorf("radius drag: centre %v radius %g, want %v radius %g", after.Points[0], after.Radius, c.Points[0], want)
	}
	// The centre handle moves the circle and keeps the radius.
	_, _, after, changed = dragSteps(&e, v, &c, true, [2]float64{400, 250}, [2]float64{300, 200})
	if px := pixelsOfAnnotation(v, &after); !changed || !near(px[0][0], 300, 1e-6) || !near(px[0][1], 200, 1e-6) || after.Radius != c.Radius {
		t.Errorf("centre drag: centre %v radius %g", px, after.Radius)
	}
}

func TestEditorClickAndMisses(t *testing.T) {
	v := toolView()
	line := annotAt(v, 1, data.KindPolyline, [2]float64{100, 100}, [2]float64{300, 100})
	var e Editor
	// A press that does not move past the click slop changes nothing and
	// drafts nothing.
	if !e.Press(Pointer{View: v, X: 300, Y: 100}, &line, true) {
		t.Fatal("press on a vertex not taken")
	}
	e.Move(Pointer{View: v, X: 302, Y: 101})
	if e.Draft() != nil {
		t.Error("a draft within the click slop")
	}
	if _, _, changed := e.Release(Pointer{View: v, X: 302, Y: 101}); changed {
		t.Error("a click changed the annotation")
	}
	// During a drag the draft is the moved shape.
	e.Press(Pointer{View: v, X: 300, Y: 100}, &line, true)
	e.Move(Pointer{View: v, X: 300, Y: 150})
	if d := e.Draft(); d == nil || d.ID != 1 || !near(pixelsOfAnnotation(v, d)[1][1], 150, 1e-6) {
		t.Errorf("draft %+v", d)
	}
	e.Cancel()
	if e.Active() || e.Draft() != nil {
		t.Error("Cancel left a drag")
	}
	// Presses off the annotation, on a locked one or with nothing
	// selected are not taken: the map pans.
	for name, ok := range map[string]bool{
		"off":      e.Press(Pointer{View: v, X: 200, Y: 150}, &line, true),
		"locked":   e.Press(Pointer{View: v, X: 300, Y: 100}, &line, false),
		"body":     e.Press(Pointer{View: v, X: 200, Y: 100}, &line, false),
		"no match": e.Press(Pointer{View: v, X: 300, Y: 100}, nil, true),
	} {
		if ok {
			t.Errorf("press %s was taken", name)
		}
	}
}

func TestRemoveVertexAndDelete(t *testing.T) {
	v := toolView()
	type xy = [2]float64
	line3 := annotAt(v, 1, data.KindPolyline, xy{100, 100}, xy{200, 100}, xy{300, 100})
	line2 := annotAt(v, 2, data.KindArrow, xy{100, 100}, xy{200, 100})
	poly4 := annotAt(v, 3, data.KindPolygon, xy{100, 100}, xy{200, 100}, xy{200, 200}, xy{100, 200})
	poly3 := annotAt(v, 4, data.KindPolygon, xy{100, 100}, xy{200, 100}, xy{200, 200})
	rect := annotAt(v, 5, data.KindRectangle, xy{100, 200}, xy{200, 100})
	cases := []struct {
		name     string
		a        *data.Annotation
		x, y     float64
		hover    bool
		editable bool
		want     DeleteResult
		left     int // points left after a vertex removal
	}{
		{"middle vertex of a 3-point line", &line3, 200, 100, true, true, DeleteVertex, 2},
		{"vertex of a 2-point arrow", &line2, 200, 100, true, true, DeleteAnnotation, 0},
		{"vertex of a 4-point polygon", &poly4, 200, 200, true, true, DeleteVertex, 3},
		{"vertex of a triangle", &poly3, 200, 200, true, true, DeleteAnnotation, 0},
		{"rectangle corner", &rect, 100, 200, true, true, DeleteAnnotation, 0},
		{"midpoint of a line", &line3, 150, 100, true, true, DeleteAnnotation, 0},
		{"pointer off the map", &line3, 200, 100, false, true, DeleteAnnotation, 0},
		{"locked", &line3, 200, 100, true, false, DeleteNothing, 0},
		{"nothing selected", nil, 200, 100, true, true, DeleteNothing, 0},
	}
	for _, c := range cases {
		res, after := deleteAt(Pointer{View: v, X: c.x, Y: c.y}, c.hover, c.a, c.editable)
		if res != c.want {
			t.Errorf("%s: %d, want %d", c.name, res, c.want)
			continue
		}
		if res == DeleteVertex {
			if len(after.Points) != c.left || after.ID != c.a.ID {
				t.Errorf("%s: %d points left, want %d", c.name, len(after.Points), c.left)
			}
			if err := after.Validate(); err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			for _, p := range after.Points {
				if x, y := v.LonLatToPixel(p); near(x, c.x, 1e-6) && near(y, c.y, 1e-6) {
					t.Errorf("%s: the hovered vertex is still there", c.name)
				}
			}
		}
	}
	if len(line3.Points) != 3 || len(poly4.Points) != 4 {
		t.Error("removing a vertex changed the stored annotation")
	}
}
