package app

import (
	"slices"
	"testing"
)

func TestSortRowsOrdersEveryColumn(t *testing.T) {
	u, _ := newTestUI(t)
	ix := u.st.ix
	rows := make([]int32, ix.Len())
	for i := range rows {
		rows[i] = int32(i)
	}
	s := newSorter(ix)
	for col := range numColumns {
		asc := s.sortRows(rows, sortSpec{col: col})
		desc := s.sortRows(rows, sortSpec{col: col, desc: true})
		if len(asc) != len(rows) {
			t.Fatalf("%s: %d rows out of %d", columnTitles[col], len(asc), len(rows))
		}
		rev := slices.Clone(desc)
		slices.Reverse(rev)
		if !slices.Equal(asc, rev) {
			t.Errorf("%s: descending %v is not ascending %v reversed", columnTitles[col], desc, asc)
		}
		sorted := slices.Clone(asc)
		slices.Sort(sorted)
		if !slices.Equal(sorted, rows) {
			t.Errorf("%s: %v is not a permutation of the rows", columnTitles[col], asc)
		}
		for i := 1; i < len(asc); i++ {
			a, b := cellText(ix, int(asc[i-1]), col), cellText(ix, int(asc[i]), col)
			if col == colFatalities {
				if int(ix.Fatalities[asc[i-1]]) > int(ix.Fatalities[asc[i]]) {
					t.Errorf("fatalities out of order: %s before %s", a, b)
				}
			} else if lessFold(b, a) {
				t.Errorf("%s out of order: %q before %q", columnTitles[col], a, b)
			}
		}
	}
	if got := s.sortRows(nil, sortSpec{col: colActors}); len(got) != 0 {
		t.Errorf("sorting no rows gave %v", got)
	}
	// The input is not modified.
	for i, r := range rows {
		if r != int32(i) {
			t.Fatalf("sortRows modified its input: %v", rows)
		}
	}
}

func lessFold(a, b string) bool {
	return slices.Compare([]rune(toLower(a)), []rune(toLower(b))) < 0
}

func toLower(s string) string {
	r := []rune(s)
	for i, c := range r {
		if c >= 'A' && c <= 'Z' {
			r[i] = c + 'a' - 'A'
		}
	}
	return string(r)
}
