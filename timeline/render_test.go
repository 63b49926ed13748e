package timeline

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"frontier/data"
	"frontier/internal/golden"
)

// goldenData is three months of events by four actors, with some known
// only to the week or month and a long span.
func goldenData(t testing.TB) *Data {
	var evs []ev
	actors := []string{"Alpha", "Bravo", "Charlie", "Delta"}
	t0 := ts(t, "2024-03-01")
	for d := range 92 {
		n := 2 + (d*7)%9 + d/15
		for k := range n {
			evs = append(evs, ev{start: dayText(t0 + int64(d)*day), a1: actors[(d+k*k)%4]})
		}
		switch d {
		case 10:
			evs = append(evs, ev{start: "2024-03-11", end: "2024-03-17", prec: data.PrecWeek, a1: "Alpha"})
		case 31:
			for range 25 {
				evs = append(evs, ev{start: "2024-04-01", end: "2024-04-30", prec: data.PrecMonth, a1: "Bravo"})
			}
		case 50:
			for range 6 {
				evs = append(evs, ev{start: "2024-04-20", end: "2024-05-09", prec: data.PrecSpan, a1: "Charlie"})
			}
		}
	}
	return testData(testIndex(t, evs))
}

// goldenOverlay brushes April 8–21, hovers a bin and marks two events.
func goldenOverlay(t testing.TB, d *Data) Overlay {
	o := NoOverlay()
	o.WindowFrom, o.WindowTo = ts(t, "2024-04-08"), ts(t, "2024-04-22")
	o.HoverBin = 20
	o.Selected = latestIn(d, ts(t, "2024-05-10"), ts(t, "2024-05-11"))
	o.Hovered = latestIn(d, ts(t, "2024-03-20"), ts(t, "2024-03-21"))
	o.Height = 140
	return o
}

// The histogram without text: day bins of stacked actor colours, the
// hatched approximate counts, the axis ticks, the brushed window with its
// handles, the hovered bin and the two event markers.
func TestGoldenRender(t *testing.T) {
	d := goldenData(t)
	o := goldenOverlay(t, d)
	o.NoText = true
	s := Scale{Start: ts(t, "2024-02-26"), End: ts(t, "2024-06-05"), Width: 720}
	var f Frame
	NewRenderer().Render(&f, s, d, o)
	if f.Hist.Unit != Day {
		t.Fatalf("unit %v, want days", f.Hist.Unit)
	}
	golden.Assert(t, "render.png", f.Img)
}

// TestRenderPreview writes frames with text to $TIMELINE_PREVIEW (a
// directory) for a person to look at; it is skipped otherwise.
func TestRenderPreview(t *testing.T) {
	dir := os.Getenv("TIMELINE_PREVIEW")
	if dir == "" {
		t.Skip("set TIMELINE_PREVIEW to a directory to write preview images")
	}
	d := goldenData(t)
	r := NewRenderer()
	for i, c := range []struct {
		start, end string
		w          int
		ds         float64
	}{
		{"2024-02-26", "2024-06-05", 720, 1},
		{"2024-02-26", "2024-06-05", 1440, 2},
		{"2023-06-01", "2025-01-01", 900, 1},
		{"2024-03-25", "2024-04-25", 900, 1},
	} {
		o := goldenOverlay(t, d)
		o.DeviceScale = c.ds
		o.Height = int(140 * c.ds)
		var f Frame
		r.Render(&f, Scale{Start: ts(t, c.start), End: ts(t, c.end), Width: c.w}, d, o)
		golden.WritePNG(t, filepath.Join(dir, fmt.Sprintf("timeline-%d.png", i)), f.Img)
	}
}

// A frame is drawn identically whatever the renderer drew before.
func TestRenderIsDeterministic(t *testing.T) {
	d := goldenData(t)
	o := goldenOverlay(t, d)
	s := Scale{Start: ts(t, "2024-02-26"), End: ts(t, "2024-06-05"), Width: 720}
	var a, b Frame
	NewRenderer().Render(&a, s, d, o)
	used := NewRenderer()
	used.Render(&b, s.ZoomAround(100, 3), nil, NoOverlay())
	used.Render(&b, s.Pan(200), d, o)
	o2 := o
	o2.DeviceScale = 2
	used.Render(&b, s.WithWidth(1440), d, o2)
	used.Render(&b, s, d, o)
	if string(a.Img.Pix) != string(b.Img.Pix) {
		t.Error("the same frame differs after other frames")
	}
}

// Degenerate input draws without panicking.
func TestRenderEdgeCases(t *testing.T) {
	r := NewRenderer()
	var f Frame
	d := goldenData(t)
	for _, c := range []struct {
		s Scale
		o Overlay
	}{
		{Scale{}, Overlay{}},
		{Scale{Start: 5, End: 5, Width: 0}, Overlay{Height: 1, HoverBin: 1000, Selected: 1 << 30}},
		{Scale{Start: MinTime - 1e9, End: MaxTime + 1e9, Width: 3}, Overlay{Height: 3, WindowFrom: 1, WindowTo: 1e12}},
		{Scale{Start: 0, End: 1e9, Width: 50}, Overlay{Height: 400, DeviceScale: 3, HoverBin: -5, Selected: -2, Hovered: 3}},
	} {
		r.Render(&f, c.s, d, c.o)
		r.Render(&f, c.s, nil, c.o)
		r.Render(&f, c.s, &Data{}, c.o)
	}
}
