package brief

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"frontier/data"
	"frontier/mapview"
)

// lum is a pixel's brightness 0–255.
func lum(c color.RGBA) float64 { return 0.3*float64(c.R) + 0.59*float64(c.G) + 0.11*float64(c.B) }

// A known event lands at the pixel the view's viewport puts it, in its
// actor's colour; the selected event is ringed; the image has the asked
// size.
func TestRenderViewPutsEventsWhereExpected(t *testing.T) {
	s := newStore(t, testEvents())
	src := loadSource(t, s)
	v := data.View{Title: "Frontier", CenterLon: 72.2, CenterLat: 34.2, Zoom: 8, Selected: idOf(t, s, "T3")}
	opt := ImageOptions{Width: 1920, Height: 1080, NoLabels: true}
	img, err := RenderView(src, v, opt)
	if err != nil {
		t.Fatal(err)
	}
	if img.Rect.Dx() != 1920 || img.Rect.Dy() != 1080 {
		t.Fatalf("image is %v", img.Rect)
	}
	x, y := data.Mercator(v.CenterLon, v.CenterLat)
	vp := mapview.Viewport{CenterX: x, CenterY: y, Zoom: v.Zoom, Width: 1920, Height: 1080, Scale: 1}
	colors := mapview.ActorColors(src.Index)
	actor, _ := src.Index.StringID("Delta Wing")
	px, py := vp.LonLatToPixel(orb.Point{73.05, 33.60})
	if got, want := img.RGBAAt(int(math.Floor(px)), int(math.Floor(py))), colors[actor]; got != want {
		t.Errorf("pixel at the Delta Wing event (%.1f, %.1f; pixel i covers [i, i+1)) is %v, want the actor's colour %v", px, py, got, want)
	}
	// T3 is selected: a dark ring 13 px from its centre (dot 7.8 px + 4 +
	// 1.5), and nothing like it around an unselected event.
	ring := func(img *image.RGBA, lon, lat float64) float64 {
		cx, cy := vp.LonLatToPixel(orb.Point{lon, lat})
		darkest := 255.0
		for a := 0.0; a < 2*math.Pi; a += math.Pi / 8 {
			darkest = min(darkest, lum(img.RGBAAt(int(math.Floor(cx+13*math.Cos(a))), int(math.Floor(cy+13*math.Sin(a))))))
		}
		return darkest
	}
	if d := ring(img, 71.58, 34.01); d > 60 {
		t.Errorf("no selection ring around the selected event (darkest %.0f)", d)
	}
	v.Selected = 0
	plain, err := RenderView(src, v, opt)
	if err != nil {
		t.Fatal(err)
	}
	if d := ring(plain, 71.58, 34.01); d < 100 {
		t.Errorf("a ring around an unselected event (darkest %.0f)", d)
	}
	// Deterministic.
	again, _ := RenderView(src, v, opt)
	if !bytes.Equal(plain.Pix, again.Pix) {
		t.Error("the same view drew differently twice")
	}
}

// The view's filter decides which events are drawn.
func TestRenderViewAppliesTheFilter(t *testing.T) {
	s := newStore(t, testEvents())
	src := loadSource(t, s)
	v := data.View{Title: "Alpha only", CenterLon: 72.2, CenterLat: 34.2, Zoom: 8, Filter: data.Filter{Actors: []string{"Alpha Front"}}}
	opt := ImageOptions{Width: 1920, Height: 1080, NoLabels: true}
	img, err := RenderView(src, v, opt)
	if err != nil {
		t.Fatal(err)
	}
	x, y := data.Mercator(v.CenterLon, v.CenterLat)
	vp := mapview.Viewport{CenterX: x, CenterY: y, Zoom: v.Zoom, Width: 1920, Height: 1080, Scale: 1}
	colors := mapview.ActorColors(src.Index)
	delta, _ := src.Index.StringID("Delta Wing")
	px, py := vp.LonLatToPixel(orb.Point{73.05, 33.60})
	if img.RGBAAt(int(math.Floor(px)), int(math.Floor(py))) == colors[delta] {
		t.Error("an event the filter leaves out was drawn")
	}
	m, err := src.ViewMap(&v, &opt)
	if err != nil || len(m.Rows) != 2 {
		t.Fatalf("view map rows %d, %v", len(m.Rows), err)
	}
}

func TestImageSizeLimits(t *testing.T) {
	for _, c := range []struct {
		w, h int
		ok   bool
	}{{1920, 1080, true}, {7680, 4320, true}, {4320, 7680, true}, {7681, 4320, false}, {7680, 4321, false}, {15, 100, false}, {16, 16, true}} {
		if err := CheckSize(c.w, c.h); (err == nil) != c.ok {
			t.Errorf("CheckSize(%d, %d) = %v", c.w, c.h, err)
		}
	}
	s := newStore(t, testEvents())
	if _, err := RenderView(loadSource(t, s), data.View{Title: "x", Zoom: 3}, ImageOptions{Width: 8000, Height: 4000}); err == nil || !strings.Contains(err.Error(), "8000×4000") {
		t.Errorf("an 8000×4000 image was not refused: %v", err)
	}
}

func TestDeviceScale(t *testing.T) {
	for _, c := range []struct {
		w, h  int
		scale float64
		want  float64
	}{{1920, 1080, 0, 1}, {3840, 2160, 0, 2}, {7680, 4320, 0, 4}, {800, 600, 0, 1}, {2560, 1440, 0, 1.33}, {1920, 1080, 3, 3}} {
		o := ImageOptions{Width: c.w, Height: c.h, Scale: c.scale}
		if got := o.DeviceScale(); got != c.want {
			t.Errorf("DeviceScale(%d×%d, %g) = %g, want %g", c.w, c.h, c.scale, got, c.want)
		}
	}
}

// Annotations follow the view's layers (nil: the visible ones) and its
// time window.
func TestAnnotationsFor(t *testing.T) {
	s := newStore(t, testEvents())
	shown := addLayer(t, s, "Shown", false)
	hidden := addLayer(t, s, "Hidden", true)
	src := loadSource(t, s)
	count := func(layers []uint64, from, to string) int {
		var f, tt time.Time
		if from != "" {
			f, tt = day(from), day(to)
		}
		return len(src.AnnotationsFor(layers, f, tt))
	}
	cases := []struct {
		name     string
		layers   []uint64
		from, to string
		want     int
	}{
		{"visible, no window", nil, "", "", 3},
		{"both layers", []uint64{shown.ID, hidden.ID}, "", "", 6},
		{"none", []uint64{}, "", "", 0},
		{"hidden only, July", []uint64{hidden.ID}, "2025-07-10", "2025-07-31", 3},
		{"visible, August: the dated polygon ends 15 July", nil, "2025-08-01", "2025-08-31", 2},
		{"visible, its last day", nil, "2025-07-15", "2025-07-15", 3},
	}
	for _, c := range cases {
		if got := count(c.layers, c.from, c.to); got != c.want {
			t.Errorf("%s: %d annotations, want %d", c.name, got, c.want)
		}
	}
	// Hidden layers come after visible ones in draw order.
	all := src.AnnotationsFor([]uint64{hidden.ID, shown.ID}, time.Time{}, time.Time{})
	if all[0].Layer != shown.ID || all[5].Layer != hidden.ID {
		t.Errorf("draw order by layer: %d … %d", all[0].Layer, all[5].Layer)
	}
	ids, err := src.LayerIDs("hidden, SHOWN")
	if err != nil || len(ids) != 2 || ids[0] != hidden.ID {
		t.Errorf("LayerIDs = %v, %v", ids, err)
	}
	if _, err := src.LayerIDs("Nope"); err == nil || !strings.Contains(err.Error(), `"Hidden" (hidden)`) {
		t.Errorf("unknown layer: %v", err)
	}
	if ids, _ := src.LayerIDs("none"); ids == nil || len(ids) != 0 {
		t.Errorf("none = %v", ids)
	}
}

func TestDateWindowText(t *testing.T) {
	cases := []struct {
		from, to, want string
	}{
		{"2025-07-01", "2025-07-31", "1 Jul 2025 – 31 Jul 2025"},
		{"2025-07-01", "", "from 1 Jul 2025"},
		{"", "2025-07-31", "until 31 Jul 2025"},
		{"2025-07-04", "2025-07-04", "4 Jul 2025"},
		{"", "", ""},
	}
	for _, c := range cases {
		var f, to time.Time
		if c.from != "" {
			f = day(c.from)
		}
		if c.to != "" {
			to = day(c.to)
		}
		if got := DateWindowText(f, to); got != c.want {
			t.Errorf("DateWindowText(%s, %s) = %q, want %q", c.from, c.to, got, c.want)
		}
	}
	s := newStore(t, testEvents())
	src := loadSource(t, s)
	res, _ := src.Index.Filter(&data.Filter{})
	if got := DateWindowFor(src.Index, &data.Filter{}, res.Rows); got != "1 Jul 2025 – 28 Aug 2025" {
		t.Errorf("the span of the events reads %q", got)
	}
}

func ExampleDateWindowText() {
	from := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2025, 7, 31, 0, 0, 0, 0, time.UTC)
	fmt.Println(DateWindowText(from, to))
	fmt.Println(DateWindowText(from, time.Time{}))
	// Output:
	// 1 Jul 2025 – 31 Jul 2025
	// from 1 Jul 2025
}

// An image of a view frames the extent the view showed when saved.
func TestFrameZoom(t *testing.T) {
	v := data.View{Zoom: 6, Width: 700, Height: 400}
	for _, c := range []struct {
		w, h  int
		scale float64
		want  float64
	}{
		{700, 400, 1, 6},           // the same size: the same zoom
		{1400, 800, 1, 7},          // twice as large: one level in
		{1400, 800, 2, 6},          // twice the pixels at scale 2: the same
		{350, 400, 1, 5},           // half as wide: one level out
		{2800, 400, 1, 6},          // wider only: the height still fits
		{7680, 4320, 4, 6 + 1.433}, // 8K at scale 4: 1920×1080 logical, 2.7× the height
	} {
		if got := FrameZoom(&v, c.w, c.h, c.scale); math.Abs(got-c.want) > 0.01 {
			t.Errorf("%dx%d at %g: zoom %.3f, want %.3f", c.w, c.h, c.scale, got, c.want)
		}
	}
	if got := FrameZoom(&data.View{Zoom: 6}, 1920, 1080, 1); got != 6 {
		t.Errorf("a view without a size: zoom %g, want its own 6", got)
	}
}
