// Package mapview draws the map: an offline basemap and the event layer,
// in Web Mercator, into a reused *image.RGBA. The pure core (Viewport,
// Renderer) knows nothing of windows, so the desktop widget, `frontier
// render` and the golden tests all draw with the same code. The thin Fyne
// widget lives in widget.go.
package mapview

import (
	"math"

	"github.com/paulmach/orb"

	"frontier/data"
	"frontier/mapview/basemap"
)

// TileSize is the logical size in pixels of one Web Mercator tile: the
// whole world is TileSize·2^zoom logical pixels wide.
const TileSize = 256

// Zoom limits of the map.
const (
	MinZoom = 0.0
	MaxZoom = 16.0
)

// Viewport is what the map shows: a centre, a continuous zoom level and a
// size in device pixels. Coordinates inside the package are Web Mercator
// normalised to [0,1] (x east, y south), as data.Mercator returns them;
// pixel coordinates are device pixels from the top-left corner, pixel
// (i, j) covering [i, i+1)×[j, j+1).
type Viewport struct {
	// CenterX and CenterY are the normalised Mercator point at the image
	// centre.
	CenterX, CenterY float64
	// Zoom is the continuous zoom level; at zoom z the world is
	// TileSize·2^z logical pixels wide.
	Zoom float64
	// Width and Height are the image size in device pixels.
	Width, Height int
	// Scale is the device scale: device pixels per logical pixel (2 on
	// HiDPI). Zero means 1.
	Scale float64
}

// DeviceScale returns v.Scale, or 1 when it is not set.
func (v Viewport) DeviceScale() float64 {
	if v.Scale <= 0 {
		return 1
	}
	return v.Scale
}

// WorldSize returns the width of the whole world in device pixels.
func (v Viewport) WorldSize() float64 {
	return TileSize * math.Exp2(v.Zoom) * v.DeviceScale()
}

// ToPixel returns the device pixel position of normalised Mercator (x, y).
func (v Viewport) ToPixel(x, y float64) (px, py float64) {
	ws := v.WorldSize()
	return (x-v.CenterX)*ws + float64(v.Width)/2, (y-v.CenterY)*ws + float64(v.Height)/2
}

// FromPixel returns the normalised Mercator point at device pixel
// position (px, py).
func (v Viewport) FromPixel(px, py float64) (x, y float64) {
	ws := v.WorldSize()
	return (px-float64(v.Width)/2)/ws + v.CenterX, (py-float64(v.Height)/2)/ws + v.CenterY
}

// LonLatToPixel returns the device pixel position of a WGS84 point.
func (v Viewport) LonLatToPixel(p orb.Point) (px, py float64) {
	x, y := data.Mercator(p.Lon(), p.Lat())
	return v.ToPixel(x, y)
}

// PixelToLonLat returns the WGS84 point at a device pixel position.
func (v Viewport) PixelToLonLat(px, py float64) orb.Point {
	lon, lat := data.InverseMercator(v.FromPixel(px, py))
	return orb.Point{lon, lat}
}

// Extent returns the normalised Mercator rectangle the image covers.
func (v Viewport) Extent() (minX, minY, maxX, maxY float64) {
	minX, minY = v.FromPixel(0, 0)
	maxX, maxY = v.FromPixel(float64(v.Width), float64(v.Height))
	return minX, minY, maxX, maxY
}

// Bound returns the WGS84 bounds of the image.
func (v Viewport) Bound() orb.Bound {
	minX, minY, maxX, maxY := v.Extent()
	w, n := data.InverseMercator(minX, minY)
	e, s := data.InverseMercator(maxX, maxY)
	return orb.Bound{Min: orb.Point{w, s}, Max: orb.Point{e, n}}
}

// Pan moves the view by (dx, dy) device pixels: the content follows the
// pointer, so dragging right shows what lies to the west.
func (v Viewport) Pan(dx, dy float64) Viewport {
	ws := v.WorldSize()
	v.CenterX -= dx / ws
	v.CenterY -= dy / ws
	return v.Clamp()
}

// ZoomAround changes the zoom by dz levels keeping the point under device
// pixel (px, py) where it is.
func (v Viewport) ZoomAround(px, py, dz float64) Viewport {
	x, y := v.FromPixel(px, py)
	v.Zoom = clampf(v.Zoom+dz, MinZoom, MaxZoom)
	ws := v.WorldSize()
	v.CenterX = x - (px-float64(v.Width)/2)/ws
	v.CenterY = y - (py-float64(v.Height)/2)/ws
	return v.Clamp()
}

// Clamp keeps the zoom within limits and the centre on the world.
func (v Viewport) Clamp() Viewport {
	v.Zoom = clampf(v.Zoom, MinZoom, MaxZoom)
	v.CenterX = clampf(v.CenterX, 0, 1)
	v.CenterY = clampf(v.CenterY, 0, 1)
	return v
}

// FitExtent returns the viewport of size w×h (device pixels, device scale
// s) that shows exactly the normalised Mercator rectangle when the
// rectangle has the image's aspect ratio; otherwise the rectangle grows
// around its centre so that pixels stay square. pad is a margin in device
// pixels kept on every side. An empty rectangle (a single point) is shown
// at maxZoom.
func FitExtent(minX, minY, maxX, maxY float64, w, h int, s, pad, maxZoom float64) Viewport {
	v := Viewport{CenterX: (minX + maxX) / 2, CenterY: (minY + maxY) / 2, Width: w, Height: h, Scale: s}
	ds := v.DeviceScale()
	aw, ah := float64(w)-2*pad, float64(h)-2*pad
	if aw < 1 {
		aw = 1
	}
	if ah < 1 {
		ah = 1
	}
	// World size in device pixels such that the extent fits both ways.
	ws := math.Inf(1)
	if dx := maxX - minX; dx > 0 {
		ws = aw / dx
	}
	if dy := maxY - minY; dy > 0 {
		ws = math.Min(ws, ah/dy)
	}
	if math.IsInf(ws, 1) {
		v.Zoom = maxZoom
	} else {
		v.Zoom = math.Log2(ws / (TileSize * ds))
	}
	v.Zoom = clampf(v.Zoom, MinZoom, maxZoom)
	return v.Clamp()
}

// FitBound is FitExtent for WGS84 bounds.
func FitBound(b orb.Bound, w, h int, s, pad, maxZoom float64) Viewport {
	minX, maxY := data.Mercator(b.Min.Lon(), b.Min.Lat())
	maxX, minY := data.Mercator(b.Max.Lon(), b.Max.Lat())
	return FitExtent(minX, minY, maxX, maxY, w, h, s, pad, maxZoom)
}

// MetersPerPixel returns the ground distance of one device pixel at the
// centre's latitude.
func (v Viewport) MetersPerPixel() float64 {
	const earthCircumference = 2 * math.Pi * 6378137
	_, lat := data.InverseMercator(v.CenterX, v.CenterY)
	return earthCircumference * math.Cos(lat*math.Pi/180) / v.WorldSize()
}

func clampf(x, lo, hi float64) float64 {
	if x < lo || math.IsNaN(x) {
		return lo
	}
	if x > hi {
		return hi
	}
	return x
}

// HomeBound is what a map shows when it has no events to frame: the area
// the embedded basemap holds in full detail.
func HomeBound() orb.Bound {
	return orb.Bound{
		Min: orb.Point{basemap.FrontierLon0, basemap.FrontierLat0},
		Max: orb.Point{basemap.FrontierLon1, basemap.FrontierLat1},
	}
}
