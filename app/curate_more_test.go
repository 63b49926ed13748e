package app

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"frontier/data"
	"frontier/mapview"
)

func TestTagTheFilterThenFilterByTag(t *testing.T) {
	as, u := newCurateUI(t)
	// The filter: events at Khar (location or notes).
	u.st.setText("Khar")
	settle(u)
	shown := slices.Clone(u.st.snap.result.Rows)
	if len(shown) != 4 {
		t.Fatalf("Khar shows %d events, want 4", len(shown))
	}
	u.showTags()
	d := u.tagsDlg
	d.name.SetText("Bajaur wave")
	d.target.SetSelected(d.targets[tagFilter])
	test.Tap(d.add)
	u = as.ui()
	if d.lastDone != `Tagged 4 events "Bajaur wave"` {
		t.Errorf("dialog says %q", d.lastDone)
	}
	if rows := u.st.ix.TagRows("Bajaur wave"); !slices.Equal(rows, shown) {
		t.Fatalf("tagged rows %v, want %v", rows, shown)
	}
	if u.st.filter.Text != "Khar" {
		t.Error("the rebuilt window lost the filter")
	}
	// Clear the filter, then filter by the tag from the Filters panel.
	u.filters.clearAllFilters()
	settle(u)
	if len(u.filters.tagChecks.Objects) != 1 {
		t.Fatalf("%d tag checks", len(u.filters.tagChecks.Objects))
	}
	c := u.filters.tagChecks.Objects[0].(interface{ SetChecked(bool) })
	c.SetChecked(true)
	settle(u)
	if got := u.st.snap.result.Rows; !slices.Equal(got, shown) {
		t.Errorf("tag filter shows %v, want %v", got, shown)
	}
	if chips := chipTexts(u.filters); !containsText(chips, "tag: Bajaur wave") {
		t.Errorf("chips %v", chips)
	}
	// The tag from the table selection: one more event, then untag it.
	row := selectSource(t, u, "PAK5004")
	u.filters.removePart(chipTags)
	settle(u)
	u.st.selectRow(row)
	u.showTags()
	d = u.tagsDlg
	d.name.SetText("Bajaur wave")
	if d.target.Selected != d.targets[tagSelection] {
		t.Errorf("with a selection the dialog should tag it, not %q", d.target.Selected)
	}
	test.Tap(d.add)
	u = as.ui()
	if n := len(u.st.ix.TagRows("Bajaur wave")); n != 5 {
		t.Errorf("%d tagged after tagging the selection, want 5", n)
	}
	test.Tap(d.remove)
	u = as.ui()
	if n := len(u.st.ix.TagRows("Bajaur wave")); n != 4 {
		t.Errorf("%d tagged after untagging it, want 4", n)
	}
	// Bad tag names are explained.
	d.name.SetText("a,b")
	test.Tap(d.add)
	if !strings.Contains(d.msg.Text, "comma") {
		t.Errorf("message for a bad tag %q", d.msg.Text)
	}
}

func TestDuplicatesDialogMergesFieldByField(t *testing.T) {
	as, u := newCurateUI(t)
	n := u.st.ix.Len()
	u.showDuplicates()
	u = as.ui()
	d := u.dupDlg
	if len(d.pairs) == 0 || d.a == nil {
		t.Fatalf("no pairs shown (%s)", d.status.Text)
	}
	// Find the Khar rally pair: PAK5001 and its second report PAK5002.
	idx := -1
	for i, p := range d.pairs {
		a, _ := as.store.EventByID(p.IDA)
		b, _ := as.store.EventByID(p.IDB)
		if a.SourceID == "PAK5001" && b.SourceID == "PAK5002" {
			idx = i
		}
	}
	if idx < 0 {
		t.Fatal("the Khar pair is not listed")
	}
	d.list.Select(idx)
	title, sub := d.pairText(d.pairs[idx])
	if !strings.Contains(title, "Khar") || !strings.Contains(sub, "1 day apart") || !strings.Contains(sub, "ISKP") {
		t.Errorf("pair shown as %q / %q", title, sub)
	}
	// Keep A; take B's notes.
	d.keep.SetSelected("A")
	d.choices["notes"].SetSelected("B")
	test.Tap(d.merge)
	u = as.ui()
	if u.st.ix.Len() != n-1 {
		t.Fatalf("%d events after the merge, want %d", u.st.ix.Len(), n-1)
	}
	kept := eventBySource(t, as, "PAK5001")
	if !strings.HasPrefix(kept.Notes, "Second report") {
		t.Errorf("merged notes %q, want B's", kept.Notes)
	}
	if _, err := as.store.EventBySource("ACLED", "PAK5002"); err == nil {
		t.Error("the dropped event is still stored")
	}
	if d.lastDone == "" || u.dupDlg != d {
		t.Error("the dialog did not carry on with the new window")
	}
	// The dialog searched again on the new index: the pair is gone.
	if len(d.pairs) != 0 {
		t.Errorf("pairs after the merge: %+v", d.pairs)
	}
	// Undo brings the dropped event back, and the pair.
	u = undoMenu(t, as)
	if u.st.ix.Len() != n {
		t.Errorf("after undo %d events, want %d", u.st.ix.Len(), n)
	}
	// Wider distances find more; one is marked distinct for good.
	d.km.SetText("10")
	test.Tap(d.find)
	as.ui()
	before := len(d.pairs)
	if before < 2 {
		t.Fatalf("%d pairs within 10 km", before)
	}
	a, b := d.pairs[d.cur].IDA, d.pairs[d.cur].IDB
	test.Tap(d.distinct)
	as.ui()
	if len(d.pairs) != before-1 {
		t.Errorf("%d pairs after marking one distinct, had %d", len(d.pairs), before)
	}
	if pairs, _ := as.store.DistinctPairs(); len(pairs) != 1 || !pairs[[2]uint64{min(a, b), max(a, b)}] {
		t.Errorf("distinct pairs %v", pairs)
	}
	// Bad distances are explained.
	d.km.SetText("0")
	test.Tap(d.find)
	if !strings.Contains(d.status.Text, "Km") {
		t.Errorf("status %q", d.status.Text)
	}
}

func TestPlaceSearchFindsGazetteerAndEventPlaces(t *testing.T) {
	_, u := newCurateUI(t)
	p := u.places
	test.Type(p.entry, "پشاور")
	settle(u)
	if len(p.hits) == 0 || p.hits[0].title != "Peshawar" || p.hits[0].kind != hitPlace {
		t.Fatalf("Urdu Peshawar: hits %+v", p.hits)
	}
	if !p.panel.Visible() {
		t.Error("the hits list is hidden")
	}
	p.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if p.flown != "Peshawar" {
		t.Errorf("Enter flew to %q", p.flown)
	}
	c := u.mapP.m.View().Bound().Center()
	if d, _ := data.GeoInverse(c, orb.Point{71.57, 34.01}); d > 5000 {
		t.Errorf("map centred %v, %.0f m from Peshawar", c, d)
	}
	if p.panel.Visible() {
		t.Error("the list stayed open after flying")
	}

	// Bajaur is no gazetteer place, but the events' district.
	p.entry.SetText("")
	test.Type(p.entry, "Bajaur")
	settle(u) // the districts are read on a worker
	if len(p.hits) == 0 || p.hits[0].kind != hitDistrict || p.hits[0].title != "Bajaur" || p.hits[0].count != 4 {
		t.Fatalf("Bajaur: hits %+v", p.hits)
	}
	if !strings.Contains(p.hits[0].detail, "district, Khyber Pakhtunkhwa") {
		t.Errorf("detail %q", p.hits[0].detail)
	}
	p.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	b := u.mapP.m.View().Bound()
	for _, q := range []orb.Point{{71.5239, 34.7306}, {71.52, 34.80}} { // Khar, Inayat Kalay
		if !b.Contains(q) {
			t.Errorf("the view %v does not show %v", b, q)
		}
	}
	// An event location by name; ↓ moves through the hits.
	p.entry.SetText("")
	test.Type(p.entry, "inayat")
	if len(p.hits) == 0 || p.hits[0].title != "Inayat Kalay" || p.hits[0].kind != hitLocation {
		t.Fatalf("inayat: hits %+v", p.hits)
	}
	p.entry.SetText("")
	test.Type(p.entry, "Mir")
	if len(p.hits) < 2 {
		t.Fatalf("Mir: hits %+v", p.hits)
	}
	p.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if p.current != 1 || p.flown != p.hits[1].title {
		t.Errorf("↓ highlighted %d and flew to %q", p.current, p.flown)
	}
	p.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if p.panel.Visible() {
		t.Error("Escape left the list open")
	}
}

func TestReimportConflictTakeIncomingAndKeepLocal(t *testing.T) {
	as, u := newCurateUI(t)
	// Edit PAK5003 here, delete PAK5006.
	selectSource(t, u, "PAK5003")
	u.editSelectedEvent()
	u.eventForm.fatalities.SetText("9")
	test.Tap(u.eventForm.save)
	u = as.ui()
	selectSource(t, u, "PAK5006")
	u.deleteSelectedEvents()
	u = as.ui()
	// The source changes both rows.
	src, err := os.ReadFile(filepath.Join("..", "data", "testdata", "curate_acled.csv"))
	if err != nil {
		t.Fatal(err)
	}
	mod := strings.NewReplacer("Clash near Mir Ali.,4,", "Clash near Mir Ali; revised.,6,",
		"Grenade attack north of Khar.", "Grenade attack north of Khar (revised).").Replace(string(src))
	path := filepath.Join(t.TempDir(), "curate_acled.csv")
	if err := os.WriteFile(path, []byte(mod), 0o644); err != nil {
		t.Fatal(err)
	}
	importer := u
	importer.importFiles([]string{path})
	u = as.ui()
	if !strings.Contains(importer.lastReport, "2 rows were kept as edited or deleted locally") {
		t.Errorf("report %q", importer.lastReport)
	}
	if importer.reportReview == nil || importer.reportReview.Text != "Review 2 Conflicts…" {
		t.Errorf("the report offers no review: %+v", importer.reportReview)
	}
	if e := eventBySource(t, as, "PAK5003"); e.Fatalities != 9 {
		t.Fatalf("the import replaced the local edit: %d", e.Fatalities)
	}
	u.showConflicts()
	d := u.conflDlg
	if len(d.conflicts) != 2 {
		t.Fatalf("%d conflicts listed", len(d.conflicts))
	}
	// Take the incoming PAK5003.
	for i, c := range d.conflicts {
		if c.Local != nil && c.Local.SourceID == "PAK5003" {
			d.list.Select(i)
		}
	}
	test.Tap(d.take)
	as.ui()
	if e := eventBySource(t, as, "PAK5003"); e.Fatalities != 6 || !strings.Contains(e.Notes, "revised") {
		t.Errorf("after taking the incoming row %d %q", e.Fatalities, e.Notes)
	}
	if len(d.conflicts) != 1 || d.lastDone != "Take incoming row" {
		t.Errorf("%d conflicts left, did %q", len(d.conflicts), d.lastDone)
	}
	// Keep the local deletion.
	d.list.Select(0)
	test.Tap(d.keep)
	if len(d.conflicts) != 0 {
		t.Errorf("%d conflicts after keeping the local version", len(d.conflicts))
	}
	if _, err := as.store.EventBySource("ACLED", "PAK5006"); err == nil {
		t.Error("keeping the local deletion brought the event back")
	}
	// Undo brings the local edit back.
	undoMenu(t, as)
	if e := eventBySource(t, as, "PAK5003"); e.Fatalities != 9 {
		t.Errorf("undo take incoming: fatalities %d, want the local 9", e.Fatalities)
	}
}

func TestImportReportOffersConflicts(t *testing.T) {
	as, u := newCurateUI(t)
	selectSource(t, u, "PAK5003")
	u.editSelectedEvent()
	u.eventForm.fatalities.SetText("9")
	test.Tap(u.eventForm.save)
	u = as.ui()
	store := as.store
	src, _ := os.ReadFile(filepath.Join("..", "data", "testdata", "curate_acled.csv"))
	path := filepath.Join(t.TempDir(), "c.csv")
	os.WriteFile(path, []byte(strings.Replace(string(src), "Clash near Mir Ali.,4,", "Clash near Mir Ali.,5,", 1)), 0o644)
	if _, err := store.ImportFile(context.Background(), path, nil); err != nil {
		t.Fatal(err)
	}
	u.showImportReport([]string{"c.csv: 0 added"})
	if u.reportReview == nil || u.reportReview.Text != "Review 1 Conflicts…" {
		t.Fatalf("report button %+v", u.reportReview)
	}
	test.Tap(u.reportReview)
	if u.conflDlg == nil || len(u.conflDlg.conflicts) != 1 {
		t.Error("the report's button did not open the conflicts")
	}
}

func TestTableMultiSelectionTagsAndDeletes(t *testing.T) {
	as, u := newCurateUI(t)
	mods := fyne.KeyModifier(0)
	keyModifiers = func() fyne.KeyModifier { return mods }
	t.Cleanup(func() { keyModifiers = func() fyne.KeyModifier { return 0 } })
	tap := func(pos int) { u.table.table.Select(cellAt(pos)) }
	tap(0)
	mods = fyne.KeyModifierShortcutDefault
	tap(2)
	mods = fyne.KeyModifierShift
	tap(4) // range from the last Ctrl+click: rows 2..4
	got := u.table.selectedRows()
	want := []int32{u.st.snap.rows[2], u.st.snap.rows[3], u.st.snap.rows[4]}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("selection %v, want %v", got, want)
	}
	mods = fyne.KeyModifierShortcutDefault
	tap(0)
	if len(u.table.selectedRows()) != 4 {
		t.Fatalf("Ctrl+click added nothing: %v", u.table.selectedRows())
	}
	u.updateCurateMenu()
	if u.curMenu.del.Label != "Delete 4 Selected Events" {
		t.Errorf("menu %q", u.curMenu.del.Label)
	}
	u.showTags()
	if d := u.tagsDlg; d.target.Selected != d.targets[tagSelection] || !strings.Contains(d.targets[0], "(4)") {
		t.Errorf("tags target %q of %v", d.target.Selected, d.targets)
	}
	n := u.st.ix.Len()
	u.curMenu.del.Action()
	u = as.ui()
	if u.st.ix.Len() != n-4 {
		t.Errorf("%d events after deleting 4 of %d", u.st.ix.Len(), n)
	}
	mods = 0
	tap(0)
	if len(u.table.selectedRows()) != 1 {
		t.Error("a plain click should select one event")
	}
}

// cellAt is the first cell of table row pos.
func cellAt(pos int) widget.TableCellID { return widget.TableCellID{Row: pos} }

func TestMapContextMenuOffersAddEditTagDelete(t *testing.T) {
	as, u := newCurateUI(t)
	row := selectSource(t, u, "PAK5004")
	u.mapContextMenu(mapview.SecondaryTap{Point: orb.Point{71.57, 34.0}, Row: row})
	m := u.lastContextMenu
	var labels []string
	for _, it := range m.Items {
		labels = append(labels, it.Label)
	}
	if !slices.Equal(labels, []string{"Add Event Here…", "", "Edit Event Peshawar…", "Tag Event…", "Delete Event"}) {
		t.Fatalf("menu %q", labels)
	}
	m.Items[0].Action()
	f := u.eventForm
	if f.lat.Text != "34.00000" || f.lon.Text != "71.57000" || !strings.Contains(f.location.Text, "Peshawar") {
		t.Errorf("Add Event Here: %q %q %q", f.lat.Text, f.lon.Text, f.location.Text)
	}
	f.dlg.Hide()
	m.Items[3].Action()
	if d := u.tagsDlg; !strings.Contains(d.targets[0], "clicked (1)") {
		t.Errorf("tag target %v", d.targets)
	}
	m.Items[4].Action()
	as.ui()
	if _, err := as.store.EventBySource("ACLED", "PAK5004"); err == nil {
		t.Error("Delete Event left it")
	}
}
