package data

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// DatasetSample is the dataset name of the embedded illustrative sample.
const DatasetSample = "SAMPLE"

//go:embed sample/frontier_sample.csv
var sampleCSV []byte

// SampleCSV returns the embedded illustrative sample dataset (ACLED format).
// Every record in it is illustrative, not reporting.
func SampleCSV() []byte { return sampleCSV }

// ImportFile imports one file, detecting its format from its content: a
// zip archive is read as KMZ, a document starting with '{' as GeoJSON, one
// starting with '<' as KML (the lines and polygons of these three become
// annotations on a new layer named after the file; see
// importWithAnnotations); otherwise a CSV header naming UCDP GED columns
// (type_of_violence, date_start, …) is read as UCDP GED, one with ACLED's
// columns as ACLED, and any other CSV with latitude, longitude and date
// columns (found by name, or the coordinates by value) with the generic
// CSV reader. A UTF-16 file with a byte-order mark is decoded first. A
// file in no known format is
// refused with one error and nothing written.
func (s *Store) ImportFile(ctx context.Context, path string, progress func(ImportReport)) (ImportReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return ImportReport{File: path}, fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	br := utf16Reader(skipBOM(f))
	switch detectContent(br) {
	case "kmz":
		st, err := f.Stat()
		if err != nil {
			return ImportReport{File: path}, fmt.Errorf("import %s: %w", path, err)
		}
		src, err := NewKMZReader(path, f, st.Size())
		if err != nil {
			return ImportReport{File: path}, fmt.Errorf("import %w", err)
		}
		defer src.Close()
		return s.importWithAnnotations(ctx, path, src, progress)
	case "kml":
		src, err := NewKMLReader(path, br)
		if err != nil {
			return ImportReport{File: path}, fmt.Errorf("import %w", err)
		}
		return s.importWithAnnotations(ctx, path, src, progress)
	case "geojson":
		src, err := NewGeoJSONReader(path, br)
		if err != nil {
			return ImportReport{File: path}, fmt.Errorf("import %w", err)
		}
		return s.importWithAnnotations(ctx, path, src, progress)
	}
	if looksLikeUCDP(br) {
		src, err := NewUCDPReader(path, br)
		if err != nil {
			return ImportReport{File: path}, fmt.Errorf("import %w", err)
		}
		return s.Import(ctx, path, src, progress)
	}
	missing := genericCSVMissing(br)
	if len(missing) == 0 && !looksLikeACLED(br) {
		// Opened by name, the reader streams its second pass from the
		// file instead of spooling a copy of it.
		src, err := OpenGenericCSV(path, nil)
		if err != nil {
			return ImportReport{File: path}, fmt.Errorf("import %w", err)
		}
		defer src.Close()
		return s.Import(ctx, path, src, progress)
	}
	src, err := NewACLEDReader(path, br)
	if err != nil {
		if strings.Contains(err.Error(), "not an ACLED export") {
			err = fmt.Errorf("%w; nor a UCDP GED export, which needs columns %s", err, strings.Join(ucdpRequired, ", "))
			if len(missing) > 0 {
				err = fmt.Errorf("%w; nor a plain CSV of events: no %s column found (name them with --map)", err, strings.Join(missing, ", "))
			}
		}
		return ImportReport{File: path}, fmt.Errorf("import %w", err)
	}
	return s.Import(ctx, path, src, progress)
}

// detectContent names the format the first bytes of br show: "kmz" for a
// zip archive, "geojson" when the first non-space byte is '{', "kml" when
// it is '<', and "" otherwise (CSV).
func detectContent(br *bufio.Reader) string {
	head, _ := br.Peek(4096)
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		return "kmz"
	}
	switch t := bytes.TrimLeft(head, " \t\r\n"); {
	case len(t) == 0:
		return ""
	case t[0] == '{':
		return "geojson"
	case t[0] == '<':
		return "kml"
	}
	return ""
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

// importWithAnnotations imports src's events and then, when src is an
// AnnotationSource with annotations, stores them on a new layer named after
// the file's base name (made unique: "name (2)" …) in one transaction that
// also records AnnotationsAdded and Layer in the import's record. A failed
// or cancelled import stores no annotations.
func (s *Store) importWithAnnotations(ctx context.Context, path string, src EventSource, progress func(ImportReport)) (ImportReport, error) {
	rep, err := s.Import(ctx, path, src, progress)
	if err != nil {
		return rep, err
	}
	as, ok := src.(AnnotationSource)
	if !ok || len(as.Annotations()) == 0 {
		return rep, nil
	}
	if err := ctx.Err(); err != nil {
		// Cancelled after the last batch: the events are in, the
		// annotations are not, and the record says so.
		rep.Status = StatusCancelled
		if uerr := s.db.Update(func(tx *bolt.Tx) error { return putImport(tx.Bucket(bucketImports), &rep) }); uerr != nil {
			return rep, fmt.Errorf("import %s: %w (and the record: %v)", path, err, uerr)
		}
		return rep, fmt.Errorf("import %s: before its annotations: %w", path, err)
	}
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if name == "" {
		name = "Imported"
	}
	next := rep
	if l, ok, err := s.LayerHolding(name, as.Annotations()); err != nil {
		return rep, fmt.Errorf("import %s: annotations: %w", path, err)
	} else if ok {
		// The same file again: its drawings are there already.
		next.AnnotationsUnchanged, next.Layer, next.LayerID = len(as.Annotations()), l.Name, l.ID
		if err := s.db.Update(func(tx *bolt.Tx) error { return putImport(tx.Bucket(bucketImports), &next) }); err != nil {
			return rep, fmt.Errorf("import %s: %w", path, err)
		}
		if progress != nil {
			progress(next)
		}
		return next, nil
	}
	_, _, err = s.addLayer(name, as.Annotations(), func(tx *bolt.Tx, l Layer, n int) error {
		next.AnnotationsAdded, next.Layer, next.LayerID = n, l.Name, l.ID
		return putImport(tx.Bucket(bucketImports), &next)
	})
	if err != nil {
		return rep, fmt.Errorf("import %s: annotations: %w", path, err)
	}
	if progress != nil {
		progress(next)
	}
	return next, nil
}

// ReadAnnotationsFile reads the annotations of a GeoJSON, KML or KMZ
// file, detecting the format from the content as ImportFile does, with
// ReadAnnotationsGeoJSON, ReadAnnotationsKML or ReadAnnotationsKMZ: every
// geometry, Points included, becomes an annotation. format is "geojson",
// "kml" or "kmz". Any other file is refused with an error naming it.
func ReadAnnotationsFile(path string) (items []Annotation, warnings []string, format string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, "", fmt.Errorf("read annotations: %w", err)
	}
	defer f.Close()
	br := utf16Reader(skipBOM(f))
	switch format = detectContent(br); format {
	case "kmz":
		st, serr := f.Stat()
		if serr != nil {
			return nil, nil, format, fmt.Errorf("read annotations %s: %w", path, serr)
		}
		items, warnings, err = ReadAnnotationsKMZ(f, st.Size(), path)
	case "kml":
		items, warnings, err = ReadAnnotationsKML(br, path)
	case "geojson":
		items, warnings, err = ReadAnnotationsGeoJSON(br, path)
	default:
		return nil, nil, "", fmt.Errorf("read annotations %s: not GeoJSON, KML or KMZ", path)
	}
	if err != nil {
		return nil, nil, format, fmt.Errorf("read annotations %w", err)
	}
	return items, warnings, format, nil
}

// LayerHolding finds a layer named name (or name with a " (N)" suffix,
// as a second import of a file gets) that holds exactly items — the same
// drawings, styles, labels and dates, in the same order — so that
// importing a file or merging a package again adds no copy of its
// drawings.
func (s *Store) LayerHolding(name string, items []Annotation) (Layer, bool, error) {
	layers, err := s.Layers()
	if err != nil {
		return Layer{}, false, err
	}
	all, err := s.Annotations()
	if err != nil {
		return Layer{}, false, err
	}
	want := drawingKeys(items)
	for _, l := range layers {
		if l.Name != name && !(strings.HasPrefix(l.Name, name+" (") && strings.HasSuffix(l.Name, ")")) {
			continue
		}
		var on []Annotation
		for _, a := range all {
			if a.Layer == l.ID {
				on = append(on, a)
			}
		}
		if slices.Equal(drawingKeys(on), want) {
			return l, true, nil
		}
	}
	return Layer{}, false, nil
}

// drawingKeys are the annotations as what they show: everything but the
// store's own fields (ID, layer, times).
func drawingKeys(items []Annotation) []string {
	out := make([]string, len(items))
	for i, a := range items {
		a.ID, a.Layer, a.Created, a.Modified = 0, 0, time.Time{}, time.Time{}
		b, _ := json.Marshal(a)
		out[i] = string(b)
	}
	return out
}
