// Package paint holds fast raster primitives for the map renderer: filled
// polygons (Filler), anti-aliased polylines (StrokePolyline, Stroker),
// marker discs and rings from cached coverage stamps (Stamps), rectangles
// (FillRect), text with a halo from cached glyph masks (Face) and a map
// scale bar (ScaleBar).
//
// Everything draws into a caller-owned *image.RGBA by writing its Pix
// slice directly, blending source-over with premultiplied colours
// (color.RGBA is premultiplied: R, G and B must not exceed A; larger
// values are clamped to A). After warm-up (the first frames, which size
// buffers and fill caches) drawing does not allocate.
//
// # Coordinates
//
// Coordinates are float64 device pixels in dst's coordinate space
// (dst.Bounds().Min need not be the origin); pixel (i, j) covers
// [i, i+1)×[j, j+1), so its centre is (i+0.5, j+0.5). A line from
// (0, 10) to (100, 10) of width 2 fully covers rows 9 and 10. Points with
// a NaN, an infinite or a huge (|v| > 1e12) coordinate are skipped.
//
// # Clipping
//
// Everything clips to dst.Bounds(). To clip to a smaller rectangle, pass
// dst.SubImage(r).(*image.RGBA), which shares dst's pixels; the stroke
// functions also take an explicit clip rectangle.
//
// # Concurrency
//
// Filler, Stroker, Stamps and Face hold scratch memory and caches, so each
// value must be used by one goroutine at a time (typically the render
// worker owns its own). The package-level StrokePolyline and StrokeDashed
// take a Stroker from a sync.Pool and are safe for concurrent use on
// different images.
package paint
