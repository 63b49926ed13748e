package mapview

import (
	"image"
	"image/color"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"frontier/data"
	"frontier/internal/golden"
)

// ann builds an annotation of kind k with the kind's default style.
func ann(id uint64, k data.AnnotationKind, label string, pts ...float64) data.Annotation {
	a := data.Annotation{ID: id, Layer: 1, Kind: k, Label: label, Style: data.DefaultStyle(k)}
	for i := 0; i+1 < len(pts); i += 2 {
		a.Points = append(a.Points, orb.Point{pts[i], pts[i+1]})
	}
	return a
}

// styled returns a with its style changed by fn.
func styled(a data.Annotation, fn func(s *data.Style)) data.Annotation {
	fn(&a.Style)
	return a
}

// kindsItems are one of every kind and marker symbol, in several styles,
// over frontierView (70.4–72.6 E, 33.4–34.6 N).
func kindsItems() []data.Annotation {
	var items []data.Annotation
	id := uint64(1)
	next := func() uint64 { id++; return id - 1 }
	for i, sym := range data.MarkerSymbols {
		m := ann(next(), data.KindMarker, "", 70.55+float64(i)*0.09, 34.5)
		m.Style.Symbol = sym
		m.Style.Fill = []string{"#d7191c", "#2b83ba", "#1a9641", "#fdae61", "#7b3294", "#e66101", "#404040", "#ffd700"}[i]
		if i == len(data.MarkerSymbols)-1 {
			m.Label = "Camp A"
		}
		items = append(items, m)
	}
	items = append(items,
		styled(ann(next(), data.KindText, "Khyber Pass", 71.55, 34.48), func(s *data.Style) { s.TextSize = 18 }),
		ann(next(), data.KindPolyline, "Road", 70.55, 34.2, 70.8, 34.1, 71.05, 34.25),
		styled(ann(next(), data.KindArrow, "Advance", 70.55, 33.95, 70.8, 33.85, 71.1, 33.95), func(s *data.Style) {
			s.StrokeWidth = 4
			s.Stroke = "#2b83ba"
		}),
		styled(ann(next(), data.KindArrow, "", 70.55, 33.75, 71.05, 33.75), func(s *data.Style) { s.Dash = data.DashDashed }),
		styled(ann(next(), data.KindPolygon, "Zone B", 71.3, 34.3, 71.65, 34.38, 71.75, 34.1, 71.45, 34.0), func(s *data.Style) {
			s.Stroke, s.Fill, s.FillOpacity = "#2b83ba", "#2b83ba", 0.3
		}),
		styled(ann(next(), data.KindRectangle, "Box", 71.9, 34.38, 72.45, 34.08), func(s *data.Style) {
			s.Stroke, s.Fill, s.FillOpacity, s.Dash = "#1a9641", "#1a9641", 0.25, data.DashDashed
		}),
		styled(ann(next(), data.KindFreehand, "", freehandWave(70.55, 33.62, 0.5, 120)...), func(s *data.Style) {
			s.Stroke, s.Dash, s.StrokeWidth = "#7b3294", data.DashDotted, 3
		}),
		ann(next(), data.KindRangeBearing, "", 71.3, 33.8, 71.75, 33.55),
	)
	c := ann(next(), data.KindCircle, "Ring", 72.15, 33.8)
	c.Radius = 15_000
	items = append(items, c)
	return items
}

// freehandWave returns n points of a wave from (lon, lat) over width
// degrees, as interleaved lon, lat.
func freehandWave(lon, lat, width float64, n int) []float64 {
	var pts []float64
	for i := range n {
		t := float64(i) / float64(n-1)
		pts = append(pts, lon+t*width, lat+0.05*math.Sin(t*4*math.Pi))
	}
	return pts
}

// kindsSet is kindsItems with the circle selected, a polyline draft and a
// measure line.
func kindsSet() *AnnotationSet {
	items := kindsItems()
	draft := ann(0, data.KindPolygon, "", 71.9, 33.5, 72.1, 33.6, 72.0, 33.45)
	measure := ann(0, data.KindRangeBearing, "", 71.2, 33.56, 71.75, 33.5)
	return &AnnotationSet{Items: items, Selected: items[len(items)-1].ID, Draft: &draft, Measure: &measure}
}

// Every kind, symbol and dash, a selected circle with its handles, a draft
// and a measure line, over water only.
func TestGoldenAnnotationKinds(t *testing.T) {
	var f Frame
	NewRenderer(nil).Render(&f, frontierView(1), nil, Overlays{Annotations: kindsSet()})
	golden.Assert(t, "annot_kinds.png", f.Img)
}

// The same at device scale 2: lines, symbols, handles and text twice as
// large.
func TestGoldenAnnotationKindsScale2(t *testing.T) {
	var f Frame
	NewRenderer(nil).Render(&f, frontierView(2), nil, Overlays{Annotations: kindsSet()})
	golden.Assert(t, "annot_kinds_x2.png", f.Img)
}

// mercPixel is the device pixel of lon/lat in the drawn view f.View,
// from the Mercator formula (not the viewport code).
func mercPixel(f *Frame, lon, lat float64) (float64, float64) {
	s := math.Sin(lat * math.Pi / 180)
	x, y := (lon+180)/360, 0.5-math.Log((1+s)/(1-s))/(4*math.Pi)
	ws := 256 * math.Exp2(f.View.Zoom) * f.View.DeviceScale()
	return (x-f.View.CenterX)*ws + float64(f.View.Width)/2, (y-f.View.CenterY)*ws + float64(f.View.Height)/2
}

// renderSet draws set over water in v.
func renderSet(v Viewport, set *AnnotationSet) *Frame {
	var f Frame
	NewRenderer(nil).Render(&f, v, nil, Overlays{Annotations: set})
	return &f
}

// nearColor reports whether every channel of a and b differs by at most tol.
func nearColor(a, b color.RGBA, tol int) bool {
	d := func(x, y uint8) bool { return int(x)-int(y) <= tol && int(y)-int(x) <= tol }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B) && d(a.A, b.A)
}

// A marker at a known lon/lat is centred on the pixel holding that point,
// in its fill colour, whatever its symbol; a few pixels past its radius
// is water again.
func TestMarkerLandsOnItsPixel(t *testing.T) {
	fill := color.RGBA{0x2b, 0x83, 0xba, 0xff}
	for _, sym := range []string{"circle", "square", "triangle", "star", "cross", "camp", "no-such-symbol"} {
		t.Run(sym, func(t *testing.T) {
			m := ann(1, data.KindMarker, "", 71.234, 33.987)
			m.Style.Symbol, m.Style.Fill = sym, "#2b83ba"
			f := renderSet(frontierView(1), &AnnotationSet{Items: []data.Annotation{m}})
			x, y := mercPixel(f, 71.234, 33.987)
			ix, iy := int(math.Floor(x)), int(math.Floor(y))
			if got := f.Img.RGBAAt(ix, iy); got != fill {
				t.Errorf("pixel (%d,%d) holding the marker = %v, want the fill %v", ix, iy, got, fill)
			}
			for _, d := range []image.Point{{12, 0}, {-12, 0}, {0, 12}, {0, -12}} {
				if got := f.Img.RGBAAt(ix+d.X, iy+d.Y); got != waterColor {
					t.Errorf("pixel %v from the marker = %v, want water", d, got)
				}
			}
		})
	}
}

// A fill is blended at its FillOpacity and a stroke at its StrokeOpacity:
// the pixel is the source-over blend of the premultiplied colour on
// water.
func TestAnnotationOpacity(t *testing.T) {
	blend := func(r, g, b uint8, op float64) color.RGBA {
		a := math.Round(op * 255)
		mix := func(c, w uint8) uint8 {
			return uint8(math.Round(float64(c)*a/255 + float64(w)*(255-a)/255))
		}
		return color.RGBA{mix(r, waterColor.R), mix(g, waterColor.G), mix(b, waterColor.B), 0xff}
	}
	for _, op := range []float64{0, 0.25, 0.5, 0.8, 1} {
		rect := ann(1, data.KindRectangle, "", 71.2, 34.2, 71.8, 33.8)
		rect.Style.Fill, rect.Style.FillOpacity = "#ff0000", op
		rect.Style.Stroke, rect.Style.StrokeOpacity, rect.Style.StrokeWidth = "#0000ff", op, 9
		f := renderSet(frontierView(1), &AnnotationSet{Items: []data.Annotation{rect}})
		cx, cy := mercPixel(f, 71.5, 34.0)
		if got, want := f.Img.RGBAAt(int(cx), int(cy)), blend(0xff, 0, 0, op); !nearColor(got, want, 1) {
			t.Errorf("fill opacity %v: centre = %v, want %v", op, got, want)
		}
		// The middle of the west edge: stroke over the fill inside, over
		// water outside; 2 px either side of the edge is under the stroke.
		ex, ey := mercPixel(f, 71.2, 34.0)
		if got, want := f.Img.RGBAAt(int(ex)-2, int(ey)), blend(0, 0, 0xff, op); !nearColor(got, want, 1) {
			t.Errorf("stroke opacity %v: edge = %v, want %v", op, got, want)
		}
	}
}

// ink returns how much of colour c lies over water at pixel (x, y), from
// its green channel (0 for water, 1 for pure c), for a c whose green
// differs from water's.
func ink(img *image.RGBA, x, y int, c color.RGBA) float64 {
	g := float64(img.RGBAAt(x, y).G)
	return (float64(waterColor.G) - g) / (float64(waterColor.G) - float64(c.G))
}

// Widths, marker sizes and text are logical pixels times the device
// scale: a 3 px line covers about 3 device pixels across at scale 1 and 6
// at scale 2, and a marker's radius doubles.
func TestAnnotationDeviceScale(t *testing.T) {
	line := ann(1, data.KindPolyline, "", 70.8, 34.0, 72.2, 34.0)
	line.Style.Stroke, line.Style.StrokeWidth = "#000000", 3
	mark := ann(2, data.KindMarker, "", 71.5, 34.3)
	mark.Style.Fill = "#000000"
	set := &AnnotationSet{Items: []data.Annotation{line, mark}}
	for _, scale := range []float64{1, 2} {
		f := renderSet(frontierView(scale), set)
		x, y := mercPixel(f, 71.0, 34.0)
		sum := 0.0
		for j := int(y) - 20; j < int(y)+20; j++ {
			sum += ink(f.Img, int(x), j, color.RGBA{0, 0, 0, 0xff})
		}
		if want := 3 * scale; math.Abs(sum-want) > 0.25 {
			t.Errorf("scale %v: the line covers %.2f px across, want %v", scale, sum, want)
		}
		mx, my := mercPixel(f, 71.5, 34.3)
		inside := ink(f.Img, int(mx)+11, int(my), color.RGBA{0, 0, 0, 0xff}) > 0.99
		if inside != (scale == 2) {
			t.Errorf("scale %v: 11 px right of the marker inked %v", scale, inside)
		}
	}
}
