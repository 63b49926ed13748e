package app

import (
	"fmt"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"frontier/mapview"
)

// svgIcon builds a 24×24 SVG icon from filled shapes only: Fyne recolours
// an icon's fills to the theme's foreground (light and dark themes alike)
// but leaves strokes as they are, so lines are drawn as thin filled
// quadrilaterals with round joints and outlines as paths with a hole of
// the opposite winding (the recolouring drops fill-rule attributes).
type svgIcon struct{ b strings.Builder }

func f1(x float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", x), "0"), ".")
}

// poly adds a filled polygon through the points x0, y0, x1, y1, ….
func (s *svgIcon) poly(pts ...float64) {
	s.b.WriteString(`<polygon points="`)
	for i := 0; i+1 < len(pts); i += 2 {
		if i > 0 {
			s.b.WriteByte(' ')
		}
		s.b.WriteString(f1(pts[i]) + "," + f1(pts[i+1]))
	}
	s.b.WriteString(`"/>`)
}

// dot adds a filled circle.
func (s *svgIcon) dot(x, y, r float64) {
	fmt.Fprintf(&s.b, `<circle cx="%s" cy="%s" r="%s"/>`, f1(x), f1(y), f1(r))
}

// path adds a filled path.
func (s *svgIcon) path(d string) { fmt.Fprintf(&s.b, `<path d="%s"/>`, d) }

// line adds a polyline of width w through x0, y0, x1, y1, …; closed joins
// the last point to the first.
func (s *svgIcon) line(w float64, closed bool, pts ...float64) {
	n := len(pts) / 2
	seg := func(i, j int) {
		x1, y1, x2, y2 := pts[2*i], pts[2*i+1], pts[2*j], pts[2*j+1]
		l := math.Hypot(x2-x1, y2-y1)
		if l == 0 {
			return
		}
		nx, ny := -(y2-y1)/l*w/2, (x2-x1)/l*w/2
		s.poly(x1+nx, y1+ny, x2+nx, y2+ny, x2-nx, y2-ny, x1-nx, y1-ny)
	}
	for i := 0; i+1 < n; i++ {
		seg(i, i+1)
	}
	if closed && n > 2 {
		seg(n-1, 0)
	}
	for i := range n {
		s.dot(pts[2*i], pts[2*i+1], w/2)
	}
}

// ring adds a circle outline of radius r and width w.
func (s *svgIcon) ring(cx, cy, r, w float64) {
	ro, ri := r+w/2, r-w/2
	s.path(fmt.Sprintf("M%s %sA%s %s 0 1 0 %s %sA%s %s 0 1 0 %s %sZM%s %sA%s %s 0 1 1 %s %sA%s %s 0 1 1 %s %sZ",
		f1(cx-ro), f1(cy), f1(ro), f1(ro), f1(cx+ro), f1(cy), f1(ro), f1(ro), f1(cx-ro), f1(cy),
		f1(cx-ri), f1(cy), f1(ri), f1(ri), f1(cx+ri), f1(cy), f1(ri), f1(ri), f1(cx-ri), f1(cy)))
}

// resource returns the icon as a themed resource.
func (s *svgIcon) resource(name string) fyne.Resource {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24">` + s.b.String() + `</svg>`
	return theme.NewThemedResource(fyne.NewStaticResource(name+".svg", []byte(svg)))
}

// toolIcon draws the toolbar icon of tool t.
func toolIcon(t mapview.Tool) fyne.Resource {
	s := &svgIcon{}
	switch t {
	case mapview.ToolNavigate: // a mouse pointer
		s.poly(6, 3, 6, 19.5, 10, 15.8, 12.8, 21.5, 15.3, 20.3, 12.6, 14.7, 18, 14.7)
	case mapview.ToolMarker: // a map pin with a hole
		s.path("M12 2.5C8.4 2.5 5.5 5.4 5.5 9C5.5 13.8 12 21.5 12 21.5C12 21.5 18.5 13.8 18.5 9C18.5 5.4 15.6 2.5 12 2.5Z" +
			"M12 11.5A2.5 2.5 0 1 1 12 6.5A2.5 2.5 0 1 1 12 11.5Z")
	case mapview.ToolText: // a T
		s.poly(5, 4, 19, 4, 19, 7.5, 13.75, 7.5, 13.75, 20, 10.25, 20, 10.25, 7.5, 5, 7.5)
	case mapview.ToolPolyline:
		s.line(2, false, 3, 18, 9, 8, 15, 15, 21, 5)
		for _, p := range [][2]float64{{3, 18}, {9, 8}, {15, 15}, {21, 5}} {
			s.dot(p[0], p[1], 2.3)
		}
	case mapview.ToolArrow:
		s.line(2.2, false, 4, 20, 16, 8)
		s.poly(20.5, 3.5, 11.5, 6, 18, 12.5)
	case mapview.ToolPolygon:
		s.line(2, true, 12, 3, 21, 10, 17.5, 20.5, 6.5, 20.5, 3, 10)
	case mapview.ToolRectangle:
		s.path("M3 5H21V19H3ZM5 7V17H19V7Z")
	case mapview.ToolCircle:
		s.ring(12, 12, 8.5, 2)
	case mapview.ToolFreehand: // a squiggle
		var pts []float64
		for i := 0; i <= 18; i++ {
			x := 3 + float64(i)
			pts = append(pts, x, 12-5*math.Sin(float64(i)/18*2*math.Pi)*math.Cos(float64(i)/36*math.Pi))
		}
		s.line(2, false, pts...)
	case mapview.ToolRangeBearing: // north, a bearing line and its arc
		s.line(1.4, false, 6, 19, 6, 4)
		s.line(2, false, 6, 19, 19, 8)
		s.dot(6, 19, 2.4)
		s.dot(19, 8, 2.4)
		s.path("M6 11.5A7.5 7.5 0 0 1 11.7 14.1L10.6 15.1A6 6 0 0 0 6 13Z")
	case mapview.ToolMeasure: // a ruler
		s.path("M2 8H22V16H2ZM3.6 14.4H20.4V9.6H3.6Z")
		for i, x := range []float64{6, 9, 12, 15, 18} {
			h := 2.2
			if i%2 == 0 {
				h = 3.6
			}
			s.poly(x-0.6, 9.6, x+0.6, 9.6, x+0.6, 9.6+h, x-0.6, 9.6+h)
		}
	}
	return s.resource(fmt.Sprintf("tool-%d", t))
}

// lockIcon draws a closed (locked) or open padlock.
func lockIcon(locked bool) fyne.Resource {
	s := &svgIcon{}
	s.path("M5.5 11H18.5V21H5.5Z")
	if locked {
		s.path("M7.5 11V8A4.5 4.5 0 0 1 16.5 8V11H14.5V8A2.5 2.5 0 0 0 9.5 8V11Z")
		return s.resource("locked")
	}
	s.path("M7.5 11V6A4.5 4.5 0 0 1 16.5 6V7H14.5V6A2.5 2.5 0 0 0 9.5 6V11Z")
	return s.resource("unlocked")
}
