package data

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// ColumnMap maps event fields to a CSV file's column names, as given to
// `frontier import --map`. Keys are the ones in MapKeys; values are header
// names (compared case-insensitively, spaces and hyphens as underscores)
// or, when no header has that name, 1-based column numbers.
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
)

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

// genericMaxScan is how many rows the value-range guess of the
// coordinate columns looks at.
const genericMaxScan = 200

// genericCols are the positions of the columns the reader needs (-1 when
// absent), and what it had to guess to find them.
type genericCols struct {
	lat, lon, date int
	warnings       []string
	missing        []string
}

// findGenericColumns finds the latitude, longitude and date columns of
// header: from m when given, else by name, and the coordinates failing
// names by the values of rows.
func findGenericColumns(header []string, rows [][]string, m ColumnMap) (genericCols, error) {
	keys := make([]string, len(header))
	for i, h := range header {
		keys[i] = genericKey(h)
	}
	c := genericCols{lat: -1, lon: -1, date: -1}
	byName := func(names []string, taken ...int) int {
		for _, n := range names {
		next:
			for i, k := range keys {
				if k != n {
					continue
				}
				for _, t := range taken {
					if t == i {
						continue next
					}
				}
				return i
			}
		}
		return -1
	}
	if m != nil {
		for _, f := range []struct {
			key string
			at  *int
		}{{"lat", &c.lat}, {"lon", &c.lon}, {"date", &c.date}} {
			if col, ok := m[f.key]; ok {
				i, err := mappedColumn(keys, col)
				if err != nil {
					return c, fmt.Errorf("--map %s=%s: %w", f.key, col, err)
				}
				*f.at = i
			}
		}
	}
	if c.date < 0 {
		c.date = byName(genDateNames, c.lat, c.lon)
	}
	if c.lat < 0 {
		c.lat = byName(genLatNames, c.date, c.lon)
	}
	if c.lon < 0 {
		c.lon = byName(genLonNames, c.date, c.lat)
	}
	if c.lat < 0 || c.lon < 0 {
		guessCoordColumns(&c, header, rows)
	}
	if c.lat < 0 {
		c.missing = append(c.missing, "latitude")
	}
	if c.lon < 0 {
		c.missing = append(c.missing, "longitude")
	}
	if c.date < 0 {
		c.missing = append(c.missing, "date")
	}
	return c, nil
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
// columns of decimal numbers, one within ±90 and the other within ±180,
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
			v, err := strconv.ParseFloat(f, 64)
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

// GenericCSVReader reads events from a CSV file in no particular format:
// the latitude, longitude and date columns are found by name (or by value
// for the coordinates), or given by a ColumnMap; the other fields are
// mapped by name as for GeoJSON properties. Numeric d/m/y dates are read
// day- or month-first as the whole column shows. The file is held in
// memory, as the date order is decided from every row before the first
// is returned.
type GenericCSVReader struct {
	// Dataset is given to rows without a dataset column (the file's base
	// name without extension unless changed).
	Dataset string

	name     string
	rows     csvRows
	header   []string
	keys     []string
	cols     genericCols
	extra    map[string]int // property name → column, from a ColumnMap
	dayFirst bool
	warnings []string
	recoded  bool
	ev       Event
}

// NewGenericCSVReader reads a whole CSV file and finds its columns. It
// fails when no latitude, longitude or date column can be found, naming
// the missing ones. m, when not nil, names columns explicitly.
func NewGenericCSVReader(name string, r io.Reader, m ColumnMap) (*GenericCSVReader, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	b = decodeBOM(b)
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, fmt.Errorf("%s: empty file", name)
	}
	comma := sniffDelimiter(bufio.NewReaderSize(bytes.NewReader(b), 64*1024))
	newCR := func() *csv.Reader {
		cr := csv.NewReader(bytes.NewReader(b))
		cr.Comma = comma
		cr.FieldsPerRecord = -1
		return cr
	}
	cr := newCR()
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: not a CSV file: header: %w", name, err)
	}
	header = append([]string(nil), header...)
	g := &GenericCSVReader{Dataset: datasetFromName(name), name: name, header: header, keys: make([]string, len(header))}
	for i, h := range header {
		g.keys[i] = genericKey(h)
		header[i], _ = fixText(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
	}
	// First pass: the first rows for the coordinate guess; every date.
	var rows [][]string
	var dates []string
	dateCol := -1
	if c, err := findGenericColumns(header, nil, m); err == nil {
		dateCol = c.date
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if len(rows) < genericMaxScan {
			rows = append(rows, rec)
		}
		if dateCol >= 0 && dateCol < len(rec) {
			dates = append(dates, rec[dateCol])
		}
	}
	g.cols, err = findGenericColumns(header, rows, m)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(g.cols.missing) > 0 {
		return nil, fmt.Errorf("%s: not a CSV of events: no %s column (header has: %s)",
			name, strings.Join(g.cols.missing, ", "), shownHeader(header, 12))
	}
	g.warnings = append(g.warnings, g.cols.warnings...)
	var w string
	g.dayFirst, w = dateOrder(dates)
	if w != "" {
		g.warnings = append(g.warnings, w)
	}
	for k, col := range m {
		prop := MapKeys[k]
		if prop == "" {
			continue
		}
		i, err := mappedColumn(g.keys, col)
		if err != nil {
			return nil, fmt.Errorf("%s: --map %s=%s: %w", name, k, col, err)
		}
		if g.extra == nil {
			g.extra = map[string]int{}
		}
		g.extra[prop] = i
	}
	g.rows = csvRows{cr: newCR(), ncol: len(header)}
	g.rows.cr.ReuseRecord = true
	if _, err := g.rows.cr.Read(); err != nil {
		return nil, fmt.Errorf("%s: header: %w", name, err)
	}
	return g, nil
}

// decodeBOM returns b as UTF-8: a UTF-16 file (with a byte-order mark) is
// decoded, a UTF-8 byte-order mark dropped; anything else is left as it is.
func decodeBOM(b []byte) []byte {
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		if out, _, err := transform.Bytes(unicode.BOMOverride(unicode.UTF8.NewDecoder()), b); err == nil {
			return out
		}
	}
	return bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF})
}

// utf16Reader returns br decoded to UTF-8 when it starts with a UTF-16
// byte-order mark, and br itself otherwise.
func utf16Reader(br *bufio.Reader) *bufio.Reader {
	head, _ := br.Peek(2)
	if bytes.Equal(head, []byte{0xFF, 0xFE}) || bytes.Equal(head, []byte{0xFE, 0xFF}) {
		return bufio.NewReaderSize(transform.NewReader(br, unicode.BOMOverride(unicode.UTF8.NewDecoder())), 64*1024)
	}
	return br
}

// datasetFromName is a file's base name without its extension.
func datasetFromName(name string) string {
	base := filepath.Base(name)
	if s := strings.TrimSuffix(base, filepath.Ext(base)); s != "" && s != "." {
		return s
	}
	return "CSV"
}

// Format returns "csv".
func (g *GenericCSVReader) Format() string { return "csv" }

// Warnings says what the reader had to guess: the coordinate columns, the
// order of numeric dates, the text encoding.
func (g *GenericCSVReader) Warnings() []string {
	w := append([]string(nil), g.warnings...)
	if g.recoded {
		w = append(w, recodedWarning)
	}
	return w
}

// Next returns the next event; see EventSource.
func (g *GenericCSVReader) Next() (*Event, int, error) {
	rec, line, err := g.rows.next()
	if err != nil {
		return nil, line, err
	}
	if len(rec) != g.rows.ncol {
		return nil, line, g.rows.wrongCount(rec, line)
	}
	g.rows.good()
	e, rerr := g.event(rec)
	if rerr != nil {
		rerr.Line = line
		return nil, line, rerr
	}
	return e, line, nil
}

func (g *GenericCSVReader) field(rec []string, i int) string {
	s, bad := fixText(strings.TrimSpace(rec[i]))
	if bad {
		g.recoded = true
	}
	return s
}

func (g *GenericCSVReader) event(rec []string) (*Event, *RowError) {
	if isTotalsRow(rec) {
		return nil, &RowError{Field: g.header[0], Reason: fmt.Sprintf("%q: a totals row, not an event", strings.TrimSpace(rec[0]))}
	}
	c := g.cols
	lat, rerr := genericCoord(g.field(rec, c.lat), g.header[c.lat], 90)
	if rerr != nil {
		return nil, rerr
	}
	lon, rerr := genericCoord(g.field(rec, c.lon), g.header[c.lon], 180)
	if rerr != nil {
		return nil, rerr
	}
	ds := g.field(rec, c.date)
	d, err := parseGenericDate(ds, g.dayFirst)
	if err != nil {
		return nil, &RowError{Field: g.header[c.date], Reason: err.Error()}
	}
	p := make(props, len(rec))
	for i, k := range g.keys {
		if i == c.lat || i == c.lon || i == c.date {
			continue
		}
		if v := g.field(rec, i); v != "" && !naValue(v) {
			if _, dup := p[k]; !dup {
				p[k] = v
			}
		}
	}
	for prop, i := range g.extra {
		p[prop] = g.field(rec, i)
	}
	// The date is the one column found; other date-like columns must not
	// win over it in eventFromProps.
	for _, k := range propDate {
		delete(p, k)
	}
	if ts := p["timestamp"]; ts != "" {
		if n, ok := parseWhole(ts, math.MaxInt64/2); !ok || n <= 100000 {
			delete(p, "timestamp")
		}
	}
	e := &g.ev
	e.Lat, e.Lon = lat, lon
	fb := &Event{Date: d.first, DateEnd: d.first, DatePrecision: d.prec}
	if d.prec != PrecDay {
		fb.DateEnd = d.last
	}
	id := ""
	if p.str(propID...) == "" {
		parts := make([][]byte, len(rec))
		for i, f := range rec {
			parts[i] = []byte(f)
		}
		id = contentID("csv", parts...)
	}
	if rerr := eventFromProps(e, p, g.Dataset, id, fb); rerr != nil {
		return nil, rerr
	}
	if len(e.Dataset) > MaxIDLen {
		return nil, &RowError{Field: "dataset", Reason: fmt.Sprintf("dataset name longer than %d bytes", MaxIDLen)}
	}
	return e, nil
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

// numericDate splits "21/03/2020", "03.21.20" or "21-03-2020 10:00" into
// its three numbers; ok is false for anything else, including ISO dates.
func numericDate(s string) (a, b, y int, ok bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, " T"); i > 0 {
		rest := strings.TrimSpace(s[i+1:])
		if rest == "" || rest[0] < '0' || rest[0] > '9' {
			return 0, 0, 0, false
		}
		s = s[:i]
	}
	var parts []string
	for _, sep := range []string{"/", ".", "-"} {
		if p := strings.Split(s, sep); len(p) == 3 {
			parts = p
			break
		}
	}
	if parts == nil || len(parts[0]) > 2 || len(parts[1]) > 2 || (len(parts[2]) != 2 && len(parts[2]) != 4) {
		return 0, 0, 0, false
	}
	var n [3]int
	for i, p := range parts {
		if !allDigits(p) {
			return 0, 0, 0, false
		}
		n[i], _ = strconv.Atoi(p)
	}
	if len(parts[2]) == 2 {
		n[2] += 1900
		if n[2] < 1950 {
			n[2] += 100
		}
	}
	return n[0], n[1], n[2], true
}

// dateOrder decides from a whole date column whether numeric dates are
// day-first (21/03/2020) or month-first (03/21/2020), with a warning when
// the column does not tell or contradicts itself.
func dateOrder(dates []string) (dayFirst bool, warning string) {
	dayEvidence, monthEvidence, numeric := false, false, false
	for _, s := range dates {
		a, b, _, ok := numericDate(s)
		if !ok {
			continue
		}
		numeric = true
		if a > 12 {
			dayEvidence = true
		}
		if b > 12 {
			monthEvidence = true
		}
	}
	switch {
	case dayEvidence && monthEvidence:
		return true, "numeric dates are written both day-first and month-first; read as day/month/year"
	case monthEvidence:
		return false, ""
	case dayEvidence:
		return true, ""
	case numeric:
		return true, "numeric dates could be day/month or month/day; read as day/month/year"
	}
	return true, ""
}

var weekdays = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}

// excelEpoch is day 0 of spreadsheets' serial dates (as Excel counts,
// with its 1900 leap-year bug).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// parseGenericDate reads a date cell: an Excel serial day (20000–80000),
// a numeric d/m/y or m/d/y date as dayFirst says, a date with a leading
// weekday, or anything parseISODate reads.
func parseGenericDate(s string, dayFirst bool) (span, error) {
	s = strings.TrimSpace(s)
	if s == "" || naValue(s) {
		return span{}, errors.New("missing")
	}
	if v, err := strconv.ParseFloat(s, 64); err == nil && v >= 20000 && v <= 80000 {
		d := excelEpoch.AddDate(0, 0, int(v))
		return span{d, d, PrecDay}, nil
	}
	if a, b, y, ok := numericDate(s); ok {
		d, m := a, b
		if !dayFirst {
			d, m = b, a
		}
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if m < 1 || m > 12 || d < 1 || t.Day() != d {
			order := "day/month/year"
			if !dayFirst {
				order = "month/day/year"
			}
			return span{}, fmt.Errorf("%q is not a date (read as %s)", s, order)
		}
		t, err := checkYear(s, t)
		return span{t, t, PrecDay}, err
	}
	for _, w := range weekdays {
		if len(s) > len(w) && strings.EqualFold(s[:len(w)], w) && strings.ContainsRune(",. ", rune(s[len(w)])) {
			s = strings.TrimLeft(s[len(w):], ",. ")
			break
		}
	}
	return parseISODate(s)
}

// ImportCSVMapped imports a CSV file with the generic reader, its columns
// named by m (see ColumnMap); columns m leaves out are found as
// ImportFile finds them.
func (s *Store) ImportCSVMapped(ctx context.Context, path string, m ColumnMap, progress func(ImportReport)) (ImportReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return ImportReport{File: path}, fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	src, err := NewGenericCSVReader(path, f, m)
	if err != nil {
		return ImportReport{File: path}, fmt.Errorf("import %w", err)
	}
	return s.Import(ctx, path, src, progress)
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
