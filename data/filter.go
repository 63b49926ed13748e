package data

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// Filter selects events. Zero fields select everything; all set fields must
// match.
type Filter struct {
	// From and To bound the event dates, inclusive by day (UTC); a zero
	// value leaves that end open. An event with a date span matches when
	// the span meets the window.
	From, To time.Time
	// Actors matches events whose actor1, actor2 or an associated actor is
	// one of these names.
	Actors []string
	// Types matches events whose event type or sub-event type is one of
	// these names.
	Types []string
	// MinFatalities keeps events with at least this many fatalities.
	MinFatalities int
	// BBox, when set, keeps events inside the bound (Min is the
	// south-west corner as lon, lat; Max the north-east).
	BBox *orb.Bound
	// Text keeps events whose location or notes contain it (any case).
	Text string
	// PreciseOnly keeps events known to the day and to the town
	// (geo precision 1; an unknown precision does not count as precise).
	PreciseOnly bool
	// Groups adds the members of these actor groups to Actors.
	Groups []string
	// Tags keeps events carrying any of these user tags.
	Tags []string
}

// IsZero reports whether the filter selects everything.
func (f *Filter) IsZero() bool {
	return f.From.IsZero() && f.To.IsZero() && len(f.Actors) == 0 && len(f.Types) == 0 &&
		f.MinFatalities == 0 && f.BBox == nil && f.Text == "" && !f.PreciseOnly &&
		len(f.Groups) == 0 && len(f.Tags) == 0
}

// Result is what a filter selects: rows in time order, and counts per
// actor, event type and sub-event type over those rows, indexed by string
// ID.
type Result struct {
	Rows                                   []int32
	ActorCounts, TypeCounts, SubTypeCounts []int32
	Fatalities                             int64
}

// bitset is a set of string IDs.
type bitset []uint64

func newBitset(n int) bitset       { return make(bitset, (n+63)/64) }
func (b bitset) set(i uint32)      { b[i/64] |= 1 << (i % 64) }
func (b bitset) has(i uint32) bool { return int(i/64) < len(b) && b[i/64]&(1<<(i%64)) != 0 }

// Filter returns the rows that pass f, with counts. It is safe to call from
// several goroutines at once.
func (ix *Index) Filter(f *Filter) (Result, error) {
	lo, hi := 0, ix.Len()
	from, to := int64(math.MinInt64), int64(math.MaxInt64)
	if !f.From.IsZero() {
		from = dayStart(f.From)
	}
	if !f.To.IsZero() {
		to = dayStart(f.To) + 86400 - 1
	}
	if from != math.MinInt64 || to != math.MaxInt64 {
		lo, hi = ix.timeRange(from, to)
	}
	var actors, types, tagged bitset
	if len(f.Actors) > 0 || len(f.Groups) > 0 {
		names := f.Actors
		for _, g := range f.Groups {
			names = append(slices.Clip(names), ix.Groups[g]...)
		}
		actors = ix.setOf(names, true)
	}
	if len(f.Tags) > 0 {
		tagged = ix.tagBitset(f.Tags)
	}
	if len(f.Types) > 0 {
		types = ix.setOf(f.Types, false)
	}
	var bx0, by0, bx1, by1 float64
	if f.BBox != nil {
		bx0, by1 = Mercator(f.BBox.Min.Lon(), f.BBox.Min.Lat())
		bx1, by0 = Mercator(f.BBox.Max.Lon(), f.BBox.Max.Lat())
	}
	var locs bitset
	text := strings.ToLower(strings.TrimSpace(f.Text))
	if text != "" {
		locs = newBitset(len(ix.Strings))
		for id, s := range ix.Strings {
			if strings.Contains(strings.ToLower(s), text) {
				locs.set(uint32(id))
			}
		}
	}
	minFatal := int32(min(f.MinFatalities, math.MaxInt32))
	var rows []int32
	var needNotes []int32
	for i := lo; i < hi; i++ {
		if ix.End[i] < from || ix.Start[i] > to {
			continue
		}
		if ix.Fatalities[i] < minFatal {
			continue
		}
		if f.PreciseOnly && (ix.DatePrec[i] != PrecDay || ix.GeoPrec[i] != 1) {
			continue
		}
		if f.BBox != nil && (ix.X[i] < bx0 || ix.X[i] > bx1 || ix.Y[i] < by0 || ix.Y[i] > by1) {
			continue
		}
		if types != nil && !types.has(ix.Type[i]) && !types.has(ix.SubType[i]) {
			continue
		}
		if actors != nil && !ix.rowHasActor(i, actors) {
			continue
		}
		if tagged != nil && !tagged.has(uint32(i)) {
			continue
		}
		if locs != nil && !locs.has(ix.Location[i]) {
			needNotes = append(needNotes, int32(i))
			continue
		}
		rows = append(rows, int32(i))
	}
	if len(needNotes) > 0 && ix.store != nil {
		more, err := ix.rowsWithNotes(needNotes, text)
		if err != nil {
			return Result{}, err
		}
		rows = mergeRows(rows, more)
	}
	return ix.count(rows), nil
}

func (ix *Index) rowHasActor(i int, set bitset) bool {
	if set.has(ix.Actor1[i]) || set.has(ix.Actor2[i]) {
		return true
	}
	for _, a := range ix.Assoc[ix.AssocOff[i]:ix.AssocOff[i+1]] {
		if set.has(a) {
			return true
		}
	}
	return false
}

// setOf returns the bitset of the known names among names; with actors,
// an alias stands for its canonical actor.
func (ix *Index) setOf(names []string, actors bool) bitset {
	b := newBitset(len(ix.Strings))
	for _, n := range names {
		if id, ok := ix.StringID(n); ok && id != 0 {
			if actors {
				id = ix.CanonicalID(id)
			}
			b.set(id)
		}
	}
	return b
}

// count builds a Result with per-actor and per-type counts over rows.
func (ix *Index) count(rows []int32) Result {
	n := len(ix.Strings)
	r := Result{Rows: rows, ActorCounts: make([]int32, n), TypeCounts: make([]int32, n), SubTypeCounts: make([]int32, n)}
	for _, row := range rows {
		i := int(row)
		a1, a2 := ix.Actor1[i], ix.Actor2[i]
		r.ActorCounts[a1]++
		if a2 != a1 {
			r.ActorCounts[a2]++
		}
		if off, end := ix.AssocOff[i], ix.AssocOff[i+1]; off != end {
			assoc := ix.Assoc[off:end]
			for j, a := range assoc {
				if a != a1 && a != a2 && !containsID(assoc[:j], a) {
					r.ActorCounts[a]++
				}
			}
		}
		r.TypeCounts[ix.Type[i]]++
		r.SubTypeCounts[ix.SubType[i]]++
		r.Fatalities += int64(ix.Fatalities[i])
	}
	r.ActorCounts[0] = 0 // "no actor" is not an actor
	return r
}

func containsID(l []uint32, id uint32) bool {
	for _, x := range l {
		if x == id {
			return true
		}
	}
	return false
}

// mergeRows merges two ascending row lists.
func mergeRows(a, b []int32) []int32 {
	out := make([]int32, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if a[0] < b[0] {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

func dayStart(t time.Time) int64 {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Unix()
}

// rowsWithNotes returns those rows whose stored notes contain text
// (lower-case).
func (ix *Index) rowsWithNotes(rows []int32, text string) ([]int32, error) {
	var out []int32
	err := ix.seekRows(rows, func(row int32, v []byte) error {
		if v == nil {
			return nil // deleted since the index was loaded
		}
		notes, err := recordNotes(v)
		if err != nil {
			return fmt.Errorf("event %d: %w", ix.ID[row], err)
		}
		if containsFold(notes, text) {
			out = append(out, row)
		}
		return nil
	})
	return out, err
}

// recordNotes returns the notes of an encoded event without decoding the
// rest (the bytes alias v).
func recordNotes(v []byte) ([]byte, error) {
	r := reader{b: v, off: hotSize}
	for range 2 {
		n := r.uvarint()
		for i := uint64(0); i < n && r.err == nil; i++ {
			r.uvarint()
		}
	}
	for range 12 { // source ID .. civilian targeting
		n := r.uvarint()
		if r.err == nil && n <= uint64(len(v)-r.off) {
			r.off += int(n)
		} else if r.err == nil {
			r.err = errCorrupt
		}
	}
	n := r.uvarint()
	if r.err != nil || n > uint64(len(v)-r.off) {
		return nil, errCorrupt
	}
	return v[r.off : r.off+int(n)], nil
}

// containsFold reports whether b contains lower-case text, ignoring case.
func containsFold(b []byte, text string) bool {
	return strings.Contains(strings.ToLower(string(b)), text)
}
