package data

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/htmlindex"
)

// DatasetKML is the dataset name of events imported from KML or KMZ files
// that do not name their own dataset (Frontier's export does).
const DatasetKML = "KML"

// KMZ limits: an archive with more entries, or whose entries claim (or
// turn out) to hold more bytes, is refused as a likely zip bomb.
const (
	MaxKMZEntries      = 1000
	MaxKMZUncompressed = 512 << 20
)

// maxKMLDepth bounds element nesting outside Placemarks.
const maxKMLDepth = 1000

// KMLReader streams events from a KML 2.2 document (or the KML inside a
// KMZ archive). Each Placemark with a Point (or with Points in a
// MultiGeometry, one event each) becomes an event: name → location,
// description → notes, TimeStamp/when or TimeSpan/begin+end → dates (any
// XML Schema form: YYYY, YYYY-MM, YYYY-MM-DD or a date-time, giving year,
// month, day or span precision), and ExtendedData Data/value and
// SchemaData/SimpleData pairs mapped by name as for GeoJSON, so that
// Frontier's own KML export reads back as the events it was written from.
// A Placemark without a time of its own takes that of its innermost
// enclosing Folder or Document (declared before it). LineStrings,
// LinearRings and Polygons (also inside MultiGeometries), and every
// geometry of a Placemark whose frontier:kind ExtendedData names an
// annotation kind, become annotations as ReadAnnotationsKML reads them,
// returned by Annotations when the events are done.
//
// The line Next reports is the 1-based index of the Placemark in the
// document. The document is read with encoding/xml as a token stream,
// which never resolves external entities, DTDs or NetworkLinks: the reader
// opens nothing but its input. One Placemark may take at most
// MaxFeatureBytes of input.
type KMLReader struct {
	// Dataset is given to Placemarks without a "dataset" value
	// (DatasetKML unless changed).
	Dataset string

	name    string
	cr      *capReader
	dec     *xml.Decoder
	closer  io.Closer
	stack   []kmlFrame
	mark    int
	pending []Event
	pline   int
	ev      Event
	empty   int

	ann annotationCollector
	// annStyles says how to style ann.items[i], resolved at the end.
	annStyles     []kmlAnnotationStyle
	styles        map[string]*kmlStyleIn
	styleMaps     map[string]*kmlStyleMapIn
	tooManyStyles bool
	resolved      bool
	// annotationsOnly reads every geometry as annotations (Points as
	// markers), for ReadAnnotationsKML.
	annotationsOnly bool
}

// kmlFrame is an open element outside any Placemark, with the time a
// Folder or Document declares.
type kmlFrame struct {
	name string
	time *kmlTime
}

// kmlTime is a TimeStamp or TimeSpan.
type kmlTime struct {
	When, Begin, End string
}

type kmlTimeStamp struct {
	When string `xml:"when"`
}

type kmlTimeSpan struct {
	Begin string `xml:"begin"`
	End   string `xml:"end"`
}

type kmlCoords struct {
	Coordinates string `xml:"coordinates"`
}

// kmlPlacemarkIn is the part of a Placemark the reader uses; elements not
// named here are skipped without being kept.
type kmlPlacemarkIn struct {
	ID          string        `xml:"id,attr"`
	Name        string        `xml:"name"`
	Description string        `xml:"description"`
	TimeStamp   *kmlTimeStamp `xml:"TimeStamp"`
	TimeSpan    *kmlTimeSpan  `xml:"TimeSpan"`
	Data        []struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value"`
	} `xml:"ExtendedData>Data"`
	SimpleData []struct {
		Name  string `xml:"name,attr"`
		Value string `xml:",chardata"`
	} `xml:"ExtendedData>SchemaData>SimpleData"`
	Point      *kmlCoords     `xml:"Point"`
	Multi      *kmlGeometryIn `xml:"MultiGeometry"`
	LineString *kmlCoords     `xml:"LineString"`
	LinearRing *kmlCoords     `xml:"LinearRing"`
	Polygon    *kmlPolygonIn  `xml:"Polygon"`
	StyleURL   string         `xml:"styleUrl"`
	Style      *kmlStyleIn    `xml:"Style"`
}

// NewKMLReader reads a KML document from r. It fails when the document
// does not start with a kml element (after the XML declaration).
func NewKMLReader(name string, r io.Reader) (*KMLReader, error) {
	cr := &capReader{r: skipBOM(r)}
	cr.allow(MaxFeatureBytes)
	k := &KMLReader{Dataset: DatasetKML, name: name, cr: cr, dec: xml.NewDecoder(cr)}
	k.dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		enc, err := htmlindex.Get(label)
		if err != nil {
			return nil, fmt.Errorf("unknown character set %q", label)
		}
		return enc.NewDecoder().Reader(in), nil
	}
	for {
		tok, err := k.dec.Token()
		if err != nil {
			return nil, fmt.Errorf("%s: not KML: %w", name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "kml" {
				return nil, fmt.Errorf("%s: not KML: the document is a %q element (want kml)", name, t.Name.Local)
			}
			k.stack = append(k.stack, kmlFrame{name: "kml"})
			return k, nil
		case xml.CharData:
			if strings.TrimSpace(string(t)) != "" {
				return nil, fmt.Errorf("%s: not KML: text before the kml element", name)
			}
		}
	}
}

// NewKMZReader reads the KML document of a KMZ archive: doc.kml, or else
// the first .kml entry. Archives with more than MaxKMZEntries entries or
// more than MaxKMZUncompressed bytes are refused. Close the reader when
// done.
func NewKMZReader(name string, r io.ReaderAt, size int64) (*KMLReader, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("%s: not a KMZ archive: %w", name, err)
	}
	if len(zr.File) > MaxKMZEntries {
		return nil, fmt.Errorf("%s: KMZ has %d entries, more than %d (refused)", name, len(zr.File), MaxKMZEntries)
	}
	var total uint64
	var doc *zip.File
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > MaxKMZUncompressed {
			return nil, fmt.Errorf("%s: KMZ would uncompress to more than %d MiB (refused)", name, MaxKMZUncompressed>>20)
		}
		if strings.EqualFold(path.Ext(f.Name), ".kml") && (doc == nil || strings.EqualFold(f.Name, "doc.kml")) {
			if doc == nil || !strings.EqualFold(doc.Name, "doc.kml") {
				doc = f
			}
		}
	}
	if doc == nil {
		return nil, fmt.Errorf("%s: KMZ has no .kml document", name)
	}
	rc, err := doc.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", name, doc.Name, err)
	}
	// Entry headers can lie: the limit holds for what is actually read.
	lr := &kmzLimit{r: rc, left: int64(doc.UncompressedSize64)}
	k, err := NewKMLReader(name+"/"+doc.Name, lr)
	if err != nil {
		rc.Close()
		return nil, err
	}
	k.closer = rc
	return k, nil
}

// kmzLimit fails a read past the entry's declared size.
type kmzLimit struct {
	r    io.Reader
	left int64
}

func (l *kmzLimit) Read(p []byte) (int, error) {
	if l.left <= 0 {
		var b [1]byte
		if n, _ := l.r.Read(b[:]); n > 0 {
			return 0, errors.New("KMZ entry is larger than its header says (refused)")
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}

// Close releases a KMZ entry; it does nothing for plain KML.
func (k *KMLReader) Close() error {
	if k.closer != nil {
		return k.closer.Close()
	}
	return nil
}

// Format returns "kml".
func (k *KMLReader) Format() string { return "kml" }

// Warnings counts the Placemarks that were skipped for having no
// geometry and names those whose annotations were skipped or changed.
func (k *KMLReader) Warnings() []string {
	k.resolveAnnotationStyles()
	w := k.ann.Warnings()
	if k.empty > 0 {
		w = append(w, fmt.Sprintf("%d placemarks without a geometry skipped", k.empty))
	}
	return w
}

// Annotations returns the annotations read, styled; call it once Next has
// returned io.EOF (shared styles may be declared after their use).
func (k *KMLReader) Annotations() []Annotation {
	k.resolveAnnotationStyles()
	return k.ann.items
}

// Next returns the next event; see EventSource.
func (k *KMLReader) Next() (*Event, int, error) {
	for {
		if len(k.pending) > 0 {
			k.ev = k.pending[0]
			k.pending = k.pending[1:]
			return &k.ev, k.pline, nil
		}
		k.cr.allow(MaxFeatureBytes)
		tok, err := k.dec.Token()
		if errors.Is(err, io.EOF) {
			if len(k.stack) > 0 {
				return nil, k.mark, fmt.Errorf("%s: the document ends inside <%s>", k.name, k.stack[len(k.stack)-1].name)
			}
			return nil, 0, io.EOF
		}
		if err != nil {
			return nil, k.mark, fmt.Errorf("%s: after placemark %d: %w", k.name, k.mark, err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if len(k.stack) > 0 {
				k.stack = k.stack[:len(k.stack)-1]
			}
		case xml.StartElement:
			if len(k.stack) == 0 {
				return nil, k.mark, fmt.Errorf("%s: content after the kml element", k.name)
			}
			parent := &k.stack[len(k.stack)-1]
			container := parent.name == "Document" || parent.name == "Folder"
			switch {
			case t.Name.Local == "Placemark":
				k.mark++
				var pm kmlPlacemarkIn
				if err := k.dec.DecodeElement(&pm, &t); err != nil {
					return nil, k.mark, fmt.Errorf("%s: placemark %d: %w", k.name, k.mark, err)
				}
				evs, rerr := k.placemark(&pm)
				if rerr != nil {
					rerr.Line = k.mark
					return nil, k.mark, rerr
				}
				k.pending, k.pline = evs, k.mark
			case container && t.Name.Local == "TimeStamp":
				var ts kmlTimeStamp
				if err := k.dec.DecodeElement(&ts, &t); err != nil {
					return nil, k.mark, fmt.Errorf("%s: %w", k.name, err)
				}
				parent.time = &kmlTime{When: ts.When}
			case t.Name.Local == "Style" || t.Name.Local == "StyleMap":
				var st kmlStyleIn
				var sm kmlStyleMapIn
				var err error
				if t.Name.Local == "Style" {
					err = k.dec.DecodeElement(&st, &t)
				} else {
					err = k.dec.DecodeElement(&sm, &t)
				}
				if err != nil {
					return nil, k.mark, fmt.Errorf("%s: after placemark %d: %s: %w", k.name, k.mark, t.Name.Local, err)
				}
				if t.Name.Local == "Style" {
					k.keepStyle(&st, nil)
				} else {
					k.keepStyle(nil, &sm)
				}
			case container && t.Name.Local == "TimeSpan":
				var ts kmlTimeSpan
				if err := k.dec.DecodeElement(&ts, &t); err != nil {
					return nil, k.mark, fmt.Errorf("%s: %w", k.name, err)
				}
				parent.time = &kmlTime{Begin: ts.Begin, End: ts.End}
			default:
				if len(k.stack) >= maxKMLDepth {
					return nil, k.mark, fmt.Errorf("%s: elements nested more than %d deep", k.name, maxKMLDepth)
				}
				k.stack = append(k.stack, kmlFrame{name: t.Name.Local})
			}
		}
	}
}

// inherited returns the time of the innermost enclosing container that
// declares one.
func (k *KMLReader) inherited() *kmlTime {
	for i := len(k.stack) - 1; i >= 0; i-- {
		if k.stack[i].time != nil {
			return k.stack[i].time
		}
	}
	return nil
}

// kmlDates turns a TimeStamp or TimeSpan into an event's dates (zero when
// t holds no time).
func kmlDates(t *kmlTime) (Event, *RowError) {
	var e Event
	if t == nil {
		return e, nil
	}
	if w := strings.TrimSpace(t.When); w != "" {
		d, err := parseISODate(w)
		if err != nil {
			return e, &RowError{Field: "TimeStamp", Reason: err.Error()}
		}
		e.Date, e.DateEnd, e.DatePrecision = d.first, d.first, d.prec
		return e, nil
	}
	b, en := strings.TrimSpace(t.Begin), strings.TrimSpace(t.End)
	if b == "" && en == "" {
		return e, nil
	}
	if b == "" || en == "" || b == en { // open-ended or one value: that value
		s := b + en
		if b == en {
			s = b
		}
		d, err := parseISODate(s)
		if err != nil {
			return e, &RowError{Field: "TimeSpan", Reason: err.Error()}
		}
		e.Date, e.DateEnd, e.DatePrecision = d.first, d.first, d.prec
		return e, nil
	}
	bd, err := parseISODate(b)
	if err != nil {
		return e, &RowError{Field: "TimeSpan/begin", Reason: err.Error()}
	}
	ed, err := parseISODate(en)
	if err != nil {
		return e, &RowError{Field: "TimeSpan/end", Reason: err.Error()}
	}
	if ed.last.Before(bd.first) {
		return e, &RowError{Field: "TimeSpan/end", Reason: fmt.Sprintf("%s is before begin %s", en, b)}
	}
	e.Date, e.DateEnd, e.DatePrecision = bd.first, ed.last, PrecSpan
	if e.Date.Equal(e.DateEnd) {
		e.DatePrecision = PrecDay
	}
	return e, nil
}

// placemark turns one Placemark into its events (none when it has no
// point).
func (k *KMLReader) placemark(pm *kmlPlacemarkIn) ([]Event, *RowError) {
	pt := &kmlTime{}
	if pm.TimeStamp != nil {
		pt.When = pm.TimeStamp.When
	} else if pm.TimeSpan != nil {
		pt.Begin, pt.End = pm.TimeSpan.Begin, pm.TimeSpan.End
	} else {
		pt = k.inherited()
	}
	ext := frontierExtendedData(pm)
	_, annotation := ParseAnnotationKind(ext[PropKind])
	coords, hasGeometry := k.placemarkAnnotations(pm, k.annotationsOnly || annotation, ext, pt)
	if !hasGeometry {
		k.empty++
	}
	if len(coords) == 0 {
		return nil, nil
	}
	p := props{}
	for _, d := range pm.SimpleData {
		if v := strings.TrimSpace(d.Value); v != "" {
			p[normKey(d.Name)] = v
		}
	}
	for _, d := range pm.Data {
		if v := strings.TrimSpace(d.Value); v != "" {
			p[normKey(d.Name)] = v
		}
	}
	// Frontier's export writes every field as ExtendedData; its name and
	// description are presentation only.
	frontier := p["dataset"] != "" && p["event_id_cnty"] != ""
	if !frontier {
		if v := strings.TrimSpace(pm.Name); v != "" && p["name"] == "" {
			p["name"] = v
		}
		if v := strings.TrimSpace(pm.Description); v != "" && p["description"] == "" {
			p["description"] = v
		}
	}
	t := pt
	fallback, rerr := kmlDates(t)
	if rerr != nil {
		if v, _ := p.get(propDate...); v == "" {
			return nil, rerr
		}
	}
	id := pm.ID
	if id == "" && p.str(propID...) == "" {
		var tt string
		if t != nil {
			tt = t.When + "/" + t.Begin + "/" + t.End
		}
		id = contentID("kml", []byte(pm.Name), []byte(pm.Description), []byte(strings.Join(coords, " ")), []byte(tt))
	}
	var base Event
	if rerr := eventFromProps(&base, p, k.Dataset, id, &fallback); rerr != nil {
		return nil, rerr
	}
	out := make([]Event, len(coords))
	for i, c := range coords {
		out[i] = base
		lon, lat, rerr := kmlLonLat(c)
		if rerr != nil {
			return nil, rerr
		}
		if rerr := checkLonLat(&out[i], lon, lat); rerr != nil {
			return nil, rerr
		}
		if len(coords) > 1 {
			out[i].SourceID = base.SourceID + "#" + strconv.Itoa(i+1)
		}
	}
	return out, nil
}

// kmlLonLat reads the first "lon,lat[,alt]" tuple of a coordinates
// element.
func kmlLonLat(s string) (lon, lat float64, rerr *RowError) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return 0, 0, &RowError{Field: "coordinates", Reason: "empty"}
	}
	parts := strings.Split(f[0], ",")
	if len(parts) < 2 {
		return 0, 0, &RowError{Field: "coordinates", Reason: fmt.Sprintf("%q is not longitude,latitude", f[0])}
	}
	lon, err1 := strconv.ParseFloat(parts[0], 64)
	lat, err2 := strconv.ParseFloat(parts[1], 64)
	if err1 != nil || err2 != nil {
		return 0, 0, &RowError{Field: "coordinates", Reason: fmt.Sprintf("%q is not longitude,latitude", f[0])}
	}
	return lon, lat, nil
}
