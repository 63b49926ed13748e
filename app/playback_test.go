package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

// manualClock runs scheduled functions only when the test says so.
type manualClock struct{ pending []func() }

func (c *manualClock) AfterFunc(_ time.Duration, f func()) func() bool {
	c.pending = append(c.pending, f)
	return func() bool { return true }
}

// fire runs what is due (one tick) and reports whether anything was.
func (c *manualClock) fire() bool {
	fns := c.pending
	c.pending = nil
	for _, f := range fns {
		f()
	}
	return len(fns) > 0
}

// dayStep steps by whole UTC days.
func dayStep(t int64, dir int) int64 {
	d := t - t%86400
	if dir > 0 {
		return d + 86400
	}
	if d == t {
		return d - 86400
	}
	return d
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func newTestPlayer(t *testing.T) (*mainUI, *player, *manualClock) {
	u, _ := newTestUI(t)
	c := &manualClock{}
	p := newPlayer(u.st, c, func(f func()) { f() }, dayStep)
	return u, p, c
}

func windowDays(u *mainUI) (string, string) {
	return u.st.filter.From.Format(time.DateOnly), u.st.filter.To.Format(time.DateOnly)
}

func TestPlaybackMovesWindowOneStepPerTick(t *testing.T) {
	u, p, c := newTestPlayer(t)
	var fades [][2]int64
	p.onChange = func(a, b int64) { fades = append(fades, [2]int64{a, b}) }
	p.play()
	settle(u)
	if f, to := windowDays(u); f != "2021-12-31" || to != "2021-12-31" {
		t.Fatalf("play starts at %s–%s, want the first event's day", f, to)
	}
	if n := len(u.st.snap.result.Rows); n != 1 {
		t.Errorf("first step shows %d events, want 1", n)
	}
	c.fire()
	settle(u)
	if f, to := windowDays(u); f != "2022-01-01" || to != "2022-01-01" {
		t.Errorf("after a tick: %s–%s", f, to)
	}
	// A one-bin window is all new: every event in it is emphasised.
	if last := fades[len(fades)-1]; last[0] != day("2022-01-01").Unix()-1 || last[1] != day("2022-01-01").Unix() {
		t.Errorf("fade %v", last)
	}
	p.pause()
	if c.fire() {
		// A tick scheduled before the pause may still fire; it must do nothing.
		settle(u)
	}
	if f, _ := windowDays(u); f != "2022-01-01" || p.playing {
		t.Errorf("paused player moved to %s", f)
	}
}

func TestPlaybackCumulativeKeepsStart(t *testing.T) {
	u, p, c := newTestPlayer(t)
	p.mode = playCumulative
	p.play()
	c.fire()
	c.fire()
	settle(u)
	if f, to := windowDays(u); f != "2021-12-31" || to != "2022-01-02" {
		t.Errorf("cumulative after two ticks: %s–%s", f, to)
	}
}

func TestPlaybackEndStopsOrLoops(t *testing.T) {
	for _, loop := range []bool{false, true} {
		u, p, c := newTestPlayer(t)
		p.loop = loop
		p.st.setWindow(day("2024-03-22"), day("2024-03-22"))
		settle(u)
		p.play()
		c.fire() // to the last event's day
		c.fire() // the step would pass the last event
		settle(u)
		f, _ := windowDays(u)
		if loop && (f != "2021-12-31" || !p.playing) {
			t.Errorf("loop: window %s, playing %v; want a restart", f, p.playing)
		}
		if !loop && (f != "2024-03-23" || p.playing) { // stays on the last step
			t.Errorf("no loop: window %s, playing %v; want a stop at the end", f, p.playing)
		}
	}
}

func TestStepEventAndBins(t *testing.T) {
	u, p, _ := newTestPlayer(t)
	rows := u.st.snap.result.Rows
	p.stepEvent(1)
	if u.st.selected != int(rows[0]) {
		t.Fatalf("first step selects %d, want %d", u.st.selected, rows[0])
	}
	p.stepEvent(1)
	p.stepEvent(1)
	if u.st.selected != int(rows[2]) {
		t.Errorf("third step selects %d, want %d", u.st.selected, rows[2])
	}
	p.stepEvent(-1)
	if u.st.selected != int(rows[1]) {
		t.Errorf("back selects %d, want %d", u.st.selected, rows[1])
	}
	// Bins: from no window, the first step shows the first bin; then each
	// step moves one day.
	if !p.stepBins(1) {
		t.Fatal("no first bin")
	}
	p.stepBins(1)
	p.stepBins(-1)
	p.stepBins(1)
	settle(u)
	if f, to := windowDays(u); f != "2022-01-01" || to != "2022-01-01" {
		t.Errorf("bins: %s–%s", f, to)
	}
	if !p.stepBins(-1) {
		t.Error("could not step back to the first day")
	}
	if p.stepBins(-1) {
		f, _ := windowDays(u)
		t.Errorf("stepped before the first event, to %s", f)
	}
}

func TestSearchRow(t *testing.T) {
	rows := []int32{2, 5, 9, 11}
	for row, want := range map[int32]int{2: 0, 9: 2, 11: 3, 3: -1, 12: -1, 0: -1} {
		if got := searchRow(rows, row); got != want {
			t.Errorf("searchRow(%d) = %d, want %d", row, got, want)
		}
	}
}

func TestPlaybackCumulativeEnds(t *testing.T) {
	for _, loop := range []bool{false, true} {
		u, p, c := newTestPlayer(t)
		p.mode, p.loop = playCumulative, loop
		p.st.setWindow(day("2021-12-31"), day("2024-03-22"))
		settle(u)
		p.play()
		c.fire() // grows to the last event's day
		c.fire() // holds every event: the end
		settle(u)
		f, to := windowDays(u)
		if !loop && (p.playing || f != "2021-12-31" || to != "2024-03-23") {
			t.Errorf("no loop: %s–%s playing %v; want a stop holding every event", f, to, p.playing)
		}
		if loop && (!p.playing || to != "2021-12-31") {
			t.Errorf("loop: %s–%s playing %v; want a restart", f, to, p.playing)
		}
	}
}

func TestPlaybackFromWindowOutsideData(t *testing.T) {
	u, p, c := newTestPlayer(t)
	p.st.setWindow(day("2021-12-01"), day("2021-12-01")) // before every event
	settle(u)
	p.play()
	settle(u)
	if f, _ := windowDays(u); f != "2021-12-31" || !p.playing {
		t.Errorf("play from before the data starts at %s, playing %v", f, p.playing)
	}
	c.fire()
	settle(u)
	if f, _ := windowDays(u); f != "2022-01-01" || !p.playing {
		t.Errorf("then %s, playing %v", f, p.playing)
	}
	// After the data, stepping back works.
	p.pause()
	p.st.setWindow(day("2025-01-01"), day("2025-01-01"))
	settle(u)
	if !p.stepBins(-1) {
		t.Error("cannot step back from after the data")
	}
}

// monthStep steps by calendar months.
func monthStep(t int64, dir int) int64 {
	tm := time.Unix(t, 0).UTC()
	m := time.Date(tm.Year(), tm.Month(), 1, 0, 0, 0, 0, time.UTC)
	if dir > 0 {
		return m.AddDate(0, 1, 0).Unix()
	}
	if m.Unix() == t {
		return m.AddDate(0, -1, 0).Unix()
	}
	return m.Unix()
}

func TestMovingWindowKeepsItsLength(t *testing.T) {
	u, p, _ := newTestPlayer(t)
	p.step = monthStep
	// Not on month boundaries: keeps its 7 days.
	p.st.setWindow(day("2022-01-05"), day("2022-01-11"))
	if !p.stepBins(1) {
		t.Fatal("no step")
	}
	if f, to := windowDays(u); f != "2022-02-01" || to != "2022-02-07" {
		t.Errorf("7-day window stepped to %s–%s", f, to)
	}
	// Whole months: moves by a month at each end.
	p.st.setWindow(day("2022-01-01"), day("2022-02-28"))
	p.stepBins(1)
	if f, to := windowDays(u); f != "2022-02-01" || to != "2022-03-31" {
		t.Errorf("two-month window stepped to %s–%s", f, to)
	}
}

func TestPlaybackDrivesMapFadeAndKeys(t *testing.T) {
	u, _ := newTestUI(t)
	c := &manualClock{}
	u.timeP.player.clock = c
	u.timeP.player.step = dayStep
	bar := u.timeP.bar
	bar.playKey(&fyne.KeyEvent{Name: fyne.KeySpace}) // play
	settle(u)
	if !u.timeP.player.playing || bar.play.Text != "Pause" {
		t.Fatalf("space did not start playing")
	}
	c.fire()
	settle(u)
	sc := u.mapP.scene()
	if sc.FadeTo <= sc.FadeFrom || sc.FadeTo != u.st.filter.From.Unix() {
		t.Errorf("map fade %d–%d while playing, window from %v", sc.FadeFrom, sc.FadeTo, u.st.filter.From)
	}
	bar.speed.SetSelected("10 steps/s")
	if u.timeP.player.speed != 10 || !u.timeP.player.playing {
		t.Errorf("speed %g playing %v", u.timeP.player.speed, u.timeP.player.playing)
	}
	bar.playKey(&fyne.KeyEvent{Name: fyne.KeySpace}) // pause
	settle(u)
	if u.timeP.player.playing || bar.play.Text != "Play" {
		t.Error("space did not pause")
	}
	if sc := u.mapP.scene(); sc.FadeTo != sc.FadeFrom {
		t.Error("fading stays after pausing")
	}
	bar.playKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if u.st.selected < 0 {
		t.Error("→ selected no event")
	}
}

func TestPlaybackMenuAndShortcuts(t *testing.T) {
	u, w := newTestUI(t)
	var menu *fyne.Menu
	for _, m := range w.MainMenu().Items {
		if m.Label == "Playback" {
			menu = m
		}
	}
	if menu == nil || len(menu.Items) != 5 {
		t.Fatalf("no Playback menu with five items: %+v", menu)
	}
	u.timeP.player.clock = &manualClock{}
	u.timeP.player.step = dayStep
	w.Canvas().(fyne.Shortcutable).TypedShortcut(shortcutPlay)
	if !u.timeP.player.playing {
		t.Error("Ctrl+Space did not play")
	}
	w.Canvas().(fyne.Shortcutable).TypedShortcut(shortcutPlay)
	if u.timeP.player.playing {
		t.Error("Ctrl+Space did not pause")
	}
	w.Canvas().(fyne.Shortcutable).TypedShortcut(shortcutNextEvent)
	if u.st.selected < 0 {
		t.Error("Ctrl+→ selected nothing")
	}
}
