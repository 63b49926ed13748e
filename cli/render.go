package cli

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"frontier/brief"
	"frontier/data"
	"frontier/mapview"
)

// Defaults of `frontier render`.
const (
	renderDefaultSize = "1600x1000"
	renderMaxSide     = 16384
)

// renderOptions are the parsed flags of `frontier render` other than the
// filter.
type renderOptions struct {
	out, size, center, title string
	layers, view             string
	zoom, scale              float64
	zoomSet                  bool
	sample, halos, noLabels  bool
	// Parsed by check.
	bbox     *orb.Bound
	lon, lat float64
}

func runRender(env *Env, args []string) error {
	fs := newFlagSet("render")
	db := fs.String("db", "", "store file")
	var o renderOptions
	fs.StringVar(&o.out, "out", "", "PNG file to write")
	fs.StringVar(&o.size, "size", renderDefaultSize, "image size WxH in pixels")
	fs.StringVar(&o.center, "center", "", "centre LON,LAT (with --zoom)")
	fs.Float64Var(&o.zoom, "zoom", 0, "zoom level 0-16 (with --center)")
	fs.StringVar(&o.title, "title", "", "title drawn at the top left")
	fs.Float64Var(&o.scale, "scale", 1, "device scale: 2 draws lines and text twice as large (print, HiDPI)")
	fs.BoolVar(&o.sample, "sample", false, "render the embedded sample data set instead of a store")
	fs.BoolVar(&o.halos, "halos", false, "draw precision halos around approximately located events")
	fs.BoolVar(&o.noLabels, "no-labels", false, "leave out place labels")
	fs.StringVar(&o.layers, "layers", "", "annotation layers to draw: NAME[,NAME...] (hidden ones too) or none; default the visible layers")
	fs.StringVar(&o.view, "view", "", "draw the saved view NAME (title or ID): its viewport, filter, layers and title")
	ff := addFilterFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	o.zoomSet = set["zoom"]
	if o.view != "" {
		return renderView(env, *db, &o, ff, set)
	}
	// In render, --bbox is the extent to draw, not a filter.
	viewBox := ff.bbox
	ff.bbox = ""
	w, h, err := o.check(viewBox)
	if err != nil {
		return err
	}
	f, err := ff.filter()
	if err != nil {
		return err
	}
	store, ix, closeStore, err := o.open(env, *db)
	if err != nil {
		return err
	}
	defer closeStore()
	src, err := brief.NewDefaultSource(store, ix)
	if err != nil {
		return err
	}
	res, err := ix.Filter(f)
	if err != nil {
		return err
	}
	var layers []uint64 // nil: the visible layers
	if strings.TrimSpace(o.layers) != "" {
		if layers, err = src.LayerIDs(o.layers); err != nil {
			return usagef("--layers: %v", err)
		}
	}
	v := o.viewport(w, h, ix, res.Rows, src.AnnotationsFor(layers, f.From, f.To))
	m := &brief.Map{Viewport: v, Filter: *f, Rows: res.Rows, Layers: layers, Title: o.title, Halos: o.halos, NoLabels: o.noLabels}
	var frame mapview.Frame
	drawn, err := src.Draw(mapview.NewRenderer(src.Base), &frame, m)
	if err != nil {
		return err
	}
	if err := brief.WritePNG(o.out, frame.Img); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	fmt.Fprintf(env.Stderr, "wrote %s (%dx%d, zoom %.2f, %d events%s)\n", o.out, w, h, frame.View.Zoom, drawn.Events, annotationCount(drawn.Annotations))
	return nil
}

// annotationCount is ", N annotations" for a report ("" for none).
func annotationCount(n int) string {
	switch {
	case n == 1:
		return ", 1 annotation"
	case n > 1:
		return fmt.Sprintf(", %d annotations", n)
	}
	return ""
}

// renderView is `render --view NAME`: the view's viewport, filter, layers
// and title, with --size, --scale, --title, --layers, --no-labels and
// --halos applied.
func renderView(env *Env, db string, o *renderOptions, ff *filterFlags, set map[string]bool) error {
	if ff.any() || set["center"] || set["zoom"] || o.sample {
		return usagef("--view takes its viewport and filter from the view: leave out --bbox, --center, --zoom, --sample and the filter flags")
	}
	if o.out == "" {
		return usagef("--out FILE.png is required")
	}
	w, h, err := parseSize(o.size)
	if err != nil {
		return err
	}
	if err := brief.CheckSize(w, h); err != nil {
		return usagef("--size: %v", err)
	}
	opt := brief.ImageOptions{Width: w, Height: h, Title: o.title, Halos: o.halos, NoLabels: o.noLabels}
	if set["scale"] {
		if math.IsNaN(o.scale) || o.scale < 0.5 || o.scale > 4 {
			return usagef("--scale %v: want 0.5 to 4", o.scale)
		}
		opt.Scale = o.scale
	}
	store, ix, err := openForRead(env, db)
	if err != nil {
		return err
	}
	defer env.release(store)
	v, err := findView(store, o.view)
	if err != nil {
		return err
	}
	src, err := brief.NewDefaultSource(store, ix)
	if err != nil {
		return err
	}
	if strings.TrimSpace(o.layers) != "" {
		if v.Layers, err = src.LayerIDs(o.layers); err != nil {
			return usagef("--layers: %v", err)
		}
	}
	m, err := src.ViewMap(&v, &opt)
	if err != nil {
		return err
	}
	var frame mapview.Frame
	drawn, err := src.Draw(mapview.NewRenderer(src.Base), &frame, m)
	if err != nil {
		return err
	}
	if err := brief.WritePNG(o.out, frame.Img); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	fmt.Fprintf(env.Stderr, "wrote %s (%dx%d, view %q, zoom %.2f, %d events%s)\n", o.out, w, h, v.Title, frame.View.Zoom, drawn.Events, annotationCount(drawn.Annotations))
	return nil
}

// check validates the flags and returns the image size.
func (o *renderOptions) check(viewBox string) (w, h int, err error) {
	if o.out == "" {
		return 0, 0, usagef("--out FILE.png is required")
	}
	if w, h, err = parseSize(o.size); err != nil {
		return 0, 0, err
	}
	if viewBox != "" && (o.center != "" || o.zoomSet) {
		return 0, 0, usagef("--bbox cannot be combined with --center or --zoom")
	}
	if (o.center != "") != o.zoomSet {
		return 0, 0, usagef("--center and --zoom go together")
	}
	if o.zoomSet && (math.IsNaN(o.zoom) || o.zoom < mapview.MinZoom || o.zoom > mapview.MaxZoom) {
		return 0, 0, usagef("--zoom %v: want %g to %g", o.zoom, mapview.MinZoom, mapview.MaxZoom)
	}
	if math.IsNaN(o.scale) || o.scale < 0.5 || o.scale > 4 {
		return 0, 0, usagef("--scale %v: want 0.5 to 4", o.scale)
	}
	if viewBox != "" {
		b, err := parseBBox(viewBox)
		if err != nil {
			return 0, 0, err
		}
		o.bbox = &orb.Bound{Min: orb.Point{b[0], b[1]}, Max: orb.Point{b[2], b[3]}}
	}
	if o.center != "" {
		if o.lon, o.lat, err = parseLonLat(o.center); err != nil {
			return 0, 0, err
		}
	}
	return w, h, nil
}

// open loads the store and index to draw: the store's, or the embedded
// sample in a temporary store.
func (o *renderOptions) open(env *Env, db string) (*data.Store, *data.Index, func(), error) {
	if !o.sample {
		s, ix, err := openForRead(env, db)
		if err != nil {
			return nil, nil, nil, err
		}
		return s, ix, func() { env.release(s) }, nil
	}
	dir, err := os.MkdirTemp("", "frontier-render-*")
	if err != nil {
		return nil, nil, nil, fmt.Errorf("render sample: %w", err)
	}
	cleanup := func() { os.RemoveAll(dir) }
	s, err := data.Open(filepath.Join(dir, "sample.db"), data.Options{})
	if err == nil {
		_, err = s.ImportSample(context.Background())
	}
	var ix *data.Index
	if err == nil {
		ix, err = data.LoadIndex(s)
	}
	if err != nil {
		if s != nil {
			s.Close()
		}
		cleanup()
		return nil, nil, nil, fmt.Errorf("render sample: %w", err)
	}
	return s, ix, func() { s.Close(); cleanup() }, nil
}

// viewport chooses what to draw: the --bbox extent, --center and --zoom,
// or the extent of the events and annotations drawn (the frontier when
// there are none).
func (o *renderOptions) viewport(w, h int, ix *data.Index, rows []int32, annots []data.Annotation) mapview.Viewport {
	switch {
	case o.bbox != nil:
		return mapview.FitBound(*o.bbox, w, h, o.scale, 0, mapview.MaxZoom)
	case o.center != "":
		x, y := data.Mercator(o.lon, o.lat)
		return mapview.Viewport{CenterX: x, CenterY: y, Zoom: o.zoom, Width: w, Height: h, Scale: o.scale}
	default:
		return brief.FitView(ix, rows, annots, w, h, o.scale)
	}
}

// parseSize reads "WxH".
func parseSize(s string) (w, h int, err error) {
	a, b, ok := strings.Cut(strings.ToLower(s), "x")
	if ok {
		w, err = strconv.Atoi(strings.TrimSpace(a))
		if err == nil {
			h, err = strconv.Atoi(strings.TrimSpace(b))
		}
	}
	if !ok || err != nil || w < 16 || h < 16 || w > renderMaxSide || h > renderMaxSide {
		return 0, 0, usagef("--size %q: want WxH, each 16 to %d", s, renderMaxSide)
	}
	return w, h, nil
}

// parseLonLat reads "LON,LAT".
func parseLonLat(s string) (lon, lat float64, err error) {
	a, b, ok := strings.Cut(s, ",")
	if ok {
		lon, err = strconv.ParseFloat(strings.TrimSpace(a), 64)
		if err == nil {
			lat, err = strconv.ParseFloat(strings.TrimSpace(b), 64)
		}
	}
	if !ok || err != nil || !(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90) {
		return 0, 0, usagef("--center %q: want LON,LAT in degrees", s)
	}
	return lon, lat, nil
}
