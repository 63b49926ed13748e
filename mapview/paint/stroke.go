package paint

import (
	"image"
	"image/color"
	"math"
	"sync"
)

// Coverage tiles: the Stroker accumulates line coverage in 32×32 byte
// tiles allocated on demand, so its cost and memory follow the drawn
// length, not the image area.
const (
	tileShift = 5
	tileSize  = 1 << tileShift
	tileMask  = tileSize - 1
	tileArea  = tileSize * tileSize
)

// maxWidth bounds stroke widths, so a silly width cannot make one segment
// cost a full-screen pass per row.
const maxWidth = 512

// Stroker draws anti-aliased polylines. It accumulates the coverage of
// everything added between Begin and Finish in a mask, taking the maximum
// (not the sum) where pieces overlap, and then composites the mask once.
// So joins, self-crossings and overlapping lines of one batch are never
// darkened twice, even with translucent colours. Joins and caps are round.
//
// Coverage of a pixel is the box-filter approximation
// clamp(width/2 + 0.5 − d, 0, 1), d being the distance from the pixel
// centre to the line. Lines thinner than 1 px are drawn 1 px wide with
// their coverage scaled by the width, which keeps their weight right.
// Vertices that move the line by less than 1/8 px are skipped.
//
// The cost is proportional to the drawn (clipped) length times the width,
// plus a small per-32×32-tile cost; segments outside the clip rectangle
// cost a few comparisons each. The zero value is ready to use. A Stroker
// must be used by one goroutine at a time; its memory grows to the largest
// set of tiles one batch touched (at most clip area bytes).
type Stroker struct {
	dst     *image.RGBA
	clip    image.Rectangle // clip ∩ dst.Bounds(), dst coordinates
	ox, oy  float64         // clip.Min as floats
	cw, ch  int             // clip size
	tw      int             // tiles across
	dir     []int32         // per tile: slot+1, 0 = none; all 0 between batches
	touched []int32         // per slot: its tile index
	tiles   []uint8         // slot k at [k*tileArea, (k+1)*tileArea)
	bl      blender
}

var strokers = sync.Pool{New: func() any { return new(Stroker) }}

// StrokePolyline draws an anti-aliased open polyline (interleaved x, y) of
// the given width in device pixels with colour c, clipped to clip and
// dst.Bounds(). Joins and caps are round, and the line's own overlaps are
// not darkened twice (see Stroker). Points with NaN, infinite or huge
// coordinates are skipped; a single point draws a dot. It uses a pooled
// Stroker and is safe for concurrent use on different images; a render
// loop can hold its own Stroker instead and batch lines of one colour.
func StrokePolyline(dst *image.RGBA, clip image.Rectangle, xy []float64, width float64, c color.RGBA) {
	s := strokers.Get().(*Stroker)
	s.Polyline(dst, clip, xy, width, c)
	strokers.Put(s)
}

// StrokeDashed is StrokePolyline with a dash pattern: dash px drawn, gap
// px skipped, starting with a dash at the first point and continuing
// across vertices. Dashes have round caps that extend width/2 past each
// end, so for a visible dash of length L pass L − width. A gap ≤ 0 draws
// a solid line; dash ≤ 0 draws dots.
func StrokeDashed(dst *image.RGBA, clip image.Rectangle, xy []float64, width, dash, gap float64, c color.RGBA) {
	s := strokers.Get().(*Stroker)
	s.Begin(dst, clip)
	s.AddDashed(xy, width, dash, gap)
	s.Finish(c)
	strokers.Put(s)
}

// Polyline is Begin, Add and Finish for a single polyline.
func (s *Stroker) Polyline(dst *image.RGBA, clip image.Rectangle, xy []float64, width float64, c color.RGBA) {
	s.Begin(dst, clip)
	s.Add(xy, width)
	s.Finish(c)
}

// Begin starts a batch drawing into dst, clipped to clip ∩ dst.Bounds().
// A pending batch that was not finished is discarded.
func (s *Stroker) Begin(dst *image.RGBA, clip image.Rectangle) {
	s.discard()
	s.dst = dst
	s.clip = clip.Intersect(dst.Bounds())
	s.ox, s.oy = float64(s.clip.Min.X), float64(s.clip.Min.Y)
	s.cw, s.ch = s.clip.Dx(), s.clip.Dy()
	s.tw = (s.cw + tileMask) >> tileShift
	n := s.tw * ((s.ch + tileMask) >> tileShift)
	if cap(s.dir) < n {
		s.dir = make([]int32, n) // zero: no tiles
	}
	s.dir = s.dir[:n]
}

// Add adds an open polyline of the given width to the batch.
//
// Vertices that deviate less than 1/8 px from a straight run are dropped
// as the line is read (sleeve fitting, O(1) per vertex): dense vertices
// cost per-segment work but add no visible detail.
func (s *Stroker) Add(xy []float64, width float64) {
	r, k, ok := s.pen(width)
	if !ok {
		return
	}
	p := linePath{s: s, r: r, kk: 255 * k}
	var sl sleeve
	for i := 0; i+1 < len(xy); i += 2 {
		if !valid(xy[i], xy[i+1]) {
			continue
		}
		x, y := xy[i]-s.ox, xy[i+1]-s.oy
		if sl.n == 0 {
			p.moveTo(x, y)
			sl.start(x, y)
			continue
		}
		if !sl.fits(x, y) {
			p.lineTo(sl.lx, sl.ly)
			sl.start(sl.lx, sl.ly)
			sl.fits(x, y) // always fits a fresh sleeve
		}
	}
	if sl.n > 1 {
		p.lineTo(sl.lx, sl.ly)
	}
	p.end()
}

// simplifyTol is the largest distance, in pixels, by which Add moves the
// line when it drops vertices.
const simplifyTol = 0.125

// sleeve is Zhao–Saalfeld sleeve fitting: from the run's start (ax, ay)
// it keeps the cone of directions that pass within simplifyTol of every
// point since, so a point can be dropped while the next one still fits.
type sleeve struct {
	n              int     // points in the run, counting the start
	ax, ay, lx, ly float64 // run start and last point
	cone           bool    // lo..hi (counter-clockwise) is set
	lox, loy       float64 // cone bounds, unit vectors
	hix, hiy       float64
	far            float64 // largest distance from the start so far
}

func (sl *sleeve) start(x, y float64) {
	*sl = sleeve{n: 1, ax: x, ay: y, lx: x, ly: y}
}

// fits reports whether the run can be extended to (x, y), and if so
// extends it; when it cannot, the caller ends the run at (lx, ly).
func (sl *sleeve) fits(x, y float64) bool {
	vx, vy := x-sl.ax, y-sl.ay
	d := math.Sqrt(vx*vx + vy*vy)
	if d < sl.far-simplifyTol {
		return false // turning back: the chord would cut the excursion short
	}
	if d <= simplifyTol {
		sl.n, sl.lx, sl.ly = sl.n+1, x, y
		return true // any chord from the start passes close enough
	}
	ux, uy := vx/d, vy/d
	if sl.cone && (sl.lox*uy-sl.loy*ux < 0 || ux*sl.hiy-uy*sl.hix < 0) {
		return false // outside the cone
	}
	// The directions within simplifyTol of the point: ±α around u.
	sa := simplifyTol / d
	ca := math.Sqrt(1 - sa*sa)
	lx, ly := ux*ca+uy*sa, uy*ca-ux*sa // u rotated by −α
	hx, hy := ux*ca-uy*sa, uy*ca+ux*sa // u rotated by +α
	if !sl.cone {
		sl.lox, sl.loy, sl.hix, sl.hiy, sl.cone = lx, ly, hx, hy, true
	} else {
		if sl.lox*ly-sl.loy*lx > 0 { // the new low bound is tighter
			sl.lox, sl.loy = lx, ly
		}
		if hx*sl.hiy-hy*sl.hix > 0 { // the new high bound is tighter
			sl.hix, sl.hiy = hx, hy
		}
	}
	sl.n, sl.lx, sl.ly, sl.far = sl.n+1, x, y, max(sl.far, d)
	return true
}

// AddDashed adds a dashed polyline to the batch; see StrokeDashed.
func (s *Stroker) AddDashed(xy []float64, width, dash, gap float64) {
	if !(gap > 0) {
		s.Add(xy, width)
		return
	}
	r, k, ok := s.pen(width)
	if !ok || !(dash+gap < math.Inf(1)) {
		return
	}
	dash = max(dash, 1e-3) // a dot still advances
	gap = max(gap, 0.5)    // bounds the number of dashes
	period := dash + gap
	m := r + 1 // clip margin
	p := linePath{s: s, r: r, kk: 255 * k}
	phase := 0.0
	have, on := false, false
	var lx, ly float64
	for i := 0; i+1 < len(xy); i += 2 {
		if !valid(xy[i], xy[i+1]) {
			continue
		}
		x, y := xy[i]-s.ox, xy[i+1]-s.oy
		if !have {
			lx, ly, have = x, y, true
			continue
		}
		dx, dy := x-lx, y-ly
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		// on: the previous segment ended inside a dash, which this one
		// continues (with a join, not a new cap).
		cont := on
		on = false
		if t0, t1, in := clipSegment(lx, ly, x, y, -m, -m, float64(s.cw)+m, float64(s.ch)+m); in {
			// Walk the visible part from its own start, so positions stay
			// small and every step makes progress.
			ux, uy := dx/l, dy/l
			sx, sy := lx+t0*dx, ly+t0*dy
			ph := math.Mod(phase+t0*l, period)
			pos, end := 0.0, (t1-t0)*l
			for pos < end {
				var e float64
				if ph < dash {
					if !(cont && pos == 0 && t0 == 0) {
						p.moveTo(sx+ux*pos, sy+uy*pos)
					}
					if e = pos + dash - ph; e < end {
						ph = dash
						p.lineTo(sx+ux*e, sy+uy*e)
						p.end()
					} else {
						e, ph = end, ph+end-pos
						p.lineTo(sx+ux*e, sy+uy*e)
						on = t1 == 1
					}
				} else {
					if e = pos + period - ph; e < end {
						ph = 0
					} else {
						e = end
					}
				}
				pos = e
			}
		}
		if !on {
			p.end()
		}
		phase = math.Mod(phase+l, period)
		lx, ly = x, y
	}
	p.end()
}

// pen returns the coverage radius and coverage scale for width.
func (s *Stroker) pen(width float64) (r, k float64, ok bool) {
	if s.dst == nil || s.cw <= 0 || s.ch <= 0 || !(width > 0) {
		return 0, 0, false
	}
	width = min(width, maxWidth)
	if width < 1 {
		return 1, width, true // 1 px wide, coverage scaled by the width
	}
	return width/2 + 0.5, 1, true
}

// tileRow returns row j's 32 bytes of the coverage tile in column tx.
func (s *Stroker) tileRow(tx, j int) []uint8 {
	t := s.tile(tx, j>>tileShift)
	o := (j & tileMask) << tileShift
	return t[o : o+tileSize : o+tileSize]
}

// tile returns the coverage tile (tx, ty), allocating a slot if needed.
func (s *Stroker) tile(tx, ty int) []uint8 {
	idx := ty*s.tw + tx
	slot := int(s.dir[idx])
	if slot == 0 {
		s.touched = append(s.touched, int32(idx))
		slot = len(s.touched)
		s.dir[idx] = int32(slot)
		if need := slot * tileArea; need > len(s.tiles) {
			if need <= cap(s.tiles) {
				s.tiles = s.tiles[:need]
			} else {
				s.tiles = append(s.tiles, make([]uint8, tileArea)...)
			}
		}
	}
	return s.tiles[(slot-1)*tileArea : slot*tileArea]
}

// Finish composites the batch's coverage onto dst with colour c
// (premultiplied, source-over) and clears the mask.
func (s *Stroker) Finish(c color.RGBA) {
	if s.dst != nil && c.A != 0 {
		bl := s.bl.set(c)
		for k, idx := range s.touched {
			tile := s.tiles[k*tileArea : (k+1)*tileArea]
			x0 := (int(idx) % s.tw) << tileShift
			y0 := (int(idx) / s.tw) << tileShift
			w, h := min(tileSize, s.cw-x0), min(tileSize, s.ch-y0)
			for v := 0; v < h; v++ {
				off := s.dst.PixOffset(s.clip.Min.X+x0, s.clip.Min.Y+y0+v)
				bl.row(s.dst.Pix[off:], tile[v*tileSize:v*tileSize+w])
			}
		}
	}
	s.discard()
	s.dst = nil
}

// discard clears the touched tiles and their directory entries.
func (s *Stroker) discard() {
	for k, idx := range s.touched {
		clear(s.tiles[k*tileArea : (k+1)*tileArea])
		s.dir[idx] = 0
	}
	s.touched = s.touched[:0]
	s.tiles = s.tiles[:0]
}
