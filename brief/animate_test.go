package brief

import (
	"context"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontier/data"
	"frontier/mapview"
)

func TestParseStep(t *testing.T) {
	cases := []struct {
		in   string
		want Step
		ok   bool
	}{
		{"7d", Step{7, Days}, true},
		{" 2W ", Step{2, Weeks}, true},
		{"1m", Step{1, Months}, true},
		{"3 y", Step{3, Years}, true},
		{"10000d", Step{10000, Days}, true},
		{"0d", Step{}, false},
		{"-1d", Step{}, false},
		{"7", Step{}, false},
		{"d", Step{}, false},
		{"7h", Step{}, false},
		{"", Step{}, false},
		{"1.5m", Step{}, false},
		{"10001d", Step{}, false},
	}
	for _, c := range cases {
		got, err := ParseStep(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseStep(%q) = %v, %v; want %v ok=%v", c.in, got, err, c.want, c.ok)
		}
		if err == nil {
			if back, _ := ParseStep(got.String()); back != got {
				t.Errorf("%v does not read back from %q", got, got.String())
			}
		}
	}
}

func FuzzParseStep(f *testing.F) {
	for _, s := range []string{"7d", "2w", "1m", "1y", "", "0d", "99999999999999999999d", "７d", "1\x00d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		st, err := ParseStep(s)
		if err != nil {
			return
		}
		if st.N < 1 || st.N > MaxStepCount {
			t.Fatalf("ParseStep(%q) = %v", s, st)
		}
		if back, err := ParseStep(st.String()); err != nil || back != st {
			t.Fatalf("%v reads back as %v, %v", st, back, err)
		}
		from := day("2025-01-31")
		if !st.After(from, 1).After(from) {
			t.Fatalf("%v does not move on from %s", st, from)
		}
	})
}

func TestStepAfter(t *testing.T) {
	cases := []struct {
		from string
		step Step
		k    int
		want string
	}{
		{"2025-07-01", Step{7, Days}, 2, "2025-07-15"},
		{"2025-07-01", Step{2, Weeks}, 1, "2025-07-15"},
		{"2025-01-31", Step{1, Months}, 1, "2025-02-28"},
		{"2024-01-31", Step{1, Months}, 1, "2024-02-29"},
		{"2025-01-31", Step{1, Months}, 2, "2025-03-31"},
		{"2025-03-31", Step{1, Months}, -1, "2025-02-28"},
		{"2024-02-29", Step{1, Years}, 1, "2025-02-28"},
		{"2025-12-15", Step{1, Months}, 1, "2026-01-15"},
	}
	for _, c := range cases {
		if got := c.step.After(day(c.from), c.k).Format(time.DateOnly); got != c.want {
			t.Errorf("%s + %d×%v = %s, want %s", c.from, c.k, c.step, got, c.want)
		}
	}
}

func TestWindows(t *testing.T) {
	str := func(ws []Window) string {
		var parts []string
		for _, w := range ws {
			parts = append(parts, w.From.Format("01-02")+".."+w.To.Format("01-02"))
		}
		return strings.Join(parts, " ")
	}
	cases := []struct {
		name         string
		from, to     string
		step, window Step
		cumulative   bool
		want         string
	}{
		{"weekly", "2025-07-01", "2025-07-31", Step{7, Days}, Step{}, false,
			"07-01..07-07 07-08..07-14 07-15..07-21 07-22..07-28 07-29..07-31"},
		{"two-week window moving weekly", "2025-07-01", "2025-07-31", Step{7, Days}, Step{2, Weeks}, false,
			"07-01..07-14 07-08..07-21 07-15..07-28 07-22..07-31 07-29..07-31"},
		{"cumulative", "2025-07-01", "2025-07-31", Step{10, Days}, Step{}, true,
			"07-01..07-10 07-01..07-20 07-01..07-30 07-01..07-31"},
		{"monthly from a 31st", "2025-01-31", "2025-04-30", Step{1, Months}, Step{}, false,
			"01-31..02-27 02-28..03-30 03-31..04-29 04-30..04-30"},
		{"one day", "2025-07-04", "2025-07-04", Step{1, Days}, Step{}, false, "07-04..07-04"},
	}
	for _, c := range cases {
		ws, err := Windows(day(c.from), day(c.to), c.step, c.window, c.cumulative)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := str(ws); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
	for _, bad := range []struct{ from, to string }{{"2025-07-31", "2025-07-01"}, {"", "2025-07-01"}} {
		var f time.Time
		if bad.from != "" {
			f = day(bad.from)
		}
		if _, err := Windows(f, day(bad.to), Step{1, Days}, Step{}, false); err == nil {
			t.Errorf("Windows(%q, %q) accepted", bad.from, bad.to)
		}
	}
	if _, err := Windows(day("1900-01-01"), day("2025-01-01"), Step{1, Days}, Step{}, false); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("45,000 frames accepted: %v", err)
	}
}

// animOptions animate the sample's first quarter of 2025 week by week.
func animOptions(w, h int) AnimOptions {
	return AnimOptions{
		View: data.View{Title: "First quarter"}, Fit: true,
		From: day("2025-01-01"), To: day("2025-03-31"), Step: Step{7, Days},
		Width: w, Height: h, FPS: 4,
	}
}

// The GIF has one frame per step, each the asked size once composed, and
// every composed frame is the step's map.
func TestAnimateGIF(t *testing.T) {
	src := loadSource(t, sampleStore(t))
	out := filepath.Join(t.TempDir(), "quarter.gif")
	opt := animOptions(480, 300)
	var last int
	n, err := Animate(context.Background(), src, opt, out, func(done, total int) {
		if total != 13 {
			t.Errorf("progress total %d, want 13", total)
		}
		last = done
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 13 || last != 13 {
		t.Errorf("%d frames, progress to %d; want 13 (1 Jan + 12 weeks ≤ 31 Mar)", n, last)
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
	if len(g.Image) != 13 || g.Config.Width != 480 || g.Config.Height != 300 {
		t.Fatalf("GIF of %d frames, %d×%d", len(g.Image), g.Config.Width, g.Config.Height)
	}
	if g.LoopCount != 0 {
		t.Errorf("loop count %d, want 0 (forever)", g.LoopCount)
	}
	if g.Image[0].Bounds() != image.Rect(0, 0, 480, 300) {
		t.Errorf("first frame %v", g.Image[0].Bounds())
	}
	// Compose the frames and compare each with the step drawn afresh.
	wins, _ := Windows(opt.From, opt.To, opt.Step, opt.Window, false)
	a, err := newAnimator(src, &opt, wins)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.draw(-1); err != nil {
		t.Fatal(err)
	}
	q := newQuantizer(a.f.Img, a.actorColors())
	canvas := image.NewPaletted(image.Rect(0, 0, 480, 300), g.Image[0].Palette)
	want := make([]uint8, 480*300)
	for i, fr := range g.Image {
		if g.Delay[i] != 25 {
			t.Errorf("frame %d delay %d, want 25 (4 fps)", i, g.Delay[i])
		}
		if !fr.Bounds().In(canvas.Rect) {
			t.Fatalf("frame %d at %v", i, fr.Bounds())
		}
		draw.Draw(canvas, fr.Bounds(), fr, fr.Bounds().Min, draw.Src)
		if err := a.draw(i); err != nil {
			t.Fatal(err)
		}
		q.index(a.f.Img, want)
		if diff := countDiff(canvas.Pix, want); diff != 0 {
			t.Errorf("frame %d (%v) differs from its step in %d pixels", i, wins[i], diff)
		}
	}
	// Later frames are cropped to what changed.
	if g.Image[5].Bounds() == canvas.Rect {
		t.Error("frame 6 was not cropped")
	}
}

func countDiff(a, b []uint8) int {
	n := 0
	for i := range a {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}

// PNG frames land in the directory, numbered; frames of a longer earlier
// run are removed, other files kept.
func TestAnimateFrames(t *testing.T) {
	src := loadSource(t, sampleStore(t))
	dir := t.TempDir()
	for _, name := range []string{"frame-0099.png", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opt := animOptions(320, 200)
	opt.Frames, opt.Step, opt.Cumulative = true, Step{1, Months}, true
	n, err := Animate(context.Background(), src, opt, dir, nil)
	if err != nil || n != 3 {
		t.Fatalf("%d frames, %v; want 3", n, err)
	}
	ents, _ := os.ReadDir(dir)
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "frame-0001.png frame-0002.png frame-0003.png notes.txt" {
		t.Errorf("directory holds %s", got)
	}
	f, err := os.Open(filepath.Join(dir, "frame-0003.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil || cfg.Width != 320 || cfg.Height != 200 {
		t.Errorf("frame 3: %+v, %v", cfg, err)
	}
}

// Cancelling leaves no GIF, no frames and no temporary files.
func TestAnimateCancel(t *testing.T) {
	src := loadSource(t, sampleStore(t))
	for _, frames := range []bool{false, true} {
		dir := t.TempDir()
		out := filepath.Join(dir, "anim.gif")
		if frames {
			out = filepath.Join(dir, "frames")
		}
		ctx, cancel := context.WithCancel(context.Background())
		opt := animOptions(320, 200)
		opt.Frames = frames
		_, err := Animate(ctx, src, opt, out, func(done, total int) {
			if done == 3 {
				cancel()
			}
		})
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Errorf("frames=%v: cancelled animation returned %v", frames, err)
		}
		var left []string
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if p != dir && p != filepath.Join(dir, "frames") {
				left = append(left, p)
			}
			return nil
		})
		if len(left) > 0 {
			t.Errorf("frames=%v: cancelled animation left %v", frames, left)
		}
	}
}

func TestAnimateRefuses(t *testing.T) {
	src := loadSource(t, sampleStore(t))
	out := filepath.Join(t.TempDir(), "x.gif")
	for name, change := range map[string]func(*AnimOptions){
		"huge GIF":       func(o *AnimOptions) { o.Width, o.Height = 7680, 4320 },
		"no step":        func(o *AnimOptions) { o.Step = Step{} },
		"backwards":      func(o *AnimOptions) { o.From, o.To = o.To, o.From },
		"fps":            func(o *AnimOptions) { o.FPS = 100 },
		"too small size": func(o *AnimOptions) { o.Width = 8 },
	} {
		opt := animOptions(320, 200)
		change(&opt)
		if _, err := Animate(context.Background(), src, opt, out, nil); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a refused animation wrote a file")
	}
}

// The palette keeps flat colours and actor colours exact and never holds
// more than 256 colours.
func TestQuantizer(t *testing.T) {
	src := loadSource(t, sampleStore(t))
	img, err := RenderView(src, data.View{Title: "x", CenterLon: 71.5, CenterLat: 34, Zoom: 7}, ImageOptions{Width: 640, Height: 400})
	if err != nil {
		t.Fatal(err)
	}
	colors := loadSourceColors(src)
	q := newQuantizer(img, colors)
	if len(q.pal) > 256 || len(q.pal) < 64 {
		t.Fatalf("palette of %d colours", len(q.pal))
	}
	idx := make([]uint8, 640*400)
	q.index(img, idx)
	// The most common colour (land or water) maps exactly.
	land := img.RGBAAt(5, 200)
	got := q.pal[idx[200*640+5]]
	if r, g, b, _ := got.RGBA(); uint8(r>>8) != land.R || uint8(g>>8) != land.G || uint8(b>>8) != land.B {
		t.Errorf("land %v maps to %v", land, got)
	}
	for _, c := range colors {
		if q.pal[q.nearest(uint32(c.R)<<16|uint32(c.G)<<8|uint32(c.B))] != c {
			t.Errorf("actor colour %v is not in the palette", c)
		}
	}
}

// loadSourceColors are the colours of the actors of src's events.
func loadSourceColors(src *Source) []color.RGBA {
	res, _ := src.Index.Filter(&data.Filter{})
	var out []color.RGBA
	for _, it := range mapview.LegendFor(mapview.NewScene(src.Index, res.Rows, nil), 40).Items {
		out = append(out, it.Color)
	}
	return out
}
