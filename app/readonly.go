package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	bolterrors "go.etcd.io/bbolt/errors"

	"frontier/data"
	"frontier/internal/storeshare"
)

// readOnlyCopy says a session shows a copy of a store another Frontier
// holds: nothing in it can be changed.
type readOnlyCopy struct {
	of    string    // the store copied (absolute path)
	taken time.Time // when
}

// readOnlyError is what a change refused on a read-only copy reports.
type readOnlyError struct {
	what string // the change refused ("" for any)
	ro   readOnlyCopy
}

func (e readOnlyError) Error() string {
	what := e.what
	if what == "" {
		what = "This change"
	}
	return fmt.Sprintf("%s cannot be saved: this window shows a read-only copy of %s taken at %s,\n"+
		"because another Frontier has the store open.\n"+
		"Close the other Frontier, then open the store again to make changes.",
		what, e.ro.of, e.ro.taken.Format("15:04"))
}

// readOnlyErr returns the error refusing the change what when the window
// shows a read-only copy, else nil.
func (u *mainUI) readOnlyErr(what string) error {
	if u == nil || u.sess == nil {
		return nil
	}
	if ro := u.sess.ro; ro != nil {
		return readOnlyError{what: what, ro: *ro}
	}
	if u.sess.store != nil && u.sess.store.ReadOnly() {
		return readOnlyError{what: what, ro: readOnlyCopy{of: u.sess.store.Path(), taken: time.Now()}}
	}
	return nil
}

// refuseWrite shows why the change what is refused when the window shows
// a read-only copy, and reports whether it did.
func (u *mainUI) refuseWrite(what string) bool {
	err := u.readOnlyErr(what)
	if err != nil {
		u.fail(err)
	}
	return err != nil
}

// explainReadOnly turns bbolt's refusal to write a read-only file into
// words (a change that got past the checks before it).
func (u *mainUI) explainReadOnly(err error) error {
	if errors.Is(err, bolterrors.ErrDatabaseReadOnly) {
		if ro := u.readOnlyErr(""); ro != nil {
			return ro
		}
		return fmt.Errorf("%w (the store is open read-only)", err)
	}
	return err
}

// showFailure shows err in a dialog: a refusal on a read-only copy as a
// notice titled so, anything else as an error.
func showFailure(err error, win fyne.Window) {
	var ro readOnlyError
	if errors.As(err, &ro) {
		dialog.ShowInformation("Read-only copy", err.Error(), win)
		return
	}
	dialog.ShowError(err, win)
}

// readOnlyStatus starts the status line of a window showing a read-only
// copy ("" for any other).
func (u *mainUI) readOnlyStatus() string {
	if u.sess == nil || u.sess.ro == nil {
		return ""
	}
	return fmt.Sprintf("Read-only copy taken %s (another Frontier has the store open) · ", u.sess.ro.taken.Format("15:04"))
}

// readOnlyTitle is the title of a window showing a read-only copy.
func readOnlyTitle(ro readOnlyCopy) string {
	return fmt.Sprintf("Frontier — read-only copy of %s taken %s", ro.of, ro.taken.Format("15:04"))
}

// mainWindow is a main window with its store: the one Run shows, or the
// one the startup window opens once the user has chosen.
type mainWindow struct {
	w       fyne.Window
	sess    *session
	store   *data.Store
	server  *storeshare.Server // answers other Frontiers (nil for a copy)
	copyDir string             // the read-only copy's folder, removed at close
	once    sync.Once
	err     error
}

// showMain shows store (its index ix) in a new main window of a. A store
// held for writing is served to other Frontiers; a read-only copy (ro not
// nil, in copyDir) is removed when the window closes.
func showMain(a fyne.App, store *data.Store, ix *data.Index, ro *readOnlyCopy, copyDir string) *mainWindow {
	title := windowTitle(store.Path())
	if ro != nil {
		title = readOnlyTitle(*ro)
	}
	m := &mainWindow{w: a.NewWindow(title), store: store, copyDir: copyDir}
	if ro == nil {
		m.server = serveStore(store)
	}
	m.sess = &session{a: a, w: m.w, store: store, ro: ro}
	m.sess.open(ix)
	m.w.Resize(fyne.NewSize(1400, 900))
	m.w.SetMaster()
	m.w.SetOnClosed(func() { m.close() })
	m.w.Show()
	noticeMigration(m.w, store) // a store from an older Frontier: say it was upgraded, once
	return m
}

// close stops the window's workers, stops answering for the store, closes
// it and removes a read-only copy. It runs once.
func (m *mainWindow) close() error {
	m.once.Do(func() {
		m.sess.close() // no worker may touch the store once it is closed
		if m.server != nil {
			m.server.Close() // before the store closes: it may be writing a copy
		}
		m.err = m.store.Close()
		if m.copyDir != "" {
			if err := os.RemoveAll(m.copyDir); err != nil && m.err == nil {
				m.err = fmt.Errorf("remove the read-only copy: %w", err)
			}
		}
	})
	return m.err
}

// serveStore answers other Frontiers for store (who holds it, copies of
// it); nil when it cannot, which only means they will not be told.
func serveStore(store *data.Store) *storeshare.Server {
	srv, err := storeshare.Serve(absPath(store.Path()), "desktop app", store)
	if err != nil {
		fyne.LogError("answer other Frontiers for "+store.Path(), err)
		return nil
	}
	return srv
}

// absPath returns path made absolute (path itself when that fails).
func absPath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}
