//go:build e2e

package e2e

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// tools are the programs the check runs; `make e2e` installs their
// Debian packages (xvfb, xdotool, imagemagick) through
// scripts/install-deps.sh.
var tools = []string{"Xvfb", "xdotool", "import"}

// requireTools fails (not skips: CI must run this check) naming any tool
// that is missing.
func requireTools(t *testing.T) {
	t.Helper()
	var missing []string
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if len(missing) > 0 {
		t.Fatalf("e2e: %s not found; install them with scripts/install-deps.sh xvfb xdotool imagemagick (make e2e does)",
			strings.Join(missing, ", "))
	}
}

// syncBuffer is a bytes.Buffer safe to write from a process's output copier
// while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// process is a started child process in its own process group, killed
// with that group when the test ends (Pdeathsig also kills it if the test
// binary dies first, e.g. on go test's -timeout).
type process struct {
	name   string
	cmd    *exec.Cmd
	output *syncBuffer // stdout and stderr together
	done   chan struct{}
	err    error // the Wait result, once done is closed
}

// start starts cmd as a process named name and registers its kill with
// t.Cleanup.
func start(t *testing.T, name string, cmd *exec.Cmd) *process {
	t.Helper()
	p := &process{name: name, cmd: cmd, output: &syncBuffer{}, done: make(chan struct{})}
	if cmd.Stdout == nil {
		cmd.Stdout = p.output
	}
	cmd.Stderr = p.output
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatalf("e2e: start %s: %v", name, err)
	}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(p.kill)
	return p
}

// exited reports whether the process has ended.
func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// kill ends the process group: SIGTERM, then SIGKILL after two seconds,
// and waits for the process to be reaped.
func (p *process) kill() {
	if p.exited() {
		return
	}
	pgid := p.cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(2 * time.Second):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-p.done
	}
	_ = syscall.Kill(-pgid, syscall.SIGKILL) // any child left in the group
}

// startXvfb starts an Xvfb of the given screen size and returns it with
// its display (":N"). It takes E2E_DISPLAY when set, else lets Xvfb pick a
// free display number itself (-displayfd), so runs never collide.
func startXvfb(t *testing.T, screen string) (*process, string) {
	t.Helper()
	args := []string{"-screen", "0", screen + "x24", "-nolisten", "tcp", "-noreset"}
	if d := os.Getenv("E2E_DISPLAY"); d != "" {
		p := start(t, "Xvfb", exec.Command("Xvfb", append([]string{d}, args...)...))
		waitFor(t, 20*time.Second, "Xvfb on "+d+" to accept clients", p, func() bool {
			return xdotool(d, "getdisplaygeometry") == nil
		})
		return p, d
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatalf("e2e: pipe for Xvfb -displayfd: %v", err)
	}
	defer r.Close()
	cmd := exec.Command("Xvfb", append([]string{"-displayfd", "3"}, args...)...)
	cmd.ExtraFiles = []*os.File{w} // fd 3 in Xvfb
	p := start(t, "Xvfb", cmd)
	w.Close()
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case s := <-line:
		if _, err := strconv.Atoi(s); err != nil {
			t.Fatalf("e2e: Xvfb did not report its display (got %q); its output:\n%s", s, p.output)
		}
		return p, ":" + s
	case <-time.After(30 * time.Second):
		t.Fatalf("e2e: Xvfb did not start within 30s; its output:\n%s", p.output)
	}
	return nil, ""
}

// xdotool runs xdotool on display with args.
func xdotool(display string, args ...string) error {
	_, err := xdotoolOut(display, args...)
	return err
}

// xdotoolOut runs xdotool on display with args and returns its output.
func xdotoolOut(display string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return out.String(), fmt.Errorf("xdotool %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(errOut.String()))
	}
	return out.String(), nil
}

// waitFor polls cond every 200 ms until it holds, failing after timeout
// with what was awaited, or as soon as watched (when not nil) exits, with
// its output.
func waitFor(t *testing.T, timeout time.Duration, what string, watched *process, cond func() bool) {
	t.Helper()
	timeout = within(t, timeout)
	deadline := time.Now().Add(timeout)
	for {
		if cond() {
			return
		}
		if watched != nil && watched.exited() {
			t.Fatalf("e2e: %s exited (%v) while waiting for %s; its output:\n%s", watched.name, watched.err, what, watched.output)
		}
		if time.Now().After(deadline) {
			msg := fmt.Sprintf("e2e: timed out after %v waiting for %s", timeout, what)
			if watched != nil {
				msg += fmt.Sprintf("; %s's output so far:\n%s", watched.name, watched.output)
			}
			t.Fatal(msg)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// within shortens timeout so that it ends 20 s before go test's -timeout
// would: a wait that runs out then fails the test normally, and the
// cleanups kill the app and Xvfb (a timed-out test binary runs none).
func within(t *testing.T, timeout time.Duration) time.Duration {
	if dl, ok := t.Deadline(); ok {
		if left := time.Until(dl) - 20*time.Second; left < timeout {
			return max(left, time.Second)
		}
	}
	return timeout
}

// windowGeometry returns the screen rectangle of window id.
func windowGeometry(display, id string) (image.Rectangle, error) {
	out, err := xdotoolOut(display, "getwindowgeometry", "--shell", id)
	if err != nil {
		return image.Rectangle{}, err
	}
	v := map[string]int{}
	for _, line := range strings.Split(out, "\n") {
		if k, s, ok := strings.Cut(strings.TrimSpace(line), "="); ok {
			if n, err := strconv.Atoi(s); err == nil {
				v[k] = n
			}
		}
	}
	if v["WIDTH"] <= 0 || v["HEIGHT"] <= 0 {
		return image.Rectangle{}, fmt.Errorf("xdotool getwindowgeometry %s: no size in %q", id, out)
	}
	return image.Rect(v["X"], v["Y"], v["X"]+v["WIDTH"], v["Y"]+v["HEIGHT"]), nil
}

// screenshot grabs the whole screen of display with ImageMagick's import.
func screenshot(display string) (image.Image, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "import", "-window", "root", "-quality", "10", "png:-")
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("screenshot (import -window root): %w: %s", err, strings.TrimSpace(errOut.String()))
	}
	img, err := png.Decode(&out)
	if err != nil {
		return nil, fmt.Errorf("screenshot: decode import's PNG: %w", err)
	}
	return img, nil
}

// savePNG writes img to dir/name and returns the path.
func savePNG(dir, name string, img image.Image) (string, error) {
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		return "", fmt.Errorf("save screenshot: %w", err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return "", fmt.Errorf("save screenshot %s: %w", path, err)
	}
	return path, f.Close()
}
