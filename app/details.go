package app

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
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
}

func newDetailsPane(st *state) *detailsPane {
	d := &detailsPane{st: st}
	d.title = widget.NewLabelWithStyle("Event", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.title.Truncation = fyne.TextTruncateEllipsis
	d.hint = widget.NewLabel("Select an event in the table to see all its fields.")
	d.hint.Wrapping = fyne.TextWrapWord
	d.form = container.New(layout.NewFormLayout())
	d.scroll = container.NewVScroll(container.NewVBox(d.hint, d.form))
	d.content = container.NewBorder(d.title, nil, nil, nil, d.scroll)
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
		return
	}
	ix := d.st.ix
	d.st.spawn(func() func() {
		e, err := ix.Event(row)
		return func() {
			if gen == d.gen {
				d.show(e, err)
			}
		}
	})
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
