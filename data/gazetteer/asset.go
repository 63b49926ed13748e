package gazetteer

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// The asset is the magic "FRGZ", a format version byte, then a DEFLATE
// stream of:
//
//	uvarint countries; each: string ISO2, string ISO3, string name
//	uvarint strings; each: string (feature codes, country codes, admin-1 names)
//	uvarint places; each:
//	    uvarint geonameid
//	    varint latitude×1e5, varint longitude×1e5
//	    string name, string ASCII name ("" when the same as the name)
//	    uvarint feature code, country code, admin-1 name (string table indexes)
//	    uvarint population
//	    uvarint alternate names; each: string
//
// A string is a uvarint byte length and the UTF-8 bytes. Places are in the
// order given to Encode.
const (
	assetMagic   = "FRGZ"
	assetVersion = 1
)

// Country is a country the gazetteer knows by name, for Lookup's
// country hint.
type Country struct {
	ISO2 string // ISO 3166-1 alpha-2, e.g. "PK"
	ISO3 string // ISO 3166-1 alpha-3, e.g. "PAK"
	Name string // Natural Earth's short name, e.g. "Pakistan"
}

// Encode writes places and countries as a gazetteer asset. Coordinates are
// stored to 1e-5 degrees; Encode fails for a place whose coordinates are
// out of range.
func Encode(w io.Writer, places []Place, countries []Country) error {
	var body []byte
	str := func(s string) {
		body = binary.AppendUvarint(body, uint64(len(s)))
		body = append(body, s...)
	}
	body = binary.AppendUvarint(body, uint64(len(countries)))
	for _, c := range countries {
		str(c.ISO2)
		str(c.ISO3)
		str(c.Name)
	}
	table := map[string]uint64{}
	var strs []string
	intern := func(s string) uint64 {
		i, ok := table[s]
		if !ok {
			i = uint64(len(strs))
			table[s] = i
			strs = append(strs, s)
		}
		return i
	}
	var rest []byte
	for _, p := range places {
		if p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180 || p.Lat != p.Lat || p.Lon != p.Lon {
			return fmt.Errorf("gazetteer: place %d %q: coordinates %v, %v out of range", p.ID, p.Name, p.Lat, p.Lon)
		}
		if p.ID < 0 || p.Population < 0 {
			return fmt.Errorf("gazetteer: place %d %q: negative ID or population", p.ID, p.Name)
		}
		rest = binary.AppendUvarint(rest, uint64(p.ID))
		rest = binary.AppendVarint(rest, int64(math.Round(p.Lat*1e5)))
		rest = binary.AppendVarint(rest, int64(math.Round(p.Lon*1e5)))
		ascii := p.ASCIIName
		if ascii == p.Name {
			ascii = ""
		}
		for _, s := range []string{p.Name, ascii} {
			rest = binary.AppendUvarint(rest, uint64(len(s)))
			rest = append(rest, s...)
		}
		rest = binary.AppendUvarint(rest, intern(p.FeatureCode))
		rest = binary.AppendUvarint(rest, intern(p.Country))
		rest = binary.AppendUvarint(rest, intern(p.Admin1))
		rest = binary.AppendUvarint(rest, uint64(p.Population))
		rest = binary.AppendUvarint(rest, uint64(len(p.AltNames)))
		for _, a := range p.AltNames {
			rest = binary.AppendUvarint(rest, uint64(len(a)))
			rest = append(rest, a...)
		}
	}
	body = binary.AppendUvarint(body, uint64(len(strs)))
	for _, s := range strs {
		str(s)
	}
	body = binary.AppendUvarint(body, uint64(len(places)))
	body = append(body, rest...)

	bw := bufio.NewWriter(w)
	bw.WriteString(assetMagic)
	bw.WriteByte(assetVersion)
	fw, err := flate.NewWriter(bw, flate.BestCompression)
	if err != nil {
		return err
	}
	if _, err := fw.Write(body); err != nil {
		return err
	}
	if err := fw.Close(); err != nil {
		return err
	}
	return bw.Flush()
}

// maxAssetBody bounds the decompressed asset, so that a corrupt one cannot
// exhaust memory.
const maxAssetBody = 64 << 20

// errCorrupt is wrapped by every decoding error.
var errCorrupt = errors.New("gazetteer: corrupt asset")

// Decode reads a gazetteer asset as Encode writes it. The places' strings
// share one backing string.
func Decode(asset []byte) ([]Place, []Country, error) {
	if len(asset) < len(assetMagic)+1 || string(asset[:len(assetMagic)]) != assetMagic {
		return nil, nil, fmt.Errorf("%w: bad magic", errCorrupt)
	}
	if v := asset[len(assetMagic)]; v != assetVersion {
		return nil, nil, fmt.Errorf("%w: version %d, want %d", errCorrupt, v, assetVersion)
	}
	fr := flate.NewReader(bytes.NewReader(asset[len(assetMagic)+1:]))
	raw, err := io.ReadAll(io.LimitReader(fr, maxAssetBody+1))
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", errCorrupt, err)
	}
	if len(raw) > maxAssetBody {
		return nil, nil, fmt.Errorf("%w: larger than %d MiB", errCorrupt, maxAssetBody>>20)
	}
	d := decoder{s: string(raw)}
	countries := make([]Country, d.count(3))
	for i := range countries {
		countries[i] = Country{ISO2: d.str(), ISO3: d.str(), Name: d.str()}
	}
	strs := make([]string, d.count(1))
	for i := range strs {
		strs[i] = d.str()
	}
	places := make([]Place, d.count(8))
	var alts []string // the places' alternate names, sliced per place
	for i := range places {
		p := &places[i]
		p.ID = int64(d.uvarint())
		p.Lat = float64(d.varint()) / 1e5
		p.Lon = float64(d.varint()) / 1e5
		p.Name = d.str()
		if p.ASCIIName = d.str(); p.ASCIIName == "" {
			p.ASCIIName = p.Name
		}
		p.FeatureCode = d.index(strs)
		p.Country = d.index(strs)
		p.Admin1 = d.index(strs)
		p.Population = int64(d.uvarint())
		n := d.count(1)
		start := len(alts)
		for range n {
			alts = append(alts, d.str())
		}
		p.AltNames = alts[start:len(alts):len(alts)]
		if d.err == nil && (p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180 || p.Population < 0 || p.ID < 0) {
			d.err = fmt.Errorf("place %d: values out of range", p.ID)
		}
		if d.err != nil {
			break
		}
	}
	if d.err == nil && d.pos != len(d.s) {
		d.err = fmt.Errorf("%d bytes after the last place", len(d.s)-d.pos)
	}
	if d.err != nil {
		return nil, nil, fmt.Errorf("%w: %v", errCorrupt, d.err)
	}
	return places, countries, nil
}

// decoder reads the asset body; the first error sticks and later reads
// return zero values.
type decoder struct {
	s   string
	pos int
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	var v uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if d.pos >= len(d.s) {
			d.err = errors.New("truncated")
			return 0
		}
		c := d.s[d.pos]
		d.pos++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	d.err = errors.New("varint overflows 64 bits")
	return 0
}

func (d *decoder) varint() int64 {
	u := d.uvarint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

// count reads a length whose items take at least min bytes each, so that
// a corrupt length cannot ask for more than the rest of the body holds.
func (d *decoder) count(min int) int {
	n := d.uvarint()
	if d.err == nil && n > uint64((len(d.s)-d.pos)/min) {
		d.err = fmt.Errorf("count %d exceeds the data", n)
		return 0
	}
	return int(n)
}

func (d *decoder) str() string {
	n := d.count(1)
	if d.err != nil {
		return ""
	}
	s := d.s[d.pos : d.pos+n]
	d.pos += n
	return s
}

func (d *decoder) index(strs []string) string {
	i := d.uvarint()
	if d.err == nil && i >= uint64(len(strs)) {
		d.err = fmt.Errorf("string index %d of %d", i, len(strs))
	}
	if d.err != nil {
		return ""
	}
	return strs[i]
}
