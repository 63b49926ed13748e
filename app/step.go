package app

import (
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Step-through settings.
const (
	// trailLen is how many earlier steps stay on the map as a trail.
	trailLen = 6
	// stepZoom is the zoom a step flies to when the map is further out
	// than stepMinZoom; closer in, the zoom is kept.
	stepZoom    = 10.0
	stepMinZoom = 7.0
	// The autoplay interval's limits and default.
	minStepInterval     = time.Second
	maxStepInterval     = 30 * time.Second
	defaultStepInterval = 5 * time.Second
)

// stepper is the step-through for training: it walks the events that
// pass the filter in time order, one at a time, on the stage. Each step
// flies to the event, selects it and shows a large card of its fields;
// the steps before it stay on the map as a fading trail. → ↓ PageDown
// space next, ← ↑ PageUp previous, Home/End the first/last, P autoplay
// (+/− change its interval), Esc leaves.
type stepper struct {
	b      *briefing
	active bool
	// rows are the filtered events in time order, taken when the walk
	// started; i is the current step.
	rows  []int32
	i     int
	first int     // the earliest step of this walk (where it started, or before)
	trail []int32 // the steps of this walk before i, oldest first (at most trailLen)

	playing  bool
	interval time.Duration
	clock    clock
	post     func(func())
	stop     func() bool
	tickGen  uint64

	card       *stepCard
	trailLayer *trailLayer
	play       *widget.Button
	slider     *widget.Slider
	every      *widget.Label
	over       fyne.CanvasObject
	cardGen    uint64
}

func newStepper(b *briefing, c clock) *stepper {
	s := &stepper{b: b, clock: c, post: postToUI, interval: defaultStepInterval}
	s.card = newStepCard()
	s.trailLayer = newTrailLayer(s)
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { s.goTo(s.i - 1); b.stage.focus() })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { s.goTo(s.i + 1); b.stage.focus() })
	s.play = widget.NewButtonWithIcon("Autoplay", theme.MediaPlayIcon(), func() { s.toggle(); b.stage.focus() })
	exit := widget.NewButtonWithIcon("", theme.CancelIcon(), s.exit)
	for _, btn := range []*widget.Button{prev, next, s.play, exit} {
		btn.Importance = widget.LowImportance
	}
	s.every = widget.NewLabel("")
	s.slider = widget.NewSlider(minStepInterval.Seconds(), maxStepInterval.Seconds())
	s.slider.Step = 1
	s.slider.SetValue(defaultStepInterval.Seconds())
	s.slider.OnChanged = func(v float64) { s.setInterval(time.Duration(v) * time.Second) }
	s.slider.OnChangeEnded = func(float64) { b.stage.focus() }
	sliderBox := container.New(&fixedWidth{w: 180}, s.slider)
	controls := container.NewHBox(prev, s.play, next, sliderBox, s.every, exit)
	s.setInterval(defaultStepInterval)
	cardPin := pinned(s.card.content, &pinLayout{at: topLeft, dx: 24, dy: 24, width: func(w float32) float32 { return min(w*0.38, 640) }})
	ctlPin := pinned(card(controls), &pinLayout{at: bottomCenter, dy: 40})
	s.over = container.NewThemeOverride(container.NewStack(cardPin, ctlPin), presentTheme{scale: presentScale})
	return s
}

// stepThrough starts the step-through at index row from (−1: at the
// selected event, else the first).
func (b *briefing) stepThrough(from int) {
	rows := slices.Clone(b.u.st.snap.result.Rows)
	if len(rows) == 0 {
		dialog.ShowInformation("Step through events", "No events pass the filter.", b.u.win)
		return
	}
	if from < 0 {
		from = b.u.st.selected
	}
	i := max(searchRow(rows, int32(from)), 0)
	if b.pres.active {
		b.pres.exit()
	}
	s := b.step
	s.rows, s.active, s.first = rows, true, i
	b.stage.enter(s.trailLayer.content, s.over, s.key, s.typed, s.exited)
	s.goTo(i)
}

// goTo makes event i of the walk (clamped) the current step.
func (s *stepper) goTo(i int) {
	if !s.active || len(s.rows) == 0 {
		return
	}
	i = min(max(i, 0), len(s.rows)-1)
	s.i = i
	s.first = min(s.first, i)
	s.trail = slices.Clone(s.rows[max(s.first, i-trailLen):i])
	row := s.rows[i]
	u := s.b.u
	u.st.selectRow(int(row))
	z := u.mapP.m.View().Zoom
	if z < stepMinZoom {
		z = stepZoom
	}
	s.b.fly.flyTo(viewportAt(u.st.ix.X[row], u.st.ix.Y[row], z), nil, nil)
	s.loadCard(row)
	s.trailLayer.rebuild()
	if s.playing {
		s.schedule()
	}
}

// loadCard reads the event of row (off the UI goroutine) into the card.
func (s *stepper) loadCard(row int32) {
	s.cardGen++
	gen := s.cardGen
	ix := s.b.u.st.ix
	pos, n := s.i+1, len(s.rows)
	s.card.loading(fmt.Sprintf("Step %d of %d", pos, n))
	s.b.u.st.spawn(func() func() {
		e, err := ix.Event(int(row))
		return func() {
			if gen == s.cardGen {
				s.card.show(ix, int(row), pos, n, e, err)
			}
		}
	})
}

// key steps through the events (see stepKey).
func (s *stepper) key(ev *fyne.KeyEvent) { stepKey(ev.Name, s.i, len(s.rows), s.goTo, s.exit) }

// typed handles P (autoplay on/off) and +/− (its interval).
func (s *stepper) typed(r rune) {
	switch r {
	case 'p', 'P':
		s.toggle()
	case '+', '=', ']':
		s.setInterval(s.interval + time.Second)
	case '-', '_', '[':
		s.setInterval(s.interval - time.Second)
	}
}

// toggle starts or pauses autoplay.
func (s *stepper) toggle() {
	if s.playing {
		s.pause()
		return
	}
	if s.i >= len(s.rows)-1 {
		s.goTo(0) // at the end: play from the start
	}
	s.playing = true
	s.schedule()
	s.refreshPlay()
}

// pause stops autoplay.
func (s *stepper) pause() {
	s.playing = false
	s.tickGen++
	if s.stop != nil {
		s.stop()
		s.stop = nil
	}
	s.refreshPlay()
}

// setInterval sets the autoplay interval, clamped to 1–30 s.
func (s *stepper) setInterval(d time.Duration) {
	d = min(max(d.Round(time.Second), minStepInterval), maxStepInterval)
	s.interval = d
	s.every.SetText(fmt.Sprintf("every %d s", int(d.Seconds())))
	if s.slider.Value != d.Seconds() {
		on := s.slider.OnChanged
		s.slider.OnChanged = nil
		s.slider.SetValue(d.Seconds())
		s.slider.OnChanged = on
	}
	if s.playing {
		s.schedule()
	}
}

func (s *stepper) refreshPlay() {
	if s.playing {
		s.play.SetText("Pause")
		s.play.SetIcon(theme.MediaPauseIcon())
	} else {
		s.play.SetText("Autoplay")
		s.play.SetIcon(theme.MediaPlayIcon())
	}
}

// schedule (re)starts the wait for the next autoplay step.
func (s *stepper) schedule() {
	if s.stop != nil {
		s.stop()
	}
	s.tickGen++
	gen := s.tickGen
	s.stop = s.clock.AfterFunc(s.interval, func() {
		if s.b.u.st.closed.Load() {
			return
		}
		s.post(func() {
			if s.playing && gen == s.tickGen && !s.b.u.st.closed.Load() {
				s.tick()
			}
		})
	})
}

// tick is one autoplay step; autoplay stops at the last event.
func (s *stepper) tick() {
	if s.i >= len(s.rows)-1 {
		s.pause()
		return
	}
	s.goTo(s.i + 1)
}

// exit leaves the step-through.
func (s *stepper) exit() {
	if s.active {
		s.b.stage.exit()
	}
}

// exited is told when the stage is left.
func (s *stepper) exited() {
	s.active = false
	s.pause()
	s.trail = nil
	s.cardGen++
}

// stateChanged follows the state while stepping (nothing yet: the walk
// keeps the events it started with).
func (s *stepper) stateChanged() {}

// fixedWidth gives its one object a fixed width and its own height.
type fixedWidth struct{ w float32 }

func (l *fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(fyne.NewSize(l.w, size.Height))
	}
}

func (l *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.w, h)
}
