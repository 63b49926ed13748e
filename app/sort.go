package app

import (
	"slices"
	"strings"
	"sync"

	"frontier/data"
)

// column is one column of the event table.
type column int

// The event table's columns, in display order.
const (
	colDate column = iota
	colLocation
	colType
	colActors
	colFatalities
	numColumns
)

// columnTitles are the header texts of the event table.
var columnTitles = [numColumns]string{"Date", "Location", "Event type", "Actors", "Fatalities"}

// sortSpec is the table's order: a column and a direction.
type sortSpec struct {
	col  column
	desc bool
}

// sorter orders filtered rows by a column. It is safe to use from several
// goroutines; the string ranks it needs are computed once, on first use.
type sorter struct {
	ix *data.Index

	once sync.Once
	rank []uint32 // rank[id] is the position of ix.Strings[id] in case-folded order
}

func newSorter(ix *data.Index) *sorter { return &sorter{ix: ix} }

// ranks returns, for every string ID, its rank in alphabetical order (case
// folded, then exact), so that string columns sort as integers.
func (s *sorter) ranks() []uint32 {
	s.once.Do(func() {
		strs := s.ix.Strings
		folded := make([]string, len(strs))
		ids := make([]uint32, len(strs))
		for i, str := range strs {
			folded[i] = strings.ToLower(str)
			ids[i] = uint32(i)
		}
		slices.SortFunc(ids, func(a, b uint32) int {
			if c := strings.Compare(folded[a], folded[b]); c != 0 {
				return c
			}
			return strings.Compare(strs[a], strs[b])
		})
		s.rank = make([]uint32, len(strs))
		for r, id := range ids {
			s.rank[id] = uint32(r)
		}
	})
	return s.rank
}

// sortKey is one row with its sort keys: k1 and then k2 order rows, the
// row number (time order) breaks ties so every order is total.
type sortKey struct {
	k1  uint64
	k2  uint32
	row int32
}

// sortRows returns a new slice holding rows (which are in time order) in
// the order spec asks for. Descending is the exact reverse of ascending.
// It reads only columns of the index, so it may run on any goroutine.
func (s *sorter) sortRows(rows []int32, spec sortSpec) []int32 {
	out := make([]int32, len(rows))
	if spec.col == colDate {
		// Rows are already in time order (by start, then store key).
		copy(out, rows)
		if spec.desc {
			slices.Reverse(out)
		}
		return out
	}
	ix := s.ix
	keys := make([]sortKey, len(rows))
	var rank []uint32
	if spec.col != colFatalities {
		rank = s.ranks()
	}
	for i, row := range rows {
		k := sortKey{row: row}
		switch spec.col {
		case colLocation:
			k.k1 = uint64(rank[ix.Location[row]])
		case colType:
			k.k1 = uint64(rank[ix.Type[row]])<<32 | uint64(rank[ix.SubType[row]])
		case colActors:
			k.k1, k.k2 = uint64(rank[ix.Actor1[row]]), rank[ix.Actor2[row]]
		case colFatalities:
			// Offset so that negative counts (never expected) still order.
			k.k1 = uint64(int64(ix.Fatalities[row]) + 1<<31)
		}
		keys[i] = k
	}
	slices.SortFunc(keys, func(a, b sortKey) int {
		switch {
		case a.k1 != b.k1:
			return cmp(a.k1 < b.k1)
		case a.k2 != b.k2:
			return cmp(a.k2 < b.k2)
		}
		return cmp(a.row < b.row)
	})
	for i, k := range keys {
		out[i] = k.row
	}
	if spec.desc {
		slices.Reverse(out)
	}
	return out
}

// cmp turns "a is less" into a comparison result for distinct a and b.
func cmp(less bool) int {
	if less {
		return -1
	}
	return 1
}
