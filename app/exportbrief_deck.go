package app

import (
	"context"
	"errors"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"frontier/brief"
	"frontier/data"
)

// briefDeck reads, on the UI goroutine, the Source and the saved views in
// deck order.
type briefDeck func() (*brief.Source, []data.View, error)

// Deck formats offered by the dialog.
const (
	deckPNG = "PNG images in a folder (01-title.png …)"
	deckPDF = "One PDF, a page per view"
)

// deckExport is the File → Export deck… dialog.
type deckExport struct {
	win        fyne.Window
	format     *widget.RadioGroup
	size       *sizePicker
	notes      *widget.Check
	pageTitles *widget.Check
	page       *widget.Select
	large      *widget.Check
	export     *widget.Button
	dlg        dialog.Dialog
	src        *brief.Source
	views      []data.View
	job        *briefJob
	written    []string // the files written (tests)
}

// showDeckExport opens File → Export deck…: every saved view, in deck
// order, as numbered PNGs in a folder or as one PDF (speaker notes and
// page titles optional), with progress and cancel.
func showDeckExport(win fyne.Window, deck briefDeck) *deckExport {
	src, views, err := deck()
	if err != nil {
		dialog.ShowError(err, win)
		return nil
	}
	if len(views) == 0 {
		dialog.ShowInformation("Export deck", "There are no saved views yet: save a view first.", win)
		return nil
	}
	d := &deckExport{win: win, src: src, views: views, size: newSizePicker(imageSizes, 0)}
	d.notes = widget.NewCheck("Speaker notes under each image", nil)
	d.pageTitles = widget.NewCheck("Titles above the images", nil)
	d.page = widget.NewSelect([]string{"A4", "A3", "Letter"}, nil)
	d.page.SetSelected("A4")
	d.large = widget.NewCheck("Large type for projectors", nil)
	pdfOnly := []fyne.Disableable{d.notes, d.pageTitles, d.page}
	d.format = widget.NewRadioGroup([]string{deckPNG, deckPDF}, func(s string) {
		for _, w := range pdfOnly {
			if s == deckPDF {
				w.Enable()
			} else {
				w.Disable()
			}
		}
	})
	d.format.SetSelected(deckPDF)
	form := widget.NewForm(
		widget.NewFormItem("Views", widget.NewLabel(fmt.Sprintf("%d saved views, in deck order", len(views)))),
		widget.NewFormItem("Format", d.format),
		widget.NewFormItem("Image size", d.size.content),
		widget.NewFormItem("", d.large),
		widget.NewFormItem("PDF page", d.page),
		widget.NewFormItem("", d.pageTitles),
		widget.NewFormItem("", d.notes),
	)
	d.dlg, d.export = exportDialog(win, "Export deck", form, 560, d.choose)
	return d
}

// options returns the chosen image options, checked.
func (d *deckExport) options() (brief.ImageOptions, error) {
	w, h, err := d.size.size()
	if err != nil {
		return brief.ImageOptions{}, err
	}
	opt := brief.ImageOptions{Width: w, Height: h}
	if d.large.Checked {
		opt.TextScale = 1.5
	}
	return opt, nil
}

// choose asks for the folder or the PDF file.
func (d *deckExport) choose() {
	opt, err := d.options()
	if err != nil {
		dialog.ShowError(err, d.win)
		return
	}
	d.dlg.Hide()
	if d.format.Selected == deckPNG {
		chooseFolder(d.win, func(dir string) { d.writePNGs(dir, opt) })
		return
	}
	pdf := brief.PDFOptions{Image: opt, PageSize: d.page.Selected, PageTitles: d.pageTitles.Checked, Notes: d.notes.Checked}
	chooseSavePath(d.win, fileName(d.views[0].Title, "frontier-deck", ".pdf"), ".pdf", func(path string) { d.writePDF(path, pdf) })
}

func (d *deckExport) writePNGs(dir string, opt brief.ImageOptions) {
	src, views := d.src, d.views
	var paths []string
	d.job = runBriefJob(d.win, "Exporting deck", "Drawing the views…", func(ctx context.Context, p brief.Progress) error {
		var err error
		paths, err = brief.WriteDeckPNGs(ctx, src, views, dir, opt, p)
		return err
	}, func(err error) {
		d.written = paths
		switch {
		case errors.Is(err, context.Canceled) && len(paths) > 0:
			dialog.ShowInformation("Export deck", fmt.Sprintf("Cancelled after %d of %d images (in %s).", len(paths), len(views), dir), d.win)
		case err != nil && len(paths) > 0:
			dialog.ShowError(fmt.Errorf("%w (%d of %d images were written to %s)", err, len(paths), len(views), dir), d.win)
		default:
			briefDone(d.win, "Export deck", err, fmt.Sprintf("Wrote %d images to %s", len(paths), dir))
		}
	})
}

func (d *deckExport) writePDF(path string, opt brief.PDFOptions) {
	src, views := d.src, d.views
	d.job = runBriefJob(d.win, "Exporting deck", "Drawing the views…", func(ctx context.Context, p brief.Progress) error {
		return brief.WriteFile(path, func(w io.Writer) error { return brief.WriteDeckPDF(ctx, src, views, w, opt, p) })
	}, func(err error) {
		if err == nil {
			d.written = []string{path}
		}
		briefDone(d.win, "Export deck", err, fmt.Sprintf("Wrote %s (%d pages)", path, len(views)))
	})
}
