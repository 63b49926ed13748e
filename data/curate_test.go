package data

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// handEvent is a valid event as the form would give it.
func handEvent() *Event {
	return &Event{Date: day("2025-05-07"), DateEnd: day("2025-05-07"), DatePrecision: PrecDay,
		Lat: 34.78, Lon: 71.35, GeoPrecision: 1, Location: "Bajaur camp 1", EventType: "Explosions/Remote violence",
		SubEventType: "Air/drone strike", Actor1: "Military Forces of Pakistan (2022-)", Actor2: "TTP: Tehrik-i-Taliban Pakistan",
		Fatalities: 4, Notes: "Strike on a camp across the border.", Source: "https://example.org/report", UserTags: []string{"cross-border strikes"}}
}

func mustEvent(t *testing.T, s *Store, id uint64) *Event {
	t.Helper()
	e, err := s.EventByID(id)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestAddEditMoveDeleteUndo(t *testing.T) {
	s := openTemp(t)
	h := NewEventHistory(s)
	c, err := h.Do(AddEventChange(handEvent()))
	if err != nil {
		t.Fatal(err)
	}
	id := c.After[0].ID
	added := mustEvent(t, s, id)
	if added.Dataset != LocalDataset || !strings.HasPrefix(added.SourceID, "L") || !slices.Equal(added.UserTags, []string{"cross-border strikes"}) {
		t.Fatalf("added %+v", added)
	}
	edit := cloneEvent(added)
	edit.Fatalities, edit.Notes = 7, "Revised toll."
	ce, err := s.EditEventChange(edit)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.Do(ce); err != nil {
		t.Fatal(err)
	}
	cm, err := s.MoveEventChange(id, 34.9, 71.1)
	if err != nil || cm.Label != "Move event" {
		t.Fatalf("move %v %q", err, cm.Label)
	}
	if _, err := h.Do(cm); err != nil {
		t.Fatal(err)
	}
	// A date change moves the record to another key.
	redate := mustEvent(t, s, id)
	redate.Date, redate.DateEnd = day("2025-05-09"), day("2025-05-09")
	cd, _ := s.EditEventChange(redate)
	if _, err := h.Do(cd); err != nil {
		t.Fatal(err)
	}
	if got := mustEvent(t, s, id); got.Lat != 34.9 || got.Fatalities != 7 || !got.Date.Equal(day("2025-05-09")) {
		t.Fatalf("after edits %+v", got)
	}
	del, _ := s.DeleteEventsChange(id)
	if _, err := h.Do(del); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EventByID(id); !errors.Is(err, ErrNoEvent) {
		t.Fatalf("deleted event: %v", err)
	}
	if n, _ := s.Count(); n != 0 {
		t.Fatalf("count %d after delete", n)
	}
	steps := []struct {
		undo  bool
		check func(e *Event, err error) bool
	}{
		{true, func(e *Event, err error) bool { return err == nil && e.Date.Equal(day("2025-05-09")) }},
		{true, func(e *Event, err error) bool { return err == nil && e.Date.Equal(day("2025-05-07")) && e.Lat == 34.9 }},
		{true, func(e *Event, err error) bool { return err == nil && e.Lat == 34.78 && e.Fatalities == 7 }},
		{true, func(e *Event, err error) bool { return err == nil && e.Fatalities == 4 && e.Notes == handEvent().Notes }},
		{true, func(e *Event, err error) bool { return errors.Is(err, ErrNoEvent) }},
		{false, func(e *Event, err error) bool { return err == nil && e.Fatalities == 4 && len(e.UserTags) == 1 }},
		{false, func(e *Event, err error) bool { return err == nil && e.Fatalities == 7 }},
	}
	for i, st := range steps {
		var err error
		if st.undo {
			_, err = h.Undo()
		} else {
			_, err = h.Redo()
		}
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		e, err := s.EventByID(id)
		if !st.check(e, err) {
			t.Fatalf("step %d: event %+v err %v", i, e, err)
		}
		if n, _ := s.Count(); (n == 1) != (err == nil) {
			t.Fatalf("step %d: count %d", i, n)
		}
	}
	if h.UndoLabel() != "Edit event" || h.RedoLabel() != "Move event" {
		t.Errorf("labels %q %q", h.UndoLabel(), h.RedoLabel())
	}
	// Everything is on disk: reopen and read back the event and history.
	s = reopen(t, s)
	e := mustEvent(t, s, id)
	if e.Fatalities != 7 || e.Lat != 34.78 || e.Notes != "Revised toll." {
		t.Fatalf("after reopen %+v", e)
	}
	p, err := s.Provenance(id)
	if err != nil {
		t.Fatal(err)
	}
	if p.Origin != OriginLocal || !p.EditedLocally || p.Deleted || len(p.History) != 12 {
		t.Fatalf("provenance %+v", p)
	}
	last := p.History[len(p.History)-1]
	if last.Action != "Redo Edit event" || len(last.Changes) != 2 || last.Changes[0].Field != "fatalities" || last.Changes[0].New != "7" {
		t.Errorf("last history entry %+v", last)
	}
	ix, err := LoadIndex(s)
	if err != nil || ix.Len() != 1 || ix.ID[0] != id {
		t.Fatalf("index %v len %d", err, ix.Len())
	}
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}

func TestApplyValidatesByField(t *testing.T) {
	s := openTemp(t)
	bad := handEvent()
	bad.Lat, bad.Fatalities = 95, -1
	_, err := s.AddEvent(bad)
	var fe FormError
	if !errors.As(err, &fe) || fe.Reason(FieldLat) == "" || fe.Reason(FieldFatalities) == "" {
		t.Fatalf("err %v, want lat and fatalities named", err)
	}
	if n, _ := s.Count(); n != 0 {
		t.Errorf("count %d after a rejected add", n)
	}
	// Dataset and source ID cannot be changed by an edit.
	e, err := s.AddEvent(handEvent())
	if err != nil {
		t.Fatal(err)
	}
	e.SourceID = "other"
	if _, err := s.UpdateEvent(e); err == nil || !strings.Contains(err.Error(), "cannot change") {
		t.Errorf("source ID change: %v", err)
	}
}

// writeModified copies a fixture with text replaced.
func writeModified(t *testing.T, src string, repl ...string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	out := strings.NewReplacer(repl...).Replace(string(b))
	if out == string(b) {
		t.Fatalf("replacement changed nothing in %s", src)
	}
	p := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.WriteFile(p, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReimportKeepsLocalEdits(t *testing.T) {
	s := openTemp(t)
	first := importFile(t, s, "testdata/curate_acled.csv")
	a, err := s.EventBySource("ACLED", "PAK5003")
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Provenance(a.ID); p.Origin != OriginImport || p.ImportID != first.ID || p.EditedLocally || !strings.HasSuffix(p.ImportFile, "curate_acled.csv") {
		t.Fatalf("provenance before edit %+v", p)
	}
	a.Fatalities, a.Notes = 9, "Local correction from the ISPR statement."
	if _, err := s.UpdateEvent(a); err != nil {
		t.Fatal(err)
	}
	gone, _ := s.EventBySource("ACLED", "PAK5006")
	if err := s.DeleteEvent(gone.ID); err != nil {
		t.Fatal(err)
	}
	// The same file again: the source has not changed, so no conflict and
	// the deleted row stays deleted.
	rep := importFile(t, s, "testdata/curate_acled.csv")
	if rep.Unchanged != 7 || rep.Updated+rep.Added != 0 || len(rep.Warnings) != 0 {
		t.Fatalf("same file: %+v", rep)
	}
	if c, _ := s.Conflicts(); len(c) != 0 {
		t.Fatalf("conflicts %+v", c)
	}
	// The source changes the edited row, the deleted row and another one.
	mod := writeModified(t, "testdata/curate_acled.csv",
		"Clash near Mir Ali.,4,", "Clash near Mir Ali; revised.,6,",
		"Grenade attack north of Khar.", "Grenade attack north of Khar (revised).",
		"Clash near Wana.", "Clash near Wana (revised).")
	s = reopen(t, s)
	rep = importFile(t, s, mod)
	if rep.Updated != 1 || rep.Unchanged != 6 || len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "2 rows") {
		t.Fatalf("changed file: %+v", rep)
	}
	got, _ := s.EventBySource("ACLED", "PAK5003")
	if got.Fatalities != 9 || !strings.HasPrefix(got.Notes, "Local correction") {
		t.Fatalf("local edit lost: %+v", got)
	}
	if w, _ := s.EventBySource("ACLED", "PAK5007"); w.Notes != "Clash near Wana (revised)." {
		t.Errorf("unedited row not updated: %q", w.Notes)
	}
	if _, err := s.EventBySource("ACLED", "PAK5006"); !errors.Is(err, ErrNoEvent) {
		t.Errorf("deleted row came back: %v", err)
	}
	cs, err := s.Conflicts()
	if err != nil || len(cs) != 2 {
		t.Fatalf("conflicts %v %+v", err, cs)
	}
	if n, _ := s.ImportConflicts(rep.ID); n != 2 {
		t.Errorf("ImportConflicts %d", n)
	}
	byReason := map[string]Conflict{}
	for _, c := range cs {
		byReason[c.Reason] = c
	}
	ed := byReason["edited locally"]
	if ed.EventID != a.ID || ed.Local == nil || ed.Local.Fatalities != 9 || ed.Incoming.Fatalities != 6 || ed.ImportID != rep.ID || ed.File != mod {
		t.Fatalf("edited conflict %+v", ed)
	}
	if del := byReason["deleted locally"]; del.Local != nil || del.Incoming.SourceID != "PAK5006" {
		t.Fatalf("deleted conflict %+v", del)
	}
	// Take the incoming row for the edited event, with undo.
	h := NewEventHistory(s)
	tc, err := s.TakeIncoming(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	h.Record(tc)
	got = mustEvent(t, s, a.ID)
	p, _ := s.Provenance(a.ID)
	if got.Fatalities != 6 || got.Notes != "Clash near Mir Ali; revised." || p.EditedLocally {
		t.Fatalf("after TakeIncoming %+v %+v", got, p)
	}
	if cs, _ := s.Conflicts(); len(cs) != 1 {
		t.Errorf("conflicts left %d", len(cs))
	}
	// Importing the changed file again is now quiet for that row.
	rep = importFile(t, s, mod)
	if rep.Updated != 0 || rep.Unchanged != 7 {
		t.Errorf("after taking incoming: %+v", rep)
	}
	if _, err := h.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := mustEvent(t, s, a.ID); got.Fatalities != 9 {
		t.Errorf("undo TakeIncoming: %+v", got)
	}
	if p, _ := s.Provenance(a.ID); !p.EditedLocally {
		t.Error("undo of TakeIncoming should leave the event edited locally")
	}
	// The undo brings the conflict back, with the incoming row to take.
	if cs, _ := s.Conflicts(); len(cs) != 2 {
		t.Fatalf("after undoing TakeIncoming %d conflicts, want 2", len(cs))
	}
	if _, err := h.Redo(); err != nil {
		t.Fatal(err)
	}
	if got := mustEvent(t, s, a.ID); got.Fatalities != 6 {
		t.Errorf("redo TakeIncoming: %+v", got)
	}
	if cs, _ := s.Conflicts(); len(cs) != 1 {
		t.Errorf("after redoing TakeIncoming %d conflicts, want 1", len(cs))
	}
	if _, err := h.Undo(); err != nil {
		t.Fatal(err)
	}
	// Taking the incoming row of the deleted event restores it.
	if _, err := s.TakeIncoming(gone.ID); err != nil {
		t.Fatal(err)
	}
	if e := mustEvent(t, s, gone.ID); e.Notes != "Grenade attack north of Khar (revised)." {
		t.Errorf("restored %+v", e)
	}
	if err := s.DismissConflict(gone.ID); err == nil {
		t.Error("dismissing a resolved conflict should fail")
	}
}

func TestUndoEditClearsEditedFlag(t *testing.T) {
	s := openTemp(t)
	importFile(t, s, "testdata/curate_acled.csv")
	e, _ := s.EventBySource("ACLED", "PAK5001")
	h := NewEventHistory(s)
	e.Fatalities = 70
	c, _ := s.EditEventChange(e)
	if _, err := h.Do(c); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Provenance(e.ID); !p.EditedLocally {
		t.Fatal("not flagged after edit")
	}
	if _, err := h.Undo(); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Provenance(e.ID); p.EditedLocally || len(p.History) != 2 {
		t.Fatalf("after undo %+v", p)
	}
	// So a changed source row updates it like any other.
	mod := writeModified(t, "testdata/curate_acled.csv", "JUI-F rally in Khar.\",63", "JUI-F rally in Khar.\",64", "rally in Khar.,63,", "rally in Khar.,64,")
	rep := importFile(t, s, mod)
	if rep.Updated != 1 {
		t.Fatalf("%+v", rep)
	}
	if got := mustEvent(t, s, e.ID); got.Fatalities != 64 {
		t.Errorf("fatalities %d", got.Fatalities)
	}
	if p, _ := s.Provenance(e.ID); !strings.HasPrefix(p.History[len(p.History)-1].Action, "Updated by import") {
		t.Errorf("history %+v", p.History)
	}
}

func TestMigrationRecordsImportRanges(t *testing.T) {
	// A store written by schema 2: imports without ID ranges.
	s := openTemp(t)
	r1 := importFile(t, s, "testdata/acled_current.csv")
	r2 := importFile(t, s, "testdata/acled_2019.csv")
	s.db.Update(func(tx *bolt.Tx) error {
		tx.DeleteBucket(bucketImportIDs)
		tx.Bucket(bucketMeta).Put(keySchema, []byte{0, 0, 0, 2})
		return nil
	})
	s = reopen(t, s)
	if v, _ := s.Schema(); v != SchemaVersion {
		t.Fatalf("schema %d", v)
	}
	e1, _ := s.EventBySource("ACLED", "PAK1002")
	e2, _ := s.EventBySource("ACLED", "AFG77001")
	p1, _ := s.Provenance(e1.ID)
	p2, _ := s.Provenance(e2.ID)
	if p1.ImportID != r1.ID || p2.ImportID != r2.ID {
		t.Errorf("origins %d %d, want %d %d", p1.ImportID, p2.ImportID, r1.ID, r2.ID)
	}
}
