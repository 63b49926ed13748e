package data

// Military Grid Reference System (MGRS) on WGS84, written out by hand so the
// data package keeps its small dependency list.
//
// The grid underneath is UTM between 80°S and 84°N and UPS (Universal Polar
// Stereographic) beyond. UTM uses the Krüger series to sixth order in the
// third flattening n (Karney 2011, "Transverse Mercator with an accuracy of
// a few nanometres"), good to well under a millimetre across a zone, far
// finer than the 1 m MGRS resolution. UPS uses the ellipsoidal polar
// stereographic projection in the same conformal-latitude form.
//
// Letters follow NGA's MGRS standard for WGS84: the "AA" lettering scheme,
// columns in three sets of eight (A–H, J–R, S–Z) cycling with the zone
// number, rows A–V cycling every 2,000 km with a 5-letter offset in even
// zones, the Norway (32V) and Svalbard (31X/33X/35X/37X) zone exceptions,
// and the UPS polar letters A/B (south) and Y/Z (north).

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

const (
	wgs84A = 6378137.0
	wgs84F = 1 / 298.257223563

	utmK0         = 0.9996
	utmFalseEast  = 500000.0
	utmFalseNorth = 10000000.0 // southern hemisphere only
	upsK0         = 0.994
	upsFalse      = 2000000.0 // UPS false easting and northing

	mgrsSquare   = 100000.0  // side of a 100 km square, m
	mgrsRowCycle = 2000000.0 // row letters repeat every 20 squares
)

// Latitude bands of UTM, 8° each from 80°S, except X which is 12° (72–84°N).
const mgrsBands = "CDEFGHJKLMNPQRSTUVWX"

// 100 km square letters: three sets of column letters used by zones 1, 2, 3
// (then repeating), and the 20 row letters of the AA scheme.
var mgrsColSets = [3]string{"ABCDEFGH", "JKLMNPQR", "STUVWXYZ"}

const mgrsRows = "ABCDEFGHJKLMNPQRSTUV"

// upsBand describes one of the four UPS "bands": A and B around the South
// Pole, Y and Z around the North Pole, west and east of the 0°/180° meridian.
type upsBand struct {
	letter  byte
	north   bool   // Y and Z
	eastSet bool   // B and Z: easting ≥ 2,000 km
	cols    string // column letters, west to east
	minCol  int    // easting of the first column, in 100 km
	rows    string // row letters, south to north
	minRow  int    // northing of the first row, in 100 km
}

var upsBands = [4]upsBand{
	{letter: 'A', north: false, cols: "JKLPQRSTUXYZ", minCol: 8, rows: "ABCDEFGHJKLMNPQRSTUVWXYZ", minRow: 8},
	{letter: 'B', north: false, cols: "ABCFGHJKLPQR", minCol: 20, rows: "ABCDEFGHJKLMNPQRSTUVWXYZ", minRow: 8, eastSet: true},
	{letter: 'Y', north: true, cols: "RSTUXYZ", minCol: 13, rows: "ABCDEFGHJKLMNP", minRow: 13},
	{letter: 'Z', north: true, cols: "ABCFGHJ", minCol: 20, rows: "ABCDEFGHJKLMNP", minRow: 13, eastSet: true},
}

// ellipsoid holds the WGS84 quantities the projections need, computed once.
var ellipsoid = newEllipsoidConsts()

type ellipsoidConsts struct {
	e, e2       float64    // eccentricity and its square
	rectA       float64    // rectifying radius A: meridian quadrant = A·π/2
	alpha, beta [6]float64 // Krüger series, forward and reverse
	upsC        float64    // sqrt((1+e)^(1+e) (1-e)^(1-e))
}

func newEllipsoidConsts() ellipsoidConsts {
	f := wgs84F
	n := f / (2 - f)
	n2 := n * n
	n3, n4, n5, n6 := n2*n, n2*n2, n2*n2*n, n2*n2*n2
	e2 := f * (2 - f)
	e := math.Sqrt(e2)
	return ellipsoidConsts{
		e:     e,
		e2:    e2,
		rectA: wgs84A / (1 + n) * (1 + n2/4 + n4/64 + n6/256),
		alpha: [6]float64{
			n/2 - 2*n2/3 + 5*n3/16 + 41*n4/180 - 127*n5/288 + 7891*n6/37800,
			13*n2/48 - 3*n3/5 + 557*n4/1440 + 281*n5/630 - 1983433*n6/1935360,
			61*n3/240 - 103*n4/140 + 15061*n5/26880 + 167603*n6/181440,
			49561*n4/161280 - 179*n5/168 + 6601661*n6/7257600,
			34729*n5/80640 - 3418889*n6/1995840,
			212378941 * n6 / 319334400,
		},
		beta: [6]float64{
			n/2 - 2*n2/3 + 37*n3/96 - n4/360 - 81*n5/512 + 96199*n6/604800,
			n2/48 + n3/15 - 437*n4/1440 + 46*n5/105 - 1118711*n6/3870720,
			17*n3/480 - 37*n4/840 - 209*n5/4480 + 5569*n6/90720,
			4397*n4/161280 - 11*n5/504 - 830251*n6/7257600,
			4583*n5/161280 - 108847*n6/3991680,
			20648693 * n6 / 638668800,
		},
		upsC: math.Sqrt(math.Pow(1+e, 1+e) * math.Pow(1-e, 1-e)),
	}
}

// conformalTan returns tan χ, the tangent of the conformal latitude, from
// tau = tan φ.
func conformalTan(tau float64) float64 {
	e := ellipsoid.e
	tau1 := math.Hypot(1, tau)
	sig := math.Sinh(e * math.Atanh(e*tau/tau1))
	return math.Hypot(1, sig)*tau - sig*tau1
}

// geodeticTan inverts conformalTan by Newton's method.
func geodeticTan(taup float64) float64 {
	if math.IsInf(taup, 0) || math.IsNaN(taup) {
		return taup
	}
	e2 := ellipsoid.e2
	tau := taup / (1 - e2)
	for range 20 {
		tp := conformalTan(tau)
		d := (taup - tp) / math.Hypot(1, tp) *
			(1 + (1-e2)*tau*tau) / ((1 - e2) * math.Hypot(1, tau))
		tau += d
		if math.Abs(d) <= 1e-15*math.Max(1, math.Abs(tau)) {
			break
		}
	}
	return tau
}

// tmForward projects latitude phi and longitude lam from the central
// meridian (radians) to transverse Mercator x, y in metres, scale utmK0,
// without false easting or northing.
func tmForward(phi, lam float64) (x, y float64) {
	taup := conformalTan(math.Tan(phi))
	sl, cl := math.Sincos(lam)
	xip := math.Atan2(taup, cl)
	etap := math.Asinh(sl / math.Hypot(taup, cl))
	xi, eta := xip, etap
	for j, a := range ellipsoid.alpha {
		k := float64(2 * (j + 1))
		s, c := math.Sincos(k * xip)
		xi += a * s * math.Cosh(k*etap)
		eta += a * c * math.Sinh(k*etap)
	}
	return utmK0 * ellipsoid.rectA * eta, utmK0 * ellipsoid.rectA * xi
}

// tmReverse is the inverse of tmForward: latitude and longitude from the
// central meridian, in radians.
func tmReverse(x, y float64) (phi, lam float64) {
	xi := y / (utmK0 * ellipsoid.rectA)
	eta := x / (utmK0 * ellipsoid.rectA)
	xip, etap := xi, eta
	for j, b := range ellipsoid.beta {
		k := float64(2 * (j + 1))
		s, c := math.Sincos(k * xi)
		xip -= b * s * math.Cosh(k*eta)
		etap -= b * c * math.Sinh(k*eta)
	}
	sxip, cxip := math.Sincos(xip)
	shetap := math.Sinh(etap)
	r := math.Hypot(shetap, cxip)
	if r == 0 {
		return math.Copysign(math.Pi/2, sxip), 0
	}
	return math.Atan(geodeticTan(sxip / r)), math.Atan2(shetap, cxip)
}

// upsForward projects a point (degrees) onto the UPS grid of its pole,
// false easting and northing included.
func upsForward(lat, lon float64, north bool) (east, northing float64) {
	rho := 0.0
	if math.Abs(lat) < 90 {
		taup := conformalTan(math.Tan(math.Abs(lat) * math.Pi / 180))
		t := 1 / (math.Hypot(1, taup) + taup) // tan(π/4 − χ/2)
		rho = 2 * upsK0 * wgs84A / ellipsoid.upsC * t
	}
	sl, cl := math.Sincos(lon * math.Pi / 180)
	if north {
		return upsFalse + rho*sl, upsFalse - rho*cl
	}
	return upsFalse + rho*sl, upsFalse + rho*cl
}

// upsReverse is the inverse of upsForward, in degrees.
func upsReverse(east, northing float64, north bool) (lat, lon float64) {
	dx, dy := east-upsFalse, northing-upsFalse
	t := math.Hypot(dx, dy) * ellipsoid.upsC / (2 * upsK0 * wgs84A)
	lat = 90
	if t > 0 {
		lat = math.Atan(geodeticTan((1/t-t)/2)) * 180 / math.Pi
		if north {
			lon = math.Atan2(dx, -dy) * 180 / math.Pi
		} else {
			lon = math.Atan2(dx, dy) * 180 / math.Pi
		}
	}
	if !north {
		lat = -lat
	}
	return lat, lon
}

// utmZone returns the UTM zone and MGRS band index of a point in -80 ≤ lat
// < 84, lon in [-180, 180), applying the Norway and Svalbard exceptions.
func utmZone(lon, lat float64) (zone, band int) {
	band = min(int(math.Floor((lat+80)/8)), len(mgrsBands)-1)
	zone = min(int(math.Floor((lon+180)/6))+1, 60)
	switch mgrsBands[band] {
	case 'V':
		if zone == 31 && lon >= 3 {
			zone = 32
		}
	case 'X':
		if lon >= 0 && lon < 42 {
			switch zone {
			case 32:
				zone = 31
				if lon >= 9 {
					zone = 33
				}
			case 34:
				zone = 33
				if lon >= 21 {
					zone = 35
				}
			case 36:
				zone = 35
				if lon >= 33 {
					zone = 37
				}
			}
		}
	}
	return zone, band
}

// centralMeridian of a UTM zone, degrees.
func centralMeridian(zone int) float64 { return float64(6*zone - 183) }

// FormatMGRS returns the MGRS reference of a WGS84 point at the given
// precision in digits per axis, 1..5 (5 digits = 1 m squares, 1 = 10 km),
// in the spaced form "42S WD 19036 23748": grid zone designator, 100 km
// square letters, easting and northing digits. The zone number is written
// without a leading zero ("4Q FJ ..."); ParseMGRS reads either.
//
// Between 80°S and 84°N (-80 ≤ lat < 84) the grid is UTM with the Norway and
// Svalbard zone exceptions; polar points use UPS and are written with band
// A/B (south, west/east of the 0°/180° meridian) or Y/Z (north) and no
// zone number, e.g. "Z AH 00000 00000" for the North Pole. As MGRS
// requires, coordinates are truncated, not rounded, to the precision: the
// reference names the square that contains the point.
//
// lon must be in [-180, 180] (180 is read as -180) and lat in [-90, 90].
func FormatMGRS(lon, lat float64, digits int) (string, error) {
	if digits < 1 || digits > 5 {
		return "", fmt.Errorf("mgrs: precision %d digits out of range 1..5", digits)
	}
	if math.IsNaN(lat) || lat < -90 || lat > 90 {
		return "", fmt.Errorf("mgrs: latitude %v out of range -90..90", lat)
	}
	if math.IsNaN(lon) || lon < -180 || lon > 180 {
		return "", fmt.Errorf("mgrs: longitude %v out of range -180..180", lon)
	}
	if lon == 180 {
		lon = -180
	}
	if lat >= 84 || lat < -80 {
		return formatUPS(lon, lat, digits)
	}
	zone, band := utmZone(lon, lat)
	x, y := tmForward(lat*math.Pi/180, (lon-centralMeridian(zone))*math.Pi/180)
	east, north := utmFalseEast+x, y
	if lat < 0 {
		north += utmFalseNorth
		if north >= utmFalseNorth { // a latitude a hair below 0
			north = math.Nextafter(utmFalseNorth, 0)
		}
	}
	ie, in := int(math.Floor(east)), int(math.Floor(north))
	col := ie/int(mgrsSquare) - 1
	if col < 0 || col > 7 || in < 0 {
		// Cannot happen for a point inside its zone; guard the indexing.
		return "", fmt.Errorf("mgrs: point (%v, %v) falls off the grid of zone %d", lon, lat, zone)
	}
	row := in / int(mgrsSquare)
	if zone%2 == 0 {
		row += 5
	}
	return fmt.Sprintf("%d%c %c%c %s", zone, mgrsBands[band],
		mgrsColSets[(zone-1)%3][col], mgrsRows[row%len(mgrsRows)],
		mgrsDigits(ie, in, digits)), nil
}

// formatUPS writes a polar reference.
func formatUPS(lon, lat float64, digits int) (string, error) {
	north := lat > 0
	east, northing := upsForward(lat, lon, north)
	ie, in := int(math.Floor(east)), int(math.Floor(northing))
	b := upsBands[0]
	for _, c := range upsBands {
		if c.north == north && c.eastSet == (ie >= int(upsFalse)) {
			b = c
		}
	}
	col := ie/int(mgrsSquare) - b.minCol
	row := in/int(mgrsSquare) - b.minRow
	if col < 0 || col >= len(b.cols) || row < 0 || row >= len(b.rows) {
		return "", fmt.Errorf("mgrs: point (%v, %v) falls off the UPS grid", lon, lat)
	}
	return fmt.Sprintf("%c %c%c %s", b.letter, b.cols[col], b.rows[row],
		mgrsDigits(ie, in, digits)), nil
}

// mgrsDigits truncates whole-metre easting and northing within their 100 km
// square to the given digits per axis.
func mgrsDigits(east, north, digits int) string {
	div := 1
	for range 5 - digits {
		div *= 10
	}
	sq := int(mgrsSquare)
	return fmt.Sprintf("%0*d %0*d", digits, east%sq/div, digits, north%sq/div)
}

// ParseMGRS reads an MGRS reference and returns the WGS84 point at the centre
// of the square it names. Spaces are optional and case is ignored:
// "42SWD1903623748", "42S WD 19036 23748", "42s wd 190 237", "4QFJ12345678"
// and the 100 km square alone, "42SWD", all parse; so do polar (UPS)
// references such as "ZAH0000000000". The digits are split in half between
// easting and northing (0 to 5 each); when they are written in two groups the
// groups must be the same length.
//
// The result is in WGS84 degrees, lon in [-180, 180). The 100 km row letter
// is placed in the 2,000 km cycle nearest the stated latitude band, and the
// square must reach into that band (a square straddling a band edge may be
// given with either band, as MGRS allows; the end bands C and X also take
// the rows just past 80°S and 84°N). This accepts the same references as
// GeographicLib, except that zones 32X, 34X and 36X, which the Svalbard
// exception removed, are rejected. A reference may name a square a little
// outside its zone (as written for points near a zone edge); it is
// converted in the zone it names. The errors name the part at fault: zone
// number, latitude band, square letters, or digit count.
func ParseMGRS(s string) (lon, lat float64, err error) {
	fail := func(format string, args ...any) (float64, float64, error) {
		return 0, 0, fmt.Errorf("mgrs %q: "+format, append([]any{s}, args...)...)
	}
	// Compact to upper-case letters and digits, remembering where the
	// whitespace gaps were.
	buf := make([]byte, 0, 16)
	var gaps []int
	pending := false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			pending = len(buf) > 0
			i++
			continue
		case c >= 'a' && c <= 'z':
			c -= 'a' - 'A'
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		default:
			r, _ := utf8.DecodeRuneInString(s[i:])
			return fail("unexpected character %q", r)
		}
		if pending {
			gaps = append(gaps, len(buf))
			pending = false
		}
		buf = append(buf, c)
		i++
		if len(buf) > 32 {
			return fail("too long for an MGRS reference")
		}
	}
	if len(buf) == 0 {
		return fail("empty reference")
	}
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }

	// Zone number.
	p := 0
	for p < len(buf) && isDigit(buf[p]) {
		p++
	}
	zoneDigits := buf[:p]
	for _, g := range gaps {
		if g > 0 && g < p {
			return fail("space inside zone number")
		}
	}
	if p == len(buf) {
		return fail("missing latitude band letter")
	}
	zone := 0
	if p > 0 {
		if p > 2 {
			return fail("zone %s out of range 1..60", zoneDigits)
		}
		for _, c := range zoneDigits {
			zone = zone*10 + int(c-'0')
		}
		if zone < 1 || zone > 60 {
			return fail("zone %d out of range 1..60", zone)
		}
	}

	// Band.
	bandLetter := buf[p]
	p++
	var ups *upsBand
	band := -1
	for i := range upsBands {
		if upsBands[i].letter == bandLetter {
			ups = &upsBands[i]
		}
	}
	for i := 0; i < len(mgrsBands); i++ {
		if mgrsBands[i] == bandLetter {
			band = i
		}
	}
	switch {
	case ups != nil && zone != 0:
		return fail("band %c is a polar (UPS) band and takes no zone number", bandLetter)
	case ups == nil && zone == 0 && band >= 0:
		return fail("missing zone number before band %c", bandLetter)
	case ups == nil && band < 0:
		if zone == 0 {
			return fail("invalid grid zone %q (want zone 1..60 and band C..X, or polar band A, B, Y or Z)", bandLetter)
		}
		return fail("invalid latitude band %q (want C..X without I and O)", bandLetter)
	}
	if bandLetter == 'X' && (zone == 32 || zone == 34 || zone == 36) {
		return fail("zone %dX does not exist (Svalbard exception: use 31X, 33X, 35X or 37X)", zone)
	}

	// 100 km square letters.
	if p+2 > len(buf) || isDigit(buf[p]) || isDigit(buf[p+1]) {
		return fail("missing 100 km square letters after %s%c", zoneDigits, bandLetter)
	}
	colLetter, rowLetter := buf[p], buf[p+1]
	p += 2

	// Digits.
	digits := buf[p:]
	for _, c := range digits {
		if !isDigit(c) {
			return fail("unexpected letter %q among the digits", c)
		}
	}
	nd := len(digits)
	if nd > 10 {
		return fail("too many digits (%d; at most 5 each for easting and northing)", nd)
	}
	if nd%2 != 0 {
		return fail("odd number of digits (%d): easting and northing need the same count", nd)
	}
	half := nd / 2
	var inner []int
	for _, g := range gaps {
		if g > p && g < len(buf) {
			inner = append(inner, g-p)
		}
	}
	switch {
	case len(inner) > 1:
		return fail("digits split into more than two groups")
	case len(inner) == 1 && inner[0] != half:
		return fail("easting and northing have different lengths (%d and %d digits)", inner[0], nd-inner[0])
	}
	unit := 1.0
	for range 5 - half {
		unit *= 10
	}
	de, dn := 0, 0
	for i := range half {
		de = de*10 + int(digits[i]-'0')
		dn = dn*10 + int(digits[half+i]-'0')
	}
	offE := float64(de)*unit + unit/2
	offN := float64(dn)*unit + unit/2

	if ups != nil {
		col := strings.IndexByte(ups.cols, colLetter)
		if col < 0 {
			return fail("invalid 100 km square column letter %q for polar band %c (want one of %s)", colLetter, ups.letter, ups.cols)
		}
		row := strings.IndexByte(ups.rows, rowLetter)
		if row < 0 {
			return fail("invalid 100 km square row letter %q for polar band %c (want one of %s)", rowLetter, ups.letter, ups.rows)
		}
		east := float64(ups.minCol+col)*mgrsSquare + offE
		north := float64(ups.minRow+row)*mgrsSquare + offN
		lat, lon = upsReverse(east, north, ups.north)
		return normLon(lon), lat, nil
	}

	cols := mgrsColSets[(zone-1)%3]
	col := strings.IndexByte(cols, colLetter)
	if col < 0 {
		return fail("invalid 100 km square column letter %q for zone %d (want one of %s)", colLetter, zone, cols)
	}
	row := strings.IndexByte(mgrsRows, rowLetter)
	if row < 0 {
		return fail("invalid 100 km square row letter %q (want A..V without I and O)", rowLetter)
	}
	if zone%2 == 0 {
		row = (row + len(mgrsRows) - 5) % len(mgrsRows)
	}
	// Place the row in the 2,000 km cycle nearest the band, then check that
	// the square really reaches into the band.
	latS, latN := bandLats(band)
	falseNorth := 0.0
	if band < 10 { // southern hemisphere
		falseNorth = utmFalseNorth
	}
	_, yc := tmForward((latS+latN)/2*math.Pi/180, 0)
	base := float64(row) * mgrsSquare
	sqNorth := base + math.Round((yc+falseNorth-base-mgrsSquare/2)/mgrsRowCycle)*mgrsRowCycle
	sqEast := float64(col+1) * mgrsSquare
	// The end bands also take the rows just past 80°S and 84°N, where UTM
	// and UPS overlap: down to northing 1,000 km (about 81°S) and up to
	// the row starting at 9,400 km (about 85.4°N), as GeographicLib does.
	inBand := squareInBand(sqEast-utmFalseEast, sqNorth-falseNorth, latS, latN) ||
		(band == 0 && sqNorth >= 10*mgrsSquare && sqNorth < 20*mgrsSquare) ||
		(band == len(mgrsBands)-1 && sqNorth >= 80*mgrsSquare && sqNorth <= 94*mgrsSquare)
	if !inBand {
		return fail("100 km square %c%c is not in band %c of zone %d", colLetter, rowLetter, bandLetter, zone)
	}
	east := float64(col+1)*mgrsSquare + offE
	north := sqNorth + offN
	phi, lam := tmReverse(east-utmFalseEast, north-falseNorth)
	return normLon(centralMeridian(zone) + lam*180/math.Pi), phi * 180 / math.Pi, nil
}

// bandLats returns the latitude range of UTM band i, degrees.
func bandLats(i int) (latS, latN float64) {
	latS = -80 + 8*float64(i)
	if i == len(mgrsBands)-1 {
		return latS, 84
	}
	return latS, latS + 8
}

// squareInBand reports whether the 100 km square with south-west corner
// (x, y) (metres from the central meridian and the equator) reaches into
// the latitudes [latS, latN]. Latitude is monotonic along each side of a
// square (no square straddles the central meridian), so the corners bound it.
func squareInBand(x, y, latS, latN float64) bool {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, dx := range [2]float64{0, mgrsSquare} {
		for _, dy := range [2]float64{0, mgrsSquare} {
			phi, _ := tmReverse(x+dx, y+dy)
			lo, hi = min(lo, phi), max(hi, phi)
		}
	}
	lo, hi = lo*180/math.Pi, hi*180/math.Pi
	return hi > latS && lo < latN
}

// normLon brings a longitude into [-180, 180).
func normLon(lon float64) float64 {
	for lon >= 180 {
		lon -= 360
	}
	for lon < -180 {
		lon += 360
	}
	return lon
}
