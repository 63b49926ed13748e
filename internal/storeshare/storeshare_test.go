package storeshare

import (
	"bufio"
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontier/data"
)

// runDir points the sockets at a short private folder of the test's own.
func runDir(t *testing.T) string {
	t.Helper()
	d, err := os.MkdirTemp("", "ss")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(d) })
	t.Setenv("XDG_RUNTIME_DIR", d)
	return d
}

func TestParseRequest(t *testing.T) {
	for _, tc := range []struct {
		line, err string
		want      request
	}{
		{line: `{"op":"who"}`, want: request{Op: opWho}},
		{line: `{"op":"copy","path":"/tmp/x.db"}`, want: request{Op: opCopy, Path: "/tmp/x.db"}},
		{line: `{"op":"copy","path":"x.db"}`, err: "not a clean absolute path"},
		{line: `{"op":"copy","path":"/tmp/../x.db"}`, err: "not a clean absolute path"},
		{line: `{"op":"copy"}`, err: "not a clean absolute path"},
		{line: `{"op":"who","path":"/x"}`, err: "takes no path"},
		{line: `{"op":"delete"}`, err: `unknown request "delete"`},
		{line: `{"op":"who","extra":1}`, err: "unknown field"},
		{line: `{"op":"who"}{"op":"who"}`, err: "more than one JSON value"},
		{line: `who`, err: "not a JSON object"},
		{line: ``, err: "not a JSON object"},
		{line: `{"op":"copy","path":"/` + strings.Repeat("a", maxLine) + `"}`, err: "longer than"},
	} {
		got, err := parseRequest([]byte(tc.line))
		if tc.err == "" {
			if err != nil || got != tc.want {
				t.Errorf("parseRequest(%.40q) = %+v, %v; want %+v", tc.line, got, err, tc.want)
			}
		} else if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("parseRequest(%.40q) error %v, want one saying %q", tc.line, err, tc.err)
		}
	}
}

func TestParseReply(t *testing.T) {
	for _, tc := range []struct {
		line string
		ok   bool
	}{
		{`{"final":true,"size":12}`, true},
		{`{"final":false,"done":4,"total":8}`, true},
		{`{"final":true,"error":"disk full"}`, true},
		{`{"final":true,"size":-1}`, false},
		{`[1,2]`, false},
		{strings.Repeat(" ", maxLine) + `{}`, false},
	} {
		if _, err := parseReply([]byte(tc.line)); (err == nil) != tc.ok {
			t.Errorf("parseReply(%.40q): %v, want ok=%v", tc.line, err, tc.ok)
		}
	}
}

func TestHolderString(t *testing.T) {
	today := time.Date(time.Now().Year(), time.Now().Month(), time.Now().Day(), 11, 2, 0, 0, time.Local)
	for _, tc := range []struct {
		h    Holder
		want string
	}{
		{Holder{PID: 1234, What: "desktop app", Since: today}, "desktop app, process 1234, since 11:02"},
		{Holder{PID: 7, What: "frontier import", Since: time.Date(2020, 3, 4, 5, 6, 0, 0, time.Local)}, "frontier import, process 7, since 2020-03-04 05:06"},
		{Holder{PID: 9}, "a Frontier, process 9"},
	} {
		if got := tc.h.String(); got != tc.want {
			t.Errorf("%+v.String() = %q, want %q", tc.h, got, tc.want)
		}
	}
}

func TestSocketPath(t *testing.T) {
	dir := runDir(t)
	store := t.TempDir()
	a := filepath.Join(store, "a.db")
	p1, err := SocketPath(a)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(p1) != filepath.Join(dir, "frontier") || !strings.HasSuffix(p1, ".sock") || len(p1) > maxSocketPath {
		t.Errorf("SocketPath = %q, want <%s/frontier>/<hash>.sock within %d bytes", p1, dir, maxSocketPath)
	}
	// Other spellings of the same file share the socket; another file does not.
	if err := os.WriteFile(a, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(store, "link.db")
	if err := os.Symlink(a, link); err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	t.Chdir(store)
	for _, same := range []string{"a.db", "./sub/../a.db", link} {
		if p, _ := SocketPath(same); p != p1 {
			t.Errorf("SocketPath(%q) = %q, want %q", same, p, p1)
		}
	}
	t.Chdir(wd)
	if p, _ := SocketPath(filepath.Join(store, "b.db")); p == p1 {
		t.Errorf("two stores share socket %s", p)
	}
	// A run folder too deep for a socket gives way to the next one.
	t.Setenv("XDG_RUNTIME_DIR", "/"+strings.Repeat("d", 120))
	if p, err := SocketPath(a); err != nil || len(p) > maxSocketPath || strings.Contains(p, "ddd") {
		t.Errorf("with a long XDG_RUNTIME_DIR: %q, %v", p, err)
	}
}

// openSample makes a real store with the sample imported.
func openSample(t *testing.T) *data.Store {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "held.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.ImportSample(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestHeldStore opens a real store twice: the second open is refused by
// bbolt's lock, and the holder's server says who holds it and writes a
// copy the second opener can read.
func TestHeldStore(t *testing.T) {
	runDir(t)
	s := openSample(t)
	want, _ := s.Count()
	if _, err := Who(s.Path()); !errors.Is(err, ErrNoAnswer) {
		t.Fatalf("Who before serving: %v, want ErrNoAnswer", err)
	}
	srv, err := Serve(s.Path(), "desktop app", s)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if fi, err := os.Stat(filepath.Dir(srv.Path())); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("socket folder: %v, %v; want mode 0700", fi.Mode(), err)
	}

	if _, err := data.Open(s.Path(), data.Options{ReadOnly: true, LockTimeout: 50 * time.Millisecond}); !errors.Is(err, data.ErrLocked) {
		t.Fatalf("second open: %v, want ErrLocked", err)
	}
	h, err := Who(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if h.PID != os.Getpid() || h.What != "desktop app" || time.Since(h.Since) > time.Minute {
		t.Errorf("Who = %+v", h)
	}

	dest := filepath.Join(t.TempDir(), "copy.db")
	var calls int
	var last, total int64
	size, err := Copy(s.Path(), dest, func(d, t int64) { calls, last, total = calls+1, d, t })
	if err != nil {
		t.Fatal(err)
	}
	if calls == 0 || last != total || size != total {
		t.Errorf("progress: %d calls, last %d of %d, size %d", calls, last, total, size)
	}
	c, err := data.Open(dest, data.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Check(); err != nil {
		t.Fatal(err)
	}
	if n, _ := c.Count(); n != want || n == 0 {
		t.Errorf("copy holds %d events, want %d", n, want)
	}

	// The holder's errors come back: a copy over the store itself.
	if _, err := Copy(s.Path(), s.Path(), nil); err == nil || !strings.Contains(err.Error(), "cannot replace the store itself") {
		t.Errorf("copy onto the store: %v", err)
	}
	// A second server for the same store is refused while the first lives.
	if _, err := Serve(s.Path(), "other", s); err == nil || !strings.Contains(err.Error(), "already answers") {
		t.Errorf("second Serve: %v", err)
	}
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(srv.Path()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("socket left after Close: %v", err)
	}
	if _, err := Who(s.Path()); !errors.Is(err, ErrNoAnswer) {
		t.Errorf("Who after Close: %v, want ErrNoAnswer", err)
	}
}

// TestStaleSocket replaces the socket a killed holder left behind.
func TestStaleSocket(t *testing.T) {
	runDir(t)
	s := openSample(t)
	path, err := SocketPath(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if err := privateDir(filepath.Dir(path)); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	ln.Close() // as a killed process leaves it: the file, nobody listening
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	if _, err := Who(s.Path()); !errors.Is(err, ErrNoAnswer) {
		t.Fatalf("Who on a stale socket: %v, want ErrNoAnswer", err)
	}
	srv, err := Serve(s.Path(), "frontier import", s)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if h, err := Who(s.Path()); err != nil || h.What != "frontier import" {
		t.Errorf("Who = %+v, %v", h, err)
	}
}

// TestBadRequests sends what a client should not: the server answers with
// an error and stays up.
func TestBadRequests(t *testing.T) {
	runDir(t)
	s := openSample(t)
	srv, err := Serve(s.Path(), "desktop app", s)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	for _, tc := range []struct{ send, want string }{
		{`{"op":"copy","path":"relative.db"}` + "\n", "not a clean absolute path"},
		{strings.Repeat("x", 2*maxLine) + "\n", "longer than"},
		{`{"op":"rm"}` + "\n", "unknown request"},
	} {
		c, err := net.Dial("unix", srv.Path())
		if err != nil {
			t.Fatal(err)
		}
		c.Write([]byte(tc.send))
		line, err := readLine(bufio.NewReader(c))
		c.Close()
		if err != nil {
			t.Fatalf("%.20q: %v", tc.send, err)
		}
		r, err := parseReply(line)
		if err != nil || !r.Final || !strings.Contains(r.Error, tc.want) {
			t.Errorf("%.20q: reply %+v, %v; want an error saying %q", tc.send, r, err, tc.want)
		}
	}
	// A client that connects and says nothing does not hold up Close.
	idle, err := net.Dial("unix", srv.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	if _, err := Who(s.Path()); err != nil {
		t.Fatalf("Who after bad requests: %v", err)
	}
	start := time.Now()
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Close took %v with an idle client", d)
	}
}

// FuzzParseRequest: any line either parses into a request that is safe to
// act on or is refused; it never panics.
func FuzzParseRequest(f *testing.F) {
	f.Add([]byte(`{"op":"who"}`))
	f.Add([]byte(`{"op":"copy","path":"/tmp/x.db"}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		r, err := parseRequest(line)
		if err != nil {
			return
		}
		switch r.Op {
		case opWho:
			if r.Path != "" {
				t.Fatalf("who with a path: %+v", r)
			}
		case opCopy:
			if !filepath.IsAbs(r.Path) || filepath.Clean(r.Path) != r.Path {
				t.Fatalf("copy to %q accepted", r.Path)
			}
		default:
			t.Fatalf("op %q accepted", r.Op)
		}
	})
}

// endlessCopier stands for a copy of a store far larger than any test
// can write: it reports progress until its context ends.
type endlessCopier struct {
	started chan struct{}
	ended   chan error
}

func (e *endlessCopier) Backup(ctx context.Context, _ string, progress func(done, total int64)) (int64, error) {
	close(e.started)
	for done := int64(0); ; done += 4 << 20 {
		if err := ctx.Err(); err != nil {
			e.ended <- err
			return 0, err
		}
		progress(done, 1<<40)
		time.Sleep(5 * time.Millisecond)
	}
}

// Close stops a copy in progress instead of waiting for it (closing the
// holder's window must not hang behind an abandoned copy), and a client
// that goes away stops its copy.
func TestCopyStops(t *testing.T) {
	runDir(t)
	store := filepath.Join(t.TempDir(), "big.db")
	wait := func(what string, ch <-chan error) error {
		t.Helper()
		select {
		case err := <-ch:
			return err
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: the copy did not stop", what)
			return nil
		}
	}

	// Close while a client waits for its copy.
	c := &endlessCopier{started: make(chan struct{}), ended: make(chan error, 1)}
	srv, err := Serve(store, "desktop app", c)
	if err != nil {
		t.Fatal(err)
	}
	copied := make(chan error, 1)
	go func() {
		_, err := Copy(store, filepath.Join(t.TempDir(), "copy.db"), nil)
		copied <- err
	}()
	<-c.started
	closed := make(chan error, 1)
	go func() { closed <- srv.Close() }()
	if err := wait("Close", closed); err != nil {
		t.Fatal(err)
	}
	if err := wait("Close", c.ended); !errors.Is(err, context.Canceled) {
		t.Errorf("the copier ended with %v, want context.Canceled", err)
	}
	if err := wait("the client", copied); err == nil {
		t.Error("the client was told its copy succeeded")
	}

	// A client that hangs up after the first progress line.
	c = &endlessCopier{started: make(chan struct{}), ended: make(chan error, 1)}
	srv, err = Serve(store, "desktop app", c)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	conn, err := net.Dial("unix", srv.Path())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Write(encodeLine(request{Op: opCopy, Path: filepath.Join(t.TempDir(), "gone.db")})); err != nil {
		t.Fatal(err)
	}
	if _, err := bufio.NewReader(conn).ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	if err := wait("the client hanging up", c.ended); !errors.Is(err, context.Canceled) {
		t.Errorf("the copier ended with %v, want context.Canceled", err)
	}
}
