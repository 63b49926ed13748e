package app

import (
	stdcmp "cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"frontier/data"
	"frontier/data/gazetteer"
	"frontier/mapview"
)

// Place search tuning.
const (
	// maxPlaceHits bounds each kind of hit the list shows.
	maxPlaceHits = 8
	// placeListWidth is the width of the list of hits.
	placeListWidth = 380
)

// The kinds of place search hit.
type hitKind uint8

const (
	hitPlace    hitKind = iota // a gazetteer place
	hitLocation                // the location name of events
	hitDistrict                // the province or district of events
)

// placeHit is one entry of the place search's list.
type placeHit struct {
	kind   hitKind
	title  string
	detail string
	exact  bool
	locs   []uint32  // the events' location names (string IDs) it stands for
	count  int       // how many events are there
	rank   int       // how closely it matched (0 exact)
	bounds orb.Bound // where a gazetteer place is
}

// placeSearch is the search box above the map. It finds gazetteer places
// by any of their names (alternate, Urdu, Pashto and Dari spellings too)
// and the events' own places: their location names and, read from one
// event of each location, their districts and provinces — "Bajaur" finds
// the events in Bajaur although the gazetteer has no place of that name.
// The hits show in a list under the box; Enter flies the map to the
// highlighted hit (the first, unless ↑/↓ moved), a click to any.
type placeSearch struct {
	u       *mainUI
	entry   *searchEntry
	list    *widget.List
	panel   *fyne.Container // the list on its background
	layer   *fyne.Container // stacked over the map; holds panel
	content fyne.CanvasObject
	hits    []placeHit
	current int // the highlighted hit

	names  *locationNames // the index's location names, made on first use
	places *eventPlaces   // nil until loaded
	// loading is set while a worker reads the events' districts.
	loading bool
	flown   string // what the last fly went to (tests read it)
}

// searchEntry is the search box: ↑/↓ move through the hits, Enter flies,
// Escape closes the list.
type searchEntry struct {
	widget.Entry
	p *placeSearch
}

// TypedKey handles the list's keys before the entry's own.
func (e *searchEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyDown:
		e.p.move(1)
	case fyne.KeyUp:
		e.p.move(-1)
	case fyne.KeyEscape:
		e.p.close()
	default:
		e.Entry.TypedKey(ev)
	}
}

func newPlaceSearch(u *mainUI) *placeSearch {
	p := &placeSearch{u: u}
	p.entry = &searchEntry{p: p}
	p.entry.ExtendBaseWidget(p.entry)
	p.entry.SetPlaceHolder("Find a place (Ctrl+L)")
	p.entry.ActionItem = widget.NewIcon(theme.SearchIcon())
	p.entry.OnChanged = func(string) { p.search() }
	p.entry.OnSubmitted = func(string) { p.flyCurrent() }
	p.list = widget.NewList(func() int { return len(p.hits) },
		func() fyne.CanvasObject {
			title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			title.Truncation = fyne.TextTruncateEllipsis
			detail := widget.NewLabel("")
			detail.SizeName = theme.SizeNameCaptionText
			detail.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(title, detail)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(p.hits) {
				return
			}
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(p.hits[i].title)
			c.Objects[1].(*widget.Label).SetText(p.hits[i].detail)
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		if i < len(p.hits) {
			p.current = i
			p.fly(p.hits[i])
		}
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameShadow)
	bg.StrokeWidth = 1
	bg.CornerRadius = 4
	p.panel = container.NewStack(bg, p.list)
	p.panel.Hide()
	p.layer = container.New(&topRightLayout{width: placeListWidth}, p.panel)
	p.content = container.New(&fixedWidthLayout{width: 300}, p.entry)
	return p
}

// focus puts the keyboard in the search box (Ctrl+L).
func (p *placeSearch) focus() { p.u.win.Canvas().Focus(p.entry) }

// search lists the hits of what is typed.
func (p *placeSearch) search() {
	q := strings.TrimSpace(p.entry.Text)
	if q == "" {
		p.close()
		return
	}
	if p.names == nil {
		p.names = newLocationNames(p.u.st.ix)
	}
	if p.places == nil {
		p.loadPlaces()
	}
	p.hits = findPlaces(q, p.u.st.ix, p.names, p.places)
	p.current = 0
	p.list.UnselectAll()
	p.list.Refresh()
	if len(p.hits) == 0 {
		p.panel.Hide()
		return
	}
	n := min(len(p.hits), 8)
	p.layer.Layout.(*topRightLayout).height = float32(n)*p.rowHeight() + 4
	p.layer.Refresh()
	p.panel.Show()
	p.list.ScrollToTop()
}

// rowHeight is the height of one list row.
func (p *placeSearch) rowHeight() float32 {
	return p.list.CreateItem().MinSize().Height + theme.Padding()
}

// close hides the list of hits.
func (p *placeSearch) close() { p.panel.Hide() }

// move highlights the next (d 1) or previous (d -1) hit.
func (p *placeSearch) move(d int) {
	if len(p.hits) == 0 {
		return
	}
	p.current = (p.current + d + len(p.hits)) % len(p.hits)
	p.list.ScrollTo(p.current)
	p.list.Select(p.current) // flies there too
}

// flyCurrent flies to the highlighted hit (Enter).
func (p *placeSearch) flyCurrent() {
	if p.current < len(p.hits) {
		p.fly(p.hits[p.current])
	}
}

// fly frames the hit on the map.
func (p *placeSearch) fly(h placeHit) {
	m := p.u.mapP.m
	sz := m.Size()
	w, hgt := max(1, int(sz.Width)), max(1, int(sz.Height))
	if sz.Width < 2 {
		w, hgt = 800, 600
	}
	b := h.bounds
	maxZoom := 11.0
	if h.kind != hitPlace {
		b = rowBounds(p.u.st.ix, locationRows(p.u.st.ix, h.locs))
		maxZoom = 12
	}
	m.SetView(mapview.FitBound(b, w, hgt, 1, 60, maxZoom))
	p.u.st.view = m.View()
	p.flown = h.title
	p.u.status.SetText("Map at " + h.title)
	p.close()
}

// loadPlaces reads the districts and provinces of the events' locations
// on a worker (one event per location); search runs again when they are
// in.
func (p *placeSearch) loadPlaces() {
	if p.loading {
		return
	}
	p.loading = true
	ix := p.u.st.ix
	p.u.st.spawn(func() func() {
		ep := loadEventPlaces(ix)
		return func() {
			p.loading = false
			p.places = ep
			if strings.TrimSpace(p.entry.Text) != "" {
				p.search()
			}
		}
	})
}

// eventPlaces maps the events' province and district names to the
// location names (string IDs) of the events there.
type eventPlaces struct {
	admin map[string]*adminPlace // by name as written
}

// adminPlace is a province or district with its locations.
type adminPlace struct {
	name, level, parent string
	locs                []uint32
}

// loadEventPlaces reads one event of each distinct location of ix.
func loadEventPlaces(ix *data.Index) *eventPlaces {
	ep := &eventPlaces{admin: map[string]*adminPlace{}}
	first := map[uint32]int32{}
	for i, l := range ix.Location {
		if _, ok := first[l]; !ok && l != 0 {
			first[l] = int32(i)
		}
	}
	rows := make([]int32, 0, len(first))
	for _, r := range first {
		rows = append(rows, r)
	}
	slices.Sort(rows)
	k := 0
	add := func(name, level, parent string, loc uint32) {
		name = strings.TrimSpace(name)
		if name == "" {
			return
		}
		a := ep.admin[name+"\x00"+level]
		if a == nil {
			a = &adminPlace{name: name, level: level, parent: parent}
			ep.admin[name+"\x00"+level] = a
		}
		if !slices.Contains(a.locs, loc) {
			a.locs = append(a.locs, loc)
		}
	}
	_ = ix.EachEvent(rows, func(e *data.Event) error {
		loc := ix.Location[rows[k]]
		k++
		add(e.Admin2, "district", strings.TrimSpace(strings.Join(nonEmpty(e.Admin1, e.Country), ", ")), loc)
		add(e.Admin1, "province", e.Country, loc)
		return nil
	})
	return ep
}

// nonEmpty returns the non-empty strings of ss.
func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// nameMatch says how a folded name matches the folded query: 0 exact,
// 1 prefix, 2 a later word starts with it, -1 not at all.
func nameMatch(name, q string) int {
	switch {
	case name == q:
		return 0
	case strings.HasPrefix(name, q):
		return 1
	case strings.Contains(name, " "+q):
		return 2
	}
	return -1
}

// locationNames are an index's location names, folded for matching,
// with their event counts.
type locationNames struct {
	ids    []uint32
	folded []string
	count  map[uint32]int
}

// newLocationNames lists the location names of ix's events.
func newLocationNames(ix *data.Index) *locationNames {
	ln := &locationNames{count: map[uint32]int{}}
	for _, l := range ix.Location {
		if l != 0 {
			ln.count[l]++
		}
	}
	for id := range ln.count {
		ln.ids = append(ln.ids, id)
	}
	slices.Sort(ln.ids)
	ln.folded = make([]string, len(ln.ids))
	for i, id := range ln.ids {
		ln.folded[i] = gazetteer.Fold(ix.Strings[id])
	}
	return ln
}

// findPlaces returns the hits of q: exact matches first, then gazetteer
// places (closest, most populous first), then event locations and
// districts (closest, most events first).
func findPlaces(q string, ix *data.Index, ln *locationNames, ep *eventPlaces) []placeHit {
	fq := gazetteer.Fold(q)
	if fq == "" {
		return nil
	}
	var hits []placeHit
	if g, err := gazetteer.Load(); err == nil {
		for i, m := range g.Search(q, maxPlaceHits) {
			pl := m.Place
			detail := strings.Join(nonEmpty(pl.Admin1, countryName(pl.Country)), ", ")
			if m.Name != pl.Name {
				detail = "“" + m.Name + "” · " + detail
			}
			if pl.Population > 0 {
				detail += " · pop. " + groupDigits(pl.Population)
			}
			hits = append(hits, placeHit{kind: hitPlace, title: pl.Name, detail: detail, exact: m.Kind == gazetteer.Exact,
				rank: i, bounds: orb.Bound{Min: orb.Point{pl.Lon - 0.04, pl.Lat - 0.04}, Max: orb.Point{pl.Lon + 0.04, pl.Lat + 0.04}}})
		}
	}
	var evHits []placeHit
	for i, f := range ln.folded {
		if k := nameMatch(f, fq); k >= 0 {
			id := ln.ids[i]
			n := ln.count[id]
			evHits = append(evHits, placeHit{kind: hitLocation, title: ix.Strings[id],
				detail: "events' location · " + eventCount(n), exact: k == 0, locs: []uint32{id}, count: n, rank: k})
		}
	}
	if ep != nil {
		for _, a := range ep.admin {
			k := nameMatch(gazetteer.Fold(a.name), fq)
			if k < 0 {
				continue
			}
			n := 0
			for _, l := range a.locs {
				n += ln.count[l]
			}
			detail := a.level
			if a.parent != "" {
				detail += ", " + a.parent
			}
			detail += fmt.Sprintf(" · %s at %d places", eventCount(n), len(a.locs))
			evHits = append(evHits, placeHit{kind: hitDistrict, title: a.name, detail: detail, exact: k == 0,
				locs: a.locs, count: n, rank: k})
		}
	}
	slices.SortFunc(evHits, func(a, b placeHit) int {
		return stdcmp.Or(stdcmp.Compare(a.rank, b.rank), stdcmp.Compare(b.count, a.count), stdcmp.Compare(a.kind, b.kind), strings.Compare(a.title, b.title))
	})
	if len(evHits) > maxPlaceHits {
		evHits = evHits[:maxPlaceHits]
	}
	hits = append(hits, evHits...)
	// Exact matches first, each kind keeping its order: the events'
	// places before gazetteer places of the same name come after these
	// only when the gazetteer's match is exact too.
	slices.SortStableFunc(hits, func(a, b placeHit) int {
		if a.exact != b.exact {
			if a.exact {
				return -1
			}
			return 1
		}
		return 0
	})
	return hits
}

// locationRows returns the rows of ix whose location is one of locs.
func locationRows(ix *data.Index, locs []uint32) []int32 {
	var rows []int32
	for i, l := range ix.Location {
		if slices.Contains(locs, l) {
			rows = append(rows, int32(i))
		}
	}
	return rows
}

// eventCount is "1 event" or "N events".
func eventCount(n int) string {
	if n == 1 {
		return "1 event"
	}
	return groupDigits(int64(n)) + " events"
}

// rowBounds is the lon/lat extent of rows.
func rowBounds(ix *data.Index, rows []int32) orb.Bound {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, r := range rows {
		minX, maxX = math.Min(minX, ix.X[r]), math.Max(maxX, ix.X[r])
		minY, maxY = math.Min(minY, ix.Y[r]), math.Max(maxY, ix.Y[r])
	}
	lon0, lat1 := data.InverseMercator(minX, minY)
	lon1, lat0 := data.InverseMercator(maxX, maxY)
	const pad = 0.05 // degrees, so that one place is not framed at a point
	return orb.Bound{Min: orb.Point{lon0 - pad, lat0 - pad}, Max: orb.Point{lon1 + pad, lat1 + pad}}
}

// nearestPlace returns the gazetteer place nearest to lon, lat.
func nearestPlace(lon, lat float64) (gazetteer.Nearby, bool) {
	g, err := gazetteer.Load()
	if err != nil {
		return gazetteer.Nearby{}, false
	}
	return g.Nearest(lon, lat)
}

var (
	countriesOnce sync.Once
	countryNames  map[string]string
)

// countryName names the country of an ISO alpha-2 code as the gazetteer
// does ("PK" → "Pakistan"); the code itself when unknown.
func countryName(code string) string {
	countriesOnce.Do(func() {
		countryNames = map[string]string{}
		if _, cs, err := gazetteer.Decode(gazetteer.Asset()); err == nil {
			for _, c := range cs {
				countryNames[c.ISO2] = c.Name
			}
		}
	})
	if n := countryNames[code]; n != "" {
		return n
	}
	return code
}
