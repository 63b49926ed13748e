package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// render --view draws the view at the asked size with its title; the
// other viewport and filter flags do not mix with it.
func TestRenderView(t *testing.T) {
	db := briefStore(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "v.png")
	code, _, errs := run(t, db, "render", "--view", "bajaur 2025", "--out", out, "--size", "960x540")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, `view "Bajaur 2025"`) || !strings.Contains(errs, "1 annotation)") || !strings.Contains(errs, "zoom 8.00") {
		t.Errorf("report %q", errs)
	}
	img := decodePNG(t, out)
	if b := img.Bounds(); b.Dx() != 960 || b.Dy() != 540 {
		t.Errorf("image %v", b)
	}
	// The title panel at the top left, the date window at the top right.
	if c := img.RGBAAt(12, 12); c.R < 0xe0 || c.G < 0xe0 {
		t.Errorf("no title panel: %v", c)
	}
	if c := img.RGBAAt(950, 12); c.R < 0xe0 || c.G < 0xe0 {
		t.Errorf("no date panel: %v", c)
	}
	// By ID too, with --title and --layers none overriding the view's.
	if code, _, errs := run(t, db, "render", "--view", "2", "--out", out, "--size", "960x540", "--layers", "none", "--title", "Other"); code != ExitOK || strings.Contains(errs, "annotation") {
		t.Errorf("by ID: exit %d, %s", code, errs)
	}
	for _, args := range [][]string{
		{"render", "--view", "Nope", "--out", out},
		{"render", "--view", "Frontier", "--out", out, "--actor", "X"},
		{"render", "--view", "Frontier", "--out", out, "--bbox", "60,20,70,30"},
		{"render", "--view", "Frontier", "--out", out, "--center", "70,30", "--zoom", "5"},
		{"render", "--view", "Frontier", "--out", out, "--size", "8000x4000"},
		{"render", "--view", "Frontier"},
	} {
		if code, _, errs := run(t, db, args...); code != ExitUsage || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d, %q; want a one-line usage error", args, code, errs)
		}
	}
	if _, _, errs := run(t, db, "render", "--view", "Nope", "--out", out); !strings.Contains(errs, `"Bajaur 2025"`) {
		t.Errorf("an unknown view does not list the views: %q", errs)
	}
}

func TestDeckExport(t *testing.T) {
	db := briefStore(t)
	dir := filepath.Join(t.TempDir(), "slides")
	code, out, errs := run(t, db, "deck", "export", "--format", "png", "--out", dir, "--size", "640x360")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := []string{"01-frontier.png", "02-bajaur-2025.png", "03-ttp.png"}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for i, w := range want {
		if i >= len(lines) || filepath.Base(lines[i]) != w {
			t.Errorf("slide %d: %v, want %s", i+1, lines, w)
			continue
		}
		if b := decodePNG(t, lines[i]).Bounds(); b.Dx() != 640 || b.Dy() != 360 {
			t.Errorf("%s is %v", w, b)
		}
	}
	// Chosen views, in the order given.
	dir2 := filepath.Join(t.TempDir(), "two")
	code, out, _ = run(t, db, "deck", "export", "--format", "png", "--out", dir2, "--size", "320x200", "--views", "TTP,Frontier")
	if code != ExitOK || !strings.HasSuffix(strings.Split(out, "\n")[0], "01-ttp.png") {
		t.Errorf("chosen views: %q", out)
	}
	pdf := filepath.Join(t.TempDir(), "deck.pdf")
	code, _, errs = run(t, db, "deck", "export", "--format", "pdf", "--out", pdf, "--size", "800x450", "--notes", "--page-titles")
	if code != ExitOK || !strings.Contains(errs, "3 pages") {
		t.Fatalf("pdf: exit %d: %s", code, errs)
	}
	body, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(body, -1)); !bytes.HasPrefix(body, []byte("%PDF-")) || n != 3 {
		t.Errorf("PDF of %d pages", n)
	}
	if _, err := exec.LookPath("pdfinfo"); err == nil {
		info, err := exec.Command("pdfinfo", pdf).CombinedOutput()
		if err != nil || !regexp.MustCompile(`(?m)^Pages:\s+3$`).Match(info) {
			t.Errorf("pdfinfo: %v\n%s", err, info)
		}
	}
	for _, args := range [][]string{
		{"deck"}, {"deck", "print"},
		{"deck", "export", "--out", dir},
		{"deck", "export", "--format", "svg", "--out", dir},
		{"deck", "export", "--format", "png"},
		{"deck", "export", "--format", "png", "--out", dir, "--size", "9000x9000"},
		{"deck", "export", "--format", "pdf", "--out", pdf, "--page", "B5"},
		{"deck", "export", "--format", "png", "--out", dir, "--views", "Nope"},
	} {
		if code, _, errs := run(t, db, args...); code != ExitUsage {
			t.Errorf("%v: exit %d, %q; want usage", args, code, errs)
		}
	}
}
