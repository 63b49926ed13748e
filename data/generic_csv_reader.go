package data

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// GenericCSVReader reads events from a CSV file in no particular format:
// the latitude, longitude and date columns are found by name (or by value
// for the coordinates and the date), or given by a ColumnMap; the other
// fields are mapped by name as for GeoJSON properties. A file without
// coordinates but with a column of place names has its rows placed by
// gazetteer (GeoPrecision 3), as does a row whose coordinates are both
// missing. Numeric d/m/y dates are read day- or month-first as the whole
// column shows.
//
// The file is read twice and never held in memory: a first pass finds
// the columns from the first rows and counts the date-order evidence of
// the whole date column, the second streams the rows. A reader that
// cannot seek is copied first (to memory when small, else to a temporary
// file removed when the reader is done).
type GenericCSVReader struct {
	// Dataset is given to rows without a dataset column (the file's base
	// name without extension unless changed).
	Dataset string

	name     string
	closer   io.Closer // the file or spool the reader owns; nil when none
	rows     csvRows
	header   []string
	keys     []string
	cols     genericCols
	extra    map[string]int // property name → column, from a ColumnMap
	drop     []string       // property names of fields mapped to NoColumn
	dayFirst bool
	warnings []string
	recoded  bool
	placed   int // rows placed by gazetteer
	multiple int // of them, rows whose place name has several places
	ev       Event
}

// NewGenericCSVReader reads the header and first rows of a CSV file and
// finds its columns. It fails when no latitude, longitude (or place name)
// or date column can be found, naming the missing ones. m, when not nil,
// names columns explicitly. r is read from its current position; unless
// it can seek, it is copied (see GenericCSVReader). Call Close when done
// with the reader (it is also released at the end of the rows).
func NewGenericCSVReader(name string, r io.Reader, m ColumnMap) (*GenericCSVReader, error) {
	rs, closer, err := rewindable(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	g, err := newGenericCSV(name, rs, m)
	if err != nil {
		if closer != nil {
			closer.Close()
		}
		return nil, err
	}
	g.closer = closer
	return g, nil
}

// OpenGenericCSV opens the CSV file at path for the generic reader (see
// NewGenericCSVReader). The caller must Close it.
func OpenGenericCSV(path string, m ColumnMap) (*GenericCSVReader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	g, err := newGenericCSV(path, f, m)
	if err != nil {
		f.Close()
		return nil, err
	}
	g.closer = f
	return g, nil
}

// newGenericCSV makes the first pass over rs, then rewinds it for the
// rows.
func newGenericCSV(name string, rs io.ReadSeeker, m ColumnMap) (*GenericCSVReader, error) {
	start, err := rs.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	sc, err := scanCSV(name, rs, m, 0)
	if err != nil {
		return nil, err
	}
	if len(sc.cols.missing) > 0 {
		err := fmt.Errorf("%s: not a CSV of events: no %s column (header has: %s)",
			name, strings.Join(sc.cols.missing, ", "), shownHeader(sc.header, 12))
		if sc.cols.lat < 0 || sc.cols.lon < 0 {
			err = fmt.Errorf("%w; a column of place names (location, place, town, city, …) would place the rows by gazetteer", err)
		}
		return nil, err
	}
	g := &GenericCSVReader{Dataset: datasetFromName(name), name: name, header: sc.header, keys: sc.keys, cols: sc.cols}
	g.warnings = append(g.warnings, sc.cols.warnings...)
	var w string
	g.dayFirst, w = sc.order.decide()
	if w != "" {
		g.warnings = append(g.warnings, w)
	}
	for k, col := range m {
		prop := MapKeys[k]
		if prop == "" {
			continue
		}
		if col == NoColumn {
			g.drop = append(g.drop, fieldProps[k]...)
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
	if _, err := rs.Seek(start, io.SeekStart); err != nil {
		return nil, fmt.Errorf("%s: rewind: %w", name, err)
	}
	cr := csv.NewReader(utf16Reader(skipBOM(rs)))
	cr.Comma = sc.comma
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	if _, err := cr.Read(); err != nil {
		return nil, fmt.Errorf("%s: header: %w", name, err)
	}
	g.rows = csvRows{cr: cr, ncol: len(g.header)}
	return g, nil
}

// csvScan is what a first pass over a CSV file learns.
type csvScan struct {
	comma  rune
	header []string // as written: valid UTF-8, trimmed
	keys   []string // genericKey of each name
	sample [][]string
	lines  []int // the line each sample row starts on
	cols   genericCols
	order  dateOrderCount
	rows   int  // rows read
	ended  bool // the whole file was read
}

// scanCSV reads the header, keeps the first genericMaxScan rows to find
// the columns from, and counts the date-order evidence of every row after
// them; it stops after maxRows rows when maxRows > 0.
func scanCSV(name string, r io.Reader, m ColumnMap, maxRows int) (*csvScan, error) {
	br := utf16Reader(skipBOM(r))
	if head, err := br.Peek(br.Size()); err != nil && len(bytes.TrimSpace(head)) == 0 {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty file", name)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	sc := &csvScan{comma: sniffDelimiter(br)}
	cr := csv.NewReader(br)
	cr.Comma = sc.comma
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: not a CSV file: header: %w", name, err)
	}
	sc.header = make([]string, len(header))
	sc.keys = make([]string, len(header))
	for i, h := range header {
		sc.keys[i] = genericKey(h)
		sc.header[i], _ = fixText(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
	}
	decided := false
	decide := func() error {
		if sc.cols, err = findGenericColumns(sc.header, sc.sample, m); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		decided = true
		for _, rec := range sc.sample {
			sc.countDate(rec)
		}
		return nil
	}
	for maxRows <= 0 || sc.rows < maxRows {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			sc.ended = true
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		sc.rows++
		if decided {
			sc.countDate(rec)
			continue
		}
		line, _ := cr.FieldPos(0)
		sc.sample = append(sc.sample, append([]string(nil), rec...))
		sc.lines = append(sc.lines, line)
		if len(sc.sample) == genericMaxScan {
			if err := decide(); err != nil {
				return nil, err
			}
		}
	}
	if !decided {
		if err := decide(); err != nil {
			return nil, err
		}
	}
	return sc, nil
}

// countDate adds a row's date cell to the date-order evidence.
func (sc *csvScan) countDate(rec []string) {
	if d := sc.cols.date; d >= 0 && d < len(rec) {
		sc.order.add(rec[d])
	}
}

// genericMemCopy is the largest input that cannot seek which the generic
// reader copies to memory; a larger one goes to a temporary file.
var genericMemCopy int64 = 8 << 20

// spool is a temporary copy of an input, removed on Close.
type spool struct {
	*os.File
	once sync.Once
}

// Close closes and removes the file (once).
func (s *spool) Close() error {
	var err error
	s.once.Do(func() {
		err = s.File.Close()
		if rerr := os.Remove(s.Name()); err == nil {
			err = rerr
		}
	})
	return err
}

// rewindable returns r when it can seek, else a copy of it that can: in
// memory up to genericMemCopy bytes, else a temporary file (the closer,
// to close when done).
func rewindable(r io.Reader) (io.ReadSeeker, io.Closer, error) {
	if rs, ok := r.(io.ReadSeeker); ok {
		if _, err := rs.Seek(0, io.SeekCurrent); err == nil {
			return rs, nil, nil
		}
	}
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(r, genericMemCopy+1))
	if err != nil {
		return nil, nil, err
	}
	if n <= genericMemCopy {
		return bytes.NewReader(buf.Bytes()), nil, nil
	}
	f, err := os.CreateTemp("", "frontier-import-*.csv")
	if err != nil {
		return nil, nil, fmt.Errorf("copy of the input: %w", err)
	}
	s := &spool{File: f}
	// A reader dropped without Close still removes its copy.
	runtime.AddCleanup(s, func(f *os.File) { f.Close(); os.Remove(f.Name()) }, f)
	_, err = buf.WriteTo(f)
	if err == nil {
		_, err = io.Copy(f, r)
	}
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		s.Close()
		return nil, nil, fmt.Errorf("copy of the input: %w", err)
	}
	return s, s, nil
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

// Close releases the file or the copy the reader holds. It is safe to
// call more than once.
func (g *GenericCSVReader) Close() error {
	c := g.closer
	g.closer = nil
	if c == nil {
		return nil
	}
	return c.Close()
}

// Format returns "csv".
func (g *GenericCSVReader) Format() string { return "csv" }

// DatasetName is the dataset of rows without a dataset column.
func (g *GenericCSVReader) DatasetName() string { return g.Dataset }

// Warnings says what the reader had to guess: the coordinate and date
// columns, the order of numeric dates, the text encoding, and how many
// rows the gazetteer placed.
func (g *GenericCSVReader) Warnings() []string {
	w := append([]string(nil), g.warnings...)
	if g.recoded {
		w = append(w, recodedWarning)
	}
	if g.placed > 0 {
		s := fmt.Sprintf("%d rows placed by gazetteer (approximate, geo precision 3) at the place their %q column names",
			g.placed, g.header[g.cols.loc])
		if g.multiple > 0 {
			s += fmt.Sprintf("; for %d of them several places have that name, and the most populous was taken", g.multiple)
		}
		w = append(w, s)
	}
	return w
}

// Next returns the next event; see EventSource.
func (g *GenericCSVReader) Next() (*Event, int, error) {
	rec, line, err := g.rows.next()
	if err != nil {
		var re *RowError
		if !errors.As(err, &re) {
			g.Close() // the end, or a fatal error
		}
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

// ImportCSVMapped imports a CSV file with the generic reader, its columns
// named by m (see ColumnMap; nil finds them all); columns m leaves out
// are found as ImportFile finds them.
func (s *Store) ImportCSVMapped(ctx context.Context, path string, m ColumnMap, progress func(ImportReport)) (ImportReport, error) {
	src, err := OpenGenericCSV(path, m)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return ImportReport{File: path}, fmt.Errorf("import: %w", err)
		}
		return ImportReport{File: path}, fmt.Errorf("import %w", err)
	}
	defer src.Close()
	return s.Import(ctx, path, src, progress)
}
