package timeline

import (
	"image/color"
	"math"
	"sort"

	"frontier/data"
)

// Data is what the timeline shows. A Data is read by the render worker:
// build a new one rather than changing a published one (the renderer
// caches per-Data work keyed by its pointer).
type Data struct {
	// Index holds the events.
	Index *data.Index
	// Rows are the rows that pass every filter except the time window, in
	// time order (ascending Start), as data.Index.Filter returns them.
	Rows []int32
	// Colors is the colour of every actor by string ID (opaque).
	Colors []color.RGBA
	// Preferred marks (by string ID) the actors the user filtered on: an
	// event counts for its first preferred actor (actor 1, actor 2, then
	// associated actors), else for actor 1. Nil counts by actor 1.
	Preferred []bool
}

// Len returns the number of rows.
func (d *Data) Len() int {
	if d == nil || d.Index == nil {
		return 0
	}
	return len(d.Rows)
}

// Span returns the start of the first row and the start of the last day
// of any row (the largest End), or ok false without rows.
func (d *Data) Span() (first, last int64, ok bool) {
	if d.Len() == 0 {
		return 0, 0, false
	}
	ix := d.Index
	first, last = ix.Start[d.Rows[0]], ix.Start[d.Rows[len(d.Rows)-1]]
	for _, r := range d.Rows {
		last = max(last, ix.End[r])
	}
	return first, last, true
}

// LastStart returns the start of the latest event (the last row), which
// the quick windows ("7 d", "30 d", "1 y") end on.
func (d *Data) LastStart() (int64, bool) {
	if d.Len() == 0 {
		return 0, false
	}
	return d.Index.Start[d.Rows[len(d.Rows)-1]], true
}

// actorOf returns the actor row r counts for.
func (d *Data) actorOf(r int32) uint32 {
	ix := d.Index
	a1 := ix.Actor1[r]
	pref := d.Preferred
	if pref == nil || (int(a1) < len(pref) && pref[a1]) {
		return a1
	}
	if a2 := ix.Actor2[r]; int(a2) < len(pref) && pref[a2] {
		return a2
	}
	if int(r)+1 < len(ix.AssocOff) {
		for _, id := range ix.Assoc[ix.AssocOff[r]:ix.AssocOff[r+1]] {
			if int(id) < len(pref) && pref[id] {
				return id
			}
		}
	}
	return a1
}

// MaxSeries is the number of actors broken out as series; the rest are
// counted together as "other".
const MaxSeries = 8

// Histogram counts events per bin, stacked by series. A Histogram from a
// Builder is reused by that Builder's next Build.
type Histogram struct {
	// Unit is the bins' width.
	Unit Unit
	// Starts holds the bin boundaries: bin i covers [Starts[i],
	// Starts[i+1]), so there is one more boundary than bins.
	Starts []int64
	// Series is the actor string ID of each series: the actors with the
	// most rows in the Data (all of it, not only the visible part, so
	// colours stay put while panning), most first, at most MaxSeries of
	// them; the last series is "other" (ID 0), always present.
	Series []uint32
	// Counts[series][bin] counts the precise events of each bin: those
	// whose date (day, or a span inside one bin) lies in it count 1.
	Counts [][]float32
	// Approx has the same shape: events with week, month or year
	// precision, and spans crossing a bin boundary, spread evenly over the
	// days they cover (each bin gets the fraction of the event's days
	// that fall in it, so an event's shares sum to 1 where wholly
	// visible). They are drawn lighter, above the precise counts.
	Approx [][]float32
	// Max is the tallest stacked bin (precise plus approximate).
	Max float32
}

// Bins returns the number of bins.
func (h *Histogram) Bins() int { return max(0, len(h.Starts)-1) }

// Bin returns the bin containing t, or -1 when t lies outside them all.
func (h *Histogram) Bin(t int64) int {
	n := h.Bins()
	if n == 0 || t < h.Starts[0] || t >= h.Starts[n] {
		return -1
	}
	return binOf(h.Starts, t, 0)
}

// Total returns the precise and the approximate count of bin i over all
// series.
func (h *Histogram) Total(i int) (precise, approx float64) {
	if i < 0 || i >= h.Bins() {
		return 0, 0
	}
	for s := range h.Counts {
		precise += float64(h.Counts[s][i])
		approx += float64(h.Approx[s][i])
	}
	return precise, approx
}

// binOf returns the i ≥ lo with starts[i] ≤ t < starts[i+1], for t within
// [starts[lo], starts[len−1]).
func binOf(starts []int64, t int64, lo int) int {
	hi := len(starts) - 1 // starts[hi] > t
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if starts[m] <= t {
			lo = m
		} else {
			hi = m
		}
	}
	return lo
}

// Builder builds histograms, reusing its buffers and the per-Data series
// choice between calls. A Builder must be used by one goroutine at a
// time. The zero value is ready to use.
type Builder struct {
	info           *seriesInfo
	h              Histogram
	cnt, apx       []float32
	diff           []float64
	bd             []int64
	rowsCounted    int // rows visited by the last build, for tests
	lastD          *Data
	lastU          Unit
	lastFrom, last int64
}

// Build counts d's rows into bins of unit u covering [from, to): the
// first bin starts at Floor(from, u), the last ends at or after to. The
// result is b's and stays valid until b's next Build; calling Build with
// the same arguments again returns it without recounting.
//
// Rows are in time order, so Build binary-searches the rows that can
// reach the bins (starting at most the longest event span before them)
// and walks them once with a bin cursor; approximate spans are spread
// with per-series difference arrays, so each row costs O(1) however many
// bins its span covers. Units finer than the range allows (more than
// 65,536 bins) are coarsened.
func (b *Builder) Build(d *Data, u Unit, from, to int64) *Histogram {
	if d == b.lastD && u == b.lastU && from == b.lastFrom && to == b.last && b.h.Starts != nil {
		return &b.h
	}
	b.build(d, u, from, to)
	b.lastD, b.lastU, b.lastFrom, b.last = d, u, from, to
	return &b.h
}

// Build counts d's rows into bins of unit u covering [from, to) with a
// new Builder; see Builder.Build.
func Build(d *Data, u Unit, from, to int64) *Histogram {
	var b Builder
	return b.Build(d, u, from, to)
}

// maxBins bounds the bins of one histogram.
const maxBins = 1 << 16

func (b *Builder) build(d *Data, u Unit, from, to int64) {
	if b.info == nil || b.info.d != d {
		b.info = newSeriesInfo(d)
	}
	info := b.info
	h := &b.h
	if u > Year {
		u = Year
	}
	for u < Year && float64(to-from)/nominal[u] > maxBins {
		u++
	}
	h.Unit = u
	h.Starts = h.Starts[:0]
	if to > from {
		for t := Floor(from, u); ; t = addUnits(t, u, 1) {
			h.Starts = append(h.Starts, t)
			if t >= to {
				break
			}
		}
	}
	nb := h.Bins()
	ns := len(info.series)
	h.Series = info.series
	b.cnt = zeroed(b.cnt, ns*nb)
	b.apx = zeroed(b.apx, ns*nb)
	b.diff = zeroed(b.diff, ns*(nb+1))
	h.Counts, h.Approx = h.Counts[:0], h.Approx[:0]
	for s := range ns {
		h.Counts = append(h.Counts, b.cnt[s*nb:(s+1)*nb:(s+1)*nb])
		h.Approx = append(h.Approx, b.apx[s*nb:(s+1)*nb:(s+1)*nb])
	}
	h.Max = 0
	b.rowsCounted = 0
	if nb == 0 || d.Len() == 0 {
		return
	}
	b.count(d, info, nb)
	b.finish(nb, ns)
}

// count counts the rows that can reach the bins in two sequential
// passes: the precise one-day rows (most of them) from their packed
// words, with a bin cursor that only moves forward, then the approximate
// rows from their own list.
func (b *Builder) count(d *Data, info *seriesInfo, nb int) {
	ix := d.Index
	starts := b.h.Starts
	rows := d.Rows
	// Bin boundaries as day offsets from baseDay.
	b.bd = b.bd[:0]
	for _, t := range starts {
		b.bd = append(b.bd, floorDiv(t, day)-info.baseDay)
	}
	// A sentinel past the end stops the cursor on rows out of time order
	// (which the contract rules out, but must not crash).
	bd, cnt := append(b.bd, math.MaxInt64), b.cnt
	lo := searchRows(ix.Start, rows, starts[0])
	hi := searchRows(ix.Start, rows, starts[nb])
	b.rowsCounted = hi - lo
	// The current bin's counts gather in four interleaved banks, so that
	// consecutive rows of one series do not wait on each other's
	// increment, and go to cnt when the bin changes. Approximate rows
	// count in the unused series packApprox: no branch to mispredict.
	var acc [4][16]uint32
	ns := len(info.series)
	bin, next := 0, bd[1]
	for i, p := range info.packed[lo:hi] {
		if dd := int64(p >> packDay); dd >= next {
			flushBanks(&acc, cnt, bin, nb, ns)
			for dd >= next {
				bin++
				next = bd[bin+1]
			}
		}
		acc[i&3][p&15]++
	}
	flushBanks(&acc, cnt, bin, nb, ns)
	// Approximate rows that start up to the longest span before the bins.
	// The share of the bin an event starts in gathers in banks like the
	// precise counts; the bins after it are filled by spreadAfter.
	ap := info.approx
	first, last := bd[0], bd[nb]
	k := sort.Search(len(ap), func(i int) bool { return int64(ap[i].start) >= first-int64(info.maxDays) })
	var share [4][16]float64
	bin, next = 0, bd[1]
	for j, a := range ap[k:] {
		s, e := int64(a.start), int64(a.end)
		if s >= last {
			break
		}
		b.rowsCounted++
		if e <= first {
			continue
		}
		inv := 1 / float64(e-s)
		if s < first { // started before the bins
			b.spreadAfter(int(a.series), e, -1, nb, inv)
			continue
		}
		if s >= next {
			b.flushShares(&share, bin, nb, ns)
			for s >= next {
				bin++
				next = bd[bin+1]
			}
		}
		if e <= next && a.exact {
			cnt[int(a.series)*nb+bin]++
			continue
		}
		share[j&3][a.series&15] += float64(min(e, next)-s) * inv
		if e > next {
			b.spreadAfter(int(a.series), e, bin, nb, inv)
		}
	}
	b.flushShares(&share, bin, nb, ns)
}

// flushBanks adds the banked counts of the ns series to bin (dropped
// past the last bin) and clears the banks.
func flushBanks(acc *[4][16]uint32, cnt []float32, bin, nb, ns int) {
	if bin < nb {
		for s := range ns {
			if c := acc[0][s] + acc[1][s] + acc[2][s] + acc[3][s]; c != 0 {
				cnt[s*nb+bin] += float32(c)
			}
		}
	}
	*acc = [4][16]uint32{}
}

// flushShares adds the banked approximate shares of the ns series to bin
// and clears the banks.
func (b *Builder) flushShares(share *[4][16]float64, bin, nb, ns int) {
	for s := range ns {
		if v := share[0][s] + share[1][s] + share[2][s] + share[3][s]; v != 0 {
			b.apx[s*nb+bin] += float32(v)
		}
	}
	*share = [4][16]float64{}
}

// binOfDay returns the bin holding day offset t, searching from bin lo:
// by division for days and weeks, by binary search otherwise.
func (b *Builder) binOfDay(t int64, lo int) int {
	switch b.h.Unit {
	case Day:
		return int(t - b.bd[0])
	case Week:
		return int((t - b.bd[0]) / 7)
	}
	return binOf(b.bd, t, lo)
}

// spreadAfter adds to series sr the shares of an event ending before day
// e (offsets like b.bd), inv days⁻¹ a day, in the bins after b0 (−1: all
// bins from the first). Bins wholly inside the event get their share
// through the difference array (a rate per day), the last bin directly.
func (b *Builder) spreadAfter(sr int, e int64, b0, nb int, inv float64) {
	bd := b.bd
	c0 := b0 + 1 // first bin to fill, wholly covered up to the last
	ce := min(e, bd[nb])
	if c0 >= nb || ce <= bd[c0] {
		return
	}
	b1 := nb - 1
	if ce < bd[nb] {
		b1 = b.binOfDay(ce-1, c0)
	}
	b.apx[sr*nb+b1] += float32(float64(ce-bd[b1]) * inv)
	if b1 > c0 {
		diff := b.diff[sr*(nb+1) : (sr+1)*(nb+1)]
		diff[c0] += inv
		diff[b1] -= inv
	}
}

// finish integrates the difference arrays and finds the tallest bin.
func (b *Builder) finish(nb, ns int) {
	h := &b.h
	for s := range ns {
		diff := b.diff[s*(nb+1) : (s+1)*(nb+1)]
		apx := h.Approx[s]
		rate := 0.0
		for i := range nb {
			rate += diff[i]
			// Rates are at least 1/maxPackedDay ≈ 7e-9 a day; anything far
			// below is rounding left over from cancelled spans.
			if math.Abs(rate) < 1e-12 {
				rate = 0
				continue
			}
			apx[i] += float32(rate * float64(b.bd[i+1]-b.bd[i]))
		}
	}
	for i := range nb {
		var t float32
		for s := range ns {
			t += h.Counts[s][i] + h.Approx[s][i]
		}
		h.Max = max(h.Max, t)
	}
}

// searchRows returns the first i with start[rows[i]] ≥ t.
func searchRows(start []int64, rows []int32, t int64) int {
	lo, hi := 0, len(rows)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if start[rows[m]] < t {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// zeroed returns buf resized to n and cleared.
func zeroed[T float32 | float64](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n)
	}
	buf = buf[:n]
	clear(buf)
	return buf
}
