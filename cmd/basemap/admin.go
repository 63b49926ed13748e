package main

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/planar"

	"frontier/mapview/basemap"
)

// mergedProvinces maps admin-1 units that no longer exist to the unit
// they merged into. FATA (PK-TA) joined Khyber Pakhtunkhwa in 2018 but is
// still separate in Natural Earth: no line between them, no FATA label.
var mergedProvinces = map[string]string{"PK-TA": "PK-KP"}

// provinceKey names the province an admin-1 feature belongs to.
func provinceKey(props map[string]any) string {
	k := str(props, "iso_3166_2")
	if k == "" || k[0] == '-' {
		k = str(props, "adm1_code")
	}
	if m, ok := mergedProvinces[k]; ok {
		return m
	}
	return k
}

// provinceStats counts how provinceLines classified admin-1 edges.
type provinceStats struct {
	Kept, SameProvince, International, Frame, Unshared int
}

// provinceLines returns the admin-1 boundaries inside the frontier box:
// the edges shared by two provinces of the same country. Dropped are
// edges inside a merged province (FATA–KP), edges between provinces of
// different countries (the country border, which the Border layer draws
// from the boundary-lines file), edges along the box frame (added by the
// clipping) and the remaining edges seen once, all on the coast or the
// country border (none lies more than about a kilometre from the
// boundary lines).
func provinceLines(admin []feature) ([]orb.LineString, provinceStats) {
	var st provinceStats
	type owner struct{ country, province string }
	owners := map[edge][]owner{}
	var order []edge
	for _, f := range admin {
		o := owner{str(f.props, "adm0_a3"), provinceKey(f.props)}
		for _, p := range polygons(f.geom) {
			for _, r := range p {
				pr := projectRing(r)
				for i := 0; i+1 < len(pr); i++ {
					e, _ := mkEdge(pr[i], pr[i+1])
					if owners[e] == nil {
						order = append(order, e)
					}
					owners[e] = append(owners[e], o)
				}
			}
		}
	}
	var keep []edge
	for _, e := range order {
		os := owners[e]
		switch {
		case onFrame(e.A, e.B, frontierBox):
			// Clip artefacts, even when shared: Sutherland–Hodgman
			// leaves zero-width runs along the frame where a concave
			// province leaves and re-enters the box.
			st.Frame++
		case len(os) == 1:
			st.Unshared++
		case os[0].country != os[1].country:
			st.International++
		case os[0].province == os[1].province:
			st.SameProvince++
		default:
			st.Kept++
			keep = append(keep, e)
		}
	}
	return chain(keep), st
}

// provinceLabelZoom is the MinZoom of province labels.
const provinceLabelZoom = 5.5

// provinceLabels returns a label for each admin-1 unit at Natural Earth's
// label point (properties longitude, latitude), named by the `label`
// property, for the units whose point lies in the frontier box. Merged
// units (FATA) get none.
func provinceLabels(admin []feature) []basemap.Place {
	var out []basemap.Place
	seen := map[string]bool{}
	for _, f := range admin {
		iso := str(f.props, "iso_3166_2")
		name := str(f.props, "label")
		lon, ok1 := num(f.props, "longitude")
		lat, ok2 := num(f.props, "latitude")
		if _, merged := mergedProvinces[iso]; merged || name == "" || !ok1 || !ok2 {
			continue
		}
		if lon < basemap.FrontierLon0 || lon > basemap.FrontierLon1 || lat < basemap.FrontierLat0 || lat > basemap.FrontierLat1 {
			continue
		}
		key := provinceKey(f.props) + "\x00" + name
		if seen[key] {
			continue
		}
		seen[key] = true
		p := merc(orb.Point{lon, lat})
		out = append(out, basemap.Place{
			Name: name, ASCIIName: name, X: p[0], Y: p[1],
			Kind: basemap.ProvinceLabel, Country: alpha2(str(f.props, "iso_a2")),
			MinZoom: provinceLabelZoom,
		})
	}
	return out
}

// alpha2 returns s if it looks like an ISO 3166-1 alpha-2 code, else "".
func alpha2(s string) string {
	if len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' {
		return s
	}
	return ""
}

// notCountries are Natural Earth admin-0 units that get no country label.
var notCountries = map[string]bool{"Siachen Glacier": true, "Indian Ocean Ter.": true}

// countryZoom is the MinZoom of a country label from the country's area
// in km²: the bigger the country, the earlier its name shows.
func countryZoom(km2 float64) float32 {
	switch {
	case km2 >= 2e6:
		return 2
	case km2 >= 5e5:
		return 3
	case km2 >= 1e5:
		return 4
	case km2 >= 2e4:
		return 5
	}
	return 6
}

// countryLabels returns a label per world country (50m features), placed
// in its largest polygon: at the polygon's Mercator centroid (orb/planar)
// if that lies inside, else at the middle of the widest horizontal run
// through the polygon at the centroid's latitude.
func countryLabels(feats []feature) []basemap.Place {
	var out []basemap.Place
	for _, f := range feats {
		name := str(f.props, "name")
		if name == "" || notCountries[name] {
			continue
		}
		var total, best float64
		var bestPoly orb.Polygon
		for _, p := range polygons(f.geom) {
			up := make(orb.Polygon, len(p))
			for i, r := range p {
				up[i] = unwrapRing(r)
			}
			a := math.Abs(geo.Area(up)) / 1e6
			total += a
			if a > best {
				best, bestPoly = a, p
			}
		}
		// Unwrapped (not cut at the antimeridian): one polygon.
		var mp orb.Polygon
		for _, r := range bestPoly {
			if pr := projectRing(r); pr != nil {
				mp = append(mp, pr)
			}
		}
		if len(mp) == 0 {
			continue
		}
		pt := labelPoint(mp)
		pt[0] -= math.Floor(pt[0])
		out = append(out, basemap.Place{
			Name: name, ASCIIName: name, X: pt[0], Y: pt[1],
			Kind: basemap.CountryLabel, Country: alpha2(str(f.props, "iso_a2")),
			MinZoom: countryZoom(total),
		})
	}
	return out
}

// labelPoint returns a point inside polygon p (normalised Mercator).
func labelPoint(p orb.Polygon) orb.Point {
	c, _ := planar.CentroidArea(p)
	if planar.PolygonContains(p, c) {
		return c
	}
	// Crossings of the horizontal line y = c[1] with every ring edge.
	var xs []float64
	for _, r := range p {
		for i := 0; i+1 < len(r); i++ {
			a, b := r[i], r[i+1]
			if (a[1] <= c[1]) != (b[1] <= c[1]) {
				xs = append(xs, a[0]+(c[1]-a[1])*(b[0]-a[0])/(b[1]-a[1]))
			}
		}
	}
	slices.Sort(xs)
	bestW := -1.0
	pt := p[0][0]
	for i := 0; i+1 < len(xs); i += 2 {
		if w := xs[i+1] - xs[i]; w > bestW {
			bestW, pt = w, orb.Point{(xs[i] + xs[i+1]) / 2, c[1]}
		}
	}
	return pt
}
