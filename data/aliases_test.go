package data

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"frontier/data/synth"
)

const ttp = "TTP: Tehrik-i-Taliban Pakistan"

// actorCount is the filter count of one actor over all events.
func actorCount(t *testing.T, ix *Index, name string) int {
	t.Helper()
	res, err := ix.Filter(&Filter{})
	if err != nil {
		t.Fatal(err)
	}
	id, ok := ix.StringID(name)
	if !ok {
		return 0
	}
	return int(res.ActorCounts[id])
}

func loadIndex(t *testing.T, s *Store) *Index {
	t.Helper()
	ix, err := LoadIndex(s)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func filterLen(t *testing.T, ix *Index, f Filter) int {
	t.Helper()
	res, err := ix.Filter(&f)
	if err != nil {
		t.Fatal(err)
	}
	return len(res.Rows)
}

func TestAliasMergeFollowsFilterAndSurvives(t *testing.T) {
	s := openTemp(t)
	importFile(t, s, "testdata/curate_acled.csv")
	importFile(t, s, "testdata/curate_ucdp.csv")
	ix := loadIndex(t, s)
	if n := actorCount(t, ix, ttp); n != 1 {
		t.Fatalf("before merge %s counts %d, want 1", ttp, n)
	}
	if n := filterLen(t, ix, Filter{Actors: []string{ttp}}); n != 1 {
		t.Fatalf("filter before merge %d", n)
	}
	red := RGB{0xCC, 0, 0}
	if c, err := s.SetActorStyleChange(ttp, &red, nil); err != nil {
		t.Fatal(err)
	} else if _, err := s.Apply(c); err != nil {
		t.Fatal(err)
	}
	h := NewEventHistory(s)
	c, err := s.MergeActorsChange([]string{"TTP", "Tehreek-i-Taliban Pakistan"}, ttp)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.Do(c); err != nil {
		t.Fatal(err)
	}
	check := func(when string, want, wantAlias int) {
		t.Helper()
		ix := loadIndex(t, s)
		if n := actorCount(t, ix, ttp); n != want {
			t.Errorf("%s: %s counts %d, want %d", when, ttp, n, want)
		}
		// An alias in a filter stands for its canonical actor.
		if n := filterLen(t, ix, Filter{Actors: []string{"TTP"}}); n != wantAlias {
			t.Errorf("%s: filter by alias %d, want %d", when, n, wantAlias)
		}
		id, _ := ix.StringID(ttp)
		aliasID, _ := ix.StringID("TTP")
		_, aliasListed := ix.ActorInfo[aliasID]
		if want == 3 {
			if aliasListed || ix.ActorColor(id) != red || !slices.Equal(ix.AliasesOf(id), []string{"TTP", "Tehreek-i-Taliban Pakistan"}) {
				t.Errorf("%s: alias listed %v, colour %v, aliases %v", when, aliasListed, ix.ActorColor(id), ix.AliasesOf(id))
			}
			if ix.Canonical("Tehreek-i-Taliban Pakistan") != ttp || slices.Contains(ix.ActorNames(), "TTP") {
				t.Errorf("%s: canonical %q", when, ix.Canonical("Tehreek-i-Taliban Pakistan"))
			}
		}
	}
	check("after merge", 3, 3)
	s = reopen(t, s)
	check("after reopen", 3, 3)
	// Re-import (and import of changed rows): the aliases still apply.
	importFile(t, s, "testdata/curate_ucdp.csv")
	mod := writeModified(t, "testdata/curate_acled.csv", "Clash near Wana.", "Clash near Wana again.")
	if rep := importFile(t, s, mod); rep.Updated != 1 {
		t.Fatalf("re-import %+v", rep)
	}
	check("after re-import", 3, 3)
	// Exports keep both names.
	ix = loadIndex(t, s)
	e, _ := s.EventBySource("UCDP GED", "910001")
	orig, changed := ix.CanonicalActors(e)
	if !changed || e.Actor2 != ttp || orig.Actor2 != "TTP" || orig.Record()[1] != "TTP" {
		t.Errorf("canonical %q, source %+v", e.Actor2, orig)
	}
	h = NewEventHistory(s)
	c, _ = s.UnaliasActorChange("TTP")
	if _, err := h.Do(c); err != nil {
		t.Fatal(err)
	}
	check("after split", 2, 1)
	if _, err := h.Undo(); err != nil {
		t.Fatal(err)
	}
	check("after undoing the split", 3, 3)
}

func TestRenameActor(t *testing.T) {
	s := openTemp(t)
	importFile(t, s, "testdata/curate_acled.csv")
	h := NewEventHistory(s)
	c, err := s.RenameActorChange("ISKP: Islamic State Khorasan Province", "Islamic State Khorasan")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.Do(c); err != nil {
		t.Fatal(err)
	}
	ix := loadIndex(t, s)
	if n := actorCount(t, ix, "Islamic State Khorasan"); n != 4 {
		t.Errorf("renamed actor counts %d, want 4", n)
	}
	if n := filterLen(t, ix, Filter{Actors: []string{"ISKP: Islamic State Khorasan Province"}}); n != 4 {
		t.Errorf("old name in a filter %d, want 4", n)
	}
	// Renaming back makes the old name canonical again.
	if err := s.RenameActor("Islamic State Khorasan", "ISKP: Islamic State Khorasan Province"); err != nil {
		t.Fatal(err)
	}
	if a, _ := s.Aliases(); a["ISKP: Islamic State Khorasan Province"] != "" || a["Islamic State Khorasan"] != "ISKP: Islamic State Khorasan Province" {
		t.Errorf("aliases after renaming back %v", a)
	}
	for _, tt := range []struct{ old, name string }{
		{"Nobody", "X"}, {"Islamic State Khorasan", "Y"}, {"ISKP: Islamic State Khorasan Province", "Civilians (Pakistan)"}, {"A", "A"},
	} {
		if _, err := s.RenameActorChange(tt.old, tt.name); err == nil {
			t.Errorf("rename %q to %q: no error", tt.old, tt.name)
		}
	}
}

func TestGroupsAndTagsFilter(t *testing.T) {
	s := openTemp(t)
	importFile(t, s, "testdata/curate_acled.csv")
	if err := s.SetGroup("Pakistani state", []string{"Military Forces of Pakistan (2022-)", "Police Forces of Pakistan (2022-)"}); err != nil {
		t.Fatal(err)
	}
	ix := loadIndex(t, s)
	if n := filterLen(t, ix, Filter{Groups: []string{"Pakistani state"}}); n != 2 {
		t.Errorf("group filter %d, want 2", n)
	}
	if !slices.Equal(ix.GroupNames(), []string{"Pakistani state"}) || len(ix.GroupMembers("Pakistani state")) != 2 {
		t.Errorf("groups %v", ix.Groups)
	}
	// Tag the filter result of one actor, then a selection.
	all, _ := ix.Filter(&Filter{Actors: []string{"ISKP: Islamic State Khorasan Province"}})
	h := NewEventHistory(s)
	c, err := s.TagChange("Bajaur wave", ix.IDs(all.Rows), false)
	if err != nil || len(c.Tags) != 4 {
		t.Fatalf("tag change %v %d", err, len(c.Tags))
	}
	if _, err := h.Do(c); err != nil {
		t.Fatal(err)
	}
	if n, err := s.TagEvents("Bajaur wave", ix.IDs(all.Rows[:1])); err != nil || n != 0 {
		t.Errorf("tagging again: %d %v", n, err)
	}
	if n, _ := s.TagEvents("checked", []uint64{ix.ID[0], ix.ID[1]}); n != 2 {
		t.Errorf("tagged %d", n)
	}
	tags, _ := s.Tags()
	if !slices.Equal(tags, []TagCount{{"Bajaur wave", 4}, {"checked", 2}}) {
		t.Errorf("tags %v", tags)
	}
	s = reopen(t, s)
	ix = loadIndex(t, s)
	if n := filterLen(t, ix, Filter{Tags: []string{"Bajaur wave"}}); n != 4 {
		t.Errorf("tag filter %d, want 4", n)
	}
	if n := filterLen(t, ix, Filter{Tags: []string{"Bajaur wave"}, Groups: []string{"Pakistani state"}}); n != 0 {
		t.Errorf("tag and group filter %d, want 0", n)
	}
	if !slices.Equal(ix.TagNames(), []string{"Bajaur wave", "checked"}) {
		t.Errorf("tag names %v", ix.TagNames())
	}
	all, _ = ix.Filter(&Filter{})
	if tc := ix.TagCounts(all.Rows); tc["Bajaur wave"] != 4 || tc["checked"] != 2 {
		t.Errorf("tag counts %v", tc)
	}
	// Tags survive a re-import of a changed row; untag and undo.
	mod := writeModified(t, "testdata/curate_acled.csv", "IED in Khar bazaar.", "IED in Khar bazaar (updated).")
	importFile(t, s, mod)
	e, _ := s.EventBySource("ACLED", "PAK5005")
	if !slices.Contains(e.UserTags, "Bajaur wave") {
		t.Errorf("tags after re-import %v", e.UserTags)
	}
	if p, _ := s.Provenance(e.ID); p.EditedLocally {
		t.Error("tagging counts as a local edit of the record")
	}
	h = NewEventHistory(s)
	c, _ = s.TagChange("Bajaur wave", []uint64{e.ID}, true)
	h.Do(c)
	if ix := loadIndex(t, s); filterLen(t, ix, Filter{Tags: []string{"Bajaur wave"}}) != 3 {
		t.Error("untag did not apply")
	}
	h.Undo()
	if ix := loadIndex(t, s); filterLen(t, ix, Filter{Tags: []string{"Bajaur wave"}}) != 4 {
		t.Error("undo of untag did not apply")
	}
	for _, bad := range []string{"", "a,b", "x;y", string(make([]byte, 200))} {
		if _, err := s.TagChange(bad, []uint64{1}, false); err == nil {
			t.Errorf("tag %q accepted", bad)
		}
	}
}

// BenchmarkLoadIndexWithAliases loads the generated stores after merging
// the ten busiest actors' names into two canonical actors and tagging a
// thousand events.
func BenchmarkLoadIndexWithAliases(b *testing.B) {
	for _, n := range synth.BenchSizes() {
		b.Run(synth.SizeName(n), func(b *testing.B) {
			src, err := os.ReadFile(benchStore(b, n))
			if err != nil {
				b.Fatal(err)
			}
			path := filepath.Join(b.TempDir(), "aliases.db")
			if err := os.WriteFile(path, src, 0o600); err != nil {
				b.Fatal(err)
			}
			s, err := Open(path, Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			ix, err := LoadIndex(s)
			if err != nil {
				b.Fatal(err)
			}
			all, _ := ix.Filter(&Filter{})
			top := topActors(ix, all.ActorCounts, 10)
			if err := s.MergeActors(top[1:5], top[0]); err != nil {
				b.Fatal(err)
			}
			if err := s.MergeActors(top[6:], top[5]); err != nil {
				b.Fatal(err)
			}
			if _, err := s.TagEvents("bench", ix.IDs(all.Rows[:1000])); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if ix, err = LoadIndex(s); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			if got := len(ix.TagRows("bench")); got != 1000 {
				b.Fatalf("%d tagged rows", got)
			}
		})
	}
}
