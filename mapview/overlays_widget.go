package mapview

// Presentation is what presenter mode draws over the map besides the
// scale bar and attribution: the title, the legend and the date window,
// in presentation type.
type Presentation struct {
	// Title and DateWindow are the texts of those boxes ("" for none).
	Title, DateWindow string
	// Legend is the key of the actors' colours (nil for none); see
	// LegendFor and LegendInView.
	Legend *Legend
	// TextScale enlarges the boxes' type (0 means 1); see
	// Overlays.TextScale.
	TextScale float64
}

// SetPresentation draws p's title, legend and date window on the map (the
// zero Presentation takes them away again) and redraws.
func (m *Map) SetPresentation(p Presentation) {
	m.overlays.Title, m.overlays.DateWindow = p.Title, p.DateWindow
	m.overlays.Legend, m.overlays.TextScale = p.Legend, p.TextScale
	m.requestRender()
}
