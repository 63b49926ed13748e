package data

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readKML(t *testing.T, text string) ([]Event, []*RowError, *KMLReader) {
	t.Helper()
	k, err := NewKMLReader("t.kml", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	evs, errs := drain(t, k)
	return evs, errs, k
}

func TestKMLQuirks(t *testing.T) {
	b, err := os.ReadFile("testdata/quirks.kml")
	if err != nil {
		t.Fatal(err)
	}
	evs, errs, k := readKML(t, string(b))
	if len(evs) != 4 {
		t.Fatalf("got %d events: %+v", len(evs), evs)
	}
	if e := evs[0]; e.SourceID != "p1" || e.Dataset != DatasetKML || e.Date != day("2019-01-01") || e.DatePrecision != PrecYear ||
		e.Location != "Inherited" || e.Notes != "From folder" || e.Lon != 10.5 || e.Lat != 20.25 {
		t.Errorf("inherited: %+v", e)
	}
	if e := evs[1]; !strings.HasPrefix(e.SourceID, "kml-") || e.Date != day("2020-03-21") || e.DatePrecision != PrecDay || e.Actor1 != "Alpha" || e.Fatalities != 4 || e.Lat != 2 {
		t.Errorf("own time: %+v", e)
	}
	for i, e := range evs[2:] {
		if e.SourceID != "sp#"+string(rune('1'+i)) || e.Date != day("2020-03-01") || e.DateEnd != day("2020-05-10") || e.DatePrecision != PrecSpan {
			t.Errorf("span: %+v", e)
		}
	}
	if len(errs) != 1 || errs[0].Line != 4 || errs[0].Field != "date" {
		t.Errorf("errors %v", errs)
	}
	if w := k.Warnings(); len(w) != 0 {
		t.Errorf("warnings %q", w)
	}
	// The LineString placemark is an annotation.
	if as := k.Annotations(); len(as) != 1 || as[0].Kind != KindPolyline || as[0].Label != "Line" || len(as[0].Points) != 2 {
		t.Errorf("annotations %+v", as)
	}
	if k.Format() != "kml" {
		t.Error(k.Format())
	}
}

func TestKMLDates(t *testing.T) {
	tests := []struct {
		time       string
		start, end string
		prec       DatePrecision
	}{
		{"<TimeStamp><when>1997</when></TimeStamp>", "1997-01-01", "1997-01-01", PrecYear},
		{"<TimeStamp><when>1997-07</when></TimeStamp>", "1997-07-01", "1997-07-01", PrecMonth},
		{"<TimeStamp><when>1997-07-16</when></TimeStamp>", "1997-07-16", "1997-07-16", PrecDay},
		{"<TimeStamp><when>1997-07-16T07:30:15Z</when></TimeStamp>", "1997-07-16", "1997-07-16", PrecDay},
		{"<TimeStamp><when>1997-07-16T23:30:15-03:00</when></TimeStamp>", "1997-07-17", "1997-07-17", PrecDay},
		{"<TimeStamp><when>1997-07-16T23:30:15</when></TimeStamp>", "1997-07-16", "1997-07-16", PrecDay},
		{"<TimeStamp><when>1997-07-16T23:30:15.25Z</when></TimeStamp>", "1997-07-16", "1997-07-16", PrecDay},
		{"<TimeSpan><begin>1997</begin><end>1998</end></TimeSpan>", "1997-01-01", "1998-12-31", PrecSpan},
		{"<TimeSpan><begin>1997-07-16</begin></TimeSpan>", "1997-07-16", "1997-07-16", PrecDay},
		{"<TimeSpan><end>1997-07</end></TimeSpan>", "1997-07-01", "1997-07-01", PrecMonth},
		{"<TimeSpan><begin>1997-07-16</begin><end>1997-07-16T12:00:00Z</end></TimeSpan>", "1997-07-16", "1997-07-16", PrecDay},
	}
	for _, tc := range tests {
		doc := `<kml><Placemark>` + tc.time + `<Point><coordinates>1,2</coordinates></Point></Placemark></kml>`
		evs, errs, _ := readKML(t, doc)
		if len(evs) != 1 || len(errs) != 0 {
			t.Errorf("%s: %v %v", tc.time, evs, errs)
			continue
		}
		if e := evs[0]; e.Date != day(tc.start) || e.DateEnd != day(tc.end) || e.DatePrecision != tc.prec {
			t.Errorf("%s: %s..%s %s", tc.time, e.Date.Format(DateLayout), e.DateEnd.Format(DateLayout), e.DatePrecision)
		}
	}
	for _, bad := range []string{"<TimeStamp><when>July</when></TimeStamp>", "<TimeSpan><begin>1998</begin><end>1997</end></TimeSpan>", "<TimeStamp><when>1997-13</when></TimeStamp>"} {
		doc := `<kml><Placemark>` + bad + `<Point><coordinates>1,2</coordinates></Point></Placemark></kml>`
		if evs, errs, _ := readKML(t, doc); len(evs) != 0 || len(errs) != 1 || errs[0].Line != 1 {
			t.Errorf("%s: %v %v", bad, evs, errs)
		}
	}
}

func TestKMLNotKML(t *testing.T) {
	for _, text := range []string{"", "<html><body/></html>", "text", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><gpx/>"} {
		if _, err := NewKMLReader("x.kml", strings.NewReader(text)); err == nil || !strings.Contains(err.Error(), "x.kml") {
			t.Errorf("%q: err %v", text, err)
		}
	}
	// External entities are never resolved: the reference is an error.
	k, err := NewKMLReader("x.kml", strings.NewReader(`<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY e SYSTEM "file:///etc/passwd">]><kml><Placemark><name>&e;</name></Placemark></kml>`))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := k.Next(); err == nil || errors.Is(err, io.EOF) {
		t.Errorf("entity: %v", err)
	}
	// A truncated document is an error, not a quiet end.
	k, _ = NewKMLReader("x.kml", strings.NewReader(`<kml><Document><Placemark><TimeStamp><when>2020</when></TimeStamp><Point><coordinates>1,2</coordinates></Point></Placemark>`))
	if evs, err := drainErr(k); len(evs) != 1 || err == nil {
		t.Errorf("truncated: %d events, %v", len(evs), err)
	}
	// Latin-1 documents are decoded.
	evs, _, _ := readKML(t, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><kml><Placemark><name>S\xe3o Paulo</name><TimeStamp><when>2020</when></TimeStamp><Point><coordinates>1,2</coordinates></Point></Placemark></kml>")
	if len(evs) != 1 || evs[0].Location != "São Paulo" {
		t.Errorf("latin-1: %+v", evs)
	}
}

// drainErr reads src to its end or first fatal error.
func drainErr(src EventSource) ([]Event, error) {
	var evs []Event
	for {
		e, _, err := src.Next()
		var re *RowError
		switch {
		case errors.Is(err, io.EOF):
			return evs, nil
		case errors.As(err, &re):
		case err != nil:
			return evs, err
		default:
			evs = append(evs, *e)
		}
	}
}

// kmlOnly drops what the KML export cannot carry: invalid UTF-8 and
// characters XML does not allow.
func kmlOnly(e *Event) {
	for _, s := range []*string{&e.Location, &e.Notes, &e.Actor1} {
		*s = xmlClean(*s)
	}
}

func TestKMLRoundTrip(t *testing.T) {
	s, ix, rows := acledStore(t)
	roundTrip(t, s, rows, ".kml", "kml", ix.WriteKML, nil)
}

func TestKMZRoundTrip(t *testing.T) {
	s, ix, rows := acledStore(t)
	roundTrip(t, s, rows, ".kmz", "kml", ix.WriteKMZ, nil)
}

func TestKMLRoundTripPrecisions(t *testing.T) {
	ix, rows := kmlFixture(t)
	roundTrip(t, ix.store, rows, ".kml", "kml", ix.WriteKML, kmlOnly)
}

// zipOf builds a zip archive of the named entries.
func zipOf(t *testing.T, entries ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(entries); i += 2 {
		w, err := zw.Create(entries[i])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(entries[i+1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestKMZ(t *testing.T) {
	pm := func(name string) string {
		return `<kml><Placemark><name>` + name + `</name><TimeStamp><when>2020</when></TimeStamp><Point><coordinates>1,2</coordinates></Point></Placemark></kml>`
	}
	b := zipOf(t, "files/a.png", "x", "other.kml", pm("other"), "doc.kml", pm("doc"))
	k, err := NewKMZReader("x.kmz", bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	evs, _ := drain(t, k)
	k.Close()
	if len(evs) != 1 || evs[0].Location != "doc" {
		t.Errorf("doc.kml first: %+v", evs)
	}
	b = zipOf(t, "a.txt", "x", "sub/First.KML", pm("first"), "second.kml", pm("second"))
	k, err = NewKMZReader("x.kmz", bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if evs, _ := drain(t, k); len(evs) != 1 || evs[0].Location != "first" {
		t.Errorf("first .kml: %+v", evs)
	}
	for name, b := range map[string][]byte{
		"no kml":    zipOf(t, "a.txt", "x"),
		"not a zip": []byte("PK\x03\x04garbage"),
		"too many": func() []byte {
			var e []string
			for i := 0; i <= MaxKMZEntries; i++ {
				e = append(e, strings.Repeat("d/", 1)+string(rune('a'+i%26))+strings.Repeat("x", i/26)+".txt", "")
			}
			return zipOf(t, e...)
		}(),
	} {
		if _, err := NewKMZReader("x.kmz", bytes.NewReader(b), int64(len(b))); err == nil || !strings.Contains(err.Error(), "x.kmz") {
			t.Errorf("%s: err %v", name, err)
		}
	}
	// A bomb: one entry that inflates past the limit is refused from its
	// header.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("doc.kml")
	zero := make([]byte, 1<<20)
	for i := 0; i < MaxKMZUncompressed>>20+1; i++ {
		w.Write(zero)
	}
	zw.Close()
	if _, err := NewKMZReader("bomb.kmz", bytes.NewReader(buf.Bytes()), int64(buf.Len())); err == nil || !strings.Contains(err.Error(), "refused") {
		t.Errorf("bomb: %v", err)
	}
}

func TestImportFileDetectsKML(t *testing.T) {
	s := openTemp(t)
	rep := importFile(t, s, "testdata/quirks.kml")
	if rep.Format != "kml" || rep.Added != 4 || rep.Rejected != 1 || len(rep.Warnings) != 0 || rep.AnnotationsAdded != 1 || rep.Layer != "quirks" {
		t.Errorf("kml: %+v", rep)
	}
	b, err := os.ReadFile("testdata/quirks.kml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "q.kmz")
	if err := os.WriteFile(path, zipOf(t, "doc.kml", string(b)), 0o644); err != nil {
		t.Fatal(err)
	}
	if rep := importFile(t, openTemp(t), path); rep.Format != "kml" || rep.Added != 4 || rep.AnnotationsAdded != 1 || rep.Layer != "q" {
		t.Errorf("kmz: %+v", rep)
	}
	for _, text := range []string{"<gpx></gpx>", "PK\x03\x04junk"} {
		path := writeTemp(t, "bad", text)
		if _, err := s.ImportFile(context.Background(), path, nil); err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("%q: err %v", text, err)
		}
	}
	// CSV detection is unchanged.
	if rep := importFile(t, openTemp(t), "testdata/ucdp_current.csv"); rep.Format != "ucdp" {
		t.Errorf("ucdp: %+v", rep)
	}
}

// FuzzKMLReader feeds arbitrary bytes to the KML reader: it must never
// panic, every Placemark must end as a valid event or a row error with its
// number, and the input must be consumed in bounded steps.
func FuzzKMLReader(f *testing.F) {
	b, err := readTestdata("quirks.kml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`<kml><Folder><TimeStamp><when>2020-03</when></TimeStamp><Placemark><Point><coordinates>1,2</coordinates></Point></Placemark></Folder></kml>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		k, err := NewKMLReader("fuzz.kml", bytes.NewReader(b))
		if err != nil {
			return
		}
		drainFuzzed(t, k, 2*len(b)+2, "placemark number", func(e *Event, line int) {
			if line <= 0 || e.Validate() != nil {
				t.Fatalf("bad event at placemark %d: %+v (%v)", line, e, e.Validate())
			}
		})
	})
}
