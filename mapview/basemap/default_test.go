package basemap

import (
	"bytes"
	"math"
	"slices"
	"testing"

	"frontier/data"
)

func mustDefault(t testing.TB) *Basemap {
	t.Helper()
	b, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func classes(ls []*Layer) []Class {
	var out []Class
	for _, l := range ls {
		out = append(out, l.Class)
	}
	return out
}

func TestDefaultBands(t *testing.T) {
	b := mustDefault(t)
	for _, tc := range []struct {
		zoom    float64
		want    []Class
		landMin float64 // MinZoom of the Land layer: which band
	}{
		{0, []Class{Land, Coast, Border}, 0},
		{2, []Class{Land, Coast, Border}, 0},
		{3.2, []Class{Land, Lake, River, Coast, Border}, 0},
		{4, []Class{Land, Lake, River, Coast, Border}, 3.5},
		{6, []Class{Land, Lake, River, Province, Coast, Border}, 5},
		{7, []Class{Land, Lake, River, Province, Coast, Border}, 7},
		{16, []Class{Land, Lake, River, Province, Coast, Border}, 7},
	} {
		ls := b.LayersAt(tc.zoom)
		if got := classes(ls); !slices.Equal(got, tc.want) {
			t.Errorf("LayersAt(%v) = %v, want %v", tc.zoom, got, tc.want)
			continue
		}
		if ls[0].MinZoom != tc.landMin {
			t.Errorf("LayersAt(%v): Land band starts at %v, want %v", tc.zoom, ls[0].MinZoom, tc.landMin)
		}
		for _, l := range ls {
			if l.Parts() == 0 || len(l.Boxes) != l.Parts() {
				t.Errorf("LayersAt(%v): %v has %d parts, %d boxes", tc.zoom, l.Class, l.Parts(), len(l.Boxes))
			}
		}
	}
	// The 110m land is coarser than the 50m land.
	if a, c := b.LayersAt(2)[0].Points(), b.LayersAt(4)[0].Points(); a >= c {
		t.Errorf("110m land has %d points, 50m %d", a, c)
	}
}

// TestDefaultRoundTrip checks that the asset is a fixed point of
// Decode/Encode: nothing is lost and the encoder is deterministic.
func TestDefaultRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("encodes the whole asset")
	}
	if got := encode(t, mustDefault(t)); !bytes.Equal(got, asset) {
		t.Errorf("re-encoded asset differs: %d bytes, embedded %d", len(got), len(asset))
	}
}

// winding returns the winding number of the rings of l around (x, y),
// for rings that do not repeat their first point.
func winding(l *Layer, x, y float64) int {
	w := 0
	for i := range l.Parts() {
		if bx := l.Boxes[i]; x < bx.MinX || x > bx.MaxX || y < bx.MinY || y > bx.MaxY {
			continue
		}
		p := l.Part(i)
		n := len(p) / 2
		for k := range n {
			x0, y0 := p[2*k], p[2*k+1]
			x1, y1 := p[2*((k+1)%n)], p[2*((k+1)%n)+1]
			if (y0 <= y) != (y1 <= y) {
				cx := x0 + (y-y0)*(x1-x0)/(y1-y0)
				if cx > x {
					// Positive rings (y down) run downwards on their
					// right, i.e. east, side.
					if y1 > y0 {
						w++
					} else {
						w--
					}
				}
			}
		}
	}
	return w
}

// TestRingOrientation checks the fill convention through the winding
// number, which is what a non-zero rasteriser sees: land is covered once,
// the sea (including the Caspian, a hole in the dissolved land) not at
// all, and no point anywhere is covered twice or negatively. Lakes have
// holes too (islands), so only the last check applies to them; the
// sample grid is dense enough to cross the big lakes.
func TestRingOrientation(t *testing.T) {
	b := mustDefault(t)
	land := [][2]float64{{71.57, 34.01}, {2.35, 48.85}, {-100, 40}, {133, -25}, {69.2, 34.5}, {56, 30}, {81, 40}, {60, 45}}
	sea := [][2]float64{{65, 20.5}, {-30, 30}, {51, 42}, {160, -30}, {90, 10}, {57, 25}}
	for _, l := range b.Layers {
		if !l.Class.Filled() {
			continue
		}
		pos := 0
		for i := range l.Parts() {
			p := l.Part(i)
			if len(p) >= 2 && p[0] == p[len(p)-2] && p[1] == p[len(p)-1] {
				t.Errorf("%v [%v,%v) part %d repeats its first point", l.Class, l.MinZoom, l.MaxZoom, i)
			}
			if shoelace(p) > 0 {
				pos++
			}
		}
		if pos <= l.Parts()/2 {
			t.Errorf("%v [%v,%v): only %d of %d rings positive", l.Class, l.MinZoom, l.MaxZoom, pos, l.Parts())
		}
		for _, q := range land {
			if l.Class == Lake {
				break
			}
			if w := winding(&l, mx(q), my(q)); w != 1 {
				t.Errorf("Land [%v,%v): winding %d at land %v", l.MinZoom, l.MaxZoom, w, q)
			}
		}
		for _, q := range sea {
			if l.Class == Lake {
				break
			}
			if w := winding(&l, mx(q), my(q)); w != 0 {
				t.Errorf("Land [%v,%v): winding %d at sea %v", l.MinZoom, l.MaxZoom, w, q)
			}
		}
		for gy := 0.5; gy < 60; gy++ {
			for gx := 0.5; gx < 100; gx++ {
				x, y := gx/100, 0.1+gy/60*0.8
				if w := winding(&l, x, y); w != 0 && w != 1 {
					t.Fatalf("Land [%v,%v): winding %d at %v,%v", l.MinZoom, l.MaxZoom, w, x, y)
				}
			}
		}
	}
}

func shoelace(p []float64) float64 {
	s := 0.0
	n := len(p) / 2
	for k := range n {
		j := (k + 1) % n
		s += p[2*k]*p[2*j+1] - p[2*j]*p[2*k+1]
	}
	return s
}

func mx(q [2]float64) float64 { x, _ := data.Mercator(q[0], q[1]); return x }
func my(q [2]float64) float64 { _, y := data.Mercator(q[0], q[1]); return y }

// TestNoLineOnFrame: the 10m data was clipped to the frontier box, which
// added polygon edges along its frame; none may be stroked.
func TestNoLineOnFrame(t *testing.T) {
	b := mustDefault(t)
	x0, y0 := data.Mercator(FrontierLon0, FrontierLat1)
	x1, y1 := data.Mercator(FrontierLon1, FrontierLat0)
	const eps = 1e-7 // about 4 m
	on := func(u, v, w float64) bool { return math.Abs(u-w) < eps && math.Abs(v-w) < eps }
	for _, l := range b.Layers {
		if l.Class.Filled() || l.MinZoom < 5 {
			continue
		}
		for i := range l.Parts() {
			p := l.Part(i)
			for k := 2; k+1 < len(p); k += 2 {
				ax, ay, bx, by := p[k-2], p[k-1], p[k], p[k+1]
				inX := ax >= x0-eps && ax <= x1+eps && bx >= x0-eps && bx <= x1+eps
				inY := ay >= y0-eps && ay <= y1+eps && by >= y0-eps && by <= y1+eps
				if (on(ax, bx, x0) || on(ax, bx, x1)) && inY || (on(ay, by, y0) || on(ay, by, y1)) && inX {
					lon, lat := data.InverseMercator(ax, ay)
					t.Errorf("%v [%v,%v) part %d runs along the box frame at %.4f,%.4f", l.Class, l.MinZoom, l.MaxZoom, i, lon, lat)
					break
				}
			}
		}
	}
}

func findPlace(b *Basemap, name string, kind PlaceKind) *Place {
	for i := range b.Places {
		if p := &b.Places[i]; p.Name == name && p.Kind == kind {
			return p
		}
	}
	return nil
}

func TestDefaultPlaces(t *testing.T) {
	b := mustDefault(t)
	for _, tc := range []struct {
		name     string
		kind     PlaceKind
		lon, lat float64
		minZoom  float32
		country  string
	}{
		{"Peshawar", AdminSeat, 71.578, 34.008, 3, "PK"},
		{"Islamabad", Capital, 73.043, 33.721, 3, "PK"},
		{"Kabul", Capital, 69.172, 34.528, 2, "AF"},
		{"Quetta", AdminSeat, 67.001, 30.184, 4, "PK"},
		{"Parachinar", Town, 70.100, 33.900, 8, "PK"},
		{"Khyber Pakhtunkhwa", ProvinceLabel, 72.640, 34.941, 5.5, "PK"},
		{"Balochistan", ProvinceLabel, 65.551, 27.519, 5.5, "PK"},
		{"Pakistan", CountryLabel, 0, 0, 3, "PK"},
		{"Russia", CountryLabel, 0, 0, 2, "RU"},
	} {
		p := findPlace(b, tc.name, tc.kind)
		if p == nil {
			t.Errorf("no %v %q", tc.kind, tc.name)
			continue
		}
		if p.MinZoom != tc.minZoom || p.Country != tc.country {
			t.Errorf("%s: MinZoom %v, country %q; want %v, %q", tc.name, p.MinZoom, p.Country, tc.minZoom, tc.country)
		}
		lon, lat := data.InverseMercator(p.X, p.Y)
		if tc.lon != 0 && (math.Abs(lon-tc.lon) > 0.01 || math.Abs(lat-tc.lat) > 0.01) {
			t.Errorf("%s at %.4f,%.4f, want %.3f,%.3f", tc.name, lon, lat, tc.lon, tc.lat)
		}
	}
	if p := findPlace(b, "Federally Administered Tribal Areas", ProvinceLabel); p != nil {
		t.Error("FATA has a province label; it merged into Khyber Pakhtunkhwa in 2018")
	}
	if p := findPlace(b, "Jalālābād", AdminSeat); p == nil || p.ASCIIName != "Jalalabad" {
		t.Errorf("Jalālābād = %+v, want ASCIIName Jalalabad", p)
	}
	// Pakistan's label lies in Pakistan, Russia's in Russia's mainland.
	if p := findPlace(b, "Pakistan", CountryLabel); p != nil {
		if lon, lat := data.InverseMercator(p.X, p.Y); lon < 61 || lon > 77 || lat < 24 || lat > 37 {
			t.Errorf("Pakistan label at %.2f,%.2f", lon, lat)
		}
	}
	if p := findPlace(b, "Russia", CountryLabel); p != nil {
		if lon, lat := data.InverseMercator(p.X, p.Y); lon < 30 || lon > 140 || lat < 50 {
			t.Errorf("Russia label at %.2f,%.2f", lon, lat)
		}
	}
	for i := 1; i < len(b.Places); i++ {
		if PlaceLess(&b.Places[i], &b.Places[i-1]) {
			t.Fatalf("places %d (%s) and %d (%s) out of priority order", i-1, b.Places[i-1].Name, i, b.Places[i].Name)
		}
	}
}
