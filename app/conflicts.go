package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
)

// conflictsDialog lists the rows re-imports did not apply because the
// event was edited or deleted locally, shows the local version beside the
// incoming row field by field, and takes the incoming row (undoable) or
// keeps the local version for good.
type conflictsDialog struct {
	u         *mainUI
	dlg       *dialog.CustomDialog
	list      *widget.List
	status    *widget.Label
	compare   *fyne.Container
	take      *widget.Button
	keep      *widget.Button
	conflicts []data.Conflict
	cur       int
	busy      bool
	lastDone  string // what the last action did (tests read it)
}

// showConflicts opens the Import Conflicts dialog.
func (u *mainUI) showConflicts() {
	if u.sess.curation() == nil {
		u.fail(fmt.Errorf("conflicts: no writable store is open"))
		return
	}
	d := &conflictsDialog{u: u, cur: -1}
	d.status = widget.NewLabel("")
	d.status.Wrapping = fyne.TextWrapWord
	d.list = widget.NewList(func() int { return len(d.conflicts) },
		func() fyne.CanvasObject {
			t := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			t.Truncation = fyne.TextTruncateEllipsis
			s := widget.NewLabel("")
			s.SizeName = theme.SizeNameCaptionText
			s.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(t, s)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(d.conflicts) {
				return
			}
			c := d.conflicts[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(conflictTitle(&c))
			box.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%s · import %d (%s) · %s", c.Reason, c.ImportID, c.File,
				c.Time.Local().Format("2006-01-02 15:04")))
		})
	d.list.OnSelected = d.show
	d.compare = container.New(layout.NewFormLayout())
	d.take = widget.NewButtonWithIcon("Take Incoming Row", theme.DownloadIcon(), d.takeIncoming)
	d.take.Importance = widget.HighImportance
	d.keep = widget.NewButtonWithIcon("Keep Local Version", theme.ConfirmIcon(), d.keepLocal)
	right := container.NewBorder(nil, container.NewHBox(d.take, d.keep), nil, nil, container.NewVScroll(d.compare))
	split := container.NewHSplit(d.list, right)
	split.Offset = 0.38
	body := container.NewBorder(d.status, nil, nil, nil, split)
	d.dlg = dialog.NewCustom("Import conflicts", "Close", body, u.win)
	d.dlg.Resize(fyne.NewSize(min(1100, u.win.Canvas().Size().Width-40), min(640, u.win.Canvas().Size().Height-40)))
	u.conflDlg = d
	d.reload()
	d.dlg.Show()
}

// conflictTitle names the event of a conflict.
func conflictTitle(c *data.Conflict) string {
	e := c.Incoming
	if e == nil {
		e = c.Local
	}
	if e == nil {
		return fmt.Sprintf("event %d", c.EventID)
	}
	return fmt.Sprintf("%s  %s %s", eventName(e), e.Date.UTC().Format(data.DateLayout), e.Location)
}

// reload reads the pending conflicts from the store.
func (d *conflictsDialog) reload() {
	cs, err := d.u.sess.store.Conflicts()
	if err != nil {
		d.status.SetText(err.Error())
		return
	}
	d.conflicts = cs
	switch len(cs) {
	case 0:
		d.status.SetText("No import conflicts: every re-imported row was applied, or its event was not edited here.")
	case 1:
		d.status.SetText("1 re-imported row waits: the event was edited or deleted here after the earlier import.")
	default:
		d.status.SetText(fmt.Sprintf("%d re-imported rows wait: their events were edited or deleted here after the earlier import.", len(cs)))
	}
	d.cur = -1
	d.compare.RemoveAll()
	d.list.UnselectAll()
	d.list.Refresh()
	d.enable(false)
	if len(cs) > 0 {
		d.list.Select(0)
	}
}

// show lays out conflict i: each field that differs, local and incoming.
func (d *conflictsDialog) show(i int) {
	if i < 0 || i >= len(d.conflicts) {
		return
	}
	d.cur = i
	c := d.conflicts[i]
	d.compare.RemoveAll()
	bold := fyne.TextStyle{Bold: true}
	d.compare.Add(widget.NewLabel(""))
	d.compare.Add(container.NewGridWithColumns(2,
		widget.NewLabelWithStyle("Here (local)", fyne.TextAlignLeading, bold),
		widget.NewLabelWithStyle("Incoming row", fyne.TextAlignLeading, bold)))
	if c.Local == nil {
		d.compare.Add(widget.NewLabel(""))
		d.compare.Add(widget.NewLabel("The event was deleted here; taking the incoming row brings it back."))
	}
	differ := 0
	for _, f := range data.MergeFields {
		loc, in := "", ""
		if c.Local != nil {
			loc = data.FieldText(c.Local, f)
		}
		if c.Incoming != nil {
			in = data.FieldText(c.Incoming, f)
		}
		if loc == in {
			continue
		}
		differ++
		l, r := widget.NewLabel(loc), widget.NewLabel(in)
		l.Wrapping, r.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
		d.compare.Add(widget.NewLabelWithStyle(f, fyne.TextAlignTrailing, bold))
		d.compare.Add(container.NewGridWithColumns(2, l, r))
	}
	if differ == 0 && c.Local != nil {
		d.compare.Add(widget.NewLabel(""))
		d.compare.Add(widget.NewLabel("The shown fields agree; they differ in others (tags, admin areas, IDs)."))
	}
	d.compare.Refresh()
	d.enable(true)
}

func (d *conflictsDialog) enable(on bool) {
	for _, b := range []*widget.Button{d.take, d.keep} {
		if on && !d.busy {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

// takeIncoming replaces the local version with the incoming row (Edit →
// Undo brings the local version back).
func (d *conflictsDialog) takeIncoming() {
	if d.cur < 0 || d.busy {
		return
	}
	id := d.conflicts[d.cur].EventID
	d.busy = true
	d.enable(false)
	d.u.current().runApplied(func(s *data.Store, _ *data.Index) (data.EventChange, error) { return s.TakeIncoming(id) },
		func(data.EventChange) uint64 { return id },
		func(nu *mainUI, c data.EventChange, err error) bool {
			d.busy = false
			if err != nil {
				d.status.SetText(err.Error())
				d.enable(true)
				return true
			}
			d.lastDone = c.Label
			if nu != nil {
				nu.conflDlg = d
				d.u = nu
			}
			d.reload()
			return true
		})
}

// keepLocal keeps the local version for good: the conflict goes away.
func (d *conflictsDialog) keepLocal() {
	if d.cur < 0 || d.busy {
		return
	}
	id := d.conflicts[d.cur].EventID
	if err := d.u.sess.store.DismissConflict(id); err != nil {
		d.status.SetText(err.Error())
		return
	}
	d.lastDone = "Kept the local version"
	d.reload()
}

// reportDialog shows the import report; when conflicts wait, it offers
// to review them.
func (u *mainUI) reportDialog(content fyne.CanvasObject) {
	n := 0
	if u.sess != nil && u.sess.store != nil {
		if cs, err := u.sess.store.Conflicts(); err == nil {
			n = len(cs)
		}
	}
	if n == 0 {
		dialog.ShowCustom("Import report", "Close", content, u.win)
		return
	}
	var d *dialog.CustomDialog
	review := widget.NewButton(fmt.Sprintf("Review %d Conflicts…", n), func() {
		d.Hide()
		u.current().showConflicts()
	})
	review.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons("Import report", content, u.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("Close", func() { d.Hide() }), review})
	u.reportReview = review
	d.Show()
}
