package app

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frontier/cli"
)

// newTestFilters builds the main window on the test store, then a filter
// panel on its state in a window of its own, a left column's width, with
// every type branch open and the text search undelayed. The clear hooks
// are wired as the main window wires them.
func newTestFilters(t *testing.T) (*mainUI, *filterPanel) {
	t.Helper()
	u, _ := newTestUI(t)
	p := newFilterPanel(u.st)
	p.textDelay = 0
	p.onClearActors = u.actors.checkAll
	p.onClearArea = func() { u.mapP.setArea(nil) }
	w := test.NewTempWindow(t, container2(p))
	w.Resize(fyne.NewSize(320, 1100))
	p.types.tree.OpenAllBranches()
	settle(u)
	return u, p
}

// container2 stacks the panel over its chip bar so both are drawn.
func container2(p *filterPanel) fyne.CanvasObject {
	return &fyne.Container{Layout: borderTop{}, Objects: []fyne.CanvasObject{p.chips, p.content}}
}

// borderTop lays out objects[0] at the top at its minimum height and
// objects[1] below it.
type borderTop struct{}

func (borderTop) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	h := objs[0].MinSize().Height
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(size.Width, h))
	objs[1].Move(fyne.NewPos(0, h))
	objs[1].Resize(fyne.NewSize(size.Width, size.Height-h))
}

func (borderTop) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, b := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(a.Width, b.Width), a.Height+b.Height)
}

// typeNode returns the drawn tree node showing name.
func typeNode(t *testing.T, p *filterPanel, name string) *typeItem {
	t.Helper()
	for _, r := range p.types.rows {
		if r.uid != "" && r.name.Text == name {
			return r
		}
	}
	t.Fatalf("type %q not drawn in the tree", name)
	return nil
}

// treeCounts reads the drawn count of every tree node, by name.
func treeCounts(p *filterPanel) map[string]string {
	out := map[string]string{}
	for _, r := range p.types.rows {
		if r.uid != "" {
			out[r.name.Text] = r.count.Text
		}
	}
	return out
}

// wantFilter checks that the table, status line and map agree with
// ix.Filter on the state's filter, and that the tree's counts agree with
// ix.Filter on the filter without its type part.
func wantFilter(t *testing.T, u *mainUI, p *filterPanel, wantRows int) {
	t.Helper()
	f := cloneFilter(&u.st.filter)
	res, err := u.st.ix.Filter(&f)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != wantRows {
		t.Errorf("ix.Filter(%+v) passes %d events, want %d", f, len(res.Rows), wantRows)
	}
	if n, _ := u.table.table.Length(); n != len(res.Rows) {
		t.Errorf("table has %d rows, ix.Filter passes %d", n, len(res.Rows))
	}
	if s := u.status.Text; !strings.HasPrefix(s, statusText(len(res.Rows), u.st.ix.Len(), res.Fatalities)) {
		t.Errorf("status %q, ix.Filter passes %d events, %d fatalities", s, len(res.Rows), res.Fatalities)
	}
	noTypes := f
	noTypes.Types = nil
	wide, err := u.st.ix.Filter(&noTypes)
	if err != nil {
		t.Fatal(err)
	}
	ix := u.st.ix
	for name, got := range treeCounts(p) {
		id, _ := ix.StringID(name)
		want := wide.SubTypeCounts[id]
		if isType(p, id) {
			want = wide.TypeCounts[id]
		}
		if got != groupDigits(int64(want)) {
			t.Errorf("tree counts %s for %q, ix.Filter without types counts %d", got, name, want)
		}
	}
}

func isType(p *filterPanel, id uint32) bool {
	for _, b := range p.types.branches {
		if b.id == id {
			return true
		}
	}
	return false
}

func chipTexts(p *filterPanel) []string {
	var out []string
	for _, part := range p.bar.parts {
		out = append(out, part.text)
	}
	return out
}

func TestTypeTreeListsPairsWithCounts(t *testing.T) {
	u, p := newTestFilters(t)
	var got []string
	for _, b := range p.types.branches {
		var subs []string
		for _, s := range b.subs {
			subs = append(subs, u.st.ix.Strings[s])
		}
		got = append(got, u.st.ix.Strings[b.id]+": "+strings.Join(subs, ", "))
	}
	want := []string{
		"Battles: Armed clash",
		"Explosions/Remote violence: Remote explosive/landmine/IED, Suicide bomb",
		"Protests: Peaceful protest",
		"Strategic developments: Non-violent transfer of territory",
		"Violence against civilians: Attack",
	}
	if !slices.Equal(got, want) {
		t.Errorf("type tree\n%q\nwant\n%q", got, want)
	}
	counts := treeCounts(p)
	if len(counts) != 11 {
		t.Errorf("tree draws %d nodes, want 5 types and 6 sub-types: %v", len(counts), counts)
	}
	if counts["Explosions/Remote violence"] != "2" || counts["Suicide bomb"] != "1" {
		t.Errorf("counts %v", counts)
	}
	for _, r := range p.types.rows {
		if r.uid != "" && !r.check.Checked {
			t.Errorf("%q starts unchecked", r.name.Text)
		}
	}
	wantFilter(t, u, p, 6)
}

func TestTypeTreeChecksFilter(t *testing.T) {
	u, p := newTestFilters(t)
	// Unchecking one type keeps the others.
	test.Tap(typeNode(t, p, "Protests").check)
	settle(u)
	if f := u.st.filter.Types; len(f) != 4 || slices.Contains(f, "Protests") {
		t.Errorf("type filter %q after unchecking Protests", f)
	}
	wantFilter(t, u, p, 5)
	if locs := tableColumn(u, colLocation); slices.Contains(locs, "Spin Boldak") {
		t.Errorf("table still lists the protest: %q", locs)
	}
	if r := typeNode(t, p, "Peaceful protest"); r.check.Checked || r.count.Text != "1" {
		t.Errorf("sub-type of an unchecked type: checked %v, count %s (want unchecked, still counting 1)", r.check.Checked, r.count.Text)
	}
	if c := chipTexts(p); !slices.Equal(c, []string{"4 event types"}) {
		t.Errorf("chips %q", c)
	}

	// None, then one type: only its events.
	test.Tap(p.noTypes)
	settle(u)
	if u.st.filter.Types != nil {
		t.Errorf("no type checked gives filter %q, want none", u.st.filter.Types)
	}
	wantFilter(t, u, p, 6)
	test.Tap(typeNode(t, p, "Explosions/Remote violence").check)
	settle(u)
	if f := u.st.filter.Types; !slices.Equal(f, []string{"Explosions/Remote violence"}) {
		t.Errorf("type filter %q", f)
	}
	wantFilter(t, u, p, 2)
	if locs := tableColumn(u, colLocation); !slices.Equal(locs, []string{"Quetta", "Khar"}) {
		t.Errorf("table %q, want Quetta and Khar", locs)
	}

	// Unchecking one of its sub-types leaves the type partly checked.
	test.Tap(typeNode(t, p, "Suicide bomb").check)
	settle(u)
	if f := u.st.filter.Types; !slices.Equal(f, []string{"Remote explosive/landmine/IED"}) {
		t.Errorf("type filter %q", f)
	}
	wantFilter(t, u, p, 1)
	if r := typeNode(t, p, "Explosions/Remote violence"); !r.check.Partial || r.check.Checked {
		t.Errorf("type with one of two sub-types checked: partial %v checked %v", r.check.Partial, r.check.Checked)
	}
	if c := chipTexts(p); !slices.Equal(c, []string{"Remote explosive/landmine/IED"}) {
		t.Errorf("chips %q", c)
	}

	// A tap on the type's row checks it whole again.
	p.types.tree.Select(typeNode(t, p, "Explosions/Remote violence").uid)
	settle(u)
	wantFilter(t, u, p, 2)
	test.Tap(p.allTypes)
	settle(u)
	if u.st.filter.Types != nil {
		t.Errorf("all checked gives filter %q", u.st.filter.Types)
	}
	wantFilter(t, u, p, 6)
}

func TestMinFatalitiesEntry(t *testing.T) {
	u, p := newTestFilters(t)
	test.Type(p.fatal, "3")
	settle(u)
	if u.st.filter.MinFatalities != 3 {
		t.Fatalf("min fatalities %d, want 3", u.st.filter.MinFatalities)
	}
	wantFilter(t, u, p, 3) // Khar 12, Mir Ali 5, Kabul 3
	if c := chipTexts(p); !slices.Equal(c, []string{"≥ 3 fatalities"}) {
		t.Errorf("chips %q", c)
	}
	for _, bad := range []string{"3x", "-1", "1.5", "99999999999999999999"} {
		p.fatal.SetText(bad)
		settle(u)
		if !p.fatalError() || p.fatal.Validate() == nil {
			t.Errorf("%q: no error shown", bad)
		}
		if u.st.filter.MinFatalities != 3 {
			t.Errorf("%q applied: min fatalities %d", bad, u.st.filter.MinFatalities)
		}
	}
	p.fatal.SetText(" 12 ")
	p.fatal.OnSubmitted(p.fatal.Text)
	settle(u)
	if p.fatalError() || u.st.filter.MinFatalities != 12 {
		t.Errorf("after 12: error %v, min %d", p.fatalError(), u.st.filter.MinFatalities)
	}
	wantFilter(t, u, p, 1)
	p.fatal.SetText("")
	settle(u)
	if u.st.filter.MinFatalities != 0 || len(chipTexts(p)) != 0 {
		t.Errorf("empty entry: min %d, chips %q", u.st.filter.MinFatalities, chipTexts(p))
	}
	wantFilter(t, u, p, 6)
}

func TestTextSearchLocationAndNotes(t *testing.T) {
	u, p := newTestFilters(t)
	test.Type(p.text, "kabul")
	settle(u)
	wantFilter(t, u, p, 1)
	if locs := tableColumn(u, colLocation); !slices.Equal(locs, []string{"Kabul"}) {
		t.Errorf("text kabul lists %q", locs)
	}
	// "suicide" is only in the notes of the Khar bombing.
	p.text.SetText("Suicide")
	settle(u)
	wantFilter(t, u, p, 1)
	if locs := tableColumn(u, colLocation); !slices.Equal(locs, []string{"Khar"}) {
		t.Errorf("text in notes lists %q", locs)
	}
	if c := chipTexts(p); !slices.Equal(c, []string{"text: Suicide"}) {
		t.Errorf("chips %q", c)
	}
}

func TestTextSearchWaitsForTypingToPause(t *testing.T) {
	u, p := newTestFilters(t)
	p.textDelay = 40 * time.Millisecond
	test.Type(p.text, "khar")
	settle(u)
	if u.st.filter.Text != "" {
		t.Fatalf("text %q applied before the pause", u.st.filter.Text)
	}
	time.Sleep(150 * time.Millisecond)
	settle(u)
	if u.st.filter.Text != "khar" {
		t.Fatalf("text %q after the pause, want khar", u.st.filter.Text)
	}
	wantFilter(t, u, p, 1)

	// Enter applies at once, and the pending timer then does nothing.
	p.text.SetText("quetta")
	p.text.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if u.st.filter.Text != "quetta" {
		t.Errorf("Enter did not apply the text: %q", u.st.filter.Text)
	}
	gen := u.st.gen
	time.Sleep(150 * time.Millisecond)
	settle(u)
	if u.st.gen != gen {
		t.Error("the stale timer filtered again")
	}
	wantFilter(t, u, p, 1)
}

func TestPreciseOnly(t *testing.T) {
	u, p := newTestFilters(t)
	test.Tap(p.precise)
	settle(u)
	if !u.st.filter.PreciseOnly {
		t.Fatal("precise only not set")
	}
	// Mir Ali is known to the week, Spin Boldak to the month and region.
	wantFilter(t, u, p, 4)
	locs := tableColumn(u, colLocation)
	if slices.Contains(locs, "Mir Ali") || slices.Contains(locs, "Spin Boldak") {
		t.Errorf("precise only lists %q", locs)
	}
	if c := chipTexts(p); !slices.Equal(c, []string{"precise only"}) {
		t.Errorf("chips %q", c)
	}
}

func TestActorListGroupedByType(t *testing.T) {
	u, _ := newTestUI(t)
	var headers []string
	for _, e := range u.actors.items {
		if e.id == 0 {
			headers = append(headers, u.actors.groups[e.group].name)
		}
	}
	want := []string{"State forces", "Rebel group", "Political militia", "Protesters", "Civilians"}
	if !slices.Equal(headers, want) {
		t.Errorf("group headers %q, want %q", headers, want)
	}
	// Drawn headers show the group's total; actors follow their header.
	drawn := map[string]string{}
	for _, r := range u.actors.rows {
		if r.id == 0 && r.header.Visible() {
			drawn[r.groupName.Text] = r.groupCount.Text
		}
	}
	if drawn["State forces"] != "5" || drawn["Rebel group"] != "3" || drawn["Civilians"] != "3" {
		t.Errorf("drawn headers %v", drawn)
	}
	group := ""
	for _, e := range u.actors.items {
		if e.id == 0 {
			group = u.actors.groups[e.group].name
			continue
		}
		if got := u.st.ix.ActorInfo[e.id].Type; got != group {
			t.Errorf("%s (%s) listed under %s", u.st.ix.Strings[e.id], got, group)
		}
	}
	// Busiest first inside a group: TTP (2) before ISKP (1).
	var rebels []string
	for _, e := range u.actors.items {
		if e.id != 0 && u.actors.groups[e.group].name == "Rebel group" {
			rebels = append(rebels, u.st.ix.Strings[e.id])
		}
	}
	if !slices.Equal(rebels, []string{"TTP: Tehrik-i-Taliban Pakistan", "ISKP: Islamic State Khorasan Province"}) {
		t.Errorf("rebel group lists %q", rebels)
	}

	// The search keeps the headers of matching groups only.
	test.Type(u.actors.search, "police")
	var items []string
	for _, e := range u.actors.items {
		if e.id == 0 {
			items = append(items, "# "+u.actors.groups[e.group].name)
		} else {
			items = append(items, u.st.ix.Strings[e.id])
		}
	}
	if !slices.Equal(items, []string{"# State forces", "Police Forces of Pakistan (2018-2022)", "Police Forces of Pakistan (2022-)"}) &&
		!slices.Equal(items, []string{"# State forces", "Police Forces of Pakistan (2022-)", "Police Forces of Pakistan (2018-2022)"}) {
		t.Errorf("search police lists %q", items)
	}
	u.actors.search.SetText("")

	// A header's check unchecks its group; a tap on the header folds it.
	var civ *actorItem
	for _, r := range u.actors.rows {
		if r.id == 0 && r.header.Visible() && r.groupName.Text == "Civilians" {
			civ = r
		}
	}
	if civ == nil || !civ.groupCheck.Checked {
		t.Fatal("Civilians header not drawn checked")
	}
	test.Tap(civ.groupCheck)
	settle(u)
	if n := len(u.st.filter.Actors); n != 9 {
		t.Errorf("unchecking Civilians leaves %d actors in the filter, want 9", n)
	}
	before := len(u.actors.items)
	for i, e := range u.actors.items {
		if e.id == 0 && u.actors.groups[e.group].name == "Civilians" {
			u.actors.list.Select(i)
			break
		}
	}
	if n := len(u.actors.items); n != before-3 {
		t.Errorf("folding Civilians leaves %d rows, want %d", n, before-3)
	}
	if n := len(u.actors.shown); n != 12 {
		t.Errorf("folding hides actors from All/None: %d listed", n)
	}
}

func TestOnlyThisChecksOneActor(t *testing.T) {
	u, p := newTestFilters(t)
	var row *actorItem
	for _, r := range u.actors.rows {
		if r.id != 0 && r.name.Text == "Frontier Corps" {
			row = r
		}
	}
	if row == nil {
		t.Fatal("Frontier Corps not drawn")
	}
	test.Tap(row.onlyB)
	settle(u)
	if f := u.st.filter.Actors; !slices.Equal(f, []string{"Frontier Corps"}) {
		t.Errorf("only this: actor filter %q", f)
	}
	checked := 0
	for name, r := range renderedActors(u) {
		if r.checked {
			checked++
			if name != "Frontier Corps" {
				t.Errorf("%q still checked", name)
			}
		}
	}
	if checked != 1 {
		t.Errorf("%d actors checked, want 1", checked)
	}
	if locs := tableColumn(u, colLocation); !slices.Equal(locs, []string{"Mir Ali"}) {
		t.Errorf("table %q", locs)
	}
	if c := chipTexts(p); !slices.Equal(c, []string{"Frontier Corps"}) {
		t.Errorf("chips %q", c)
	}
}

// The panels count what `frontier stats` counts under the same filter.
func TestPanelCountsMatchStats(t *testing.T) {
	u, p := newTestFilters(t)
	test.Type(p.fatal, "1")
	test.Tap(p.precise)
	test.Type(p.text, "a")
	settle(u)
	f := cloneFilter(&u.st.filter)
	res, err := u.st.ix.Filter(&f)
	if err != nil {
		t.Fatal(err)
	}
	st := cli.ComputeStats(u.st.ix, res)
	if st.Events == 0 || st.Events == 6 {
		t.Fatalf("filter %+v passes %d events: want a strict subset", f, st.Events)
	}
	if !strings.HasPrefix(u.status.Text, statusText(st.Events, 6, st.Fatalities)) {
		t.Errorf("status %q, stats %d events %d fatalities", u.status.Text, st.Events, st.Fatalities)
	}
	for name, r := range renderedActors(u) {
		if want := st.Actors[name]; r.count != groupDigits(int64(want)) {
			t.Errorf("actor %q counts %s, stats %d", name, r.count, want)
		}
	}
	for name, got := range treeCounts(p) {
		id, _ := u.st.ix.StringID(name)
		if !isType(p, id) {
			continue
		}
		if want := st.EventTypes[name]; got != groupDigits(int64(want)) {
			t.Errorf("type %q counts %s, stats %d", name, got, want)
		}
	}
	wantFilter(t, u, p, st.Events)
}
