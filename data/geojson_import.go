package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// DatasetGeoJSON is the dataset name of events imported from GeoJSON files
// that do not name their own dataset (Frontier's export does).
const DatasetGeoJSON = "GEOJSON"

// MaxFeatureBytes bounds the input one GeoJSON feature or KML Placemark may
// take. The readers stream, so a file may be any size, but one feature is
// decoded whole.
const MaxFeatureBytes = 64 << 20

// ErrFeatureTooLarge is returned (wrapped) when one feature or Placemark
// is larger than MaxFeatureBytes; the import stops there.
var ErrFeatureTooLarge = fmt.Errorf("one feature is larger than %d MiB", MaxFeatureBytes>>20)

// capReader reads from r but fails with ErrFeatureTooLarge beyond limit
// bytes; allow moves the limit forward.
type capReader struct {
	r        io.Reader
	n, limit int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.n >= c.limit {
		return 0, ErrFeatureTooLarge
	}
	if int64(len(p)) > c.limit-c.n {
		p = p[:c.limit-c.n]
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// allow lets k more bytes be read from here on.
func (c *capReader) allow(k int64) { c.limit = c.n + k }

// Property names the GeoJSON and KML readers map to event fields, most
// specific first. Keys are compared after normKey. Frontier's own export
// names (EventProperties) come first so that a round trip is exact.
var (
	propID       = []string{"event_id_cnty", "event_id", "id", "data_id", "event_id_no_cnty", "frontier_id"}
	propDate     = []string{"event_date", "date", "date_start", "start", "start_date", "datetime", "time", "when", "begin"}
	propDateEnd  = []string{"event_date_end", "date_end", "end", "end_date", "frontier_date_end"}
	propPrecName = []string{"date_precision", "frontier_date_precision"}
	// A Frontier export keeps the source's actor names beside the
	// canonical ones (where the user merged aliases): those come first.
	propActor1     = []string{"frontier_actor1_source", "actor1", "actor", "side_a", "actor_1"}
	propActor2     = []string{"frontier_actor2_source", "actor2", "side_b", "actor_2"}
	propAssoc1     = []string{"frontier_assoc_actor_1_source", "assoc_actor_1", "ally_actor_1"}
	propAssoc2     = []string{"frontier_assoc_actor_2_source", "assoc_actor_2", "ally_actor_2"}
	propType       = []string{"event_type", "type"}
	propSubType    = []string{"sub_event_type", "subtype", "sub_type"}
	propFatalities = []string{"fatalities", "deaths", "killed", "best", "best_est"}
	propLocation   = []string{"location", "name", "place", "where_coordinates"}
	propNotes      = []string{"notes", "description"}
	propSource     = []string{"source"}
	propDataset    = []string{"dataset", "frontier_dataset"}
)

// normKey lower-cases a property name and writes spaces and hyphens as
// underscores ("Event Date" → "event_date").
func normKey(k string) string {
	k = strings.ToLower(strings.TrimSpace(k))
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return '_'
		}
		return r
	}, k)
}

// props are a feature's properties by normalised name, as text.
type props map[string]string

// get returns the first non-empty value among names, and its name.
func (p props) get(names ...string) (string, string) {
	for _, n := range names {
		if v := p[n]; v != "" {
			return v, n
		}
	}
	return "", ""
}

func (p props) str(names ...string) string {
	v, _ := p.get(names...)
	return v
}

// span is a parsed date: its first day, the last day it covers and how
// exactly it is known (day, month or year).
type span struct {
	first, last time.Time
	prec        DatePrecision
}

// parseISODate reads an ISO 8601 / XML Schema date: YYYY, YYYY-MM,
// YYYY-MM-DD or a date-time with or without a zone (taken as its UTC day
// when zoned, as written otherwise); anything else ParseDay accepts is read
// as a day.
func parseISODate(s string) (span, error) {
	s = strings.TrimSpace(s)
	mk := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	switch {
	case len(s) == 4 && allDigits(s):
		y, _ := strconv.Atoi(s)
		t, err := checkYear(s, mk(y, 1, 1))
		if err != nil {
			return span{}, err
		}
		return span{t, mk(y, 12, 31), PrecYear}, nil
	case len(s) == 7 && s[4] == '-' && allDigits(s[:4]) && allDigits(s[5:]):
		y, _ := strconv.Atoi(s[:4])
		m, _ := strconv.Atoi(s[5:])
		if m < 1 || m > 12 {
			return span{}, fmt.Errorf("%q: month %d out of range", s, m)
		}
		t, err := checkYear(s, mk(y, m, 1))
		if err != nil {
			return span{}, err
		}
		return span{t, t.AddDate(0, 1, -1), PrecMonth}, nil
	}
	// XML Schema date-times may carry fractional seconds and a zone.
	for _, l := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04Z07:00", "2006-01-02T15:04", "2006-01-02Z07:00"} {
		if t, err := time.Parse(l, s); err == nil {
			t = t.UTC()
			d, err := checkYear(s, mk(t.Year(), int(t.Month()), t.Day()))
			return span{d, d, PrecDay}, err
		}
	}
	d, err := ParseDay(s)
	if err != nil {
		return span{}, err
	}
	return span{d, d, PrecDay}, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// eventFromProps fills e from p. The date comes from the first date
// property; when there is none, from fallback (a KML TimeStamp or
// TimeSpan), else the feature is rejected. e's Lat and Lon are left as
// they are. id is the feature's own identifier (GeoJSON "id", KML
// Placemark id), used when no property names one; a "DATASET:" prefix
// matching the dataset is dropped, as Frontier's export writes it.
func eventFromProps(e *Event, p props, dataset, id string, fallback *Event) *RowError {
	lat, lon := e.Lat, e.Lon
	*e = Event{
		Dataset:           dataset,
		Lat:               lat,
		Lon:               lon,
		DisorderType:      p.str("disorder_type"),
		EventType:         p.str(propType...),
		SubEventType:      p.str(propSubType...),
		Actor1:            p.str(propActor1...),
		Actor2:            p.str(propActor2...),
		Assoc1:            SplitList(p.str(propAssoc1...)),
		Assoc2:            SplitList(p.str(propAssoc2...)),
		Inter1:            p.str("inter1"),
		Inter2:            p.str("inter2"),
		Interaction:       p.str("interaction"),
		CivilianTargeting: p.str("civilian_targeting"),
		ISO:               p.str("iso"),
		ISO3:              p.str("iso3"),
		Region:            p.str("region"),
		Country:           p.str("country"),
		Admin1:            p.str("admin1"),
		Admin2:            p.str("admin2"),
		Admin3:            p.str("admin3"),
		Location:          p.str(propLocation...),
		Source:            p.str(propSource...),
		SourceScale:       p.str("source_scale"),
		Notes:             p.str(propNotes...),
		Tags:              SplitList(p.str("tags")),
	}
	if ds := p.str(propDataset...); ds != "" {
		e.Dataset = ds
	}
	e.SourceID = p.str(propID...)
	if e.SourceID == "" {
		e.SourceID = strings.TrimPrefix(id, e.Dataset+":")
	}
	if len(e.SourceID) > MaxIDLen {
		return &RowError{Field: "id", Reason: fmt.Sprintf("event ID longer than %d bytes", MaxIDLen)}
	}

	// timestamp is ACLED's last-updated time when it is a Unix time, and a
	// date otherwise.
	ts := p.str("timestamp")
	if ts != "" {
		if n, ok := parseWhole(ts, math.MaxInt64/2); ok && n > 100000 {
			e.Updated = time.Unix(n, 0).UTC()
			ts = ""
		}
	}
	ds, dk := p.get(propDate...)
	if ds == "" && ts != "" {
		ds, dk = ts, "timestamp"
	}
	switch {
	case ds != "":
		d, err := parseISODate(ds)
		if err != nil {
			return &RowError{Field: dk, Reason: err.Error()}
		}
		e.Date, e.DateEnd, e.DatePrecision = d.first, d.first, d.prec
		if es, ek := p.get(propDateEnd...); es != "" {
			end, err := parseISODate(es)
			if err != nil {
				return &RowError{Field: ek, Reason: err.Error()}
			}
			if end.last.Before(d.first) {
				return &RowError{Field: ek, Reason: fmt.Sprintf("%s is before the start %s", end.last.Format(DateLayout), d.first.Format(DateLayout))}
			}
			if e.DateEnd = end.last; !e.DateEnd.Equal(e.Date) {
				e.DatePrecision = PrecSpan
			}
		}
		if tp, ok := parseWhole(p.str("time_precision"), 3); ok && e.DatePrecision == PrecDay {
			switch tp {
			case 2:
				e.DatePrecision = PrecWeek
			case 3:
				e.DatePrecision = PrecMonth
			}
		}
	case fallback != nil && !fallback.Date.IsZero():
		e.Date, e.DateEnd, e.DatePrecision = fallback.Date, fallback.DateEnd, fallback.DatePrecision
	default:
		return &RowError{Field: "date", Reason: "no date (looked for " + strings.Join(propDate, ", ") + ")"}
	}
	if pn, pk := p.get(propPrecName...); pn != "" {
		prec, ok := parsePrecision(pn)
		if !ok {
			return &RowError{Field: pk, Reason: fmt.Sprintf("%q is not day, week, month, year or span", pn)}
		}
		e.DatePrecision = prec
	}
	if gp := p.str("geo_precision"); gp != "" {
		n, ok := parseWhole(gp, 255)
		if !ok {
			return &RowError{Field: "geo_precision", Reason: fmt.Sprintf("%q is not a whole number", gp)}
		}
		e.GeoPrecision = uint8(n)
	}
	if f, fk := p.get(propFatalities...); f != "" {
		n, ok := parseWhole(f, math.MaxInt32)
		if !ok {
			return &RowError{Field: fk, Reason: fmt.Sprintf("%q is not a count", f)}
		}
		e.Fatalities = int32(n)
	}
	return nil
}

// contentID returns a stable event ID for a feature that names none: a
// hash of its content, so that importing the same file again updates
// rather than duplicates. Identical features share an ID.
func contentID(prefix string, parts ...[]byte) string {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write(p)
		h.Write([]byte{0})
	}
	return fmt.Sprintf("%s-%016x", prefix, h.Sum64())
}

// checkLonLat validates a coordinate pair into e.
func checkLonLat(e *Event, lon, lat float64) *RowError {
	if lat != lat || lat < -90 || lat > 90 {
		return &RowError{Field: "latitude", Reason: fmt.Sprintf("%v out of range -90..90", lat)}
	}
	if lon != lon || lon < -180 || lon > 180 {
		return &RowError{Field: "longitude", Reason: fmt.Sprintf("%v out of range -180..180", lon)}
	}
	e.Lat, e.Lon = lat, lon
	return nil
}

// GeoJSONReader streams events from an RFC 7946 GeoJSON FeatureCollection
// (or a single Feature, or a bare geometry). Point features become events
// and MultiPoint features one event per point; every other geometry
// (LineString, Polygon, their Multi forms, GeometryCollection), and Points
// whose "frontier:kind" property names an annotation kind, become
// annotations as ReadAnnotationsGeoJSON reads them, returned by
// Annotations when the events are done. Properties are mapped by name: the
// names Frontier's export writes (EventProperties) and common spellings
// (date, time, actor, side_a, deaths, description, …). The line Next
// reports, and a RowError's Line, is the 1-based index of the feature in
// the collection. The features array is read one feature at a time with a
// json.Decoder, so memory stays bounded by the largest feature (at most
// MaxFeatureBytes).
type GeoJSONReader struct {
	// Dataset is given to features without a "dataset" property
	// (DatasetGeoJSON unless changed).
	Dataset string

	name    string
	cr      *capReader
	dec     *json.Decoder
	inArray bool // positioned inside "features"
	done    bool
	feature int
	single  *geoJSONFeature // a top-level Feature, yielded once
	pending []Event         // the rest of a MultiPoint
	pline   int
	ev      Event
	ann     annotationCollector
	// annotationsOnly reads every feature as annotations (Points as
	// markers), for ReadAnnotationsGeoJSON.
	annotationsOnly bool
}

// geoJSONFeature is one feature as decoded.
type geoJSONFeature struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties json.RawMessage `json:"properties"`
}

// NewGeoJSONReader reads the start of a GeoJSON document. It fails, before
// any feature is read, when the input is not a GeoJSON object of type
// FeatureCollection, Feature or one of the geometry types.
func NewGeoJSONReader(name string, r io.Reader) (*GeoJSONReader, error) {
	cr := &capReader{r: skipBOM(r)}
	cr.allow(MaxFeatureBytes)
	g := &GeoJSONReader{Dataset: DatasetGeoJSON, name: name, cr: cr, dec: json.NewDecoder(cr)}
	tok, err := g.dec.Token()
	if err != nil {
		return nil, fmt.Errorf("%s: not GeoJSON: %w", name, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("%s: not GeoJSON: the document is not a JSON object", name)
	}
	top := geoJSONTop{}
	typ, err := g.members(&top)
	if err != nil {
		return nil, fmt.Errorf("%s: not GeoJSON: %w", name, err)
	}
	if g.inArray {
		if typ != "" && typ != "FeatureCollection" {
			return nil, fmt.Errorf("%s: not GeoJSON: type %q has features (want FeatureCollection)", name, typ)
		}
		return g, nil
	}
	switch typ {
	case "FeatureCollection":
		g.done = true // no features member: empty
	case "Feature":
		top.Type = typ
		g.single = &top.geoJSONFeature
	case "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection":
		geom, err := json.Marshal(map[string]any{"type": typ, "coordinates": top.Coordinates, "geometries": top.Geometries})
		if err != nil {
			return nil, fmt.Errorf("%s: not GeoJSON: %w", name, err)
		}
		g.single = &geoJSONFeature{Type: "Feature", Geometry: geom}
	case "":
		return nil, fmt.Errorf("%s: not GeoJSON: no \"type\" or \"features\" member", name)
	default:
		return nil, fmt.Errorf("%s: GeoJSON type %q is not supported (want FeatureCollection, Feature or a geometry)", name, typ)
	}
	return g, nil
}

// geoJSONTop is the top-level object: a Feature or a bare geometry.
type geoJSONTop struct {
	geoJSONFeature
	Coordinates, Geometries json.RawMessage
}

// members reads top-level members up to "features" (leaving the decoder
// inside its array) or to the end of the object, keeping those a single
// Feature or geometry needs in top. It returns the "type" member seen.
func (g *GeoJSONReader) members(top *geoJSONTop) (string, error) {
	typ := ""
	for g.dec.More() {
		tok, err := g.dec.Token()
		if err != nil {
			return typ, err
		}
		key, _ := tok.(string)
		var dst any = new(json.RawMessage)
		switch key {
		case "type":
			dst = &typ
		case "id":
			dst = &top.ID
		case "geometry":
			dst = &top.Geometry
		case "properties":
			dst = &top.Properties
		case "coordinates":
			dst = &top.Coordinates
		case "geometries":
			dst = &top.Geometries
		case "features":
			tok, err := g.dec.Token()
			if err != nil {
				return typ, err
			}
			if d, ok := tok.(json.Delim); !ok || d != '[' {
				return typ, fmt.Errorf("\"features\" is not an array")
			}
			g.inArray = true
			return typ, nil
		}
		if err := g.dec.Decode(dst); err != nil {
			return typ, fmt.Errorf("member %q: %w", key, err)
		}
	}
	_, err := g.dec.Token() // '}'
	return typ, err
}

// Format returns "geojson".
func (g *GeoJSONReader) Format() string { return "geojson" }

// Warnings names the features whose annotations were skipped or changed
// (holes dropped, unreadable colours …), with the reason.
func (g *GeoJSONReader) Warnings() []string { return g.ann.Warnings() }

// Annotations returns the annotations read so far: all of them once Next
// has returned io.EOF.
func (g *GeoJSONReader) Annotations() []Annotation { return g.ann.items }

// Next returns the next event; see EventSource.
func (g *GeoJSONReader) Next() (*Event, int, error) {
	for {
		if len(g.pending) > 0 {
			g.ev = g.pending[0]
			g.pending = g.pending[1:]
			return &g.ev, g.pline, nil
		}
		var f geoJSONFeature
		var raw json.RawMessage
		switch {
		case g.single != nil:
			f, g.single, g.done = *g.single, nil, true
			raw, _ = json.Marshal(f)
		case g.done || !g.inArray:
			return nil, 0, io.EOF
		case !g.dec.More():
			g.inArray = false
			if _, err := g.dec.Token(); err != nil { // ']'
				return nil, g.feature, fmt.Errorf("%s: after feature %d: %w", g.name, g.feature, err)
			}
			if _, err := g.members(&geoJSONTop{}); err != nil {
				return nil, g.feature, fmt.Errorf("%s: after the features: %w", g.name, err)
			}
			g.done = true
			return nil, 0, io.EOF
		default:
			g.cr.allow(MaxFeatureBytes)
			if err := g.dec.Decode(&raw); err != nil {
				return nil, g.feature + 1, fmt.Errorf("%s: feature %d: %w", g.name, g.feature+1, err)
			}
		}
		g.feature++
		line := g.feature
		if len(raw) > 0 && raw[0] != '{' {
			return nil, line, &RowError{Line: line, Reason: "not a GeoJSON object"}
		}
		if g.single == nil && len(raw) > 0 {
			if err := json.Unmarshal(raw, &f); err != nil {
				return nil, line, &RowError{Line: line, Reason: "not a GeoJSON Feature: " + err.Error()}
			}
		}
		evs, rerr := g.feature2events(&f, raw)
		if rerr != nil {
			rerr.Line = line
			return nil, line, rerr
		}
		if len(evs) == 0 {
			continue
		}
		g.pending, g.pline = evs, line
	}
}

// geoJSONGeometry is a decoded geometry.
type geoJSONGeometry struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
}

// feature2events turns one feature into its events (none for a skipped
// geometry).
func (g *GeoJSONReader) feature2events(f *geoJSONFeature, raw []byte) ([]Event, *RowError) {
	if f.Type != "Feature" {
		return nil, &RowError{Field: "type", Reason: fmt.Sprintf("%q is not \"Feature\"", f.Type)}
	}
	if len(f.Geometry) == 0 || string(f.Geometry) == "null" {
		return nil, &RowError{Field: "geometry", Reason: "the feature has no geometry"}
	}
	var geom geoJSONGeometry
	if err := json.Unmarshal(f.Geometry, &geom); err != nil {
		return nil, &RowError{Field: "geometry", Reason: err.Error()}
	}
	var points [][]float64
	switch geom.Type {
	case "Point", "MultiPoint":
		if g.annotationsOnly || annotationKindProp(f.Properties) {
			g.ann.geojsonFeature(g.feature, f.Geometry, f.Properties)
			return nil, nil
		}
	case "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection":
		g.ann.geojsonFeature(g.feature, f.Geometry, f.Properties)
		return nil, nil
	}
	switch geom.Type {
	case "Point":
		var c []float64
		if err := json.Unmarshal(geom.Coordinates, &c); err != nil || len(c) < 2 {
			return nil, &RowError{Field: "geometry", Reason: "a Point needs [longitude, latitude] coordinates"}
		}
		points = [][]float64{c}
	case "MultiPoint":
		if err := json.Unmarshal(geom.Coordinates, &points); err != nil {
			return nil, &RowError{Field: "geometry", Reason: "a MultiPoint needs an array of [longitude, latitude] positions"}
		}
		if len(points) == 0 {
			return nil, &RowError{Field: "geometry", Reason: "the MultiPoint has no points"}
		}
		for _, c := range points {
			if len(c) < 2 {
				return nil, &RowError{Field: "geometry", Reason: "a MultiPoint position needs a longitude and a latitude"}
			}
		}
	default:
		return nil, &RowError{Field: "geometry", Reason: fmt.Sprintf("geometry type %q is not a GeoJSON geometry", geom.Type)}
	}

	p, err := jsonProps(f.Properties)
	if err != nil {
		return nil, &RowError{Field: "properties", Reason: err.Error()}
	}
	id := jsonScalar(f.ID)
	if p.str(propID...) == "" && id == "" {
		id = contentID("geojson", raw)
	}
	var base Event
	if rerr := eventFromProps(&base, p, g.Dataset, id, nil); rerr != nil {
		return nil, rerr
	}
	if base.SourceID == "" {
		base.SourceID = contentID("geojson", raw)
	}
	out := make([]Event, len(points))
	for i, c := range points {
		out[i] = base
		if rerr := checkLonLat(&out[i], c[0], c[1]); rerr != nil {
			return nil, rerr
		}
		if len(points) > 1 {
			out[i].SourceID = base.SourceID + "#" + strconv.Itoa(i+1)
		}
	}
	return out, nil
}

// jsonProps reads a properties object into text values by normalised
// name: strings as they are, numbers as written, booleans as true/false,
// arrays of scalars joined with "; "; objects and nulls are left out.
func jsonProps(raw json.RawMessage) (props, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return props{}, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, errors.New("not a JSON object")
	}
	p := make(props, len(m))
	for k, v := range m {
		s := jsonScalar(v)
		if s == "" && len(v) > 0 && v[0] == '[' {
			var l []json.RawMessage
			if json.Unmarshal(v, &l) == nil {
				parts := make([]string, 0, len(l))
				for _, x := range l {
					if s := jsonScalar(x); s != "" {
						parts = append(parts, s)
					}
				}
				s = JoinList(parts)
			}
		}
		if s != "" {
			p[normKey(k)] = s
		}
	}
	return p, nil
}

// jsonScalar returns a JSON string, number or boolean as trimmed text, and
// "" for anything else.
func jsonScalar(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return ""
	}
	switch v[0] {
	case '"':
		var s string
		if json.Unmarshal(v, &s) != nil {
			return ""
		}
		return strings.TrimSpace(s)
	case '{', '[', 'n':
		return ""
	}
	return string(v)
}
