package app

import (
	"context"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"frontier/data"
	"frontier/mapview"
)

// findObject walks o's tree (containers and widget renderers) for the
// first object match accepts.
func findObject(o fyne.CanvasObject, match func(fyne.CanvasObject) bool) fyne.CanvasObject {
	if o == nil {
		return nil
	}
	if match(o) {
		return o
	}
	var kids []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		kids = x.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(x).Objects()
	}
	for _, k := range kids {
		if f := findObject(k, match); f != nil {
			return f
		}
	}
	return nil
}

// showTab selects the left column's tab named name.
func showTab(t *testing.T, u *mainUI, name string) {
	t.Helper()
	tabs, _ := findObject(u.content, func(o fyne.CanvasObject) bool {
		_, ok := o.(*container.AppTabs)
		return ok
	}).(*container.AppTabs)
	if tabs == nil {
		t.Fatal("no tabs in the window")
	}
	for _, it := range tabs.Items {
		if it.Text == name {
			tabs.Select(it)
			return
		}
	}
	t.Fatalf("no %q tab", name)
}

// testFilter sets every part of a filter.
func testFilter() data.Filter {
	return data.Filter{
		From: day("2024-03-20"), To: day("2024-03-24"),
		Actors:        []string{"TTP: Tehrik-i-Taliban Pakistan"},
		Types:         []string{"Battles", "Explosions/Remote violence"},
		MinFatalities: 1,
		BBox:          &orb.Bound{Min: orb.Point{60, 25}, Max: orb.Point{75, 37}},
		Text:          "a",
		PreciseOnly:   true,
		Groups:        []string{"Pakistani state"},
		Tags:          []string{"checked"},
	}
}

// sameView compares every stored field of two views but the store's
// times; the centre to a micro-degree (it goes through Web Mercator).
func sameView(t *testing.T, what string, got, want data.View) {
	t.Helper()
	if math.Abs(got.CenterLon-want.CenterLon) > 1e-6 || math.Abs(got.CenterLat-want.CenterLat) > 1e-6 || math.Abs(got.Zoom-want.Zoom) > 1e-9 {
		t.Errorf("%s: centre %g, %g zoom %g, want %g, %g zoom %g", what, got.CenterLon, got.CenterLat, got.Zoom, want.CenterLon, want.CenterLat, want.Zoom)
	}
	if !sameFilter(&got.Filter, &want.Filter) {
		t.Errorf("%s: filter %+v, want %+v", what, got.Filter, want.Filter)
	}
	if !slices.Equal(got.Layers, want.Layers) || (got.Layers == nil) != (want.Layers == nil) {
		t.Errorf("%s: layers %v, want %v", what, got.Layers, want.Layers)
	}
	if got.Selected != want.Selected {
		t.Errorf("%s: selected %d, want %d", what, got.Selected, want.Selected)
	}
	if got.Title != want.Title || got.Notes != want.Notes {
		t.Errorf("%s: title %q notes %q, want %q %q", what, got.Title, got.Notes, want.Title, want.Notes)
	}
}

// khar is the store ID of the test event at Khar (PAK1001).
func kharID(t *testing.T, ix *data.Index) uint64 {
	t.Helper()
	for r := range ix.Len() {
		if ix.Strings[ix.Location[r]] == "Khar" {
			return ix.ID[r]
		}
	}
	t.Fatal("no event at Khar")
	return 0
}

// prepareTaggedStore makes the test store at path with the Khar event
// tagged "checked" and a group "Pakistani state".
func prepareTaggedStore(t *testing.T, path string) {
	t.Helper()
	store, err := data.Open(path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for _, f := range []string{"acled_current.csv", "acled_2019.csv"} {
		if _, err := store.ImportFile(context.Background(), filepath.Join("..", "data", "testdata", f), nil); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := data.LoadIndex(store)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.TagEvents("checked", []uint64{kharID(t, ix)}); err != nil {
		t.Fatal(err)
	}
	if err := store.SetGroup("Pakistani state", []string{"Military Forces of Pakistan (2022-)"}); err != nil {
		t.Fatal(err)
	}
}

func TestCaptureRestoreRoundTripsEveryField(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "views.db")
	prepareTaggedStore(t, path)
	as := openAnnotSession(t, a, path)
	u := as.s.ui
	b := u.brief
	u.ann.layers.newLayer() // a second layer: "Layer 2"
	layers := u.ann.doc.layers
	if len(layers) != 2 {
		t.Fatalf("%d layers", len(layers))
	}

	// Set every part of the state.
	u.mapP.m.SetView(mapview.Viewport{CenterX: 0.6987, CenterY: 0.4012, Zoom: 8.5})
	u.st.setFilter(testFilter())
	b.setLayers([]uint64{layers[1].ID})
	settle(u)
	khar := kharID(t, u.st.ix)
	row := b.u.st.ix.RowOf(khar)
	if n := len(u.st.snap.result.Rows); n != 1 || int(u.st.snap.result.Rows[0]) != row {
		t.Fatalf("the test filter passes %d events, want the one at Khar", n)
	}
	u.st.selectRow(row)
	settle(u)

	v := b.captureView()
	lon, lat := data.InverseMercator(0.6987, 0.4012)
	want := data.View{CenterLon: lon, CenterLat: lat, Zoom: 8.5, Filter: testFilter(),
		Layers: []uint64{layers[1].ID}, Selected: khar}
	sameView(t, "captured", v, want)
	if stored, _ := as.store.Layers(); stored[0].Hidden || stored[1].Hidden {
		t.Error("a view's layer choice was written to the store")
	}

	v.Title, v.Notes = "Bajaur, March", "Say what happened first.\nThen the second."
	if err := as.store.PutView(&v); err != nil {
		t.Fatal(err)
	}
	want.Title, want.Notes = v.Title, v.Notes

	// Change everything, then apply the view: all comes back.
	u.mapP.m.SetView(mapview.Viewport{CenterX: 0.2, CenterY: 0.3, Zoom: 3})
	u.st.clearFilter()
	b.setLayers(nil)
	u.st.selectRow(-1)
	settle(u)
	if got := b.captureView(); got.Zoom == 8.5 || got.Selected != 0 || len(got.Layers) != 2 {
		t.Fatalf("state not changed: %+v", got)
	}
	b.applyView(&v)
	settle(u)
	got := b.captureView()
	got.Title, got.Notes = v.Title, v.Notes
	sameView(t, "applied", got, want)
	if u.st.selected != row {
		t.Errorf("selected row %d, want %d", u.st.selected, row)
	}
	// The panels follow: the chips show the window and the Layers tab
	// the view's checks.
	if chips := chipTexts(u.filters); !slices.ContainsFunc(chips, func(s string) bool { return s == windowText(day("2024-03-20"), day("2024-03-24")) }) {
		t.Errorf("chips %v lack the window", chips)
	}
	if r := u.ann.layers.row("Annotations"); r == nil || r.visible.Checked {
		t.Error("the Layers tab shows the hidden layer checked")
	}

	// Reopen the store: the stored view restores the same state.
	as.close()
	as2 := openAnnotSession(t, a, path)
	u2 := as2.s.ui
	views, err := as2.store.Views()
	if err != nil || len(views) != 1 {
		t.Fatalf("reopened store holds %d views (%v)", len(views), err)
	}
	u2.brief.applyView(&views[0])
	settle(u2)
	got = u2.brief.captureView()
	got.Title, got.Notes = views[0].Title, views[0].Notes
	sameView(t, "reopened", got, want)

	// A view without layers (nil) shows the stored visibility.
	views[0].Layers = nil
	u2.brief.applyView(&views[0])
	if got := u2.brief.shownLayers(); len(got) != 2 {
		t.Errorf("nil layers show %v, want both stored-visible layers", got)
	}
}

func TestDeckAddRenameUpdateNotesReorderDeleteAreStored(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "deck.db")
	as := openAnnotSession(t, a, path)
	u := as.s.ui
	p := u.brief.panel
	p.notesDelay = 0
	useFakeFlights(u)
	showTab(t, u, "Views")

	places := []mapview.Viewport{{CenterX: 0.69, CenterY: 0.40, Zoom: 6}, {CenterX: 0.70, CenterY: 0.41, Zoom: 9}, {CenterX: 0.68, CenterY: 0.42, Zoom: 7}}
	for i, title := range []string{"A", "B", "C"} {
		u.mapP.m.SetView(places[i])
		p.addView(title)
	}
	titles := func() []string {
		vs, err := as.store.Views()
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, v := range vs {
			out = append(out, v.Title)
		}
		return out
	}
	if got := titles(); !slices.Equal(got, []string{"A", "B", "C"}) {
		t.Fatalf("stored deck %v", got)
	}
	if p.rows[2].title.Text != "3. C" || p.rows[0].summary.Text != "All dates" {
		t.Errorf("rows show %q / %q", p.rows[2].title.Text, p.rows[0].summary.Text)
	}
	if p.deck[2].ID != p.sel {
		t.Error("the new view is not selected")
	}

	// Add asks for a title; Delete asks before deleting.
	p.askAdd()
	if p.lastAsk != "Save the current view" {
		t.Errorf("add asked %q", p.lastAsk)
	}
	p.lastDialog.Hide()

	// Rename.
	idB := p.deck[1].ID
	p.renameView(idB, "  Bee ")
	if got := titles(); !slices.Equal(got, []string{"A", "Bee", "C"}) {
		t.Errorf("after rename %v", got)
	}

	// Notes are saved when the editor loses the keyboard.
	test.Tap(p.rows[2])
	if p.sel != p.deck[2].ID {
		t.Fatal("tapping a row does not select it")
	}
	u.win.Canvas().Focus(p.notes)
	p.notes.SetText("Mention the crossings.")
	u.win.Canvas().Unfocus()
	if vs, _ := as.store.Views(); vs[2].Notes != "Mention the crossings." {
		t.Errorf("notes stored as %q", vs[2].Notes)
	}

	// Update replaces the state and keeps title and notes.
	u.mapP.m.SetView(mapview.Viewport{CenterX: 0.5, CenterY: 0.5, Zoom: 4})
	u.st.setWindow(day("2024-03-21"), day("2024-03-22"))
	settle(u)
	p.updateView(p.sel)
	vs, _ := as.store.Views()
	if c := vs[2]; c.Title != "C" || c.Notes != "Mention the crossings." || c.Zoom != 4 || !c.Filter.From.Equal(day("2024-03-21")) {
		t.Errorf("updated view %+v", c)
	}
	if p.rows[2].summary.Text != "2024-03-21 – 2024-03-22" {
		t.Errorf("the row's date line says %q", p.rows[2].summary.Text)
	}

	// Reorder: Alt+↑ moves the selected view up, the Down button down.
	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(shortcutViewUp)
	if got := titles(); !slices.Equal(got, []string{"A", "C", "Bee"}) {
		t.Errorf("after Alt+Up %v", got)
	}
	test.Tap(p.down)
	if got := titles(); !slices.Equal(got, []string{"A", "Bee", "C"}) {
		t.Errorf("after Down %v", got)
	}

	// Drag the first view's handle below the last.
	w := u.win
	h := p.rows[0].handle
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(h).Add(fyne.NewPos(4, 4))
	rowH := p.rows[1].Position().Y - p.rows[0].Position().Y
	test.Drag(w.Canvas(), pos, 0, 2.6*rowH)
	h.DragEnd()
	if got := titles(); !slices.Equal(got, []string{"Bee", "C", "A"}) {
		t.Errorf("after dragging A down %v", got)
	}
	if p.marker.Visible() {
		t.Error("the drop marker stays after the drop")
	}

	// Delete, after the question.
	test.Tap(p.rows[0])
	p.confirmDelete()
	if p.lastConfirm == "" || !strings.Contains(p.lastConfirm, `"Bee"`) {
		t.Errorf("delete asked %q", p.lastConfirm)
	}
	p.lastDialog.Hide()
	p.deleteView(p.sel)
	if got := titles(); !slices.Equal(got, []string{"C", "A"}) {
		t.Errorf("after delete %v", got)
	}
	if p.sel != 0 || !p.rename.Disabled() {
		t.Error("a deleted view stays selected")
	}

	// All of it is on disk.
	as.close()
	as2 := openAnnotSession(t, a, path)
	p2 := as2.s.ui.brief.panel
	if len(p2.rows) != 2 || p2.rows[0].title.Text != "1. C" || p2.rows[1].title.Text != "2. A" {
		t.Fatalf("reopened deck shows %d rows", len(p2.rows))
	}
	if p2.deck[0].Notes != "Mention the crossings." {
		t.Errorf("reopened notes %q", p2.deck[0].Notes)
	}
}

func TestTappingAViewFliesThere(t *testing.T) {
	_, u := newAnnotTestUI(t)
	c := useFakeFlights(u)
	p := u.brief.panel
	u.mapP.m.SetView(mapview.Viewport{CenterX: 0.69, CenterY: 0.40, Zoom: 9})
	u.st.setWindow(day("2024-03-21"), day("2024-03-21"))
	settle(u)
	p.addView("Khar")
	u.mapP.m.SetView(mapview.Viewport{CenterX: 0.3, CenterY: 0.3, Zoom: 3})
	u.st.setWindow(time.Time{}, time.Time{})
	settle(u)

	test.Tap(p.row("Khar"))
	c.advance(flyDuration / 4)
	settle(u)
	if v := u.mapP.m.View(); v.Zoom == 9 || v.CenterX == 0.69 {
		t.Error("the view was applied at once, not flown to")
	}
	land(u, c)
	if v := u.mapP.m.View(); math.Abs(v.CenterX-0.69) > 1e-12 || v.Zoom != 9 {
		t.Errorf("landed at %+v", v)
	}
	if f, l := windowDays(u); f != "2024-03-21" || l != "2024-03-21" {
		t.Errorf("window %s – %s", f, l)
	}
}

func TestViewsWithoutAStore(t *testing.T) {
	u, _ := newTestUI(t)
	sess := u.sess
	u.sess = nil
	defer func() { u.sess = sess }()
	u.brief.panel.reload()
	p := u.brief.panel
	if !p.add.Disabled() || !p.present.Disabled() || p.empty.Text != "Saved views need a store: none is open." {
		t.Error("the Views tab offers to save without a store")
	}
	p.addView("X") // does nothing
	if len(p.deck) != 0 {
		t.Error("a view was added without a store")
	}
}
