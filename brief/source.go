// Package brief turns saved views into briefing material without a
// window: map images of a view (PNG), a deck of views as numbered PNGs or
// one PDF, animations of a time span (GIF or PNG frames) and portable
// briefing packages (one file holding events, annotation layers and
// views) that open as a fresh store or merge into another. The CLI and
// the desktop app both call it; it draws with the mapview render core and
// knows nothing of Fyne.
package brief

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"frontier/data"
	"frontier/mapview/basemap"
)

// Source is what briefing material is made from: a store, its index, the
// basemap and the annotation layers. Build it with Load, or NewSource when
// the index is already loaded. A Source is read by one export at a time;
// it is not changed by them.
type Source struct {
	Store *data.Store
	Index *data.Index
	// Base is the basemap (nil draws water only).
	Base *basemap.Basemap
	// Layers are the annotation layers in draw order (lowest Order first);
	// Annotations all their annotations.
	Layers      []data.Layer
	Annotations []data.Annotation
}

// Load reads store's index, layers and annotations, with the embedded
// basemap.
func Load(store *data.Store) (*Source, error) {
	ix, err := data.LoadIndex(store)
	if err != nil {
		return nil, err
	}
	return NewDefaultSource(store, ix)
}

// NewDefaultSource is NewSource with the embedded basemap.
func NewDefaultSource(store *data.Store, ix *data.Index) (*Source, error) {
	base, err := basemap.Default()
	if err != nil {
		return nil, fmt.Errorf("basemap: %w", err)
	}
	return NewSource(store, ix, base)
}

// NewSource builds a Source from an index already loaded from store (and
// a basemap, nil for none), reading the layers and annotations.
func NewSource(store *data.Store, ix *data.Index, base *basemap.Basemap) (*Source, error) {
	src := &Source{Store: store, Index: ix, Base: base}
	if store == nil {
		return src, nil
	}
	var err error
	if src.Layers, err = store.Layers(); err != nil {
		return nil, err
	}
	if src.Annotations, err = store.Annotations(); err != nil {
		return nil, err
	}
	return src, nil
}

// Name is the store's file name, as a package's manifest records it.
func (src *Source) Name() string {
	if src.Store == nil {
		return ""
	}
	return filepath.Base(src.Store.Path())
}

// VisibleLayers returns the IDs of the layers the store shows (not
// hidden), in draw order.
func (src *Source) VisibleLayers() []uint64 {
	out := []uint64{}
	for _, l := range src.Layers {
		if !l.Hidden {
			out = append(out, l.ID)
		}
	}
	return out
}

// LayerIDs returns the IDs of the layers named in spec, a comma-separated
// list of names (the exact name, else the name in any case; hidden layers
// too); "none" gives an empty list. An unknown name is an error that lists
// the layers there are.
func (src *Source) LayerIDs(spec string) ([]uint64, error) {
	out := []uint64{}
	if strings.EqualFold(strings.TrimSpace(spec), "none") {
		return out, nil
	}
	for _, name := range strings.Split(spec, ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		id, ok := uint64(0), false
		for _, exact := range []bool{true, false} {
			for _, l := range src.Layers {
				if (exact && l.Name == name) || (!exact && strings.EqualFold(l.Name, name)) {
					id, ok = l.ID, true
					break
				}
			}
			if ok {
				break
			}
		}
		if !ok {
			return nil, fmt.Errorf("no layer named %q (%s)", name, LayerNames(src.Layers))
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out, nil
}

// LayerNames lists layers for an error message.
func LayerNames(layers []data.Layer) string {
	if len(layers) == 0 {
		return "the store has no annotation layers"
	}
	names := make([]string, len(layers))
	for i, l := range layers {
		names[i] = strconv.Quote(l.Name)
		if l.Hidden {
			names[i] += " (hidden)"
		}
	}
	return "layers: " + strings.Join(names, ", ")
}

// AnnotationsFor returns the annotations to draw, in draw order (layer by
// layer in Layer.Order, then by ID): those of layers (nil: the visible
// layers; empty: none) that show in the window of days from–to (inclusive;
// a zero time leaves that end open).
func (src *Source) AnnotationsFor(layers []uint64, from, to time.Time) []data.Annotation {
	if layers == nil {
		layers = src.VisibleLayers()
	}
	if len(layers) == 0 {
		return nil
	}
	pos := map[uint64]int{} // layer ID → draw position
	for i, l := range src.Layers {
		if slices.Contains(layers, l.ID) {
			pos[l.ID] = i
		}
	}
	// The window's last day is inclusive; VisibleIn's end is not.
	if !to.IsZero() {
		to = to.AddDate(0, 0, 1)
	}
	var out []data.Annotation
	for _, a := range src.Annotations {
		if _, ok := pos[a.Layer]; ok && a.VisibleIn(from, to) {
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(a, b data.Annotation) int { return pos[a.Layer] - pos[b.Layer] })
	return out
}

// RowOf returns the index row of the event with store ID id, or -1.
func (src *Source) RowOf(id uint64) int {
	if src.Index == nil {
		return -1
	}
	return src.Index.RowOf(id)
}
