package mapview

import (
	"image/color"
	"math"
	"reflect"
	"testing"

	"github.com/paulmach/orb"

	"frontier/data"
	"frontier/internal/golden"
)

var red = color.RGBA{0xff, 0, 0, 0xff}

// redBox is an opaque red rectangle without stroke around lon/lat.
func redBox(id uint64, lon, lat float64) data.Annotation {
	a := ann(id, data.KindRectangle, "", lon-0.1, lat-0.05, lon+0.1, lat+0.05)
	a.Style.Fill, a.Style.FillOpacity, a.Style.StrokeWidth = "#ff0000", 1, 0
	return a
}

// The draft is drawn instead of the stored item with its ID, with its
// handles on top.
func TestDraftReplacesItsItem(t *testing.T) {
	item := redBox(7, 71.0, 34.0)
	draft := redBox(7, 72.0, 34.2)
	f := renderSet(frontierView(1), &AnnotationSet{Items: []data.Annotation{item}, Draft: &draft})
	ax, ay := mercPixel(f, 71.0, 34.0)
	if got := f.Img.RGBAAt(int(ax), int(ay)); got != waterColor {
		t.Errorf("the stored item under the draft was drawn: %v", got)
	}
	bx, by := mercPixel(f, 72.0, 34.2)
	if got := f.Img.RGBAAt(int(bx), int(by)); got != red {
		t.Errorf("the draft was not drawn: %v", got)
	}
	// A corner handle: white inside, dark outline.
	hx, hy := mercPixel(f, 72.1, 34.25)
	if got := f.Img.RGBAAt(int(hx), int(hy)); got != annotWhite {
		t.Errorf("draft corner handle = %v, want white", got)
	}
	if got := f.Img.RGBAAt(int(hx)-4, int(hy)); got != annotHandleInk {
		t.Errorf("draft corner handle outline = %v, want %v", got, annotHandleInk)
	}
	// A draft that is not yet stored (ID 0) hides nothing.
	draft.ID = 0
	f = renderSet(frontierView(1), &AnnotationSet{Items: []data.Annotation{item}, Draft: &draft})
	if got := f.Img.RGBAAt(int(ax), int(ay)); got != red {
		t.Errorf("a new draft hid item 7: %v", got)
	}
}

// Selecting an item draws its vertex and midpoint handles; unselected, none.
func TestSelectedItemHasHandles(t *testing.T) {
	line := ann(3, data.KindPolyline, "", 71.0, 34.0, 72.0, 34.0)
	line.Style.Stroke = "#000000"
	for _, sel := range []uint64{0, 3} {
		f := renderSet(frontierView(1), &AnnotationSet{Items: []data.Annotation{line}, Selected: sel})
		vx, vy := mercPixel(f, 71.0, 34.0)
		mx, my := mercPixel(f, 71.5, 34.0)
		vertex := f.Img.RGBAAt(int(vx), int(vy)) == annotWhite
		mid := f.Img.RGBAAt(int(mx), int(my)).R >= 0xe8 // near white over the black line
		if vertex != (sel != 0) || mid != (sel != 0) {
			t.Errorf("selected %d: vertex handle %v, midpoint handle %v", sel, vertex, mid)
		}
	}
}

// The measure line is never filled, even when it has the points of a
// polygon, and is drawn in dark ink.
func TestMeasureIsNeverFilled(t *testing.T) {
	m := ann(0, data.KindPolygon, "", 71.0, 33.8, 72.0, 33.8, 71.5, 34.3)
	m.Style.Fill, m.Style.FillOpacity = "#ff0000", 1
	f := renderSet(frontierView(1), &AnnotationSet{Measure: &m})
	cx, cy := mercPixel(f, 71.5, 33.95)
	if got := f.Img.RGBAAt(int(cx), int(cy)); got != waterColor {
		t.Errorf("inside the measure line = %v, want water", got)
	}
	// The first leg's first dash starts at its first point.
	sx, sy := mercPixel(f, 71.0, 33.8)
	if got := ink(f.Img, int(sx)+2, int(sy), measureInk); got < 0.9 {
		t.Errorf("the measure line's start is not dark: ink %.2f", got)
	}
}

// Annotations off the image cost no drawing: only the copies that meet
// the image reach drawShape.
func TestOffscreenAnnotationsAreCulled(t *testing.T) {
	var items []data.Annotation
	for i := range 1000 {
		items = append(items, redBox(uint64(i+1), -100+float64(i%50), 40+float64(i/50)*0.1))
	}
	items = append(items, redBox(5000, 71.5, 34.0))
	r := NewRenderer(nil)
	var f Frame
	r.Render(&f, frontierView(1), nil, Overlays{Annotations: &AnnotationSet{Items: items}})
	if r.annot.shapes != 1 {
		t.Errorf("drew %d shapes, want the 1 on screen", r.annot.shapes)
	}
}

// The geometry cache follows the items: a new item in the same slot of
// the same slice (as a reused buffer gives) is drawn where it now is.
func TestAnnotationCacheFollowsItems(t *testing.T) {
	items := []data.Annotation{redBox(1, 71.0, 34.0)}
	r := NewRenderer(nil)
	var f Frame
	r.Render(&f, frontierView(1), nil, Overlays{Annotations: &AnnotationSet{Items: items}})
	items[0] = redBox(1, 72.0, 34.2)
	r.Render(&f, frontierView(1), nil, Overlays{Annotations: &AnnotationSet{Items: items}})
	ax, ay := mercPixel(&f, 71.0, 34.0)
	bx, by := mercPixel(&f, 72.0, 34.2)
	if f.Img.RGBAAt(int(ax), int(ay)) != waterColor || f.Img.RGBAAt(int(bx), int(by)) != red {
		t.Error("the moved item was drawn from stale geometry")
	}
}

// AnnotationHandles: vertices, midpoints of lines and polygons (the
// polygon's closing edge too), rectangle corners counterclockwise from the
// first point's, a circle's centre and its radius handle due east, and
// only the ends of a freehand line; appending reuses the slice.
func TestAnnotationHandles(t *testing.T) {
	pt := func(lon, lat float64) orb.Point { return orb.Point{lon, lat} }
	v := func(i int, lon, lat float64) Handle { return Handle{Kind: HandleVertex, Index: i, Lon: lon, Lat: lat} }
	mid := func(i int, lon, lat float64) Handle {
		return Handle{Kind: HandleMidpoint, Index: i, Lon: lon, Lat: lat}
	}
	east := data.GeoDestination(pt(70, 34), 90, 10_000)
	for _, c := range []struct {
		a    data.Annotation
		want []Handle
	}{
		{data.Annotation{Kind: data.KindMarker, Points: []orb.Point{pt(70, 34)}}, []Handle{v(0, 70, 34)}},
		{data.Annotation{Kind: data.KindPolyline, Points: []orb.Point{pt(70, 34), pt(72, 34), pt(72, 36)}},
			[]Handle{v(0, 70, 34), v(1, 72, 34), v(2, 72, 36), mid(0, 71, 34), mid(1, 72, 35)}},
		{data.Annotation{Kind: data.KindPolygon, Points: []orb.Point{pt(70, 34), pt(72, 34), pt(72, 36)}},
			[]Handle{v(0, 70, 34), v(1, 72, 34), v(2, 72, 36), mid(0, 71, 34), mid(1, 72, 35), mid(2, 71, 35)}},
		{data.Annotation{Kind: data.KindRectangle, Points: []orb.Point{pt(70, 34), pt(72, 36)}},
			[]Handle{v(0, 70, 34), v(1, 72, 34), v(2, 72, 36), v(3, 70, 36)}},
		{data.Annotation{Kind: data.KindCircle, Points: []orb.Point{pt(70, 34)}, Radius: 10_000},
			[]Handle{v(0, 70, 34), {Kind: HandleRadius, Index: 0, Lon: east[0], Lat: east[1]}}},
		{data.Annotation{Kind: data.KindFreehand, Points: []orb.Point{pt(70, 34), pt(71, 35), pt(72, 34)}},
			[]Handle{v(0, 70, 34), v(2, 72, 34)}},
		{data.Annotation{Kind: data.KindRectangle, Points: []orb.Point{pt(70, 34)}}, nil},
	} {
		if got := AnnotationHandles(&c.a); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: handles %v, want %v", c.a.Kind, got, c.want)
		}
	}
	buf := make([]Handle, 0, 8)
	a := data.Annotation{Kind: data.KindPolyline, Points: []orb.Point{pt(70, 34), pt(72, 34)}}
	if got := appendHandles(buf, &a); &got[0] != &buf[:1][0] {
		t.Error("appendHandles did not reuse its slice")
	}
}

// Redrawing the same items (pan, zoom) allocates nothing once warm, even
// with a selected 10,000-point line: buffers are reused.
func TestAnnotationsDoNotAllocate(t *testing.T) {
	items := benchAnnotations(300, frontierView(1))
	long := ann(9999, data.KindPolyline, "Long", freehandWave(70.6, 34.0, 1.8, 10_000)...)
	items = append(items, long)
	set := &AnnotationSet{Items: items, Selected: 9999}
	r := NewRenderer(nil)
	var f Frame
	v := frontierView(1)
	r.Render(&f, v, nil, Overlays{})
	base := testing.AllocsPerRun(5, func() { r.Render(&f, v, nil, Overlays{}) })
	for range 3 {
		r.Render(&f, v, nil, Overlays{Annotations: set})
		r.Render(&f, v.Pan(40, 10), nil, Overlays{Annotations: set})
	}
	got := testing.AllocsPerRun(5, func() {
		r.Render(&f, v, nil, Overlays{Annotations: set})
		r.Render(&f, v.Pan(40, 10), nil, Overlays{Annotations: set})
	})
	if got > 2*base {
		t.Errorf("two frames with annotations allocated %v times, without %v", got, 2*base)
	}
}

// Far north and south, and across the antimeridian, at zoom 1: a circle
// split by the antimeridian, circles round the north and the south pole
// (filled to the map's edge), a range-bearing line that crosses the
// antimeridian as a geodesic, and an arrow and a marker at the edges.
func TestGoldenAnnotationsWorld(t *testing.T) {
	c := func(id uint64, lon, lat, km float64, fill string) data.Annotation {
		a := ann(id, data.KindCircle, "", lon, lat)
		a.Radius, a.Style.Fill, a.Style.Stroke = km*1000, fill, fill
		return a
	}
	rb := ann(5, data.KindRangeBearing, "", 150, -30, -140, -40)
	arrow := ann(6, data.KindArrow, "", -170, 60, 170, 60)
	mk := ann(7, data.KindMarker, "Edge", 180, 0)
	set := &AnnotationSet{Items: []data.Annotation{
		c(1, 175, 10, 2500, "#d7191c"), c(2, 30, 80, 1500, "#2b83ba"), c(3, -60, -75, 2000, "#1a9641"),
		rb, arrow, mk,
	}}
	x, y := data.Mercator(0, 0)
	f := renderSet(Viewport{CenterX: x, CenterY: y, Zoom: 1, Width: 560, Height: 560}, set)
	golden.Assert(t, "annot_world.png", f.Img)
}

// A circle holding both poles fills the world but the inside of its
// ring, which lies round the antipode.
func TestCircleRoundBothPoles(t *testing.T) {
	a := ann(1, data.KindCircle, "", 0, 10)
	a.Radius = 17_000_000 // the antipode (180, −10) is 3,000 km outside
	a.Style.Fill, a.Style.FillOpacity = "#ff0000", 1
	x, y := data.Mercator(0, 0)
	f := renderSet(Viewport{CenterX: x, CenterY: y, Zoom: 1, Width: 512, Height: 512}, &AnnotationSet{Items: []data.Annotation{a}})
	for _, tt := range []struct {
		lon, lat float64
		filled   bool
	}{{0, 10, true}, {90, 70, true}, {-90, -70, true}, {179, -10, false}, {-179, -10, false}} {
		px, py := mercPixel(f, tt.lon, tt.lat)
		if got := f.Img.RGBAAt(int(px), int(py)) == red; got != tt.filled {
			t.Errorf("(%v, %v): filled %v, want %v", tt.lon, tt.lat, got, tt.filled)
		}
	}
}

// A circle round the north pole fills up to the top of the map, not
// across the middle.
func TestCircleRoundNorthPole(t *testing.T) {
	a := ann(1, data.KindCircle, "", 20, 80)
	a.Radius = 2_000_000
	a.Style.Fill, a.Style.FillOpacity = "#ff0000", 1
	x, y := data.Mercator(0, 60)
	f := renderSet(Viewport{CenterX: x, CenterY: y, Zoom: 1, Width: 512, Height: 512}, &AnnotationSet{Items: []data.Annotation{a}})
	for _, tt := range []struct {
		lon, lat float64
		filled   bool
	}{{20, 84, true}, {-160, 84, true}, {100, 84.9, true}, {20, 75, true}, {-160, 60, false}, {20, 40, false}} {
		px, py := mercPixel(f, tt.lon, tt.lat)
		if got := f.Img.RGBAAt(int(px), int(py)) == red; got != tt.filled {
			t.Errorf("(%v, %v): filled %v, want %v", tt.lon, tt.lat, got, tt.filled)
		}
	}
}

func TestFormatDistanceAndBearing(t *testing.T) {
	for _, tt := range []struct {
		m, brg float64
		want   string
	}{
		{0, 0, "0 m · 000°"},
		{849.6, 47.2, "850 m · 047°"},
		{12_400, 359.7, "12.4 km · 000°"},
		{99_949, 180, "99.9 km · 180°"},
		{1_234_400, 5.5, "1,234 km · 006°"},
		{19_999_000, -90, "19,999 km · 270°"},
		{math.NaN(), math.NaN(), "? m · ---°"},
	} {
		if got := RangeBearingText(tt.m, tt.brg); got != tt.want {
			t.Errorf("RangeBearingText(%v, %v) = %q, want %q", tt.m, tt.brg, got, tt.want)
		}
	}
}

// circleVerts grows with the radius, stays a power of two and bounded.
func TestCircleVerts(t *testing.T) {
	prev := 0
	for _, r := range []float64{0, 1, 10, 100, 1000, 1e4, 1e5, 1e9, math.Inf(1)} {
		n := circleVerts(r)
		if n < prev || n < circleMinVerts || n > circleMaxVerts || n&(n-1) != 0 {
			t.Errorf("circleVerts(%v) = %d after %d", r, n, prev)
		}
		// The chord error r(1 − cos(π/n)) stays within 0.3 px below the cap.
		if n < circleMaxVerts && r*(1-math.Cos(math.Pi/float64(n))) > 0.3 {
			t.Errorf("circleVerts(%v) = %d leaves a chord error over 0.3 px", r, n)
		}
		prev = n
	}
}

// Text is drawn in its stroke colour at its size; light text gets a dark
// halo so it reads on the light map, dark text a light one.
func TestTextColourAndHalo(t *testing.T) {
	for _, tt := range []struct {
		stroke    string
		ink, halo func(c color.RGBA) bool
	}{
		{"#ffffff", func(c color.RGBA) bool { return c == annotWhite }, func(c color.RGBA) bool { return c.G < 0x90 }},
		{"#000000", func(c color.RGBA) bool { return c.R < 0x08 && c.G < 0x08 }, func(c color.RGBA) bool { return c.G > 0xf0 && c.B > 0xf0 }},
	} {
		a := ann(1, data.KindText, "MMMM", 71.5, 34.0)
		a.Style.Stroke, a.Style.TextSize = tt.stroke, 30
		f := renderSet(frontierView(1), &AnnotationSet{Items: []data.Annotation{a}})
		x, y := mercPixel(f, 71.5, 34.0)
		inked, haloed := 0, 0
		for j := int(y) - 30; j < int(y)+30; j++ {
			for i := int(x) - 60; i < int(x)+60; i++ {
				c := f.Img.RGBAAt(i, j)
				if tt.ink(c) {
					inked++
				}
				if tt.halo(c) {
					haloed++
				}
			}
		}
		// "MMMM" at 30 px has hundreds of ink pixels and a halo round them.
		if inked < 200 || haloed < 200 {
			t.Errorf("text %s: %d ink and %d halo pixels", tt.stroke, inked, haloed)
		}
	}
}
