package timeline

import (
	"image"
	"math"

	"frontier/mapview/paint"
)

// Frame is one rendered timeline: the image and what it shows, for
// hit-testing and tooltips. A Frame's buffers (image and histogram) are
// reused by the next Render into it, so keep two when one is on screen
// while the next is drawn.
type Frame struct {
	// Img is the picture, Scale.Width × Layout.Bottom device pixels.
	Img *image.RGBA
	// Scale is the time scale as drawn, in device pixels.
	Scale Scale
	// Hist is the histogram drawn (owned by the frame).
	Hist *Histogram
	// Layout says where the bars, axis and brush strip lie.
	Layout Layout
	// Ticks are the axis ticks drawn.
	Ticks []Tick
	// YMax is the count at the top of the bar area.
	YMax float64

	builder Builder
}

// Overlay is what Render draws over the histogram besides the data.
type Overlay struct {
	// WindowFrom and WindowTo are the brushed window as a half-open
	// interval [WindowFrom, WindowTo) of Unix seconds; (0, 0) is none.
	// (The widget converts its inclusive-by-day window to this.)
	WindowFrom, WindowTo int64
	// HoverBin is the bin of the frame's histogram to highlight, -1 for
	// none.
	HoverBin int
	// Selected and Hovered are rows of the index to mark on the axis, -1
	// for none.
	Selected, Hovered int
	// DeviceScale is device pixels per logical pixel (0 means 1); sizes
	// of text, ticks and handles scale with it.
	DeviceScale float64
	// Height is the image height in device pixels (0: 120 logical
	// pixels).
	Height int
	// NoText leaves out all text (tick and count labels), for golden
	// images that do not depend on font rendering.
	NoText bool
}

// NoOverlay returns an Overlay without window, hover or markers.
func NoOverlay() Overlay { return Overlay{HoverBin: -1, Selected: -1, Hovered: -1} }

// HasWindow reports whether the overlay has a brushed window.
func (o Overlay) HasWindow() bool { return o.WindowTo > o.WindowFrom }

// Layout gives the vertical parts of a frame in device pixels: the bar
// area [Top, Base), the axis line at Base and under it the axis band
// [Base, Bottom), which holds ticks and labels and is the brush strip.
type Layout struct {
	Top, Base, Bottom int
	// DeviceScale is the frame's device scale.
	DeviceScale float64
}

// AxisHeight is the height of the axis band in logical pixels.
const AxisHeight = 22

// NewLayout returns the layout of an image h device pixels high at
// device scale ds.
func NewLayout(h int, ds float64) Layout {
	if ds <= 0 {
		ds = 1
	}
	top := int(math.Round(6 * ds))
	axis := int(math.Round(AxisHeight * ds))
	if h < top+axis+4 { // too small: squeeze the margins, keep some bars
		top = 0
		axis = max(0, min(axis, h-4))
	}
	return Layout{Top: top, Base: max(top, h-axis), Bottom: max(h, 0), DeviceScale: ds}
}

// InStrip reports whether device y lies in the axis band (brush strip).
func (l Layout) InStrip(y float64) bool { return y >= float64(l.Base) && y < float64(l.Bottom) }

// Renderer draws timelines. It keeps fonts, scratch buffers and the
// per-Data series choice between frames, so one Renderer must be used by
// one goroutine at a time; the widget gives it its own worker.
type Renderer struct {
	info   *seriesInfo
	faces  faces
	filler paint.Filler
	xy     []float64
}

// NewRenderer returns a renderer.
func NewRenderer() *Renderer { return &Renderer{} }

// Render draws d (nil for none) on scale s (device pixels) with the
// overlay o into f, reusing f's buffers. The bin unit is ChooseUnit of
// the span over the width in logical pixels.
func (r *Renderer) Render(f *Frame, s Scale, d *Data, o Overlay) {
	ds := o.DeviceScale
	if !(ds > 0) {
		ds = 1
	}
	s.Width = max(s.Width, 1)
	s = s.Clamp()
	h := o.Height
	if h <= 0 {
		h = int(math.Round(120 * ds))
	}
	f.Scale = s
	if f.Img == nil || f.Img.Rect.Dx() != s.Width || f.Img.Rect.Dy() != h {
		f.Img = image.NewRGBA(image.Rect(0, 0, s.Width, h))
	}
	if r.info == nil || r.info.d != d {
		r.info = newSeriesInfo(d)
	}
	f.builder.info = r.info
	u := ChooseUnit(s.End-s.Start, float64(s.Width)/ds)
	f.Hist = f.builder.Build(d, u, s.Start, s.End)
	f.Layout = NewLayout(h, ds)
	fc := r.faces.at(ds)
	if o.NoText {
		f.Ticks = Ticks(s, nil)
	} else {
		// Measured in bold, so the regular minor labels fit too.
		f.Ticks = Ticks(s, fc.bold)
	}
	f.YMax = float64(f.Hist.Max) * 1.1
	if f.YMax <= 0 {
		f.YMax = 1
	}
	r.drawBackground(f, o)
	r.drawBars(f, d)
	r.drawVeil(f, o)
	r.drawAxis(f, o, fc)
	if !o.NoText {
		r.drawCountLabels(f, fc)
		if d.Len() == 0 {
			msg := "No events"
			w, asc, _ := fc.regular.Measure(msg)
			fc.regular.Draw(f.Img, (s.Width-w)/2, (f.Layout.Top+f.Layout.Base+asc)/2, msg, textMuted, noHalo)
		}
	}
	r.drawEdges(f, o)
	if d.Len() > 0 {
		r.drawMarker(f, d, o.Hovered, false)
		r.drawMarker(f, d, o.Selected, true)
	}
}

// faces holds the fonts of one renderer, made on first use at each
// device scale.
type faces struct {
	scale         float64
	regular, bold *paint.Face
	small         *paint.Face
}

func (f *faces) at(s float64) *faces {
	if f.scale != s || f.regular == nil {
		*f = faces{
			scale:   s,
			regular: paint.RegularFace(11 * s),
			bold:    paint.BoldFace(11 * s),
			small:   paint.RegularFace(9 * s),
		}
	}
	return f
}

// BinSpan returns the device x range [x0, x1) of bin i of the frame,
// clipped to the image.
func (f *Frame) BinSpan(i int) (x0, x1 int) {
	h := f.Hist
	if h == nil || i < 0 || i >= h.Bins() {
		return 0, 0
	}
	x0 = int(math.Round(f.Scale.X(h.Starts[i])))
	x1 = int(math.Round(f.Scale.X(h.Starts[i+1])))
	x0, x1 = max(x0, 0), min(x1, f.Scale.Width)
	return x0, max(x0, x1)
}

// BinAt returns the bin under device x, or -1.
func (f *Frame) BinAt(x float64) int {
	if f.Hist == nil || x < 0 || x >= float64(f.Scale.Width) {
		return -1
	}
	return f.Hist.Bin(f.Scale.Time(x))
}
