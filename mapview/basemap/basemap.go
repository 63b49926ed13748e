// Package basemap holds Frontier's offline basemap: land, lakes, rivers,
// coastlines, borders, province lines and label points, in zoom bands, as
// one small embedded asset (basemap.bin) that Default decodes once.
//
// Coordinates are normalised Web Mercator, as data.Mercator returns them:
// x = (lon+180)/360 in [0,1] growing east, y in [0,1] growing south,
// latitude clamped to ±85.0511. The asset stores them on a grid of 2^-28
// of the world (about 15 cm at the equator, 1/16 px at zoom 16), so a
// decoded coordinate is exactly k/2^28 for an integer k.
//
// # Geometry conventions
//
// A Layer is one Class of geometry for one zoom band. Its parts are
// interleaved x,y runs in one flat slice.
//
//   - Fill classes (Land, Lake): each part is a ring, NOT closed: the first
//     point is not repeated at the end; the renderer closes it. In
//     normalised Mercator (y down) every outer ring has a positive shoelace
//     sum Σ(x_i·y_{i+1} − x_{i+1}·y_i) and every hole a negative one, so a
//     non-zero accumulating rasteriser fills the union of the outer rings
//     minus the holes. Fill all parts of a layer in one rasteriser pass:
//     parts abut exactly (shared edges have identical vertices), so one
//     pass leaves no seams. Rings may touch themselves at a vertex.
//     Land rings are dissolved land masses (the union of the countries),
//     not one ring per country.
//   - Line classes (Coast, Border, Province, River): each part is an open
//     polyline of at least two points; a closed loop (an island coast)
//     repeats its first point at the end.
//
// # Zoom bands
//
// The converter (cmd/basemap) writes these layers; LayersAt picks by zoom
// (a band [a, b) is shown when a <= zoom < b):
//
//	band        Land, Coast, Border                 Province     Lake, River
//	[0, 3.5)    Natural Earth 110m, DP at z3.5      -            -
//	[3.5, 5)    Natural Earth 50m, DP at z5         -            -
//	[5, 7)      50m outside the frontier box,       10m, DP z7   -
//	            10m inside it, DP at z7 (10m only)
//	[7, +Inf)   the same, full detail               10m full     -
//	[3, +Inf)   -                                   -            50m full
//
// "DP at z" is Douglas–Peucker at half a pixel of zoom z (world size
// 256·2^z px), i.e. 0.5/(256·2^z) in normalised units; the last band of
// each kind is not simplified. The frontier box is lon 55..82 E, lat
// 20..42 N (FrontierLon0 etc.). At zoom 5 and above, the Land layer holds
// both the 50m land clipped to the four strips around the box and the 10m
// land clipped to the box: they abut exactly on the box frame, so fill
// them in one pass. Borders and coasts there come from the 1:10m
// boundary lines inside the box and from the 50m outlines outside it; no
// line runs along the box frame.
//
// Lakes and rivers are Natural Earth 50m (coarse: quantised to 0.036°),
// unnamed. Borders are Natural Earth's de facto lines (the Line of Control
// in Kashmir; Siachen and Aksai Chin as Natural Earth draws them).
// Province lines leave out the country borders and coasts (drawn by
// Border and Coast) and the FATA–Khyber Pakhtunkhwa line (merged 2018).
package basemap

import (
	"math"
	"slices"
	"strconv"
)

// Class says what a layer's geometry is and how it is drawn.
type Class uint8

// The layer classes. Land and Lake are filled rings; the others are lines.
const (
	Land     Class = iota // filled rings: land (countries)
	Lake                  // filled rings: lakes (water)
	Coast                 // lines: coastlines
	Border                // lines: international borders (de facto, Natural Earth)
	Province              // lines: admin-1 boundaries
	River                 // lines: rivers
	numClasses
)

var classNames = [numClasses]string{"Land", "Lake", "Coast", "Border", "Province", "River"}

// String returns the class name, e.g. "Border".
func (c Class) String() string {
	if c < numClasses {
		return classNames[c]
	}
	return "Class(" + strconv.Itoa(int(c)) + ")"
}

// Filled reports whether the class is drawn as filled rings (Land, Lake)
// rather than stroked lines.
func (c Class) Filled() bool { return c == Land || c == Lake }

// drawRank is the draw order of LayersAt: Land, Lake, River, Province,
// Coast, Border.
var drawRank = [numClasses]int{Land: 0, Lake: 1, River: 2, Province: 3, Coast: 4, Border: 5}

// The frontier box, the region drawn from 1:10m data at zoom 5 and above,
// in degrees.
const (
	FrontierLon0 = 55.0
	FrontierLon1 = 82.0
	FrontierLat0 = 20.0
	FrontierLat1 = 42.0
)

// Box is a normalised-Mercator bounding box.
type Box struct{ MinX, MinY, MaxX, MaxY float64 }

// Intersects reports whether b and o overlap or touch.
func (b Box) Intersects(o Box) bool {
	return b.MinX <= o.MaxX && b.MaxX >= o.MinX && b.MinY <= o.MaxY && b.MaxY >= o.MinY
}

// BoxOf returns the bounding box of interleaved x,y points; for no points
// it returns an empty (inverted) box that intersects nothing.
func BoxOf(xy []float64) Box {
	b := Box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for i := 0; i+1 < len(xy); i += 2 {
		x, y := xy[i], xy[i+1]
		b.MinX, b.MaxX = min(b.MinX, x), max(b.MaxX, x)
		b.MinY, b.MaxY = min(b.MinY, y), max(b.MaxY, y)
	}
	return b
}

// Layer is one class of geometry for one zoom band.
type Layer struct {
	// Class is what the geometry is.
	Class Class
	// MinZoom and MaxZoom bound the band: the layer is shown when
	// MinZoom <= zoom < MaxZoom. The last band's MaxZoom is +Inf.
	MinZoom, MaxZoom float64
	// XY holds interleaved x,y normalised Web Mercator (data.Mercator).
	XY []float64
	// Start indexes points: part i is XY[2*Start[i] : 2*Start[i+1]];
	// len(Start) = parts+1 and Start[0] = 0.
	Start []int32
	// Boxes holds the bounding box of each part (for culling).
	Boxes []Box
}

// Parts returns the number of parts (rings or polylines).
func (l *Layer) Parts() int {
	if len(l.Start) == 0 {
		return 0
	}
	return len(l.Start) - 1
}

// Part returns part i as interleaved x,y. It aliases the layer's storage:
// do not modify it.
func (l *Layer) Part(i int) []float64 {
	return l.XY[2*l.Start[i] : 2*l.Start[i+1]]
}

// Points returns the total number of points in the layer.
func (l *Layer) Points() int { return len(l.XY) / 2 }

// AddPart appends a part given as interleaved x,y, keeping Start and
// Boxes in step. A fill ring must not repeat its first point.
func (l *Layer) AddPart(xy []float64) {
	if len(l.Start) == 0 {
		l.Start = append(l.Start, 0)
	}
	l.XY = append(l.XY, xy[:len(xy)&^1]...)
	l.Start = append(l.Start, int32(len(l.XY)/2))
	l.Boxes = append(l.Boxes, BoxOf(xy))
}

// Shown reports whether the layer is shown at zoom.
func (l *Layer) Shown(zoom float64) bool {
	return l.MinZoom <= zoom && zoom < l.MaxZoom
}

// PlaceKind ranks labels: a larger kind is more important.
type PlaceKind uint8

// The place kinds, least important first.
const (
	Town          PlaceKind = iota // populated place (GeoNames PPL, PPLA2, ...)
	AdminSeat                      // seat of a first-order division (GeoNames PPLA)
	Capital                        // national capital (GeoNames PPLC)
	ProvinceLabel                  // admin-1 name at Natural Earth's label point
	CountryLabel                   // country name
	numKinds
)

var kindNames = [numKinds]string{"Town", "AdminSeat", "Capital", "ProvinceLabel", "CountryLabel"}

// String returns the kind name, e.g. "Capital".
func (k PlaceKind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	return "PlaceKind(" + strconv.Itoa(int(k)) + ")"
}

// Place is a label point.
type Place struct {
	// Name is the display name: GeoNames `name` for towns (UTF-8, may
	// carry diacritics, e.g. "Jalālābād"), Natural Earth's label for
	// provinces and countries.
	Name string
	// ASCIIName is the plain-ASCII spelling (GeoNames `asciiname`, e.g.
	// "Jalalabad"); it equals Name when Name is already ASCII or no
	// ASCII form is known.
	ASCIIName string
	// X and Y are the label point in normalised Mercator.
	X, Y float64
	// Population is the GeoNames population; 0 when unknown and for
	// province and country labels.
	Population int64
	// Kind ranks the label.
	Kind PlaceKind
	// Country is the ISO 3166-1 alpha-2 code where known, else "".
	Country string
	// MinZoom is the smallest zoom at which the label may be shown. The
	// converter sets it as follows (population p):
	//
	//	Capital        2 if p ≥ 1M, else 3
	//	Town (base)    p ≥ 5M: 3, ≥ 1M: 4, ≥ 300k: 5, ≥ 100k: 6,
	//	               ≥ 30k: 7, ≥ 10k: 8, else 9
	//	  PPLA2        (district seat) min(base, 8)
	//	  PPLX         (section of a city) max(base, 8)
	//	AdminSeat      min(max(base−1, 3), 6)
	//	ProvinceLabel  5.5
	//	CountryLabel   by the country's area: ≥ 2M km² 2, ≥ 500k 3,
	//	               ≥ 100k 4, ≥ 20k 5, else 6
	//
	// GeoNames feature codes: PPLC is a Capital, PPLA and PPLG are
	// AdminSeats, PPLQ, PPLH and PPLW (abandoned, historical, destroyed)
	// are left out, the rest are Towns. The renderer decides when labels
	// stop showing (country labels are unlikely to be wanted at zoom 12).
	MinZoom float32
}

// Basemap is the decoded asset.
type Basemap struct {
	// Layers holds every layer of every band, grouped by band.
	Layers []Layer
	// Places are sorted by label priority, most important first: by
	// MinZoom ascending, then Kind descending, then Population
	// descending, then Name.
	Places []Place
}

// LayersAt returns the layers shown at zoom, in draw order: Land, Lake,
// River, Province, Coast, Border. Layers of the same class keep their
// order in b.Layers. The pointers alias b.Layers.
func (b *Basemap) LayersAt(zoom float64) []*Layer {
	var out []*Layer
	for i := range b.Layers {
		if l := &b.Layers[i]; l.Shown(zoom) && l.Class < numClasses {
			out = append(out, l)
		}
	}
	slices.SortStableFunc(out, func(a, b *Layer) int { return drawRank[a.Class] - drawRank[b.Class] })
	return out
}

// PlaceLess reports whether a is a more important label than b: the order
// of Basemap.Places.
func PlaceLess(a, b *Place) bool {
	if a.MinZoom != b.MinZoom {
		return a.MinZoom < b.MinZoom
	}
	if a.Kind != b.Kind {
		return a.Kind > b.Kind
	}
	if a.Population != b.Population {
		return a.Population > b.Population
	}
	return a.Name < b.Name
}
