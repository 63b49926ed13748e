package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"frontier/data"
	"frontier/mapview"
)

// annotSession is a session opened as Run opens one, on a real store.
type annotSession struct {
	s     *session
	store *data.Store
	w     fyne.Window
	close func() // stops the UI and closes the store (once)
}

// openAnnotSession opens the store at path in a new window of app a, as
// Run does (importing the test events when the file is new), with the
// tests' UI queue.
func openAnnotSession(t *testing.T, a fyne.App, path string) *annotSession {
	t.Helper()
	_, statErr := os.Stat(path)
	store, err := data.Open(path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if os.IsNotExist(statErr) {
		for _, f := range []string{"acled_current.csv", "acled_2019.csv"} {
			if _, err := store.ImportFile(context.Background(), filepath.Join("..", "data", "testdata", f), nil); err != nil {
				t.Fatalf("import %s: %v", f, err)
			}
		}
	}
	ix, err := data.LoadIndex(store)
	if err != nil {
		t.Fatal(err)
	}
	q := &uiQueue{}
	postToUI = q.post
	t.Cleanup(func() { postToUI = fyne.Do })
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1400, 900))
	s := &session{a: a, w: w, store: store, loaded: func(nu *mainUI) {
		queues[nu] = q
		t.Cleanup(func() { delete(queues, nu) })
	}}
	s.open(ix)
	settle(s.ui)
	done := false
	as := &annotSession{s: s, store: store, w: w, close: func() {
		if !done {
			done = true
			s.close()
			store.Close()
		}
	}}
	t.Cleanup(as.close)
	return as
}

// newAnnotTestUI opens a session on a new store in a temporary directory.
func newAnnotTestUI(t *testing.T) (*annotSession, *mainUI) {
	t.Helper()
	as := openAnnotSession(t, test.NewTempApp(t), filepath.Join(t.TempDir(), "annot.db"))
	return as, as.s.ui
}

// storedJSON is the store's annotations as JSON, without the Modified
// times (which every write sets): what undo must restore exactly.
func storedJSON(t *testing.T, st *data.Store) string {
	t.Helper()
	as, err := st.Annotations()
	if err != nil {
		t.Fatal(err)
	}
	for i := range as {
		as[i].Modified = time.Time{}
	}
	b, err := json.Marshal(as)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// shownIDs are the IDs of the annotations handed to the map, in order.
func shownIDs(u *mainUI) []uint64 {
	var out []uint64
	for _, a := range u.ann.shown {
		out = append(out, a.ID)
	}
	return out
}

// draw simulates the map finishing a drawing of kind k through the
// Template and Finished callbacks, and returns the stored annotation.
func draw(t *testing.T, u *mainUI, k data.AnnotationKind, pts ...orb.Point) data.Annotation {
	t.Helper()
	a := u.ann.events.Template(k)
	a.Points = pts
	if k == data.KindCircle {
		a.Radius = 5000
	}
	u.ann.events.Finished(a)
	if u.ann.lastErr != nil {
		t.Fatalf("drawing a %s failed: %v", k, u.ann.lastErr)
	}
	got, ok := u.ann.selected()
	if !ok {
		t.Fatalf("the new %s is not selected", k)
	}
	return got
}

var khar = orb.Point{71.52, 34.73}

func TestDrawStoresAndShowsAnnotation(t *testing.T) {
	as, u := newAnnotTestUI(t)
	ls, err := as.store.Layers()
	if err != nil || len(ls) != 1 || ls[0].Name != "Annotations" {
		t.Fatalf("a new store gets the default layer: %v %v", ls, err)
	}
	if !u.ann.menu.undo.Disabled || u.ann.menu.undo.Label != "Undo" {
		t.Errorf("undo item %q disabled=%v before any change", u.ann.menu.undo.Label, u.ann.menu.undo.Disabled)
	}

	m := draw(t, u, data.KindMarker, khar)
	stored, err := as.store.Annotations()
	if err != nil || len(stored) != 1 {
		t.Fatalf("store holds %v (%v), want the marker", stored, err)
	}
	if s := stored[0]; s.ID != m.ID || s.Kind != data.KindMarker || s.Layer != ls[0].ID || s.Points[0] != khar || s.Style.Symbol != "circle" {
		t.Errorf("stored %+v", s)
	}
	if !slices.Equal(shownIDs(u), []uint64{m.ID}) {
		t.Errorf("map shows %v, want the marker %d", shownIDs(u), m.ID)
	}
	if !u.ann.propsShown || !u.ann.props.content.Visible() || u.details.content.Visible() {
		t.Error("the properties panel does not replace the event details for the new marker")
	}
	if u.ann.props.kind.Text != "marker" {
		t.Errorf("properties show kind %q", u.ann.props.kind.Text)
	}
	if u.ann.menu.undo.Label != "Undo Draw marker" || u.ann.menu.undo.Disabled {
		t.Errorf("undo item %q disabled=%v", u.ann.menu.undo.Label, u.ann.menu.undo.Disabled)
	}
	if u.ann.menu.del.Disabled || u.ann.menu.dup.Disabled {
		t.Error("delete and duplicate are disabled with an annotation selected")
	}

	// An invalid drawing is refused with a dialog naming the action.
	bad := u.ann.events.Template(data.KindPolygon)
	bad.Points = []orb.Point{{1, 1}, {2, 2}}
	u.ann.events.Finished(bad)
	if u.ann.lastErr == nil || !strings.HasPrefix(u.ann.lastErr.Error(), "Draw polygon") {
		t.Errorf("invalid polygon: error %v, want one naming the action", u.ann.lastErr)
	}
	if n := len(u.ann.shown); n != 1 {
		t.Errorf("after a refused drawing the map shows %d annotations", n)
	}
}

func TestEditDeleteDuplicateAndUndo(t *testing.T) {
	as, u := newAnnotTestUI(t)
	sc := as.w.Canvas().(fyne.Shortcutable)
	poly := draw(t, u, data.KindPolygon, orb.Point{70, 33}, orb.Point{71, 33}, orb.Point{71, 34})
	s0 := storedJSON(t, as.store)

	// A drag on the map (Edited) stores the new shape.
	moved := poly.Clone()
	moved.Points[2] = orb.Point{71.5, 34.5}
	u.ann.events.Edited(poly, moved)
	got, _ := as.store.Annotation(poly.ID)
	if got.Points[2] != (orb.Point{71.5, 34.5}) {
		t.Errorf("edited point stored as %v", got.Points[2])
	}
	if u.ann.shown[0].Points[2] != (orb.Point{71.5, 34.5}) {
		t.Error("the map was not given the edited shape")
	}
	s1 := storedJSON(t, as.store)

	// Ctrl+D duplicates, offset, onto the active layer, and selects it.
	sc.TypedShortcut(shortcutDuplicate)
	all, _ := as.store.Annotations()
	if len(all) != 2 {
		t.Fatalf("after duplicate the store holds %d annotations", len(all))
	}
	dup := all[1]
	if dup.Kind != data.KindPolygon || dup.Layer != u.ann.doc.active || u.ann.doc.selected != dup.ID {
		t.Errorf("duplicate %+v, selected %d", dup, u.ann.doc.selected)
	}
	if d := dup.Points[0][0] - got.Points[0][0]; d <= 0 || d > 1 || dup.Points[0][1] >= got.Points[0][1] {
		t.Errorf("duplicate not offset a little east and south: %v vs %v", dup.Points[0], got.Points[0])
	}
	s2 := storedJSON(t, as.store)

	// The map's Delete key (Deleted) deletes.
	u.ann.events.Deleted(dup.ID)
	if _, err := as.store.Annotation(dup.ID); err == nil {
		t.Error("deleted annotation still stored")
	}
	if u.ann.doc.selected != 0 || u.ann.propsShown {
		t.Error("selection survives the deletion")
	}
	if u.ann.menu.undo.Label != "Undo Delete polygon" {
		t.Errorf("undo item %q", u.ann.menu.undo.Label)
	}

	// Undo through the shortcut restores each state exactly.
	for i, want := range []string{s2, s1, s0} {
		sc.TypedShortcut(&fyne.ShortcutUndo{})
		if got := storedJSON(t, as.store); got != want {
			t.Errorf("undo %d: store\n%s\nwant\n%s", i+1, got, want)
		}
	}
	if u.ann.menu.redo.Label != "Redo Edit polygon" || u.ann.menu.redo.Disabled {
		t.Errorf("redo item %q", u.ann.menu.redo.Label)
	}
	sc.TypedShortcut(&fyne.ShortcutRedo{})
	if got := storedJSON(t, as.store); got != s1 {
		t.Errorf("Ctrl+Y: store %s, want %s", got, s1)
	}
	sc.TypedShortcut(shortcutRedoShiftZ)
	if got := storedJSON(t, as.store); got != s2 {
		t.Errorf("Ctrl+Shift+Z: store %s, want %s", got, s2)
	}
	if !slices.Equal(shownIDs(u), []uint64{poly.ID, dup.ID}) {
		t.Errorf("after redo the map shows %v", shownIDs(u))
	}

	// The Edit menu items do the same.
	edit := as.w.MainMenu().Items[1]
	if edit.Label != "Edit" || edit.Items[0] != u.ann.menu.undo || edit.Items[len(edit.Items)-1].Label != "Find Actor…" {
		t.Fatalf("Edit menu %v", edit.Items)
	}
	u.ann.menu.undo.Action()
	if got := storedJSON(t, as.store); got != s1 {
		t.Errorf("Edit → Undo: store %s, want %s", got, s1)
	}
}

func TestUndoWithFocusedEntryUndoesTyping(t *testing.T) {
	as, u := newAnnotTestUI(t)
	draw(t, u, data.KindText, khar)
	before := storedJSON(t, as.store)
	e := u.ann.props.label
	as.w.Canvas().Focus(e)
	test.Type(e, "Checkpoint")
	u.ann.menu.undo.Action() // what Ctrl+Z reaches first on the desktop
	if e.Text == "Checkpoint" {
		t.Error("Ctrl+Z in the label field did not undo the typing")
	}
	if got := storedJSON(t, as.store); got != before {
		t.Error("Ctrl+Z in the label field changed the annotations")
	}
	u.ann.menu.del.Action()
	if n := len(u.ann.doc.items); n != 1 {
		t.Error("Edit → Delete deleted the annotation whose text is being edited")
	}
	// With the typing all undone, the focused field has nothing left to
	// undo: Undo reaches the annotations again (the drawing goes).
	for i := 0; i < 20 && e.Text != ""; i++ {
		u.ann.menu.undo.Action()
	}
	u.ann.menu.undo.Action()
	if n := len(u.ann.doc.items); n != 0 {
		t.Errorf("Undo with a focused field that has nothing to undo left %d annotations, want the drawing undone", n)
	}
}

func TestTimeWindowShowsDatedAnnotations(t *testing.T) {
	as, u := newAnnotTestUI(t)
	undated := draw(t, u, data.KindMarker, khar)
	dated := draw(t, u, data.KindCircle, orb.Point{69.2, 34.5})
	u.ann.props.from.SetText("2024-03-01")
	u.ann.props.to.SetText("2024-03-31")
	u.ann.props.to.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	got, _ := as.store.Annotation(dated.ID)
	if !got.ValidFrom.Equal(day("2024-03-01")) || !got.ValidTo.Equal(day("2024-03-31")) {
		t.Fatalf("validity stored as %v – %v", got.ValidFrom, got.ValidTo)
	}
	for _, c := range []struct {
		from, to string
		want     []uint64
	}{
		{"", "", []uint64{undated.ID, dated.ID}},
		{"2022-01-01", "2022-12-31", []uint64{undated.ID}},
		{"2024-03-31", "2024-04-30", []uint64{undated.ID, dated.ID}}, // the last valid day
		{"2024-04-01", "2024-04-30", []uint64{undated.ID}},
		{"2024-02-01", "2024-03-01", []uint64{undated.ID, dated.ID}}, // the first valid day
		{"2024-02-01", "2024-02-29", []uint64{undated.ID}},
	} {
		var from, to time.Time
		if c.from != "" {
			from, to = day(c.from), day(c.to)
		}
		u.st.setWindow(from, to)
		settle(u)
		if got := shownIDs(u); !slices.Equal(got, c.want) {
			t.Errorf("window %s – %s: map shows %v, want %v", c.from, c.to, got, c.want)
		}
	}
}

func TestHiddenAndLockedLayers(t *testing.T) {
	as, u := newAnnotTestUI(t)
	base := draw(t, u, data.KindMarker, khar)
	test.Tap(u.ann.layers.add)
	top := draw(t, u, data.KindRectangle, orb.Point{70, 33}, orb.Point{71, 34})
	if top.Layer == base.Layer {
		t.Fatal("the new layer did not become active")
	}
	if !slices.Equal(shownIDs(u), []uint64{base.ID, top.ID}) {
		t.Errorf("map shows %v: want the lower layer's first", shownIDs(u))
	}
	// Hide the new layer: its annotation leaves the map.
	test.Tap(u.ann.layers.row("Layer 2").visible)
	if !slices.Equal(shownIDs(u), []uint64{base.ID}) {
		t.Errorf("with Layer 2 hidden the map shows %v", shownIDs(u))
	}
	if l, _ := as.store.Layers(); !l[1].Hidden {
		t.Error("hiding is not stored")
	}
	test.Tap(u.ann.layers.row("Layer 2").visible)
	if !slices.Equal(shownIDs(u), []uint64{base.ID, top.ID}) {
		t.Errorf("shown again, the map shows %v", shownIDs(u))
	}

	// Lock the first layer: its annotations are read-only everywhere.
	test.Tap(u.ann.layers.row("Annotations").lock)
	b, _ := as.store.Annotation(base.ID)
	if u.ann.events.Editable(&b) {
		t.Error("Editable is true for an annotation on a locked layer")
	}
	if tp, _ := as.store.Annotation(top.ID); !u.ann.events.Editable(&tp) {
		t.Error("Editable is false on an unlocked layer")
	}
	u.ann.events.Selected(base.ID)
	if !u.ann.props.readOnly() || !u.ann.props.del.Disabled() || u.ann.props.locked.Hidden {
		t.Error("the properties panel is not read-only for a locked layer")
	}
	if !u.ann.menu.del.Disabled {
		t.Error("Edit → Delete is enabled on a locked layer")
	}
	before := storedJSON(t, as.store)
	moved := b.Clone()
	moved.Points[0] = orb.Point{72, 35}
	u.ann.events.Edited(b, moved)
	u.ann.events.Deleted(b.ID)
	if storedJSON(t, as.store) != before {
		t.Error("an annotation on a locked layer was changed")
	}
	// Drawing on a locked active layer is refused before it starts.
	test.Tap(u.ann.layers.row("Annotations").name)
	u.ann.lastErr = nil
	test.Tap(u.ann.bar.buttons[mapview.ToolCircle])
	if u.mapP.m.Tool() != mapview.ToolNavigate || u.ann.lastErr == nil || !strings.Contains(u.ann.lastErr.Error(), "locked") {
		t.Errorf("tool %v, error %v: want drawing refused on a locked layer", u.mapP.m.Tool(), u.ann.lastErr)
	}
}

func TestEventSelectionShowsDetailsAgain(t *testing.T) {
	_, u := newAnnotTestUI(t)
	draw(t, u, data.KindMarker, khar)
	if !u.ann.props.content.Visible() {
		t.Fatal("properties not shown")
	}
	u.st.selectRow(0)
	settle(u)
	if u.ann.props.content.Visible() || !u.details.content.Visible() || u.ann.doc.selected != 0 {
		t.Error("selecting an event does not bring the event details back")
	}
	if !u.ann.menu.del.Disabled {
		t.Error("Delete Annotation enabled with no annotation selected")
	}
}

func TestMeasureText(t *testing.T) {
	for _, c := range []struct {
		d, b float64
		want string
	}{
		{12400, 47, "12.4 km · 047°"},
		{850, 359.6, "850 m · 000°"},
		{1234000, -50, "1,234 km · 310°"},
	} {
		if got := mapview.RangeBearingText(c.d, c.b); got != c.want {
			t.Errorf("RangeBearingText(%g, %g) = %q, want %q", c.d, c.b, got, c.want)
		}
	}
}

func TestAnnotWindowIsHalfOpenByDay(t *testing.T) {
	f := data.Filter{From: day("2024-03-01").Add(5 * time.Hour), To: day("2024-03-02")}
	from, to := annotWindow(&f)
	if !from.Equal(day("2024-03-01")) || !to.Equal(day("2024-03-03")) {
		t.Errorf("window %v – %v", from, to)
	}
	if from, to := annotWindow(&data.Filter{}); !from.IsZero() || !to.IsZero() {
		t.Error("no window should stay open")
	}
}

// dialogButton returns the button labelled text in the top overlay.
func dialogButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog shown")
	}
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("dialog has no %q button", text)
	return nil
}

// Placing a text or a marker puts the keyboard in its label field with the
// default text selected: typing names it, Enter saves.
func TestPlacedTextTakesTypedLabel(t *testing.T) {
	as, u := newAnnotTestUI(t)
	for _, k := range []data.AnnotationKind{data.KindText, data.KindMarker} {
		a := draw(t, u, k, khar)
		if as.w.Canvas().Focused() != fyne.Focusable(u.ann.props.label) {
			t.Fatalf("after placing a %s the keyboard is not in its label field", k)
		}
		test.Type(u.ann.props.label, "Torkham")
		u.ann.props.label.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		got, err := as.store.Annotation(a.ID)
		if err != nil || got.Label != "Torkham" {
			t.Errorf("%s label %q (%v), want Torkham", k, got.Label, err)
		}
	}
	// A polygon does not take the keyboard (its tools stay on the keys).
	draw(t, u, data.KindPolygon, khar, orb.Point{71.6, 34.8}, orb.Point{71.5, 34.9})
	if as.w.Canvas().Focused() == fyne.Focusable(u.ann.props.label) {
		t.Error("a polygon took the keyboard into its label")
	}
}

// Selecting an annotation swaps the right-hand pane without moving the
// split: the map keeps its size.
func TestPropertiesPaneKeepsMapSize(t *testing.T) {
	as, u := newAnnotTestUI(t)
	// Narrow enough that the properties need more than the details pane's
	// share of the width.
	as.w.Resize(fyne.NewSize(900, 700))
	settle(u)
	if pw, dw := u.ann.props.content.MinSize().Width, u.details.content.MinSize().Width; pw <= dw {
		t.Fatalf("properties %v no wider than details %v: the test shows nothing", pw, dw)
	}
	before := u.mapP.m.Size()
	draw(t, u, data.KindPolygon, khar, orb.Point{71.6, 34.8}, orb.Point{71.5, 34.9})
	// The desktop driver lays out again when a minimum size changes; the
	// test driver does on a resize.
	as.w.Resize(fyne.NewSize(901, 700))
	as.w.Resize(fyne.NewSize(900, 700))
	settle(u)
	if got := u.mapP.m.Size(); got != before {
		t.Errorf("the map went from %v to %v when the properties pane opened", before, got)
	}
}
