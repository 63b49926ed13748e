package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"frontier/mapview"
)

// markOfRow returns the drawn mark holding row, failing when there is none.
func markOfRow(t *testing.T, f *mapview.Frame, row int) mapview.Mark {
	t.Helper()
	i := f.RowMark(int32(row))
	if i < 0 {
		t.Fatalf("row %d is not drawn on the map", row)
	}
	return f.Marks[i]
}

func TestMapShowsFilteredEvents(t *testing.T) {
	u, _ := newTestUI(t)
	f := u.mapP.m.Frame()
	if f == nil {
		t.Fatal("no map frame")
	}
	drawn := 0
	for i := range f.Marks {
		drawn += len(f.MarkRows(i))
	}
	if drawn != 6 {
		t.Errorf("map draws %d events, want all 6 (framed on start)", drawn)
	}
	// Filtering on one actor leaves its events only.
	test.Tap(u.actors.none)
	test.Tap(actorCheck(t, u, "Protesters (Afghanistan)"))
	settle(u)
	f = u.mapP.m.Frame()
	drawn = 0
	for i := range f.Marks {
		drawn += len(f.MarkRows(i))
	}
	if want := len(u.st.snap.result.Rows); drawn != want || want == 0 || want == 6 {
		t.Errorf("map draws %d events, filter passes %d", drawn, want)
	}
}

func TestMapTapSelectsEventEverywhere(t *testing.T) {
	u, _ := newTestUI(t)
	khar := -1
	for r := range u.st.ix.Len() {
		if u.st.ix.Strings[u.st.ix.Location[r]] == "Khar" {
			khar = r
		}
	}
	f := u.mapP.m.Frame()
	m := markOfRow(t, f, khar)
	s := float32(f.View.DeviceScale())
	test.TapAt(u.mapP.m, fyne.NewPos(m.X/s, m.Y/s))
	settle(u)
	if u.st.selected != int(m.Row) {
		t.Fatalf("tap on the map selected %d, want %d", u.st.selected, m.Row)
	}
	if text := u.details.text(); !strings.Contains(text, "Source ID: PAK1001") {
		t.Errorf("details after a map tap:\n%s", text)
	}
	if u.table.pos < 0 || int(u.st.snap.rows[u.table.pos]) != u.st.selected {
		t.Errorf("table selection %d does not follow the map", u.table.pos)
	}
	// Tapping empty map clears the selection.
	test.TapAt(u.mapP.m, fyne.NewPos(2, u.mapP.m.Size().Height-2))
	settle(u)
	if u.st.selected != -1 || u.details.text() != "" {
		t.Errorf("selection %d after tapping empty map", u.st.selected)
	}
}

func TestMapBoxFiltersByArea(t *testing.T) {
	u, _ := newTestUI(t)
	// A box around Khar (71.52E 34.73N) only.
	u.mapP.m.OnBoxSelect(orb.Bound{Min: orb.Point{71.4, 34.6}, Max: orb.Point{71.6, 34.8}})
	settle(u)
	if n := len(u.st.snap.result.Rows); n != 1 {
		t.Errorf("area filter passes %d events, want 1", n)
	}
	if got := chipTexts(u.filters); len(got) != 1 || !strings.HasPrefix(got[0], "area 34.60–34.80° N, 71.40–71.60° E") {
		t.Errorf("chips %q, want the area", got)
	}
	if !strings.Contains(u.status.Text, "Showing 1 of 6") {
		t.Errorf("status %q", u.status.Text)
	}
	u.mapP.setArea(nil)
	settle(u)
	if n := len(u.st.snap.result.Rows); n != 6 || len(chipTexts(u.filters)) != 0 {
		t.Errorf("after clearing: %d events, chips %q", n, chipTexts(u.filters))
	}
}

func TestViewMenuHalosAndZoom(t *testing.T) {
	u, w := newTestUI(t)
	view := w.MainMenu().Items[2]
	if view.Label != "View" {
		t.Fatalf("third menu is %q", view.Label)
	}
	items := map[string]*fyne.MenuItem{}
	for _, it := range view.Items {
		items[it.Label] = it
	}
	z := u.mapP.m.View().Zoom
	items["Zoom In"].Action()
	if got := u.mapP.m.View().Zoom; got != z+1 {
		t.Errorf("Zoom In: %g → %g", z, got)
	}
	items["Precision Halos"].Action()
	settle(u)
	if !u.mapP.halos || !items["Precision Halos"].Checked {
		t.Error("halos not turned on")
	}
}
