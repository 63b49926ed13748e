package data

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
)

// PreviewRows is how many rows a CSVDetection shows.
const PreviewRows = 10

// detectMaxRows bounds the rows DetectCSV reads: the date order it reports
// is that of these rows (an import reads the whole column).
const detectMaxRows = 20000

// MapFields are the ColumnMap fields in the order a column-mapping form
// shows them.
var MapFields = []string{"lat", "lon", "date", "date_end", "location", "country", "admin1", "admin2",
	"actor1", "actor2", "type", "subtype", "fatalities", "notes", "source", "id", "dataset"}

// CSVDetection is what the generic CSV reader would make of a file, for a
// person to review before importing: the columns it found, why it is
// unsure of them, and the first rows.
type CSVDetection struct {
	// Header is the file's column names as written.
	Header []string
	// Map names, for each field the reader would fill (MapFields), the
	// column it would read, as ColumnRef writes it; Columns gives the
	// same columns by 0-based position.
	Map     ColumnMap
	Columns map[string]int
	// Unsure says the columns should be reviewed; Reasons say why (no
	// coordinate or date column by name, several candidates, numeric
	// dates of unknown order, placement by gazetteer, missing columns).
	Unsure  bool
	Reasons []string
	// Missing lists the required columns not found; an import without a
	// mapping that names them fails.
	Missing []string
	// ByPlace says rows would be placed by gazetteer from the location
	// column, the file having no coordinate columns.
	ByPlace bool
	// Preview is the first PreviewRows rows, as read; PreviewLines the
	// line each starts on.
	Preview      [][]string
	PreviewLines []int
	// Rows counts the rows read, at most detectMaxRows; Complete is false
	// when the file has more.
	Rows     int
	Complete bool

	keys []string // genericKey of each header name
}

// ColumnRef names column i (0-based) for a ColumnMap: its header name, or
// its 1-based number where the name is empty, repeated or a number.
func (d *CSVDetection) ColumnRef(i int) string {
	ref := strconv.Itoa(i + 1)
	if i < 0 || i >= len(d.Header) {
		return ref
	}
	for j, k := range d.keys {
		if j != i && k == d.keys[i] {
			return ref
		}
	}
	if d.keys[i] == "" || d.Header[i] == NoColumn {
		return ref
	}
	if _, err := strconv.Atoi(d.Header[i]); err == nil {
		return ref // a header "3" would read as column 3
	}
	return d.Header[i]
}

// DetectCSV reads the start of a CSV file (up to 20,000 rows) and says
// which columns the generic reader would use with m (nil: none named),
// and whether it is unsure of them. It fails only for a file that is not
// CSV at all (empty, or no header).
func DetectCSV(name string, r io.Reader, m ColumnMap) (*CSVDetection, error) {
	sc, err := scanCSV(name, r, m, detectMaxRows)
	if err != nil {
		return nil, err
	}
	d := &CSVDetection{Header: sc.header, Rows: sc.rows, Complete: sc.ended, ByPlace: sc.cols.byPlace,
		Missing: sc.cols.missing, Reasons: slices.Clone(sc.cols.unsure), Map: ColumnMap{}, Columns: map[string]int{},
		keys: sc.keys}
	n := min(PreviewRows, len(sc.sample))
	d.Preview, d.PreviewLines = sc.sample[:n:n], sc.lines[:n:n]
	if _, w := sc.order.decide(); w != "" {
		if !sc.ended {
			w = fmt.Sprintf("%s (in the first %d rows)", w, sc.rows)
		}
		d.Reasons = append(d.Reasons, w)
	}
	d.Unsure = len(d.Reasons) > 0

	c := sc.cols
	used := map[int]bool{}
	set := func(field string, i int) {
		if i >= 0 && i < len(sc.header) {
			d.Map[field] = d.ColumnRef(i)
			d.Columns[field] = i
			used[i] = true
		}
	}
	set("lat", c.lat)
	set("lon", c.lon)
	set("date", c.date)
	if c.loc >= 0 {
		set("location", c.loc)
	}
	if c.country >= 0 && (c.byPlace || sc.keys[c.country] == "country") {
		set("country", c.country)
	}
	for _, f := range MapFields {
		if _, done := d.Map[f]; done || MapKeys[f] == "" {
			continue
		}
		if col, ok := m[f]; ok {
			if col != NoColumn {
				if i, err := mappedColumn(sc.keys, col); err == nil {
					set(f, i)
				}
			}
			continue
		}
		// The first property name of the field a column bears, as
		// eventFromProps reads them.
	names:
		for _, name := range fieldProps[f] {
			for i, k := range sc.keys {
				if k == name && !used[i] {
					set(f, i)
					break names
				}
			}
		}
	}
	return d, nil
}

// DetectCSVFile is DetectCSV on the file at path.
func DetectCSVFile(path string, m ColumnMap) (*CSVDetection, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return DetectCSV(path, f, m)
}

// ImportPlan says how ImportFile would read a file.
type ImportPlan struct {
	// Format is "kmz", "kml", "geojson", "ucdp", "acled", or "csv" for
	// the generic CSV reader (also when it would not find the columns it
	// needs: CSV.Missing then names them).
	Format string
	// CSV is, for Format "csv", what the generic reader would make of
	// the file.
	CSV *CSVDetection
}

// PlanImport detects the format of the file at path as ImportFile does,
// and for a CSV file that only the generic reader could read, what it
// would make of it.
func PlanImport(path string) (ImportPlan, error) {
	f, err := os.Open(path)
	if err != nil {
		return ImportPlan{}, err
	}
	defer f.Close()
	br := utf16Reader(skipBOM(f))
	if format := detectContent(br); format != "" {
		return ImportPlan{Format: format}, nil
	}
	if looksLikeUCDP(br) {
		return ImportPlan{Format: "ucdp"}, nil
	}
	if looksLikeACLED(br) {
		return ImportPlan{Format: "acled"}, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return ImportPlan{}, err
	}
	d, err := DetectCSV(path, f, nil)
	if err != nil {
		return ImportPlan{}, err
	}
	return ImportPlan{Format: "csv", CSV: d}, nil
}
