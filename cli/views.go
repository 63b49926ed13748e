package cli

import (
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"frontier/brief"
	"frontier/data"
)

// runViews dispatches "frontier views list".
func runViews(env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("views needs a subcommand: list")
	}
	if args[0] != "list" {
		return usagef("unknown views subcommand %q (list)", args[0])
	}
	fs := newFlagSet("views list")
	db := fs.String("db", "", "store file")
	asJSON := fs.Bool("json", false, "print the views as a JSON array")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	s, err := openAnnotationStore(env, *db, true)
	if err != nil {
		return err
	}
	defer env.release(s)
	views, err := s.Views()
	if err != nil {
		return err
	}
	if *asJSON {
		if views == nil {
			views = []data.View{}
		}
		return printJSON(env, views)
	}
	if len(views) == 0 {
		fmt.Fprintln(env.Stdout, "No saved views.")
		return nil
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tID\tTITLE\tWINDOW\tZOOM\tCENTRE\tLAYERS")
	for i, v := range views {
		window := brief.DateWindowText(v.Filter.From, v.Filter.To)
		if window == "" {
			window = "all dates"
		}
		layers := "visible"
		if v.Layers != nil {
			layers = strconv.Itoa(len(v.Layers))
		}
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%.2f\t%.4f, %.4f\t%s\n", i+1, v.ID, v.Title, window, v.Zoom, v.CenterLon, v.CenterLat, layers)
	}
	return tw.Flush()
}

// findView returns the saved view named ref: its exact title, else its
// title in any case, else its ID. An unknown or ambiguous name is a usage
// error that lists the views.
func findView(s *data.Store, ref string) (data.View, error) {
	views, err := s.Views()
	if err != nil {
		return data.View{}, err
	}
	ref = strings.TrimSpace(ref)
	for _, exact := range []bool{true, false} {
		var found []data.View
		for _, v := range views {
			if (exact && v.Title == ref) || (!exact && strings.EqualFold(v.Title, ref)) {
				found = append(found, v)
			}
		}
		switch {
		case len(found) == 1:
			return found[0], nil
		case len(found) > 1:
			ids := make([]string, len(found))
			for i, v := range found {
				ids[i] = strconv.FormatUint(v.ID, 10)
			}
			return data.View{}, usagef("%d views are titled %q (IDs %s); name one by its ID", len(found), ref, strings.Join(ids, ", "))
		}
	}
	if id, err := strconv.ParseUint(ref, 10, 64); err == nil {
		for _, v := range views {
			if v.ID == id {
				return v, nil
			}
		}
	}
	return data.View{}, usagef("no saved view %q (%s)", ref, viewTitles(views))
}

// findViews returns the views spec names: "all" (or "") for the whole
// deck in order, "none" for none, else a comma-separated list of titles
// or IDs, in the order given.
func findViews(s *data.Store, spec string) ([]data.View, error) {
	switch strings.ToLower(strings.TrimSpace(spec)) {
	case "", "all":
		return s.Views()
	case "none":
		return []data.View{}, nil
	}
	var out []data.View
	for _, ref := range strings.Split(spec, ",") {
		if strings.TrimSpace(ref) == "" {
			continue
		}
		v, err := findView(s, ref)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// viewTitles lists views for an error message.
func viewTitles(views []data.View) string {
	if len(views) == 0 {
		return "the store has no saved views"
	}
	t := make([]string, len(views))
	for i, v := range views {
		t[i] = strconv.Quote(v.Title)
	}
	return "views: " + strings.Join(t, ", ")
}
