package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"frontier/data/gazetteer"
)

const testCountries = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"Pakistan","iso_a2":"PK","iso_a3":"PAK"},"geometry":null},
{"type":"Feature","properties":{"name":"Somaliland","iso_a2":null,"iso_a3":null},"geometry":null}]}`

func testFS(box, world string) fstest.MapFS {
	return fstest.MapFS{
		fileBoxPlaces:   {Data: []byte(box)},
		fileWorldPlaces: {Data: []byte(world)},
		fileCountries:   {Data: []byte(testCountries)},
	}
}

const boxHeader = "geonameid,name,asciiname,lat,lon,feature_code,country_code,admin1_code,admin1_name,population,elevation_m,timezone,alternatenames\n"
const worldHeader = "geonameid,name,asciiname,lat,lon,feature_code,country_code,admin1_code,admin1_name,population,elevation_m,timezone\n"

func TestConvert(t *testing.T) {
	fsys := testFS(
		boxHeader+`1168394,Parachinar,Parachinar,33.89968,70.10012,PPLA2,PK,03,Khyber Pakhtunkhwa,0,1743,Asia/Karachi,"PAJ,Parachinar,پاړه چنار,,PAJ"`+"\n"+
			`1167528,Quetta,Quetta,30.18414,67.00141,PPLA,PK,02,Balochistan,733675,1683,Asia/Karachi,"کوټه"`+"\n",
		worldHeader+"1167528,Quetta,Quetta,30.18414,67.00141,PPLA,PK,02,Balochistan,733675,1683,Asia/Karachi\n"+
			"1796236,Shanghai,Shanghai,31.22222,121.45806,PPLA,CN,23,Shanghai,22315474,12,Asia/Shanghai\n")
	places, countries, err := convert(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range places {
		names = append(names, p.Name)
	}
	if strings.Join(names, ",") != "Shanghai,Quetta,Parachinar" {
		t.Errorf("places %v: want one per geonameid, most populous first", names)
	}
	if alts := places[2].AltNames; !reflect.DeepEqual(alts, []string{"PAJ", "پاړه چنار"}) {
		t.Errorf("alternate names %q", alts)
	}
	if len(places[1].AltNames) != 1 {
		t.Errorf("Quetta lost its frontier row's names: %q", places[1].AltNames)
	}
	if countries[0] != (gazetteer.Country{ISO2: "PK", ISO3: "PAK", Name: "Pakistan"}) || len(countries) != 1+len(countryAliases) {
		t.Errorf("countries %+v", countries)
	}
}

func TestConvertErrorsNameFileAndLine(t *testing.T) {
	for _, tc := range []struct{ box, want string }{
		{boxHeader + "1,A,A,95,1,PPL,PK,,,0,,,\n", fileBoxPlaces + ":2: geonameid 1: bad lat"},
		{boxHeader + "x,A,A,5,1,PPL,PK,,,0,,,\n", fileBoxPlaces + ":2: geonameid"},
		{"geonameid,name\n1,A\n", `no column "asciiname"`},
	} {
		_, _, err := convert(testFS(tc.box, worldHeader))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %q", tc.box, err, tc.want)
		}
	}
}

// The embedded asset is what the converter makes of the shared source
// data (skipped where that is not checked out beside the repository).
func TestEmbeddedAssetIsUpToDate(t *testing.T) {
	src := filepath.Join("..", "..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(src, fileBoxPlaces)); err != nil {
		t.Skip("no source data:", err)
	}
	places, countries, err := convert(os.DirFS(src))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := gazetteer.Encode(&buf, places, countries); err != nil {
		t.Fatal(err)
	}
	wantP, wantC, err := gazetteer.Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	gotP, gotC, err := gazetteer.Decode(gazetteer.Asset())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotP, wantP) || !reflect.DeepEqual(gotC, wantC) {
		t.Error("data/gazetteer/gazetteer.bin is stale: run go generate ./data/gazetteer")
	}
}

func TestRunWritesTheAsset(t *testing.T) {
	dir := t.TempDir()
	fsys := testFS(boxHeader+"1,A,A,5,1,PPL,PK,,,0,,,\n", worldHeader)
	for name, f := range fsys {
		if err := os.WriteFile(filepath.Join(dir, name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "g.bin")
	var log bytes.Buffer
	if err := run(dir, out, &log); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if places, _, err := gazetteer.Decode(b); err != nil || len(places) != 1 || !strings.Contains(log.String(), "1 places") {
		t.Errorf("%v %v %q", places, err, log.String())
	}
}
