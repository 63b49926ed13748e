package timeline

import (
	"image"
	"image/color"
	"math"
	"strconv"

	"frontier/mapview/paint"
)

// Colours of the timeline (premultiplied alpha). The plot is light, like
// the map.
var (
	bgColor      = color.RGBA{0xf7, 0xf7, 0xf5, 0xff}
	bandColor    = color.RGBA{0xea, 0xe9, 0xe4, 0xff}
	gridColor    = color.RGBA{0xe0, 0xdf, 0xda, 0xff}
	axisColor    = color.RGBA{0x80, 0x80, 0x86, 0xff}
	tickColor    = color.RGBA{0x70, 0x70, 0x78, 0xff}
	textColor    = color.RGBA{0x2b, 0x2b, 0x33, 0xff}
	textMuted    = color.RGBA{0x6a, 0x6a, 0x72, 0xff}
	otherColor   = color.RGBA{0xa8, 0xa8, 0xac, 0xff}
	neutralColor = color.RGBA{0x55, 0x60, 0x6e, 0xff}
	haloColor    = premul(0xf7, 0xf7, 0xf5, 0xd0)
	hoverColor   = premul(0x1f, 0x6f, 0xd0, 0x24)
	veilColor    = premul(0xf7, 0xf7, 0xf5, 0x9c)
	bandShade    = premul(0x28, 0x2c, 0x36, 0x18)
	brushColor   = color.RGBA{0x1f, 0x6f, 0xd0, 0xff}
	brushStrip   = premul(0x1f, 0x6f, 0xd0, 0x50)
	gripColor    = color.RGBA{0xff, 0xff, 0xff, 0xff}
	selColor     = color.RGBA{0x11, 0x11, 0x11, 0xff}
	selLine      = premul(0x11, 0x11, 0x11, 0x90)
	hovColor     = color.RGBA{0xd9, 0x48, 0x0f, 0xff}
	outlineColor = color.RGBA{0xff, 0xff, 0xff, 0xff}
	noHalo       = color.RGBA{}
)

// premul returns the premultiplied colour of straight r, g, b at alpha a.
func premul(r, g, b, a uint8) color.RGBA {
	m := func(c uint8) uint8 { return uint8((uint32(c)*uint32(a) + 127) / 255) }
	return color.RGBA{m(r), m(g), m(b), a}
}

// mix returns opaque c moved towards white by k (0..1).
func mix(c color.RGBA, k float64) color.RGBA {
	m := func(v uint8) uint8 { return uint8(math.Round(float64(v) + (255-float64(v))*k)) }
	return color.RGBA{m(c.R), m(c.G), m(c.B), 0xff}
}

// px returns n logical pixels at device scale ds, at least 1.
func px(n, ds float64) int { return max(1, int(math.Round(n*ds))) }

// seriesColor returns the colour of series i of h.
func seriesColor(h *Histogram, d *Data, i int) color.RGBA {
	if i == len(h.Series)-1 {
		return otherColor
	}
	return colorOfActor(d, h.Series[i])
}

// drawBackground fills the plot and the axis band and highlights the
// hovered bin and the window's part of the brush strip.
func (r *Renderer) drawBackground(f *Frame, o Overlay) {
	l, w := f.Layout, f.Scale.Width
	fillRect(f.Img, image.Rect(0, 0, w, l.Base), bgColor)
	fillRect(f.Img, image.Rect(0, l.Base, w, l.Bottom), bandColor)
	if o.HasWindow() {
		x0, x1 := f.windowX(o)
		fillRect(f.Img, image.Rect(x0, l.Base, x1, l.Bottom), brushStrip)
	}
	if x0, x1 := f.BinSpan(o.HoverBin); x1 > x0 {
		fillRect(f.Img, image.Rect(x0, l.Top, x1, l.Base), hoverColor)
	}
	// Grid lines at round counts.
	step := niceStep(f.YMax / 3)
	lw := px(1, l.DeviceScale)
	for v := step; v < f.YMax; v += step {
		y := f.countY(v)
		fillRect(f.Img, image.Rect(0, y, w, y+lw), gridColor)
	}
}

// windowX returns the window's device x range, clamped just outside the
// image so its edges are not drawn when off screen.
func (f *Frame) windowX(o Overlay) (x0, x1 int) {
	w := float64(f.Scale.Width)
	c := func(x float64) int { return int(math.Round(math.Max(-8, math.Min(w+8, x)))) }
	return c(f.Scale.X(o.WindowFrom)), c(f.Scale.X(o.WindowTo))
}

// countY returns the device y of count v.
func (f *Frame) countY(v float64) int {
	l := f.Layout
	return l.Base - int(math.Round(v*float64(l.Base-l.Top)/f.YMax))
}

// niceStep returns the smallest of 1, 2, 5 × 10^k at least v (and ≥ 1).
func niceStep(v float64) float64 {
	if !(v > 1) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

// drawBars draws the stacked bars: every series' precise count from the
// axis up, then the approximate counts above, lighter and hatched.
func (r *Renderer) drawBars(f *Frame, d *Data) {
	h := f.Hist
	l := f.Layout
	ds := l.DeviceScale
	gapMin, gap := px(4, ds), px(1, ds)
	period, stripe := px(5, ds), px(1.6, ds)
	for i := range h.Bins() {
		x0, x1 := f.BinSpan(i)
		if x1-x0 >= gapMin {
			x1 -= gap
		}
		if x1 <= x0 {
			continue
		}
		cum := 0.0
		y0 := l.Base
		dominant, most := -1, float32(0)
		for s := range h.Series {
			v := h.Counts[s][i]
			if v > most {
				dominant, most = s, v
			}
			if v == 0 {
				continue
			}
			cum += float64(v)
			y := f.countY(cum)
			fillRect(f.Img, image.Rect(x0, y, x1, y0), seriesColor(h, d, s))
			y0 = y
		}
		if y0 == l.Base && dominant >= 0 {
			// A bin with events shows at least one pixel.
			y0 = l.Base - 1
			fillRect(f.Img, image.Rect(x0, y0, x1, l.Base), seriesColor(h, d, dominant))
		}
		for s := range h.Series {
			v := h.Approx[s][i]
			if v == 0 {
				continue
			}
			cum += float64(v)
			y := min(f.countY(cum), y0)
			c := seriesColor(h, d, s)
			fillHatch(f.Img, image.Rect(x0, y, x1, y0), mix(c, 0.62), mix(c, 0.25), period, stripe)
			y0 = y
		}
	}
}

// drawAxis draws the axis line, the ticks and their labels.
func (r *Renderer) drawAxis(f *Frame, o Overlay, fc *faces) {
	l := f.Layout
	ds := l.DeviceScale
	lw := px(1, ds)
	fillRect(f.Img, image.Rect(0, l.Base, f.Scale.Width, l.Base+lw), axisColor)
	minor, major := px(4, ds), px(7, ds)
	asc, _ := fc.bold.Metrics()
	off := int(math.Round(TickLabelOffset * fc.bold.Size()))
	for _, t := range f.Ticks {
		x := int(math.Round(f.Scale.X(t.T)))
		n := minor
		if t.Major {
			n = major
		}
		fillRect(f.Img, image.Rect(x, l.Base, x+lw, l.Base+n), tickColor)
		if o.NoText || t.Label == "" {
			continue
		}
		y := l.Base + px(4, ds) + asc
		if t.Major {
			fc.bold.Draw(f.Img, x+off, y, t.Label, textColor, noHalo)
		} else {
			fc.regular.Draw(f.Img, x+off, y, t.Label, textMuted, noHalo)
		}
	}
}

// drawCountLabels writes the counts of the grid lines at the left.
func (r *Renderer) drawCountLabels(f *Frame, fc *faces) {
	step := niceStep(f.YMax / 3)
	ds := f.Layout.DeviceScale
	for v := step; v < f.YMax; v += step {
		y := f.countY(v) - px(2, ds)
		if y < f.Layout.Top+px(8, ds) {
			break
		}
		fc.small.Draw(f.Img, px(4, ds), y, groupThousands(int64(v)), textMuted, haloColor)
	}
}

// drawVeil fades the bars outside the window behind a light veil (but
// not the hovered bin's) and shades the axis band there a little.
func (r *Renderer) drawVeil(f *Frame, o Overlay) {
	if !o.HasWindow() {
		return
	}
	l, w := f.Layout, f.Scale.Width
	x0, x1 := f.windowX(o)
	hx0, hx1 := f.BinSpan(o.HoverBin)
	for _, span := range [][2]int{{0, x0}, {x1, w}} {
		a, b := span[0], span[1]
		if hx1 > hx0 && hx0 < b && hx1 > a { // leave the hovered bin out
			fillRect(f.Img, image.Rect(a, 0, hx0, l.Base), veilColor)
			fillRect(f.Img, image.Rect(hx1, 0, b, l.Base), veilColor)
		} else {
			fillRect(f.Img, image.Rect(a, 0, b, l.Base), veilColor)
		}
		fillRect(f.Img, image.Rect(a, l.Base, b, l.Bottom), bandShade)
	}
}

// drawEdges draws the window's edges and their handles.
func (r *Renderer) drawEdges(f *Frame, o Overlay) {
	if !o.HasWindow() {
		return
	}
	l := f.Layout
	x0, x1 := f.windowX(o)
	ds := l.DeviceScale
	ew := px(2, ds)
	for _, x := range []int{x0, x1} {
		fillRect(f.Img, image.Rect(x-ew/2, 0, x-ew/2+ew, l.Bottom), brushColor)
		hr := HandleRect(l, x)
		fillRect(f.Img, hr, brushColor)
		g := px(1, ds)
		cx := (hr.Min.X + hr.Max.X) / 2
		gy0, gy1 := hr.Min.Y+px(4, ds), hr.Max.Y-px(4, ds)
		fillRect(f.Img, image.Rect(cx-g-g/2-g, gy0, cx-g/2-g, gy1), gripColor)
		fillRect(f.Img, image.Rect(cx+g-g/2, gy0, cx+g-g/2+g, gy1), gripColor)
	}
}

// HandleRect returns the device rectangle of the brush handle on the
// window edge at device x.
func HandleRect(l Layout, x int) image.Rectangle {
	ds := l.DeviceScale
	hw := px(8, ds)
	hh := min(px(24, ds), max(px(8, ds), (l.Base-l.Top)*2/3))
	cy := (l.Top + l.Base) / 2
	return image.Rect(x-hw/2, cy-hh/2, x-hw/2+hw, cy-hh/2+hh)
}

// MarkerAt returns the device x of row's marker on f, and whether the
// row is a valid row of d.
func (f *Frame) MarkerAt(d *Data, row int) (float64, bool) {
	if d == nil || d.Index == nil || row < 0 || row >= len(d.Index.Start) {
		return 0, false
	}
	return f.Scale.X(d.Index.Start[row]), true
}

// drawMarker draws a triangle on the axis at the start of row, pointing
// up at the bars; the selected event also gets a thin line through them.
func (r *Renderer) drawMarker(f *Frame, d *Data, row int, selected bool) {
	x, ok := f.MarkerAt(d, row)
	if !ok || x < -20 || x > float64(f.Scale.Width)+20 {
		return
	}
	l := f.Layout
	ds := l.DeviceScale
	c := hovColor
	if selected {
		c = selColor
		lw := px(1, ds)
		xi := int(math.Round(x - float64(lw)/2))
		fillRect(f.Img, image.Rect(xi, l.Top, xi+lw, l.Base), selLine)
	}
	apex := float64(l.Base) + 0.5*ds
	hgt, half := 9*ds, 5.5*ds
	r.triangle(f.Img, x, apex-1.6*ds, hgt+2.6*ds, half+2*ds, outlineColor)
	r.triangle(f.Img, x, apex, hgt, half, c)
}

// triangle fills an upward triangle with its apex at (x, y).
func (r *Renderer) triangle(img *image.RGBA, x, y, h, half float64, c color.RGBA) {
	r.xy = append(r.xy[:0], x, y, x+half, y+h, x-half, y+h)
	r.filler.Reset(img.Bounds())
	r.filler.AddRing(r.xy)
	r.filler.Fill(img, c)
}

// groupThousands formats n with thousands separators.
func groupThousands(n int64) string {
	if n < 0 {
		return "-" + groupThousands(-n)
	}
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// colorOfActor returns the colour d gives actor id: its Colors entry, or
// the index's colour for the actor when Colors is short.
func colorOfActor(d *Data, id uint32) color.RGBA {
	if d != nil && int(id) < len(d.Colors) {
		c := d.Colors[id]
		c.A = 0xff
		return c
	}
	if d != nil && d.Index != nil && int(id) < len(d.Index.Strings) {
		c := d.Index.ActorColor(id)
		return color.RGBA{c.R, c.G, c.B, 0xff}
	}
	return neutralColor
}

// fillRect blends c over r, clipped to img.
func fillRect(img *image.RGBA, r image.Rectangle, c color.RGBA) { paint.FillRect(img, r, c) }

// fillHatch fills r with opaque light, crossed by diagonal stripes of
// opaque dark w pixels wide every period pixels (along x+y), clipped to
// img.
func fillHatch(img *image.RGBA, r image.Rectangle, light, dark color.RGBA, period, w int) {
	r = r.Intersect(img.Bounds())
	if r.Empty() {
		return
	}
	p := int64(max(period, 1))
	for y := r.Min.Y; y < r.Max.Y; y++ {
		off := img.PixOffset(r.Min.X, y)
		row := img.Pix[off : off+4*r.Dx()]
		k := floorMod(int64(r.Min.X+y), p)
		for i := 0; i < len(row); i += 4 {
			c := light
			if k < int64(w) {
				c = dark
			}
			row[i], row[i+1], row[i+2], row[i+3] = c.R, c.G, c.B, c.A
			if k++; k == p {
				k = 0
			}
		}
	}
}
