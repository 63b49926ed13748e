package app

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
)

// field is one "label: value" line of the details pane.
type field struct{ Label, Value string }

// eventFields lists every non-empty field of e, in reading order.
func eventFields(e *data.Event) []field {
	var out []field
	add := func(label, value string) {
		if value = strings.TrimSpace(value); value != "" {
			out = append(out, field{label, value})
		}
	}
	list := func(l []string) string { return strings.Join(l, "; ") }
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(data.DateLayout)
	}
	add("Date", day(e.Date))
	if !e.DateEnd.IsZero() && !e.DateEnd.Equal(e.Date) {
		add("Date end", day(e.DateEnd))
	}
	add("Date precision", e.DatePrecision.String())
	add("Event type", e.EventType)
	add("Sub-event type", e.SubEventType)
	add("Disorder type", e.DisorderType)
	add("Actor 1", e.Actor1)
	add("Actor 1 type", data.InterName(e.Inter1))
	add("Actor 1 associates", list(e.Assoc1))
	add("Actor 2", e.Actor2)
	add("Actor 2 type", data.InterName(e.Inter2))
	add("Actor 2 associates", list(e.Assoc2))
	add("Interaction", e.Interaction)
	add("Civilian targeting", e.CivilianTargeting)
	add("Fatalities", strconv.Itoa(int(e.Fatalities)))
	add("Location", e.Location)
	add("Admin 1", e.Admin1)
	add("Admin 2", e.Admin2)
	add("Admin 3", e.Admin3)
	add("Country", e.Country)
	add("Region", e.Region)
	iso := e.ISO3
	if e.ISO != "" {
		iso = strings.TrimSpace(e.ISO + " " + e.ISO3)
	}
	add("ISO", iso)
	add("Coordinates", fmt.Sprintf("%.4f, %.4f", e.Lat, e.Lon))
	if e.GeoPrecision != 0 {
		add("Geo precision", geoPrecisionText(e.GeoPrecision))
	}
	add("Notes", e.Notes)
	add("Source", e.Source)
	add("Source scale", e.SourceScale)
	add("Tags", list(e.Tags))
	add("Your tags", strings.Join(e.UserTags, ", "))
	add("Dataset", e.Dataset)
	add("Source ID", e.SourceID)
	if !e.Updated.IsZero() {
		add("Updated", e.Updated.UTC().Format("2006-01-02 15:04 MST"))
	}
	return out
}

func geoPrecisionText(p uint8) string {
	switch p {
	case 1:
		return "1 (town)"
	case 2:
		return "2 (near a town, or district)"
	case 3:
		return "3 (province)"
	}
	return strconv.Itoa(int(p))
}

// detailsPane shows every field of the selected event. The event is read
// from the store on a worker goroutine.
type detailsPane struct {
	st      *state
	title   *widget.Label
	hint    *widget.Label
	form    *fyne.Container
	scroll  *container.Scroll
	content fyne.CanvasObject

	gen    uint64  // bumped per selection; stale loads are dropped
	fields []field // what the pane shows

	// Curation: the buttons over the fields, and the provenance and
	// local history shown under them (when a store is open).
	buttons          *fyne.Container
	edit, del, tag   *widget.Button
	prov             *fyne.Container
	provenance       func(id uint64) (data.Provenance, error)           // nil: none shown
	eventAt          func(ix *data.Index, row int) (*data.Event, error) // loads with the user tags
	provFields       []field                                            // what the provenance part shows
	onEdit, onDelete func()
	onTag            func()
}

func newDetailsPane(st *state) *detailsPane {
	d := &detailsPane{st: st}
	d.title = widget.NewLabelWithStyle("Event", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.title.Truncation = fyne.TextTruncateEllipsis
	d.hint = widget.NewLabel("Select an event in the table to see all its fields.")
	d.hint.Wrapping = fyne.TextWrapWord
	d.form = container.New(layout.NewFormLayout())
	d.prov = container.NewVBox()
	d.edit = widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), func() { call(d.onEdit) })
	d.del = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() { call(d.onDelete) })
	d.tag = widget.NewButtonWithIcon("Tag…", theme.ContentAddIcon(), func() { call(d.onTag) })
	for _, b := range []*widget.Button{d.edit, d.del, d.tag} {
		b.Importance = widget.LowImportance
	}
	d.buttons = container.NewHBox(d.edit, d.del, d.tag)
	d.buttons.Hide()
	d.scroll = container.NewVScroll(container.NewVBox(d.hint, d.form, d.prov))
	d.content = container.NewBorder(container.NewVBox(d.title, d.buttons), nil, nil, nil, d.scroll)
	st.onChange(func(c change) {
		if c == changeSelection {
			d.load(st.selected)
		}
	})
	return d
}

// load shows row's event, or the hint for -1.
func (d *detailsPane) load(row int) {
	d.gen++
	gen := d.gen
	if row < 0 {
		d.show(nil, nil)
		d.showProvenance(nil, nil)
		return
	}
	ix := d.st.ix
	provenance, eventAt := d.provenance, d.eventAt
	d.st.spawn(func() func() {
		var e *data.Event
		var err error
		if eventAt != nil {
			e, err = eventAt(ix, row) // with the user's tags
		} else {
			e, err = ix.Event(row)
		}
		var p *data.Provenance
		if err == nil && provenance != nil {
			if pv, perr := provenance(e.ID); perr == nil {
				p = &pv
			}
		}
		return func() {
			if gen == d.gen {
				d.show(e, err)
				d.showProvenance(e, p)
			}
		}
	})
}

// call calls fn when it is set.
func call(fn func()) {
	if fn != nil {
		fn()
	}
}

// bindCuration shows the Edit, Delete and Tag buttons and the events'
// provenance when u has a store.
func (d *detailsPane) bindCuration(u *mainUI) {
	d.provenance = func(id uint64) (data.Provenance, error) {
		if u.sess == nil || u.sess.store == nil {
			return data.Provenance{}, fmt.Errorf("no store")
		}
		return u.sess.store.Provenance(id)
	}
	d.eventAt = func(ix *data.Index, row int) (*data.Event, error) {
		if u.sess != nil && u.sess.store != nil {
			return u.sess.store.EventAt(ix.Start[row], ix.ID[row])
		}
		return ix.Event(row)
	}
	d.onEdit = u.editSelectedEvent
	d.onDelete = func() { u.deleteRows([]int32{int32(d.st.selected)}) }
	d.onTag = func() { u.showTagsFor([]int32{int32(d.st.selected)}) }
}

// provenanceFields words where e came from and what was done to it here.
func provenanceFields(e *data.Event, p *data.Provenance) []field {
	var out []field
	switch p.Origin {
	case data.OriginLocal:
		out = append(out, field{"Origin", "entered by hand"})
	default:
		o := "imported"
		if p.ImportID != 0 {
			o = fmt.Sprintf("imported (import %d", p.ImportID)
			if p.ImportFile != "" {
				o += ", " + filepath.Base(p.ImportFile)
			}
			o += ")"
		}
		out = append(out, field{"Origin", o + " from " + e.Dataset})
	}
	edited := "no"
	if p.EditedLocally {
		edited = "yes"
	}
	if !p.Edited.IsZero() {
		edited += ", last change " + p.Edited.Local().Format("2006-01-02 15:04")
	}
	out = append(out, field{"Edited here", edited})
	for i := len(p.History) - 1; i >= 0; i-- {
		h := p.History[i]
		var b strings.Builder
		b.WriteString(h.Action)
		for _, c := range h.Changes {
			fmt.Fprintf(&b, "\n%s: %s → %s", c.Field, quoteOrNone(c.Old), quoteOrNone(c.New))
		}
		out = append(out, field{h.Time.Local().Format("2006-01-02 15:04"), b.String()})
	}
	return out
}

// quoteOrNone quotes s, or says "(none)".
func quoteOrNone(s string) string {
	if s == "" {
		return "(none)"
	}
	const maxLen = 80
	if r := []rune(s); len(r) > maxLen {
		s = string(r[:maxLen-1]) + "…"
	}
	return "“" + s + "”"
}

// showProvenance shows where e came from and its local history (nil p:
// nothing), and the buttons that act on it.
func (d *detailsPane) showProvenance(e *data.Event, p *data.Provenance) {
	d.prov.RemoveAll()
	d.provFields = nil
	if e != nil && d.provenance != nil {
		d.buttons.Show()
	} else {
		d.buttons.Hide()
	}
	if e == nil || p == nil {
		d.prov.Refresh()
		return
	}
	d.provFields = provenanceFields(e, p)
	bold := fyne.TextStyle{Bold: true}
	d.prov.Add(widget.NewSeparator())
	d.prov.Add(widget.NewLabelWithStyle("Provenance and local history", fyne.TextAlignLeading, bold))
	form := container.New(layout.NewFormLayout())
	for _, f := range d.provFields {
		k := widget.NewLabelWithStyle(f.Label, fyne.TextAlignTrailing, bold)
		v := widget.NewLabel(f.Value)
		v.Wrapping = fyne.TextWrapWord
		v.Selectable = true
		form.Add(k)
		form.Add(v)
	}
	d.prov.Add(form)
	d.prov.Refresh()
}

// show fills the pane with e's fields, the error, or the hint when both
// are nil.
func (d *detailsPane) show(e *data.Event, err error) {
	d.form.RemoveAll()
	d.fields = nil
	switch {
	case err != nil:
		d.title.SetText("Event")
		d.hint.SetText(fmt.Sprintf("Could not read the event: %v", err))
		d.hint.Show()
	case e == nil:
		d.title.SetText("Event")
		d.hint.SetText("Select an event in the table to see all its fields.")
		d.hint.Show()
	default:
		d.hint.Hide()
		d.title.SetText(strings.TrimSpace(e.SourceID + "  " + e.Location))
		d.fields = eventFields(e)
		for _, f := range d.fields {
			k := widget.NewLabelWithStyle(f.Label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
			v := widget.NewLabel(f.Value)
			v.Wrapping = fyne.TextWrapWord
			v.Selectable = true
			d.form.Add(k)
			d.form.Add(v)
		}
	}
	d.form.Refresh()
	d.scroll.ScrollToTop()
	d.scroll.Refresh()
}

// text returns what the pane's widgets show, as "Label: value" lines.
func (d *detailsPane) text() string {
	var b strings.Builder
	objs := d.form.Objects
	for i := 0; i+1 < len(objs); i += 2 {
		k, v := objs[i].(*widget.Label), objs[i+1].(*widget.Label)
		fmt.Fprintf(&b, "%s: %s\n", k.Text, v.Text)
	}
	return b.String()
}
