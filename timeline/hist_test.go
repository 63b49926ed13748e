package timeline

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"frontier/data"
)

func TestBuildCountsPreciseEvents(t *testing.T) {
	ix := testIndex(t, []ev{
		{start: "2024-03-04", a1: "A"},
		{start: "2024-03-05", a1: "A"},
		{start: "2024-03-05", a1: "B"},
		{start: "2024-03-05", a1: "A"},
		{start: "2024-03-07", a1: "B"},
		{start: "2024-03-08", end: "2024-03-08", prec: data.PrecSpan, a1: "B"}, // a one-day span is precise
		{start: "2024-03-20", a1: "A"},                                         // outside the bins
	})
	d := testData(ix)
	h := Build(d, Day, ts(t, "2024-03-04T12:00:00Z"), ts(t, "2024-03-10"))
	if h.Bins() != 6 || h.Starts[0] != ts(t, "2024-03-04") || h.Starts[6] != ts(t, "2024-03-10") {
		t.Fatalf("bins %d from %s to %s, want 6 from 2024-03-04 to 2024-03-10",
			h.Bins(), dayText(h.Starts[0]), dayText(h.Starts[h.Bins()]))
	}
	a, b := 0, 1 // A has more rows than B
	if got := h.Series; !slices.Equal(got, []uint32{1, 2, 0}) {
		t.Fatalf("series %v, want [A B other] = [1 2 0]", got)
	}
	want := map[int][]float32{a: {1, 2, 0, 0, 0, 0}, b: {0, 1, 0, 1, 1, 0}, 2: {0, 0, 0, 0, 0, 0}}
	for s, w := range want {
		if !slices.Equal(h.Counts[s], w) {
			t.Errorf("series %d counts %v, want %v", s, h.Counts[s], w)
		}
		if sum(h.Approx[s]) != 0 {
			t.Errorf("series %d has approximate counts %v", s, h.Approx[s])
		}
	}
	if h.Max != 3 {
		t.Errorf("Max = %g, want 3", h.Max)
	}
	for _, c := range []struct {
		t    string
		want int
	}{{"2024-03-04", 0}, {"2024-03-05T23:59:59Z", 1}, {"2024-03-09T12:00:00Z", 5}, {"2024-03-10", -1}, {"2024-03-03", -1}} {
		if got := h.Bin(ts(t, c.t)); got != c.want {
			t.Errorf("Bin(%s) = %d, want %d", c.t, got, c.want)
		}
	}
}

func TestBuildSpreadsApproximateEvents(t *testing.T) {
	ix := testIndex(t, []ev{
		{start: "2024-03-01", end: "2024-03-31", prec: data.PrecMonth, a1: "A"},
		{start: "2024-03-04", end: "2024-03-10", prec: data.PrecWeek, a1: "A"},
		{start: "2024-03-30", end: "2024-04-02", prec: data.PrecSpan, a1: "A"},
		{start: "2024-04-01", end: "2024-04-30", prec: data.PrecMonth, a1: "A"},
	})
	d := testData(ix)
	march, april := ts(t, "2024-03-01"), ts(t, "2024-04-01")

	// Day bins over March: the month-precise event adds 1/31 a day, the
	// week 1/7 to each of its days, the span 1/4 to March 30 and 31.
	h := Build(d, Day, march, april)
	apx := h.Approx[0]
	if len(apx) != 31 {
		t.Fatalf("%d day bins in March", len(apx))
	}
	for i, v := range apx {
		want := 1.0 / 31
		if i >= 3 && i <= 9 {
			want += 1.0 / 7
		}
		if i >= 29 {
			want += 0.25
		}
		if !near(float64(v), want, 1e-6) {
			t.Errorf("March %d: approximate %g, want %g", i+1, v, want)
		}
	}
	if got := sum(apx); !near(got, 1+1+0.5, 1e-5) {
		t.Errorf("March sums to %g, want 2.5 (month, week, half the span)", got)
	}
	if sum(h.Counts[0]) != 0 {
		t.Errorf("approximate events counted as precise: %v", h.Counts[0])
	}

	// Week bins: the month spreads over the weeks it meets in proportion
	// to their days in March, and the shares sum to 1.
	h = Build(d, Week, march, april)
	if h.Starts[0] != ts(t, "2024-02-26") {
		t.Fatalf("first week starts %s", dayText(h.Starts[0]))
	}
	if got := float64(h.Approx[0][0]); !near(got, 3.0/31, 1e-6) { // Mar 1–3 of week Feb 26
		t.Errorf("week of Feb 26: %g, want 3/31 (March 1–3)", got)
	}

	// Month bins: each approximate event lies in its month, the span
	// splits in half.
	h = Build(d, Month, march, ts(t, "2024-05-01"))
	if got := h.Approx[0]; !near(float64(got[0]), 2.5, 1e-6) || !near(float64(got[1]), 1.5, 1e-6) {
		t.Errorf("month bins %v, want [2.5 1.5]", got)
	}
	if h.Max < 2.5 || h.Max > 2.5001 {
		t.Errorf("Max = %g, want 2.5", h.Max)
	}
}

func TestBuildCountsEventsStartingBeforeTheBins(t *testing.T) {
	ix := testIndex(t, []ev{
		{start: "2023-01-01", end: "2023-12-31", prec: data.PrecYear, a1: "A"},
		{start: "2023-12-01", a1: "A"},
	})
	h := Build(testData(ix), Day, ts(t, "2023-12-30"), ts(t, "2024-01-02"))
	want := []float32{1.0 / 365, 1.0 / 365, 0}
	for i, w := range want {
		if !near(float64(h.Approx[0][i]), float64(w), 1e-7) {
			t.Errorf("bin %d: %g, want %g", i, h.Approx[0][i], w)
		}
	}
}

func TestBuildSharesSumToOne(t *testing.T) {
	// Random events of every precision: over bins covering them all, the
	// counts and shares add up to the number of rows, whatever the unit.
	r := rand.New(rand.NewPCG(7, 8))
	var evs []ev
	t0 := ts(t, "2020-01-01")
	for i := range 400 {
		s := t0 + int64(i)*day*3 + r.Int64N(3)*day
		e := ev{start: dayText(s), a1: fmt.Sprint("actor", r.IntN(12))}
		switch r.IntN(5) {
		case 1:
			e.prec, e.start, e.end = data.PrecWeek, dayText(Floor(s, Week)), dayText(Floor(s, Week)+6*day)
		case 2:
			e.prec, e.start, e.end = data.PrecMonth, dayText(Floor(s, Month)), dayText(Next(s, Month)-day)
		case 3:
			e.prec, e.start, e.end = data.PrecYear, dayText(Floor(s, Year)), dayText(Next(s, Year)-day)
		case 4:
			e.prec, e.end = data.PrecSpan, dayText(s+r.Int64N(90)*day)
		}
		evs = append(evs, e)
	}
	slices.SortStableFunc(evs, func(a, b ev) int { return cmp(ts(t, a.start), ts(t, b.start)) })
	d := testData(testIndex(t, evs))
	for u := Day; u <= Year; u++ {
		h := Build(d, u, ts(t, "2019-01-01"), ts(t, "2026-01-01"))
		total := 0.0
		for s := range h.Series {
			total += sum(h.Counts[s]) + sum(h.Approx[s])
		}
		if !near(total, 400, 1e-3) {
			t.Errorf("%v bins: total %g, want 400", u, total)
		}
		if len(h.Series) != MaxSeries+1 || h.Series[MaxSeries] != 0 {
			t.Errorf("%v: series %v, want %d actors and other", u, h.Series, MaxSeries)
		}
	}
}

func cmp(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestSeriesTopActorsAndOther(t *testing.T) {
	// Actor k has 11−k events (k = 0…10): the top eight are actors 0–7,
	// actors 8, 9 and 10 (3 + 2 + 1 events) are "other".
	var evs []ev
	for k := range 11 {
		for range 11 - k {
			evs = append(evs, ev{start: "2024-05-01", a1: fmt.Sprint("actor", k)})
		}
	}
	ix := testIndex(t, evs)
	h := Build(testData(ix), Month, ts(t, "2024-05-01"), ts(t, "2024-06-01"))
	if len(h.Series) != 9 {
		t.Fatalf("%d series", len(h.Series))
	}
	for k := range 8 {
		if name := ix.Strings[h.Series[k]]; name != fmt.Sprint("actor", k) {
			t.Errorf("series %d is %s, want actor%d", k, name, k)
		}
		if got := h.Counts[k][0]; got != float32(11-k) {
			t.Errorf("series %d counts %g, want %d", k, got, 11-k)
		}
	}
	if h.Series[8] != 0 || h.Counts[8][0] != 6 {
		t.Errorf("other: ID %d, count %g, want 0 and 6", h.Series[8], h.Counts[8][0])
	}
}

func TestPreferredActorCounts(t *testing.T) {
	ix := testIndex(t, []ev{
		{start: "2024-05-01", a1: "A", a2: "B"},
		{start: "2024-05-01", a1: "A", a2: "C", assoc: []string{"B"}},
		{start: "2024-05-01", a1: "C"},
	})
	d := testData(ix)
	b, _ := ix.StringID("B")
	d.Preferred = make([]bool, len(ix.Strings))
	d.Preferred[b] = true
	h := Build(d, Day, ts(t, "2024-05-01"), ts(t, "2024-05-02"))
	if h.Series[0] != b || h.Counts[0][0] != 2 {
		t.Errorf("series %v counts %v: want B first with 2 (as actor 2 and associated)", h.Series, h.Counts)
	}
}

func TestBuilderReusesAndSearches(t *testing.T) {
	var evs []ev
	for i := range 1000 {
		evs = append(evs, ev{start: dayText(ts(t, "2020-01-01") + int64(i)*day), a1: "A"})
	}
	d := testData(testIndex(t, evs))
	var b Builder
	h := b.Build(d, Day, ts(t, "2021-01-01"), ts(t, "2021-01-11"))
	if got := sum(h.Counts[0]); got != 10 {
		t.Errorf("10 days hold %g events", got)
	}
	if b.rowsCounted > 12 {
		t.Errorf("visited %d rows for 10 days: the time order is not used", b.rowsCounted)
	}
	if h2 := b.Build(d, Day, ts(t, "2021-01-01"), ts(t, "2021-01-11")); h2 != h || b.rowsCounted > 12 {
		t.Error("the same build was not reused")
	}
	h3 := b.Build(d, Month, ts(t, "2020-01-01"), ts(t, "2023-01-01"))
	if got := sum(h3.Counts[0]); got != 1000 || h3.Bins() != 36 {
		t.Errorf("36 months hold %g events in %d bins", got, h3.Bins())
	}
	// Empty and degenerate input.
	if h := Build(nil, Day, 0, day); h.Bins() != 1 || len(h.Series) != 1 || h.Max != 0 {
		t.Errorf("nil data: %+v", h)
	}
	if h := Build(d, Day, 5*day, 5*day); h.Bins() != 0 {
		t.Errorf("empty range has %d bins", h.Bins())
	}
	if h := Build(d, Day, MinTime, MaxTime); h.Unit == Day || h.Unit == Week || h.Bins() > maxBins {
		t.Errorf("a thousand years of days: %v bins, %d of them", h.Unit, h.Bins())
	}
}

// Rows out of time order break the contract, but must not crash.
func TestBuildSurvivesUnsortedRows(t *testing.T) {
	ix := testIndex(t, []ev{
		{start: "2024-01-01", a1: "A"},
		{start: "2024-02-01", end: "2024-02-29", prec: data.PrecMonth, a1: "A"},
		{start: "2024-03-01", a1: "B"},
		{start: "2024-06-01", a1: "B"},
	})
	d := testData(ix)
	d.Rows = []int32{3, 1, 0, 2, 3, 0}
	for u := Day; u <= Year; u++ {
		for _, r := range [][2]string{{"2024-01-01", "2024-04-01"}, {"2024-02-10", "2024-02-20"}, {"2023-01-01", "2025-01-01"}} {
			Build(d, u, ts(t, r[0]), ts(t, r[1]))
		}
	}
}
