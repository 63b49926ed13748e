package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"frontier/data"
)

// layerNames lists the layers as the panel shows them, top first.
func layerNames(p *layersPanel) []string {
	var out []string
	for _, r := range p.rows {
		out = append(out, r.name.Text)
	}
	return out
}

func TestLayersPanelNewRenameReorderDelete(t *testing.T) {
	as, u := newAnnotTestUI(t)
	p := u.ann.layers
	draw(t, u, data.KindMarker, khar)
	draw(t, u, data.KindMarker, orb.Point{70, 33})
	test.Tap(p.add)
	test.Tap(p.add)
	if got := strings.Join(layerNames(p), ","); got != "Layer 3,Layer 2,Annotations" {
		t.Fatalf("layers listed %s, want the newest on top", got)
	}
	if r := p.row("Annotations"); r.count.Text != "2" {
		t.Errorf("Annotations counts %s", r.count.Text)
	}
	if u.ann.doc.active != p.row("Layer 3").id || p.row("Layer 3").active.Icon == p.row("Layer 2").active.Icon {
		t.Error("the new layer is not marked active")
	}
	if !p.up.Disabled() || p.down.Disabled() {
		t.Error("the top layer can move down only")
	}

	// Rename through the dialog.
	test.Tap(p.rename)
	if p.lastRenameTitle != `Rename layer "Layer 3"` {
		t.Errorf("rename dialog %q", p.lastRenameTitle)
	}
	for _, o := range test.LaidOutObjects(as.w.Canvas().Overlays().Top()) {
		if e, ok := o.(*widget.Entry); ok && e.Text == "Layer 3" {
			e.SetText("  Routes ")
		}
	}
	test.Tap(dialogButton(t, as.w, "Rename"))
	if ls, _ := as.store.Layers(); ls[2].Name != "Routes" {
		t.Errorf("renamed layer stored as %q", ls[2].Name)
	}
	if got := u.ann.menu.undo.Label; got != `Undo Rename layer "Layer 3"` {
		t.Errorf("undo item %q after a rename", got)
	}

	// Make Annotations active and raise it to the top.
	test.Tap(p.row("Annotations").name)
	test.Tap(p.up)
	test.Tap(p.up)
	if got := strings.Join(layerNames(p), ","); got != "Annotations,Routes,Layer 2" {
		t.Errorf("after raising twice: %s", got)
	}
	ls, _ := as.store.Layers()
	if ls[2].Name != "Annotations" || ls[0].Name != "Layer 2" {
		t.Errorf("stored order %v", ls)
	}
	if ids := shownIDs(u); len(ids) != 2 {
		t.Errorf("map shows %v", ids)
	}

	// Delete asks first, saying how many annotations go.
	test.Tap(p.del)
	if !strings.Contains(p.lastConfirm, `"Annotations"`) || !strings.Contains(p.lastConfirm, "Its 2 annotations are deleted") {
		t.Errorf("confirmation %q", p.lastConfirm)
	}
	test.Tap(dialogButton(t, as.w, "Delete"))
	if all, _ := as.store.Annotations(); len(all) != 0 {
		t.Errorf("%d annotations left with their layer deleted", len(all))
	}
	if got := strings.Join(layerNames(p), ","); got != "Routes,Layer 2" {
		t.Errorf("after deleting: %s", got)
	}
	if len(u.ann.shown) != 0 || u.ann.doc.selected != 0 {
		t.Error("the deleted layer's annotations remain on the map")
	}
	if _, ok := u.ann.doc.layer(u.ann.doc.active); !ok {
		t.Error("no active layer after deleting the active one")
	}
	// Edit → Undo brings the layer back with its annotations; Redo deletes
	// it again.
	if got := u.ann.menu.undo.Label; got != `Undo Delete layer "Annotations"` {
		t.Errorf("undo item %q after deleting a layer", got)
	}
	u.undoAny()
	if got := strings.Join(layerNames(p), ","); got != "Annotations,Routes,Layer 2" {
		t.Errorf("after undoing the deletion: %s", got)
	}
	if all, _ := as.store.Annotations(); len(all) != 2 || len(shownIDs(u)) != 2 {
		t.Errorf("undo restored %d annotations, the map shows %v", len(all), shownIDs(u))
	}
	u.redoAny()
	if got := strings.Join(layerNames(p), ","); got != "Routes,Layer 2" {
		t.Errorf("after redoing the deletion: %s", got)
	}
	if all, _ := as.store.Annotations(); len(all) != 0 {
		t.Errorf("%d annotations left after redoing the deletion", len(all))
	}
	// The last layer cannot be deleted.
	p.confirmDelete()
	test.Tap(dialogButton(t, as.w, "Delete"))
	p.confirmDelete()
	if n := len(u.ann.doc.layers); n != 1 || !p.del.Disabled() {
		t.Errorf("%d layers left, delete disabled=%v", n, p.del.Disabled())
	}
}

func TestLayersWithoutStore(t *testing.T) {
	u, _ := newTestUI(t) // an index only: no session bound
	if !u.ann.layers.empty.Visible() || !u.ann.layers.add.Disabled() {
		t.Error("the Layers tab offers layers with no store")
	}
	a := u.ann.events.Template(data.KindMarker)
	a.Points = []orb.Point{khar}
	u.ann.events.Finished(a)
	if u.ann.lastErr == nil || !strings.Contains(u.ann.lastErr.Error(), "no writable store") {
		t.Errorf("drawing without a store: %v", u.ann.lastErr)
	}
}

func TestMoveAnnotationToAnotherLayer(t *testing.T) {
	as, u := newAnnotTestUI(t)
	test.Tap(u.ann.layers.add) // Layer 2, active
	test.Tap(u.ann.layers.add) // Layer 3, active
	test.Tap(u.ann.layers.row("Layer 3").lock)
	test.Tap(u.ann.layers.row("Annotations").name)
	m := draw(t, u, data.KindMarker, khar)
	before := storedJSON(t, as.store)
	sel := u.ann.props.layer
	if got := strings.Join(sel.Options, ","); got != "Annotations,Layer 2,Layer 3" {
		t.Fatalf("layer choices %s", got)
	}
	sel.SetSelected("Layer 2")
	got, _ := as.store.Annotation(m.ID)
	if l, _ := u.ann.doc.layer(got.Layer); l.Name != "Layer 2" {
		t.Errorf("marker stored on layer %d", got.Layer)
	}
	if u.ann.menu.undo.Label != "Undo Move to Layer 2" {
		t.Errorf("undo item %q", u.ann.menu.undo.Label)
	}
	if r := u.ann.layers.row("Layer 2"); r.count.Text != "1" {
		t.Errorf("Layer 2 counts %s", r.count.Text)
	}
	// A locked layer takes nothing.
	u.ann.lastErr = nil
	sel.SetSelected("Layer 3")
	if u.ann.lastErr == nil || sel.Selected != "Layer 2" {
		t.Errorf("moving to a locked layer: error %v, select shows %q", u.ann.lastErr, sel.Selected)
	}
	u.ann.undo()
	if storedJSON(t, as.store) != before {
		t.Error("undo did not move the marker back")
	}
}
