// Package atomicfile writes files so that a reader never sees half of
// one: the content goes to a temporary file beside the target, which is
// synced to disk and renamed over it only once complete. A failed or
// cancelled write leaves nothing under the name (and an older file there
// untouched).
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
	return WriteMode(path, 0o644, write)
}

// WriteMode writes path through write, giving the file mode perm. The
// content is on disk (fsync'd) before the file appears under its name.
func WriteMode(path string, perm os.FileMode, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	err = write(tmp)
	if err == nil {
		err = tmp.Chmod(perm)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err == nil {
		syncDir(filepath.Dir(path))
	}
	return err
}

// syncDir makes a rename in dir durable where the system allows it (not
// on Windows, where a directory cannot be opened for syncing).
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	d.Close()
}

// WriteBytes writes b to path as Write does.
func WriteBytes(path string, b []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}
