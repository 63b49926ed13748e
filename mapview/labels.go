package mapview

import (
	"image"
	"image/color"

	"frontier/mapview/basemap"
	"frontier/mapview/paint"
)

// maxLabels bounds the place labels of one frame.
const maxLabels = 250

// noHalo draws text without an outline.
var noHalo = color.RGBA{}

// labelPlacer holds the reused buffers of label placement.
type labelPlacer struct {
	boxes []image.Rectangle
	out   []placed
	// grid buckets box indices by the gridPx-square cells they cover, so
	// a collision test looks only at its neighbours.
	grid   [][]int32
	gw, gh int
}

// gridPx is the side of a collision grid cell in device pixels.
const gridPx = 64

// reset empties the placer for a w×h frame.
func (lp *labelPlacer) reset(w, h int) {
	lp.boxes = lp.boxes[:0]
	lp.out = lp.out[:0]
	lp.gw, lp.gh = w/gridPx+1, h/gridPx+1
	n := lp.gw * lp.gh
	if cap(lp.grid) < n {
		lp.grid = make([][]int32, n)
	}
	lp.grid = lp.grid[:n]
	for i := range lp.grid {
		lp.grid[i] = lp.grid[i][:0]
	}
}

// cells calls fn with every grid cell b covers.
func (lp *labelPlacer) cells(b image.Rectangle, fn func(c int) bool) bool {
	x0, y0 := max(b.Min.X/gridPx, 0), max(b.Min.Y/gridPx, 0)
	x1, y1 := min((b.Max.X-1)/gridPx, lp.gw-1), min((b.Max.Y-1)/gridPx, lp.gh-1)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			if !fn(y*lp.gw + x) {
				return false
			}
		}
	}
	return true
}

// add records an obstacle or placed label.
func (lp *labelPlacer) add(b image.Rectangle) {
	i := int32(len(lp.boxes))
	lp.boxes = append(lp.boxes, b)
	lp.cells(b, func(c int) bool { lp.grid[c] = append(lp.grid[c], i); return true })
}

// placed is a label chosen for a frame.
type placed struct {
	place    *basemap.Place
	text     string
	face     *paint.Face
	x, y     int // text origin (left, baseline)
	dot      bool
	fg, halo color.RGBA
}

// drawLabels places the labels of the places shown at this zoom in
// priority order (capitals and big towns first), skipping any that would
// overlap a label already placed, an overlay (title, scale bar, credit) or
// an event mark, then draws them. A town label sits beside its dot: right,
// else left, above or below, whichever is free first. Province and
// country names are centred on their label point, without a dot; they and
// capitals may run over event dots (never over clusters).
func (r *Renderer) drawLabels(f *Frame, reserved []image.Rectangle) {
	v := f.View
	s := v.DeviceScale()
	fc := r.faces.at(s)
	zoom := float32(v.Zoom)
	gap := int(3 * s)
	lp := &r.labels
	lp.reset(v.Width, v.Height)
	// Marks are obstacles: clusters for every label, dots and stacks for
	// town labels (the first markBoxes boxes).
	markBoxes := 0
	for i := range f.Marks {
		m := &f.Marks[i]
		rr := int(m.R) + 1
		b := image.Rect(int(m.X)-rr, int(m.Y)-rr, int(m.X)+rr, int(m.Y)+rr)
		if m.Kind == MarkStack {
			b.Max.X += int(2 * m.R) // the count badge
			b.Min.Y -= int(m.R)
		}
		lp.add(b)
		markBoxes++
	}
	for _, b := range reserved {
		lp.add(b) // overlays: no label may meet them
	}
	view := image.Rect(0, 0, v.Width, v.Height)
	for i := range r.base.Places {
		p := &r.base.Places[i]
		if p.MinZoom > zoom {
			break // places are sorted by MinZoom
		}
		if p.Kind == basemap.CountryLabel && zoom >= countryLabelsUntil {
			continue
		}
		px, py := v.ToPixel(p.X, p.Y)
		if px < -200*s || py < -50*s || px > float64(v.Width)+200*s || py > float64(v.Height)+50*s {
			continue
		}
		lb := placed{place: p, halo: textHaloLight}
		switch p.Kind {
		case basemap.CountryLabel:
			lb.face, lb.fg = fc.title, textCountry
		case basemap.ProvinceLabel:
			lb.face, lb.fg = fc.region, textProvince
		case basemap.Capital:
			lb.face, lb.fg, lb.dot = fc.capital, textPlace, true
		default:
			lb.face, lb.fg, lb.dot = fc.place, textPlace, true
		}
		lb.text = labelText(lb.face, p)
		w, asc, desc := lb.face.Measure(lb.text)
		var candidates [4]image.Point // text origins to try
		n := 1
		if lb.dot {
			off := int(5 * s)
			mid := int(py) + (asc-desc)/2
			candidates = [4]image.Point{
				{int(px) + off, mid},                 // right
				{int(px) - off - w, mid},             // left
				{int(px) - w/2, int(py) - off},       // above
				{int(px) - w/2, int(py) + off + asc}, // below
			}
			n = 4
		} else {
			candidates[0] = image.Point{int(px) - w/2, int(py) + (asc-desc)/2}
		}
		for _, c := range candidates[:n] {
			box := image.Rect(c.X, c.Y-asc, c.X+w, c.Y+desc)
			if lb.dot {
				box = box.Union(image.Rect(int(px-3*s), int(py-3*s), int(px+3*s), int(py+3*s)))
			}
			if !box.In(view) {
				continue
			}
			if lp.free(box.Inset(-gap), markBoxes, lb.dot && p.Kind != basemap.Capital, f.Marks) {
				lb.x, lb.y = c.X, c.Y
				lp.add(box)
				lp.out = append(lp.out, lb)
				break
			}
		}
		if len(lp.out) == maxLabels {
			break
		}
	}
	for _, lb := range lp.out {
		if lb.dot {
			px, py := v.ToPixel(lb.place.X, lb.place.Y)
			r.stamps.Disc(f.Img, px, py, 2*s, textPlace, textHaloLight, s)
		}
		lb.face.Draw(f.Img, lb.x, lb.y, lb.text, lb.fg, lb.halo)
	}
	r.stats.Labels = len(lp.out)
}

// countryLabelsUntil is the zoom from which country names are left out:
// by then the borders and town names say where one is.
const countryLabelsUntil = 7

// free reports whether box meets none of the placed boxes. The first
// markBoxes boxes are event marks: a town label must avoid them all; a
// capital's, province's or country's label only the clusters.
func (lp *labelPlacer) free(box image.Rectangle, markBoxes int, town bool, marks []Mark) bool {
	return lp.cells(box, func(c int) bool {
		for _, j := range lp.grid[c] {
			if !lp.boxes[j].Overlaps(box) {
				continue
			}
			if int(j) < markBoxes && !town && marks[j].Kind != MarkCluster {
				continue
			}
			return false
		}
		return true
	})
}

// labelText is the name to draw: the place's own spelling when the font
// has every letter of it, else its ASCII form.
func labelText(face *paint.Face, p *basemap.Place) string {
	if p.ASCIIName == "" || face.Covers(p.Name) {
		return p.Name
	}
	return p.ASCIIName
}
