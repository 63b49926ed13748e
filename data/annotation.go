package data

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// AnnotationKind is the shape of an annotation, one per drawing tool.
type AnnotationKind uint8

// The annotation kinds. The zero value is invalid.
const (
	KindMarker       AnnotationKind = iota + 1 // one point with a symbol and label
	KindText                                   // a text label at one point
	KindPolyline                               // an open line of ≥2 points
	KindArrow                                  // a polyline with an arrowhead at its last point
	KindPolygon                                // a closed area of ≥3 points (ring not repeated)
	KindRectangle                              // two opposite corners, edges along meridians and parallels
	KindCircle                                 // a centre point and a geodesic Radius
	KindFreehand                               // a simplified freehand line
	KindRangeBearing                           // a two-point line labelled with distance and bearing
)

var kindNames = [...]string{
	KindMarker: "marker", KindText: "text", KindPolyline: "polyline", KindArrow: "arrow",
	KindPolygon: "polygon", KindRectangle: "rectangle", KindCircle: "circle",
	KindFreehand: "freehand", KindRangeBearing: "range-bearing",
}

// String returns the kind's lower-case name ("range-bearing" for
// KindRangeBearing), as ParseAnnotationKind reads it.
func (k AnnotationKind) String() string {
	if k >= KindMarker && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// ParseAnnotationKind reads a kind name as String writes it.
func ParseAnnotationKind(s string) (AnnotationKind, bool) {
	for k := KindMarker; int(k) < len(kindNames); k++ {
		if strings.EqualFold(s, kindNames[k]) {
			return k, true
		}
	}
	return 0, false
}

// Dash is a stroke's dash pattern.
type Dash uint8

// The dash patterns.
const (
	DashSolid Dash = iota
	DashDashed
	DashDotted
)

// String returns "solid", "dashed" or "dotted".
func (d Dash) String() string {
	switch d {
	case DashDashed:
		return "dashed"
	case DashDotted:
		return "dotted"
	}
	return "solid"
}

// ParseDash reads a dash name as String writes it.
func ParseDash(s string) (Dash, bool) {
	for d := DashSolid; d <= DashDotted; d++ {
		if strings.EqualFold(s, d.String()) {
			return d, true
		}
	}
	return DashSolid, false
}

// Style is how an annotation is drawn. Colours are "#rrggbb" as in the
// simplestyle spec; opacities run from 0 to 1; widths and text sizes are
// in logical pixels (points) at device scale 1.
type Style struct {
	Stroke        string  `json:"stroke,omitempty"`
	StrokeWidth   float64 `json:"stroke_width,omitempty"`
	StrokeOpacity float64 `json:"stroke_opacity,omitempty"`
	Dash          Dash    `json:"dash,omitempty"`
	Fill          string  `json:"fill,omitempty"`
	FillOpacity   float64 `json:"fill_opacity,omitempty"`
	TextSize      float64 `json:"text_size,omitempty"`
	// Symbol is a marker's symbol name (see MarkerSymbols).
	Symbol string `json:"symbol,omitempty"`
}

// MarkerSymbols are the marker symbols Frontier draws. The names follow
// the Maki icon names that simplestyle's marker-symbol uses where one fits.
var MarkerSymbols = []string{"circle", "square", "triangle", "star", "cross", "camp", "flag", "danger"}

// DefaultStyle returns the style a new annotation of kind k starts with.
func DefaultStyle(k AnnotationKind) Style {
	s := Style{Stroke: "#d7191c", StrokeWidth: 2.5, StrokeOpacity: 1, Fill: "#d7191c", FillOpacity: 0.2, TextSize: 14}
	switch k {
	case KindMarker:
		s.Symbol = "circle"
		s.FillOpacity = 1
	case KindText:
		s.Stroke = "#1a1a1a"
		s.TextSize = 16
	case KindRangeBearing:
		s.Stroke = "#1a1a1a"
		s.Dash = DashDashed
		s.StrokeWidth = 2
	}
	return s
}

// ParseHexColor reads "#rrggbb" or "#rgb" (the # optional).
func ParseHexColor(s string) (r, g, b uint8, ok bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	var v [6]byte
	switch len(s) {
	case 3:
		v = [6]byte{s[0], s[0], s[1], s[1], s[2], s[2]}
	case 6:
		copy(v[:], s)
	default:
		return 0, 0, 0, false
	}
	var out [3]uint8
	for i := 0; i < 3; i++ {
		hi, ok1 := hexNibble(v[2*i])
		lo, ok2 := hexNibble(v[2*i+1])
		if !ok1 || !ok2 {
			return 0, 0, 0, false
		}
		out[i] = hi<<4 | lo
	}
	return out[0], out[1], out[2], true
}

func hexNibble(c byte) (uint8, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// Annotation is one drawing on the map. Points are WGS84 longitude/
// latitude; how many a kind holds is checked by Validate.
type Annotation struct {
	// ID is stable for the annotation's life; the store assigns it.
	ID uint64 `json:"id"`
	// Layer is the ID of the layer the annotation belongs to.
	Layer uint64         `json:"layer"`
	Kind  AnnotationKind `json:"kind"`
	// Points: marker and text 1; polyline, arrow and freehand ≥2;
	// polygon ≥3 (the ring is not closed by repeating the first point);
	// rectangle 2 opposite corners; circle 1 (the centre); range-bearing 2
	// (from, to).
	Points []orb.Point `json:"points"`
	// Radius is a circle's geodesic radius in metres.
	Radius float64 `json:"radius,omitempty"`
	Label  string  `json:"label,omitempty"`
	Notes  string  `json:"notes,omitempty"`
	Style  Style   `json:"style"`
	// ValidFrom and ValidTo bound when the annotation applies (inclusive
	// days or instants, UTC); a zero time leaves that end open. A ValidTo
	// at midnight UTC is a day: the annotation applies through its end. An
	// annotation with both zero is undated and always shows.
	ValidFrom time.Time `json:"valid_from,omitzero"`
	ValidTo   time.Time `json:"valid_to,omitzero"`
	// Created and Modified are set by the store.
	Created  time.Time `json:"created,omitzero"`
	Modified time.Time `json:"modified,omitzero"`
}

// Dated reports whether the annotation has a validity span.
func (a *Annotation) Dated() bool { return !a.ValidFrom.IsZero() || !a.ValidTo.IsZero() }

// VisibleIn reports whether the annotation shows in the time window
// [from, to): undated annotations always do, dated ones while their span
// overlaps the window. A zero from or to leaves the window open there.
// The span runs from ValidFrom to ValidTo inclusive, through the end of
// ValidTo's day when ValidTo is a midnight (a day).
func (a *Annotation) VisibleIn(from, to time.Time) bool {
	if !a.ValidFrom.IsZero() && !to.IsZero() && !a.ValidFrom.Before(to) {
		return false
	}
	if !a.ValidTo.IsZero() && !from.IsZero() {
		if isMidnightUTC(a.ValidTo) {
			return from.Before(a.ValidTo.AddDate(0, 0, 1))
		}
		return !a.ValidTo.Before(from)
	}
	return true
}

// isMidnightUTC reports whether t is the start of a UTC day.
func isMidnightUTC(t time.Time) bool {
	t = t.UTC()
	return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0
}

// Clone returns a copy that shares no memory with a.
func (a Annotation) Clone() Annotation {
	a.Points = append([]orb.Point(nil), a.Points...)
	return a
}

// Bound returns the annotation's extent in degrees (a circle's includes
// its radius).
func (a *Annotation) Bound() orb.Bound {
	if len(a.Points) == 0 {
		return orb.Bound{}
	}
	if a.Kind == KindCircle {
		return GeoCircle(a.Points[0], a.Radius, 64).Bound()
	}
	return orb.MultiPoint(a.Points).Bound()
}

// Validate checks that the annotation's points fit its kind and its values
// are in range.
func (a *Annotation) Validate() error {
	if a.Kind < KindMarker || int(a.Kind) >= len(kindNames) {
		return fmt.Errorf("annotation %d: unknown kind %d", a.ID, a.Kind)
	}
	n := len(a.Points)
	want := ""
	switch a.Kind {
	case KindMarker, KindText, KindCircle:
		if n != 1 {
			want = "1 point"
		}
	case KindRectangle, KindRangeBearing:
		if n != 2 {
			want = "2 points"
		}
	case KindPolyline, KindArrow, KindFreehand:
		if n < 2 {
			want = "at least 2 points"
		}
	case KindPolygon:
		if n < 3 {
			want = "at least 3 points"
		}
	}
	if want != "" {
		return fmt.Errorf("annotation %d: a %s needs %s, it has %d", a.ID, a.Kind, want, n)
	}
	for i, p := range a.Points {
		if math.IsNaN(p[0]) || math.IsNaN(p[1]) || p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90 {
			return fmt.Errorf("annotation %d: point %d (%g, %g) is not a longitude/latitude", a.ID, i+1, p[0], p[1])
		}
	}
	if a.Kind == KindCircle && !(a.Radius > 0 && a.Radius < 20_000_000) {
		return fmt.Errorf("annotation %d: circle radius %g m is out of range", a.ID, a.Radius)
	}
	if !a.ValidFrom.IsZero() && !a.ValidTo.IsZero() && a.ValidTo.Before(a.ValidFrom) {
		return fmt.Errorf("annotation %d: valid-to %s is before valid-from %s", a.ID, a.ValidTo.Format(time.DateOnly), a.ValidFrom.Format(time.DateOnly))
	}
	if err := a.Style.Validate(); err != nil {
		return fmt.Errorf("annotation %d: %w", a.ID, err)
	}
	return nil
}

// Style limits: widths and text sizes beyond these are surely mistakes.
const (
	MaxStrokeWidth = 100
	MaxTextSize    = 500
)

// Validate checks that the style's colours are "#rrggbb" or "#rgb" (or
// empty: not drawn), its opacities are in [0, 1], its width and text size
// in [0, MaxStrokeWidth] and [0, MaxTextSize], and its dash is known.
func (s *Style) Validate() error {
	for _, c := range []struct{ name, v string }{{"stroke", s.Stroke}, {"fill", s.Fill}} {
		if _, _, _, ok := ParseHexColor(c.v); c.v != "" && !ok {
			return fmt.Errorf("%s colour %q is not #rrggbb", c.name, c.v)
		}
	}
	for _, v := range []struct {
		name     string
		v, limit float64
	}{
		{"stroke opacity", s.StrokeOpacity, 1}, {"fill opacity", s.FillOpacity, 1},
		{"stroke width", s.StrokeWidth, MaxStrokeWidth}, {"text size", s.TextSize, MaxTextSize},
	} {
		if !(v.v >= 0 && v.v <= v.limit) {
			return fmt.Errorf("%s %g is out of range 0..%g", v.name, v.v, v.limit)
		}
	}
	if s.Dash > DashDotted {
		return fmt.Errorf("unknown dash pattern %d", s.Dash)
	}
	return nil
}

// Layer is a named group of annotations drawn above the events.
type Layer struct {
	ID   uint64 `json:"id"`
	Name string `json:"name"`
	// Hidden layers are not drawn; Locked ones cannot be edited.
	Hidden bool `json:"hidden,omitempty"`
	Locked bool `json:"locked,omitempty"`
	// Order sorts the layers: lower is drawn first (below).
	Order int `json:"order"`
}
