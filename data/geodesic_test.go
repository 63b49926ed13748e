package data

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// readGeoRef reads a whitespace-separated table of numbers, skipping
// comment lines.
func readGeoRef(t *testing.T, name string, cols int) [][]float64 {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]float64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		fs := strings.Fields(sc.Text())
		if len(fs) != cols {
			t.Fatalf("%s: line %q has %d fields, want %d", name, sc.Text(), len(fs), cols)
		}
		row := make([]float64, cols)
		for i, s := range fs {
			if row[i], err = strconv.ParseFloat(s, 64); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		rows = append(rows, row)
	}
	if len(rows) < 50 {
		t.Fatalf("%s: only %d rows", name, len(rows))
	}
	return rows
}

// angleDiff is the difference of two bearings in degrees, in [0, 180].
func angleDiff(a, b float64) float64 {
	d := math.Abs(normDeg360(a) - normDeg360(b))
	return math.Min(d, 360-d)
}

// antipodal reports whether a and b are exactly antipodal, where every
// meridian is a shortest path and the bearing is not unique.
func antipodal(a, b orb.Point) bool {
	return a[1] == -b[1] && math.Abs(normDeg180(b[0]-a[0])) == 180
}

// The inverse solution matches GeographicLib (testdata/geodesic_ref.txt:
// random pairs anywhere, nearly antipodal pairs, nearly antipodal pairs on
// the equator, short lines and special cases) within 1 mm and 1e-6°.
func TestGeoInverseMatchesGeographicLib(t *testing.T) {
	var worstS, worstAz float64
	for _, r := range readGeoRef(t, "geodesic_ref.txt", 7) {
		a, b := orb.Point{r[1], r[0]}, orb.Point{r[3], r[2]}
		s, az := GeoInverse(a, b)
		if az < 0 || az >= 360 {
			t.Errorf("%v → %v: bearing %v out of [0, 360)", a, b, az)
		}
		ds := math.Abs(s - r[6])
		worstS = math.Max(worstS, ds)
		if ds > 1e-3 {
			t.Errorf("%v → %v: distance %.6f m, GeographicLib %.6f m", a, b, s, r[6])
		}
		if antipodal(a, b) {
			continue
		}
		da := angleDiff(az, r[4])
		worstAz = math.Max(worstAz, da)
		if da > 1e-6 {
			t.Errorf("%v → %v: bearing %.9f°, GeographicLib %.9f°", a, b, az, normDeg360(r[4]))
		}
	}
	t.Logf("worst distance error %.3g m, worst bearing error %.3g°", worstS, worstAz)
}

// The direct solution matches GeographicLib within 1 mm.
func TestGeoDestinationMatchesGeographicLib(t *testing.T) {
	for _, r := range readGeoRef(t, "geodesic_direct_ref.txt", 7) {
		p := GeoDestination(orb.Point{r[1], r[0]}, r[2], r[3])
		want := orb.Point{r[5], r[4]}
		if d, _ := GeoInverse(p, want); d > 1e-3 {
			t.Errorf("from (%v, %v) %v° %v m: %v, GeographicLib %v (%.3g m apart)", r[1], r[0], r[2], r[3], p, want, d)
		}
		if p[0] < -180 || p[0] >= 180 {
			t.Errorf("longitude %v out of [-180, 180)", p[0])
		}
	}
}

// Published values: Vincenty's (1975) Flinders Peak → Buninyong line, as
// GeographicLib solves it, and a line across the Khyber Pass, checked with
// GeographicLib's GeodSolve (series and exact -E solutions agree to 4 µm).
func TestGeoInverseKnownLines(t *testing.T) {
	dms := func(d, m, s float64) float64 { return math.Copysign(math.Abs(d)+m/60+s/3600, d) }
	tests := []struct {
		name     string
		a, b     orb.Point
		dist, az float64
	}{
		{"Flinders Peak → Buninyong",
			orb.Point{dms(144, 25, 29.52440), dms(-37, 57, 3.72030)}, orb.Point{dms(143, 55, 35.38390), dms(-37, 39, 10.15610)},
			54972.2711392008, 360 - 53.131840797119366},
		{"Torkham → Peshawar", orb.Point{71.0916, 34.1045}, orb.Point{71.5249, 34.0151}, 41213.048464776, 103.80154045544170},
		{"along the equator", orb.Point{0, 0}, orb.Point{90, 0}, 10018754.171394622, 90},
		{"quarter meridian", orb.Point{0, 0}, orb.Point{0, 90}, 10001965.729311, 0},
	}
	for _, tc := range tests {
		d, az := GeoInverse(tc.a, tc.b)
		if math.Abs(d-tc.dist) > 1e-3 || angleDiff(az, tc.az) > 1e-6 {
			t.Errorf("%s: %.6f m %.9f°, want %.6f m %.9f°", tc.name, d, az, tc.dist, tc.az)
		}
	}
	// Vincenty's published answer: 54 972.271 m, 306°52′05.37″.
	d, az := GeoInverse(tests[0].a, tests[0].b)
	if math.Abs(d-54972.271) > 5e-4 || math.Abs(az-dms(306, 52, 5.37)) > 0.005/3600 {
		t.Errorf("Flinders Peak: %.4f m %.7f°", d, az)
	}
}

// Going back along the inverse solution's bearing for its distance lands
// on the target, everywhere including nearly antipodal pairs and the poles.
func TestGeoRoundTrip(t *testing.T) {
	pts := []orb.Point{{0, 0}, {71.0916, 34.1045}, {-179.9, -60}, {179.9, 60}, {10, 89.9999}, {-120, -89.5}, {45, 0.00001}, {0.2, -0.3}}
	for _, r := range readGeoRef(t, "geodesic_ref.txt", 7) {
		pts = append(pts, orb.Point{r[3], r[2]})
	}
	for i, a := range pts {
		for _, b := range []orb.Point{pts[(i+1)%len(pts)], {normDeg180(a[0] + 179.7), -a[1] + 0.2}, {a[0] + 0.001, a[1]}} {
			d, az := GeoInverse(a, b)
			got := GeoDestination(a, az, d)
			if miss, _ := GeoInverse(got, b); miss > 1e-3 {
				t.Errorf("%v → %v: %v m at %v° lands at %v, %.3g m off", a, b, d, az, got, miss)
			}
		}
	}
}

func TestGeoInverseDegenerate(t *testing.T) {
	if d, az := GeoInverse(orb.Point{12, 34}, orb.Point{12, 34}); d != 0 || az != 0 {
		t.Errorf("same point: %v %v", d, az)
	}
	// Antipodal on the equator: half a meridian via either pole.
	if d, _ := GeoInverse(orb.Point{0, 0}, orb.Point{180, 0}); math.Abs(d-20003931.458625447) > 1e-3 {
		t.Errorf("antipodal: %.6f", d)
	}
	// Longitudes given outside [-180, 180] are the same meridians.
	d1, az1 := GeoInverse(orb.Point{170, 10}, orb.Point{-170, 12})
	d2, az2 := GeoInverse(orb.Point{-190, 10}, orb.Point{190, 12})
	if math.Abs(d1-d2) > 1e-6 || angleDiff(az1, az2) > 1e-9 {
		t.Errorf("%v %v vs %v %v", d1, az1, d2, az2)
	}
}

func TestGeoCircle(t *testing.T) {
	c := orb.Point{71.5249, 34.0151}
	ring := GeoCircle(c, 25000, 72)
	if len(ring) != 73 || ring[0] != ring[72] {
		t.Fatalf("ring of %d points, closed %v", len(ring), ring[0] == ring[len(ring)-1])
	}
	for i, p := range ring[:72] {
		d, az := GeoInverse(c, p)
		if math.Abs(d-25000) > 1e-3 || angleDiff(az, float64(i)*5) > 1e-6 {
			t.Errorf("vertex %d: %.6f m at %.9f°", i, d, az)
		}
	}
	if len(GeoCircle(c, 10, 1)) != 4 {
		t.Error("fewer than 3 vertices")
	}
}

func BenchmarkGeoInverse(b *testing.B) {
	p, q := orb.Point{71.0916, 34.1045}, orb.Point{71.5249, 34.0151}
	for b.Loop() {
		GeoInverse(p, q)
	}
}

func BenchmarkGeoInverseAntipodal(b *testing.B) {
	p, q := orb.Point{0, 0}, orb.Point{179.5, 0.5}
	for b.Loop() {
		GeoInverse(p, q)
	}
}

func ExampleGeoInverse() {
	torkham, peshawar := orb.Point{71.0916, 34.1045}, orb.Point{71.5249, 34.0151}
	dist, bearing := GeoInverse(torkham, peshawar)
	fmt.Printf("%.3f m at %.6f°\n", dist, bearing)
	// Output: 41213.048 m at 103.801540°
}

func ExampleGeoDestination() {
	p := GeoDestination(orb.Point{71.0916, 34.1045}, 103.80154045544170, 41213.048464776)
	fmt.Printf("%.7f, %.7f\n", p[0], p[1])
	// Output: 71.5249000, 34.0151000
}

func ExampleGeoCircle() {
	ring := GeoCircle(orb.Point{0, 0}, 111_319.49, 4)
	for _, p := range ring {
		fmt.Printf("(%.4f, %.4f) ", p[0], p[1])
	}
	fmt.Println()
	// Output: (0.0000, 1.0067) (1.0000, 0.0000) (0.0000, -1.0067) (-1.0000, -0.0000) (0.0000, 1.0067)
}
