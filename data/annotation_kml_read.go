package data

import (
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// Limits on a KML document's shared styles: more are ignored, and each
// kept value is cut short (colours, numbers and icon names are short).
const (
	maxKMLStyles     = 10_000
	maxKMLStyleValue = 128
)

// kmlStyleIn is a KML Style as read.
type kmlStyleIn struct {
	ID   string `xml:"id,attr"`
	Line *struct {
		Color string `xml:"color"`
		Width string `xml:"width"`
	} `xml:"LineStyle"`
	Poly *struct {
		Color   string `xml:"color"`
		Fill    string `xml:"fill"`
		Outline string `xml:"outline"`
	} `xml:"PolyStyle"`
	Icon *struct {
		Color string `xml:"color"`
		Scale string `xml:"scale"`
		Href  string `xml:"Icon>href"`
	} `xml:"IconStyle"`
	Label *struct {
		Color string `xml:"color"`
		Scale string `xml:"scale"`
	} `xml:"LabelStyle"`
}

// kmlStyleMapIn is a KML StyleMap as read: its "normal" pair is used.
type kmlStyleMapIn struct {
	ID    string `xml:"id,attr"`
	Pairs []struct {
		Key      string      `xml:"key"`
		StyleURL string      `xml:"styleUrl"`
		Style    *kmlStyleIn `xml:"Style"`
	} `xml:"Pair"`
}

// kmlGeometryIn is the content of a MultiGeometry.
type kmlGeometryIn struct {
	Points []kmlCoords      `xml:"Point"`
	Lines  []kmlCoords      `xml:"LineString"`
	Rings  []kmlCoords      `xml:"LinearRing"`
	Polys  []kmlPolygonIn   `xml:"Polygon"`
	Multi  []*kmlGeometryIn `xml:"MultiGeometry"`
}

// kmlPolygonIn is a Polygon's boundaries.
type kmlPolygonIn struct {
	Outer kmlCoords   `xml:"outerBoundaryIs>LinearRing"`
	Inner []kmlCoords `xml:"innerBoundaryIs>LinearRing"`
}

// kmlAnnotationStyle is how one collected annotation is styled, resolved
// when the document is read to its end (shared styles may come later).
type kmlAnnotationStyle struct {
	url    string
	inline *kmlStyleIn
	// dash and symbol are frontier:dash and frontier:symbol, which
	// override the KML style ("" when not given).
	dash, symbol string
}

// cut shortens s to maxKMLStyleValue bytes, keeping its end (where an
// icon's file name is).
func cut(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > maxKMLStyleValue {
		s = s[len(s)-maxKMLStyleValue:]
	}
	return s
}

// trimmed returns a copy of st with every value cut short.
func (st *kmlStyleIn) trimmed() *kmlStyleIn {
	if st == nil {
		return nil
	}
	out := *st
	out.ID = ""
	if st.Line != nil {
		l := *st.Line
		l.Color, l.Width = cut(l.Color), cut(l.Width)
		out.Line = &l
	}
	if st.Poly != nil {
		p := *st.Poly
		p.Color, p.Fill, p.Outline = cut(p.Color), cut(p.Fill), cut(p.Outline)
		out.Poly = &p
	}
	if st.Icon != nil {
		i := *st.Icon
		i.Color, i.Scale, i.Href = cut(i.Color), cut(i.Scale), cut(i.Href)
		out.Icon = &i
	}
	if st.Label != nil {
		l := *st.Label
		l.Color, l.Scale = cut(l.Color), cut(l.Scale)
		out.Label = &l
	}
	return &out
}

// keepStyle remembers a shared Style or StyleMap by its id.
func (k *KMLReader) keepStyle(st *kmlStyleIn, sm *kmlStyleMapIn) {
	if k.styles == nil {
		k.styles, k.styleMaps = map[string]*kmlStyleIn{}, map[string]*kmlStyleMapIn{}
	}
	if len(k.styles)+len(k.styleMaps) >= maxKMLStyles {
		k.tooManyStyles = true
		return
	}
	switch {
	case st != nil && st.ID != "":
		k.styles[cut(st.ID)] = st.trimmed()
	case sm != nil && sm.ID != "":
		m := &kmlStyleMapIn{}
		for _, p := range sm.Pairs {
			if strings.TrimSpace(p.Key) == "normal" {
				p.Key, p.StyleURL, p.Style = "normal", cut(p.StyleURL), p.Style.trimmed()
				m.Pairs = append(m.Pairs, p)
				break
			}
		}
		k.styleMaps[cut(sm.ID)] = m
	}
}

// sharedStyle follows a styleUrl ("#id", or "file.kml#id" whose file is
// ignored) to a Style, through a StyleMap's normal pair.
func (k *KMLReader) sharedStyle(url string, depth int) *kmlStyleIn {
	_, id, ok := strings.Cut(url, "#")
	if !ok || depth > 3 {
		return nil
	}
	if st := k.styles[id]; st != nil {
		return st
	}
	if sm := k.styleMaps[id]; sm != nil && len(sm.Pairs) > 0 {
		if sm.Pairs[0].Style != nil {
			return sm.Pairs[0].Style
		}
		return k.sharedStyle(sm.Pairs[0].StyleURL, depth+1)
	}
	return nil
}

// kmlColor reads KML's aabbggrr as "#rrggbb" and an opacity.
func kmlReadColor(s string) (string, float64, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(s) != 8 {
		return "", 0, false
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return "", 0, false
	}
	a, b, g, r := v>>24, v>>16&0xff, v>>8&0xff, v&0xff
	return fmt.Sprintf("#%02x%02x%02x", r, g, b), float64(a) / 255, true
}

// applyKMLStyle sets what st says on s, for an annotation of kind k.
func applyKMLStyle(s *Style, k AnnotationKind, st *kmlStyleIn) {
	if st == nil {
		return
	}
	if l := st.Line; l != nil {
		if c, a, ok := kmlReadColor(l.Color); ok {
			s.Stroke, s.StrokeOpacity = c, a
		}
		if w, ok := parseNumber(l.Width); ok {
			s.StrokeWidth = clamp(w, 0, MaxStrokeWidth)
		}
	}
	if p := st.Poly; p != nil {
		if c, a, ok := kmlReadColor(p.Color); ok {
			s.Fill, s.FillOpacity = c, a
		}
		if strings.TrimSpace(p.Fill) == "0" {
			s.FillOpacity = 0
		}
		if strings.TrimSpace(p.Outline) == "0" && (k == KindPolygon || k == KindRectangle || k == KindCircle) {
			s.StrokeOpacity = 0
		}
	}
	if i := st.Icon; i != nil && k == KindMarker {
		if c, a, ok := kmlReadColor(i.Color); ok {
			s.Fill, s.FillOpacity = c, a
		}
		base := strings.TrimSuffix(path.Base(i.Href), path.Ext(i.Href))
		for sym, icon := range kmlSymbolIcons {
			if base == icon {
				s.Symbol = sym
			}
		}
	}
	if l := st.Label; l != nil {
		if v, ok := parseNumber(l.Scale); ok {
			s.TextSize = clamp(v*kmlTextScale, 0, MaxTextSize)
		}
		if c, a, ok := kmlReadColor(l.Color); ok && k == KindText {
			s.Stroke, s.StrokeOpacity = c, a
		}
	}
}

// resolveAnnotationStyles styles the collected annotations once the whole
// document is read: the kind's DefaultStyle, then the shared style the
// styleUrl names, then the Placemark's own Style, then the frontier:dash
// and frontier:symbol ExtendedData.
func (k *KMLReader) resolveAnnotationStyles() {
	if k.resolved {
		return
	}
	k.resolved = true
	for i := range k.ann.items {
		if i >= len(k.annStyles) {
			break
		}
		a, ref := &k.ann.items[i], k.annStyles[i]
		s := DefaultStyle(a.Kind)
		applyKMLStyle(&s, a.Kind, k.sharedStyle(ref.url, 0))
		applyKMLStyle(&s, a.Kind, ref.inline)
		if d, ok := ParseDash(ref.dash); ok {
			s.Dash = d
		}
		if sym := strings.ToLower(ref.symbol); knownSymbol(sym) {
			s.Symbol = sym
		}
		a.Style = s
	}
	if k.tooManyStyles {
		k.ann.warnings = append(k.ann.warnings, fmt.Sprintf("more than %d shared styles: the rest ignored", maxKMLStyles))
	}
}

// kmlPoints reads a coordinates element: "lon,lat[,alt]" tuples separated
// by white space.
func kmlPoints(s string) ([]orb.Point, error) {
	f := strings.Fields(s)
	out := make([]orb.Point, 0, len(f))
	for _, t := range f {
		parts := strings.Split(t, ",")
		lon, ok1 := parseNumber(parts[0])
		var lat float64
		ok2 := len(parts) >= 2
		if ok2 {
			lat, ok2 = parseNumber(parts[1])
		}
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("coordinates %q are not longitude,latitude", cut(t))
		}
		out = append(out, orb.Point{lon, lat})
	}
	if len(out) == 0 {
		return nil, errors.New("empty coordinates")
	}
	return out, nil
}

// kmlParts splits a Placemark's geometry into simple parts, warning about
// what it cannot read.
func (k *KMLReader) kmlParts(g *kmlGeometryIn, depth int, out []gjPart) []gjPart {
	if g == nil {
		return out
	}
	if depth > maxGeomNesting {
		k.ann.warn("placemark", k.mark, "MultiGeometry nested more than %d deep: the inner ones skipped", maxGeomNesting)
		return out
	}
	for _, c := range g.Points {
		if pts, err := kmlPoints(c.Coordinates); err != nil {
			k.ann.warn("placemark", k.mark, "a Point skipped: %v", err)
		} else {
			out = append(out, gjPart{typ: "Point", point: pts[0]})
		}
	}
	for _, c := range g.Lines {
		if pts, err := kmlPoints(c.Coordinates); err != nil {
			k.ann.warn("placemark", k.mark, "a LineString skipped: %v", err)
		} else {
			out = append(out, gjPart{typ: "LineString", line: pts})
		}
	}
	for _, c := range g.Rings {
		if pts, err := kmlPoints(c.Coordinates); err != nil {
			k.ann.warn("placemark", k.mark, "a LinearRing skipped: %v", err)
		} else {
			out = append(out, gjPart{typ: "Polygon", rings: [][]orb.Point{pts}})
		}
	}
	for _, p := range g.Polys {
		outer, err := kmlPoints(p.Outer.Coordinates)
		if err != nil {
			k.ann.warn("placemark", k.mark, "a Polygon skipped: outer boundary: %v", err)
			continue
		}
		rings := [][]orb.Point{outer}
		for range p.Inner {
			rings = append(rings, nil) // holes are dropped: only counted
		}
		out = append(out, gjPart{typ: "Polygon", rings: rings})
	}
	for _, m := range g.Multi {
		out = k.kmlParts(m, depth+1, out)
	}
	return out
}

// placemarkAnnotations collects the annotations of Placemark pm (number
// k.mark): all its geometry when all is true, else all but its Points.
// It returns the coordinates of the Points left for events, and whether
// the Placemark has a geometry element (readable or not).
func (k *KMLReader) placemarkAnnotations(pm *kmlPlacemarkIn, all bool, ext map[string]string, t *kmlTime) (points []string, hasGeometry bool) {
	var g kmlGeometryIn
	if pm.Point != nil {
		g.Points = append(g.Points, *pm.Point)
	}
	if pm.LineString != nil {
		g.Lines = append(g.Lines, *pm.LineString)
	}
	if pm.LinearRing != nil {
		g.Rings = append(g.Rings, *pm.LinearRing)
	}
	if pm.Polygon != nil {
		g.Polys = append(g.Polys, *pm.Polygon)
	}
	if pm.Multi != nil {
		g.Multi = append(g.Multi, pm.Multi)
	}
	if !all {
		// Points (also in MultiGeometries, as before annotations) stay
		// events.
		var collect func(m *kmlGeometryIn, depth int)
		collect = func(m *kmlGeometryIn, depth int) {
			if m == nil || depth > maxGeomNesting {
				return
			}
			for _, c := range m.Points {
				points = append(points, c.Coordinates)
			}
			m.Points = nil
			for _, sub := range m.Multi {
				collect(sub, depth+1)
			}
		}
		collect(&g, 0)
	}
	parts := k.kmlParts(&g, 0, nil)
	hasGeometry = pm.Point != nil || pm.LineString != nil || pm.LinearRing != nil || pm.Polygon != nil || pm.Multi != nil
	if len(parts) == 0 {
		return points, hasGeometry
	}
	hint := KindMarker - 1
	if kind, ok := ParseAnnotationKind(ext[PropKind]); ok {
		hint = kind
	}
	var circle *circleSpec
	if hint == KindCircle {
		circle = &circleSpec{}
		if pts, err := kmlPoints(ext[PropCenter]); err == nil {
			circle.center, circle.hasCenter = pts[0], true
		}
		circle.radius, circle.hasRadius = parseNumber(ext[PropRadius])
	}
	from, to := k.annotationValidity(t)
	for _, part := range parts {
		a := k.ann.shape("placemark", k.mark, hint, len(parts) == 1, part, circle)
		a.Label, a.Notes = strings.TrimSpace(pm.Name), strings.TrimSpace(pm.Description)
		a.Style = DefaultStyle(a.Kind) // until resolveAnnotationStyles
		a.ValidFrom, a.ValidTo = from, to
		before := len(k.ann.items)
		k.ann.add("placemark", k.mark, a)
		if len(k.ann.items) > before {
			k.annStyles = append(k.annStyles, kmlAnnotationStyle{url: cut(pm.StyleURL), inline: pm.Style.trimmed(),
				dash: cut(ext[PropDash]), symbol: cut(ext[PropSymbol])})
		}
	}
	return points, hasGeometry
}

// annotationValidity reads a TimeStamp or TimeSpan as validity: a
// TimeStamp's when is both ends; dates stand for their first day as begin
// and their last as end.
func (k *KMLReader) annotationValidity(t *kmlTime) (from, to time.Time) {
	if t == nil {
		return
	}
	read := func(field, s string, end bool) time.Time {
		if strings.TrimSpace(s) == "" {
			return time.Time{}
		}
		v, err := parseValidity(s, end)
		if err != nil {
			k.ann.warn("placemark", k.mark, "%s ignored: %v", field, err)
		}
		return v
	}
	if strings.TrimSpace(t.When) != "" {
		return read("TimeStamp", t.When, false), read("TimeStamp", t.When, true)
	}
	from, to = read("TimeSpan/begin", t.Begin, false), read("TimeSpan/end", t.End, true)
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		k.ann.warn("placemark", k.mark, "TimeSpan end before begin: the span ignored")
		return time.Time{}, time.Time{}
	}
	return from, to
}

// frontierExtendedData returns a Placemark's frontier:* ExtendedData by
// lower-case name.
func frontierExtendedData(pm *kmlPlacemarkIn) map[string]string {
	var m map[string]string
	for _, d := range pm.Data {
		name := strings.ToLower(strings.TrimSpace(d.Name))
		if strings.HasPrefix(name, "frontier:") {
			if m == nil {
				m = map[string]string{}
			}
			m[name] = strings.TrimSpace(d.Value)
		}
	}
	return m
}

// ReadAnnotationsKML reads every Placemark geometry of a KML document as
// annotations: Points as markers (text when frontier:kind says so),
// LineStrings as polylines, LinearRings and Polygons as polygons (holes
// dropped with a warning), MultiGeometries as one annotation per part;
// name → Label, description → Notes, TimeStamp/TimeSpan (the Placemark's
// or an enclosing Folder's) → validity; the style from the Placemark's own
// Style and the shared Style or StyleMap (its normal pair) its styleUrl
// names; Frontier's ExtendedData (frontier:kind, frontier:radius_m,
// frontier:center, frontier:dash, frontier:symbol) restores circles,
// arrows, rectangles, text, range-bearing and freehand lines. A bad
// Placemark is skipped with a warning naming its number.
func ReadAnnotationsKML(r io.Reader, name string) ([]Annotation, []string, error) {
	k, err := NewKMLReader(name, r)
	if err != nil {
		return nil, nil, err
	}
	return k.readAllAnnotations()
}

// ReadAnnotationsKMZ reads the annotations of a KMZ archive's KML
// document, as ReadAnnotationsKML.
func ReadAnnotationsKMZ(r io.ReaderAt, size int64, name string) ([]Annotation, []string, error) {
	k, err := NewKMZReader(name, r, size)
	if err != nil {
		return nil, nil, err
	}
	defer k.Close()
	return k.readAllAnnotations()
}

func (k *KMLReader) readAllAnnotations() ([]Annotation, []string, error) {
	k.annotationsOnly = true
	for {
		_, _, err := k.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var re *RowError
		if errors.As(err, &re) {
			k.ann.warn("placemark", re.Line, "skipped: %s", strings.TrimPrefix(re.Error(), fmt.Sprintf("line %d: ", re.Line)))
			continue
		}
		if err != nil {
			return nil, nil, err
		}
	}
	items := k.Annotations()
	return items, k.Warnings(), nil
}
