package mapview

import (
	"image"
	"image/color"
	"math"

	"frontier/data"
	"frontier/mapview/paint"
)

// annotPainter is the renderer's annotation layer: the geometry cache of
// the last set, the scratch buffers of one shape and the text faces. It
// belongs to one Renderer and so to one goroutine.
type annotPainter struct {
	cache  annotCache
	tmp    annotGeom // the draft's or measure's geometry, rebuilt each frame
	tmpM   []float64 // its Mercator points
	xy     []float64 // one shape in device pixels
	aux    []float64 // arrowheads, ticks, symbols, handles
	stroke paint.Stroker
	fill   paint.Filler
	faces  map[annotFaceKey]*paint.Face
	labels []annotLabel
	// handles is the selected item's or draft's handles.
	handles []Handle
	// shapes counts the world copies of items drawn in the last frame
	// (tests check the culling with it).
	shapes int

	// Per frame.
	img   *image.RGBA
	stamp *paint.Stamps
	v     Viewport
	s, ws float64
	half  [2]float64      // image centre in device pixels
	clip  image.Rectangle // the image ∩ the world
}

// annotFaceKey is a text face of the annotation layer: its pixel size and
// weight.
type annotFaceKey struct {
	px   float32
	bold bool
}

// maxAnnotFaces bounds the face cache; it is emptied when full.
const maxAnnotFaces = 16

// annotLabel is a text queued to be drawn over the shapes.
type annotLabel struct {
	text  string
	x, y  float64 // anchor, device pixels
	align labelAlign
	px    float64 // face size in device pixels
	bold  bool
	fg    color.RGBA
	// labelAbove: the line's direction at the anchor and the gap kept
	// between the line and the text.
	ux, uy, offset float64
}

// labelAlign says where a label sits relative to its anchor.
type labelAlign uint8

const (
	labelCentre labelAlign = iota // centred on the anchor
	labelRight                    // starts at the anchor, centred vertically
	labelAbove                    // beside a line, on its upper side, clear of it
)

// Ink of the annotation layer (premultiplied).
var (
	annotOutline   = color.RGBA{0x22, 0x22, 0x22, 0xff}
	annotHandleInk = color.RGBA{0x1a, 0x1a, 0x1a, 0xff}
	annotWhite     = color.RGBA{0xff, 0xff, 0xff, 0xff}
	annotMidFill   = color.RGBA{0xf0, 0xf0, 0xf0, 0xf0}
	annotRadiusInk = color.RGBA{0x1f, 0x5f, 0xbf, 0xff}
	measureInk     = color.RGBA{0x1a, 0x1a, 0x1a, 0xff}
	measureUnder   = color.RGBA{0xc0, 0xc0, 0xc0, 0xc0} // translucent white
	defaultInk     = color.RGBA{0xd7, 0x19, 0x1c, 0xff}
)

// Sizes of the annotation layer in logical pixels.
const (
	markerRadius   = 8.0
	handleSide     = 8.0
	midHandleR     = 3.5
	radiusHandleR  = 6.0
	labelGap       = 4.0
	defaultText    = 14.0
	minText        = 6.0
	maxText        = 96.0
	maxStrokeWidth = 48.0
)

// draw draws set into f above the events: every item in order, their
// labels over all of them, the selected item's handles, then the draft
// with its handles and the measure line on top. st is the renderer's disc
// stamps.
func (p *annotPainter) draw(f *Frame, st *paint.Stamps, set *AnnotationSet) {
	p.begin(f, st)
	p.cache.update(set.Items)
	var skip uint64
	if set.Draft != nil {
		skip = set.Draft.ID
	}
	p.labels = p.labels[:0]
	p.shapes = 0
	sel := -1
	for i := range set.Items {
		a := &set.Items[i]
		if skip != 0 && a.ID == skip {
			continue
		}
		emph := set.Selected != 0 && a.ID == set.Selected
		if emph {
			sel = i
		}
		p.drawItem(a, &p.cache.geoms[i], p.cache.merc, emph)
	}
	p.flushLabels()
	if sel >= 0 {
		p.drawHandles(&set.Items[sel], &p.cache.geoms[sel], p.cache.merc)
	}
	if d := set.Draft; d != nil {
		p.tmpM = buildGeom(&p.tmp, d, p.tmpM[:0])
		p.drawItem(d, &p.tmp, p.tmpM, true)
		p.flushLabels()
		p.drawHandles(d, &p.tmp, p.tmpM)
	}
	if m := set.Measure; m != nil {
		p.drawMeasure(m)
		p.flushLabels()
	}
	p.img, p.stamp = nil, nil
}

// begin sets up the painter for frame f.
func (p *annotPainter) begin(f *Frame, st *paint.Stamps) {
	p.img, p.stamp, p.v = f.Img, st, f.View
	p.s, p.ws = f.View.DeviceScale(), f.View.WorldSize()
	p.half = [2]float64{float64(f.View.Width) / 2, float64(f.View.Height) / 2}
	x0, y0 := p.pixel(0, 0, 0)
	x1, y1 := p.pixel(1, 1, 0)
	lim := func(v float64) int { return int(clampf(v, -1e9, 1e9)) }
	world := image.Rect(lim(math.Floor(x0)), lim(math.Floor(y0)), lim(math.Ceil(x1)), lim(math.Ceil(y1)))
	p.clip = world.Intersect(f.Img.Bounds())
}

// pixel returns the device pixel of normalised Mercator (x+shift, y).
func (p *annotPainter) pixel(x, y, shift float64) (float64, float64) {
	return (x+shift-p.v.CenterX)*p.ws + p.half[0], (y-p.v.CenterY)*p.ws + p.half[1]
}

// project writes the Mercator pairs of m, shifted by shift worlds, into
// p.xy as device pixels and returns it.
func (p *annotPainter) project(m []float64, shift float64) []float64 {
	xy := p.xy[:0]
	ox := (shift-p.v.CenterX)*p.ws + p.half[0]
	oy := -p.v.CenterY*p.ws + p.half[1]
	for i := 0; i+1 < len(m); i += 2 {
		xy = append(xy, m[i]*p.ws+ox, m[i+1]*p.ws+oy)
	}
	p.xy = xy
	return xy
}

// visible reports whether the Mercator extent e, shifted by shift worlds
// and grown by margin device pixels, meets the image. NaN is not visible.
func (p *annotPainter) visible(e Extent, shift, margin float64) bool {
	x0, y0 := p.pixel(e.MinX, e.MinY, shift)
	x1, y1 := p.pixel(e.MaxX, e.MaxY, shift)
	w, h := 2*p.half[0], 2*p.half[1]
	return x1 >= -margin && x0 <= w+margin && y1 >= -margin && y0 <= h+margin
}

// annotStyle is an annotation's style resolved for one frame.
type annotStyle struct {
	stroke, fill, ink color.RGBA
	width             float64 // device pixels; 0: no stroke
	dash              data.Dash
	textPx            float64
}

// resolveStyle turns a's style into colours and device sizes.
func (p *annotPainter) resolveStyle(a *data.Annotation) annotStyle {
	st := &a.Style
	out := annotStyle{
		stroke: styleColor(st.Stroke, st.StrokeOpacity),
		fill:   styleColor(st.Fill, st.FillOpacity),
		width:  clampf(st.StrokeWidth, 0, maxStrokeWidth) * p.s,
		dash:   st.Dash,
	}
	size := st.TextSize
	if !(size > 0) {
		size = defaultText
	}
	out.textPx = clampf(size, minText, maxText) * p.s
	out.ink = labelInk(st.Stroke)
	return out
}

// styleColor parses a "#rrggbb" colour at an opacity into a premultiplied
// colour; a bad colour is Frontier red.
func styleColor(hex string, opacity float64) color.RGBA {
	r, g, b, ok := data.ParseHexColor(hex)
	if !ok {
		r, g, b = defaultInk.R, defaultInk.G, defaultInk.B
	}
	a := uint32(math.Round(clampf(opacity, 0, 1) * 255))
	pm := func(c uint8) uint8 { return uint8((uint32(c)*a + 127) / 255) }
	return color.RGBA{pm(r), pm(g), pm(b), uint8(a)}
}

// labelInk is the text colour of a label next to a shape stroked in hex:
// that colour, opaque, unless it is too light to read over a white halo.
func labelInk(hex string) color.RGBA {
	r, g, b, ok := data.ParseHexColor(hex)
	if !ok {
		return defaultInk
	}
	if 0.299*float64(r)+0.587*float64(g)+0.114*float64(b) > 150 {
		return textDark
	}
	return color.RGBA{r, g, b, 0xff}
}

// drawItem draws one annotation (shape and queued label) at every world
// copy that meets the image. emph adds what a selected item shows (a
// circle's radius).
func (p *annotPainter) drawItem(a *data.Annotation, g *annotGeom, merc []float64, emph bool) {
	if g.end <= g.off || g.end > len(merc) {
		return
	}
	m := merc[g.off:g.end]
	st := p.resolveStyle(a)
	margin := st.width/2 + 2*p.s
	switch a.Kind {
	case data.KindMarker:
		margin += markerRadius * p.s
	case data.KindArrow:
		margin += arrowLength(st.width, p.s)
	case data.KindRangeBearing:
		margin += 6 * p.s
	}
	if a.Label != "" || a.Kind == data.KindRangeBearing || (emph && a.Kind == data.KindCircle) {
		// Labels run past the shape: allow for a generous text width.
		margin += float64(len(a.Label)+len(g.text)+12)*0.65*st.textPx + 8*p.s
	}
	if a.Kind == data.KindCircle && g.cap != capNone {
		// Round a pole: drawCircle draws every copy at once.
		if p.visible(g.ext, -1, margin) || p.visible(g.ext, 0, margin) || p.visible(g.ext, 1, margin) {
			p.drawShape(a, g, m, 0, &st, emph)
		}
		return
	}
	for shift := -1.0; shift <= 1; shift++ {
		if (shift < 0 && !(g.ext.MaxX > 1)) || (shift > 0 && !(g.ext.MinX < 0)) {
			continue // a copy only for shapes that cross the world's edge
		}
		if !p.visible(g.ext, shift, margin) {
			continue
		}
		p.drawShape(a, g, m, shift, &st, emph)
	}
}

// drawShape draws a at one world copy.
func (p *annotPainter) drawShape(a *data.Annotation, g *annotGeom, m []float64, shift float64, st *annotStyle, emph bool) {
	p.shapes++
	switch a.Kind {
	case data.KindMarker:
		x, y := p.pixel(m[0], m[1], shift)
		p.drawMarker(x, y, a.Style.Symbol, st)
		if a.Label != "" {
			p.queue(a.Label, x+(markerRadius+labelGap)*p.s, y, labelRight, st.textPx, true, labelInk(a.Style.Fill), 0)
		}
	case data.KindText:
		x, y := p.pixel(m[0], m[1], shift)
		if a.Label != "" && st.stroke.A != 0 {
			p.queue(a.Label, x, y, labelCentre, st.textPx, false, st.stroke, 0)
		}
	case data.KindPolyline, data.KindFreehand, data.KindArrow:
		xy := p.project(m, shift)
		if a.Kind == data.KindArrow {
			p.drawArrow(xy, st)
		} else {
			p.strokeLine(xy, st, false)
		}
		if a.Label != "" {
			x, y, ux, uy := pathMidpoint(p.project(m, shift))
			p.queueAlong(a.Label, x, y, labelAbove, st.textPx, true, st.ink, ux, uy, st.width/2+labelGap*p.s)
		}
	case data.KindPolygon, data.KindRectangle:
		xy := p.project(m, shift)
		p.fillRing(xy, st.fill)
		p.strokeLine(xy, st, true)
		if a.Label != "" {
			x, y := ringCentroid(p.project(m, shift))
			p.queue(a.Label, x, y, labelCentre, st.textPx, true, st.ink, 0)
		}
	case data.KindCircle:
		p.drawCircle(a, g, shift, st, emph)
	case data.KindRangeBearing:
		p.drawRangeBearing(a.Label, g.text, p.project(m, shift), st)
	}
}

// drawRangeBearing draws a range-bearing line: the (dashed) line with a
// tick across each end and its distance and bearing above the middle.
func (p *annotPainter) drawRangeBearing(label, text string, xy []float64, st *annotStyle) {
	p.stroke.Begin(p.img, p.clip)
	p.addStyled(xy, st)
	p.addEndTicks(xy, max(st.width, 1.5*p.s), 6*p.s)
	p.stroke.Finish(st.stroke)
	if label != "" {
		text = label + " · " + text
	}
	x, y, ux, uy := pathMidpoint(xy)
	p.queueAlong(text, x, y, labelAbove, st.textPx, true, st.ink, ux, uy, st.width/2+labelGap*p.s)
}

// drawMeasure draws the measure tool's line: dark and dashed over a light
// underlay, never filled, with its distance and bearing (or, for several
// legs, the total distance).
func (p *annotPainter) drawMeasure(a *data.Annotation) {
	if len(a.Points) < 2 {
		return
	}
	m := p.tmpM[:0]
	total, brg := 0.0, 0.0
	for i := 1; i < len(a.Points); i++ {
		start := len(m)
		var d float64
		m, d, brg = geodesicPath(m, a.Points[i-1], a.Points[i])
		if start >= 2 && len(m)-start >= 2 {
			// Continue from the previous leg's world copy (its longitudes
			// may be unwrapped), then drop the repeated joint.
			k := math.Round(m[start-2] - m[start])
			for j := start; j < len(m); j += 2 {
				m[j] += k
			}
			m = append(m[:start], m[start+2:]...)
		}
		total += d
	}
	p.tmpM = m
	text := formatDistance(total)
	if len(a.Points) == 2 {
		text = RangeBearingText(total, brg)
	}
	e := extentOf(m)
	s := p.s
	w := 2 * s
	st := annotStyle{stroke: measureInk, width: w, dash: data.DashDashed, textPx: 13 * s}
	margin := 200 * s
	for shift := -1.0; shift <= 1; shift++ {
		if (shift < 0 && !(e.MaxX > 1)) || (shift > 0 && !(e.MinX < 0)) || !p.visible(e, shift, margin) {
			continue
		}
		xy := p.project(m, shift)
		p.stroke.Begin(p.img, p.clip)
		p.stroke.Add(xy, w+2*s)
		p.stroke.Finish(measureUnder)
		p.stroke.Begin(p.img, p.clip)
		p.addStyled(xy, &st)
		p.addEndTicks(xy, 1.5*s, 6*s)
		p.stroke.Finish(measureInk)
		x, y, ux, uy := pathMidpoint(xy)
		p.queueAlong(text, x, y, labelAbove, st.textPx, true, measureInk, ux, uy, w/2+labelGap*s)
	}
}

// queue adds a label to be drawn by flushLabels.
func (p *annotPainter) queue(text string, x, y float64, al labelAlign, px float64, bold bool, fg color.RGBA, offset float64) {
	p.queueAlong(text, x, y, al, px, bold, fg, 1, 0, offset)
}

// queueAlong is queue for a label beside a line of direction (ux, uy).
func (p *annotPainter) queueAlong(text string, x, y float64, al labelAlign, px float64, bold bool, fg color.RGBA, ux, uy, offset float64) {
	if text == "" || !(math.Abs(x) < 1e9 && math.Abs(y) < 1e9) {
		return
	}
	p.labels = append(p.labels, annotLabel{text: text, x: x, y: y, align: al, px: px, bold: bold, fg: fg, ux: ux, uy: uy, offset: offset})
}

// flushLabels draws the queued labels with a light halo (a dark one for
// light text) and empties the queue.
func (p *annotPainter) flushLabels() {
	for i := range p.labels {
		lb := &p.labels[i]
		fc := p.face(lb.px, lb.bold)
		w, asc, desc := fc.Measure(lb.text)
		var x, y float64
		switch lb.align {
		case labelRight:
			x, y = lb.x, lb.y+float64(asc-desc)/2
		case labelAbove:
			// The normal on the upper side, and how far the box's centre
			// must sit along it for the box to clear the line.
			nx, ny := lb.uy, -lb.ux
			if ny > 0 || (ny == 0 && nx < 0) {
				nx, ny = -nx, -ny
			}
			d := lb.offset + math.Abs(nx)*float64(w)/2 + math.Abs(ny)*float64(asc+desc)/2
			cx, cy := lb.x+nx*d, lb.y+ny*d
			x, y = cx-float64(w)/2, cy+float64(asc-desc)/2
		default:
			x, y = lb.x-float64(w)/2, lb.y+float64(asc-desc)/2
		}
		halo := textHaloLight
		if lum := 0.299*float64(lb.fg.R) + 0.587*float64(lb.fg.G) + 0.114*float64(lb.fg.B); lum > 160 {
			halo = textHaloDark // light text (premultiplied, so opaque) reads on a dark halo
		}
		fc.Draw(p.img, int(math.Round(x)), int(math.Round(y)), lb.text, lb.fg, halo)
	}
	p.labels = p.labels[:0]
}

// face returns the cached face of px device pixels.
func (p *annotPainter) face(px float64, bold bool) *paint.Face {
	k := annotFaceKey{float32(math.Round(px*2) / 2), bold}
	if f := p.faces[k]; f != nil {
		return f
	}
	if p.faces == nil {
		p.faces = make(map[annotFaceKey]*paint.Face)
	}
	if len(p.faces) >= maxAnnotFaces {
		clear(p.faces)
	}
	var f *paint.Face
	if bold {
		f = paint.BoldFace(float64(k.px))
	} else {
		f = paint.RegularFace(float64(k.px))
	}
	p.faces[k] = f
	return f
}
