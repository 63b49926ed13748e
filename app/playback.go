package app

import (
	"time"
)

// clock schedules playback ticks; tests inject a manual one so that
// playback steps deterministically.
type clock interface {
	// AfterFunc calls f after d and returns a function that cancels it.
	AfterFunc(d time.Duration, f func()) (stop func() bool)
}

// realClock is the wall clock.
type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) AfterFunc(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop }

// playMode says how the time window moves while playing.
type playMode int

// The play modes.
const (
	// playMoving slides a window of constant length one step at a time.
	playMoving playMode = iota
	// playCumulative keeps the window's start at the first event and
	// grows its end one step at a time.
	playCumulative
)

// Playback speed limits, in steps per second.
const (
	minSpeed     = 0.25
	maxSpeed     = 20
	defaultSpeed = 2
)

// player animates the time window: each step moves it by one bin of the
// timeline's current unit. It lives on the UI goroutine; ticks arrive
// through post.
type player struct {
	st    *state
	clock clock
	post  func(func())
	// step returns the bin boundary after (dir > 0) or before (dir < 0)
	// the instant t, in the timeline's current unit.
	step func(t int64, dir int) int64
	// onChange is told when playing starts or stops, or the window moves,
	// with the instants (Unix seconds) from which and up to which the map
	// should fade events by age (equal when it should not).
	onChange func(fadeFrom, fadeTo int64)

	playing bool
	speed   float64
	mode    playMode
	loop    bool
	stop    func() bool
	tickGen uint64 // ticks scheduled before a pause or restart are ignored
}

func newPlayer(st *state, c clock, post func(func()), step func(int64, int) int64) *player {
	return &player{st: st, clock: c, post: post, step: step, speed: defaultSpeed, onChange: func(int64, int64) {}}
}

// dataRange returns the first and last instants of the events passing the
// filter apart from its time window (0, 0 when there are none).
func (p *player) dataRange() (first, last int64, ok bool) {
	rows := p.st.snap.untimed
	if len(rows) == 0 {
		return 0, 0, false
	}
	ix := p.st.ix
	return ix.Start[rows[0]], ix.Start[rows[len(rows)-1]], true
}

// window returns the current window as [from, to) in Unix seconds.
func (p *player) window() (from, to int64, ok bool) {
	f := p.st.filter
	if f.From.IsZero() || f.To.IsZero() {
		return 0, 0, false
	}
	return f.From.Unix(), f.To.Unix() + 86400, true
}

// setWindow sets [from, to) as the state's inclusive-by-day window.
func (p *player) setWindow(from, to int64) {
	last := max(to-86400, from)
	p.st.setWindow(time.Unix(from, 0).UTC(), time.Unix(last, 0).UTC())
}

// toggle plays or pauses (space).
func (p *player) toggle() {
	if p.playing {
		p.pause()
	} else {
		p.play()
	}
}

// play starts playing from the current window, or from the first step of
// the data when there is none or the window is at the end.
func (p *player) play() {
	first, last, ok := p.dataRange()
	if !ok {
		return
	}
	if from, to, ok := p.window(); !ok || from > last || to <= first || to > last {
		// No window, one outside the data, or one already at the end:
		// start from the beginning.
		p.setWindow(p.startWindow(first))
	}
	p.playing = true
	p.schedule()
	p.fade()
}

// startWindow is the first window of a play-through.
func (p *player) startWindow(first int64) (from, to int64) {
	from = p.step(first+1, -1) // the bin holding the first event
	return from, p.step(from, 1)
}

// pause stops playing, leaving the window where it is.
func (p *player) pause() {
	p.playing = false
	p.tickGen++
	if p.stop != nil {
		p.stop()
		p.stop = nil
	}
	p.onChange(0, 0)
}

func (p *player) schedule() {
	p.tickGen++
	gen := p.tickGen
	d := time.Duration(float64(time.Second) / p.speed)
	p.stop = p.clock.AfterFunc(d, func() {
		if p.st.closed.Load() {
			return // the app is closing
		}
		p.post(func() {
			if p.playing && gen == p.tickGen && !p.st.closed.Load() {
				p.tick()
			}
		})
	})
}

// tick advances one step and schedules the next, looping or stopping at
// the end of the data.
func (p *player) tick() {
	if !p.stepBins(1) {
		if !p.loop {
			p.pause()
			return
		}
		first, _, ok := p.dataRange()
		if !ok {
			p.pause()
			return
		}
		p.setWindow(p.startWindow(first))
	}
	p.fade()
	p.schedule()
}

// stepBins moves the window by one bin forward (dir 1) or back (-1). In
// moving mode the window keeps its length: by whole bins when both ends
// are on bin boundaries, else by days. In cumulative mode only the end
// moves. It reports false, without moving, at the end of the data going
// forward, or at its start going back.
func (p *player) stepBins(dir int) bool {
	first, last, ok := p.dataRange()
	if !ok {
		return false
	}
	from, to, ok := p.window()
	if !ok {
		from, to = p.startWindow(first)
		p.setWindow(from, to)
		return true
	}
	var nf, nt int64
	switch {
	case p.mode == playCumulative:
		if dir > 0 && to > last {
			return false // the window already holds the last event
		}
		nf, nt = from, p.step(to, dir)
	case p.onBoundary(from) && p.onBoundary(to):
		nf, nt = p.step(from, dir), p.step(to, dir)
	default:
		nf = p.step(from, dir)
		nt = nf + (to - from)
	}
	if nt <= nf || (dir > 0 && nf > last) || (dir < 0 && nt <= first) {
		return false
	}
	p.setWindow(nf, nt)
	return true
}

// onBoundary reports whether t is a bin boundary of the current unit.
func (p *player) onBoundary(t int64) bool { return p.step(p.step(t, 1), -1) == t }

// fade tells onChange which events are new in this step.
func (p *player) fade() {
	from, to, ok := p.window()
	if !ok || !p.playing {
		p.onChange(0, 0)
		return
	}
	newest := p.step(to, -1) // the start of the window's last bin
	if newest <= from {
		// A one-bin window: all of it is new.
		from = newest - 1
	}
	p.onChange(from, newest)
}

// stepEvent selects the next (dir 1) or previous (-1) event in time among
// those shown, starting from the selected one (or the first/last).
func (p *player) stepEvent(dir int) {
	rows := p.st.snap.result.Rows // time order
	if len(rows) == 0 {
		return
	}
	i := -1
	if sel := p.st.selected; sel >= 0 {
		i = searchRow(rows, int32(sel))
	}
	switch {
	case i < 0 && dir > 0:
		i = 0
	case i < 0:
		i = len(rows) - 1
	default:
		i = min(max(i+dir, 0), len(rows)-1)
	}
	p.st.selectRow(int(rows[i]))
}

// setSpeed sets steps per second, clamped.
func (p *player) setSpeed(v float64) {
	p.speed = min(max(v, minSpeed), maxSpeed)
	if p.playing {
		p.schedule()
	}
}

// searchRow finds row in rows sorted ascending, or -1.
func searchRow(rows []int32, row int32) int {
	lo, hi := 0, len(rows)
	for lo < hi {
		m := (lo + hi) / 2
		if rows[m] < row {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(rows) && rows[lo] == row {
		return lo
	}
	return -1
}
