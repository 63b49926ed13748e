package data

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// Actor aliases: a name the sources write ("Tehreek-i-Taliban Pakistan")
// can stand for a canonical actor ("TTP: Tehrik-i-Taliban Pakistan").
// Events keep the names their sources wrote; the index maps every alias
// to its canonical actor when it loads, so filters, counts, colours,
// timeline stacks and exports that go through the index see canonical
// actors, and rows imported later are mapped the same way.

// maxAliasChain bounds the alias hops followed (a guard against cycles).
const maxAliasChain = 32

// resolveAlias follows aliases from name to its canonical actor.
func resolveAlias(aliases map[string]string, name string) string {
	for range maxAliasChain {
		next, ok := aliases[name]
		if !ok || next == name {
			return name
		}
		name = next
	}
	return name
}

func readStringMap(b *bolt.Bucket) map[string]string {
	m := map[string]string{}
	if b != nil {
		b.ForEach(func(k, v []byte) error { m[string(k)] = string(v); return nil })
	}
	return m
}

func readGroups(b *bolt.Bucket) (map[string][]string, error) {
	m := map[string][]string{}
	if b == nil {
		return m, nil
	}
	err := b.ForEach(func(k, v []byte) error {
		var members []string
		if err := json.Unmarshal(v, &members); err != nil {
			return fmt.Errorf("group %q: %w", k, err)
		}
		m[string(k)] = members
		return nil
	})
	return m, err
}

// Aliases returns every alias and the actor it stands for (as stored: a
// chain is followed by the index).
func (s *Store) Aliases() (map[string]string, error) {
	var m map[string]string
	err := s.db.View(func(tx *bolt.Tx) error { m = readStringMap(tx.Bucket(bucketAliases)); return nil })
	return m, err
}

// Groups returns every actor group's members.
func (s *Store) Groups() (map[string][]string, error) {
	var m map[string][]string
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		m, err = readGroups(tx.Bucket(bucketGroups))
		return err
	})
	return m, err
}

// actorPlan collects the actor edits of a change being planned.
type actorPlan struct {
	s       *Store
	tx      *bolt.Tx
	aliases map[string]string
	edits   map[string]*ActorEdit
	order   []string
}

func (s *Store) planActors(fn func(p *actorPlan) error) ([]ActorEdit, error) {
	var out []ActorEdit
	err := s.db.View(func(tx *bolt.Tx) error {
		p := &actorPlan{s: s, tx: tx, aliases: readStringMap(tx.Bucket(bucketAliases)), edits: map[string]*ActorEdit{}}
		if err := fn(p); err != nil {
			return err
		}
		for _, n := range p.order {
			if e := p.edits[n]; e.Before != e.After {
				out = append(out, *e)
			}
		}
		return nil
	})
	return out, err
}

// edit returns the pending edit of name, reading its record first.
func (p *actorPlan) edit(name string) (*ActorEdit, error) {
	if e, ok := p.edits[name]; ok {
		return e, nil
	}
	r, err := p.s.actorRecordIn(p.tx, name)
	if err != nil {
		return nil, err
	}
	e := &ActorEdit{Name: name, Before: r, After: r}
	p.edits[name] = e
	p.order = append(p.order, name)
	return e, nil
}

// exists reports whether name is an actor, an alias or has aliases.
func (p *actorPlan) exists(name string) (bool, error) {
	e, err := p.edit(name)
	if err != nil {
		return false, err
	}
	if e.Before.Known || e.Before.AliasOf != "" {
		return true, nil
	}
	for _, to := range p.aliases {
		if to == name {
			return true, nil
		}
	}
	return false, nil
}

// repoint makes every alias of from an alias of to.
func (p *actorPlan) repoint(from, to string) error {
	names := make([]string, 0)
	for a, c := range p.aliases {
		if c == from && a != to {
			names = append(names, a)
		}
	}
	sort.Strings(names)
	for _, a := range names {
		e, err := p.edit(a)
		if err != nil {
			return err
		}
		e.After.AliasOf = to
	}
	return nil
}

// RenameActorChange is the change that renames canonical actor old to
// name: old (and every alias of old) becomes an alias of name, which
// takes old's type and colour. Events keep the names their sources
// wrote; everything that goes through the index shows name.
func (s *Store) RenameActorChange(old, name string) (EventChange, error) {
	old, name = strings.TrimSpace(old), strings.TrimSpace(name)
	c := EventChange{Label: fmt.Sprintf("Rename actor %s to %s", old, name)}
	if old == "" || name == "" || old == name {
		return c, fmt.Errorf("rename actor %q to %q: need two different names", old, name)
	}
	var err error
	c.Actors, err = s.planActors(func(p *actorPlan) error {
		ok, err := p.exists(old)
		if err != nil {
			return err
		}
		eo, _ := p.edit(old)
		switch {
		case !ok:
			return fmt.Errorf("rename actor: no actor %q", old)
		case eo.Before.AliasOf != "":
			return fmt.Errorf("rename actor: %q is an alias of %q; rename that", old, resolveAlias(p.aliases, old))
		}
		en, err := p.edit(name)
		if err != nil {
			return err
		}
		if taken, _ := p.exists(name); taken && en.Before.AliasOf != old {
			return fmt.Errorf("rename actor: %q is already an actor; merge %q into it instead", name, old)
		}
		en.After = ActorRecord{Known: true, Type: eo.Before.Type, Color: eo.Before.Color}
		if en.Before.Known && en.Before.Type != "" && eo.Before.Type == "" {
			en.After.Type = en.Before.Type
		}
		eo.After.AliasOf = name
		return p.repoint(old, name)
	})
	return c, err
}

// MergeActorsChange is the change that makes each of aliases an alias of
// into (or of the actor into is an alias of). An alias that had aliases
// of its own passes them on. into, when new, takes the type and colour of
// the first alias that has them.
func (s *Store) MergeActorsChange(aliases []string, into string) (EventChange, error) {
	into = strings.TrimSpace(into)
	c := EventChange{Label: fmt.Sprintf("Merge %d actors into %s", len(aliases), into)}
	if into == "" || len(aliases) == 0 {
		return c, fmt.Errorf("merge actors: need aliases and an actor to merge them into")
	}
	var err error
	c.Actors, err = s.planActors(func(p *actorPlan) error {
		target := resolveAlias(p.aliases, into)
		et, err := p.edit(target)
		if err != nil {
			return err
		}
		for _, a := range aliases {
			a = strings.TrimSpace(a)
			if a == "" || a == target || resolveAlias(p.aliases, a) == target {
				continue
			}
			ok, err := p.exists(a)
			if err != nil {
				return err
			}
			if !ok {
				return fmt.Errorf("merge actors: no actor %q", a)
			}
			ea, _ := p.edit(a)
			if !et.After.Known {
				et.After = ActorRecord{Known: true, Type: ea.Before.Type, Color: ea.Before.Color}
			}
			if et.After.Type == "" {
				et.After.Type = ea.Before.Type
			}
			if ea.Before.AliasOf == "" {
				if err := p.repoint(a, target); err != nil {
					return err
				}
			}
			ea.After.AliasOf = target
		}
		if !et.After.Known {
			et.After.Known = true
		}
		return nil
	})
	return c, err
}

// UnaliasActorChange is the change that makes alias name an actor of its
// own again.
func (s *Store) UnaliasActorChange(name string) (EventChange, error) {
	c := EventChange{Label: "Split actor " + name}
	var err error
	c.Actors, err = s.planActors(func(p *actorPlan) error {
		e, err := p.edit(name)
		if err != nil {
			return err
		}
		if e.Before.AliasOf == "" {
			return fmt.Errorf("split actor: %q is not an alias", name)
		}
		e.After.AliasOf = ""
		e.After.Known = true
		return nil
	})
	return c, err
}

// SetActorStyleChange is the change that sets the colour (when color is
// not nil; a zero colour clears it) and the type (when typ is not nil) of
// actor name, or of the actor it is an alias of.
func (s *Store) SetActorStyleChange(name string, color *RGB, typ *string) (EventChange, error) {
	c := EventChange{Label: "Set actor " + name}
	var err error
	c.Actors, err = s.planActors(func(p *actorPlan) error {
		target := resolveAlias(p.aliases, strings.TrimSpace(name))
		if ok, err := p.exists(target); err != nil || !ok {
			if err == nil {
				err = fmt.Errorf("set actor: no actor %q", name)
			}
			return err
		}
		e, _ := p.edit(target)
		e.After.Known = true
		if color != nil {
			e.After.Color = *color
		}
		if typ != nil {
			e.After.Type = strings.TrimSpace(*typ)
		}
		return nil
	})
	return c, err
}

// SetGroupChange is the change that sets actor group name's members (none
// deletes the group). Members are actor names; an alias counts as its
// canonical actor.
func (s *Store) SetGroupChange(name string, members []string) (EventChange, error) {
	name = strings.TrimSpace(name)
	c := EventChange{Label: "Set actor group " + name}
	if name == "" {
		return c, fmt.Errorf("set group: no group name")
	}
	groups, err := s.Groups()
	if err != nil {
		return c, err
	}
	after := normTags(members)
	if slices.Equal(groups[name], after) {
		return c, nil
	}
	c.Groups = []GroupEdit{{Name: name, Before: groups[name], After: after}}
	return c, nil
}

// RenameActor renames an actor (see RenameActorChange).
func (s *Store) RenameActor(old, name string) error {
	return s.applyPlanned(s.RenameActorChange(old, name))
}

// MergeActors merges aliases into an actor (see MergeActorsChange).
func (s *Store) MergeActors(aliases []string, into string) error {
	return s.applyPlanned(s.MergeActorsChange(aliases, into))
}

// SetGroup sets an actor group's members (see SetGroupChange).
func (s *Store) SetGroup(name string, members []string) error {
	return s.applyPlanned(s.SetGroupChange(name, members))
}

func (s *Store) applyPlanned(c EventChange, err error) error {
	if err != nil {
		return err
	}
	if c.IsEmpty() {
		return nil
	}
	_, err = s.Apply(c)
	return err
}
