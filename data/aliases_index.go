package data

import (
	"slices"
	"sort"

	bolt "go.etcd.io/bbolt"
)

// curation is what LoadIndex reads besides the events.
type curation struct {
	aliases map[string]string
	groups  map[string][]string
	tags    map[uint64][]string
}

func readCuration(tx *bolt.Tx) (curation, error) {
	c := curation{aliases: readStringMap(tx.Bucket(bucketAliases)), tags: map[uint64][]string{}}
	var err error
	if c.groups, err = readGroups(tx.Bucket(bucketGroups)); err != nil {
		return c, err
	}
	if b := tx.Bucket(bucketUserTags); b != nil {
		err = b.ForEach(func(k, v []byte) error {
			if len(k) == 8 && len(v) > 0 {
				c.tags[keyID(k)] = splitTags(v)
			}
			return nil
		})
	}
	return c, err
}

// applyCuration maps the actor columns through the aliases, drops the
// aliases from ActorInfo and indexes groups and the user's tags.
func (ix *Index) applyCuration(c curation) {
	ix.Groups = c.groups
	ix.indexTags(c.tags)
	if len(c.aliases) == 0 {
		return
	}
	canon := make([]uint32, len(ix.Strings))
	for i := range canon {
		canon[i] = uint32(i)
	}
	mapped := false
	for alias := range c.aliases {
		from, ok := ix.StringID(alias)
		if !ok || from == 0 {
			continue
		}
		to, ok := ix.StringID(resolveAlias(c.aliases, alias))
		if !ok || to == 0 || to == from {
			continue
		}
		canon[from] = to
		mapped = true
	}
	if !mapped {
		return
	}
	ix.canon = canon
	for _, col := range [][]uint32{ix.Actor1, ix.Actor2, ix.Assoc} {
		for i, id := range col {
			col[i] = canon[id]
		}
	}
	for id, to := range canon {
		if uint32(id) != to {
			if _, ok := ix.ActorInfo[to]; !ok {
				a := ix.ActorInfo[uint32(id)]
				ix.ActorInfo[to] = Actor{Name: ix.Strings[to], Type: a.Type}
			}
			delete(ix.ActorInfo, uint32(id))
		}
	}
}

// CanonicalID returns the string ID of the canonical actor of actor ID id
// (id itself unless it is an alias).
func (ix *Index) CanonicalID(id uint32) uint32 {
	if int(id) < len(ix.canon) {
		return ix.canon[id]
	}
	return id
}

// Canonical returns the canonical actor of name (name itself unless it is
// an alias the index knows).
func (ix *Index) Canonical(name string) string {
	if id, ok := ix.StringID(name); ok {
		return ix.Strings[ix.CanonicalID(id)]
	}
	return name
}

// AliasesOf returns the names that stand for canonical actor ID id, sorted.
// It scans every name: for one actor; AllAliases serves a whole list.
func (ix *Index) AliasesOf(id uint32) []string {
	return ix.AllAliases()[id]
}

// AllAliases returns, by canonical actor ID, the names that stand for it,
// sorted (none when the store has no aliases), in one pass over the names.
func (ix *Index) AllAliases() map[uint32][]string {
	var out map[uint32][]string
	for a, to := range ix.canon {
		if uint32(a) == to {
			continue
		}
		if out == nil {
			out = map[uint32][]string{}
		}
		out[to] = append(out[to], ix.Strings[a])
	}
	for _, names := range out {
		sort.Strings(names)
	}
	return out
}

// ActorNames returns every canonical actor's name, sorted (the completion
// list of the event form's actor fields).
func (ix *Index) ActorNames() []string {
	out := make([]string, 0, len(ix.ActorInfo))
	for id := range ix.ActorInfo {
		if int(id) < len(ix.Strings) && id != 0 {
			out = append(out, ix.Strings[id])
		}
	}
	sort.Strings(out)
	return out
}

// GroupNames returns the actor groups' names, sorted.
func (ix *Index) GroupNames() []string {
	out := make([]string, 0, len(ix.Groups))
	for g := range ix.Groups {
		out = append(out, g)
	}
	sort.Strings(out)
	return out
}

// GroupMembers returns the canonical actor names of group g, sorted, for
// the filter panel to toggle together.
func (ix *Index) GroupMembers(g string) []string {
	var out []string
	for _, m := range ix.Groups[g] {
		if c := ix.Canonical(m); !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
}

// SourceActors are an event's actor names as its source wrote them.
type SourceActors struct {
	Actor1, Actor2 string
	Assoc1, Assoc2 []string
}

// SourceActorColumns name the export columns (and GeoJSON/KML
// properties) that keep the source's actor names beside the canonical
// ones; SourceActors.Record gives their values.
var SourceActorColumns = []string{"frontier_actor1_source", "frontier_actor2_source", "frontier_assoc_actor_1_source", "frontier_assoc_actor_2_source"}

// Record returns the values of SourceActorColumns.
func (o SourceActors) Record() []string {
	return []string{o.Actor1, o.Actor2, JoinList(o.Assoc1), JoinList(o.Assoc2)}
}

// CanonicalActors rewrites e's actor names to their canonical actors and
// returns the names as they were; changed reports whether any differed.
// Exporters call it on each event (the hook that keeps both names).
func (ix *Index) CanonicalActors(e *Event) (orig SourceActors, changed bool) {
	orig = SourceActors{Actor1: e.Actor1, Actor2: e.Actor2, Assoc1: slices.Clone(e.Assoc1), Assoc2: slices.Clone(e.Assoc2)}
	if ix.canon == nil {
		return orig, false
	}
	conv := func(s string) string {
		c := ix.Canonical(s)
		if c != s {
			changed = true
		}
		return c
	}
	e.Actor1, e.Actor2 = conv(e.Actor1), conv(e.Actor2)
	for _, l := range [][]string{e.Assoc1, e.Assoc2} {
		for i := range l {
			l[i] = conv(l[i])
		}
	}
	return orig, changed
}
