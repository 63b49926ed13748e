package mapview

import (
	"fmt"
	"testing"

	"github.com/paulmach/orb"

	"frontier/data"
)

// annotAt makes an annotation of kind k with the points at pixels of v.
func annotAt(v Viewport, id uint64, k data.AnnotationKind, px ...[2]float64) data.Annotation {
	a := data.Annotation{ID: id, Kind: k, Style: data.DefaultStyle(k)}
	for _, p := range px {
		a.Points = append(a.Points, v.PixelToLonLat(p[0], p[1]))
	}
	return a
}

// circleAt is a circle centred at pixel c of v reaching r pixels east.
func circleAt(v Viewport, id uint64, c [2]float64, r float64) data.Annotation {
	a := annotAt(v, id, data.KindCircle, c)
	a.Radius, _ = data.GeoInverse(a.Points[0], v.PixelToLonLat(c[0]+r, c[1]))
	return a
}

func TestHitAnnotation(t *testing.T) {
	v := toolView()
	type xy = [2]float64
	line := annotAt(v, 1, data.KindPolyline, xy{100, 100}, xy{300, 100}, xy{300, 300})
	unfilled := annotAt(v, 2, data.KindPolygon, xy{400, 100}, xy{600, 100}, xy{500, 250})
	unfilled.Style.FillOpacity = 0
	filled := annotAt(v, 3, data.KindPolygon, xy{400, 100}, xy{600, 100}, xy{500, 250})
	rect := annotAt(v, 4, data.KindRectangle, xy{50, 350}, xy{250, 450})
	circle := circleAt(v, 5, xy{600, 380}, 60)
	ring := circleAt(v, 6, xy{600, 380}, 60)
	ring.Style.FillOpacity = 0
	marker := annotAt(v, 7, data.KindMarker, xy{700, 50})
	marker.Label = "Camp"
	text := annotAt(v, 8, data.KindText, xy{150, 250})
	text.Label = "Hello" // 5 × 16 × 0.6 = 48 px wide, 20 px high
	text.Style.TextSize = 16
	rb := annotAt(v, 9, data.KindRangeBearing, xy{20, 20}, xy{20, 200})
	wide := annotAt(v, 10, data.KindPolyline, xy{350, 480}, xy{450, 480})
	wide.Style.StrokeWidth = 20

	cases := []struct {
		name  string
		items []data.Annotation
		x, y  float64
		want  uint64 // 0: none
	}{
		{"on a line", []data.Annotation{line}, 200, 100, 1},
		{"near a line within slop", []data.Annotation{line}, 200, 104, 1},
		{"off a line", []data.Annotation{line}, 200, 110, 0},
		{"near the second segment", []data.Annotation{line}, 303, 200, 1},
		{"inside an unfilled polygon", []data.Annotation{unfilled}, 500, 150, 0},
		{"on an unfilled polygon's closing edge", []data.Annotation{unfilled}, 450, 175, 2},
		{"inside a filled polygon", []data.Annotation{filled}, 500, 150, 3},
		{"outside a filled polygon", []data.Annotation{filled}, 420, 240, 0},
		{"inside a rectangle", []data.Annotation{rect}, 150, 400, 4},
		{"outside a rectangle", []data.Annotation{rect}, 260, 400, 0},
		{"inside a circle", []data.Annotation{circle}, 620, 390, 5},
		{"inside an unfilled circle", []data.Annotation{ring}, 620, 390, 0},
		{"on an unfilled circle's edge", []data.Annotation{ring}, 600, 320, 6},
		{"outside a circle", []data.Annotation{circle}, 670, 380, 0},
		{"on a marker", []data.Annotation{marker}, 705, 55, 7},
		{"on a marker's label", []data.Annotation{marker}, 730, 50, 7},
		{"beside a marker", []data.Annotation{marker}, 700, 75, 0},
		{"on a text", []data.Annotation{text}, 170, 255, 8},
		{"beside a text", []data.Annotation{text}, 185, 250, 0},
		{"on a range-bearing line", []data.Annotation{rb}, 21, 100, 9},
		{"within a wide stroke", []data.Annotation{wide}, 400, 492, 10},
		{"topmost wins", []data.Annotation{filled, unfilled}, 450, 175, 2},
		{"a lower filled one shows through", []data.Annotation{filled, unfilled}, 500, 150, 3},
		{"nothing", []data.Annotation{line, filled, rect, circle, marker, text}, 780, 480, 0},
	}
	for _, c := range cases {
		id, ok := HitAnnotation(v, c.items, c.x, c.y, hitSlop)
		if ok != (c.want != 0) || id != c.want {
			t.Errorf("%s: hit %d %v, want %d", c.name, id, ok, c.want)
		}
	}
}

func TestHitAnnotationDeviceScale(t *testing.T) {
	v := toolView()
	a := annotAt(v, 1, data.KindPolyline, [2]float64{100, 100}, [2]float64{300, 100})
	v2 := v
	v2.Width, v2.Height, v2.Scale = 1600, 1000, 2
	// The same line on a HiDPI frame is twice as far from the corner.
	if _, ok := HitAnnotation(v2, []data.Annotation{a}, 400, 200, hitSlop*2); !ok {
		t.Error("no hit at device scale 2")
	}
	if _, ok := HitAnnotation(v2, []data.Annotation{a}, 400, 100, hitSlop*2); ok {
		t.Error("hit at logical pixels on a device-pixel frame")
	}
}

func TestHitHandle(t *testing.T) {
	v := toolView()
	type xy = [2]float64
	line := annotAt(v, 1, data.KindPolyline, xy{100, 100}, xy{300, 100}, xy{300, 300})
	rect := annotAt(v, 2, data.KindRectangle, xy{100, 400}, xy{300, 200})
	circle := circleAt(v, 3, xy{500, 250}, 80)
	cases := []struct {
		name string
		a    data.Annotation
		x, y float64
		ok   bool
		kind HandleKind
		idx  int
	}{
		{"first vertex", line, 102, 99, true, HandleVertex, 0},
		{"last vertex", line, 300, 296, true, HandleVertex, 2},
		{"midpoint", line, 200, 102, true, HandleMidpoint, 0},
		{"second midpoint", line, 300, 200, true, HandleMidpoint, 1},
		{"between handles", line, 150, 100, false, 0, 0},
		{"rectangle SW corner", rect, 100, 400, true, HandleVertex, 0},
		{"rectangle SE corner", rect, 300, 400, true, HandleVertex, 1},
		{"rectangle NE corner", rect, 300, 200, true, HandleVertex, 2},
		{"rectangle NW corner", rect, 100, 200, true, HandleVertex, 3},
		{"circle centre", circle, 500, 250, true, HandleVertex, 0},
		{"circle radius", circle, 581, 250, true, HandleRadius, 0},
	}
	for _, c := range cases {
		h, ok := HitHandle(v, &c.a, c.x, c.y, handleSlop)
		if ok != c.ok || (ok && (h.Kind != c.kind || h.Index != c.idx)) {
			t.Errorf("%s: handle %+v %v, want kind %d index %d %v", c.name, h, ok, c.kind, c.idx, c.ok)
		}
	}
}

func ExampleHitAnnotation() {
	v := Viewport{CenterX: 0.5, CenterY: 0.5, Zoom: 4, Width: 400, Height: 300}
	road := data.Annotation{ID: 1, Kind: data.KindPolyline, Style: data.DefaultStyle(data.KindPolyline),
		Points: []orb.Point{v.PixelToLonLat(50, 150), v.PixelToLonLat(350, 150)}}
	area := data.Annotation{ID: 2, Kind: data.KindRectangle, Style: data.DefaultStyle(data.KindRectangle),
		Points: []orb.Point{v.PixelToLonLat(100, 250), v.PixelToLonLat(300, 50)}}
	items := []data.Annotation{road, area} // the area is drawn on top
	for _, p := range [][2]float64{{20, 150}, {200, 100}, {360, 152}} {
		id, ok := HitAnnotation(v, items, p[0], p[1], 4)
		fmt.Println(p, id, ok)
	}
	// Output:
	// [20 150] 0 false
	// [200 100] 2 true
	// [360 152] 0 false
}

// A circle across the antimeridian and a long range-bearing line are hit
// where the painter draws them: the circle's ring in one piece, the line
// along its geodesic, not along the straight chord.
func TestHitAnnotationFollowsTheDrawnShape(t *testing.T) {
	cx, cy := data.Mercator(179.5, 0)
	v := Viewport{CenterX: cx, CenterY: cy, Zoom: 6, Width: 800, Height: 500, Scale: 1}
	circle := data.Annotation{ID: 1, Kind: data.KindCircle, Style: data.DefaultStyle(data.KindCircle),
		Points: []orb.Point{{179.5, 0}}, Radius: 200e3}
	circle.Style.FillOpacity = 0
	east := data.GeoDestination(orb.Point{179.5, 0}, 90, 200e3) // past 180°: drawn east of the centre
	ex, ey := v.ToPixel(data.Mercator(east[0]+360, east[1]))
	for _, c := range []struct {
		name string
		x, y float64
		want bool
	}{
		{"on the ring east of the antimeridian", ex, ey, true},
		{"far west, on the row of the ring's folded edge", 20, ey, false},
		{"inside the unfilled ring", 400, 250, false},
	} {
		if _, ok := HitAnnotation(v, []data.Annotation{circle}, c.x, c.y, 3); ok != c.want {
			t.Errorf("circle, %s (%.0f, %.0f): hit %v, want %v", c.name, c.x, c.y, ok, c.want)
		}
	}

	mx, my := data.Mercator(80, 50)
	w := Viewport{CenterX: mx, CenterY: my, Zoom: 4, Width: 1000, Height: 700, Scale: 1}
	line := data.Annotation{ID: 2, Kind: data.KindRangeBearing, Style: data.DefaultStyle(data.KindRangeBearing),
		Points: []orb.Point{{60, 50}, {100, 50}}}
	merc, _, _ := geodesicPath(nil, line.Points[0], line.Points[1])
	mid := len(merc) / 4 * 2
	gx, gy := w.ToPixel(merc[mid], merc[mid+1])
	sx, sy := w.LonLatToPixel(orb.Point{80, 50})
	if gy > sy-20 {
		t.Fatalf("the geodesic's middle (%.0f, %.0f) is not well north of the chord's (%.0f, %.0f)", gx, gy, sx, sy)
	}
	if _, ok := HitAnnotation(w, []data.Annotation{line}, gx, gy, 3); !ok {
		t.Error("the drawn geodesic is not hit at its middle")
	}
	if _, ok := HitAnnotation(w, []data.Annotation{line}, sx, sy, 3); ok {
		t.Error("the straight chord, which is not drawn, is hit")
	}
}
