package cli

import (
	"fmt"
	"math"
	"sort"
	"time"

	"frontier/data"
)

// Stats summarises the events passing a filter; it is what
// `frontier stats --json` prints.
type Stats struct {
	Events     int            `json:"events"`
	Fatalities int64          `json:"fatalities"`
	First      string         `json:"first"`
	Last       string         `json:"last"`
	BBox       *[4]float64    `json:"bbox"`
	Actors     map[string]int `json:"actors"`
	EventTypes map[string]int `json:"event_types"`
}

// ComputeStats summarises res over ix.
func ComputeStats(ix *data.Index, res data.Result) Stats {
	st := Stats{Events: len(res.Rows), Fatalities: res.Fatalities, Actors: map[string]int{}, EventTypes: map[string]int{}}
	if len(res.Rows) > 0 {
		first, last := ix.Start[res.Rows[0]], int64(math.MinInt64)
		b := [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
		for _, r := range res.Rows {
			last = max(last, ix.End[r])
			lon, lat := data.InverseMercator(ix.X[r], ix.Y[r])
			b[0], b[1] = math.Min(b[0], lon), math.Min(b[1], lat)
			b[2], b[3] = math.Max(b[2], lon), math.Max(b[3], lat)
		}
		for i := range b {
			b[i] = math.Round(b[i]*1e5) / 1e5
		}
		st.First = time.Unix(first, 0).UTC().Format(data.DateLayout)
		st.Last = time.Unix(last, 0).UTC().Format(data.DateLayout)
		st.BBox = &b
	}
	for id, n := range res.ActorCounts {
		if n > 0 {
			st.Actors[ix.Strings[id]] = int(n)
		}
	}
	for id, n := range res.TypeCounts {
		if n > 0 {
			st.EventTypes[ix.Strings[id]] = int(n)
		}
	}
	return st
}

func runStats(env *Env, args []string) error {
	fs := newFlagSet("stats")
	db := fs.String("db", "", "store file")
	asJSON := fs.Bool("json", false, "print JSON")
	sel, err := selectEvents(env, fs, args, db, nil)
	if err != nil {
		return err
	}
	defer env.release(sel.store)
	ix, res := sel.ix, sel.res
	st := ComputeStats(ix, res)
	if *asJSON {
		return printJSON(env, st)
	}
	w := env.Stdout
	fmt.Fprintf(w, "Events:       %d of %d\n", st.Events, ix.Len())
	if st.Events == 0 {
		return nil
	}
	fmt.Fprintf(w, "Dates:        %s to %s\n", st.First, st.Last)
	fmt.Fprintf(w, "Bounding box: %g,%g,%g,%g\n", st.BBox[0], st.BBox[1], st.BBox[2], st.BBox[3])
	fmt.Fprintf(w, "Fatalities:   %d\n", st.Fatalities)
	printCounts(env, "Actors", st.Actors)
	printCounts(env, "Event types", st.EventTypes)
	return nil
}

// printCounts lists counts, largest first, then by name.
func printCounts(env *Env, title string, m map[string]int) {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool {
		if m[names[i]] != m[names[j]] {
			return m[names[i]] > m[names[j]]
		}
		return names[i] < names[j]
	})
	fmt.Fprintf(env.Stdout, "%s (%d):\n", title, len(names))
	for _, n := range names {
		fmt.Fprintf(env.Stdout, "  %7d  %s\n", m[n], n)
	}
}
