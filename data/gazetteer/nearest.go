package gazetteer

import (
	"fmt"
	"math"
	"sort"
)

// earthRadius is the mean Earth radius in metres (IUGG).
const earthRadius = 6371008.8

// nearPlace is a place Nearest considers, with its position in radians;
// the slice is sorted by latitude.
type nearPlace struct {
	lat, lon, cosLat float64
	place            int32
}

// nearPlaces lists the places that are not abandoned, historical or
// destroyed, sorted by latitude.
func nearPlaces(places []Place) []nearPlace {
	out := make([]nearPlace, 0, len(places))
	for i := range places {
		p := &places[i]
		if historic(p) != 0 {
			continue
		}
		lat := p.Lat * math.Pi / 180
		out = append(out, nearPlace{lat: lat, lon: p.Lon * math.Pi / 180, cosLat: math.Cos(lat), place: int32(i)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].lat < out[j].lat })
	return out
}

// Nearby is the place nearest to a position.
type Nearby struct {
	// Place is the gazetteer's own record; do not modify it.
	Place *Place
	// Distance is from the place to the position, in metres (great
	// circle on the mean Earth sphere).
	Distance float64
	// Bearing is the initial direction from the place to the position,
	// degrees clockwise from north in [0, 360).
	Bearing float64
}

// Describe words the position relative to the place for a location
// field: the place's name within 1 km of it, else "12 km NE of Khar"
// (one decimal below 10 km).
func (n Nearby) Describe() string {
	if n.Place == nil {
		return ""
	}
	km := n.Distance / 1000
	if km < 1 {
		return n.Place.Name
	}
	dist := fmt.Sprintf("%.0f km", km)
	if km < 9.95 {
		dist = fmt.Sprintf("%.1f km", km)
	}
	return fmt.Sprintf("%s %s of %s", dist, compass(n.Bearing), n.Place.Name)
}

// compass names a bearing as one of the eight principal directions.
func compass(deg float64) string {
	dirs := [...]string{"N", "NE", "E", "SE", "S", "SW", "W", "NW"}
	i := int(math.Floor(math.Mod(deg+22.5+360, 360) / 45))
	return dirs[i%8]
}

// Nearest returns the populated place nearest to lon, lat (WGS84 degrees),
// leaving out abandoned, historical and destroyed ones. ok is false for a
// position out of range or an empty gazetteer.
func (g *Gazetteer) Nearest(lon, lat float64) (n Nearby, ok bool) {
	if len(g.near) == 0 || !(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180) {
		return Nearby{}, false
	}
	la, lo := lat*math.Pi/180, lon*math.Pi/180
	cosLa := math.Cos(la)
	// Walk outwards in latitude from the position; a place further in
	// latitude alone than the best so far cannot be nearer.
	start := sort.Search(len(g.near), func(i int) bool { return g.near[i].lat >= la })
	best, bestAngle := -1, math.Inf(1)
	try := func(i int) bool {
		p := &g.near[i]
		if math.Abs(p.lat-la) > bestAngle {
			return false
		}
		if a := centralAngle(la, lo, cosLa, p.lat, p.lon, p.cosLat); a < bestAngle {
			best, bestAngle = i, a
		}
		return true
	}
	up, down := start, start-1
	for up < len(g.near) || down >= 0 {
		if up < len(g.near) && !try(up) {
			up = len(g.near)
		} else {
			up++
		}
		if down >= 0 && !try(down) {
			down = -1
		} else {
			down--
		}
	}
	p := &g.near[best]
	return Nearby{
		Place:    &g.places[p.place],
		Distance: bestAngle * earthRadius,
		Bearing:  bearing(p.lat, p.lon, p.cosLat, la, lo, cosLa),
	}, true
}

// centralAngle is the great-circle angle between two points (haversine).
func centralAngle(la1, lo1, cos1, la2, lo2, cos2 float64) float64 {
	s1 := math.Sin((la2 - la1) / 2)
	s2 := math.Sin((lo2 - lo1) / 2)
	h := s1*s1 + cos1*cos2*s2*s2
	return 2 * math.Asin(math.Sqrt(min(h, 1)))
}

// bearing is the initial great-circle bearing from point 1 to point 2, in
// degrees [0, 360).
func bearing(la1, lo1, cos1, la2, lo2, cos2 float64) float64 {
	dlo := lo2 - lo1
	y := math.Sin(dlo) * cos2
	x := cos1*math.Sin(la2) - math.Sin(la1)*cos2*math.Cos(dlo)
	b := math.Atan2(y, x) * 180 / math.Pi
	return math.Mod(b+360, 360)
}
