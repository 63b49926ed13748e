package timeline

import (
	"image/color"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// maxTipLines bounds the tooltip's lines.
const maxTipLines = 9

// tipLine is one line of the tooltip: text, with a colour swatch when
// swatch.A > 0.
type tipLine struct {
	text   string
	swatch color.RGBA
}

// tipLines describes bin i of h: its dates, its counts, then the counts
// of its series, largest first.
func tipLines(h *Histogram, d *Data, i int) []tipLine {
	if i < 0 || i >= h.Bins() {
		return nil
	}
	pr, ap := h.Total(i)
	lines := []tipLine{{text: BinText(h.Starts[i], h.Unit)}}
	count := groupThousands(int64(pr+0.5)) + " events"
	if pr == 1 {
		count = "1 event"
	}
	if ap >= 0.05 {
		count += " + ≈" + strconv.FormatFloat(ap, 'f', 1, 64) + " approximate"
	}
	lines = append(lines, tipLine{text: count})
	type part struct {
		s      int
		pr, ap float64
	}
	var parts []part
	for s := range h.Series {
		p := part{s, float64(h.Counts[s][i]), float64(h.Approx[s][i])}
		if p.pr > 0 || p.ap >= 0.05 {
			parts = append(parts, p)
		}
	}
	slices.SortStableFunc(parts, func(a, b part) int {
		switch {
		case a.pr+a.ap > b.pr+b.ap:
			return -1
		case a.pr+a.ap < b.pr+b.ap:
			return 1
		}
		return 0
	})
	for k, p := range parts {
		if len(lines) == maxTipLines-1 && k < len(parts)-1 {
			lines = append(lines, tipLine{text: "… " + strconv.Itoa(len(parts)-k) + " more"})
			break
		}
		text := seriesName(h, d, p.s) + ": " + groupThousands(int64(p.pr+0.5))
		if p.ap >= 0.05 {
			text += " + ≈" + strconv.FormatFloat(p.ap, 'f', 1, 64)
		}
		lines = append(lines, tipLine{text: text, swatch: seriesColor(h, d, p.s)})
	}
	return lines
}

// seriesName returns the actor name of series s, shortened.
func seriesName(h *Histogram, d *Data, s int) string {
	if s == len(h.Series)-1 {
		return "Other actors"
	}
	name := ""
	if id := h.Series[s]; d != nil && d.Index != nil && int(id) < len(d.Index.Strings) {
		name = d.Index.Strings[id]
	}
	if name == "" {
		name = "(no actor)"
	}
	if r := []rune(name); len(r) > 42 {
		name = string(r[:40]) + "…"
	}
	return name
}

// tooltip is the dark box of lines shown next to the pointer, stacked
// above the raster: moving it never redraws the plot.
type tooltip struct {
	root     *fyne.Container
	bg       *canvas.Rectangle
	lines    []*canvas.Text
	swatches []*canvas.Rectangle
	size     fyne.Size
}

func newTooltip() *tooltip {
	tp := &tooltip{bg: &canvas.Rectangle{FillColor: color.NRGBA{0x20, 0x22, 0x28, 0xee}, CornerRadius: 4}}
	objs := []fyne.CanvasObject{tp.bg}
	for range maxTipLines {
		t := canvas.NewText("", color.White)
		t.TextSize = theme.CaptionTextSize() + 1
		sw := &canvas.Rectangle{StrokeColor: color.White, StrokeWidth: 1}
		tp.lines = append(tp.lines, t)
		tp.swatches = append(tp.swatches, sw)
		objs = append(objs, sw, t)
	}
	tp.lines[0].TextStyle.Bold = true
	for _, o := range objs {
		o.Hide()
	}
	tp.root = container.NewWithoutLayout(objs...)
	return tp
}

// visible reports whether the tooltip is shown.
func (tp *tooltip) visible() bool { return tp.bg.Visible() }

// text returns the lines shown, for tests.
func (tp *tooltip) text() []string {
	var out []string
	for _, t := range tp.lines {
		if t.Visible() {
			out = append(out, t.Text)
		}
	}
	return out
}

func (tp *tooltip) hide() {
	tp.bg.Hide()
	for i := range tp.lines {
		tp.lines[i].Hide()
		tp.swatches[i].Hide()
	}
}

// show places lines beside pos, inside the plot: right of the pointer
// (left when there is no room), from the top, with as many lines as fit.
func (tp *tooltip) show(pos fyne.Position, lines []tipLine) {
	const pad, sw = float32(6), float32(9)
	var w, h float32
	n := 0
	for i, t := range tp.lines {
		if i >= len(lines) {
			t.Hide()
			tp.swatches[i].Hide()
			continue
		}
		t.Text = lines[i].text
		sz := t.MinSize()
		if i > 0 && h+sz.Height+2*pad > tp.size.Height {
			t.Hide()
			tp.swatches[i].Hide()
			continue
		}
		n = i + 1
		lw := sz.Width
		if lines[i].swatch.A > 0 {
			lw += sw + 5
		}
		w = max(w, lw)
		h += sz.Height
	}
	w += 2 * pad
	h += 2 * pad
	tx, ty := pos.X+14, pos.Y-h/2
	if tx+w > tp.size.Width {
		tx = pos.X - 14 - w
	}
	tx = max(tx, 0)
	ty = max(min(ty, tp.size.Height-h), 0)
	tp.bg.Move(fyne.NewPos(tx, ty))
	tp.bg.Resize(fyne.NewSize(w, h))
	tp.bg.Show()
	tp.bg.Refresh()
	cy := ty + pad
	for i, t := range tp.lines[:n] {
		x := tx + pad
		sz := t.MinSize()
		if c := lines[i].swatch; c.A > 0 {
			s := tp.swatches[i]
			s.FillColor = c
			s.Move(fyne.NewPos(x, cy+(sz.Height-sw)/2))
			s.Resize(fyne.NewSize(sw, sw))
			s.Show()
			s.Refresh()
			x += sw + 5
		} else {
			tp.swatches[i].Hide()
		}
		t.Move(fyne.NewPos(x, cy))
		t.Resize(sz)
		t.Show()
		t.Refresh()
		cy += sz.Height
	}
}
