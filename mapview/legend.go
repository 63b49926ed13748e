package mapview

import (
	"cmp"
	"fmt"
	"image"
	"image/color"
	"slices"

	"frontier/mapview/paint"
)

// LegendRows is the number of actor rows LegendFor lists at most, the last
// saying "+N more" when there are more actors.
const LegendRows = 10

// Legend is the key Overlays.Legend draws in a box at the right: the
// actors whose colours the drawn events take, and optionally a key of the
// marks (dot size by fatalities, cluster bubbles).
type Legend struct {
	// Title heads the legend ("" for none).
	Title string
	// Items are the actors listed, in order, with their colours.
	Items []LegendItem
	// More counts the actors not listed; the legend then ends with a
	// "+N more" row. Items that do not fit the image add to it.
	More int
	// Marks adds two rows explaining the marks: the dot sizes for 0, 10
	// and 100 fatalities, and a cluster bubble with its count.
	Marks bool
}

// LegendItem is one actor of a legend.
type LegendItem struct {
	Label string
	Color color.RGBA
}

// LegendFor returns the legend of the events of sc: every actor whose
// colour an event takes (see Scene.Preferred), most events first (ties by
// name), at most maxRows rows: when there are more actors, the first
// maxRows-1 are listed and More counts the others. It returns nil when sc
// draws no events.
func LegendFor(sc *Scene, maxRows int) *Legend {
	return legendOf(sc, maxRows, func(int32) bool { return true })
}

// LegendInView is LegendFor counting only the events inside v (the ones
// an image of v shows).
func LegendInView(sc *Scene, v Viewport, maxRows int) *Legend {
	minX, minY, maxX, maxY := v.Extent()
	return legendOf(sc, maxRows, func(r int32) bool {
		x, y := sc.Index.X[r], sc.Index.Y[r]
		return x >= minX && x <= maxX && y >= minY && y <= maxY
	})
}

func legendOf(sc *Scene, maxRows int, keep func(int32) bool) *Legend {
	if sc == nil || sc.Index == nil {
		return nil
	}
	counts := map[uint32]int{}
	for _, r := range sc.Rows {
		if keep(r) {
			counts[sc.actorOf(r)]++
		}
	}
	if len(counts) == 0 {
		return nil
	}
	ids := make([]uint32, 0, len(counts))
	for id := range counts {
		ids = append(ids, id)
	}
	name := func(id uint32) string {
		if int(id) < len(sc.Index.Strings) && sc.Index.Strings[id] != "" {
			return sc.Index.Strings[id]
		}
		return "(no actor)"
	}
	slices.SortFunc(ids, func(a, b uint32) int {
		if c := cmp.Compare(counts[b], counts[a]); c != 0 {
			return c
		}
		return cmp.Compare(name(a), name(b))
	})
	lg := &Legend{}
	maxRows = max(maxRows, 1)
	shown := len(ids)
	if shown > maxRows {
		shown = maxRows - 1
		lg.More = len(ids) - shown
	}
	for _, id := range ids[:shown] {
		lg.Items = append(lg.Items, LegendItem{Label: name(id), Color: sc.colorOf(id)})
	}
	return lg
}

// Colours of the legend's text.
var (
	legendMoreColor = color.RGBA{0x55, 0x55, 0x5e, 0xff}
	legendKeyColor  = color.RGBA{0x80, 0x86, 0x90, 0xff}
)

// legendPlan is a legend fitted to the space it has.
type legendPlan struct {
	labels []string // the items shown, labels truncated
	more   int      // "+N more" (0: no such row)
	marks  bool
	title  string
	w, h   int // the panel's size
}

// legendMetrics are the sizes of a legend's parts at one overlay scale.
type legendMetrics struct {
	pad, gap, swatch, row, titleRow, marksRow int
}

func legendSizes(fc *overlayFaces, k float64) legendMetrics {
	asc, desc := fc.legend.Metrics()
	lm := legendMetrics{pad: int(6 * k), gap: int(6 * k), swatch: int(2*dotMin*k + 4*k)}
	lm.row = max(asc+desc, lm.swatch) + int(3*k)
	ta, td := fc.legendBold.Metrics()
	lm.titleRow = ta + td + int(4*k)
	lm.marksRow = max(asc+desc, int(2*dotRadius(100)*k)+2) + int(3*k)
	return lm
}

// planLegend fits lg into at most maxW×maxH device pixels: labels are
// truncated to the width and rows that do not fit become "+N more"; the
// key of the marks goes first when space is short. ok is false when not
// even one actor row fits.
func planLegend(lg *Legend, fc *overlayFaces, k float64, maxW, maxH int) (p legendPlan, ok bool) {
	if p, ok = planLegendRows(lg, lg.Marks, fc, k, maxW, maxH); !ok && lg.Marks {
		p, ok = planLegendRows(lg, false, fc, k, maxW, maxH)
	}
	return p, ok
}

// planLegendRows is planLegend with or without the key of the marks.
func planLegendRows(lg *Legend, marks bool, fc *overlayFaces, k float64, maxW, maxH int) (p legendPlan, ok bool) {
	lm := legendSizes(fc, k)
	p.title, p.marks, p.more = lg.Title, marks, lg.More
	fixed := 2 * lm.pad
	if p.title != "" {
		fixed += lm.titleRow
	}
	if p.marks {
		fixed += 2 * lm.marksRow
	}
	rowsFit := (maxH - fixed) / max(lm.row, 1)
	if rowsFit < 1 {
		return p, false
	}
	items := len(lg.Items)
	rows := items
	if p.more > 0 {
		rows++
	}
	if rows > rowsFit {
		shown := rowsFit - 1 // the last row says "+N more"
		p.more += items - shown
		items, rows = shown, rowsFit
	}
	labelMax := maxW - 2*lm.pad - lm.swatch - lm.gap
	if labelMax < int(20*k) {
		return p, false
	}
	textW := 0
	for _, it := range lg.Items[:items] {
		l := fitText(fc.legend, it.Label, labelMax)
		p.labels = append(p.labels, l)
		w, _, _ := fc.legend.Measure(l)
		textW = max(textW, w)
	}
	if p.more > 0 {
		w, _, _ := fc.legend.Measure(moreText(p.more))
		textW = max(textW, w)
	}
	w := 2*lm.pad + lm.swatch + lm.gap + textW
	if p.title != "" {
		p.title = fitText(fc.legendBold, p.title, maxW-2*lm.pad)
		tw, _, _ := fc.legendBold.Measure(p.title)
		w = max(w, 2*lm.pad+tw)
	}
	if p.marks {
		for _, s := range []string{marksSizeText, marksClusterText} {
			kw, _, _ := fc.legend.Measure(s)
			w = max(w, 2*lm.pad+marksKeyWidth(k)+lm.gap+kw)
		}
	}
	if w > maxW || (rows == 0 && !p.marks) {
		return p, false
	}
	p.w, p.h = w, fixed+rows*lm.row
	return p, true
}

const (
	marksSizeText    = "0 · 10 · 100 fatalities"
	marksClusterText = "events clustered"
)

// marksKeyWidth is the width of the dots drawn before the marks' text.
func marksKeyWidth(k float64) int {
	return int((2*dotRadius(0) + 2*dotRadius(10) + 2*dotRadius(100) + 8) * k)
}

func moreText(n int) string { return fmt.Sprintf("+%s more", groupThousands(int64(n))) }

// drawLegend draws the planned legend in panel r.
func (r *Renderer) drawLegend(dst *image.RGBA, p *legendPlan, lg *Legend, fc *overlayFaces, k float64, box image.Rectangle) {
	lm := legendSizes(fc, k)
	paint.FillRect(dst, box, panelColor)
	x := box.Min.X + lm.pad
	y := box.Min.Y + lm.pad
	asc, desc := fc.legend.Metrics()
	if p.title != "" {
		ta, _ := fc.legendBold.Metrics()
		fc.legendBold.Draw(dst, x, y+ta+int(1*k), p.title, textDark, noHalo)
		y += lm.titleRow
	}
	baseline := func(rowH int) int { return y + (rowH-(asc+desc))/2 + asc }
	cx := float64(x) + float64(lm.swatch)/2
	for i, l := range p.labels {
		cy := float64(y) + float64(lm.row)/2
		r.stamps.Disc(dst, cx, cy, dotMin*k+1.5*k, lg.Items[i].Color, dotRing, k)
		fc.legend.Draw(dst, x+lm.swatch+lm.gap, baseline(lm.row), l, textDark, noHalo)
		y += lm.row
	}
	if p.more > 0 {
		fc.legend.Draw(dst, x+lm.swatch+lm.gap, baseline(lm.row), moreText(p.more), legendMoreColor, noHalo)
		y += lm.row
	}
	if p.marks {
		cy := float64(y) + float64(lm.marksRow)/2
		dx := float64(x)
		for _, f := range []int64{0, 10, 100} {
			rad := dotRadius(f) * k
			r.stamps.Disc(dst, dx+rad, cy, rad, legendKeyColor, dotRing, k)
			dx += 2*rad + 4*k
		}
		tx := x + marksKeyWidth(k) + lm.gap
		fc.legend.Draw(dst, tx, baseline(lm.marksRow), marksSizeText, textDark, noHalo)
		y += lm.marksRow
		cy = float64(y) + float64(lm.marksRow)/2
		rad := dotRadius(100) * k
		r.stamps.Disc(dst, float64(x)+rad, cy, rad, scaleAlpha(legendKeyColor, 0.85), clusterRing, 1.5*k)
		cf := fc.count
		w, ca, cd := cf.Measure("12")
		cf.Draw(dst, int(float64(x)+rad-float64(w)/2+0.5), int(cy+float64(ca-cd)/2+0.5), "12", textLight, textHaloDark)
		fc.legend.Draw(dst, tx, baseline(lm.marksRow), marksClusterText, textDark, noHalo)
	}
}
