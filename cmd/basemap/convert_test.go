package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"frontier/data"
	"frontier/mapview/basemap"
)

// rect returns a GeoJSON polygon ring of the rectangle lon0..lon1,
// lat0..lat1, closed, counter-clockwise in lon/lat.
func rect(lon0, lat0, lon1, lat1 float64) string {
	return fmt.Sprintf("[[%v,%v],[%v,%v],[%v,%v],[%v,%v],[%v,%v]]", lon0, lat0, lon1, lat0, lon1, lat1, lon0, lat1, lon0, lat0)
}

func feat(props, typ, coords string) string {
	return fmt.Sprintf(`{"type":"Feature","properties":{%s},"geometry":{"type":%q,"coordinates":%s}}`, props, typ, coords)
}

func collection(feats ...string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(`{"type":"FeatureCollection","features":[` + strings.Join(feats, ",") + `]}`)}
}

const csvHead = "geonameid,name,asciiname,lat,lon,feature_code,country_code,admin1_code,admin1_name,population,elevation_m,timezone"

// fixture is a tiny source directory: countries A (lon 60..70) and B
// (70..80) sharing the edge at lon 70 inside the frontier box, an island
// C across the antimeridian, and D (lon 0..10) with a hole. In the 10m
// admin-1 data A has two provinces and B is split into PK-KP and PK-TA
// (FATA), which must merge.
func fixture() fstest.MapFS {
	world := collection(
		feat(`"name":"Aland","iso_a2":"AA"`, "Polygon", "["+rect(60, 25, 70, 35)+"]"),
		// B clockwise, to check orientation is normalised.
		feat(`"name":"Bland","iso_a2":"BB"`, "Polygon", "[[[70,25],[70,35],[80,35],[80,25],[70,25]]]"),
		// C crosses the antimeridian the world-atlas way.
		feat(`"name":"Cisle","iso_a2":"CC"`, "Polygon", "[[[179,10],[-179,10],[-179,12],[179,12],[179,10]]]"),
		feat(`"name":"Dland","iso_a2":null`, "MultiPolygon", "[["+rect(0, 40, 10, 50)+","+rect(4, 44, 6, 46)+"]]"),
	)
	province := func(iso, a3, label string, lon0, lon1 float64) string {
		props := fmt.Sprintf(`"iso_3166_2":%q,"adm0_a3":%q,"iso_a2":"%s","label":%q,"longitude":%v,"latitude":30`, iso, a3, a3[:2], label, (lon0+lon1)/2)
		return feat(props, "Polygon", "["+rect(lon0, 25, lon1, 35)+"]")
	}
	return fstest.MapFS{
		fileWorld110: world,
		fileWorld50:  world,
		fileCountries10: collection(
			feat(`"name":"Aland"`, "Polygon", "[[[60,25],[70,25],[70,30],[70,35],[60,35],[60,25]]]"),
			feat(`"name":"Bland"`, "Polygon", "[[[70,25],[80,25],[80,35],[70,35],[70,30],[70,25]]]"),
		),
		fileLines10: collection(
			feat(`"kind":"border"`, "LineString", "[[70,25],[70,30],[70,35]]"),
			feat(`"kind":"coast"`, "MultiLineString", "[[[70,35],[60,35],[60,25],[70,25]],[[70,25],[80,25],[80,35],[70,35]]]"),
		),
		fileAdmin1: collection(
			province("AA-1", "AAA", "West", 60, 65),
			province("AA-2", "AAA", "East", 65, 70),
			province("PK-KP", "PAK", "Khyber Pakhtunkhwa", 70, 75),
			province("PK-TA", "PAK", "Federally Administered Tribal Areas", 75, 80),
		),
		fileRivers: collection(feat(`"kind":"river"`, "LineString", "[[61,30],[75,31]]")),
		fileLakes:  collection(feat(`"kind":"lake"`, "Polygon", "["+rect(1, 41, 2, 42)+"]")),
		fileWorldPlaces: {Data: []byte(csvHead + "\n" +
			"1138958,Kabul,Kabul,34.52813,69.17233,PPLC,AF,13,Kabul,4434550,1791,Asia/Kabul\n" +
			"1,Ghost,Ghost,30,65,PPLQ,AF,,,200000,,\n")},
		fileBoxPlaces: {Data: []byte(csvHead + ",alternatenames\n" +
			"1168197,Peshawar,Peshawar,34.008,71.57849,PPLA,PK,03,Khyber Pakhtunkhwa,1218773,331,Asia/Karachi,\"Pes,Peshawar\"\n" +
			"1138958,Kabul,Kabul,34.52813,69.17233,PPLC,AF,13,Kabul,4434550,1791,Asia/Kabul,\n" +
			"1168749,Parachinar,Parachinar,33.89968,70.10012,PPLA2,PK,03,Khyber Pakhtunkhwa,0,,Asia/Karachi,\n")},
	}
}

func layerAt(t *testing.T, b *basemap.Basemap, c basemap.Class, zoom float64) *basemap.Layer {
	t.Helper()
	for _, l := range b.LayersAt(zoom) {
		if l.Class == c {
			return l
		}
	}
	t.Fatalf("no %v layer at zoom %v", c, zoom)
	return nil
}

// lonsOf returns the longitudes of a line's points, rounded.
func lonsOf(p []float64) []float64 {
	var out []float64
	for i := 0; i < len(p); i += 2 {
		lon, _ := data.InverseMercator(p[i], p[i+1])
		out = append(out, float64(int(lon*1000+0.5))/1000)
	}
	return out
}

func TestConvertFixture(t *testing.T) {
	b, err := Convert(fixture(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		class basemap.Class
		zoom  float64
		parts int
	}{
		// A∪B dissolved, C cut in two at the antimeridian, D and its hole.
		{basemap.Land, 2, 5},
		{basemap.Border, 2, 1}, // the A–B edge
		{basemap.Coast, 2, 5},  // A∪B and D's two rings closed, C's two pieces open
		{basemap.Land, 4, 5},
		{basemap.Lake, 4, 1},
		{basemap.River, 4, 1},
		// A∪B lies in the box: the 10m ring replaces it.
		{basemap.Land, 6, 5},
		{basemap.Border, 6, 1},   // the 10m line; the 50m one is inside the box
		{basemap.Province, 6, 1}, // AA-1|AA-2 only: not AAA|PAK, not KP|FATA
		{basemap.Land, 9, 5},
		{basemap.Province, 9, 1},
	} {
		if l := layerAt(t, b, tc.class, tc.zoom); l.Parts() != tc.parts {
			t.Errorf("%v at zoom %v: %d parts, want %d", tc.class, tc.zoom, l.Parts(), tc.parts)
		}
	}
	if got := lonsOf(layerAt(t, b, basemap.Province, 6).Part(0)); !reflect.DeepEqual(got, []float64{65, 65}) {
		t.Errorf("province line at lon %v, want 65", got)
	}
	if got := lonsOf(layerAt(t, b, basemap.Border, 9).Part(0)); !reflect.DeepEqual(got, []float64{70, 70, 70}) {
		t.Errorf("border at lon %v, want the 10m line at 70", got)
	}
	// Fill: A∪B, C (both halves) covered once; D's hole and the sea not.
	for _, zoom := range []float64{2, 4, 6, 9} {
		land := layerAt(t, b, basemap.Land, zoom)
		for _, tc := range []struct{ lon, lat, want float64 }{
			{65, 30, 1}, {75, 30, 1}, {179.5, 11, 1}, {-179.5, 11, 1}, {2, 42, 1}, {5, 45, 0}, {40, 0, 0},
		} {
			x, y := data.Mercator(tc.lon, tc.lat)
			if w := winding(land, x, y); w != int(tc.want) {
				t.Errorf("zoom %v: winding %d at %v,%v, want %v", zoom, w, tc.lon, tc.lat, tc.want)
			}
		}
	}

	kinds := map[string]basemap.PlaceKind{}
	zooms := map[string]float32{}
	for _, p := range b.Places {
		if _, dup := kinds[p.Name]; dup {
			t.Errorf("place %q twice", p.Name)
		}
		kinds[p.Name], zooms[p.Name] = p.Kind, p.MinZoom
	}
	want := map[string]basemap.PlaceKind{
		"Kabul": basemap.Capital, "Peshawar": basemap.AdminSeat, "Parachinar": basemap.Town,
		"West": basemap.ProvinceLabel, "East": basemap.ProvinceLabel, "Khyber Pakhtunkhwa": basemap.ProvinceLabel,
		"Aland": basemap.CountryLabel, "Bland": basemap.CountryLabel, "Cisle": basemap.CountryLabel, "Dland": basemap.CountryLabel,
	}
	if !reflect.DeepEqual(kinds, want) {
		t.Errorf("places %v, want %v", kinds, want)
	}
	if zooms["Kabul"] != 2 || zooms["Peshawar"] != 3 || zooms["Parachinar"] != 8 || zooms["East"] != 5.5 {
		t.Errorf("zooms %v", zooms)
	}

	var buf bytes.Buffer
	if err := b.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := basemap.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Layers) != len(b.Layers) || len(got.Places) != len(b.Places) {
		t.Errorf("round trip: %d layers, %d places; want %d, %d", len(got.Layers), len(got.Places), len(b.Layers), len(b.Places))
	}
}

// winding returns the non-zero winding number of a fill layer around
// (x, y), with positive rings counting +1.
func winding(l *basemap.Layer, x, y float64) int {
	w := 0
	for i := range l.Parts() {
		p := l.Part(i)
		n := len(p) / 2
		for k := range n {
			x0, y0, x1, y1 := p[2*k], p[2*k+1], p[2*((k+1)%n)], p[2*((k+1)%n)+1]
			if (y0 <= y) != (y1 <= y) && x0+(y-y0)*(x1-x0)/(y1-y0) > x {
				if y1 > y0 {
					w++
				} else {
					w--
				}
			}
		}
	}
	return w
}

func TestConvertErrorsNameTheSource(t *testing.T) {
	for name, tc := range map[string]struct {
		file, data, want string
	}{
		"json":     {fileLakes, `{"type":"FeatureCollection","features":[`, fileLakes},
		"geometry": {fileRivers, `{"type":"FeatureCollection","features":[{"geometry":{"type":"LineString","coordinates":[[1,2]]}},{"geometry":{"type":"Point","coordinates":[1,2]}}]}`, fileRivers + ": feature 1"},
		"kind":     {fileLines10, `{"type":"FeatureCollection","features":[{"properties":{"kind":"ridge"},"geometry":{"type":"LineString","coordinates":[[60,30],[61,30]]}}]}`, fileLines10 + ": feature 0"},
		"csv":      {fileBoxPlaces, csvHead + "\n1,A,A,30,60,PPL,PK,,,0,,\n2,B,B,north,60,PPL,PK,,,0,,\n", fileBoxPlaces + ":3"},
		"column":   {fileWorldPlaces, "geonameid,name\n", `no column "asciiname"`},
	} {
		fsys := fixture()
		fsys[tc.file] = &fstest.MapFile{Data: []byte(tc.data)}
		_, err := Convert(fsys, nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to mention %q", name, err, tc.want)
		}
	}
	fsys := fixture()
	delete(fsys, fileAdmin1)
	if _, err := Convert(fsys, nil); err == nil || !strings.Contains(err.Error(), fileAdmin1) {
		t.Errorf("missing file: error %v", err)
	}
}

func TestPlaceZoom(t *testing.T) {
	for _, tc := range []struct {
		code string
		pop  int64
		want float32
	}{
		{"PPLC", 4_434_550, 2}, {"PPLC", 601_600, 3},
		{"PPL", 22_000_000, 3}, {"PPL", 1_000_000, 4}, {"PPL", 300_000, 5}, {"PPL", 100_000, 6},
		{"PPL", 30_000, 7}, {"PPL", 10_000, 8}, {"PPL", 9_999, 9}, {"PPL", 0, 9},
		{"PPLA", 1_218_773, 3}, {"PPLA", 733_675, 4}, {"PPLA", 10_414, 6}, {"PPLA", 9_000_000, 3},
		{"PPLA2", 0, 8}, {"PPLA2", 400_000, 5}, {"PPLX", 860_000, 8},
	} {
		kind, _ := placeKind(tc.code)
		if got := placeZoom(kind, tc.code, tc.pop); got != tc.want {
			t.Errorf("placeZoom(%s, %d) = %v, want %v", tc.code, tc.pop, got, tc.want)
		}
	}
}

// TestAssetUpToDate regenerates the asset from the shared source data, if
// present, and compares it with the committed file.
func TestAssetUpToDate(t *testing.T) {
	src := filepath.Join("..", "..", "..", "shared", "data")
	if testing.Short() {
		t.Skip("converts the whole source data")
	}
	if _, err := os.Stat(filepath.Join(src, fileWorld50)); err != nil {
		t.Skipf("no source data: %v", err)
	}
	b, err := Convert(os.DirFS(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := b.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), basemap.Asset()) {
		t.Errorf("mapview/basemap/basemap.bin is stale: run go generate ./mapview/basemap (got %d bytes, committed %d)", buf.Len(), len(basemap.Asset()))
	}
}

func TestRunWritesAsset(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	if err := os.Mkdir(src, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, f := range fixture() {
		if err := os.WriteFile(filepath.Join(src, name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "out.bin")
	var log bytes.Buffer
	if err := run(src, out, true, &log); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := basemap.Decode(f); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "wrote "+out) {
		t.Errorf("log %q", log.String())
	}
}
