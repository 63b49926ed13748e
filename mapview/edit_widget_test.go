package mapview

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"frontier/data"
)

// annotatedMap shows a map with a 3-point polyline (ID 1) and a filled
// rectangle (ID 2) over the first event.
func annotatedMap(t *testing.T, editable func(*data.Annotation) bool) (*Map, fyne.Window, *annotRec, []data.Annotation) {
	m, w := mapWindow(t, twoEvents, 1)
	r := recordAnnotations(m, editable)
	lv := m.logicalView()
	line := data.Annotation{ID: 1, Layer: 1, Kind: data.KindPolyline, Style: data.DefaultStyle(data.KindPolyline),
		Points: []orb.Point{lv.PixelToLonLat(100, 100), lv.PixelToLonLat(200, 100), lv.PixelToLonLat(200, 200)}}
	ex, ey := lv.LonLatToPixel(orb.Point{twoEvents[0].lon, twoEvents[0].lat})
	rect := data.Annotation{ID: 2, Layer: 2, Kind: data.KindRectangle, Style: data.DefaultStyle(data.KindRectangle),
		Points: []orb.Point{lv.PixelToLonLat(ex-20, ey+20), lv.PixelToLonLat(ex+20, ey-20)}}
	items := []data.Annotation{line, rect}
	m.SetAnnotations(items, 0)
	return m, w, r, items
}

func TestSelectEditAndDeleteAnnotation(t *testing.T) {
	m, w, r, items := annotatedMap(t, nil)
	var rows []int
	m.OnSelect = func(row int) { rows = append(rows, row) }
	// A tap on the line selects it.
	test.TapAt(m, pos(150, 102))
	if len(r.selected) != 1 || r.selected[0] != 1 || m.annotationSet().Selected != 1 {
		t.Fatalf("selected %v", r.selected)
	}
	// Dragging its middle vertex reshapes it: Edited once, on release.
	view := m.View()
	test.Drag(w.Canvas(), pos(230, 60), 30, -40) // from (200,100)
	if len(r.edited) != 1 {
		t.Fatalf("Edited called %d times", len(r.edited))
	}
	before, after := r.edited[0][0], r.edited[0][1]
	if before.ID != 1 || before.Points[1] != items[0].Points[1] {
		t.Errorf("before %+v is not the stored line", before)
	}
	wantPoints(t, m, after, data.KindPolyline, pos(100, 100), pos(230, 60), pos(200, 200))
	if m.View() != view {
		t.Error("the edit drag panned the map")
	}
	if set := m.annotationSet(); set.Draft != nil {
		t.Error("the edit draft stays after release")
	}
	// The app stores the edit and hands a new list back (the map's list
	// is never changed in place: the renderer reads it meanwhile).
	items = append([]data.Annotation(nil), items...)
	items[0] = after
	m.SetAnnotations(items, 1)
	// Hovering a vertex, Delete removes it.
	test.MoveMouse(w.Canvas(), pos(100, 100))
	typeKey(t, m, w, fyne.KeyDelete)
	if len(r.edited) != 2 || len(r.edited[1][1].Points) != 2 || len(r.deleted) != 0 {
		t.Fatalf("Delete on a vertex: edited %d deleted %v", len(r.edited), r.deleted)
	}
	wantPoints(t, m, r.edited[1][1], data.KindPolyline, pos(230, 60), pos(200, 200))
	// Elsewhere, Delete deletes the annotation.
	test.MoveMouse(w.Canvas(), pos(600, 400))
	typeKey(t, m, w, fyne.KeyDelete)
	if len(r.deleted) != 1 || r.deleted[0] != 1 {
		t.Errorf("Deleted %v, want [1]", r.deleted)
	}
	// A tap on the rectangle over the event selects the rectangle, not the
	// event; Escape clears the selection.
	ex, ey := m.logicalView().LonLatToPixel(orb.Point{twoEvents[0].lon, twoEvents[0].lat})
	test.TapAt(m, pos(float32(ex), float32(ey)))
	if r.selected[len(r.selected)-1] != 2 || len(rows) != 0 {
		t.Errorf("tap on the rectangle over an event: selected %v, events %v", r.selected, rows)
	}
	typeKey(t, m, w, fyne.KeyEscape)
	if r.selected[len(r.selected)-1] != 0 || m.annotationSet().Selected != 0 {
		t.Errorf("Escape left the selection: %v", r.selected)
	}
	// A tap on the other event still selects it, and clears the
	// annotation selection.
	test.TapAt(m, pos(165, 80)) // on the reshaped line
	if r.selected[len(r.selected)-1] != 1 {
		t.Fatalf("tap on the line: %v", r.selected)
	}
	x1, y1 := m.logicalView().LonLatToPixel(orb.Point{twoEvents[1].lon, twoEvents[1].lat})
	test.TapAt(m, pos(float32(x1), float32(y1)))
	if r.selected[len(r.selected)-1] != 0 || len(rows) != 1 || rows[0] != 1 {
		t.Errorf("tap on an event: annotation selection %v, events %v", r.selected, rows)
	}
}

func TestBodyDragAndMidpointInsert(t *testing.T) {
	m, w, r, items := annotatedMap(t, nil)
	m.SetAnnotations(items, 1)
	test.Drag(w.Canvas(), pos(150, 70), 0, -30) // the midpoint (150,100) up
	if len(r.edited) != 1 {
		t.Fatal("midpoint drag did not edit")
	}
	// The midpoint handle is the lon/lat midpoint, a hair off (150,100).
	if got := r.edited[0][1]; len(got.Points) != 4 {
		t.Errorf("midpoint drag: %d points, want 4", len(got.Points))
	} else if x, y := m.logicalView().LonLatToPixel(got.Points[1]); !near(x, 150, 0.1) || !near(y, 70, 0.1) {
		t.Errorf("inserted vertex at (%g,%g), want (150,70)", x, y)
	}
	test.Drag(w.Canvas(), pos(240, 170), 40, 40) // from (200,130), on the second segment
	if len(r.edited) != 2 {
		t.Fatal("body drag did not edit")
	}
	wantPoints(t, m, r.edited[1][1], data.KindPolyline, pos(140, 140), pos(240, 140), pos(240, 240))
	view := m.View()
	test.Drag(w.Canvas(), pos(200, 190), 40, 40) // from (160,150), off the line
	if len(r.edited) != 2 || m.View() == view {
		t.Error("a drag off the line edited it or did not pan")
	}
}

func TestLockedAnnotationDoesNotChange(t *testing.T) {
	m, w, r, items := annotatedMap(t, func(a *data.Annotation) bool { return a.Layer != 1 })
	test.TapAt(m, pos(150, 102))
	if len(r.selected) != 1 || r.selected[0] != 1 {
		t.Fatalf("a locked annotation cannot be selected: %v", r.selected)
	}
	view := m.View()
	test.Drag(w.Canvas(), pos(230, 60), 30, -40) // its vertex: pans instead
	m.Flush()
	if len(r.edited) != 0 {
		t.Errorf("a locked annotation was edited: %+v", r.edited)
	}
	if m.View() == view {
		t.Error("a drag on a locked annotation did not pan")
	}
	test.MoveMouse(w.Canvas(), pos(100, 100))
	typeKey(t, m, w, fyne.KeyDelete)
	typeKey(t, m, w, fyne.KeyBackspace)
	if len(r.deleted) != 0 || len(r.edited) != 0 {
		t.Errorf("Delete on a locked annotation: deleted %v edited %v", r.deleted, r.edited)
	}
	if len(items[0].Points) != 3 {
		t.Error("the stored annotation changed")
	}
}

func TestNavigationUnchangedWithAnnotations(t *testing.T) {
	m, w, r, _ := annotatedMap(t, nil)
	var rows []int
	m.OnSelect = func(row int) { rows = append(rows, row) }
	// A drag on empty map pans, even with an annotation selected.
	m.SetAnnotations(m.annot.items, 1)
	p := orb.Point{71.5, 34.0}
	x0, y0 := m.logicalView().LonLatToPixel(p)
	test.Drag(w.Canvas(), pos(600, 400), 55, -30)
	x1, y1 := m.logicalView().LonLatToPixel(p)
	if !near(x1-x0, 55, 1e-6) || !near(y1-y0, -30, 1e-6) {
		t.Errorf("drag moved the map by (%g,%g), want (55,-30)", x1-x0, y1-y0)
	}
	if len(r.edited) != 0 {
		t.Error("a pan edited")
	}
	m.Flush()
	x, y := m.logicalView().LonLatToPixel(orb.Point{twoEvents[1].lon, twoEvents[1].lat})
	test.TapAt(m, pos(float32(x), float32(y)))
	if len(rows) != 1 || rows[0] != 1 {
		t.Errorf("event tap selected %v", rows)
	}
	if r.selected[len(r.selected)-1] != 0 {
		t.Error("an event tap kept the annotation selected")
	}
}
