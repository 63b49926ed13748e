package data

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// EventChange is one undoable curation step: the state of what it touches
// before and after. Events are matched by ID: an event only in After is
// created (ID 0: a new event entered by hand, given its ID by Apply) or
// restored, one only in Before is deleted. The other lists carry their
// own before and after states. Store.Apply moves the store from Before to
// After in one transaction and Store.Revert back; EventHistory keeps
// changes for undo and redo.
type EventChange struct {
	// Label names the step for the Edit menu and the events' histories.
	Label         string
	Before, After []Event
	// Tags, Actors, Groups and Distinct are edits of the user's tags, of
	// actor records and aliases, of actor groups and of pairs marked as
	// not duplicates.
	Tags     []TagEdit
	Actors   []ActorEdit
	Groups   []GroupEdit
	Distinct []DistinctEdit
	// Conflicts are the import conflicts the change settles (taking the
	// incoming row), so that undoing it brings the conflict back.
	Conflicts []ConflictEdit
}

// ConflictEdit is the stored record of one event's import conflict before
// and after a change (nil: none).
type ConflictEdit struct {
	ID            uint64
	Before, After []byte
}

// IsEmpty reports whether the change touches nothing.
func (c *EventChange) IsEmpty() bool {
	return len(c.Before) == 0 && len(c.After) == 0 && len(c.Tags) == 0 && len(c.Actors) == 0 &&
		len(c.Groups) == 0 && len(c.Distinct) == 0 && len(c.Conflicts) == 0
}

// TagEdit is the user's tags of one event before and after a change.
type TagEdit struct {
	ID            uint64
	Before, After []string
}

// ActorRecord is what the store knows of one actor name: whether it is a
// known actor (with a type and colour) and the canonical actor it is an
// alias of ("" when it is canonical itself).
type ActorRecord struct {
	Known   bool
	Type    string
	Color   RGB
	AliasOf string
}

// ActorEdit is one actor name's record before and after a change.
type ActorEdit struct {
	Name          string
	Before, After ActorRecord
}

// GroupEdit is one actor group's members before and after a change (nil:
// no such group).
type GroupEdit struct {
	Name          string
	Before, After []string
}

// DistinctEdit says whether events A and B are marked as not duplicates
// before and after a change.
type DistinctEdit struct {
	A, B          uint64
	Before, After bool
}

// Apply moves the store from c.Before to c.After in one transaction, on
// disk when it returns, and returns c with the new events' IDs (and
// source IDs) filled in, so that a Revert and a second Apply address the
// same events. Each event written or deleted gets a history entry named
// c.Label. Nothing is written when any event is invalid; the error is a
// FormError naming the fields.
func (s *Store) Apply(c EventChange) (EventChange, error) {
	after, err := s.applyChange(&c, false, c.Label)
	if err != nil {
		return c, err
	}
	c.After = after
	return c, nil
}

// Revert moves the store from c.After back to c.Before (an undo); the
// events' history entries are named "Undo " + c.Label.
func (s *Store) Revert(c EventChange) error {
	_, err := s.applyChange(&c, true, "Undo "+c.Label)
	return err
}

// curationTx holds what one curation transaction writes to.
type curationTx struct {
	s                                          *Store
	tx                                         *bolt.Tx
	in                                         *interner
	now                                        time.Time
	label                                      string
	events, srcids, prov, actors, aliases, tag *bolt.Bucket
}

func (s *Store) applyChange(c *EventChange, reverse bool, label string) ([]Event, error) {
	from, to := c.Before, c.After
	if reverse {
		from, to = to, from
	}
	out := make([]Event, len(to))
	for i := range to {
		out[i] = *cloneEvent(&to[i])
		if out[i].ID == 0 && out[i].Dataset == "" {
			out[i].Dataset = LocalDataset
		}
		if err := ValidateEvent(&out[i]); err != nil {
			return nil, fmt.Errorf("%s: %w", label, err)
		}
	}
	for _, a := range c.Actors {
		if strings.TrimSpace(a.Name) == "" || len(a.Name) > MaxIDLen {
			return nil, fmt.Errorf("%s: actor name %q is empty or too long", label, a.Name)
		}
	}
	for _, g := range c.Groups {
		if strings.TrimSpace(g.Name) == "" || len(g.Name) > MaxIDLen {
			return nil, fmt.Errorf("%s: group name %q is empty or too long", label, g.Name)
		}
	}
	in := s.newInterner()
	var staged []dictEntry
	err := s.db.Update(func(tx *bolt.Tx) error {
		w := &curationTx{s: s, tx: tx, in: in, now: time.Now().UTC().Truncate(time.Second), label: label,
			events: tx.Bucket(bucketEvents), srcids: tx.Bucket(bucketSrcIDs), prov: tx.Bucket(bucketProvenance),
			actors: tx.Bucket(bucketActors), aliases: tx.Bucket(bucketAliases), tag: tx.Bucket(bucketUserTags)}
		keep := map[uint64]bool{}
		for i := range out {
			keep[out[i].ID] = true
		}
		for i := range from {
			if !keep[from[i].ID] {
				if err := w.deleteEvent(&from[i]); err != nil {
					return err
				}
			}
		}
		for i := range out {
			if err := w.putEvent(&out[i]); err != nil {
				return err
			}
		}
		if err := w.applyEdits(c, reverse); err != nil {
			return err
		}
		staged = in.take()
		return putStrings(tx, staged)
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", label, err)
	}
	s.markDurable(staged)
	return out, nil
}

// applyEdits writes the tag, actor, group and distinct-pair edits of c.
func (w *curationTx) applyEdits(c *EventChange, reverse bool) error {
	pick := func(before, after []string) []string {
		if reverse {
			return before
		}
		return after
	}
	for _, t := range c.Tags {
		if err := w.putUserTags(t.ID, pick(t.Before, t.After)); err != nil {
			return err
		}
	}
	for _, a := range c.Actors {
		r := a.After
		if reverse {
			r = a.Before
		}
		if err := w.putActorRecord(a.Name, r); err != nil {
			return err
		}
	}
	groups := w.tx.Bucket(bucketGroups)
	for _, g := range c.Groups {
		if m := pick(g.Before, g.After); len(m) > 0 {
			v, err := json.Marshal(m)
			if err != nil {
				return err
			}
			if err := groups.Put([]byte(g.Name), v); err != nil {
				return err
			}
		} else if err := groups.Delete([]byte(g.Name)); err != nil {
			return err
		}
	}
	conflicts := w.tx.Bucket(bucketConflicts)
	for _, ce := range c.Conflicts {
		v := ce.After
		if reverse {
			v = ce.Before
		}
		var err error
		if v != nil {
			err = conflicts.Put(idKey(ce.ID), v)
		} else {
			err = conflicts.Delete(idKey(ce.ID))
		}
		if err != nil {
			return err
		}
	}
	distinct := w.tx.Bucket(bucketDistinct)
	for _, d := range c.Distinct {
		on := d.After
		if reverse {
			on = d.Before
		}
		k := pairKey(d.A, d.B)
		var err error
		if on {
			err = distinct.Put(k, nil)
		} else {
			err = distinct.Delete(k)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// pairKey is the bucketDistinct key of two events, lower ID first.
func pairKey(a, b uint64) []byte {
	p := pairOf(a, b)
	k := make([]byte, 16)
	binary.BigEndian.PutUint64(k[0:8], p[0])
	binary.BigEndian.PutUint64(k[8:16], p[1])
	return k
}

// localSourceID makes the source ID of an event entered by hand: its store
// ID and the time, so events entered in two stores do not collide when one
// store's export is imported into the other.
func localSourceID(id uint64, now time.Time) string {
	return "L" + strconv.FormatUint(id, 10) + "-" + strconv.FormatInt(now.Unix(), 36)
}

// putEvent writes e (a new event when e.ID is 0) and its provenance.
func (w *curationTx) putEvent(e *Event) error {
	isNew := e.ID == 0
	if isNew {
		id, err := w.events.NextSequence()
		if err != nil {
			return err
		}
		e.ID = id
		if e.SourceID == "" {
			e.SourceID = localSourceID(id, w.now)
		}
	}
	srcKey := appendSrcKey(nil, e)
	var oldKey, cur []byte
	if v := w.srcids.Get(srcKey); v != nil {
		if _, oid := keyParts(v); oid != e.ID {
			return &FieldError{Field: "source_id", Reason: fmt.Sprintf("%s %s is already event %d", e.Dataset, e.SourceID, oid)}
		}
		oldKey = bytes.Clone(v)
		cur = w.events.Get(oldKey)
	} else if !isNew {
		if k := w.scanKey(e.ID); k != nil {
			return &FieldError{Field: "source_id", Reason: fmt.Sprintf("the dataset and source ID of event %d cannot change", e.ID)}
		}
		if e.ID > w.events.Sequence() { // an ID from elsewhere: later ones must not collide
			if err := w.events.SetSequence(e.ID); err != nil {
				return err
			}
		}
	}
	val, err := encodeEvent(nil, e, w.in)
	if err != nil {
		return err
	}
	var prev *Event
	var curHash uint64
	if cur != nil {
		curHash = recordHash(cur)
		if prev, err = decodeEvent(cur, e.ID, w.s); err != nil {
			return fmt.Errorf("event %d: %w", e.ID, err)
		}
		prev.UserTags = w.userTags(e.ID)
	}
	newKey := make([]byte, 16)
	putEventKey(newKey, e.Date.Unix(), e.ID)
	if cur != nil && !bytes.Equal(oldKey, newKey) {
		if err := w.events.Delete(oldKey); err != nil {
			return err
		}
	}
	if err := w.events.Put(newKey, val); err != nil {
		return err
	}
	if err := w.srcids.Put(srcKey, newKey); err != nil {
		return err
	}
	if err := w.putUserTags(e.ID, e.UserTags); err != nil {
		return err
	}
	if err := w.noteActors(e); err != nil {
		return err
	}
	prov, ok, err := getProvenance(w.prov, e.ID)
	if err != nil {
		return err
	}
	changes := diffEvents(prev, e)
	if ok && cur != nil && !prov.Deleted && len(changes) == 0 {
		return nil // nothing changed
	}
	if !ok {
		prov = Provenance{Origin: OriginImport, ImportID: importOf(w.tx, e.ID)}
		if isNew {
			prov = Provenance{Origin: OriginLocal}
		}
	}
	if prov.Origin == OriginImport && prov.Base == 0 && cur != nil {
		prov.Base = curHash
	}
	prov.Deleted = false
	if prov.Origin == OriginImport {
		prov.EditedLocally = recordHash(val) != prov.Base
	} else {
		prov.EditedLocally = !isNew
	}
	prov.Edited = w.now
	prov.History = append(prov.History, HistoryEntry{Time: w.now, Action: w.label, Changes: changes})
	return putProvenance(w.prov, e.ID, &prov)
}

// deleteEvent removes e's record, keeping its source key and a provenance
// record marked Deleted, so a re-import does not bring it back.
func (w *curationTx) deleteEvent(e *Event) error {
	key := w.keyOf(e)
	if key == nil {
		return nil // already gone
	}
	cur := w.events.Get(key)
	if cur == nil {
		return nil
	}
	h := recordHash(cur)
	if err := w.events.Delete(key); err != nil {
		return err
	}
	prov, ok, err := getProvenance(w.prov, e.ID)
	if err != nil {
		return err
	}
	if !ok {
		prov = Provenance{Origin: OriginImport, ImportID: importOf(w.tx, e.ID)}
	}
	if prov.Origin == OriginImport && prov.Base == 0 {
		prov.Base = h
	}
	prov.Deleted, prov.EditedLocally, prov.Edited = true, true, w.now
	prov.History = append(prov.History, HistoryEntry{Time: w.now, Action: w.label})
	if err := putProvenance(w.prov, e.ID, &prov); err != nil {
		return err
	}
	return w.putUserTags(e.ID, nil)
}

// keyOf returns the store key of event e (found by its source key, else
// by its ID), or nil.
func (w *curationTx) keyOf(e *Event) []byte {
	if v := w.srcids.Get(appendSrcKey(nil, e)); v != nil {
		if _, id := keyParts(v); id == e.ID {
			return bytes.Clone(v)
		}
	}
	return w.scanKey(e.ID)
}

// scanKey finds the key of event id by walking the source-key index
// (about 30 bytes an event, so a million events take tens of
// milliseconds). Deleted events' keys are still there; the caller checks.
func (w *curationTx) scanKey(id uint64) []byte {
	return scanKeyIn(w.srcids, id)
}

func scanKeyIn(srcids *bolt.Bucket, id uint64) []byte {
	return scanKeysIn(srcids, []uint64{id})[id]
}

// scanKeysIn finds the event keys of the IDs ids in one walk of the
// source-key index, stopping once all are found.
func scanKeysIn(srcids *bolt.Bucket, ids []uint64) map[uint64][]byte {
	found := make(map[uint64][]byte, len(ids))
	for _, id := range ids {
		found[id] = nil
	}
	left := len(found)
	c := srcids.Cursor()
	for k, v := c.First(); k != nil && left > 0; k, v = c.Next() {
		if len(v) != 16 {
			continue
		}
		id := binary.BigEndian.Uint64(v[8:16])
		if key, want := found[id]; want && key == nil {
			found[id] = bytes.Clone(v)
			left--
		}
	}
	return found
}

// noteActors makes sure every actor e names has an actor record.
func (w *curationTx) noteActors(e *Event) error {
	note := func(name, inter string) error {
		id, err := w.in.intern(name)
		if err != nil {
			return err
		}
		var k [4]byte
		binary.BigEndian.PutUint32(k[:], id)
		if w.actors.Get(k[:]) != nil {
			return nil
		}
		return w.actors.Put(k[:], encodeActor(Actor{Type: InterName(inter)}))
	}
	return e.eachActorInter(note)
}

// putActorRecord writes one actor name's record and alias.
func (w *curationTx) putActorRecord(name string, r ActorRecord) error {
	id, err := w.in.intern(name)
	if err != nil {
		return err
	}
	var k [4]byte
	binary.BigEndian.PutUint32(k[:], id)
	if r.Known {
		err = w.actors.Put(k[:], encodeActor(Actor{Type: r.Type, Color: r.Color}))
	} else {
		err = w.actors.Delete(k[:])
	}
	if err != nil {
		return err
	}
	if r.AliasOf == "" {
		return w.aliases.Delete([]byte(name))
	}
	if _, err := w.in.intern(r.AliasOf); err != nil {
		return err
	}
	return w.aliases.Put([]byte(name), []byte(r.AliasOf))
}

// actorRecordIn reads what the store knows of actor name.
func (s *Store) actorRecordIn(tx *bolt.Tx, name string) (ActorRecord, error) {
	var r ActorRecord
	if v := tx.Bucket(bucketAliases).Get([]byte(name)); v != nil {
		r.AliasOf = string(v)
	}
	s.mu.RLock()
	id, ok := s.ids[name]
	s.mu.RUnlock()
	if !ok {
		return r, nil
	}
	var k [4]byte
	binary.BigEndian.PutUint32(k[:], id)
	if v := tx.Bucket(bucketActors).Get(k[:]); v != nil {
		a, err := decodeActor(name, v)
		if err != nil {
			return r, err
		}
		r.Known, r.Type, r.Color = true, a.Type, a.Color
	}
	return r, nil
}

// normTags trims, drops empty and repeated tags, keeping the first order.
func normTags(tags []string) []string {
	var out []string
	for _, t := range tags {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// putUserTags stores the user's tags of event id (none deletes them).
func (w *curationTx) putUserTags(id uint64, tags []string) error {
	tags = normTags(tags)
	if len(tags) == 0 {
		return w.tag.Delete(idKey(id))
	}
	return w.tag.Put(idKey(id), []byte(strings.Join(tags, "\x1f")))
}

func (w *curationTx) userTags(id uint64) []string { return userTagsIn(w.tag, id) }

func userTagsIn(b *bolt.Bucket, id uint64) []string {
	v := b.Get(idKey(id))
	if len(v) == 0 {
		return nil
	}
	return strings.Split(string(v), "\x1f")
}
