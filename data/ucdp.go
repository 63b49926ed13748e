package data

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// DatasetUCDP is the dataset name of events imported from UCDP GED files.
const DatasetUCDP = "UCDP GED"

// ucdpAliases maps older UCDP GED column names to the current ones.
var ucdpAliases = map[string]string{
	"best_est": "best",
	"high_est": "high",
	"low_est":  "low",
}

// ucdpRequired are the columns without which a file is not UCDP GED.
var ucdpRequired = []string{"id", "type_of_violence", "date_start", "latitude", "longitude"}

// ucdpMarkers are column names only UCDP GED uses; a header with one of
// them (and without ACLED's event_date) is taken for UCDP.
var ucdpMarkers = []string{"type_of_violence", "date_start", "date_prec", "where_prec", "side_a", "best", "best_est"}

// ucdpViolence names UCDP's type_of_violence codes.
var ucdpViolence = [...]string{1: "State-based conflict", 2: "Non-state conflict", 3: "One-sided violence"}

// UCDPReader streams events from a UCDP Georeferenced Event Dataset (GED)
// CSV file, current (best, iso3) or older (best_est, no iso3) column sets,
// header names matched case-insensitively. It holds one row in memory at a
// time.
//
// Columns become Event fields as follows: id → SourceID; type_of_violence
// (1, 2, 3) → EventType "State-based conflict", "Non-state conflict",
// "One-sided violence"; conflict_name (or dyad_name) → SubEventType;
// side_a, side_b → Actor1, Actor2; best (best_est) → Fatalities;
// source_original (or source_article) → Source; where_coordinates, adm_1,
// adm_2, country, region, iso3 → Location, Admin1, Admin2, Country, Region,
// ISO3. The deaths by side (deaths_a, deaths_b, deaths_civilians,
// deaths_unknown) and the low and high estimates go into Notes, with
// where_description and source_article when present.
//
// Dates: date_start and date_end give Date and DateEnd (2021-12-31,
// 2021-12-31 00:00:00.000, or month-first 12/31/2021 00:00:00). UCDP's
// date_prec (1 day, 2 within 2–6 days, 3 week, 4 month, 5 year) becomes
// PrecDay for 1, PrecMonth for 4 and PrecYear for 5; for 1–3 an event whose
// date_end differs from date_start is a PrecSpan, otherwise 2 and 3 are
// PrecWeek.
//
// Geo precision: UCDP's where_prec (1 exact place, 2 within 25 km,
// 3 second-order administrative division, 4 first-order division,
// 5 linear feature or larger area, 6 country, 7 international waters or
// airspace) is mapped onto Frontier's ACLED-like scale used for the map's
// halos: 1–2 → 1 (town), 3 → 2 (district), 4–7 → 3 (province or wider).
//
// Quirks accepted: a row of HXL hashtags (#geo+lat …) right after the
// header is skipped, and rows may carry extra trailing fields beyond the
// header (one of any content, or any number of empty ones).
type UCDPReader struct {
	// Dataset is the dataset name given to the events (DatasetUCDP unless
	// changed).
	Dataset string

	name    string
	rows    csvRows
	at      [numUCDPCols]int
	ev      Event // reused: Next's event is valid until the next call
	nrows   int   // data rows read, to spot the HXL row
	recoded bool
}

// ucdpCol names a column the reader uses; at holds its position.
type ucdpCol int

const (
	uID ucdpCol = iota
	uViolence
	uConflict
	uDyad
	uSideA
	uSideB
	uSourceArticle
	uSourceOriginal
	uWherePrec
	uWhereCoords
	uWhereDesc
	uAdm1
	uAdm2
	uLat
	uLon
	uCountry
	uISO3
	uRegion
	uDatePrec
	uDateStart
	uDateEnd
	uDeathsA
	uDeathsB
	uDeathsCiv
	uDeathsUnknown
	uBest
	uHigh
	uLow
	numUCDPCols
)

// ucdpColNames are the (current, lower-case) header names of the columns.
var ucdpColNames = [numUCDPCols]string{
	"id", "type_of_violence", "conflict_name", "dyad_name", "side_a", "side_b",
	"source_article", "source_original", "where_prec", "where_coordinates",
	"where_description", "adm_1", "adm_2", "latitude", "longitude", "country",
	"iso3", "region", "date_prec", "date_start", "date_end", "deaths_a",
	"deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
}

// ucdpHeaderName normalises one header cell: valid UTF-8, trimmed, lower
// case, older names replaced by current ones.
func ucdpHeaderName(h string) string {
	h, _ = fixText(h)
	h = strings.ToLower(strings.TrimSpace(h))
	if alias, ok := ucdpAliases[h]; ok {
		h = alias
	}
	return h
}

// isUCDPHeader reports whether header cells (already normalised by
// ucdpHeaderName or not) look like UCDP GED rather than ACLED.
func isUCDPHeader(header []string) bool {
	seen := map[string]bool{}
	for _, h := range header {
		seen[strings.ToLower(strings.TrimSpace(h))] = true
	}
	if seen["event_date"] {
		return false
	}
	for _, m := range ucdpMarkers {
		if seen[m] {
			return true
		}
	}
	return false
}

// looksLikeUCDP peeks at the first line of br, without consuming it, and
// reports whether its header names UCDP GED columns.
func looksLikeUCDP(br *bufio.Reader) bool {
	header, ok := peekHeader(br)
	return ok && isUCDPHeader(header)
}

// NewUCDPReader reads the header of a UCDP GED CSV file. It fails, before
// any row is read, when the file is not UCDP GED.
func NewUCDPReader(name string, r io.Reader) (*UCDPReader, error) {
	rows, header, err := openStrictCSV(name, "a UCDP GED export", r)
	if err != nil {
		return nil, err
	}
	u := &UCDPReader{Dataset: DatasetUCDP, name: name, rows: rows}
	col := map[string]int{}
	for i, h := range header {
		if h = ucdpHeaderName(h); h == "" {
			continue
		}
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	for c, n := range ucdpColNames {
		u.at[c] = -1
		if i, ok := col[n]; ok {
			u.at[c] = i
		}
	}
	var missing []string
	for _, c := range ucdpRequired {
		if _, ok := col[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, missingColumns(name, "a UCDP GED export", missing, header)
	}
	return u, nil
}

// Format returns "ucdp".
func (u *UCDPReader) Format() string { return "ucdp" }

// Warnings says what the reader had to guess about the whole file (today:
// that text which was not UTF-8 was read as Windows-1252).
func (u *UCDPReader) Warnings() []string {
	if u.recoded {
		return []string{recodedWarning}
	}
	return nil
}

// hxlRecord reports whether rec is a row of HXL hashtags: every non-empty
// cell starts with '#', and at least one does.
func hxlRecord(rec []string) bool {
	found := false
	for _, f := range rec {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if f[0] != '#' {
			return false
		}
		found = true
	}
	return found
}

// Next returns the next event; see EventSource.
func (u *UCDPReader) Next() (*Event, int, error) {
	for {
		rec, line, err := u.rows.next()
		if err != nil {
			var re *RowError
			if errors.As(err, &re) {
				u.nrows++ // an unreadable first row is not the HXL row
			}
			return nil, line, err
		}
		u.nrows++
		if u.nrows == 1 && hxlRecord(rec) {
			continue // HXL hashtags under the header
		}
		if !u.fieldsFit(rec) {
			return nil, line, u.rows.wrongCount(rec, line)
		}
		u.rows.good()
		e, rerr := u.event(rec)
		if rerr != nil {
			rerr.Line = line
			return nil, line, rerr
		}
		return e, line, nil
	}
}

// fieldsFit reports whether rec has the header's number of fields, give or
// take trailing extras: one of any content, or any number of empty ones.
func (u *UCDPReader) fieldsFit(rec []string) bool {
	switch {
	case len(rec) < u.rows.ncol:
		return false
	case len(rec) <= u.rows.ncol+1:
		return true
	}
	return blankRecord(rec[u.rows.ncol:])
}

// get returns the trimmed value of column c, or "" if the file lacks it.
func (u *UCDPReader) get(rec []string, c ucdpCol) string {
	i := u.at[c]
	if i < 0 {
		return ""
	}
	s, bad := fixText(strings.TrimSpace(rec[i]))
	if bad {
		u.recoded = true
	}
	return s
}

// ucdpGeoPrecision maps UCDP's where_prec (1–7) onto Frontier's geo
// precision scale (1 town, 2 district, 3 province or wider).
func ucdpGeoPrecision(wherePrec int64) uint8 {
	switch {
	case wherePrec <= 2:
		return 1
	case wherePrec == 3:
		return 2
	}
	return 3
}

// ucdpDayLayouts are the month-first forms UCDP files saved through a
// spreadsheet use ("12/31/2021 00:00:00").
var ucdpDayLayouts = []string{
	"1/2/2006 15:04:05",
	"1/2/2006 15:04",
	"1/2/2006 3:04:05 PM",
	"1/2/2006 3:04 PM",
	"1/2/2006",
}

// parseUCDPDay reads a UCDP date: ISO, ISO with a time, or month-first
// with slashes (as UCDP's US-locale exports write it), at midnight UTC.
func parseUCDPDay(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "/") {
		return ParseDay(s)
	}
	for _, l := range ucdpDayLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return checkYear(s, time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC))
		}
	}
	// Not month-first: year first (2021/12/31), or a day that cannot be a
	// month (31/12/2021).
	if t, err := ParseDay(s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date (want e.g. 2021-12-31 or 12/31/2021)", s)
}

// ucdpCount reads an optional count column: present is false when the
// column is missing or empty, and a value that is not a count is a row
// error naming the column.
func (u *UCDPReader) ucdpCount(rec []string, c ucdpCol) (n int64, present bool, err *RowError) {
	s := u.get(rec, c)
	if s == "" {
		return 0, false, nil
	}
	n, ok := parseWhole(s, math.MaxInt32)
	if !ok {
		return 0, false, &RowError{Field: ucdpColNames[c], Reason: fmt.Sprintf("%q is not a count", s)}
	}
	return n, true, nil
}

func (u *UCDPReader) event(rec []string) (*Event, *RowError) {
	g := func(c ucdpCol) string { return u.get(rec, c) }
	e := &u.ev
	*e = Event{
		Dataset:      u.Dataset,
		SourceID:     g(uID),
		SubEventType: g(uConflict),
		Actor1:       g(uSideA),
		Actor2:       g(uSideB),
		Source:       g(uSourceOriginal),
		Location:     g(uWhereCoords),
		Admin1:       g(uAdm1),
		Admin2:       g(uAdm2),
		Country:      g(uCountry),
		ISO3:         g(uISO3),
		Region:       g(uRegion),
	}
	if e.SourceID == "" {
		return nil, &RowError{Field: "id", Reason: "no event ID"}
	}
	if e.SubEventType == "" {
		e.SubEventType = g(uDyad)
	}
	article := g(uSourceArticle)
	if e.Source == "" {
		e.Source, article = article, ""
	}

	tv := g(uViolence)
	if n, ok := parseWhole(tv, 3); ok && n >= 1 {
		e.EventType = ucdpViolence[n]
	} else {
		for _, name := range ucdpViolence[1:] {
			if strings.EqualFold(tv, name) {
				e.EventType = name
			}
		}
		if e.EventType == "" {
			return nil, &RowError{Field: "type_of_violence", Reason: fmt.Sprintf("%q is not 1 (state-based), 2 (non-state) or 3 (one-sided)", tv)}
		}
	}

	start, err := parseUCDPDay(g(uDateStart))
	if err != nil {
		return nil, &RowError{Field: "date_start", Reason: err.Error()}
	}
	end := start
	if s := g(uDateEnd); s != "" {
		if end, err = parseUCDPDay(s); err != nil {
			return nil, &RowError{Field: "date_end", Reason: err.Error()}
		}
		if end.Before(start) {
			return nil, &RowError{Field: "date_end", Reason: fmt.Sprintf("%s is before date_start %s", end.Format(DateLayout), start.Format(DateLayout))}
		}
	}
	e.Date, e.DateEnd = start, end
	prec := int64(0)
	if s := g(uDatePrec); s != "" {
		n, ok := parseWhole(s, 5)
		if !ok || n < 1 {
			return nil, &RowError{Field: "date_prec", Reason: fmt.Sprintf("%q is not a precision 1–5", s)}
		}
		prec = n
	}
	switch {
	case prec == 4:
		e.DatePrecision = PrecMonth
	case prec == 5:
		e.DatePrecision = PrecYear
	case !end.Equal(start):
		e.DatePrecision = PrecSpan
	case prec == 2 || prec == 3:
		e.DatePrecision = PrecWeek
	default:
		e.DatePrecision = PrecDay
	}

	var rerr *RowError
	if e.Lat, rerr = parseCoord(g(uLat), "latitude", 90); rerr != nil {
		return nil, rerr
	}
	if e.Lon, rerr = parseCoord(g(uLon), "longitude", 180); rerr != nil {
		return nil, rerr
	}
	if s := g(uWherePrec); s != "" {
		n, ok := parseWhole(s, 7)
		if !ok || n < 1 {
			return nil, &RowError{Field: "where_prec", Reason: fmt.Sprintf("%q is not a precision 1–7", s)}
		}
		e.GeoPrecision = ucdpGeoPrecision(n)
	}

	best, hasBest, rerr := u.ucdpCount(rec, uBest)
	if rerr != nil {
		return nil, rerr
	}
	e.Fatalities = int32(best)
	var deaths []string
	for _, d := range []struct {
		c     ucdpCol
		label string
	}{{uDeathsA, "side A"}, {uDeathsB, "side B"}, {uDeathsCiv, "civilians"}, {uDeathsUnknown, "unknown"}} {
		n, ok, rerr := u.ucdpCount(rec, d.c)
		if rerr != nil {
			return nil, rerr
		}
		if ok {
			deaths = append(deaths, d.label+" "+strconv.FormatInt(n, 10))
		}
	}
	var est []string
	for _, d := range []struct {
		c     ucdpCol
		label string
	}{{uLow, "low"}, {uBest, "best"}, {uHigh, "high"}} {
		n, ok, rerr := u.ucdpCount(rec, d.c)
		if rerr != nil {
			return nil, rerr
		}
		if ok {
			est = append(est, d.label+" "+strconv.FormatInt(n, 10))
		}
	}
	var notes []string
	if len(deaths) > 0 {
		notes = append(notes, "Deaths: "+strings.Join(deaths, ", ")+".")
	}
	if len(est) > 1 || (len(est) == 1 && !hasBest) {
		notes = append(notes, "Estimates: "+strings.Join(est, ", ")+".")
	}
	if w := g(uWhereDesc); w != "" {
		notes = append(notes, "Where: "+w)
	}
	if article != "" {
		notes = append(notes, "Source article: "+article)
	}
	e.Notes = strings.Join(notes, "\n")
	return e, nil
}
