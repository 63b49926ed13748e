package data

import (
	"context"
	"errors"
	"testing"
)

// eventsByID finds any number of events in one walk, in the order asked,
// and names one that is missing.
func TestEventsByID(t *testing.T) {
	s := openTemp(t)
	if _, err := s.ImportSample(context.Background()); err != nil {
		t.Fatal(err)
	}
	ix, err := LoadIndex(s)
	if err != nil {
		t.Fatal(err)
	}
	ids := []uint64{ix.ID[40], ix.ID[3], ix.ID[len(ix.ID)-1], ix.ID[3]}
	es, err := s.eventsByID(ids...)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range es {
		if e.ID != ids[i] {
			t.Errorf("event %d: ID %d, want %d", i, e.ID, ids[i])
		}
		one, err := s.EventByID(ids[i])
		if err != nil || one.SourceID != e.SourceID {
			t.Errorf("EventByID(%d) = %v, %v; the batch gave %s", ids[i], one, err, e.SourceID)
		}
	}
	if _, err := s.eventsByID(ids[0], 1<<40); !errors.Is(err, ErrNoEvent) {
		t.Errorf("a missing ID: %v, want ErrNoEvent", err)
	}
}
