package mapview

import (
	"slices"
	"testing"
)

func TestSceneEmphasised(t *testing.T) {
	ix := testIndex(make([]testEvent, 6)) // row i starts on day i
	day := int64(86400)
	rows := []int32{0, 1, 2, 4, 5} // a filter result without row 3
	for _, c := range []struct {
		name     string
		from, to int64
		want     []int32
	}{
		{"no span", 0, 0, nil},
		{"empty span", 2 * day, 2 * day, nil},
		{"one day", 2 * day, 3 * day, []int32{2}},
		{"days 1-4, row 3 filtered out", day, 5 * day, []int32{1, 2, 4}},
		{"before everything", -5 * day, 0, nil},
		{"after everything", 6 * day, 9 * day, nil},
		{"everything", -day, 10 * day, rows},
	} {
		sc := &Scene{Index: ix, Rows: rows, EmphasisFrom: c.from, EmphasisTo: c.to}
		if got := sc.emphasised(); !slices.Equal(got, c.want) {
			t.Errorf("%s: emphasised %v, want %v", c.name, got, c.want)
		}
	}
}

// The events of the emphasised span get amber rings; the others do not.
func TestRenderEmphasis(t *testing.T) {
	evs := []testEvent{
		{lon: 71.3, lat: 34.1, actor: "A"}, // day 0
		{lon: 71.7, lat: 33.9, actor: "A"}, // day 1
	}
	ix := testIndex(evs)
	v := frontierView(1)
	amberNear := func(f *Frame, row int) int {
		px, py := f.View.ToPixel(ix.X[row], ix.Y[row])
		n := 0
		for y := int(py) - 12; y <= int(py)+12; y++ {
			for x := int(px) - 12; x <= int(px)+12; x++ {
				if c := f.Img.RGBAAt(x, y); nearColor(c, emphasisRing, 24) {
					n++
				}
			}
		}
		return n
	}
	r := NewRenderer(nil)
	f := &Frame{}
	sc := NewScene(ix, allRows(ix), nil)
	r.Render(f, v, sc, Overlays{})
	if a, b := amberNear(f, 0), amberNear(f, 1); a != 0 || b != 0 {
		t.Fatalf("amber pixels without emphasis: %d and %d", a, b)
	}
	sc = NewScene(ix, allRows(ix), nil)
	sc.EmphasisFrom, sc.EmphasisTo = 86400, 2*86400 // day 1 only
	r.Render(f, v, sc, Overlays{})
	if a, b := amberNear(f, 0), amberNear(f, 1); a != 0 || b < 20 {
		t.Errorf("emphasising day 1: %d amber pixels at day 0's event, %d at day 1's", a, b)
	}
}
