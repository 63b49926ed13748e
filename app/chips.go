package app

import (
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"frontier/data"
)

// chipKind names the part of the filter a chip stands for.
type chipKind int

// The filter parts, in the order their chips appear.
const (
	chipWindow chipKind = iota
	chipArea
	chipActors
	chipTypes
	chipFatalities
	chipText
	chipPrecise
	chipGroups
	chipTags
)

// chipPart is one active part of the filter as a chip shows it.
type chipPart struct {
	kind chipKind
	text string
}

// maxChipText is how many characters of the search text a chip quotes.
const maxChipText = 24

// chipParts lists the active parts of f, one chip each.
func chipParts(f *data.Filter) []chipPart {
	var out []chipPart
	if t := windowText(f.From, f.To); t != "" {
		out = append(out, chipPart{chipWindow, t})
	}
	if f.BBox != nil {
		out = append(out, chipPart{chipArea, "area " + areaText(*f.BBox)})
	}
	switch n := len(f.Actors); {
	case n == 1:
		out = append(out, chipPart{chipActors, f.Actors[0]})
	case n > 1:
		out = append(out, chipPart{chipActors, groupDigits(int64(n)) + " actors"})
	}
	switch n := len(f.Types); {
	case n == 1:
		out = append(out, chipPart{chipTypes, f.Types[0]})
	case n > 1:
		out = append(out, chipPart{chipTypes, groupDigits(int64(n)) + " event types"})
	}
	switch n := f.MinFatalities; {
	case n == 1:
		out = append(out, chipPart{chipFatalities, "≥ 1 fatality"})
	case n > 1:
		out = append(out, chipPart{chipFatalities, "≥ " + groupDigits(int64(n)) + " fatalities"})
	}
	if f.Text != "" {
		t := []rune(f.Text)
		if len(t) > maxChipText {
			t = append(t[:maxChipText-1], '…')
		}
		out = append(out, chipPart{chipText, "text: " + string(t)})
	}
	if f.PreciseOnly {
		out = append(out, chipPart{chipPrecise, "precise only"})
	}
	switch n := len(f.Groups); {
	case n == 1:
		out = append(out, chipPart{chipGroups, "group: " + f.Groups[0]})
	case n > 1:
		out = append(out, chipPart{chipGroups, groupDigits(int64(n)) + " actor groups"})
	}
	switch n := len(f.Tags); {
	case n == 1:
		out = append(out, chipPart{chipTags, "tag: " + f.Tags[0]})
	case n > 1:
		out = append(out, chipPart{chipTags, groupDigits(int64(n)) + " tags"})
	}
	return out
}

// windowText writes a time window as "2024-03-01 – 2024-03-31", a single
// day as that day, and a window open at one end as "from …" or "until …";
// no window gives "".
func windowText(from, to time.Time) string {
	day := func(t time.Time) string { return t.UTC().Format(data.DateLayout) }
	switch {
	case from.IsZero() && to.IsZero():
		return ""
	case to.IsZero():
		return "from " + day(from)
	case from.IsZero():
		return "until " + day(to)
	case day(from) == day(to):
		return day(from)
	}
	return day(from) + " – " + day(to)
}

// areaText writes a bound compactly: "34.60–34.80° N, 71.40–71.60° E".
func areaText(b orb.Bound) string {
	span := func(lo, hi float64, pos, neg string) string {
		switch {
		case lo >= 0:
			return fmt.Sprintf("%.2f–%.2f° %s", lo, hi, pos)
		case hi <= 0:
			return fmt.Sprintf("%.2f–%.2f° %s", -hi, -lo, neg)
		}
		return fmt.Sprintf("%.2f° %s–%.2f° %s", -lo, neg, hi, pos)
	}
	return span(b.Min.Lat(), b.Max.Lat(), "N", "S") + ", " + span(b.Min.Lon(), b.Max.Lon(), "E", "W")
}

// chipBar is the row of active-filter chips, with a Clear all button at
// its end. With no filter it has no chips and a zero minimum size, so it
// takes no room above the map.
type chipBar struct {
	widget.BaseWidget
	box      *fyne.Container // the chips
	clearAll *widget.Button
	row      *fyne.Container
	chips    []*filterChip
	parts    []chipPart
	onRemove func(chipKind)
}

func newChipBar(onRemove func(chipKind), onClearAll func()) *chipBar {
	b := &chipBar{onRemove: onRemove, box: container.NewHBox()}
	b.clearAll = widget.NewButtonWithIcon("Clear all", theme.ContentClearIcon(), onClearAll)
	b.clearAll.Importance = widget.LowImportance
	b.row = container.NewBorder(nil, nil, nil, b.clearAll, container.NewHScroll(b.box))
	b.row.Hide()
	b.ExtendBaseWidget(b)
	return b
}

// set shows parts as chips, rebuilding them only when they changed.
func (b *chipBar) set(parts []chipPart) {
	if slices.Equal(parts, b.parts) {
		return
	}
	b.parts = slices.Clone(parts)
	for len(b.chips) < len(parts) {
		c := newFilterChip(b.onRemove)
		b.chips = append(b.chips, c)
	}
	b.box.Objects = b.box.Objects[:0]
	for i, p := range parts {
		b.chips[i].set(p)
		b.box.Objects = append(b.box.Objects, b.chips[i])
	}
	if len(parts) == 0 {
		b.row.Hide()
	} else {
		b.row.Show()
	}
	b.box.Refresh()
	b.Refresh()
}

// chip returns the chip shown for kind, or nil.
func (b *chipBar) chip(kind chipKind) *filterChip {
	for i, p := range b.parts {
		if p.kind == kind {
			return b.chips[i]
		}
	}
	return nil
}

// CreateRenderer returns a renderer sized to nothing while there are no
// chips.
func (b *chipBar) CreateRenderer() fyne.WidgetRenderer { return &chipBarRenderer{b} }

type chipBarRenderer struct{ b *chipBar }

func (r *chipBarRenderer) Destroy() {}

func (r *chipBarRenderer) Layout(size fyne.Size) {
	r.b.row.Move(fyne.NewPos(0, 0))
	r.b.row.Resize(size)
}

func (r *chipBarRenderer) MinSize() fyne.Size {
	if len(r.b.parts) == 0 {
		return fyne.Size{}
	}
	return r.b.row.MinSize()
}

func (r *chipBarRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.b.row} }

func (r *chipBarRenderer) Refresh() {
	r.Layout(r.b.Size())
	canvas.Refresh(r.b.row)
}

// filterChip is one chip: a rounded tag with the part's text and an ×
// button that removes the part.
type filterChip struct {
	widget.BaseWidget
	kind   chipKind
	bg     *canvas.Rectangle
	label  *widget.Label
	remove *widget.Button
}

func newFilterChip(onRemove func(chipKind)) *filterChip {
	c := &filterChip{}
	c.bg = canvas.NewRectangle(nil)
	c.bg.StrokeWidth = 1
	c.paint()
	c.label = widget.NewLabel("")
	c.remove = widget.NewButtonWithIcon("", theme.CancelIcon(), func() { onRemove(c.kind) })
	c.remove.Importance = widget.LowImportance
	c.ExtendBaseWidget(c)
	return c
}

// paint colours the chip's background from the current theme.
func (c *filterChip) paint() {
	c.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	c.bg.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	c.bg.CornerRadius = theme.InputRadiusSize() * 2
}

// Refresh repaints the chip, following theme changes.
func (c *filterChip) Refresh() {
	c.paint()
	c.BaseWidget.Refresh()
}

// set shows part p.
func (c *filterChip) set(p chipPart) {
	c.kind = p.kind
	c.label.SetText(p.text)
}

// CreateRenderer lays the chip out: background, text, × button.
func (c *filterChip) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.bg,
		container.NewBorder(nil, nil, nil, c.remove, c.label)))
}
