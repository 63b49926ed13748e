package cli

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"

	"frontier/brief"
)

// Default size of deck slides and animation frames.
const deckDefaultSize = "1920x1080"

// runDeck is "frontier deck export": the saved views, in deck order, as
// numbered PNGs in a directory or as one PDF.
func runDeck(env *Env, args []string) error {
	if len(args) == 0 || args[0] != "export" {
		if len(args) > 0 {
			return usagef("unknown deck subcommand %q (export)", args[0])
		}
		return usagef("deck needs a subcommand: export")
	}
	fs := newFlagSet("deck export")
	db := fs.String("db", "", "store file")
	format := fs.String("format", "", "png (numbered files in the --out directory) or pdf")
	out := fs.String("out", "", "directory (png) or PDF file to write")
	size := fs.String("size", deckDefaultSize, "slide size WxH in pixels (up to 7680x4320)")
	scale := fs.Float64("scale", 0, "device scale (0: the size's height / 1080)")
	textScale := fs.Float64("text-scale", 0, "enlarge the title, legend, date and credit for projectors (e.g. 1.5)")
	viewsSpec := fs.String("views", "all", "the views to export: all, or TITLE|ID[,TITLE|ID...] in the order given")
	notes := fs.Bool("notes", false, "pdf: print each view's speaker notes under its image")
	pageTitles := fs.Bool("page-titles", false, "pdf: print each view's title above its image (the image then has none)")
	page := fs.String("page", "A4", "pdf: page size A4, A3 or Letter (landscape)")
	marks := fs.Bool("legend-marks", false, "add the key of the marks (dot sizes, clusters) to the legend")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	*format = strings.ToLower(*format)
	if *format != "png" && *format != "pdf" {
		return usagef("--format png|pdf is required")
	}
	if *out == "" {
		return usagef("--out is required (a directory for png, a file for pdf)")
	}
	opt, err := imageFlags(*size, *scale, *textScale)
	if err != nil {
		return err
	}
	opt.LegendMarks = *marks
	switch strings.ToUpper(*page) {
	case "A4", "A3", "LETTER":
	default:
		return usagef("--page %q: want A4, A3 or Letter", *page)
	}
	store, ix, err := openForRead(env, *db)
	if err != nil {
		return err
	}
	defer env.release(store)
	views, err := findViews(store, *viewsSpec)
	if err != nil {
		return err
	}
	if len(views) == 0 {
		return fmt.Errorf("the store has no saved views to export")
	}
	src, err := brief.NewDefaultSource(store, ix)
	if err != nil {
		return err
	}
	ctx := context.Background()
	if *format == "png" {
		paths, err := brief.WriteDeckPNGs(ctx, src, views, *out, opt, nil)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stderr, "wrote %d slides (%dx%d) to %s\n", len(paths), opt.Width, opt.Height, *out)
		for _, p := range paths {
			fmt.Fprintln(env.Stdout, p)
		}
		return nil
	}
	err = brief.WriteFile(*out, func(w io.Writer) error {
		return brief.WriteDeckPDF(ctx, src, views, w, brief.PDFOptions{Image: opt, PageSize: *page, PageTitles: *pageTitles, Notes: *notes}, nil)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "wrote %s (%d pages, slides %dx%d)\n", *out, len(views), opt.Width, opt.Height)
	return nil
}

// imageFlags checks --size, --scale and --text-scale.
func imageFlags(size string, scale, textScale float64) (brief.ImageOptions, error) {
	w, h, err := parseSize(size)
	if err != nil {
		return brief.ImageOptions{}, err
	}
	if err := brief.CheckSize(w, h); err != nil {
		return brief.ImageOptions{}, usagef("--size: %v", err)
	}
	if math.IsNaN(scale) || scale != 0 && (scale < 0.5 || scale > 8) {
		return brief.ImageOptions{}, usagef("--scale %v: want 0.5 to 8 (or 0 for the size's)", scale)
	}
	if math.IsNaN(textScale) || textScale != 0 && (textScale < 0.5 || textScale > 8) {
		return brief.ImageOptions{}, usagef("--text-scale %v: want 0.5 to 8", textScale)
	}
	return brief.ImageOptions{Width: w, Height: h, Scale: scale, TextScale: textScale}, nil
}
