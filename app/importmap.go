package app

import (
	"fmt"
	"image/color"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
)

// mapFieldLabels name the ColumnMap fields in the mapping dialog.
var mapFieldLabels = map[string]string{
	"lat": "Latitude", "lon": "Longitude", "date": "Date", "date_end": "End date",
	"location": "Place name", "country": "Country", "admin1": "Admin 1", "admin2": "Admin 2",
	"actor1": "Actor 1", "actor2": "Actor 2", "type": "Event type", "subtype": "Sub-event type",
	"fatalities": "Fatalities", "notes": "Notes", "source": "Source", "id": "Event ID", "dataset": "Dataset",
}

// noColumnOption is the Select option for a field without a column.
const noColumnOption = "(none)"

// mappingDialog lets the user choose which column of a CSV file fills
// which field, seeing the first rows, before the file is imported.
type mappingDialog struct {
	dlg     *dialog.CustomDialog
	det     *data.CSVDetection
	options []string // the option of each column, by position
	selects map[string]*widget.Select
	preview *widget.Table
	reasons *widget.Label
	hint    *widget.Label
	ok      *widget.Button
	cancel  *widget.Button
	// done gets the chosen mapping, or nil when the user cancelled.
	done     func(data.ColumnMap)
	answered bool
}

// answer closes the dialog and hands m (nil: cancelled) on, once.
func (md *mappingDialog) answer(m data.ColumnMap) {
	if md.answered {
		return
	}
	md.answered = true
	md.dlg.Hide() // runs OnClosed, which answers nil: ignored
	md.done(m)
}

// importMappedItem is the File menu's "Import with mapping…" item.
func (u *mainUI) importMappedItem() *fyne.MenuItem {
	return fyne.NewMenuItem("Import with Column Mapping…", u.chooseImportMapped)
}

// chooseImportMapped asks for a CSV file, then shows its columns in the
// mapping dialog whatever the detection's confidence, and imports it as
// mapped.
func (u *mainUI) chooseImportMapped() {
	if u.refuseWrite("Importing") {
		return
	}
	showOpenFile(u.win, []string{".csv", ".CSV", ".txt", ".tsv"}, u.importMapped)
}

// importMapped detects the columns of the CSV file at path on a worker,
// shows the mapping dialog, and imports the file as the user maps it.
func (u *mainUI) importMapped(path string) {
	if u.sess == nil || u.sess.store == nil {
		dialog.ShowError(fmt.Errorf("import: no writable store open"), u.win)
		return
	}
	u.st.spawn(func() func() {
		det, err := data.DetectCSVFile(path, nil)
		return func() {
			if err != nil {
				u.showImportReport([]string{fmt.Sprintf("%s: not imported: %v", filepath.Base(path), err)})
				return
			}
			u.showMapping(path, det, func(m data.ColumnMap) {
				if m != nil {
					u.runImports([]importJob{{path: path, generic: true, m: m}})
				}
			})
		}
	})
}

// showMapping opens the mapping dialog for the CSV file at path, its
// columns pre-filled from det. done gets the mapping the user confirms,
// or nil.
func (u *mainUI) showMapping(path string, det *data.CSVDetection, done func(data.ColumnMap)) {
	md := &mappingDialog{det: det, selects: map[string]*widget.Select{}, done: done}
	opts := []string{noColumnOption}
	for i, h := range det.Header {
		label := h
		if label == "" || det.ColumnRef(i) != h {
			label = fmt.Sprintf("%s (column %d)", h, i+1)
		}
		md.options = append(md.options, label)
		opts = append(opts, label)
	}
	form := container.NewGridWithColumns(6) // three fields a row
	for _, f := range data.MapFields {
		sel := widget.NewSelect(opts, func(string) { md.check() })
		sel.SetSelected(noColumnOption)
		if i, ok := det.Columns[f]; ok {
			sel.SetSelected(md.options[i])
		}
		md.selects[f] = sel
		form.Add(widget.NewLabel(mapFieldLabels[f]))
		form.Add(sel)
	}

	md.reasons = widget.NewLabel(mappingReasons(det))
	md.reasons.Wrapping = fyne.TextWrapWord
	md.preview = previewTable(det)
	// The table's own minimum is one row; show about five.
	room := canvas.NewRectangle(color.Transparent)
	room.SetMinSize(fyne.NewSize(600, 200))
	previewBox := container.NewStack(room, md.preview)
	md.hint = widget.NewLabel("")
	md.hint.Importance = widget.WarningImportance
	md.ok = widget.NewButton("Import", func() { md.answer(md.columnMap()) })
	md.ok.Importance = widget.HighImportance
	md.cancel = widget.NewButton("Cancel", func() { md.answer(nil) })

	top := container.NewVBox(md.reasons, widget.NewLabelWithStyle("First rows", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	bottom := container.NewVBox(widget.NewSeparator(), form, md.hint)
	content := container.NewBorder(top, bottom, nil, nil, previewBox)
	md.dlg = dialog.NewCustomWithoutButtons("Columns of "+filepath.Base(path), content, u.win)
	md.dlg.SetButtons([]fyne.CanvasObject{md.cancel, md.ok})
	md.dlg.SetOnClosed(func() { md.answer(nil) })
	md.check()
	md.dlg.Resize(fyne.NewSize(940, 720))
	md.dlg.Show()
	if u.sess != nil {
		u.sess.mapping = md
	}
}

// mappingReasons is the dialog's lead text: what the detection is unsure
// of, or that it found every column by name.
func mappingReasons(det *data.CSVDetection) string {
	if len(det.Reasons) == 0 {
		return "Every column was found by its name. Check the choices below, then import."
	}
	return "Please check the columns:\n• " + strings.Join(det.Reasons, "\n• ")
}

// previewTable shows the first rows of det under the column names, with
// the file's line numbers down the side.
func previewTable(det *data.CSVDetection) *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(det.Preview), len(det.Header) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			text := ""
			if row := det.Preview[id.Row]; id.Col < len(row) {
				text = row[id.Col]
			}
			o.(*widget.Label).SetText(clip(text, 40))
		})
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		switch {
		case id.Row < 0 && id.Col >= 0:
			l.SetText(clip(det.Header[id.Col], 40))
		case id.Col < 0 && id.Row >= 0:
			l.SetText(fmt.Sprint(det.PreviewLines[id.Row]))
		default:
			l.SetText("")
		}
	}
	for i := range det.Header {
		t.SetColumnWidth(i, 130)
	}
	return t
}

// clip shortens s to n runes with an ellipsis, on one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// column returns the column chosen for field f, -1 for none.
func (md *mappingDialog) column(f string) int {
	sel := md.selects[f].Selected
	for i, o := range md.options {
		if o == sel {
			return i
		}
	}
	return -1
}

// check enables Import only for a mapping the reader can use: a date, and
// latitude and longitude or a place name.
func (md *mappingDialog) check() {
	if md.ok == nil {
		return // still building the form
	}
	lat, lon, date, loc := md.column("lat"), md.column("lon"), md.column("date"), md.column("location")
	var msg string
	switch {
	case date < 0:
		msg = "Choose the date column."
	case (lat < 0) != (lon < 0):
		msg = "Choose both latitude and longitude, or neither (rows are then placed by their place name)."
	case lat < 0 && loc < 0:
		msg = "Choose latitude and longitude, or a place-name column for the gazetteer to place the rows."
	case lat < 0:
		msg = "Rows will be placed by gazetteer at the place each names (approximate)."
	}
	md.hint.SetText(msg)
	if date < 0 || (lat < 0) != (lon < 0) || lat < 0 && loc < 0 {
		md.ok.Disable()
	} else {
		md.ok.Enable()
	}
}

// columnMap is the mapping the form shows: each chosen column, and
// NoColumn for a field the detection had found but the user cleared (the
// others left to the reader, which finds them as the detection did).
func (md *mappingDialog) columnMap() data.ColumnMap {
	m := data.ColumnMap{}
	for _, f := range data.MapFields {
		i := md.column(f)
		_, detected := md.det.Columns[f]
		switch {
		case i >= 0:
			m[f] = md.det.ColumnRef(i)
		case detected || f == "lat" || f == "lon":
			m[f] = data.NoColumn
		}
	}
	return m
}
