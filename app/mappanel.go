package app

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"frontier/mapview"
	"frontier/mapview/basemap"
)

// mapPanel is the map with the bar above it that shows an area filter
// drawn by shift-drag. It links the map to the shared state: the filter
// result becomes the map's events, a tap selects, a box filters.
type mapPanel struct {
	st      *state
	m       *mapview.Map
	colors  []color.RGBA // actor colours by string ID, computed once
	halos   bool
	area    *widget.Label
	areaBar *fyne.Container
	content fyne.CanvasObject
}

func newMapPanel(st *state, base *basemap.Basemap) *mapPanel {
	p := &mapPanel{st: st, m: mapview.NewMap(base), colors: mapview.ActorColors(st.ix)}
	p.m.SetPost(postToUI) // frames reach the UI as the state's results do
	p.m.SetAttribution(mapview.Credit)
	p.m.OnSelect = st.selectRow
	p.m.OnBoxSelect = func(b orb.Bound) { p.setArea(&b) }
	p.area = widget.NewLabel("")
	clear := widget.NewButtonWithIcon("Clear area", theme.ContentClearIcon(), func() { p.setArea(nil) })
	clear.Importance = widget.LowImportance
	p.areaBar = container.NewHBox(widget.NewIcon(theme.SearchIcon()), p.area, clear)
	p.areaBar.Hide()
	p.content = container.NewBorder(p.areaBar, nil, nil, nil, p.m)
	st.onChange(func(c change) {
		switch c {
		case changeView:
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
	sc := &mapview.Scene{Index: ix, Rows: p.st.snap.result.Rows, Colors: p.colors, Halos: p.halos, Selected: -1, Hovered: -1}
	if names := p.st.filter.Actors; len(names) > 0 {
		sc.Preferred = make([]bool, len(ix.Strings))
		for _, n := range names {
			if id, ok := ix.StringID(n); ok {
				sc.Preferred[id] = true
			}
		}
	}
	return sc
}

// setArea sets (nil clears) the spatial filter drawn on the map.
func (p *mapPanel) setArea(b *orb.Bound) {
	if b == nil {
		p.areaBar.Hide()
	} else {
		p.area.SetText("Area filter: " + boundText(*b))
		p.areaBar.Show()
	}
	p.content.Refresh()
	p.st.setBBox(b)
}

// setHalos turns precision halos on or off.
func (p *mapPanel) setHalos(on bool) {
	p.halos = on
	p.m.SetScene(p.scene())
}

// boundText writes a bound as "33.50–34.20° N, 70.10–71.90° E".
func boundText(b orb.Bound) string {
	return fmt.Sprintf("%s – %s", lonLatText(b.Min), lonLatText(b.Max))
}

func lonLatText(p orb.Point) string {
	ns, ew := "N", "E"
	lat, lon := p.Lat(), p.Lon()
	if lat < 0 {
		ns, lat = "S", -lat
	}
	if lon < 0 {
		ew, lon = "W", -lon
	}
	return fmt.Sprintf("%.3f° %s %.3f° %s", lat, ns, lon, ew)
}
