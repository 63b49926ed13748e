package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"frontier/brief"
	"frontier/data"
	"frontier/mapview/basemap"
)

// The briefing dialogs (File → Export image…, Export deck…, Export
// animation…, Export briefing package…, Open briefing package…, Merge
// briefing package…) are built by the show* functions of the
// exportbrief*.go files. Each takes the window and a function that reads,
// on the UI goroutine, what it exports; the drawing and writing run on a
// worker behind a progress dialog, and the result comes back through
// postToUI.

// newBriefSource is the briefing Source of a store whose index is loaded:
// the embedded basemap and the store's layers and annotations as they are
// now.
func newBriefSource(store *data.Store, ix *data.Index) (*brief.Source, error) {
	base, err := basemap.Default()
	if err != nil {
		fyne.LogError("basemap", err) // the map still shows the events on water
	}
	return brief.NewSource(store, ix, base)
}

// briefJobs counts the running briefing jobs (tests wait on it).
var briefJobs sync.WaitGroup

// briefJob is one export running on a worker behind a progress dialog.
type briefJob struct {
	dlg    dialog.Dialog
	bar    *widget.ProgressBar
	status *widget.Label
	cancel context.CancelFunc
	// cancelBtn stops the job (nil when it cannot be cancelled).
	cancelBtn *widget.Button
}

// runBriefJob shows a progress dialog titled title and runs work on a
// worker with a context the dialog's Cancel button cancels and a progress
// function it may call from the worker. done runs on the UI goroutine
// with work's error once the dialog is gone.
func runBriefJob(win fyne.Window, title, what string, work func(ctx context.Context, progress brief.Progress) error, done func(error)) *briefJob {
	ctx, cancel := context.WithCancel(context.Background())
	j := &briefJob{bar: widget.NewProgressBar(), status: widget.NewLabel(what), cancel: cancel}
	j.cancelBtn = widget.NewButton("Cancel", func() {
		cancel()
		j.status.SetText("Cancelling…")
		j.cancelBtn.Disable()
	})
	j.dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(j.status, j.bar, container.NewCenter(j.cancelBtn)), win)
	j.dlg.Show()
	progress := func(n, total int) {
		if total <= 0 {
			return
		}
		postToUI(func() {
			j.bar.SetValue(float64(n) / float64(total))
			if total > 1 {
				j.status.SetText(fmt.Sprintf("%s (%d of %d)", what, n, total))
			}
		})
	}
	briefJobs.Add(1)
	go func() {
		defer briefJobs.Done()
		err := work(ctx, progress)
		cancel()
		postToUI(func() {
			j.dlg.Hide()
			done(err)
		})
	}()
	return j
}

// briefDone reports a finished job: an error (a cancel says so plainly)
// or msg.
func briefDone(win fyne.Window, title string, err error, msg string) {
	switch {
	case errors.Is(err, context.Canceled):
		dialog.ShowInformation(title, "Cancelled: nothing was written.", win)
	case err != nil:
		dialog.ShowError(err, win)
	default:
		dialog.ShowInformation(title, msg, win)
	}
}

// Choosing files. Tests replace these to answer without a file dialog.
var (
	// chooseSavePath asks where to save a file named name with extension
	// ext and calls cb with the path (not called when cancelled).
	chooseSavePath = func(win fyne.Window, name, ext string, cb func(path string)) {
		showSavePath(win, "Save as", "Save", "", "", name, ext, cb)
	}
	// chooseFolder asks for a folder and calls cb with its path.
	chooseFolder = func(win fyne.Window, cb func(path string)) {
		dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err != nil {
				dialog.ShowError(err, win)
				return
			}
			if u != nil {
				cb(u.Path())
			}
		}, win).Show()
	}
	// chooseOpenPath asks for a file with extension ext to open and calls
	// cb with its path.
	chooseOpenPath = func(win fyne.Window, ext string, cb func(path string)) {
		showOpenFile(win, []string{ext}, cb)
	}
)

// showOpenFile shows the file-open dialog for files with one of exts and
// calls cb with the chosen path (not when cancelled); an error opening the
// file is shown.
func showOpenFile(win fyne.Window, exts []string, cb func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, win)
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		r.Close()
		cb(path)
	}, win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	d.Show()
}

// sizePreset is an image size offered by the export dialogs.
type sizePreset struct {
	label string
	w, h  int
}

// customSize is the label of the preset that reads the width and height
// entries.
const customSize = "Custom size"

// imageSizes are the still image presets (projectors and print).
var imageSizes = []sizePreset{
	{"1920 × 1080 (Full HD)", 1920, 1080},
	{"3840 × 2160 (4K)", 3840, 2160},
	{"7680 × 4320 (8K)", 7680, 4320},
}

// animationSizes are the animation presets (a GIF stays small).
var animationSizes = []sizePreset{
	{"960 × 540", 960, 540},
	{"1280 × 720 (HD)", 1280, 720},
	{"1920 × 1080 (Full HD)", 1920, 1080},
}

// sizePicker is a preset list with custom width and height entries.
type sizePicker struct {
	presets       []sizePreset
	pick          *widget.Select
	width, height *widget.Entry
	content       fyne.CanvasObject
}

func newSizePicker(presets []sizePreset, initial int) *sizePicker {
	p := &sizePicker{presets: presets, width: widget.NewEntry(), height: widget.NewEntry()}
	labels := make([]string, 0, len(presets)+1)
	for _, s := range presets {
		labels = append(labels, s.label)
	}
	p.pick = widget.NewSelect(append(labels, customSize), func(s string) {
		for _, pr := range presets {
			if pr.label == s {
				p.width.SetText(strconv.Itoa(pr.w))
				p.height.SetText(strconv.Itoa(pr.h))
			}
		}
		if s == customSize {
			p.width.Enable()
			p.height.Enable()
		} else {
			p.width.Disable()
			p.height.Disable()
		}
	})
	p.pick.SetSelected(labels[initial])
	p.content = container.NewVBox(p.pick, container.NewGridWithColumns(4,
		widget.NewLabel("Width"), p.width, widget.NewLabel("Height"), p.height))
	return p
}

// size returns the chosen size, checked.
func (p *sizePicker) size() (w, h int, err error) {
	w, err1 := strconv.Atoi(strings.TrimSpace(p.width.Text))
	h, err2 := strconv.Atoi(strings.TrimSpace(p.height.Text))
	if err1 != nil || err2 != nil {
		return 0, 0, fmt.Errorf("the width and height must be whole numbers of pixels")
	}
	if err := brief.CheckSize(w, h); err != nil {
		return 0, 0, err
	}
	return w, h, nil
}

// fileName is a file name for title with extension ext.
func fileName(title, fallback, ext string) string {
	if s := brief.Slug(title); s != "" {
		return s + ext
	}
	return fallback + ext
}

// exportDialog shows an export dialog: body above a Cancel button and an
// Export… button that calls choose. A width of 0 leaves the dialog its
// natural size.
func exportDialog(win fyne.Window, title string, body fyne.CanvasObject, width float32, choose func()) (dialog.Dialog, *widget.Button) {
	export := widget.NewButton("Export…", choose)
	export.Importance = widget.HighImportance
	var dlg dialog.Dialog
	cancel := widget.NewButton("Cancel", func() { dlg.Hide() })
	dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(body, container.NewHBox(cancel, export)), win)
	if width > 0 {
		dlg.Resize(fyne.NewSize(width, 0))
	}
	dlg.Show()
	return dlg, export
}
