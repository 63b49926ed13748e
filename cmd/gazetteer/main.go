// Command gazetteer converts the GeoNames extracts and the Natural Earth
// country names (described in the source directory's README.md) into the
// embedded asset of package frontier/data/gazetteer. From the repository
// root:
//
//	go run ./cmd/gazetteer -src ../shared/data -out data/gazetteer/gazetteer.bin
//
// or `go generate ./data/gazetteer`. The output is deterministic.
//
// It keeps every row of frontier_places_geonames.csv (with its alternate
// names) and of world_major_places_geonames.csv, one per geonameid (the
// frontier row when both have it), most populous first; and the name,
// ISO alpha-2 and alpha-3 code of each country in
// world_countries_50m.geojson, plus the common long forms of the names
// Natural Earth abbreviates, for Lookup's country hint.
package main

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"

	"frontier/data/gazetteer"
	"frontier/internal/atomicfile"
)

// Source files, in the order read: the first row of a geonameid wins.
const (
	fileBoxPlaces   = "frontier_places_geonames.csv"
	fileWorldPlaces = "world_major_places_geonames.csv"
	fileCountries   = "world_countries_50m.geojson"
)

func main() {
	src := flag.String("src", "../shared/data", "directory holding the GeoNames CSV and Natural Earth GeoJSON files")
	out := flag.String("out", "data/gazetteer/gazetteer.bin", "asset file to write")
	flag.Parse()
	if err := run(*src, *out, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gazetteer:", err)
		os.Exit(1)
	}
}

// run converts src into the asset file out, replacing it atomically, and
// reports a summary on log.
func run(src, out string, log io.Writer) error {
	places, countries, err := convert(os.DirFS(src))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := gazetteer.Encode(&buf, places, countries); err != nil {
		return err
	}
	if err := atomicfile.WriteBytes(out, buf.Bytes()); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	alts := 0
	for _, p := range places {
		alts += len(p.AltNames)
	}
	fmt.Fprintf(log, "wrote %s: %d bytes, %d places, %d alternate names, %d country names\n",
		out, buf.Len(), len(places), alts, len(countries))
	return nil
}

// convert reads the places and countries of the source directory.
func convert(fsys fs.FS) ([]gazetteer.Place, []gazetteer.Country, error) {
	seen := map[int64]bool{}
	var places []gazetteer.Place
	for _, name := range []string{fileBoxPlaces, fileWorldPlaces} {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, nil, err
		}
		if places, err = readPlaces(bytes.NewReader(b), name, seen, places); err != nil {
			return nil, nil, err
		}
	}
	slices.SortFunc(places, func(a, b gazetteer.Place) int {
		return cmp.Or(cmp.Compare(b.Population, a.Population), cmp.Compare(a.ID, b.ID))
	})
	b, err := fs.ReadFile(fsys, fileCountries)
	if err != nil {
		return nil, nil, err
	}
	countries, err := readCountries(b)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", fileCountries, err)
	}
	return places, countries, nil
}

// placeColumns are the GeoNames CSV columns the converter reads; the
// alternatenames column is optional.
var placeColumns = []string{"geonameid", "name", "asciiname", "lat", "lon", "feature_code", "country_code", "admin1_name", "population"}

// readPlaces appends the places of one GeoNames CSV to out, skipping
// geonameids already seen. Errors name the file and line.
func readPlaces(r io.Reader, name string, seen map[int64]bool, out []gazetteer.Place) ([]gazetteer.Place, error) {
	cr := csv.NewReader(r)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, c := range placeColumns {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("%s: no column %q", name, c)
		}
	}
	alt, hasAlt := col["alternatenames"]
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		get := func(c string) string { return strings.TrimSpace(rec[col[c]]) }
		p, err := parsePlace(get)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if seen[p.ID] {
			continue
		}
		seen[p.ID] = true
		if hasAlt {
			p.AltNames = altNames(rec[alt], p.Name, p.ASCIIName)
		}
		out = append(out, p)
	}
}

// parsePlace reads one row (get returns a column's value).
func parsePlace(get func(string) string) (gazetteer.Place, error) {
	var p gazetteer.Place
	var err error
	if p.ID, err = strconv.ParseInt(get("geonameid"), 10, 64); err != nil || p.ID <= 0 {
		return p, fmt.Errorf("geonameid %q is not a positive number", get("geonameid"))
	}
	if p.Lat, err = strconv.ParseFloat(get("lat"), 64); err != nil || p.Lat < -90 || p.Lat > 90 {
		return p, fmt.Errorf("geonameid %d: bad lat %q", p.ID, get("lat"))
	}
	if p.Lon, err = strconv.ParseFloat(get("lon"), 64); err != nil || p.Lon < -180 || p.Lon > 180 {
		return p, fmt.Errorf("geonameid %d: bad lon %q", p.ID, get("lon"))
	}
	if s := get("population"); s != "" {
		if p.Population, err = strconv.ParseInt(s, 10, 64); err != nil || p.Population < 0 {
			return p, fmt.Errorf("geonameid %d: bad population %q", p.ID, s)
		}
	}
	p.Name, p.ASCIIName = get("name"), get("asciiname")
	if p.Name == "" {
		return p, fmt.Errorf("geonameid %d: no name", p.ID)
	}
	if p.ASCIIName == "" {
		p.ASCIIName = p.Name
	}
	p.FeatureCode, p.Country, p.Admin1 = get("feature_code"), get("country_code"), get("admin1_name")
	return p, nil
}

// altNames splits GeoNames' comma-separated alternate names, leaving out
// empty ones, repeats and the place's own two names.
func altNames(list, name, ascii string) []string {
	var out []string
	for _, a := range strings.Split(list, ",") {
		a = strings.TrimSpace(a)
		if a == "" || a == name || a == ascii || slices.Contains(out, a) {
			continue
		}
		out = append(out, a)
	}
	return out
}

// countryAliases are long forms of names Natural Earth abbreviates, and
// codes it lacks, as data sets such as ACLED write them.
var countryAliases = []gazetteer.Country{
	{ISO2: "XK", ISO3: "XKX", Name: "Kosovo"},
	{ISO2: "CD", Name: "Democratic Republic of Congo"},
	{ISO2: "CD", Name: "Democratic Republic of the Congo"},
	{ISO2: "CG", Name: "Republic of Congo"},
	{ISO2: "CF", Name: "Central African Republic"},
	{ISO2: "SS", Name: "South Sudan"},
	{ISO2: "BA", Name: "Bosnia and Herzegovina"},
	{ISO2: "DO", Name: "Dominican Republic"},
	{ISO2: "GQ", Name: "Equatorial Guinea"},
	{ISO2: "EH", Name: "Western Sahara"},
	{ISO2: "SB", Name: "Solomon Islands"},
	{ISO2: "CI", Name: "Ivory Coast"},
	{ISO2: "US", Name: "United States"},
	{ISO2: "US", Name: "USA"},
	{ISO2: "GB", Name: "UK"},
	{ISO2: "PS", Name: "Palestine"},
	{ISO2: "CZ", Name: "Czech Republic"},
	{ISO2: "MK", Name: "North Macedonia"},
	{ISO2: "KR", Name: "South Korea"},
	{ISO2: "KP", Name: "North Korea"},
}

// readCountries reads the names and ISO codes of a Natural Earth country
// FeatureCollection, leaving out units without an ISO code, and adds
// countryAliases.
func readCountries(b []byte) ([]gazetteer.Country, error) {
	var fc struct {
		Features []struct {
			Properties struct {
				Name string  `json:"name"`
				ISO2 *string `json:"iso_a2"`
				ISO3 *string `json:"iso_a3"`
			} `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		return nil, err
	}
	var out []gazetteer.Country
	for _, f := range fc.Features {
		p := f.Properties
		if p.ISO2 == nil || p.ISO3 == nil || p.Name == "" {
			continue
		}
		out = append(out, gazetteer.Country{ISO2: *p.ISO2, ISO3: *p.ISO3, Name: p.Name})
	}
	if len(out) == 0 {
		return nil, errors.New("no country with a name and ISO codes")
	}
	slices.SortFunc(out, func(a, b gazetteer.Country) int { return cmp.Compare(a.ISO2, b.ISO2) })
	return append(out, countryAliases...), nil
}
