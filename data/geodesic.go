package data

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// GeoInverse returns the geodesic distance in metres from a to b and the
// initial bearing in degrees true (0–360).
func GeoInverse(a, b orb.Point) (dist, bearing float64) {
	// TODO(annotations): ellipsoidal WGS84; spherical for now.
	brg := geo.Bearing(a, b)
	if brg < 0 {
		brg += 360
	}
	return geo.DistanceHaversine(a, b), brg
}

// GeoDestination returns the point dist metres from p along bearing
// degrees true.
func GeoDestination(p orb.Point, bearing, dist float64) orb.Point {
	return geo.PointAtBearingAndDistance(p, bearing, dist)
}

// GeoCircle returns the ring of n points (closed: the first is repeated
// last) at geodesic distance radius metres around c.
func GeoCircle(c orb.Point, radius float64, n int) orb.Ring {
	if n < 3 {
		n = 3
	}
	r := make(orb.Ring, 0, n+1)
	for i := 0; i < n; i++ {
		r = append(r, GeoDestination(c, 360*float64(i)/float64(n), radius))
	}
	return append(r, r[0])
}
