package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"frontier/brief"
	"frontier/data"
)

// runAnimate is "frontier animate": one frame per step from --from to
// --to, as a GIF or numbered PNG frames.
func runAnimate(env *Env, args []string) error {
	fs := newFlagSet("animate")
	db := fs.String("db", "", "store file")
	out := fs.String("out", "", "FILE.gif, or a directory for PNG frames")
	step := fs.String("step", "7d", "how far each frame moves on: Nd, Nw, Nm or Ny")
	window := fs.String("window", "", "each frame's window (default one step), e.g. 30d")
	cumulative := fs.Bool("cumulative", false, "every frame starts at --from (events accumulate)")
	fps := fs.Float64("fps", brief.DefaultFPS, "frames a second, 0.1 to 50")
	size := fs.String("size", "1280x720", "frame size WxH in pixels (a GIF at most 3840 a side)")
	scale := fs.Float64("scale", 0, "device scale (0: the size's height / 1080)")
	textScale := fs.Float64("text-scale", 0, "enlarge the title, legend, date and credit (e.g. 1.5)")
	viewName := fs.String("view", "", "the saved view to animate: its viewport, layers, title and (without filter flags) its filter")
	title := fs.String("title", "", "title drawn at the top left (default the view's)")
	layers := fs.String("layers", "", "annotation layers to draw: NAME[,NAME...] or none; default the view's, else the visible ones")
	frames := fs.Bool("frames", false, "write PNG frames into the --out directory instead of a GIF")
	noLegend := fs.Bool("no-legend", false, "leave out the legend")
	ff := addFilterFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out FILE.gif or DIRECTORY is required")
	}
	if ff.from == "" || ff.to == "" {
		return usagef("--from and --to are required: the first and last day animated")
	}
	opt := brief.AnimOptions{FPS: *fps, Cumulative: *cumulative, NoLegend: *noLegend}
	var err error
	if opt.Step, err = brief.ParseStep(*step); err != nil {
		return usagef("--step: %v", err)
	}
	if *window != "" {
		if opt.Window, err = brief.ParseStep(*window); err != nil {
			return usagef("--window: %v", err)
		}
		if *cumulative {
			return usagef("--window and --cumulative do not go together")
		}
	}
	img, err := imageFlags(*size, *scale, *textScale)
	if err != nil {
		return err
	}
	opt.Width, opt.Height, opt.Scale, opt.TextScale = img.Width, img.Height, img.Scale, img.TextScale
	opt.Frames = *frames || !strings.EqualFold(filepath.Ext(*out), ".gif")
	if !*frames && filepath.Ext(*out) != "" && !strings.EqualFold(filepath.Ext(*out), ".gif") {
		if st, err := os.Stat(*out); err != nil || !st.IsDir() {
			return usagef("--out %s: want FILE.gif, or a directory (or --frames) for PNG frames", *out)
		}
	}
	if !opt.Frames && max(opt.Width, opt.Height) > brief.MaxGIFSide {
		return usagef("--size %s: a GIF is at most %d pixels a side (write PNG frames with --frames)", *size, brief.MaxGIFSide)
	}
	if !(opt.FPS >= 0.1 && opt.FPS <= 50) {
		return usagef("--fps %v: want 0.1 to 50", opt.FPS)
	}
	f, err := ff.filter()
	if err != nil {
		return err
	}
	opt.From, opt.To = f.From, f.To
	store, ix, err := openForRead(env, *db)
	if err != nil {
		return err
	}
	defer env.release(store)
	src, err := brief.NewDefaultSource(store, ix)
	if err != nil {
		return err
	}
	if *viewName != "" {
		v, err := findView(store, *viewName)
		if err != nil {
			return err
		}
		opt.View = v
		onlyWindow := ff.bbox == "" && ff.text == "" && len(ff.actors) == 0 && len(ff.types) == 0 &&
			len(ff.groups) == 0 && len(ff.tags) == 0 && ff.minFatalities == 0
		if onlyWindow {
			opt.Filter = v.Filter // the view's filter, animated over the window given
		} else {
			opt.Filter = *f
		}
	} else {
		// No view: the events of the whole span framed.
		opt.Filter, opt.Fit = *f, true
	}
	if *title != "" {
		opt.View.Title = *title
	}
	if strings.TrimSpace(*layers) != "" {
		if opt.View.Layers, err = src.LayerIDs(*layers); err != nil {
			return usagef("--layers: %v", err)
		}
	}
	n, err := brief.Animate(context.Background(), src, opt, *out, nil)
	if err != nil {
		return err
	}
	kind := "GIF"
	if opt.Frames {
		kind = "PNG frames"
	}
	fmt.Fprintf(env.Stderr, "wrote %s (%s, %d frames of %dx%d, %s to %s by %s, %g fps)\n", *out, kind, n, opt.Width, opt.Height,
		opt.From.Format(data.DateLayout), opt.To.Format(data.DateLayout), opt.Step, opt.FPS)
	return nil
}
