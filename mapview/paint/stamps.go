package paint

import (
	"image"
	"image/color"
	"math"
)

// Stamp cache limits: radii are quantised to 1/4 px and centres to 1/4 px
// phases; discs whose outer radius exceeds maxStampRadius are drawn
// directly, and the cache is emptied when it would exceed maxStampBytes.
const (
	stampQuant     = 4
	maxStampRadius = 64
	maxStampBytes  = 4 << 20
)

type stampKey struct {
	rq, wq uint16 // radius and ring width in 1/stampQuant px; wq 0 = no ring
	fx, fy uint8  // centre phase in 1/stampQuant px
	fill   bool   // has a fill
}

// stamp holds the coverage of a disc (fill) and its ring, side×side
// pixels, whose top-left pixel is off pixels left and up of the pixel
// holding the quantised centre.
type stamp struct {
	side, off  int
	fill, ring []uint8 // nil when absent
	under      []uint8 // fill·(1−ring): the fill visible under an opaque ring
	spans      []int16 // per row: first and last+1 column with coverage
}

// Stamps draws anti-aliased discs and rings (event markers, selection
// halos) from coverage stamps cached per quantised radius, ring width and
// sub-pixel phase (1/4 px steps), so thousands of markers per frame cost
// little more than blending their pixels. The cache is bounded (4 MiB;
// it is emptied when full) and discs larger than 64 px are drawn without
// it. Centres and radii are rounded to 1/4 px.
//
// The zero value is ready to use. A Stamps must be used by one goroutine
// at a time.
type Stamps struct {
	cache map[stampKey]*stamp
	bytes int
	bl    blenders
}

// Disc draws an event marker: a disc of radius r centred at (cx, cy),
// filled with fill and outlined by a ring of colour ring and width
// ringWidth just inside its edge, so the marker's outer radius is r
// whatever the ring (hit-test with r). The ring is drawn over the fill.
// fill.A == 0 draws only the ring; ring.A == 0 or ringWidth <= 0 draws no
// ring. Clipped to dst.Bounds().
func (s *Stamps) Disc(dst *image.RGBA, cx, cy, r float64, fill color.RGBA, ring color.RGBA, ringWidth float64) {
	if !(ringWidth > 0) || ring.A == 0 {
		s.draw(dst, cx, cy, r, 0, fill, color.RGBA{})
		return
	}
	w := min(ringWidth, 2*r)
	s.draw(dst, cx, cy, r-w/2, w, fill, ring)
}

// Ring draws a circle outline of the given width centred on the circle of
// radius r around (cx, cy): it covers radii r−width/2 to r+width/2 (for a
// selection halo around a marker of radius m, pass r = m + gap +
// width/2).
func (s *Stamps) Ring(dst *image.RGBA, cx, cy, r, width float64, c color.RGBA) {
	if !(width > 0) || c.A == 0 {
		return
	}
	s.draw(dst, cx, cy, r, width, color.RGBA{}, c)
}

func (s *Stamps) draw(dst *image.RGBA, cx, cy, r, w float64, fill, ring color.RGBA) {
	if !valid(cx, cy) || !(r >= 0) || (fill.A == 0 && ring.A == 0) {
		return
	}
	r = min(r, 1e5)
	w = min(w, 1e5)
	ro := r + w/2 + 1.5 // beyond this no pixel centre has coverage
	b := dst.Bounds()
	if cx+ro <= float64(b.Min.X) || cx-ro >= float64(b.Max.X) ||
		cy+ro <= float64(b.Min.Y) || cy-ro >= float64(b.Max.Y) {
		return
	}
	qx, qy := math.Round(cx*stampQuant), math.Round(cy*stampQuant)
	ix, iy := floorInt(qx/stampQuant), floorInt(qy/stampQuant)
	key := stampKey{
		rq: uint16(min(math.Round(r*stampQuant), math.MaxUint16)),
		wq: uint16(min(math.Round(w*stampQuant), math.MaxUint16)),
		fx: uint8(int(qx) - ix*stampQuant),
		fy: uint8(int(qy) - iy*stampQuant),
	}
	if w > 0 && key.wq == 0 {
		key.wq = 1
	}
	key.fill = fill.A != 0
	if key.fill && key.rq == 0 && key.wq == 0 {
		return
	}
	var fb, rb *blender
	if key.fill {
		fb = s.bl.get(fill)
	}
	if key.wq != 0 {
		rb = s.bl.get(ring)
	}
	if r+w/2 > maxStampRadius {
		drawDirect(dst, ix, iy, geom(r, w, key.fx, key.fy, key.fill, key.wq != 0), fb, rb)
		return
	}
	st := s.cache[key]
	if st == nil {
		st = newStamp(key)
		n := st.size()
		if s.cache == nil || s.bytes+n > maxStampBytes {
			if s.cache == nil {
				s.cache = make(map[stampKey]*stamp)
			}
			clear(s.cache)
			s.bytes = 0
		}
		s.cache[key] = st
		s.bytes += n
	}
	st.blit(dst, ix, iy, fb, rb)
}

// stampGeom is the coverage geometry of a key.
type stampGeom struct {
	fx, fy         float64 // centre within its pixel
	r, ri, ro, k   float64 // fill radius, ring radii, ring coverage scale
	hasFill, hasRg bool
	off            int
}

func geomOf(key stampKey) stampGeom {
	return geom(float64(key.rq)/stampQuant, float64(key.wq)/stampQuant, key.fx, key.fy, key.fill, key.wq != 0)
}

// geom returns the geometry of a disc of radius r with a ring of width w
// centred on it, the centre at phase (fx, fy)/stampQuant in its pixel.
func geom(r, w float64, fx, fy uint8, fill, ring bool) stampGeom {
	g := stampGeom{
		fx:      float64(fx) / stampQuant,
		fy:      float64(fy) / stampQuant,
		r:       r,
		k:       1,
		hasFill: fill,
		hasRg:   ring,
	}
	if w < 1 {
		g.k, w = w, 1 // thin rings: 1 px wide, coverage scaled
	}
	g.ri, g.ro = g.r-w/2, g.r+w/2
	outer := g.r
	if g.hasRg {
		outer = g.ro
	}
	g.off = int(math.Ceil(outer+0.5)) + 1
	return g
}

// at returns the fill and ring coverage of the pixel whose top-left corner
// is (u, v) relative to the top-left of the centre's pixel.
func (g *stampGeom) at(u, v int) (cf, cr uint8) {
	dx, dy := float64(u)+0.5-g.fx, float64(v)+0.5-g.fy
	d := math.Sqrt(dx*dx + dy*dy)
	if g.hasFill {
		cf = cov8(g.r+0.5-d, 1)
	}
	if g.hasRg {
		c := g.ro + 0.5 - d
		if g.ri > -0.5 {
			c = min(c, d-g.ri+0.5)
		}
		cr = cov8(c, g.k)
	}
	return cf, cr
}

// cov8 returns clamp(c, 0, 1)·k as a byte.
func cov8(c, k float64) uint8 {
	if c <= 0 {
		return 0
	}
	return uint8(min(c, 1)*k*255 + 0.5)
}

func newStamp(key stampKey) *stamp {
	g := geomOf(key)
	side := 2*g.off + 1
	st := &stamp{side: side, off: g.off, spans: make([]int16, 2*side)}
	if g.hasFill {
		st.fill = make([]uint8, side*side)
	}
	if g.hasRg {
		st.ring = make([]uint8, side*side)
	}
	if g.hasFill && g.hasRg {
		st.under = make([]uint8, side*side)
	}
	for v := 0; v < side; v++ {
		first, last := side, 0
		for u := 0; u < side; u++ {
			cf, cr := g.at(u-g.off, v-g.off)
			if cf == 0 && cr == 0 {
				continue
			}
			first, last = min(first, u), u+1
			k := v*side + u
			if st.fill != nil {
				st.fill[k] = cf
			}
			if st.ring != nil {
				st.ring[k] = cr
			}
			if st.under != nil {
				st.under[k] = under(cf, cr)
			}
		}
		if first >= last {
			first, last = 0, 0
		}
		st.spans[2*v], st.spans[2*v+1] = int16(first), int16(last)
	}
	return st
}

// size returns the stamp's memory use in bytes.
func (st *stamp) size() int {
	return len(st.fill) + len(st.ring) + len(st.under) + 2*len(st.spans) + 64
}

// blit composites the stamp with its top-left at (ix-off, iy-off): fb's
// colour over the fill coverage, then rb's over the ring coverage (nil
// when the stamp has no fill or no ring). Both are folded into one source
// colour per pixel, so each pixel is read and written once.
func (st *stamp) blit(dst *image.RGBA, ix, iy int, fb, rb *blender) {
	b := dst.Bounds()
	x0, y0 := ix-st.off, iy-st.off
	for v := max(0, b.Min.Y-y0); v < st.side && y0+v < b.Max.Y; v++ {
		u0 := max(int(st.spans[2*v]), b.Min.X-x0)
		u1 := min(int(st.spans[2*v+1]), b.Max.X-x0)
		if u0 >= u1 {
			continue
		}
		off := dst.PixOffset(x0+u0, y0+v)
		row := dst.Pix[off : off+4*(u1-u0)]
		k0, k1 := v*st.side+u0, v*st.side+u1
		switch {
		case rb == nil:
			for i, f := range st.fill[k0:k1] {
				put(row, 4*i, fb.tab[f])
			}
		case fb == nil:
			for i, g := range st.ring[k0:k1] {
				put(row, 4*i, rb.tab[g])
			}
		default:
			ring, under := st.ring[k0:k1], st.under[k0:k1]
			for i, f := range st.fill[k0:k1] {
				put(row, 4*i, source(fb, rb, f, ring[i], under[i]))
			}
		}
	}
}

// source returns the premultiplied colour of fill coverage f under ring
// coverage g (under = f·(1−g)): over an opaque ring the fill shows only
// where the ring does not cover, ring·g + fill·under, with no multiply.
func source(fb, rb *blender, f, g, under uint8) uint32 {
	if rb.opaque {
		return rb.tab[g] + fb.tab[under]
	}
	s := fb.tab[f]
	if g != 0 {
		r := rb.tab[g]
		s = r + mul255(s, 255-r>>24)
	}
	return s
}

// put composites the packed premultiplied source s over the pixel at
// byte offset i of row.
func put(row []uint8, i int, s uint32) {
	switch a := s >> 24; {
	case a == 255:
		store(row, i, s)
	case s != 0:
		store(row, i, s+mul255(load(row, i), 255-a))
	}
}

// drawDirect draws a disc too large to cache, computing coverage per
// pixel; fb and rb are nil when there is no fill or no ring.
func drawDirect(dst *image.RGBA, ix, iy int, g stampGeom, fb, rb *blender) {
	r := image.Rect(ix-g.off, iy-g.off, ix+g.off+1, iy+g.off+1).Intersect(dst.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		off := dst.PixOffset(r.Min.X, y)
		row := dst.Pix[off : off+4*r.Dx()]
		for x := r.Min.X; x < r.Max.X; x++ {
			f, c := g.at(x-ix, y-iy)
			i := 4 * (x - r.Min.X)
			switch {
			case rb == nil:
				put(row, i, fb.tab[f])
			case fb == nil:
				put(row, i, rb.tab[c])
			default:
				put(row, i, source(fb, rb, f, c, under(f, c)))
			}
		}
	}
}

// under returns f·(1−g): fill coverage not hidden by ring coverage g.
func under(f, g uint8) uint8 { return uint8((uint32(f)*uint32(255-g) + 127) / 255) }
