package cli

import (
	"context"
	"errors"
	"fmt"
	"os"

	"frontier/data"
	"frontier/internal/files"
	"frontier/internal/storeshare"
)

// runBackup writes a consistent copy of the store: read from the file
// when no Frontier holds it, else written by the Frontier that does.
func runBackup(env *Env, args []string) error {
	fs := newFlagSet("backup")
	db := fs.String("db", "", "store file")
	out := fs.String("out", "", "the copy to write")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out FILE is required: where to write the copy")
	}
	path, err := resolveDB(env, *db)
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("no store at %s (import a file first, or pass --db)", path)
	}
	if files.Same(path, *out) {
		return usagef("--out %s is the store itself: choose another file for the copy", *out)
	}
	if fi, err := os.Stat(*out); err == nil && fi.IsDir() {
		return usagef("--out %s is a folder: name the file to write", *out)
	}
	size, from, err := backupStore(env, path, *out)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "backed up %s to %s (%s)%s\n", path, *out, files.SizeText(size), from)
	return nil
}

// backupStore copies the store at path to out, and says who wrote the
// copy when another Frontier did.
func backupStore(env *Env, path, out string) (int64, string, error) {
	progress := env.copyProgress("backing up " + path)
	s, err := data.Open(path, data.Options{ReadOnly: true})
	if err == nil {
		size, err := s.Backup(context.Background(), out, progress)
		if cerr := s.Close(); err == nil && cerr != nil {
			err = cerr
		}
		return size, "", err
	}
	if !errors.Is(err, data.ErrLocked) {
		return 0, "", err
	}
	holder, err := storeshare.Who(path)
	if err != nil {
		return 0, "", fmt.Errorf("store %s is in use by another program that does not answer (an older Frontier, or a frontier command still running): close it and try again", path)
	}
	size, err := storeshare.Copy(path, out, progress)
	if err != nil {
		return 0, "", err
	}
	return size, fmt.Sprintf(", written by the Frontier holding it (%s)", holder), nil
}
