package timeline

import (
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// tlWindow shows a timeline of goldenData in a 1000×240 test window at
// device scale s, viewing March 2024 (day bins of 32 px), and records
// what it reports.
type tlWindow struct {
	tl      *Timeline
	w       fyne.Window
	windows [][2]int64
	selects []int
}

func newTLWindow(t *testing.T, s float32) *tlWindow {
	t.Helper()
	test.NewTempApp(t)
	tl := New()
	tl.worker.Hold() // frames are shown by Flush, on the test goroutine
	t.Cleanup(tl.Destroy)
	w := test.NewTempWindow(t, tl)
	w.SetPadded(false)
	w.Canvas().(test.WindowlessCanvas).SetScale(s)
	w.Resize(fyne.NewSize(1000, 240))
	tw := &tlWindow{tl: tl, w: w}
	tl.OnWindow = func(from, to int64) { tw.windows = append(tw.windows, [2]int64{from, to}) }
	tl.OnSelect = func(row int) { tw.selects = append(tw.selects, row) }
	tl.SetData(goldenData(t))
	tl.SetView(ts(t, "2024-03-01"), ts(t, "2024-04-01"))
	tl.Flush()
	if tl.Frame() == nil {
		t.Fatal("no frame drawn")
	}
	if w := tl.View().Width; w != 1000 {
		t.Fatalf("plot is %d px wide", w)
	}
	return tw
}

// abs converts a position in the plot to one in the canvas.
func (tw *tlWindow) abs(x, y float32) fyne.Position {
	// The timeline fills the unpadded window, and the plot lies in it.
	return tw.tl.Position().Add(tw.tl.plot.Position()).Add(fyne.NewPos(x, y))
}

// at returns the plot x of time t.
func (tw *tlWindow) at(t int64) float32 { return float32(tw.tl.View().X(t)) }

// bars and strip are plot y positions in the bar area and the brush strip.
func (tw *tlWindow) bars() float32 { return 40 }
func (tw *tlWindow) strip() float32 {
	f := tw.tl.Frame()
	return float32(float64(f.Layout.Base)/f.Layout.DeviceScale) + 8
}

// drag drags in the plot from (x0, y) to (x1, y).
func (tw *tlWindow) drag(x0, x1, y float32) {
	test.Drag(tw.w.Canvas(), tw.abs(x1, y), x1-x0, 0)
	tw.tl.Flush()
}

// lastWindow returns the last reported window as days.
func (tw *tlWindow) lastWindow(t *testing.T) string {
	t.Helper()
	if len(tw.windows) == 0 {
		t.Fatal("OnWindow was not called")
	}
	w := tw.windows[len(tw.windows)-1]
	if w == [2]int64{} {
		return "none"
	}
	return dayText(w[0]) + " " + dayText(w[1])
}

func TestWheelZoomKeepsTimeUnderCursor(t *testing.T) {
	for _, s := range []float32{1, 2} {
		tw := newTLWindow(t, s)
		for _, x := range []float32{100, 512.5, 930} {
			pos := tw.abs(x, tw.bars())
			test.MoveMouse(tw.w.Canvas(), pos)
			tw.tl.Flush()
			v := tw.tl.View()
			before := v.Time(float64(x))
			test.Scroll(tw.w.Canvas(), pos, 0, 25) // one notch up: zoom in
			tw.tl.Flush()
			after := tw.tl.View()
			if d := after.Time(float64(x)) - before; d < -2 || d > 2 {
				t.Errorf("scale %g at %g: the time under the cursor moved %d s", s, x, d)
			}
			ratio := float64(v.End-v.Start) / float64(after.End-after.Start)
			if !near(ratio, math.Exp(25/wheelStep), 1e-6) {
				t.Errorf("one notch zoomed by %g, want %g (continuous)", ratio, math.Exp(25/wheelStep))
			}
			// The frame drawn agrees, in device pixels.
			f := tw.tl.Frame()
			if px := f.Scale.X(before); !near(px, float64(x*s), 1) {
				t.Errorf("scale %g: frame puts the time at %g, cursor at %g", s, px, x*s)
			}
		}
	}
}

func TestDragPansByDraggedDistance(t *testing.T) {
	tw := newTLWindow(t, 1)
	t0 := ts(t, "2024-03-15")
	x0 := tw.tl.View().X(t0)
	tw.drag(500, 620, tw.bars())
	if x1 := tw.tl.View().X(t0); !near(x1-x0, 120, 0.01) {
		t.Errorf("dragging 120 px moved the time axis by %g px", x1-x0)
	}
	if len(tw.windows) != 0 {
		t.Errorf("a pan set a window: %v", tw.windows)
	}
	tw.drag(620, 300, tw.bars())
	if x2 := tw.tl.View().X(t0); !near(x2-x0, -200, 0.01) {
		t.Errorf("dragging back 320 px left the axis at %g px", x2-x0)
	}
}

func TestBrushCreateResizeMoveClear(t *testing.T) {
	tw := newTLWindow(t, 1)
	view := tw.tl.View()
	// Drag in the strip from the middle of March 5th to the middle of
	// the 10th: whole days 5–10.
	tw.drag(tw.at(ts(t, "2024-03-05T12:00:00Z")), tw.at(ts(t, "2024-03-10T12:00:00Z")), tw.strip())
	if got := tw.lastWindow(t); got != "2024-03-05 2024-03-10" {
		t.Fatalf("brushed window %s, want 2024-03-05 2024-03-10", got)
	}
	if from, to, ok := tw.tl.Window(); !ok || dayText(from) != "2024-03-05" || dayText(to) != "2024-03-10" {
		t.Errorf("Window() = %s, %s, %v", dayText(from), dayText(to), ok)
	}
	if tw.tl.View() != view {
		t.Error("brushing moved the view")
	}
	// Drag the right edge (at the end of March 10th) to near the start of
	// the 15th: the window ends with the 14th.
	tw.drag(tw.at(ts(t, "2024-03-11"))+2, tw.at(ts(t, "2024-03-15"))+3, tw.bars())
	if got := tw.lastWindow(t); got != "2024-03-05 2024-03-14" {
		t.Errorf("after resizing: %s, want 2024-03-05 2024-03-14", got)
	}
	// Drag the left edge past the right one: the window flips.
	tw.drag(tw.at(ts(t, "2024-03-05"))-1, tw.at(ts(t, "2024-03-18"))+4, tw.bars())
	if got := tw.lastWindow(t); got != "2024-03-15 2024-03-17" {
		t.Errorf("after flipping: %s, want 2024-03-15 2024-03-17", got)
	}
	// Drag inside the window by two days: it moves.
	tw.drag(tw.at(ts(t, "2024-03-16T12:00:00Z")), tw.at(ts(t, "2024-03-18T12:00:00Z")), tw.bars())
	if got := tw.lastWindow(t); got != "2024-03-17 2024-03-19" {
		t.Errorf("after moving: %s, want 2024-03-17 2024-03-19", got)
	}
	if tw.tl.View() != view {
		t.Error("editing the window moved the view")
	}
	// Shift-drag over the bars draws a new window.
	tw.tl.plot.MouseDown(&desktop.MouseEvent{Modifier: fyne.KeyModifierShift})
	tw.drag(tw.at(ts(t, "2024-03-25T06:00:00Z")), tw.at(ts(t, "2024-03-22T18:00:00Z")), tw.bars())
	if got := tw.lastWindow(t); got != "2024-03-22 2024-03-25" {
		t.Errorf("shift-drag: %s, want 2024-03-22 2024-03-25", got)
	}
	// A click outside the window clears it.
	n := len(tw.windows)
	test.TapAt(tw.tl.plot, fyne.NewPos(tw.at(ts(t, "2024-03-10")), tw.bars()))
	if got := tw.lastWindow(t); got != "none" || len(tw.windows) != n+1 {
		t.Errorf("click outside: %s", got)
	}
	if _, _, ok := tw.tl.Window(); ok {
		t.Error("the window is still set")
	}
	if len(tw.selects) != 0 {
		t.Errorf("clearing the window selected %v", tw.selects)
	}
}

func TestDoubleClickSetsBinWindow(t *testing.T) {
	tw := newTLWindow(t, 1)
	tw.tl.plot.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(tw.at(ts(t, "2024-03-20T12:00:00Z")), tw.bars())})
	if got := tw.lastWindow(t); got != "2024-03-20 2024-03-20" {
		t.Errorf("double-click on March 20th: %s", got)
	}
	// In month bins (four years over 1000 px), a double-click selects the
	// month.
	tw.tl.SetView(ts(t, "2022-01-01"), ts(t, "2026-01-01"))
	tw.tl.Flush()
	tw.tl.plot.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(tw.at(ts(t, "2024-04-15")), tw.bars())})
	if got := tw.lastWindow(t); got != "2024-04-01 2024-04-30" {
		t.Errorf("double-click on April in month bins: %s", got)
	}
}

func TestSetWindowDoesNotReport(t *testing.T) {
	tw := newTLWindow(t, 1)
	tw.tl.SetWindow(ts(t, "2024-03-09T15:00:00Z"), ts(t, "2024-03-05"))
	from, to, ok := tw.tl.Window()
	if !ok || dayText(from) != "2024-03-05" || dayText(to) != "2024-03-09" {
		t.Errorf("Window() = %s, %s, %v", dayText(from), dayText(to), ok)
	}
	if len(tw.windows) != 0 {
		t.Errorf("SetWindow called OnWindow: %v", tw.windows)
	}
	if tw.tl.bar.from.Text != "2024-03-05" || tw.tl.bar.to.Text != "2024-03-09" {
		t.Errorf("entries show %q, %q", tw.tl.bar.from.Text, tw.tl.bar.to.Text)
	}
	if l := tw.tl.bar.label.Text; !strings.Contains(l, "(5 days)") {
		t.Errorf("label %q", l)
	}
	tw.tl.SetWindow(0, 0)
	if _, _, ok := tw.tl.Window(); ok || tw.tl.bar.from.Text != "" || len(tw.windows) != 0 {
		t.Error("SetWindow(0, 0) did not clear quietly")
	}
}

func TestQuickWindows(t *testing.T) {
	tw := newTLWindow(t, 1)
	want := []string{"2024-05-25 2024-05-31", "2024-05-02 2024-05-31", "2023-06-01 2024-05-31", "none"}
	for i, b := range tw.tl.bar.quick {
		test.Tap(b)
		tw.tl.Flush()
		if got := tw.lastWindow(t); got != want[i] {
			t.Errorf("%s: window %s, want %s", b.Text, got, want[i])
		}
		v := tw.tl.View()
		if from, to, ok := tw.tl.Window(); ok && (from < v.Start || to+day > v.End) {
			t.Errorf("%s: the view %s – %s does not show the window", b.Text, dayText(v.Start), dayText(v.End))
		}
	}
	// All fits the data: March 1st to May 31st.
	if v := tw.tl.View(); v.Start > ts(t, "2024-03-01") || v.End < ts(t, "2024-06-01") || v.End-v.Start > 100*day {
		t.Errorf("All shows %s – %s", dayText(v.Start), dayText(v.End))
	}
}

func TestDateEntries(t *testing.T) {
	tw := newTLWindow(t, 1)
	bar := tw.tl.bar
	enter := func(e *widget.Entry) { e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }
	test.Type(bar.from, "2024-03-03")
	test.Type(bar.to, "2024-03-09")
	enter(bar.to)
	if got := tw.lastWindow(t); got != "2024-03-03 2024-03-09" {
		t.Errorf("entries gave %s", got)
	}
	if l := bar.label.Text; !strings.Contains(l, "2024-03-03 – 2024-03-09 (7 days)") || bar.label.Importance == widget.DangerImportance {
		t.Errorf("label %q", l)
	}
	n := len(tw.windows)
	for _, c := range []struct{ from, to, msg string }{
		{"2024-13-45", "2024-03-09", "not a date"},
		{"yesterday", "", "not a date"},
		{"2024-03-09", "2024-03-01", "after"},
		{"0999-01-01", "2024-03-01", "out of range"},
		{"2024-03-01", "2024-02-30", "not a date"},
	} {
		bar.from.SetText(c.from)
		bar.to.SetText(c.to)
		enter(bar.from)
		if bar.label.Importance != widget.DangerImportance || !strings.Contains(bar.label.Text, c.msg) {
			t.Errorf("%q – %q: label %q (importance %v), want an error saying %q", c.from, c.to, bar.label.Text, bar.label.Importance, c.msg)
		}
		if len(tw.windows) != n {
			t.Errorf("%q – %q changed the window", c.from, c.to)
		}
	}
	if from, _, _ := tw.tl.Window(); dayText(from) != "2024-03-03" {
		t.Errorf("an invalid entry changed the window to %s", dayText(from))
	}
	// An empty To stands for the last day of the data; both empty clear.
	bar.from.SetText("2024-05-20")
	bar.to.SetText("")
	enter(bar.from)
	if got := tw.lastWindow(t); got != "2024-05-20 2024-05-31" {
		t.Errorf("open end: %s", got)
	}
	if bar.label.Importance == widget.DangerImportance || bar.to.Text != "2024-05-31" {
		t.Errorf("after a valid entry: label %q, To %q", bar.label.Text, bar.to.Text)
	}
	bar.from.SetText("")
	bar.to.SetText("")
	enter(bar.to)
	if got := tw.lastWindow(t); got != "none" {
		t.Errorf("empty entries: %s", got)
	}
}

func TestHoverTooltip(t *testing.T) {
	tw := newTLWindow(t, 1)
	tip := tw.tl.plot.tip
	var spans []string // what OnHoverBin reported
	tw.tl.OnHoverBin = func(from, to int64) {
		spans = append(spans, time.Unix(from, 0).UTC().Format("2006-01-02")+"/"+time.Unix(to, 0).UTC().Format("2006-01-02"))
	}
	test.MoveMouse(tw.w.Canvas(), tw.abs(tw.at(ts(t, "2024-03-20T12:00:00Z")), tw.bars()))
	tw.tl.Flush()
	if !tip.visible() {
		t.Fatal("no tooltip over a bin")
	}
	lines := tip.text()
	if len(lines) < 3 || lines[0] != "2024-03-20" || lines[1] != "10 events" {
		t.Fatalf("tooltip %q, want the day and 10 events", lines)
	}
	total := 0
	for _, l := range lines[2:] {
		name, n, ok := strings.Cut(l, ": ")
		if !ok || !strings.Contains("Alpha Bravo Charlie Delta", name) {
			t.Errorf("series line %q", l)
		}
		total += atoi(n)
	}
	if total != 10 {
		t.Errorf("series lines add up to %d", total)
	}
	if f := tw.tl.Frame(); f.Hist.Bin(ts(t, "2024-03-20")) != tw.tl.hoverBin {
		t.Error("the hovered bin is not highlighted")
	}
	// Month bins: the month-precise events show as approximate.
	tw.tl.SetView(ts(t, "2022-01-01"), ts(t, "2026-01-01"))
	tw.tl.Flush()
	test.MoveMouse(tw.w.Canvas(), tw.abs(tw.at(ts(t, "2024-04-15")), tw.bars()))
	tw.tl.Flush()
	lines = tip.text()
	if len(lines) < 3 || lines[0] != "April 2024" || !strings.Contains(lines[1], "+ ≈") || !strings.Contains(strings.Join(lines, "\n"), "Bravo") {
		t.Errorf("April tooltip %q", lines)
	}
	test.MoveMouse(tw.w.Canvas(), fyne.NewPos(5, 5)) // over the control bar
	tw.tl.Flush()
	if tip.visible() || tw.tl.hoverBin != -1 {
		t.Error("the tooltip stays after the pointer left")
	}
	// The hovered bins' spans, once each: the day; none when SetView
	// cleared the hover; the month under the resting pointer in the new
	// frame; April; none once the pointer left.
	none := "1970-01-01/1970-01-01"
	want := []string{"2024-03-20/2024-03-21", none, "2024-07-01/2024-08-01", "2024-04-01/2024-05-01", none}
	if !slices.Equal(spans, want) {
		t.Errorf("OnHoverBin reported %q, want %q", spans, want)
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c >= '0' && c <= '9' {
			n = n*10 + int(c-'0')
		}
	}
	return n
}

func TestClickSelects(t *testing.T) {
	tw := newTLWindow(t, 1)
	f := tw.tl.Frame()
	base := float32(f.Layout.Base)
	// A click on a bar selects the latest event of its day.
	x := tw.at(ts(t, "2024-03-20T12:00:00Z"))
	test.TapAt(tw.tl.plot, fyne.NewPos(x, base-3))
	want := latestIn(tw.tl.Data(), ts(t, "2024-03-20"), ts(t, "2024-03-21"))
	if len(tw.selects) != 1 || tw.selects[0] != want || tw.tl.selected != want {
		t.Fatalf("clicking a bar selected %v, want %d", tw.selects, want)
	}
	// Above the bar nothing happens.
	test.TapAt(tw.tl.plot, fyne.NewPos(x, 2))
	if len(tw.selects) != 1 {
		t.Errorf("a click above the bar selected %v", tw.selects[1:])
	}
	// A click on the hovered event's marker selects it.
	row := latestIn(tw.tl.Data(), ts(t, "2024-03-08"), ts(t, "2024-03-09"))
	tw.tl.SetHovered(row)
	tw.tl.Flush()
	test.TapAt(tw.tl.plot, fyne.NewPos(tw.at(ts(t, "2024-03-08"))+2, base+6))
	if tw.selects[len(tw.selects)-1] != row {
		t.Errorf("clicking the marker selected %v, want %d", tw.selects, row)
	}
}

func TestFrameMatchesDeviceScale(t *testing.T) {
	tw := newTLWindow(t, 2)
	f := tw.tl.Frame()
	if f.Img.Rect.Dx() != 2000 || f.Scale.Width != 2000 || f.Layout.DeviceScale != 2 {
		t.Errorf("frame %v at scale %g, want 2000 px wide at 2", f.Img.Rect, f.Layout.DeviceScale)
	}
	if ph := tw.tl.plot.Size().Height; f.Img.Rect.Dy() != int(math.Ceil(float64(ph*2))) {
		t.Errorf("frame %d px high for a %g px plot", f.Img.Rect.Dy(), ph)
	}
}

func TestFirstDataFitsView(t *testing.T) {
	test.NewTempApp(t)
	tl := New()
	tl.worker.Hold()
	t.Cleanup(tl.Destroy)
	w := test.NewTempWindow(t, tl)
	w.Resize(fyne.NewSize(800, 200))
	tl.SetData(nil)
	tl.SetData(&Data{})
	tl.SetData(goldenData(t))
	v := tl.View()
	if v.Start > ts(t, "2024-03-01") || v.End < ts(t, "2024-06-01") || v.End-v.Start > 100*day {
		t.Errorf("the first data is shown over %s – %s", dayText(v.Start), dayText(v.End))
	}
	tl.SetView(ts(t, "2020-01-01"), ts(t, "2021-01-01"))
	tl.SetData(goldenData(t))
	if tl.View().Start != ts(t, "2020-01-01") {
		t.Error("later data moved the view")
	}
	tl.Flush()
}

// A custom post delivers frames; Unit follows the view.
func TestSetPostAndUnit(t *testing.T) {
	test.NewTempApp(t)
	tl := New()
	t.Cleanup(tl.Destroy)
	var queue []func()
	var mu sync.Mutex
	tl.SetPost(func(fn func()) { mu.Lock(); queue = append(queue, fn); mu.Unlock() })
	w := test.NewTempWindow(t, tl)
	w.Resize(fyne.NewSize(1000, 200))
	tl.SetData(goldenData(t))
	tl.SetView(ts(t, "2024-03-01"), ts(t, "2024-04-01"))
	tl.Flush()
	if tl.Frame() != nil {
		t.Fatal("a frame was shown without the post")
	}
	for len(queue) > 0 {
		mu.Lock()
		q := queue
		queue = nil
		mu.Unlock()
		for _, fn := range q {
			fn()
		}
		tl.Flush()
	}
	if f := tl.Frame(); f == nil || tl.Unit() != Day {
		t.Fatalf("frame %v, unit %v: want a frame of day bins", f, tl.Unit())
	}
	tl.SetView(ts(t, "2014-01-01"), ts(t, "2024-01-01"))
	if u := tl.Unit(); u != Day {
		t.Errorf("before the new frame, Unit is that of the frame on screen: %v", u)
	}
}
