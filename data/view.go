package data

import (
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// bucketViews (schema 4) holds the saved views, one JSON record each
// under its 8-byte ID.
var bucketViews = []byte("views")

// View is a saved view: the whole state a briefer returns to or presents —
// where the map looks, which events pass, which annotation layers show,
// the selected event — with a title and speaker notes. A deck is the views
// in Order.
type View struct {
	ID    uint64 `json:"id"`
	Title string `json:"title"`
	// Notes are the speaker notes shown on the presenter's screen.
	Notes string `json:"notes,omitempty"`
	// Order sorts the views into a deck (lower first).
	Order int `json:"order"`
	// CenterLon, CenterLat and Zoom place the map (Web Mercator zoom,
	// fractions allowed).
	CenterLon float64 `json:"center_lon"`
	CenterLat float64 `json:"center_lat"`
	Zoom      float64 `json:"zoom"`
	// Width and Height are the map's size in logical pixels when the view
	// was saved (0 when unknown): images of the view frame that extent,
	// whatever their own size.
	Width  int `json:"width,omitempty"`
	Height int `json:"height,omitempty"`
	// Filter is the event filter, its From/To the time window.
	Filter Filter `json:"filter"`
	// Layers are the IDs of the annotation layers shown; nil shows the
	// layers the store marks visible.
	Layers []uint64 `json:"layers"`
	// Selected is the store ID of the selected event (0 for none).
	Selected uint64 `json:"selected,omitempty"`
	// Created and Modified are set by the store.
	Created  time.Time `json:"created,omitzero"`
	Modified time.Time `json:"modified,omitzero"`
}

// Validate checks a view's values.
func (v *View) Validate() error {
	switch {
	case strings.TrimSpace(v.Title) == "":
		return fmt.Errorf("view %d: no title", v.ID)
	case !(v.CenterLon >= -180 && v.CenterLon <= 180) || !(v.CenterLat >= -90 && v.CenterLat <= 90):
		return fmt.Errorf("view %q: centre (%g, %g) is not a longitude/latitude", v.Title, v.CenterLon, v.CenterLat)
	case !(v.Zoom >= 0 && v.Zoom <= 22):
		return fmt.Errorf("view %q: zoom %g out of range 0–22", v.Title, v.Zoom)
	case !v.Filter.From.IsZero() && !v.Filter.To.IsZero() && v.Filter.To.Before(v.Filter.From):
		return fmt.Errorf("view %q: time window ends before it starts", v.Title)
	}
	return nil
}

// Views returns the saved views in deck order (Order, then ID).
func (s *Store) Views() ([]View, error) {
	return orderedRecords[View](s, bucketViews, "view")
}

// PutView stores v in its own transaction (on disk when it returns),
// assigning an ID when v.ID is 0 and, for a new view, the Order after the
// last one. Created is set when zero and Modified always.
func (s *Store) PutView(v *View) error {
	if err := v.Validate(); err != nil {
		return fmt.Errorf("save view: %w", err)
	}
	now := time.Now().UTC().Truncate(time.Millisecond)
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketViews)
		if v.ID == 0 {
			others, err := jsonRecords[View](tx, bucketViews, "view")
			if err != nil {
				return err
			}
			v.Order = nextOrder(others)
		}
		if err := claimID(b, &v.ID); err != nil {
			return err
		}
		if v.Created.IsZero() {
			v.Created = now
		}
		v.Modified = now
		return putJSON(b, v.ID, v)
	})
	if err != nil {
		return fmt.Errorf("save view %q: %w", v.Title, err)
	}
	return nil
}

// DeleteView removes a saved view.
func (s *Store) DeleteView(id uint64) error {
	err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketViews).Delete(idKey(id)) })
	if err != nil {
		return fmt.Errorf("delete view %d: %w", id, err)
	}
	return nil
}

// ReorderViews sets the deck order to ids (every view's ID, first to last)
// in one transaction.
func (s *Store) ReorderViews(ids []uint64) error {
	return reorderRecords[View](s, bucketViews, "view", ids)
}
