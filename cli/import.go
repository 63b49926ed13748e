package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"

	"frontier/data"
)

// importResult is one file's report as `frontier import --json` prints it.
type importResult struct {
	File      string          `json:"file"`
	Format    string          `json:"format"`
	Added     int             `json:"added"`
	Updated   int             `json:"updated"`
	Unchanged int             `json:"unchanged"`
	Rejected  int             `json:"rejected"`
	Errors    []data.RowError `json:"errors"`
	Warnings  []string        `json:"warnings,omitempty"`
	// AnnotationsAdded lines and polygons went to the new layer Layer.
	AnnotationsAdded int `json:"annotations_added,omitempty"`
	// AnnotationsUnchanged drawings were already on the layer Layer (the
	// file was imported before).
	AnnotationsUnchanged int    `json:"annotations_unchanged,omitempty"`
	Layer                string `json:"layer,omitempty"`
	Error                string `json:"error,omitempty"`
}

func runImport(env *Env, args []string) error {
	fs := newFlagSet("import")
	db := fs.String("db", "", "store file")
	asJSON := fs.Bool("json", false, "print JSON")
	var colMap data.ColumnMap
	fs.Func("map", "read the files as plain CSV with these columns: `lat=COL,lon=COL,date=COL,actor1=COL,…` "+
		"(repeatable or comma-separated; COL is a header name or a 1-based column number; fields: "+
		"lat, lon, date, date_end, id, dataset, actor1, actor2, type, subtype, location, country, admin1, admin2, "+
		"fatalities, notes, source; columns left out are found by name)", func(s string) error {
		m, err := data.ParseColumnMap(colMap, s)
		if err != nil {
			return err
		}
		colMap = m
		return nil
	})
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("no files to import")
	}
	path, err := resolveDB(env, *db)
	if err != nil {
		return err
	}
	s, err := env.openAt(path, true)
	if err != nil {
		return err
	}
	defer env.release(s)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	failed := false
	for _, f := range files {
		var rep data.ImportReport
		if colMap != nil {
			rep, err = s.ImportCSVMapped(ctx, f, colMap, progressPrinter(env, f))
		} else {
			rep, err = s.ImportFile(ctx, f, progressPrinter(env, f))
		}
		res := importResult{File: f, Format: rep.Format, Added: rep.Added, Updated: rep.Updated,
			Unchanged: rep.Unchanged, Rejected: rep.Rejected, Errors: rep.Errors, Warnings: rep.Warnings,
			AnnotationsAdded: rep.AnnotationsAdded, AnnotationsUnchanged: rep.AnnotationsUnchanged, Layer: rep.Layer}
		if res.Errors == nil {
			res.Errors = []data.RowError{}
		}
		if err != nil {
			res.Error = err.Error()
		}
		if err != nil || rep.Added+rep.Updated+rep.Unchanged+rep.AnnotationsAdded == 0 && rep.Rejected > 0 {
			failed = true
		}
		if *asJSON {
			b, _ := json.Marshal(res)
			fmt.Fprintln(env.Stdout, string(b))
		} else {
			printReport(env, res)
		}
		if ctx.Err() != nil {
			break
		}
	}
	if failed {
		return exitError{ExitFailed}
	}
	return nil
}

// maxPrintedErrors is how many row errors the text report lists.
const maxPrintedErrors = 20

func printReport(env *Env, r importResult) {
	if r.Error != "" {
		fmt.Fprintf(env.Stderr, "frontier: %s\n", r.Error)
		if r.Added+r.Updated+r.Unchanged+r.Rejected+r.AnnotationsAdded == 0 {
			return
		}
	}
	fmt.Fprintf(env.Stdout, "%s (%s): %d added, %d updated, %d unchanged, %d rejected\n",
		r.File, r.Format, r.Added, r.Updated, r.Unchanged, r.Rejected)
	if r.AnnotationsAdded > 0 {
		fmt.Fprintf(env.Stdout, "  %d annotations (lines, polygons …) added to layer %q\n", r.AnnotationsAdded, r.Layer)
	}
	if r.AnnotationsUnchanged > 0 {
		fmt.Fprintf(env.Stdout, "  %d annotations unchanged: layer %q already holds them\n", r.AnnotationsUnchanged, r.Layer)
	}
	for _, w := range r.Warnings {
		fmt.Fprintf(env.Stdout, "  note: %s\n", w)
	}
	for i, e := range r.Errors {
		if i == maxPrintedErrors {
			fmt.Fprintf(env.Stdout, "  … and %d more rejected rows (use --json for all)\n", r.Rejected-maxPrintedErrors)
			break
		}
		fmt.Fprintf(env.Stdout, "  %s:%s\n", r.File, e.Error())
	}
}

// progressPrinter shows a running count on a terminal's stderr.
func progressPrinter(env *Env, file string) func(data.ImportReport) {
	f, ok := env.Stderr.(*os.File)
	if !ok {
		return nil
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return func(r data.ImportReport) {
		if r.Status == data.StatusRunning {
			fmt.Fprintf(f, "\r%s: %d rows…", file, r.Rows)
		} else {
			fmt.Fprint(f, "\r\033[K")
		}
	}
}
