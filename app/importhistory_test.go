package app

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
)

// File → Import History… lists the store's imports newest first, with the
// rejected rows of the one selected.
func TestImportHistoryListsImportsNewestFirst(t *testing.T) {
	u, w := newTestUI(t)
	store := u.sess.store
	// A cancelled import, then one with rejected rows.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := store.ImportFile(ctx, filepath.Join("..", "data", "testdata", "generic_plain.csv"), nil); err == nil {
		t.Fatal("a cancelled import succeeded")
	}
	want, err := store.ImportFile(context.Background(), filepath.Join("..", "data", "testdata", "ucdp_current.csv"), nil)
	if err != nil || want.Rejected == 0 || len(want.Errors) == 0 {
		t.Fatalf("%+v %v", want, err)
	}
	u.importHistoryItem().Action()
	settle(u)
	h := u.sess.history
	if h == nil || w.Canvas().Overlays().Top() == nil {
		t.Fatal("no history dialog")
	}
	if n := h.list.Length(); n != 4 {
		t.Fatalf("%d imports listed, want 4", n)
	}
	for i, want := range []string{"ucdp_current.csv (ucdp) · done", "generic_plain.csv (csv, dataset generic_plain) · cancelled", "acled_2019.csv", "acled_current.csv"} {
		l := widget.NewLabel("")
		h.list.UpdateItem(i, l)
		if !strings.Contains(l.Text, want) {
			t.Errorf("row %d: %q, want %q", i, l.Text, want)
		}
	}
	// The newest is selected: its counts and rejected rows.
	wantCounts := "4 added, 0 updated, 0 unchanged"
	if !strings.Contains(h.detail.Text, wantCounts) || !strings.Contains(h.detail.Text, "Status: done") {
		t.Errorf("detail %q", h.detail.Text)
	}
	if rows, _ := h.errs.Length(); rows != len(want.Errors) {
		t.Fatalf("%d rejected rows shown, want %d", rows, len(want.Errors))
	}
	for col, text := range []string{strconv.Itoa(want.Errors[0].Line), want.Errors[0].Field, want.Errors[0].Reason} {
		l := widget.NewLabel("")
		h.errs.UpdateCell(widget.TableCellID{Row: 0, Col: col}, l)
		if l.Text != text {
			t.Errorf("rejected row 0, column %d: %q, want %q", col, l.Text, text)
		}
	}
	// Selecting the cancelled one explains it.
	h.list.Select(1)
	if !strings.Contains(h.detail.Text, "cancelled after line") || !strings.Contains(h.errNote.Text, "No rows were rejected") {
		t.Errorf("detail %q, note %q", h.detail.Text, h.errNote.Text)
	}
	if rows, _ := h.errs.Length(); rows != 0 {
		t.Errorf("%d rejected rows for the cancelled import", rows)
	}
}

func TestHistoryTexts(t *testing.T) {
	start := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	r := data.ImportReport{File: "/x/events.csv", Format: "csv", Started: start, Status: data.StatusInterrupted,
		Rows: 120000, LastLine: 100001, Added: 100000, Rejected: 1500,
		Errors: make([]data.RowError, data.MaxReportErrors), Warnings: []string{"guessed"},
		AnnotationsAdded: 3, Layer: "routes"}
	d := historyDetail(r)
	for _, want := range []string{"File: /x/events.csv", "Finished: —", "interrupted: Frontier stopped during the import, after line 100001",
		"Rows read: 120,000", "100,000 added", "1,500 rejected", "Note: guessed", `3 drawings (lines, polygons …) added as the layer "routes"`} {
		if !strings.Contains(d, want) {
			t.Errorf("detail lacks %q:\n%s", want, d)
		}
	}
	h := newHistoryDialog([]data.ImportReport{r}, test.NewTempWindow(t, nil))
	if !strings.Contains(h.errNote.Text, "the first 1000 of 1500 are kept") {
		t.Errorf("note %q", h.errNote.Text)
	}
	if empty := newHistoryDialog(nil, test.NewTempWindow(t, nil)); empty.sel != -1 || len(empty.rowErrors()) != 0 {
		t.Errorf("empty history selected %d", empty.sel)
	}
	if s := statusNote(data.ImportReport{Status: data.StatusFailed, LastLine: 7}); !strings.Contains(s, "failed at line 7") {
		t.Errorf("failed: %q", s)
	}
}
