package mapview

import (
	"image"
	"math"
	"strings"

	"frontier/mapview/paint"
)

// overlayFaces are the fonts of the overlays at one size k: the device
// scale times Overlays.TextScale.
type overlayFaces struct {
	k                                     float64
	title, info, legend, legendBold, date *paint.Face
	count                                 *paint.Face
	// dateK is the size of date, which Overlays.DateScale enlarges.
	dateK float64
}

func (f *overlayFaces) at(k float64) *overlayFaces {
	if f.k != k || f.title == nil {
		*f = overlayFaces{
			k:          k,
			title:      paint.BoldFace(18 * k),
			info:       paint.RegularFace(10 * k),
			legend:     paint.RegularFace(12 * k),
			legendBold: paint.BoldFace(12 * k),
			date:       paint.BoldFace(16 * k),
			dateK:      k,
			count:      paint.BoldFace(11 * k),
		}
	}
	return f
}

// dateFace returns the date window's face at size k.
func (f *overlayFaces) dateFace(k float64) *paint.Face {
	if f.dateK != k {
		f.date, f.dateK = paint.BoldFace(16*k), k
	}
	return f.date
}

// textScale returns Overlays.TextScale as used: 1 when unset, else
// clamped to 0.5–8.
func textScale(t float64) float64 {
	if !(t > 0) {
		return 1
	}
	return min(max(t, 0.5), 8)
}

// textBox is a line of text in a panel: the panel rectangle, the text as
// drawn (possibly shortened) and its pen position.
type textBox struct {
	panel image.Rectangle
	text  string
	x, y  int
}

// overlayLayout is where the overlays of one frame go. Every box keeps
// clear of the others; a box that cannot is left out (the attribution and
// scale bar never are).
type overlayLayout struct {
	k                    float64
	fc                   *overlayFaces
	margin               int
	scaleBar             image.Rectangle
	attrib, title, date  textBox
	legend               image.Rectangle
	legendPlan           legendPlan
	boxes                [5]image.Rectangle
	nboxes               int
	hasTitle, hasDate    bool
	hasAttrib, hasLegend bool
}

// rects returns the boxes the overlays take, which place labels avoid.
func (l *overlayLayout) rects() []image.Rectangle { return l.boxes[:l.nboxes] }

func (l *overlayLayout) add(r image.Rectangle) {
	l.boxes[l.nboxes] = r
	l.nboxes++
}

// free reports whether r meets no box placed so far and lies inside the
// image of size w×h.
func (l *overlayLayout) free(r image.Rectangle, w, h int) bool {
	if r.Min.X < 0 || r.Min.Y < 0 || r.Max.X > w || r.Max.Y > h {
		return false
	}
	for _, b := range l.rects() {
		if b.Overlaps(r) {
			return false
		}
	}
	return true
}

// layoutOverlays places the overlays of o on a frame of v: the scale bar
// at the bottom left, the attribution at the bottom right (lifted above
// the scale bar when they would meet), the title at the top left, the date
// window at the top right (under the title when both do not fit on one
// line) and the legend at the right between the top and bottom boxes,
// with as many rows as fit.
func (r *Renderer) layoutOverlays(v Viewport, o *Overlays) *overlayLayout {
	l := &r.layout
	l.nboxes, l.hasTitle, l.hasDate, l.hasAttrib, l.hasLegend = 0, false, false, false, false
	l.scaleBar, l.legend = image.Rectangle{}, image.Rectangle{}
	if !o.ScaleBar && o.Attribution == "" && o.Title == "" && o.DateWindow == "" && o.Legend == nil {
		return l
	}
	k := v.DeviceScale() * textScale(o.TextScale)
	fc := r.ofaces.at(k)
	l.k, l.fc = k, fc
	W, H := v.Width, v.Height
	m := int(8 * k)
	gap := int(4 * k)
	l.margin = m
	if o.ScaleBar {
		if b := scaleBarBox(v, fc.info, k, m); !b.Empty() {
			l.scaleBar = b
			l.add(b)
		}
	}
	if o.Attribution != "" {
		pad := int(3 * k)
		text := fitText(fc.info, o.Attribution, W-2*m-2*pad)
		w, asc, desc := fc.info.Measure(text)
		x, y := W-m-w, H-m/2-desc
		panel := image.Rect(x-pad, y-asc-pad, x+w+pad, y+desc+pad)
		if panel.Overlaps(l.scaleBar) {
			dy := panel.Max.Y - (l.scaleBar.Min.Y - gap)
			panel, y = panel.Sub(image.Pt(0, dy)), y-dy
		}
		l.attrib, l.hasAttrib = textBox{panel, text, x, y}, true
		l.add(panel)
	}
	if o.Title != "" {
		pad := int(6 * k)
		text := fitText(fc.title, o.Title, W-2*m-2*pad)
		w, asc, desc := fc.title.Measure(text)
		x, y := m+pad, m+pad+asc
		panel := image.Rect(m, m, x+w+pad, y+desc+pad)
		if text != "" && l.free(panel, W, H) {
			l.title, l.hasTitle = textBox{panel, text, x, y}, true
			l.add(panel)
		}
	}
	if o.DateWindow != "" {
		dk := k * textScale(o.DateScale)
		face := fc.dateFace(dk)
		pad := int(6 * dk)
		text := fitText(face, o.DateWindow, W-2*m-2*pad)
		w, asc, desc := face.Measure(text)
		pw, ph := w+2*pad, asc+desc+2*pad
		top := m
		if l.hasTitle {
			top = l.title.panel.Max.Y + gap
		}
		for _, p := range []image.Rectangle{image.Rect(W-m-pw, m, W-m, m+ph), image.Rect(m, top, m+pw, top+ph)} {
			if text != "" && l.free(p, W, H) {
				l.date, l.hasDate = textBox{p, text, p.Min.X + pad, p.Min.Y + pad + asc}, true
				l.add(p)
				break
			}
		}
	}
	if o.Legend != nil {
		l.placeLegend(o.Legend, W, H, gap)
	}
	return l
}

// placeLegend puts the legend at the right edge, below the title and date
// boxes it would meet and above the bottom boxes, with the rows that fit.
func (l *overlayLayout) placeLegend(lg *Legend, W, H, gap int) {
	m, k, fc := l.margin, l.k, l.fc
	maxW := min(max(W/3, int(220*k)), W-2*m)
	column := func(w int) (top, bottom int) {
		top, bottom = m, H-m
		xr := image.Rect(W-m-w, 0, W-m, H)
		for _, b := range []struct {
			r   image.Rectangle
			top bool
		}{{l.title.panel, true}, {l.date.panel, true}, {l.scaleBar, false}, {l.attrib.panel, false}} {
			if b.r.Empty() || b.r.Max.X <= xr.Min.X || b.r.Min.X >= xr.Max.X {
				continue
			}
			if b.top {
				top = max(top, b.r.Max.Y+gap)
			} else {
				bottom = min(bottom, b.r.Min.Y-gap)
			}
		}
		return top, bottom
	}
	p, ok := planLegend(lg, fc, k, maxW, H-2*m)
	if !ok {
		return
	}
	top, bottom := column(p.w)
	if p, ok = planLegend(lg, fc, k, maxW, bottom-top); !ok {
		return
	}
	box := image.Rect(W-m-p.w, top, W-m, top+p.h)
	if !l.free(box, W, H) {
		return
	}
	l.legend, l.legendPlan, l.hasLegend = box, p, true
	l.add(box)
}

// scaleBarBox is the rectangle paint.ScaleBar draws in when its
// bottom-left corner is at (m, v.Height-m) and it is at most 120·k pixels
// long, or the empty rectangle when it draws nothing.
func scaleBarBox(v Viewport, face *paint.Face, k float64, m int) image.Rectangle {
	mpp := v.MetersPerPixel()
	maxW := int(120 * k)
	if !(mpp > 0) || math.IsInf(mpp, 0) || maxW < 4 {
		return image.Rectangle{}
	}
	s := min(max(k, 0.5), 8)
	meters, label := paint.NiceDistance(mpp * float64(maxW))
	length := math.Round(meters / mpp)
	if length < 4 {
		return image.Rectangle{}
	}
	lw := max(1, math.Round(2*s))
	hr := max(1, math.Round(1.5*s))
	tick := math.Round(6 * s)
	e := lw/2 + hr
	w, asc, _ := face.Measure(label)
	halo := float64(1 + face.HaloWidth())
	x0 := float64(m) + hr + lw/2
	right := math.Max(x0+length+e, x0+lw/2+math.Round(3*s)+float64(w)+halo)
	yb := float64(v.Height-m) - hr - lw/2
	top := math.Min(yb-tick-e, yb-lw/2-math.Round(3*s)-float64(asc)-halo)
	return image.Rect(m, int(math.Floor(top)), int(math.Ceil(right)), v.Height-m)
}

// drawOverlays draws the overlays where layoutOverlays placed them.
func (r *Renderer) drawOverlays(f *Frame, o *Overlays, l *overlayLayout) {
	if l.nboxes == 0 {
		return
	}
	v := f.View
	fc, k := l.fc, l.k
	if !l.scaleBar.Empty() {
		paint.ScaleBar(f.Img, l.margin, v.Height-l.margin, v.MetersPerPixel(), int(120*k), fc.info, k)
	}
	if l.hasAttrib {
		paint.FillRect(f.Img, l.attrib.panel, panelColor)
		fc.info.Draw(f.Img, l.attrib.x, l.attrib.y, l.attrib.text, textDark, noHalo)
	}
	if l.hasTitle {
		paint.FillRect(f.Img, l.title.panel, panelColor)
		fc.title.Draw(f.Img, l.title.x, l.title.y, l.title.text, textDark, noHalo)
	}
	if l.hasDate {
		paint.FillRect(f.Img, l.date.panel, panelColor)
		fc.date.Draw(f.Img, l.date.x, l.date.y, l.date.text, textDark, noHalo)
	}
	if l.hasLegend {
		r.drawLegend(f.Img, &l.legendPlan, o.Legend, fc, k, l.legend)
	}
}

// fitText returns s, or its longest prefix followed by an ellipsis that
// is at most maxW pixels wide in face ("" when not even that fits).
func fitText(face *paint.Face, s string, maxW int) string {
	if w, _, _ := face.Measure(s); w <= maxW {
		return s
	}
	ell := "…"
	if !face.Covers(ell) {
		ell = "..."
	}
	runes := []rune(s)
	lo, hi := 0, len(runes) // the answer is in [lo, hi)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if w, _, _ := face.Measure(string(runes[:mid]) + ell); w <= maxW {
			lo = mid
		} else {
			hi = mid
		}
	}
	if lo == 0 {
		return ""
	}
	return strings.TrimRight(string(runes[:lo]), " ") + ell
}
