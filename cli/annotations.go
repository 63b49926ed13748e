package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"frontier/data"
	"frontier/internal/atomicfile"
)

// annotationWriters are the annotation export formats by --format name.
var annotationWriters = map[string]func(io.Writer, data.Layer, []data.Annotation) error{
	"geojson": data.WriteAnnotationsGeoJSON,
	"kml":     data.WriteAnnotationsKML,
	"kmz":     data.WriteAnnotationsKMZ,
}

// runAnnotations dispatches "frontier annotations list|export|import".
func runAnnotations(env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("annotations needs a subcommand: list, export or import")
	}
	switch args[0] {
	case "list":
		return runAnnotationsList(env, args[1:])
	case "export":
		return runAnnotationsExport(env, args[1:])
	case "import":
		return runAnnotationsImport(env, args[1:])
	}
	return usagef("unknown annotations subcommand %q (list, export or import)", args[0])
}

// layerSummary is one layer as "frontier annotations list --json" prints
// it.
type layerSummary struct {
	ID          uint64 `json:"id"`
	Name        string `json:"name"`
	Annotations int    `json:"annotations"`
	Visible     bool   `json:"visible"`
	Locked      bool   `json:"locked"`
}

// openAnnotationStore opens the store; read-only ones must exist.
func openAnnotationStore(env *Env, dbFlag string, readOnly bool) (*data.Store, error) {
	path, err := resolveDB(env, dbFlag)
	if err != nil {
		return nil, err
	}
	if readOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("no store at %s (import a file first, or pass --db)", path)
		}
	}
	return env.openAt(path, !readOnly)
}

// countByLayer counts the annotations of each layer.
func countByLayer(s *data.Store) (map[uint64][]data.Annotation, error) {
	all, err := s.Annotations()
	if err != nil {
		return nil, err
	}
	m := map[uint64][]data.Annotation{}
	for _, a := range all {
		m[a.Layer] = append(m[a.Layer], a)
	}
	return m, nil
}

func runAnnotationsList(env *Env, args []string) error {
	fs := newFlagSet("annotations list")
	db := fs.String("db", "", "store file")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	s, err := openAnnotationStore(env, *db, true)
	if err != nil {
		return err
	}
	defer env.release(s)
	layers, err := s.Layers()
	if err != nil {
		return err
	}
	byLayer, err := countByLayer(s)
	if err != nil {
		return err
	}
	out := make([]layerSummary, len(layers))
	for i, l := range layers {
		out[i] = layerSummary{ID: l.ID, Name: l.Name, Annotations: len(byLayer[l.ID]), Visible: !l.Hidden, Locked: l.Locked}
	}
	if *asJSON {
		b, _ := json.Marshal(out)
		fmt.Fprintln(env.Stdout, string(b))
		return nil
	}
	if len(out) == 0 {
		fmt.Fprintln(env.Stdout, "no annotation layers")
		return nil
	}
	for _, l := range out {
		state := "visible"
		if !l.Visible {
			state = "hidden"
		}
		if l.Locked {
			state += ", locked"
		}
		fmt.Fprintf(env.Stdout, "%-30s %6d annotations  (%s)\n", l.Name, l.Annotations, state)
	}
	return nil
}

// findLayer returns the layer named name (case-insensitively).
func findLayer(s *data.Store, name string) (data.Layer, bool, error) {
	layers, err := s.Layers()
	if err != nil {
		return data.Layer{}, false, err
	}
	for _, l := range layers {
		if strings.EqualFold(l.Name, name) {
			return l, true, nil
		}
	}
	return data.Layer{}, false, nil
}

func runAnnotationsExport(env *Env, args []string) error {
	fs := newFlagSet("annotations export")
	db := fs.String("db", "", "store file")
	layerName := fs.String("layer", "", "the layer to export")
	format := fs.String("format", "", "geojson, kml or kmz")
	out := fs.String("out", "", "output file")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) > 0:
		return usagef("unexpected argument %q", pos[0])
	case *layerName == "":
		return usagef("--layer NAME is required (see 'frontier annotations list')")
	case annotationWriters[*format] == nil:
		return usagef("--format must be geojson, kml or kmz")
	case *out == "":
		return usagef("--out FILE is required")
	}
	s, err := openAnnotationStore(env, *db, true)
	if err != nil {
		return err
	}
	defer env.release(s)
	layer, ok, err := findLayer(s, *layerName)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("no annotation layer %q (see 'frontier annotations list')", *layerName)
	}
	byLayer, err := countByLayer(s)
	if err != nil {
		return err
	}
	items := byLayer[layer.ID]
	if err := atomicfile.Write(*out, func(w io.Writer) error { return annotationWriters[*format](w, layer, items) }); err != nil {
		return fmt.Errorf("export %s: %w", *out, err)
	}
	fmt.Fprintf(env.Stderr, "wrote %d annotations of layer %q to %s\n", len(items), layer.Name, *out)
	return nil
}

// annotationImportResult is what "frontier annotations import --json"
// prints.
type annotationImportResult struct {
	File     string   `json:"file"`
	Format   string   `json:"format"`
	Layer    string   `json:"layer"`
	Added    int      `json:"added"`
	Warnings []string `json:"warnings,omitempty"`
}

func runAnnotationsImport(env *Env, args []string) error {
	fs := newFlagSet("annotations import")
	db := fs.String("db", "", "store file")
	layerName := fs.String("layer", "", "the layer to add to (made when missing; default: a new layer named after the file)")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("annotations import takes one FILE (GeoJSON, KML or KMZ)")
	}
	file := pos[0]
	items, warnings, format, err := data.ReadAnnotationsFile(file)
	if err != nil {
		return err
	}
	res := annotationImportResult{File: file, Format: format, Warnings: warnings}
	if len(items) == 0 {
		printAnnotationImport(env, res, *asJSON)
		return fmt.Errorf("%s: no annotations found", file)
	}
	s, err := openAnnotationStore(env, *db, false)
	if err != nil {
		return err
	}
	defer env.release(s)
	name := *layerName
	existing, found := data.Layer{}, false
	if name != "" {
		if existing, found, err = findLayer(s, name); err != nil {
			return err
		}
	} else {
		name = strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	}
	if found {
		if existing.Locked {
			return fmt.Errorf("layer %q is locked (unlock it in the app first)", existing.Name)
		}
		for i := range items {
			items[i].ID, items[i].Layer = 0, existing.ID
		}
		if _, err := s.ApplyAnnotations(items, nil); err != nil {
			return fmt.Errorf("import %s: %w", file, err)
		}
		res.Layer = existing.Name
	} else {
		l, _, err := s.AddLayer(name, items)
		if err != nil {
			return fmt.Errorf("import %s: %w", file, err)
		}
		res.Layer = l.Name
	}
	res.Added = len(items)
	printAnnotationImport(env, res, *asJSON)
	return nil
}

func printAnnotationImport(env *Env, r annotationImportResult, asJSON bool) {
	if asJSON {
		b, _ := json.Marshal(r)
		fmt.Fprintln(env.Stdout, string(b))
		return
	}
	if r.Added > 0 {
		fmt.Fprintf(env.Stdout, "%s (%s): %d annotations added to layer %q\n", r.File, r.Format, r.Added, r.Layer)
	}
	for _, w := range r.Warnings {
		fmt.Fprintf(env.Stdout, "  note: %s\n", w)
	}
}
