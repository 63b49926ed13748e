package data

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"os"
	"strings"
)

// DatasetSample is the dataset name of the embedded illustrative sample.
const DatasetSample = "SAMPLE"

//go:embed sample/frontier_sample.csv
var sampleCSV []byte

// SampleCSV returns the embedded illustrative sample dataset (ACLED format).
// Every record in it is illustrative, not reporting.
func SampleCSV() []byte { return sampleCSV }

// ImportFile imports one file, detecting its format from its content: a
// header naming UCDP GED columns (type_of_violence, date_start, …) is read
// as UCDP GED, anything else as ACLED. A file in no known format is
// refused with one error and nothing written.
func (s *Store) ImportFile(ctx context.Context, path string, progress func(ImportReport)) (ImportReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return ImportReport{File: path}, fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	br := skipBOM(f)
	if looksLikeUCDP(br) {
		src, err := NewUCDPReader(path, br)
		if err != nil {
			return ImportReport{File: path}, fmt.Errorf("import %w", err)
		}
		return s.Import(ctx, path, src, progress)
	}
	src, err := NewACLEDReader(path, br)
	if err != nil {
		if strings.Contains(err.Error(), "not an ACLED export") {
			err = fmt.Errorf("%w; nor a UCDP GED export, which needs columns %s", err, strings.Join(ucdpRequired, ", "))
		}
		return ImportReport{File: path}, fmt.Errorf("import %w", err)
	}
	return s.Import(ctx, path, src, progress)
}

// ImportSample loads the embedded sample dataset into the store.
func (s *Store) ImportSample(ctx context.Context) (ImportReport, error) {
	src, err := NewACLEDReader("sample", bytes.NewReader(sampleCSV))
	if err != nil {
		return ImportReport{}, fmt.Errorf("sample: %w", err)
	}
	src.Dataset = DatasetSample
	return s.Import(ctx, "(embedded sample)", src, nil)
}
