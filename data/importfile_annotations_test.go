package data

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// writeExchange writes the exchange fixture with write into dir/name.
func writeExchange(t *testing.T, dir, name string, write func(io.Writer, Layer, []Annotation) error) string {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf, Layer{Name: "Original"}, exchangeFixture()); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Frontier's annotation exports import back through ImportFile as
// annotations on a new layer named after the file, every kind intact; the
// same file again adds nothing, a changed one gets a layer of its own.
func TestImportFileStoresAnnotations(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		file, format string
		write        func(io.Writer, Layer, []Annotation) error
		otol         float64
	}{
		{"drawings.geojson", "geojson", WriteAnnotationsGeoJSON, 0},
		{"drawings.kml", "kml", WriteAnnotationsKML, 0.5 / 255},
		{"drawings.kmz", "kml", WriteAnnotationsKMZ, 0.5 / 255},
	} {
		t.Run(tc.file, func(t *testing.T) {
			s := openTemp(t)
			path := writeExchange(t, dir, tc.file, tc.write)
			var last ImportReport
			rep, err := s.ImportFile(context.Background(), path, func(r ImportReport) { last = r })
			if err != nil {
				t.Fatal(err)
			}
			want := exchangeFixture()
			if rep.Format != tc.format || rep.Added != 0 || rep.Rejected != 0 || rep.AnnotationsAdded != len(want) ||
				rep.Layer != "drawings" || rep.LayerID == 0 || len(rep.Warnings) != 0 {
				t.Fatalf("report %+v", rep)
			}
			if last.AnnotationsAdded != len(want) {
				t.Errorf("last progress report %+v", last)
			}
			layers, _ := s.Layers()
			if len(layers) != 1 || layers[0].Name != "drawings" || layers[0].ID != rep.LayerID {
				t.Errorf("layers %+v", layers)
			}
			got, _ := s.Annotations()
			if len(got) != len(want) {
				t.Fatalf("%d annotations stored", len(got))
			}
			for i := range want {
				if got[i].Layer != rep.LayerID || got[i].ID == 0 || got[i].Created.IsZero() {
					t.Errorf("%s stored as %+v", want[i].Kind, got[i])
				}
				if d := sameAnnotation(want[i], got[i], 1e-7, tc.otol); d != "" {
					t.Errorf("%s: %s", want[i].Kind, d)
				}
			}
			hist, _ := s.Imports()
			if h := hist[len(hist)-1]; h.AnnotationsAdded != len(want) || h.Layer != "drawings" || h.Status != StatusDone {
				t.Errorf("import record %+v", h)
			}
			// The same file again adds no copy of its drawings.
			rep, err = s.ImportFile(context.Background(), path, nil)
			if err != nil || rep.Layer != "drawings" || rep.AnnotationsAdded != 0 || rep.AnnotationsUnchanged != len(want) {
				t.Errorf("second import %+v %v", rep, err)
			}
			if layers, _ := s.Layers(); len(layers) != 1 {
				t.Errorf("%d layers after importing the same file again", len(layers))
			}
			// One drawing changed: the file's drawings become a new layer.
			changed := exchangeFixture()
			changed[0].Label += " (revised)"
			var buf bytes.Buffer
			if err := tc.write(&buf, Layer{Name: "Original"}, changed); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			rep, err = s.ImportFile(context.Background(), path, nil)
			if err != nil || rep.Layer != "drawings (2)" || rep.AnnotationsAdded != len(want) {
				t.Errorf("import of changed drawings %+v %v", rep, err)
			}
		})
	}
}

// A cancelled import stores no annotations, also when the cancel comes
// after the last batch of events; importing again stores them.
func TestCancelledImportStoresNoAnnotations(t *testing.T) {
	s := openTemp(t)
	path := "testdata/quirks.kml"
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.ImportFile(ctx, path, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled import: %v", err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	rep, err := s.ImportFile(ctx, path, func(ImportReport) { cancel() })
	if !errors.Is(err, context.Canceled) || rep.Status != StatusCancelled || rep.AnnotationsAdded != 0 {
		t.Fatalf("cancelled after the events: %v %+v", err, rep)
	}
	if as, _ := s.Annotations(); len(as) != 0 {
		t.Errorf("%d annotations stored by cancelled imports", len(as))
	}
	if ls, _ := s.Layers(); len(ls) != 0 {
		t.Errorf("layers %+v", ls)
	}
	hist, _ := s.Imports()
	if h := hist[len(hist)-1]; h.Status != StatusCancelled {
		t.Errorf("record %+v", h)
	}
	rep = importFile(t, s, path)
	if rep.AnnotationsAdded != 1 || rep.Layer != "quirks" || rep.Unchanged != 4 {
		t.Errorf("rerun %+v", rep)
	}
}

// Import records written before annotations read back with no
// annotation fields.
func TestOldImportRecordsStayReadable(t *testing.T) {
	s := openTemp(t)
	old := `{"id":7,"file":"a.csv","format":"acled","started":"2024-01-02T03:04:05Z","finished":"2024-01-02T03:04:06Z","status":"done","rows":3,"last_line":4,"added":3,"updated":0,"unchanged":0,"rejected":0,"errors":[]}`
	err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketImports).Put(idKey(7), []byte(old)) })
	if err != nil {
		t.Fatal(err)
	}
	hist, err := s.Imports()
	if err != nil || len(hist) != 1 || hist[0].Added != 3 || hist[0].AnnotationsAdded != 0 || hist[0].Layer != "" {
		t.Errorf("%+v %v", hist, err)
	}
}
