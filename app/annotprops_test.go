package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"frontier/data"
)

// swatchOf returns the swatch of colour hex in f.
func swatchOf(t *testing.T, f *colourField, hex string) *swatch {
	t.Helper()
	for _, s := range f.swatches {
		if s.hex == hex {
			return s
		}
	}
	t.Fatalf("no %s swatch", hex)
	return nil
}

func TestPropertyEditsAreStoredAndUndoable(t *testing.T) {
	as, u := newAnnotTestUI(t)
	c := draw(t, u, data.KindCircle, khar)
	p := u.ann.props
	cur := func() data.Annotation {
		a, err := as.store.Annotation(c.ID)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	states := []string{storedJSON(t, as.store)}
	step := func(what string, do func(), check func(a data.Annotation) bool) {
		t.Helper()
		u.ann.lastErr = nil
		do()
		if u.ann.lastErr != nil {
			t.Fatalf("%s: %v", what, u.ann.lastErr)
		}
		if a := cur(); !check(a) {
			t.Errorf("%s: stored %+v", what, a)
		}
		s := storedJSON(t, as.store)
		if s == states[len(states)-1] {
			t.Errorf("%s stored nothing", what)
		}
		states = append(states, s)
	}

	step("label", func() {
		as.w.Canvas().Focus(p.label)
		test.Type(p.label, "Checkpoint 7")
		p.label.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}, func(a data.Annotation) bool { return a.Label == "Checkpoint 7" })
	if as.w.Canvas().Focused() != nil {
		t.Error("Enter does not leave the label field")
	}
	step("notes (committed when the field is left)", func() {
		as.w.Canvas().Focus(p.notes)
		test.Type(p.notes, "seen twice")
		as.w.Canvas().Unfocus()
	}, func(a data.Annotation) bool { return a.Notes == "seen twice" })
	step("stroke swatch", func() { test.Tap(swatchOf(t, p.stroke, "#2b83ba")) },
		func(a data.Annotation) bool { return a.Style.Stroke == "#2b83ba" })
	step("fill hex", func() {
		p.fill.hex.SetText("#ABC")
		p.fill.hex.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}, func(a data.Annotation) bool { return a.Style.Fill == "#aabbcc" })
	step("width", func() { p.width.s.SetValue(6) }, func(a data.Annotation) bool { return a.Style.StrokeWidth == 6 })
	step("dash", func() { p.dash.SetSelected("dotted") }, func(a data.Annotation) bool { return a.Style.Dash == data.DashDotted })
	step("fill opacity", func() { p.fillOp.s.SetValue(0.55) }, func(a data.Annotation) bool { return a.Style.FillOpacity == 0.55 })
	step("stroke opacity", func() { p.strokeOp.s.SetValue(0.5) }, func(a data.Annotation) bool { return a.Style.StrokeOpacity == 0.5 })
	step("validity", func() {
		p.from.SetText("2024-01-01")
		p.from.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}, func(a data.Annotation) bool { return a.ValidFrom.Equal(day("2024-01-01")) && a.ValidTo.IsZero() })
	if p.fillOp.val.Text != "55 %" || p.width.val.Text != "6 pt" {
		t.Errorf("slider read-outs %q, %q", p.fillOp.val.Text, p.width.val.Text)
	}

	// Re-committing an unchanged field stores nothing.
	n := storedJSON(t, as.store)
	p.label.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	p.dash.SetSelected("dotted")
	if storedJSON(t, as.store) != n || u.ann.menu.undo.Label != "Undo Change validity" {
		t.Error("an unchanged field was stored again")
	}

	// Each edit is one undo step, restoring the store exactly; the panel
	// follows.
	sc := as.w.Canvas().(fyne.Shortcutable)
	for i := len(states) - 2; i >= 0; i-- {
		sc.TypedShortcut(&fyne.ShortcutUndo{})
		if got := storedJSON(t, as.store); got != states[i] {
			t.Fatalf("undo to state %d: store\n%s\nwant\n%s", i, got, states[i])
		}
	}
	if p.label.Text != "" || p.dash.Selected != "solid" || p.width.s.Value != 2.5 {
		t.Errorf("after undoing everything the panel shows label %q, dash %q, width %g", p.label.Text, p.dash.Selected, p.width.s.Value)
	}
	for i := 1; i < len(states); i++ {
		sc.TypedShortcut(&fyne.ShortcutRedo{})
		if got := storedJSON(t, as.store); got != states[i] {
			t.Fatalf("redo to state %d: store differs", i)
		}
	}
}

func TestValidityEntriesCheckDates(t *testing.T) {
	as, u := newAnnotTestUI(t)
	draw(t, u, data.KindText, khar)
	p := u.ann.props
	before := storedJSON(t, as.store)
	p.from.SetText("2024-13-01")
	p.from.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !p.dateMsg.Visible() || !strings.Contains(p.dateMsg.Text, "YYYY-MM-DD") {
		t.Errorf("bad date message %q shown=%v", p.dateMsg.Text, p.dateMsg.Visible())
	}
	p.from.SetText("2024-05-01")
	p.to.SetText("2024-04-01")
	p.to.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !p.dateMsg.Visible() || !strings.Contains(p.dateMsg.Text, "before") {
		t.Errorf("reversed span message %q", p.dateMsg.Text)
	}
	if storedJSON(t, as.store) != before {
		t.Error("an invalid validity was stored")
	}
	p.to.SetText("")
	p.to.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if p.dateMsg.Visible() {
		t.Error("the message stays after a valid entry")
	}
	if a, _ := u.ann.selected(); !a.ValidFrom.Equal(day("2024-05-01")) || !a.ValidTo.IsZero() {
		t.Errorf("validity %v – %v, want from 2024-05-01, open end", a.ValidFrom, a.ValidTo)
	}
}

func TestStyleChoiceBecomesKindDefault(t *testing.T) {
	_, u := newAnnotTestUI(t)
	draw(t, u, data.KindCircle, khar)
	test.Tap(swatchOf(t, u.ann.props.stroke, "#1a9641"))
	u.ann.props.width.s.SetValue(4)
	tpl := u.ann.events.Template(data.KindCircle)
	if tpl.Style.Stroke != "#1a9641" || tpl.Style.StrokeWidth != 4 {
		t.Errorf("new circles start with %+v, want the last stroke chosen", tpl.Style)
	}
	if tpl.Style.FillOpacity != data.DefaultStyle(data.KindCircle).FillOpacity {
		t.Error("fields the user did not change left their defaults")
	}
	if s := u.ann.events.Template(data.KindPolygon).Style; s != data.DefaultStyle(data.KindPolygon) {
		t.Errorf("another kind's default changed: %+v", s)
	}
	// A new circle is drawn with it.
	c2 := draw(t, u, data.KindCircle, orb.Point{70, 33})
	if c2.Style.Stroke != "#1a9641" {
		t.Errorf("new circle stroke %s", c2.Style.Stroke)
	}
	// Marker symbols are a marker's own field.
	m := draw(t, u, data.KindMarker, khar)
	if !u.ann.props.symbol.Visible() || u.ann.props.symbol.Selected != m.Style.Symbol {
		t.Error("marker symbol not offered")
	}
	u.ann.props.symbol.SetSelected("flag")
	if got, _ := u.ann.selected(); got.Style.Symbol != "flag" || u.ann.events.Template(data.KindMarker).Style.Symbol != "flag" {
		t.Errorf("symbol %q not stored or remembered", got.Style.Symbol)
	}
}

func TestSessionReopensEverything(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "persist.db")
	as := openAnnotSession(t, a, path)
	u := as.s.ui
	first := draw(t, u, data.KindPolygon, orb.Point{70, 33}, orb.Point{71, 33}, orb.Point{71, 34})
	test.Tap(swatchOf(t, u.ann.props.stroke, "#7b3294"))
	u.ann.props.to.SetText("2023-12-31")
	u.ann.props.to.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	test.Tap(u.ann.layers.add) // "Layer 2", active
	second := draw(t, u, data.KindArrow, orb.Point{69, 34}, orb.Point{70, 35})
	test.Tap(u.ann.layers.add) // "Layer 3", active
	test.Tap(u.ann.layers.row("Layer 3").visible)
	test.Tap(u.ann.layers.row("Layer 2").lock)
	test.Tap(u.ann.layers.row("Layer 2").name) // active again
	wantJSON := storedJSON(t, as.store)
	wantActive := u.ann.doc.active
	as.close()

	as2 := openAnnotSession(t, a, path)
	u2 := as2.s.ui
	if got := storedJSON(t, as2.store); got != wantJSON {
		t.Errorf("reopened store holds\n%s\nwant\n%s", got, wantJSON)
	}
	ls := u2.ann.doc.layers
	if len(ls) != 3 || ls[0].Name != "Annotations" || ls[1].Name != "Layer 2" || !ls[1].Locked || !ls[2].Hidden {
		t.Errorf("reopened layers %+v", ls)
	}
	if u2.ann.doc.active != wantActive {
		t.Errorf("active layer %d after reopening, want %d", u2.ann.doc.active, wantActive)
	}
	got, _ := as2.store.Annotation(first.ID)
	if got.Style.Stroke != "#7b3294" || !got.ValidTo.Equal(day("2023-12-31")) {
		t.Errorf("reopened polygon %+v", got)
	}
	if tpl := u2.ann.events.Template(data.KindPolygon); tpl.Style.Stroke != "#7b3294" {
		t.Error("the remembered polygon style is lost")
	}
	// Both annotations show (no window), the locked one read-only.
	if ids := shownIDs(u2); len(ids) != 2 || ids[0] != first.ID || ids[1] != second.ID {
		t.Errorf("map shows %v", ids)
	}
	if r := u2.ann.layers.row("Layer 2"); r == nil || r.count.Text != "1" {
		t.Error("the layer list does not count Layer 2's arrow")
	}
	s2, _ := as2.store.Annotation(second.ID)
	if u2.ann.events.Editable(&s2) {
		t.Error("the locked layer's arrow is editable after reopening")
	}
}

func TestImportReloadKeepsUndoHistory(t *testing.T) {
	as, u := newAnnotTestUI(t)
	draw(t, u, data.KindMarker, khar)
	as.s.open(u.st.ix) // what an import's reload does
	settle(as.s.ui)
	nu := as.s.ui
	if nu == u {
		t.Fatal("no new UI")
	}
	if nu.ann.menu.undo.Label != "Undo Draw marker" || len(nu.ann.shown) != 1 {
		t.Errorf("after a reload: undo %q, %d shown", nu.ann.menu.undo.Label, len(nu.ann.shown))
	}
	nu.ann.undo()
	if n := len(nu.ann.doc.items); n != 0 {
		t.Errorf("undo after reload left %d annotations", n)
	}
}

// Edit → Undo with the label field focused but untouched (its own typing
// already committed) undoes the last stored change; the field must then
// show the undone label, and leaving it must not store the old text again.
func TestUndoWithUntouchedFocusedFieldShowsAndKeepsTheUndo(t *testing.T) {
	as, u := newAnnotTestUI(t)
	other := draw(t, u, data.KindCircle, orb.Point{70, 33})
	m := draw(t, u, data.KindMarker, khar) // the label field is focused
	p := u.ann.props
	test.Type(p.label, "Alpha")
	p.label.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	u.ann.events.Selected(other.ID)
	u.ann.events.Selected(m.ID) // the field shows "Alpha" again, untyped
	if p.label.Text != "Alpha" {
		t.Fatalf("label field %q", p.label.Text)
	}
	as.w.Canvas().Focus(p.label)
	as.w.Canvas().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{}) // Undo Change label
	got, _ := as.store.Annotation(m.ID)
	if got.Label != "" {
		t.Fatalf("undo left the label %q", got.Label)
	}
	if p.label.Text != "" {
		t.Errorf("after the undo the focused label field shows %q, the store %q", p.label.Text, got.Label)
	}
	as.w.Canvas().Unfocus()
	u.ann.events.Selected(0)
	if got, _ := as.store.Annotation(m.ID); got.Label != "" {
		t.Errorf("leaving the field stored the undone label %q again", got.Label)
	}
	if u.ann.menu.redo.Label != "Redo Change label" {
		t.Errorf("redo item %q: the undone change must stay redoable", u.ann.menu.redo.Label)
	}
}
