package mapview

import (
	"testing"
)

// SetPresentation draws the title, date and legend on the widget's frame
// and the zero Presentation takes them away.
func TestMapSetPresentation(t *testing.T) {
	m, _ := mapWindow(t, twoEvents, 1)
	plain := append([]uint8(nil), m.Frame().Img.Pix...)
	ix := m.scene.Index
	m.SetPresentation(Presentation{Title: "Briefing", DateWindow: "1 Jul 2025 – 31 Jul 2025", Legend: LegendFor(NewScene(ix, allRows(ix), nil), 10), TextScale: 1.5})
	m.Flush()
	f := m.Frame()
	panel := func(x, y int) bool {
		c := f.Img.RGBAAt(x, y)
		return c.R >= 0xe0 && c.G >= 0xe0 && c.B >= 0xe0 // the map here is water (#c6dde8)
	}
	for _, p := range []struct {
		what string
		x, y int
	}{{"title", 14, 14}, {"date window", 785, 14}, {"legend", 785, 90}} {
		if !panel(p.x, p.y) {
			t.Errorf("no %s panel at (%d, %d): %v", p.what, p.x, p.y, f.Img.RGBAAt(p.x, p.y))
		}
	}
	m.SetPresentation(Presentation{})
	m.Flush()
	if string(m.Frame().Img.Pix) != string(plain) {
		t.Error("the zero Presentation does not restore the plain map")
	}
}
