package paint

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// maxGlyphs bounds the non-ASCII glyph cache of a Face; it is emptied
// when full (ASCII glyphs are kept in a fixed table).
const maxGlyphs = 1024

// glyph is a cached glyph: coverage masks positioned relative to the dot
// (pen position on the baseline), and its advance in whole pixels.
type glyph struct {
	adv            int
	x0, y0, w, h   int     // mask rectangle relative to the dot
	mask           []uint8 // w×h
	hx0, hy0       int     // halo rectangle relative to the dot
	hw, hh         int
	halo           []uint8 // hw×hh, built on first use
	haloBuilt, ink bool
}

// placed is a glyph at a pen position, for one Draw.
type placed struct {
	g *glyph
	x int
}

// Face is one font at one pixel size, with bounded caches of glyph
// coverage masks and of their halo (dilated) masks. After a glyph's first
// use, drawing it only blits cached masks.
//
// Glyphs are placed at whole-pixel positions with hinted (whole-pixel)
// advances, in one line; no kerning is applied (the Go fonts have none),
// and there is no shaping, bidi or line breaking.
//
// A Face is not safe for concurrent use: use it from one goroutine at a
// time (each render worker should own its faces).
type Face struct {
	face            font.Face
	size            float64
	ascent, descent int
	haloR           float64
	kernel          []haloTap
	kernelR         int
	ascii           [128]*glyph
	glyphs          map[rune]*glyph
	place           []placed
	hm              []uint8 // per-Draw scratch: the string's halo mask
	fgB, haloB      blender
}

// haloTap is one offset of the halo dilation kernel and its weight 0..255.
type haloTap struct {
	dx, dy int
	w      uint32
}

// NewFace returns a Face for the TrueType/OpenType font ttf at sizePx
// pixels per em. The halo drawn by Draw is about 1.5 px wide at 12 px and
// scales with the size (1 to 8 px).
func NewFace(ttf []byte, sizePx float64) (*Face, error) {
	f, err := opentype.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("paint: parse font: %w", err)
	}
	return newFace(f, sizePx)
}

func newFace(f *opentype.Font, sizePx float64) (*Face, error) {
	if !(sizePx >= 1 && sizePx <= 1000) {
		return nil, fmt.Errorf("paint: font size %v px out of range [1, 1000]", sizePx)
	}
	ff, err := opentype.NewFace(f, &opentype.FaceOptions{Size: sizePx, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, fmt.Errorf("paint: new face: %w", err)
	}
	m := ff.Metrics()
	fc := &Face{
		face:    ff,
		size:    sizePx,
		ascent:  m.Ascent.Ceil(),
		descent: m.Descent.Ceil(),
		haloR:   min(max(1.5*sizePx/12, 1), 8),
		glyphs:  make(map[rune]*glyph),
	}
	// A tap at centre distance d covers the target pixel by about
	// clamp(h + 1 − d): the source pixel's ink reaches 0.5 px towards it
	// and the target's own box another 0.5 px.
	reach := int(math.Ceil(fc.haloR + 1))
	for dy := -reach; dy <= reach; dy++ {
		for dx := -reach; dx <= reach; dx++ {
			w := cov8(fc.haloR+1-math.Hypot(float64(dx), float64(dy)), 1)
			if w != 0 {
				fc.kernel = append(fc.kernel, haloTap{dx, dy, uint32(w)})
				fc.kernelR = max(fc.kernelR, dx, dy)
			}
		}
	}
	return fc, nil
}

var (
	regularOnce, boldOnce sync.Once
	regularFont, boldFont *opentype.Font
)

func mustFace(once *sync.Once, f **opentype.Font, ttf []byte, sizePx float64) *Face {
	once.Do(func() {
		var err error
		if *f, err = opentype.Parse(ttf); err != nil {
			panic("paint: embedded Go font: " + err.Error())
		}
	})
	if !(sizePx >= 1) {
		sizePx = 1 // also NaN
	}
	fc, err := newFace(*f, min(sizePx, 1000))
	if err != nil {
		panic(err)
	}
	return fc
}

// RegularFace returns a new Face of the Go Regular font (gofont) at
// sizePx, clamped to [1, 1000]. It panics only if the embedded font is
// broken. Keep the Face: its glyph cache is what makes drawing cheap.
func RegularFace(sizePx float64) *Face {
	return mustFace(&regularOnce, &regularFont, goregular.TTF, sizePx)
}

// BoldFace is RegularFace for Go Bold.
func BoldFace(sizePx float64) *Face {
	return mustFace(&boldOnce, &boldFont, gobold.TTF, sizePx)
}

// Size returns the face's size in pixels per em.
func (f *Face) Size() float64 { return f.size }

// Metrics returns the font's ascent and descent in pixels (rounded up),
// the same for every string.
func (f *Face) Metrics() (ascent, descent int) { return f.ascent, f.descent }

// HaloWidth returns how far, in whole pixels, a halo drawn by Draw can
// extend beyond the glyphs' ink.
func (f *Face) HaloWidth() int { return f.kernelR }

// glyph returns the cached glyph for r, rasterising it on first use.
func (f *Face) glyph(r rune) *glyph {
	if r >= 0 && r < 128 {
		if g := f.ascii[r]; g != nil {
			return g
		}
	} else if g := f.glyphs[r]; g != nil {
		return g
	}
	g := f.rasterize(r)
	if r >= 0 && r < 128 {
		f.ascii[r] = g
	} else {
		if len(f.glyphs) >= maxGlyphs {
			clear(f.glyphs)
		}
		f.glyphs[r] = g
	}
	return g
}

func (f *Face) rasterize(r rune) *glyph {
	g := &glyph{}
	dr, mask, mp, adv, _ := f.face.Glyph(fixed.Point26_6{}, r)
	g.adv = adv.Round()
	if mask == nil || dr.Empty() {
		return g
	}
	g.x0, g.y0, g.w, g.h = dr.Min.X, dr.Min.Y, dr.Dx(), dr.Dy()
	g.mask = make([]uint8, g.w*g.h)
	for v := 0; v < g.h; v++ {
		for u := 0; u < g.w; u++ {
			var a uint8
			if am, ok := mask.(*image.Alpha); ok {
				a = am.AlphaAt(mp.X+u, mp.Y+v).A
			} else {
				_, _, _, a32 := mask.At(mp.X+u, mp.Y+v).RGBA()
				a = uint8(a32 >> 8)
			}
			g.mask[v*g.w+u] = a
			g.ink = g.ink || a != 0
		}
	}
	return g
}

// buildHalo dilates g's mask by the face's halo radius (anti-aliased).
func (f *Face) buildHalo(g *glyph) {
	g.haloBuilt = true
	if !g.ink {
		return
	}
	k := f.kernelR
	g.hx0, g.hy0, g.hw, g.hh = g.x0-k, g.y0-k, g.w+2*k, g.h+2*k
	g.halo = make([]uint8, g.hw*g.hh)
	for v := 0; v < g.h; v++ {
		for u := 0; u < g.w; u++ {
			a := uint32(g.mask[v*g.w+u])
			if a == 0 {
				continue
			}
			for _, t := range f.kernel {
				i := (v+k+t.dy)*g.hw + u + k + t.dx
				if c := uint8((a*t.w + 127) / 255); c > g.halo[i] {
					g.halo[i] = c
				}
			}
		}
	}
}

// layout places the glyphs of s with the pen starting at x, and returns
// the pen position after the last glyph.
func (f *Face) layout(x int, s string) int {
	f.place = f.place[:0]
	for _, r := range s {
		g := f.glyph(r)
		f.place = append(f.place, placed{g, x})
		x += g.adv
	}
	return x
}

// Measure returns the width of s in pixels (the sum of the advances, or
// more if the last glyph's ink overhangs its advance) and its ascent and
// descent above and below the baseline: the font's, or more if a glyph's
// ink reaches further. Ink can extend about a pixel left of x for some
// glyphs (like j), and the halo extends HaloWidth() beyond the ink.
func (f *Face) Measure(s string) (width, ascent, descent int) {
	end := f.layout(0, s)
	width, ascent, descent = end, f.ascent, f.descent
	for _, p := range f.place {
		if g := p.g; g.ink {
			width = max(width, p.x+g.x0+g.w)
			ascent = max(ascent, -g.y0)
			descent = max(descent, g.y0+g.h)
		}
	}
	return width, ascent, descent
}

// Draw draws s with its pen starting at x on baseline y in colour fg, over
// a halo of colour halo (halo.A == 0: none) that outlines the glyphs so
// labels read on any background. Halos of neighbouring glyphs are merged
// (maximum), so a translucent halo is even. Clipped to dst.Bounds().
// Glyphs are blended one by one: where the ink of neighbouring glyphs
// overlaps (rare without kerning) a translucent fg is blended twice.
func (f *Face) Draw(dst *image.RGBA, x, y int, s string, fg, halo color.RGBA) {
	b := dst.Bounds()
	if reach := 2*int(f.size) + 16; fg.A == 0 && halo.A == 0 || y+reach < b.Min.Y || y-reach > b.Max.Y || x > b.Max.X+reach {
		return // nothing to draw, or the line is off the image
	}
	f.layout(x, s)
	if halo.A == 0 {
		fb := f.fgB.set(fg)
		for _, p := range f.place {
			g := p.g
			if !g.ink {
				continue
			}
			blitMask(dst, b, p.x+g.x0, y+g.y0, g.w, g.h, g.mask, fb)
		}
		return
	}
	// Union of the halo boxes, clipped.
	var box image.Rectangle
	for _, p := range f.place {
		g := p.g
		if !g.haloBuilt {
			f.buildHalo(g)
		}
		if g.ink {
			box = box.Union(image.Rect(p.x+g.hx0, y+g.hy0, p.x+g.hx0+g.hw, y+g.hy0+g.hh))
		}
	}
	box = box.Intersect(b)
	if box.Empty() {
		return
	}
	bw, n := box.Dx(), box.Dx()*box.Dy()
	if cap(f.hm) < n {
		f.hm = make([]uint8, n)
	}
	hm := f.hm[:n]
	clear(hm)
	for _, p := range f.place {
		if g := p.g; g.ink {
			maxInto(hm, box, p.x+g.hx0, y+g.hy0, g.hw, g.hh, g.halo)
		}
	}
	hb := f.haloB.set(halo)
	for v := 0; v < box.Dy(); v++ {
		hb.row(dst.Pix[dst.PixOffset(box.Min.X, box.Min.Y+v):], hm[v*bw:(v+1)*bw])
	}
	if fg.A == 0 {
		return
	}
	// The glyphs' ink does not overlap (no kerning), so their masks are
	// blended one by one.
	fb := f.fgB.set(fg)
	for _, p := range f.place {
		if g := p.g; g.ink {
			blitMask(dst, b, p.x+g.x0, y+g.y0, g.w, g.h, g.mask, fb)
		}
	}
}

// maxInto combines the w×h mask placed at (x, y) into the box-sized mask
// m, keeping the larger coverage.
func maxInto(m []uint8, box image.Rectangle, x, y, w, h int, mask []uint8) {
	r := image.Rect(x, y, x+w, y+h).Intersect(box)
	bw := box.Dx()
	for yy := r.Min.Y; yy < r.Max.Y; yy++ {
		src := mask[(yy-y)*w+r.Min.X-x : (yy-y)*w+r.Max.X-x]
		dst := m[(yy-box.Min.Y)*bw+r.Min.X-box.Min.X:]
		for i, a := range src {
			if a > dst[i] {
				dst[i] = a
			}
		}
	}
}

// blitMask composites bl's colour with the w×h mask placed at (x, y), clipped
// to b.
func blitMask(dst *image.RGBA, b image.Rectangle, x, y, w, h int, mask []uint8, bl *blender) {
	r := image.Rect(x, y, x+w, y+h).Intersect(b)
	for yy := r.Min.Y; yy < r.Max.Y; yy++ {
		src := mask[(yy-y)*w+r.Min.X-x : (yy-y)*w+r.Max.X-x]
		bl.row(dst.Pix[dst.PixOffset(r.Min.X, yy):], src)
	}
}
