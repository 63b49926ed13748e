// Package atomicfile writes files so that a reader never sees half of
// one: the content goes to a temporary file beside the target, which is
// renamed over it only once complete. A failed or cancelled write leaves
// nothing under the name (and an older file there untouched).
package atomicfile

import (
	"io"
	"os"
	"path/filepath"
)

// Write writes path through write. The file gets mode 0644, as an
// ordinary file the user exports or a generated asset should (temporary
// files start private).
func Write(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	err = write(tmp)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	return err
}

// WriteBytes writes b to path as Write does.
func WriteBytes(path string, b []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}
