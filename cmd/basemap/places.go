package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"

	"github.com/paulmach/orb"

	"frontier/mapview/basemap"
)

// placeColumns are the GeoNames CSV columns the converter reads.
var placeColumns = []string{"geonameid", "name", "asciiname", "lat", "lon", "feature_code", "country_code", "population"}

// loadPlaces reads the worldwide and the frontier GeoNames extracts, in
// that order, keeping the first row of each geonameid.
func loadPlaces(fsys fs.FS) ([]basemap.Place, error) {
	seen := map[int64]bool{}
	var out []basemap.Place
	for _, name := range []string{fileWorldPlaces, fileBoxPlaces} {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, err
		}
		out, err = readPlaces(f, name, seen, out)
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// readPlaces appends the places of one GeoNames CSV to out. Errors name
// the file and line.
func readPlaces(r io.Reader, name string, seen map[int64]bool, out []basemap.Place) ([]basemap.Place, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	idx := make([]int, len(placeColumns))
	for i, c := range placeColumns {
		j, ok := col[c]
		if !ok {
			return nil, fmt.Errorf("%s: no column %q", name, c)
		}
		idx[i] = j
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		get := func(i int) string { return rec[idx[i]] }
		p, id, keep, err := parsePlace(get)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if !keep || seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, p)
	}
}

// parsePlace turns a CSV row (get returns placeColumns[i]) into a place.
// keep is false for places that get no label: abandoned, historical or
// destroyed ones (PPLQ, PPLH, PPLW).
func parsePlace(get func(int) string) (p basemap.Place, id int64, keep bool, err error) {
	id, err = strconv.ParseInt(get(0), 10, 64)
	if err != nil {
		return p, 0, false, fmt.Errorf("geonameid: %w", err)
	}
	lat, err := strconv.ParseFloat(get(3), 64)
	if err != nil || lat < -90 || lat > 90 {
		return p, 0, false, fmt.Errorf("geonameid %d: bad lat %q", id, get(3))
	}
	lon, err := strconv.ParseFloat(get(4), 64)
	if err != nil || lon < -180 || lon > 180 {
		return p, 0, false, fmt.Errorf("geonameid %d: bad lon %q", id, get(4))
	}
	var pop int64
	if s := get(7); s != "" {
		if pop, err = strconv.ParseInt(s, 10, 64); err != nil || pop < 0 {
			return p, 0, false, fmt.Errorf("geonameid %d: bad population %q", id, s)
		}
	}
	code := get(5)
	kind, keep := placeKind(code)
	if get(1) == "" {
		keep = false
	}
	pt := merc(orb.Point{lon, lat})
	p = basemap.Place{
		Name: get(1), ASCIIName: get(2), X: pt[0], Y: pt[1],
		Population: pop, Kind: kind, Country: alpha2(get(6)),
		MinZoom: placeZoom(kind, code, pop),
	}
	if p.ASCIIName == "" {
		p.ASCIIName = p.Name
	}
	return p, id, keep, nil
}

// placeKind maps a GeoNames feature code to a kind; keep is false for
// PPLQ, PPLH and PPLW.
func placeKind(code string) (kind basemap.PlaceKind, keep bool) {
	switch code {
	case "PPLC":
		return basemap.Capital, true
	case "PPLA", "PPLG":
		return basemap.AdminSeat, true
	case "PPLQ", "PPLH", "PPLW":
		return basemap.Town, false
	}
	return basemap.Town, true
}

// popZoom is the base MinZoom of a town of population pop.
func popZoom(pop int64) float32 {
	switch {
	case pop >= 5_000_000:
		return 3
	case pop >= 1_000_000:
		return 4
	case pop >= 300_000:
		return 5
	case pop >= 100_000:
		return 6
	case pop >= 30_000:
		return 7
	case pop >= 10_000:
		return 8
	}
	return 9
}

// placeZoom is the MinZoom rule documented on basemap.Place.MinZoom.
func placeZoom(kind basemap.PlaceKind, code string, pop int64) float32 {
	base := popZoom(pop)
	switch {
	case kind == basemap.Capital:
		if pop >= 1_000_000 {
			return 2
		}
		return 3
	case kind == basemap.AdminSeat:
		return min(max(base-1, 3), 6)
	case code == "PPLA2":
		return min(base, 8)
	case code == "PPLX":
		return max(base, 8)
	}
	return base
}
