package data

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// Index is the in-memory columnar view of a store: one slice per field the
// UI filters or draws, all indexed by row. Rows are in time order (by start).
// Notes and sources stay in the store and load on demand.
type Index struct {
	// Strings is the store's string dictionary; the ID columns index it.
	Strings []string
	// ActorInfo holds the type and colour of every actor, by string ID.
	ActorInfo map[uint32]Actor

	// ID is each row's store ID; with Start it addresses the stored event.
	ID []uint64
	// Start and End are the first and last instants (Unix seconds) of each
	// event's date, in UTC.
	Start, End []int64
	// X and Y are Web Mercator coordinates normalised to [0,1] (x east, y
	// south), projected once at load.
	X, Y []float64
	// Fatalities per row.
	Fatalities []int32
	// DatePrec and GeoPrec are the date and location precisions.
	DatePrec []DatePrecision
	GeoPrec  []uint8
	// String IDs of the dataset, actors, types and location.
	Dataset, Actor1, Actor2, Type, SubType, Location []uint32
	// AssocOff[i]..AssocOff[i+1] is row i's run of associated actors in Assoc.
	AssocOff []uint32
	Assoc    []uint32

	// Groups maps each actor group's name to its members as stored (see
	// GroupMembers for their canonical names).
	Groups map[string][]string

	maxSpan int64
	store   *Store
	idsOnce sync.Once
	ids     map[string]uint32
	// canon maps an actor's string ID to its canonical actor's (nil: no
	// aliases); the actor columns already hold canonical IDs.
	canon []uint32
	// tagRows lists, per user tag, the rows carrying it.
	tagRows map[string][]int32
}

// Len returns the number of rows.
func (ix *Index) Len() int { return len(ix.ID) }

// releaseEvery is how many records LoadIndex scans between giving the
// mapped pages it read back to the kernel.
const releaseEvery = 1 << 16

// LoadIndex reads the columns of every stored event in one pass.
func LoadIndex(s *Store) (*Index, error) {
	ix := &Index{store: s, ActorInfo: map[uint32]Actor{}}
	var cur curation
	err := s.db.View(func(tx *bolt.Tx) error {
		// Read ahead during the one full scan, then give the pages back:
		// the index holds what the UI needs, so the mapping need not stay
		// resident.
		adviseMapping(s.db, tx.Size(), adviseScan)
		defer func() {
			adviseMapping(s.db, tx.Size(), adviseRelease)
			adviseMapping(s.db, tx.Size(), adviseRandom)
		}()
		b := tx.Bucket(bucketEvents)
		n := int(b.Sequence()) // IDs are never reused, so this bounds the count
		ix.grow(n)
		c := b.Cursor()
		n = 0
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if err := ix.appendRecord(k, v); err != nil {
				return err
			}
			if n++; n%releaseEvery == 0 { // keep the resident peak low too
				adviseMapping(s.db, tx.Size(), adviseRelease)
				adviseMapping(s.db, tx.Size(), adviseScan)
			}
		}
		err := tx.Bucket(bucketActors).ForEach(func(k, v []byte) error {
			id := binary.BigEndian.Uint32(k)
			a, err := decodeActor(s.lookup(id), v)
			ix.ActorInfo[id] = a
			return err
		})
		if err != nil {
			return err
		}
		cur, err = readCuration(tx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("load index of %s: %w", s.path, err)
	}
	ix.Strings = s.Strings()
	ix.AssocOff = append(ix.AssocOff, uint32(len(ix.Assoc)))
	ix.applyCuration(cur)
	return ix, nil
}

func (ix *Index) grow(n int) {
	ix.ID = make([]uint64, 0, n)
	ix.Start = make([]int64, 0, n)
	ix.End = make([]int64, 0, n)
	ix.X = make([]float64, 0, n)
	ix.Y = make([]float64, 0, n)
	ix.Fatalities = make([]int32, 0, n)
	ix.DatePrec = make([]DatePrecision, 0, n)
	ix.GeoPrec = make([]uint8, 0, n)
	for _, p := range []*[]uint32{&ix.Dataset, &ix.Actor1, &ix.Actor2, &ix.Type, &ix.SubType, &ix.Location} {
		*p = make([]uint32, 0, n)
	}
	ix.AssocOff = make([]uint32, 0, n+1)
}

func (ix *Index) appendRecord(k, v []byte) error {
	_, id := keyParts(k)
	if len(v) < hotSize || v[0] != recordVersion {
		return fmt.Errorf("event %d: %w", id, errCorrupt)
	}
	u32 := func(off int) uint32 { return binary.LittleEndian.Uint32(v[off:]) }
	u64 := func(off int) uint64 { return binary.LittleEndian.Uint64(v[off:]) }
	start, end := int64(u64(offStart)), int64(u64(offEnd))
	x, y := Mercator(math.Float64frombits(u64(offLon)), math.Float64frombits(u64(offLat)))
	ix.ID = append(ix.ID, id)
	ix.Start = append(ix.Start, start)
	ix.End = append(ix.End, end)
	if end-start > ix.maxSpan {
		ix.maxSpan = end - start
	}
	ix.X = append(ix.X, x)
	ix.Y = append(ix.Y, y)
	ix.Fatalities = append(ix.Fatalities, int32(u32(offFatal)))
	ix.DatePrec = append(ix.DatePrec, DatePrecision(v[offDatePrec]))
	ix.GeoPrec = append(ix.GeoPrec, v[offGeoPrec])
	ix.Dataset = append(ix.Dataset, u32(offDataset))
	ix.Actor1 = append(ix.Actor1, u32(offActor1))
	ix.Actor2 = append(ix.Actor2, u32(offActor2))
	ix.Type = append(ix.Type, u32(offType))
	ix.SubType = append(ix.SubType, u32(offSubType))
	ix.Location = append(ix.Location, u32(offLocation))
	ix.AssocOff = append(ix.AssocOff, uint32(len(ix.Assoc)))
	r := reader{b: v, off: hotSize}
	for range 2 {
		n := r.uvarint()
		for i := uint64(0); i < n && r.err == nil; i++ {
			ix.Assoc = append(ix.Assoc, uint32(r.uvarint()))
		}
	}
	if r.err != nil {
		return fmt.Errorf("event %d: %w", id, r.err)
	}
	return nil
}

// StringID returns the dictionary ID of s and whether it is known.
func (ix *Index) StringID(s string) (uint32, bool) {
	ix.idsOnce.Do(func() {
		ix.ids = make(map[string]uint32, len(ix.Strings))
		for i, s := range ix.Strings {
			ix.ids[s] = uint32(i)
		}
	})
	id, ok := ix.ids[s]
	return id, ok
}

// StringSet marks, by string ID, the names the index knows (an actor
// alias marks its canonical actor); it is nil when names is empty. Views
// use it for the actors the user filtered on.
func (ix *Index) StringSet(names []string) []bool {
	if len(names) == 0 {
		return nil
	}
	set := make([]bool, len(ix.Strings))
	for _, n := range names {
		if id, ok := ix.StringID(n); ok {
			set[ix.CanonicalID(id)] = true
		}
	}
	return set
}

// Event loads row i's full event from the store.
func (ix *Index) Event(i int) (*Event, error) {
	if ix.store == nil {
		return nil, fmt.Errorf("index has no store")
	}
	return ix.store.Event(ix.Start[i], ix.ID[i])
}

// ActorColor returns the display colour of actor ID id.
func (ix *Index) ActorColor(id uint32) RGB {
	a := ix.ActorInfo[id]
	a.Name = ix.Strings[id]
	return ActorColor(a)
}

// Mercator projects WGS84 degrees to Web Mercator normalised to [0,1],
// x growing east and y growing south, clamping latitude to ±85.0511°.
func Mercator(lon, lat float64) (x, y float64) {
	const maxLat = 85.05112877980659
	lat = math.Max(-maxLat, math.Min(maxLat, lat))
	x = (lon + 180) / 360
	s := math.Sin(lat * math.Pi / 180)
	y = 0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)
	return x, y
}

// InverseMercator is the inverse of Mercator.
func InverseMercator(x, y float64) (lon, lat float64) {
	lon = x*360 - 180
	lat = math.Atan(math.Sinh(math.Pi*(1-2*y))) * 180 / math.Pi
	return lon, lat
}

// timeRange returns the rows whose span may meet [from, to] (Unix seconds,
// inclusive) as a half-open row interval.
func (ix *Index) timeRange(from, to int64) (lo, hi int) {
	if from > math.MinInt64+ix.maxSpan {
		from -= ix.maxSpan
	}
	lo = sort.Search(len(ix.Start), func(i int) bool { return ix.Start[i] >= from })
	hi = sort.Search(len(ix.Start), func(i int) bool { return ix.Start[i] > to })
	return lo, hi
}

// RowOf returns the row of the event with store ID id, or -1 (also for
// id 0). It scans the rows: for an occasional lookup (a selection, a
// view), not per event.
func (ix *Index) RowOf(id uint64) int {
	if id == 0 {
		return -1
	}
	return slices.Index(ix.ID, id)
}
