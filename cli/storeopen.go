package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"frontier/data"
	"frontier/internal/storeshare"
)

// readOnlyFlag makes a command that only reads work on a copy of a store
// another Frontier holds, without asking.
const readOnlyFlag = "--read-only"

// opened is a store a command opened through Env.openAt: the server that
// answers other Frontiers for it, or the folder of the copy it reads.
type opened struct {
	store   *data.Store
	server  *storeshare.Server
	copyDir string
}

// session is what Run keeps about one command: its name, how it may open
// a held store and the stores it opened.
type session struct {
	command      string // "frontier import", "frontier actors rename", …
	readOnlyCopy bool   // --read-only was given

	mu     sync.Mutex
	opened []*opened
}

// commandsWithSub are the commands whose first argument names what they do.
var commandsWithSub = map[string]bool{"annotations": true, "views": true, "deck": true, "package": true, "actors": true, "events": true}

// prepare returns a copy of env for running command name with args, and
// the args without --read-only (which any command accepts, before a "--").
func prepare(env *Env, name string, args []string) (*Env, []string) {
	e := *env
	e.sess = &session{command: "frontier " + name}
	if commandsWithSub[name] && len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		e.sess.command += " " + args[0]
	}
	out := make([]string, 0, len(args))
	for i, a := range args {
		if a == "--" {
			out = append(out, args[i:]...)
			break
		}
		if a == readOnlyFlag || a == "-read-only" {
			e.sess.readOnlyCopy = true
			continue
		}
		out = append(out, a)
	}
	return &e, out
}

// openAt opens the existing store at path, for writing when write is set.
// While it holds the store, the command answers other Frontiers (who it
// is; copies of the store). When another Frontier holds
// the store, a write fails naming it; a read asks whether to work on a
// read-only copy taken from it (or takes one without asking with
// --read-only). Close the store with env.release.
func (env *Env) openAt(path string, write bool) (*data.Store, error) {
	if write && env.sess != nil && env.sess.readOnlyCopy {
		return nil, usagef("%s: %s writes to the store, so it cannot work on a read-only copy", readOnlyFlag, env.command())
	}
	s, err := openDataStore(env, path, !write) // upgrades an older store, saying so
	if err == nil {
		o := &opened{store: s}
		// While the command holds the store, other Frontiers are told who
		// it is and can have a copy. A reader shares the store with other
		// readers, of which only the first answers.
		if o.server, err = storeshare.Serve(path, env.command(), s); err != nil && write {
			// Others will only be told the store is busy; the command
			// itself is not affected.
			fmt.Fprintf(env.Stderr, "frontier: warning: other Frontiers will not see who holds %s: %v\n", path, err)
		}
		env.track(o)
		return s, nil
	}
	if !errors.Is(err, data.ErrLocked) {
		return nil, err
	}
	holder, werr := storeshare.Who(path)
	if werr != nil {
		return nil, fmt.Errorf("store %s is in use by another program that does not answer (an older Frontier, or a frontier command still running): close it and try again", path)
	}
	if write {
		return nil, fmt.Errorf("store %s is open in another Frontier (%s): %s", path, holder, closeHint(holder, env.command()))
	}
	if env.sess == nil || !env.sess.readOnlyCopy {
		if !env.interactive() {
			return nil, fmt.Errorf("store %s is open in another Frontier (%s): close it, or add %s to work on a read-only copy taken from it now", path, holder, readOnlyFlag)
		}
		ok, err := env.askCopy(path, holder)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, errors.New("cancelled")
		}
	}
	return env.openCopy(path, holder)
}

// closeHint says how to free a store holder holds for command.
func closeHint(holder storeshare.Holder, command string) string {
	if holder.What != "desktop app" {
		return "wait for it to finish, then try again"
	}
	if command == "frontier import" {
		return "close the desktop app first, or import from its File menu"
	}
	return "close the desktop app first, or make the change there"
}

// askCopy asks on the terminal whether to work on a read-only copy.
func (env *Env) askCopy(path string, holder storeshare.Holder) (bool, error) {
	in := env.Stdin
	if in == nil {
		in = os.Stdin
	}
	br := bufio.NewReader(in)
	fmt.Fprintf(env.Stderr, "Store %s is open in another Frontier (%s).\n", path, holder)
	for {
		fmt.Fprint(env.Stderr, "Work on a [r]ead-only copy taken from it now, or [c]ancel? ")
		line, err := br.ReadString('\n')
		switch strings.ToLower(strings.TrimSpace(line)) {
		case "r", "read-only", "read", "copy":
			return true, nil
		case "c", "cancel", "q", "n", "no":
			return false, nil
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				return false, nil
			}
			return false, fmt.Errorf("read the answer: %w", err)
		}
	}
}

// openCopy asks holder for a copy of the store at path in a private
// temporary folder and opens it read-only.
func (env *Env) openCopy(path string, holder storeshare.Holder) (*data.Store, error) {
	dir, err := os.MkdirTemp("", "frontier-copy-*")
	if err != nil {
		return nil, fmt.Errorf("make a folder for a copy of %s: %w", path, err)
	}
	copyPath := filepath.Join(dir, filepath.Base(path))
	if _, err := storeshare.Copy(path, copyPath, env.copyProgress("copying "+path)); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	s, err := data.Open(copyPath, data.Options{ReadOnly: true})
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("open the copy of %s: %w", path, err)
	}
	if runtime.GOOS != "windows" {
		// An open file can still be read once it has no name: nothing is
		// left behind even if the command is killed (on Windows the
		// folder goes when the store is closed).
		os.RemoveAll(dir)
	}
	fmt.Fprintf(env.Stderr, "frontier: reading a copy of %s taken at %s from the %s\n", path, time.Now().Format("15:04:05"), holder)
	env.track(&opened{store: s, copyDir: dir})
	return s, nil
}

// copyProgress prints, on stderr, how much of a big copy is written.
func (env *Env) copyProgress(what string) func(done, total int64) {
	start := time.Now()
	var last time.Time
	return func(done, total int64) {
		if total < 64<<20 || time.Since(last) < time.Second && done < total {
			return
		}
		last = time.Now()
		fmt.Fprintf(env.Stderr, "%s: %d of %d MB (%.0fs)\n", what, done>>20, total>>20, time.Since(start).Seconds())
	}
}

// command names the running command for other Frontiers.
func (env *Env) command() string {
	if env.sess == nil {
		return "frontier"
	}
	return env.sess.command
}

func (env *Env) track(o *opened) {
	if env.sess == nil {
		env.sess = &session{command: "frontier"}
	}
	env.sess.mu.Lock()
	env.sess.opened = append(env.sess.opened, o)
	env.sess.mu.Unlock()
}

// release closes a store opened by openAt: it stops answering for it,
// closes it and removes the copy it was read from.
func (env *Env) release(s *data.Store) error {
	if env.sess != nil {
		env.sess.mu.Lock()
		for i, o := range env.sess.opened {
			if o.store == s {
				env.sess.opened = append(env.sess.opened[:i], env.sess.opened[i+1:]...)
				env.sess.mu.Unlock()
				return o.close()
			}
		}
		env.sess.mu.Unlock()
	}
	return s.Close()
}

// releaseAll closes what the command left open.
func (env *Env) releaseAll() {
	if env.sess == nil {
		return
	}
	env.sess.mu.Lock()
	left := env.sess.opened
	env.sess.opened = nil
	env.sess.mu.Unlock()
	for _, o := range left {
		o.close()
	}
}

func (o *opened) close() error {
	if o.server != nil {
		o.server.Close() // before the store closes: it may be writing a copy
	}
	err := o.store.Close()
	if o.copyDir != "" {
		os.RemoveAll(o.copyDir)
	}
	return err
}
