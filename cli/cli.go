// Package cli implements the frontier command line: the subcommands that
// work on a store without a window (import, stats, export, render,
// annotations, views, deck, animate, package) and the choice
// of store file. It knows nothing of Fyne; main hands it the function that
// opens the desktop app.
package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Exit codes.
const (
	ExitOK     = 0
	ExitFailed = 1
	ExitUsage  = 2
)

// usageError is an error in the command line, reported with exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// Env carries the process's streams and environment, so tests can run
// commands in-process.
type Env struct {
	Stdout, Stderr io.Writer
	// Getenv reads an environment variable (os.Getenv when nil).
	Getenv func(string) string
	// GUI opens the desktop app on a store; nil means no GUI is available.
	GUI func(dbPath string) error
	// Stdin is where a question is answered (os.Stdin when nil), and
	// Interactive says whether a person is there to answer (when nil:
	// whether the process's standard input is a terminal).
	Stdin       io.Reader
	Interactive func() bool

	sess *session // set by Run for one command (storeopen.go)
}

func (e *Env) interactive() bool {
	if e.Interactive == nil {
		return stdinIsTerminal()
	}
	return e.Interactive()
}

func (e *Env) getenv(k string) string {
	if e.Getenv == nil {
		return os.Getenv(k)
	}
	return e.Getenv(k)
}

type command struct {
	name, args, help string
	run              func(env *Env, args []string) error
}

var commands []command

func init() {
	commands = []command{
		{"import", "[--json] [--map lat=COL,lon=COL,date=COL,...] FILE...", "import ACLED or UCDP GED CSV, any CSV of events, GeoJSON, KML or KMZ files into the store (format detected from the content)", runImport},
		{"stats", "[--json] [filter flags]", "count the events passing a filter", runStats},
		{"export", "--format csv|geojson|kml|kmz --out FILE [filter flags]", "write the events passing a filter", runExport},
		{"annotations", "list [--json] | export --layer NAME --format geojson|kml|kmz --out FILE | import FILE [--layer NAME] [--json]", "list the annotation layers, or exchange one with GIS tools as GeoJSON, KML or KMZ", runAnnotations},
		{"render", "--out FILE.png [--size WxH] [--bbox W,S,E,N | --center LON,LAT --zoom Z] [--title T] [--layers NAME,...|none] [--sample] [filter flags] | --view NAME --out FILE.png [--size WxH]",
			"draw the map of the events passing a filter, with the visible annotation layers, to a PNG (no display needed); --view draws a saved view with its title, legend and date window", runRender},
		{"views", "list [--json]", "list the saved views in deck order", runViews},
		{"deck", "export --format png|pdf --out PATH [--size WxH] [--views all|NAME,...] [--notes] [--page-titles] [--page A4|A3|Letter]",
			"write the saved views as numbered PNGs in the directory PATH, or as one PDF with a page per view", runDeck},
		{"animate", "--out FILE.gif|DIR --from YYYY-MM-DD --to YYYY-MM-DD [--step 7d] [--window 30d|--cumulative] [--fps 4] [--size WxH] [--view NAME] [--frames] [filter flags]",
			"draw one frame per step with its dates burnt in, as an animated GIF or PNG frames", runAnimate},
		{"package", "export --out FILE.frontier-brief [--views all|none|NAME,...] [--layers all|none|NAME,...] [filter flags] | open FILE --db NEWSTORE | merge FILE | info FILE",
			"write a briefing package (events passing a filter, annotation layers, saved views) or open one as a new store, merge one into the store, or describe one", runPackage},
		{"actors", "list [--json] | rename OLD NEW | merge ALIAS... --into NAME | split ALIAS | colour NAME #RRGGBB|none | type NAME TYPE | group NAME MEMBER... [--like TEXT] [--remove] | group --delete NAME",
			"list and curate actors: aliases, colours, types and groups (filters, counts, map colours and timeline stacks follow the canonical actor)", runActors},
		{"events", "add --date D --lat LAT --lon LON|--mgrs REF --type T [--sub-type S --actor1 A --actor2 B --fatalities N --location L --notes N --source S --tag T ...] | edit ID --FIELD VALUE... [--tag T --untag T] | delete ID... | show ID [--json] | conflicts [--json] | take ID | keep ID | merge KEEP DROP [--take FIELD,...] | distinct ID ID",
			"enter events by hand (prints the new ID), edit, delete, show their history, settle import conflicts, merge duplicates", runEvents},
		{"tag", "NAME [--remove] [--id ID]... [filter flags] | --list [--json]", "tag (or untag) the events passing a filter, or list the tags", runTag},
		{"duplicates", "[--days N] [--km X] [--limit N] [--json] [filter flags]", "list possible duplicates: events within N days and X km sharing an actor or type (default 1 day, 5 km)", runDuplicates},
		{"backup", "--out FILE", "write a consistent copy of the store to FILE, also while another Frontier has it open", runBackup},
		{"help", "", "show this help", func(env *Env, _ []string) error { printHelp(env.Stdout); return nil }},
	}
}

// Run executes the command line args (without the program name) and returns
// the exit code.
func Run(env *Env, args []string) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") && args[0] != "-h" && args[0] != "--help" {
		return finish(env, "frontier", runGUI(env, args))
	}
	name := args[0]
	if name == "-h" || name == "--help" {
		name = "help"
	}
	for _, c := range commands {
		if c.name == name {
			cenv, cargs := prepare(env, name, args[1:])
			defer cenv.releaseAll()
			return finish(env, "frontier "+name, c.run(cenv, cargs))
		}
	}
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	return finish(env, "frontier", usagef("unknown command %q (commands: %s)", name, strings.Join(names, ", ")))
}

func finish(env *Env, prefix string, err error) int {
	if err == nil {
		return ExitOK
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(env.Stderr, "%s: %s (see 'frontier help')\n", prefix, ue.msg)
		return ExitUsage
	}
	var ex exitError
	if errors.As(err, &ex) {
		return ex.code
	}
	fmt.Fprintf(env.Stderr, "%s: %v\n", prefix, err)
	return ExitFailed
}

// exitError ends a command with a code after it has said what went wrong.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

func runGUI(env *Env, args []string) error {
	fs := newFlagSet("frontier")
	db := fs.String("db", "", "store file")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q (a subcommand comes first: frontier %s --db PATH …)", pos[0], pos[0])
	}
	if env.GUI == nil {
		return errors.New("this build has no desktop app")
	}
	path, err := resolveDB(env, *db)
	if err != nil {
		return err
	}
	return env.GUI(path)
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "Frontier: an offline map-and-timeline explorer for geotagged events.")
	fmt.Fprintln(w, "\nUsage:\n  frontier [--db PATH]                 open the desktop app")
	for _, c := range commands {
		if c.name != "help" {
			fmt.Fprintf(w, "  frontier %s %s\n      %s\n", c.name, c.args, c.help)
		}
	}
	fmt.Fprint(w, `
Every subcommand takes --db PATH after its name; otherwise $FRONTIER_DB, or
else frontier.db in the user's data directory. A command that only reads,
run on a store another Frontier has open, asks (or, with --read-only, goes
straight on) to work on a read-only copy taken from it.

Filter flags (stats, export, render, tag, duplicates, animate, package export):
  --from YYYY-MM-DD --to YYYY-MM-DD   date window, both ends inclusive
  --actor NAME                        actor1, actor2 or associated actor (repeatable; an alias
                                      stands for its canonical actor)
  --group NAME                        any actor of an actor group (repeatable)
  --type NAME                         event type or sub-event type (repeatable)
  --tag NAME                          carries this user tag (repeatable)
  --bbox minLon,minLat,maxLon,maxLat  bounding box
  --min-fatalities N                  at least N fatalities
  --text WORD                         in the location or the notes

An event ID is the number 'events add' prints (or 'events show' and 'duplicates'
list), or DATASET:SOURCE_ID such as ACLED:PAK1234.
`)
}

// DefaultDBPath returns frontier.db in the user's data directory:
// $XDG_DATA_HOME/frontier (or ~/.local/share/frontier) on Linux and BSD,
// ~/Library/Application Support/Frontier on macOS, %LOCALAPPDATA%\Frontier
// on Windows.
func DefaultDBPath(getenv func(string) string) (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "Frontier", "frontier.db"), nil
		}
	case "darwin":
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, "Library", "Application Support", "Frontier", "frontier.db"), nil
		}
	default:
		if d := getenv("XDG_DATA_HOME"); d != "" {
			return filepath.Join(d, "frontier", "frontier.db"), nil
		}
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, ".local", "share", "frontier", "frontier.db"), nil
		}
	}
	h, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no data directory: %w (pass --db)", err)
	}
	return filepath.Join(h, ".frontier", "frontier.db"), nil
}

// resolveDB picks the store file: the flag, else $FRONTIER_DB, else the
// default.
func resolveDB(env *Env, flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if p := env.getenv("FRONTIER_DB"); p != "" {
		return p, nil
	}
	return DefaultDBPath(env.getenv)
}

func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses flags that may stand before, between or after the
// positional arguments, and returns the positional ones.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, usagef("%s takes the flags shown by 'frontier help'", fs.Name())
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// parseFlags parses args for a command that takes flags only: a
// positional argument is a usage error.
func parseFlags(fs *flag.FlagSet, args []string) error {
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	return nil
}

// printJSON writes v to stdout as indented JSON (the --json output of
// every command).
func printJSON(env *Env, v any) error {
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
