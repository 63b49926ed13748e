package app

import (
	"testing"
	"time"
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
	if last := fades[len(fades)-1]; last[0] != day("2022-01-01").Unix() || last[1] != day("2022-01-01").Unix() {
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
