package data

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

func readKMLAnnotations(t *testing.T, text string) ([]Annotation, []string) {
	t.Helper()
	items, warns, err := ReadAnnotationsKML(strings.NewReader(text), "t.kml")
	if err != nil {
		t.Fatalf("ReadAnnotationsKML: %v", err)
	}
	return items, warns
}

func TestAnnotationKMLRoundTrip(t *testing.T) {
	items := exchangeFixture()
	layer := Layer{ID: 3, Name: "Khyber <pass> & road"}
	var kml, kmz bytes.Buffer
	if err := WriteAnnotationsKML(&kml, layer, items); err != nil {
		t.Fatal(err)
	}
	if err := WriteAnnotationsKMZ(&kmz, layer, items); err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(kml.Bytes(), new(struct{})); err != nil {
		t.Fatalf("not well-formed XML: %v", err)
	}
	fromKMZ, warnsKMZ, err := ReadAnnotationsKMZ(bytes.NewReader(kmz.Bytes()), int64(kmz.Len()), "t.kmz")
	if err != nil {
		t.Fatal(err)
	}
	got, warns := readKMLAnnotations(t, kml.String())
	for name, res := range map[string]struct {
		items []Annotation
		warns []string
	}{"kml": {got, warns}, "kmz": {fromKMZ, warnsKMZ}} {
		if len(res.warns) != 0 {
			t.Errorf("%s warnings %q", name, res.warns)
		}
		if len(res.items) != len(items) {
			t.Fatalf("%s: read %d annotations, wrote %d", name, len(res.items), len(items))
		}
		for i := range items {
			// KML colours carry opacity as a byte.
			if d := sameAnnotation(items[i], res.items[i], 1e-7, 0.5/255); d != "" {
				t.Errorf("%s %s: %s", name, items[i].Kind, d)
			}
		}
	}
}

// The document has what Google Earth and GDAL look for: the layer's name
// on the Document and the Folder, aabbggrr colours with the opacity as
// alpha, a hidden icon for text, counterclockwise closed rings, TimeSpans.
func TestAnnotationKMLDocument(t *testing.T) {
	items := exchangeFixture()
	var buf bytes.Buffer
	if err := WriteAnnotationsKML(&buf, Layer{Name: "Khyber", Hidden: true}, items); err != nil {
		t.Fatal(err)
	}
	doc := buf.String()
	for _, want := range []string{
		"<Document><name>Khyber</name>",
		"<Folder><name>Khyber</name><visibility>0</visibility>",
		// stroke #123456 at 0.8 → cc 56 34 12; fill #abcdef at 0.4 → 66 ef cd ab
		`<Style id="a1"><IconStyle><color>66efcdab</color><Icon><href>http://maps.google.com/mapfiles/kml/shapes/square.png</href></Icon></IconStyle><LabelStyle><scale>1.1875</scale></LabelStyle><LineStyle><color>cc563412</color><width>3.5</width></LineStyle><PolyStyle><color>66efcdab</color></PolyStyle></Style>`,
		`<Style id="a2"><IconStyle><scale>0</scale></IconStyle><LabelStyle><color>cc563412</color><scale>1.25</scale></LabelStyle>`,
		"<TimeSpan><begin>2024-03-01</begin><end>2024-03-31</end></TimeSpan>",
		"<TimeSpan><begin>2024-03-01T06:30:15Z</begin></TimeSpan>",
		`<Data name="frontier:kind"><value>circle</value></Data>`,
		`<Data name="frontier:radius_m"><value>5000</value></Data><Data name="frontier:center"><value>71.0916,34.1045</value></Data>`,
		`<Data name="frontier:distance_m"><value>41213.048</value></Data>`,
		"<name>marker &lt;b&gt;&amp;&lt;/b&gt; Khyber – 1</name>",
		"<Polygon><outerBoundaryIs><LinearRing><coordinates>71,34 71.5,34 71.2,34.3 71,34</coordinates></LinearRing></outerBoundaryIs></Polygon>",
		"<Point><coordinates>71.0916,34.1045</coordinates></Point>",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("document lacks %s", want)
		}
	}
	if n := strings.Count(doc, "<Placemark>"); n != len(items) {
		t.Errorf("%d placemarks", n)
	}
}

func TestReadAnnotationsKMLStyles(t *testing.T) {
	doc := `<?xml version="1.0"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Style id="red"><LineStyle><color>7f0000ff</color><width>5</width></LineStyle><PolyStyle><color>330000ff</color><outline>0</outline></PolyStyle></Style>
<Style id="blue-hi"><LineStyle><color>ffff0000</color></LineStyle></Style>
<Style id="blue"><LineStyle><color>ffff0000</color><width>2</width></LineStyle><IconStyle><color>ff00ff00</color><Icon><href>http://maps.google.com/mapfiles/kml/shapes/star.png</href></Icon></IconStyle><LabelStyle><scale>2</scale></LabelStyle></Style>
<StyleMap id="map"><Pair><key>highlight</key><styleUrl>#blue-hi</styleUrl></Pair><Pair><key>normal</key><styleUrl>#blue</styleUrl></Pair></StyleMap>
<StyleMap id="inline-map"><Pair><key>normal</key><Style><LineStyle><color>ff00ffff</color></LineStyle></Style></Pair></StyleMap>
<Folder><TimeSpan><begin>2024-01</begin><end>2024-02</end></TimeSpan>
<Placemark><name> Road </name><description><![CDATA[<b>paved</b>]]></description><styleUrl>#red</styleUrl>
  <LineString><coordinates>71,34,0
    71.5,34.1,0</coordinates></LineString></Placemark>
<Placemark><name>Zone</name><styleUrl>#red</styleUrl><Style><PolyStyle><fill>0</fill></PolyStyle></Style>
  <Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 4,0 4,4 0,0</coordinates></LinearRing></outerBoundaryIs>
  <innerBoundaryIs><LinearRing><coordinates>1,1 2,1 2,2 1,1</coordinates></LinearRing></innerBoundaryIs></Polygon></Placemark>
</Folder>
<Placemark><name>Pin</name><styleUrl>#map</styleUrl><TimeStamp><when>2024-03-05</when></TimeStamp><Point><coordinates>1,2</coordinates></Point></Placemark>
<Placemark><styleUrl>other.kml#late</styleUrl><MultiGeometry><LineString><coordinates>0,0 1,1</coordinates></LineString>
  <MultiGeometry><LinearRing><coordinates>0,0 1,0 1,1 0,0</coordinates></LinearRing><Point><coordinates>5,5</coordinates></Point></MultiGeometry></MultiGeometry></Placemark>
<Placemark><styleUrl>#inline-map</styleUrl><LineString><coordinates>0,0 x,1</coordinates></LineString></Placemark>
<Placemark><styleUrl>#inline-map</styleUrl><TimeSpan><begin>2024-05-01T10:00:00Z</begin></TimeSpan><LineString><coordinates>0,0 3,1</coordinates></LineString></Placemark>
<Placemark><name>empty</name></Placemark>
<Style id="late"><LineStyle><color>ff000000</color></LineStyle></Style>
</Document></kml>`
	items, warns := readKMLAnnotations(t, doc)
	var kinds []string
	for _, a := range items {
		kinds = append(kinds, a.Kind.String())
	}
	// Within a MultiGeometry, parts come by type: points, lines, rings,
	// polygons, then nested MultiGeometries.
	if got := strings.Join(kinds, " "); got != "polyline polygon marker polyline marker polygon polyline" {
		t.Fatalf("kinds %s", got)
	}
	road, zone, pin, multi, lone, ring, yellow := items[0], items[1], items[2], items[3], items[4], items[5], items[6]
	if road.Label != "Road" || road.Notes != "<b>paved</b>" || road.Points[1] != (orb.Point{71.5, 34.1}) {
		t.Errorf("road %+v", road)
	}
	if s := road.Style; s.Stroke != "#ff0000" || s.StrokeOpacity != 127.0/255 || s.StrokeWidth != 5 || s.Fill != "#ff0000" {
		t.Errorf("shared style %+v", s)
	}
	if road.ValidFrom != day("2024-01-01") || road.ValidTo != day("2024-02-29") {
		t.Errorf("inherited span %v %v", road.ValidFrom, road.ValidTo)
	}
	// The inline style overrides the shared one; outline 0 hides a
	// polygon's stroke.
	if s := zone.Style; s.FillOpacity != 0 || s.StrokeOpacity != 0 || s.StrokeWidth != 5 || len(zone.Points) != 3 {
		t.Errorf("zone %+v", zone)
	}
	if s := pin.Style; s.Fill != "#00ff00" || s.FillOpacity != 1 || s.Symbol != "star" || s.TextSize != 32 || s.Stroke != "#0000ff" {
		t.Errorf("StyleMap normal pair %+v", s)
	}
	if pin.ValidFrom != day("2024-03-05") || pin.ValidTo != day("2024-03-05") {
		t.Errorf("TimeStamp %v %v", pin.ValidFrom, pin.ValidTo)
	}
	// A style declared after its use still applies; a file part of the
	// URL is ignored.
	if multi.Style.Stroke != "#000000" || ring.Style.Stroke != "#000000" || lone.Points[0] != (orb.Point{5, 5}) {
		t.Errorf("late style %+v %+v", multi.Style, ring.Style)
	}
	if yellow.Style.Stroke != "#ffff00" || yellow.ValidFrom != time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC) || !yellow.ValidTo.IsZero() {
		t.Errorf("inline StyleMap pair %+v", yellow)
	}
	want := []string{
		"placemark 2: 1 polygon holes dropped",
		`placemark 5: a LineString skipped: coordinates "x,1" are not longitude,latitude`,
		"1 placemarks without a geometry skipped",
	}
	if strings.Join(warns, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(warns, "\n"), strings.Join(want, "\n"))
	}
}

// In an event import, Points stay events, except Frontier's annotation
// placemarks; lines and polygons become annotations either way.
func TestKMLImportSplitsEventsAndAnnotations(t *testing.T) {
	doc := `<kml><Document>
<Placemark><name>Clash</name><TimeStamp><when>2024-03-05</when></TimeStamp><MultiGeometry><Point><coordinates>1,2</coordinates></Point><LineString><coordinates>0,0 1,1</coordinates></LineString></MultiGeometry></Placemark>
<Placemark><name>Camp</name><ExtendedData><Data name="frontier:kind"><value>marker</value></Data><Data name="frontier:symbol"><value>camp</value></Data></ExtendedData><Point><coordinates>3,4</coordinates></Point></Placemark>
<Placemark><name>Ring</name><ExtendedData><Data name="Frontier:Kind"><value>circle</value></Data><Data name="frontier:center"><value>3,4</value></Data><Data name="frontier:radius_m"><value>1500.5</value></Data></ExtendedData>
<Polygon><outerBoundaryIs><LinearRing><coordinates>3,4 3.1,4 3.1,4.1 3,4</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
</Document></kml>`
	evs, errs, k := readKML(t, doc)
	if len(evs) != 1 || len(errs) != 0 || evs[0].Location != "Clash" {
		t.Fatalf("events %+v, errors %v", evs, errs)
	}
	as := k.Annotations()
	if len(as) != 3 || as[0].Kind != KindPolyline || as[0].Label != "Clash" || as[0].ValidFrom != day("2024-03-05") {
		t.Fatalf("annotations %+v", as)
	}
	if as[1].Kind != KindMarker || as[1].Style.Symbol != "camp" || as[2].Kind != KindCircle || as[2].Radius != 1500.5 || as[2].Points[0] != (orb.Point{3, 4}) {
		t.Errorf("frontier placemarks %+v %+v", as[1], as[2])
	}
}

func TestReadAnnotationsKMLErrors(t *testing.T) {
	for _, text := range []string{"", "<gpx/>", "<kml><Document><Placemark>"} {
		if _, _, err := ReadAnnotationsKML(strings.NewReader(text), "x.kml"); err == nil || !strings.Contains(err.Error(), "x.kml") {
			t.Errorf("%q: %v", text, err)
		}
	}
	if _, _, err := ReadAnnotationsKMZ(bytes.NewReader([]byte("PK\x03\x04junk")), 8, "x.kmz"); err == nil {
		t.Error("junk KMZ read")
	}
	// Too deep MultiGeometries are cut with a warning.
	g := `<Point><coordinates>1,2</coordinates></Point>`
	for range maxGeomNesting + 2 {
		g = "<MultiGeometry>" + g + "</MultiGeometry>"
	}
	items, warns := readKMLAnnotations(t, "<kml><Placemark>"+g+"</Placemark></kml>")
	if len(items) != 0 || len(warns) != 1 || !strings.Contains(warns[0], "placemark 1: MultiGeometry nested more than 4 deep") {
		t.Errorf("%v %q", items, warns)
	}
}

func ExampleWriteAnnotationsKML() {
	items := []Annotation{{
		Kind: KindArrow, Points: []orb.Point{{71.0916, 34.1045}, {71.5249, 34.0151}},
		Label: "Route", Style: DefaultStyle(KindArrow),
	}}
	var buf bytes.Buffer
	if err := WriteAnnotationsKML(&buf, Layer{Name: "Routes"}, items); err != nil {
		panic(err)
	}
	back, _, err := ReadAnnotationsKML(&buf, "routes.kml")
	if err != nil {
		panic(err)
	}
	fmt.Println(back[0].Kind, back[0].Label, back[0].Points, back[0].Style.Stroke)
	// Output: arrow Route [[71.0916 34.1045] [71.5249 34.0151]] #d7191c
}

// FuzzAnnotationKML feeds arbitrary bytes to ReadAnnotationsKML: it must
// never panic, every annotation must validate, and what it reads must
// write and read back unchanged (opacities within a byte).
func FuzzAnnotationKML(f *testing.F) {
	var buf bytes.Buffer
	if err := WriteAnnotationsKML(&buf, Layer{Name: "seed"}, exchangeFixture()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	if b, err := readTestdata("quirks.kml"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		fuzzExchange(t, b, "kml", ReadAnnotationsKML, WriteAnnotationsKML, kmlRoundedAnnotation, 0.5/255)
	})
}

// kmlRoundedAnnotation is a as the KML export writes it.
func kmlRoundedAnnotation(a Annotation) Annotation {
	a = roundedAnnotation(a)
	a.Label, a.Notes = strings.TrimSpace(xmlClean(a.Label)), strings.TrimSpace(xmlClean(a.Notes))
	return a
}
