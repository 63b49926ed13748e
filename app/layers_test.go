package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
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
	p.renameLayer(p.row("Layer 3").id, "  Routes ")
	if ls, _ := as.store.Layers(); ls[2].Name != "Routes" {
		t.Errorf("renamed layer stored as %q", ls[2].Name)
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
	if len(u.ann.shown) != 0 || u.ann.doc.selected != 0 || !u.ann.menu.undo.Disabled {
		t.Error("the deleted layer's annotations or their undo history remain")
	}
	if _, ok := u.ann.doc.layer(u.ann.doc.active); !ok {
		t.Error("no active layer after deleting the active one")
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
