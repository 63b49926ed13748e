package basemap

import (
	"encoding/binary"
	"math"
	"unicode/utf8"
)

// maxLayers bounds the layer count Decode accepts.
const maxLayers = 1 << 10

// reader parses a body with a sticky error: after the first failure every
// read returns zero and r.err says what went wrong.
type reader struct {
	b      []byte
	pos    int
	err    error
	budget int // points Decode may still materialise
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = formatErr(format, args...)
	}
}

func (r *reader) left() int { return len(r.b) - r.pos }

func (r *reader) uvarint(what string) uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.pos:])
	if n <= 0 {
		r.fail("%s: bad uvarint at byte %d", what, r.pos)
		return 0
	}
	r.pos += n
	return v
}

// count reads a uvarint count of items that each take at least size bytes
// and rejects counts the rest of the input cannot hold.
func (r *reader) count(what string, size int) int {
	v := r.uvarint(what)
	if r.err == nil && v > uint64(r.left()/size) {
		r.fail("%s: count %d exceeds the remaining %d bytes", what, v, r.left())
		return 0
	}
	return int(v)
}

func (r *reader) varint(what string) int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b[r.pos:])
	if n <= 0 {
		r.fail("%s: bad varint at byte %d", what, r.pos)
		return 0
	}
	r.pos += n
	return v
}

func (r *reader) bytes(what string, n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > r.left() {
		r.fail("%s: %d bytes past the end", what, n)
		return nil
	}
	p := r.b[r.pos : r.pos+n]
	r.pos += n
	return p
}

func (r *reader) byte(what string) byte {
	if p := r.bytes(what, 1); p != nil {
		return p[0]
	}
	return 0
}

func (r *reader) str(what string) string {
	n := r.uvarint(what)
	if r.err == nil && n > maxString {
		r.fail("%s: string of %d bytes", what, n)
	}
	s := string(r.bytes(what, int(n)))
	if r.err == nil && !utf8.ValidString(s) {
		r.fail("%s: not UTF-8", what)
	}
	return s
}

// coord reads one delta-coded coordinate and checks it stays on the grid.
func (r *reader) coord(what string, prev int64) int64 {
	v := prev + r.varint(what)
	if r.err == nil && (v < 0 || v > Grid) {
		r.fail("%s: coordinate %d off the grid", what, v)
	}
	return v
}

func decodeBody(body []byte) (*Basemap, error) {
	r := &reader{b: body}
	b := &Basemap{}
	r.budget = maxPoints
	// A layer takes at least 18 bytes: class, two zooms, part count.
	nl := r.count("layer count", 18)
	if nl > maxLayers {
		r.fail("%d layers", nl)
	}
	if r.err == nil {
		b.Layers = make([]Layer, nl)
	}
	for i := range b.Layers {
		r.layer(&b.Layers[i], i, b.Layers[:i])
	}
	// A place takes at least 11 bytes.
	np := r.count("place count", 11)
	if r.err == nil {
		b.Places = make([]Place, np)
	}
	var px, py int64
	for i := range b.Places {
		p := &b.Places[i]
		p.Name = r.str("place name")
		switch a := r.uvarint("ascii name"); {
		case r.err != nil:
		case a == 0:
			p.ASCIIName = p.Name
		case a-1 > maxString:
			r.fail("place %d: ascii name of %d bytes", i, a-1)
		default:
			p.ASCIIName = string(r.bytes("ascii name", int(a-1)))
			if !utf8.ValidString(p.ASCIIName) {
				r.fail("place %d: ascii name not UTF-8", i)
			}
		}
		p.Country = r.str("country")
		p.Kind = PlaceKind(r.byte("kind"))
		pop := r.uvarint("population")
		if pop > math.MaxInt64 {
			r.fail("place %d: population %d", i, pop)
		}
		p.Population = int64(pop)
		if zb := r.bytes("place zoom", 4); zb != nil {
			p.MinZoom = math.Float32frombits(binary.LittleEndian.Uint32(zb))
		}
		px, py = r.coord("place x", px), r.coord("place y", py)
		p.X, p.Y = float64(px)/Grid, float64(py)/Grid
		if r.err != nil {
			break
		}
		if p.Kind >= numKinds {
			r.fail("place %d: unknown kind %d", i, p.Kind)
		} else if z := float64(p.MinZoom); math.IsNaN(z) || math.IsInf(z, 0) {
			r.fail("place %d: MinZoom %v", i, p.MinZoom)
		}
	}
	if r.err == nil && r.left() != 0 {
		r.fail("%d bytes after the last place", r.left())
	}
	if r.err != nil {
		return nil, r.err
	}
	return b, nil
}

// partHead is a decoded part header.
type partHead struct {
	n                  int
	ref                bool
	layer, part, start int
}

// layer decodes layer i; layers before it are already decoded in prev.
func (r *reader) layer(l *Layer, i int, prev []Layer) {
	l.Class = Class(r.byte("class"))
	if zb := r.bytes("zooms", 16); zb != nil {
		l.MinZoom = math.Float64frombits(binary.LittleEndian.Uint64(zb))
		l.MaxZoom = math.Float64frombits(binary.LittleEndian.Uint64(zb[8:]))
	}
	if r.err != nil {
		return
	}
	if l.Class >= numClasses {
		r.fail("layer %d: unknown class %d", i, l.Class)
		return
	}
	if math.IsNaN(l.MinZoom) || math.IsInf(l.MinZoom, 0) || math.IsNaN(l.MaxZoom) || !(l.MinZoom < l.MaxZoom) {
		r.fail("layer %d: bad zoom range [%v, %v)", i, l.MinZoom, l.MaxZoom)
		return
	}
	// A part header takes at least one byte.
	n := r.count("part count", 1)
	if r.err != nil {
		return
	}
	heads := make([]partHead, n)
	minPts := minPoints(l.Class)
	total, stored := 0, 0
	for j := range heads {
		h := &heads[j]
		v := r.uvarint("part header")
		h.ref = v&1 == 1
		if v >>= 1; v > maxPoints || int(v) > r.budget {
			r.fail("layer %d part %d: %d points exceed the limit", i, j, v)
		}
		h.n = int(v)
		if h.ref {
			h.layer = r.index("ref layer", i)
			if r.err == nil {
				h.part = r.index("ref part", prev[h.layer].Parts())
			}
			if r.err == nil {
				src := &prev[h.layer]
				h.start = r.index("ref start", int(src.Start[h.part+1]-src.Start[h.part]))
				if r.err == nil && h.n > runLen(src, h.part, h.start) {
					r.fail("layer %d part %d: reference runs past its source", i, j)
				}
			}
		} else {
			stored += h.n
		}
		if r.err != nil {
			return
		}
		if h.n < minPts {
			r.fail("layer %d part %d: %d points, want at least %d", i, j, h.n, minPts)
			return
		}
		r.budget -= h.n
		total += h.n
	}
	// Every stored point takes at least two bytes.
	if stored > r.left()/2 {
		r.fail("layer %d: %d points exceed the remaining %d bytes", i, stored, r.left())
		return
	}
	l.Start = make([]int32, n+1)
	for j, h := range heads {
		l.Start[j+1] = l.Start[j] + int32(h.n)
	}
	l.XY = make([]float64, 2*total)
	xlen := r.count("x length", 1)
	xs := r.bytes("x deltas", xlen)
	if r.err != nil {
		return
	}
	ys := r.b[r.pos:]
	var d deltas
	for j, h := range heads {
		part := l.XY[2*l.Start[j] : 2*l.Start[j+1]]
		if h.ref {
			copyRun(part, &prev[h.layer], h.part, h.start)
		} else if !d.decode(part, xs, ys) {
			r.fail("layer %d part %d: bad or off-grid coordinates", i, j)
			return
		}
	}
	if d.xp != len(xs) {
		r.fail("layer %d: %d unused x bytes", i, len(xs)-d.xp)
		return
	}
	r.pos += d.yp
	l.Boxes = make([]Box, n)
	for j := range n {
		l.Boxes[j] = BoxOf(l.Part(j))
	}
}

// deltas decodes the x and y delta runs of a layer.
type deltas struct {
	xp, yp int   // read positions in the x and y runs
	x, y   int64 // the previous point
}

// decode fills dst with len(dst)/2 points; false if a varint is bad or a
// point leaves the grid.
func (d *deltas) decode(dst []float64, xs, ys []byte) bool {
	const inv = 1.0 / Grid
	for k := 0; k < len(dst); k += 2 {
		dx, ok1 := zigzag(xs, &d.xp)
		dy, ok2 := zigzag(ys, &d.yp)
		d.x += dx
		d.y += dy
		if !ok1 || !ok2 || uint64(d.x) > Grid || uint64(d.y) > Grid {
			return false
		}
		dst[k], dst[k+1] = float64(d.x)*inv, float64(d.y)*inv
	}
	return true
}

// zigzag reads a varint at *pos, with a fast path for one byte.
func zigzag(b []byte, pos *int) (int64, bool) {
	p := *pos
	if p < len(b) && b[p] < 0x80 {
		*pos = p + 1
		u := int64(b[p])
		return u>>1 ^ -(u & 1), true
	}
	if p > len(b) {
		return 0, false
	}
	v, n := binary.Varint(b[p:])
	if n <= 0 {
		return 0, false
	}
	*pos = p + n
	return v, true
}

// index reads a uvarint that must be below n.
func (r *reader) index(what string, n int) int {
	v := r.uvarint(what)
	if r.err == nil && v >= uint64(n) {
		r.fail("%s %d out of range [0, %d)", what, v, n)
		return 0
	}
	return int(v)
}

// runLen is how many points a reference to l's part starting at point k
// may copy: once around a ring and back to its start, or to a line's end.
func runLen(l *Layer, part, k int) int {
	n := int(l.Start[part+1] - l.Start[part])
	if l.Class.Filled() {
		return n + 1
	}
	return n - k
}

// copyRun fills dst with the points of src's part from point k on,
// wrapping around a ring.
func copyRun(dst []float64, src *Layer, part, k int) {
	p := src.Part(part)
	for i := 0; i < len(dst); i += 2 {
		if 2*k >= len(p) {
			k = 0
		}
		dst[i], dst[i+1] = p[2*k], p[2*k+1]
		k++
	}
}
