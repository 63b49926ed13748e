package mapview

import (
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"frontier/data"
)

func near(a, b, eps float64) bool { return math.Abs(a-b) <= eps }

func TestViewportPixelRoundTrip(t *testing.T) {
	views := []Viewport{
		{CenterX: 0.5, CenterY: 0.5, Zoom: 0, Width: 256, Height: 256},
		{CenterX: 0.69, CenterY: 0.40, Zoom: 5.3, Width: 1920, Height: 1080},
		{CenterX: 0.69, CenterY: 0.40, Zoom: 12.75, Width: 801, Height: 333, Scale: 2},
		{CenterX: 0.1, CenterY: 0.9, Zoom: 16, Width: 17, Height: 9, Scale: 1.5},
	}
	pts := []orb.Point{{71.5249, 34.0151}, {69.2075, 34.5553}, {-73.98, 40.75}, {0, 0}, {179.9, -60}}
	for _, v := range views {
		for _, p := range pts {
			px, py := v.LonLatToPixel(p)
			q := v.PixelToLonLat(px, py)
			if !near(p.Lon(), q.Lon(), 1e-9) || !near(p.Lat(), q.Lat(), 1e-9) {
				t.Errorf("view %+v: %v → (%g,%g) → %v", v, p, px, py, q)
			}
		}
	}
}

// The viewport's pixel maths agrees with orb's tile maths: at an integer
// zoom the world pixel of a point is its tile fraction times 256.
func TestViewportMatchesOrbTileFraction(t *testing.T) {
	for _, z := range []maptile.Zoom{0, 3, 7, 12} {
		v := Viewport{CenterX: 0.5, CenterY: 0.5, Zoom: float64(z), Width: 1000, Height: 800}
		for _, p := range []orb.Point{{71.5249, 34.0151}, {-122.4, 37.8}, {151.2, -33.9}} {
			frac := maptile.Fraction(p, z)
			px, py := v.LonLatToPixel(p)
			wx := px - 500 + 0.5*v.WorldSize()
			wy := py - 400 + 0.5*v.WorldSize()
			if !near(wx, frac.X()*TileSize, 1e-6) || !near(wy, frac.Y()*TileSize, 1e-6) {
				t.Errorf("zoom %d %v: world pixel (%g,%g), orb (%g,%g)", z, p, wx, wy, frac.X()*TileSize, frac.Y()*TileSize)
			}
		}
	}
}

func TestZoomAroundKeepsPointUnderCursor(t *testing.T) {
	v := Viewport{CenterX: 0.69, CenterY: 0.40, Zoom: 5, Width: 1200, Height: 800, Scale: 2}
	for _, tt := range []struct{ px, py, dz float64 }{
		{100, 100, 0.5}, {1199, 799, -1.25}, {600, 400, 3}, {0, 0, 0.01}, {333, 777, -4},
	} {
		before := v.PixelToLonLat(tt.px, tt.py)
		z := v.ZoomAround(tt.px, tt.py, tt.dz)
		after := z.PixelToLonLat(tt.px, tt.py)
		if !near(before.Lon(), after.Lon(), 1e-9) || !near(before.Lat(), after.Lat(), 1e-9) {
			t.Errorf("zoom %+v: %v moved to %v", tt, before, after)
		}
		if !near(z.Zoom, v.Zoom+tt.dz, 1e-12) {
			t.Errorf("zoom %+v: zoom %g", tt, z.Zoom)
		}
	}
}

func TestPanMovesContentByDelta(t *testing.T) {
	v := Viewport{CenterX: 0.69, CenterY: 0.40, Zoom: 7, Width: 1000, Height: 700}
	p := orb.Point{71.5, 34}
	x0, y0 := v.LonLatToPixel(p)
	x1, y1 := v.Pan(37, -12).LonLatToPixel(p)
	if !near(x1-x0, 37, 1e-6) || !near(y1-y0, -12, 1e-6) {
		t.Errorf("pan moved the point by (%g,%g), want (37,-12)", x1-x0, y1-y0)
	}
}

func TestFitExtent(t *testing.T) {
	minX, maxY := data.Mercator(60, 24)
	maxX, minY := data.Mercator(78, 38)
	// The image's aspect: the extent fills it exactly.
	w := 1600
	h := int(math.Round(float64(w) * (maxY - minY) / (maxX - minX)))
	v := FitExtent(minX, minY, maxX, maxY, w, h, 1, 0, MaxZoom)
	ax, ay := v.ToPixel(minX, minY)
	bx, by := v.ToPixel(maxX, maxY)
	if !near(ax, 0, 0.5) || !near(ay, 0, 0.5) || !near(bx, float64(w), 0.5) || !near(by, float64(h), 0.5) {
		t.Errorf("same aspect: corners at (%g,%g) (%g,%g), want (0,0) (%d,%d)", ax, ay, bx, by, w, h)
	}
	// A wider image: the extent keeps its height and is centred.
	v = FitExtent(minX, minY, maxX, maxY, 2*w, h, 1, 0, MaxZoom)
	ax, ay = v.ToPixel(minX, minY)
	bx, by = v.ToPixel(maxX, maxY)
	if !near(ay, 0, 0.5) || !near(by, float64(h), 0.5) || !near(ax, float64(w)/2, 0.5) || !near(bx, 1.5*float64(w), 0.5) {
		t.Errorf("wide: corners at (%g,%g) (%g,%g)", ax, ay, bx, by)
	}
	// A single point is shown at the zoom cap.
	v = FitExtent(0.3, 0.4, 0.3, 0.4, 100, 100, 1, 10, 11)
	if v.Zoom != 11 || v.CenterX != 0.3 || v.CenterY != 0.4 {
		t.Errorf("point: %+v", v)
	}
	// Device scale 2 doubles the pixels, not the extent.
	v2 := FitExtent(minX, minY, maxX, maxY, 2*w, 2*h, 2, 0, MaxZoom)
	if !near(v2.Zoom, FitExtent(minX, minY, maxX, maxY, w, h, 1, 0, MaxZoom).Zoom, 1e-9) {
		t.Errorf("scale 2 zoom %g", v2.Zoom)
	}
}

func TestMetersPerPixel(t *testing.T) {
	v := Viewport{CenterX: 0.5, CenterY: 0.5, Zoom: 0, Width: 256, Height: 256}
	if got := v.MetersPerPixel(); !near(got, 156543.03, 0.01) {
		t.Errorf("equator zoom 0: %g m/px", got)
	}
	v.Scale = 2
	if got := v.MetersPerPixel(); !near(got, 156543.03/2, 0.01) {
		t.Errorf("scale 2: %g m/px", got)
	}
}

func TestClamp(t *testing.T) {
	v := Viewport{CenterX: -3, CenterY: 7, Zoom: 99}.Clamp()
	if v.CenterX != 0 || v.CenterY != 1 || v.Zoom != MaxZoom {
		t.Errorf("clamp: %+v", v)
	}
	if v := (Viewport{Zoom: math.NaN()}).Clamp(); v.Zoom != MinZoom {
		t.Errorf("NaN zoom: %+v", v)
	}
}

func ExampleViewport_LonLatToPixel() {
	// A 1600×1000 map fitted exactly to 60–78°E, 24–38°N.
	v := FitBound(orb.Bound{Min: orb.Point{60, 24}, Max: orb.Point{78, 38}}, 1600, 1000, 1, 0, MaxZoom)
	x, y := v.LonLatToPixel(orb.Point{69, 31}) // the centre longitude
	fmt.Printf("zoom %.2f, x %.0f, y %.0f\n", v.Zoom, x, y)
	// Output: zoom 6.42, x 800, y 518
}
