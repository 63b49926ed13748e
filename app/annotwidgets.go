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

// commitEntry is an entry that commits its text when the user submits it
// (Enter in a single-line entry, which also leaves the field) or leaves
// it: one commit per finished edit, not one per keystroke.
type commitEntry struct {
	widget.Entry
	onCommit func(text string)
	// shown is the stored value the entry last showed (see show).
	shown string
}

func newCommitEntry(multiLine bool, commit func(string)) *commitEntry {
	e := &commitEntry{onCommit: commit}
	e.MultiLine = multiLine
	e.Wrapping = fyne.TextWrapWord
	if !multiLine {
		e.Wrapping = fyne.TextWrapOff
		e.OnSubmitted = func(s string) {
			e.commit()
			if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil && c.Focused() == fyne.Focusable(e) {
				c.Unfocus()
			}
		}
	}
	e.ExtendBaseWidget(e)
	return e
}

// FocusLost commits the text.
func (e *commitEntry) FocusLost() {
	e.Entry.FocusLost()
	e.commit()
}

func (e *commitEntry) commit() {
	if e.onCommit != nil && !e.Disabled() {
		e.onCommit(e.Text)
	}
}

// setText shows s unless the entry already does (which would move its
// cursor).
func (e *commitEntry) setText(s string) {
	if e.Text != s {
		e.SetText(s)
	}
}

// show shows the stored value s; until the user types, Text equals
// shown.
func (e *commitEntry) show(s string) {
	e.shown = s
	e.setText(s)
}

// palette is the colour swatches offered for strokes and fills.
var palette = []string{"#d7191c", "#fdae61", "#ffd92f", "#1a9641", "#2b83ba", "#7b3294", "#e7298a", "#8c510a", "#1a1a1a", "#ffffff"}

// swatch is a tappable colour square.
type swatch struct {
	widget.BaseWidget
	hex   string
	rect  *canvas.Rectangle
	onTap func(hex string)
}

func newSwatch(hex string, tap func(string)) *swatch {
	s := &swatch{hex: hex, onTap: tap, rect: canvas.NewRectangle(hexColor(hex))}
	s.rect.StrokeColor = theme.Color(theme.ColorNameShadow)
	s.rect.StrokeWidth = 1
	s.rect.CornerRadius = 2
	s.ExtendBaseWidget(s)
	return s
}

// CreateRenderer implements fyne.Widget.
func (s *swatch) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(s.rect) }

// MinSize is a small square.
func (s *swatch) MinSize() fyne.Size { return fyne.NewSize(20, 20) }

// Tapped picks the colour.
func (s *swatch) Tapped(*fyne.PointEvent) {
	if s.onTap != nil {
		s.onTap(s.hex)
	}
}

// setCurrent outlines the swatch when it is the chosen colour.
func (s *swatch) setCurrent(on bool) {
	s.rect.StrokeWidth, s.rect.StrokeColor = 1, theme.Color(theme.ColorNameShadow)
	if on {
		s.rect.StrokeWidth, s.rect.StrokeColor = 3, theme.Color(theme.ColorNamePrimary)
	}
	s.rect.Refresh()
}

// hexColor reads "#rrggbb" (grey when it does not parse).
func hexColor(hex string) color.Color {
	r, g, b, ok := data.ParseHexColor(hex)
	if !ok {
		return color.NRGBA{0x80, 0x80, 0x80, 0xff}
	}
	return color.NRGBA{r, g, b, 0xff}
}

// normHex returns hex as "#rrggbb" in lower case, or false when it is not
// a colour.
func normHex(hex string) (string, bool) {
	r, g, b, ok := data.ParseHexColor(hex)
	if !ok {
		return "", false
	}
	return fmt.Sprintf("#%02x%02x%02x", r, g, b), true
}

// colourField picks a colour: a row of swatches and a hex entry.
type colourField struct {
	swatches []*swatch
	hex      *commitEntry
	msg      *widget.Label
	content  fyne.CanvasObject
	disabled bool
}

// newColourField calls pick with a normalised "#rrggbb" colour when a
// swatch is tapped or a hex value committed.
func newColourField(pick func(hex string)) *colourField {
	f := &colourField{msg: widget.NewLabel("")}
	f.msg.Importance = widget.DangerImportance
	f.msg.Hide()
	grid := container.NewGridWithColumns(len(palette) / 2)
	for _, h := range palette {
		s := newSwatch(h, func(h string) {
			if !f.disabled {
				pick(h)
			}
		})
		f.swatches = append(f.swatches, s)
		grid.Add(s)
	}
	f.hex = newCommitEntry(false, func(text string) {
		h, ok := normHex(text)
		if !ok {
			f.msg.SetText("Use #rrggbb")
			f.msg.Show()
			return
		}
		f.msg.Hide()
		pick(h)
	})
	f.hex.SetPlaceHolder("#rrggbb")
	f.content = container.NewVBox(grid, container.NewBorder(nil, nil, nil, f.msg, f.hex))
	return f
}

// set shows hex as the current colour.
func (f *colourField) set(hex string) {
	h, _ := normHex(hex)
	for _, s := range f.swatches {
		s.setCurrent(s.hex == h)
	}
	f.hex.setText(hex)
	f.msg.Hide()
}

// setDisabled makes the field read-only.
func (f *colourField) setDisabled(off bool) {
	f.disabled = off
	if off {
		f.hex.Disable()
	} else {
		f.hex.Enable()
	}
}

// numSlider is a slider with its value shown beside it; it commits when
// the user lets go (OnChangeEnded), not while dragging.
type numSlider struct {
	s       *widget.Slider
	val     *widget.Label
	format  func(float64) string
	content fyne.CanvasObject
}

func newNumSlider(lo, hi, step float64, format func(float64) string, commit func(float64)) *numSlider {
	n := &numSlider{s: widget.NewSlider(lo, hi), val: widget.NewLabel(""), format: format}
	n.s.Step = step
	n.s.OnChanged = func(v float64) { n.val.SetText(format(v)) }
	n.s.OnChangeEnded = commit
	n.content = container.NewBorder(nil, nil, nil, n.val, n.s)
	return n
}

// percent formats an opacity: "40 %".
func percent(v float64) string { return strconv.Itoa(int(v*100+0.5)) + " %" }

// points formats a width or size: "2.5 pt".
func points(v float64) string {
	return strings.TrimSuffix(strconv.FormatFloat(v, 'f', 1, 64), ".0") + " pt"
}
