package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
)

// session is one open store in the window. Importing files changes the
// store under the index the panels were built on, so after an import the
// session loads a new index and builds the window's content again.
type session struct {
	a     fyne.App
	w     fyne.Window
	store *data.Store
	ui    *mainUI
	// ro is set when the store is a read-only copy of one another
	// Frontier holds (readonly.go): changes are refused.
	ro *readOnlyCopy
	// loaded is told about each new main UI (tests register their UI
	// queue with it).
	loaded func(*mainUI)
	// annot is the store's annotations with their undo history, loaded at
	// the first open; it outlives the UIs an import rebuilds.
	annot *annotDoc
	// curate is the store's event curation with its undo history and the
	// undo order shared with the annotations (curate.go); made on first
	// use, it too outlives the UIs a reload rebuilds.
	curate *curateDoc
	// mapping is the column-mapping dialog last shown, history the
	// import history (the tests reach them here).
	mapping *mappingDialog
	history *historyDialog
}

// open shows ix in the window, replacing the UI shown before.
func (s *session) open(ix *data.Index) {
	if s.ui != nil {
		s.ui.stop()
	}
	s.ui = newMainUI(s.a, s.w, ix)
	s.ui.sess = s
	s.bindAnnotations()
	if s.loaded != nil {
		s.loaded(s.ui)
	}
}

// close stops the workers of the UI on screen, so the store may close.
func (s *session) close() {
	if s.ui != nil {
		s.ui.stop()
	}
}

// stop ends playback and every worker of the UI. A presentation on the
// window ends first and the speaker notes close: an edit or an import that
// rebuilds the window (Ctrl+Z works on the stage) must not leave them
// driven by this UI once it is gone.
func (u *mainUI) stop() {
	if u.brief != nil {
		u.brief.stage.exit()
		u.brief.notes.close()
	}
	if u.cancelImport != nil {
		u.cancelImport() // an import stops at its next batch
	}
	u.timeP.player.pause()
	u.st.shutdown()
	u.mapP.m.Destroy()
	u.timeP.t.Destroy()
}

// chooseImport asks for a file to import (File → Import…).
func (u *mainUI) chooseImport() {
	if u.refuseWrite("Importing") {
		return
	}
	showOpenFile(u.win, []string{".csv", ".CSV", ".txt", ".tsv", ".geojson", ".json", ".kml", ".kmz"}, func(path string) { u.importFiles([]string{path}) })
}

// dropped imports the files dropped on the window.
func (u *mainUI) dropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	for _, uri := range uris {
		if uri.Scheme() == "file" {
			paths = append(paths, uri.Path())
		}
	}
	if len(paths) > 0 {
		u.importFiles(paths)
	}
}

// importJob is one file of an import, as planned.
type importJob struct {
	path string
	plan data.ImportPlan
	// generic: read with the generic CSV reader and m (nil: columns
	// found as detected), not ImportFile.
	generic bool
	m       data.ColumnMap
	skip    string // why the file is not imported; "" to import it
}

// importFiles imports paths one after the other on a worker, showing
// progress with a Cancel button, then a report, then the refreshed data.
// First each file's format is detected; a CSV file whose columns the
// generic reader is unsure of is shown in the column-mapping dialog. A
// cancelled file stops at its last whole batch: the report says so, and
// importing it again completes it.
func (u *mainUI) importFiles(paths []string) {
	if u.refuseWrite("Importing") {
		return
	}
	if u.sess == nil || u.sess.store == nil {
		dialog.ShowError(fmt.Errorf("import: no writable store open"), u.win)
		return
	}
	u.st.spawn(func() func() {
		jobs := planImports(paths)
		return func() { u.resolveMappings(jobs, 0) }
	})
}

// planImports detects how each file would be read. A file that cannot be
// planned is left to ImportFile, whose error the report shows.
func planImports(paths []string) []importJob {
	jobs := make([]importJob, len(paths))
	for i, p := range paths {
		jobs[i].path = p
		plan, err := data.PlanImport(p)
		if err != nil {
			continue
		}
		jobs[i].plan = plan
		jobs[i].generic = plan.Format == "csv"
	}
	return jobs
}

// resolveMappings shows the column-mapping dialog for each job from the
// from-th on whose CSV columns are unsure, one after the other, then runs
// the imports.
func (u *mainUI) resolveMappings(jobs []importJob, from int) {
	for i := from; i < len(jobs); i++ {
		j := &jobs[i]
		if !j.generic || j.plan.CSV == nil || !j.plan.CSV.Unsure {
			continue
		}
		u.showMapping(j.path, j.plan.CSV, func(m data.ColumnMap) {
			if m == nil {
				j.skip = "column mapping cancelled"
				if miss := j.plan.CSV.Missing; len(miss) > 0 {
					j.skip = fmt.Sprintf("no %s column; column mapping cancelled", strings.Join(miss, ", "))
				}
			}
			j.m = m
			u.resolveMappings(jobs, i+1)
		})
		return
	}
	u.runImports(jobs)
}

// runImports imports the jobs on a worker with a progress dialog, then
// shows the report and reloads the window when anything changed.
func (u *mainUI) runImports(jobs []importJob) {
	if u.refuseWrite("Importing") {
		return
	}
	if u.sess == nil || u.sess.store == nil {
		dialog.ShowError(fmt.Errorf("import: no writable store open"), u.win)
		return
	}
	// An import and an event change must not rebuild the window under
	// each other: they take turns, as two event changes do.
	cur := u.sess.curation()
	if !cur.claim() {
		dialog.ShowError(fmt.Errorf("import: %w", errBusy), u.win)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	u.cancelImport = cancel
	progress := widget.NewLabel("Starting…")
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustom("Importing", "Cancel", container.NewVBox(progress, bar), u.win)
	d.SetOnClosed(cancel)
	d.Show()
	store := u.sess.store
	post := u.st.post
	u.st.spawn(func() func() {
		defer cur.release()
		var lines []string
		changed, drawn := false, false
		for i, j := range jobs {
			name := filepath.Base(j.path)
			if j.skip != "" {
				lines = append(lines, fmt.Sprintf("%s: not imported (%s)", name, j.skip))
				continue
			}
			show := func(r data.ImportReport) {
				post(func() {
					progress.SetText(fmt.Sprintf("%s (%d of %d): %s rows read", name, i+1, len(jobs), groupDigits(int64(r.Rows))))
				})
			}
			var rep data.ImportReport
			var err error
			if j.generic {
				rep, err = store.ImportCSVMapped(ctx, j.path, j.m, show)
			} else {
				rep, err = store.ImportFile(ctx, j.path, show)
			}
			lines = append(lines, reportLines(name, rep, err)...)
			changed = changed || rep.Added > 0 || rep.Updated > 0
			drawn = drawn || rep.AnnotationsAdded > 0
			if ctx.Err() != nil {
				break
			}
		}
		return func() {
			d.Hide()
			cancel()
			u.showImportReport(lines)
			if changed || drawn {
				u.sess.reloadAll("imported")
			}
		}
	})
}

// reportLines says what an import did, with the first rejected rows.
func reportLines(name string, rep data.ImportReport, err error) []string {
	if err != nil {
		return []string{fmt.Sprintf("%s: not imported: %v", name, err)}
	}
	out := []string{fmt.Sprintf("%s (%s, %s): %d added, %d updated, %d unchanged, %d rejected",
		name, rep.Format, rep.Status, rep.Added, rep.Updated, rep.Unchanged, rep.Rejected)}
	if rep.AnnotationsAdded > 0 {
		what := "drawings (lines, polygons …)"
		if rep.AnnotationsAdded == 1 {
			what = "drawing (a line, polygon …)"
		}
		out = append(out, fmt.Sprintf("  %d %s added as the annotation layer %q", rep.AnnotationsAdded, what, rep.Layer))
	}
	if rep.AnnotationsUnchanged > 0 {
		out = append(out, fmt.Sprintf("  %d drawings unchanged: the layer %q already holds them", rep.AnnotationsUnchanged, rep.Layer))
	}
	for _, w := range rep.Warnings {
		out = append(out, "  note: "+w)
	}
	const show = 10
	for i, e := range rep.Errors {
		if i == show {
			out = append(out, fmt.Sprintf("  … and %d more rejected rows (frontier import --json lists them all)", len(rep.Errors)-show))
			break
		}
		out = append(out, "  "+e.Error())
	}
	return out
}

// showImportReport shows what the imports did.
func (u *mainUI) showImportReport(lines []string) {
	text := widget.NewLabel(strings.Join(lines, "\n"))
	text.Wrapping = fyne.TextWrapWord
	text.Selectable = true
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(560, 220))
	u.lastReport = strings.Join(lines, "\n")
	u.reportDialog(scroll) // offers the conflicts, if any wait (conflicts.go)
}

// reloadAll shows what an import or a merged package wrote to the store:
// the annotation layers and drawings (the undo history stays) and the
// events; what names the writer in an error ("imported").
func (s *session) reloadAll(what string) {
	if s.annot != nil {
		err := s.annot.reloadLayers()
		if err == nil {
			err = s.annot.reloadItems()
		}
		if err != nil {
			dialog.ShowError(fmt.Errorf("show the %s annotations: %w", what, err), s.w)
		}
	}
	s.reload()
}

// reload loads the store's index again and rebuilds the window on it.
func (s *session) reload() {
	ui := s.ui
	ui.st.spawn(func() func() {
		ix, err := data.LoadIndex(s.store)
		return func() {
			if err != nil {
				dialog.ShowError(fmt.Errorf("reload after import: %w", err), s.w)
				return
			}
			s.open(ix)
		}
	})
}
