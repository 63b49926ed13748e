package data

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sort"

	bolt "go.etcd.io/bbolt"
)

// DuplicateOptions say how close two events must be to be possible
// duplicates.
type DuplicateOptions struct {
	// Days is how many days apart their start days may be (0: the same
	// day).
	Days int
	// Km is how far apart they may be (great-circle), 0.05..500.
	Km float64
	// Rows restricts the search to these rows, ascending (nil: all), e.g.
	// the current filter result.
	Rows []int32
	// Limit stops the search after this many pairs (0: no limit).
	Limit int
}

// DefaultDuplicateOptions are one day and five kilometres.
var DefaultDuplicateOptions = DuplicateOptions{Days: 1, Km: 5}

// DuplicatePair is two events that may report the same happening: close
// in time and space and sharing an actor or an event type. They may come
// from different datasets.
type DuplicatePair struct {
	// A and B are index rows (A < B); IDA and IDB their store IDs.
	A, B     int32
	IDA, IDB uint64
	// Km and Days are how far apart they are.
	Km   float64
	Days int
	// SharedActor is a (canonical) actor both name, else SharedType the
	// event type they share.
	SharedActor, SharedType string
}

// Grid cell packing: 22 bits of day, 21 of latitude cell, 21 of longitude.
const (
	dupCellBits = 21
	dupCellBias = 1 << (dupCellBits - 1)
)

// FindDuplicates returns the pairs of possible duplicates among the
// index's events, skipping pairs marked distinct, ordered by their later
// row (B), then by A. Events are
// bucketed by start day and by a grid of opts.Km cells, so each event is
// compared only with those in neighbouring cells of the days in reach.
func (ix *Index) FindDuplicates(opts DuplicateOptions) ([]DuplicatePair, error) {
	if opts.Days < 0 || opts.Days > 366 || !(opts.Km >= 0.05 && opts.Km <= 500) {
		return nil, fmt.Errorf("duplicates: want 0..366 days and 0.05..500 km, got %d days, %g km", opts.Days, opts.Km)
	}
	distinct := map[[2]uint64]bool{}
	if ix.store != nil {
		var err error
		if distinct, err = ix.store.DistinctPairs(); err != nil {
			return nil, err
		}
	}
	rows := opts.Rows
	if rows == nil {
		rows = make([]int32, ix.Len())
		for i := range rows {
			rows[i] = int32(i)
		}
	}
	if len(rows) == 0 {
		return nil, nil
	}
	// Cells a little larger than Km (a degree of latitude is 111.2 km) so
	// that a pair within Km is always in neighbouring cells.
	cellDeg := opts.Km / 110
	width := func(cy int64) float64 { // longitude width of a cell in row cy
		edge := math.Max(math.Abs(float64(cy)*cellDeg), math.Abs(float64(cy+1)*cellDeg))
		return cellDeg / math.Cos(math.Min(edge, 89.9)*math.Pi/180)
	}
	firstDay := floorDiv(ix.Start[rows[0]], 86400)
	key := func(day, cy, cx int64) uint64 {
		return uint64(day-firstDay)<<(2*dupCellBits) | uint64(cy+dupCellBias)<<dupCellBits | uint64(cx+dupCellBias)
	}
	grid := map[uint64][]dupEntry{}
	var dayKeys [][]uint64 // keys inserted per day still in reach, oldest first
	var dayOf []int64
	var out []DuplicatePair
	for _, r := range rows {
		day := floorDiv(ix.Start[r], 86400)
		for len(dayOf) > 0 && dayOf[0] < day-int64(opts.Days) {
			for _, k := range dayKeys[0] {
				delete(grid, k)
			}
			dayKeys, dayOf = dayKeys[1:], dayOf[1:]
		}
		lon, la := InverseMercator(ix.X[r], ix.Y[r])
		cy := int64(math.Floor(la / cellDeg))
		var ncx [3]int64 // the longitude cell of r in rows cy-1..cy+1
		for j := range ncx {
			ncx[j] = int64(math.Floor(lon / width(cy-1+int64(j))))
		}
		found := len(out)
		for d := day - int64(opts.Days); d <= day; d++ {
			for j, ny := 0, cy-1; ny <= cy+1; j, ny = j+1, ny+1 {
				for nx := ncx[j] - 1; nx <= ncx[j]+1; nx++ {
					for _, q := range grid[key(d, ny, nx)] {
						p, ok := ix.duplicatePair(q.row, r, q.lat, la, opts.Km, distinct)
						if !ok {
							continue
						}
						out = append(out, p)
					}
				}
			}
		}
		sortPairs(out[found:]) // the pairs ending at r, by their first row
		if opts.Limit > 0 && len(out) >= opts.Limit {
			return out[:opts.Limit], nil
		}
		k := key(day, cy, ncx[1])
		if len(dayOf) == 0 || dayOf[len(dayOf)-1] != day {
			dayOf = append(dayOf, day)
			dayKeys = append(dayKeys, nil)
		}
		if len(grid[k]) == 0 {
			dayKeys[len(dayKeys)-1] = append(dayKeys[len(dayKeys)-1], k)
		}
		grid[k] = append(grid[k], dupEntry{r, la})
	}
	return out, nil
}

// dupEntry is a row in the duplicate grid with its latitude.
type dupEntry struct {
	row int32
	lat float64
}

func sortPairs(p []DuplicatePair) {
	slices.SortFunc(p, func(x, y DuplicatePair) int { return cmp.Compare(x.A, y.A) })
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// duplicatePair checks rows q < r (latitudes laQ, laR).
func (ix *Index) duplicatePair(q, r int32, laQ, laR, km float64, distinct map[[2]uint64]bool) (DuplicatePair, bool) {
	if math.Abs(laQ-laR)*111.19 > km*1.001 { // cheap test before the great circle
		return DuplicatePair{}, false
	}
	lonQ := ix.X[q]*360 - 180
	lonR := ix.X[r]*360 - 180
	d := haversineKm(laQ, lonQ, laR, lonR)
	if d > km {
		return DuplicatePair{}, false
	}
	p := DuplicatePair{A: q, B: r, IDA: ix.ID[q], IDB: ix.ID[r], Km: math.Round(d*1000) / 1000,
		Days: int(floorDiv(ix.Start[r], 86400) - floorDiv(ix.Start[q], 86400))}
	if a := ix.sharedActor(q, r); a != 0 {
		p.SharedActor = ix.Strings[a]
	} else if t := ix.Type[q]; t != 0 && t == ix.Type[r] {
		p.SharedType = ix.Strings[t]
	} else {
		return p, false
	}
	if distinct[pairOf(p.IDA, p.IDB)] {
		return p, false
	}
	return p, true
}

// sharedActor returns an actor ID both rows name, or 0.
func (ix *Index) sharedActor(q, r int32) uint32 {
	has := func(row int32, id uint32) bool {
		if ix.Actor1[row] == id || ix.Actor2[row] == id {
			return true
		}
		return containsID(ix.Assoc[ix.AssocOff[row]:ix.AssocOff[row+1]], id)
	}
	for _, id := range [2]uint32{ix.Actor1[q], ix.Actor2[q]} {
		if id != 0 && has(r, id) {
			return id
		}
	}
	for _, id := range ix.Assoc[ix.AssocOff[q]:ix.AssocOff[q+1]] {
		if id != 0 && has(r, id) {
			return id
		}
	}
	return 0
}

// haversineKm is the great-circle distance on a sphere of the mean Earth
// radius.
func haversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	const rad = math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * 6371.0088 * math.Asin(math.Min(1, math.Sqrt(a)))
}

func pairOf(a, b uint64) [2]uint64 {
	if a > b {
		a, b = b, a
	}
	return [2]uint64{a, b}
}

// DuplicateGroups joins pairs that share an event into groups of rows,
// each ascending, ordered by their first row.
func DuplicateGroups(pairs []DuplicatePair) [][]int32 {
	parent := map[int32]int32{}
	var find func(x int32) int32
	find = func(x int32) int32 {
		p, ok := parent[x]
		if !ok || p == x {
			parent[x] = x
			return x
		}
		root := find(p)
		parent[x] = root
		return root
	}
	for _, p := range pairs {
		a, b := find(p.A), find(p.B)
		if a != b {
			parent[max(a, b)] = min(a, b)
		}
	}
	byRoot := map[int32][]int32{}
	for x := range parent {
		r := find(x)
		byRoot[r] = append(byRoot[r], x)
	}
	out := make([][]int32, 0, len(byRoot))
	for _, g := range byRoot {
		sort.Slice(g, func(i, j int) bool { return g[i] < g[j] })
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// DistinctPairs returns the pairs of event IDs marked as not duplicates.
func (s *Store) DistinctPairs() (map[[2]uint64]bool, error) {
	out := map[[2]uint64]bool{}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDistinct).ForEach(func(k, _ []byte) error {
			if len(k) == 16 {
				out[[2]uint64{binary.BigEndian.Uint64(k[0:8]), binary.BigEndian.Uint64(k[8:16])}] = true
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read distinct pairs: %w", err)
	}
	return out, nil
}

// MarkDistinctChange is the change that marks events a and b as not
// duplicates (with distinct false: unmarks them), so FindDuplicates stops
// (or starts again) showing them.
func (s *Store) MarkDistinctChange(a, b uint64, distinct bool) (EventChange, error) {
	c := EventChange{Label: "Mark events distinct"}
	if !distinct {
		c.Label = "Unmark events distinct"
	}
	if a == b {
		return c, fmt.Errorf("mark distinct: event %d with itself", a)
	}
	var was bool
	err := s.db.View(func(tx *bolt.Tx) error {
		was = tx.Bucket(bucketDistinct).Get(pairKey(a, b)) != nil
		return nil
	})
	if err != nil {
		return c, fmt.Errorf("read distinct pairs: %w", err)
	}
	if was != distinct {
		c.Distinct = []DistinctEdit{{A: a, B: b, Before: was, After: distinct}}
	}
	return c, nil
}
