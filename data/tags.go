package data

import (
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	bolt "go.etcd.io/bbolt"
)

// The user's tags (collections such as "Bajaur wave") live apart from the
// events' records, keyed by event ID, so imports never touch them.

func keyID(k []byte) uint64 { return binary.BigEndian.Uint64(k) }

func splitTags(v []byte) []string { return strings.Split(string(v), "\x1f") }

// CheckTag reports what is wrong with a tag name, or nil.
func CheckTag(tag string) error {
	switch t := strings.TrimSpace(tag); {
	case t == "":
		return fmt.Errorf("tag: empty name")
	case len(t) > MaxTagLen:
		return fmt.Errorf("tag %q: longer than %d bytes", t[:min(len(t), 40)], MaxTagLen)
	case strings.ContainsAny(t, ",;") || strings.ContainsFunc(t, unicode.IsControl):
		return fmt.Errorf("tag %q: commas, semicolons and control characters are not allowed", t)
	}
	return nil
}

// TagChange is the change that adds tag to (or, with remove, takes it
// from) the events ids — a table or map selection, or a filter's rows
// through Index.IDs. Events that already have (or lack) it are left out.
func (s *Store) TagChange(tag string, ids []uint64, remove bool) (EventChange, error) {
	tag = strings.TrimSpace(tag)
	c := EventChange{Label: fmt.Sprintf("Tag %d events %s", len(ids), tag)}
	if remove {
		c.Label = fmt.Sprintf("Untag %d events %s", len(ids), tag)
	}
	if err := CheckTag(tag); err != nil {
		return c, err
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketUserTags)
		seen := make(map[uint64]bool, len(ids))
		for _, id := range ids {
			if seen[id] {
				continue
			}
			seen[id] = true
			before := userTagsIn(b, id)
			has := slices.Contains(before, tag)
			switch {
			case remove && has:
				after := slices.DeleteFunc(slices.Clone(before), func(t string) bool { return t == tag })
				c.Tags = append(c.Tags, TagEdit{ID: id, Before: before, After: after})
			case !remove && !has:
				c.Tags = append(c.Tags, TagEdit{ID: id, Before: before, After: append(slices.Clone(before), tag)})
			}
		}
		return nil
	})
	return c, err
}

// TagEvents adds tag to the events ids and returns how many gained it.
func (s *Store) TagEvents(tag string, ids []uint64) (int, error) {
	c, err := s.TagChange(tag, ids, false)
	if err == nil && !c.IsEmpty() {
		_, err = s.Apply(c)
	}
	return len(c.Tags), err
}

// UntagEvents removes tag from the events ids and returns how many lost it.
func (s *Store) UntagEvents(tag string, ids []uint64) (int, error) {
	c, err := s.TagChange(tag, ids, true)
	if err == nil && !c.IsEmpty() {
		_, err = s.Apply(c)
	}
	return len(c.Tags), err
}

// TagCount is a tag and how many events carry it.
type TagCount struct {
	Tag    string `json:"tag"`
	Events int    `json:"events"`
}

// Tags returns every tag in use with its event count, by name.
func (s *Store) Tags() ([]TagCount, error) {
	counts := map[string]int{}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketUserTags).ForEach(func(_, v []byte) error {
			for _, t := range splitTags(v) {
				counts[t]++
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read tags: %w", err)
	}
	out := make([]TagCount, 0, len(counts))
	for t, n := range counts {
		out = append(out, TagCount{t, n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Tag < out[j].Tag })
	return out, nil
}

// indexTags turns the user's tags by event ID into sorted row lists.
func (ix *Index) indexTags(byID map[uint64][]string) {
	ix.tagRows = nil
	if len(byID) == 0 {
		return
	}
	ix.tagRows = map[string][]int32{}
	for i, id := range ix.ID {
		if tags, ok := byID[id]; ok {
			for _, t := range tags {
				ix.tagRows[t] = append(ix.tagRows[t], int32(i))
			}
		}
	}
}

// TagNames returns the user's tags in use on the index's events, sorted.
func (ix *Index) TagNames() []string {
	out := make([]string, 0, len(ix.tagRows))
	for t := range ix.tagRows {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// TagRows returns the rows carrying tag, ascending (shared: do not modify).
func (ix *Index) TagRows(tag string) []int32 { return ix.tagRows[tag] }

// TagCounts counts, per tag, how many of rows (ascending) carry it.
func (ix *Index) TagCounts(rows []int32) map[string]int {
	out := map[string]int{}
	for t, tr := range ix.tagRows {
		n, i, j := 0, 0, 0
		for i < len(rows) && j < len(tr) {
			switch {
			case rows[i] < tr[j]:
				i++
			case rows[i] > tr[j]:
				j++
			default:
				n++
				i++
				j++
			}
		}
		if n > 0 {
			out[t] = n
		}
	}
	return out
}

// IDs returns the store IDs of rows, for tagging a selection or a filter
// result.
func (ix *Index) IDs(rows []int32) []uint64 {
	out := make([]uint64, len(rows))
	for i, r := range rows {
		out[i] = ix.ID[r]
	}
	return out
}

// tagBitset marks the rows carrying any of tags.
func (ix *Index) tagBitset(tags []string) bitset {
	b := newBitset(ix.Len())
	for _, t := range tags {
		for _, r := range ix.tagRows[strings.TrimSpace(t)] {
			b.set(uint32(r))
		}
	}
	return b
}
