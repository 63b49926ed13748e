package app

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
)

// layersPanel is the Layers tab: the annotation layers, top (drawn last)
// first, each with a visibility check, a lock toggle, its annotation count
// and a mark on the active layer, the one new drawings go to and the
// buttons act on. Every change is stored (one transaction each) before the
// panel shows it; new, rename and delete go through the annotation history,
// so Edit → Undo reverts them.
type layersPanel struct {
	a                            *annotUI
	list                         *fyne.Container
	empty                        *widget.Label
	rows                         []*layerRow
	add, rename, del, up, down   *widget.Button
	content                      fyne.CanvasObject
	lastConfirm, lastRenameTitle string // what the last dialogs said (tests)
}

// layerRow is one layer's line in the list.
type layerRow struct {
	id      uint64
	active  *widget.Button // the radio mark; tap to make active
	visible *widget.Check
	lock    *widget.Button
	name    *widget.Button // tap to make active
	count   *widget.Label
}

func newLayersPanel(a *annotUI) *layersPanel {
	p := &layersPanel{a: a, list: container.NewVBox()}
	p.empty = widget.NewLabel("Annotations need a store: none is open.")
	p.empty.Wrapping = fyne.TextWrapWord
	p.add = widget.NewButtonWithIcon("New", theme.ContentAddIcon(), p.newLayer)
	p.rename = widget.NewButtonWithIcon("Rename", theme.DocumentCreateIcon(), p.askRename)
	p.del = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), p.confirmDelete)
	p.up = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { p.move(1) })
	p.down = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { p.move(-1) })
	hint := widget.NewLabel("Tap a layer to make it active: new drawings go there, and the buttons act on it. Layers higher in the list are drawn on top.")
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	buttons := container.NewHBox(p.add, p.rename, p.del, p.up, p.down)
	p.content = container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), buttons, hint), nil, nil,
		container.NewVScroll(container.NewVBox(p.empty, p.list)))
	return p
}

// refresh lists the layers as stored.
func (p *layersPanel) refresh() {
	doc := p.a.doc
	p.list.RemoveAll()
	p.rows = nil
	if doc == nil {
		p.empty.Show()
		for _, b := range []*widget.Button{p.add, p.rename, p.del, p.up, p.down} {
			b.Disable()
		}
		return
	}
	p.empty.Hide()
	for i := len(doc.layers) - 1; i >= 0; i-- { // top layer first
		r := p.newRow(doc.layers[i], doc.layers[i].ID == doc.active, doc.count(doc.layers[i].ID))
		p.rows = append(p.rows, r)
		p.list.Add(container.NewBorder(nil, nil, container.NewHBox(r.active, r.visible, r.lock), r.count, r.name))
	}
	idx := p.activeIndex()
	p.add.Enable()
	setEnabled(p.rename, idx >= 0)
	setEnabled(p.del, idx >= 0 && len(doc.layers) > 1)
	setEnabled(p.up, idx >= 0 && idx < len(doc.layers)-1)
	setEnabled(p.down, idx > 0)
	p.list.Refresh()
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// newRow builds the line of layer l.
func (p *layersPanel) newRow(l data.Layer, active bool, n int) *layerRow {
	id := l.ID
	r := &layerRow{id: id}
	mark := theme.RadioButtonIcon()
	if active {
		mark = theme.RadioButtonCheckedIcon()
	}
	r.active = widget.NewButtonWithIcon("", mark, func() { p.setActive(id) })
	r.active.Importance = widget.LowImportance
	r.visible = widget.NewCheck("", nil)
	r.visible.SetChecked(!l.Hidden)
	r.visible.OnChanged = func(on bool) { p.setHidden(id, !on) }
	r.lock = widget.NewButtonWithIcon("", lockIcon(l.Locked), func() { p.toggleLock(id) })
	r.lock.Importance = widget.LowImportance
	r.name = widget.NewButton(l.Name, func() { p.setActive(id) })
	r.name.Alignment = widget.ButtonAlignLeading
	r.name.Importance = widget.LowImportance
	if active {
		r.name.Importance = widget.HighImportance
	}
	r.count = widget.NewLabel(groupDigits(int64(n)))
	return r
}

// row returns the line of the layer named name (nil when none).
func (p *layersPanel) row(name string) *layerRow {
	for _, r := range p.rows {
		if r.name.Text == name {
			return r
		}
	}
	return nil
}

// activeIndex is the active layer's index in doc.layers (-1 for none).
func (p *layersPanel) activeIndex() int {
	for i, l := range p.a.doc.layers {
		if l.ID == p.a.doc.active {
			return i
		}
	}
	return -1
}

// put stores a changed layer and shows the result; on error the stored
// state stays and a dialog names the action.
func (p *layersPanel) put(action string, l data.Layer) bool {
	doc := p.a.doc
	if err := p.a.u.readOnlyErr(action); err != nil {
		p.a.fail(err)
		p.a.refresh()
		return false
	}
	if err := doc.store.PutLayer(&l); err != nil {
		p.a.fail(fmt.Errorf("%s: %w", action, err))
		p.a.refresh()
		return false
	}
	if err := doc.reloadLayers(); err != nil {
		p.a.fail(fmt.Errorf("%s: saved, but %w", action, err))
	}
	return true
}

// setActive makes layer id the one new drawings go to.
func (p *layersPanel) setActive(id uint64) {
	if p.a.doc == nil {
		return
	}
	p.a.doc.setActive(id)
	p.a.refresh()
}

// setHidden hides or shows layer id. A selected annotation on a layer
// being hidden is deselected.
func (p *layersPanel) setHidden(id uint64, hidden bool) {
	l, ok := p.a.doc.layer(id)
	if !ok || l.Hidden == hidden {
		return
	}
	l.Hidden = hidden
	verb := "Show"
	if hidden {
		verb = "Hide"
	}
	if p.a.doc.readOnly {
		// A read-only copy shows and hides its layers in memory only.
		for i := range p.a.doc.layers {
			if p.a.doc.layers[i].ID == id {
				p.a.doc.layers[i].Hidden = hidden
			}
		}
	} else if !p.put(fmt.Sprintf("%s layer %q", verb, l.Name), l) {
		return
	}
	if cur, ok := p.a.selected(); ok && hidden && cur.Layer == id {
		p.a.props.flush()
		p.a.doc.selected = 0
	}
	p.a.refresh()
}

// toggleLock locks or unlocks layer id.
func (p *layersPanel) toggleLock(id uint64) {
	l, ok := p.a.doc.layer(id)
	if !ok {
		return
	}
	p.a.props.flush()
	l.Locked = !l.Locked
	verb := "Unlock"
	if l.Locked {
		verb = "Lock"
	}
	p.put(fmt.Sprintf("%s layer %q", verb, l.Name), l)
	p.a.refresh()
}

// newLayer adds a layer on top and makes it active.
func (p *layersPanel) newLayer() {
	doc := p.a.doc
	if doc == nil {
		return
	}
	names := map[string]bool{}
	order := 0
	for _, l := range doc.layers {
		names[l.Name] = true
		order = max(order, l.Order+1)
	}
	name := ""
	for i := len(doc.layers) + 1; ; i++ {
		if name = fmt.Sprintf("Layer %d", i); !names[name] {
			break
		}
	}
	var created uint64
	c := data.AnnotationChange{Label: "New layer", LayersAfter: []data.Layer{{Name: name, Order: order}}}
	p.a.change(c, func(stored data.AnnotationChange) uint64 {
		created = stored.LayersAfter[0].ID
		return doc.selected
	})
	if created != 0 {
		doc.setActive(created)
		p.a.refresh()
	}
}

// askRename asks for the active layer's new name.
func (p *layersPanel) askRename() {
	l, ok := p.a.doc.layer(p.a.doc.active)
	if !ok {
		return
	}
	e := widget.NewEntry()
	e.SetText(l.Name)
	e.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("a layer needs a name")
		}
		return nil
	}
	p.lastRenameTitle = fmt.Sprintf("Rename layer %q", l.Name)
	dialog.ShowForm(p.lastRenameTitle, "Rename", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Name", e)},
		func(ok bool) {
			if ok {
				p.renameLayer(l.ID, e.Text)
			}
		}, p.a.u.win)
}

// renameLayer renames layer id.
func (p *layersPanel) renameLayer(id uint64, name string) {
	l, ok := p.a.doc.layer(id)
	name = strings.TrimSpace(name)
	if !ok || name == "" || name == l.Name {
		return
	}
	renamed := l
	renamed.Name = name
	c := data.AnnotationChange{Label: fmt.Sprintf("Rename layer %q", l.Name), LayersBefore: []data.Layer{l}, LayersAfter: []data.Layer{renamed}}
	p.a.change(c, p.a.keepSelection)
}

// confirmDelete asks before deleting the active layer, saying how many
// annotations go with it.
func (p *layersPanel) confirmDelete() {
	doc := p.a.doc
	l, ok := doc.layer(doc.active)
	if !ok || len(doc.layers) < 2 {
		return
	}
	n := doc.count(l.ID)
	what := "It holds no annotations."
	switch n {
	case 1:
		what = "Its 1 annotation is deleted with it."
	default:
		if n > 1 {
			what = fmt.Sprintf("Its %s annotations are deleted with it.", groupDigits(int64(n)))
		}
	}
	p.lastConfirm = fmt.Sprintf("Delete the layer %q? %s\nEdit → Undo (Ctrl+Z) brings it back.", l.Name, what)
	d := dialog.NewConfirm("Delete layer", p.lastConfirm, func(ok bool) {
		if ok {
			p.deleteLayer(l.ID)
		}
	}, p.a.u.win)
	d.SetConfirmText("Delete")
	d.Show()
}

// deleteLayer deletes layer id and its annotations in one transaction,
// as one change Edit → Undo reverts.
func (p *layersPanel) deleteLayer(id uint64) {
	doc := p.a.doc
	l, ok := doc.layer(id)
	if !ok {
		return
	}
	p.a.props.flush()
	c := data.AnnotationChange{Label: fmt.Sprintf("Delete layer %q", l.Name), LayersBefore: []data.Layer{l}}
	for _, an := range doc.items {
		if an.Layer == id {
			c.Before = append(c.Before, an.Clone())
		}
	}
	p.a.change(c, selectNone)
}

// move raises (dir 1) or lowers (dir −1) the active layer one place in
// the drawing order, renumbering the orders 0, 1, 2, … as it goes.
func (p *layersPanel) move(dir int) {
	doc := p.a.doc
	i := p.activeIndex()
	j := i + dir
	if i < 0 || j < 0 || j >= len(doc.layers) {
		return
	}
	ids := make([]uint64, len(doc.layers))
	for k, l := range doc.layers {
		ids[k] = l.ID
	}
	ids[i], ids[j] = ids[j], ids[i]
	name := doc.layers[i].Name
	if err := doc.store.ReorderLayers(ids); err != nil {
		p.a.fail(fmt.Errorf("move layer %q: %w", name, err))
	}
	if err := doc.reloadLayers(); err != nil {
		p.a.fail(fmt.Errorf("move layer %q: %w", name, err))
	}
	p.a.refresh()
}
