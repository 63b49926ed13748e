package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
)

// What the tags dialog tags.
const (
	tagSelection = iota // the selected events (table or map)
	tagFilter           // every event the filter shows
)

// tagsDialog tags events into collections: the selected events (the
// table's marked rows, or the event selected on the map or in the table)
// or all the events the current filter shows; it also lists the tags in
// use, each with a button that filters by it.
type tagsDialog struct {
	u      *mainUI
	dlg    *dialog.CustomDialog
	name   *widget.SelectEntry
	target *widget.RadioGroup
	add    *widget.Button
	remove *widget.Button
	msg    *widget.Label
	list   *fyne.Container
	// rows are the events the selection option stands for (nil: the
	// table's selection).
	rows     []int32
	targets  []string
	busy     bool
	lastDone string // what the last action did (tests read it)
}

// showTags opens the tags dialog for the table's (or map's) selection.
func (u *mainUI) showTags() { u.showTagsFor(nil) }

// showTagsFor opens the tags dialog for rows (nil: the selection).
func (u *mainUI) showTagsFor(rows []int32) {
	if u.refuseWrite("Tagging events") {
		return
	}
	if u.sess.curation() == nil {
		u.fail(fmt.Errorf("tags: no writable store is open"))
		return
	}
	d := &tagsDialog{u: u, rows: rows}
	d.name = widget.NewSelectEntry(u.st.ix.TagNames())
	d.name.SetPlaceHolder("tag name, e.g. Bajaur wave")
	d.target = widget.NewRadioGroup(nil, nil)
	d.target.Required = true
	d.add = widget.NewButtonWithIcon("Add Tag", theme.ContentAddIcon(), func() { d.apply(false) })
	d.add.Importance = widget.HighImportance
	d.remove = widget.NewButtonWithIcon("Remove Tag", theme.ContentRemoveIcon(), func() { d.apply(true) })
	d.msg = widget.NewLabel("")
	d.msg.Wrapping = fyne.TextWrapWord
	d.list = container.NewVBox()
	d.refresh(u)
	bold := fyne.TextStyle{Bold: true}
	body := container.NewVBox(
		widget.NewLabelWithStyle("Tag", fyne.TextAlignLeading, bold), d.name,
		widget.NewLabelWithStyle("Events", fyne.TextAlignLeading, bold), d.target,
		container.NewHBox(d.add, d.remove), d.msg, widget.NewSeparator(),
		widget.NewLabelWithStyle("Your tags", fyne.TextAlignLeading, bold),
		container.NewGridWrap(fyne.NewSize(440, 220), container.NewVScroll(d.list)))
	d.dlg = dialog.NewCustom("Tags", "Close", body, u.win)
	d.dlg.Resize(fyne.NewSize(480, 560))
	u.tagsDlg = d
	d.dlg.Show()
}

// selected returns the events the selection option tags.
func (d *tagsDialog) selected(u *mainUI) []int32 {
	if d.rows != nil {
		return d.rows
	}
	return u.table.selectedRows()
}

// refresh shows u's selection, filter and tags (after a change, u is
// the rebuilt window).
func (d *tagsDialog) refresh(u *mainUI) {
	d.u = u
	sel := len(d.selected(u))
	shown := len(u.st.snap.result.Rows)
	d.targets = []string{
		fmt.Sprintf("The selected events (%s)", groupDigits(int64(sel))),
		fmt.Sprintf("All events the filter shows (%s)", groupDigits(int64(shown))),
	}
	if d.rows != nil {
		d.targets[0] = fmt.Sprintf("The event you clicked (%s)", groupDigits(int64(sel)))
	}
	prev := slices.Index(d.target.Options, d.target.Selected)
	d.target.Options = d.targets
	switch {
	case prev >= 0:
		d.target.Selected = d.targets[prev]
	case sel > 0:
		d.target.Selected = d.targets[tagSelection]
	default:
		d.target.Selected = d.targets[tagFilter]
	}
	d.target.Refresh()
	d.name.SetOptions(u.st.ix.TagNames())
	d.list.RemoveAll()
	names := u.st.ix.TagNames()
	if len(names) == 0 {
		d.list.Add(widget.NewLabel("No tags yet."))
	}
	for _, t := range names {
		on := slices.Contains(u.st.filter.Tags, t)
		label := "Filter"
		if on {
			label = "Unfilter"
		}
		b := widget.NewButton(label, func() { u.current().toggleTagFilter(t); d.refresh(u.current()) })
		b.Importance = widget.LowImportance
		name := widget.NewLabel(t)
		name.Truncation = fyne.TextTruncateEllipsis
		count := widget.NewLabel(eventCount(len(u.st.ix.TagRows(t))))
		d.list.Add(container.NewBorder(nil, nil, nil, container.NewHBox(count, b), name))
	}
	d.list.Refresh()
}

// apply adds (or with remove, takes away) the tag on the chosen events.
func (d *tagsDialog) apply(remove bool) {
	u := d.u.current()
	tag := strings.TrimSpace(d.name.Text)
	if err := data.CheckTag(tag); err != nil || tag == "" {
		if err == nil {
			err = fmt.Errorf("enter a tag name")
		}
		d.msg.SetText(err.Error())
		d.msg.Importance = widget.DangerImportance
		d.msg.Refresh()
		return
	}
	rows := d.selected(u)
	if d.target.Selected == d.targets[tagFilter] {
		rows = u.st.snap.result.Rows
	}
	if len(rows) == 0 {
		d.msg.SetText("No events to tag: select some in the table or on the map, or choose the filter's events.")
		d.msg.Importance = widget.DangerImportance
		d.msg.Refresh()
		return
	}
	if d.busy {
		return
	}
	d.busy = true
	ids := u.st.ix.IDs(rows)
	d.msg.Importance = widget.MediumImportance
	d.msg.SetText(fmt.Sprintf("Saving the tag on %s…", eventCount(len(ids))))
	u.runCuration(func(s *data.Store, _ *data.Index) (data.EventChange, error) {
		return s.TagChange(tag, ids, remove)
	}, nil, func(nu *mainUI, c data.EventChange, err error) bool {
		d.busy = false
		if err != nil {
			d.msg.Importance = widget.DangerImportance
			d.msg.SetText(err.Error())
			d.msg.Refresh()
			return true
		}
		verb, prep := "Tagged", "already had it"
		if remove {
			verb, prep = "Untagged", "did not have it"
		}
		d.lastDone = fmt.Sprintf("%s %s %q", verb, eventCount(len(c.Tags)), tag)
		if n := len(ids) - len(c.Tags); n > 0 {
			d.lastDone += fmt.Sprintf(" (%s %s)", eventCount(n), prep)
		}
		d.msg.Importance = widget.SuccessImportance
		d.msg.SetText(d.lastDone + ".")
		if nu != nil {
			nu.tagsDlg = d
			d.refresh(nu)
		}
		return true
	})
}

// current is the window's UI now on screen: a change rebuilds it, and a
// dialog opened on the old one carries on with the new.
func (u *mainUI) current() *mainUI {
	if u.sess != nil && u.sess.ui != nil {
		return u.sess.ui
	}
	return u
}

// toggleTagFilter adds tag to the tag filter, or takes it away.
func (u *mainUI) toggleTagFilter(tag string) {
	tags := slices.Clone(u.st.filter.Tags)
	if i := slices.Index(tags, tag); i >= 0 {
		tags = slices.Delete(tags, i, i+1)
	} else {
		tags = append(tags, tag)
	}
	u.st.setTags(tags)
	u.filters.syncTags()
	u.filters.refreshChips()
}
