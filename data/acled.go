package data

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// DatasetACLED is the dataset name of events imported from ACLED exports.
const DatasetACLED = "ACLED"

// ACLEDColumns is the current (2023+) ACLED column set, in ACLED's order.
// Frontier's CSV export writes exactly these columns.
var ACLEDColumns = []string{
	"event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
	"event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
	"actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
	"iso", "region", "country", "admin1", "admin2", "admin3", "location",
	"latitude", "longitude", "geo_precision", "source", "source_scale",
	"notes", "fatalities", "tags", "timestamp",
}

// acledAliases maps older ACLED column names to the current ones.
var acledAliases = map[string]string{
	"ally_actor_1": "assoc_actor_1",
	"ally_actor_2": "assoc_actor_2",
}

// acledRequired are the columns without which a file is not ACLED.
var acledRequired = []string{"event_date", "latitude", "longitude", "event_type"}

// ACLEDReader streams events from an ACLED CSV export of any published
// column set. It holds one row in memory at a time.
type ACLEDReader struct {
	// Dataset is the dataset name given to the events (DatasetACLED unless
	// changed, or the file's frontier_dataset column says otherwise).
	Dataset string

	name    string
	rows    csvRows
	col     map[string]int
	at      [numACLEDCols]int
	ev      Event // reused: Next's event is valid until the next call
	idCol   string
	recoded bool
}

// acledIDColumns are the columns that can hold an ACLED event's ID, in
// order of preference.
var acledIDColumns = []string{"event_id_cnty", "data_id", "event_id_no_cnty"}

// NewACLEDReader reads the header of an ACLED export. It fails, before any
// row is read, when the file is not ACLED.
func NewACLEDReader(name string, r io.Reader) (*ACLEDReader, error) {
	rows, header, err := openStrictCSV(name, "an ACLED export", r)
	if err != nil {
		return nil, err
	}
	a := &ACLEDReader{Dataset: DatasetACLED, name: name, rows: rows, col: map[string]int{}}
	for i, h := range header {
		h, _ = fixText(h)
		h = strings.ToLower(strings.TrimSpace(h))
		if alias, ok := acledAliases[h]; ok {
			h = alias
		}
		if _, dup := a.col[h]; !dup {
			a.col[h] = i
		}
	}
	var missing []string
	for _, c := range acledRequired {
		if _, ok := a.col[c]; !ok {
			missing = append(missing, c)
		}
	}
	for _, c := range acledIDColumns {
		if _, ok := a.col[c]; ok {
			a.idCol = c
			break
		}
	}
	if a.idCol == "" {
		missing = append(missing, "event_id_cnty")
	}
	for c, n := range acledColNames {
		a.at[c] = -1
		if i, ok := a.col[n]; ok && n != "" {
			a.at[c] = i
		}
	}
	a.at[cID] = a.col[a.idCol]
	if len(missing) > 0 {
		return nil, missingColumns(name, "an ACLED export", missing, header)
	}
	return a, nil
}

// Format returns "acled".
func (a *ACLEDReader) Format() string { return "acled" }

// Warnings says what the reader had to guess about the whole file (today:
// that text which was not UTF-8 was read as Windows-1252).
func (a *ACLEDReader) Warnings() []string {
	if a.recoded {
		return []string{recodedWarning}
	}
	return nil
}

// blankRecord reports whether every field of rec is empty or blank.
func blankRecord(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// quoteReason explains a CSV parse error in a user's terms.
func quoteReason(pe *csv.ParseError) string {
	switch {
	case errors.Is(pe.Err, csv.ErrQuote) && pe.Line > pe.StartLine:
		return fmt.Sprintf("a quoted field opened on line %d is not closed properly (lines %d–%d could not be read)", pe.StartLine, pe.StartLine, pe.Line)
	case errors.Is(pe.Err, csv.ErrQuote):
		return fmt.Sprintf("column %d: a quote inside a quoted field must be doubled (\"\")", pe.Column)
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return fmt.Sprintf("column %d: a field with a quote in it must be quoted, with the quote doubled", pe.Column)
	}
	return pe.Err.Error()
}

// maxBadRun is how many unreadable rows in a row abort an import.
const maxBadRun = 1000

// Next returns the next event; see EventSource.
func (a *ACLEDReader) Next() (*Event, int, error) {
	rec, line, err := a.rows.next()
	if err != nil {
		return nil, line, err
	}
	if len(rec) != a.rows.ncol {
		return nil, line, a.rows.wrongCount(rec, line)
	}
	a.rows.good()
	e, rerr := a.event(rec)
	if rerr != nil {
		rerr.Line = line
		return nil, line, rerr
	}
	return e, line, nil
}

// acledCol names a column the reader uses; at holds its position.
type acledCol int

const (
	cID acledCol = iota
	cDate
	cTimePrec
	cDisorder
	cType
	cSubType
	cActor1
	cAssoc1
	cInter1
	cActor2
	cAssoc2
	cInter2
	cInteraction
	cCivTarget
	cISO
	cISO3
	cRegion
	cCountry
	cAdmin1
	cAdmin2
	cAdmin3
	cLocation
	cLat
	cLon
	cGeoPrec
	cSource
	cSourceScale
	cNotes
	cFatal
	cTags
	cTimestamp
	cDataset
	cDateEnd
	cDatePrecName
	cActor1Src
	cActor2Src
	cAssoc1Src
	cAssoc2Src
	numACLEDCols
)

// acledColNames are the (current) header names of the acledCol columns;
// cID is resolved separately.
var acledColNames = [numACLEDCols]string{
	"", "event_date", "time_precision", "disorder_type", "event_type", "sub_event_type",
	"actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
	"civilian_targeting", "iso", "iso3", "region", "country", "admin1", "admin2", "admin3",
	"location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
	"fatalities", "tags", "timestamp", "frontier_dataset",
	"frontier_date_end", "frontier_date_precision",
	// A Frontier export writes canonical actors and keeps the source's
	// names here; reading them back restores the event as it was.
	"frontier_actor1_source", "frontier_actor2_source", "frontier_assoc_actor_1_source", "frontier_assoc_actor_2_source",
}

// get returns the trimmed value of column c, or "" if the file lacks it.
func (a *ACLEDReader) get(rec []string, c acledCol) string {
	i := a.at[c]
	if i < 0 {
		return ""
	}
	s, bad := fixText(strings.TrimSpace(rec[i]))
	if bad {
		a.recoded = true
	}
	return s
}

func (a *ACLEDReader) event(rec []string) (*Event, *RowError) {
	g := func(c acledCol) string { return a.get(rec, c) }
	e := &a.ev
	*e = Event{
		Dataset:           a.Dataset,
		SourceID:          g(cID),
		DisorderType:      g(cDisorder),
		EventType:         g(cType),
		SubEventType:      g(cSubType),
		Actor1:            g(cActor1),
		Actor2:            g(cActor2),
		Assoc1:            SplitList(g(cAssoc1)),
		Assoc2:            SplitList(g(cAssoc2)),
		Inter1:            g(cInter1),
		Inter2:            g(cInter2),
		Interaction:       g(cInteraction),
		CivilianTargeting: g(cCivTarget),
		ISO:               g(cISO),
		ISO3:              g(cISO3),
		Region:            g(cRegion),
		Country:           g(cCountry),
		Admin1:            g(cAdmin1),
		Admin2:            g(cAdmin2),
		Admin3:            g(cAdmin3),
		Location:          g(cLocation),
		Source:            g(cSource),
		SourceScale:       g(cSourceScale),
		Notes:             g(cNotes),
		Tags:              SplitList(g(cTags)),
	}
	if ds := g(cDataset); ds != "" {
		e.Dataset = ds
	}
	if a.at[cActor1Src] >= 0 {
		e.Actor1, e.Actor2 = g(cActor1Src), g(cActor2Src)
		e.Assoc1, e.Assoc2 = SplitList(g(cAssoc1Src)), SplitList(g(cAssoc2Src))
	}
	if e.SourceID == "" {
		return nil, &RowError{Field: a.idCol, Reason: "no event ID"}
	}
	d, err := ParseDay(g(cDate))
	if err != nil {
		return nil, &RowError{Field: "event_date", Reason: err.Error()}
	}
	e.Date, e.DateEnd = d, d
	e.DatePrecision = PrecDay
	if tp, ok := parseWhole(g(cTimePrec), 3); ok {
		switch tp {
		case 2:
			e.DatePrecision = PrecWeek
		case 3:
			e.DatePrecision = PrecMonth
		}
	}
	// Frontier's own export adds what ACLED's columns cannot say.
	if p := g(cDatePrecName); p != "" {
		prec, ok := parsePrecision(p)
		if !ok {
			return nil, &RowError{Field: "frontier_date_precision", Reason: fmt.Sprintf("%q is not day, week, month, year or span", p)}
		}
		e.DatePrecision = prec
	}
	if end := g(cDateEnd); end != "" {
		if e.DateEnd, err = ParseDay(end); err != nil {
			return nil, &RowError{Field: "frontier_date_end", Reason: err.Error()}
		}
	}
	var rerr *RowError
	if e.Lat, rerr = parseCoord(g(cLat), "latitude", 90); rerr != nil {
		return nil, rerr
	}
	if e.Lon, rerr = parseCoord(g(cLon), "longitude", 180); rerr != nil {
		return nil, rerr
	}
	if gp := g(cGeoPrec); gp != "" {
		n, ok := parseWhole(gp, 255)
		if !ok {
			return nil, &RowError{Field: "geo_precision", Reason: fmt.Sprintf("%q is not a whole number", gp)}
		}
		e.GeoPrecision = uint8(n)
	}
	if f := g(cFatal); f != "" {
		n, ok := parseWhole(f, math.MaxInt32)
		if !ok {
			return nil, &RowError{Field: "fatalities", Reason: fmt.Sprintf("%q is not a count", f)}
		}
		e.Fatalities = int32(n)
	}
	if ts := g(cTimestamp); ts != "" {
		if n, ok := parseWhole(ts, math.MaxInt64); ok {
			e.Updated = time.Unix(n, 0).UTC()
		} else if t, err := ParseDay(ts); err == nil {
			e.Updated = t
		}
	}
	return e, nil
}

// parseWhole reads a whole number in 0..limit, also when a spreadsheet or
// a data-frame library wrote it as a float ("12.0", "1.675e9").
func parseWhole(s string, limit int64) (int64, bool) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, n >= 0 && n <= limit
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || f < 0 || f > float64(limit) {
		return 0, false
	}
	return int64(f), true
}

// parseCoord reads a decimal-degree coordinate and checks |v| <= limit.
func parseCoord(s, field string, limit float64) (float64, *RowError) {
	if s == "" {
		return 0, &RowError{Field: field, Reason: "missing"}
	}
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || v != v {
		return 0, &RowError{Field: field, Reason: fmt.Sprintf("%q is not a number", s)}
	}
	if v < -limit || v > limit {
		return 0, &RowError{Field: field, Reason: fmt.Sprintf("%v out of range -%v..%v", v, limit, limit)}
	}
	return v, nil
}
