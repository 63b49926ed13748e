package app

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"frontier/timeline"
)

// timelinePanel links the timeline to the shared state: its histogram
// shows what passes every filter but the time window, its brush is the
// time window, and selection and hover are shared with the map and the
// table. Changes that come from the state are set on the timeline without
// calling back into the state, so there is no feedback loop.
type timelinePanel struct {
	st      *state
	t       *timeline.Timeline
	colors  []color.RGBA
	player  *player
	bar     *playBar
	content fyne.CanvasObject
	// onFade is told, during playback, which events to fade by age.
	onFade func(from, to int64)

	// What the timeline was last given, to skip needless rebuilds (a
	// brush move changes the window, not the histogram).
	rows      []int32
	preferred []string
}

func newTimelinePanel(st *state, colors []color.RGBA, c clock) *timelinePanel {
	p := &timelinePanel{st: st, t: timeline.New(), colors: colors}
	p.t.SetPost(postToUI)
	p.t.OnWindow = func(from, to int64) {
		if from == 0 && to == 0 {
			st.setWindow(time.Time{}, time.Time{})
			return
		}
		st.setWindow(time.Unix(from, 0).UTC(), time.Unix(to, 0).UTC())
	}
	p.t.OnSelect = st.selectRow
	p.t.OnHoverBin = st.hoverSpan
	p.player = newPlayer(st, c, postToUI, p.step)
	p.player.onChange = func(from, to int64) {
		if p.onFade != nil {
			p.onFade(from, to)
		}
	}
	p.bar = newPlayBar(p.player)
	p.content = container.NewBorder(nil, p.bar.content, nil, nil, p.t)
	st.onChange(func(ch change) {
		switch ch {
		case changeView:
			p.sync()
		case changeSelection:
			p.t.SetSelected(st.selected)
		case changeHover:
			p.t.SetHovered(st.hovered)
		}
	})
	return p
}

// sync gives the timeline the snapshot's rows (when they changed) and the
// state's window.
func (p *timelinePanel) sync() {
	rows, pref := p.st.snap.untimed, p.st.filter.Actors
	if !sameRows(rows, p.rows) || !equalStrings(pref, p.preferred) {
		p.rows, p.preferred = rows, pref
		d := &timeline.Data{Index: p.st.ix, Rows: rows, Colors: p.colors, Preferred: p.st.ix.StringSet(pref)}
		p.t.SetData(d)
	}
	f := p.st.filter
	if f.From.IsZero() || f.To.IsZero() {
		p.t.SetWindow(0, 0)
	} else {
		p.t.SetWindow(f.From.Unix(), f.To.Unix())
	}
}

// step is the playback step: the bin boundary after (dir > 0) or before
// (dir < 0) t in the unit the timeline shows now.
func (p *timelinePanel) step(t int64, dir int) int64 {
	u := p.unit()
	if dir > 0 {
		return timeline.Next(timeline.Floor(t, u), u)
	}
	if f := timeline.Floor(t, u); f < t {
		return f
	}
	return timeline.Floor(t-1, u)
}

// unit is the bin unit of the timeline's current view.
func (p *timelinePanel) unit() timeline.Unit {
	v := p.t.View()
	w := float64(v.Width)
	if w <= 0 {
		w = 800
	}
	return timeline.ChooseUnit(v.End-v.Start, w)
}

// sameRows reports whether a and b are the same slice (snapshots are never
// modified, so the same backing array means the same rows).
func sameRows(a, b []int32) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
