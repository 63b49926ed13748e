package mapview

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"
)

// mapWindow shows a map of evs in an 800×500 test window at device scale
// s, framed on Peshawar at zoom 9, and returns it with its window.
func mapWindow(t *testing.T, evs []testEvent, s float32) (*Map, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	m := NewMap(nil)
	m.QueueFrames()
	t.Cleanup(m.Destroy)
	w := test.NewTempWindow(t, m)
	w.SetPadded(false)
	w.Canvas().(test.WindowlessCanvas).SetScale(s)
	w.Resize(fyne.NewSize(800, 500))
	ix := testIndex(evs)
	m.SetScene(NewScene(ix, allRows(ix), nil))
	fv := frontierView(1)
	m.SetView(fv)
	m.Flush()
	if m.Frame() == nil {
		t.Fatal("no frame drawn")
	}
	return m, w
}

var twoEvents = []testEvent{
	{lon: 71.45, lat: 34.0, actor: "Alpha"},
	{lon: 71.60, lat: 34.05, actor: "Bravo", fatalities: 12},
}

func TestWheelZoomKeepsPointUnderCursor(t *testing.T) {
	for _, s := range []float32{1, 2} {
		m, w := mapWindow(t, twoEvents, s)
		for _, pos := range []fyne.Position{{X: 120, Y: 80}, {X: 700, Y: 420}, {X: 400, Y: 250}} {
			test.MoveMouse(w.Canvas(), pos)
			before := m.logicalView().PixelToLonLat(float64(pos.X), float64(pos.Y))
			z := m.View().Zoom
			test.Scroll(w.Canvas(), pos, 0, 25) // one wheel notch up
			m.Flush()
			// The real driver sends the position with the event.
			m.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: pos, AbsolutePosition: pos}, Scrolled: fyne.Delta{DY: 25}})
			m.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: pos, AbsolutePosition: pos}, Scrolled: fyne.Delta{DY: -25}})
			m.Flush()
			after := m.logicalView().PixelToLonLat(float64(pos.X), float64(pos.Y))
			if !near(before.Lon(), after.Lon(), 1e-9) || !near(before.Lat(), after.Lat(), 1e-9) {
				t.Errorf("scale %g at %v: %v moved to %v", s, pos, before, after)
			}
			if dz := m.View().Zoom - z; !near(dz, 25/wheelStep, 1e-9) {
				t.Errorf("one notch zoomed %g levels, want %g (continuous)", dz, 25/wheelStep)
			}
			// The drawn frame agrees: the point is at the cursor in device pixels.
			f := m.Frame()
			px, py := f.View.LonLatToPixel(before)
			if !near(px, float64(pos.X*s), 1) || !near(py, float64(pos.Y*s), 1) {
				t.Errorf("scale %g: frame puts %v at (%g,%g), cursor at (%g,%g)", s, before, px, py, pos.X*s, pos.Y*s)
			}
		}
	}
}

func TestDragPansByDraggedDistance(t *testing.T) {
	m, w := mapWindow(t, twoEvents, 1)
	p := orb.Point{71.5, 34.0}
	x0, y0 := m.logicalView().LonLatToPixel(p)
	test.Drag(w.Canvas(), fyne.NewPos(400, 250), 55, -30)
	m.Flush()
	x1, y1 := m.logicalView().LonLatToPixel(p)
	if !near(x1-x0, 55, 1e-6) || !near(y1-y0, -30, 1e-6) {
		t.Errorf("drag moved the map by (%g,%g), want (55,-30)", x1-x0, y1-y0)
	}
}

func TestTapSelectsNearestEvent(t *testing.T) {
	for _, s := range []float32{1, 2} {
		m, _ := mapWindow(t, twoEvents, s)
		var got []int
		m.OnSelect = func(row int) { got = append(got, row) }
		for row, e := range twoEvents {
			x, y := m.logicalView().LonLatToPixel(orb.Point{e.lon, e.lat})
			test.TapAt(m, fyne.NewPos(float32(x)+2, float32(y)-1)) // a little off centre
			if len(got) == 0 || got[len(got)-1] != row {
				t.Errorf("scale %g: tap near event %d selected %v", s, row, got)
			}
			if m.selected != row || !m.over.selInner.Visible() {
				t.Errorf("scale %g: selection ring not shown for %d", s, row)
			}
		}
		test.TapAt(m, fyne.NewPos(10, 490))
		if got[len(got)-1] != -1 || m.over.selInner.Visible() {
			t.Errorf("scale %g: tap on empty map selected %v", s, got)
		}
	}
}

func TestStackTapCyclesThroughEvents(t *testing.T) {
	evs := []testEvent{{lon: 71.5, lat: 34, actor: "A"}, {lon: 71.5, lat: 34, actor: "B"}, {lon: 71.5, lat: 34, actor: "C"}}
	m, _ := mapWindow(t, evs, 1)
	x, y := m.logicalView().LonLatToPixel(orb.Point{71.5, 34})
	var got []int
	m.OnSelect = func(row int) { got = append(got, row) }
	for range 4 {
		test.TapAt(m, fyne.NewPos(float32(x), float32(y)))
	}
	want := []int{2, 1, 0, 2}
	if len(got) != len(want) {
		t.Fatalf("selected %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("selected %v, want %v (latest first, then older)", got, want)
		}
	}
}

func TestClusterTapZoomsIn(t *testing.T) {
	var evs []testEvent
	for i := range 40 {
		evs = append(evs, testEvent{lon: 71.5 + float64(i%8)*0.002, lat: 34 + float64(i/8)*0.002, actor: "A"})
	}
	m, _ := mapWindow(t, evs, 1)
	f := m.Frame()
	if len(f.Marks) != 1 || f.Marks[0].Kind != MarkCluster {
		t.Fatalf("want one cluster, got %+v", f.Marks)
	}
	z := m.View().Zoom
	test.TapAt(m, fyne.NewPos(f.Marks[0].X, f.Marks[0].Y))
	if m.View().Zoom < z+1 {
		t.Errorf("tapping a cluster zoomed from %g to %g", z, m.View().Zoom)
	}
}

func TestShiftDragSelectsBox(t *testing.T) {
	m, w := mapWindow(t, twoEvents, 1)
	var got *orb.Bound
	m.OnBoxSelect = func(b orb.Bound) { got = &b }
	view := m.View()
	m.MouseDown(&desktop.MouseEvent{Modifier: fyne.KeyModifierShift})
	test.Drag(w.Canvas(), fyne.NewPos(500, 300), 300, 200) // from (200,100) to (500,300)
	if got == nil {
		t.Fatal("no box selected")
	}
	lv := m.logicalView()
	nw := lv.PixelToLonLat(200, 100)
	se := lv.PixelToLonLat(500, 300)
	if !near(got.Min.Lon(), nw.Lon(), 1e-9) || !near(got.Max.Lat(), nw.Lat(), 1e-9) ||
		!near(got.Max.Lon(), se.Lon(), 1e-9) || !near(got.Min.Lat(), se.Lat(), 1e-9) {
		t.Errorf("box %v, want %v – %v", *got, nw, se)
	}
	if m.View() != view {
		t.Error("a box selection panned the map")
	}
	// Without shift the same drag pans.
	m.MouseDown(&desktop.MouseEvent{})
	got = nil
	test.Drag(w.Canvas(), fyne.NewPos(500, 300), 30, 20)
	if got != nil || m.View() == view {
		t.Error("a plain drag selected a box or did not pan")
	}
}

func TestKeyboard(t *testing.T) {
	m, _ := mapWindow(t, twoEvents, 1)
	z := m.View().Zoom
	m.TypedRune('+')
	if !near(m.View().Zoom, z+1, 1e-9) {
		t.Errorf("+ zoomed to %g from %g", m.View().Zoom, z)
	}
	m.TypedRune('-')
	if !near(m.View().Zoom, z, 1e-9) {
		t.Errorf("- zoomed to %g", m.View().Zoom)
	}
	p := orb.Point{71.5, 34}
	x0, _ := m.logicalView().LonLatToPixel(p)
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	x1, _ := m.logicalView().LonLatToPixel(p)
	if !near(x1-x0, keyPan, 1e-6) {
		t.Errorf("left arrow moved content by %g, want %g", x1-x0, keyPan)
	}
	// Far away and zoomed in, Home frames both events again.
	m.SetView(Viewport{CenterX: 0.1, CenterY: 0.8, Zoom: 12})
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	m.Flush()
	if z := m.View().Zoom; z < 8 || z > 11 {
		t.Errorf("Home: zoom %g, want the events framed (8–11)", z)
	}
	for _, e := range twoEvents {
		x, y := m.logicalView().LonLatToPixel(orb.Point{e.lon, e.lat})
		if x < 0 || y < 0 || x > 800 || y > 500 {
			t.Errorf("Home: event at (%g,%g) is off the map", x, y)
		}
	}
}

func TestHoverShowsTooltipAndReadout(t *testing.T) {
	m, w := mapWindow(t, twoEvents, 1)
	hovered := -2
	m.OnHover = func(row int) { hovered = row }
	x, y := m.logicalView().LonLatToPixel(orb.Point{twoEvents[1].lon, twoEvents[1].lat})
	test.MoveMouse(w.Canvas(), fyne.NewPos(float32(x), float32(y)))
	if hovered != 1 {
		t.Errorf("OnHover told %d, want row 1", hovered)
	}
	if !m.over.tipBG.Visible() || !m.over.hover.Visible() {
		t.Fatal("no tooltip over an event")
	}
	var tip []string
	for _, l := range m.over.tipLines {
		if l.Visible() {
			tip = append(tip, l.Text)
		}
	}
	text := strings.Join(tip, "\n")
	for _, want := range []string{"Bravo", "12 fatalities", "Battles", "Somewhere", "1970-01-02"} {
		if !strings.Contains(text, want) {
			t.Errorf("tooltip %q lacks %q", text, want)
		}
	}
	if r := m.over.readout.Text; !strings.Contains(r, "° N") || !strings.Contains(r, "MGRS 42S") {
		t.Errorf("read-out %q lacks degrees or MGRS", r)
	}
	test.MoveMouse(w.Canvas(), fyne.NewPos(10, 490))
	if m.over.tipBG.Visible() {
		t.Error("tooltip stays away from events")
	}
	if hovered != -1 {
		t.Errorf("OnHover told %d after leaving the event, want -1", hovered)
	}
}

func TestFrameMatchesDeviceScale(t *testing.T) {
	m, _ := mapWindow(t, twoEvents, 2)
	f := m.Frame()
	if f.View.Width != 1600 || f.View.Height != 1000 || f.View.DeviceScale() != 2 {
		t.Errorf("frame %dx%d at scale %g, want 1600x1000 at 2", f.View.Width, f.View.Height, f.View.DeviceScale())
	}
	if f.Img.Rect.Dx() != 1600 {
		t.Errorf("image width %d", f.Img.Rect.Dx())
	}
}
