package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// speeds are the playback speeds offered, in steps per second: slow for a
// class, fast for a scan.
var speeds = []struct {
	label string
	v     float64
}{{"0.5 steps/s", 0.5}, {"1 step/s", 1}, {"2 steps/s", 2}, {"5 steps/s", 5}, {"10 steps/s", 10}}

// playBar is the row of playback controls under the timeline.
type playBar struct {
	p       *player
	play    *widget.Button
	speed   *widget.Select
	mode    *widget.Select
	loop    *widget.Check
	content fyne.CanvasObject
}

func newPlayBar(p *player) *playBar {
	b := &playBar{p: p}
	b.play = widget.NewButtonWithIcon("Play", theme.MediaPlayIcon(), func() { p.toggle(); b.refresh() })
	b.play.Importance = widget.HighImportance
	prevBin := widget.NewButtonWithIcon("", theme.MediaSkipPreviousIcon(), func() { p.stepBins(-1) })
	nextBin := widget.NewButtonWithIcon("", theme.MediaSkipNextIcon(), func() { p.stepBins(1) })
	prevEv := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { p.stepEvent(-1) })
	nextEv := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { p.stepEvent(1) })
	var labels []string
	for _, s := range speeds {
		labels = append(labels, s.label)
	}
	b.speed = widget.NewSelect(labels, func(l string) {
		for _, s := range speeds {
			if s.label == l {
				p.setSpeed(s.v)
			}
		}
	})
	b.speed.SetSelected("2 steps/s")
	b.mode = widget.NewSelect([]string{"Moving window", "Cumulative"}, func(l string) {
		p.mode = playMoving
		if l == "Cumulative" {
			p.mode = playCumulative
		}
	})
	b.mode.SetSelected("Moving window")
	b.loop = widget.NewCheck("Loop", func(on bool) { p.loop = on })
	b.content = container.NewHBox(prevBin, prevEv, b.play, nextEv, nextBin, b.speed, b.mode, b.loop)
	prev := p.onChange
	p.onChange = func(a, c int64) {
		prev(a, c)
		b.refresh()
	}
	return b
}

// refresh shows Play or Pause.
func (b *playBar) refresh() {
	if b.p.playing {
		b.play.SetText("Pause")
		b.play.SetIcon(theme.MediaPauseIcon())
	} else {
		b.play.SetText("Play")
		b.play.SetIcon(theme.MediaPlayIcon())
	}
}

// playKey handles the playback keys when no widget has the keyboard:
// space plays or pauses, ←/→ step through events, Shift+←/→ through bins.
func (b *playBar) playKey(ev *fyne.KeyEvent) {
	shift := false
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		shift = d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
	}
	switch ev.Name {
	case fyne.KeySpace:
		b.p.toggle()
		b.refresh()
	case fyne.KeyLeft:
		if shift {
			b.p.stepBins(-1)
		} else {
			b.p.stepEvent(-1)
		}
	case fyne.KeyRight:
		if shift {
			b.p.stepBins(1)
		} else {
			b.p.stepEvent(1)
		}
	}
}
