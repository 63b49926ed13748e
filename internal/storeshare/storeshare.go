// Package storeshare lets the Frontier process that holds a store answer
// the other Frontier processes of the same user on the same machine. bbolt
// locks a store file for the process that opens it writable, so a second
// Frontier cannot even read it; instead it asks the holder, over a
// Unix-domain socket named after the store, who it is and for a consistent
// copy of the store, which it can then open read-only.
//
// The protocol is one request per connection: the client sends one JSON
// line ({"op":"who"} or {"op":"copy","path":"/abs/file"}), the server
// answers with JSON lines (progress lines while a copy is written, then a
// final one). The socket lives in a folder private to the user (0700), so
// only the user's own processes can connect. It knows nothing of Fyne.
package storeshare

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Holder describes the process that holds a store.
type Holder struct {
	// PID is the holder's process ID.
	PID int `json:"pid"`
	// What is what the holder is: "desktop app", "frontier import", …
	What string `json:"what"`
	// Since is when it opened the store.
	Since time.Time `json:"since"`
}

// String reads "desktop app, process 1234, since 11:02" (the time in the
// local zone; with the date when it is not today).
func (h Holder) String() string {
	what := h.What
	if what == "" {
		what = "a Frontier"
	}
	s := what + ", process " + strconv.Itoa(h.PID)
	if !h.Since.IsZero() {
		since := h.Since.Local()
		now := time.Now()
		if y, m, d := since.Date(); y == now.Year() && m == now.Month() && d == now.Day() {
			s += ", since " + since.Format("15:04")
		} else {
			s += ", since " + since.Format("2006-01-02 15:04")
		}
	}
	return s
}

// Copier writes a consistent copy of the store it holds to path and
// returns the copy's size, stopping when ctx is done; *data.Store is one.
type Copier interface {
	Backup(ctx context.Context, path string, progress func(done, total int64)) (int64, error)
}

// maxSocketPath is the longest socket path used: sun_path holds 104 bytes
// on macOS and 108 on Linux, with the terminating NUL.
const maxSocketPath = 100

// SocketPath returns the socket through which the holder of the store at
// storePath answers: <run folder>/<16 hex digits of the hash of the
// store's absolute, symlink-free path>.sock. The run folder is
// $XDG_RUNTIME_DIR/frontier when set, else frontier/run in the user's
// cache folder, else (or when that makes the path too long for a socket)
// a frontier-UID folder in the temporary folder.
func SocketPath(storePath string) (string, error) {
	key, err := storeKey(storePath)
	if err != nil {
		return "", err
	}
	name := key + ".sock"
	for _, dir := range runDirs() {
		p := filepath.Join(dir, name)
		if len(p) <= maxSocketPath {
			return p, nil
		}
	}
	return "", fmt.Errorf("store %s: no folder for its socket has a path short enough (at most %d bytes)", storePath, maxSocketPath)
}

// storeKey names a store file independently of how its path was written.
func storeKey(storePath string) (string, error) {
	abs, err := filepath.Abs(storePath)
	if err != nil {
		return "", fmt.Errorf("store %s: %w", storePath, err)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		abs = strings.ToLower(abs) // their file systems ignore case by default
	}
	sum := sha256.Sum256([]byte(abs))
	return hex.EncodeToString(sum[:8]), nil
}

// runDirs lists the candidate socket folders, best first.
func runDirs() []string {
	var dirs []string
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" && filepath.IsAbs(d) {
		dirs = append(dirs, filepath.Join(d, "frontier"))
	}
	if d, err := os.UserCacheDir(); err == nil {
		dirs = append(dirs, filepath.Join(d, "frontier", "run"))
	}
	tmp := "frontier"
	if uid := os.Getuid(); uid >= 0 {
		tmp += "-" + strconv.Itoa(uid)
	}
	return append(dirs, filepath.Join(os.TempDir(), tmp))
}

// privateDir makes dir (and its parents), and makes sure dir itself is a
// folder only the user can enter.
func privateDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("make the socket folder: %w", err)
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("make the socket folder: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("socket folder %s is not a folder", dir)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("make the socket folder %s private: %w", dir, err)
		}
	}
	return nil
}

// ErrNoAnswer is returned by Who and Copy when no process answers for the
// store: nobody holds it, or an older Frontier (or another program) does.
var ErrNoAnswer = errors.New("no Frontier answers for this store")
