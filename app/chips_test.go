package app

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"frontier/data"
)

// setEveryPart sets every part of the filter as a user would.
func setEveryPart(t *testing.T, u *mainUI, p *filterPanel) {
	t.Helper()
	test.Tap(u.actors.none)
	test.Tap(actorCheck(t, u, "TTP: Tehrik-i-Taliban Pakistan"))
	test.Tap(actorCheck(t, u, "Civilians (Pakistan)"))
	test.Tap(typeNode(t, p, "Protests").check)
	test.Type(p.fatal, "2")
	test.Type(p.text, "a")
	test.Tap(p.precise)
	u.st.setWindow(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC))
	u.mapP.setArea(&orb.Bound{Min: orb.Point{71.4, 34.6}, Max: orb.Point{71.6, 34.8}})
	settle(u)
}

func TestChipsShowAndRemoveEachPart(t *testing.T) {
	u, p := newTestFilters(t)
	if p.chips.MinSize().Height != 0 || !p.clearAll.Disabled() {
		t.Errorf("with no filter the chip bar is %v high, Clear all enabled %v", p.chips.MinSize().Height, !p.clearAll.Disabled())
	}
	setEveryPart(t, u, p)
	want := []string{
		"2024-03-01 – 2024-03-31",
		"area 34.60–34.80° N, 71.40–71.60° E",
		"2 actors",
		"4 event types",
		"≥ 2 fatalities",
		"text: a",
		"precise only",
	}
	if got := chipTexts(p); !slices.Equal(got, want) {
		t.Fatalf("chips\n%q\nwant\n%q", got, want)
	}
	if p.chips.MinSize().Height == 0 || p.clearAll.Disabled() {
		t.Error("chip bar empty or Clear all disabled with filters set")
	}
	wantFilter(t, u, p, 1) // Khar

	removed := func(kind chipKind) {
		t.Helper()
		c := p.bar.chip(kind)
		if c == nil {
			t.Fatalf("no chip of kind %d", kind)
		}
		test.Tap(c.remove)
		settle(u)
		if p.bar.chip(kind) != nil {
			t.Errorf("chip %d still shown after its ×", kind)
		}
	}
	removed(chipActors)
	if u.st.filter.Actors != nil || !strings.Contains(u.actors.summary.Text, "All 12 actors checked") {
		t.Errorf("actor chip ×: filter %q, summary %q", u.st.filter.Actors, u.actors.summary.Text)
	}
	removed(chipTypes)
	if u.st.filter.Types != nil || !typeNode(t, p, "Protests").check.Checked {
		t.Errorf("type chip ×: filter %q", u.st.filter.Types)
	}
	removed(chipFatalities)
	if u.st.filter.MinFatalities != 0 || p.fatal.Text != "" {
		t.Errorf("fatalities chip ×: %d, entry %q", u.st.filter.MinFatalities, p.fatal.Text)
	}
	removed(chipText)
	if u.st.filter.Text != "" || p.text.Text != "" {
		t.Errorf("text chip ×: %q, entry %q", u.st.filter.Text, p.text.Text)
	}
	removed(chipPrecise)
	if u.st.filter.PreciseOnly || p.precise.Checked {
		t.Error("precise chip × left it on")
	}
	removed(chipWindow)
	if !u.st.filter.From.IsZero() || !u.st.filter.To.IsZero() {
		t.Errorf("window chip ×: %v – %v", u.st.filter.From, u.st.filter.To)
	}
	if got := chipTexts(p); len(got) != 1 || !strings.HasPrefix(got[0], "area ") {
		t.Errorf("chips left %q, want the area", got)
	}
	wantFilter(t, u, p, 1)
	removed(chipArea)
	if u.st.filter.BBox != nil {
		t.Error("area chip × left the area filter")
	}
	if !u.st.filter.IsZero() || p.chips.MinSize().Height != 0 {
		t.Errorf("filter %+v after removing every chip", u.st.filter)
	}
	wantFilter(t, u, p, 6)
}

func TestClearAllResetsFilterAndPanels(t *testing.T) {
	u, p := newTestFilters(t)
	setEveryPart(t, u, p)
	test.Tap(p.bar.clearAll)
	settle(u)
	checkCleared(t, u, p)

	// A filter cleared elsewhere (no hooks) resets the panels too.
	setEveryPart(t, u, p)
	test.Tap(p.clearAll)
	settle(u)
	checkCleared(t, u, p)
	setEveryPart(t, u, p)
	u.mapP.setArea(nil)
	u.st.clearFilter()
	settle(u)
	checkCleared(t, u, p)
}

func checkCleared(t *testing.T, u *mainUI, p *filterPanel) {
	t.Helper()
	f := u.st.filter
	if !f.IsZero() || f.Actors != nil || f.Types != nil {
		t.Errorf("filter %+v after clearing, want zero", f)
	}
	if len(p.bar.parts) != 0 || p.chips.MinSize().Height != 0 || !p.clearAll.Disabled() {
		t.Errorf("chips %q after clearing", chipTexts(p))
	}
	if p.text.Text != "" || p.fatal.Text != "" || p.precise.Checked || p.fatalError() {
		t.Errorf("widgets not reset: text %q fatal %q precise %v", p.text.Text, p.fatal.Text, p.precise.Checked)
	}
	for _, r := range p.types.rows {
		if r.uid != "" && (!r.check.Checked || r.check.Partial) {
			t.Errorf("type %q not checked after clearing", r.name.Text)
		}
	}
	for name, r := range renderedActors(u) {
		if !r.checked {
			t.Errorf("actor %q not checked after clearing", name)
		}
	}
	wantFilter(t, u, p, 6)
}

func TestChipTexts(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 3, d, 0, 0, 0, 0, time.UTC) }
	for _, tt := range []struct {
		f    data.Filter
		want []string
	}{
		{data.Filter{}, nil},
		{data.Filter{Actors: []string{"A"}, Types: []string{"Battles"}, MinFatalities: 1}, []string{"A", "Battles", "≥ 1 fatality"}},
		{data.Filter{Actors: make([]string, 1200), MinFatalities: 1500}, []string{"1,200 actors", "≥ 1,500 fatalities"}},
		{data.Filter{From: day(5)}, []string{"from 2024-03-05"}},
		{data.Filter{To: day(5)}, []string{"until 2024-03-05"}},
		{data.Filter{From: day(5), To: day(5)}, []string{"2024-03-05"}},
		{data.Filter{Text: "a very long search text that goes on"}, []string{"text: a very long search text…"}},
		{data.Filter{BBox: &orb.Bound{Min: orb.Point{-10.5, -3}, Max: orb.Point{-1, 4.25}}}, []string{"area 3.00° S–4.25° N, 1.00–10.50° W"}},
	} {
		var got []string
		for _, p := range chipParts(&tt.f) {
			got = append(got, p.text)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("chips of %+v = %q, want %q", tt.f, got, tt.want)
		}
	}
}
