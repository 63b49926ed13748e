package data

import (
	"errors"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// ErrNoEvent is wrapped by the errors of lookups of an event that is not
// in the store.
var ErrNoEvent = errors.New("no such event")

// EventByID loads event id with the user's tags. Without the event's start
// time it walks the source-key index (tens of milliseconds for a million
// events); EventAt is immediate.
func (s *Store) EventByID(id uint64) (*Event, error) {
	es, err := s.eventsByID(id)
	if err != nil {
		return nil, err
	}
	return &es[0], nil
}

// eventsByID loads the events ids, in that order, with the user's tags,
// in one walk of the source-key index however many there are.
func (s *Store) eventsByID(ids ...uint64) ([]Event, error) {
	out := make([]Event, 0, len(ids))
	err := s.db.View(func(tx *bolt.Tx) error {
		keys := scanKeysIn(tx.Bucket(bucketSrcIDs), ids)
		for _, id := range ids {
			k := keys[id]
			if k == nil {
				return fmt.Errorf("event %d: %w", id, ErrNoEvent)
			}
			e, err := s.eventIn(tx, k)
			if err != nil {
				return err
			}
			out = append(out, *e)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// EventAt loads the event with the given start time and ID (as the index
// holds them: Index.Start[i], Index.ID[i]) with the user's tags.
func (s *Store) EventAt(start int64, id uint64) (*Event, error) {
	var e *Event
	k := make([]byte, 16)
	putEventKey(k, start, id)
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		e, err = s.eventIn(tx, k)
		return err
	})
	return e, err
}

// EventBySource loads the event with a dataset's source ID (as "ACLED",
// "PAK1234"), with the user's tags.
func (s *Store) EventBySource(dataset, sourceID string) (*Event, error) {
	var e *Event
	err := s.db.View(func(tx *bolt.Tx) error {
		k := tx.Bucket(bucketSrcIDs).Get(appendSrcKey(nil, &Event{Dataset: dataset, SourceID: sourceID}))
		if k == nil {
			return fmt.Errorf("event %s %s: %w", dataset, sourceID, ErrNoEvent)
		}
		var err error
		e, err = s.eventIn(tx, k)
		return err
	})
	return e, err
}

func (s *Store) eventIn(tx *bolt.Tx, k []byte) (*Event, error) {
	_, id := keyParts(k)
	v := tx.Bucket(bucketEvents).Get(k)
	if v == nil {
		return nil, fmt.Errorf("event %d: %w", id, ErrNoEvent)
	}
	e, err := decodeEvent(v, id, s)
	if err != nil {
		return nil, fmt.Errorf("event %d: %w", id, err)
	}
	e.UserTags = userTagsIn(tx.Bucket(bucketUserTags), id)
	return e, nil
}

// AddEventChange is the change that adds e, a new event entered by hand
// (its ID is ignored; Dataset defaults to LocalDataset and SourceID to a
// generated one).
func AddEventChange(e *Event) EventChange {
	n := *cloneEvent(e)
	n.ID = 0
	return EventChange{Label: "Add event", After: []Event{n}}
}

// EditEventChange is the change that replaces stored event e.ID with e
// (all fields, the user's tags included; Dataset and SourceID cannot
// change). It is "Move event" when only the date or place changes.
func (s *Store) EditEventChange(e *Event) (EventChange, error) {
	old, err := s.EventByID(e.ID)
	if err != nil {
		return EventChange{}, fmt.Errorf("edit event: %w", err)
	}
	label := "Edit event"
	if moved(old, e) {
		label = "Move event"
	}
	return EventChange{Label: label, Before: []Event{*old}, After: []Event{*cloneEvent(e)}}, nil
}

// moved reports whether a and b differ only in date or position.
func moved(a, b *Event) bool {
	ch := diffEvents(a, b)
	if len(ch) == 0 {
		return false
	}
	for _, c := range ch {
		switch c.Field {
		case "date", "date_end", "lat", "lon":
		default:
			return false
		}
	}
	return true
}

// MoveEventChange is the change that moves event id to lat, lon (as a
// drag of its marker does).
func (s *Store) MoveEventChange(id uint64, lat, lon float64) (EventChange, error) {
	old, err := s.EventByID(id)
	if err != nil {
		return EventChange{}, fmt.Errorf("move event: %w", err)
	}
	n := cloneEvent(old)
	n.Lat, n.Lon = lat, lon
	return EventChange{Label: "Move event", Before: []Event{*old}, After: []Event{*n}}, nil
}

// DeleteEventsChange is the change that deletes the events ids. A deleted
// event's source row does not come back on re-import (it is listed as a
// conflict instead).
func (s *Store) DeleteEventsChange(ids ...uint64) (EventChange, error) {
	c := EventChange{Label: "Delete event"}
	if len(ids) > 1 {
		c.Label = fmt.Sprintf("Delete %d events", len(ids))
	}
	es, err := s.eventsByID(ids...)
	if err != nil {
		return c, fmt.Errorf("delete: %w", err)
	}
	c.Before = es
	return c, nil
}

// MergeEventsChange is the change that merges event drop into event keep:
// keep takes the fields of the merge groups named in take (see
// MergeFields) from drop, the user's tags of both, and drop is deleted.
func (s *Store) MergeEventsChange(keep, drop uint64, take []string) (EventChange, error) {
	if keep == drop {
		return EventChange{}, fmt.Errorf("merge: event %d with itself", keep)
	}
	both, err := s.eventsByID(keep, drop)
	if err != nil {
		return EventChange{}, fmt.Errorf("merge: %w", err)
	}
	k, d := &both[0], &both[1]
	m := cloneEvent(k)
	for _, g := range take {
		if !copyGroup(m, d, g) {
			return EventChange{}, &FieldError{Field: g, Reason: fmt.Sprintf("not a merge field (want one of %v)", MergeFields)}
		}
	}
	m.UserTags = normTags(append(slices.Clone(k.UserTags), d.UserTags...))
	return EventChange{Label: fmt.Sprintf("Merge event %d into %d", drop, keep), Before: []Event{*k, *d}, After: []Event{*m}}, nil
}

// AddEvent stores a new event entered by hand and returns it as stored
// (with its ID and source ID). Invalid fields give a FormError.
func (s *Store) AddEvent(e *Event) (*Event, error) {
	c, err := s.Apply(AddEventChange(e))
	if err != nil {
		return nil, err
	}
	return &c.After[0], nil
}

// UpdateEvent replaces stored event e.ID with e (see EditEventChange).
func (s *Store) UpdateEvent(e *Event) (*Event, error) {
	c, err := s.EditEventChange(e)
	if err != nil {
		return nil, err
	}
	if c, err = s.Apply(c); err != nil {
		return nil, err
	}
	return &c.After[0], nil
}

// DeleteEvent deletes event id.
func (s *Store) DeleteEvent(id uint64) error {
	c, err := s.DeleteEventsChange(id)
	if err != nil {
		return err
	}
	_, err = s.Apply(c)
	return err
}
