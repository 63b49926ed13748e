package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
)

// settleSession settles the UI on screen until it stops changing (an
// import ends by building a new one).
func settleSession(u *mainUI) *mainUI {
	for {
		cur := u.sess.ui
		settle(cur)
		if u.sess.ui == cur {
			return cur
		}
	}
}

func TestImportFromTheWindowReloads(t *testing.T) {
	u, _ := newTestUI(t)
	u.importFiles([]string{filepath.Join("..", "data", "testdata", "ucdp_current.csv")})
	nu := settleSession(u)
	if nu == u {
		t.Fatal("the window was not rebuilt on the new data")
	}
	if n := nu.st.ix.Len(); n != 6+4 {
		t.Errorf("after importing 4 UCDP events the index holds %d, want 10", n)
	}
	if !strings.Contains(nu.status.Text, "of 10 events") {
		t.Errorf("status %q", nu.status.Text)
	}
	for _, want := range []string{"ucdp_current.csv (ucdp, done): 4 added", "rejected", "line "} {
		if !strings.Contains(u.lastReport, want) {
			t.Errorf("report lacks %q:\n%s", want, u.lastReport)
		}
	}
	if nu.mapP.m.Frame() == nil || drawnEvents(nu) != 10 {
		t.Errorf("the new map draws %d events", drawnEvents(nu))
	}
}

// A CSV file without a date column opens the column-mapping dialog;
// cancelling it reports the file as not imported and keeps the window.
func TestImportOfANonEventFileReportsAndKeepsTheWindow(t *testing.T) {
	u, _ := newTestUI(t)
	u.importFiles([]string{filepath.Join("..", "data", "testdata", "not_acled.csv")})
	settleSession(u)
	md := u.sess.mapping
	if md == nil || !strings.Contains(md.reasons.Text, "no date column found") || !md.ok.Disabled() {
		t.Fatalf("mapping dialog %+v", md)
	}
	test.Tap(md.cancel)
	nu := settleSession(u)
	if nu != u {
		t.Error("a failed import rebuilt the window")
	}
	if want := "not_acled.csv: not imported (no date column; column mapping cancelled)"; !strings.Contains(u.lastReport, want) {
		t.Errorf("report %q, want %q", u.lastReport, want)
	}
}

// A file that is no CSV at all is reported as not imported.
func TestImportOfAnUnreadableFileReports(t *testing.T) {
	u, _ := newTestUI(t)
	path := filepath.Join(t.TempDir(), "x.csv")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	u.importFiles([]string{path, filepath.Join(t.TempDir(), "missing.csv")})
	settleSession(u)
	if u.sess.mapping != nil || strings.Count(u.lastReport, "not imported") != 2 {
		t.Errorf("report %q", u.lastReport)
	}
}

// Files dropped on the window are imported like File → Import…; non-file
// URIs are ignored.
func TestDroppedFilesAreImported(t *testing.T) {
	u, _ := newTestUI(t)
	path, err := filepath.Abs(filepath.Join("..", "data", "testdata", "ucdp_current.csv"))
	if err != nil {
		t.Fatal(err)
	}
	web, err := storage.ParseURI("https://example.org/x.csv")
	if err != nil {
		t.Fatal(err)
	}
	u.dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(path), web})
	nu := settleSession(u)
	if nu.st.ix.Len() != 10 || !strings.Contains(u.lastReport, "ucdp_current.csv (ucdp, done): 4 added") {
		t.Errorf("after a drop: %d events, report %q", nu.st.ix.Len(), u.lastReport)
	}
}

// Lines and polygons in an imported file arrive as a new annotation layer,
// shown at once, and the report says so.
func TestImportOfLinesShowsTheirLayer(t *testing.T) {
	_, u := newAnnotTestUI(t)
	before := len(u.sess.annot.layers)
	u.importFiles([]string{filepath.Join("..", "data", "testdata", "quirks.kml")})
	nu := settleSession(u)
	if got := len(nu.sess.annot.layers); got != before+1 {
		t.Fatalf("%d layers after the import, want %d", got, before+1)
	}
	layer := nu.sess.annot.layers[len(nu.sess.annot.layers)-1]
	if layer.Name != "quirks" || nu.sess.annot.count(layer.ID) == 0 {
		t.Errorf("new layer %q holds %d annotations", layer.Name, nu.sess.annot.count(layer.ID))
	}
	shown := 0
	for _, a := range nu.ann.shown {
		if a.Layer == layer.ID {
			shown++
		}
	}
	if shown == 0 {
		t.Error("the imported annotations are not on the map")
	}
	if !strings.Contains(u.lastReport, `added as the annotation layer "quirks"`) {
		t.Errorf("report lacks the annotation layer:\n%s", u.lastReport)
	}
}

// An import waits its turn while an event change is being saved (each
// rebuilds the window), and says so.
func TestImportRefusedWhileAChangeIsSaved(t *testing.T) {
	u, w := newTestUI(t)
	d := u.sess.curation()
	if !d.claim() {
		t.Fatal("a fresh curation is busy")
	}
	u.importFiles([]string{filepath.Join("..", "data", "testdata", "ucdp_current.csv")})
	nu := settleSession(u)
	if n := nu.st.ix.Len(); n != 6 {
		t.Errorf("the import ran during a change: %d events, want 6", n)
	}
	if text := topDialogText(w); !strings.Contains(text, "still being saved") {
		t.Errorf("the refusal says %q", text)
	}
	d.release()
	if !d.claim() {
		t.Error("the refused import kept the curation busy")
	}
}
