package mapview

import (
	"math"
	"strconv"

	"github.com/paulmach/orb"

	"frontier/data"
)

// Geometry of the annotation layer: every annotation is turned once into
// normalised Web Mercator coordinates (its outline) and an extent, which
// are kept while the set's items stay the same, so a pan or zoom only
// scales and shifts them into device pixels.

// Circle vertex counts: chosen from the circle's radius in pixels and
// rounded up to a power of two, so a cached ring is rebuilt only when the
// zoom changes a lot.
const (
	circleMinVerts = 32
	circleMaxVerts = 2048
)

// geodesicSplit is the distance (metres) from which a range-bearing or
// measure line is drawn as a geodesic curve (densified) rather than a
// straight line, and geodesicSteps the number of pieces it is cut into.
const (
	geodesicSplit = 50_000
	geodesicSteps = 64
)

// The circle kinds by which poles they hold.
const (
	capNone  = iota // an ordinary ring
	capNorth        // holds the north pole: the ring runs once round the world
	capSouth        // holds the south pole
	capBoth         // holds both: the area outside the ring is filled
)

// annotGeom is one annotation's outline in normalised Mercator.
type annotGeom struct {
	// Fingerprint of the item the geometry was built from.
	id     uint64
	kind   data.AnnotationKind
	npts   int
	ptr    *orb.Point
	p0, p1 orb.Point
	radius float64

	// off and end address the outline's x, y pairs in the shared buffer:
	// the points (a rectangle's four corners; a range-bearing line's
	// geodesic path).
	off, end int
	// ext bounds the outline (a circle's ring); x may pass 0 or 1 where a
	// shape crosses the antimeridian.
	ext Extent
	// Circle: the centre, the cap kind and the ring (merc, closed by
	// repetition) at ringN vertices (0: not built yet).
	cx, cy float64
	cap    int8
	ring   []float64
	ringN  int
	// Range-bearing: the distance and bearing text.
	text string
}

// same reports whether g was built from a (as far as a cheap look can
// tell: items are documented never to change in place).
func (g *annotGeom) same(a *data.Annotation) bool {
	n := len(a.Points)
	if g.id != a.ID || g.kind != a.Kind || g.npts != n || g.radius != a.Radius {
		return false
	}
	if n == 0 {
		return true
	}
	return g.ptr == &a.Points[0] && g.p0 == a.Points[0] && g.p1 == a.Points[n-1]
}

// annotCache holds the geometry of the last set's items.
type annotCache struct {
	geoms []annotGeom
	merc  []float64
}

// update makes the cache describe items, rebuilding it only when they
// differ from the last ones.
func (c *annotCache) update(items []data.Annotation) {
	if len(c.geoms) == len(items) {
		ok := true
		for i := range items {
			if !c.geoms[i].same(&items[i]) {
				ok = false
				break
			}
		}
		if ok {
			return
		}
	}
	c.merc = c.merc[:0]
	if cap(c.geoms) < len(items) {
		c.geoms = append(c.geoms[:cap(c.geoms)], make([]annotGeom, len(items)-cap(c.geoms))...)
	}
	c.geoms = c.geoms[:len(items)]
	for i := range items {
		c.merc = buildGeom(&c.geoms[i], &items[i], c.merc)
	}
}

// buildGeom fills g from a, appending its outline to merc, and returns
// merc. The circle ring is built later, at the frame's vertex count.
func buildGeom(g *annotGeom, a *data.Annotation, merc []float64) []float64 {
	ring := g.ring[:0]
	*g = annotGeom{id: a.ID, kind: a.Kind, npts: len(a.Points), radius: a.Radius, ring: ring}
	if len(a.Points) > 0 {
		g.ptr, g.p0, g.p1 = &a.Points[0], a.Points[0], a.Points[len(a.Points)-1]
	}
	g.off = len(merc)
	switch {
	case len(a.Points) == 0:
	case a.Kind == data.KindRectangle && len(a.Points) == 2:
		x0, y0 := data.Mercator(a.Points[0][0], a.Points[0][1])
		x1, y1 := data.Mercator(a.Points[1][0], a.Points[1][1])
		merc = append(merc, x0, y0, x1, y0, x1, y1, x0, y1)
	case a.Kind == data.KindRangeBearing && len(a.Points) >= 2:
		var dist, brg float64
		merc, dist, brg = geodesicPath(merc, a.Points[0], a.Points[len(a.Points)-1])
		g.text = RangeBearingText(dist, brg)
	default:
		for _, p := range a.Points {
			x, y := data.Mercator(p[0], p[1])
			merc = append(merc, x, y)
		}
	}
	g.end = len(merc)
	g.ext = extentOf(merc[g.off:g.end])
	if a.Kind == data.KindCircle && len(a.Points) == 1 {
		g.cx, g.cy = merc[g.off], merc[g.off+1]
		g.cap = circleCap(a.Points[0], a.Radius)
		// The extent from a coarse ring, padded for the chords.
		g.ring = circleRing(g.ring, a.Points[0], a.Radius, 64)
		g.ext = circleExtent(g.ring, g.cap)
		g.ring = g.ring[:0]
	}
	return merc
}

// extentOf returns the bounding box of the x, y pairs in xy.
func extentOf(xy []float64) Extent {
	e := Extent{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for i := 0; i+1 < len(xy); i += 2 {
		x, y := xy[i], xy[i+1]
		e.MinX, e.MaxX = min(e.MinX, x), max(e.MaxX, x)
		e.MinY, e.MaxY = min(e.MinY, y), max(e.MaxY, y)
	}
	return e
}

// circleCap says which poles the circle of radius metres around c holds.
func circleCap(c orb.Point, radius float64) int8 {
	dn, _ := data.GeoInverse(c, orb.Point{c[0], 90})
	ds, _ := data.GeoInverse(c, orb.Point{c[0], -90})
	n, s := dn < radius, ds < radius
	switch {
	case n && s:
		return capBoth
	case n:
		return capNorth
	case s:
		return capSouth
	}
	return capNone
}

// circleRing appends to ring[:0] the Mercator ring of n vertices of the
// geodesic circle, closed by repeating the first point. Longitudes are
// unwrapped from one vertex to the next, so a ring that crosses the
// antimeridian stays in one piece (x past 0 or 1), and a ring round a pole
// runs once across the world (its last x one world from its first).
func circleRing(ring []float64, c orb.Point, radius float64, n int) []float64 {
	ring = ring[:0]
	pts := data.GeoCircle(c, radius, n)
	uw := lonUnwrapper{prev: c[0]}
	for _, p := range pts {
		if math.IsNaN(p[0]) || math.IsNaN(p[1]) {
			continue
		}
		x, y := uw.mercator(p)
		ring = append(ring, x, y)
	}
	return ring
}

// circleExtent bounds a circle's ring; a ring round a pole reaches that
// pole's edge of the map, one holding both poles covers the whole world.
func circleExtent(ring []float64, capKind int8) Extent {
	e := extentOf(ring)
	// Pad for the chords of a coarse ring (1 - cos(π/64) of the size).
	px, py := (e.MaxX-e.MinX)*0.002, (e.MaxY-e.MinY)*0.002
	e.MinX, e.MaxX, e.MinY, e.MaxY = e.MinX-px, e.MaxX+px, e.MinY-py, e.MaxY+py
	switch capKind {
	case capNorth:
		e.MinY = 0
	case capSouth:
		e.MaxY = 1
	case capBoth:
		e.MinX, e.MinY, e.MaxX, e.MaxY = min(e.MinX, 0), 0, max(e.MaxX, 1), 1
	}
	return e
}

// circleVerts returns the vertex count of a circle whose radius is rpx
// device pixels: enough that the chords stay within a quarter pixel of
// the true circle, rounded up to a power of two.
func circleVerts(rpx float64) int {
	want := 4.5 * math.Sqrt(max(rpx, 0))
	n := circleMinVerts
	for n < circleMaxVerts && float64(n) < want {
		n *= 2
	}
	return n
}

// circlePixelRadius estimates a circle's radius in device pixels from the
// Mercator scale at its centre.
func circlePixelRadius(v Viewport, cy, radius float64, capKind int8) float64 {
	if capKind != capNone {
		return math.Inf(1)
	}
	_, lat := data.InverseMercator(0, cy)
	const earthCircumference = 2 * math.Pi * 6378137
	k := max(math.Cos(lat*math.Pi/180), 1e-3)
	return radius / (earthCircumference * k) * v.WorldSize()
}

// lonUnwrapper projects the points of a line one after another, keeping
// each longitude within 180° of the one before (adding or removing whole
// turns), so a line across the antimeridian stays in one piece.
type lonUnwrapper struct{ prev, off float64 }

// mercator returns p's normalised Mercator position with its longitude
// unwrapped.
func (u *lonUnwrapper) mercator(p orb.Point) (x, y float64) {
	lon := p[0] + u.off
	if d := lon - u.prev; math.Abs(d) > 180 {
		u.off -= 360 * math.Round(d/360)
		lon = p[0] + u.off
	}
	u.prev = lon
	return data.Mercator(lon, p[1])
}

// geodesicPath appends the line from a to b to merc: straight in Mercator
// when short, else the geodesic cut into geodesicSteps pieces with
// unwrapped longitudes. It returns merc and the distance and initial
// bearing of a to b.
func geodesicPath(merc []float64, a, b orb.Point) ([]float64, float64, float64) {
	dist, brg := data.GeoInverse(a, b)
	if !(dist > geodesicSplit) || math.IsNaN(brg) {
		x0, y0 := data.Mercator(a[0], a[1])
		x1, y1 := data.Mercator(b[0], b[1])
		return append(merc, x0, y0, x1, y1), dist, brg
	}
	uw := lonUnwrapper{prev: a[0]}
	for i := 0; i <= geodesicSteps; i++ {
		p := b
		switch i {
		case 0:
			p = a
		case geodesicSteps:
		default:
			p = data.GeoDestination(a, brg, dist*float64(i)/geodesicSteps)
		}
		if math.IsNaN(p[0]) || math.IsNaN(p[1]) {
			continue
		}
		x, y := uw.mercator(p)
		merc = append(merc, x, y)
	}
	return merc, dist, brg
}

// formatDistance writes metres as "850 m", "12.4 km" or "1,234 km".
func formatDistance(m float64) string {
	switch {
	case !(m >= 0):
		return "? m"
	case m < 1000:
		return strconv.FormatFloat(math.Round(m), 'f', 0, 64) + " m"
	case m < 100_000:
		return strconv.FormatFloat(m/1000, 'f', 1, 64) + " km"
	}
	return groupThousands(int64(math.Round(m/1000))) + " km"
}

// formatBearing writes a bearing in degrees true as three digits: "047°".
func formatBearing(deg float64) string {
	if math.IsNaN(deg) {
		return "---°"
	}
	d := int(math.Round(math.Mod(math.Mod(deg, 360)+360, 360))) % 360
	s := strconv.Itoa(d)
	for len(s) < 3 {
		s = "0" + s
	}
	return s + "°"
}

// RangeBearingText is a range-bearing line's label and the measuring
// tool's read-out: "12.4 km · 047°", "1,234 km · 310°".
func RangeBearingText(dist, brg float64) string {
	return formatDistance(dist) + " · " + formatBearing(brg)
}
