package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"

	"github.com/paulmach/orb"
)

// feature is one GeoJSON feature with its geometry as orb types in lon/lat.
//
// The GeoJSON is read with encoding/json rather than orb/geojson: that
// package imports go.mongodb.org/mongo-driver/v2/bson, which is not in
// the module's go.mod/go.sum. Only the four geometry types the source
// files use are supported.
type feature struct {
	props map[string]any
	geom  orb.Geometry // orb.Polygon, orb.MultiPolygon, orb.LineString or orb.MultiLineString
}

type rawCollection struct {
	Type     string `json:"type"`
	Features []struct {
		Properties map[string]any `json:"properties"`
		Geometry   *struct {
			Type        string          `json:"type"`
			Coordinates json.RawMessage `json:"coordinates"`
		} `json:"geometry"`
	} `json:"features"`
}

// readFeatures reads a GeoJSON FeatureCollection. Features without a
// geometry are skipped. Errors name the file and the feature index.
func readFeatures(fsys fs.FS, name string) ([]feature, error) {
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	var fc rawCollection
	if err := json.Unmarshal(raw, &fc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if fc.Type != "FeatureCollection" {
		return nil, fmt.Errorf("%s: type %q, want FeatureCollection", name, fc.Type)
	}
	out := make([]feature, 0, len(fc.Features))
	for i, f := range fc.Features {
		if f.Geometry == nil {
			continue
		}
		g, err := decodeGeometry(f.Geometry.Type, f.Geometry.Coordinates)
		if err != nil {
			return nil, fmt.Errorf("%s: feature %d: %w", name, i, err)
		}
		out = append(out, feature{props: f.Properties, geom: g})
	}
	return out, nil
}

func decodeGeometry(typ string, coords json.RawMessage) (orb.Geometry, error) {
	switch typ {
	case "LineString":
		var c [][]float64
		if err := json.Unmarshal(coords, &c); err != nil {
			return nil, fmt.Errorf("%s: %w", typ, err)
		}
		return toLine(c)
	case "MultiLineString":
		var c [][][]float64
		if err := json.Unmarshal(coords, &c); err != nil {
			return nil, fmt.Errorf("%s: %w", typ, err)
		}
		mls := make(orb.MultiLineString, 0, len(c))
		for _, l := range c {
			ls, err := toLine(l)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", typ, err)
			}
			mls = append(mls, ls)
		}
		return mls, nil
	case "Polygon":
		var c [][][]float64
		if err := json.Unmarshal(coords, &c); err != nil {
			return nil, fmt.Errorf("%s: %w", typ, err)
		}
		return toPolygon(c)
	case "MultiPolygon":
		var c [][][][]float64
		if err := json.Unmarshal(coords, &c); err != nil {
			return nil, fmt.Errorf("%s: %w", typ, err)
		}
		mp := make(orb.MultiPolygon, 0, len(c))
		for _, p := range c {
			poly, err := toPolygon(p)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", typ, err)
			}
			mp = append(mp, poly)
		}
		return mp, nil
	}
	return nil, fmt.Errorf("unsupported geometry type %q", typ)
}

func toLine(c [][]float64) (orb.LineString, error) {
	ls := make(orb.LineString, len(c))
	for i, p := range c {
		if len(p) < 2 {
			return nil, errors.New("position with fewer than two numbers")
		}
		ls[i] = orb.Point{p[0], p[1]}
	}
	return ls, nil
}

func toPolygon(c [][][]float64) (orb.Polygon, error) {
	poly := make(orb.Polygon, 0, len(c))
	for _, r := range c {
		ls, err := toLine(r)
		if err != nil {
			return nil, err
		}
		poly = append(poly, orb.Ring(ls))
	}
	return poly, nil
}

// polygons returns the polygons of a Polygon or MultiPolygon.
func polygons(g orb.Geometry) []orb.Polygon {
	switch g := g.(type) {
	case orb.Polygon:
		return []orb.Polygon{g}
	case orb.MultiPolygon:
		return g
	}
	return nil
}

// lineStrings returns the lines of a LineString or MultiLineString.
func lineStrings(g orb.Geometry) []orb.LineString {
	switch g := g.(type) {
	case orb.LineString:
		return []orb.LineString{g}
	case orb.MultiLineString:
		return g
	}
	return nil
}

// str returns a string property, or "" when it is missing or not a string.
func str(props map[string]any, key string) string {
	s, _ := props[key].(string)
	return s
}

// num returns a numeric property and whether it was a number.
func num(props map[string]any, key string) (float64, bool) {
	v, ok := props[key].(float64)
	return v, ok
}
