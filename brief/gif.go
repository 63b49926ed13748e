package brief

import (
	"bufio"
	"cmp"
	"compress/lzw"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"slices"
)

// gifWriter streams an animated GIF: the header with one global 256-colour
// palette, then frame by frame, so memory holds one frame whatever the
// length. After the first frame each frame is cropped to the rectangle
// that changed (drawn over the previous one), which keeps the file small
// when only the events and the date change. image/gif decodes what it
// writes; image/gif's own encoder needs every frame in memory at once.
type gifWriter struct {
	w         *bufio.Writer
	width     int
	height    int
	delay     int // hundredths of a second
	prev, cur []uint8
	frames    int
	blk       blockWriter
}

// newGIFWriter writes the header of a looping width×height GIF with
// palette pal (at most 256 colours) whose frames show delay hundredths of
// a second each.
func newGIFWriter(w io.Writer, width, height int, pal color.Palette, delay int) (*gifWriter, error) {
	if width < 1 || height < 1 || width > 0xffff || height > 0xffff {
		return nil, fmt.Errorf("GIF size %d×%d out of range", width, height)
	}
	if len(pal) == 0 || len(pal) > 256 {
		return nil, fmt.Errorf("GIF palette of %d colours", len(pal))
	}
	g := &gifWriter{w: bufio.NewWriterSize(w, 1<<16), width: width, height: height, delay: delay,
		prev: make([]uint8, width*height), cur: make([]uint8, width*height)}
	g.blk.w = g.w
	b := g.w
	b.WriteString("GIF89a")
	writeLE16(b, width)
	writeLE16(b, height)
	b.WriteByte(0xf7) // global colour table of 2^(7+1) entries, 8 bits per primary
	b.WriteByte(0)    // background colour index
	b.WriteByte(0)    // pixel aspect ratio: none given
	for i := range 256 {
		var r, gg, bb uint8
		if i < len(pal) {
			cr, cg, cb, _ := pal[i].RGBA()
			r, gg, bb = uint8(cr>>8), uint8(cg>>8), uint8(cb>>8)
		}
		b.Write([]byte{r, gg, bb})
	}
	// NETSCAPE2.0 application extension: loop forever.
	b.Write([]byte{0x21, 0xff, 0x0b})
	b.WriteString("NETSCAPE2.0")
	b.Write([]byte{0x03, 0x01, 0x00, 0x00, 0x00})
	return g, nil
}

func writeLE16(b *bufio.Writer, v int) {
	b.WriteByte(byte(v))
	b.WriteByte(byte(v >> 8))
}

// frame writes the next frame: g.cur, width×height palette indices.
func (g *gifWriter) frame() error {
	r := image.Rect(0, 0, g.width, g.height)
	if g.frames > 0 {
		r = changed(g.prev, g.cur, g.width, g.height)
		if r.Empty() {
			r = image.Rect(0, 0, 1, 1) // a frame still holds the delay
		}
	}
	b := g.w
	// Graphic control extension: disposal 1 (leave the frame in place),
	// the delay, no transparency.
	b.Write([]byte{0x21, 0xf9, 0x04, 0x04})
	writeLE16(b, g.delay)
	b.Write([]byte{0x00, 0x00})
	// Image descriptor, no local colour table.
	b.WriteByte(0x2c)
	writeLE16(b, r.Min.X)
	writeLE16(b, r.Min.Y)
	writeLE16(b, r.Dx())
	writeLE16(b, r.Dy())
	b.WriteByte(0)
	b.WriteByte(8) // LZW minimum code size
	lw := lzw.NewWriter(&g.blk, lzw.LSB, 8)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		if _, err := lw.Write(g.cur[y*g.width+r.Min.X : y*g.width+r.Max.X]); err != nil {
			return fmt.Errorf("GIF frame %d: %w", g.frames+1, err)
		}
	}
	if err := lw.Close(); err != nil {
		return fmt.Errorf("GIF frame %d: %w", g.frames+1, err)
	}
	g.blk.flush()
	b.WriteByte(0) // block terminator
	g.frames++
	g.prev, g.cur = g.cur, g.prev
	if g.blk.err != nil {
		return g.blk.err
	}
	return nil
}

// close writes the trailer and flushes.
func (g *gifWriter) close() error {
	if g.frames == 0 {
		return errors.New("GIF without frames")
	}
	g.w.WriteByte(0x3b)
	return g.w.Flush()
}

// changed returns the smallest rectangle holding every index that differs
// between a and b (w×h), or the empty rectangle.
func changed(a, b []uint8, w, h int) image.Rectangle {
	x0, y0, x1, y1 := w, h, -1, -1
	for y := range h {
		ra, rb := a[y*w:(y+1)*w], b[y*w:(y+1)*w]
		if string(ra) == string(rb) {
			continue
		}
		y0, y1 = min(y0, y), y
		i := 0
		for i < w && ra[i] == rb[i] {
			i++
		}
		j := w - 1
		for j > i && ra[j] == rb[j] {
			j--
		}
		x0, x1 = min(x0, i), max(x1, j)
	}
	if x1 < 0 {
		return image.Rectangle{}
	}
	return image.Rect(x0, y0, x1+1, y1+1)
}

// blockWriter cuts the LZW stream into GIF's sub-blocks of at most 255
// bytes.
type blockWriter struct {
	w   *bufio.Writer
	buf [256]byte
	n   int
	err error
}

func (b *blockWriter) Write(p []byte) (int, error) {
	for _, c := range p {
		b.n++
		b.buf[b.n] = c
		if b.n == 255 {
			b.flush()
		}
	}
	return len(p), b.err
}

func (b *blockWriter) flush() {
	if b.n == 0 {
		return
	}
	b.buf[0] = byte(b.n)
	if _, err := b.w.Write(b.buf[:b.n+1]); err != nil && b.err == nil {
		b.err = err
	}
	b.n = 0
}

// quantizer maps an image's colours to a palette of at most 256.
type quantizer struct {
	pal   color.Palette
	rgb   [][3]int32
	cache map[uint32]uint8
}

// Palette building limits.
const (
	// pinShare is the share of pixels a colour needs to be kept exactly
	// (the land, water and panel colours of a map).
	pinShare = 0.002
	maxPins  = 96
	// maxCache bounds the colour → index cache (reset when full).
	maxCache = 1 << 20
)

// newQuantizer builds a palette for images like img: the colours in keep
// (actor colours) and every colour covering at least pinShare of img
// exactly, the rest by median cut of img's other colours weighted by how
// often they occur.
func newQuantizer(img *image.RGBA, keep []color.RGBA) *quantizer {
	hist := map[uint32]int{}
	w, h := img.Rect.Dx(), img.Rect.Dy()
	for y := range h {
		row := img.Pix[y*img.Stride : y*img.Stride+4*w]
		for i := 0; i < len(row); i += 4 {
			hist[uint32(row[i])<<16|uint32(row[i+1])<<8|uint32(row[i+2])]++
		}
	}
	type entry struct {
		c uint32
		n int
	}
	entries := make([]entry, 0, len(hist))
	for c, n := range hist {
		entries = append(entries, entry{c, n})
	}
	slices.SortFunc(entries, func(a, b entry) int {
		if c := cmp.Compare(b.n, a.n); c != 0 {
			return c
		}
		return cmp.Compare(a.c, b.c)
	})
	pinned := map[uint32]bool{}
	var pal []uint32
	pin := func(c uint32) {
		if !pinned[c] && len(pal) < 256 {
			pinned[c] = true
			pal = append(pal, c)
		}
	}
	for _, c := range keep {
		if len(pal) >= maxPins {
			break
		}
		pin(uint32(c.R)<<16 | uint32(c.G)<<8 | uint32(c.B))
	}
	total := w * h
	for _, e := range entries {
		if len(pal) >= 2*maxPins || float64(e.n) < pinShare*float64(total) {
			break
		}
		pin(e.c)
	}
	var rest []colorCount
	for _, e := range entries {
		if !pinned[e.c] {
			rest = append(rest, colorCount{[3]int32{int32(e.c >> 16), int32(e.c >> 8 & 0xff), int32(e.c & 0xff)}, e.n})
		}
	}
	for _, c := range medianCut(rest, 256-len(pal)) {
		pal = append(pal, uint32(c[0])<<16|uint32(c[1])<<8|uint32(c[2]))
	}
	q := &quantizer{cache: map[uint32]uint8{}}
	for _, c := range pal {
		q.pal = append(q.pal, color.RGBA{uint8(c >> 16), uint8(c >> 8), uint8(c), 0xff})
		q.rgb = append(q.rgb, [3]int32{int32(c >> 16), int32(c >> 8 & 0xff), int32(c & 0xff)})
	}
	if len(q.pal) == 0 {
		q.pal, q.rgb = color.Palette{color.RGBA{A: 0xff}}, [][3]int32{{0, 0, 0}}
	}
	return q
}

// index writes the palette index of every pixel of img (opaque) to dst:
// the nearest palette colour, without dithering (dithered flat areas
// shimmer from frame to frame and compress worse).
func (q *quantizer) index(img *image.RGBA, dst []uint8) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	last, lastIdx := uint32(1<<31), uint8(0)
	if len(q.cache) > maxCache {
		clear(q.cache)
	}
	for y := range h {
		row := img.Pix[y*img.Stride : y*img.Stride+4*w]
		out := dst[y*w : (y+1)*w]
		for x := range w {
			c := uint32(row[4*x])<<16 | uint32(row[4*x+1])<<8 | uint32(row[4*x+2])
			if c != last {
				idx, ok := q.cache[c]
				if !ok {
					idx = q.nearest(c)
					q.cache[c] = idx
				}
				last, lastIdx = c, idx
			}
			out[x] = lastIdx
		}
	}
}

// nearest returns the index of the palette colour nearest c (weighted
// RGB distance).
func (q *quantizer) nearest(c uint32) uint8 {
	r, g, b := int32(c>>16), int32(c>>8&0xff), int32(c&0xff)
	best, bestD := 0, int32(1<<30)
	for i, p := range q.rgb {
		dr, dg, db := r-p[0], g-p[1], b-p[2]
		if d := 2*dr*dr + 4*dg*dg + 3*db*db; d < bestD {
			best, bestD = i, d
			if d == 0 {
				break
			}
		}
	}
	return uint8(best)
}

// colorCount is a colour and how many pixels have it.
type colorCount struct {
	c [3]int32
	n int
}

// medianCut reduces colours to at most k representatives: the box of
// colours with the most pixels times its widest channel range is split at
// its pixel-weighted median along that channel until there are k boxes;
// each box gives its weighted mean.
func medianCut(colors []colorCount, k int) [][3]int32 {
	if k <= 0 || len(colors) == 0 {
		return nil
	}
	if len(colors) <= k {
		out := make([][3]int32, len(colors))
		for i, c := range colors {
			out[i] = c.c
		}
		return out
	}
	type box struct {
		cs    []colorCount
		n     int
		ch    int
		rng   int32
		score int64
	}
	measure := func(cs []colorCount) box {
		b := box{cs: cs}
		lo, hi := [3]int32{255, 255, 255}, [3]int32{}
		for _, c := range cs {
			b.n += c.n
			for i := range 3 {
				lo[i], hi[i] = min(lo[i], c.c[i]), max(hi[i], c.c[i])
			}
		}
		for i := range 3 {
			if r := hi[i] - lo[i]; r > b.rng {
				b.ch, b.rng = i, r
			}
		}
		b.score = int64(b.n) * int64(b.rng)
		if len(cs) < 2 {
			b.score = -1
		}
		return b
	}
	boxes := []box{measure(colors)}
	for len(boxes) < k {
		bi := 0
		for i, b := range boxes {
			if b.score > boxes[bi].score {
				bi = i
			}
		}
		b := boxes[bi]
		if b.score < 0 {
			break // every box is one colour
		}
		slices.SortFunc(b.cs, func(x, y colorCount) int { return cmp.Compare(x.c[b.ch], y.c[b.ch]) })
		half, acc, cut := b.n/2, 0, 1
		for i, c := range b.cs {
			acc += c.n
			if acc >= half {
				cut = min(max(i+1, 1), len(b.cs)-1)
				break
			}
		}
		boxes[bi] = measure(b.cs[:cut])
		boxes = append(boxes, measure(b.cs[cut:]))
	}
	out := make([][3]int32, 0, len(boxes))
	for _, b := range boxes {
		var s [3]int64
		for _, c := range b.cs {
			for i := range 3 {
				s[i] += int64(c.c[i]) * int64(c.n)
			}
		}
		n := int64(max(b.n, 1))
		out = append(out, [3]int32{int32((s[0] + n/2) / n), int32((s[1] + n/2) / n), int32((s[2] + n/2) / n)})
	}
	return out
}
