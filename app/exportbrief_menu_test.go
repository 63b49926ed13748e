package app

import (
	"context"
	"math"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"frontier/brief"
	"frontier/data"
	"frontier/mapview"
)

// The dialogs' view of the window is the filter, map and selection on
// screen.
func TestBriefCurrentIsTheScreen(t *testing.T) {
	u, _ := newTestUI(t)
	from, to := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	u.st.setWindow(from, to)
	settle(u)
	u.st.selectRow(int(u.st.snap.result.Rows[0]))
	x, y := data.Mercator(71.5, 34.7)
	u.mapP.m.SetView(mapview.Viewport{CenterX: x, CenterY: y, Zoom: 8.25, Width: 900, Height: 600, Scale: 1})
	u.st.view = u.mapP.m.View() // as the map reports it
	src, v, err := u.briefCurrent()
	if err != nil {
		t.Fatal(err)
	}
	if !v.Filter.From.Equal(from) || !v.Filter.To.Equal(to) {
		t.Errorf("window %v – %v", v.Filter.From, v.Filter.To)
	}
	if v.Selected != u.st.ix.ID[u.st.selected] || v.Zoom != 8.25 || math.Abs(v.CenterLon-71.5) > 1e-9 || math.Abs(v.CenterLat-34.7) > 1e-9 {
		t.Errorf("view %+v; want selected %d, zoom 8.25 at 71.5E 34.7N", v, u.st.ix.ID[u.st.selected])
	}
	if err := v.Validate(); err == nil {
		t.Error("an untitled view validates") // the dialogs ask for the title
	}
	if src.Index != u.st.ix {
		t.Error("the source is not the window's index")
	}
	_, rows, views, err := u.briefPackage()
	if err != nil || len(rows) != len(u.st.snap.result.Rows) || len(views) != 0 {
		t.Errorf("package: %d rows, %d views, %v", len(rows), len(views), err)
	}
}

// Merge briefing package… adds the package's events and layers to the
// store and the window shows them.
func TestMergeBriefingReloads(t *testing.T) {
	u, w := newTestUI(t)
	// A package of the sample, with a layer, from another store.
	other, err := data.Open(filepath.Join(t.TempDir(), "other.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.ImportSample(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, _, err := other.AddLayer("From the package", nil); err != nil {
		t.Fatal(err)
	}
	src, err := brief.Load(other)
	if err != nil {
		t.Fatal(err)
	}
	res, _ := src.Index.Filter(&data.Filter{})
	pkg := filepath.Join(t.TempDir(), "sample"+brief.PackageExt)
	if _, err := brief.WritePackage(context.Background(), pkg, src, res.Rows, nil, nil); err != nil {
		t.Fatal(err)
	}
	open := chooseOpenPath
	t.Cleanup(func() { chooseOpenPath = open })
	chooseOpenPath = func(_ fyne.Window, _ string, cb func(string)) { cb(pkg) }
	u.mergeBriefing()
	tapButton(t, w, "Yes")
	briefJobs.Wait()
	settle(u)
	nu := u.sess.ui
	settle(nu)
	if n := nu.st.ix.Len(); n != 6+124 {
		t.Errorf("the window shows %d events after the merge, want 130", n)
	}
	found := false
	for _, l := range u.sess.annot.layers {
		found = found || l.Name == "From the package"
	}
	if !found {
		t.Errorf("the merged layer is not shown: %v", u.sess.annot.layers)
	}
}
