package app

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
)

// maxCardNotes is how many characters of an event's notes the card shows.
const maxCardNotes = 480

// cardFields is what the step card says about one event.
type cardFields struct {
	Step, Date, Type, Actors, Fatalities, Location, Notes, Source string
}

// stepCardFields describes e (index row row) as step pos of n.
func stepCardFields(ix *data.Index, row int, pos, n int, e *data.Event) cardFields {
	f := cardFields{Step: fmt.Sprintf("Step %d of %d", pos, n)}
	f.Date = ix.RowDate(row) + " · " + ix.DatePrec[row].String() + " precision"
	f.Type = e.EventType
	if e.SubEventType != "" && e.SubEventType != e.EventType {
		f.Type += " — " + e.SubEventType
	}
	side := func(actor string, assoc []string) string {
		if len(assoc) > 0 {
			return actor + " (with " + strings.Join(assoc, ", ") + ")"
		}
		return actor
	}
	f.Actors = side(e.Actor1, e.Assoc1)
	if e.Actor2 != "" {
		f.Actors += " vs " + side(e.Actor2, e.Assoc2)
	}
	switch e.Fatalities {
	case 0:
		f.Fatalities = "No fatalities reported"
	case 1:
		f.Fatalities = "1 fatality"
	default:
		f.Fatalities = groupDigits(int64(e.Fatalities)) + " fatalities"
	}
	var place []string
	for _, s := range []string{e.Location, e.Admin2, e.Admin1, e.Country} {
		if s = strings.TrimSpace(s); s != "" && !containsFold(place, s) {
			place = append(place, s)
		}
	}
	f.Location = strings.Join(place, ", ") + fmt.Sprintf(" · %.4f, %.4f", e.Lat, e.Lon)
	if e.GeoPrecision != 0 {
		f.Location += " · geo precision " + geoPrecisionText(e.GeoPrecision)
	}
	f.Notes = strings.TrimSpace(e.Notes)
	if r := []rune(f.Notes); len(r) > maxCardNotes {
		f.Notes = strings.TrimSpace(string(r[:maxCardNotes])) + "…"
	}
	if e.Source != "" {
		f.Source = "Source: " + e.Source
		if e.SourceScale != "" {
			f.Source += " (" + e.SourceScale + ")"
		}
	}
	return f
}

func containsFold(l []string, s string) bool {
	for _, x := range l {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// stepCard is the large card of the current step's event.
type stepCard struct {
	step, date, kind, actors, fatal, place, notes, source *widget.Label
	content                                               fyne.CanvasObject
	shown                                                 cardFields
}

func newStepCard() *stepCard {
	c := &stepCard{}
	label := func(size fyne.ThemeSizeName, bold bool) *widget.Label {
		l := widget.NewLabel("")
		l.SizeName = size
		l.TextStyle.Bold = bold
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	c.step = label(theme.SizeNameCaptionText, false)
	c.date = label(theme.SizeNameSubHeadingText, true)
	c.kind = label(theme.SizeNameSubHeadingText, false)
	c.actors = label(theme.SizeNameText, true)
	c.fatal = label(theme.SizeNameText, false)
	c.fatal.Importance = widget.WarningImportance
	c.place = label(theme.SizeNameText, false)
	c.notes = label(theme.SizeNameText, false)
	c.source = label(theme.SizeNameCaptionText, false)
	c.source.TextStyle.Italic = true
	c.content = card(container.NewVBox(c.step, c.date, c.kind, c.actors, c.fatal, c.place, c.notes, c.source))
	return c
}

// loading shows the step while its event is read.
func (c *stepCard) loading(step string) {
	c.set(cardFields{Step: step, Date: "…"})
}

// show writes the event's fields, or the error reading it.
func (c *stepCard) show(ix *data.Index, row, pos, n int, e *data.Event, err error) {
	if err != nil {
		c.set(cardFields{Step: fmt.Sprintf("Step %d of %d", pos, n), Date: ix.RowDate(row), Notes: fmt.Sprintf("Could not read the event: %v", err)})
		return
	}
	c.set(stepCardFields(ix, row, pos, n, e))
}

func (c *stepCard) set(f cardFields) {
	c.shown = f
	for _, p := range []struct {
		l    *widget.Label
		text string
	}{{c.step, f.Step}, {c.date, f.Date}, {c.kind, f.Type}, {c.actors, f.Actors}, {c.fatal, f.Fatalities},
		{c.place, f.Location}, {c.notes, f.Notes}, {c.source, f.Source}} {
		p.l.SetText(p.text)
		p.l.Hidden = p.text == ""
	}
	c.content.Refresh()
}

// trailLayer draws the step-through's trail over the map: rings on the
// earlier steps, fainter the older they are, joined by lines to the
// current step, which has a bold ring.
type trailLayer struct {
	s       *stepper
	rings   []*canvas.Circle
	lines   []*canvas.Line
	numbers []*canvas.Text // each earlier step's number in the walk
	current *canvas.Circle
	content *fyne.Container
}

func newTrailLayer(s *stepper) *trailLayer {
	t := &trailLayer{s: s}
	var objs []fyne.CanvasObject
	for range trailLen {
		l := canvas.NewLine(trailColor)
		l.StrokeWidth = 4
		t.lines = append(t.lines, l)
		objs = append(objs, l)
	}
	for range trailLen {
		c := canvas.NewCircle(color.Transparent)
		c.StrokeWidth = 3.5
		t.rings = append(t.rings, c)
		objs = append(objs, c)
	}
	for range trailLen {
		n := canvas.NewText("", trailColor)
		n.TextSize = 15
		n.TextStyle.Bold = true
		t.numbers = append(t.numbers, n)
		objs = append(objs, n)
	}
	t.current = canvas.NewCircle(color.Transparent)
	t.current.StrokeColor = trailColor
	t.current.StrokeWidth = 4
	objs = append(objs, t.current)
	t.content = container.New(&trailLayout{t: t}, objs...)
	return t
}

// rebuild sets the colours of the trail for the current steps and
// places it.
func (t *trailLayer) rebuild() {
	n := len(t.s.trail)
	for k := range trailLen {
		ring, line, num := t.rings[k], t.lines[k], t.numbers[k]
		if k >= n {
			ring.Hide()
			line.Hide()
			num.Hide()
			continue
		}
		// k = 0 is the oldest step shown: the faintest.
		a := uint8(90 + 165*(k+1)/(n+1))
		c := trailColor
		c.A = a
		ring.StrokeColor = c
		ring.FillColor = color.NRGBA{R: c.R, G: c.G, B: c.B, A: a / 3}
		line.StrokeColor = color.NRGBA{R: c.R, G: c.G, B: c.B, A: a * 3 / 4}
		num.Text = strconv.Itoa(t.s.i - n + k + 1) // the step's number, 1-based
		num.Color = color.NRGBA{R: 120, G: 60, B: 0, A: a}
		ring.Show()
		line.Show()
		num.Show()
	}
	t.current.Hidden = !t.s.active
	t.content.Refresh()
}

// place moves the trail to where the map shows its events now.
func (t *trailLayer) place() {
	if t.s.active {
		t.content.Refresh()
	}
}

// trailLayout projects the trail's events with the map's viewport.
type trailLayout struct{ t *trailLayer }

func (l *trailLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	t := l.t
	s := t.s
	if !s.active || len(s.rows) == 0 {
		return
	}
	u := s.b.u
	ix := u.st.ix
	v := u.mapP.m.View()
	v.Width, v.Height, v.Scale = max(1, int(size.Width)), max(1, int(size.Height)), 1
	at := func(row int32) fyne.Position {
		x, y := v.ToPixel(ix.X[row], ix.Y[row])
		return fyne.NewPos(float32(x), float32(y))
	}
	cur := at(s.rows[s.i])
	const rCur = 17
	t.current.Move(cur.SubtractXY(rCur, rCur))
	t.current.Resize(fyne.NewSquareSize(2 * rCur))
	for k, row := range s.trail {
		p := at(row)
		r := float32(7 + 5*(k+1)/len(s.trail))
		t.rings[k].Move(p.SubtractXY(r, r))
		t.rings[k].Resize(fyne.NewSquareSize(2 * r))
		next := cur
		if k+1 < len(s.trail) {
			next = at(s.trail[k+1])
		}
		t.lines[k].Position1, t.lines[k].Position2 = p, next
		t.numbers[k].Move(p.AddXY(r+2, -r-16))
		t.numbers[k].Resize(t.numbers[k].MinSize())
	}
}

func (l *trailLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size{} }
