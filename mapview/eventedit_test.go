package mapview

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// eventPos is where row's event is drawn, in logical pixels.
func eventPos(m *Map, row int) fyne.Position {
	ix := m.scene.Index
	x, y := m.logicalView().ToPixel(ix.X[row], ix.Y[row])
	return fyne.NewPos(float32(x), float32(y))
}

func TestSecondaryTapGivesPlaceAndEvent(t *testing.T) {
	m, w := mapWindow(t, twoEvents, 1)
	var got []SecondaryTap
	m.OnSecondaryTap = func(st SecondaryTap) { got = append(got, st) }
	on := eventPos(m, 1)
	test.TapSecondaryAt(m, on)
	off := fyne.NewPos(60, 420)
	test.TapSecondaryAt(m, off)
	if len(got) != 2 {
		t.Fatalf("%d secondary taps reported, want 2", len(got))
	}
	if got[0].Row != 1 || got[1].Row != -1 {
		t.Errorf("rows %d, %d; want 1 (the event) and -1 (empty map)", got[0].Row, got[1].Row)
	}
	if p := got[0].Point; !near(p.Lon(), 71.60, 1e-3) || !near(p.Lat(), 34.05, 1e-3) {
		t.Errorf("right-click on the event at %v, want near 71.60, 34.05", p)
	}
	want := m.logicalView().PixelToLonLat(60, 420)
	if p := got[1].Point; !near(p.Lon(), want.Lon(), 1e-9) || !near(p.Lat(), want.Lat(), 1e-9) {
		t.Errorf("empty-map right-click at %v, want %v", p, want)
	}
	// A drawing tool takes no context menu.
	m.SetTool(ToolMarker)
	test.TapSecondaryAt(m, on)
	if len(got) != 2 {
		t.Error("a right-click with a drawing tool was reported")
	}
	_ = w.Content()
}

func TestDraggingTheSelectedMarkerReportsTheNewPlace(t *testing.T) {
	m, w := mapWindow(t, twoEvents, 1)
	type move struct {
		row      int
		lon, lat float64
	}
	var moves []move
	m.OnEventMoved = func(row int, lon, lat float64) { moves = append(moves, move{row, lon, lat}) }
	m.SetSelected(0)
	m.Flush()
	view := m.View()
	start := eventPos(m, 0)
	test.Drag(w.Canvas(), start.AddXY(40, 25), 40, 25) // from start (the test driver's drag ends at pos)
	m.Flush()
	if len(moves) != 1 || moves[0].row != 0 {
		t.Fatalf("moves %+v, want one of row 0", moves)
	}
	want := m.logicalView().PixelToLonLat(float64(start.X+40), float64(start.Y+25))
	if !near(moves[0].lon, want.Lon(), 1e-6) || !near(moves[0].lat, want.Lat(), 1e-6) {
		t.Errorf("moved to %v, %v; want %v", moves[0].lon, moves[0].lat, want)
	}
	if m.View() != view {
		t.Error("dragging the marker panned the map")
	}
	// The rings wait at the new place for the app's answer.
	if !m.EventMovePending() {
		t.Fatal("no move pending after the drag")
	}
	c := m.over.selInner.Position().Add(fyne.NewPos(m.over.selInner.Size().Width/2, m.over.selInner.Size().Height/2))
	if !near(float64(c.X), float64(start.X+40), 0.5) || !near(float64(c.Y), float64(start.Y+25), 0.5) {
		t.Errorf("rings at %v, want at the drop %v", c, start.Add(fyne.NewPos(40, 25)))
	}
	m.EndEventMove()
	c = m.over.selInner.Position().Add(fyne.NewPos(m.over.selInner.Size().Width/2, m.over.selInner.Size().Height/2))
	if m.EventMovePending() || !near(float64(c.X), float64(start.X), 0.5) || !near(float64(c.Y), float64(start.Y), 0.5) {
		t.Errorf("after EndEventMove rings at %v, want back on the event at %v", c, start)
	}

	// A drag elsewhere pans; a drag on an unselected marker pans too.
	test.Drag(w.Canvas(), eventPos(m, 1).AddXY(30, 0), 30, 0)
	m.Flush()
	if len(moves) != 1 {
		t.Error("dragging an unselected marker moved it")
	}
	if m.View() == view {
		t.Error("the drag did not pan")
	}
	// Without OnEventMoved the selected marker pans the map as before.
	m.OnEventMoved = nil
	v := m.View()
	test.Drag(w.Canvas(), eventPos(m, 0).AddXY(10, 10), 10, 10)
	m.Flush()
	if len(moves) != 1 || m.View() == v {
		t.Error("without OnEventMoved a drag on the selection should pan")
	}
}

func TestDeleteKeyOnTheSelectedEvent(t *testing.T) {
	m, _ := mapWindow(t, twoEvents, 1)
	var deleted []int
	m.OnDeleteEvent = func(row int) { deleted = append(deleted, row) }
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if len(deleted) != 0 {
		t.Fatal("Delete with no event selected deleted one")
	}
	m.SetSelected(1)
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if len(deleted) != 2 || deleted[0] != 1 || deleted[1] != 1 {
		t.Fatalf("deleted %v, want row 1 twice", deleted)
	}
	// A selected annotation takes Delete for itself.
	m.annot.selected = 7
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if len(deleted) != 2 {
		t.Error("Delete went to the event while an annotation was selected")
	}
}
