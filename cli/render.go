package cli

import (
	"context"
	"flag"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"frontier/data"
	"frontier/mapview"
	"frontier/mapview/basemap"
)

// Defaults of `frontier render`.
const (
	renderDefaultSize = "1600x1000"
	renderMaxSide     = 16384
	renderFitPad      = 40 // logical pixels kept around fitted events
	renderFitMaxZoom  = 11 // fitting one event does not zoom to street level
)

// renderOptions are the parsed flags of `frontier render` other than the
// filter.
type renderOptions struct {
	out, size, center, title string
	layers                   string
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
	ff := addFilterFlags(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "zoom" {
			o.zoomSet = true
		}
	})
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
	res, err := ix.Filter(f)
	if err != nil {
		return err
	}
	annots, err := annotationsToDraw(store, o.layers, f.From, f.To)
	if err != nil {
		return err
	}
	v := o.viewport(w, h, ix, res.Rows, annots)
	base, err := basemap.Default()
	if err != nil {
		return err
	}
	sc := mapview.NewScene(ix, res.Rows, f.Actors)
	sc.Halos = o.halos
	ov := mapview.Overlays{ScaleBar: true, Attribution: mapview.Credit, Title: o.title, NoLabels: o.noLabels}
	if len(annots) > 0 {
		ov.Annotations = &mapview.AnnotationSet{Items: annots}
	}
	var frame mapview.Frame
	mapview.NewRenderer(base).Render(&frame, v, sc, ov)
	if err := writePNG(o.out, &frame); err != nil {
		return err
	}
	drawn := ""
	switch n := len(annots); {
	case n == 1:
		drawn = ", 1 annotation"
	case n > 1:
		drawn = fmt.Sprintf(", %d annotations", n)
	}
	fmt.Fprintf(env.Stderr, "wrote %s (%dx%d, zoom %.2f, %d events%s)\n", o.out, w, h, frame.View.Zoom, len(res.Rows), drawn)
	return nil
}

// annotationsToDraw returns the annotations `render` draws, in draw order:
// those of the layers named in spec (a comma-separated list of names,
// hidden layers included; "" for every visible layer, "none" for none),
// layer by layer in Layer.Order, that show in the filter's window of days
// from–to (inclusive; zero leaves an end open). An unknown layer name is a
// usage error that lists the layers there are.
func annotationsToDraw(s *data.Store, spec string, from, to time.Time) ([]data.Annotation, error) {
	spec = strings.TrimSpace(spec)
	if strings.EqualFold(spec, "none") {
		return nil, nil
	}
	layers, err := s.Layers()
	if err != nil {
		return nil, err
	}
	chosen := map[uint64]int{} // layer ID → draw position
	if spec == "" {
		for i, l := range layers {
			if !l.Hidden {
				chosen[l.ID] = i
			}
		}
	} else {
		for _, name := range strings.Split(spec, ",") {
			if name = strings.TrimSpace(name); name == "" {
				continue
			}
			// The exact name, else the name in any case.
			found := false
			for _, exact := range []bool{true, false} {
				for i, l := range layers {
					if (exact && l.Name == name) || (!exact && strings.EqualFold(l.Name, name)) {
						chosen[l.ID], found = i, true
					}
				}
				if found {
					break
				}
			}
			if !found {
				return nil, usagef("--layers: no layer named %q (%s)", name, layerNames(layers))
			}
		}
	}
	if len(chosen) == 0 {
		return nil, nil
	}
	all, err := s.Annotations()
	if err != nil {
		return nil, err
	}
	// The window's last day is inclusive; VisibleIn's end is not.
	if !to.IsZero() {
		to = to.AddDate(0, 0, 1)
	}
	var out []data.Annotation
	for _, a := range all {
		if _, ok := chosen[a.Layer]; ok && a.VisibleIn(from, to) {
			out = append(out, a)
		}
	}
	// Layer by layer in draw order; within a layer, by ID (as stored).
	slices.SortStableFunc(out, func(a, b data.Annotation) int { return chosen[a.Layer] - chosen[b.Layer] })
	return out, nil
}

// layerNames lists the layers for an error message.
func layerNames(layers []data.Layer) string {
	if len(layers) == 0 {
		return "the store has no annotation layers"
	}
	names := make([]string, len(layers))
	for i, l := range layers {
		names[i] = strconv.Quote(l.Name)
		if l.Hidden {
			names[i] += " (hidden)"
		}
	}
	return "layers: " + strings.Join(names, ", ")
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
		return s, ix, func() { s.Close() }, nil
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
	case len(rows) > 0 || len(annots) > 0:
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
		return mapview.FitExtent(minX, minY, maxX, maxY, w, h, o.scale, renderFitPad*o.scale, renderFitMaxZoom)
	default:
		return mapview.FitBound(mapview.HomeBound(), w, h, o.scale, 0, renderFitMaxZoom)
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

// writePNG writes the frame as a PNG through a temporary file, so a failed
// render never leaves a broken image under the requested name.
func writePNG(path string, f *mapview.Frame) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".frontier-render-*")
	if err != nil {
		return fmt.Errorf("render %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	err = enc.Encode(tmp, f.Img)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("render %s: %w", path, err)
	}
	return nil
}
