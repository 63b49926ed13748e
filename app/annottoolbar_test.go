package app

import (
	"bytes"
	"encoding/xml"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontier/mapview"
)

func TestToolbarSetsAndFollowsTool(t *testing.T) {
	_, u := newAnnotTestUI(t)
	b := u.ann.bar
	if len(b.buttons) != 11 || b.current() != mapview.ToolNavigate {
		t.Fatalf("%d tool buttons, current %v", len(b.buttons), b.current())
	}
	test.Tap(b.buttons[mapview.ToolPolygon])
	if u.mapP.m.Tool() != mapview.ToolPolygon || b.current() != mapview.ToolPolygon {
		t.Errorf("map tool %v, highlighted %v after tapping polygon", u.mapP.m.Tool(), b.current())
	}
	if b.buttons[mapview.ToolNavigate].Importance == widget.HighImportance {
		t.Error("two tools highlighted")
	}
	// Esc on the map returns to navigating: the toolbar follows.
	u.ann.events.ToolChanged(mapview.ToolNavigate)
	if b.current() != mapview.ToolNavigate {
		t.Errorf("highlighted %v after the map's ToolChanged", b.current())
	}
	// Tool keys when nothing has the keyboard.
	test.TypeOnCanvas(u.win.Canvas(), "d")
	if u.mapP.m.Tool() != mapview.ToolMeasure {
		t.Errorf("key d: tool %v", u.mapP.m.Tool())
	}
	u.ann.events.Measured(12400, 47)
	if b.readout.Text != "12.4 km · 047°" {
		t.Errorf("read-out %q", b.readout.Text)
	}
	u.win.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.mapP.m.Tool() != mapview.ToolNavigate || b.readout.Text != "" {
		t.Errorf("Esc: tool %v, read-out %q", u.mapP.m.Tool(), b.readout.Text)
	}
}

func TestToolbarTooltipsNameKeys(t *testing.T) {
	_, u := newAnnotTestUI(t)
	b := u.ann.bar
	want := map[mapview.Tool]string{
		mapview.ToolNavigate: "Navigate and select (V)", mapview.ToolPolygon: "Polygon (P)",
		mapview.ToolRangeBearing: "Range and bearing (B)", mapview.ToolMeasure: "Measure (not stored) (D)",
	}
	for tool, tip := range want {
		test.MoveMouse(u.win.Canvas(), fyne.CurrentApp().Driver().AbsolutePositionForObject(b.buttons[tool]).Add(fyne.NewPos(5, 5)))
		if got := b.tipShown(); got != tip {
			t.Errorf("hovering %v shows tooltip %q, want %q", tool, got, tip)
		}
	}
	test.MoveMouse(u.win.Canvas(), fyne.NewPos(700, 500))
	if got := b.tipShown(); got != "" {
		t.Errorf("tooltip %q stays after the pointer left", got)
	}
	for tool := mapview.ToolNavigate; tool <= mapview.ToolMeasure; tool++ {
		if toolTip(tool) == "" || toolKeys[rune(toolTip(tool)[len(toolTip(tool))-2]+'a'-'A')] != tool {
			t.Errorf("tool %v tooltip %q does not name its key", tool, toolTip(tool))
		}
	}
}

func TestToolIconsAreWellFormedSVG(t *testing.T) {
	for tool := mapview.ToolNavigate; tool <= mapview.ToolMeasure; tool++ {
		checkSVG(t, toolIcon(tool))
	}
	checkSVG(t, lockIcon(true))
	checkSVG(t, lockIcon(false))
}

func checkSVG(t *testing.T, r fyne.Resource) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(r.Content()))
	shapes := 0
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local != "svg" {
			shapes++
		}
	}
	if shapes == 0 {
		t.Errorf("icon %s draws nothing: %s", r.Name(), r.Content())
	}
	if bytes.Contains(r.Content(), []byte("stroke")) {
		t.Errorf("icon %s uses strokes, which the theme does not recolour", r.Name())
	}
}

// The tooltip layer lies over the map: taps must still reach the map.
func TestTooltipLayerDoesNotBlockMap(t *testing.T) {
	_, u := newAnnotTestUI(t)
	row := -1
	for r := range u.st.ix.Len() {
		if u.st.ix.Strings[u.st.ix.Location[r]] == "Khar" {
			row = r
		}
	}
	f := u.mapP.m.Frame()
	mk := markOfRow(t, f, row)
	s := float32(f.View.DeviceScale())
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(u.mapP.m).Add(fyne.NewPos(mk.X/s, mk.Y/s))
	test.TapCanvas(u.win.Canvas(), pos)
	settle(u)
	if u.st.selected != row {
		t.Errorf("a tap through the tooltip layer selected %d, want %d", u.st.selected, row)
	}
}
