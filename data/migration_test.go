package data

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The fixtures testdata/schemaN.db were written by the real Frontier of
// schema N (scripts/make-schema-fixtures.sh builds that commit's CLI and
// imports the same files with it); schemaN.events.csv.gz is that old
// Frontier's own CSV export of the store.
var oldSchemaFixtures = []int{1, 2, 3}

// Counts of what the fixture script imported with the old CLI.
const (
	fixtureSampleRows = 124 // data/sample/frontier_sample.csv
	fixtureGenRows    = 80  // cmd/gen -n 80 -seed 8
	fixtureUCDPRows   = 4   // data/testdata/ucdp_current.csv (5 rejected)
)

// copyFixture copies testdata/schemaN.db to a new temporary folder and
// returns the copy's path.
func copyFixture(t *testing.T, schema int) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", fmt.Sprintf("schema%d.db", schema)))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "analyst.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// rawStore reads a store file with bbolt directly (no Frontier code): its
// schema version and a digest of its events bucket, key and value bytes.
func rawStore(t *testing.T, path string) (schema int, events int, digest [32]byte) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatalf("bolt open %s: %v", path, err)
	}
	defer db.Close()
	h := sha256.New()
	err = db.View(func(tx *bolt.Tx) error {
		if m := tx.Bucket([]byte("meta")); m != nil {
			if v := m.Get([]byte("schema")); len(v) == 4 {
				schema = int(binary.BigEndian.Uint32(v))
			}
		}
		b := tx.Bucket([]byte("events"))
		if b == nil {
			return errors.New("no events bucket")
		}
		return b.ForEach(func(k, v []byte) error {
			events++
			fmt.Fprintf(h, "%d:%x=%d:%x;", len(k), k, len(v), v)
			return nil
		})
	})
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	copy(digest[:], h.Sum(nil))
	return schema, events, digest
}

// readCSV reads a CSV (gzipped when name ends in .gz) into its header and
// rows.
func readCSV(t *testing.T, r io.Reader, name string) ([]string, [][]string) {
	t.Helper()
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		defer zr.Close()
		r = zr
	}
	recs, err := csv.NewReader(r).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("%s: %d records, %v", name, len(recs), err)
	}
	return recs[0], recs[1:]
}

// projectRows keeps the columns cols of rows (under header) and sorts the
// result, one string per row.
func projectRows(header []string, rows [][]string, cols []string) []string {
	idx := make([]int, len(cols))
	for i, c := range cols {
		idx[i] = slices.Index(header, c)
	}
	out := make([]string, len(rows))
	for r, row := range rows {
		parts := make([]string, len(idx))
		for i, j := range idx {
			parts[i] = cols[i] + "=" + row[j]
		}
		out[r] = strings.Join(parts, "\x1f")
	}
	slices.Sort(out)
	return out
}

// eventBySourceID finds the stored event with source ID id, with its
// user tags (as the app loads an event to edit).
func eventBySourceID(t *testing.T, s *Store, id string) *Event {
	t.Helper()
	var found *Event
	err := s.Events(func(e *Event) error {
		if e.SourceID == id {
			found = e
		}
		return nil
	})
	if err != nil || found == nil {
		t.Fatalf("event %s: not found (%v)", id, err)
	}
	e, err := s.EventByID(found.ID)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestMigrateRealOldStores opens each store written by an old Frontier:
// it is upgraded to the current schema after a copy of the old file is
// kept, holds what the old Frontier imported and takes every newer
// feature; a second open neither upgrades nor copies again.
func TestMigrateRealOldStores(t *testing.T) {
	for _, schema := range oldSchemaFixtures {
		t.Run(fmt.Sprintf("schema%d", schema), func(t *testing.T) {
			path := copyFixture(t, schema)
			fixtureSchema, fixtureEvents, fixtureDigest := rawStore(t, path)
			if fixtureSchema != schema || fixtureEvents == 0 {
				t.Fatalf("fixture: schema %d with %d events, want schema %d with events", fixtureSchema, fixtureEvents, schema)
			}
			before, _ := os.ReadFile(path)

			// Read-only: refused, with both versions named, nothing written.
			if _, err := Open(path, Options{ReadOnly: true}); !errors.Is(err, ErrOlderSchema) ||
				!strings.Contains(err.Error(), fmt.Sprintf("schema version %d and this Frontier reads schema version %d", schema, SchemaVersion)) ||
				!strings.Contains(err.Error(), "read-only") {
				t.Errorf("read-only open of a schema %d store: %v", schema, err)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("a refused read-only open changed the file")
			}
			if m, _ := filepath.Glob(path + ".*"); len(m) != 0 {
				t.Errorf("a read-only open left %v", m)
			}

			s, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			if v, err := s.Schema(); v != SchemaVersion || err != nil {
				t.Errorf("schema after open: %d %v, want %d", v, err, SchemaVersion)
			}
			from, backup := s.Migration()
			wantBackup := fmt.Sprintf("%s.schema%d.backup", path, schema)
			if from != schema || backup != wantBackup {
				t.Errorf("Migration() = %d %q, want %d %q", from, backup, schema, wantBackup)
			}

			// The backup is the old file: its schema, its events, private.
			bSchema, bEvents, bDigest := rawStore(t, backup)
			if bSchema != schema || bEvents != fixtureEvents || bDigest != fixtureDigest {
				t.Errorf("backup: schema %d, %d events (digest equal: %v); want schema %d, %d events", bSchema, bEvents, bDigest == fixtureDigest, schema, fixtureEvents)
			}
			if fi, err := os.Stat(backup); err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("backup file: %v %v, want mode 0600", fi.Mode(), err)
			}

			if err := s.Check(); err != nil {
				t.Errorf("check after migrating: %v", err)
			}
			checkEventsAsOldFrontierWrote(t, s, schema)
			checkImportsAsOldFrontierWrote(t, s, schema)
			if schema == 3 {
				checkSchema3Curation(t, s)
			}
			useNewFeatures(t, s)
			if err := s.Check(); err != nil {
				t.Errorf("check after using the new features: %v", err)
			}

			// Reopening neither migrates nor backs up again.
			s = reopen(t, s)
			if from, backup := s.Migration(); from != 0 || backup != "" {
				t.Errorf("second open: Migration() = %d %q, want nothing", from, backup)
			}
			if m, _ := filepath.Glob(path + ".*"); len(m) != 1 || m[0] != wantBackup {
				t.Errorf("files beside the store after reopening: %v, want only %s", m, wantBackup)
			}
			if vs, err := s.Views(); err != nil || len(vs) != 1 || vs[0].Title != "After the upgrade" {
				t.Errorf("views after reopening: %+v %v", vs, err)
			}
			if e := eventBySourceID(t, s, "PAK-S0104"); e.Fatalities != 7 {
				t.Errorf("edited event after reopening: %d fatalities, want 7", e.Fatalities)
			}
		})
	}
}

// checkEventsAsOldFrontierWrote compares the migrated store with the old
// Frontier's own CSV export of the fixture: the same rows, column for
// column, plus spot checks of fields.
func checkEventsAsOldFrontierWrote(t *testing.T, s *Store, schema int) {
	t.Helper()
	name := filepath.Join("testdata", fmt.Sprintf("schema%d.events.csv.gz", schema))
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	oldHeader, oldRows := readCSV(t, f, name)

	ix, err := LoadIndex(s)
	if err != nil {
		t.Fatalf("LoadIndex after migrating: %v", err)
	}
	res, err := ix.Filter(&Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != len(oldRows) {
		t.Fatalf("%d events after migrating, the old Frontier exported %d", len(res.Rows), len(oldRows))
	}
	var buf bytes.Buffer
	if err := ix.WriteCSV(&buf, res.Rows); err != nil {
		t.Fatal(err)
	}
	newHeader, newRows := readCSV(t, &buf, "export")
	var common []string
	for _, c := range oldHeader {
		if slices.Contains(newHeader, c) {
			common = append(common, c)
		}
	}
	for _, must := range []string{"event_id_cnty", "event_date", "actor1", "actor2", "location", "latitude", "longitude", "fatalities", "notes", "event_type", "frontier_dataset"} {
		if !slices.Contains(common, must) {
			t.Fatalf("column %s is not in both exports (old %v, new %v)", must, oldHeader, newHeader)
		}
	}
	want, got := projectRows(oldHeader, oldRows, common), projectRows(newHeader, newRows, common)
	for i := range want {
		if want[i] != got[i] {
			t.Fatalf("export row %d differs after migrating:\nold %s\nnew %s", i, want[i], got[i])
		}
	}

	e := eventBySourceID(t, s, "PAK-S0105")
	wantNotes := "[Illustrative sample, not reporting] On 29 October 2026, an IED planted by TTP exploded near a police checkpoint in Tank, killing 1 policeman."
	if schema == 3 {
		wantNotes = "edited at schema 3" // the old CLI edited it
	}
	if e.Date.Format(DateLayout) != "2026-10-29" || e.Actor1 != "TTP: Tehrik-i-Taliban Pakistan" || e.Actor2 != "Police Forces of Pakistan (2022-)" ||
		e.Location != "Tank" || e.Lat != 32.21707 || e.Lon != 70.38315 || e.Fatalities != 1 || e.Notes != wantNotes || e.Country != "Pakistan" {
		t.Errorf("PAK-S0105 after migrating: %+v", e)
	}
	var fatalities int64
	actors, types := map[string]bool{}, map[string]bool{}
	first, last := time.Unix(1<<40, 0), time.Time{}
	if err := s.Events(func(e *Event) error {
		fatalities += int64(e.Fatalities)
		actors[e.Actor1] = true
		types[e.EventType] = true
		if e.Date.Before(first) {
			first = e.Date
		}
		if e.Date.After(last) {
			last = e.Date
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if fatalities == 0 || len(actors) < 5 || len(types) < 4 || last.Sub(first) < 365*24*time.Hour {
		t.Errorf("fixture not varied: %d fatalities, %d actors, %d types, %s to %s", fatalities, len(actors), len(types), first, last)
	}
}

// checkImportsAsOldFrontierWrote checks the import history the old
// Frontier recorded, and that every imported event is traced to its file
// (schema 3 works this out from the import records while migrating).
func checkImportsAsOldFrontierWrote(t *testing.T, s *Store, schema int) {
	t.Helper()
	reps, err := s.Imports()
	if err != nil {
		t.Fatal(err)
	}
	added := map[string]int{}
	for _, r := range reps {
		added[filepath.Base(r.File)] += r.Added
		if filepath.Base(r.File) == "ucdp_current.csv" && r.Rejected != 5 {
			t.Errorf("UCDP import record: %d rejected, want 5", r.Rejected)
		}
	}
	wantAdded := map[string]int{"frontier_sample.csv": fixtureSampleRows, fmt.Sprintf("gen%d.csv", schema): fixtureGenRows, "ucdp_current.csv": fixtureUCDPRows}
	for f, n := range wantAdded {
		if added[f] != n {
			t.Errorf("import records: %s added %d, want %d (all: %v)", f, added[f], n, added)
		}
	}
	fromFile, local := map[string]int{}, 0
	var ids []uint64
	if err := s.Events(func(e *Event) error { ids = append(ids, e.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		p, err := s.Provenance(id)
		if err != nil {
			t.Fatal(err)
		}
		if p.Origin == OriginLocal {
			local++
			continue
		}
		fromFile[filepath.Base(p.ImportFile)]++
	}
	for f, n := range wantAdded {
		if fromFile[f] != n {
			t.Errorf("provenance: %d events from %s, want %d (all: %v)", fromFile[f], f, n, fromFile)
		}
	}
	if wantLocal := map[bool]int{true: 1, false: 0}[schema == 3]; local != wantLocal {
		t.Errorf("%d events entered by hand, want %d", local, wantLocal)
	}
}

// checkSchema3Curation checks what the old CLI curated in the schema 3
// fixture: an actor rename, a tag, a hand-entered event, an edit with its
// history and an annotation layer.
func checkSchema3Curation(t *testing.T, s *Store) {
	t.Helper()
	if al, err := s.Aliases(); err != nil || al["Protesters (Pakistan)"] != "Pakistani protesters" {
		t.Errorf("aliases: %v %v", al, err)
	}
	tags, err := s.Tags()
	if err != nil || len(tags) != 1 || tags[0].Tag != "fixture wave" || tags[0].Events != 27 {
		t.Errorf("tags: %+v %v", tags, err)
	}
	e := eventBySourceID(t, s, "PAK-S0105")
	if p, err := s.Provenance(e.ID); err != nil || !p.EditedLocally || len(p.History) != 1 || p.History[0].Action != "Edit event" {
		t.Errorf("edited event's provenance: %+v %v", p, err)
	}
	found := false
	if err := s.Events(func(e *Event) error {
		found = found || (e.Location == "Fixture Hill" && e.Actor1 == "Hand-entered militia" && e.Fatalities == 3)
		return nil
	}); err != nil || !found {
		t.Errorf("hand-entered event: found %v, %v", found, err)
	}
	layers, err := s.Layers()
	if err != nil || len(layers) != 1 || layers[0].Name != "Fixture drawings" {
		t.Fatalf("layers: %+v %v", layers, err)
	}
	if all, err := s.Annotations(); err != nil || len(all) != 2 {
		t.Errorf("annotations: %d %v, want 2", len(all), err)
	}
}

// useNewFeatures uses, on a migrated store, what each later schema
// brought: an annotation layer, an event edit through the curation API
// (with its history and undo), and a saved view.
func useNewFeatures(t *testing.T, s *Store) {
	t.Helper()
	layersBefore, _ := s.Layers()
	l := Layer{Name: "After the upgrade"}
	if err := s.PutLayer(&l); err != nil {
		t.Fatalf("PutLayer on a migrated store: %v", err)
	}
	a := okAnnotation(KindMarker)
	a.Layer = l.ID
	if _, err := s.ApplyAnnotations([]Annotation{a}, nil); err != nil {
		t.Fatalf("ApplyAnnotations on a migrated store: %v", err)
	}
	if ls, err := s.Layers(); err != nil || len(ls) != len(layersBefore)+1 {
		t.Errorf("layers: %d %v, want %d", len(ls), err, len(layersBefore)+1)
	}

	h := NewEventHistory(s)
	e := eventBySourceID(t, s, "PAK-S0104")
	was := e.Fatalities
	e.Fatalities = 99
	c, err := s.EditEventChange(e)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.Do(c); err != nil {
		t.Fatalf("edit on a migrated store: %v", err)
	}
	p, err := s.Provenance(e.ID)
	if err != nil || !p.EditedLocally || len(p.History) == 0 || p.History[len(p.History)-1].Action != "Edit event" {
		t.Errorf("provenance after the edit: %+v %v", p, err)
	} else if ch := p.History[len(p.History)-1].Changes; len(ch) != 1 || ch[0].Field != "fatalities" || ch[0].New != "99" {
		t.Errorf("history of the edit: %+v", ch)
	}
	if _, err := h.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := eventBySourceID(t, s, "PAK-S0104").Fatalities; got != was {
		t.Errorf("after undo: %d fatalities, want %d", got, was)
	}
	e.Fatalities = 7
	if c, err = s.EditEventChange(e); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Do(c); err != nil {
		t.Fatal(err)
	}

	v := View{Title: "After the upgrade", CenterLon: 71.5, CenterLat: 34, Zoom: 7, Layers: []uint64{l.ID}, Selected: e.ID}
	if err := s.PutView(&v); err != nil {
		t.Fatalf("PutView on a migrated store: %v", err)
	}
}
