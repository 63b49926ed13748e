package brief

import (
	"context"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	"frontier/data"
	"frontier/mapview"
)

// AnimOptions say what Animate draws.
type AnimOptions struct {
	// Filter selects the events; its From and To are replaced by each
	// frame's window.
	Filter data.Filter
	// View gives the viewport (centre and zoom), the annotation layers
	// (nil: the visible ones), the selected event and the title; its
	// Filter is not used.
	View data.View
	// Fit ignores View's centre and zoom and fits the events passing
	// Filter from From to To (the frontier when there are none).
	Fit bool
	// From and To are the first and last days.
	From, To time.Time
	// Step moves each frame's window on; Window is its length (zero: one
	// step). Cumulative windows all start at From instead.
	Step, Window Step
	Cumulative   bool
	// FPS is the frame rate (0: 4 frames a second), 0.1 to 50.
	FPS float64
	// Width and Height are the frame size; Scale and TextScale as in
	// ImageOptions.
	Width, Height    int
	Scale, TextScale float64
	// NoTitle and NoLegend leave those overlays out; the date window is
	// always drawn, large.
	NoTitle, NoLegend bool
	// Frames writes numbered PNG frames into a directory instead of a GIF.
	Frames bool
}

// DefaultFPS is the frame rate when AnimOptions.FPS is 0.
const DefaultFPS = 4

// Animation limits.
const (
	// MaxGIFSide bounds the frames of a GIF (PNG frames may be as large
	// as an image).
	MaxGIFSide = 3840
	// animDateScale is how much larger the date window is drawn than the
	// other overlays.
	animDateScale = 1.6
)

// Animate draws one frame per step of opt's span and writes them to out:
// an animated GIF (looping, each frame shown 1/FPS s) or, with
// opt.Frames, PNG files frame-0001.png … in the directory out. Each frame
// shows the events of its window (the newest step full strength and
// ringed, older ones faded, as playback does), the annotations of its
// window and its dates burnt in. progress is told the frames done. A GIF
// is written through a temporary file and PNG frames through a temporary
// directory: a failed or cancelled animation leaves nothing behind. It
// returns the number of frames written.
func Animate(ctx context.Context, src *Source, opt AnimOptions, out string, progress Progress) (int, error) {
	wins, err := Windows(opt.From, opt.To, opt.Step, opt.Window, opt.Cumulative)
	if err != nil {
		return 0, err
	}
	if err := CheckSize(opt.Width, opt.Height); err != nil {
		return 0, fmt.Errorf("animation: %w", err)
	}
	if !opt.Frames && max(opt.Width, opt.Height) > MaxGIFSide {
		return 0, fmt.Errorf("animation: a GIF of %d×%d is too large (at most %d pixels a side); write PNG frames instead", opt.Width, opt.Height, MaxGIFSide)
	}
	fps := opt.FPS
	if fps == 0 {
		fps = DefaultFPS
	}
	if !(fps >= 0.1 && fps <= 50) {
		return 0, fmt.Errorf("animation: %g frames a second: want 0.1 to 50", opt.FPS)
	}
	a, err := newAnimator(src, &opt, wins)
	if err != nil {
		return 0, err
	}
	if opt.Frames {
		return a.writeFrames(ctx, out, progress)
	}
	delay := max(2, int(math.Round(100/fps)))
	return a.writeGIF(ctx, out, delay, progress)
}

// animator draws the frames of one animation with one renderer and frame.
type animator struct {
	src  *Source
	opt  *AnimOptions
	wins []Window
	r    *mapview.Renderer
	f    mapview.Frame
	vp   mapview.Viewport
}

func newAnimator(src *Source, opt *AnimOptions, wins []Window) (*animator, error) {
	a := &animator{src: src, opt: opt, wins: wins, r: mapview.NewRenderer(src.Base)}
	size := ImageOptions{Width: opt.Width, Height: opt.Height, Scale: opt.Scale}
	s := size.DeviceScale()
	if opt.Fit {
		f := opt.Filter
		f.From, f.To = opt.From, opt.To
		res, err := src.Index.Filter(&f)
		if err != nil {
			return nil, fmt.Errorf("animation: %w", err)
		}
		a.vp = FitView(src.Index, res.Rows, src.AnnotationsFor(opt.View.Layers, opt.From, opt.To), opt.Width, opt.Height, s)
	} else {
		x, y := data.Mercator(opt.View.CenterLon, opt.View.CenterLat)
		a.vp = mapview.Viewport{CenterX: x, CenterY: y, Zoom: opt.View.Zoom, Width: opt.Width, Height: opt.Height, Scale: s}
	}
	return a, nil
}

// Fitting the events of an image.
const (
	fitPad     = 40 // logical pixels kept around fitted events
	fitMaxZoom = 11 // fitting one event does not zoom to street level
)

// FitView is the viewport RenderView-like images of w×h at device scale s
// use to show the events rows of ix and the annotations: their extent with
// a margin, at most zoom 11 (the frontier when there are none).
func FitView(ix *data.Index, rows []int32, annots []data.Annotation, w, h int, s float64) mapview.Viewport {
	if len(rows) == 0 && len(annots) == 0 {
		return mapview.FitBound(mapview.HomeBound(), w, h, s, 0, fitMaxZoom)
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, r := range rows {
		minX, maxX = math.Min(minX, ix.X[r]), math.Max(maxX, ix.X[r])
		minY, maxY = math.Min(minY, ix.Y[r]), math.Max(maxY, ix.Y[r])
	}
	for i := range annots {
		b := annots[i].Bound()
		x0, y1 := data.Mercator(b.Min.Lon(), b.Min.Lat())
		x1, y0 := data.Mercator(b.Max.Lon(), b.Max.Lat())
		minX, maxX = math.Min(minX, x0), math.Max(maxX, x1)
		minY, maxY = math.Min(minY, y0), math.Max(maxY, y1)
	}
	return mapview.FitExtent(minX, minY, maxX, maxY, w, h, s, fitPad*s, fitMaxZoom)
}

// draw renders frame i (i < 0: the whole span, for the palette).
func (a *animator) draw(i int) error {
	opt := a.opt
	win := Window{From: opt.From, To: opt.To}
	if i >= 0 {
		win = a.wins[i]
	}
	f := opt.Filter
	f.From, f.To = win.From, win.To
	m := &Map{
		Viewport: a.vp, Filter: f, Layers: opt.View.Layers, Selected: opt.View.Selected,
		Legend: !opt.NoLegend, TextScale: opt.TextScale,
		DateWindow: DateWindowText(win.From, win.To),
	}
	if !opt.NoTitle {
		m.Title = opt.View.Title
	}
	// As playback: the window's last step is new, older events fade.
	from := win.From.Unix()
	newest := opt.Step.After(win.To.AddDate(0, 0, 1), -1).Unix()
	if newest <= from {
		from = newest - 1
	}
	m.FadeFrom, m.FadeTo = from, newest
	if i < 0 {
		m.FadeFrom, m.FadeTo = 0, 0
	}
	_, err := a.drawMap(m)
	return err
}

func (a *animator) drawMap(m *Map) (Drawn, error) {
	m.DateScale = animDateScale // the date is burnt in large
	d, err := a.src.Draw(a.r, &a.f, m)
	if err != nil {
		return d, fmt.Errorf("animation: %w", err)
	}
	return d, nil
}

// writeGIF writes the animation as a GIF through a temporary file.
func (a *animator) writeGIF(ctx context.Context, out string, delay int, progress Progress) (int, error) {
	// The palette comes from the whole span drawn at once (every actor's
	// colour, the basemap, the boxes) with the actors' colours exact.
	if err := a.draw(-1); err != nil {
		return 0, err
	}
	q := newQuantizer(a.f.Img, a.actorColors())
	n := 0
	err := WriteFile(out, func(w io.Writer) error {
		g, err := newGIFWriter(w, a.opt.Width, a.opt.Height, q.pal, delay)
		if err != nil {
			return err
		}
		progress.report(0, len(a.wins))
		for i := range a.wins {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := a.draw(i); err != nil {
				return err
			}
			q.index(a.f.Img, g.cur)
			if err := g.frame(); err != nil {
				return err
			}
			n++
			progress.report(i+1, len(a.wins))
		}
		return g.close()
	})
	if err != nil {
		return 0, fmt.Errorf("animation: %w", err)
	}
	return n, nil
}

// actorColors are the colours of the actors drawn over the whole span,
// most events first.
func (a *animator) actorColors() []color.RGBA {
	f := a.opt.Filter
	f.From, f.To = a.opt.From, a.opt.To
	res, err := a.src.Index.Filter(&f)
	if err != nil {
		return nil
	}
	lg := mapview.LegendFor(mapview.NewScene(a.src.Index, res.Rows, f.Actors), maxPins)
	if lg == nil {
		return nil
	}
	out := make([]color.RGBA, len(lg.Items))
	for i, it := range lg.Items {
		out[i] = it.Color
	}
	return out
}

// frameName matches the PNG frames' names.
var frameName = regexp.MustCompile(`^frame-(\d{4,})\.png$`)

// FrameFileName is the name of PNG frame i (0-based): frame-0001.png.
func FrameFileName(i int) string { return fmt.Sprintf("frame-%04d.png", i+1) }

// writeFrames writes numbered PNG frames into the directory out through a
// temporary directory inside it, then moves them into place and removes
// frames of an earlier, longer animation left there.
func (a *animator) writeFrames(ctx context.Context, out string, progress Progress) (int, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return 0, fmt.Errorf("animation: %w", err)
	}
	tmp, err := os.MkdirTemp(out, ".frontier-frames-*")
	if err != nil {
		return 0, fmt.Errorf("animation: %w", err)
	}
	defer os.RemoveAll(tmp)
	progress.report(0, len(a.wins))
	for i := range a.wins {
		if err := ctx.Err(); err != nil {
			return 0, fmt.Errorf("animation: %w", err)
		}
		if err := a.draw(i); err != nil {
			return 0, err
		}
		if err := WritePNG(filepath.Join(tmp, FrameFileName(i)), a.f.Img); err != nil {
			return 0, fmt.Errorf("animation: %w", err)
		}
		progress.report(i+1, len(a.wins))
	}
	for i := range a.wins {
		name := FrameFileName(i)
		if err := os.Rename(filepath.Join(tmp, name), filepath.Join(out, name)); err != nil {
			return 0, fmt.Errorf("animation: %w", err)
		}
	}
	ents, err := os.ReadDir(out)
	if err != nil {
		return 0, fmt.Errorf("animation: %w", err)
	}
	for _, e := range ents {
		if m := frameName.FindStringSubmatch(e.Name()); m != nil {
			if k, err := strconv.Atoi(m[1]); err == nil && k > len(a.wins) {
				os.Remove(filepath.Join(out, e.Name()))
			}
		}
	}
	return len(a.wins), nil
}
