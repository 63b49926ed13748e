package app

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"frontier/data"
	"frontier/mapview"
)

// annotUI links the session's annotations to the main window: the map's
// drawing callbacks, the toolbar above the map, the properties panel, the
// Layers tab and the Edit menu. It lives on the UI goroutine.
//
// Durability: every change goes through the history's Do (or Undo/Redo),
// which commits one small bbolt transaction (fsync'd) before it returns;
// only then does the UI show the change. This runs synchronously on the UI
// goroutine on purpose: a change is a few kilobytes written once per user
// action, so the wait is a disk sync, and nothing the user sees can be
// ahead of what is on disk.
type annotUI struct {
	u      *mainUI
	m      *mapview.Map
	doc    *annotDoc // nil until a store is bound
	events mapview.AnnotationEvents
	bar    *annotToolbar
	props  *annotProps
	layers *layersPanel
	menu   annotMenu
	// shown is what the map was last given, filtered for the window
	// [from, to).
	shown    []data.Annotation
	from, to time.Time
	// propsShown says whether the right-hand pane shows the properties
	// panel (true) or the event details.
	propsShown bool
	// onPane is told which of the two the right-hand pane should show.
	onPane  func(props bool)
	lastErr error // the last error shown (tests read it)
}

// errNoStore is reported when annotations are edited with no store open.
var errNoStore = errors.New("no writable store is open")

func newAnnotUI(u *mainUI) *annotUI {
	a := &annotUI{u: u, m: u.mapP.m}
	a.events = mapview.AnnotationEvents{
		Template:    a.template,
		Finished:    a.finished,
		Edited:      a.edited,
		Selected:    a.selectAnnotation,
		Deleted:     a.deleteAnnotation,
		Editable:    a.editable,
		ToolChanged: a.toolChanged,
		Measured:    a.measured,
	}
	a.m.SetAnnotationEvents(a.events)
	a.bar = newAnnotToolbar(a)
	a.props = newAnnotProps(a)
	a.layers = newLayersPanel(a)
	a.menu = a.newMenu()
	u.st.onChange(func(c change) {
		switch c {
		case changeView:
			a.windowChanged()
		case changeSelection:
			if u.st.selected >= 0 && a.doc != nil && a.doc.selected != 0 {
				a.props.flush()
				a.doc.selected = 0
				a.refresh()
			}
		}
	})
	return a
}

// bind shows doc's annotations (the session's, loaded at open).
func (a *annotUI) bind(doc *annotDoc) {
	a.doc = doc
	a.refresh()
}

// fail shows err in a dialog; the state stays as it was.
func (a *annotUI) fail(err error) {
	err = a.u.explainReadOnly(err)
	a.lastErr = err
	showFailure(err, a.u.win)
}

// refresh shows the document everywhere: map, properties, layers, menu.
func (a *annotUI) refresh() {
	a.push()
	a.props.show()
	a.layers.refresh()
	a.updateMenu()
	props := a.doc != nil && a.doc.selected != 0
	if props != a.propsShown {
		a.propsShown = props
		if a.onPane != nil {
			a.onPane(props)
		}
	}
}

// push gives the map the annotations that show in the current time window.
func (a *annotUI) push() {
	a.from, a.to = annotWindow(&a.u.st.filter)
	if a.doc == nil {
		a.shown = nil
		a.m.SetAnnotations(nil, 0)
		return
	}
	a.shown = a.doc.visible(a.from, a.to)
	a.m.SetAnnotations(a.shown, a.doc.selected)
}

// windowChanged refilters the annotations when the time window moved
// (brushing, playback). Annotations are few: filtering them here, on the
// UI goroutine, costs microseconds.
func (a *annotUI) windowChanged() {
	from, to := annotWindow(&a.u.st.filter)
	if from.Equal(a.from) && to.Equal(a.to) {
		return
	}
	a.push()
}

// selected returns the selected annotation as stored.
func (a *annotUI) selected() (data.Annotation, bool) {
	if a.doc == nil || a.doc.selected == 0 {
		return data.Annotation{}, false
	}
	return a.doc.item(a.doc.selected)
}

// drawLayer is the layer a new annotation goes to: the active one, which
// must exist, be visible and be unlocked.
func (a *annotUI) drawLayer() (data.Layer, error) {
	if a.doc == nil {
		return data.Layer{}, errNoStore
	}
	l, ok := a.doc.layer(a.doc.active)
	switch {
	case !ok:
		return l, errors.New("there is no active layer: choose one in the Layers tab")
	case l.Locked:
		return l, fmt.Errorf("the active layer %q is locked: unlock it or choose another in the Layers tab", l.Name)
	case l.Hidden:
		return l, fmt.Errorf("the active layer %q is hidden: show it or choose another in the Layers tab", l.Name)
	}
	return l, nil
}

// template is a new annotation of kind k on the active layer with the
// kind's remembered style (Template callback).
func (a *annotUI) template(k data.AnnotationKind) data.Annotation {
	an := data.Annotation{Kind: k, Style: a.doc.defaultStyle(k)}
	if a.doc != nil {
		an.Layer = a.doc.active
	}
	return an
}

// finished stores a newly drawn annotation and selects it (Finished
// callback).
func (a *annotUI) finished(an data.Annotation) {
	label := "Draw " + an.Kind.String()
	l, err := a.drawLayer()
	if err != nil {
		a.fail(fmt.Errorf("%s: %w", label, err))
		a.push()
		return
	}
	an.ID, an.Layer = 0, l.ID
	an.Created, an.Modified = time.Time{}, time.Time{}
	if a.change(data.AnnotationChange{Label: label, After: []data.Annotation{an}}, selectNew) &&
		(an.Kind == data.KindText || an.Kind == data.KindMarker) {
		a.editLabel()
	}
}

// editLabel puts the keyboard in the selected annotation's label field
// with its text selected, so that typing right after placing a text or a
// marker names it (Enter saves, as one undo step) instead of choosing
// tools by their letters.
func (a *annotUI) editLabel() {
	c := a.u.win.Canvas()
	if c == nil || a.props == nil || a.props.label.Disabled() {
		return
	}
	c.Focus(a.props.label)
	a.props.label.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// edited stores an annotation the user reshaped on the map (Edited
// callback). The stored version is the change's Before, whatever the map
// thinks it was.
func (a *annotUI) edited(_, after data.Annotation) {
	label := "Edit " + after.Kind.String()
	cur, ok := a.docItem(after.ID)
	if !ok {
		a.fail(fmt.Errorf("%s: annotation %d is not stored", label, after.ID))
		a.push()
		return
	}
	if err := a.checkEditable(&cur); err != nil {
		a.fail(fmt.Errorf("%s: %w", label, err))
		a.push()
		return
	}
	after.Layer = cur.Layer
	a.change(data.AnnotationChange{Label: label, Before: []data.Annotation{cur}, After: []data.Annotation{after}}, a.keepSelection)
}

// docItem returns the stored annotation id (false without a store).
func (a *annotUI) docItem(id uint64) (data.Annotation, bool) {
	if a.doc == nil {
		return data.Annotation{}, false
	}
	return a.doc.item(id)
}

// checkEditable reports why an may not be changed (nil when it may).
func (a *annotUI) checkEditable(an *data.Annotation) error {
	if a.doc == nil {
		return errNoStore
	}
	l, ok := a.doc.layer(an.Layer)
	if !ok {
		return fmt.Errorf("annotation %d is on no layer", an.ID)
	}
	if l.Locked {
		return fmt.Errorf("the layer %q is locked", l.Name)
	}
	return nil
}

// editable is the Editable callback: annotations on locked layers are
// read-only.
func (a *annotUI) editable(an *data.Annotation) bool {
	return a.doc != nil && a.doc.editable(an)
}

// selectAnnotation selects an annotation, or clears the selection with 0
// (Selected callback). The properties panel replaces the event details
// while one is selected.
func (a *annotUI) selectAnnotation(id uint64) {
	if a.doc == nil || id == a.doc.selected {
		return
	}
	a.props.flush()
	if _, ok := a.doc.item(id); !ok {
		id = 0
	}
	a.doc.selected = id
	a.refresh()
}

// deleteAnnotation deletes annotation id (Deleted callback, Edit menu).
func (a *annotUI) deleteAnnotation(id uint64) {
	cur, ok := a.docItem(id)
	if !ok {
		return
	}
	label := "Delete " + cur.Kind.String()
	if err := a.checkEditable(&cur); err != nil {
		a.fail(fmt.Errorf("%s: %w", label, err))
		return
	}
	a.change(data.AnnotationChange{Label: label, Before: []data.Annotation{cur}}, selectNone)
}

// deleteSelected deletes the selected annotation.
func (a *annotUI) deleteSelected() {
	if cur, ok := a.selected(); ok {
		a.deleteAnnotation(cur.ID)
	}
}

// duplicateOffset is how far a duplicate is moved from its original, in
// logical pixels at the map's zoom (east and south).
const duplicateOffset = 16

// duplicateSelected copies the selected annotation, a little offset, to
// the active layer and selects the copy.
func (a *annotUI) duplicateSelected() {
	cur, ok := a.selected()
	if !ok {
		return
	}
	label := "Duplicate " + cur.Kind.String()
	l, err := a.drawLayer()
	if err != nil {
		a.fail(fmt.Errorf("%s: %w", label, err))
		return
	}
	dup := cur.Clone()
	dup.ID, dup.Layer = 0, l.ID
	dup.Created, dup.Modified = time.Time{}, time.Time{}
	d := duplicateOffset * 360 / (mapview.TileSize * math.Exp2(a.m.View().Zoom))
	for i, p := range dup.Points {
		dup.Points[i] = orb.Point{clamp(p[0]+d, -180, 180), clamp(p[1]-d, -85, 85)}
	}
	a.change(data.AnnotationChange{Label: label, After: []data.Annotation{dup}}, selectNew)
}

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

// editSelected applies edit to a copy of the selected annotation and
// stores it as one undoable change named label. An edit that changes
// nothing stores nothing.
func (a *annotUI) editSelected(label string, edit func(*data.Annotation)) bool {
	cur, ok := a.selected()
	if !ok {
		return false
	}
	if err := a.checkEditable(&cur); err != nil {
		a.fail(fmt.Errorf("%s: %w", label, err))
		a.props.show()
		return false
	}
	after := cur.Clone()
	edit(&after)
	if reflect.DeepEqual(cur, after) {
		return false
	}
	return a.change(data.AnnotationChange{Label: label, Before: []data.Annotation{cur}, After: []data.Annotation{after}}, a.keepSelection)
}

// zoomTo frames annotation id on the map.
func (a *annotUI) zoomTo(id uint64) {
	an, ok := a.docItem(id)
	if !ok || len(an.Points) == 0 {
		return
	}
	sz := a.m.Size()
	w, h := max(1, int(sz.Width)), max(1, int(sz.Height))
	if sz.Width < 2 {
		w, h = 800, 600
	}
	a.m.SetView(mapview.FitBound(an.Bound(), w, h, 1, 60, 13))
	a.u.st.view = a.m.View()
}

// toolChanged follows the map when it changes tool itself (ToolChanged
// callback): drawing needs a visible, unlocked active layer.
func (a *annotUI) toolChanged(t mapview.Tool) {
	if allowed := a.allowedTool(t); allowed != t {
		t = allowed
		a.m.SetTool(t)
	}
	a.bar.setCurrent(t)
}

// setTool switches the map's tool (toolbar, keys), refusing the drawing
// tools while the active layer cannot take a drawing.
func (a *annotUI) setTool(t mapview.Tool) {
	t = a.allowedTool(t)
	a.m.SetTool(t)
	a.bar.setCurrent(t)
}

// allowedTool returns t, or navigation (saying why) when t draws and
// nothing can be drawn now.
func (a *annotUI) allowedTool(t mapview.Tool) mapview.Tool {
	if t.Kind() != 0 {
		if err := a.cannotDraw(); err != nil {
			a.fail(err)
			return mapview.ToolNavigate
		}
	}
	return t
}

// cannotDraw says why nothing can be drawn now (nil when it can): the
// window shows a read-only copy, or the active layer cannot take it.
func (a *annotUI) cannotDraw() error {
	if err := a.u.readOnlyErr("Drawing on the map"); err != nil {
		return err
	}
	if _, err := a.drawLayer(); err != nil {
		return fmt.Errorf("cannot draw: %w", err)
	}
	return nil
}

// measured shows the measure or range-bearing read-out (Measured callback).
func (a *annotUI) measured(dist, bearing float64) {
	a.bar.setReadout(mapview.RangeBearingText(dist, bearing))
}

// focusedText returns the focused text entry, if any: its own undo and
// delete keys take precedence over the annotation commands.
func (a *annotUI) focusedText() textEditor {
	if c := a.u.win.Canvas(); c != nil {
		if e, ok := c.Focused().(textEditor); ok {
			return e
		}
	}
	return nil
}

// textEditor is a focused widget with its own undo (widget.Entry).
type textEditor interface {
	fyne.Focusable
	Undo()
	Redo()
}

// editorText is a text editor's current text ("" for an unknown kind).
func editorText(e textEditor) string {
	switch w := e.(type) {
	case *widget.Entry:
		return w.Text
	case *commitEntry:
		return w.Text
	}
	return ""
}
