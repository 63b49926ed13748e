package cli

import (
	"fmt"
	"os"
	"path/filepath"
)

func runExport(env *Env, args []string) error {
	fs := newFlagSet("export")
	db := fs.String("db", "", "store file")
	format := fs.String("format", "", "csv or geojson")
	out := fs.String("out", "", "output file")
	sel, err := selectEvents(env, fs, args, db, func() error {
		if *format != "csv" && *format != "geojson" {
			return usagef("--format must be csv or geojson")
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
	if *format == "csv" {
		err = ix.WriteCSV(tmp, res.Rows)
	} else {
		err = ix.WriteGeoJSON(tmp, res.Rows)
	}
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
