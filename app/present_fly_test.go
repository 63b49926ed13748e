package app

import (
	"math"
	"sort"
	"testing"
	"time"

	"frontier/mapview"
)

// fakeAnimClock is a clock the test moves by hand; due functions run on
// the test goroutine as it advances.
type fakeAnimClock struct {
	now     time.Time
	pending []fakeTimer
	seq     int
}

type fakeTimer struct {
	at   time.Time
	seq  int
	f    func()
	dead *bool
}

func newFakeAnimClock() *fakeAnimClock {
	return &fakeAnimClock{now: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeAnimClock) Now() time.Time { return c.now }

func (c *fakeAnimClock) AfterFunc(d time.Duration, f func()) func() bool {
	dead := new(bool)
	c.seq++
	c.pending = append(c.pending, fakeTimer{at: c.now.Add(d), seq: c.seq, f: f, dead: dead})
	return func() bool { *dead = true; return true }
}

// advance moves the time on by d, running what falls due in time order
// (including what they schedule within d).
func (c *fakeAnimClock) advance(d time.Duration) {
	end := c.now.Add(d)
	for {
		sort.Slice(c.pending, func(i, j int) bool {
			if !c.pending[i].at.Equal(c.pending[j].at) {
				return c.pending[i].at.Before(c.pending[j].at)
			}
			return c.pending[i].seq < c.pending[j].seq
		})
		if len(c.pending) == 0 || c.pending[0].at.After(end) {
			break
		}
		t := c.pending[0]
		c.pending = c.pending[1:]
		c.now = t.at
		if !*t.dead {
			t.f()
		}
	}
	c.now = end
}

func TestZoomPathEndsAndMonotoneZoomForAZoomOnlyMove(t *testing.T) {
	p := newZoomPath(0.6, 0.4, 5, 0.6, 0.4, 9, 800)
	if x, y, z := p.at(0); x != 0.6 || y != 0.4 || z != 5 {
		t.Errorf("at(0) = %g, %g, %g", x, y, z)
	}
	if x, y, z := p.at(1); x != 0.6 || y != 0.4 || z != 9 {
		t.Errorf("at(1) = %g, %g, %g", x, y, z)
	}
	prev := 5.0
	for i := 1; i < 10; i++ {
		x, y, z := p.at(float64(i) / 10)
		if x != 0.6 || y != 0.4 {
			t.Errorf("a zoom-only path moves the centre: %g, %g", x, y)
		}
		if z <= prev || z >= 9 {
			t.Errorf("zoom at %d/10 = %g, want between %g and 9", i, z, prev)
		}
		prev = z
	}
}

func TestZoomPathZoomsOutBetweenFarViews(t *testing.T) {
	// Two close-ups 0.1 of the world apart: the path rises well above
	// either end's zoom, so the move is seen from afar.
	p := newZoomPath(0.5, 0.4, 10, 0.6, 0.4, 10, 800)
	_, _, mid := p.at(0.5)
	if mid > 6 {
		t.Errorf("mid-flight zoom %g, want the path to zoom out below 6", mid)
	}
	x, _, _ := p.at(0.5)
	if math.Abs(x-0.55) > 1e-9 {
		t.Errorf("mid-flight centre x %g, want halfway 0.55 (symmetric path)", x)
	}
	prevX := 0.5
	for i := 1; i <= 10; i++ {
		x, _, _ := p.at(float64(i) / 10)
		if x < prevX {
			t.Errorf("centre goes back at %d/10: %g < %g", i, x, prevX)
		}
		prevX = x
	}
}

func TestEase(t *testing.T) {
	for _, c := range []struct{ t, want float64 }{{-1, 0}, {0, 0}, {0.5, 0.5}, {1, 1}, {2, 1}} {
		if got := ease(c.t); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("ease(%g) = %g, want %g", c.t, got, c.want)
		}
	}
	if ease(0.25) >= 0.25 || ease(0.75) <= 0.75 {
		t.Error("ease is not slow at the ends")
	}
}

func TestWinTweenStaysOnDays(t *testing.T) {
	w := winTween{from0: day("2024-01-01").Unix(), to0: day("2024-01-31").Unix(), from1: day("2024-03-01").Unix(), to1: day("2024-03-11").Unix()}
	for i := 0; i <= 10; i++ {
		f, to := w.at(float64(i) / 10)
		if f%86400 != 0 || to%86400 != 0 || to < f {
			t.Errorf("at %d/10: %d–%d is not whole days", i, f, to)
		}
	}
	if f, to := w.at(1); f != w.from1 || to != w.to1 {
		t.Errorf("end %d–%d, want the target", f, to)
	}
	if floorDay(-1) != -86400 || floorDay(86399) != 0 {
		t.Error("floorDay")
	}
}

// useFakeFlights makes u's transitions run on a fake clock, their frames
// on the test goroutine.
func useFakeFlights(u *mainUI) *fakeAnimClock {
	c := newFakeAnimClock()
	u.brief.fly.clock = c
	u.brief.fly.post = func(f func()) { f() }
	return c
}

// land runs the transition in flight to its end and settles the UI.
func land(u *mainUI, c *fakeAnimClock) {
	c.advance(flyDuration + 100*time.Millisecond)
	settle(u)
}

func TestFlightReachesTheExactTargetAndWindow(t *testing.T) {
	u, _ := newTestUI(t)
	c := useFakeFlights(u)
	m := u.mapP.m
	m.SetView(mapview.Viewport{CenterX: 0.69, CenterY: 0.40, Zoom: 5})
	from := m.View()
	to := mapview.Viewport{CenterX: 0.6987654321, CenterY: 0.4012345678, Zoom: 9.25}
	win := &winTween{from0: day("2019-01-01").Unix(), to0: day("2024-12-31").Unix(),
		from1: day("2024-03-21").Unix(), to1: day("2024-03-23").Unix()}
	landed := 0
	u.brief.fly.flyTo(to, win, func() { landed++ })

	c.advance(flyDuration / 2)
	settle(u)
	mid := m.View()
	if mid == from || mid == to {
		t.Fatalf("halfway the map is at %+v: not moving", mid)
	}
	if mid.CenterX <= from.CenterX || mid.CenterX >= to.CenterX {
		t.Errorf("halfway centre x %g is not between %g and %g", mid.CenterX, from.CenterX, to.CenterX)
	}
	if !u.st.filter.From.After(day("2019-01-01")) || !u.st.filter.From.Before(day("2024-03-21")) {
		t.Errorf("halfway the window starts %s: not interpolated", u.st.filter.From)
	}
	if landed != 0 {
		t.Error("done was told before the end")
	}

	land(u, c)
	if got := m.View(); got.CenterX != to.CenterX || got.CenterY != to.CenterY || got.Zoom != to.Zoom {
		t.Errorf("landed at %+v, want exactly %+v", got, to)
	}
	if landed != 1 {
		t.Errorf("done told %d times, want once", landed)
	}
	if f, l := windowDays(u); f != "2024-03-21" || l != "2024-03-23" {
		t.Errorf("window after the flight %s – %s", f, l)
	}
	// A flight replaced midway never tells its done.
	u.brief.fly.flyTo(from, nil, func() { landed += 10 })
	c.advance(flyDuration / 3)
	u.brief.fly.flyTo(to, nil, nil)
	land(u, c)
	if landed != 1 || m.View().CenterX != to.CenterX {
		t.Errorf("replaced flight: done count %d, map at %+v", landed, m.View())
	}
}
