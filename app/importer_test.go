package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
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

func TestImportOfANonEventFileReportsAndKeepsTheWindow(t *testing.T) {
	u, _ := newTestUI(t)
	u.importFiles([]string{filepath.Join("..", "data", "testdata", "not_acled.csv")})
	nu := settleSession(u)
	if nu != u {
		t.Error("a failed import rebuilt the window")
	}
	if !strings.Contains(u.lastReport, "not imported") {
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
