package basemap

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"unicode/utf8"
)

// The asset format, version 1. All integers are little-endian; uvarint
// and varint are encoding/binary's Uvarint and (zigzag) Varint.
//
//	file    = magic "FRBM" | version byte (1) | uvarint len(payload) |
//	          raw DEFLATE(payload)
//	payload = body | CRC-32 (IEEE) of body, 4 bytes
//	body    = uvarint nLayers | layer* | uvarint nPlaces | place*
//	layer   = class byte | MinZoom float64 | MaxZoom float64 |
//	          uvarint nParts | part header* |
//	          uvarint xLen | xLen bytes of x deltas | y deltas
//	header  = uvarint points<<1 | isRef
//	          [if isRef: uvarint layer | uvarint part | uvarint start]
//	place   = str Name | uvarint a (0: ASCIIName = Name, else a-1 bytes
//	          of ASCIIName follow) | str Country | kind byte |
//	          uvarint Population | MinZoom float32 | varint dx | varint dy
//	str     = uvarint length | bytes (UTF-8)
//
// Coordinates are quantised to round(v·Grid) and stored as varint deltas
// against the previous stored point of the layer (or the previous place),
// starting from 0,0, x and y in separate runs (they compress better). A
// reference part stores no coordinates: it repeats points start, start+1,
// ... of a part of an earlier layer, wrapping around when that part is a
// fill ring. Bounding boxes are not stored; Decode recomputes them.
const (
	magic   = "FRBM"
	version = 1
	// maxPayload bounds the decompressed size Decode accepts.
	maxPayload = 64 << 20
	// maxPoints bounds the points Decode materialises (references copy
	// points, so this is not implied by maxPayload).
	maxPoints = 1 << 21
	// maxString bounds a string's length.
	maxString = 1 << 12
)

// Grid is the coordinate grid: a decoded coordinate is k/Grid for an
// integer k in [0, Grid], i.e. 2^-28 of the world (15 cm at the equator,
// 1/16 px at zoom 16).
const Grid = 1 << 28

// ErrFormat is wrapped by every error Decode returns for input that is
// not a valid basemap asset.
var ErrFormat = errors.New("basemap: invalid asset")

func formatErr(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrFormat}, args...)...)
}

// Encode writes b in the asset format. Coordinates are rounded to the
// 1/Grid grid; a part that repeats a run of an earlier layer's part is
// stored as a reference; Boxes are not written (Decode recomputes them).
// It returns an error if b is inconsistent (see Validate). The output is
// a deterministic function of b.
func (b *Basemap) Encode(w io.Writer) error {
	if err := b.Validate(); err != nil {
		return err
	}
	qs := make([]qlayer, len(b.Layers))
	for i := range b.Layers {
		l := &b.Layers[i]
		q := make([]int64, len(l.XY))
		for j, v := range l.XY {
			q[j] = quant(v)
		}
		qs[i] = qlayer{class: l.Class, start: l.Start, q: q}
	}
	refs := findRefs(qs)
	var body []byte
	body = binary.AppendUvarint(body, uint64(len(b.Layers)))
	for i := range b.Layers {
		body = appendLayer(body, &b.Layers[i], &qs[i], refs[i])
	}
	body = binary.AppendUvarint(body, uint64(len(b.Places)))
	var px, py int64
	for i := range b.Places {
		p := &b.Places[i]
		body = appendString(body, p.Name)
		if p.ASCIIName == p.Name {
			body = append(body, 0)
		} else {
			body = binary.AppendUvarint(body, uint64(len(p.ASCIIName))+1)
			body = append(body, p.ASCIIName...)
		}
		body = appendString(body, p.Country)
		body = append(body, byte(p.Kind))
		body = binary.AppendUvarint(body, uint64(p.Population))
		body = binary.LittleEndian.AppendUint32(body, math.Float32bits(p.MinZoom))
		x, y := quant(p.X), quant(p.Y)
		body = binary.AppendVarint(body, x-px)
		body = binary.AppendVarint(body, y-py)
		px, py = x, y
	}
	body = binary.LittleEndian.AppendUint32(body, crc32.ChecksumIEEE(body))

	var out bytes.Buffer
	out.WriteString(magic)
	out.WriteByte(version)
	out.Write(binary.AppendUvarint(nil, uint64(len(body))))
	zw, err := flate.NewWriter(&out, flate.BestCompression)
	if err != nil {
		return fmt.Errorf("basemap: encode: %w", err)
	}
	if _, err := zw.Write(body); err != nil {
		return fmt.Errorf("basemap: encode: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("basemap: encode: %w", err)
	}
	if _, err := w.Write(out.Bytes()); err != nil {
		return fmt.Errorf("basemap: encode: %w", err)
	}
	return nil
}

func appendLayer(body []byte, l *Layer, q *qlayer, refs []ref) []byte {
	body = append(body, byte(l.Class))
	body = binary.LittleEndian.AppendUint64(body, math.Float64bits(l.MinZoom))
	body = binary.LittleEndian.AppendUint64(body, math.Float64bits(l.MaxZoom))
	n := l.Parts()
	body = binary.AppendUvarint(body, uint64(n))
	var xs, ys []byte
	var px, py int64
	for i := range n {
		s, e := l.Start[i], l.Start[i+1]
		h := uint64(e-s) << 1
		if r := refs[i]; r.ok {
			body = binary.AppendUvarint(body, h|1)
			body = binary.AppendUvarint(body, uint64(r.layer))
			body = binary.AppendUvarint(body, uint64(r.part))
			body = binary.AppendUvarint(body, uint64(r.start))
			continue
		}
		body = binary.AppendUvarint(body, h)
		for k := 2 * s; k < 2*e; k += 2 {
			x, y := q.q[k], q.q[k+1]
			xs = binary.AppendVarint(xs, x-px)
			ys = binary.AppendVarint(ys, y-py)
			px, py = x, y
		}
	}
	body = binary.AppendUvarint(body, uint64(len(xs)))
	body = append(body, xs...)
	return append(body, ys...)
}

func appendString(body []byte, s string) []byte {
	body = binary.AppendUvarint(body, uint64(len(s)))
	return append(body, s...)
}

// quant rounds a normalised coordinate to the grid.
func quant(v float64) int64 { return int64(math.Round(v * Grid)) }

// Validate checks what Encode needs: at most 1024 layers and 2^21
// points, known classes and kinds, finite zooms with MinZoom < MaxZoom
// (MaxZoom may be +Inf), Start consistent with XY, at least three points
// per fill ring and two per line, coordinates in [0,1], valid UTF-8
// strings no longer than 4 KiB, and non-negative populations.
func (b *Basemap) Validate() error {
	if len(b.Layers) > maxLayers {
		return fmt.Errorf("basemap: %d layers, at most %d", len(b.Layers), maxLayers)
	}
	points := 0
	for i := range b.Layers {
		l := &b.Layers[i]
		if err := l.validate(); err != nil {
			return fmt.Errorf("basemap: layer %d (%v): %w", i, l.Class, err)
		}
		points += l.Points()
	}
	if points > maxPoints {
		return fmt.Errorf("basemap: %d points, at most %d", points, maxPoints)
	}
	for i := range b.Places {
		p := &b.Places[i]
		switch {
		case p.Kind >= numKinds:
			return fmt.Errorf("basemap: place %d %q: unknown kind %d", i, p.Name, p.Kind)
		case !validString(p.Name) || !validString(p.ASCIIName) || !validString(p.Country):
			return fmt.Errorf("basemap: place %d %q: name or country is not UTF-8 or too long", i, p.Name)
		case p.Population < 0:
			return fmt.Errorf("basemap: place %d %q: negative population", i, p.Name)
		case !unit(p.X) || !unit(p.Y):
			return fmt.Errorf("basemap: place %d %q: point %g,%g outside [0,1]", i, p.Name, p.X, p.Y)
		case math.IsNaN(float64(p.MinZoom)) || math.IsInf(float64(p.MinZoom), 0):
			return fmt.Errorf("basemap: place %d %q: MinZoom %v", i, p.Name, p.MinZoom)
		}
	}
	return nil
}

func (l *Layer) validate() error {
	if l.Class >= numClasses {
		return fmt.Errorf("unknown class %d", l.Class)
	}
	if math.IsNaN(l.MinZoom) || math.IsInf(l.MinZoom, 0) || math.IsNaN(l.MaxZoom) || !(l.MinZoom < l.MaxZoom) {
		return fmt.Errorf("bad zoom range [%v, %v)", l.MinZoom, l.MaxZoom)
	}
	if len(l.XY)%2 != 0 {
		return errors.New("odd XY length")
	}
	n := l.Parts()
	if n == 0 && len(l.XY) != 0 || n > 0 && (l.Start[0] != 0 || int(l.Start[n]) != len(l.XY)/2) {
		return errors.New("part offsets (Start) do not cover XY")
	}
	minPts := int32(minPoints(l.Class))
	for i := range n {
		if l.Start[i+1]-l.Start[i] < minPts {
			return fmt.Errorf("part %d has %d points, want at least %d", i, l.Start[i+1]-l.Start[i], minPts)
		}
	}
	for i, v := range l.XY {
		if !unit(v) {
			return fmt.Errorf("coordinate %d = %g outside [0,1]", i, v)
		}
	}
	return nil
}

func minPoints(c Class) int {
	if c.Filled() {
		return 3
	}
	return 2
}

func unit(v float64) bool { return v >= 0 && v <= 1 }

func validString(s string) bool { return len(s) <= maxString && utf8.ValidString(s) }

// Decode reads an asset written by Encode. It never panics: truncated,
// corrupt or hostile input yields an error wrapping ErrFormat.
func Decode(r io.Reader) (*Basemap, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxPayload+1))
	if err != nil {
		return nil, fmt.Errorf("basemap: read: %w", err)
	}
	if len(raw) > maxPayload {
		return nil, formatErr("larger than %d bytes", maxPayload)
	}
	if len(raw) < len(magic)+1 || string(raw[:len(magic)]) != magic {
		return nil, formatErr("bad magic")
	}
	if v := raw[len(magic)]; v != version {
		return nil, formatErr("version %d, want %d", v, version)
	}
	raw = raw[len(magic)+1:]
	size, n := binary.Uvarint(raw)
	// DEFLATE expands at most 1032:1.
	if n <= 0 || size < 4 || size > maxPayload || size > 1032*uint64(len(raw)-n) {
		return nil, formatErr("bad payload size")
	}
	src := bytes.NewReader(raw[n:])
	zr := flate.NewReader(src)
	payload := make([]byte, size)
	if _, err := io.ReadFull(zr, payload); err != nil {
		return nil, formatErr("decompress: %v", err)
	}
	switch k, err := zr.Read(make([]byte, 1)); {
	case k != 0:
		return nil, formatErr("payload longer than its stated size")
	case err != io.EOF:
		return nil, formatErr("decompress: %v", err)
	}
	if src.Len() != 0 {
		return nil, formatErr("%d bytes after the compressed payload", src.Len())
	}
	body, sum := payload[:len(payload)-4], binary.LittleEndian.Uint32(payload[len(payload)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, formatErr("checksum mismatch")
	}
	return decodeBody(body)
}
