package app

import (
	"fmt"
	"io"
	"path/filepath"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
	"frontier/internal/atomicfile"
)

// exportFormat is a file format the events can be exported to.
type exportFormat struct {
	label, ext string
	write      func(ix *data.Index, w io.Writer, rows []int32) error
}

var exportFormats = []exportFormat{
	{"CSV (ACLED columns)", ".csv", (*data.Index).WriteCSV},
	{"GeoJSON", ".geojson", (*data.Index).WriteGeoJSON},
	{"KML (Google Earth)", ".kml", (*data.Index).WriteKML},
	{"KMZ (zipped KML)", ".kmz", (*data.Index).WriteKMZ},
}

// chooseExport asks for a format and a file, then exports the events
// passing the current filter (File → Export…).
func (u *mainUI) chooseExport() {
	var labels []string
	for _, f := range exportFormats {
		labels = append(labels, f.label)
	}
	pick := widget.NewRadioGroup(labels, nil)
	pick.SetSelected(labels[0])
	n := len(u.st.snap.result.Rows)
	body := container.NewVBox(widget.NewLabel(fmt.Sprintf("Export the %s events passing the filter as:", groupDigits(int64(n)))), pick)
	dialog.ShowCustomConfirm("Export events", "Choose file…", "Cancel", body, func(ok bool) {
		if !ok {
			return
		}
		for _, f := range exportFormats {
			if f.label == pick.Selected {
				u.chooseExportFile(f)
			}
		}
	}, u.win)
}

// chooseExportFile asks where to write format f.
func (u *mainUI) chooseExportFile(f exportFormat) {
	chooseSavePath(u.win, "frontier-events"+f.ext, f.ext, func(path string) { u.exportTo(path, f) })
}

// exportTo writes the filtered events to path in format f on a worker,
// through a temporary file renamed into place, so a failed export never
// leaves half a file; then says what it wrote.
func (u *mainUI) exportTo(path string, f exportFormat) {
	ix, rows := u.st.ix, u.st.snap.result.Rows
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons("Exporting", container.NewVBox(widget.NewLabel(filepath.Base(path)), bar), u.win)
	d.Show()
	u.st.spawn(func() func() {
		err := writeAtomic(path, func(w io.Writer) error { return f.write(ix, w, rows) })
		return func() {
			d.Hide()
			if err != nil {
				u.lastExport = ""
				dialog.ShowError(err, u.win)
				return
			}
			u.lastExport = fmt.Sprintf("Wrote %s events to %s", groupDigits(int64(len(rows))), path)
			dialog.ShowInformation("Export done", u.lastExport, u.win)
		}
	})
}

// writeAtomic writes a file through a temporary file beside it.
func writeAtomic(path string, write func(io.Writer) error) error {
	if err := atomicfile.Write(path, write); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	return nil
}
