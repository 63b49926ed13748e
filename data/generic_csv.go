package data

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// ColumnMap maps event fields to a CSV file's column names, as given to
// `frontier import --map`. Keys are the ones in MapKeys; values are header
// names (compared case-insensitively, spaces and hyphens as underscores)
// or, when no header has that name, 1-based column numbers; NoColumn
// ("-") says the field has no column. Without latitude and longitude
// columns, the location column places rows by gazetteer (the country
// column, when there is one, narrowing the search).
type ColumnMap map[string]string

// MapKeys are the fields a ColumnMap may name, with the property name each
// one fills (see eventFromProps); lat, lon and date are handled apart.
var MapKeys = map[string]string{
	"lat": "", "lon": "", "date": "",
	"date_end":   "event_date_end",
	"id":         "event_id_cnty",
	"dataset":    "dataset",
	"actor1":     "actor1",
	"actor2":     "actor2",
	"type":       "event_type",
	"subtype":    "sub_event_type",
	"location":   "location",
	"country":    "country",
	"admin1":     "admin1",
	"admin2":     "admin2",
	"fatalities": "fatalities",
	"notes":      "notes",
	"source":     "source",
}

// ParseColumnMap reads "lat=COL,lon=COL,date=COL,…" into m (a new map when
// m is nil), so that a repeated flag accumulates.
func ParseColumnMap(m ColumnMap, spec string) (ColumnMap, error) {
	if m == nil {
		m = ColumnMap{}
	}
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		k = strings.ToLower(strings.TrimSpace(k))
		v = strings.TrimSpace(v)
		if !ok || v == "" {
			return nil, fmt.Errorf("%q: want FIELD=COLUMN", part)
		}
		if _, known := MapKeys[k]; !known {
			keys := make([]string, 0, len(MapKeys))
			for k := range MapKeys {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			return nil, fmt.Errorf("%q: unknown field %q (want one of %s)", part, k, strings.Join(keys, ", "))
		}
		m[k] = v
	}
	return m, nil
}

// Column names recognised by the generic reader, most specific first;
// compared after genericKey.
var (
	genLatNames  = []string{"latitude", "lat", "latitud", "breite", "breitengrad", "y", "lat_dd", "latitude_dd", "decimal_latitude", "geo_lat"}
	genLonNames  = []string{"longitude", "lon", "lng", "long", "longitud", "länge", "laenge", "längengrad", "x", "lon_dd", "longitude_dd", "decimal_longitude", "geo_lon", "geo_lng"}
	genDateNames = []string{"event_date", "date", "datum", "fecha", "date_start", "start_date", "start", "day", "datetime", "time", "when", "begin"}
	// genPlaceNames name a column of place names, which places rows that
	// have no coordinates by gazetteer. "name" is left out: it is as often
	// a person's or a group's.
	genPlaceNames = []string{"location", "place", "place_name", "location_name", "town", "city", "village", "locality",
		"settlement", "site", "ort", "ortschaft", "stadt", "lugar", "localidad", "ciudad", "lieu", "ville"}
	genCountryNames = []string{"country", "country_name", "country_code", "iso3", "iso", "iso2", "cntry", "land", "pais", "país", "pays"}
)

// fieldProps are, for each ColumnMap field with a property, every
// property name eventFromProps reads it from; a field mapped to "-"
// drops them all.
var fieldProps = map[string][]string{
	"date_end":   propDateEnd,
	"id":         propID,
	"dataset":    propDataset,
	"actor1":     propActor1,
	"actor2":     propActor2,
	"type":       propType,
	"subtype":    propSubType,
	"location":   propLocation,
	"country":    {"country"},
	"admin1":     {"admin1"},
	"admin2":     {"admin2"},
	"fatalities": propFatalities,
	"notes":      propNotes,
	"source":     propSource,
}

// NoColumn, as a ColumnMap value, says that a field has no column: it is
// not looked for by name or by value ("lat=-,lon=-,location=town" places
// every row by gazetteer even when the file has coordinates).
const NoColumn = "-"

// genericKey normalises a header cell: valid UTF-8, lower case, a unit in
// brackets dropped ("Lat (deg)" → "lat"), spaces and hyphens as
// underscores.
func genericKey(h string) string {
	h, _ = fixText(h)
	h = strings.TrimPrefix(h, "\uFEFF")
	if i := strings.IndexAny(h, "(["); i > 0 {
		h = h[:i]
	}
	h = strings.ReplaceAll(h, "°", "")
	return normKey(h)
}

// genericMaxScan is how many rows the value-based guesses of the
// coordinate and date columns look at.
const genericMaxScan = 200

// noCol marks a column a ColumnMap said is absent (NoColumn).
const noCol = -2

// genericCols are the positions of the columns the reader needs (-1 when
// absent), and what it had to guess to find them.
type genericCols struct {
	lat, lon, date int
	// loc is the column of place names (-1 when none), country the
	// country column used as Lookup's hint.
	loc, country int
	// byPlace: there are no coordinate columns; every row is placed by
	// gazetteer from loc.
	byPlace  bool
	warnings []string // for the import report
	unsure   []string // why the columns may be wrong, for a review
	missing  []string // required columns not found
}

// findGenericColumns finds the columns of header the generic reader
// needs: from m when given, else by name, and failing names the
// coordinates and the date by the values of rows. Without coordinate
// columns, a column of place names lets the gazetteer place the rows.
func findGenericColumns(header []string, rows [][]string, m ColumnMap) (genericCols, error) {
	keys := make([]string, len(header))
	for i, h := range header {
		keys[i] = genericKey(h)
	}
	c := genericCols{lat: -1, lon: -1, date: -1, loc: -1, country: -1}
	taken := func(i int) bool {
		return i >= 0 && (i == c.lat || i == c.lon || i == c.date || i == c.loc || i == c.country)
	}
	// byName returns the first column named by the earliest of names,
	// and a note when other columns bear names of the list too.
	byName := func(what string, names []string) (int, string) {
		found := -1
		var others []string
		for _, n := range names {
			for i, k := range keys {
				if k != n || taken(i) || i == found {
					continue
				}
				if found < 0 {
					found = i
				} else {
					others = append(others, header[i])
				}
			}
		}
		if len(others) == 0 {
			return found, ""
		}
		return found, fmt.Sprintf("several %s columns by name: used %q, not %s", what, header[found], quoteList(others))
	}
	note := func(s string) {
		if s != "" {
			c.unsure = append(c.unsure, s)
		}
	}
	var n, locNote string
	for _, f := range []struct {
		key string
		at  *int
	}{{"lat", &c.lat}, {"lon", &c.lon}, {"date", &c.date}, {"location", &c.loc}, {"country", &c.country}} {
		col, ok := m[f.key]
		if !ok {
			continue
		}
		if col == NoColumn {
			*f.at = noCol
			continue
		}
		i, err := mappedColumn(keys, col)
		if err != nil {
			return c, fmt.Errorf("--map %s=%s: %w", f.key, col, err)
		}
		*f.at = i
	}
	if c.date == -1 {
		c.date, n = byName("date", genDateNames)
		note(n)
	}
	if c.lat == -1 {
		c.lat, n = byName("latitude", genLatNames)
		note(n)
	}
	if c.lon == -1 {
		c.lon, n = byName("longitude", genLonNames)
		note(n)
	}
	if (c.lat == -1 || c.lon == -1) && c.lat != noCol && c.lon != noCol {
		guessCoordColumns(&c, header, rows)
	}
	if c.date == -1 {
		guessDateColumn(&c, header, rows)
	}
	if c.loc == -1 {
		c.loc, locNote = byName("place name", genPlaceNames)
	}
	if c.country == -1 {
		c.country, _ = byName("country", genCountryNames)
	}
	for _, at := range []*int{&c.lat, &c.lon, &c.date, &c.loc, &c.country} {
		if *at == noCol {
			*at = -1
		}
	}
	if c.lat < 0 && c.lon < 0 && c.loc >= 0 {
		c.byPlace = true
		w := fmt.Sprintf("no latitude/longitude columns: each row is placed by gazetteer (approximate) at the place its %q column names", header[c.loc])
		if c.country >= 0 {
			w += fmt.Sprintf(", looked up in the country its %q column names", header[c.country])
		}
		c.warnings = append(c.warnings, w)
		c.unsure = append(c.unsure, w)
		note(locNote)
	}
	if !c.byPlace {
		if c.lat < 0 {
			c.missing = append(c.missing, "latitude")
		}
		if c.lon < 0 {
			c.missing = append(c.missing, "longitude")
		}
	}
	if c.date < 0 {
		c.missing = append(c.missing, "date")
	}
	for _, f := range c.missing {
		c.unsure = append(c.unsure, "no "+f+" column found")
	}
	return c, nil
}

// quoteList writes names as "a", "b".
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// mappedColumn finds the column a --map value names.
func mappedColumn(keys []string, col string) (int, error) {
	k := genericKey(col)
	for i, h := range keys {
		if h == k {
			return i, nil
		}
	}
	if n, err := strconv.Atoi(col); err == nil && n >= 1 && n <= len(keys) {
		return n - 1, nil
	}
	return -1, fmt.Errorf("no such column (header has: %s)", shownHeader(keys, 12))
}

// coordStats sums up one column's values for the coordinate guess.
type coordStats struct {
	n        int     // numeric values
	bad      bool    // a value that is neither a number nor empty/NA
	max      float64 // largest absolute value
	fraction bool    // some value has a fractional part
}

// guessCoordColumns finds the coordinate columns by value: two adjacent
// columns of decimal numbers (with a decimal point or comma), one within ±90 and the other within ±180,
// in either order. A column already found by name must be one of them.
func guessCoordColumns(c *genericCols, header []string, rows [][]string) {
	st := make([]coordStats, len(header))
	for _, rec := range rows {
		if len(rec) != len(header) || isTotalsRow(rec) {
			continue
		}
		for i, f := range rec {
			f = strings.TrimSpace(f)
			if naValue(f) {
				continue
			}
			// A decimal comma as parseCoord reads it ("34,7").
			v, err := strconv.ParseFloat(strings.Replace(f, ",", ".", 1), 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				st[i].bad = true
				continue
			}
			st[i].n++
			st[i].max = math.Max(st[i].max, math.Abs(v))
			if v != math.Trunc(v) {
				st[i].fraction = true
			}
		}
	}
	ok := func(i int, limit float64) bool {
		return i != c.date && !st[i].bad && st[i].n > 0 && st[i].fraction && st[i].max <= limit
	}
	for i := 0; i+1 < len(header); i++ {
		a, b := i, i+1
		lat, lon := -1, -1
		switch {
		case ok(a, 90) && ok(b, 180):
			lat, lon = a, b
		case ok(a, 180) && ok(b, 90):
			lat, lon = b, a
		default:
			continue
		}
		if (c.lat >= 0 && c.lat != lat) || (c.lon >= 0 && c.lon != lon) {
			continue
		}
		c.lat, c.lon = lat, lon
		w := fmt.Sprintf("no latitude/longitude column by name: read %q as latitude and %q as longitude from their values", header[lat], header[lon])
		if st[lat].max <= 90 && st[lon].max <= 90 {
			w += " (both fit either; assumed latitude first)"
		}
		c.warnings = append(c.warnings, w)
		c.unsure = append(c.unsure, w)
		return
	}
}

// naValue reports whether a field is empty or a spreadsheet's "no value".
func naValue(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "na", "n/a", "nan", "null", "none", "-", "#n/a":
		return true
	}
	return false
}

// isTotalsRow reports whether rec is a spreadsheet's totals line.
func isTotalsRow(rec []string) bool {
	if len(rec) == 0 {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rec[0]), ":"))) {
	case "total", "totals", "sum", "grand total", "summe", "gesamt", "total general":
		return true
	}
	return false
}

// genericCoord reads a coordinate, naming NA-style values as missing.
func genericCoord(s, field string, limit float64) (float64, *RowError) {
	if naValue(s) {
		if s == "" {
			return 0, &RowError{Field: field, Reason: "missing"}
		}
		return 0, &RowError{Field: field, Reason: fmt.Sprintf("missing (%q)", s)}
	}
	v, rerr := parseCoord(strings.TrimSpace(strings.TrimSuffix(s, "°")), field, limit)
	if rerr == nil && (math.IsInf(v, 0) || math.IsNaN(v)) {
		return 0, &RowError{Field: field, Reason: fmt.Sprintf("%q is not a number", s)}
	}
	return v, rerr
}

// genericCSVMissing peeks at the start of br, without consuming it, and
// returns which of latitude, longitude and date the generic reader could
// not find; none means the file can be read generically.
func genericCSVMissing(br *bufio.Reader) []string {
	b, _ := br.Peek(br.Size())
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comma = sniffDelimiter(br)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	header, err := cr.Read()
	if err != nil {
		return []string{"latitude", "longitude", "date"}
	}
	header = append([]string(nil), header...)
	var rows [][]string
	for len(rows) < genericMaxScan {
		rec, err := cr.Read()
		if err != nil {
			break // EOF, or a row cut off at the end of the peek
		}
		rows = append(rows, append([]string(nil), rec...))
	}
	c, _ := findGenericColumns(header, rows, nil)
	return c.missing
}

// looksLikeACLED peeks at the header of br, without consuming it, and
// reports whether it has the columns the ACLED reader requires.
func looksLikeACLED(br *bufio.Reader) bool {
	header, ok := peekHeader(br)
	if !ok {
		return false
	}
	seen := map[string]bool{}
	for _, h := range header {
		seen[strings.ToLower(strings.TrimSpace(h))] = true
	}
	for _, c := range acledRequired {
		if !seen[c] {
			return false
		}
	}
	for _, c := range acledIDColumns {
		if seen[c] {
			return true
		}
	}
	return false
}
