package app

import (
	"math"
	"time"

	"fyne.io/fyne/v2"

	"frontier/mapview"
)

// animClock is a clock that also tells the time (realClock is one); tests
// inject a fake one so that a transition steps deterministically.
type animClock interface {
	clock
	Now() time.Time
}

// Transition timing.
const (
	// flyDuration is how long a transition between views takes.
	flyDuration = 800 * time.Millisecond
	// frameInterval is the time between animation frames (60 a second).
	frameInterval = time.Second / 60
	// windowInterval is the least time between two time-window updates
	// during a transition: each one refilters the events.
	windowInterval = 50 * time.Millisecond
)

// zoomPath is the smooth zoom-and-pan path of van Wijk and Nuij ("Smooth
// and efficient zooming and panning", 2003) between two views, with
// ρ = √2: far-apart views zoom out, pan and zoom in, so the screen moves
// at a steady perceived speed. Coordinates are normalised Web Mercator;
// widths are the view's width in those units.
type zoomPath struct {
	x0, y0, w0 float64
	dx, dy, d1 float64
	r0, s      float64
	// straight: the centres (nearly) coincide, only the zoom changes.
	straight bool
	width    float64 // the view's width in logical pixels
	x1, y1   float64
	z0, z1   float64
}

const (
	rho  = math.Sqrt2
	rho2 = 2.0
	rho4 = 4.0
)

// newZoomPath returns the path from (x0, y0) at zoom z0 to (x1, y1) at z1
// for a map width pixels wide.
func newZoomPath(x0, y0, z0, x1, y1, z1, width float64) zoomPath {
	if width <= 0 {
		width = 800
	}
	p := zoomPath{x0: x0, y0: y0, x1: x1, y1: y1, z0: z0, z1: z1, width: width}
	p.w0 = width / (mapview.TileSize * math.Exp2(z0))
	w1 := width / (mapview.TileSize * math.Exp2(z1))
	p.dx, p.dy = x1-x0, y1-y0
	d2 := p.dx*p.dx + p.dy*p.dy
	if d2 < 1e-24 {
		p.straight = true
		p.s = math.Log(w1/p.w0) / rho
		return p
	}
	p.d1 = math.Sqrt(d2)
	b0 := (w1*w1 - p.w0*p.w0 + rho4*d2) / (2 * p.w0 * rho2 * p.d1)
	b1 := (w1*w1 - p.w0*p.w0 - rho4*d2) / (2 * w1 * rho2 * p.d1)
	p.r0 = math.Log(math.Sqrt(b0*b0+1) - b0)
	r1 := math.Log(math.Sqrt(b1*b1+1) - b1)
	p.s = (r1 - p.r0) / rho
	return p
}

// at returns the centre and zoom at t in [0, 1]; at(0) and at(1) are the
// ends exactly.
func (p zoomPath) at(t float64) (x, y, z float64) {
	switch {
	case t <= 0:
		return p.x0, p.y0, p.z0
	case t >= 1:
		return p.x1, p.y1, p.z1
	}
	var w float64
	if p.straight {
		x, y = p.x0+t*p.dx, p.y0+t*p.dy
		w = p.w0 * math.Exp(rho*t*p.s)
	} else {
		s := t * p.s
		cr0 := math.Cosh(p.r0)
		u := p.w0 / (rho2 * p.d1) * (cr0*math.Tanh(rho*s+p.r0) - math.Sinh(p.r0))
		x, y = p.x0+u*p.dx, p.y0+u*p.dy
		w = p.w0 * cr0 / math.Cosh(rho*s+p.r0)
	}
	z = math.Log2(p.width / (mapview.TileSize * w))
	if math.IsNaN(z) || math.IsInf(z, 0) {
		z = p.z0 + t*(p.z1-p.z0)
	}
	return x, y, z
}

// ease is the cubic ease-in-out of t in [0, 1].
func ease(t float64) float64 {
	t = min(max(t, 0), 1)
	if t < 0.5 {
		return 4 * t * t * t
	}
	f := -2*t + 2
	return 1 - f*f*f/2
}

// winTween interpolates the time window (Unix seconds, inclusive days)
// from [from0, to0] to [from1, to1].
type winTween struct{ from0, to0, from1, to1 int64 }

// at is the window at eased progress e, each end on a day start.
func (w winTween) at(e float64) (from, to int64) {
	lerp := func(a, b int64) int64 { return a + int64(math.Round(float64(b-a)*e)) }
	from, to = floorDay(lerp(w.from0, w.from1)), floorDay(lerp(w.to0, w.to1))
	return from, max(to, from)
}

// floorDay is the start of t's UTC day.
func floorDay(t int64) int64 { return utcDay(time.Unix(t, 0)).Unix() }

// flyer animates the map from where it is to a target viewport, and the
// time window with it: the frames come from an injectable clock and run
// on the UI goroutine through post. A new flight replaces the running one
// from wherever the map is.
type flyer struct {
	m     viewSetter
	st    *state
	clock animClock
	post  func(func())
	dur   time.Duration

	gen     uint64
	flying  bool
	path    zoomPath
	target  mapview.Viewport
	win     *winTween
	lastWin [2]int64
	winAt   time.Time // when the window was last set
	start   time.Time
	done    func()
	// onFrame is told after every frame (overlays that follow the map).
	onFrame func()
}

// viewSetter is the part of the map a flight drives.
type viewSetter interface {
	View() mapview.Viewport
	SetView(mapview.Viewport)
	Size() fyne.Size
}

func newFlyer(m viewSetter, st *state, c animClock, post func(func())) *flyer {
	return &flyer{m: m, st: st, clock: c, post: post, dur: flyDuration, onFrame: func() {}}
}

// flyTo starts a flight to the centre and zoom of to, interpolating the
// time window by win (nil: the window stays), and calls done (when not
// nil) once the map is exactly at to — unless another flight or stop
// comes first.
func (f *flyer) flyTo(to mapview.Viewport, win *winTween, done func()) {
	f.gen++
	from := f.m.View()
	to = to.Clamp()
	f.path = newZoomPath(from.CenterX, from.CenterY, from.Zoom, to.CenterX, to.CenterY, to.Zoom, float64(f.m.Size().Width))
	f.target, f.win, f.done = to, win, done
	f.lastWin = [2]int64{math.MinInt64, math.MinInt64}
	f.winAt = time.Time{}
	f.start = f.clock.Now()
	f.flying = true
	if f.dur <= 0 {
		f.finish()
		return
	}
	f.schedule()
}

// retarget sends the flight in progress to to instead, from where the map
// is now (the stage was resized); with none in progress the map moves
// there at once.
func (f *flyer) retarget(to mapview.Viewport) {
	to = to.Clamp()
	if !f.flying {
		f.m.SetView(to)
		f.onFrame()
		return
	}
	from := f.m.View()
	f.path = newZoomPath(from.CenterX, from.CenterY, from.Zoom, to.CenterX, to.CenterY, to.Zoom, float64(f.m.Size().Width))
	f.target = to
	f.start = f.clock.Now()
}

// stop abandons the flight where it is; done is not called.
func (f *flyer) stop() {
	f.gen++
	f.flying = false
}

func (f *flyer) schedule() {
	gen := f.gen
	f.clock.AfterFunc(frameInterval, func() {
		if f.st.closed.Load() {
			return
		}
		f.post(func() {
			if gen == f.gen && f.flying && !f.st.closed.Load() {
				f.frame()
			}
		})
	})
}

// frame draws the flight at the clock's time and schedules the next one.
func (f *flyer) frame() {
	now := f.clock.Now()
	t := float64(now.Sub(f.start)) / float64(f.dur)
	if t >= 1 {
		f.finish()
		return
	}
	e := ease(t)
	x, y, z := f.path.at(e)
	f.m.SetView(mapview.Viewport{CenterX: x, CenterY: y, Zoom: z})
	if f.win != nil && (f.winAt.IsZero() || now.Sub(f.winAt) >= windowInterval) {
		f.setWindow(f.win.at(e))
		f.winAt = now
	}
	f.onFrame()
	f.schedule()
}

// setWindow moves the state's window when a day boundary was crossed.
func (f *flyer) setWindow(from, to int64) {
	if f.lastWin == [2]int64{from, to} {
		return
	}
	f.lastWin = [2]int64{from, to}
	f.st.setWindow(time.Unix(from, 0).UTC(), time.Unix(to, 0).UTC())
}

// finish puts the map exactly on the target and calls done.
func (f *flyer) finish() {
	f.gen++
	f.flying = false
	f.m.SetView(f.target)
	if f.win != nil {
		f.setWindow(f.win.at(1))
	}
	f.onFrame()
	if done := f.done; done != nil {
		f.done = nil
		done()
	}
}
