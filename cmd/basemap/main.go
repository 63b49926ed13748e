// Command basemap converts the Natural Earth and GeoNames source data
// (described in the source directory's README.md) into the embedded
// basemap asset of package frontier/mapview/basemap. From the repository
// root:
//
//	go run ./cmd/basemap -src ../shared/data -out mapview/basemap/basemap.bin
//
// or `go generate ./mapview/basemap`. The output is deterministic.
//
// What it does, per zoom band (see package basemap for the table):
//   - world countries (110m, 50m): projected to normalised Mercator,
//     oriented, then split by de-duplicating edges: edges seen in two
//     polygons are borders, the rest are dissolved into land rings whose
//     edges, less the antimeridian and polar cuts, are the coast;
//   - inside the frontier box from zoom 5: 10m country fill (dissolved),
//     borders and coasts from the boundary-lines file, province lines
//     from the admin-1 polygons; outside it the 50m data clipped away
//     from the box with orb/clip;
//   - Douglas–Peucker (orb/simplify) at half a pixel of each band's top
//     zoom, except the last band;
//   - labels: GeoNames places, admin-1 label points, country names.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"frontier/internal/atomicfile"
)

func main() {
	src := flag.String("src", "../shared/data", "directory holding the source GeoJSON and CSV files")
	out := flag.String("out", "mapview/basemap/basemap.bin", "asset file to write")
	verbose := flag.Bool("v", false, "print per-layer statistics")
	flag.Parse()
	if err := run(*src, *out, *verbose, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "basemap:", err)
		os.Exit(1)
	}
}

// run converts src into the asset file out, replacing it atomically, and
// reports a summary on log.
func run(src, out string, verbose bool, log io.Writer) error {
	start := time.Now()
	var vlog io.Writer
	if verbose {
		vlog = log
	}
	b, err := Convert(os.DirFS(src), vlog)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := b.Encode(&buf); err != nil {
		return err
	}
	if err := atomicfile.WriteBytes(out, buf.Bytes()); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	points := 0
	for i := range b.Layers {
		l := &b.Layers[i]
		points += l.Points()
		if verbose {
			fmt.Fprintf(log, "  %-8v [%4.1f, %4.1f)  %6d parts %8d points\n", l.Class, l.MinZoom, l.MaxZoom, l.Parts(), l.Points())
		}
	}
	fmt.Fprintf(log, "wrote %s: %d bytes, %d layers, %d points, %d places (%v)\n",
		out, buf.Len(), len(b.Layers), points, len(b.Places), time.Since(start).Round(time.Millisecond))
	return nil
}
