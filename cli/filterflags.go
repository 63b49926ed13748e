package cli

import (
	"flag"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"frontier/data"

	"github.com/paulmach/orb"
)

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(s string) error { *l = append(*l, s); return nil }

// filterFlags are the filter flags shared by every subcommand that selects
// events.
type filterFlags struct {
	from, to, bbox, text string
	actors, types        stringList
	groups, tags         stringList
	minFatalities        int
}

func addFilterFlags(fs *flag.FlagSet) *filterFlags {
	f := &filterFlags{}
	fs.StringVar(&f.from, "from", "", "first day, YYYY-MM-DD")
	fs.StringVar(&f.to, "to", "", "last day, YYYY-MM-DD")
	fs.Var(&f.actors, "actor", "actor name (repeatable)")
	fs.Var(&f.types, "type", "event or sub-event type (repeatable)")
	fs.StringVar(&f.bbox, "bbox", "", "minLon,minLat,maxLon,maxLat")
	fs.IntVar(&f.minFatalities, "min-fatalities", 0, "minimum fatalities")
	fs.StringVar(&f.text, "text", "", "text in location or notes")
	fs.Var(&f.groups, "group", "actor group (repeatable)")
	fs.Var(&f.tags, "tag", "user tag (repeatable)")
	return f
}

// any reports whether any filter flag was given.
func (f *filterFlags) any() bool {
	return f.from != "" || f.to != "" || f.bbox != "" || f.text != "" || len(f.actors) > 0 || len(f.types) > 0 ||
		len(f.groups) > 0 || len(f.tags) > 0 || f.minFatalities != 0
}

// filter turns the flags into a data.Filter; bad values are usage errors.
func (f *filterFlags) filter() (*data.Filter, error) {
	out := &data.Filter{Actors: f.actors, Types: f.types, MinFatalities: f.minFatalities, Text: f.text, Groups: f.groups, Tags: f.tags}
	var err error
	if f.from != "" {
		if out.From, err = parseFlagDay("from", f.from); err != nil {
			return nil, err
		}
	}
	if f.to != "" {
		if out.To, err = parseFlagDay("to", f.to); err != nil {
			return nil, err
		}
	}
	if !out.From.IsZero() && !out.To.IsZero() && out.To.Before(out.From) {
		return nil, usagef("--to %s is before --from %s", f.to, f.from)
	}
	if f.minFatalities < 0 {
		return nil, usagef("--min-fatalities must be 0 or more")
	}
	if f.bbox != "" {
		b, err := parseBBox(f.bbox)
		if err != nil {
			return nil, err
		}
		out.BBox = &orb.Bound{Min: orb.Point{b[0], b[1]}, Max: orb.Point{b[2], b[3]}}
	}
	return out, nil
}

func parseFlagDay(name, s string) (t time.Time, err error) {
	t, err = time.Parse(data.DateLayout, s)
	if err != nil {
		return t, usagef("--%s %q: want YYYY-MM-DD", name, s)
	}
	return t, nil
}

// parseBBox reads "minLon,minLat,maxLon,maxLat".
func parseBBox(s string) ([4]float64, error) {
	var b [4]float64
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return b, usagef("--bbox %q: want minLon,minLat,maxLon,maxLat", s)
	}
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return b, usagef("--bbox %q: %q is not a number", s, p)
		}
		b[i] = v
	}
	if b[0] > b[2] || b[1] > b[3] || b[1] < -90 || b[3] > 90 || b[0] < -180 || b[2] > 180 {
		return b, usagef("--bbox %q: want minLon<=maxLon, minLat<=maxLat within -180..180, -90..90", s)
	}
	return b, nil
}

// openForRead opens an existing store read-only and loads its index.
func openForRead(env *Env, dbFlag string) (*data.Store, *data.Index, error) {
	return openIndexed(env, dbFlag, false)
}

// openIndexed opens an existing store (for writing when write is set) and
// loads its index.
func openIndexed(env *Env, dbFlag string, write bool) (*data.Store, *data.Index, error) {
	path, err := resolveDB(env, dbFlag)
	if err != nil {
		return nil, nil, err
	}
	if _, err := os.Stat(path); err != nil {
		return nil, nil, fmt.Errorf("no store at %s (import a file first, or pass --db)", path)
	}
	s, err := env.openAt(path, write)
	if err != nil {
		return nil, nil, err
	}
	ix, err := data.LoadIndex(s)
	if err != nil {
		env.release(s)
		return nil, nil, err
	}
	return s, ix, nil
}

// selection is what a filtering subcommand works on.
type selection struct {
	store *data.Store
	ix    *data.Index
	res   data.Result
}

// selectEvents adds the filter flags to fs, parses args (no positional
// arguments allowed), runs check on the other flags, opens the store
// read-only and applies the filter. The caller closes sel.store.
func selectEvents(env *Env, fs *flag.FlagSet, args []string, db *string, check func() error) (sel selection, err error) {
	ff := addFilterFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return sel, err
	}
	return ff.open(env, *db, false, check)
}

// open runs check, opens the store (for writing when write is set) and
// applies the filter. The caller closes sel.store.
func (ff *filterFlags) open(env *Env, db string, write bool, check func() error) (sel selection, err error) {
	if check != nil {
		if err := check(); err != nil {
			return sel, err
		}
	}
	f, err := ff.filter()
	if err != nil {
		return sel, err
	}
	if sel.store, sel.ix, err = openIndexed(env, db, write); err != nil {
		return sel, err
	}
	if sel.res, err = sel.ix.Filter(f); err != nil {
		env.release(sel.store)
		return sel, err
	}
	return sel, nil
}
