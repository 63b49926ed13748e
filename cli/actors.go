package cli

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"

	"frontier/data"
)

// ActorInfo is one canonical actor as `frontier actors list --json`
// prints it.
type ActorInfo struct {
	Name     string   `json:"name"`
	Events   int      `json:"events"`
	Type     string   `json:"type,omitempty"`
	Color    string   `json:"color"`
	ColorSet bool     `json:"color_set"`
	Aliases  []string `json:"aliases,omitempty"`
	Groups   []string `json:"groups,omitempty"`
}

// ActorList is what `frontier actors list --json` prints.
type ActorList struct {
	Actors []ActorInfo         `json:"actors"`
	Groups map[string][]string `json:"groups"`
}

const actorsUsage = "actors list|rename|merge|split|colour|type|group (see 'frontier help')"

func runActors(env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("%s", actorsUsage)
	}
	switch args[0] {
	case "list":
		return runActorsList(env, args[1:])
	case "rename", "merge", "split", "colour", "color", "type", "group":
		return runActorsEdit(env, args[0], args[1:])
	}
	return usagef("unknown actors command %q: %s", args[0], actorsUsage)
}

// openWrite opens an existing store for writing.
func openWrite(env *Env, dbFlag string) (*data.Store, error) { return openStore(env, dbFlag, true) }

// openStore opens an existing store without loading its index.
func openStore(env *Env, dbFlag string, write bool) (*data.Store, error) {
	path, err := resolveDB(env, dbFlag)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("no store at %s (import a file first, or pass --db)", path)
	}
	return env.openAt(path, write)
}

// ListActors summarises the canonical actors of ix with their event
// counts, most events first.
func ListActors(ix *data.Index) (ActorList, error) {
	res, err := ix.Filter(&data.Filter{})
	if err != nil {
		return ActorList{}, err
	}
	groupsOf := map[string][]string{}
	for _, g := range ix.GroupNames() {
		for _, m := range ix.GroupMembers(g) {
			groupsOf[m] = append(groupsOf[m], g)
		}
	}
	aliases := ix.AllAliases()
	out := ActorList{Groups: ix.Groups}
	if out.Groups == nil {
		out.Groups = map[string][]string{}
	}
	for id, a := range ix.ActorInfo {
		if id == 0 || int(id) >= len(ix.Strings) {
			continue
		}
		name := ix.Strings[id]
		out.Actors = append(out.Actors, ActorInfo{Name: name, Events: int(res.ActorCounts[id]), Type: a.Type,
			Color: ix.ActorColor(id).Hex(), ColorSet: !a.Color.IsZero(), Aliases: aliases[id], Groups: groupsOf[name]})
	}
	sort.Slice(out.Actors, func(i, j int) bool {
		a, b := out.Actors[i], out.Actors[j]
		if a.Events != b.Events {
			return a.Events > b.Events
		}
		return a.Name < b.Name
	})
	return out, nil
}

func runActorsList(env *Env, args []string) error {
	fs := newFlagSet("actors list")
	db := fs.String("db", "", "store file")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	s, ix, err := openForRead(env, *db)
	if err != nil {
		return err
	}
	defer env.release(s)
	list, err := ListActors(ix)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(env, list)
	}
	w := env.Stdout
	fmt.Fprintf(w, "Actors (%d):\n", len(list.Actors))
	for _, a := range list.Actors {
		extra := ""
		if a.Type != "" {
			extra += " [" + a.Type + "]"
		}
		if a.ColorSet {
			extra += " " + a.Color
		}
		if len(a.Aliases) > 0 {
			extra += " (also: " + strings.Join(a.Aliases, "; ") + ")"
		}
		fmt.Fprintf(w, "  %7d  %s%s\n", a.Events, a.Name, extra)
	}
	if len(list.Groups) > 0 {
		names := make([]string, 0, len(list.Groups))
		for g := range list.Groups {
			names = append(names, g)
		}
		sort.Strings(names)
		fmt.Fprintf(w, "Groups (%d):\n", len(names))
		for _, g := range names {
			fmt.Fprintf(w, "  %s: %s\n", g, strings.Join(list.Groups[g], "; "))
		}
	}
	return nil
}

func runActorsEdit(env *Env, cmd string, args []string) error {
	fs := newFlagSet("actors " + cmd)
	db := fs.String("db", "", "store file")
	into := fs.String("into", "", "canonical actor (merge)")
	like := fs.String("like", "", "also every actor whose name contains this text (group)")
	remove := fs.Bool("remove", false, "remove the members instead (group)")
	del := fs.Bool("delete", false, "delete the group (group)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	need := func(lo, hi int, what string) error {
		if len(pos) < lo || hi >= 0 && len(pos) > hi {
			return usagef("actors %s %s", cmd, what)
		}
		return nil
	}
	var plan func(s *data.Store) (data.EventChange, string, error)
	switch cmd {
	case "rename":
		if err := need(2, 2, "OLD NEW"); err != nil {
			return err
		}
		plan = func(s *data.Store) (data.EventChange, string, error) {
			c, err := s.RenameActorChange(pos[0], pos[1])
			return c, fmt.Sprintf("renamed %q to %q", pos[0], pos[1]), err
		}
	case "merge":
		if err := need(1, -1, "ALIAS... --into NAME"); err != nil {
			return err
		}
		if *into == "" {
			return usagef("actors merge needs --into NAME")
		}
		plan = func(s *data.Store) (data.EventChange, string, error) {
			c, err := s.MergeActorsChange(pos, *into)
			n := 0
			for _, a := range c.Actors {
				if a.After.AliasOf != "" {
					n++
				}
			}
			return c, fmt.Sprintf("%d names now stand for %q", n, *into), err
		}
	case "split":
		if err := need(1, 1, "ALIAS"); err != nil {
			return err
		}
		plan = func(s *data.Store) (data.EventChange, string, error) {
			c, err := s.UnaliasActorChange(pos[0])
			return c, fmt.Sprintf("%q is an actor of its own again", pos[0]), err
		}
	case "colour", "color":
		if err := need(2, 2, "NAME #RRGGBB|none"); err != nil {
			return err
		}
		var col data.RGB
		if !strings.EqualFold(pos[1], "none") {
			if col, err = data.ParseRGB(pos[1]); err != nil {
				return usagef("%v", err)
			}
		}
		plan = func(s *data.Store) (data.EventChange, string, error) {
			c, err := s.SetActorStyleChange(pos[0], &col, nil)
			return c, fmt.Sprintf("colour of %q set to %s", pos[0], pos[1]), err
		}
	case "type":
		if err := need(2, 2, "NAME TYPE"); err != nil {
			return err
		}
		plan = func(s *data.Store) (data.EventChange, string, error) {
			c, err := s.SetActorStyleChange(pos[0], nil, &pos[1])
			return c, fmt.Sprintf("type of %q set to %q", pos[0], pos[1]), err
		}
	case "group":
		if err := need(1, -1, "NAME MEMBER... [--like TEXT] [--remove] | --delete NAME"); err != nil {
			return err
		}
		plan = func(s *data.Store) (data.EventChange, string, error) {
			return planGroup(s, pos[0], pos[1:], *like, *remove, *del)
		}
	}
	s, err := openWrite(env, *db)
	if err != nil {
		return err
	}
	defer env.release(s)
	c, msg, err := plan(s)
	if err != nil {
		return err
	}
	if !c.IsEmpty() {
		if _, err := s.Apply(c); err != nil {
			return err
		}
	} else {
		msg = "nothing to change"
	}
	fmt.Fprintln(env.Stdout, msg)
	return nil
}

// planGroup works out a group's new members.
func planGroup(s *data.Store, name string, members []string, like string, remove, del bool) (data.EventChange, string, error) {
	if del {
		c, err := s.SetGroupChange(name, nil)
		return c, fmt.Sprintf("deleted group %q", name), err
	}
	if like != "" {
		actors, err := s.Actors()
		if err != nil {
			return data.EventChange{}, "", err
		}
		l := strings.ToLower(like)
		for _, a := range actors {
			if strings.Contains(strings.ToLower(a.Name), l) {
				members = append(members, a.Name)
			}
		}
	}
	if len(members) == 0 {
		return data.EventChange{}, "", usagef("actors group %s: no members given (or none match --like)", name)
	}
	groups, err := s.Groups()
	if err != nil {
		return data.EventChange{}, "", err
	}
	cur := groups[name]
	var next []string
	if remove {
		for _, m := range cur {
			if !slices.Contains(members, m) {
				next = append(next, m)
			}
		}
	} else {
		next = append(slices.Clone(cur), members...)
	}
	c, err := s.SetGroupChange(name, next)
	n := len(c.Groups)
	if n > 0 {
		n = len(c.Groups[0].After)
	}
	return c, fmt.Sprintf("group %q has %d members", name, n), err
}
