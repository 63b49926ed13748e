package mapview

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"github.com/paulmach/orb"

	"frontier/data"
)

// overlay holds the cheap canvas objects stacked above the map raster:
// moving them never redraws the map.
type overlay struct {
	root     *fyne.Container
	hover    *canvas.Circle
	selOuter *canvas.Circle
	selInner *canvas.Circle
	box      *canvas.Rectangle
	tipBG    *canvas.Rectangle
	tipLines []*canvas.Text
	readBG   *canvas.Rectangle
	readout  *canvas.Text
	size     fyne.Size
}

// maxTipLines bounds the tooltip's lines.
const maxTipLines = 6

func newOverlay() *overlay {
	o := &overlay{
		hover:    &canvas.Circle{StrokeColor: hoverRingColor, StrokeWidth: 2},
		selOuter: &canvas.Circle{StrokeColor: selectOuter, StrokeWidth: 3},
		selInner: &canvas.Circle{StrokeColor: selectInner, StrokeWidth: 1.5},
		box: &canvas.Rectangle{
			FillColor: color.NRGBA{0x1f, 0x6f, 0xd0, 0x30}, StrokeColor: color.NRGBA{0x1f, 0x6f, 0xd0, 0xff}, StrokeWidth: 1.5,
		},
		tipBG:   &canvas.Rectangle{FillColor: color.NRGBA{0x20, 0x22, 0x28, 0xee}, CornerRadius: 4},
		readBG:  &canvas.Rectangle{FillColor: color.NRGBA{0xff, 0xff, 0xff, 0xd0}, CornerRadius: 3},
		readout: canvas.NewText("", color.NRGBA{0x20, 0x20, 0x28, 0xff}),
	}
	o.readout.TextSize = theme.CaptionTextSize()
	objs := []fyne.CanvasObject{o.hover, o.selOuter, o.selInner, o.box, o.readBG, o.readout, o.tipBG}
	for range maxTipLines {
		t := canvas.NewText("", color.White)
		t.TextSize = theme.CaptionTextSize() + 1
		o.tipLines = append(o.tipLines, t)
		objs = append(objs, t)
	}
	o.tipLines[0].TextStyle.Bold = true
	for _, obj := range objs {
		obj.Hide()
	}
	o.root = container.NewWithoutLayout(objs...)
	return o
}

func (o *overlay) layout(size fyne.Size) {
	o.size = size
	if o.readout.Visible() {
		o.showReadout(o.readout.Text) // keep it above the scale bar
	}
}

// ring places c as a circle of radius r around (x, y), logical pixels.
func ring(c *canvas.Circle, x, y, r float32) {
	c.Move(fyne.NewPos(x-r, y-r))
	c.Resize(fyne.NewSize(2*r, 2*r))
	c.Show()
	c.Refresh()
}

func (o *overlay) hideHover() {
	o.hover.Hide()
	o.tipBG.Hide()
	for _, t := range o.tipLines {
		t.Hide()
	}
}

// showTip shows lines in a dark box near (x, y), kept inside the map.
func (o *overlay) showTip(x, y float32, lines []string) {
	pad := float32(6)
	var w, h float32
	for i, t := range o.tipLines {
		if i >= len(lines) {
			t.Hide()
			continue
		}
		t.Text = lines[i]
		sz := t.MinSize()
		w = max(w, sz.Width)
		h += sz.Height
	}
	w += 2 * pad
	h += 2 * pad
	tx, ty := x+16, y+16
	if tx+w > o.size.Width {
		tx = x - 16 - w
	}
	if ty+h > o.size.Height {
		ty = y - 16 - h
	}
	tx, ty = max(tx, 0), max(ty, 0)
	o.tipBG.Move(fyne.NewPos(tx, ty))
	o.tipBG.Resize(fyne.NewSize(w, h))
	o.tipBG.Show()
	o.tipBG.Refresh()
	cy := ty + pad
	for _, t := range o.tipLines[:min(len(lines), maxTipLines)] {
		t.Move(fyne.NewPos(tx+pad, cy))
		t.Resize(t.MinSize())
		cy += t.MinSize().Height
		t.Show()
		t.Refresh()
	}
}

// showReadout writes the pointer's coordinates at the bottom left, above
// the scale bar.
func (o *overlay) showReadout(text string) {
	o.readout.Text = text
	sz := o.readout.MinSize()
	x, y := float32(8), o.size.Height-sz.Height-40
	o.readBG.Move(fyne.NewPos(x-4, y-2))
	o.readBG.Resize(fyne.NewSize(sz.Width+8, sz.Height+4))
	o.readout.Move(fyne.NewPos(x, y))
	o.readout.Resize(sz)
	o.readBG.Show()
	o.readout.Show()
	o.readBG.Refresh()
	o.readout.Refresh()
}

func (o *overlay) hideReadout() {
	o.readBG.Hide()
	o.readout.Hide()
}

// coordText is the read-out of a point: decimal degrees and MGRS.
func coordText(p orb.Point) string {
	lat, lon := p.Lat(), p.Lon()
	ns, ew := "N", "E"
	if lat < 0 {
		ns = "S"
	}
	if lon < 0 {
		ew = "W"
	}
	s := fmt.Sprintf("%.4f° %s, %.4f° %s", math.Abs(lat), ns, math.Abs(lon), ew)
	if m, err := data.FormatMGRS(lon, lat, 5); err == nil {
		s += "   MGRS " + m
	}
	return s
}

// tipLines describes mark i of f for the tooltip.
func tipLines(f *Frame, sc *Scene, i int) []string {
	m := &f.Marks[i]
	ix := sc.Index
	str := func(id uint32) string {
		if int(id) < len(ix.Strings) {
			return ix.Strings[id]
		}
		return ""
	}
	switch m.Kind {
	case MarkCluster:
		return []string{
			fmt.Sprintf("%s events", groupThousands(int64(m.Count))),
			fmt.Sprintf("%s fatalities", groupThousands(m.Fatalities)),
			"Click to zoom in",
		}
	}
	r := int(m.Row)
	lines := []string{ix.RowDate(r) + " · " + str(ix.Type[r])}
	actors := str(ix.Actor1[r])
	if a2 := str(ix.Actor2[r]); a2 != "" {
		actors += " vs " + a2
	}
	lines = append(lines, actors)
	if st := str(ix.SubType[r]); st != "" && st != str(ix.Type[r]) {
		lines = append(lines, st)
	}
	lines = append(lines, fmt.Sprintf("%d fatalities · %s", ix.Fatalities[r], str(ix.Location[r])))
	if m.Kind == MarkStack {
		lines[0] = fmt.Sprintf("%d events here; latest %s", m.Count, lines[0])
		lines = append(lines, "Click, then click again to step through them")
	}
	for i, l := range lines {
		if r := []rune(l); len(r) > 90 {
			lines[i] = strings.TrimSpace(string(r[:87])) + "…"
		}
	}
	return lines
}

// groupThousands formats n with thousands separators.
func groupThousands(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + groupThousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
