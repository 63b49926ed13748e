package brief

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"frontier/data"
)

// PackageReport says what opening or merging a package did.
type PackageReport struct {
	Manifest Manifest
	// Import is the import of the package's events.
	Import data.ImportReport
	// Layers are the names the package's layers got (made unique in a
	// merge), in the manifest's order.
	Layers      []string
	Annotations int
	Views       int
	// Tagged counts the events given user tags.
	Tagged int
	// Warnings say what did not come across as it was (a view's selected
	// event missing, an actor or group this store already curates
	// differently, a skipped annotation feature).
	Warnings []string
}

// openPackageFile opens the package at path for reading.
func openPackageFile(path string) (*pkgReader, func(), error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("open package: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("open package: %w", err)
	}
	p, err := newPkgReader(path, f, st.Size())
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return p, func() { f.Close() }, nil
}

// loadPackage opens the package at path and reads its contents; call
// closeFn when done with p.
func loadPackage(path string) (p *pkgReader, c *packageContents, closeFn func(), err error) {
	p, closeFn, err = openPackageFile(path)
	if err != nil {
		return nil, nil, nil, err
	}
	if c, err = readPackage(p); err != nil {
		closeFn()
		return nil, nil, nil, err
	}
	return p, c, closeFn, nil
}

// OpenPackage builds a fresh store at storePath (which must not exist)
// from the package at pkgPath: its events imported as any Frontier CSV
// is, its curation, its layers in order with their visibility and locks,
// and its views re-pointed at the new layers and events. The store is
// closed when it returns. A package that fails its checks creates
// nothing; a failure part-way removes the half-built store. progress,
// when not nil, follows the events' import.
func OpenPackage(ctx context.Context, pkgPath, storePath string, progress func(data.ImportReport)) (PackageReport, error) {
	if _, err := os.Stat(storePath); err == nil {
		return PackageReport{}, fmt.Errorf("open package: %s already exists", storePath)
	}
	p, c, closeFn, err := loadPackage(pkgPath)
	if err != nil {
		return PackageReport{}, err
	}
	defer closeFn()
	if err := os.MkdirAll(filepath.Dir(storePath), 0o755); err != nil {
		return PackageReport{}, fmt.Errorf("open package: %w", err)
	}
	s, err := data.Open(storePath, data.Options{})
	if err != nil {
		return PackageReport{}, err
	}
	rep, err := applyPackage(ctx, s, p, c, false, progress)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(storePath)
		return rep, err
	}
	return rep, nil
}

// MergePackage adds the package at pkgPath to dst: its events upserted
// by dataset and source ID as any import (newer revisions win), its
// layers added above dst's with names made unique, its views appended to
// the deck, its curation added where dst has none for the same actor or
// group (dst's own curation is kept and a warning says so), user tags
// added. Each part is committed as it is applied; a failure part-way
// says what was merged.
func MergePackage(ctx context.Context, dst *data.Store, pkgPath string, progress func(data.ImportReport)) (PackageReport, error) {
	p, c, closeFn, err := loadPackage(pkgPath)
	if err != nil {
		return PackageReport{}, err
	}
	defer closeFn()
	return applyPackage(ctx, dst, p, c, true, progress)
}

// applyPackage imports c (read from p) into s: events, curation, layers,
// views. merge keeps s's own curation where it has some.
func applyPackage(ctx context.Context, s *data.Store, p *pkgReader, c *packageContents, merge bool, progress func(data.ImportReport)) (PackageReport, error) {
	rep := PackageReport{Manifest: c.manifest, Warnings: slices.Clone(c.warnings)}
	names := make([]string, len(c.curation.Actors))
	for i, a := range c.curation.Actors {
		names[i] = a.Name
	}
	before, err := s.ActorRecords(names) // before the import makes them known
	if err != nil {
		return rep, err
	}
	// Events.
	rc, err := p.open(entryEvents, MaxPackageEvents)
	if err != nil {
		return rep, err
	}
	src, err := data.NewACLEDReader(p.name+"/"+entryEvents, rc)
	if err == nil {
		rep.Import, err = s.Import(ctx, p.name+"/"+entryEvents, src, progress)
	}
	rc.Close()
	if err != nil {
		return rep, fmt.Errorf("%s: events: %w", p.name, err)
	}
	if n := rep.Import.Added + rep.Import.Updated + rep.Import.Unchanged; n != c.manifest.Counts.Events {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("%d of the package's %d events were imported (%d rejected)", n, c.manifest.Counts.Events, rep.Import.Rejected))
	}
	stage := func(what string, err error) error {
		if merge {
			return fmt.Errorf("%s: %s (the events were merged, the rest was not): %w", p.name, what, err)
		}
		return fmt.Errorf("%s: %s: %w", p.name, what, err)
	}
	if err := ctx.Err(); err != nil {
		return rep, stage("cancelled", err)
	}
	// Curation: actor records, groups, user tags, in one change.
	change, tagged, warns, err := curationChange(s, &c.curation, before, merge)
	if err != nil {
		return rep, stage("curation", err)
	}
	rep.Warnings = append(rep.Warnings, warns...)
	if !change.IsEmpty() {
		if _, err := s.Apply(change); err != nil {
			return rep, stage("curation", err)
		}
	}
	rep.Tagged = tagged
	// Layers, in draw order.
	layerIDs := make([]uint64, len(c.manifest.Layers))
	for i, pl := range c.manifest.Layers {
		if merge {
			// A package merged again: its layers are here already.
			if l, ok, err := s.LayerHolding(pl.Name, c.layers[i]); err != nil {
				return rep, stage("layers", err)
			} else if ok {
				layerIDs[i] = l.ID
				rep.Warnings = append(rep.Warnings, fmt.Sprintf("layer %q is here already (%q): not added again", pl.Name, l.Name))
				continue
			}
		}
		l, items, err := s.AddLayer(pl.Name, c.layers[i])
		if err != nil {
			return rep, stage("layers", err)
		}
		if pl.Hidden || pl.Locked {
			l.Hidden, l.Locked = pl.Hidden, pl.Locked
			if err := s.PutLayer(&l); err != nil {
				return rep, stage("layers", err)
			}
		}
		if l.Name != pl.Name {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("layer %q is named %q here (the name was taken)", pl.Name, l.Name))
		}
		layerIDs[i] = l.ID
		rep.Layers = append(rep.Layers, l.Name)
		rep.Annotations += len(items)
	}
	// Views, appended in the package's order.
	order := slices.Clone(c.views)
	slices.SortStableFunc(order, func(a, b packageView) int { return a.Order - b.Order })
	have, err := s.Views()
	if err != nil {
		return rep, stage("views", err)
	}
	for _, pv := range order {
		v := pv.view()
		v.Order = 0
		if pv.Layers != nil {
			v.Layers = []uint64{}
			for _, l := range pv.Layers {
				v.Layers = append(v.Layers, layerIDs[l])
			}
		} else if merge {
			// "The visible layers" would take in this store's own; the
			// package meant its own visible ones.
			v.Layers = []uint64{}
			for i, pl := range c.manifest.Layers {
				if !pl.Hidden {
					v.Layers = append(v.Layers, layerIDs[i])
				}
			}
		}
		if k := pv.Selected; k != nil {
			e, err := s.EventBySource(k.Dataset, k.SourceID)
			switch {
			case err == nil:
				v.Selected = e.ID
			case errors.Is(err, data.ErrNoEvent):
				rep.Warnings = append(rep.Warnings, fmt.Sprintf("view %q: its selected event %s %s is not in the package", v.Title, k.Dataset, k.SourceID))
			default:
				return rep, stage("views", err)
			}
		}
		if merge && slices.ContainsFunc(have, func(o data.View) bool { return sameView(&o, &v) }) {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("view %q is here already: not added again", v.Title))
			continue
		}
		if err := s.PutView(&v); err != nil {
			return rep, stage("views", err)
		}
		rep.Views++
	}
	return rep, nil
}

// curationChange builds the change that gives s the package's curation:
// all of it on a fresh store; in a merge, the records of actor names s did
// not know before the import (before), colours where s has none, groups s
// does not have. User tags are added to the events the package tagged.
func curationChange(s *data.Store, cur *packageCuration, before map[string]data.ActorRecord, merge bool) (data.EventChange, int, []string, error) {
	c := data.EventChange{Label: "Briefing package curation"}
	var warns []string
	now, err := s.ActorRecords(slices.Collect(func(yield func(string) bool) {
		for _, a := range cur.Actors {
			if !yield(a.Name) {
				return
			}
		}
	}))
	if err != nil {
		return c, 0, nil, err
	}
	for _, a := range cur.Actors {
		if strings.TrimSpace(a.Name) == "" {
			continue
		}
		want := data.ActorRecord{Known: a.Known, Type: a.Type, AliasOf: a.AliasOf}
		if a.Color != "" {
			r, g, b, ok := data.ParseHexColor(a.Color)
			if !ok {
				warns = append(warns, fmt.Sprintf("actor %q: colour %q is not #rrggbb (left out)", a.Name, a.Color))
			} else {
				want.Color = data.RGB{R: r, G: g, B: b}
			}
		}
		have := now[a.Name]
		if old := before[a.Name]; merge && old != (data.ActorRecord{}) {
			// This store knew the actor already: keep its record, adding
			// only a colour it lacks.
			if old.AliasOf != want.AliasOf || (!old.Color.IsZero() && !want.Color.IsZero() && old.Color != want.Color) {
				warns = append(warns, fmt.Sprintf("actor %q: this store's alias and colour are kept", a.Name))
			}
			if have.AliasOf != "" || !have.Color.IsZero() || want.Color.IsZero() {
				continue
			}
			after := have
			after.Known, after.Color = true, want.Color
			want = after
		}
		if want != have {
			c.Actors = append(c.Actors, data.ActorEdit{Name: a.Name, Before: have, After: want})
		}
	}
	groups, err := s.Groups()
	if err != nil {
		return c, 0, nil, err
	}
	gnames := make([]string, 0, len(cur.Groups))
	for g := range cur.Groups {
		gnames = append(gnames, g)
	}
	slices.Sort(gnames)
	for _, g := range gnames {
		members := cur.Groups[g]
		if strings.TrimSpace(g) == "" || len(members) == 0 {
			continue
		}
		if old, ok := groups[g]; ok {
			if !slices.Equal(old, members) {
				warns = append(warns, fmt.Sprintf("actor group %q: this store's members are kept", g))
			}
			continue
		}
		c.Groups = append(c.Groups, data.GroupEdit{Name: g, After: slices.Clone(members)})
	}
	// User tags, added to the events' own.
	tagsBefore := map[uint64][]string{}
	add := map[uint64][]string{}
	var order []uint64
	tags := make([]string, 0, len(cur.Tags))
	for t := range cur.Tags {
		tags = append(tags, t)
	}
	slices.Sort(tags)
	for _, t := range tags {
		if err := data.CheckTag(t); err != nil {
			warns = append(warns, fmt.Sprintf("tag %q left out: %v", t, err))
			continue
		}
		for _, k := range cur.Tags[t] {
			e, err := s.EventBySource(k.Dataset, k.SourceID)
			if err != nil {
				if errors.Is(err, data.ErrNoEvent) {
					continue
				}
				return c, 0, nil, err
			}
			if _, seen := add[e.ID]; !seen {
				order = append(order, e.ID)
				tagsBefore[e.ID] = e.UserTags
				add[e.ID] = slices.Clone(e.UserTags)
			}
			if !slices.Contains(add[e.ID], t) {
				add[e.ID] = append(add[e.ID], t)
			}
		}
	}
	tagged := 0
	for _, id := range order {
		if !slices.Equal(tagsBefore[id], add[id]) {
			c.Tags = append(c.Tags, data.TagEdit{ID: id, Before: tagsBefore[id], After: add[id]})
			tagged++
		}
	}
	return c, tagged, warns, nil
}

// sameView reports whether two views show the same thing (their IDs,
// places in the deck and times aside).
func sameView(a, b *data.View) bool {
	x, y := *a, *b
	x.ID, x.Order, x.Created, x.Modified = 0, 0, time.Time{}, time.Time{}
	y.ID, y.Order, y.Created, y.Modified = 0, 0, time.Time{}, time.Time{}
	bx, errx := json.Marshal(x)
	by, erry := json.Marshal(y)
	return errx == nil && erry == nil && bytes.Equal(bx, by)
}
