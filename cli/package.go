package cli

import (
	"context"
	"fmt"
	"os"
	"strings"

	"frontier/brief"
	"frontier/data"
)

// runPackage dispatches "frontier package export|open|merge|info".
func runPackage(env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("package needs a subcommand: export, open, merge or info")
	}
	switch args[0] {
	case "export":
		return runPackageExport(env, args[1:])
	case "open":
		return runPackageOpen(env, args[1:], false)
	case "merge":
		return runPackageOpen(env, args[1:], true)
	case "info":
		return runPackageInfo(env, args[1:])
	}
	return usagef("unknown package subcommand %q (export, open, merge or info)", args[0])
}

// runPackageExport writes a briefing package of the events passing the
// filter flags, the layers and the views.
func runPackageExport(env *Env, args []string) error {
	fs := newFlagSet("package export")
	db := fs.String("db", "", "store file")
	out := fs.String("out", "", "package file to write ("+brief.PackageExt+")")
	viewsSpec := fs.String("views", "all", "views to include: all, none, or TITLE|ID[,TITLE|ID...]")
	layersSpec := fs.String("layers", "all", "annotation layers to include: all, none, or NAME[,NAME...]")
	asJSON := fs.Bool("json", false, "print the manifest as JSON")
	check := func() error {
		if *out == "" {
			return usagef("--out FILE%s is required", brief.PackageExt)
		}
		return nil
	}
	sel, err := selectEvents(env, fs, args, db, check)
	if err != nil {
		return err
	}
	defer env.release(sel.store)
	src, err := brief.NewSource(sel.store, sel.ix, nil)
	if err != nil {
		return err
	}
	var layers []data.Layer
	switch spec := strings.TrimSpace(*layersSpec); strings.ToLower(spec) {
	case "all", "":
		layers = src.Layers
	default:
		ids, err := src.LayerIDs(spec)
		if err != nil {
			return usagef("--layers: %v", err)
		}
		layers = []data.Layer{}
		for _, l := range src.Layers { // in draw order
			for _, id := range ids {
				if l.ID == id {
					layers = append(layers, l)
				}
			}
		}
	}
	views, err := findViews(sel.store, *viewsSpec)
	if err != nil {
		return err
	}
	rep, err := brief.WritePackage(context.Background(), *out, src, sel.res.Rows, layers, views)
	if err != nil {
		return err
	}
	for _, w := range rep.Warnings {
		fmt.Fprintln(env.Stderr, "warning:", w)
	}
	if *asJSON {
		return printJSON(env, rep.Manifest)
	}
	c := rep.Manifest.Counts
	fmt.Fprintf(env.Stderr, "wrote %s (%d events, %d layers with %d annotations, %d views)\n", *out, c.Events, c.Layers, c.Annotations, c.Views)
	return nil
}

// runPackageOpen builds a new store from a package (open, --db NEWSTORE
// required) or merges one into the store (merge).
func runPackageOpen(env *Env, args []string, merge bool) error {
	name := "package open"
	if merge {
		name = "package merge"
	}
	fs := newFlagSet(name)
	db := fs.String("db", "", "store file (open: the new store to create)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("%s takes one package file", name)
	}
	pkg := pos[0]
	ctx := context.Background()
	var rep brief.PackageReport
	if merge {
		s, err := openAnnotationStore(env, *db, false)
		if err != nil {
			return err
		}
		rep, err = brief.MergePackage(ctx, s, pkg, nil)
		if cerr := env.release(s); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	} else {
		if *db == "" {
			return usagef("--db NEWSTORE is required: the package opens as a new store there")
		}
		if _, err := os.Stat(*db); err == nil {
			return usagef("--db %s already exists: open the package into a new store, or merge it (frontier package merge)", *db)
		}
		if rep, err = brief.OpenPackage(ctx, pkg, *db, nil); err != nil {
			return err
		}
	}
	for _, w := range rep.Warnings {
		fmt.Fprintln(env.Stderr, "warning:", w)
	}
	if *asJSON {
		return printJSON(env, rep)
	}
	verb := "opened"
	if merge {
		verb = "merged"
	}
	fmt.Fprintf(env.Stderr, "%s %s: %d events (%d new, %d updated, %d unchanged, %d rejected), %d layers, %d annotations, %d views\n",
		verb, pkg, rep.Import.Added+rep.Import.Updated+rep.Import.Unchanged, rep.Import.Added, rep.Import.Updated, rep.Import.Unchanged,
		rep.Import.Rejected, len(rep.Layers), rep.Annotations, rep.Views)
	return nil
}

// runPackageInfo prints a package's manifest.
func runPackageInfo(env *Env, args []string) error {
	fs := newFlagSet("package info")
	asJSON := fs.Bool("json", false, "print the manifest as JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("package info takes one package file")
	}
	m, err := brief.ReadManifest(pos[0])
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(env, m)
	}
	c := m.Counts
	fmt.Fprintf(env.Stdout, "Briefing package (version %d) made %s from %s\n", m.Version, m.Created.Format("2 Jan 2006 15:04 MST"), m.Source)
	fmt.Fprintf(env.Stdout, "%d events (%d with user tags), %d views, %d annotations on %d layers:\n", c.Events, c.Tagged, c.Views, c.Annotations, c.Layers)
	for _, l := range m.Layers {
		flags := ""
		if l.Hidden {
			flags += " (hidden)"
		}
		if l.Locked {
			flags += " (locked)"
		}
		fmt.Fprintf(env.Stdout, "  %s: %d annotations%s\n", l.Name, l.Annotations, flags)
	}
	return nil
}
