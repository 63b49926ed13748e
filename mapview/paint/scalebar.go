package paint

import (
	"image"
	"image/color"
	"math"
	"strconv"
)

// niceSteps are the 1-2-5 distances from 1 mm to 5 000 000 km with their
// labels, built once so that NiceDistance does not allocate.
var niceSteps = func() []niceStep {
	var s []niceStep
	for e := -3; e <= 9; e++ {
		for _, m := range []float64{1, 2, 5} {
			v := m * math.Pow10(e)
			s = append(s, niceStep{v, distanceLabel(v)})
		}
	}
	return s
}()

type niceStep struct {
	meters float64
	label  string
}

func distanceLabel(m float64) string {
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	switch {
	case m >= 1000:
		return num(m/1000) + " km"
	case m >= 1:
		return num(m) + " m"
	case m >= 0.01:
		return num(math.Round(m*100)) + " cm"
	default:
		return num(math.Round(m*1000)) + " mm"
	}
}

// NiceDistance returns the largest round distance of the form 1, 2 or 5
// times a power of ten that does not exceed maxMeters, with its label
// ("50 km", "200 m", "1 km", "50 cm"). The range is 1 mm to 5 000 000 km;
// below 1 mm (or for NaN) it returns 0 and "", above the range the largest
// step. It does not allocate.
func NiceDistance(maxMeters float64) (meters float64, label string) {
	if !(maxMeters >= niceSteps[0].meters) {
		return 0, ""
	}
	// Steps are few: a linear scan from the top is fast enough and exact.
	for i := len(niceSteps) - 1; i > 0; i-- {
		// Compare with a hair of tolerance so 1000 passed as 999.9999999
		// (from floating-point pixel maths) still picks 1 km.
		if niceSteps[i].meters <= maxMeters*(1+1e-9) {
			return niceSteps[i].meters, niceSteps[i].label
		}
	}
	return niceSteps[0].meters, niceSteps[0].label
}

// ScaleBar draws a map scale bar in near-black ink (#222) over a
// translucent white halo (80 %); see ScaleBarColors.
func ScaleBar(dst *image.RGBA, x, y int, metersPerPixel float64, maxWidth int, face *Face, scale float64) image.Rectangle {
	return ScaleBarColors(dst, x, y, metersPerPixel, maxWidth, face, scale,
		color.RGBA{0x22, 0x22, 0x22, 0xff}, color.RGBA{0xcc, 0xcc, 0xcc, 0xcc})
}

// ScaleBarColors draws a map scale bar whose bottom-left corner (halo
// included) is at (x, y): a bar with end ticks, NiceDistance long (at
// most maxWidth device pixels), labelled with face above the bar, in ink
// over a halo (halo.A == 0: none). metersPerPixel is the ground distance
// of one device pixel at the bar's latitude; scale is the device scale
// (2 on HiDPI) for line widths and spacing. It returns the rectangle it
// drew in (clipped to dst.Bounds()), or the empty rectangle if nothing
// fits (invalid metersPerPixel, a bar shorter than 4 px).
func ScaleBarColors(dst *image.RGBA, x, y int, metersPerPixel float64, maxWidth int, face *Face, scale float64, ink, halo color.RGBA) image.Rectangle {
	if !(metersPerPixel > 0) || math.IsInf(metersPerPixel, 0) || maxWidth < 4 {
		return image.Rectangle{}
	}
	scale = min(max(scale, 0.5), 8)
	m, label := NiceDistance(metersPerPixel * float64(maxWidth))
	length := math.Round(m / metersPerPixel)
	if length < 4 {
		return image.Rectangle{}
	}
	lw := max(1, math.Round(2*scale))   // bar line width
	hr := max(1, math.Round(1.5*scale)) // halo beyond the line
	tick := math.Round(6 * scale)
	if halo.A == 0 {
		hr = 0
	}
	fx, fy := float64(x), float64(y)
	// Line centres put the edges of the integer-wide bar on pixel edges.
	x0 := fx + hr + lw/2
	x1 := x0 + length
	yb := fy - hr - lw/2
	yt := yb - tick
	bar := [8]float64{x0, yt, x0, yb, x1, yb, x1, yt}
	clip := dst.Bounds()
	if hr > 0 {
		StrokePolyline(dst, clip, bar[:], lw+2*hr, halo)
	}
	StrokePolyline(dst, clip, bar[:], lw, ink)
	e := lw/2 + hr // capsule reach beyond the centre line
	out := image.Rect(x, int(math.Floor(yt-e)), int(math.Ceil(x1+e)), y)
	if face != nil && label != "" {
		w, asc, desc := face.Measure(label)
		lx := int(x0 + lw/2 + math.Round(3*scale))
		ly := int(yb - lw/2 - math.Round(3*scale))
		if hr == 0 {
			halo = color.RGBA{}
		}
		face.Draw(dst, lx, ly, label, ink, halo)
		k := 1
		if halo.A != 0 {
			k += face.HaloWidth()
		}
		out = out.Union(image.Rect(lx-k, ly-asc-k, lx+w+k, ly+desc+k))
	}
	return out.Intersect(dst.Bounds())
}
