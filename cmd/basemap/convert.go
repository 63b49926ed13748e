package main

import (
	"fmt"
	"io"
	"io/fs"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"frontier/mapview/basemap"
)

// Source files, inside the source directory (see its README.md).
const (
	fileWorld110    = "world_countries_110m.geojson"
	fileWorld50     = "world_countries_50m.geojson"
	fileCountries10 = "frontier_countries_10m.geojson"
	fileLines10     = "frontier_boundary_lines_10m.geojson"
	fileAdmin1      = "frontier_admin1_10m.geojson"
	fileRivers      = "world_rivers_50m.geojson"
	fileLakes       = "world_lakes_50m.geojson"
	fileWorldPlaces = "world_major_places_geonames.csv"
	fileBoxPlaces   = "frontier_places_geonames.csv"
)

// Zoom band edges. See the band table in package basemap's doc.
const (
	zWater    = 3.0 // lakes and rivers appear
	zWorld50  = 3.5 // 110m gives way to 50m
	zFrontier = 5.0 // 10m inside the frontier box, province lines
	zDetail   = 7.0 // full detail from here on
)

var zInf = math.Inf(1)

// world is a country set from a topology: dissolved land and the shared
// edges (borders), both at full detail, in normalised Mercator.
type world struct {
	land    []orb.Ring
	borders []orb.LineString
}

// loadWorld reads a world-atlas country file and derives land and
// borders by de-duplicating shared edges: an edge seen in two polygons is
// a border, one seen once is coast (see edgeTable.dissolve).
func loadWorld(fsys fs.FS, name string) (world, []feature, error) {
	feats, err := readFeatures(fsys, name)
	if err != nil {
		return world{}, nil, err
	}
	t := newEdgeTable()
	for _, f := range feats {
		t.addRings(projectPolygons(f.geom))
	}
	land, err := t.dissolve()
	if err != nil {
		return world{}, nil, fmt.Errorf("%s: %w", name, err)
	}
	return world{land: land, borders: chain(t.shared())}, feats, nil
}

// projectPolygons projects the polygons of g into oriented rings.
func projectPolygons(g orb.Geometry) []orb.Ring {
	var out []orb.Ring
	for _, p := range polygons(g) {
		out = append(out, projectPolygon(p)...)
	}
	return out
}

// coastOf returns the coastlines of dissolved land rings: the rings as
// lines, without the artificial edges along the world's frame (the
// antimeridian cut and the clamped Antarctic edge) and, if clipped, along
// the lines of the frontier box's sides, where clipRings cut the rings
// into outsideStrips. Each coastline is a run of a ring's points, so
// Encode stores it as a reference to the ring.
func coastOf(rings []orb.Ring, clipped bool) []orb.LineString {
	var out []orb.LineString
	drop := func(a, b orb.Point) bool {
		return onFrame(a, b, worldBox) || clipped && onFrame(a, b, frontierBox)
	}
	for _, r := range rings {
		out = append(out, splitAt(r, drop)...)
	}
	return out
}

// frontier is the 1:10m data inside the frontier box, full detail.
type frontier struct {
	land     []orb.Ring       // dissolved country fill, clipped to the box
	borders  []orb.LineString // kind=border of the boundary-lines file
	coasts   []orb.LineString // kind=coast
	province []orb.LineString // admin-1 lines, see provinceLines
	stats    provinceStats
}

func loadFrontier(fsys fs.FS) (frontier, []feature, error) {
	var fr frontier
	feats, err := readFeatures(fsys, fileCountries10)
	if err != nil {
		return fr, nil, err
	}
	t := newEdgeTable()
	for _, f := range feats {
		t.addRings(projectPolygons(f.geom))
	}
	if fr.land, err = t.dissolve(); err != nil {
		return fr, nil, fmt.Errorf("%s: %w", fileCountries10, err)
	}
	lines, err := readFeatures(fsys, fileLines10)
	if err != nil {
		return fr, nil, err
	}
	for i, f := range lines {
		var dst *[]orb.LineString
		switch k := str(f.props, "kind"); k {
		case "border":
			dst = &fr.borders
		case "coast":
			dst = &fr.coasts
		default:
			return fr, nil, fmt.Errorf("%s: feature %d: unknown kind %q", fileLines10, i, k)
		}
		for _, l := range lineStrings(f.geom) {
			*dst = append(*dst, projectLine(l)...)
		}
	}
	admin, err := readFeatures(fsys, fileAdmin1)
	if err != nil {
		return fr, nil, err
	}
	fr.province, fr.stats = provinceLines(admin)
	return fr, admin, nil
}

// loadWater reads the 50m rivers (lines) and lakes (rings).
func loadWater(fsys fs.FS) (rivers []orb.LineString, lakes []orb.Ring, err error) {
	rf, err := readFeatures(fsys, fileRivers)
	if err != nil {
		return nil, nil, err
	}
	for _, f := range rf {
		for _, l := range lineStrings(f.geom) {
			rivers = append(rivers, projectLine(l)...)
		}
	}
	lf, err := readFeatures(fsys, fileLakes)
	if err != nil {
		return nil, nil, err
	}
	for _, f := range lf {
		lakes = append(lakes, projectPolygons(f.geom)...)
	}
	return rivers, lakes, nil
}

// Convert builds the basemap from the source directory fsys. If log is
// not nil it reports how edges were classified.
func Convert(fsys fs.FS, log io.Writer) (*basemap.Basemap, error) {
	w110, _, err := loadWorld(fsys, fileWorld110)
	if err != nil {
		return nil, err
	}
	w50, feats50, err := loadWorld(fsys, fileWorld50)
	if err != nil {
		return nil, err
	}
	fr, admin, err := loadFrontier(fsys)
	if err != nil {
		return nil, err
	}
	if log != nil {
		fmt.Fprintf(log, "110m: %d land rings, %d border lines\n", len(w110.land), len(w110.borders))
		fmt.Fprintf(log, "50m: %d land rings, %d border lines\n", len(w50.land), len(w50.borders))
		fmt.Fprintf(log, "10m: %d land rings; admin-1 edges %+v\n", len(fr.land), fr.stats)
	}
	rivers, lakes, err := loadWater(fsys)
	if err != nil {
		return nil, err
	}
	b := &basemap.Basemap{Layers: layers(w110, w50, fr, rivers, lakes)}
	places, err := loadPlaces(fsys)
	if err != nil {
		return nil, err
	}
	places = append(places, provinceLabels(admin)...)
	places = append(places, countryLabels(feats50)...)
	slices.SortStableFunc(places, func(a, b basemap.Place) int {
		switch {
		case basemap.PlaceLess(&a, &b):
			return -1
		case basemap.PlaceLess(&b, &a):
			return 1
		}
		return 0
	})
	b.Places = places
	if err := b.Validate(); err != nil {
		return nil, err
	}
	return b, nil
}

// layers builds the layers of every band (see package basemap's doc).
func layers(w110, w50 world, fr frontier, rivers []orb.LineString, lakes []orb.Ring) []basemap.Layer {
	var out []basemap.Layer
	add := func(l basemap.Layer) {
		if l.Parts() > 0 {
			out = append(out, l)
		}
	}

	// [0, 3.5): 110m.
	tol := tolerance(zWorld50)
	land := simplifyRings(w110.land, tol)
	add(ringLayer(basemap.Land, 0, zWorld50, land))
	add(lineLayer(basemap.Coast, 0, zWorld50, coastOf(land, false)))
	add(lineLayer(basemap.Border, 0, zWorld50, simplifyLines(w110.borders, tol)))

	// [3, +Inf): 50m lakes and rivers, one band at full detail: the data
	// is coarse (quantised to 0.036°), so it is cheap to draw even at 3.
	add(ringLayer(basemap.Lake, zWater, zInf, lakes))
	add(lineLayer(basemap.River, zWater, zInf, rivers))

	// [3.5, 5): 50m.
	tol = tolerance(zFrontier)
	land = simplifyRings(w50.land, tol)
	add(ringLayer(basemap.Land, zWorld50, zFrontier, land))
	add(lineLayer(basemap.Coast, zWorld50, zFrontier, coastOf(land, false)))
	add(lineLayer(basemap.Border, zWorld50, zFrontier, simplifyLines(w50.borders, tol)))

	// [5, 7) and [7, +Inf): 50m outside the box, 10m in it. The 10m data
	// is simplified in the first band. The 50m data is not: at half a
	// pixel of zoom 7 that would drop only 6% of its points, and keeping
	// it identical in both bands lets Encode store it once.
	outLand := clipRings(w50.land, outsideStrips)
	outCoast := coastOf(outLand, true)
	outBorder := clipLines(w50.borders, outsideStrips)
	for _, band := range [][3]float64{{zFrontier, zDetail, tolerance(zDetail)}, {zDetail, zInf, 0}} {
		z0, z1, tol := band[0], band[1], band[2]
		fill := slices.Clone(outLand)
		fill = append(fill, simplifyRings(fr.land, tol)...)
		add(ringLayer(basemap.Land, z0, z1, fill))
		// Simplifying can straighten a line that wanders within tol of
		// the box frame onto the frame: cut such segments out.
		add(lineLayer(basemap.Province, z0, z1, offFrame(simplifyLines(fr.province, tol))))
		coast := append(slices.Clone(outCoast), offFrame(simplifyLines(fr.coasts, tol))...)
		add(lineLayer(basemap.Coast, z0, z1, coast))
		border := append(slices.Clone(outBorder), offFrame(simplifyLines(fr.borders, tol))...)
		add(lineLayer(basemap.Border, z0, z1, border))
	}
	return out
}

// offFrame cuts the segments that run along a side of the frontier box
// out of lines.
func offFrame(lines []orb.LineString) []orb.LineString {
	var out []orb.LineString
	for _, l := range lines {
		start := 0
		for i := 1; i < len(l); i++ {
			if onFrame(l[i-1], l[i], frontierBox) {
				if i-1 > start {
					out = append(out, l[start:i])
				}
				start = i
			}
		}
		if len(l)-1 > start {
			out = append(out, l[start:])
		}
	}
	return out
}

// ringLayer makes a fill layer of closed rings, dropping each ring's
// repeated closing point.
func ringLayer(c basemap.Class, z0, z1 float64, rings []orb.Ring) basemap.Layer {
	l := basemap.Layer{Class: c, MinZoom: z0, MaxZoom: z1}
	var buf []float64
	for _, r := range rings {
		buf = buf[:0]
		for _, p := range r[:len(r)-1] {
			buf = append(buf, p[0], p[1])
		}
		if len(buf) >= 6 {
			l.AddPart(buf)
		}
	}
	return l
}

// lineLayer makes a line layer.
func lineLayer(c basemap.Class, z0, z1 float64, lines []orb.LineString) basemap.Layer {
	l := basemap.Layer{Class: c, MinZoom: z0, MaxZoom: z1}
	var buf []float64
	for _, ln := range lines {
		buf = buf[:0]
		for _, p := range ln {
			buf = append(buf, p[0], p[1])
		}
		if len(buf) >= 4 {
			l.AddPart(buf)
		}
	}
	return l
}
