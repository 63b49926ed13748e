package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frontier/data"
	"frontier/mapview"
)

// shareEnv points the store sockets and temporary copies at private
// folders of the test, and queues what workers post to the UI.
func shareEnv(t *testing.T) (q *uiQueue, tmp string) {
	t.Helper()
	run, err := os.MkdirTemp("", "ss")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(run) })
	t.Setenv("XDG_RUNTIME_DIR", run)
	tmp = t.TempDir()
	t.Setenv("TMPDIR", tmp)
	q = &uiQueue{}
	postToUI = q.post
	t.Cleanup(func() { postToUI = fyne.Do })
	return q, tmp
}

// heldByDesktopApp opens a real store with the sample in it in a main
// window of a, as the desktop app does (answering other Frontiers).
func heldByDesktopApp(t *testing.T, a fyne.App, q *uiQueue) (*mainWindow, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "held.db")
	store, ix, err := openStore(path, 100*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	m := showMain(a, store, ix, nil, "")
	t.Cleanup(func() { m.close() })
	trackUI(t, m, q)
	return m, path
}

// trackUI lets settle run the posts of m's UI.
func trackUI(t *testing.T, m *mainWindow, q *uiQueue) {
	queues[m.sess.ui] = q
	t.Cleanup(func() { delete(queues, m.sess.ui) })
	settle(m.sess.ui)
}

// runUntil runs the queued posts until cond holds.
func runUntil(t *testing.T, q *uiQueue, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		fns := q.take()
		if len(fns) == 0 {
			time.Sleep(5 * time.Millisecond)
		}
		for _, f := range fns {
			f()
		}
	}
}

// secondFrontier tries to open path as a second desktop app would, and
// shows the startup window for the failure.
func secondFrontier(t *testing.T, path string) *startup {
	t.Helper()
	_, _, err := openStore(path, 50*time.Millisecond)
	if err == nil {
		t.Fatal("a second open of a held store succeeded")
	}
	return newStartup(test.NewTempApp(t), path, err)
}

func TestSecondFrontierOpensReadOnlyCopy(t *testing.T) {
	q, tmp := shareEnv(t)
	a := test.NewTempApp(t)
	held, path := heldByDesktopApp(t, a, q)
	want := held.sess.ui.st.ix.Len()

	st := secondFrontier(t, path)
	msg := st.message.Text
	for _, part := range []string{"This store is open in another Frontier (desktop app, process " + strconv.Itoa(os.Getpid()) + ", since ", path, "Open a read-only copy"} {
		if !strings.Contains(msg, part) {
			t.Errorf("choice says %q, want %q in it", msg, part)
		}
	}
	if st.primary == nil || st.primary.Text != "Open Read-Only Copy" || st.cancel.Text != "Cancel" {
		t.Fatalf("buttons: %+v / %+v", st.primary, st.cancel)
	}
	test.Tap(st.primary)
	runUntil(t, q, func() bool { return st.main != nil })
	m := st.main
	trackUI(t, m, q)
	u := m.sess.ui

	if !m.store.ReadOnly() || m.server != nil {
		t.Errorf("the copy: read-only %v, served %v", m.store.ReadOnly(), m.server != nil)
	}
	if title := m.w.Title(); !strings.HasPrefix(title, "Frontier — read-only copy of "+path+" taken ") {
		t.Errorf("title %q", title)
	}
	if u.st.ix.Len() != want || !strings.HasPrefix(u.status.Text, "Read-only copy taken ") || !strings.Contains(u.status.Text, "of "+groupDigits(int64(want))+" events") {
		t.Errorf("the copy shows %d events (%q), want %d", u.st.ix.Len(), u.status.Text, want)
	}
	copyDir := m.copyDir
	if !strings.HasPrefix(copyDir, tmp) {
		t.Fatalf("copy in %q, want it in the temporary folder %s", copyDir, tmp)
	}

	// Every change is refused, saying why, and nothing is written.
	isRefusal := func(what string, err error) {
		t.Helper()
		var ro readOnlyError
		if !errors.As(err, &ro) || !strings.Contains(err.Error(), "read-only copy of "+path) {
			t.Errorf("%s: error %v, want a read-only refusal", what, err)
		}
	}
	u.addEvent(nil)
	isRefusal("add event", u.lastError)
	u.lastError = nil
	u.chooseImport()
	isRefusal("import", u.lastError)
	u.lastError = nil
	u.importFiles([]string{filepath.Join("..", "data", "testdata", "ucdp_current.csv")})
	isRefusal("dropped file", u.lastError)
	u.lastError = nil
	u.mergeBriefing()
	isRefusal("merge", u.lastError)
	u.lastError = nil
	u.showTags()
	isRefusal("tags", u.lastError)
	u.lastError = nil
	u.runCuration(func(s *data.Store, ix *data.Index) (data.EventChange, error) {
		t.Error("a change was built on a read-only copy")
		return data.EventChange{}, nil
	}, nil, nil)
	isRefusal("curation", u.lastError)
	u.askRenameActor("Rioters (Pakistan)")
	isRefusal("actor rename", u.lastError)
	u.ann.setTool(mapview.ToolMarker)
	isRefusal("draw", u.ann.lastErr)
	if got := u.ann.bar.current(); got != mapview.ToolNavigate {
		t.Errorf("tool after a refused drawing tool: %v", got)
	}
	u.ann.layers.newLayer() // not checked up front: bbolt's refusal is put into words
	isRefusal("new layer", u.ann.lastErr)
	u.brief.panel.askAdd()
	isRefusal("save view", u.brief.lastErr)
	settle(u)

	// Reading works: filtering, layers shown and hidden (in memory), export.
	if len(u.ann.doc.layers) > 0 {
		l := u.ann.doc.layers[0]
		u.ann.layers.setHidden(l.ID, !l.Hidden)
		if got, _ := u.ann.doc.layer(l.ID); got.Hidden == l.Hidden {
			t.Error("hiding a layer of a read-only copy did nothing")
		}
	}
	out := filepath.Join(t.TempDir(), "events.csv")
	u.exportTo(out, exportFormats[0])
	settle(u)
	if !strings.HasPrefix(u.lastExport, "Wrote "+groupDigits(int64(want))+" events") {
		t.Errorf("export from the copy: %q", u.lastExport)
	}
	// The held store was not touched, and still answers for itself.
	if n, _ := held.store.Count(); n != want {
		t.Errorf("held store has %d events, want %d", n, want)
	}

	m.w.Close()
	if _, err := os.Stat(copyDir); !os.IsNotExist(err) {
		t.Errorf("the copy's folder is still there after the window closed: %v", err)
	}
}

func TestSecondFrontierCancels(t *testing.T) {
	q, tmp := shareEnv(t)
	_, path := heldByDesktopApp(t, test.NewTempApp(t), q)
	st := secondFrontier(t, path)
	test.Tap(st.cancel)
	if st.main != nil || len(q.take()) != 0 {
		t.Error("Cancel opened something")
	}
	if ents, _ := os.ReadDir(tmp); len(ents) != 0 {
		t.Errorf("Cancel left %d files in the temporary folder", len(ents))
	}
}

// TestHolderThatDoesNotAnswer: a store held by an older Frontier (no
// socket) offers Try Again, which opens the store once it is free.
func TestHolderThatDoesNotAnswer(t *testing.T) {
	q, _ := shareEnv(t)
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := data.Open(path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.ImportSample(context.Background()); err != nil {
		t.Fatal(err)
	}
	st := secondFrontier(t, path)
	if !strings.Contains(st.message.Text, "does not answer") || st.primary == nil || st.primary.Text != "Try Again" {
		t.Fatalf("dialog %q, button %+v", st.message.Text, st.primary)
	}
	test.Tap(st.primary) // still held: the same question again
	runUntil(t, q, func() bool { return st.primary != nil })
	if !strings.Contains(st.message.Text, "does not answer") || st.main != nil {
		t.Fatalf("after Try Again on a held store: %q", st.message.Text)
	}
	old.Close()
	test.Tap(st.primary)
	runUntil(t, q, func() bool { return st.main != nil })
	m := st.main
	trackUI(t, m, q)
	defer m.close()
	if m.store.ReadOnly() || m.server == nil || m.w.Title() != windowTitle(path) {
		t.Errorf("after the holder closed: read-only %v, served %v, title %q", m.store.ReadOnly(), m.server != nil, m.w.Title())
	}
}

// TestStartupFailureShown: a store that cannot be opened for another
// reason is explained in a window with Quit only.
func TestStartupFailureShown(t *testing.T) {
	shareEnv(t)
	path := filepath.Join(t.TempDir(), "damaged.db")
	if err := os.WriteFile(path, []byte(strings.Repeat("not a store ", 1000)), 0o600); err != nil {
		t.Fatal(err)
	}
	st := secondFrontier(t, path)
	if st.primary != nil || st.cancel.Text != "Quit" || !strings.Contains(st.message.Text, path) || !strings.Contains(st.message.Text, "could not be opened") {
		t.Errorf("dialog %q, primary %+v, cancel %q", st.message.Text, st.primary, st.cancel.Text)
	}
	if got := failureText(path, data.ErrNewerSchema); !strings.Contains(got, "newer Frontier that wrote it") {
		t.Errorf("newer schema: %q", got)
	}
}
