package app

import (
	"fmt"
	"image/color"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
)

// dashNames are the dash choices, in data.Dash order.
var dashNames = []string{"solid", "dashed", "dotted"}

// annotProps is the properties panel of the selected annotation, shown in
// the right-hand pane instead of the event details. Each finished edit of
// a field (an entry submitted or left, a slider let go, a choice made) is
// one undoable change, stored before the panel shows it.
type annotProps struct {
	a  *annotUI
	id uint64 // the annotation shown (0 for none)
	// updating is set while the panel fills its widgets, whose callbacks
	// must not store anything then.
	updating bool

	title, kind, locked *widget.Label
	label, notes        *commitEntry
	labelRow            *widget.Label
	stroke, fill        *colourField
	width, strokeOp     *numSlider
	fillOp, textSize    *numSlider
	dash, symbol, layer *widget.Select
	from, to            *commitEntry
	dateMsg             *widget.Label
	dup, del, zoom      *widget.Button
	// rows are the form's (label, field) pairs by name, to hide those a
	// kind does not use.
	rows    map[string][2]fyne.CanvasObject
	form    *fyne.Container
	content fyne.CanvasObject
}

func newAnnotProps(a *annotUI) *annotProps {
	p := &annotProps{a: a, rows: map[string][2]fyne.CanvasObject{}}
	p.title = widget.NewLabelWithStyle("Annotation", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.kind = widget.NewLabel("")
	p.locked = widget.NewLabel("")
	p.locked.Wrapping = fyne.TextWrapWord
	p.locked.Importance = widget.WarningImportance
	p.label = newCommitEntry(false, func(s string) {
		p.edit("Change label", func(an *data.Annotation) { an.Label = s })
	})
	p.notes = newCommitEntry(true, func(s string) {
		p.edit("Change notes", func(an *data.Annotation) { an.Notes = s })
	})
	p.notes.SetMinRowsVisible(3)
	p.stroke = newColourField(func(h string) {
		p.style("Change stroke colour", func(s *data.Style) { s.Stroke = h })
	})
	p.fill = newColourField(func(h string) {
		p.style("Change fill colour", func(s *data.Style) { s.Fill = h })
	})
	p.width = newNumSlider(0.5, 12, 0.5, points, func(v float64) {
		p.style("Change stroke width", func(s *data.Style) { s.StrokeWidth = v })
	})
	p.strokeOp = newNumSlider(0, 1, 0.05, percent, func(v float64) {
		p.style("Change stroke opacity", func(s *data.Style) { s.StrokeOpacity = v })
	})
	p.fillOp = newNumSlider(0, 1, 0.05, percent, func(v float64) {
		p.style("Change fill opacity", func(s *data.Style) { s.FillOpacity = v })
	})
	p.textSize = newNumSlider(8, 48, 1, points, func(v float64) {
		p.style("Change text size", func(s *data.Style) { s.TextSize = v })
	})
	p.dash = widget.NewSelect(dashNames, func(name string) {
		d, _ := data.ParseDash(name)
		p.style("Change dash", func(s *data.Style) { s.Dash = d })
	})
	p.symbol = widget.NewSelect(data.MarkerSymbols, func(name string) {
		p.style("Change symbol", func(s *data.Style) { s.Symbol = name })
	})
	p.layer = widget.NewSelect(nil, func(string) { p.moveToLayer(p.layer.SelectedIndex()) })
	p.from = newCommitEntry(false, func(string) { p.commitDates() })
	p.to = newCommitEntry(false, func(string) { p.commitDates() })
	p.from.SetPlaceHolder("YYYY-MM-DD")
	p.to.SetPlaceHolder("YYYY-MM-DD")
	p.dateMsg = widget.NewLabel("")
	p.dateMsg.Importance = widget.DangerImportance
	p.dateMsg.Wrapping = fyne.TextWrapWord
	p.dup = widget.NewButtonWithIcon("Duplicate", theme.ContentCopyIcon(), a.duplicateSelected)
	p.del = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), a.deleteSelected)
	p.zoom = widget.NewButtonWithIcon("Zoom to", theme.ZoomFitIcon(), func() { a.zoomTo(p.id) })

	p.form = container.New(layout.NewFormLayout())
	p.row("kind", "Kind", p.kind)
	p.labelRow = p.row("label", "Label", p.label)
	p.row("notes", "Notes", p.notes)
	p.row("stroke", "Stroke colour", p.stroke.content)
	p.row("width", "Stroke width", p.width.content)
	p.row("dash", "Dash", p.dash)
	p.row("strokeOp", "Stroke opacity", p.strokeOp.content)
	p.row("fill", "Fill colour", p.fill.content)
	p.row("fillOp", "Fill opacity", p.fillOp.content)
	p.row("textSize", "Text size", p.textSize.content)
	p.row("symbol", "Symbol", p.symbol)
	p.row("from", "Valid from", p.from)
	p.row("to", "Valid to", p.to)
	p.row("dateMsg", "", p.dateMsg)
	p.row("layer", "Layer", p.layer)
	buttons := container.NewGridWithColumns(2, p.dup, p.del, p.zoom)
	hint := widget.NewLabel("Valid from/to: the days the annotation applies (empty: open). Dated annotations show while the time window overlaps them.")
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	p.showDateMsg("")
	body := container.NewVBox(p.locked, p.form, buttons, hint)
	// The scroll bar is drawn over the content's right edge: keep the
	// fields clear of it.
	gutter := canvas.NewRectangle(color.Transparent)
	gutter.SetMinSize(fyne.NewSize(theme.ScrollBarSize()+theme.Padding(), 0))
	p.content = container.NewBorder(p.title, nil, nil, nil, container.NewVScroll(container.NewBorder(nil, nil, nil, gutter, body)))
	return p
}

// row adds a form row and returns its label.
func (p *annotProps) row(name, label string, field fyne.CanvasObject) *widget.Label {
	l := widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	p.form.Add(l)
	p.form.Add(field)
	p.rows[name] = [2]fyne.CanvasObject{l, field}
	return l
}

// kindRows are the rows each kind shows beyond label, kind, notes, stroke
// colour, stroke opacity, text size, validity and layer.
func kindRows(k data.AnnotationKind) []string {
	switch k {
	case data.KindMarker:
		return []string{"width", "fill", "fillOp", "symbol"}
	case data.KindText:
		return nil
	case data.KindPolygon, data.KindRectangle, data.KindCircle:
		return []string{"width", "dash", "fill", "fillOp"}
	}
	return []string{"width", "dash"}
}

// show fills the panel with the selected annotation as stored.
func (p *annotProps) show() {
	an, ok := p.a.selected()
	if !ok {
		p.id = 0
		return
	}
	same := an.ID == p.id
	p.id = an.ID
	p.updating = true
	defer func() { p.updating = false }()

	doc := p.a.doc
	l, _ := doc.layer(an.Layer)
	p.title.SetText(strings.TrimSpace(fmt.Sprintf("%s %s", titleCase(an.Kind.String()), an.Label)))
	p.kind.SetText(an.Kind.String())
	p.labelRow.SetText("Label")
	if an.Kind == data.KindText {
		p.labelRow.SetText("Text")
	}
	// A field the user is typing in keeps their text; the others show
	// what is stored. A focused field the user has not typed in (its text
	// is still what it last showed) shows what is stored too: after an
	// undo or redo it would otherwise keep the old value and store it
	// again when left.
	focused := p.a.focusedText()
	setEntry := func(e *commitEntry, s string) {
		if same && focused == fyne.Focusable(e) && e.Text != e.shown && e.Text != s {
			return
		}
		e.show(s)
	}
	setEntry(p.label, an.Label)
	setEntry(p.notes, an.Notes)
	setEntry(p.from, dateText(an.ValidFrom))
	setEntry(p.to, dateText(an.ValidTo))
	if !same {
		p.showDateMsg("")
	}
	s := an.Style
	p.stroke.set(s.Stroke)
	p.fill.set(s.Fill)
	p.width.s.SetValue(s.StrokeWidth)
	p.width.val.SetText(points(s.StrokeWidth))
	p.strokeOp.s.SetValue(s.StrokeOpacity)
	p.strokeOp.val.SetText(percent(s.StrokeOpacity))
	p.fillOp.s.SetValue(s.FillOpacity)
	p.fillOp.val.SetText(percent(s.FillOpacity))
	p.textSize.s.SetValue(s.TextSize)
	p.textSize.val.SetText(points(s.TextSize))
	p.dash.SetSelected(s.Dash.String())
	if slices.Contains(data.MarkerSymbols, s.Symbol) {
		p.symbol.SetSelected(s.Symbol)
	} else {
		p.symbol.ClearSelected()
	}
	var names []string
	sel := -1
	for i, ly := range doc.layers {
		names = append(names, ly.Name)
		if ly.ID == an.Layer {
			sel = i
		}
	}
	p.layer.SetOptions(names)
	if sel >= 0 {
		p.layer.SetSelectedIndex(sel)
	} else {
		p.layer.ClearSelected()
	}

	extra := kindRows(an.Kind)
	for name, r := range p.rows {
		if name == "dateMsg" {
			continue
		}
		show := !slices.Contains([]string{"width", "dash", "fill", "fillOp", "symbol"}, name) || slices.Contains(extra, name)
		for _, o := range r {
			if show {
				o.Show()
			} else {
				o.Hide()
			}
		}
	}
	p.setReadOnly(l.Locked, l.Name)
	p.form.Refresh()
}

// setReadOnly disables every field of an annotation on a locked layer.
func (p *annotProps) setReadOnly(ro bool, layer string) {
	p.locked.SetText(fmt.Sprintf("The layer %q is locked: unlock it in the Layers tab to edit.", layer))
	if ro {
		p.locked.Show()
	} else {
		p.locked.Hide()
	}
	type disableable interface {
		Enable()
		Disable()
	}
	for _, w := range []disableable{p.label, p.notes, p.width.s, p.strokeOp.s, p.fillOp.s, p.textSize.s, p.dash, p.symbol, p.layer, p.from, p.to, p.del} {
		if ro {
			w.Disable()
		} else {
			w.Enable()
		}
	}
	p.stroke.setDisabled(ro)
	p.fill.setDisabled(ro)
}

// readOnly reports whether the panel's fields are disabled.
func (p *annotProps) readOnly() bool { return p.label.Disabled() }

// edit stores one change to the shown annotation.
func (p *annotProps) edit(label string, fn func(*data.Annotation)) bool {
	if p.updating || p.id == 0 || p.a.doc == nil || p.a.doc.selected != p.id {
		return false
	}
	return p.a.editSelected(label, fn)
}

// style stores one style change and makes it the default for new
// annotations of the same kind.
func (p *annotProps) style(label string, fn func(*data.Style)) {
	if p.updating {
		return
	}
	an, ok := p.a.selected()
	if !ok {
		return
	}
	if p.edit(label, func(a *data.Annotation) { fn(&a.Style) }) {
		p.a.doc.rememberStyle(an.Kind, fn)
	}
}

// moveToLayer moves the shown annotation to the i-th layer.
func (p *annotProps) moveToLayer(i int) {
	if p.updating || p.a.doc == nil || i < 0 || i >= len(p.a.doc.layers) {
		return
	}
	l := p.a.doc.layers[i]
	if l.Locked {
		p.a.fail(fmt.Errorf("move to layer %q: the layer is locked", l.Name))
		p.show()
		return
	}
	p.edit("Move to "+l.Name, func(an *data.Annotation) { an.Layer = l.ID })
}

// commitDates stores the validity span when both entries read as dates
// (or are empty) and the span is not reversed; otherwise the message
// beside them says what is wrong and nothing is stored.
func (p *annotProps) commitDates() {
	if p.updating || p.id == 0 {
		return
	}
	cur, ok := p.a.selected()
	if !ok || cur.ID != p.id {
		return
	}
	from, errF := parseDay(p.from.Text, cur.ValidFrom)
	to, errT := parseDay(p.to.Text, cur.ValidTo)
	switch {
	case errF != nil:
		p.showDateMsg("Valid from: " + errF.Error())
		return
	case errT != nil:
		p.showDateMsg("Valid to: " + errT.Error())
		return
	case !from.IsZero() && !to.IsZero() && to.Before(from):
		p.showDateMsg("Valid to is before valid from.")
		return
	}
	p.showDateMsg("")
	p.edit("Change validity", func(an *data.Annotation) { an.ValidFrom, an.ValidTo = from, to })
}

// showDateMsg shows what is wrong with the validity entries, in the row
// under them ("" hides the row).
func (p *annotProps) showDateMsg(msg string) {
	p.dateMsg.SetText(msg)
	for _, o := range p.rows["dateMsg"] {
		if msg == "" {
			o.Hide()
		} else {
			o.Show()
		}
	}
}

// flush stores what the user typed in a field they have not left yet.
func (p *annotProps) flush() {
	if p.id == 0 || p.a.doc == nil || p.a.doc.selected != p.id {
		return
	}
	for _, e := range []*commitEntry{p.label, p.notes, p.stroke.hex, p.fill.hex} {
		e.commit()
	}
	if cur, ok := p.a.selected(); ok && (p.from.Text != dateText(cur.ValidFrom) || p.to.Text != dateText(cur.ValidTo)) {
		p.commitDates()
	}
}

// dateText shows a validity end as YYYY-MM-DD ("" when open).
func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

// parseDay reads a YYYY-MM-DD day ("" is open). Text that still shows
// the stored value returns it unchanged, so a stored instant is not
// rounded to its day by an edit of the other end.
func parseDay(s string, stored time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == dateText(stored) {
		return stored, nil
	}
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date: use YYYY-MM-DD", s)
	}
	return t.UTC(), nil
}

// titleCase upper-cases the first letter.
func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
