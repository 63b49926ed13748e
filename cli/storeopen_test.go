package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"frontier/data"
	"frontier/internal/storeshare"
)

// heldStore makes a real store with the sample in it and holds it as the
// desktop app does: open for writing, answering through its socket. It
// returns the store's path and its event count.
func heldStore(t *testing.T, serve bool) (string, int) {
	t.Helper()
	run, err := os.MkdirTemp("", "ss")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(run) })
	t.Setenv("XDG_RUNTIME_DIR", run)
	tmp := t.TempDir() // where copies go: must be empty again at the end
	t.Setenv("TMPDIR", tmp)
	t.Cleanup(func() {
		if ents, _ := os.ReadDir(tmp); len(ents) != 0 {
			t.Errorf("temporary folder keeps %d entries (%s…): a copy was not removed", len(ents), ents[0].Name())
		}
	})
	path := filepath.Join(t.TempDir(), "held.db")
	s, err := data.Open(path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportSample(context.Background()); err != nil {
		t.Fatal(err)
	}
	n, _ := s.Count()
	if serve {
		srv, err := storeshare.Serve(path, "desktop app", s)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { srv.Close() })
	}
	t.Cleanup(func() { s.Close() })
	return path, n
}

// runAsked runs a command line with stdin answering (a person at a
// terminal when interactive).
func runAsked(db string, interactive bool, stdin string, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(stdin),
		Interactive: func() bool { return interactive },
		Getenv: func(k string) string {
			if k == "FRONTIER_DB" {
				return db
			}
			return ""
		}}
	code = Run(env, args)
	return code, out.String(), errb.String()
}

// statsTotal reads the total of "stats --json".
func statsTotal(t *testing.T, out string) int {
	t.Helper()
	var r struct {
		Events int `json:"events"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("stats output %q: %v", out, err)
	}
	return r.Events
}

func TestReadCommandOnHeldStore(t *testing.T) {
	db, n := heldStore(t, true)
	holder := "open in another Frontier (desktop app, process " + strconv.Itoa(os.Getpid())

	code, _, errs := runAsked(db, false, "", "stats", "--json")
	if code != ExitFailed || !strings.Contains(errs, holder) || !strings.Contains(errs, "add --read-only") {
		t.Errorf("without a terminal: exit %d, stderr %q", code, errs)
	}
	code, out, errs := runAsked(db, false, "", "stats", "--read-only", "--json")
	if code != ExitOK || !strings.Contains(errs, "reading a copy of "+db) {
		t.Fatalf("--read-only: exit %d, stderr %q", code, errs)
	}
	if got := statsTotal(t, out); got != n {
		t.Errorf("--read-only stats: %d events, want %d", got, n)
	}
	code, out, errs = runAsked(db, true, "x\nr\n", "stats", "--json")
	if code != ExitOK || strings.Count(errs, "[r]ead-only copy") != 2 || !strings.Contains(errs, holder) {
		t.Fatalf("answered r after a wrong answer: exit %d, stderr %q", code, errs)
	}
	if got := statsTotal(t, out); got != n {
		t.Errorf("stats on the copy: %d events, want %d", got, n)
	}
	for _, answer := range []string{"c\n", ""} {
		code, out, errs = runAsked(db, true, answer, "actors", "list")
		if code != ExitFailed || out != "" || !strings.Contains(errs, "cancelled") {
			t.Errorf("answered %q: exit %d, stdout %q, stderr %q", answer, code, out, errs)
		}
	}
}

func TestWriteCommandOnHeldStore(t *testing.T) {
	db, n := heldStore(t, true)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"import", testdata + "acled_current.csv"}, "close the desktop app first, or import from its File menu"},
		{[]string{"tag", "checked", "--type", "Battles"}, "close the desktop app first, or make the change there"},
		{[]string{"actors", "rename", "A", "B"}, "close the desktop app first"},
		{[]string{"annotations", "import", annotationFile(t)}, "close the desktop app first"},
	} {
		code, _, errs := runAsked(db, true, "r\n", tc.args...)
		if code != ExitFailed || !strings.Contains(errs, "open in another Frontier (desktop app, process ") || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q", tc.args, code, errs)
		}
	}
	code, _, errs := runAsked(db, false, "", "tag", "checked", "--type", "Battles", "--read-only")
	if code != ExitUsage || !strings.Contains(errs, "cannot work on a read-only copy") {
		t.Errorf("tag --read-only: exit %d, stderr %q", code, errs)
	}
	// Nothing was written: the copy still has the events as they were.
	code, out, _ := runAsked(db, false, "", "stats", "--json", "--read-only")
	if code != ExitOK || statsTotal(t, out) != n {
		t.Errorf("after refused writes: exit %d, %s", code, out)
	}
}

// annotationFile writes a GeoJSON file of one annotation.
func annotationFile(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "a.geojson")
	const fc = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Post"},"geometry":{"type":"Point","coordinates":[70.1,33.2]}}]}`
	if err := os.WriteFile(p, []byte(fc), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestHolderWithoutAnswer: a store held by a process that does not answer
// (an older Frontier) is reported as such, for reads and writes.
func TestHolderWithoutAnswer(t *testing.T) {
	db, _ := heldStore(t, false)
	for _, args := range [][]string{{"stats", "--read-only"}, {"import", testdata + "acled_current.csv"}, {"backup", "--out", filepath.Join(t.TempDir(), "b.db")}} {
		code, _, errs := runAsked(db, false, "", args...)
		if code != ExitFailed || !strings.Contains(errs, "another program that does not answer") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
}

// TestWriteCommandAnswers: a command holding a store for writing says who
// it is and writes copies for others.
func TestWriteCommandAnswers(t *testing.T) {
	run, _ := os.MkdirTemp("", "ss")
	defer os.RemoveAll(run)
	t.Setenv("XDG_RUNTIME_DIR", run)
	db := filepath.Join(t.TempDir(), "s.db")
	var errb bytes.Buffer
	env, _ := prepare(&Env{Stdout: &errb, Stderr: &errb}, "actors", []string{"rename", "A", "B"})
	s, err := env.openAt(db, true)
	if err != nil {
		t.Fatal(err)
	}
	h, err := storeshare.Who(db)
	if err != nil || h.What != "frontier actors rename" || h.PID != os.Getpid() {
		t.Errorf("Who = %+v, %v", h, err)
	}
	sock, _ := storeshare.SocketPath(db)
	if err := env.release(s); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(sock); !os.IsNotExist(err) {
		t.Errorf("socket left after release: %v", err)
	}
	if errb.Len() != 0 {
		t.Errorf("stderr %q", errb.String())
	}
}

func TestBackupCommand(t *testing.T) {
	db, n := heldStore(t, true)
	out := filepath.Join(t.TempDir(), "copy.db")
	code, stdout, errs := runAsked(db, false, "", "backup", "--out", out)
	if code != ExitOK || !strings.Contains(stdout, "written by the Frontier holding it (desktop app") {
		t.Fatalf("backup of a held store: exit %d, stdout %q, stderr %q", code, stdout, errs)
	}
	checkCopy(t, out, n)

	// An unheld store is read directly.
	out2 := filepath.Join(t.TempDir(), "plain.db")
	code, stdout, errs = runAsked(out, false, "", "backup", "--out", out2)
	if code != ExitOK || !strings.HasPrefix(stdout, "backed up "+out+" to "+out2+" (") || strings.Contains(stdout, "written by") {
		t.Fatalf("backup of a free store: exit %d, stdout %q, stderr %q", code, stdout, errs)
	}
	checkCopy(t, out2, n)

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"backup"}, "--out FILE is required"},
		{[]string{"backup", "--out", db}, "is the store itself"},
		{[]string{"backup", "--out", filepath.Join(filepath.Dir(db), ".", filepath.Base(db))}, "is the store itself"},
		{[]string{"backup", "--out", t.TempDir()}, "is a folder"},
	} {
		code, _, errs := runAsked(db, false, "", tc.args...)
		if code != ExitUsage || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q", tc.args, code, errs)
		}
	}
}

// checkCopy opens a backup: it passes the consistency check and holds n
// events.
func checkCopy(t *testing.T, path string, n int) {
	t.Helper()
	c, err := data.Open(path, data.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Check(); err != nil {
		t.Fatal(err)
	}
	if got, _ := c.Count(); got != n {
		t.Errorf("copy %s holds %d events, want %d", path, got, n)
	}
}

// A command that only reads holds a shared lock, which keeps the desktop
// app out too: it answers as well (the first of several readers does),
// so the app can offer a copy instead of "does not answer".
func TestReadCommandAnswers(t *testing.T) {
	run, _ := os.MkdirTemp("", "ss")
	defer os.RemoveAll(run)
	t.Setenv("XDG_RUNTIME_DIR", run)
	db := filepath.Join(t.TempDir(), "s.db")
	s, err := data.Open(db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportSample(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	var errb bytes.Buffer
	env, _ := prepare(&Env{Stdout: &errb, Stderr: &errb}, "stats", nil)
	r, err := env.openAt(db, false)
	if err != nil {
		t.Fatal(err)
	}
	env2, _ := prepare(&Env{Stdout: &errb, Stderr: &errb}, "render", nil)
	r2, err := env2.openAt(db, false) // a second reader: no second answer, no warning
	if err != nil {
		t.Fatal(err)
	}
	if _, err := data.Open(db, data.Options{}); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("a writer while commands read: %v", err)
	}
	h, err := storeshare.Who(db)
	if err != nil || h.What != "frontier stats" {
		t.Errorf("Who = %+v, %v", h, err)
	}
	out := filepath.Join(t.TempDir(), "copy.db")
	if _, err := storeshare.Copy(db, out, nil); err != nil {
		t.Fatal(err)
	}
	checkCopy(t, out, 124)
	if err := env2.release(r2); err != nil {
		t.Fatal(err)
	}
	if err := env.release(r); err != nil {
		t.Fatal(err)
	}
	if errb.Len() != 0 {
		t.Errorf("stderr %q", errb.String())
	}
}
