package data

import (
	"math"

	"github.com/paulmach/orb"
)

// wgs84B is the WGS84 semi-minor axis in metres (wgs84A and wgs84F, the
// semi-major axis and flattening, are in mgrs.go).
const wgs84B = wgs84A * (1 - wgs84F)

// geoTolerance ends the iterations: 1e-12 rad is about 6 µm on the ground.
const geoTolerance = 1e-12

// GeoInverse returns the geodesic distance in metres from a to b on the
// WGS84 ellipsoid and the initial bearing in degrees true (0–360), the
// shortest-path solution of the inverse geodesic problem. It uses
// Vincenty's iteration; for nearly antipodal points, where that does not
// converge, it solves for the initial bearing by bisection (the longitude
// reached on b's parallel grows monotonically with the bearing, Karney
// 2013 §5). Accuracy is better than 1 mm in distance and 1e-6° in bearing
// everywhere. Equal points give (0, 0).
func GeoInverse(a, b orb.Point) (dist, bearing float64) {
	if a == b {
		return 0, 0
	}
	s, az, ok := vincentyInverse(a, b)
	if !ok {
		s, az = bisectInverse(a, b)
	}
	return s, normDeg360(az * 180 / math.Pi)
}

// GeoDestination returns the point dist metres from p along the geodesic
// leaving it at bearing degrees true, on the WGS84 ellipsoid (Vincenty's
// direct method, accurate to better than 1 mm). The longitude is in
// [-180, 180).
func GeoDestination(p orb.Point, bearing, dist float64) orb.Point {
	if dist == 0 {
		return p
	}
	lat, lon := vincentyDirect(p[1]*math.Pi/180, bearing*math.Pi/180, dist)
	return orb.Point{normDeg180(p[0] + lon*180/math.Pi), lat * 180 / math.Pi}
}

// GeoCircle returns the ring of n points (closed: the first is repeated
// last) at geodesic distance radius metres around c, starting due north and
// going clockwise (east first).
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

// normDeg360 puts an angle in degrees into [0, 360).
func normDeg360(d float64) float64 {
	d = math.Mod(d, 360)
	if d < 0 {
		d += 360
	}
	if d >= 360 { // -tiny + 360 rounds to 360
		d = 0
	}
	return d
}

// normDeg180 puts an angle in degrees into [-180, 180).
func normDeg180(d float64) float64 {
	d = normDeg360(d + 180)
	return d - 180
}

// reducedLatitude returns the sine and cosine of the reduced (parametric)
// latitude of lat radians.
func reducedLatitude(lat float64) (sinU, cosU float64) {
	s, c := math.Sincos(lat)
	u := math.Atan2((1-wgs84F)*s, c)
	return math.Sincos(u)
}

// vincentyA and vincentyB are Vincenty's series in u² for the distance.
func vincentyAB(cos2Alpha float64) (A, B float64) {
	u2 := cos2Alpha * (wgs84A*wgs84A - wgs84B*wgs84B) / (wgs84B * wgs84B)
	A = 1 + u2/16384*(4096+u2*(-768+u2*(320-175*u2)))
	B = u2 / 1024 * (256 + u2*(-128+u2*(74-47*u2)))
	return A, B
}

// deltaSigma is Vincenty's correction from the auxiliary sphere's arc to
// the ellipsoid's distance.
func deltaSigma(B, sinSig, cosSig, cos2SigM float64) float64 {
	c2 := cos2SigM * cos2SigM
	return B * sinSig * (cos2SigM + B/4*(cosSig*(-1+2*c2)-B/6*cos2SigM*(-3+4*sinSig*sinSig)*(-3+4*c2)))
}

// lambdaCorrection is L − λ: how much less the ellipsoid's longitude
// difference is than the auxiliary sphere's, times -1.
func lambdaCorrection(sinAlpha, cos2Alpha, sigma, sinSig, cosSig, cos2SigM float64) float64 {
	C := wgs84F / 16 * cos2Alpha * (4 + wgs84F*(4-3*cos2Alpha))
	return (1 - C) * wgs84F * sinAlpha * (sigma + C*sinSig*(cos2SigM+C*cosSig*(-1+2*cos2SigM*cos2SigM)))
}

// vincentyInverse solves the inverse problem by Vincenty's iteration; ok
// is false when it does not converge (nearly antipodal points).
func vincentyInverse(p1, p2 orb.Point) (s, alpha1 float64, ok bool) {
	L := normDeg180(p2[0]-p1[0]) * math.Pi / 180
	sinU1, cosU1 := reducedLatitude(p1[1] * math.Pi / 180)
	sinU2, cosU2 := reducedLatitude(p2[1] * math.Pi / 180)
	lambda := L
	var sinSig, cosSig, sigma, cos2Alpha, cos2SigM, sinLam, cosLam float64
	for i := 0; ; i++ {
		if i == 200 {
			return 0, 0, false
		}
		sinLam, cosLam = math.Sincos(lambda)
		sinSig = math.Hypot(cosU2*sinLam, cosU1*sinU2-sinU1*cosU2*cosLam)
		cosSig = sinU1*sinU2 + cosU1*cosU2*cosLam
		if sinSig == 0 {
			if cosSig > 0 { // the same point
				return 0, 0, true
			}
			return 0, 0, false // exactly antipodal on the auxiliary sphere
		}
		sigma = math.Atan2(sinSig, cosSig)
		sinAlpha := cosU1 * cosU2 * sinLam / sinSig
		cos2Alpha = 1 - sinAlpha*sinAlpha
		cos2SigM = 0 // an equatorial line
		if cos2Alpha != 0 {
			cos2SigM = cosSig - 2*sinU1*sinU2/cos2Alpha
		}
		next := L + lambdaCorrection(sinAlpha, cos2Alpha, sigma, sinSig, cosSig, cos2SigM)
		if math.Abs(next) > math.Pi {
			return 0, 0, false
		}
		done := math.Abs(next-lambda) < geoTolerance
		lambda = next
		if done {
			break
		}
	}
	sinLam, cosLam = math.Sincos(lambda)
	A, B := vincentyAB(cos2Alpha)
	s = wgs84B * A * (sigma - deltaSigma(B, sinSig, cosSig, cos2SigM))
	alpha1 = math.Atan2(cosU2*sinLam, cosU1*sinU2-sinU1*cosU2*cosLam)
	return s, alpha1, true
}

// vincentyDirect returns the latitude and the longitude difference (both
// radians) reached from latitude lat1 after s metres along azimuth alpha1.
func vincentyDirect(lat1, alpha1, s float64) (lat2, dLon float64) {
	sinA1, cosA1 := math.Sincos(alpha1)
	sinU1, cosU1 := reducedLatitude(lat1)
	sigma1 := math.Atan2(sinU1, cosU1*cosA1)
	sinAlpha := cosU1 * sinA1
	cos2Alpha := 1 - sinAlpha*sinAlpha
	A, B := vincentyAB(cos2Alpha)
	sigma := s / (wgs84B * A)
	var sinSig, cosSig, cos2SigM float64
	for i := 0; i < 200; i++ {
		sinSig, cosSig = math.Sincos(sigma)
		cos2SigM = math.Cos(2*sigma1 + sigma)
		next := s/(wgs84B*A) + deltaSigma(B, sinSig, cosSig, cos2SigM)
		done := math.Abs(next-sigma) < geoTolerance
		sigma = next
		if done {
			break
		}
	}
	sinSig, cosSig = math.Sincos(sigma)
	cos2SigM = math.Cos(2*sigma1 + sigma)
	x := sinU1*sinSig - cosU1*cosSig*cosA1
	lat2 = math.Atan2(sinU1*cosSig+cosU1*sinSig*cosA1, (1-wgs84F)*math.Hypot(sinAlpha, x))
	lam := math.Atan2(sinSig*sinA1, cosU1*cosSig-sinU1*sinSig*cosA1)
	dLon = lam - lambdaCorrection(sinAlpha, cos2Alpha, sigma, sinSig, cosSig, cos2SigM)
	return lat2, dLon
}

// bisectInverse solves the inverse problem for points where Vincenty's
// iteration fails. The problem is first put in canonical form (the first
// point on or south of the equator and at least as far from it as the
// second, the longitude difference in [0, π]); there the longitude the
// geodesic reaches on the second point's parallel, heading north, grows
// monotonically with the initial azimuth from 0 to π, so bisection finds
// the azimuth, and Vincenty's series give the distance.
func bisectInverse(p1, p2 orb.Point) (s, alpha1 float64) {
	lat1, lat2 := p1[1]*math.Pi/180, p2[1]*math.Pi/180
	lon12 := normDeg180(p2[0]-p1[0]) * math.Pi / 180
	lonFlip := lon12 < 0
	if lonFlip {
		lon12 = -lon12
	}
	swapped := math.Abs(lat1) < math.Abs(lat2)
	if swapped { // go from p2 to p1: the longitude difference changes sign
		lat1, lat2 = lat2, lat1
		lonFlip = !lonFlip
	}
	// Between two points on the equator the mirror images of the line
	// north and south of it are equally short; like GeographicLib, take
	// the northern one (the canonical solution is the southern).
	latFlip := lat1 > 0 || lat1 == 0 && lat2 == 0
	if latFlip {
		lat1, lat2 = -lat1, -lat2
	}
	sinB1, cosB1 := reducedLatitude(lat1)
	sinB2, cosB2 := reducedLatitude(lat2)
	lo, hi := 0.0, math.Pi
	var r canonicalGeodesic
	for i := 0; i < 100 && hi-lo > 1e-16; i++ {
		mid := (lo + hi) / 2
		r = canonicalLongitude(sinB1, cosB1, sinB2, cosB2, mid)
		if r.lon12 < lon12 {
			lo = mid
		} else {
			hi = mid
		}
	}
	r = canonicalLongitude(sinB1, cosB1, sinB2, cosB2, (lo+hi)/2)
	a1, a2 := (lo+hi)/2, r.alpha2
	// Undo the canonical transformations, last first.
	if latFlip {
		a1, a2 = math.Pi-a1, math.Pi-a2
	}
	if swapped { // leaving p1 is arriving there from p2, reversed
		a1 = a2 + math.Pi
	}
	if lonFlip {
		a1 = -a1
	}
	return r.s, a1
}

// canonicalGeodesic is the geodesic canonicalLongitude follows.
type canonicalGeodesic struct {
	lon12, s, alpha2 float64
}

// canonicalLongitude follows the geodesic leaving reduced latitude β1 ≤ 0
// at azimuth alpha1 up to its first northward crossing of reduced
// latitude β2 (|β2| ≤ |β1|), and returns the longitude difference, the
// distance and the azimuth there.
func canonicalLongitude(sinB1, cosB1, sinB2, cosB2, alpha1 float64) canonicalGeodesic {
	salp1, calp1 := math.Sincos(alpha1)
	salp0 := salp1 * cosB1
	calp0 := math.Hypot(calp1, salp1*sinB1)
	cos2Alpha := calp0 * calp0
	// Point 1 on the auxiliary sphere: arc and longitude from the node.
	ssig1, csig1 := unit(sinB1, calp1*cosB1)
	somg1, comg1 := salp0*sinB1, calp1*cosB1
	// Point 2, where the geodesic heads north.
	salp2 := salp0 / cosB2
	var calp2 float64
	if cosB2 != cosB1 || math.Abs(sinB2) != -sinB1 {
		var d float64
		if cosB1 < -sinB1 {
			d = (cosB2 - cosB1) * (cosB1 + cosB2)
		} else {
			d = (sinB1 - sinB2) * (sinB1 + sinB2)
		}
		calp2 = math.Sqrt(calp1*cosB1*calp1*cosB1+d) / cosB2
	} else {
		calp2 = math.Abs(calp1)
	}
	ssig2, csig2 := unit(sinB2, calp2*cosB2)
	somg2, comg2 := salp0*sinB2, calp2*cosB2
	sig12 := math.Atan2(math.Max(0, csig1*ssig2-ssig1*csig2), csig1*csig2+ssig1*ssig2)
	omg12 := math.Atan2(math.Max(0, comg1*somg2-somg1*comg2), comg1*comg2+somg1*somg2)
	sinSig, cosSig := math.Sincos(sig12)
	cos2SigM := csig1*csig2 - ssig1*ssig2 // cos(σ1 + σ2)
	lon12 := omg12 - lambdaCorrection(salp0, cos2Alpha, sig12, sinSig, cosSig, cos2SigM)
	A, B := vincentyAB(cos2Alpha)
	s := wgs84B * A * (sig12 - deltaSigma(B, sinSig, cosSig, cos2SigM))
	return canonicalGeodesic{lon12: lon12, s: s, alpha2: math.Atan2(salp2, calp2)}
}

// unit scales (s, c) to length 1: the sine and cosine of its angle.
func unit(s, c float64) (float64, float64) {
	h := math.Hypot(s, c)
	if h == 0 {
		return 0, 1
	}
	return s / h, c / h
}
