package data

import (
	"fmt"
	"math"
	"strings"

	"frontier/data/gazetteer"
)

// GeoPrecisionGazetteer is the GeoPrecision of an event the gazetteer
// placed from a place name: approximate, as ACLED's 3.
const GeoPrecisionGazetteer = 3

func (g *GenericCSVReader) field(rec []string, i int) string {
	s, bad := fixText(strings.TrimSpace(rec[i]))
	if bad {
		g.recoded = true
	}
	return s
}

// event turns one row of the header's width into the reader's event.
func (g *GenericCSVReader) event(rec []string) (*Event, *RowError) {
	if isTotalsRow(rec) {
		return nil, &RowError{Field: g.header[0], Reason: fmt.Sprintf("%q: a totals row, not an event", strings.TrimSpace(rec[0]))}
	}
	c := g.cols
	lat, lon, placed, rerr := g.position(rec)
	if rerr != nil {
		return nil, rerr
	}
	ds := g.field(rec, c.date)
	d, err := parseGenericDate(ds, g.dayFirst)
	if err != nil {
		return nil, &RowError{Field: g.header[c.date], Reason: err.Error()}
	}
	p := make(props, len(rec))
	for i, k := range g.keys {
		if i == c.lat || i == c.lon || i == c.date {
			continue
		}
		if v := g.field(rec, i); v != "" && !naValue(v) {
			if _, dup := p[k]; !dup {
				p[k] = v
			}
		}
	}
	for _, k := range g.drop {
		delete(p, k)
	}
	for prop, i := range g.extra {
		p[prop] = g.field(rec, i)
	}
	if c.loc >= 0 && p.str(propLocation...) == "" {
		// A place-name column under another name ("town") is the location.
		p["location"] = g.field(rec, c.loc)
	}
	// The date is the one column found; other date-like columns must not
	// win over it in eventFromProps.
	for _, k := range propDate {
		delete(p, k)
	}
	if ts := p["timestamp"]; ts != "" {
		if n, ok := parseWhole(ts, math.MaxInt64/2); !ok || n <= 100000 {
			delete(p, "timestamp")
		}
	}
	e := &g.ev
	e.Lat, e.Lon = lat, lon
	fb := &Event{Date: d.first, DateEnd: d.first, DatePrecision: d.prec}
	if d.prec != PrecDay {
		fb.DateEnd = d.last
	}
	id := ""
	if p.str(propID...) == "" {
		parts := make([][]byte, len(rec))
		for i, f := range rec {
			parts[i] = []byte(f)
		}
		id = contentID("csv", parts...)
	}
	if rerr := eventFromProps(e, p, g.Dataset, id, fb); rerr != nil {
		return nil, rerr
	}
	if len(e.Dataset) > MaxIDLen {
		return nil, &RowError{Field: "dataset", Reason: fmt.Sprintf("dataset name longer than %d bytes", MaxIDLen)}
	}
	if placed != nil {
		e.GeoPrecision = GeoPrecisionGazetteer
		g.placed++
		if placed.Others > 0 {
			g.multiple++
		}
	}
	return e, nil
}

// position reads a row's coordinates, or has the gazetteer place it: every
// row when the file has no coordinate columns, and a row whose latitude
// and longitude are both missing when it has a place name. placed is the
// gazetteer's match when it placed the row.
func (g *GenericCSVReader) position(rec []string) (lat, lon float64, placed *gazetteer.Match, rerr *RowError) {
	c := g.cols
	if c.byPlace {
		m, rerr := g.lookup(rec)
		if rerr != nil {
			return 0, 0, nil, rerr
		}
		return m.Place.Lat, m.Place.Lon, &m, nil
	}
	latS, lonS := g.field(rec, c.lat), g.field(rec, c.lon)
	if c.loc >= 0 && naValue(latS) && naValue(lonS) && !naValue(g.field(rec, c.loc)) {
		m, rerr := g.lookup(rec)
		if rerr != nil {
			return 0, 0, nil, &RowError{Field: g.header[c.lat],
				Reason: fmt.Sprintf("missing, and the gazetteer cannot place the row by its %s: %s", g.header[c.loc], rerr.Reason)}
		}
		return m.Place.Lat, m.Place.Lon, &m, nil
	}
	lat, rerr = genericCoord(latS, g.header[c.lat], 90)
	if rerr != nil {
		return 0, 0, nil, rerr
	}
	lon, rerr = genericCoord(lonS, g.header[c.lon], 180)
	if rerr != nil {
		return 0, 0, nil, rerr
	}
	return lat, lon, nil, nil
}

// lookup finds the place a row's place-name column names, in the country
// its country column names when there is one.
func (g *GenericCSVReader) lookup(rec []string) (gazetteer.Match, *RowError) {
	c := g.cols
	field := g.header[c.loc]
	name := g.field(rec, c.loc)
	if naValue(name) {
		return gazetteer.Match{}, &RowError{Field: field, Reason: "missing, and the row has no coordinates"}
	}
	gaz, err := gazetteer.Load() // decoded once per process
	if err != nil {
		return gazetteer.Match{}, &RowError{Field: field, Reason: err.Error()}
	}
	hint := ""
	if c.country >= 0 {
		hint = g.field(rec, c.country)
	}
	m, ok := gaz.Lookup(name, hint)
	if !ok {
		if hint != "" && gaz.CountryCode(hint) != "" {
			return m, &RowError{Field: field, Reason: fmt.Sprintf("%q: no place of that name in %s in the gazetteer", name, hint)}
		}
		return m, &RowError{Field: field, Reason: fmt.Sprintf("%q: no place of that name in the gazetteer", name)}
	}
	return m, nil
}
