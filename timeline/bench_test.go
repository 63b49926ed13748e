package timeline

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"frontier/data"
	"frontier/data/synth"
)

// bigIndex returns n generated events over the ten years from 2015, by 60 actors of
// very different sizes; 5% are known to the month, 3% to the week, 1% to
// the year and 2% are spans of up to 60 days, as in ACLED-like data.
func bigIndex(n int) *data.Index {
	r := rand.New(rand.NewPCG(1, 2))
	t0 := int64(1420070400) // 2015-01-01
	starts := make([]int64, n)
	for i := range starts {
		starts[i] = t0 + r.Int64N(3652)*day
	}
	slices.Sort(starts)
	ix := &data.Index{Strings: []string{""}, ActorInfo: map[uint32]data.Actor{}}
	for a := range 60 {
		ix.Strings = append(ix.Strings, fmt.Sprint("Actor ", a))
		ix.ActorInfo[uint32(a+1)] = data.Actor{Name: ix.Strings[a+1]}
	}
	ix.Start = make([]int64, n)
	ix.End = make([]int64, n)
	ix.DatePrec = make([]data.DatePrecision, n)
	ix.Actor1 = make([]uint32, n)
	ix.Actor2 = make([]uint32, n)
	ix.AssocOff = make([]uint32, n+1)
	for i, s := range starts {
		e, p := s, data.PrecDay
		switch k := r.IntN(100); {
		case k < 5:
			s, e, p = Floor(s, Month), Next(s, Month)-day, data.PrecMonth
		case k < 8:
			s, e, p = Floor(s, Week), Floor(s, Week)+6*day, data.PrecWeek
		case k < 9:
			s, e, p = Floor(s, Year), Next(s, Year)-day, data.PrecYear
		case k < 11:
			e, p = s+r.Int64N(60)*day, data.PrecSpan
		}
		// Floor may move a start back past its neighbours: keep the
		// order by the original start.
		ix.Start[i], ix.End[i], ix.DatePrec[i] = s, e, p
		a := uint32(1 + int(60*r.Float64()*r.Float64()))
		ix.Actor1[i], ix.Actor2[i] = a, uint32(1+r.IntN(60))
	}
	// Re-sort by start, as the store's keys would order them.
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp(ix.Start[a], ix.Start[b]) })
	permute := func(v []int64) []int64 {
		out := make([]int64, n)
		for i, j := range order {
			out[i] = v[j]
		}
		return out
	}
	ix.Start, ix.End = permute(ix.Start), permute(ix.End)
	p2 := make([]data.DatePrecision, n)
	a1, a2 := make([]uint32, n), make([]uint32, n)
	for i, j := range order {
		p2[i], a1[i], a2[i] = ix.DatePrec[j], ix.Actor1[j], ix.Actor2[j]
	}
	ix.DatePrec, ix.Actor1, ix.Actor2 = p2, a1, a2
	ix.ID = make([]uint64, n)
	return ix
}

// BenchmarkHistogram counts the generated events (100k and 1M, see
// synth.BenchSizes) over ten years into the bins of a full view: month
// bins (what ChooseUnit picks for ten years on a wide screen) and day bins
// (3,652 of them), with the series choice cached as it is between frames;
// "month-new-data" includes choosing the series (once per Data) and
// allocating the buffers.
func BenchmarkHistogram(b *testing.B) {
	for _, n := range synth.BenchSizes() {
		ix := bigIndex(n)
		d := testData(ix)
		from, to := int64(1420070400), int64(1420070400+3653*day)
		for _, u := range []Unit{Month, Day} {
			b.Run(synth.SizeName(n)+"/"+u.String(), func(b *testing.B) {
				var bl Builder
				bl.Build(d, u, from, to)
				b.ResetTimer()
				for range b.N {
					bl.build(d, u, from, to)
				}
			})
		}
		b.Run(synth.SizeName(n)+"/month-preferred", func(b *testing.B) {
			pd := *d
			pd.Preferred = make([]bool, len(ix.Strings))
			pd.Preferred[7], pd.Preferred[30] = true, true
			var bl Builder
			bl.Build(&pd, Month, from, to)
			b.ResetTimer()
			for range b.N {
				bl.build(&pd, Month, from, to)
			}
		})
		b.Run(synth.SizeName(n)+"/month-new-data", func(b *testing.B) {
			for range b.N {
				Build(d, Month, from, to)
			}
		})
	}
}

// BenchmarkRender draws a 1600×160 frame of the generated events (100k
// and 1M): "hover" reuses the histogram, "pan" rebuilds it.
func BenchmarkRender(b *testing.B) {
	for _, n := range synth.BenchSizes() {
		ix := bigIndex(n)
		d := testData(ix)
		s := Scale{Start: 1420070400, End: 1420070400 + 3653*day, Width: 1600}
		r := NewRenderer()
		var f Frame
		o := NoOverlay()
		o.Height = 160
		o.WindowFrom, o.WindowTo = 1500000000, 1550000000
		r.Render(&f, s, d, o)
		b.Run(synth.SizeName(n)+"/hover", func(b *testing.B) { // histogram reused
			for i := range b.N {
				o.HoverBin = i % 100
				r.Render(&f, s, d, o)
			}
		})
		b.Run(synth.SizeName(n)+"/pan", func(b *testing.B) { // histogram rebuilt
			for i := range b.N {
				r.Render(&f, s.Pan(float64(i%50)), d, o)
			}
		})
	}
}
