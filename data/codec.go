package data

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
)

// recordVersion is the version byte at the start of every encoded event.
const recordVersion = 1

// hotSize is the length of the fixed-width head of an encoded event: the
// fields the index loads at open, at fixed offsets so no decoding of the
// variable tail is needed.
const hotSize = 1 + 3 + 8 + 8 + 8 + 8 + 4 + 7*4 + 8

// Offsets of the fixed-width fields in an encoded event.
const (
	offDatePrec = 1
	offGeoPrec  = 2
	offStart    = 4
	offEnd      = 12
	offLat      = 20
	offLon      = 28
	offFatal    = 36
	offDataset  = 40
	offActor1   = 44
	offActor2   = 48
	offType     = 52
	offSubType  = 56
	offDisorder = 60
	offLocation = 64
	offUpdated  = 68 // Unix seconds, 0 when unknown
)

// errCorrupt reports an encoded event that cannot be decoded.
var errCorrupt = errors.New("corrupt event record")

// putEventKey writes the 16-byte store key of an event into k: its start
// time (as seconds, sign-flipped so negative times sort first) then its ID,
// both big-endian, so a cursor walks events in time order.
func putEventKey(k []byte, unix int64, id uint64) {
	binary.BigEndian.PutUint64(k[0:8], uint64(unix)^(1<<63))
	binary.BigEndian.PutUint64(k[8:16], id)
}

// keyParts returns the start time and ID encoded in an event key.
func keyParts(k []byte) (unix int64, id uint64) {
	return int64(binary.BigEndian.Uint64(k[0:8]) ^ (1 << 63)), binary.BigEndian.Uint64(k[8:16])
}

// stringInterner maps strings to the dictionary IDs stored in records.
type stringInterner interface {
	intern(s string) (uint32, error)
}

// stringLookup maps dictionary IDs back to strings.
type stringLookup interface {
	lookup(id uint32) string
}

// encodeEvent appends the binary form of e to buf. Strings that the index
// needs (dataset, actors, types, location) are interned through in.
func encodeEvent(buf []byte, e *Event, in stringInterner) ([]byte, error) {
	var ids [7]uint32
	for i, s := range []string{e.Dataset, e.Actor1, e.Actor2, e.EventType, e.SubEventType, e.DisorderType, e.Location} {
		id, err := in.intern(s)
		if err != nil {
			return buf, err
		}
		ids[i] = id
	}
	end := e.DateEnd
	if end.IsZero() {
		end = e.Date
	}
	var head [hotSize]byte
	head[0] = recordVersion
	head[offDatePrec] = byte(e.DatePrecision)
	head[offGeoPrec] = e.GeoPrecision
	binary.LittleEndian.PutUint64(head[offStart:], uint64(e.Date.Unix()))
	binary.LittleEndian.PutUint64(head[offEnd:], uint64(end.Unix()))
	binary.LittleEndian.PutUint64(head[offLat:], math.Float64bits(e.Lat))
	binary.LittleEndian.PutUint64(head[offLon:], math.Float64bits(e.Lon))
	binary.LittleEndian.PutUint32(head[offFatal:], uint32(e.Fatalities))
	for i, id := range ids {
		binary.LittleEndian.PutUint32(head[offDataset+4*i:], id)
	}
	if !e.Updated.IsZero() {
		binary.LittleEndian.PutUint64(head[offUpdated:], uint64(e.Updated.Unix()))
	}
	buf = append(buf, head[:]...)
	for _, list := range [][]string{e.Assoc1, e.Assoc2} {
		buf = binary.AppendUvarint(buf, uint64(len(list)))
		for _, a := range list {
			id, err := in.intern(a)
			if err != nil {
				return buf, err
			}
			buf = binary.AppendUvarint(buf, uint64(id))
		}
	}
	for _, s := range []string{
		e.SourceID, e.Admin1, e.Admin2, e.Admin3, e.Country, e.Region, e.ISO, e.ISO3,
		e.Inter1, e.Inter2, e.Interaction, e.CivilianTargeting,
		e.Notes, e.Source, e.SourceScale, strings.Join(e.Tags, "\x1f"),
	} {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	return buf, nil
}

// decodeEvent decodes a record produced by encodeEvent. The strings are
// copied, so b may belong to a bbolt transaction.
func decodeEvent(b []byte, id uint64, dict stringLookup) (*Event, error) {
	if len(b) < hotSize || b[0] != recordVersion {
		return nil, errCorrupt
	}
	u32 := func(off int) uint32 { return binary.LittleEndian.Uint32(b[off:]) }
	u64 := func(off int) uint64 { return binary.LittleEndian.Uint64(b[off:]) }
	e := &Event{
		ID:            id,
		DatePrecision: DatePrecision(b[offDatePrec]),
		GeoPrecision:  b[offGeoPrec],
		Date:          time.Unix(int64(u64(offStart)), 0).UTC(),
		DateEnd:       time.Unix(int64(u64(offEnd)), 0).UTC(),
		Lat:           math.Float64frombits(u64(offLat)),
		Lon:           math.Float64frombits(u64(offLon)),
		Fatalities:    int32(u32(offFatal)),
		Dataset:       dict.lookup(u32(offDataset)),
		Actor1:        dict.lookup(u32(offActor1)),
		Actor2:        dict.lookup(u32(offActor2)),
		EventType:     dict.lookup(u32(offType)),
		SubEventType:  dict.lookup(u32(offSubType)),
		DisorderType:  dict.lookup(u32(offDisorder)),
		Location:      dict.lookup(u32(offLocation)),
	}
	r := reader{b: b, off: hotSize}
	for _, dst := range []*[]string{&e.Assoc1, &e.Assoc2} {
		n := r.uvarint()
		if n > uint64(len(b)) {
			return nil, errCorrupt
		}
		for i := uint64(0); i < n && r.err == nil; i++ {
			*dst = append(*dst, dict.lookup(uint32(r.uvarint())))
		}
	}
	var tags string
	for _, dst := range []*string{
		&e.SourceID, &e.Admin1, &e.Admin2, &e.Admin3, &e.Country, &e.Region, &e.ISO, &e.ISO3,
		&e.Inter1, &e.Inter2, &e.Interaction, &e.CivilianTargeting,
		&e.Notes, &e.Source, &e.SourceScale, &tags,
	} {
		*dst = r.str()
	}
	if tags != "" {
		e.Tags = strings.Split(tags, "\x1f")
	}
	if r.err != nil {
		return nil, r.err
	}
	if r.off != len(b) {
		return nil, fmt.Errorf("%w: %d bytes after the last field", errCorrupt, len(b)-r.off)
	}
	if upd := int64(u64(offUpdated)); upd != 0 {
		e.Updated = time.Unix(upd, 0).UTC()
	}
	return e, nil
}

// reader walks the variable tail of a record, remembering the first error.
type reader struct {
	b   []byte
	off int
	err error
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.err = errCorrupt
		return 0
	}
	r.off += n
	return v
}

func (r *reader) str() string {
	n := r.uvarint()
	if r.err != nil {
		return ""
	}
	if n > uint64(len(r.b)-r.off) {
		r.err = fmt.Errorf("%w: string of %d bytes past the end", errCorrupt, n)
		return ""
	}
	s := string(r.b[r.off : r.off+int(n)])
	r.off += int(n)
	return s
}
