package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"frontier/brief"
	"frontier/data"
)

// Animation outputs and window kinds offered by the dialog.
const (
	animGIF        = "Animated GIF"
	animFrames     = "PNG frames in a folder (frame-0001.png …)"
	animMoving     = "Moving window (one step long)"
	animCumulative = "Cumulative (from the first day)"
)

// animExport is the File → Export animation… dialog.
type animExport struct {
	win      fyne.Window
	from, to *widget.Entry
	step     *widget.SelectEntry
	fps      *widget.SelectEntry
	window   *widget.RadioGroup
	output   *widget.RadioGroup
	size     *sizePicker
	frames   *widget.Label
	export   *widget.Button
	dlg      dialog.Dialog
	src      *brief.Source
	view     data.View
	job      *briefJob
	written  string // the GIF or folder written (tests)
	count    int    // frames written (tests)
}

// showAnimationExport opens File → Export animation…: the view on screen
// played from a first to a last day (prefilled from its time window, else
// the span of its events), one frame per step, as a GIF or PNG frames,
// with the step's dates burnt in, progress and cancel.
func showAnimationExport(win fyne.Window, current briefCurrent) *animExport {
	src, v, err := current()
	if err != nil {
		dialog.ShowError(err, win)
		return nil
	}
	a := &animExport{win: win, src: src, view: v, from: widget.NewEntry(), to: widget.NewEntry(), frames: widget.NewLabel("")}
	from, to := v.Filter.From, v.Filter.To
	if from.IsZero() || to.IsZero() {
		f := v.Filter
		f.From, f.To = time.Time{}, time.Time{}
		if res, err := src.Index.Filter(&f); err == nil && len(res.Rows) > 0 {
			first, last := src.Index.Start[res.Rows[0]], src.Index.Start[res.Rows[len(res.Rows)-1]]
			if from.IsZero() {
				from = time.Unix(first, 0).UTC()
			}
			if to.IsZero() {
				to = time.Unix(last, 0).UTC()
			}
		}
	}
	if !from.IsZero() {
		a.from.SetText(from.Format(data.DateLayout))
	}
	if !to.IsZero() {
		a.to.SetText(to.Format(data.DateLayout))
	}
	a.from.SetPlaceHolder("YYYY-MM-DD")
	a.to.SetPlaceHolder("YYYY-MM-DD")
	a.step = widget.NewSelectEntry([]string{"1d", "7d", "14d", "1m", "3m", "1y"})
	a.step.SetText("7d")
	a.fps = widget.NewSelectEntry([]string{"1", "2", "4", "8", "12"})
	a.fps.SetText("4")
	a.window = widget.NewRadioGroup([]string{animMoving, animCumulative}, nil)
	a.window.SetSelected(animMoving)
	a.output = widget.NewRadioGroup([]string{animGIF, animFrames}, nil)
	a.output.SetSelected(animGIF)
	a.size = newSizePicker(animationSizes, 1)
	for _, e := range []*widget.Entry{a.from, a.to, &a.step.Entry} {
		e.OnChanged = func(string) { a.updateCount() }
	}
	a.window.OnChanged = func(string) { a.updateCount() }
	a.updateCount()
	form := widget.NewForm(
		widget.NewFormItem("First day", a.from),
		widget.NewFormItem("Last day", a.to),
		widget.NewFormItem("Step", a.step),
		widget.NewFormItem("Window", a.window),
		widget.NewFormItem("Frames a second", a.fps),
		widget.NewFormItem("Frame size", a.size.content),
		widget.NewFormItem("Output", a.output),
		widget.NewFormItem("", a.frames),
	)
	a.dlg, a.export = exportDialog(win, "Export animation", form, 560, a.choose)
	return a
}

// options returns the chosen animation, checked.
func (a *animExport) options() (brief.AnimOptions, error) {
	var opt brief.AnimOptions
	from, err1 := time.Parse(data.DateLayout, strings.TrimSpace(a.from.Text))
	to, err2 := time.Parse(data.DateLayout, strings.TrimSpace(a.to.Text))
	if err1 != nil || err2 != nil {
		return opt, fmt.Errorf("the first and last days are dates like 2025-07-01")
	}
	step, err := brief.ParseStep(a.step.Text)
	if err != nil {
		return opt, err
	}
	fps, err := strconv.ParseFloat(strings.TrimSpace(a.fps.Text), 64)
	if err != nil || !(fps >= 0.1 && fps <= 50) {
		return opt, fmt.Errorf("frames a second: want a number from 0.1 to 50")
	}
	w, h, err := a.size.size()
	if err != nil {
		return opt, err
	}
	opt = brief.AnimOptions{
		Filter: a.view.Filter, View: a.view, From: from, To: to, Step: step, Cumulative: a.window.Selected == animCumulative,
		FPS: fps, Width: w, Height: h, Frames: a.output.Selected == animFrames,
	}
	if !opt.Frames && max(w, h) > brief.MaxGIFSide {
		return opt, fmt.Errorf("a GIF is at most %d pixels a side: choose a smaller size or PNG frames", brief.MaxGIFSide)
	}
	if _, err := brief.Windows(from, to, step, brief.Step{}, opt.Cumulative); err != nil {
		return opt, err
	}
	return opt, nil
}

// updateCount says how many frames the dates and step make.
func (a *animExport) updateCount() {
	from, err1 := time.Parse(data.DateLayout, strings.TrimSpace(a.from.Text))
	to, err2 := time.Parse(data.DateLayout, strings.TrimSpace(a.to.Text))
	step, err3 := brief.ParseStep(a.step.Text)
	if err1 != nil || err2 != nil || err3 != nil {
		a.frames.SetText("")
		return
	}
	ws, err := brief.Windows(from, to, step, brief.Step{}, a.window.Selected == animCumulative)
	if err != nil {
		a.frames.SetText(err.Error())
		return
	}
	a.frames.SetText(fmt.Sprintf("%d frames", len(ws)))
}

// choose asks for the GIF file or the frames' folder.
func (a *animExport) choose() {
	opt, err := a.options()
	if err != nil {
		dialog.ShowError(err, a.win)
		return
	}
	a.dlg.Hide()
	if opt.Frames {
		chooseFolder(a.win, func(dir string) { a.write(dir, opt) })
		return
	}
	chooseSavePath(a.win, fileName(a.view.Title, "frontier-animation", ".gif"), ".gif", func(path string) { a.write(path, opt) })
}

// write draws and writes the animation on a worker.
func (a *animExport) write(out string, opt brief.AnimOptions) {
	src := a.src
	n := 0
	a.job = runBriefJob(a.win, "Exporting animation", "Drawing frames…", func(ctx context.Context, p brief.Progress) error {
		var err error
		n, err = brief.Animate(ctx, src, opt, out, p)
		return err
	}, func(err error) {
		if err == nil {
			a.written, a.count = out, n
		}
		briefDone(a.win, "Export animation", err, fmt.Sprintf("Wrote %d frames to %s", n, out))
	})
}
