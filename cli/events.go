package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"frontier/data"
)

const eventsUsage = "events add|edit|delete|show|conflicts|take|keep|merge|distinct (see 'frontier help')"

func runEvents(env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("%s", eventsUsage)
	}
	rest := args[1:]
	switch args[0] {
	case "add":
		return runEventsAdd(env, rest)
	case "edit":
		return runEventsEdit(env, rest)
	case "delete", "show", "take", "keep":
		return runEventsByID(env, args[0], rest)
	case "conflicts":
		return runConflicts(env, rest)
	case "merge", "distinct":
		return runEventsPair(env, args[0], rest)
	}
	return usagef("unknown events command %q: %s", args[0], eventsUsage)
}

// eventFlags are the event form's fields as flags.
type eventFlags struct {
	form        data.EventForm
	tags, untag stringList
	fields      map[string]*string // flag name → form field
}

func addEventFlags(fs *flag.FlagSet, edit bool) *eventFlags {
	ef := &eventFlags{}
	ef.fields = formFields(&ef.form)
	for name, p := range ef.fields {
		fs.StringVar(p, name, "", "event "+name)
	}
	fs.Var(&ef.tags, "tag", "user tag (repeatable)")
	if edit {
		fs.Var(&ef.untag, "untag", "remove a user tag (repeatable)")
	}
	return ef
}

// formFields maps the event flags' names to the fields of f.
func formFields(f *data.EventForm) map[string]*string {
	return map[string]*string{
		"date": &f.Date, "date-end": &f.DateEnd, "precision": &f.Precision,
		"lat": &f.Lat, "lon": &f.Lon, "mgrs": &f.MGRS,
		"location": &f.Location, "admin1": &f.Admin1, "admin2": &f.Admin2, "country": &f.Country,
		"type": &f.EventType, "sub-type": &f.SubEventType,
		"actor1": &f.Actor1, "actor2": &f.Actor2, "assoc1": &f.Assoc1, "assoc2": &f.Assoc2,
		"fatalities": &f.Fatalities, "notes": &f.Notes, "source": &f.Source,
	}
}

// formError turns a FormError into a usage error naming the flags.
func formError(err error) error {
	var fe data.FormError
	if !errors.As(err, &fe) {
		return err
	}
	parts := make([]string, len(fe))
	for i, f := range fe {
		parts[i] = "--" + flagOfField(f.Field) + ": " + f.Reason
	}
	return usagef("%s", strings.Join(parts, "; "))
}

func flagOfField(field string) string {
	switch field {
	case data.FieldEventType:
		return "type"
	case data.FieldSubEventType:
		return "sub-type"
	case data.FieldAssoc1:
		return "assoc1"
	case data.FieldAssoc2:
		return "assoc2"
	case data.FieldTags:
		return "tag"
	}
	return strings.ReplaceAll(field, "_", "-")
}

func runEventsAdd(env *Env, args []string) error {
	fs := newFlagSet("events add")
	db := fs.String("db", "", "store file")
	ef := addEventFlags(fs, false)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	ef.form.Tags = strings.Join(ef.tags, ",")
	e, err := data.ParseEventForm(ef.form)
	if err != nil {
		return formError(err)
	}
	s, err := openWrite(env, *db)
	if err != nil {
		return err
	}
	defer env.release(s)
	stored, err := s.AddEvent(e)
	if err != nil {
		return formError(err)
	}
	fmt.Fprintln(env.Stdout, stored.ID)
	return nil
}

// findEvent reads an event reference: a store ID ("12") or a dataset and
// source ID ("ACLED:PAK1234").
func findEvent(s *data.Store, ref string) (*data.Event, error) {
	if id, err := strconv.ParseUint(ref, 10, 64); err == nil {
		return s.EventByID(id)
	}
	if ds, src, ok := strings.Cut(ref, ":"); ok {
		return s.EventBySource(ds, src)
	}
	return nil, usagef("%q is not an event ID (a number, or DATASET:SOURCE_ID)", ref)
}

func runEventsEdit(env *Env, args []string) error {
	fs := newFlagSet("events edit")
	db := fs.String("db", "", "store file")
	ef := addEventFlags(fs, true)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("events edit ID --field value...")
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	s, err := openWrite(env, *db)
	if err != nil {
		return err
	}
	defer env.release(s)
	e, err := findEvent(s, pos[0])
	if err != nil {
		return err
	}
	form := data.FormOf(e)
	dst := formFields(&form)
	for name, p := range ef.fields {
		if set[name] {
			*dst[name] = *p
		}
	}
	if set["mgrs"] {
		form.Lat, form.Lon = "", ""
	}
	if set["date-end"] && !set["precision"] {
		form.Precision = "span"
	}
	if set["precision"] && !strings.EqualFold(form.Precision, "span") && !set["date-end"] {
		form.DateEnd = ""
	}
	tags := data.SplitList(strings.ReplaceAll(form.Tags, ",", ";"))
	tags = append(tags, ef.tags...)
	var kept []string
	for _, t := range tags {
		if !containsFold(ef.untag, t) {
			kept = append(kept, t)
		}
	}
	form.Tags = strings.Join(kept, ",")
	n, err := form.ApplyTo(e)
	if err != nil {
		return formError(err)
	}
	c, err := s.EditEventChange(n)
	if err != nil {
		return err
	}
	if _, err := s.Apply(c); err != nil {
		return formError(err)
	}
	fmt.Fprintf(env.Stdout, "event %d: %s\n", e.ID, strings.ToLower(c.Label))
	return nil
}

func containsFold(l []string, s string) bool {
	for _, x := range l {
		if strings.EqualFold(strings.TrimSpace(x), strings.TrimSpace(s)) {
			return true
		}
	}
	return false
}

func runEventsByID(env *Env, cmd string, args []string) error {
	fs := newFlagSet("events " + cmd)
	db := fs.String("db", "", "store file")
	asJSON := fs.Bool("json", false, "print JSON (show)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 || cmd != "delete" && len(pos) != 1 {
		return usagef("events %s ID", cmd)
	}
	s, err := openWrite(env, *db)
	if err != nil {
		return err
	}
	defer env.release(s)
	if cmd == "take" || cmd == "keep" {
		id, err := strconv.ParseUint(pos[0], 10, 64)
		if err != nil {
			return usagef("events %s ID: %q is not an event ID", cmd, pos[0])
		}
		if cmd == "keep" {
			if err := s.DismissConflict(id); err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "event %d: kept the local version\n", id)
			return nil
		}
		if _, err := s.TakeIncoming(id); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "event %d: took the incoming row\n", id)
		return nil
	}
	var ids []uint64
	var events []*data.Event
	for _, ref := range pos {
		e, err := findEvent(s, ref)
		if err != nil {
			return err
		}
		ids = append(ids, e.ID)
		events = append(events, e)
	}
	if cmd == "show" {
		p, err := s.Provenance(ids[0])
		if err != nil {
			return err
		}
		if *asJSON {
			return printJSON(env, struct {
				Event      *data.Event     `json:"event"`
				Provenance data.Provenance `json:"provenance"`
			}{events[0], p})
		}
		printEvent(env.Stdout, events[0], p)
		return nil
	}
	c, err := s.DeleteEventsChange(ids...)
	if err != nil {
		return err
	}
	if _, err := s.Apply(c); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "deleted %d events\n", len(ids))
	return nil
}

// printEvent writes an event's fields and provenance as the details pane
// shows them.
func printEvent(w io.Writer, e *data.Event, p data.Provenance) {
	fmt.Fprintf(w, "Event %d (%s %s)\n", e.ID, e.Dataset, e.SourceID)
	for _, f := range []string{"date", "position", "location", "type", "actor1", "actor2", "fatalities", "notes", "source", "tags"} {
		if v := data.FieldText(e, f); v != "" {
			fmt.Fprintf(w, "  %-11s %s\n", f+":", v)
		}
	}
	switch {
	case p.Origin == data.OriginLocal:
		fmt.Fprintln(w, "  origin:     entered by hand")
	case p.ImportID != 0:
		fmt.Fprintf(w, "  origin:     import %d (%s)\n", p.ImportID, p.ImportFile)
	default:
		fmt.Fprintln(w, "  origin:     imported")
	}
	if p.EditedLocally {
		fmt.Fprintf(w, "  edited locally on %s\n", p.Edited.Format("2006-01-02 15:04 MST"))
	}
	for _, h := range p.History {
		fmt.Fprintf(w, "  %s  %s\n", h.Time.Format("2006-01-02 15:04"), h.Action)
		for _, c := range h.Changes {
			fmt.Fprintf(w, "      %s\n", c)
		}
	}
}

func runConflicts(env *Env, args []string) error {
	fs := newFlagSet("events conflicts")
	db := fs.String("db", "", "store file")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	s, err := openStore(env, *db, false)
	if err != nil {
		return err
	}
	defer env.release(s)
	cs, err := s.Conflicts()
	if err != nil {
		return err
	}
	if *asJSON {
		if cs == nil {
			cs = []data.Conflict{}
		}
		return printJSON(env, cs)
	}
	fmt.Fprintf(env.Stdout, "Conflicts (%d):\n", len(cs))
	for _, c := range cs {
		fmt.Fprintf(env.Stdout, "  event %d (%s %s): %s; import %d (%s) carries a different row\n",
			c.EventID, c.Incoming.Dataset, c.Incoming.SourceID, c.Reason, c.ImportID, c.File)
	}
	if len(cs) > 0 {
		fmt.Fprintln(env.Stdout, "  'frontier events take ID' takes the incoming row, 'frontier events keep ID' keeps the local one")
	}
	return nil
}

func runEventsPair(env *Env, cmd string, args []string) error {
	fs := newFlagSet("events " + cmd)
	db := fs.String("db", "", "store file")
	take := fs.String("take", "", "merge: fields taken from DROP, comma-separated ("+strings.Join(data.MergeFields, ",")+")")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		if cmd == "merge" {
			return usagef("events merge KEEP DROP [--take FIELD,...]")
		}
		return usagef("events distinct ID ID")
	}
	s, err := openWrite(env, *db)
	if err != nil {
		return err
	}
	defer env.release(s)
	a, err := findEvent(s, pos[0])
	if err != nil {
		return err
	}
	b, err := findEvent(s, pos[1])
	if err != nil {
		return err
	}
	var c data.EventChange
	if cmd == "merge" {
		var fields []string
		if *take != "" {
			fields = strings.Split(*take, ",")
		}
		c, err = s.MergeEventsChange(a.ID, b.ID, fields)
	} else {
		c, err = s.MarkDistinctChange(a.ID, b.ID, true)
	}
	if err != nil {
		return formError(err)
	}
	if !c.IsEmpty() {
		if _, err := s.Apply(c); err != nil {
			return err
		}
	}
	if cmd == "merge" {
		fmt.Fprintf(env.Stdout, "merged event %d into %d\n", b.ID, a.ID)
	} else {
		fmt.Fprintf(env.Stdout, "events %d and %d marked distinct\n", a.ID, b.ID)
	}
	return nil
}

// DuplicateSide is one event of a pair as `frontier duplicates --json`
// prints it.
type DuplicateSide struct {
	ID       uint64 `json:"id"`
	Dataset  string `json:"dataset"`
	SourceID string `json:"source_id"`
	Date     string `json:"date"`
	Location string `json:"location"`
}

// DuplicateResult is one pair as `frontier duplicates --json` prints it.
type DuplicateResult struct {
	A           DuplicateSide `json:"a"`
	B           DuplicateSide `json:"b"`
	Km          float64       `json:"km"`
	Days        int           `json:"days"`
	SharedActor string        `json:"shared_actor,omitempty"`
	SharedType  string        `json:"shared_type,omitempty"`
}

func runDuplicates(env *Env, args []string) error {
	fs := newFlagSet("duplicates")
	db := fs.String("db", "", "store file")
	asJSON := fs.Bool("json", false, "print JSON")
	days := fs.Int("days", data.DefaultDuplicateOptions.Days, "how many days apart")
	km := fs.Float64("km", data.DefaultDuplicateOptions.Km, "how many kilometres apart")
	limit := fs.Int("limit", 0, "stop after this many pairs (0: all)")
	sel, err := selectEvents(env, fs, args, db, func() error {
		if *days < 0 || *km <= 0 || *limit < 0 {
			return usagef("--days, --km and --limit must be positive")
		}
		return nil
	})
	if err != nil {
		return err
	}
	defer env.release(sel.store)
	ix := sel.ix
	pairs, err := ix.FindDuplicates(data.DuplicateOptions{Days: *days, Km: *km, Rows: sel.res.Rows, Limit: *limit})
	if err != nil {
		return usagef("%v", err)
	}
	side := func(row int32) (DuplicateSide, error) {
		e, err := ix.Event(int(row))
		if err != nil {
			return DuplicateSide{}, err
		}
		return DuplicateSide{e.ID, e.Dataset, e.SourceID, ix.RowDate(int(row)), e.Location}, nil
	}
	out := make([]DuplicateResult, 0, len(pairs))
	for _, p := range pairs {
		a, err := side(p.A)
		if err != nil {
			return err
		}
		b, err := side(p.B)
		if err != nil {
			return err
		}
		out = append(out, DuplicateResult{a, b, p.Km, p.Days, p.SharedActor, p.SharedType})
	}
	if *asJSON {
		return printJSON(env, out)
	}
	fmt.Fprintf(env.Stdout, "Possible duplicates (%d pairs in %d groups):\n", len(out), len(data.DuplicateGroups(pairs)))
	for _, r := range out {
		shared := "actor " + r.SharedActor
		if r.SharedActor == "" {
			shared = "type " + r.SharedType
		}
		days := "same day"
		if r.Days == 1 {
			days = "1 day apart"
		} else if r.Days > 1 {
			days = fmt.Sprintf("%d days apart", r.Days)
		}
		fmt.Fprintf(env.Stdout, "  %d %s %s %s %s  ~  %d %s %s %s %s  (%.1f km, %s, %s)\n",
			r.A.ID, r.A.Dataset, r.A.SourceID, r.A.Date, r.A.Location,
			r.B.ID, r.B.Dataset, r.B.SourceID, r.B.Date, r.B.Location, r.Km, days, shared)
	}
	if len(out) > 0 {
		fmt.Fprintln(env.Stdout, "  'frontier events merge KEEP DROP' merges a pair, 'frontier events distinct A B' hides it")
	}
	return nil
}
