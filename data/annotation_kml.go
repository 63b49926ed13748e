package data

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// kmlTextScale is the text size a KML LabelStyle scale of 1 stands for.
const kmlTextScale = 16

// kmlSymbolIcons are the Google Earth icons written for the marker
// symbols (references for the viewer; Frontier never fetches them).
var kmlSymbolIcons = map[string]string{
	"circle": "placemark_circle", "square": "square", "triangle": "triangle", "star": "star",
	"cross": "cross-hairs", "camp": "camping", "flag": "flag", "danger": "caution",
}

const kmlShapesURL = "http://maps.google.com/mapfiles/kml/shapes/"

// kmlColorAlpha returns a "#rrggbb" colour and an opacity as KML's
// aabbggrr.
func kmlColorAlpha(hex string, opacity float64) string {
	r, g, b, _ := ParseHexColor(hex)
	a := uint8(math.Round(clamp(opacity, 0, 1) * 255))
	return fmt.Sprintf("%02x%02x%02x%02x", a, b, g, r)
}

// kmlNum writes a number in the shortest form that reads back exactly.
func kmlNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// kmlCoordText writes positions as KML coordinates, rounded to 1e-7°.
func kmlCoordText(pts []orb.Point) string {
	var b strings.Builder
	for i, p := range pts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(kmlNum(round7(p[0])) + "," + kmlNum(round7(p[1])))
	}
	return b.String()
}

// writeAnnotationStyle writes the Style of annotation a under id.
func writeAnnotationStyle(k *kmlWriter, id string, a *Annotation) {
	s := a.Style
	k.raw(`<Style id="` + id + `">`)
	switch a.Kind {
	case KindMarker:
		icon := kmlSymbolIcons[s.Symbol]
		if icon == "" {
			icon = kmlSymbolIcons["circle"]
		}
		k.raw("<IconStyle><color>" + kmlColorAlpha(s.Fill, s.FillOpacity) + "</color><Icon><href>" + kmlShapesURL + icon + ".png</href></Icon></IconStyle>")
	case KindText: // the label alone: no icon
		k.raw("<IconStyle><scale>0</scale></IconStyle>")
	}
	k.raw("<LabelStyle>")
	if a.Kind == KindText {
		k.raw("<color>" + kmlColorAlpha(s.Stroke, s.StrokeOpacity) + "</color>")
	}
	k.raw("<scale>" + kmlNum(s.TextSize/kmlTextScale) + "</scale></LabelStyle>")
	k.raw("<LineStyle><color>" + kmlColorAlpha(s.Stroke, s.StrokeOpacity) + "</color><width>" + kmlNum(s.StrokeWidth) + "</width></LineStyle>")
	k.raw("<PolyStyle><color>" + kmlColorAlpha(s.Fill, s.FillOpacity) + "</color>")
	if s.FillOpacity == 0 {
		k.raw("<fill>0</fill>")
	}
	if s.StrokeOpacity == 0 || s.StrokeWidth == 0 {
		k.raw("<outline>0</outline>")
	}
	k.raw("</PolyStyle></Style>\n")
}

// writeAnnotationPlacemark writes annotation a, styled by style id.
func writeAnnotationPlacemark(k *kmlWriter, styleID string, a *Annotation) {
	k.raw("<Placemark>")
	if a.Label != "" {
		k.elem("name", a.Label)
	}
	if a.Notes != "" {
		k.elem("description", a.Notes)
	}
	if a.Dated() {
		k.raw("<TimeSpan>")
		if !a.ValidFrom.IsZero() {
			k.elem("begin", formatValidity(a.ValidFrom))
		}
		if !a.ValidTo.IsZero() {
			k.elem("end", formatValidity(a.ValidTo))
		}
		k.raw("</TimeSpan>")
	}
	k.raw("<styleUrl>#" + styleID + "</styleUrl><ExtendedData>")
	data := func(name, value string) {
		k.raw(`<Data name="` + name + `"><value>`)
		k.text(value)
		k.raw("</value></Data>")
	}
	data(PropKind, a.Kind.String())
	data(PropDash, a.Style.Dash.String())
	if a.Style.Symbol != "" {
		data(PropSymbol, a.Style.Symbol)
	}
	switch a.Kind {
	case KindCircle:
		data(PropRadius, kmlNum(a.Radius))
		data(PropCenter, kmlCoordText(a.Points[:1]))
	case KindRangeBearing:
		d, b := rangeBearingInfo(a)
		data(PropDistance, kmlNum(d))
		data(PropBearing, kmlNum(b))
	}
	k.raw("</ExtendedData>")
	polygon := func(open []orb.Point) {
		k.raw("<Polygon><outerBoundaryIs><LinearRing><coordinates>" + kmlCoordText(append(open, open[0])) +
			"</coordinates></LinearRing></outerBoundaryIs></Polygon>")
	}
	switch a.Kind {
	case KindMarker, KindText:
		k.raw("<Point><coordinates>" + kmlCoordText(a.Points) + "</coordinates></Point>")
	case KindPolygon:
		polygon(ccwRing(a.Points))
	case KindRectangle:
		polygon(rectangleRing(a.Points[0], a.Points[1]))
	case KindCircle:
		polygon(circleRing(a.Points[0], a.Radius, exportCircleVertices))
	default:
		k.raw("<LineString><tessellate>1</tessellate><coordinates>" + kmlCoordText(a.Points) + "</coordinates></LineString>")
	}
	k.raw("</Placemark>\n")
}

// PropSymbol is the KML ExtendedData name of a marker's symbol (GeoJSON
// carries it as simplestyle's marker-symbol).
const PropSymbol = "frontier:symbol"

// WriteAnnotationsKML writes the annotations of a layer as a KML 2.2
// document for Google Earth and GIS tools: a Document and a Folder named
// after the layer, one Style per annotation (LineStyle colour with the
// stroke opacity as alpha, and width; PolyStyle fill colour and opacity,
// and outline; IconStyle colour and a symbol icon for markers; LabelStyle
// scale from the text size, 1 = 16 pt, and colour for text), TimeSpan
// begin/end where dated, name = Label, description = Notes, markers and
// text as Points, lines as LineStrings, polygons, rectangles and circles
// (72 vertices) as Polygons with counterclockwise rings, and ExtendedData
// frontier:kind, frontier:dash, frontier:symbol, a circle's
// frontier:radius_m and frontier:center so that Frontier reads its kinds
// back. Coordinates are rounded to 1e-7°.
func WriteAnnotationsKML(w io.Writer, layer Layer, items []Annotation) error {
	k := &kmlWriter{w: bufio.NewWriter(w)}
	k.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	k.raw(`<kml xmlns="http://www.opengis.net/kml/2.2">` + "\n<Document>")
	k.elem("name", layer.Name)
	k.raw("\n")
	for i := range items {
		if err := items[i].Validate(); err != nil {
			return fmt.Errorf("write KML: %w", err)
		}
		writeAnnotationStyle(k, "a"+strconv.Itoa(i+1), &items[i])
	}
	k.raw("<Folder>")
	k.elem("name", layer.Name)
	if layer.Hidden {
		k.raw("<visibility>0</visibility>")
	}
	k.raw("\n")
	for i := range items {
		writeAnnotationPlacemark(k, "a"+strconv.Itoa(i+1), &items[i])
	}
	k.raw("</Folder>\n</Document>\n</kml>\n")
	if k.err == nil {
		k.err = k.w.Flush()
	}
	if k.err != nil {
		return fmt.Errorf("write KML: %w", k.err)
	}
	return nil
}

// WriteAnnotationsKMZ writes WriteAnnotationsKML's document as KMZ: a zip
// archive holding doc.kml.
func WriteAnnotationsKMZ(w io.Writer, layer Layer, items []Annotation) error {
	zw := zip.NewWriter(w)
	f, err := zw.CreateHeader(&zip.FileHeader{Name: "doc.kml", Method: zip.Deflate, Modified: time.Now()})
	if err != nil {
		return fmt.Errorf("write KMZ: %w", err)
	}
	if err := WriteAnnotationsKML(f, layer, items); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write KMZ: %w", err)
	}
	return nil
}
