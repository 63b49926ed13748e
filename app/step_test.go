package app

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"frontier/data"
	"frontier/mapview"
)

// newStepTestUI is a window on the test store with fake flights and a
// manual autoplay clock.
func newStepTestUI(t *testing.T) (*mainUI, *fakeAnimClock, *manualClock) {
	t.Helper()
	_, u := newAnnotTestUI(t)
	c := useFakeFlights(u)
	mc := &manualClock{}
	u.brief.step.clock = mc
	u.brief.step.post = func(f func()) { f() }
	return u, c, mc
}

func TestStepThroughWalksTheFilteredEventsInTimeOrder(t *testing.T) {
	u, c, _ := newStepTestUI(t)
	s := u.brief.step
	// Leave one event out: the walk is of the filtered events only.
	u.st.setMinFatalities(1)
	settle(u)
	want := slices.Clone(u.st.snap.result.Rows)
	if len(want) < 3 || len(want) == u.st.ix.Len() {
		t.Fatalf("the filter passes %d of %d events", len(want), u.st.ix.Len())
	}
	for i := 1; i < len(want); i++ {
		if u.st.ix.Start[want[i]] < u.st.ix.Start[want[i-1]] {
			t.Fatal("the filtered rows are not in time order")
		}
	}
	u.mapP.m.SetView(mapview.Viewport{CenterX: 0.3, CenterY: 0.3, Zoom: 3})
	u.st.selectRow(-1)
	before := u.win.Content()

	u.brief.stepThrough(-1) // nothing selected: from the first
	land(u, c)
	if !s.active || !u.win.FullScreen() || u.win.Content() == before {
		t.Fatal("the step-through is not on the stage")
	}
	var walked []int32
	for range len(want) + 2 { // past the end: stays on the last
		walked = append(walked, int32(u.st.selected))
		u.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
		land(u, c)
	}
	if got := walked[:len(want)]; !slices.Equal(got, want) {
		t.Errorf("walked %v, want the filtered time order %v", got, want)
	}
	if walked[len(walked)-1] != want[len(want)-1] {
		t.Error("stepping past the end left the last event")
	}
	// Each step flies to its event, close enough to see it.
	last := want[len(want)-1]
	if v := u.mapP.m.View(); v.CenterX != u.st.ix.X[last] || v.CenterY != u.st.ix.Y[last] || v.Zoom < stepMinZoom {
		t.Errorf("the map is at %+v, not on the event", v)
	}
	// The trail holds the steps before the current one, oldest first.
	if wantTrail := want[max(0, len(want)-1-trailLen) : len(want)-1]; !slices.Equal(s.trail, wantTrail) {
		t.Errorf("trail %v, want %v", s.trail, wantTrail)
	}
	visible := 0
	for _, r := range s.trailLayer.rings {
		if r.Visible() {
			visible++
		}
	}
	if visible != len(s.trail) {
		t.Errorf("%d trail rings shown for %d steps", visible, len(s.trail))
	}
	if a0, a1 := alphaOf(s.trailLayer.rings[0]), alphaOf(s.trailLayer.rings[len(s.trail)-1]); a0 >= a1 {
		t.Errorf("the oldest ring (alpha %d) is not fainter than the newest (%d)", a0, a1)
	}

	// ← PageUp Home End and space.
	keys := []struct {
		k    fyne.KeyName
		want int
	}{{fyne.KeyLeft, len(want) - 2}, {fyne.KeyPageUp, len(want) - 3}, {fyne.KeyHome, 0},
		{fyne.KeySpace, 1}, {fyne.KeyPageDown, 2}, {fyne.KeyEnd, len(want) - 1}}
	for _, k := range keys {
		u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k.k})
		land(u, c)
		if s.i != k.want || u.st.selected != int(want[k.want]) {
			t.Errorf("after %s at step %d (row %d), want %d", k.k, s.i, u.st.selected, k.want)
		}
	}
	if len(s.trail) == 0 {
		t.Fatal("after Home … End the trail is empty")
	}
	if got := s.trailLayer.numbers[len(s.trail)-1].Text; got != strconv.Itoa(s.i) {
		t.Errorf("the step before step %d is numbered %q", s.i+1, got)
	}

	// Esc restores the window and the state.
	u.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	settle(u)
	if s.active || u.win.FullScreen() || u.win.Content() != before || u.st.selected != -1 {
		t.Error("Esc did not restore the window")
	}
	if v := u.mapP.m.View(); v.Zoom != 3 {
		t.Errorf("map zoom %g after Esc, want 3", v.Zoom)
	}
}

// alphaOf is a trail ring's stroke alpha.
func alphaOf(c *canvas.Circle) uint32 {
	_, _, _, a := c.StrokeColor.RGBA()
	return a
}

func TestStepFromHereAndTheCard(t *testing.T) {
	u, c, _ := newStepTestUI(t)
	s := u.brief.step
	ix := u.st.ix
	row := int(ix.Len() - 1)
	for r := range ix.Len() {
		if ix.Strings[ix.Location[r]] == "Khar" {
			row = r
		}
	}
	if !u.brief.stepHere.Disabled() {
		t.Error("Step from here is enabled with no event selected")
	}
	u.st.selectRow(row)
	settle(u)
	test.Tap(u.brief.stepHere)
	land(u, c)
	if !s.active || int(s.rows[s.i]) != row {
		t.Fatalf("Step from here started at row %d, want %d", s.rows[s.i], row)
	}
	f := s.card.shown
	checks := map[string][2]string{
		"step":       {f.Step, "Step "},
		"date":       {f.Date, "2024-03-21 · day precision"},
		"type":       {f.Type, "Explosions/Remote violence — Suicide bomb"},
		"actors":     {f.Actors, "TTP: Tehrik-i-Taliban Pakistan vs Civilians (Pakistan)"},
		"fatalities": {f.Fatalities, "12 fatalities"},
		"location":   {f.Location, "Khar, Bajaur, Khyber Pakhtunkhwa, Pakistan · 34.7306, 71.5239 · geo precision 1 (town)"},
		"source":     {f.Source, "Source: Dawn; Express Tribune"},
	}
	for name, c := range checks {
		if !strings.HasPrefix(c[0], c[1]) {
			t.Errorf("card %s %q, want %q", name, c[0], c[1])
		}
	}
	if f.Notes == "" || s.card.notes.Text != f.Notes || s.card.fatal.Text != "12 fatalities" {
		t.Errorf("card shows notes %q fatalities %q", s.card.notes.Text, s.card.fatal.Text)
	}
	// Started from here, the walk has no earlier steps yet.
	if len(s.trail) != 0 {
		t.Errorf("trail %v at the first step", s.trail)
	}
	s.key(&fyne.KeyEvent{Name: fyne.KeyRight})
	land(u, c)
	if !slices.Equal(s.trail, []int32{int32(row)}) {
		t.Errorf("after one step the trail is %v, want the start", s.trail)
	}
	s.exit()
}

func TestStepAutoplayAdvancesOnTheClock(t *testing.T) {
	u, c, mc := newStepTestUI(t)
	s := u.brief.step
	u.brief.stepThrough(-1)
	land(u, c)
	s.typed('p')
	if !s.playing || s.play.Text != "Pause" {
		t.Fatal("P does not start autoplay")
	}
	for want := 1; want <= 3; want++ {
		if !mc.fire() {
			t.Fatalf("nothing scheduled at step %d", want)
		}
		land(u, c)
		if s.i != want {
			t.Errorf("after %d ticks at step %d", want, s.i)
		}
	}
	// The interval is 1–30 s, set by the slider or + and −.
	s.setInterval(45 * time.Second)
	if s.interval != maxStepInterval || s.slider.Value != 30 {
		t.Errorf("interval %v slider %g", s.interval, s.slider.Value)
	}
	s.typed('-')
	if s.interval != 29*time.Second || s.every.Text != "every 29 s" {
		t.Errorf("after − the interval is %v (%q)", s.interval, s.every.Text)
	}
	s.slider.SetValue(0)
	if s.interval != minStepInterval {
		t.Errorf("slider at 0: interval %v", s.interval)
	}
	// Pause stops it; at the end it stops by itself.
	s.typed('P')
	mc.fire() // what was scheduled before the pause does nothing
	land(u, c)
	if s.playing || s.i != 3 {
		t.Errorf("after pausing: playing %v at step %d, want 3", s.playing, s.i)
	}
	s.goTo(len(s.rows) - 2)
	land(u, c)
	s.toggle()
	mc.fire()
	land(u, c)
	mc.fire()
	if s.playing || s.i != len(s.rows)-1 {
		t.Errorf("at the end: playing %v at %d of %d", s.playing, s.i, len(s.rows))
	}
	s.exit()
}

func TestStepFromHereGoesWithTheEventDetails(t *testing.T) {
	_, u := newAnnotTestUI(t)
	if !u.brief.stepBar.Visible() {
		t.Fatal("Step from here is not under the event details")
	}
	draw(t, u, data.KindMarker, khar) // selects it: its properties replace the details
	if u.brief.stepBar.Visible() {
		t.Error("Step from here shows under an annotation's properties")
	}
	u.ann.selectAnnotation(0)
	if !u.brief.stepBar.Visible() {
		t.Error("Step from here did not come back with the event details")
	}
}
