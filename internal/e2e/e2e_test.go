//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"frontier/data"
)

// The main window's layout at the app's own size (app.Run asks for
// 1400×900; ui.go splits it actors | map over timeline over table |
// details), as fractions of the window measured on real screenshots
// under Xvfb at FYNE_SCALE=1: the map pane (below the toolbar) and the
// timeline plot (below the From/To row, above the playback bar).
var (
	mapPane      = Frac{0.2512, 0.0833, 0.8006, 0.5067}
	timelinePane = Frac{0.2512, 0.5600, 0.8006, 0.6711}
)

// Palette colours the checks look for (mapview/style.go and
// timeline/draw.go).
var (
	landColour      = Colour{0xf4, 0xf1, 0xea}
	waterColour     = Colour{0xc6, 0xdd, 0xe8}
	borderColour    = Colour{0x6e, 0x5a, 0x6e}
	timelineBg      = Colour{0xf7, 0xf7, 0xf5}
	timelineBand    = Colour{0xea, 0xe9, 0xe4} // the axis strip under the bars
	timelineOther   = Colour{0xa8, 0xa8, 0xac} // the "other actors" series
	timelineBrush   = Colour{0x1f, 0x6f, 0xd0} // the brushed window's edges
	colourTolerance = 2
)

// Timeouts are generous: software GL under Xvfb on a busy 2-core machine.
const (
	windowTimeout = 90 * time.Second
	settleTimeout = 90 * time.Second
)

// TestRealBinary starts the cgo build of Frontier on a fresh store under
// its own Xvfb and checks, by colour at known regions of screenshots,
// that the map, the timeline and the sample's events are drawn; that a
// mouse-wheel zoom over the map zooms it (the map and its scale bar
// change); and that a drag along the timeline's axis strip brushes a time
// window (the timeline shows the window, the map loses the events outside
// it).
func TestRealBinary(t *testing.T) {
	requireTools(t)
	bin := frontierBinary(t)
	r := newRun(t)
	actorColours := sampleActorColours(t)

	_, display := startXvfb(t, "1600x1000")
	r.display = display
	store := filepath.Join(t.TempDir(), "store.db")
	app := exec.Command(bin, "--db", store)
	app.Env = appEnv(display, t.TempDir())
	r.app = start(t, "frontier", app)

	var id string
	waitFor(t, windowTimeout, "the Frontier window", r.app, func() bool {
		out, err := xdotoolOut(display, "search", "--onlyvisible", "--name", "^Frontier")
		id, _, _ = strings.Cut(strings.TrimSpace(out), "\n")
		return err == nil && id != ""
	})
	win, err := windowGeometry(display, id)
	if err != nil {
		r.fatalf(nil, "window geometry: %v", err)
	}
	mapRect, tlRect := mapPane.In(win), timelinePane.In(win)
	mapProbe, tlProbe := mapRect.Inset(6), tlRect.Inset(2)
	scaleBar := image.Rect(mapRect.Min.X, mapRect.Max.Y-32, mapRect.Min.X+140, mapRect.Max.Y)
	r.regions = []image.Rectangle{mapProbe, tlProbe, scaleBar}
	t.Logf("display %s, window %s at %v, map %v, timeline %v", display, id, win, mapRect, tlRect)

	// 1. The first picture: the sample imported and drawn.
	eventPixels := func(img image.Image) []int { return CountEach(img, mapProbe, actorColours, colourTolerance) }
	barColours := append(append([]Colour{}, actorColours...), timelineOther)
	drawn := func(img image.Image) bool {
		return Count(img, mapProbe, []Colour{landColour}, colourTolerance) > 0 &&
			distinct(eventPixels(img), 15) >= 3 &&
			distinct(CountEach(img, tlProbe, barColours, colourTolerance), 15) >= 3
	}
	first := r.settle("01-start", []image.Rectangle{mapRect, tlRect}, drawn)
	checkMapDrawn(r, first, mapProbe, true) // the sample's view has the Arabian Sea
	if n, k := sum(eventPixels(first)), distinct(eventPixels(first), 15); n < 300 || k < 3 {
		r.fatalf(first, "sample events: %d pixels of the sample's actor colours in the map region %v, %d colours with ≥15 pixels (want ≥300 and ≥3); found %s",
			n, mapProbe, k, DescribeColours(first, mapProbe, 14))
	}
	tlArea := tlProbe.Dx() * tlProbe.Dy()
	if bg, bars := Count(first, tlProbe, []Colour{timelineBg}, colourTolerance), CountEach(first, tlProbe, barColours, colourTolerance); bg < tlArea/5 || sum(bars) < 300 || distinct(bars, 15) < 3 {
		r.fatalf(first, "timeline: %d background pixels (want ≥%d) and %d histogram bar pixels in %d colours (want ≥300 in ≥3) in the timeline region %v; found %s",
			bg, tlArea/5, sum(bars), distinct(bars, 15), tlProbe, DescribeColours(first, tlProbe, 14))
	}
	t.Logf("start: %d event pixels in %d colours on the map, %d bar pixels on the timeline",
		sum(eventPixels(first)), distinct(eventPixels(first), 15), Count(first, tlProbe, barColours, colourTolerance))

	// 2. Wheel zoom: three notches up over the middle of the map.
	cx, cy := (mapRect.Min.X+mapRect.Max.X)/2, (mapRect.Min.Y+mapRect.Max.Y)/2
	r.xdo("mousemove", strconv.Itoa(cx), strconv.Itoa(cy))
	time.Sleep(300 * time.Millisecond)
	r.xdo("click", "--repeat", "3", "--delay", "150", "4")
	r.parkPointer(win)
	mapArea := mapProbe.Dx() * mapProbe.Dy()
	zoomed := r.settle("02-zoom", []image.Rectangle{mapRect, tlRect}, func(img image.Image) bool {
		return Changed(first, img, mapProbe, 8) > mapArea/4
	})
	checkMapDrawn(r, zoomed, mapProbe, false)
	if n := Changed(first, zoomed, mapProbe, 8); n < mapArea/4 {
		r.fatalf(zoomed, "wheel zoom: only %d of %d pixels of the map region %v changed (want ≥ a quarter)", n, mapArea, mapProbe)
	}
	if n := Changed(first, zoomed, scaleBar, 8); n < 20 {
		r.fatalf(zoomed, "wheel zoom: the scale bar region %v did not change (%d pixels); found %s", scaleBar, n, DescribeColours(zoomed, scaleBar, 8))
	}
	if n := Changed(first, zoomed, tlProbe, 8); n > tlArea/50 {
		r.fatalf(zoomed, "wheel zoom over the map changed %d pixels of the timeline region %v", n, tlProbe)
	}
	t.Logf("zoom: %d of %d map pixels changed, %d in the scale bar", Changed(first, zoomed, mapProbe, 8), mapArea, Changed(first, zoomed, scaleBar, 8))

	// 3. Brush a time window: drag along the axis strip under the bars
	// from a quarter to a half of the plot's width.
	stripY, ok := axisStripY(zoomed, tlRect)
	if !ok {
		r.fatalf(zoomed, "timeline: no axis strip (rows of %s) in the timeline region %v; found %s", timelineBand, tlRect, DescribeColours(zoomed, tlRect, 10))
	}
	x0, x1 := tlRect.Min.X+tlRect.Dx()/4, tlRect.Min.X+tlRect.Dx()/2
	r.xdo("mousemove", strconv.Itoa(x0), strconv.Itoa(stripY))
	time.Sleep(200 * time.Millisecond)
	r.xdo("mousedown", "1")
	const steps = 12
	for i := 1; i <= steps; i++ {
		time.Sleep(40 * time.Millisecond)
		r.xdo("mousemove", strconv.Itoa(x0+(x1-x0)*i/steps), strconv.Itoa(stripY))
	}
	time.Sleep(100 * time.Millisecond)
	r.xdo("mouseup", "1")
	r.parkPointer(win)
	beforeEvents := sum(eventPixels(zoomed))
	brushed := r.settle("03-brush", []image.Rectangle{mapRect, tlRect}, func(img image.Image) bool {
		return Count(img, tlProbe, []Colour{timelineBrush}, colourTolerance) >= 20 && sum(eventPixels(img)) < beforeEvents*9/10
	})
	if n := Count(brushed, tlProbe, []Colour{timelineBrush}, colourTolerance); n < 20 {
		r.fatalf(brushed, "timeline drag: %d pixels of the window colour %s in the timeline region %v (want ≥20); found %s",
			n, timelineBrush, tlProbe, DescribeColours(brushed, tlProbe, 14))
	}
	if n := Changed(zoomed, brushed, tlProbe, 8); n < tlArea/20 {
		r.fatalf(brushed, "timeline drag: only %d of %d pixels of the timeline region %v changed", n, tlArea, tlProbe)
	}
	if after := sum(eventPixels(brushed)); after >= beforeEvents*9/10 {
		r.fatalf(brushed, "timeline drag: the map still shows %d event pixels (before the window: %d; want fewer than 90%%): the window did not filter the map; map region %v has %s",
			after, beforeEvents, mapProbe, DescribeColours(brushed, mapProbe, 14))
	}
	t.Logf("brush: %d window-colour pixels on the timeline, event pixels on the map %d → %d",
		Count(brushed, tlProbe, []Colour{timelineBrush}, colourTolerance), beforeEvents, sum(eventPixels(brushed)))

	if r.app.exited() {
		r.fatalf(nil, "frontier exited during the check (%v)", r.app.err)
	}
}

// checkMapDrawn fails unless the basemap's land and border colours, and
// water when wantWater, are in region r of img.
func checkMapDrawn(r *run, img image.Image, region image.Rectangle, wantWater bool) {
	r.t.Helper()
	n := CountEach(img, region, []Colour{landColour, waterColour, borderColour}, colourTolerance)
	area, minWater := region.Dx()*region.Dy(), 0
	if wantWater {
		minWater = 50
	}
	if n[0] < area/20 || n[1] < minWater || n[2] < 30 {
		r.fatalf(img, "map: %d land %s (want ≥%d), %d water %s (want ≥%d), %d border %s (want ≥30) pixels in the map region %v; found %s",
			n[0], landColour, area/20, n[1], waterColour, minWater, n[2], borderColour, region, DescribeColours(img, region, 14))
	}
}

// axisStripY returns the middle row of the timeline's axis strip: the
// lowest run of rows of tl mostly in the band colour.
func axisStripY(img image.Image, tl image.Rectangle) (int, bool) {
	bottom := -1
	for y := tl.Max.Y - 1; y >= tl.Min.Y; y-- {
		strip := Count(img, image.Rect(tl.Min.X, y, tl.Max.X, y+1), []Colour{timelineBand}, colourTolerance) > tl.Dx()/2
		switch {
		case strip && bottom < 0:
			bottom = y
		case !strip && bottom >= 0:
			if bottom-y >= 8 {
				return (y + 1 + bottom) / 2, true
			}
			bottom = -1
		}
	}
	return 0, false
}

// sum adds ns.
func sum(ns []int) int {
	t := 0
	for _, n := range ns {
		t += n
	}
	return t
}

// distinct counts the entries of ns of at least min.
func distinct(ns []int, min int) int {
	k := 0
	for _, n := range ns {
		if n >= min {
			k++
		}
	}
	return k
}

// run is one check's state: where it saves screenshots and what it
// reports when a check fails.
type run struct {
	t       *testing.T
	dir     string // screenshots
	saved   []string
	display string
	app     *process
	regions []image.Rectangle // outlined on saved screenshots
}

// newRun makes the screenshot folder: $E2E_OUT when set (kept), else a
// temporary folder removed when the test passes.
func newRun(t *testing.T) *run {
	dir := os.Getenv("E2E_OUT")
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatalf("e2e: screenshot folder: %v", err)
		}
	} else {
		var err error
		if dir, err = os.MkdirTemp("", "frontier-e2e-"); err != nil {
			t.Fatalf("e2e: screenshot folder: %v", err)
		}
		t.Cleanup(func() {
			if !t.Failed() {
				os.RemoveAll(dir)
			}
		})
	}
	return &run{t: t, dir: dir}
}

// save writes img as name.png (and name-regions.png with the checked
// regions outlined) into the screenshot folder.
func (r *run) save(name string, img image.Image) {
	for _, s := range []struct {
		file string
		img  image.Image
	}{{name + ".png", img}, {name + "-regions.png", Outline(img, r.regions...)}} {
		path, err := savePNG(r.dir, s.file, s.img)
		if err != nil {
			r.t.Logf("e2e: %v", err)
			continue
		}
		r.saved = append(r.saved, path)
	}
}

// fatalf fails the check with a message, the saved screenshots (img
// saved as "failed" first, when not nil) and the app's output.
func (r *run) fatalf(img image.Image, format string, args ...any) {
	r.t.Helper()
	if img != nil {
		r.save("failed", img)
	}
	msg := "e2e check failed: " + fmt.Sprintf(format, args...)
	if len(r.saved) > 0 {
		msg += "\nscreenshots:\n  " + strings.Join(r.saved, "\n  ")
	}
	if r.app != nil {
		msg += "\nfrontier's output:\n" + r.app.output.String()
	}
	r.t.Fatal(msg)
}

// xdo runs xdotool on the check's display, failing the check on error.
func (r *run) xdo(args ...string) {
	r.t.Helper()
	if err := xdotool(r.display, args...); err != nil {
		r.fatalf(nil, "%v", err)
	}
}

// parkPointer moves the pointer off the map and the timeline, onto the
// details pane at the window's right, so that no hover readout or tooltip
// covers what the checks look at.
func (r *run) parkPointer(win image.Rectangle) {
	r.t.Helper()
	r.xdo("mousemove", strconv.Itoa(win.Max.X-60), strconv.Itoa(win.Min.Y+win.Dy()/3))
}

// settle takes screenshots every half second until ready holds and two
// in a row are equal inside regions (the picture has settled), or until
// settleTimeout; it saves and returns the last one. A timeout is not
// itself a failure: the caller's checks say what is wrong.
func (r *run) settle(name string, regions []image.Rectangle, ready func(image.Image) bool) image.Image {
	r.t.Helper()
	timeout := within(r.t, settleTimeout)
	deadline := time.Now().Add(timeout)
	var prev image.Image
	for {
		img, err := screenshot(r.display)
		if err != nil {
			r.fatalf(nil, "%v", err)
		}
		if r.app.exited() {
			r.fatalf(img, "frontier exited (%v) while waiting for the %s picture", r.app.err, name)
		}
		if prev != nil && ready(img) && same(prev, img, regions) {
			r.save(name, img)
			return img
		}
		if time.Now().After(deadline) {
			r.t.Logf("e2e: the %s picture did not settle within %v", name, timeout)
			r.save(name, img)
			return img
		}
		prev = img
		time.Sleep(500 * time.Millisecond)
	}
}

// same reports whether a and b are equal inside every region.
func same(a, b image.Image, regions []image.Rectangle) bool {
	for _, rg := range regions {
		if Changed(a, b, rg, 0) > 0 {
			return false
		}
	}
	return true
}

// frontierBinary returns $E2E_BIN, or builds the cgo binary into a
// temporary folder.
func frontierBinary(t *testing.T) string {
	t.Helper()
	if bin := os.Getenv("E2E_BIN"); bin != "" {
		abs, err := filepath.Abs(bin)
		if err != nil {
			t.Fatalf("e2e: E2E_BIN: %v", err)
		}
		if _, err := os.Stat(abs); err != nil {
			t.Fatalf("e2e: E2E_BIN: %v (build it with CGO_ENABLED=1 go build -o frontier .)", err)
		}
		return abs
	}
	bin := filepath.Join(t.TempDir(), "frontier")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "frontier")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("e2e: build the cgo binary: %v\n%s", err, out)
	}
	return bin
}

// appEnv is the app's environment: the test's, on display, with a fresh
// home (so no saved preferences carry over), scale 1 (the layout the
// regions were measured at), Mesa's software renderer and English.
func appEnv(display, home string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if k == "DISPLAY" || k == "HOME" || k == "FYNE_SCALE" || k == "FYNE_THEME" || k == "LANG" || k == "LC_ALL" || strings.HasPrefix(k, "XDG_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "DISPLAY="+display, "HOME="+home, "FYNE_SCALE=1", "LIBGL_ALWAYS_SOFTWARE=1", "LANG=en_US.UTF-8")
}

// sampleActorColours imports the embedded sample into a scratch store and
// returns its actors' colours: the colours of the event markers and the
// histogram bars the app draws on a first start.
func sampleActorColours(t *testing.T) []Colour {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "colours.db"), data.Options{})
	if err != nil {
		t.Fatalf("e2e: scratch store: %v", err)
	}
	defer s.Close()
	if _, err := s.ImportSample(context.Background()); err != nil {
		t.Fatalf("e2e: import the sample: %v", err)
	}
	ix, err := data.LoadIndex(s)
	if err != nil {
		t.Fatalf("e2e: index the sample: %v", err)
	}
	seen := map[Colour]bool{}
	var cols []Colour
	for _, name := range ix.ActorNames() {
		id, ok := ix.StringID(name)
		if !ok {
			continue
		}
		c := ix.ActorColor(id)
		if col := (Colour{c.R, c.G, c.B}); !seen[col] {
			seen[col] = true
			cols = append(cols, col)
		}
	}
	if len(cols) < 3 {
		t.Fatalf("e2e: the sample has %d actor colours; the check needs at least 3", len(cols))
	}
	return cols
}
