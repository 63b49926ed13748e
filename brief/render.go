package brief

import (
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
	"time"

	"frontier/data"
	"frontier/internal/atomicfile"
	"frontier/mapview"
)

// Limits of the images RenderView draws: 8K UHD either way round.
const (
	MaxLongSide  = 7680
	MaxShortSide = 4320
	MinSide      = 16
)

// ImageOptions say how a view is drawn to an image. The zero value (with
// a size) draws the view's title, legend, date window, scale bar and
// attribution.
type ImageOptions struct {
	// Width and Height are the image size in pixels (MinSide to
	// MaxLongSide × MaxShortSide, either way round).
	Width, Height int
	// Scale is the device scale: 2 draws lines, dots and text twice as
	// large. 0 picks Height/1080 (at least 1), so that a 3840×2160 image
	// shows what a 1920×1080 one does, sharper.
	Scale float64
	// TextScale enlarges the title, legend, date window and attribution
	// (presentation type for projectors); 0 means 1.
	TextScale float64
	// Title replaces the view's title when not empty.
	Title string
	// NoTitle, NoLegend and NoDateWindow leave those overlays out.
	NoTitle, NoLegend, NoDateWindow bool
	// LegendMarks adds the key of the marks (dot sizes, clusters) to the
	// legend.
	LegendMarks bool
	// Halos draws precision halos; NoLabels leaves out place names.
	Halos, NoLabels bool
}

// CheckSize reports whether w×h is an image size RenderView draws.
func CheckSize(w, h int) error {
	long, short := max(w, h), min(w, h)
	if short < MinSide || long > MaxLongSide || short > MaxShortSide {
		return fmt.Errorf("image size %d×%d: want %d to %d pixels by %d to %d (either way round)", w, h, MinSide, MaxLongSide, MinSide, MaxShortSide)
	}
	return nil
}

// DeviceScale returns the device scale the options draw at (see Scale).
func (o *ImageOptions) DeviceScale() float64 {
	if o.Scale > 0 {
		return o.Scale
	}
	return max(1, math.Round(100*min(float64(o.Width)/1920, float64(o.Height)/1080))/100)
}

// Map is everything one image shows.
type Map struct {
	// Viewport is where the map looks and the image size.
	Viewport mapview.Viewport
	// Filter selects the events; its From and To also bound the
	// annotations shown (dated ones show while their span meets them).
	Filter data.Filter
	// Rows, when not nil, are Filter's result already computed.
	Rows []int32
	// Layers are the annotation layers drawn (nil: the visible ones;
	// empty: none).
	Layers []uint64
	// Selected is the store ID of the event highlighted (0: none).
	Selected uint64
	// Title and DateWindow are the texts of those overlays ("" for none).
	Title, DateWindow string
	// Legend draws the colours of the actors of the events in view;
	// LegendMarks adds the key of the marks.
	Legend, LegendMarks bool
	// Halos draws precision halos; NoLabels leaves out place names.
	Halos, NoLabels bool
	// TextScale enlarges the overlays' text (0 means 1); DateScale the
	// date window's further.
	TextScale, DateScale float64
	// FadeFrom and FadeTo fade events by age as playback does (see
	// mapview.Scene).
	FadeFrom, FadeTo int64
}

// Drawn counts what Draw drew.
type Drawn struct {
	Events, Annotations int
}

// Draw draws m into f with r (a renderer of src.Base; reuse both across
// images to keep the basemap's tiles). The scale bar and the basemap's
// attribution are always drawn.
func (src *Source) Draw(r *mapview.Renderer, f *mapview.Frame, m *Map) (Drawn, error) {
	rows := m.Rows
	if rows == nil {
		res, err := src.Index.Filter(&m.Filter)
		if err != nil {
			return Drawn{}, err
		}
		rows = res.Rows
	}
	sc := mapview.NewScene(src.Index, rows, m.Filter.Actors)
	sc.Halos = m.Halos
	sc.Selected = src.RowOf(m.Selected)
	sc.FadeFrom, sc.FadeTo = m.FadeFrom, m.FadeTo
	annots := src.AnnotationsFor(m.Layers, m.Filter.From, m.Filter.To)
	o := mapview.Overlays{
		ScaleBar: true, Attribution: mapview.Credit, Title: m.Title, NoLabels: m.NoLabels,
		DateWindow: m.DateWindow, TextScale: m.TextScale, DateScale: m.DateScale,
	}
	if len(annots) > 0 {
		o.Annotations = &mapview.AnnotationSet{Items: annots}
	}
	if m.Legend {
		if o.Legend = mapview.LegendInView(sc, m.Viewport, mapview.LegendRows); o.Legend != nil {
			o.Legend.Title, o.Legend.Marks = "Actors", m.LegendMarks
		}
	}
	r.Render(f, m.Viewport, sc, o)
	return Drawn{Events: len(rows), Annotations: len(annots)}, nil
}

// ViewMap returns the Map that draws view v with options opt.
func (src *Source) ViewMap(v *data.View, opt *ImageOptions) (*Map, error) {
	if err := CheckSize(opt.Width, opt.Height); err != nil {
		return nil, fmt.Errorf("view %q: %w", v.Title, err)
	}
	x, y := data.Mercator(v.CenterLon, v.CenterLat)
	m := &Map{
		Viewport: mapview.Viewport{CenterX: x, CenterY: y, Zoom: FrameZoom(v, opt.Width, opt.Height, opt.DeviceScale()), Width: opt.Width, Height: opt.Height, Scale: opt.DeviceScale()},
		Filter:   v.Filter, Layers: v.Layers, Selected: v.Selected,
		Legend: !opt.NoLegend, LegendMarks: opt.LegendMarks,
		Halos: opt.Halos, NoLabels: opt.NoLabels, TextScale: opt.TextScale,
	}
	if !opt.NoTitle {
		m.Title = v.Title
		if opt.Title != "" {
			m.Title = opt.Title
		}
	}
	res, err := src.Index.Filter(&m.Filter)
	if err != nil {
		return nil, fmt.Errorf("view %q: %w", v.Title, err)
	}
	m.Rows = res.Rows
	if !opt.NoDateWindow {
		m.DateWindow = DateWindowFor(src.Index, &v.Filter, m.Rows)
	}
	return m, nil
}

// RenderView draws view v at opt's size: the view's viewport, the events
// passing its filter coloured by actor (the filter's actors first), its
// annotation layers (nil: the store's visible ones) as they stand in its
// time window, the selected event ringed, and the title, legend, date
// window, scale bar and attribution. The same view and options always
// give the same pixels.
func RenderView(src *Source, v data.View, opt ImageOptions) (*image.RGBA, error) {
	var f mapview.Frame
	if _, err := renderViewInto(src, mapview.NewRenderer(src.Base), &f, &v, &opt); err != nil {
		return nil, err
	}
	return f.Img, nil
}

func renderViewInto(src *Source, r *mapview.Renderer, f *mapview.Frame, v *data.View, opt *ImageOptions) (Drawn, error) {
	m, err := src.ViewMap(v, opt)
	if err != nil {
		return Drawn{}, err
	}
	return src.Draw(r, f, m)
}

// dateLayout is how dates read in overlays: "1 Jul 2025".
const dateLayout = "2 Jan 2006"

// DateWindowText is the text of a time window of days from–to, both
// inclusive: "1 Jul 2025 – 31 Jul 2025", "from 1 Jul 2025", "until 31 Jul
// 2025", one day alone, or "" for no window.
func DateWindowText(from, to time.Time) string {
	switch {
	case from.IsZero() && to.IsZero():
		return ""
	case to.IsZero():
		return "from " + from.UTC().Format(dateLayout)
	case from.IsZero():
		return "until " + to.UTC().Format(dateLayout)
	case from.UTC().Format(time.DateOnly) == to.UTC().Format(time.DateOnly):
		return from.UTC().Format(dateLayout)
	}
	return from.UTC().Format(dateLayout) + " – " + to.UTC().Format(dateLayout)
}

// DateWindowFor is the date window shown for events rows of ix passing f:
// f's window, else the span of the events' dates ("" for no events).
func DateWindowFor(ix *data.Index, f *data.Filter, rows []int32) string {
	if !f.From.IsZero() || !f.To.IsZero() {
		return DateWindowText(f.From, f.To)
	}
	if len(rows) == 0 {
		return ""
	}
	first, last := ix.Start[rows[0]], ix.End[rows[0]]
	for _, r := range rows {
		first, last = min(first, ix.Start[r]), max(last, ix.End[r])
	}
	return DateWindowText(time.Unix(first, 0), time.Unix(last, 0))
}

// WritePNG writes img as a PNG file at path through a temporary file
// beside it, so a failed write never leaves a broken image under the
// name.
func WritePNG(path string, img image.Image) error {
	return WriteFile(path, func(w io.Writer) error {
		return (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(w, img)
	})
}

// WriteFile writes a file through a temporary file beside it, renamed
// into place when write succeeds: a failed or cancelled write leaves
// nothing under the name.
func WriteFile(path string, write func(io.Writer) error) error {
	if err := atomicfile.Write(path, write); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// FrameZoom is the zoom at which an image of width×height device pixels
// at device scale scale shows the extent v showed when it was saved (the
// map's size then is v.Width×v.Height logical pixels): larger images zoom
// in, smaller ones out, so that a slide frames what the briefer saw. A
// view without a saved size keeps its zoom.
func FrameZoom(v *data.View, width, height int, scale float64) float64 {
	if v.Width <= 0 || v.Height <= 0 || width <= 0 || height <= 0 || !(scale > 0) {
		return v.Zoom
	}
	fit := min(float64(width)/scale/float64(v.Width), float64(height)/scale/float64(v.Height))
	return min(max(v.Zoom+math.Log2(fit), 0), mapview.MaxZoom)
}
