package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"frontier/brief"
	"frontier/data"
)

// briefCurrent reads, on the UI goroutine, the Source to draw from and
// the view on screen (viewport, filter, layers, selection, title).
type briefCurrent func() (*brief.Source, data.View, error)

// imageExport is the File → Export image… dialog.
type imageExport struct {
	win     fyne.Window
	size    *sizePicker
	title   *widget.Entry
	legend  *widget.Check
	large   *widget.Check
	export  *widget.Button
	dlg     dialog.Dialog
	src     *brief.Source
	view    data.View
	job     *briefJob
	written string // the last file written (tests)
}

// showImageExport opens File → Export image…: the view on screen as a
// PNG at a preset (1920×1080, 3840×2160, 7680×4320) or custom size, with
// its title (editable), legend, date window, scale bar and attribution.
// Export… asks for the file and draws it on a worker.
func showImageExport(win fyne.Window, current briefCurrent) *imageExport {
	src, v, err := current()
	if err != nil {
		dialog.ShowError(err, win)
		return nil
	}
	e := &imageExport{win: win, src: src, view: v, size: newSizePicker(imageSizes, 0), title: widget.NewEntry()}
	e.title.SetText(v.Title)
	e.title.SetPlaceHolder("No title")
	e.legend = widget.NewCheck("Legend of the actors' colours", nil)
	e.legend.SetChecked(true)
	e.large = widget.NewCheck("Large type for projectors", nil)
	form := widget.NewForm(
		widget.NewFormItem("Size", e.size.content),
		widget.NewFormItem("Title", e.title),
		widget.NewFormItem("", e.legend),
		widget.NewFormItem("", e.large),
	)
	e.dlg, e.export = exportDialog(win, "Export image", form, 520, e.choose)
	return e
}

// options returns the chosen options, checked.
func (e *imageExport) options() (brief.ImageOptions, error) {
	w, h, err := e.size.size()
	if err != nil {
		return brief.ImageOptions{}, err
	}
	opt := brief.ImageOptions{Width: w, Height: h, NoLegend: !e.legend.Checked}
	if e.title.Text == "" {
		opt.NoTitle = true
	} else {
		opt.Title = e.title.Text
	}
	if e.large.Checked {
		opt.TextScale = 1.5
	}
	return opt, nil
}

// choose checks the options and asks where to write the PNG.
func (e *imageExport) choose() {
	opt, err := e.options()
	if err != nil {
		dialog.ShowError(err, e.win)
		return
	}
	e.dlg.Hide()
	chooseSavePath(e.win, fileName(e.title.Text, "frontier-map", ".png"), ".png", func(path string) { e.write(path, opt) })
}

// write draws the view with opt and writes it to path on a worker.
func (e *imageExport) write(path string, opt brief.ImageOptions) {
	src, v := e.src, e.view
	what := fmt.Sprintf("Drawing %d × %d…", opt.Width, opt.Height)
	e.job = runBriefJob(e.win, "Exporting image", what, func(ctx context.Context, _ brief.Progress) error {
		img, err := brief.RenderView(src, v, opt)
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		return brief.WritePNG(path, img)
	}, func(err error) {
		if err == nil {
			e.written = path
		}
		briefDone(e.win, "Export image", err, fmt.Sprintf("Wrote %s (%d × %d)", path, opt.Width, opt.Height))
	})
}
