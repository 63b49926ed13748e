package mapview

import (
	"fmt"
	"image"
	"image/color"
	"strings"
	"testing"

	"frontier/data"
	"frontier/internal/golden"
)

// legendEvents have actors with 5, 4, 3, 2 and 1 events.
func legendEvents() []testEvent {
	var evs []testEvent
	for i, a := range []string{"Echo", "Delta", "Charlie", "Bravo", "Alpha"} {
		for j := range 5 - i {
			evs = append(evs, testEvent{lon: 71.3 + 0.1*float64(i), lat: 33.9 + 0.05*float64(j), actor: a, fatalities: int32(j * 7)})
		}
	}
	return evs
}

func TestLegendFor(t *testing.T) {
	ix := testIndex(legendEvents())
	sc := NewScene(ix, allRows(ix), nil)
	cases := []struct {
		rows  int
		names []string
		more  int
	}{
		{10, []string{"Echo", "Delta", "Charlie", "Bravo", "Alpha"}, 0},
		{5, []string{"Echo", "Delta", "Charlie", "Bravo", "Alpha"}, 0},
		{4, []string{"Echo", "Delta", "Charlie"}, 2},
		{1, nil, 5},
	}
	for _, c := range cases {
		lg := LegendFor(sc, c.rows)
		var names []string
		for _, it := range lg.Items {
			names = append(names, it.Label)
		}
		if strings.Join(names, ",") != strings.Join(c.names, ",") || lg.More != c.more {
			t.Errorf("LegendFor(%d rows) = %v +%d, want %v +%d", c.rows, names, lg.More, c.names, c.more)
		}
		for _, it := range lg.Items {
			if want := sc.Colors[mustID(t, ix.Strings, it.Label)]; it.Color != want {
				t.Errorf("%s has colour %v, want %v", it.Label, it.Color, want)
			}
		}
	}
	if LegendFor(NewScene(ix, nil, nil), 10) != nil {
		t.Error("a legend for no events")
	}
	// In view: only the actors of the events the image shows. Echo's
	// events lie at 71.3E, Delta's at 71.4E …; 800 px at zoom 12 span
	// 0.27° of longitude.
	v := frontierView(1)
	v.CenterX, _ = data.Mercator(71.2, 34)
	v.Zoom = 12
	if lg := LegendInView(sc, v, 10); lg == nil || len(lg.Items) != 1 || lg.Items[0].Label != "Echo" {
		t.Errorf("legend in view %+v, want Echo only", lg)
	}
	v.CenterX, _ = data.Mercator(60, 34)
	if lg := LegendInView(sc, v, 10); lg != nil {
		t.Errorf("legend of a view without events: %+v", lg)
	}
	// The preferred actor is the one an event's colour follows.
	pref := NewScene(ix, allRows(ix), []string{"Alpha"})
	if lg := LegendFor(pref, 10); lg.Items[len(lg.Items)-1].Label != "Alpha" {
		t.Errorf("preferred legend %v", lg.Items)
	}
}

func mustID(t *testing.T, strs []string, s string) int {
	t.Helper()
	for i, v := range strs {
		if v == s {
			return i
		}
	}
	t.Fatalf("no string %q", s)
	return 0
}

// fullOverlays shows every overlay, with a long legend.
func fullOverlays(title string, legendRows int) Overlays {
	lg := &Legend{Title: "Actors", Marks: true}
	for i := range legendRows {
		lg.Items = append(lg.Items, LegendItem{Label: fmt.Sprintf("Actor number %d with a long name", i+1), Color: color.RGBA{uint8(40 * i), 0x60, 0xa0, 0xff}})
	}
	return Overlays{ScaleBar: true, Attribution: Credit, Title: title, DateWindow: "1 Jul 2025 – 31 Jul 2025", Legend: lg}
}

// The overlays of a briefing image: title, date window, legend with the
// key of the marks, scale bar and attribution, at device scale 1 and 2
// and in presentation type.
func TestGoldenBriefOverlays(t *testing.T) {
	ix := testIndex(legendEvents())
	sc := NewScene(ix, allRows(ix), nil)
	for _, c := range []struct {
		name         string
		scale, tscal float64
	}{{"overlays.png", 1, 0}, {"overlays_x2.png", 2, 0}, {"overlays_present.png", 1, 1.6}} {
		o := Overlays{ScaleBar: true, Attribution: Credit, Title: "Bajaur, July 2025", DateWindow: "1 Jul 2025 – 31 Jul 2025",
			Legend: LegendFor(sc, LegendRows), TextScale: c.tscal}
		o.Legend.Title, o.Legend.Marks = "Actors", true
		var f Frame
		NewRenderer(nil).Render(&f, frontierView(c.scale), sc, o)
		golden.Assert(t, c.name, f.Img)
	}
}

// At any size, device scale and text scale the overlays' boxes stay inside
// the image and apart, and every pixel the overlays change lies in a box.
func TestOverlaysNeverOverlap(t *testing.T) {
	r := NewRenderer(nil)
	var bare, full Frame
	sizes := [][2]int{{160, 120}, {320, 200}, {640, 360}, {800, 500}, {1280, 720}, {1920, 1080}, {500, 900}}
	for _, sz := range sizes {
		for _, s := range []float64{1, 2, 3} {
			for _, ts := range []float64{0, 1.5, 3} {
				for _, title := range []string{"", "Short", strings.Repeat("A very long briefing title ", 6)} {
					v := frontierView(1)
					v.Width, v.Height, v.Scale = int(float64(sz[0])*s), int(float64(sz[1])*s), s
					o := fullOverlays(title, 25)
					o.TextScale = ts
					if title == "Short" {
						o.DateScale = 1.6 // animation frames
					}
					name := fmt.Sprintf("%dx%d@%g text %g title %d", v.Width, v.Height, s, ts, len(title))
					r.Render(&bare, v, nil, Overlays{NoLabels: true})
					r.Render(&full, v, nil, o)
					boxes := r.layout.rects()
					for i, a := range boxes {
						if !a.In(image.Rect(0, 0, v.Width, v.Height)) && sz[1] >= 200 {
							t.Errorf("%s: box %v leaves the image", name, a)
						}
						for _, b := range boxes[i+1:] {
							if a.Overlaps(b) {
								t.Errorf("%s: boxes %v and %v overlap", name, a, b)
							}
						}
					}
					if n := strays(bare.Img, full.Img, boxes); n > 0 {
						t.Errorf("%s: %d pixels drawn outside the boxes %v", name, n, boxes)
					}
					// A legend row always fits a full-size image.
					if sz[0] >= 640 && sz[1] >= 360 && ts <= 1.5 && !r.layout.hasLegend {
						t.Errorf("%s: no legend", name)
					}
					if !r.layout.hasAttrib {
						t.Errorf("%s: no attribution", name)
					}
				}
			}
		}
	}
}

// strays counts the pixels that differ between a and b outside boxes.
func strays(a, b *image.RGBA, boxes []image.Rectangle) int {
	n := 0
	for y := 0; y < a.Rect.Dy(); y++ {
		for x := 0; x < a.Rect.Dx(); x++ {
			i := a.PixOffset(x, y)
			if string(a.Pix[i:i+4]) == string(b.Pix[i:i+4]) {
				continue
			}
			in := false
			for _, bx := range boxes {
				if image.Pt(x, y).In(bx) {
					in = true
					break
				}
			}
			if !in {
				n++
			}
		}
	}
	return n
}

// A legend too long for the image keeps the rows that fit and counts the
// rest in "+N more".
func TestLegendShrinksToFit(t *testing.T) {
	r := NewRenderer(nil)
	var f Frame
	v := frontierView(1)
	v.Height = 300
	o := fullOverlays("Title", 40)
	r.Render(&f, v, nil, o)
	p := r.layout.legendPlan
	if !r.layout.hasLegend || len(p.labels) == 0 || len(p.labels)+p.more != 40 {
		t.Fatalf("legend %d rows +%d more, want some rows and 40 in all", len(p.labels), p.more)
	}
	if p.marks {
		// The key of the marks goes before actor rows do.
		t.Logf("key kept with %d rows", len(p.labels))
	}
	v.Height = 1000
	r.Render(&f, v, nil, o)
	if q := r.layout.legendPlan; len(q.labels) <= len(p.labels) {
		t.Errorf("a taller image shows %d rows, a short one %d", len(q.labels), len(p.labels))
	}
}

func TestFitText(t *testing.T) {
	fc := (&overlayFaces{}).at(1)
	long := "Tehrik-i-Taliban Pakistan and associated groups in Bajaur"
	for _, w := range []int{0, 10, 60, 150, 1000} {
		got := fitText(fc.legend, long, w)
		gw, _, _ := fc.legend.Measure(got)
		switch {
		case gw > w:
			t.Errorf("fitText(%d) = %q, %d px wide", w, got, gw)
		case w >= 1000 && got != long:
			t.Errorf("fitText(%d) shortened %q", w, got)
		case w < 1000 && w >= 60 && !strings.HasSuffix(got, "…"):
			t.Errorf("fitText(%d) = %q, no ellipsis", w, got)
		}
	}
	if !fc.date.Covers("1 Jul 2025 – 31 Jul 2025") {
		t.Error("the date face lacks the en dash")
	}
}
