package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
)

// Actor names of the curation test events.
const (
	ttp      = "TTP: Tehrik-i-Taliban Pakistan"
	ttpAlias = "Tehreek-i-Taliban Pakistan"
)

// actorID returns the string ID of a listed actor.
func actorID(t *testing.T, u *mainUI, name string) uint32 {
	t.Helper()
	id, ok := u.st.ix.StringID(name)
	if !ok {
		t.Fatalf("no actor %q", name)
	}
	return id
}

// menuItem returns the item of m whose label starts with label.
func menuItem(t *testing.T, m *fyne.Menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, it := range m.Items {
		if strings.HasPrefix(it.Label, label) {
			return it
		}
	}
	t.Fatalf("menu %q has no %q item", m.Label, label)
	return nil
}

// colourOf returns the map colour of row's first actor.
func colourOf(u *mainUI, row int) data.RGB {
	c := u.mapP.colors[u.st.ix.Actor1[row]]
	return data.RGB{R: c.R, G: c.G, B: c.B}
}

func TestMergingActorSpellingsFollowsInFilterCountsAndColours(t *testing.T) {
	as, u := newCurateUI(t)
	// Only TTP checked: its one event under that spelling.
	u.actors.only(actorID(t, u, ttp))
	settle(u)
	if n := len(u.st.snap.result.Rows); n != 1 {
		t.Fatalf("TTP alone shows %d events, want 1", n)
	}
	wana := selectSource(t, u, "PAK5007")
	if colourOf(u, wana) == u.st.ix.ActorColor(actorID(t, u, ttp)) {
		t.Skip("the two spellings happen to share a palette colour")
	}

	// The alias's menu: Merge Into Another Actor… → TTP.
	menu := u.actorMenu(actorID(t, u, ttpAlias))
	menuItem(t, menu, "Merge Into").Action()
	var entry *widget.SelectEntry
	for _, o := range test.LaidOutObjects(as.w.Canvas().Overlays().Top()) {
		if e, ok := o.(*widget.SelectEntry); ok {
			entry = e
		}
	}
	if entry == nil {
		t.Fatal("the merge dialog has no actor field")
	}
	entry.SetText("ttp: teh") // a unique completion is enough
	test.Tap(u.actorOK)
	u = as.ui()
	if u.lastCuration != "Merge "+ttpAlias+" into "+ttp {
		t.Errorf("change %q", u.lastCuration)
	}
	// The filter kept TTP and now counts both spellings; the alias is no
	// actor of its own in the list.
	if n := len(u.st.snap.result.Rows); n != 2 {
		t.Errorf("TTP shows %d events after the merge, want 2", n)
	}
	if _, ok := u.st.ix.ActorInfo[actorID(t, u, ttpAlias)]; ok {
		t.Error("the alias is still listed as an actor")
	}
	if got := renderedActors(u)[ttp]; got.count != "2" {
		t.Errorf("TTP's count in the list %q, want 2", got.count)
	}
	wana = selectSource(t, u, "PAK5007")
	if colourOf(u, wana) != u.st.ix.ActorColor(actorID(t, u, ttp)) {
		t.Error("the alias's event is not drawn in TTP's colour")
	}

	// A colour for TTP: both spellings' events follow.
	menuItem(t, u.actorMenu(actorID(t, u, ttp)), "Colour").Action()
	test.Tap(swatchOf(t, u.actorColour, "#d7191c"))
	u = as.ui()
	want := data.RGB{R: 0xd7, G: 0x19, B: 0x1c}
	if got := colourOf(u, selectSource(t, u, "PAK5007")); got != want {
		t.Errorf("colour after setting it %v, want %v", got, want)
	}
	if got := u.st.ix.ActorColor(actorID(t, u, ttp)); got != want {
		t.Errorf("actor colour %v", got)
	}

	// Undo twice: the colour, then the merge.
	undoMenu(t, as)
	u = undoMenu(t, as)
	if n := len(u.st.snap.result.Rows); n != 1 {
		t.Errorf("after undoing the merge TTP shows %d events, want 1", n)
	}
}

func TestRenameTypeAndGroupsFromTheActorsPanel(t *testing.T) {
	as, u := newCurateUI(t)
	iskp := "ISKP: Islamic State Khorasan Province"
	menuItem(t, u.actorMenu(actorID(t, u, iskp)), "Rename").Action()
	var entry *widget.Entry
	for _, o := range test.LaidOutObjects(as.w.Canvas().Overlays().Top()) {
		if e, ok := o.(*widget.Entry); ok {
			entry = e
		}
	}
	entry.SetText(iskp) // the same name: refused in place
	test.Tap(u.actorOK)
	if !u.actorMsg.Visible() || !strings.Contains(u.actorMsg.Text, "different name") {
		t.Errorf("message %q", u.actorMsg.Text)
	}
	entry.SetText("Islamic State Khorasan")
	test.Tap(u.actorOK)
	u = as.ui()
	if _, ok := u.st.ix.StringID("Islamic State Khorasan"); !ok || u.st.ix.Canonical(iskp) != "Islamic State Khorasan" {
		t.Fatalf("rename: canonical of the old name %q", u.st.ix.Canonical(iskp))
	}

	// Group the two Pakistani state actors; the group toggle filters.
	mil := "Military Forces of Pakistan (2022-)"
	for _, name := range []string{mil, "Protesters (Pakistan)"} {
		menuItem(t, u.actorMenu(actorID(t, u, name)), "Add to Group").Action()
		for _, o := range test.LaidOutObjects(as.w.Canvas().Overlays().Top()) {
			if e, ok := o.(*widget.SelectEntry); ok {
				e.SetText("Watched")
			}
		}
		test.Tap(u.actorOK)
		u = as.ui()
	}
	if got := u.st.ix.GroupMembers("Watched"); len(got) != 2 {
		t.Fatalf("group members %v", got)
	}
	if len(u.actors.groupBoxes) != 1 {
		t.Fatalf("%d group toggles", len(u.actors.groupBoxes))
	}
	u.actors.groupBoxes[0].SetChecked(true)
	settle(u)
	if n := len(u.st.snap.result.Rows); n != 3 { // PAK5003, PAK5004, PAK5007
		t.Errorf("the group shows %d events, want 3", n)
	}
	if chips := chipTexts(u.filters); !containsText(chips, "group: Watched") {
		t.Errorf("chips %v", chips)
	}
	if !strings.Contains(u.actors.summary.Text, "group Watched") {
		t.Errorf("summary %q", u.actors.summary.Text)
	}
	// The group chip's × turns it off.
	u.filters.removePart(chipGroups)
	settle(u)
	if len(u.st.filter.Groups) != 0 || u.actors.groupBoxes[0].Checked {
		t.Error("the group chip's × left the group on")
	}
	// Type: the actor moves to that type's heading.
	menuItem(t, u.actorMenu(actorID(t, u, mil)), "Type").Action()
	for _, o := range test.LaidOutObjects(as.w.Canvas().Overlays().Top()) {
		if e, ok := o.(*widget.SelectEntry); ok {
			e.SetText("External/Other forces")
		}
	}
	test.Tap(u.actorOK)
	u = as.ui()
	if got := u.st.ix.ActorInfo[actorID(t, u, mil)].Type; got != "External/Other forces" {
		t.Errorf("type %q", got)
	}
}

// containsText reports whether any of ss contains s.
func containsText(ss []string, s string) bool {
	for _, x := range ss {
		if strings.Contains(x, s) {
			return true
		}
	}
	return false
}
