package brief

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"frontier/data"
)

// deckViews are three views of the test events, stored in s.
func deckViews(t *testing.T, s *data.Store) []data.View {
	putView(t, s, data.View{Title: "Overview: the frontier", CenterLon: 72.2, CenterLat: 34.2, Zoom: 7})
	putView(t, s, data.View{Title: "Bajaur, July", CenterLon: 71.5, CenterLat: 34.7, Zoom: 9,
		Notes:  "Two clashes in the first week.\nThen quiet until the 20th, when a long line of notes runs on and on so that it has to wrap across the width of the page at least once or twice.",
		Filter: data.Filter{From: day("2025-07-01"), To: day("2025-07-31")}})
	putView(t, s, data.View{Title: "Islamabad / Rawalpindi ünïcode", CenterLon: 73.05, CenterLat: 33.6, Zoom: 10, Selected: idOf(t, s, "T6")})
	views, err := s.Views()
	if err != nil {
		t.Fatal(err)
	}
	return views
}

func TestDeckFileName(t *testing.T) {
	cases := []struct {
		i, n  int
		title string
		want  string
	}{
		{0, 5, "Overview: the frontier", "01-overview-the-frontier.png"},
		{9, 12, "  Bajaur / July (2025) ", "10-bajaur-july-2025.png"},
		{99, 120, "x", "100-x.png"},
		{2, 3, "???", "03.png"},
		{0, 1, "Пешавар — ночь", "01-пешавар-ночь.png"},
		{0, 1, strings.Repeat("abcdefghij", 10), "01-" + strings.Repeat("abcdefghij", 5)[:48] + ".png"},
	}
	for _, c := range cases {
		if got := DeckFileName(c.i, c.n, c.title); got != c.want {
			t.Errorf("DeckFileName(%d, %d, %q) = %q, want %q", c.i, c.n, c.title, got, c.want)
		}
	}
}

// The deck's PNGs are numbered in deck order, each the asked size.
func TestWriteDeckPNGs(t *testing.T) {
	s := newStore(t, testEvents())
	views := deckViews(t, s)
	// Reordering the deck renumbers the files.
	if err := s.ReorderViews([]uint64{views[2].ID, views[0].ID, views[1].ID}); err != nil {
		t.Fatal(err)
	}
	views, _ = s.Views()
	dir := filepath.Join(t.TempDir(), "deck")
	var calls []int
	paths, err := WriteDeckPNGs(context.Background(), loadSource(t, s), views, dir, ImageOptions{Width: 640, Height: 360}, func(done, total int) {
		if total != 3 {
			t.Errorf("progress total %d", total)
		}
		calls = append(calls, done)
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"01-islamabad-rawalpindi-ünïcode.png", "02-overview-the-frontier.png", "03-bajaur-july.png"}
	if len(paths) != 3 {
		t.Fatalf("wrote %v", paths)
	}
	for i, p := range paths {
		if filepath.Base(p) != want[i] {
			t.Errorf("file %d is %s, want %s", i, filepath.Base(p), want[i])
		}
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != 640 || b.Dy() != 360 {
			t.Errorf("%s is %v", p, b)
		}
	}
	if len(calls) != 4 || calls[3] != 3 {
		t.Errorf("progress calls %v", calls)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 3 {
		t.Errorf("the deck directory holds %d files (temporary files left?)", len(ents))
	}
}

var pdfPageObject = regexp.MustCompile(`/Type\s*/Page[^s]`)

// The PDF has one page per view and opens in an independent reader.
func TestWriteDeckPDF(t *testing.T) {
	s := newStore(t, testEvents())
	views := deckViews(t, s)
	src := loadSource(t, s)
	for _, opt := range []PDFOptions{
		{Image: ImageOptions{Width: 800, Height: 450}},
		{Image: ImageOptions{Width: 800, Height: 450}, PageTitles: true, Notes: true, PageSize: "Letter"},
	} {
		var buf bytes.Buffer
		if err := WriteDeckPDF(context.Background(), src, views, &buf, opt, nil); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Fatalf("not a PDF: %q", buf.Bytes()[:16])
		}
		if n := len(pdfPageObject.FindAll(buf.Bytes(), -1)); n != 3 {
			t.Errorf("%d pages, want 3", n)
		}
		path := filepath.Join(t.TempDir(), "deck.pdf")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		checkWithPDFInfo(t, path, 3)
		if opt.Notes {
			checkPDFText(t, path, "Two clashes in the first week", "Islamabad / Rawalpindi ünïcode")
		}
	}
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Log("pdfinfo (poppler-utils) not installed: the PDF was not opened by an independent reader")
	}
}

// checkWithPDFInfo opens path with poppler's pdfinfo, when installed, and
// checks its page count.
func checkWithPDFInfo(t *testing.T, path string, pages int) {
	t.Helper()
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		return
	}
	out, err := exec.Command("pdfinfo", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, out)
	}
	if !regexp.MustCompile(`(?m)^Pages:\s+` + strconv.Itoa(pages) + `$`).Match(out) {
		t.Errorf("pdfinfo does not count %d pages:\n%s", pages, out)
	}
	if strings.Contains(string(out), "Syntax Error") {
		t.Errorf("pdfinfo reports errors:\n%s", out)
	}
}

// checkPDFText extracts the text with poppler's pdftotext, when installed,
// and looks for each of want.
func checkPDFText(t *testing.T, path string, want ...string) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return
	}
	out, err := exec.Command("pdftotext", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	for _, w := range want {
		if !strings.Contains(string(out), w) {
			t.Errorf("the PDF's text lacks %q:\n%s", w, out)
		}
	}
}

// A cancelled deck writes nothing.
func TestDeckCancel(t *testing.T) {
	s := newStore(t, testEvents())
	views := deckViews(t, s)
	src := loadSource(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var buf bytes.Buffer
	if err := WriteDeckPDF(ctx, src, views, &buf, PDFOptions{}, nil); err == nil || buf.Len() != 0 {
		t.Errorf("cancelled PDF: %v, %d bytes", err, buf.Len())
	}
	dir := filepath.Join(t.TempDir(), "deck")
	if paths, err := WriteDeckPNGs(ctx, src, views, dir, ImageOptions{Width: 320, Height: 200}, nil); err == nil || len(paths) != 0 {
		t.Errorf("cancelled PNGs: %v, %v", err, paths)
	}
	if _, err := WriteDeckPNGs(context.Background(), src, nil, dir, ImageOptions{}, nil); err == nil {
		t.Error("an empty deck was written")
	}
}
