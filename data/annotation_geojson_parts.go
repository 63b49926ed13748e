package data

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// gjGeometry is a decoded geometry.
type gjGeometry struct {
	Type        string            `json:"type"`
	Coordinates json.RawMessage   `json:"coordinates"`
	Geometries  []json.RawMessage `json:"geometries"`
}

// gjPart is one simple geometry: a Point, LineString or Polygon.
type gjPart struct {
	typ   string
	point orb.Point
	line  []orb.Point
	rings [][]orb.Point
}

func toPoint(c []float64) (orb.Point, error) {
	if len(c) < 2 {
		return orb.Point{}, errors.New("a position needs a longitude and a latitude")
	}
	return orb.Point{c[0], c[1]}, nil
}

func toLine(cs [][]float64) ([]orb.Point, error) {
	out := make([]orb.Point, len(cs))
	for i, c := range cs {
		p, err := toPoint(c)
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

func toRings(rs [][][]float64) ([][]orb.Point, error) {
	out := make([][]orb.Point, len(rs))
	for i, r := range rs {
		l, err := toLine(r)
		if err != nil {
			return nil, err
		}
		out[i] = l
	}
	if len(out) == 0 {
		return nil, errors.New("a Polygon needs a ring")
	}
	return out, nil
}

// geometryParts splits a geometry into simple parts.
func geometryParts(raw json.RawMessage, depth int) ([]gjPart, error) {
	var g gjGeometry
	if err := json.Unmarshal(raw, &g); err != nil {
		return nil, fmt.Errorf("geometry: %w", err)
	}
	bad := func(want string) error { return fmt.Errorf("a %s needs %s coordinates", g.Type, want) }
	var parts []gjPart
	switch g.Type {
	case "Point":
		var c []float64
		if json.Unmarshal(g.Coordinates, &c) != nil {
			return nil, bad("[longitude, latitude]")
		}
		p, err := toPoint(c)
		if err != nil {
			return nil, err
		}
		parts = append(parts, gjPart{typ: "Point", point: p})
	case "MultiPoint", "LineString":
		var cs [][]float64
		if json.Unmarshal(g.Coordinates, &cs) != nil {
			return nil, bad("an array of positions as")
		}
		l, err := toLine(cs)
		if err != nil {
			return nil, err
		}
		if g.Type == "LineString" {
			return []gjPart{{typ: "LineString", line: l}}, nil
		}
		for _, p := range l {
			parts = append(parts, gjPart{typ: "Point", point: p})
		}
	case "MultiLineString", "Polygon":
		var rs [][][]float64
		if json.Unmarshal(g.Coordinates, &rs) != nil {
			return nil, bad("arrays of positions as")
		}
		if g.Type == "Polygon" {
			rings, err := toRings(rs)
			if err != nil {
				return nil, err
			}
			return []gjPart{{typ: "Polygon", rings: rings}}, nil
		}
		for _, r := range rs {
			l, err := toLine(r)
			if err != nil {
				return nil, err
			}
			parts = append(parts, gjPart{typ: "LineString", line: l})
		}
	case "MultiPolygon":
		var ps [][][][]float64
		if json.Unmarshal(g.Coordinates, &ps) != nil {
			return nil, bad("polygons as")
		}
		for _, p := range ps {
			rings, err := toRings(p)
			if err != nil {
				return nil, err
			}
			parts = append(parts, gjPart{typ: "Polygon", rings: rings})
		}
	case "GeometryCollection":
		if depth >= maxGeomNesting {
			return nil, fmt.Errorf("GeometryCollections nested more than %d deep", maxGeomNesting)
		}
		for _, sub := range g.Geometries {
			ps, err := geometryParts(sub, depth+1)
			if err != nil {
				return nil, err
			}
			parts = append(parts, ps...)
		}
	default:
		return nil, fmt.Errorf("geometry type %q is not a GeoJSON geometry", g.Type)
	}
	if len(parts) == 0 {
		return nil, fmt.Errorf("the %s is empty", g.Type)
	}
	return parts, nil
}

// geojsonFeature adds the annotations of feature n (its geometry and
// properties) to c.
func (c *annotationCollector) geojsonFeature(n int, geometry json.RawMessage, properties json.RawMessage) {
	if len(geometry) == 0 || string(geometry) == "null" {
		c.warn("feature", n, "skipped: it has no geometry")
		return
	}
	p, err := parseGJProps(properties)
	if err != nil {
		c.warn("feature", n, "skipped: %v", err)
		return
	}
	parts, err := geometryParts(geometry, 0)
	if err != nil {
		c.warn("feature", n, "skipped: %v", err)
		return
	}
	hint := KindMarker - 1
	if s, ok := p.text(PropKind); ok {
		if k, ok := ParseAnnotationKind(s); ok {
			hint = k
		}
	}
	for _, part := range parts {
		a, ok := c.geojsonPart(n, hint, len(parts) == 1, part, p)
		if ok {
			c.add("feature", n, a)
		}
	}
}

// geojsonPart turns one part of feature n into an annotation. The kind
// hint is honoured where the geometry fits it; only a feature of one part
// can be restored as a circle.
func (c *annotationCollector) geojsonPart(n int, hint AnnotationKind, single bool, part gjPart, p gjProps) (Annotation, bool) {
	var circle *circleSpec
	if hint == KindCircle {
		center, cok := p.position(PropCenter)
		r, rok := p.number(PropRadius)
		circle = &circleSpec{center, cok, r, rok}
	}
	a := c.shape("feature", n, hint, single, part, circle)
	a.Label, _ = p.text("title", "name")
	a.Notes, _ = p.text("description")
	a.Style = c.gjStyle(n, a.Kind, p)
	a.ValidFrom = c.gjValidity(n, p, PropValidFrom, false)
	a.ValidTo = c.gjValidity(n, p, PropValidTo, true)
	return a, true
}

// circleSpec is what a feature says of the circle it draws: its centre
// and radius, each when given.
type circleSpec struct {
	center    orb.Point
	hasCenter bool
	radius    float64
	hasRadius bool
}

// shape returns the kind, points and radius of the annotation one part of
// feature (or placemark) n stands for. The kind hint (0 for none) is
// honoured where the geometry fits it: text and circles from Points,
// arrows, freehand and two-point range-bearing lines from LineStrings,
// rectangles (a ring of 4 corners, given from the first corner with the
// opposite one third) and circles from Polygons; only a feature of one
// part can be restored as a circle, from circle's centre and radius.
// Polygon holes are dropped with a warning.
func (c *annotationCollector) shape(what string, n int, hint AnnotationKind, single bool, part gjPart, circle *circleSpec) Annotation {
	var a Annotation
	switch part.typ {
	case "Point":
		a.Kind, a.Points = KindMarker, []orb.Point{part.point}
		switch hint {
		case KindText:
			a.Kind = KindText
		case KindCircle:
			a.Kind = KindCircle
		}
	case "LineString":
		a.Kind, a.Points = KindPolyline, part.line
		switch hint {
		case KindArrow, KindFreehand:
			a.Kind = hint
		case KindRangeBearing:
			if len(part.line) == 2 {
				a.Kind = hint
			}
		}
	case "Polygon":
		if len(part.rings) > 1 {
			c.warn(what, n, "%d polygon holes dropped", len(part.rings)-1)
		}
		ring := part.rings[0]
		if len(ring) > 1 && ring[0] == ring[len(ring)-1] {
			ring = ring[:len(ring)-1]
		}
		a.Kind, a.Points = KindPolygon, ring
		switch {
		case hint == KindRectangle && len(ring) == 4:
			a.Kind, a.Points = KindRectangle, []orb.Point{ring[0], ring[2]}
		case hint == KindCircle && single:
			a.Kind = KindCircle
		}
	}
	if a.Kind == KindCircle {
		switch {
		case circle != nil && circle.hasCenter && circle.hasRadius:
			a.Points, a.Radius = []orb.Point{circle.center}, circle.radius
		case circle != nil && circle.hasRadius && part.typ == "Point":
			a.Radius = circle.radius
		default:
			a.Kind = KindPolygon
			if part.typ == "Point" {
				a.Kind = KindMarker
			}
			c.warn(what, n, "a circle without %s and %s read as a %s", PropCenter, PropRadius, a.Kind)
		}
	}
	a.Points = append([]orb.Point(nil), a.Points...)
	return a
}

// gjValidity reads validity bound name, warning when it is unreadable.
func (c *annotationCollector) gjValidity(n int, p gjProps, name string, end bool) time.Time {
	s, ok := p.text(name)
	if !ok || strings.TrimSpace(s) == "" {
		return time.Time{}
	}
	t, err := parseValidity(s, end)
	if err != nil {
		c.warn("feature", n, "%s ignored: %v", name, err)
		return time.Time{}
	}
	return t
}

// gjStyle is the style of an annotation of kind k from simplestyle and
// frontier:* properties, DefaultStyle(k) where they say nothing. Colours
// that are not #rrggbb or #rgb are ignored with a warning; numbers out of
// range are clamped.
func (c *annotationCollector) gjStyle(n int, k AnnotationKind, p gjProps) Style {
	s := DefaultStyle(k)
	color := func(name string, dst *string) bool {
		v, ok := p.text(name)
		if !ok {
			return false
		}
		if strings.TrimSpace(v) == "" {
			*dst = ""
			return true
		}
		if col, ok := normalColor(v); ok {
			*dst = col
			return true
		}
		c.warn("feature", n, "%s %q is not a #rrggbb colour; the default is used", name, v)
		return false
	}
	number := func(name string, dst *float64, hi float64) {
		if v, ok := p.number(name); ok {
			*dst = clamp(v, 0, hi)
		}
	}
	color("stroke", &s.Stroke)
	if !color("fill", &s.Fill) && k == KindMarker {
		color("marker-color", &s.Fill)
	}
	number("stroke-width", &s.StrokeWidth, MaxStrokeWidth)
	number("stroke-opacity", &s.StrokeOpacity, 1)
	number("fill-opacity", &s.FillOpacity, 1)
	number(PropTextSize, &s.TextSize, MaxTextSize)
	if v, ok := p.text(PropDash); ok {
		if d, ok := ParseDash(v); ok {
			s.Dash = d
		}
	}
	if v, ok := p.text("marker-symbol"); ok {
		switch v = strings.ToLower(strings.TrimSpace(v)); {
		case knownSymbol(v):
			s.Symbol = v
		case k == KindMarker:
			s.Symbol = "circle"
		}
	}
	return s
}

// number returns property name as a finite number (also from a string).
func (p gjProps) number(name string) (float64, bool) {
	s, ok := p.text(name)
	if !ok {
		return 0, false
	}
	return parseNumber(s)
}

// position returns property name as a [longitude, latitude] array.
func (p gjProps) position(name string) (orb.Point, bool) {
	v, ok := p[name]
	if !ok {
		return orb.Point{}, false
	}
	var c []float64
	if json.Unmarshal(v, &c) != nil || len(c) < 2 {
		return orb.Point{}, false
	}
	return orb.Point{c[0], c[1]}, true
}
