package mapview

import (
	"image/color"

	"frontier/mapview/basemap"
	"frontier/mapview/paint"
)

// Colours of the map (premultiplied alpha).
var (
	waterColor    = color.RGBA{0xc6, 0xdd, 0xe8, 0xff}
	landColor     = color.RGBA{0xf4, 0xf1, 0xea, 0xff}
	lakeColor     = waterColor
	riverColor    = color.RGBA{0x8e, 0xb8, 0xd0, 0xff}
	coastColor    = color.RGBA{0x7f, 0xa6, 0xbb, 0xff}
	borderColor   = color.RGBA{0x6e, 0x5a, 0x6e, 0xff}
	provinceColor = color.RGBA{0xa0, 0x94, 0xa0, 0xff}

	neutralColor = color.RGBA{0x55, 0x60, 0x6e, 0xff}
	dotRing      = color.RGBA{0x22, 0x22, 0x22, 0xd0}
	clusterRing  = color.RGBA{0xff, 0xff, 0xff, 0xff}
	badgeFill    = color.RGBA{0x26, 0x2b, 0x33, 0xff}

	textDark       = color.RGBA{0x2b, 0x2b, 0x33, 0xff}
	textPlace      = color.RGBA{0x33, 0x33, 0x3a, 0xff}
	textProvince   = color.RGBA{0x7a, 0x6a, 0x7a, 0xff}
	textCountry    = color.RGBA{0x5a, 0x4a, 0x5a, 0xff}
	textLight      = color.RGBA{0xff, 0xff, 0xff, 0xff}
	textHaloLight  = color.RGBA{0xff, 0xff, 0xff, 0xe0}
	textHaloDark   = color.RGBA{0x10, 0x10, 0x18, 0xa0}
	panelColor     = color.RGBA{0xf8, 0xf8, 0xf8, 0xd8} // translucent white: 0.85 of #fff
	selectOuter    = color.RGBA{0x11, 0x11, 0x11, 0xff}
	selectInner    = color.RGBA{0xff, 0xff, 0xff, 0xff}
	hoverRingColor = color.RGBA{0x11, 0x11, 0x11, 0xb0}
)

// lineStyle is how a line class of the basemap is stroked at a zoom.
func lineStyle(c basemap.Class, zoom float64) (col color.RGBA, width float64) {
	switch c {
	case basemap.Border:
		return borderColor, lerp(zoom, 2, 8, 0.8, 1.8)
	case basemap.Coast:
		return coastColor, lerp(zoom, 2, 8, 0.6, 1.1)
	case basemap.Province:
		return provinceColor, lerp(zoom, 5, 9, 0.5, 1.0)
	case basemap.River:
		return riverColor, lerp(zoom, 3, 9, 0.6, 1.6)
	}
	return textDark, 1
}

// lerp maps zoom from [z0, z1] to [a, b], clamped.
func lerp(zoom, z0, z1, a, b float64) float64 {
	t := clampf((zoom-z0)/(z1-z0), 0, 1)
	return a + (b-a)*t
}

// faces holds the fonts of one renderer, made on first use at each
// device scale.
type faces struct {
	scale                  float64
	place, capital, region *paint.Face
	countFace, badgeFace   *paint.Face
	title                  *paint.Face
}

func (f *faces) at(s float64) *faces {
	if f.scale != s || f.place == nil {
		*f = faces{
			scale:     s,
			place:     paint.RegularFace(11 * s),
			capital:   paint.BoldFace(12 * s),
			region:    paint.RegularFace(11 * s),
			countFace: paint.BoldFace(11 * s),
			badgeFace: paint.BoldFace(9 * s),
			title:     paint.BoldFace(18 * s),
		}
	}
	return f
}

func (f *faces) count(s float64) *paint.Face { return f.at(s).countFace }
func (f *faces) badge(s float64) *paint.Face { return f.at(s).badgeFace }
