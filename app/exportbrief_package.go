package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"frontier/brief"
	"frontier/data"
)

// briefPackage reads, on the UI goroutine, the Source, the rows of the
// events passing the current filter and the saved views.
type briefPackage func() (*brief.Source, []int32, []data.View, error)

// packageExport is the File → Export briefing package… dialog.
type packageExport struct {
	win     fyne.Window
	layers  *widget.Check
	views   *widget.Check
	export  *widget.Button
	dlg     dialog.Dialog
	src     *brief.Source
	rows    []int32
	all     []data.View
	job     *briefJob
	written string // the package written (tests)
}

// showPackageExport opens File → Export briefing package…: one file with
// the events passing the current filter, the annotation layers and the
// saved views (and the curation that makes them show the same), for
// another Frontier to open.
func showPackageExport(win fyne.Window, current briefPackage) *packageExport {
	src, rows, views, err := current()
	if err != nil {
		dialog.ShowError(err, win)
		return nil
	}
	p := &packageExport{win: win, src: src, rows: rows, all: views}
	p.layers = widget.NewCheck(fmt.Sprintf("The %s (%s)", countNoun(len(src.Layers), "annotation layer", "annotation layers"), countNoun(len(src.Annotations), "annotation", "annotations")), nil)
	p.layers.SetChecked(true)
	p.views = widget.NewCheck(fmt.Sprintf("The %d saved views", len(views)), nil)
	p.views.SetChecked(true)
	body := container.NewVBox(
		widget.NewLabel(fmt.Sprintf("The %s events passing the current filter, with:", groupDigits(int64(len(rows))))),
		p.layers, p.views,
		widget.NewLabel("Another Frontier opens the package as it is, without changing its own store\nunless the user merges it."))
	p.dlg, p.export = exportDialog(win, "Export briefing package", body, 0, p.choose)
	return p
}

func (p *packageExport) choose() {
	p.dlg.Hide()
	chooseSavePath(p.win, "briefing"+brief.PackageExt, brief.PackageExt, p.write)
}

func (p *packageExport) write(path string) {
	src, rows := p.src, p.rows
	layers, views := []data.Layer{}, []data.View{}
	if p.layers.Checked {
		layers = src.Layers
	}
	if p.views.Checked {
		views = p.all
	}
	var rep brief.WriteReport
	p.job = runBriefJob(p.win, "Exporting briefing package", "Writing "+filepath.Base(path)+"…", func(ctx context.Context, _ brief.Progress) error {
		var err error
		rep, err = brief.WritePackage(ctx, path, src, rows, layers, views)
		return err
	}, func(err error) {
		if err == nil {
			p.written = path
		}
		c := rep.Manifest.Counts
		msg := fmt.Sprintf("Wrote %s: %s, %s, %s.", path, countNoun(c.Events, "event", "events"), countNoun(c.Layers, "layer", "layers"), countNoun(c.Views, "view", "views"))
		if len(rep.Warnings) > 0 {
			msg += "\n\n" + strings.Join(rep.Warnings, "\n")
		}
		briefDone(p.win, "Export briefing package", err, msg)
	})
}

// openPackageTemp builds a store from the package at pkgPath in a new
// temporary directory and returns its path; the caller opens it (read-only
// to show the package as it is) and removes it with removePackageTemp when
// done. The user's own store is not touched.
func openPackageTemp(ctx context.Context, pkgPath string) (string, brief.PackageReport, error) {
	dir, err := os.MkdirTemp("", "frontier-briefing-*")
	if err != nil {
		return "", brief.PackageReport{}, fmt.Errorf("open package: %w", err)
	}
	storePath := filepath.Join(dir, strings.TrimSuffix(filepath.Base(pkgPath), filepath.Ext(pkgPath))+".db")
	rep, err := brief.OpenPackage(ctx, pkgPath, storePath, nil)
	if err != nil {
		os.RemoveAll(dir)
		return "", rep, err
	}
	return storePath, rep, nil
}

// removePackageTemp removes a store openPackageTemp made (and its
// directory).
func removePackageTemp(storePath string) error {
	dir := filepath.Dir(storePath)
	if !strings.HasPrefix(filepath.Base(dir), "frontier-briefing-") {
		return fmt.Errorf("%s is not a briefing package's temporary store", storePath)
	}
	return os.RemoveAll(dir)
}

// showOpenPackage runs File → Open briefing package…: it asks for a
// package, builds it as a temporary store on a worker (progress, cancel)
// and calls opened on the UI goroutine with the store's path, for the
// caller to show read-only (and remove with removePackageTemp).
func showOpenPackage(win fyne.Window, opened func(storePath string, rep brief.PackageReport)) {
	chooseOpenPath(win, brief.PackageExt, func(pkg string) { openPackageFile(win, pkg, opened) })
}

// openPackageFile opens pkg as a temporary store on a worker.
func openPackageFile(win fyne.Window, pkg string, opened func(string, brief.PackageReport)) *briefJob {
	var store string
	var rep brief.PackageReport
	return runBriefJob(win, "Opening briefing package", "Reading "+filepath.Base(pkg)+"…", func(ctx context.Context, _ brief.Progress) error {
		var err error
		store, rep, err = openPackageTemp(ctx, pkg)
		return err
	}, func(err error) {
		if err != nil {
			briefDone(win, "Open briefing package", err, "")
			return
		}
		opened(store, rep)
	})
}

// showMergePackage runs File → Merge briefing package into this store…:
// it asks for a package, shows what it holds, and on confirmation merges
// it into store on a worker, then calls merged on the UI goroutine (the
// caller reloads the index as after an import).
func showMergePackage(win fyne.Window, store *data.Store, merged func(rep brief.PackageReport)) {
	chooseOpenPath(win, brief.PackageExt, func(pkg string) { confirmMergePackage(win, store, pkg, merged) })
}

// confirmMergePackage reads pkg's manifest and asks before merging.
func confirmMergePackage(win fyne.Window, store *data.Store, pkg string, merged func(brief.PackageReport)) {
	m, err := brief.ReadManifest(pkg)
	if err != nil {
		dialog.ShowError(err, win)
		return
	}
	c := m.Counts
	msg := fmt.Sprintf("Merge %s into this store?\n\n%s (upserted by source ID as an import does), %s\n(added beside this store's), %s (appended to the deck).",
		filepath.Base(pkg), countNoun(c.Events, "event", "events"), countNoun(c.Layers, "annotation layer", "annotation layers"), countNoun(c.Views, "saved view", "saved views"))
	dialog.ShowConfirm("Merge briefing package", msg, func(ok bool) {
		if ok {
			mergePackageFile(win, store, pkg, merged)
		}
	}, win)
}

// mergePackageFile merges pkg into store on a worker.
func mergePackageFile(win fyne.Window, store *data.Store, pkg string, merged func(brief.PackageReport)) *briefJob {
	var rep brief.PackageReport
	return runBriefJob(win, "Merging briefing package", "Merging "+filepath.Base(pkg)+"…", func(ctx context.Context, _ brief.Progress) error {
		var err error
		rep, err = brief.MergePackage(ctx, store, pkg, nil)
		return err
	}, func(err error) {
		if err != nil {
			dialog.ShowError(err, win)
			if rep.Import.Added+rep.Import.Updated > 0 {
				merged(rep) // the events that were merged show
			}
			return
		}
		im := rep.Import
		msg := fmt.Sprintf("Merged %s: %s new and %s updated events, %s, %s.",
			filepath.Base(pkg), groupDigits(int64(im.Added)), groupDigits(int64(im.Updated)), countNoun(len(rep.Layers), "layer", "layers"), countNoun(rep.Views, "view", "views"))
		if len(rep.Warnings) > 0 {
			msg += "\n\n" + strings.Join(rep.Warnings, "\n")
		}
		dialog.ShowInformation("Merge briefing package", msg, win)
		merged(rep)
	})
}
