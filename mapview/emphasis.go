package mapview

import (
	"image/color"
	"sort"
)

// emphasisRing is the colour of the rings around the events of an
// emphasised time span: a warm amber that no actor palette colour uses
// for a ring, with a dark edge so it reads on land and water.
var (
	emphasisRing     = color.RGBA{0xff, 0xb3, 0x00, 0xff}
	emphasisRingEdge = color.RGBA{0x11, 0x11, 0x11, 0xc0}
)

// emphasisCell is the side, in logical pixels, of the grid that keeps two
// emphasis rings from being drawn on the same spot.
const emphasisCell = 4

// emphasised returns the part of sc.Rows (in time order) whose events
// start in [sc.EmphasisFrom, sc.EmphasisTo), or nil when no span is set.
func (sc *Scene) emphasised() []int32 {
	if sc == nil || sc.Index == nil || sc.EmphasisTo <= sc.EmphasisFrom {
		return nil
	}
	start := sc.Index.Start
	lo := sort.Search(len(sc.Rows), func(i int) bool { return start[sc.Rows[i]] >= sc.EmphasisFrom })
	hi := lo + sort.Search(len(sc.Rows)-lo, func(i int) bool { return start[sc.Rows[lo+i]] >= sc.EmphasisTo })
	return sc.Rows[lo:hi]
}

// drawEmphasis rings every event of the emphasised span (a timeline bin
// under the pointer) on top of the event layer, clusters included, so the
// bin's events stand out where they happened. Events closer together than
// a few pixels share one ring, which bounds the work by the frame's size
// rather than the span's event count.
func (r *Renderer) drawEmphasis(f *Frame, sc *Scene) {
	rows := sc.emphasised()
	if len(rows) == 0 {
		return
	}
	s := f.View.DeviceScale()
	w, h := f.Img.Rect.Dx(), f.Img.Rect.Dy()
	cell := max(1, int(emphasisCell*s))
	gw, gh := w/cell+1, h/cell+1
	r.emphasisSeen = resize(r.emphasisSeen, gw*gh)
	clear(r.emphasisSeen)
	ix := sc.Index
	rad := (dotMin + 2.5) * s
	for _, row := range rows {
		px, py := f.View.ToPixel(ix.X[row], ix.Y[row])
		if px < -rad || py < -rad || px >= float64(w)+rad || py >= float64(h)+rad {
			continue
		}
		cx, cy := clampInt(int(px)/cell, 0, gw-1), clampInt(int(py)/cell, 0, gh-1)
		if r.emphasisSeen[cy*gw+cx] {
			continue
		}
		r.emphasisSeen[cy*gw+cx] = true
		r.stamps.Ring(f.Img, px, py, rad+1*s, 3.5*s, emphasisRingEdge)
		r.stamps.Ring(f.Img, px, py, rad+1*s, 2*s, emphasisRing)
	}
}

func clampInt(v, lo, hi int) int { return max(lo, min(hi, v)) }
