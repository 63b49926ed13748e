package app

import (
	"slices"
	"testing"
)

func TestStaleSnapshotsAreDropped(t *testing.T) {
	u, _ := newTestUI(t)
	views := 0
	u.st.onChange(func(c change) {
		if c == changeView {
			views++
		}
	})
	// Three requests before any result arrives: only the last may land.
	u.st.setSort(sortSpec{col: colFatalities})
	u.st.setSort(sortSpec{col: colLocation})
	u.st.setSort(sortSpec{col: colLocation, desc: true})
	settle(u)
	if views != 1 {
		t.Errorf("%d snapshots published, want only the newest", views)
	}
	if got := u.st.snap.sort; got != (sortSpec{col: colLocation, desc: true}) {
		t.Errorf("snapshot sorted by %+v, want location descending", got)
	}
	if first := tableColumn(u, colLocation)[0]; first != "Torkham" {
		t.Errorf("first row %q, want Torkham", first)
	}
}

func TestSortWhileFilterInFlightKeepsFilter(t *testing.T) {
	u, _ := newTestUI(t)
	// The re-sort is requested before the filter's result has landed; it
	// must not re-sort the old, unfiltered rows.
	u.st.setActors([]string{"TTP: Tehrik-i-Taliban Pakistan"})
	u.st.setSort(sortSpec{col: colFatalities, desc: true})
	settle(u)
	if got := tableColumn(u, colLocation); !slices.Equal(got, []string{"Khar", "Mir Ali"}) {
		t.Errorf("rows %q, want the TTP events by fatalities descending (Khar, Mir Ali)", got)
	}
	// Re-sorting a settled result reuses it.
	u.st.setSort(sortSpec{col: colFatalities})
	settle(u)
	if got := tableColumn(u, colLocation); !slices.Equal(got, []string{"Mir Ali", "Khar"}) {
		t.Errorf("rows %q, want Mir Ali, Khar", got)
	}
	if len(u.st.snap.result.Rows) != 2 {
		t.Errorf("re-sort changed the result to %d rows", len(u.st.snap.result.Rows))
	}
}

func TestActorCountsIgnoreTheActorFilter(t *testing.T) {
	u, _ := newTestUI(t)
	id, _ := u.st.ix.StringID("Protesters (Afghanistan)")
	ttp, _ := u.st.ix.StringID("TTP: Tehrik-i-Taliban Pakistan")
	u.st.setActors([]string{"TTP: Tehrik-i-Taliban Pakistan"})
	settle(u)
	if c := u.st.snap.actorCounts; c[id] != 1 || c[ttp] != 2 {
		t.Errorf("counts protesters %d, TTP %d; want 1 and 2 whatever is checked", c[id], c[ttp])
	}
	if got := u.st.snap.actors[0]; got != ttp {
		t.Errorf("first actor %q, want TTP", u.st.ix.Strings[got])
	}
}
