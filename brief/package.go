package brief

import (
	"archive/zip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"time"

	"frontier/data"
)

// A briefing package is one zip file holding what a briefing shows:
//
//	manifest.json     format, version, creation time, source store, counts, layers
//	events.csv        the events, as Frontier's lossless CSV export writes them
//	layers/NNN.geojson one annotation layer each (Frontier GeoJSON), in draw order
//	views.json        the saved views, layers and selection by package reference
//	curation.json     actor records (aliases, colours, types), groups, user tags
//
// It opens as a fresh store (OpenPackage) or merges into one (MergePackage).

// Package format identification.
const (
	PackageExt     = ".frontier-brief"
	PackageFormat  = "frontier-brief"
	PackageVersion = 1
)

// Entry names inside a package.
const (
	entryManifest = "manifest.json"
	entryEvents   = "events.csv"
	entryViews    = "views.json"
	entryCuration = "curation.json"
)

// Manifest describes a package.
type Manifest struct {
	Format  string    `json:"format"`
	Version int       `json:"version"`
	Created time.Time `json:"created"`
	// Source is the file name of the store the package was made from.
	Source string        `json:"source"`
	Counts PackageCounts `json:"counts"`
	// Layers are the annotation layers in draw order.
	Layers []PackageLayer `json:"layers"`
}

// PackageCounts count what a package holds.
type PackageCounts struct {
	Events      int `json:"events"`
	Layers      int `json:"layers"`
	Annotations int `json:"annotations"`
	Views       int `json:"views"`
	// Tagged counts the events carrying user tags.
	Tagged int `json:"tagged"`
}

// PackageLayer is one annotation layer of a package.
type PackageLayer struct {
	File        string `json:"file"`
	Name        string `json:"name"`
	Hidden      bool   `json:"hidden,omitempty"`
	Locked      bool   `json:"locked,omitempty"`
	Annotations int    `json:"annotations"`
}

// EventKey names an event across stores: its dataset and source ID.
type EventKey struct {
	Dataset  string `json:"dataset"`
	SourceID string `json:"source_id"`
}

// packageView is a view as a package keeps it: layers by their position
// in Manifest.Layers, the selected event by key.
type packageView struct {
	Title     string  `json:"title"`
	Notes     string  `json:"notes,omitempty"`
	Order     int     `json:"order"`
	CenterLon float64 `json:"center_lon"`
	CenterLat float64 `json:"center_lat"`
	Zoom      float64 `json:"zoom"`
	// Width and Height are the map's size when the view was saved (0 when
	// unknown), which images of the view frame.
	Width  int         `json:"width,omitempty"`
	Height int         `json:"height,omitempty"`
	Filter data.Filter `json:"filter"`
	// Layers are positions in Manifest.Layers; null shows the layers not
	// hidden.
	Layers   []int     `json:"layers"`
	Selected *EventKey `json:"selected,omitempty"`
}

// packageActor is one actor name's record.
type packageActor struct {
	Name    string `json:"name"`
	Known   bool   `json:"known,omitempty"`
	Type    string `json:"type,omitempty"`
	Color   string `json:"color,omitempty"`
	AliasOf string `json:"alias_of,omitempty"`
}

// packageCuration is the curation a package carries.
type packageCuration struct {
	Actors []packageActor        `json:"actors"`
	Groups map[string][]string   `json:"groups"`
	Tags   map[string][]EventKey `json:"tags"`
}

// WriteReport says what WritePackage wrote.
type WriteReport struct {
	Manifest Manifest
	// Warnings say what the package could not keep (a view's layer that
	// is not in the package, a selected event that is not).
	Warnings []string
}

// WritePackage writes a briefing package to path (through a temporary
// file: a failed or cancelled write leaves nothing): the events rows of
// src's index, the annotation layers (nil: all of src's) with their
// annotations, names, order, visibility and locks, the views, and the
// curation that makes them show the same elsewhere (the aliases, colours
// and types of the events' actors, the actor groups, the events' user
// tags).
func WritePackage(ctx context.Context, path string, src *Source, rows []int32, layers []data.Layer, views []data.View) (WriteReport, error) {
	if layers == nil {
		layers = src.Layers
	}
	var rep WriteReport
	m := Manifest{Format: PackageFormat, Version: PackageVersion, Created: time.Now().UTC().Truncate(time.Second), Source: src.Name()}
	pos := map[uint64]int{}
	byLayer := map[uint64][]data.Annotation{}
	for _, a := range src.Annotations {
		byLayer[a.Layer] = append(byLayer[a.Layer], a)
	}
	for i, l := range layers {
		pos[l.ID] = i
		n := len(byLayer[l.ID])
		m.Layers = append(m.Layers, PackageLayer{File: fmt.Sprintf("layers/%03d.geojson", i+1), Name: l.Name, Hidden: l.Hidden, Locked: l.Locked, Annotations: n})
		m.Counts.Annotations += n
	}
	m.Counts.Events, m.Counts.Layers, m.Counts.Views = len(rows), len(layers), len(views)
	cur, keys, err := packageCurationOf(src, rows, views)
	if err != nil {
		return rep, fmt.Errorf("package %s: %w", path, err)
	}
	for _, ks := range cur.Tags {
		m.Counts.Tagged += len(ks)
	}
	pviews := make([]packageView, len(views))
	for i, v := range views {
		pv := packageView{Title: v.Title, Notes: v.Notes, Order: i, CenterLon: v.CenterLon, CenterLat: v.CenterLat, Zoom: v.Zoom, Width: v.Width, Height: v.Height, Filter: v.Filter}
		if v.Layers != nil {
			pv.Layers = []int{}
			for _, id := range v.Layers {
				if p, ok := pos[id]; ok {
					pv.Layers = append(pv.Layers, p)
				} else {
					rep.Warnings = append(rep.Warnings, fmt.Sprintf("view %q: layer %d is not in the package", v.Title, id))
				}
			}
		}
		if v.Selected != 0 {
			if k, ok := keys[v.Selected]; ok {
				pv.Selected = &k
			} else {
				rep.Warnings = append(rep.Warnings, fmt.Sprintf("view %q: its selected event %d is not in the store", v.Title, v.Selected))
			}
		}
		pviews[i] = pv
	}
	err = WriteFile(path, func(w io.Writer) error {
		zw := zip.NewWriter(w)
		put := func(name string, write func(io.Writer) error) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			ew, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: m.Created})
			if err != nil {
				return err
			}
			if err := write(&ctxWriter{ctx: ctx, w: ew}); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			return nil
		}
		putJSON := func(name string, v any) error {
			return put(name, func(w io.Writer) error {
				enc := json.NewEncoder(w)
				enc.SetIndent("", " ")
				return enc.Encode(v)
			})
		}
		if err := putJSON(entryManifest, &m); err != nil {
			return err
		}
		if err := put(entryEvents, func(w io.Writer) error { return src.Index.WriteCSV(w, rows) }); err != nil {
			return err
		}
		for i, l := range layers {
			if err := put(m.Layers[i].File, func(w io.Writer) error { return data.WriteAnnotationsGeoJSON(w, l, byLayer[l.ID]) }); err != nil {
				return err
			}
		}
		if err := putJSON(entryViews, pviews); err != nil {
			return err
		}
		if err := putJSON(entryCuration, cur); err != nil {
			return err
		}
		return zw.Close()
	})
	if err != nil {
		return rep, fmt.Errorf("package: %w", err)
	}
	rep.Manifest = m
	return rep, nil
}

// ctxWriter fails writes once ctx is cancelled, so a long export stops.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c *ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// packageCurationOf collects the curation of the events rows and the keys
// of the events the views select (by store ID).
func packageCurationOf(src *Source, rows []int32, views []data.View) (packageCuration, map[uint64]EventKey, error) {
	ix := src.Index
	cur := packageCuration{Groups: map[string][]string{}, Tags: map[string][]EventKey{}}
	keys := map[uint64]EventKey{}
	in := make([]bool, ix.Len())
	for _, r := range rows {
		in[r] = true
	}
	// The rows whose keys are needed: tagged ones and selected ones.
	need := map[int32]bool{}
	tagRows := map[string][]int32{}
	for _, tag := range ix.TagNames() {
		for _, r := range ix.TagRows(tag) {
			if in[r] {
				tagRows[tag] = append(tagRows[tag], r)
				need[r] = true
			}
		}
	}
	for _, v := range views {
		if r := src.RowOf(v.Selected); r >= 0 {
			need[int32(r)] = true
		}
	}
	wanted := make([]int32, 0, len(need))
	for r := range need {
		wanted = append(wanted, r)
	}
	slices.Sort(wanted)
	rowKeys := map[int32]EventKey{}
	i := 0
	if err := ix.EachEvent(wanted, func(e *data.Event) error {
		k := EventKey{Dataset: e.Dataset, SourceID: e.SourceID}
		rowKeys[wanted[i]] = k
		keys[e.ID] = k
		i++
		return nil
	}); err != nil {
		return cur, nil, err
	}
	for tag, rs := range tagRows {
		for _, r := range rs {
			cur.Tags[tag] = append(cur.Tags[tag], rowKeys[r])
		}
	}
	// Actor records: the events' (canonical) actors, every alias of them,
	// and the members of the groups.
	names := map[string]bool{}
	add := func(id uint32) {
		if id != 0 && int(id) < len(ix.Strings) {
			names[ix.Strings[id]] = true
		}
	}
	for _, r := range rows {
		add(ix.Actor1[r])
		add(ix.Actor2[r])
		for _, a := range ix.Assoc[ix.AssocOff[r]:ix.AssocOff[r+1]] {
			add(a)
		}
	}
	groups, err := src.Store.Groups()
	if err != nil {
		return cur, nil, err
	}
	for g, members := range groups {
		cur.Groups[g] = members
		for _, m := range members {
			names[m] = true
		}
	}
	aliases, err := src.Store.Aliases()
	if err != nil {
		return cur, nil, err
	}
	for a := range aliases {
		if names[ix.Canonical(a)] {
			names[a] = true
		}
	}
	list := make([]string, 0, len(names))
	for n := range names {
		list = append(list, n)
	}
	sort.Strings(list)
	recs, err := src.Store.ActorRecords(list)
	if err != nil {
		return cur, nil, err
	}
	for _, n := range list {
		r := recs[n]
		if r == (data.ActorRecord{}) {
			continue
		}
		pa := packageActor{Name: n, Known: r.Known, Type: r.Type, AliasOf: r.AliasOf}
		if !r.Color.IsZero() {
			pa.Color = fmt.Sprintf("#%02x%02x%02x", r.Color.R, r.Color.G, r.Color.B)
		}
		cur.Actors = append(cur.Actors, pa)
	}
	return cur, keys, nil
}
