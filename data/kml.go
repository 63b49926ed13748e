package data

import (
	"archive/zip"
	"bufio"
	"fmt"
	"html"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// kmlIconHref is the circle icon every actor style points at. It is only a
// reference written into the file for the viewer (Google Earth ships it);
// Frontier never fetches it.
const kmlIconHref = "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"

// kmlNoActorStyle is the style of events that name no actor.
const kmlNoActorStyle = "no-actor"

// kmlWriter writes KML text to a buffered writer and remembers the first
// error, so the caller checks once.
type kmlWriter struct {
	w   *bufio.Writer
	err error
}

// raw writes s as it is (markup the writer builds itself).
func (k *kmlWriter) raw(s string) {
	if k.err == nil {
		_, k.err = k.w.WriteString(s)
	}
}

// text writes s as XML character data or attribute text: markup characters
// are escaped and characters XML 1.0 does not allow are dropped (invalid
// UTF-8 bytes become U+FFFD), so any input gives a well-formed document.
func (k *kmlWriter) text(s string) {
	if k.err != nil {
		return
	}
	k.raw(kmlEscaper.Replace(xmlClean(s)))
}

// kmlEscaper escapes XML markup; a CR is written as a reference because a
// parser would read a raw one back as LF.
var kmlEscaper = strings.NewReplacer("<", "&lt;", ">", "&gt;", "&", "&amp;", `"`, "&quot;", "'", "&apos;", "\r", "&#xD;")

// cdata writes s as CDATA sections, after dropping characters XML 1.0 does
// not allow; a "]]>" in s is split across two sections.
func (k *kmlWriter) cdata(s string) {
	s = xmlClean(s)
	k.raw("<![CDATA[")
	k.raw(strings.ReplaceAll(s, "]]>", "]]]]><![CDATA[>"))
	k.raw("]]>")
}

// elem writes <name>text</name> with text escaped.
func (k *kmlWriter) elem(name, text string) {
	k.raw("<" + name + ">")
	k.text(text)
	k.raw("</" + name + ">")
}

// xmlChar reports whether r may appear in an XML 1.0 document.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= utf8.MaxRune
}

// xmlClean returns s without the characters XML 1.0 does not allow, with
// each invalid UTF-8 byte replaced by U+FFFD.
func xmlClean(s string) string {
	return strings.Map(func(r rune) rune {
		if xmlChar(r) {
			return r
		}
		return -1
	}, s)
}

// kmlColor returns c as KML's opaque aabbggrr hex.
func kmlColor(c RGB) string { return fmt.Sprintf("ff%02x%02x%02x", c.B, c.G, c.R) }

// kmlStyleID is the Style id of the actor with string ID id.
func kmlStyleID(id uint32) string { return "actor-" + strconv.FormatUint(uint64(id), 10) }

// kmlPeriod returns the days an event covers: its day for day-precise
// events (instant true), the whole week, month or year it lies in for
// coarser precisions, and Date..DateEnd for spans. end is the last day,
// inclusive.
func kmlPeriod(e *Event) (begin, end time.Time, instant bool) {
	begin, end = e.Date, e.DateEnd
	if end.Before(begin) { // zero DateEnd
		end = begin
	}
	var b, l time.Time
	switch e.DatePrecision {
	case PrecWeek:
		b, l = e.Date, e.Date.AddDate(0, 0, 6)
	case PrecMonth:
		b = time.Date(e.Date.Year(), e.Date.Month(), 1, 0, 0, 0, 0, time.UTC)
		l = b.AddDate(0, 1, -1)
	case PrecYear:
		b = time.Date(e.Date.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		l = b.AddDate(1, 0, -1)
	case PrecSpan:
		return begin, end, false
	default:
		return begin, end, end.Equal(begin)
	}
	if b.Before(begin) {
		begin = b
	}
	if l.After(end) {
		end = l
	}
	return begin, end, false
}

// kmlDescription is the Placemark balloon: HTML with every value escaped.
func kmlDescription(e *Event) string {
	var b strings.Builder
	line := func(label, value string) {
		if value == "" {
			return
		}
		b.WriteString("<b>" + label + ":</b> ")
		b.WriteString(strings.ReplaceAll(html.EscapeString(value), "\n", "<br/>"))
		b.WriteString("<br/>\n")
	}
	typ := e.EventType
	if e.SubEventType != "" && e.SubEventType != typ {
		if typ != "" {
			typ += " – "
		}
		typ += e.SubEventType
	}
	line("Type", typ)
	line("Date", DateText(e.Date.Unix(), e.DateEnd.Unix(), e.DatePrecision))
	line("Actors", strings.Join(e.Actors(), "; "))
	line("Fatalities", strconv.Itoa(int(e.Fatalities)))
	line("Notes", e.Notes)
	line("Source", e.Source)
	return b.String()
}

// kmlName is a Placemark's title: its location and date.
func kmlName(e *Event) string {
	loc := e.Location
	if loc == "" {
		loc = e.Country
	}
	d := DateText(e.Date.Unix(), e.DateEnd.Unix(), e.DatePrecision)
	if loc == "" {
		return d
	}
	return loc + ", " + d
}

// WriteKML writes the events of rows as a KML 2.2 document for Google
// Earth and other GIS viewers. Each actor named by the events gets a Style
// coloured as the map colours it (ActorColor); events are grouped in one
// Folder per event type, in row order within a folder. Each Placemark
// carries its location and date as name, an HTML description, a TimeStamp
// (day-precise events) or TimeSpan (spans and week, month or year
// precision, end day inclusive) for the time slider, the GeoJSON export's
// properties as ExtendedData, and a Point. Text that XML cannot carry
// (control characters, invalid UTF-8) is dropped or replaced.
func (ix *Index) WriteKML(w io.Writer, rows []int32) error {
	k := &kmlWriter{w: bufio.NewWriter(w)}
	k.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	k.raw(`<kml xmlns="http://www.opengis.net/kml/2.2">` + "\n<Document>\n")
	k.elem("name", "Frontier events")
	k.raw("\n")
	k.elem("description", fmt.Sprintf("%d events exported by Frontier", len(rows)))
	k.raw("\n")

	// Styles: one per actor named by any exported event, sorted by name.
	seen := map[uint32]bool{}
	var actors []uint32
	add := func(id uint32) {
		if namesActor(ix, id) && !seen[id] {
			seen[id] = true
			actors = append(actors, id)
		}
	}
	for _, r := range rows {
		add(ix.Actor1[r])
		add(ix.Actor2[r])
		for _, a := range ix.Assoc[ix.AssocOff[r]:ix.AssocOff[r+1]] {
			add(a)
		}
	}
	sort.Slice(actors, func(i, j int) bool { return ix.Strings[actors[i]] < ix.Strings[actors[j]] })
	style := func(id, color string) {
		k.raw(`<Style id="` + id + `"><IconStyle><color>` + color + `</color><scale>0.8</scale><Icon><href>` +
			kmlIconHref + `</href></Icon></IconStyle><LabelStyle><scale>0</scale></LabelStyle></Style>` + "\n")
	}
	style(kmlNoActorStyle, kmlColor(RGB{0x80, 0x80, 0x80}))
	for _, id := range actors {
		style(kmlStyleID(id), kmlColor(ix.ActorColor(id)))
	}

	// Folders: one per event type, sorted by name; rows keep their order.
	ordered := append([]int32(nil), rows...)
	typeName := func(r int32) string {
		if id := ix.Type[r]; int(id) < len(ix.Strings) {
			return ix.Strings[id]
		}
		return ""
	}
	sort.SliceStable(ordered, func(i, j int) bool { return typeName(ordered[i]) < typeName(ordered[j]) })

	i := 0
	open := false
	err := ix.eachExported(ordered, func(e *Event, orig SourceActors, changed bool) error {
		row := ordered[i]
		if i == 0 || ix.Type[row] != ix.Type[ordered[i-1]] {
			if open {
				k.raw("</Folder>\n")
			}
			name := typeName(row)
			if name == "" {
				name = "No event type"
			}
			k.raw("<Folder>")
			k.elem("name", name)
			k.raw("\n")
			open = true
		}
		i++
		ix.writePlacemark(k, row, e, orig, changed)
		return k.err
	})
	if err != nil {
		return fmt.Errorf("write KML: %w", err)
	}
	if open {
		k.raw("</Folder>\n")
	}
	k.raw("</Document>\n</kml>\n")
	if k.err == nil {
		k.err = k.w.Flush()
	}
	if k.err != nil {
		return fmt.Errorf("write KML: %w", k.err)
	}
	return nil
}

// writePlacemark writes the Placemark of event e at row.
func (ix *Index) writePlacemark(k *kmlWriter, row int32, e *Event, orig SourceActors, changed bool) {
	k.raw("<Placemark>")
	k.elem("name", kmlName(e))
	k.raw("<description>")
	k.cdata(kmlDescription(e))
	k.raw("</description>")
	begin, end, instant := kmlPeriod(e)
	if instant {
		k.raw("<TimeStamp><when>" + begin.Format(DateLayout) + "</when></TimeStamp>")
	} else {
		k.raw("<TimeSpan><begin>" + begin.Format(DateLayout) + "</begin><end>" + end.Format(DateLayout) + "</end></TimeSpan>")
	}
	styleID := kmlNoActorStyle
	if a := ix.Actor1[row]; namesActor(ix, a) {
		styleID = kmlStyleID(a)
	} else if a := ix.Actor2[row]; namesActor(ix, a) {
		styleID = kmlStyleID(a)
	}
	k.raw("<styleUrl>#" + styleID + "</styleUrl>")
	props := EventProperties(e)
	if changed {
		addSourceActors(props, orig)
	}
	keys := make([]string, 0, len(props))
	for key := range props {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	k.raw("<ExtendedData>")
	for _, key := range keys {
		k.raw(`<Data name="`)
		k.text(key)
		k.raw(`"><value>`)
		k.text(fmt.Sprint(props[key]))
		k.raw("</value></Data>")
	}
	k.raw("</ExtendedData>")
	k.raw("<Point><coordinates>" + strconv.FormatFloat(e.Lon, 'f', -1, 64) + "," +
		strconv.FormatFloat(e.Lat, 'f', -1, 64) + "</coordinates></Point>")
	k.raw("</Placemark>\n")
}

// namesActor reports whether string ID id names an actor (and so has a
// Style in the document).
func namesActor(ix *Index, id uint32) bool {
	return id != 0 && int(id) < len(ix.Strings) && ix.Strings[id] != ""
}

// WriteKMZ writes the events of rows as KMZ: a zip archive whose first
// entry, doc.kml (deflated), is WriteKML's document.
func (ix *Index) WriteKMZ(w io.Writer, rows []int32) error {
	zw := zip.NewWriter(w)
	f, err := zw.CreateHeader(&zip.FileHeader{Name: "doc.kml", Method: zip.Deflate, Modified: time.Now()})
	if err != nil {
		return fmt.Errorf("write KMZ: %w", err)
	}
	if err := ix.WriteKML(f, rows); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write KMZ: %w", err)
	}
	return nil
}
