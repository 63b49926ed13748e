package mapview

import (
	"image"
	"image/color"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"frontier/mapview/basemap"
	"frontier/mapview/paint"
)

// tilePx is the side of a cached basemap tile in device pixels.
const tilePx = 256

// tileKey names a basemap tile: its zoom and device scale, and its column
// and row in device pixels / tilePx from the world's top-left corner.
type tileKey struct {
	zoom, scale float64
	tx, ty      int
}

// tileCache keeps recently drawn basemap tiles so that panning draws only
// the tiles that scroll into view. It is bounded: past its capacity the
// least recently used tile is recycled, buffer and all.
type tileCache struct {
	tiles map[tileKey]*tileEntry
	clock uint64
	limit int
}

type tileEntry struct {
	img  *image.RGBA
	used uint64
}

// setLimit makes room for at least need tiles (one frame's worth) and half
// as many again, so a pan reuses nearly all tiles of the last frame.
func (c *tileCache) setLimit(need int) {
	c.limit = max(need+need/2+8, 32)
	if c.tiles == nil {
		c.tiles = make(map[tileKey]*tileEntry)
	}
}

// get returns the cached tile of k, if any.
func (c *tileCache) get(k tileKey) (*image.RGBA, bool) {
	e, ok := c.tiles[k]
	if !ok {
		return nil, false
	}
	c.clock++
	e.used = c.clock
	return e.img, true
}

// alloc returns a tile buffer to draw k into and records it: a recycled
// one when the cache is full, the least recently used tile giving way.
// Tiles already used by the current frame (used > frameStart) are never
// recycled.
func (c *tileCache) alloc(k tileKey, frameStart uint64) *image.RGBA {
	var img *image.RGBA
	if len(c.tiles) >= c.limit {
		var oldK tileKey
		var old *tileEntry
		for key, e := range c.tiles {
			if e.used <= frameStart && (old == nil || e.used < old.used) {
				oldK, old = key, e
			}
		}
		if old != nil {
			delete(c.tiles, oldK)
			img = old.img
		}
	}
	if img == nil {
		img = image.NewRGBA(image.Rect(0, 0, tilePx, tilePx))
	}
	c.clock++
	c.tiles[k] = &tileEntry{img: img, used: c.clock}
	return img
}

// drawBase composes the basemap of f.View into f.Img from cached tiles,
// drawing the missing ones (in parallel over the CPUs). f.View must be
// snapped (see snap).
func (r *Renderer) drawBase(f *Frame) {
	v := f.View
	ws := v.WorldSize()
	wx0 := int(math.Round(v.CenterX*ws - float64(v.Width)/2))
	wy0 := int(math.Round(v.CenterY*ws - float64(v.Height)/2))
	tx0, ty0 := floorDiv(wx0, tilePx), floorDiv(wy0, tilePx)
	tx1, ty1 := floorDiv(wx0+v.Width-1, tilePx), floorDiv(wy0+v.Height-1, tilePx)
	r.tiles.setLimit((tx1 - tx0 + 1) * (ty1 - ty0 + 1))
	frameStart := r.tiles.clock
	r.todo = r.todo[:0]
	for ty := ty0; ty <= ty1; ty++ {
		for tx := tx0; tx <= tx1; tx++ {
			k := tileKey{zoom: v.Zoom, scale: v.DeviceScale(), tx: tx, ty: ty}
			if _, ok := r.tiles.get(k); !ok {
				r.todo = append(r.todo, tileJob{k: k, img: r.tiles.alloc(k, frameStart)})
			}
		}
	}
	r.drawTiles(r.todo)
	r.stats.TilesDrawn = len(r.todo)
	for ty := ty0; ty <= ty1; ty++ {
		for tx := tx0; tx <= tx1; tx++ {
			img, _ := r.tiles.get(tileKey{zoom: v.Zoom, scale: v.DeviceScale(), tx: tx, ty: ty})
			blit(f.Img, img, tx*tilePx-wx0, ty*tilePx-wy0)
		}
	}
}

// tileJob is a tile to draw.
type tileJob struct {
	k   tileKey
	img *image.RGBA
}

// tilePainter holds one worker's drawing tools.
type tilePainter struct {
	base    *basemap.Basemap
	filler  paint.Filler
	stroker paint.Stroker
	scratch []float64
}

// drawTiles draws jobs, sharing them among the painters.
func (r *Renderer) drawTiles(jobs []tileJob) {
	workers := min(len(jobs), runtime.GOMAXPROCS(0), 4)
	for len(r.painters) < workers {
		r.painters = append(r.painters, &tilePainter{base: r.base})
	}
	if workers <= 1 {
		for _, j := range jobs {
			r.painters[0].draw(j)
		}
		return
	}
	var next atomic.Int32
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func(p *tilePainter) {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < len(jobs); i = int(next.Add(1)) - 1 {
				p.draw(jobs[i])
			}
		}(r.painters[w])
	}
	wg.Wait()
}

// draw draws the basemap into one tile.
func (p *tilePainter) draw(j tileJob) {
	img, zoom, scale := j.img, j.k.zoom, j.k.scale
	fillSolid(img, waterColor)
	if p.base == nil {
		return
	}
	ws := TileSize * math.Exp2(zoom) * scale
	ox, oy := float64(j.k.tx*tilePx), float64(j.k.ty*tilePx)
	// The tile's extent in normalised Mercator, grown by a line width so
	// that strokes crossing the edge are drawn on both sides.
	pad := 4 * scale / ws
	ext := Extent{ox/ws - pad, oy/ws - pad, (ox+tilePx)/ws + pad, (oy+tilePx)/ws + pad}
	if ext.MaxX < 0 || ext.MinX > 1 || ext.MaxY < 0 || ext.MinY > 1 {
		return // off the world: all water
	}
	bounds := img.Bounds()
	for _, l := range p.base.LayersAt(zoom) {
		switch l.Class {
		case basemap.Land, basemap.Lake:
			p.filler.Reset(bounds)
			any := false
			for i := range l.Parts() {
				if !ext.meets(l.Boxes[i]) {
					continue
				}
				p.filler.AddRing(p.project(l.Part(i), ws, ox, oy))
				any = true
			}
			if any {
				col := landColor
				if l.Class == basemap.Lake {
					col = lakeColor
				}
				p.filler.Fill(img, col)
			}
		default:
			// One batch per layer: shared edges and joins are not
			// darkened twice.
			col, w := lineStyle(l.Class, zoom)
			p.stroker.Begin(img, bounds)
			for i := range l.Parts() {
				if ext.meets(l.Boxes[i]) {
					p.strokeRuns(l.Part(i), ws, ox, oy, ext, w*scale)
				}
			}
			p.stroker.Finish(col)
		}
	}
}

// strokeRuns adds to the stroker the runs of a polyline that pass through
// the tile's extent, so a long border crossing many tiles costs each tile
// only its own stretch.
func (p *tilePainter) strokeRuns(xy []float64, ws, ox, oy float64, ext Extent, width float64) {
	run := p.scratch[:0]
	flush := func() {
		if len(run) >= 4 {
			p.stroker.Add(run, width)
		}
		run = run[:0]
	}
	n := len(xy) / 2
	for i := 0; i+1 < n; i++ {
		ax, ay, bx, by := xy[2*i], xy[2*i+1], xy[2*i+2], xy[2*i+3]
		if max(ax, bx) < ext.MinX || min(ax, bx) > ext.MaxX || max(ay, by) < ext.MinY || min(ay, by) > ext.MaxY {
			flush()
			continue
		}
		if len(run) == 0 {
			run = append(run, ax*ws-ox, ay*ws-oy)
		}
		run = append(run, bx*ws-ox, by*ws-oy)
	}
	flush()
	p.scratch = run
}

// project maps interleaved normalised Mercator points into a tile's pixel
// space, into a reused buffer.
func (p *tilePainter) project(xy []float64, ws, ox, oy float64) []float64 {
	p.scratch = resize(p.scratch, len(xy))
	out := p.scratch
	for i := 0; i+1 < len(xy); i += 2 {
		out[i] = xy[i]*ws - ox
		out[i+1] = xy[i+1]*ws - oy
	}
	return out
}

func (e Extent) meets(b basemap.Box) bool {
	return b.MinX <= e.MaxX && b.MaxX >= e.MinX && b.MinY <= e.MaxY && b.MaxY >= e.MinY
}

// blit copies src into dst with src's top-left at (x, y), clipped.
func blit(dst, src *image.RGBA, x, y int) {
	r := src.Bounds().Add(image.Pt(x, y)).Intersect(dst.Bounds())
	if r.Empty() {
		return
	}
	sx, sy := r.Min.X-x, r.Min.Y-y
	n := r.Dx() * 4
	for row := 0; row < r.Dy(); row++ {
		d := dst.PixOffset(r.Min.X, r.Min.Y+row)
		s := src.PixOffset(sx, sy+row)
		copy(dst.Pix[d:d+n], src.Pix[s:s+n])
	}
}

// fillSolid sets every pixel of img to c.
func fillSolid(img *image.RGBA, c color.RGBA) {
	if len(img.Pix) < 4 {
		return
	}
	img.Pix[0], img.Pix[1], img.Pix[2], img.Pix[3] = c.R, c.G, c.B, c.A
	for n := 4; n < len(img.Pix); n *= 2 {
		copy(img.Pix[n:], img.Pix[:n])
	}
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
