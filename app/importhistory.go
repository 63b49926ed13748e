package app

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
)

// historyDialog lists the store's imports, newest first, with the counts,
// warnings and rejected rows of the one selected.
type historyDialog struct {
	dlg     *dialog.CustomDialog
	recs    []data.ImportReport // newest first
	list    *widget.List
	detail  *widget.Label
	errs    *widget.Table
	errNote *widget.Label
	sel     int // selected record, -1 for none
}

// importHistoryItem is the File menu's "Import History…" item.
func (u *mainUI) importHistoryItem() *fyne.MenuItem {
	return fyne.NewMenuItem("Import History…", u.showImportHistory)
}

// showImportHistory reads the store's import records on a worker and shows
// them (File → Import History…).
func (u *mainUI) showImportHistory() {
	if u.sess == nil || u.sess.store == nil {
		dialog.ShowError(fmt.Errorf("import history: no store open"), u.win)
		return
	}
	store := u.sess.store
	u.st.spawn(func() func() {
		recs, err := store.Imports()
		return func() {
			if err != nil {
				dialog.ShowError(fmt.Errorf("import history: %w", err), u.win)
				return
			}
			slices.Reverse(recs)
			u.sess.history = newHistoryDialog(recs, u.win)
			u.sess.history.dlg.Show()
		}
	})
}

// newHistoryDialog builds the dialog for recs (newest first), the first
// selected.
func newHistoryDialog(recs []data.ImportReport, win fyne.Window) *historyDialog {
	h := &historyDialog{recs: recs, sel: -1}
	h.list = widget.NewList(
		func() int { return len(h.recs) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(historyLine(h.recs[i])) })
	h.list.OnSelected = h.show
	h.detail = widget.NewLabel("")
	h.detail.Wrapping = fyne.TextWrapWord
	h.detail.Selectable = true
	h.errNote = widget.NewLabel("")
	h.errs = widget.NewTableWithHeaders(
		func() (int, int) { return len(h.rowErrors()), 3 },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(errorCell(h.rowErrors()[id.Row], id.Col))
		})
	h.errs.ShowHeaderColumn = false
	h.errs.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	h.errs.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText([]string{"Line", "Field", "Reason"}[id.Col])
		}
	}
	h.errs.SetColumnWidth(0, 70)
	h.errs.SetColumnWidth(1, 140)
	h.errs.SetColumnWidth(2, 640)

	var content fyne.CanvasObject
	if len(recs) == 0 {
		content = widget.NewLabel("Nothing has been imported into this store yet.")
	} else {
		lower := container.NewBorder(container.NewVBox(h.detail, h.errNote), nil, nil, nil, h.errs)
		split := container.NewVSplit(h.list, lower)
		split.Offset = 0.3
		content = split
	}
	h.dlg = dialog.NewCustom("Import History", "Close", content, win)
	h.dlg.Resize(fyne.NewSize(920, 680))
	if len(recs) > 0 {
		h.list.Select(0)
	}
	return h
}

// rowErrors are the stored rejected rows of the selected import.
func (h *historyDialog) rowErrors() []data.RowError {
	if h.sel < 0 || h.sel >= len(h.recs) {
		return nil
	}
	return h.recs[h.sel].Errors
}

// show fills the details and the rejected rows of record i.
func (h *historyDialog) show(i widget.ListItemID) {
	h.sel = i
	r := h.recs[i]
	h.detail.SetText(historyDetail(r))
	switch n := len(r.Errors); {
	case r.Rejected == 0:
		h.errNote.SetText("No rows were rejected.")
	case n < r.Rejected:
		h.errNote.SetText(fmt.Sprintf("Rejected rows (the first %d of %d are kept):", n, r.Rejected))
	default:
		h.errNote.SetText(fmt.Sprintf("Rejected rows (%d):", r.Rejected))
	}
	h.errs.Refresh()
	h.errs.ScrollToTop()
}

// errorCell is column col (line, field, reason) of a rejected row.
func errorCell(e data.RowError, col int) string {
	switch col {
	case 0:
		return fmt.Sprint(e.Line)
	case 1:
		return e.Field
	}
	return e.Reason
}

// historyTime formats an import time in local time; "—" when unset.
func historyTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Local().Format("2006-01-02 15:04:05")
}

// historyFormat is the format, and the dataset when the record has one.
func historyFormat(r data.ImportReport) string {
	if r.Dataset != "" {
		return r.Format + ", dataset " + r.Dataset
	}
	return r.Format
}

// historyLine is one import in the list.
func historyLine(r data.ImportReport) string {
	return fmt.Sprintf("%s · %s (%s) · %s · %s added, %s updated, %s unchanged, %s rejected",
		historyTime(r.Started), filepath.Base(r.File), historyFormat(r), r.Status,
		groupDigits(int64(r.Added)), groupDigits(int64(r.Updated)), groupDigits(int64(r.Unchanged)), groupDigits(int64(r.Rejected)))
}

// statusNote explains a status that needs it.
func statusNote(r data.ImportReport) string {
	switch r.Status {
	case data.StatusCancelled:
		return fmt.Sprintf("cancelled after line %d: the batches before it are kept; importing the file again completes it", r.LastLine)
	case data.StatusInterrupted:
		return fmt.Sprintf("interrupted: Frontier stopped during the import, after line %d; the committed batches are kept, and importing the file again completes it", r.LastLine)
	case data.StatusFailed:
		return fmt.Sprintf("failed at line %d: the batches before it are kept", r.LastLine)
	case data.StatusRunning:
		return "running"
	}
	return r.Status
}

// historyDetail is the full record of one import.
func historyDetail(r data.ImportReport) string {
	lines := []string{
		"File: " + r.File,
		"Format: " + historyFormat(r),
		fmt.Sprintf("Started: %s   Finished: %s", historyTime(r.Started), historyTime(r.Finished)),
		"Status: " + statusNote(r),
		fmt.Sprintf("Rows read: %s (to line %d): %s added, %s updated, %s unchanged, %s rejected",
			groupDigits(int64(r.Rows)), r.LastLine, groupDigits(int64(r.Added)), groupDigits(int64(r.Updated)),
			groupDigits(int64(r.Unchanged)), groupDigits(int64(r.Rejected))),
	}
	if r.AnnotationsAdded > 0 {
		lines = append(lines, fmt.Sprintf("Annotations: %s drawings (lines, polygons …) added as the layer %q",
			groupDigits(int64(r.AnnotationsAdded)), r.Layer))
	}
	if r.AnnotationsUnchanged > 0 {
		lines = append(lines, fmt.Sprintf("Annotations: %s drawings unchanged (the layer %q already holds them)",
			groupDigits(int64(r.AnnotationsUnchanged)), r.Layer))
	}
	for _, w := range r.Warnings {
		lines = append(lines, "Note: "+w)
	}
	return strings.Join(lines, "\n")
}
