package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"frontier/data"
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
	defer sel.store.Close()
	ix, res := sel.ix, sel.res
	// Write to a temporary file beside the target and rename, so a failed
	// export never leaves a half-written file under the requested name.
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".frontier-export-*")
	if err != nil {
		return fmt.Errorf("export %s: %w", *out, err)
	}
	defer os.Remove(tmp.Name())
	err = exportWriters[*format](ix, tmp, res.Rows)
	if err == nil {
		err = tmp.Chmod(0o644) // CreateTemp makes files private; an export is an ordinary file
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), *out)
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", *out, err)
	}
	fmt.Fprintf(env.Stderr, "wrote %d events to %s\n", len(res.Rows), *out)
	return nil
}
