package cli

import (
	"fmt"
	"strconv"

	"frontier/data"
)

func runTag(env *Env, args []string) error {
	fs := newFlagSet("tag")
	db := fs.String("db", "", "store file")
	remove := fs.Bool("remove", false, "take the tag off instead")
	list := fs.Bool("list", false, "list the tags with their event counts")
	asJSON := fs.Bool("json", false, "print JSON (with --list)")
	all := fs.Bool("all", false, "tag every event (when no filter flag or --id is given)")
	var ids stringList
	fs.Var(&ids, "id", "an event ID, or DATASET:SOURCE_ID (repeatable)")
	ff := addFilterFlags(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *list {
		if len(pos) > 0 {
			return usagef("tag --list takes no tag name")
		}
		return runTagList(env, *db, *asJSON)
	}
	if len(pos) != 1 {
		return usagef("tag NAME [--remove] [--id ID]... [filter flags]")
	}
	tag := pos[0]
	if err := data.CheckTag(tag); err != nil {
		return usagef("%v", err)
	}
	if !ff.any() && len(ids) == 0 && !*all {
		return usagef("tag %s: give filter flags, --id or --all to say which events", tag)
	}
	sel, err := ff.open(env, *db, true, nil)
	if err != nil {
		return err
	}
	defer env.release(sel.store)
	var target []uint64
	if ff.any() || len(ids) == 0 {
		target = sel.ix.IDs(sel.res.Rows)
	}
	for _, ref := range ids {
		e, err := findEvent(sel.store, ref)
		if err != nil {
			return err
		}
		target = append(target, e.ID)
	}
	var n int
	if *remove {
		n, err = sel.store.UntagEvents(tag, target)
	} else {
		n, err = sel.store.TagEvents(tag, target)
	}
	if err != nil {
		return err
	}
	verb := "tagged"
	if *remove {
		verb = "untagged"
	}
	fmt.Fprintf(env.Stdout, "%s %d of %d events %q\n", verb, n, len(target), tag)
	return nil
}

func runTagList(env *Env, db string, asJSON bool) error {
	s, err := openStore(env, db, false)
	if err != nil {
		return err
	}
	defer env.release(s)
	tags, err := s.Tags()
	if err != nil {
		return err
	}
	if asJSON {
		return printJSON(env, tags)
	}
	fmt.Fprintf(env.Stdout, "Tags (%d):\n", len(tags))
	for _, t := range tags {
		fmt.Fprintf(env.Stdout, "  %7s  %s\n", strconv.Itoa(t.Events), t.Tag)
	}
	return nil
}
