package cli

import (
	"fmt"
	"io"

	"frontier/data"
	"frontier/internal/atomicfile"
)

// exportWriters are the export formats by --format name.
var exportWriters = map[string]func(*data.Index, io.Writer, []int32) error{
	"csv":     (*data.Index).WriteCSV,
	"geojson": (*data.Index).WriteGeoJSON,
	"kml":     (*data.Index).WriteKML,
	"kmz":     (*data.Index).WriteKMZ,
}

func runExport(env *Env, args []string) error {
	fs := newFlagSet("export")
	db := fs.String("db", "", "store file")
	format := fs.String("format", "", "csv, geojson, kml or kmz")
	out := fs.String("out", "", "output file")
	sel, err := selectEvents(env, fs, args, db, func() error {
		if exportWriters[*format] == nil {
			return usagef("--format must be csv, geojson, kml or kmz")
		}
		if *out == "" {
			return usagef("--out FILE is required")
		}
		return nil
	})
	if err != nil {
		return err
	}
	defer env.release(sel.store)
	ix, res := sel.ix, sel.res
	// A failed export never leaves a half-written file under the name.
	err = atomicfile.Write(*out, func(w io.Writer) error { return exportWriters[*format](ix, w, res.Rows) })
	if err != nil {
		return fmt.Errorf("export %s: %w", *out, err)
	}
	fmt.Fprintf(env.Stderr, "wrote %d events to %s\n", len(res.Rows), *out)
	return nil
}
