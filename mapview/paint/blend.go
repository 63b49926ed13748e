package paint

import (
	"encoding/binary"
	"image"
	"image/color"
)

// maxCoord is the largest coordinate magnitude accepted; points beyond it
// (and NaN or infinite ones) are skipped, because float64 clipping maths
// loses sub-pixel precision there.
const maxCoord = 1e12

// valid reports whether (x, y) is a usable point.
func valid(x, y float64) bool {
	// NaN fails both comparisons; ±Inf fails one.
	return x >= -maxCoord && x <= maxCoord && y >= -maxCoord && y <= maxCoord
}

// sanitize clamps R, G and B to A, so a non-premultiplied colour cannot
// overflow the packed blending below.
func sanitize(c color.RGBA) color.RGBA {
	c.R = min(c.R, c.A)
	c.G = min(c.G, c.A)
	c.B = min(c.B, c.A)
	return c
}

// pack returns c as a little-endian RGBA pixel word (R in the low byte),
// after sanitize.
func pack(c color.RGBA) uint32 {
	c = sanitize(c)
	return uint32(c.R) | uint32(c.G)<<8 | uint32(c.B)<<16 | uint32(c.A)<<24
}

// mul255 multiplies each byte lane of p by k/255 (k in 0..255), rounding.
func mul255(p, k uint32) uint32 {
	rb := (p&0x00ff00ff)*k + 0x00800080
	rb = ((rb + (rb>>8)&0x00ff00ff) >> 8) & 0x00ff00ff
	ag := ((p>>8)&0x00ff00ff)*k + 0x00800080
	ag = (ag + (ag>>8)&0x00ff00ff) & 0xff00ff00
	return rb | ag
}

// over composites the packed premultiplied source s over the destination d.
func over(d, s uint32) uint32 {
	return s + mul255(d, 255-s>>24)
}

// load and store read and write the pixel word at byte offset i of pix.
func load(pix []uint8, i int) uint32 { return binary.LittleEndian.Uint32(pix[i:]) }

func store(pix []uint8, i int, v uint32) { binary.LittleEndian.PutUint32(pix[i:], v) }

// blender composites one colour at any coverage: tab[m] is the colour
// scaled by m/255, so a blend costs one table load and one mul255.
type blender struct {
	s      uint32 // packed colour; tab is valid for it when ok
	ok     bool
	opaque bool
	tab    [256]uint32
}

// set prepares b for colour c; it is free when c is b's colour already.
func (b *blender) set(c color.RGBA) *blender {
	s := pack(c)
	if b.ok && b.s == s {
		return b
	}
	b.s, b.ok, b.opaque = s, true, s>>24 == 255
	rb, ag := s&0x00ff00ff, (s>>8)&0x00ff00ff
	for m := range uint32(256) {
		x := rb*m + 0x00800080
		y := ag*m + 0x00800080
		b.tab[m] = ((x+(x>>8)&0x00ff00ff)>>8)&0x00ff00ff | (y+(y>>8)&0x00ff00ff)&0xff00ff00
	}
	return b
}

// blend composites b's colour at coverage m (non-zero) over d.
func (b *blender) blend(d uint32, m uint8) uint32 {
	s := b.tab[m]
	return s + mul255(d, 255-s>>24)
}

// row composites b's colour with the coverage bytes in mask over the
// pixels of pix (4 bytes each), skipping zero coverage eight bytes at a
// time and storing fully covered opaque runs directly.
func (b *blender) row(pix []uint8, mask []uint8) {
	n := len(mask)
	pix = pix[:4*n]
	i := 0
	for ; i+8 <= n; i += 8 {
		w := binary.LittleEndian.Uint64(mask[i:])
		if w == 0 {
			continue
		}
		if w == ^uint64(0) {
			// A run of full coverage: find its end, then fill or blend it
			// in one go.
			j := i + 8
			for j+8 <= n && binary.LittleEndian.Uint64(mask[j:]) == ^uint64(0) {
				j += 8
			}
			p := pix[4*i : 4*j]
			if b.opaque {
				store(p, 0, b.s)
				for k := 4; k < len(p); k *= 2 {
					copy(p[k:], p[:k])
				}
			} else {
				overRun(p, b.s)
			}
			i = j - 8
			continue
		}
		p := pix[4*i : 4*i+32]
		for k := 0; k < 32; k, w = k+4, w>>8 {
			if m := uint8(w); m != 0 {
				binary.LittleEndian.PutUint32(p[k:], b.blend(binary.LittleEndian.Uint32(p[k:]), m))
			}
		}
	}
	for ; i < n; i++ {
		if m := mask[i]; m != 0 {
			store(pix, 4*i, b.blend(load(pix, 4*i), m))
		}
	}
}

// mul255x2 is mul255 for two pixels in one word.
func mul255x2(p, k uint64) uint64 {
	const m = 0x00ff00ff00ff00ff
	const half = 0x0080008000800080
	rb := (p&m)*k + half
	rb = ((rb + (rb>>8)&m) >> 8) & m
	ag := ((p>>8)&m)*k + half
	ag = (ag + (ag>>8)&m) &^ m
	return rb | ag
}

// overRun composites the packed colour s over every pixel of p (a whole
// number of pixel pairs is processed two at a time).
func overRun(p []uint8, s uint32) {
	s2 := uint64(s) | uint64(s)<<32
	k := uint64(255 - s>>24)
	i := 0
	for ; i+8 <= len(p); i += 8 {
		binary.LittleEndian.PutUint64(p[i:], s2+mul255x2(binary.LittleEndian.Uint64(p[i:]), k))
	}
	if i+4 <= len(p) {
		store(p, i, over(load(p, i), s))
	}
}

// blenders is a small cache of blenders for the colours in use, for
// callers that switch colours often (markers by category).
type blenders struct {
	b    [8]blender
	next int
}

// get returns a blender for c, preparing one if c is not cached.
func (bs *blenders) get(c color.RGBA) *blender {
	s := pack(c)
	for i := range bs.b {
		if bs.b[i].ok && bs.b[i].s == s {
			return &bs.b[i]
		}
	}
	b := &bs.b[bs.next]
	bs.next = (bs.next + 1) % len(bs.b)
	return b.set(c)
}

// FillRect blends c over the rectangle r of dst, clipped to dst.Bounds().
// An opaque colour is stored without blending.
func FillRect(dst *image.RGBA, r image.Rectangle, c color.RGBA) {
	r = r.Intersect(dst.Bounds())
	if r.Empty() || c.A == 0 {
		return
	}
	s := pack(c)
	w := r.Dx()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		off := dst.PixOffset(r.Min.X, y)
		row := dst.Pix[off : off+4*w]
		if s>>24 == 255 {
			// Fill the first pixel, then double the filled prefix.
			store(row, 0, s)
			for k := 4; k < len(row); k *= 2 {
				copy(row[k:], row[:k])
			}
			continue
		}
		overRun(row, s)
	}
}
