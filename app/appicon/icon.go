// Package appicon draws Frontier's application icon: a map pin over a
// dashed frontier line on a dark rounded square. It uses only the standard
// library so cmd/icon can regenerate Icon.png and the app can draw its icon
// when none was packaged.
package appicon

import (
	"image"
	"image/color"
	"math"
)

// Colours of the icon.
var (
	bgTop    = color.NRGBA{0x23, 0x44, 0x63, 0xff}
	bgBottom = color.NRGBA{0x10, 0x22, 0x36, 0xff}
	land     = color.NRGBA{0x2f, 0x5a, 0x55, 0xff}
	line     = color.NRGBA{0xf0, 0xe4, 0xc4, 0xff}
	pin      = color.NRGBA{0xe6, 0x9f, 0x00, 0xff}
	pinDark  = color.NRGBA{0xc4, 0x7a, 0x00, 0xff}
	hole     = color.NRGBA{0x10, 0x22, 0x36, 0xff}
	shadow   = color.NRGBA{0x00, 0x00, 0x00, 0x66}
)

// The design, in a 512-unit square.
const (
	unit        = 512.0
	corner      = 100.0 // background corner radius
	pinX, pinY  = 256.0, 206.0
	pinR        = 116.0
	pinTipY     = 432.0
	holeR       = 46.0
	lineHalfW   = 9.0
	dashOn, gap = 30.0, 20.0
)

// frontier is the dashed line's path, west to east.
var frontier = [][2]float64{{-10, 372}, {92, 338}, {160, 372}, {246, 300}, {330, 330}, {404, 244}, {522, 214}}

// Draw renders the icon at size×size pixels, anti-aliased by 4×4
// supersampling.
func Draw(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const ss = 4
	scale := unit / float64(size)
	tipL, tipR := tangents()
	for py := range size {
		for px := range size {
			var r, g, b, a float64
			for sy := range ss {
				for sx := range ss {
					x := (float64(px) + (float64(sx)+0.5)/ss) * scale
					y := (float64(py) + (float64(sy)+0.5)/ss) * scale
					c := sample(x, y, tipL, tipR)
					af := float64(c.A) / 255
					r += float64(c.R) * af
					g += float64(c.G) * af
					b += float64(c.B) * af
					a += af
				}
			}
			if a == 0 {
				continue
			}
			o := img.PixOffset(px, py)
			img.Pix[o+0] = uint8(math.Round(r / a))
			img.Pix[o+1] = uint8(math.Round(g / a))
			img.Pix[o+2] = uint8(math.Round(b / a))
			img.Pix[o+3] = uint8(math.Round(a / ss / ss * 255))
		}
	}
	return img
}

// sample returns the icon's colour at (x, y) in design units.
func sample(x, y float64, tipL, tipR [2]float64) color.NRGBA {
	if !inRoundedSquare(x, y) {
		return color.NRGBA{}
	}
	t := y / unit
	c := mix(bgTop, bgBottom, t)
	if y > lineY(x) {
		c = mix(c, land, 0.55) // the land south of the frontier
	}
	if onDash(x, y) {
		c = line
	}
	// The pin's shadow on the ground.
	if dx, dy := (x-pinX)/64, (y-pinTipY-6)/14; dx*dx+dy*dy <= 1 {
		c = over(c, shadow)
	}
	if inPin(x, y, tipL, tipR) {
		c = pin
		if x > pinX { // a darker right half gives the pin some depth
			c = pinDark
		}
		if dx, dy := x-pinX, y-pinY; dx*dx+dy*dy <= holeR*holeR {
			c = hole
		}
	}
	return c
}

func inRoundedSquare(x, y float64) bool {
	if x < 0 || y < 0 || x >= unit || y >= unit {
		return false
	}
	cx := math.Max(corner, math.Min(unit-corner, x))
	cy := math.Max(corner, math.Min(unit-corner, y))
	dx, dy := x-cx, y-cy
	return dx*dx+dy*dy <= corner*corner
}

// tangents returns where the pin's sides touch its head.
func tangents() (l, r [2]float64) {
	d := pinTipY - pinY
	beta := math.Acos(pinR / d) // angle at the centre between the tip and a tangent point
	theta := math.Pi / 2        // the tip is straight below the centre
	l = [2]float64{pinX + pinR*math.Cos(theta+beta), pinY + pinR*math.Sin(theta+beta)}
	r = [2]float64{pinX + pinR*math.Cos(theta-beta), pinY + pinR*math.Sin(theta-beta)}
	return l, r
}

func inPin(x, y float64, l, r [2]float64) bool {
	if dx, dy := x-pinX, y-pinY; dx*dx+dy*dy <= pinR*pinR {
		return true
	}
	tip := [2]float64{pinX, pinTipY}
	side := func(a, b [2]float64) float64 { return (b[0]-a[0])*(y-a[1]) - (b[1]-a[1])*(x-a[0]) }
	s1, s2, s3 := side(l, tip), side(tip, r), side(r, l)
	return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0)
}

// lineY returns the frontier's y at x.
func lineY(x float64) float64 {
	for i := 1; i < len(frontier); i++ {
		a, b := frontier[i-1], frontier[i]
		if x <= b[0] {
			t := (x - a[0]) / (b[0] - a[0])
			return a[1] + t*(b[1]-a[1])
		}
	}
	return frontier[len(frontier)-1][1]
}

// onDash reports whether (x, y) lies on a dash of the frontier line.
func onDash(x, y float64) bool {
	along := 0.0
	for i := 1; i < len(frontier); i++ {
		a, b := frontier[i-1], frontier[i]
		vx, vy := b[0]-a[0], b[1]-a[1]
		l := math.Hypot(vx, vy)
		t := math.Max(0, math.Min(1, ((x-a[0])*vx+(y-a[1])*vy)/(l*l)))
		px, py := a[0]+t*vx, a[1]+t*vy
		if math.Hypot(x-px, y-py) <= lineHalfW {
			if math.Mod(along+t*l, dashOn+gap) < dashOn {
				return true
			}
		}
		along += l
	}
	return false
}

func mix(a, b color.NRGBA, t float64) color.NRGBA {
	f := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return color.NRGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 0xff}
}

// over composites the translucent c over the opaque base.
func over(base, c color.NRGBA) color.NRGBA {
	return mix(base, color.NRGBA{c.R, c.G, c.B, 0xff}, float64(c.A)/255)
}
