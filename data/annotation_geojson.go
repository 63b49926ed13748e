package data

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/paulmach/orb"
)

// GeoJSON property names Frontier adds to simplestyle's so that its
// annotation kinds, dash patterns, text sizes and validity survive a round
// trip.
const (
	PropKind       = "frontier:kind"
	PropLayer      = "frontier:layer"
	PropDash       = "frontier:dash"
	PropTextSize   = "frontier:text-size"
	PropRadius     = "frontier:radius_m"
	PropCenter     = "frontier:center"
	PropDistance   = "frontier:distance_m"
	PropBearing    = "frontier:bearing_deg"
	PropValidFrom  = "frontier:valid-from"
	PropValidTo    = "frontier:valid-to"
	maxGeomNesting = 4 // GeometryCollections inside GeometryCollections
)

// gjAnnotationProps are an annotation feature's properties, in the order
// written.
type gjAnnotationProps struct {
	Title         string    `json:"title,omitempty"`
	Description   string    `json:"description,omitempty"`
	Stroke        string    `json:"stroke"`
	StrokeWidth   float64   `json:"stroke-width"`
	StrokeOpacity float64   `json:"stroke-opacity"`
	Fill          string    `json:"fill"`
	FillOpacity   float64   `json:"fill-opacity"`
	MarkerColor   string    `json:"marker-color,omitempty"`
	MarkerSymbol  string    `json:"marker-symbol,omitempty"`
	Kind          string    `json:"frontier:kind"`
	Layer         string    `json:"frontier:layer,omitempty"`
	Dash          string    `json:"frontier:dash"`
	TextSize      float64   `json:"frontier:text-size"`
	Radius        float64   `json:"frontier:radius_m,omitempty"`
	Center        []float64 `json:"frontier:center,omitempty"`
	Distance      *float64  `json:"frontier:distance_m,omitempty"`
	Bearing       *float64  `json:"frontier:bearing_deg,omitempty"`
	ValidFrom     string    `json:"frontier:valid-from,omitempty"`
	ValidTo       string    `json:"frontier:valid-to,omitempty"`
}

type gjOutFeature struct {
	Type       string            `json:"type"`
	ID         uint64            `json:"id,omitempty"`
	Geometry   gjOutGeometry     `json:"geometry"`
	Properties gjAnnotationProps `json:"properties"`
}

type gjOutGeometry struct {
	Type        string `json:"type"`
	Coordinates any    `json:"coordinates"`
}

// gjPosition is a position rounded to 1e-7°.
func gjPosition(p orb.Point) []float64 { return []float64{round7(p[0]), round7(p[1])} }

func gjPositions(pts []orb.Point) [][]float64 {
	out := make([][]float64, len(pts))
	for i, p := range pts {
		out[i] = gjPosition(p)
	}
	return out
}

// gjRing is an open ring as a closed GeoJSON linear ring.
func gjRing(open []orb.Point) [][][]float64 {
	return [][][]float64{gjPositions(append(open, open[0]))}
}

// annotationGeometry returns the geometry an annotation is exchanged as:
// markers and text as Points; lines, arrows, freehand and range-bearing
// lines as LineStrings; polygons, rectangles and circles (72 vertices of
// the geodesic circle) as Polygons with counterclockwise rings.
func annotationGeometry(a *Annotation) gjOutGeometry {
	switch a.Kind {
	case KindMarker, KindText:
		return gjOutGeometry{"Point", gjPosition(a.Points[0])}
	case KindPolygon:
		return gjOutGeometry{"Polygon", gjRing(ccwRing(a.Points))}
	case KindRectangle:
		return gjOutGeometry{"Polygon", gjRing(rectangleRing(a.Points[0], a.Points[1]))}
	case KindCircle:
		return gjOutGeometry{"Polygon", gjRing(circleRing(a.Points[0], a.Radius, exportCircleVertices))}
	}
	return gjOutGeometry{"LineString", gjPositions(a.Points)}
}

// annotationProps returns an annotation's exchange properties.
func annotationProps(layer string, a *Annotation) gjAnnotationProps {
	s := a.Style
	p := gjAnnotationProps{
		Title: a.Label, Description: a.Notes,
		Stroke: s.Stroke, StrokeWidth: s.StrokeWidth, StrokeOpacity: s.StrokeOpacity,
		Fill: s.Fill, FillOpacity: s.FillOpacity, MarkerSymbol: s.Symbol,
		Kind: a.Kind.String(), Layer: layer, TextSize: s.TextSize, Dash: s.Dash.String(),
	}
	if a.Kind == KindMarker {
		p.MarkerColor = s.Fill
	}
	if a.Kind == KindCircle {
		p.Radius, p.Center = a.Radius, gjPosition(a.Points[0])
	}
	if a.Kind == KindRangeBearing {
		d, b := rangeBearingInfo(a)
		p.Distance, p.Bearing = &d, &b
	}
	if !a.ValidFrom.IsZero() {
		p.ValidFrom = formatValidity(a.ValidFrom)
	}
	if !a.ValidTo.IsZero() {
		p.ValidTo = formatValidity(a.ValidTo)
	}
	return p
}

// WriteAnnotationsGeoJSON writes the annotations of a layer as an RFC 7946
// FeatureCollection (named after the layer), one feature per line:
// positions longitude first, rounded to 1e-7°; polygon rings closed and
// counterclockwise; the style as simplestyle-spec properties (stroke,
// stroke-width, stroke-opacity, fill, fill-opacity, marker-color and
// marker-symbol for markers, title = Label, description = Notes) and the
// rest as frontier:* properties (kind, layer, dash, text-size, a circle's
// radius_m and center, a range-bearing line's distance_m and bearing_deg,
// valid-from and valid-to as dates or RFC 3339 instants).
// ReadAnnotationsGeoJSON reads it back.
func WriteAnnotationsGeoJSON(w io.Writer, layer Layer, items []Annotation) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	name, _ := json.Marshal(layer.Name)
	bw.WriteString(`{"type":"FeatureCollection","name":` + string(name) + `,"features":[` + "\n")
	for i := range items {
		a := &items[i]
		if err := a.Validate(); err != nil {
			return fmt.Errorf("write GeoJSON: %w", err)
		}
		if i > 0 {
			bw.WriteString(",")
		}
		f := gjOutFeature{Type: "Feature", ID: a.ID, Geometry: annotationGeometry(a), Properties: annotationProps(layer.Name, a)}
		if err := enc.Encode(f); err != nil { // Encode ends the line
			return fmt.Errorf("write GeoJSON: annotation %d: %w", a.ID, err)
		}
	}
	bw.WriteString("]}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write GeoJSON: %w", err)
	}
	return nil
}

// ReadAnnotationsGeoJSON reads annotations from any GeoJSON document: a
// FeatureCollection, a Feature or a bare geometry. Points become markers
// (text when frontier:kind says so), LineStrings polylines, Polygons
// polygons (holes are dropped with a warning); Multi* geometries and
// GeometryCollections become one annotation per part. simplestyle
// properties give the style (colours as #rrggbb or #rgb, numbers also as
// strings; a property left out keeps the kind's DefaultStyle), title or
// name the Label, description the Notes, and the frontier:* properties
// WriteAnnotationsGeoJSON writes restore circles, arrows, rectangles,
// text, range-bearing lines, dash patterns and validity. A bad feature is
// skipped with a warning naming its number; the others still load. The
// error is for input that is not GeoJSON at all or breaks off.
func ReadAnnotationsGeoJSON(r io.Reader, name string) (items []Annotation, warnings []string, err error) {
	g, err := NewGeoJSONReader(name, r)
	if err != nil {
		return nil, nil, err
	}
	g.annotationsOnly = true
	for {
		_, _, err := g.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var re *RowError
		if errors.As(err, &re) {
			g.ann.warn("feature", re.Line, "skipped: %s", strings.TrimPrefix(re.Error(), fmt.Sprintf("line %d: ", re.Line)))
			continue
		}
		if err != nil {
			return nil, nil, err
		}
	}
	return g.Annotations(), g.ann.Warnings(), nil
}

// gjProps are a feature's properties by lower-case name.
type gjProps map[string]json.RawMessage

func parseGJProps(raw json.RawMessage) (gjProps, error) {
	p := gjProps{}
	if len(raw) == 0 || string(raw) == "null" {
		return p, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, errors.New("properties is not a JSON object")
	}
	for k, v := range m {
		p[strings.ToLower(strings.TrimSpace(k))] = v
	}
	return p, nil
}

// text returns the first of names present as a string, number or
// boolean (an empty string counts as present).
func (p gjProps) text(names ...string) (string, bool) {
	for _, n := range names {
		v, ok := p[n]
		if !ok {
			continue
		}
		v = bytes.TrimSpace(v)
		if len(v) > 0 && v[0] == '"' {
			var s string
			if json.Unmarshal(v, &s) == nil {
				return s, true
			}
			continue
		}
		if s := jsonScalar(v); s != "" {
			return s, true
		}
	}
	return "", false
}

// annotationKindProp reports whether feature properties carry a
// "frontier:kind" naming an annotation kind (written in lower case, as
// WriteAnnotationsGeoJSON does).
func annotationKindProp(raw json.RawMessage) bool {
	if !bytes.Contains(raw, []byte(`"`+PropKind+`"`)) {
		return false
	}
	p, err := parseGJProps(raw)
	if err != nil {
		return false
	}
	s, _ := p.text(PropKind)
	_, ok := ParseAnnotationKind(s)
	return ok
}
