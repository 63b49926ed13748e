package cli

import (
	"errors"
	"fmt"

	"frontier/data"
)

// openDataStore opens the store at path for a subcommand. A store written
// by an older Frontier is upgraded even by a command that only reads (a
// read-only open cannot upgrade it, so it is opened for writing once,
// which keeps a copy of the old file, and then read-only); either way the
// user is told on stderr, once, where the old file is kept.
func openDataStore(env *Env, path string, readOnly bool) (*data.Store, error) {
	s, err := data.Open(path, data.Options{ReadOnly: readOnly})
	if readOnly && errors.Is(err, data.ErrOlderSchema) {
		w, werr := data.Open(path, data.Options{})
		if werr != nil {
			return nil, fmt.Errorf("%w; the upgrade failed: %w", err, werr)
		}
		printMigration(env, w)
		if err := w.Close(); err != nil {
			return nil, err
		}
		s, err = data.Open(path, data.Options{ReadOnly: true})
	}
	if err != nil {
		return nil, err
	}
	if !readOnly {
		printMigration(env, s)
	}
	return s, nil
}

// printMigration tells the user, on stderr, that opening s upgraded it
// and where the old file is kept; it prints nothing otherwise.
func printMigration(env *Env, s *data.Store) {
	if from, backup := s.Migration(); from != 0 {
		fmt.Fprintf(env.Stderr, "upgraded store %s from schema %d to %d; the old file is kept at %s\n", s.Path(), from, data.SchemaVersion, backup)
	}
}
