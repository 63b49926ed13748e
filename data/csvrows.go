package data

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// recodedWarning is the warning of a CSV reader that read text which was
// not UTF-8 as Windows-1252.
const recodedWarning = "some text was not UTF-8 and was read as Windows-1252"

// csvRows is the row loop the CSV readers (ACLED, UCDP, generic) share:
// blank rows are skipped, a row with broken quoting or the wrong number
// of fields is rejected on its own, and a long run of unreadable rows ends
// the file.
type csvRows struct {
	cr     *csv.Reader
	ncol   int // fields in the header
	badRun int // rejected rows in a row
}

// next returns the next record that is not blank and the line it starts
// on. A row whose quoting is broken comes back as a *RowError (reading
// goes on at the next line); after maxBadRun rejected rows in a row, such
// a row ends the file with an error.
func (c *csvRows) next() ([]string, int, error) {
	for {
		rec, err := c.cr.Read()
		if errors.Is(err, io.EOF) {
			return nil, 0, io.EOF
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			c.badRun++
			if c.badRun > maxBadRun {
				return nil, pe.StartLine, fmt.Errorf("%d unreadable rows in a row, giving up: %w", maxBadRun, err)
			}
			return nil, pe.StartLine, &RowError{Line: pe.StartLine, Reason: quoteReason(pe)}
		}
		if err != nil {
			return nil, 0, err
		}
		if blankRecord(rec) {
			continue // an empty line, or a spreadsheet row of bare commas
		}
		line, _ := c.cr.FieldPos(0)
		return rec, line, nil
	}
}

// wrongCount rejects rec, read at line, for not having the header's
// number of fields, pointing at an unbalanced quote when the row ran over
// several lines.
func (c *csvRows) wrongCount(rec []string, line int) *RowError {
	c.badRun++
	reason := fmt.Sprintf("has %d fields, the header has %d", len(rec), c.ncol)
	if last, _ := c.cr.FieldPos(len(rec) - 1); last > line {
		reason += fmt.Sprintf(" (the row runs over lines %d–%d: is a quote unbalanced?)", line, last)
	}
	return &RowError{Line: line, Reason: reason}
}

// good ends a run of rejected rows.
func (c *csvRows) good() { c.badRun = 0 }

// openStrictCSV reads the header of a CSV file that should be what (e.g.
// "an ACLED export"), after a byte-order mark, with the delimiter sniffed
// from the first lines. Quoting is strict: a lazy reader lets one stray
// quote swallow the rest of the file into a single field; a strict one
// rejects that row and goes on at the next line.
func openStrictCSV(name, what string, r io.Reader) (csvRows, []string, error) {
	br := skipBOM(r)
	if head, err := br.Peek(br.Size()); len(head) == br.Size() && bytes.IndexByte(head, '\n') < 0 {
		return csvRows{}, nil, fmt.Errorf("%s: not %s: no line break in the first %d KiB (not a CSV file?)", name, what, br.Size()/1024)
	} else if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return csvRows{}, nil, fmt.Errorf("%s: %w", name, err)
	}
	cr := csv.NewReader(br)
	cr.Comma = sniffDelimiter(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return csvRows{}, nil, fmt.Errorf("%s: empty file, not %s", name, what)
	}
	if err != nil {
		return csvRows{}, nil, fmt.Errorf("%s: not %s: header: %w", name, what, err)
	}
	return csvRows{cr: cr, ncol: len(header)}, header, nil
}

// missingColumns is the error of a file that is not what (e.g. "an ACLED
// export") because it lacks the missing columns.
func missingColumns(name, what string, missing, header []string) error {
	return fmt.Errorf("%s: not %s: missing column(s) %s (header has: %s)",
		name, what, strings.Join(missing, ", "), shownHeader(header, 8))
}

// shownHeader lists up to n header names, and an ellipsis for the rest.
func shownHeader(h []string, n int) string {
	if len(h) > n {
		h = append(h[:n:n], "…")
	}
	return strings.Join(h, ", ")
}

// peekHeader reads the first line of br as a CSV header, without
// consuming it, with each name made valid UTF-8; ok is false when it is
// not one.
func peekHeader(br *bufio.Reader) (header []string, ok bool) {
	b, _ := br.Peek(br.Size())
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comma = sniffDelimiter(br)
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, false
	}
	for i, h := range header {
		header[i], _ = fixText(h)
	}
	return header, true
}
