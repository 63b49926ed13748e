package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
)

// maxDuplicatePairs bounds the pairs the dialog lists.
const maxDuplicatePairs = 5000

// duplicatesDialog lists possible duplicates — events close in time and
// place that share an actor or an event type, across datasets too — and
// merges a pair, the user choosing field by field which event's value
// the merged event keeps, or marks the pair as distinct.
type duplicatesDialog struct {
	u         *mainUI
	dlg       *dialog.CustomDialog
	days, km  *widget.Entry
	onlyShown *widget.Check
	find      *widget.Button
	status    *widget.Label
	list      *widget.List
	pairs     []data.DuplicatePair
	truncated bool

	// The pair shown.
	cur        int
	a, b       *data.Event
	keep       *widget.RadioGroup
	choices    map[string]*widget.RadioGroup // per merge field: "A" or "B"
	compare    *fyne.Container
	merge      *widget.Button
	distinct   *widget.Button
	showA      *widget.Button
	busy       bool
	lastDone   string // what the last action did (tests read it)
	searchDone func() // tests: told when a search has been shown
}

// showDuplicates opens the Possible Duplicates dialog and searches with
// the default distances.
func (u *mainUI) showDuplicates() {
	if u.sess.curation() == nil {
		u.fail(fmt.Errorf("duplicates: no writable store is open"))
		return
	}
	d := &duplicatesDialog{u: u, cur: -1, choices: map[string]*widget.RadioGroup{}}
	d.days = widget.NewEntry()
	d.days.SetText(strconv.Itoa(data.DefaultDuplicateOptions.Days))
	d.km = widget.NewEntry()
	d.km.SetText(strconv.FormatFloat(data.DefaultDuplicateOptions.Km, 'f', -1, 64))
	d.onlyShown = widget.NewCheck("Only the events the filter shows", nil)
	d.find = widget.NewButtonWithIcon("Find", theme.SearchIcon(), d.search)
	d.status = widget.NewLabel("")
	d.status.Wrapping = fyne.TextWrapWord
	d.list = widget.NewList(func() int { return len(d.pairs) },
		func() fyne.CanvasObject {
			t := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			t.Truncation = fyne.TextTruncateEllipsis
			s := widget.NewLabel("")
			s.SizeName = theme.SizeNameCaptionText
			s.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(t, s)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(d.pairs) {
				return
			}
			title, sub := d.pairText(d.pairs[i])
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(title)
			c.Objects[1].(*widget.Label).SetText(sub)
		})
	d.list.OnSelected = func(i widget.ListItemID) { d.showPair(i) }
	d.keep = widget.NewRadioGroup([]string{"A", "B"}, func(string) { d.defaultChoices() })
	d.keep.Horizontal = true
	d.keep.Required = true
	d.compare = container.New(layout.NewFormLayout())
	d.merge = widget.NewButtonWithIcon("Merge", theme.ContentPasteIcon(), d.mergePair)
	d.merge.Importance = widget.HighImportance
	d.distinct = widget.NewButtonWithIcon("Not Duplicates", theme.CancelIcon(), d.markDistinct)
	d.showA = widget.NewButtonWithIcon("Select on Map", theme.VisibilityIcon(), d.selectPair)
	d.enablePair(false)

	opts := container.NewHBox(widget.NewLabel("Start days at most"), container.New(&fixedWidthLayout{width: 56}, d.days),
		widget.NewLabel("apart, at most"), container.New(&fixedWidthLayout{width: 64}, d.km), widget.NewLabel("km apart"),
		d.onlyShown, d.find)
	right := container.NewBorder(
		container.NewVBox(widget.NewLabelWithStyle("Keep event", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), d.keep,
			widget.NewLabel("For each field, choose whose value the merged event keeps:")),
		container.NewHBox(d.merge, d.distinct, d.showA), nil, nil, container.NewVScroll(d.compare))
	split := container.NewHSplit(d.list, right)
	split.Offset = 0.4
	body := container.NewBorder(container.NewVBox(opts, d.status), nil, nil, nil, split)
	d.dlg = dialog.NewCustom("Possible duplicates", "Close", body, u.win)
	d.dlg.Resize(fyne.NewSize(min(1200, u.win.Canvas().Size().Width-40), min(720, u.win.Canvas().Size().Height-40)))
	u.dupDlg = d
	d.dlg.Show()
	d.search()
}

// options reads the distances; a problem is shown in the status line.
func (d *duplicatesDialog) options() (data.DuplicateOptions, bool) {
	o := data.DuplicateOptions{Limit: maxDuplicatePairs}
	days, err := strconv.Atoi(strings.TrimSpace(d.days.Text))
	if err != nil || days < 0 || days > 366 {
		d.status.SetText("Days: enter a whole number from 0 to 366.")
		return o, false
	}
	km, err := strconv.ParseFloat(strings.TrimSpace(strings.ReplaceAll(d.km.Text, ",", ".")), 64)
	if err != nil || km < 0.05 || km > 500 {
		d.status.SetText("Km: enter a distance from 0.05 to 500.")
		return o, false
	}
	o.Days, o.Km = days, km
	return o, true
}

// search finds the pairs on a worker.
func (d *duplicatesDialog) search() {
	opts, ok := d.options()
	if !ok {
		return
	}
	u := d.u.current()
	d.u = u
	if d.onlyShown.Checked {
		opts.Rows = u.st.snap.result.Rows
	}
	ix := u.st.ix
	d.status.SetText("Searching…")
	d.find.Disable()
	u.st.spawn(func() func() {
		pairs, err := ix.FindDuplicates(opts)
		return func() {
			d.find.Enable()
			if err != nil {
				d.status.SetText(err.Error())
				return
			}
			d.pairs = pairs
			d.truncated = len(pairs) >= maxDuplicatePairs
			d.showPairs()
			if d.searchDone != nil {
				d.searchDone()
			}
		}
	})
}

// showPairs lists the pairs found and shows the first.
func (d *duplicatesDialog) showPairs() {
	msg := fmt.Sprintf("%s possible duplicate pairs.", groupDigits(int64(len(d.pairs))))
	switch {
	case len(d.pairs) == 0:
		msg = "No possible duplicates at these distances."
	case len(d.pairs) == 1:
		msg = "1 possible duplicate pair."
	case d.truncated:
		msg = fmt.Sprintf("The first %s possible duplicate pairs (narrow the distances or the filter to see all).", groupDigits(int64(len(d.pairs))))
	}
	d.status.SetText(msg)
	d.list.UnselectAll()
	d.list.Refresh()
	d.cur = -1
	d.a, d.b = nil, nil
	d.compare.RemoveAll()
	d.enablePair(false)
	if len(d.pairs) > 0 {
		d.list.Select(0)
	}
}

// pairText is a pair's line in the list: both events' day and place,
// then how close they are and what they share.
func (d *duplicatesDialog) pairText(p data.DuplicatePair) (string, string) {
	ix := d.u.st.ix
	side := func(r int32) string {
		return ix.RowDate(int(r)) + " " + ix.Strings[ix.Location[r]]
	}
	days := "same day"
	if p.Days == 1 {
		days = "1 day apart"
	} else if p.Days > 1 {
		days = fmt.Sprintf("%d days apart", p.Days)
	}
	shared := "shared type " + p.SharedType
	if p.SharedActor != "" {
		shared = "shared actor " + p.SharedActor
	}
	ds := func(r int32) string { return ix.Strings[ix.Dataset[r]] }
	sub := fmt.Sprintf("%.1f km · %s · %s", p.Km, days, shared)
	if ds(p.A) != ds(p.B) {
		sub += " · " + ds(p.A) + " and " + ds(p.B)
	}
	return side(p.A) + "  and  " + side(p.B), sub
}

// showPair loads pair i's events and lays out their fields side by side.
func (d *duplicatesDialog) showPair(i int) {
	if i < 0 || i >= len(d.pairs) {
		return
	}
	p := d.pairs[i]
	store := d.u.sess.store
	a, err := store.EventByID(p.IDA)
	if err == nil {
		d.b, err = store.EventByID(p.IDB)
	}
	if err != nil {
		d.status.SetText(fmt.Sprintf("Could not read the pair: %v", err))
		return
	}
	d.cur, d.a = i, a
	d.compare.RemoveAll()
	clear(d.choices)
	bold := fyne.TextStyle{Bold: true}
	d.compare.Add(widget.NewLabel(""))
	d.compare.Add(container.NewGridWithColumns(2,
		widget.NewLabelWithStyle("A  "+eventName(d.a), fyne.TextAlignLeading, bold),
		widget.NewLabelWithStyle("B  "+eventName(d.b), fyne.TextAlignLeading, bold)))
	for _, f := range data.MergeFields {
		ta, tb := data.FieldText(d.a, f), data.FieldText(d.b, f)
		la, lb := widget.NewLabel(ta), widget.NewLabel(tb)
		la.Wrapping, lb.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
		rg := widget.NewRadioGroup([]string{"A", "B"}, nil)
		rg.Horizontal = true
		rg.Required = true
		d.choices[f] = rg
		cell := container.NewVBox(container.NewGridWithColumns(2, la, lb), rg)
		if ta == tb {
			rg.Hide() // nothing to choose
		}
		d.compare.Add(widget.NewLabelWithStyle(f, fyne.TextAlignTrailing, bold))
		d.compare.Add(cell)
	}
	d.keep.SetSelected("A")
	d.defaultChoices()
	d.compare.Refresh()
	d.enablePair(true)
}

// eventName is "DATASET:SOURCE_ID".
func eventName(e *data.Event) string { return e.Dataset + ":" + e.SourceID }

// defaultChoices makes every field the kept event's, unless it is empty
// there and not in the other.
func (d *duplicatesDialog) defaultChoices() {
	if d.a == nil || d.b == nil {
		return
	}
	keep, other := d.a, d.b
	k, o := "A", "B"
	if d.keep.Selected == "B" {
		keep, other, k, o = d.b, d.a, "B", "A"
	}
	for f, rg := range d.choices {
		choice := k
		if strings.TrimSpace(data.FieldText(keep, f)) == "" && strings.TrimSpace(data.FieldText(other, f)) != "" {
			choice = o
		}
		rg.SetSelected(choice)
	}
}

// enablePair enables the pair's buttons.
func (d *duplicatesDialog) enablePair(on bool) {
	for _, b := range []*widget.Button{d.merge, d.distinct, d.showA} {
		if on && !d.busy {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

// mergePair merges the shown pair into the kept event, taking the fields
// chosen from the other.
func (d *duplicatesDialog) mergePair() {
	if d.a == nil || d.b == nil || d.busy {
		return
	}
	keep, drop, k := d.a.ID, d.b.ID, "A"
	if d.keep.Selected == "B" {
		keep, drop, k = d.b.ID, d.a.ID, "B"
	}
	var take []string
	for _, f := range data.MergeFields {
		if rg := d.choices[f]; rg != nil && rg.Visible() && rg.Selected != k {
			take = append(take, f)
		}
	}
	names := map[uint64]string{d.a.ID: eventName(d.a), d.b.ID: eventName(d.b)}
	d.run(func(s *data.Store) (data.EventChange, error) {
		c, err := s.MergeEventsChange(keep, drop, take)
		c.Label = fmt.Sprintf("Merge %s into %s", names[drop], names[keep])
		return c, err
	}, keep)
}

// markDistinct hides the shown pair for good.
func (d *duplicatesDialog) markDistinct() {
	if d.a == nil || d.b == nil || d.busy {
		return
	}
	a, b := d.a.ID, d.b.ID
	d.run(func(s *data.Store) (data.EventChange, error) { return s.MarkDistinctChange(a, b, true) }, 0)
}

// run applies a change to the pair, then searches again on the rebuilt
// window's index.
func (d *duplicatesDialog) run(build func(*data.Store) (data.EventChange, error), sel uint64) {
	d.busy = true
	d.enablePair(false)
	d.u.current().runCuration(func(s *data.Store, _ *data.Index) (data.EventChange, error) { return build(s) },
		func(data.EventChange) uint64 { return sel },
		func(nu *mainUI, c data.EventChange, err error) bool {
			d.busy = false
			if err != nil {
				d.status.SetText(err.Error())
				d.enablePair(true)
				return true
			}
			d.lastDone = c.Label
			if nu != nil {
				nu.dupDlg = d
				d.u = nu
			}
			d.search()
			return true
		})
}

// selectPair selects event A of the pair (map, table and details follow).
func (d *duplicatesDialog) selectPair() {
	if d.cur < 0 || d.cur >= len(d.pairs) {
		return
	}
	u := d.u.current()
	u.st.selectRow(int(d.pairs[d.cur].A))
	u.mapP.m.SetSelected(int(d.pairs[d.cur].A))
}
