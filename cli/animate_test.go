package cli

import (
	"image/gif"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAnimate(t *testing.T) {
	db := briefStore(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "q1.gif")
	code, _, errs := run(t, db, "animate", "--out", out, "--from", "2025-01-01", "--to", "2025-03-31", "--step", "7d", "--fps", "5", "--size", "400x250")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "13 frames of 400x250") {
		t.Errorf("report %q", errs)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	g, err := gif.DecodeAll(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Image) != 13 || g.Config.Width != 400 || g.Config.Height != 250 || g.Delay[0] != 20 {
		t.Errorf("GIF: %d frames, %dx%d, delay %d", len(g.Image), g.Config.Width, g.Config.Height, g.Delay[0])
	}
	// A view's viewport and filter, monthly PNG frames into a directory.
	frames := filepath.Join(dir, "frames")
	code, _, errs = run(t, db, "animate", "--out", frames, "--from", "2025-01-01", "--to", "2025-06-30", "--step", "1m", "--view", "TTP", "--size", "320x200")
	if code != ExitOK || !strings.Contains(errs, "PNG frames, 6 frames") {
		t.Fatalf("frames: exit %d: %s", code, errs)
	}
	ents, _ := os.ReadDir(frames)
	if len(ents) != 6 || ents[0].Name() != "frame-0001.png" {
		t.Errorf("frames directory: %v", ents)
	}
	for _, args := range [][]string{
		{"animate", "--out", out, "--from", "2025-01-01"},
		{"animate", "--from", "2025-01-01", "--to", "2025-02-01"},
		{"animate", "--out", out, "--from", "2025-01-01", "--to", "2025-02-01", "--step", "7x"},
		{"animate", "--out", out, "--from", "2025-01-01", "--to", "2025-02-01", "--fps", "0"},
		{"animate", "--out", out, "--from", "2025-01-01", "--to", "2025-02-01", "--size", "7680x4320"},
		{"animate", "--out", filepath.Join(dir, "x.mp4"), "--from", "2025-01-01", "--to", "2025-02-01"},
		{"animate", "--out", out, "--from", "2025-01-01", "--to", "2025-02-01", "--window", "30d", "--cumulative"},
		{"animate", "--out", out, "--from", "2025-01-01", "--to", "2025-02-01", "--view", "Nope"},
	} {
		if code, _, errs := run(t, db, args...); code != ExitUsage {
			t.Errorf("%v: exit %d, %q; want usage", args, code, errs)
		}
	}
}
