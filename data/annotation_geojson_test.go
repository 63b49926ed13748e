package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

// exchangeFixture returns one annotation of every kind, each with every
// style field set away from its default, labels and notes with markup and
// non-ASCII text, and a mix of undated, day and instant validity.
func exchangeFixture() []Annotation {
	var out []Annotation
	for k := KindMarker; k <= KindRangeBearing; k++ {
		a := okAnnotation(k)
		a.ID, a.Layer = uint64(k)*10, 3
		a.Label = fmt.Sprintf("%s <b>&</b> Khyber – %d", k, k)
		a.Notes = "line one\nline \"two\" ]]> 'three'"
		a.Style = Style{Stroke: "#123456", StrokeWidth: 3.5, StrokeOpacity: 0.8, Dash: Dash(int(k) % 3),
			Fill: "#abcdef", FillOpacity: 0.4, TextSize: 18 + float64(k), Symbol: MarkerSymbols[int(k)%len(MarkerSymbols)]}
		switch k % 3 {
		case 1:
			a.ValidFrom, a.ValidTo = day("2024-03-01"), day("2024-03-31")
		case 2:
			a.ValidFrom = time.Date(2024, 3, 1, 6, 30, 15, 0, time.UTC)
		}
		out = append(out, a)
	}
	return out
}

// sameAnnotation reports how got differs from want, ignoring IDs, layer
// and times the store sets; coordinates may differ by tol degrees and
// opacities by otol.
func sameAnnotation(want, got Annotation, tol, otol float64) string {
	if got.Kind != want.Kind {
		return fmt.Sprintf("kind %s, want %s", got.Kind, want.Kind)
	}
	if len(got.Points) != len(want.Points) {
		return fmt.Sprintf("%d points, want %d: %v", len(got.Points), len(want.Points), got.Points)
	}
	for i := range got.Points {
		if math.Abs(got.Points[i][0]-want.Points[i][0]) > tol || math.Abs(got.Points[i][1]-want.Points[i][1]) > tol {
			return fmt.Sprintf("point %d %v, want %v", i, got.Points[i], want.Points[i])
		}
	}
	if math.Abs(got.Radius-want.Radius) > 1e-6 {
		return fmt.Sprintf("radius %v, want %v", got.Radius, want.Radius)
	}
	if got.Label != want.Label || got.Notes != want.Notes {
		return fmt.Sprintf("label %q notes %q, want %q %q", got.Label, got.Notes, want.Label, want.Notes)
	}
	gs, ws := got.Style, want.Style
	if math.Abs(gs.StrokeOpacity-ws.StrokeOpacity) > otol || math.Abs(gs.FillOpacity-ws.FillOpacity) > otol {
		return fmt.Sprintf("opacities %v %v, want %v %v", gs.StrokeOpacity, gs.FillOpacity, ws.StrokeOpacity, ws.FillOpacity)
	}
	gs.StrokeOpacity, gs.FillOpacity = ws.StrokeOpacity, ws.FillOpacity
	if gs != ws {
		return fmt.Sprintf("style %+v, want %+v", got.Style, want.Style)
	}
	if !got.ValidFrom.Equal(want.ValidFrom) || !got.ValidTo.Equal(want.ValidTo) {
		return fmt.Sprintf("valid %v–%v, want %v–%v", got.ValidFrom, got.ValidTo, want.ValidFrom, want.ValidTo)
	}
	return ""
}

func readGeoJSONAnnotations(t *testing.T, text string) ([]Annotation, []string) {
	t.Helper()
	items, warns, err := ReadAnnotationsGeoJSON(strings.NewReader(text), "t.geojson")
	if err != nil {
		t.Fatalf("ReadAnnotationsGeoJSON: %v", err)
	}
	return items, warns
}

func TestAnnotationGeoJSONRoundTrip(t *testing.T) {
	items := exchangeFixture()
	var buf bytes.Buffer
	if err := WriteAnnotationsGeoJSON(&buf, Layer{ID: 3, Name: "Khyber"}, items); err != nil {
		t.Fatal(err)
	}
	got, warns := readGeoJSONAnnotations(t, buf.String())
	if len(warns) != 0 {
		t.Errorf("warnings %q", warns)
	}
	if len(got) != len(items) {
		t.Fatalf("read %d annotations, wrote %d", len(got), len(items))
	}
	for i := range items {
		if d := sameAnnotation(items[i], got[i], 1e-7, 0); d != "" {
			t.Errorf("%s: %s", items[i].Kind, d)
		}
	}
}

// The file is RFC 7946: a FeatureCollection without crs, positions
// longitude first and rounded to 1e-7°, polygon rings closed and
// counterclockwise, a circle drawn with 72 vertices at its radius.
func TestAnnotationGeoJSONIsRFC7946(t *testing.T) {
	items := exchangeFixture()
	items[0].Points[0] = orb.Point{71.123456789, 34.987654321}
	cw := okAnnotation(KindPolygon)
	cw.Points = []orb.Point{{71, 34}, {71.2, 34.3}, {71.5, 34}} // clockwise
	items = append(items, cw)
	var buf bytes.Buffer
	if err := WriteAnnotationsGeoJSON(&buf, Layer{Name: "L"}, items); err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string          `json:"type"`
		Name     string          `json:"name"`
		CRS      json.RawMessage `json:"crs"`
		Features []struct {
			Type     string `json:"type"`
			Geometry struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(buf.Bytes(), &fc); err != nil {
		t.Fatal(err)
	}
	if fc.Type != "FeatureCollection" || fc.Name != "L" || fc.CRS != nil || len(fc.Features) != len(items) {
		t.Fatalf("collection %s %q crs %s, %d features", fc.Type, fc.Name, fc.CRS, len(fc.Features))
	}
	if c := string(fc.Features[0].Geometry.Coordinates); c != "[71.1234568,34.9876543]" {
		t.Errorf("marker position %s", c)
	}
	for i, f := range fc.Features {
		k := items[i].Kind
		want := map[AnnotationKind]string{KindMarker: "Point", KindText: "Point", KindPolygon: "Polygon",
			KindRectangle: "Polygon", KindCircle: "Polygon"}[k]
		if want == "" {
			want = "LineString"
		}
		if f.Type != "Feature" || f.Geometry.Type != want || f.Properties["frontier:kind"] != k.String() {
			t.Errorf("%s as %s %s %v", k, f.Type, f.Geometry.Type, f.Properties["frontier:kind"])
		}
		if want != "Polygon" {
			continue
		}
		var rings [][][2]float64
		if err := json.Unmarshal(f.Geometry.Coordinates, &rings); err != nil {
			t.Fatal(err)
		}
		r := rings[0]
		open := make([]orb.Point, len(r)-1)
		for j := range open {
			open[j] = orb.Point(r[j])
		}
		if r[0] != r[len(r)-1] || ringArea(open) <= 0 {
			t.Errorf("%s ring not closed or not counterclockwise: %v", k, r)
		}
		switch k {
		case KindCircle:
			if len(r) != 73 {
				t.Errorf("circle of %d positions", len(r))
			}
			for _, p := range open {
				if d, _ := GeoInverse(items[i].Points[0], orb.Point(p)); math.Abs(d-items[i].Radius) > 1 {
					t.Errorf("circle vertex %v at %.3f m", p, d)
				}
			}
		case KindRectangle:
			if len(r) != 5 || r[0] != [2]float64(items[i].Points[0]) || r[2] != [2]float64(items[i].Points[1]) {
				t.Errorf("rectangle %v from %v", r, items[i].Points)
			}
		}
	}
	last := fc.Features[len(fc.Features)-1]
	if c := string(last.Geometry.Coordinates); c != "[[[71,34],[71.5,34],[71.2,34.3],[71,34]]]" {
		t.Errorf("clockwise polygon written as %s", c)
	}
	rb := fc.Features[int(KindRangeBearing)-1].Properties
	if d, b := rb["frontier:distance_m"], rb["frontier:bearing_deg"]; d != 41213.048 || b != 103.80154 {
		t.Errorf("range-bearing info %v %v", d, b)
	}
	// The clockwise polygon reads back counterclockwise from the same
	// first vertex.
	got, _ := readGeoJSONAnnotations(t, buf.String())
	if p := got[len(got)-1].Points; p[0] != cw.Points[0] || p[1] != cw.Points[2] || p[2] != cw.Points[1] {
		t.Errorf("clockwise polygon read back as %v", p)
	}
}

func TestReadAnnotationsGeoJSONCases(t *testing.T) {
	feature := func(geom, props string) string {
		return `{"type":"Feature","geometry":` + geom + `,"properties":` + props + `}`
	}
	coll := func(fs ...string) string {
		return `{"type":"FeatureCollection","features":[` + strings.Join(fs, ",") + `]}`
	}
	line := `{"type":"LineString","coordinates":[[1,2],[3,4,100]]}`
	tests := []struct {
		name  string
		text  string
		kinds string // the kinds read, space-separated
		warns []string
		check func(*testing.T, []Annotation)
	}{
		{"bare point", `{"type":"Point","coordinates":[71,34]}`, "marker", nil, func(t *testing.T, a []Annotation) {
			if a[0].Points[0] != (orb.Point{71, 34}) || a[0].Style != DefaultStyle(KindMarker) {
				t.Errorf("%+v", a[0])
			}
		}},
		{"bare polygon closes and keeps first", `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}`, "polygon", nil, func(t *testing.T, a []Annotation) {
			if len(a[0].Points) != 3 {
				t.Errorf("%v", a[0].Points)
			}
		}},
		{"single feature, simplestyle", feature(line, `{"title":"Road","description":"Paved","stroke":"#F00","stroke-width":"4","stroke-opacity":0.5}`), "polyline", nil, func(t *testing.T, a []Annotation) {
			s := a[0].Style
			if a[0].Label != "Road" || a[0].Notes != "Paved" || s.Stroke != "#ff0000" || s.StrokeWidth != 4 || s.StrokeOpacity != 0.5 || s.Fill != DefaultStyle(KindPolyline).Fill {
				t.Errorf("%+v", a[0])
			}
		}},
		{"name when no title", feature(line, `{"name":"N"}`), "polyline", nil, func(t *testing.T, a []Annotation) {
			if a[0].Label != "N" {
				t.Errorf("%q", a[0].Label)
			}
		}},
		{"marker-color is the fill", feature(`{"type":"Point","coordinates":[1,2]}`, `{"marker-color":"#00ff00","marker-symbol":"rocket"}`), "marker", nil, func(t *testing.T, a []Annotation) {
			if a[0].Style.Fill != "#00ff00" || a[0].Style.Symbol != "circle" {
				t.Errorf("%+v", a[0].Style)
			}
		}},
		{"multi geometries split", coll(
			feature(`{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3]]]}`, `{"title":"twins"}`),
			feature(`{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}`, `null`),
			feature(`{"type":"MultiPoint","coordinates":[[0,0],[1,1]]}`, `{}`),
			feature(`{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[9,9]},`+line+`]}`, `{}`)),
			"polyline polyline polygon polygon marker marker marker polyline", nil, func(t *testing.T, a []Annotation) {
				if a[0].Label != "twins" || a[1].Label != "twins" {
					t.Error("labels not shared by the parts")
				}
			}},
		{"holes dropped", coll(feature(line, `{}`), feature(`{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,0]],[[1,1],[2,1],[2,2],[1,1]]]}`, `{}`)),
			"polyline polygon", []string{"feature 2: 1 polygon holes dropped"}, nil},
		{"bad features skipped, good ones load", coll(
			feature(`{"type":"Point","coordinates":[200,1]}`, `{}`),
			`{"type":"Feature","geometry":null}`,
			feature(`{"type":"LineString","coordinates":[[1,2]]}`, `{}`),
			`7`,
			feature(`{"type":"Polygon","coordinates":[]}`, `{}`),
			feature(`{"type":"Curve","coordinates":[]}`, `{}`),
			feature(line, `{"stroke":"red","frontier:valid-from":"soon"}`),
			feature(`{"type":"Point","coordinates":"x"}`, `{}`),
			feature(line, `[1]`)),
			"polyline", []string{
				"feature 1: skipped: point 1 (200, 1) is not a longitude/latitude",
				"feature 2: skipped: geometry: the feature has no geometry",
				"feature 3: skipped: a polyline needs at least 2 points, it has 1",
				"feature 4: skipped: not a GeoJSON object",
				"feature 5: skipped: a Polygon needs a ring",
				`feature 6: skipped: geometry: geometry type "Curve" is not a GeoJSON geometry`,
				`feature 7: stroke "red" is not a #rrggbb colour; the default is used`,
				`feature 7: frontier:valid-from ignored: "soon" is not a date (want e.g. 2020-03-21 or 21 March 2020)`,
				"feature 8: skipped: a Point needs [longitude, latitude] coordinates",
				"feature 9: skipped: properties is not a JSON object",
			}, nil},
		{"frontier kinds", coll(
			feature(`{"type":"Point","coordinates":[1,2]}`, `{"frontier:kind":"text","title":"Hello","frontier:text-size":"22"}`),
			feature(line, `{"frontier:kind":"arrow","frontier:dash":"dashed"}`),
			feature(line, `{"frontier:kind":"range-bearing"}`),
			feature(`{"type":"LineString","coordinates":[[1,2],[3,4],[5,6]]}`, `{"frontier:kind":"range-bearing"}`),
			feature(`{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,1],[0,1],[0,0]]]}`, `{"frontier:kind":"rectangle"}`),
			feature(`{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,1],[0,0]]]}`, `{"frontier:kind":"circle","frontier:center":[1,0.5],"frontier:radius_m":"1000"}`),
			feature(`{"type":"Point","coordinates":[1,0.5]}`, `{"frontier:kind":"circle","frontier:radius_m":50}`),
			feature(`{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,1],[0,0]]]}`, `{"frontier:kind":"circle"}`),
			feature(line, `{"frontier:kind":"freehand","frontier:valid-from":"2024-03","frontier:valid-to":"2024-04"}`)),
			"text arrow range-bearing polyline rectangle circle circle polygon freehand",
			[]string{"feature 8: a circle without frontier:center and frontier:radius_m read as a polygon"},
			func(t *testing.T, a []Annotation) {
				if a[0].Label != "Hello" || a[0].Style.TextSize != 22 || a[0].Style.Stroke != DefaultStyle(KindText).Stroke {
					t.Errorf("text %+v", a[0])
				}
				if a[1].Style.Dash != DashDashed {
					t.Errorf("arrow dash %v", a[1].Style.Dash)
				}
				if r := a[4].Points; r[0] != (orb.Point{0, 0}) || r[1] != (orb.Point{2, 1}) {
					t.Errorf("rectangle %v", r)
				}
				if c := a[5]; c.Points[0] != (orb.Point{1, 0.5}) || c.Radius != 1000 {
					t.Errorf("circle %+v", c)
				}
				if c := a[6]; c.Points[0] != (orb.Point{1, 0.5}) || c.Radius != 50 {
					t.Errorf("point circle %+v", c)
				}
				if f := a[8]; f.ValidFrom != day("2024-03-01") || f.ValidTo != day("2024-04-30") {
					t.Errorf("validity %v %v", f.ValidFrom, f.ValidTo)
				}
			}},
		{"clamped and empty colours", feature(line, `{"stroke":"","stroke-opacity":3,"stroke-width":-2,"fill-opacity":"0.25"}`), "polyline", nil, func(t *testing.T, a []Annotation) {
			if s := a[0].Style; s.Stroke != "" || s.StrokeOpacity != 1 || s.StrokeWidth != 0 || s.FillOpacity != 0.25 {
				t.Errorf("%+v", s)
			}
		}},
		{"instant validity", feature(line, `{"frontier:valid-from":"2024-03-01T10:00:00+02:00","frontier:valid-to":"2024-03-02T00:00:00Z"}`), "polyline", nil, func(t *testing.T, a []Annotation) {
			if a[0].ValidFrom != time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC) || a[0].ValidTo != day("2024-03-02") {
				t.Errorf("%v %v", a[0].ValidFrom, a[0].ValidTo)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			items, warns := readGeoJSONAnnotations(t, tc.text)
			var kinds []string
			for _, a := range items {
				kinds = append(kinds, a.Kind.String())
				if a.ID != 0 || a.Layer != 0 {
					t.Errorf("read with ID %d layer %d", a.ID, a.Layer)
				}
			}
			if strings.Join(kinds, " ") != tc.kinds {
				t.Fatalf("kinds %q, want %q", strings.Join(kinds, " "), tc.kinds)
			}
			if strings.Join(warns, "\n") != strings.Join(tc.warns, "\n") {
				t.Errorf("warnings\n%s\nwant\n%s", strings.Join(warns, "\n"), strings.Join(tc.warns, "\n"))
			}
			if tc.check != nil {
				tc.check(t, items)
			}
		})
	}
}

func TestReadAnnotationsGeoJSONErrorsAndLimits(t *testing.T) {
	for _, text := range []string{``, `[]`, `{"type":"Topology"}`, `{"type":"FeatureCollection","features":[{"type":"Feature",]}`} {
		if _, _, err := ReadAnnotationsGeoJSON(strings.NewReader(text), "x.json"); err == nil || !strings.Contains(err.Error(), "x.json") {
			t.Errorf("%q: err %v", text, err)
		}
	}
	// Nested GeometryCollections are refused past a depth.
	deep := `{"type":"Point","coordinates":[0,0]}`
	for range maxGeomNesting + 1 {
		deep = `{"type":"GeometryCollection","geometries":[` + deep + `]}`
	}
	items, warns := readGeoJSONAnnotations(t, deep)
	if len(items) != 0 || len(warns) != 1 || !strings.Contains(warns[0], "nested more than 4 deep") {
		t.Errorf("deep nesting: %d items, %q", len(items), warns)
	}
	// Warnings are capped, the rest counted.
	var fs []string
	for range maxAnnotationWarnings + 5 {
		fs = append(fs, `{"type":"Feature","geometry":null}`)
	}
	_, warns = readGeoJSONAnnotations(t, `{"type":"FeatureCollection","features":[`+strings.Join(fs, ",")+`]}`)
	if len(warns) != maxAnnotationWarnings+1 || warns[len(warns)-1] != "… and 5 more annotation warnings" {
		t.Errorf("%d warnings, last %q", len(warns), warns[len(warns)-1])
	}
}

func TestAnnotationCollectorCaps(t *testing.T) {
	var c annotationCollector
	a := okAnnotation(KindMarker)
	for range MaxFileAnnotations + 3 {
		c.add("feature", 1, a)
	}
	if len(c.items) != MaxFileAnnotations || len(c.warnings) != 1 || !strings.Contains(c.warnings[0], "later annotations skipped") {
		t.Errorf("%d items, warnings %q", len(c.items), c.warnings)
	}
	c = annotationCollector{}
	line := okAnnotation(KindFreehand)
	line.Points = make([]orb.Point, MaxFileAnnotationPoints/2+1)
	for range 3 {
		c.add("feature", 1, line)
	}
	if len(c.items) != 1 || !c.full {
		t.Errorf("points cap: %d items", len(c.items))
	}
}

func ExampleWriteAnnotationsGeoJSON() {
	items := []Annotation{{
		Kind: KindCircle, Points: []orb.Point{{71.5249, 34.0151}}, Radius: 5000,
		Label: "Peshawar 5 km", Style: DefaultStyle(KindCircle), ValidFrom: day("2024-03-01"),
	}}
	var buf bytes.Buffer
	if err := WriteAnnotationsGeoJSON(&buf, Layer{Name: "Rings"}, items); err != nil {
		panic(err)
	}
	back, _, err := ReadAnnotationsGeoJSON(&buf, "rings.geojson")
	if err != nil {
		panic(err)
	}
	a := back[0]
	fmt.Println(a.Kind, a.Points[0], a.Radius, a.Label, a.ValidFrom.Format(time.DateOnly))
	// Output: circle [71.5249 34.0151] 5000 Peshawar 5 km 2024-03-01
}

// FuzzAnnotationGeoJSON feeds arbitrary bytes to ReadAnnotationsGeoJSON:
// it must never panic, every annotation it returns must validate and have
// no ID, and what it reads must write and read back unchanged.
func FuzzAnnotationGeoJSON(f *testing.F) {
	var buf bytes.Buffer
	if err := WriteAnnotationsGeoJSON(&buf, Layer{Name: "seed"}, exchangeFixture()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	if b, err := readTestdata("quirks.geojson"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]],[[0.1,0.1],[0.2,0.1],[0.2,0.2],[0.1,0.1]]]}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		fuzzExchange(t, b, "geojson", ReadAnnotationsGeoJSON, WriteAnnotationsGeoJSON, roundedAnnotation, 0)
	})
}

// roundedAnnotation is a as the exports write it: coordinates rounded to
// 1e-7°, polygons counterclockwise, rectangles by the corners written.
func roundedAnnotation(a Annotation) Annotation {
	a = a.Clone()
	switch a.Kind {
	case KindPolygon:
		a.Points = ccwRing(a.Points)
	case KindRectangle:
		r := rectangleRing(a.Points[0], a.Points[1])
		a.Points = []orb.Point{r[0], r[2]}
	}
	for i, p := range a.Points {
		a.Points[i] = orb.Point{round7(p[0]), round7(p[1])}
	}
	return a
}

// fuzzExchange is the body of the annotation exchange fuzz targets: what
// read accepts from b must be valid annotations without IDs, which write
// writes and read reads back the same (as round says the format keeps
// them, opacities within otol).
func fuzzExchange(t *testing.T, b []byte, ext string,
	read func(io.Reader, string) ([]Annotation, []string, error),
	write func(io.Writer, Layer, []Annotation) error,
	round func(Annotation) Annotation, otol float64,
) {
	t.Helper()
	items, _, err := read(bytes.NewReader(b), "fuzz."+ext)
	if err != nil {
		return
	}
	for _, a := range items {
		if err := a.Validate(); err != nil || a.ID != 0 {
			t.Fatalf("read an invalid annotation %+v: %v", a, err)
		}
	}
	var out bytes.Buffer
	if err := write(&out, Layer{Name: "fuzz"}, items); err != nil {
		t.Fatalf("write what was read: %v", err)
	}
	back, warns, err := read(&out, "again."+ext)
	if err != nil || len(back) != len(items) {
		t.Fatalf("read back %d of %d annotations: %v %q", len(back), len(items), err, warns)
	}
	for i := range items {
		if d := sameAnnotation(round(items[i]), back[i], 1e-7, otol); d != "" {
			t.Fatalf("annotation %d changed: %s\n%+v\n%+v", i, d, items[i], back[i])
		}
	}
}
