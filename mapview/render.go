package mapview

import (
	"image"
	"math"

	"frontier/mapview/basemap"
	"frontier/mapview/paint"
)

// Frame is one rendered map: the image, the exact viewport it shows and
// the marks drawn on it (for hit-testing). A Frame's buffers are reused by
// the next Render into it, so keep two when one is on screen while the
// next is drawn.
type Frame struct {
	// Img is the picture, View.Width × View.Height device pixels.
	Img *image.RGBA
	// View is the viewport as drawn: the requested one with its centre
	// snapped to whole device pixels.
	View Viewport
	// Marks are the event dots, stacks and clusters drawn, in draw order.
	Marks []Mark
	// Members holds the rows of every mark: Marks[i]'s are
	// Members[First:First+Count].
	Members []int32
}

// Overlays are the extras drawn over the map.
type Overlays struct {
	// ScaleBar draws a scale bar at the bottom left.
	ScaleBar bool
	// Attribution is drawn small at the bottom right (empty for none).
	Attribution string
	// Title is drawn large at the top left (empty for none).
	Title string
	// Labels draws place names (on by default through DefaultOverlays).
	NoLabels bool
	// Annotations are the drawings shown above the events (nil for none).
	Annotations *AnnotationSet
	// Legend is a key of the actors' colours (and optionally of the
	// marks) drawn at the right (nil for none); see LegendFor.
	Legend *Legend
	// DateWindow is drawn in a box at the top right, or under the title
	// when both do not fit on one line ("1 Jul 2025 – 31 Jul 2025";
	// empty for none).
	DateWindow string
	// TextScale enlarges the title, legend, date window, attribution and
	// scale bar for projectors and print: 2 draws them twice as large as
	// the device scale alone would. 0 means 1.
	TextScale float64
	// DateScale enlarges the date window further (animation frames burn
	// the date in large). 0 means 1.
	DateScale float64
}

// Stats counts the work of the last Render, for tests and benchmarks.
type Stats struct {
	// TilesDrawn is the number of basemap tiles drawn rather than reused.
	TilesDrawn int
	// Labels is the number of place labels placed.
	Labels int
}

// Renderer draws maps. It keeps the caches (basemap tiles, glyphs, disc
// stamps) and scratch buffers between frames, so one Renderer must be used
// by one goroutine at a time; the map widget gives it its own worker.
type Renderer struct {
	base     *basemap.Basemap
	tiles    tileCache
	painters []*tilePainter // one per tile-drawing worker
	todo     []tileJob
	stamps   paint.Stamps
	faces    faces
	events   eventLayer
	labels   labelPlacer
	annot    annotPainter
	stats    Stats
	// emphasisSeen marks the grid cells already ringed by drawEmphasis.
	emphasisSeen []bool
	// ofaces are the overlays' fonts, layout where they go this frame.
	ofaces overlayFaces
	layout overlayLayout
}

// NewRenderer returns a renderer of base (nil draws water only, which the
// tests use to keep goldens independent of the basemap).
func NewRenderer(base *basemap.Basemap) *Renderer {
	return &Renderer{base: base}
}

// Stats returns the work counts of the last Render.
func (r *Renderer) Stats() Stats { return r.stats }

// Render draws the map of v with the events of sc (nil for none) and the
// overlays o into f, reusing f's buffers.
func (r *Renderer) Render(f *Frame, v Viewport, sc *Scene, o Overlays) {
	r.stats = Stats{}
	if v.Width < 1 {
		v.Width = 1
	}
	if v.Height < 1 {
		v.Height = 1
	}
	f.View = snap(v.Clamp())
	if f.Img == nil || f.Img.Rect.Dx() != v.Width || f.Img.Rect.Dy() != v.Height {
		f.Img = image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	}
	r.drawBase(f)
	r.events.layout(f, sc)
	r.drawEvents(f, sc)
	r.drawEmphasis(f, sc)
	lay := r.layoutOverlays(f.View, &o)
	if !o.NoLabels && r.base != nil {
		r.drawLabels(f, lay.rects())
	}
	if sc != nil {
		r.drawHighlight(f, sc, sc.Hovered, false)
		r.drawHighlight(f, sc, sc.Selected, true)
	}
	if o.Annotations != nil {
		r.drawAnnotations(f, o.Annotations)
	}
	r.drawOverlays(f, &o, lay)
}

// snap moves v's centre so that its top-left corner falls on a whole
// device pixel of the world, which lets cached tiles be copied without
// resampling.
func snap(v Viewport) Viewport {
	ws := v.WorldSize()
	wx0 := math.Round(v.CenterX*ws - float64(v.Width)/2)
	wy0 := math.Round(v.CenterY*ws - float64(v.Height)/2)
	v.CenterX = (wx0 + float64(v.Width)/2) / ws
	v.CenterY = (wy0 + float64(v.Height)/2) / ws
	return v
}

// drawHighlight rings an event: selected with a bold black-and-white ring,
// hovered with a thinner dark one.
func (r *Renderer) drawHighlight(f *Frame, sc *Scene, row int, selected bool) {
	if row < 0 || sc.Index == nil || row >= sc.Index.Len() {
		return
	}
	px, py := f.View.ToPixel(sc.Index.X[row], sc.Index.Y[row])
	s := f.View.DeviceScale()
	dot := dotRadius(int64(sc.Index.Fatalities[row])) * s
	rad := dot + 4*s
	if selected {
		// The selected event shows even when a cluster holds it.
		r.stamps.Disc(f.Img, px, py, dot, sc.colorOf(sc.actorOf(int32(row))), dotRing, s)
		r.stamps.Ring(f.Img, px, py, rad+1.5*s, 3*s, selectOuter)
		r.stamps.Ring(f.Img, px, py, rad, 1.5*s, selectInner)
		return
	}
	r.stamps.Ring(f.Img, px, py, rad, 2*s, hoverRingColor)
}

// Credit is the one-line attribution of the basemap drawn on every map
// image: Natural Earth asks for it, GeoNames' CC BY 4.0 licence requires
// it. The full text is in the app's About box and the README.
const Credit = "Map data: Natural Earth · Place names: GeoNames (CC BY 4.0)"
