package app

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"frontier/data"
)

// Position modes of the event form.
const (
	posDecimal = "Decimal degrees"
	posMGRS    = "MGRS"
)

// precisions are the date precisions the form offers.
var precisions = []string{"day", "week", "month", "year", "span"}

// maxCompletions is how many known names a completion list offers.
const maxCompletions = 15

// eventForm is the dialog that adds an event by hand or edits one: date
// and its precision (a span has an end date), position as decimal degrees
// or MGRS, the place's names (pre-filled from the gazetteer's nearest
// place), ACLED event and sub-event type (or free text), actors with
// completion from the known actors, fatalities, source, tags and notes.
// Save checks every field at once and shows each problem under its
// field; nothing is stored until all are right, and then the event is
// stored in one transaction before the dialog closes.
type eventForm struct {
	u    *mainUI
	base *data.Event // the event edited; nil for a new one
	dlg  *dialog.CustomDialog

	date, dateEnd                     *widget.Entry
	precision                         *widget.Select
	posMode                           *widget.RadioGroup
	lat, lon, mgrs                    *widget.Entry
	latLon, mgrsRow                   *fyne.Container
	location, admin1, admin2, country *widget.Entry
	nearest                           *widget.Button
	evType, subType                   *widget.SelectEntry
	actor1, actor2                    *widget.SelectEntry
	fatalities, source, tags          *widget.Entry
	addTag                            *widget.Select
	notes                             *widget.Entry
	save, cancel                      *widget.Button

	errs    map[string]*widget.Label // the error line under each field
	general *widget.Label            // errors of no field shown, and store errors
	hints   map[*widget.SelectEntry]*widget.Label
	offered map[*widget.SelectEntry][]string // each list's options as last set
	actors  []string
	saving  bool
	open    bool // the dialog is shown
}

// offer sets the options of a field's list.
func (f *eventForm) offer(e *widget.SelectEntry, opts []string) {
	f.offered[e] = opts
	e.SetOptions(opts)
}

// showEventForm opens the form: for a new event when base is nil (its
// position pre-filled from at, when given, with the nearest gazetteer
// place as its location), else for editing base.
func (u *mainUI) showEventForm(base *data.Event, at *orb.Point) *eventForm {
	f := newEventForm(u, base)
	if base != nil {
		f.setForm(data.FormOf(base))
	} else {
		f.precision.SetSelected("day")
		if at != nil {
			f.lat.SetText(strconv.FormatFloat(at.Lat(), 'f', 5, 64))
			f.lon.SetText(strconv.FormatFloat(at.Lon(), 'f', 5, 64))
			f.fillNearest()
		}
	}
	title := "Add event"
	if base != nil {
		title = "Edit event " + strings.TrimSpace(base.Dataset+":"+base.SourceID)
	}
	body := container.NewBorder(f.general, nil, nil, nil, container.NewVScroll(f.grid()))
	f.dlg = dialog.NewCustomWithoutButtons(title, body, u.win)
	f.dlg.SetButtons([]fyne.CanvasObject{f.cancel, f.save})
	f.dlg.Resize(fyne.NewSize(640, min(780, max(480, u.win.Canvas().Size().Height-60))))
	f.dlg.SetOnClosed(func() { f.open = false })
	f.open = true
	f.dlg.Show()
	u.eventForm = f
	if base == nil && at == nil {
		u.win.Canvas().Focus(f.date)
	}
	return f
}

func newEventForm(u *mainUI, base *data.Event) *eventForm {
	f := &eventForm{u: u, base: base, errs: map[string]*widget.Label{}, hints: map[*widget.SelectEntry]*widget.Label{},
		offered: map[*widget.SelectEntry][]string{}}
	f.actors = u.st.ix.ActorNames()
	entry := func(place string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(place)
		return e
	}
	f.date = entry("2025-05-07, 7 May 2025 or 07/05/2025")
	f.dateEnd = entry("end of the span")
	f.precision = widget.NewSelect(precisions, func(p string) {
		if p == "span" {
			f.dateEnd.Enable()
		} else {
			f.dateEnd.Disable()
		}
	})
	f.dateEnd.Disable()
	f.lat = entry("34.78 or 34.78N")
	f.lon = entry("71.35 or 71.35E")
	f.mgrs = entry("42SXD 12345 67890")
	f.latLon = container.NewGridWithColumns(2, f.lat, f.lon)
	f.mgrsRow = container.NewStack(f.mgrs)
	f.mgrsRow.Hide()
	f.posMode = widget.NewRadioGroup([]string{posDecimal, posMGRS}, f.switchPosition)
	f.posMode.Horizontal = true
	f.posMode.Required = true
	f.posMode.SetSelected(posDecimal)
	f.location = entry("place name")
	f.nearest = widget.NewButtonWithIcon("Nearest place", theme.SearchIcon(), f.fillNearest)
	f.nearest.Importance = widget.LowImportance
	f.admin1 = entry("province")
	f.admin2 = entry("district")
	f.country = entry("country")
	f.evType = widget.NewSelectEntry(data.EventTypeNames())
	f.evType.SetPlaceHolder("ACLED type, or your own")
	f.subType = widget.NewSelectEntry(data.SubEventTypes(""))
	f.subType.SetPlaceHolder("ACLED sub-event type, or your own")
	f.evType.OnChanged = func(t string) { f.offer(f.subType, data.SubEventTypes(t)) }
	f.subType.OnChanged = func(s string) {
		if t, _ := data.EventTypeOf(s); t != "" && strings.TrimSpace(f.evType.Text) == "" {
			f.evType.SetText(t)
		}
	}
	f.actor1 = f.actorEntry()
	f.actor2 = f.actorEntry()
	f.fatalities = entry("0")
	f.source = entry("report, or https://…")
	f.tags = entry("comma-separated, e.g. cross-border strikes")
	f.addTag = widget.NewSelect(u.st.ix.TagNames(), func(t string) {
		if t == "" {
			return
		}
		cur := strings.TrimSpace(f.tags.Text)
		if cur != "" && !strings.HasSuffix(cur, ",") {
			cur += ", "
		}
		f.tags.SetText(cur + t)
		f.addTag.ClearSelected()
	})
	f.addTag.PlaceHolder = "Known tags"
	f.notes = widget.NewMultiLineEntry()
	f.notes.Wrapping = fyne.TextWrapWord
	f.notes.SetMinRowsVisible(3)
	f.general = widget.NewLabel("")
	f.general.Importance = widget.DangerImportance
	f.general.Wrapping = fyne.TextWrapWord
	f.general.Hide()
	f.clearOnEdit()
	f.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	f.cancel = widget.NewButton("Cancel", func() { f.dlg.Hide() })
	return f
}

// actorEntry is an actor field: its list offers the known actors that
// match what is typed, and Enter takes the first of them.
func (f *eventForm) actorEntry() *widget.SelectEntry {
	e := widget.NewSelectEntry(data.Complete(f.actors, "", maxCompletions))
	e.SetPlaceHolder("type to complete from the known actors")
	hint := widget.NewLabel("")
	hint.SizeName = theme.SizeNameCaptionText
	hint.Importance = widget.LowImportance
	hint.Truncation = fyne.TextTruncateEllipsis
	hint.Hide()
	f.hints[e] = hint
	e.OnChanged = func(s string) {
		opts := data.Complete(f.actors, s, maxCompletions)
		f.offer(e, opts)
		if s = strings.TrimSpace(s); s == "" || len(opts) == 0 || opts[0] == s {
			hint.Hide()
			return
		}
		more := ""
		if len(opts) > 1 {
			more = fmt.Sprintf(" (%d more in the list)", len(opts)-1)
		}
		hint.SetText("Enter: " + opts[0] + more)
		hint.Show()
	}
	e.OnSubmitted = func(s string) {
		if opts := data.Complete(f.actors, s, 1); strings.TrimSpace(s) != "" && len(opts) == 1 {
			e.SetText(opts[0])
		}
	}
	return e
}

// clearOnEdit hides a field's error line once the field is edited.
func (f *eventForm) clearOnEdit() {
	hide := func(fields ...string) {
		for _, n := range fields {
			if l := f.errs[n]; l != nil && l.Visible() {
				l.Hide()
			}
		}
	}
	for e, fields := range map[*widget.Entry][]string{
		f.date: {data.FieldDate}, f.dateEnd: {data.FieldDateEnd}, f.lat: {data.FieldLat}, f.lon: {data.FieldLon},
		f.mgrs: {data.FieldMGRS}, f.location: {data.FieldLocation}, f.admin1: {data.FieldAdmin1},
		f.admin2: {data.FieldAdmin2}, f.country: {data.FieldCountry}, f.fatalities: {data.FieldFatalities},
		f.source: {data.FieldSource}, f.tags: {data.FieldTags}, f.notes: {data.FieldNotes},
	} {
		e.OnChanged = func(string) { hide(fields...) }
	}
	chain := func(e *widget.SelectEntry, fields ...string) {
		prev := e.OnChanged
		e.OnChanged = func(s string) {
			hide(fields...)
			if prev != nil {
				prev(s)
			}
		}
	}
	chain(f.evType, data.FieldEventType, data.FieldSubEventType)
	chain(f.subType, data.FieldSubEventType, data.FieldEventType)
	chain(f.actor1, data.FieldActor1)
	chain(f.actor2, data.FieldActor2)
}

// grid lays the fields out, each with its error line.
func (f *eventForm) grid() fyne.CanvasObject {
	g := container.New(layout.NewFormLayout())
	row := func(label string, field fyne.CanvasObject, names ...string) {
		cell := container.NewVBox(field)
		if se, ok := field.(*widget.SelectEntry); ok && f.hints[se] != nil {
			cell.Add(f.hints[se])
		}
		for _, n := range names {
			l := widget.NewLabel("")
			l.Importance = widget.DangerImportance
			l.SizeName = theme.SizeNameCaptionText
			l.Wrapping = fyne.TextWrapWord
			l.Hide()
			f.errs[n] = l
			cell.Add(l)
		}
		g.Add(widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		g.Add(cell)
	}
	row("Date", f.date, data.FieldDate)
	row("Precision", container.NewGridWithColumns(2, f.precision, f.dateEnd), data.FieldPrecision, data.FieldDateEnd)
	row("Position", container.NewVBox(f.posMode, f.latLon, f.mgrsRow), data.FieldLat, data.FieldLon, data.FieldMGRS)
	row("Location", container.NewBorder(nil, nil, nil, f.nearest, f.location), data.FieldLocation)
	row("Province, district", container.NewGridWithColumns(2, f.admin1, f.admin2), data.FieldAdmin1, data.FieldAdmin2)
	row("Country", f.country, data.FieldCountry)
	row("Event type", f.evType, data.FieldEventType)
	row("Sub-event type", f.subType, data.FieldSubEventType)
	row("Actor 1", f.actor1, data.FieldActor1)
	row("Actor 2", f.actor2, data.FieldActor2)
	row("Fatalities", f.fatalities, data.FieldFatalities)
	row("Source", f.source, data.FieldSource)
	row("Tags", container.NewBorder(nil, nil, nil, f.addTag, f.tags), data.FieldTags)
	row("Notes", f.notes, data.FieldNotes)
	return g
}

// switchPosition shows the decimal or the MGRS fields, carrying a valid
// position over.
func (f *eventForm) switchPosition(mode string) {
	if f.latLon == nil {
		return
	}
	switch mode {
	case posMGRS:
		if lat, err := data.ParseDegrees(f.lat.Text, false); err == nil {
			if lon, err := data.ParseDegrees(f.lon.Text, true); err == nil && strings.TrimSpace(f.mgrs.Text) == "" {
				if s, err := data.FormatMGRS(lon, lat, 5); err == nil {
					f.mgrs.SetText(s)
				}
			}
		}
		f.latLon.Hide()
		f.mgrsRow.Show()
	default:
		if lon, lat, err := data.ParseMGRS(f.mgrs.Text); err == nil {
			f.lat.SetText(strconv.FormatFloat(lat, 'f', 5, 64))
			f.lon.SetText(strconv.FormatFloat(lon, 'f', 5, 64))
		}
		f.mgrsRow.Hide()
		f.latLon.Show()
	}
}

// position reads the position fields (decimal or MGRS).
func (f *eventForm) position() (lon, lat float64, ok bool) {
	if f.posMode.Selected == posMGRS {
		lon, lat, err := data.ParseMGRS(f.mgrs.Text)
		return lon, lat, err == nil
	}
	lat, err1 := data.ParseDegrees(f.lat.Text, false)
	lon, err2 := data.ParseDegrees(f.lon.Text, true)
	return lon, lat, err1 == nil && err2 == nil
}

// fillNearest names the location after the gazetteer's place nearest to
// the position ("13 km NW of Peshawar"), with its province and country.
func (f *eventForm) fillNearest() {
	lon, lat, ok := f.position()
	if !ok {
		f.showErrors(data.FormError{{Field: data.FieldLat, Reason: "enter a position first to find the nearest place"}})
		return
	}
	n, ok := nearestPlace(lon, lat)
	if !ok {
		return
	}
	f.location.SetText(n.Describe())
	// A place farther off may lie across a border or a provincial line:
	// its province and country are filled in only when it is close.
	if n.Distance <= nearAdminMetres {
		f.admin1.SetText(n.Place.Admin1)
		f.country.SetText(countryName(n.Place.Country))
	}
}

// nearAdminMetres is how close the nearest place must be for the form to
// take its province and country.
const nearAdminMetres = 10_000

// form reads the widgets.
func (f *eventForm) form() data.EventForm {
	ef := data.EventForm{
		Date: f.date.Text, Precision: f.precision.Selected,
		Location: f.location.Text, Admin1: f.admin1.Text, Admin2: f.admin2.Text, Country: f.country.Text,
		EventType: f.evType.Text, SubEventType: f.subType.Text,
		Actor1: f.actor1.Text, Actor2: f.actor2.Text, Fatalities: f.fatalities.Text,
		Notes: f.notes.Text, Source: f.source.Text, Tags: f.tags.Text,
	}
	if f.precision.Selected == "span" {
		ef.DateEnd = f.dateEnd.Text
	}
	if f.posMode.Selected == posMGRS {
		ef.MGRS = f.mgrs.Text
	} else {
		ef.Lat, ef.Lon = f.lat.Text, f.lon.Text
	}
	if f.base != nil {
		ef.Assoc1, ef.Assoc2 = data.JoinList(f.base.Assoc1), data.JoinList(f.base.Assoc2)
	}
	return ef
}

// setForm fills the widgets from ef.
func (f *eventForm) setForm(ef data.EventForm) {
	f.date.SetText(ef.Date)
	p := ef.Precision
	if p == "" {
		p = "day"
	}
	f.precision.SetSelected(p)
	f.dateEnd.SetText(ef.DateEnd)
	f.posMode.SetSelected(posDecimal)
	f.lat.SetText(ef.Lat)
	f.lon.SetText(ef.Lon)
	f.mgrs.SetText(ef.MGRS)
	f.location.SetText(ef.Location)
	f.admin1.SetText(ef.Admin1)
	f.admin2.SetText(ef.Admin2)
	f.country.SetText(ef.Country)
	f.evType.SetText(ef.EventType)
	f.subType.SetText(ef.SubEventType)
	f.actor1.SetText(ef.Actor1)
	f.actor2.SetText(ef.Actor2)
	f.fatalities.SetText(ef.Fatalities)
	f.notes.SetText(ef.Notes)
	f.source.SetText(ef.Source)
	f.tags.SetText(ef.Tags)
	for _, h := range f.hints {
		h.Hide()
	}
}

// showErrors puts each problem under its field (nil clears them all).
func (f *eventForm) showErrors(err error) {
	for _, l := range f.errs {
		l.Hide()
	}
	f.general.Hide()
	var fe data.FormError
	if !errors.As(err, &fe) {
		if err != nil {
			f.general.SetText(err.Error())
			f.general.Show()
		}
		return
	}
	var rest []string
	for _, e := range fe {
		if l := f.errs[e.Field]; l != nil {
			l.SetText(e.Reason)
			l.Show()
		} else {
			rest = append(rest, e.Error())
		}
	}
	if len(rest) > 0 {
		f.general.SetText(strings.Join(rest, "; "))
		f.general.Show()
	}
}

// fieldError returns the error shown under field ("" for none).
func (f *eventForm) fieldError(field string) string {
	if l := f.errs[field]; l != nil && l.Visible() {
		return l.Text
	}
	return ""
}

// submit checks the form and stores the event: a new one, or the edited
// one (nothing when nothing changed). The dialog closes once the change
// is committed; any problem keeps it open with the fields as typed.
func (f *eventForm) submit() {
	if f.saving {
		return
	}
	ef := f.form()
	e, err := ef.ApplyTo(f.base)
	f.showErrors(err)
	if err != nil {
		return
	}
	if f.base != nil && ef == data.FormOf(f.base) {
		f.dlg.Hide() // nothing changed
		return
	}
	f.saving = true
	f.save.Disable()
	build := func(s *data.Store, _ *data.Index) (data.EventChange, error) {
		if f.base == nil {
			return data.AddEventChange(e), nil
		}
		return s.EditEventChange(e)
	}
	f.u.runCuration(build, firstAfterID, func(_ *mainUI, _ data.EventChange, err error) bool {
		f.saving = false
		f.save.Enable()
		if err != nil {
			f.showErrors(err)
			return true
		}
		f.dlg.Hide()
		return true
	})
}
