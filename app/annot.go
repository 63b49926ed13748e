package app

import (
	stdcmp "cmp"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"

	"frontier/data"
)

// defaultLayerName names the layer a store without layers gets.
const defaultLayerName = "Annotations"

// annotDoc is a session's annotations as the store holds them, with the
// undo history, the active layer and the selection. It belongs to the
// session, not to one main UI, so an import (which rebuilds the window)
// keeps the undo history.
//
// It lives on the UI goroutine. Every change is one bbolt transaction,
// committed before the method returns.
type annotDoc struct {
	store *data.Store
	prefs fyne.Preferences
	hist  *data.AnnotationHistory
	// layers are lowest Order first (then by ID), as Store.Layers returns
	// them; items are in ID order, as stored.
	layers []data.Layer
	items  []data.Annotation
	// active is the layer new drawings go to; selected the annotation the
	// properties panel shows (0 for none).
	active, selected uint64
	// readOnly: the store is a read-only copy; nothing may be edited.
	readOnly bool
}

// loadAnnotDoc reads the layers and annotations of store, creating the
// default layer when there is none, and picks the active layer: the one
// remembered for this store, else the first visible unlocked one.
func loadAnnotDoc(store *data.Store, prefs fyne.Preferences) (*annotDoc, error) {
	d := &annotDoc{store: store, prefs: prefs, hist: data.NewAnnotationHistory(store), readOnly: store.ReadOnly()}
	if err := d.reloadLayers(); err != nil {
		return nil, err
	}
	if len(d.layers) == 0 && !d.readOnly {
		l := data.Layer{Name: defaultLayerName}
		if err := store.PutLayer(&l); err != nil {
			return nil, fmt.Errorf("create the default annotation layer: %w", err)
		}
		d.layers = []data.Layer{l}
	}
	if err := d.reloadItems(); err != nil {
		return nil, err
	}
	d.active = d.rememberedActive()
	return d, nil
}

// reloadLayers reads the layers from the store.
func (d *annotDoc) reloadLayers() error {
	ls, err := d.store.Layers()
	if err != nil {
		return fmt.Errorf("load annotation layers: %w", err)
	}
	d.layers = ls
	return nil
}

// reloadItems reads the annotations from the store: after every change the
// UI shows what is stored, not what it meant to store.
func (d *annotDoc) reloadItems() error {
	as, err := d.store.Annotations()
	if err != nil {
		return fmt.Errorf("load annotations: %w", err)
	}
	d.items = as
	if d.selected != 0 {
		if _, ok := d.item(d.selected); !ok {
			d.selected = 0
		}
	}
	return nil
}

// activePrefKey is the preference remembering the active layer of this
// store (by its absolute path).
func (d *annotDoc) activePrefKey() string {
	p := d.store.Path()
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	return "annotations.activeLayer:" + p
}

// rememberedActive returns the remembered active layer when it still
// exists, else the first visible unlocked layer, else the first layer.
func (d *annotDoc) rememberedActive() uint64 {
	if d.prefs != nil {
		if id, err := strconv.ParseUint(d.prefs.String(d.activePrefKey()), 10, 64); err == nil {
			if _, ok := d.layer(id); ok {
				return id
			}
		}
	}
	for _, l := range d.layers {
		if !l.Hidden && !l.Locked {
			return l.ID
		}
	}
	if len(d.layers) > 0 {
		return d.layers[0].ID
	}
	return 0
}

// setActive makes layer id the active one and remembers it for the store.
func (d *annotDoc) setActive(id uint64) {
	d.active = id
	if d.prefs != nil && !d.readOnly { // a copy's temporary path is no store to remember
		d.prefs.SetString(d.activePrefKey(), strconv.FormatUint(id, 10))
	}
}

// layer returns the layer with id.
func (d *annotDoc) layer(id uint64) (data.Layer, bool) {
	for _, l := range d.layers {
		if l.ID == id {
			return l, true
		}
	}
	return data.Layer{}, false
}

// item returns the stored annotation with id.
func (d *annotDoc) item(id uint64) (data.Annotation, bool) {
	i, ok := slices.BinarySearchFunc(d.items, id, func(a data.Annotation, id uint64) int { return stdcmp.Compare(a.ID, id) })
	if !ok {
		return data.Annotation{}, false
	}
	return d.items[i], true
}

// editable reports whether a may be changed: its layer exists and is not
// locked, and the store is not a read-only copy.
func (d *annotDoc) editable(a *data.Annotation) bool {
	l, ok := d.layer(a.Layer)
	return ok && !l.Locked && !d.readOnly
}

// count returns how many annotations layer id holds.
func (d *annotDoc) count(id uint64) int {
	n := 0
	for i := range d.items {
		if d.items[i].Layer == id {
			n++
		}
	}
	return n
}

// visible returns the annotations the map draws for the time window
// [from, to) (zero ends open): those of visible layers that show in the
// window (undated ones always do), by layer Order, then ID.
func (d *annotDoc) visible(from, to time.Time) []data.Annotation {
	rank := make(map[uint64]int, len(d.layers))
	for i, l := range d.layers {
		if !l.Hidden {
			rank[l.ID] = i
		}
	}
	var out []data.Annotation
	for i := range d.items {
		a := &d.items[i]
		if _, ok := rank[a.Layer]; ok && a.VisibleIn(from, to) {
			out = append(out, *a)
		}
	}
	slices.SortStableFunc(out, func(a, b data.Annotation) int {
		if c := stdcmp.Compare(rank[a.Layer], rank[b.Layer]); c != 0 {
			return c
		}
		return stdcmp.Compare(a.ID, b.ID)
	})
	return out
}

// stylePrefKey is the preference holding the default style of kind k.
func stylePrefKey(k data.AnnotationKind) string { return "annotations.style." + k.String() }

// defaultStyle returns the style new annotations of kind k start with: the
// last style the user chose for that kind, else data.DefaultStyle.
func (d *annotDoc) defaultStyle(k data.AnnotationKind) data.Style {
	s := data.DefaultStyle(k)
	if d == nil || d.prefs == nil {
		return s
	}
	if v := d.prefs.String(stylePrefKey(k)); v != "" {
		var saved data.Style
		if err := json.Unmarshal([]byte(v), &saved); err == nil {
			return saved
		}
	}
	return s
}

// rememberStyle makes edit, applied to kind k's current default style, the
// default for new annotations of that kind.
func (d *annotDoc) rememberStyle(k data.AnnotationKind, edit func(*data.Style)) {
	if d.prefs == nil {
		return
	}
	s := d.defaultStyle(k)
	edit(&s)
	if b, err := json.Marshal(s); err == nil {
		d.prefs.SetString(stylePrefKey(k), string(b))
	}
}

// annotWindow converts the filter's time window (inclusive by day, zero
// ends open) to the half-open [from, to) that Annotation.VisibleIn takes.
func annotWindow(f *data.Filter) (from, to time.Time) {
	if !f.From.IsZero() {
		from = utcDay(f.From)
	}
	if !f.To.IsZero() {
		to = utcDay(f.To).AddDate(0, 0, 1)
	}
	return from, to
}

// utcDay returns the start of t's UTC day.
func utcDay(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// bindAnnotations loads the store's annotations at the session's first
// open and shows them in the session's current main UI.
func (s *session) bindAnnotations() {
	if s.store == nil {
		return
	}
	if s.annot == nil {
		doc, err := loadAnnotDoc(s.store, s.a.Preferences())
		if err != nil {
			s.ui.ann.fail(fmt.Errorf("open the annotations: %w", err))
			return
		}
		s.annot = doc
	}
	s.ui.ann.bind(s.annot)
}
