package data

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"

	"frontier/data/synth"
)

// pairNames lists the pairs as "SRC-SRC" by source IDs, sorted.
func pairNames(t *testing.T, s *Store, ix *Index, pairs []DuplicatePair) []string {
	t.Helper()
	var out []string
	for _, p := range pairs {
		a, err := ix.Event(int(p.A))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := ix.Event(int(p.B))
		x, y := a.SourceID, b.SourceID
		if a.Dataset == LocalDataset {
			x = "LOCAL"
		}
		if b.Dataset == LocalDataset {
			y = "LOCAL"
		}
		if x > y {
			x, y = y, x
		}
		out = append(out, x+"-"+y)
	}
	slices.Sort(out)
	return out
}

func TestFindDuplicatesAcrossDatasets(t *testing.T) {
	s := openTemp(t)
	importFile(t, s, "testdata/curate_acled.csv")
	importFile(t, s, "testdata/curate_ucdp.csv")
	hand := &Event{Date: day("2023-08-06"), DateEnd: day("2023-08-06"), DatePrecision: PrecDay, Lat: 34.0005, Lon: 71.5705,
		EventType: "Protests", SubEventType: "Peaceful protest", Actor1: "Protesters (Pakistan)", Location: "Peshawar"}
	local, err := s.AddEvent(hand)
	if err != nil {
		t.Fatal(err)
	}
	ix := loadIndex(t, s)
	pairs, err := ix.FindDuplicates(DefaultDuplicateOptions)
	if err != nil {
		t.Fatal(err)
	}
	// Khar bombing reported twice; the Peshawar protest entered by hand.
	// Mir Ali (ACLED) and Mir Ali (UCDP) share nothing until the aliases.
	if got := pairNames(t, s, ix, pairs); !slices.Equal(got, []string{"LOCAL-PAK5004", "PAK5001-PAK5002"}) {
		t.Fatalf("pairs %v", got)
	}
	for _, p := range pairs {
		if p.Km > 5 || p.Days > 1 || p.SharedActor == "" && p.SharedType == "" {
			t.Errorf("pair %+v", p)
		}
	}
	if err := s.MergeActors([]string{"TTP"}, ttp); err != nil {
		t.Fatal(err)
	}
	ix = loadIndex(t, s)
	pairs, _ = ix.FindDuplicates(DefaultDuplicateOptions)
	if got := pairNames(t, s, ix, pairs); !slices.Equal(got, []string{"910001-PAK5003", "LOCAL-PAK5004", "PAK5001-PAK5002"}) {
		t.Fatalf("pairs after alias %v", got)
	}
	// Wider reach finds the grenade 7 km north and the IED ten days later.
	wide, _ := ix.FindDuplicates(DuplicateOptions{Days: 10, Km: 10})
	if len(wide) <= len(pairs) || len(DuplicateGroups(wide)) >= len(wide) {
		t.Errorf("wide search %d pairs in %d groups", len(wide), len(DuplicateGroups(wide)))
	}
	// Marked distinct: gone, also after reopen; undo brings it back.
	i := slices.IndexFunc(pairs, func(p DuplicatePair) bool { return p.IDA == local.ID || p.IDB == local.ID })
	h := NewEventHistory(s)
	c, err := s.MarkDistinctChange(pairs[i].IDA, pairs[i].IDB, true)
	if err != nil {
		t.Fatal(err)
	}
	h.Do(c)
	s = reopen(t, s)
	ix = loadIndex(t, s)
	if p, _ := ix.FindDuplicates(DefaultDuplicateOptions); len(p) != 2 {
		t.Errorf("after marking distinct %d pairs", len(p))
	}
	h = NewEventHistory(s)
	h.Do(c)
	if _, err := h.Undo(); err != nil {
		t.Fatal(err)
	}
	if p, _ := ix.FindDuplicates(DefaultDuplicateOptions); len(p) != 3 {
		t.Errorf("after undoing distinct %d pairs", len(p))
	}
	// Merge the Khar reports, taking the second's fatalities; undo.
	p0 := pairs[0]
	h = NewEventHistory(s)
	mc, err := s.MergeEventsChange(p0.IDA, p0.IDB, []string{"fatalities"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.Do(mc); err != nil {
		t.Fatal(err)
	}
	merged := mustEvent(t, s, p0.IDA)
	if merged.Fatalities != 54 || merged.Notes != "Suicide bombing at a JUI-F rally in Khar." {
		t.Errorf("merged %+v", merged)
	}
	if n, _ := s.Count(); n != 8 {
		t.Errorf("count after merge %d", n)
	}
	if _, err := h.Undo(); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Count(); n != 9 || mustEvent(t, s, p0.IDA).Fatalities != 63 || mustEvent(t, s, p0.IDB).Fatalities != 54 {
		t.Errorf("after undoing the merge: count %d", n)
	}
	if _, err := s.MergeEventsChange(p0.IDA, p0.IDB, []string{"colour"}); err == nil {
		t.Error("unknown merge field accepted")
	}
}

func TestFindDuplicatesOptions(t *testing.T) {
	ix := &Index{}
	for _, o := range []DuplicateOptions{{Days: -1, Km: 5}, {Days: 1, Km: 0}, {Days: 1, Km: 1000}} {
		if _, err := ix.FindDuplicates(o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
}

// TestFindDuplicatesMatchesBruteForce compares the grid search with
// checking every pair, on random events spread near a few towns.
func TestFindDuplicatesMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	ix := &Index{Strings: []string{"", "A", "B", "C", "T1", "T2"}, ActorInfo: map[uint32]Actor{}}
	start := day("2024-01-01").Unix()
	n := 1500
	starts := make([]int64, n)
	for i := range starts {
		starts[i] = start + int64(r.Intn(60))*86400
	}
	slices.Sort(starts)
	towns := [][2]float64{{34.7, 71.5}, {60.1, 25.0}, {-33.9, 151.2}, {0.1, 179.99}}
	for i := 0; i < n; i++ {
		tw := towns[r.Intn(len(towns))]
		x, y := Mercator(tw[1]+r.NormFloat64()*0.05, tw[0]+r.NormFloat64()*0.05)
		ix.ID = append(ix.ID, uint64(i+1))
		ix.Start = append(ix.Start, starts[i])
		ix.End = append(ix.End, starts[i])
		ix.X, ix.Y = append(ix.X, x), append(ix.Y, y)
		ix.Actor1 = append(ix.Actor1, uint32(1+r.Intn(3)))
		ix.Actor2 = append(ix.Actor2, 0)
		ix.Type = append(ix.Type, uint32(4+r.Intn(2)))
		ix.AssocOff = append(ix.AssocOff, 0)
	}
	ix.AssocOff = append(ix.AssocOff, 0)
	opts := DuplicateOptions{Days: 2, Km: 3}
	got, err := ix.FindDuplicates(opts)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for a := 0; a < n; a++ {
		for b := a + 1; b < n; b++ {
			if p, ok := ix.duplicatePair(int32(a), int32(b), lat(ix, a), lat(ix, b), opts.Km, nil); ok && p.Days <= opts.Days {
				want = append(want, fmt.Sprint(a, b))
			}
		}
	}
	if !slices.IsSortedFunc(got, func(x, y DuplicatePair) int {
		if x.B != y.B {
			return int(x.B - y.B)
		}
		return int(x.A - y.A)
	}) {
		t.Error("pairs not ordered by B, then A")
	}
	var have []string
	for _, p := range got {
		have = append(have, fmt.Sprint(p.A, p.B))
	}
	slices.Sort(want)
	slices.Sort(have)
	if len(want) < 100 || !slices.Equal(have, want) {
		t.Errorf("grid found %d pairs, brute force %d", len(have), len(want))
	}
}

func lat(ix *Index, i int) float64 {
	_, la := InverseMercator(ix.X[i], ix.Y[i])
	return la
}

// BenchmarkFindDuplicates searches the generated stores with the default
// reach (one day, five kilometres).
func BenchmarkFindDuplicates(b *testing.B) {
	for _, n := range synth.BenchSizes() {
		b.Run(synth.SizeName(n), func(b *testing.B) {
			s, err := Open(benchStore(b, n), Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			ix, err := LoadIndex(s)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			var pairs int
			for i := 0; i < b.N; i++ {
				p, err := ix.FindDuplicates(DefaultDuplicateOptions)
				if err != nil {
					b.Fatal(err)
				}
				pairs = len(p)
			}
			b.ReportMetric(float64(pairs), "pairs")
		})
	}
}

// BenchmarkEventByID finds an event by its ID alone (a walk of the
// source-key index) in the generated stores.
func BenchmarkEventByID(b *testing.B) {
	for _, n := range synth.BenchSizes() {
		b.Run(synth.SizeName(n), func(b *testing.B) {
			s, err := Open(benchStore(b, n), Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := s.EventByID(uint64(n/2 + i)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
