package data

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// Limits on the annotations one file may bring, so that a hostile or
// mistaken file cannot exhaust memory: further features are skipped with
// a warning.
const (
	MaxFileAnnotations      = 100_000
	MaxFileAnnotationPoints = 2_000_000
)

// maxAnnotationWarnings caps the warnings kept about one file's
// annotations; the rest are counted.
const maxAnnotationWarnings = 100

// AnnotationSource is implemented by event sources that also read
// annotations (lines, polygons and Frontier's own annotation features) from
// their file. Annotations is read once the events are done; the
// annotations have no ID or layer yet.
type AnnotationSource interface {
	Annotations() []Annotation
}

// annotationCollector gathers a file's annotations and the warnings about
// the features it had to skip or change.
type annotationCollector struct {
	items    []Annotation
	points   int
	warnings []string
	dropped  int // warnings beyond maxAnnotationWarnings
	full     bool
}

// warn records a warning about feature n ("feature" or "placemark" is
// what).
func (c *annotationCollector) warn(what string, n int, format string, args ...any) {
	if len(c.warnings) >= maxAnnotationWarnings {
		c.dropped++
		return
	}
	c.warnings = append(c.warnings, fmt.Sprintf("%s %d: ", what, n)+fmt.Sprintf(format, args...))
}

// add validates a and keeps it, or warns why not.
func (c *annotationCollector) add(what string, n int, a Annotation) {
	if c.full {
		return
	}
	if len(c.items) >= MaxFileAnnotations || c.points+len(a.Points) > MaxFileAnnotationPoints {
		c.full = true
		c.warn(what, n, "this and later annotations skipped: a file may hold at most %d annotations with %d points in all", MaxFileAnnotations, MaxFileAnnotationPoints)
		return
	}
	if err := a.Validate(); err != nil {
		msg := err.Error()
		msg = strings.TrimPrefix(msg, "annotation 0: ")
		c.warn(what, n, "skipped: %s", msg)
		return
	}
	c.points += len(a.Points)
	c.items = append(c.items, a)
}

// Warnings returns the warnings, with a count of those left out.
func (c *annotationCollector) Warnings() []string {
	w := slices.Clone(c.warnings)
	if c.dropped > 0 {
		w = append(w, fmt.Sprintf("… and %d more annotation warnings", c.dropped))
	}
	return w
}

// formatValidity writes a validity bound: a date when t is a UTC midnight,
// else an RFC 3339 instant in UTC.
func formatValidity(t time.Time) string {
	if isMidnightUTC(t) {
		return t.UTC().Format(time.DateOnly)
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// parseValidity reads a validity bound: an RFC 3339 instant (a date-time
// without a zone is UTC), or a date (YYYY, YYYY-MM or YYYY-MM-DD), which
// stands for its first day as a start (end false) and its last as an end.
func parseValidity(s string, end bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04Z07:00", "2006-01-02T15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	d, err := parseISODate(s)
	if err != nil {
		return time.Time{}, err
	}
	if end {
		return d.last, nil
	}
	return d.first, nil
}

// normalColor returns a colour as "#rrggbb" (from "#rgb", "rrggbb" …).
func normalColor(s string) (string, bool) {
	r, g, b, ok := ParseHexColor(s)
	if !ok {
		return "", false
	}
	return fmt.Sprintf("#%02x%02x%02x", r, g, b), true
}

// parseNumber reads a number written as text, refusing NaN and infinities.
func parseNumber(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// clamp puts v into [lo, hi].
func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// knownSymbol reports whether Frontier draws marker symbol s.
func knownSymbol(s string) bool { return slices.Contains(MarkerSymbols, s) }

// round7 rounds a coordinate to 1e-7 degrees (about 1 cm), the precision
// the exports write.
func round7(v float64) float64 { return math.Round(v*1e7) / 1e7 }

// ringArea is twice the signed area of an open ring in degrees squared:
// positive when it runs counterclockwise.
func ringArea(ring []orb.Point) float64 {
	var a float64
	for i, p := range ring {
		q := ring[(i+1)%len(ring)]
		a += p[0]*q[1] - q[0]*p[1]
	}
	return a
}

// ccwRing returns the open ring pts counterclockwise, starting at pts[0]
// (reversed after it when it runs clockwise).
func ccwRing(pts []orb.Point) []orb.Point {
	out := slices.Clone(pts)
	if ringArea(out) < 0 {
		slices.Reverse(out[1:])
	}
	return out
}

// rectangleRing returns the corners of a rectangle given by opposite
// corners a and b, counterclockwise, starting at a, with b third.
func rectangleRing(a, b orb.Point) []orb.Point {
	return ccwRing([]orb.Point{a, {b[0], a[1]}, b, {a[0], b[1]}})
}

// circleRing returns the ring drawn for a circle: n vertices of the
// geodesic circle, counterclockwise, the longitudes continuous around the
// centre (so beyond ±180 near the antimeridian).
func circleRing(c orb.Point, radius float64, n int) []orb.Point {
	r := GeoCircle(c, radius, n)
	out := make([]orb.Point, 0, n)
	for i := n - 1; i >= 0; i-- { // GeoCircle runs clockwise
		p := r[i]
		p[0] = c[0] + normDeg180(p[0]-c[0])
		out = append(out, p)
	}
	return out
}

// exportCircleVertices is how many vertices the exports draw a circle
// with.
const exportCircleVertices = 72

// rangeBearingInfo returns a range-bearing line's length in metres and
// initial bearing in degrees, rounded to a millimetre and 1e-6 degrees.
func rangeBearingInfo(a *Annotation) (dist, bearing float64) {
	d, b := GeoInverse(a.Points[0], a.Points[1])
	return math.Round(d*1000) / 1000, math.Round(b*1e6) / 1e6
}
