package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"frontier/data/synth"
)

// writeTemp writes content to a file in a temporary directory.
func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const miniHeader = "event_id_cnty,event_date,event_type,actor1,location,latitude,longitude,notes,fatalities,timestamp\n"

func TestBadQuotingRejectsOneRowOnly(t *testing.T) {
	s := openTemp(t)
	csv := miniHeader +
		"A1,2024-01-01,Battles,X,Khar,34.7,71.5,ok,1,100\n" +
		"A2,2024-01-02,Battles,X,Khar,34.7,71.5,\"Peace\" march held,1,100\n" +
		"A3,2024-01-03,Battles,X,Khar,34.7,71.5,He said \"hi\",1,100\n" +
		",,,,,,,,,\n" +
		"A4,2024-01-04,Battles,X,Khar,34.7,71.5,\"fine, \"\"quoted\"\"\",1,100\n" +
		"A5,2024-01-05,Battles,X,Khar,34.7,71.5,last,1,100\n"
	rep := importFile(t, s, writeTemp(t, "q.csv", csv))
	if rep.Added != 3 || rep.Rejected != 2 || len(rep.Errors) != 2 {
		t.Fatalf("report %+v, want 3 added and 2 rejected", rep)
	}
	if e := rep.Errors[0]; e.Line != 3 || !strings.Contains(e.Reason, "doubled") {
		t.Errorf("first error %+v", e)
	}
	if e := rep.Errors[1]; e.Line != 4 || !strings.Contains(e.Reason, "must be quoted") {
		t.Errorf("second error %+v", e)
	}
}

func TestUnclosedQuoteSaysWhatWasLost(t *testing.T) {
	s := openTemp(t)
	csv := miniHeader +
		"A1,2024-01-01,Battles,X,Khar,34.7,71.5,\"never closed,1,100\n" +
		"A2,2024-01-02,Battles,X,Khar,34.7,71.5,x,1,100\n" +
		"A3,2024-01-03,Battles,X,Khar,34.7,71.5,y,1,100\n"
	rep := importFile(t, s, writeTemp(t, "u.csv", csv))
	if rep.Rejected != 1 || !strings.Contains(rep.Errors[0].Reason, "lines 2–") {
		t.Fatalf("report %+v: the rejection must name the lines it swallowed", rep)
	}
}

func TestOversizedIDIsRejectedNotFatal(t *testing.T) {
	s := openTemp(t)
	csv := miniHeader +
		strings.Repeat("X", 40000) + ",2024-01-01,Battles,X,Khar,34.7,71.5,x,1,100\n" +
		"A2,2024-01-02,Battles,X,Khar,34.7,71.5,x,1,100\n"
	rep := importFile(t, s, writeTemp(t, "big.csv", csv))
	if rep.Added != 1 || rep.Rejected != 1 || !strings.Contains(rep.Errors[0].Reason, "longer than") {
		t.Fatalf("report %+v", rep)
	}
}

func TestOlderRevisionDoesNotReplaceNewer(t *testing.T) {
	s := openTemp(t)
	importFile(t, s, writeTemp(t, "new.csv", miniHeader+"A1,2024-01-01,Battles,X,Khar,34.7,71.5,revised,5,200\n"))
	rep := importFile(t, s, writeTemp(t, "old.csv", miniHeader+"A1,2024-01-01,Battles,X,Khar,34.7,71.5,first report,1,100\n"))
	if rep.Updated != 0 || rep.Unchanged != 1 {
		t.Fatalf("older revision: %+v", rep)
	}
	rep = importFile(t, s, writeTemp(t, "newer.csv", miniHeader+"A1,2024-01-02,Battles,X,Khar,34.7,71.5,corrected,6,300\n"))
	if rep.Updated != 1 {
		t.Fatalf("newer revision: %+v", rep)
	}
	var notes []string
	s.Events(func(e *Event) error { notes = append(notes, e.Notes); return nil })
	if len(notes) != 1 || notes[0] != "corrected" {
		t.Errorf("stored %q", notes)
	}
}

func TestNotCSVAndWarnings(t *testing.T) {
	s := openTemp(t)
	bin := writeTemp(t, "blob.bin", strings.Repeat("\x00\x01binary", 20000))
	if _, err := s.ImportFile(context.Background(), bin, nil); err == nil || !strings.Contains(err.Error(), "no line break") {
		t.Errorf("binary file: %v", err)
	}
	rep := importFile(t, s, "testdata/acled_api_old.csv")
	if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "Windows-1252") {
		t.Errorf("warnings %q", rep.Warnings)
	}
	hist, _ := s.Imports()
	if len(hist) != 1 || len(hist[0].Warnings) != 1 {
		t.Errorf("warnings not kept in the import record: %+v", hist)
	}
}

// TestCancelMidImport cancels from the progress callback after the first
// commit: the import must say it was cancelled (not succeed), its record
// must say so, and a rerun completes it.
func TestCancelMidImport(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "in.csv")
	const n = 2*BatchSize + 10
	if err := synth.WriteFile(path, n, 3); err != nil {
		t.Fatal(err)
	}
	s := openTemp(t)
	for range 3 {
		ctx, cancel := context.WithCancel(context.Background())
		rep, err := s.ImportFile(ctx, path, func(ImportReport) { cancel() })
		cancel()
		if rep.Status == StatusDone && err == nil {
			break // a rerun that finished before noticing
		}
		if !errors.Is(err, context.Canceled) || rep.Status != StatusCancelled {
			t.Fatalf("cancelled import: err %v, status %q", err, rep.Status)
		}
		hist, _ := s.Imports()
		if last := hist[len(hist)-1]; last.Status != StatusCancelled || last.Added != rep.Added {
			t.Fatalf("stored record %+v, returned %+v", last, rep)
		}
	}
	rep := importFile(t, s, path)
	if count, _ := s.Count(); count != n || rep.Status != StatusDone {
		t.Fatalf("after rerun: %d events, %+v", count, rep)
	}
}

func TestFloatWrittenCounts(t *testing.T) {
	s := openTemp(t)
	csv := "event_id_cnty,event_date,event_type,latitude,longitude,geo_precision,time_precision,fatalities,timestamp\n" +
		"A1,2024-01-01,Battles,34.7,71.5,2.0,3.0,12.0,1.675191965e9\n" +
		"A2,2024-01-01,Battles,34.7,71.5,1,1,1.5,1\n" +
		"A3,2024-01-01,Battles,34.7,71.5,1,1,-3,1\n"
	rep := importFile(t, s, writeTemp(t, "f.csv", csv))
	if rep.Added != 1 || rep.Rejected != 2 || rep.Errors[0].Field != "fatalities" || rep.Errors[1].Field != "fatalities" {
		t.Fatalf("report %+v", rep)
	}
	s.Events(func(e *Event) error {
		if e.Fatalities != 12 || e.GeoPrecision != 2 || e.DatePrecision != PrecMonth || e.Updated.Unix() != 1675191965 {
			t.Errorf("event %+v", e)
		}
		return nil
	})
}
