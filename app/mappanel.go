package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"github.com/paulmach/orb"

	"frontier/mapview"
	"frontier/mapview/basemap"
)

// mapPanel links the map to the shared state: the filter result becomes
// the map's events, a tap selects, a shift-drag box becomes the area
// filter (shown, with the others, as a chip above the map).
type mapPanel struct {
	st     *state
	m      *mapview.Map
	colors []color.RGBA // actor colours by string ID, computed once
	halos  bool
	// fadeFrom and fadeTo fade events by age during playback.
	fadeFrom, fadeTo int64
	// holder is the content: it holds the map except while a
	// presentation shows the map on its own stage.
	holder  *fyne.Container
	content fyne.CanvasObject
}

func newMapPanel(st *state, base *basemap.Basemap) *mapPanel {
	p := &mapPanel{st: st, m: mapview.NewMap(base), colors: mapview.ActorColors(st.ix)}
	p.m.SetPost(postToUI) // frames reach the UI as the state's results do
	p.m.SetAttribution(mapview.Credit)
	p.m.OnSelect = st.selectRow
	p.m.OnBoxSelect = func(b orb.Bound) { p.setArea(&b) }
	p.holder = container.NewStack(p.m)
	p.content = p.holder
	st.onChange(func(c change) {
		switch c {
		case changeView, changeHoverSpan:
			p.m.SetScene(p.scene())
		case changeSelection:
			p.m.SetSelected(st.selected)
		}
	})
	return p
}

// scene is the map's view of the current snapshot.
func (p *mapPanel) scene() *mapview.Scene {
	ix := p.st.ix
	sc := &mapview.Scene{
		Index: ix, Rows: p.st.snap.result.Rows, Colors: p.colors, Halos: p.halos,
		Preferred: ix.StringSet(p.st.filter.Actors),
		Selected:  -1, Hovered: -1, FadeFrom: p.fadeFrom, FadeTo: p.fadeTo,
		EmphasisFrom: p.st.hoverFrom, EmphasisTo: p.st.hoverTo,
	}
	return sc
}

// setArea sets (nil clears) the spatial filter drawn on the map.
func (p *mapPanel) setArea(b *orb.Bound) { p.st.setBBox(b) }

// setFade fades events by age from fadeFrom to fadeTo (equal: no fading).
//
// During playback every step also moves the time window, and the scene is
// rebuilt when that step's events arrive (changeView), so the new fade is
// never drawn over the old step's events. Only turning fading off redraws
// at once.
func (p *mapPanel) setFade(from, to int64) {
	if from == p.fadeFrom && to == p.fadeTo {
		return
	}
	p.fadeFrom, p.fadeTo = from, to
	if from == to {
		p.m.SetScene(p.scene())
	}
}

// setHalos turns precision halos on or off.
func (p *mapPanel) setHalos(on bool) {
	p.halos = on
	p.m.SetScene(p.scene())
}

// detachMap takes the map out of the main layout (for a presentation
// stage) and returns it.
func (p *mapPanel) detachMap() *mapview.Map {
	p.holder.Remove(p.m)
	return p.m
}

// attachMap puts the map back into the main layout.
func (p *mapPanel) attachMap() {
	if len(p.holder.Objects) == 0 {
		p.holder.Add(p.m)
	}
}
