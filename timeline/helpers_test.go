package timeline

import (
	"image/color"
	"math"
	"testing"
	"time"

	"frontier/data"
)

// ev is one row of a hand-built index.
type ev struct {
	start, end string // YYYY-MM-DD; end empty: same day
	prec       data.DatePrecision
	a1, a2     string
	assoc      []string
}

// day returns the Unix time of a YYYY-MM-DD day, or of an RFC 3339 time.
func ts(t testing.TB, s string) int64 {
	t.Helper()
	layout := data.DateLayout
	if len(s) > 10 {
		layout = time.RFC3339
	}
	d, err := time.Parse(layout, s)
	if err != nil {
		t.Fatal(err)
	}
	return d.Unix()
}

// testIndex builds an index without a store, as data.LoadIndex would:
// rows sorted by start.
func testIndex(t testing.TB, evs []ev) *data.Index {
	t.Helper()
	ix := &data.Index{Strings: []string{""}, ActorInfo: map[uint32]data.Actor{}}
	ids := map[string]uint32{}
	id := func(s string) uint32 {
		if s == "" {
			return 0
		}
		if v, ok := ids[s]; ok {
			return v
		}
		ids[s] = uint32(len(ix.Strings))
		ix.Strings = append(ix.Strings, s)
		ix.ActorInfo[ids[s]] = data.Actor{Name: s}
		return ids[s]
	}
	for i, e := range evs {
		s := ts(t, e.start)
		end := s
		if e.end != "" {
			end = ts(t, e.end)
		}
		if i > 0 && s < ix.Start[i-1] {
			t.Fatalf("test events out of time order at %d", i)
		}
		prec := e.prec
		if prec == data.PrecUnknown {
			prec = data.PrecDay
		}
		ix.ID = append(ix.ID, uint64(i+1))
		ix.Start = append(ix.Start, s)
		ix.End = append(ix.End, end)
		ix.X = append(ix.X, 0.5)
		ix.Y = append(ix.Y, 0.5)
		ix.Fatalities = append(ix.Fatalities, 0)
		ix.DatePrec = append(ix.DatePrec, prec)
		ix.GeoPrec = append(ix.GeoPrec, 1)
		ix.Actor1 = append(ix.Actor1, id(e.a1))
		ix.Actor2 = append(ix.Actor2, id(e.a2))
		for _, p := range []*[]uint32{&ix.Dataset, &ix.Type, &ix.SubType, &ix.Location} {
			*p = append(*p, 0)
		}
		ix.AssocOff = append(ix.AssocOff, uint32(len(ix.Assoc)))
		for _, a := range e.assoc {
			ix.Assoc = append(ix.Assoc, id(a))
		}
	}
	ix.AssocOff = append(ix.AssocOff, uint32(len(ix.Assoc)))
	return ix
}

// testData wraps all rows of ix with the index's actor colours.
func testData(ix *data.Index) *Data {
	rows := make([]int32, ix.Len())
	for i := range rows {
		rows[i] = int32(i)
	}
	colors := make([]color.RGBA, len(ix.Strings))
	for id := range ix.Strings {
		c := ix.ActorColor(uint32(id))
		colors[id] = color.RGBA{c.R, c.G, c.B, 0xff}
	}
	return &Data{Index: ix, Rows: rows, Colors: colors}
}

func near(a, b, eps float64) bool { return math.Abs(a-b) <= eps }

// sum adds up a series row.
func sum(v []float32) float64 {
	s := 0.0
	for _, x := range v {
		s += float64(x)
	}
	return s
}
