package mapview

import (
	"testing"

	"frontier/internal/golden"
	"frontier/mapview/basemap"
)

// goldenEvents exercise every mark: dots of several sizes and actors,
// approximate locations (halos), a stack and a cluster.
func goldenEvents() []testEvent {
	evs := []testEvent{
		{lon: 71.30, lat: 34.10, actor: "Alpha", fatalities: 0},
		{lon: 71.38, lat: 33.92, actor: "Bravo", fatalities: 3},
		{lon: 71.72, lat: 34.12, actor: "Charlie", fatalities: 40, geoPrec: 2},
		{lon: 71.80, lat: 33.90, actor: "Delta", fatalities: 400, geoPrec: 3},
		{lon: 71.55, lat: 34.18, actor: "Alpha"}, {lon: 71.55, lat: 34.18, actor: "Bravo"}, {lon: 71.55, lat: 34.18, actor: "Alpha"},
	}
	for i := range 30 {
		evs = append(evs, testEvent{lon: 71.45 + float64(i%6)*0.003, lat: 33.98 + float64(i/6)*0.003, actor: []string{"Alpha", "Alpha", "Bravo"}[i%3]})
	}
	return evs
}

// The event layer on a plain background: dots, halos, a stack, a cluster,
// a selected and a hovered event. No basemap, so the golden changes only
// when the event drawing does.
func TestGoldenEventLayer(t *testing.T) {
	ix := testIndex(goldenEvents())
	sc := NewScene(ix, allRows(ix), nil)
	sc.Halos = true
	sc.Selected, sc.Hovered = 1, 0
	var f Frame
	NewRenderer(nil).Render(&f, frontierView(1), sc, Overlays{})
	golden.Assert(t, "events.png", f.Img)
}

// The basemap at the frontier, without text: land, water, borders,
// provinces and rivers.
func TestGoldenBasemap(t *testing.T) {
	base, err := basemap.Default()
	if err != nil {
		t.Fatal(err)
	}
	x, y := 0.695, 0.405
	var f Frame
	NewRenderer(base).Render(&f, Viewport{CenterX: x, CenterY: y, Zoom: 5.5, Width: 640, Height: 400}, nil, Overlays{NoLabels: true})
	golden.Assert(t, "basemap.png", f.Img)
}

// Panning by whole pixels redraws only the tiles that scroll into view;
// changing the events redraws none.
func TestTileCacheReusesTiles(t *testing.T) {
	base, err := basemap.Default()
	if err != nil {
		t.Fatal(err)
	}
	r := NewRenderer(base)
	var f Frame
	v := Viewport{CenterX: 0.695, CenterY: 0.405, Zoom: 6, Width: 1024, Height: 768}
	r.Render(&f, v, nil, Overlays{})
	first := r.Stats().TilesDrawn
	if first < 12 {
		t.Fatalf("first frame drew %d tiles", first)
	}
	ix := testIndex(goldenEvents())
	r.Render(&f, v, NewScene(ix, allRows(ix), nil), Overlays{})
	if n := r.Stats().TilesDrawn; n != 0 {
		t.Errorf("new events redrew %d tiles", n)
	}
	r.Render(&f, v.Pan(-300, 0), nil, Overlays{})
	if n := r.Stats().TilesDrawn; n == 0 || n > 10 {
		t.Errorf("a 300px pan drew %d tiles, want one or two new columns (1–10)", n)
	}
	r.Render(&f, v.ZoomAround(512, 384, 0.25), nil, Overlays{})
	if n := r.Stats().TilesDrawn; n < first {
		t.Errorf("a zoom drew only %d tiles", n)
	}
}

// A frame is drawn identically whatever was drawn before it with the same
// renderer (caches hold no state that changes the picture).
func TestRenderIsDeterministic(t *testing.T) {
	base, err := basemap.Default()
	if err != nil {
		t.Fatal(err)
	}
	ix := testIndex(goldenEvents())
	sc := NewScene(ix, allRows(ix), nil)
	v := frontierView(1)
	var a, b Frame
	fresh := NewRenderer(base)
	fresh.Render(&a, v, sc, Overlays{ScaleBar: true, Attribution: Credit})
	used := NewRenderer(base)
	used.Render(&b, v.ZoomAround(10, 10, -3), sc, Overlays{})
	used.Render(&b, v.Pan(300, 200), nil, Overlays{})
	used.Render(&b, v, sc, Overlays{ScaleBar: true, Attribution: Credit})
	if string(a.Img.Pix) != string(b.Img.Pix) {
		t.Error("the same frame differs after other frames")
	}
}
