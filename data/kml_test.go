package data

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// kmlFile is the part of an exported KML document the tests read back.
type kmlFile struct {
	XMLName  xml.Name `xml:"http://www.opengis.net/kml/2.2 kml"`
	Document struct {
		Name   string `xml:"name"`
		Styles []struct {
			ID    string `xml:"id,attr"`
			Color string `xml:"IconStyle>color"`
			Href  string `xml:"IconStyle>Icon>href"`
		} `xml:"Style"`
		Folders []struct {
			Name       string         `xml:"name"`
			Placemarks []kmlPlacemark `xml:"Placemark"`
		} `xml:"Folder"`
	} `xml:"Document"`
}

type kmlPlacemark struct {
	Name        string `xml:"name"`
	Description string `xml:"description"`
	When        string `xml:"TimeStamp>when"`
	Begin       string `xml:"TimeSpan>begin"`
	End         string `xml:"TimeSpan>end"`
	StyleURL    string `xml:"styleUrl"`
	Data        []struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value"`
	} `xml:"ExtendedData>Data"`
	Coordinates string `xml:"Point>coordinates"`
}

func (p *kmlPlacemark) data(name string) string {
	for _, d := range p.Data {
		if d.Name == name {
			return d.Value
		}
	}
	return ""
}

// parseKML decodes b strictly and returns its placemarks by event ID.
func parseKML(t *testing.T, b []byte) (*kmlFile, map[string]*kmlPlacemark) {
	t.Helper()
	for i, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			t.Fatalf("control byte %#x at %d", c, i)
		}
	}
	var f kmlFile
	if err := xml.Unmarshal(b, &f); err != nil {
		t.Fatalf("KML is not well-formed: %v\n%s", err, b)
	}
	pm := map[string]*kmlPlacemark{}
	for fi := range f.Document.Folders {
		for pi := range f.Document.Folders[fi].Placemarks {
			p := &f.Document.Folders[fi].Placemarks[pi]
			pm[p.data("event_id_cnty")] = p
		}
	}
	return &f, pm
}

const nasty = "a<b>&c\"d'e ]]> f\x00g\x01h\x1bi\x7f\r\nj\xff\xfek\uFFFEl\U0001F600 </description>"

// kmlFixture stores events covering every date precision, an event without
// actors and one whose text is hostile to XML.
func kmlFixture(t *testing.T) (*Index, []int32) {
	t.Helper()
	s := openTemp(t)
	dayEv := ev("d1", "2024-03-21", [3]string{"Alpha", "Beta", "Gamma"}, "Battles", "Armed clash", 7, 71.5, 34.25)
	span := ev("s1", "2021-12-01", [3]string{"Beta", "", ""}, "Riots", "Mob violence", 0, -1.5, -33.25)
	span.DateEnd, span.DatePrecision = day("2021-12-31"), PrecSpan
	week := ev("w1", "2022-01-03", [3]string{"Alpha", "", ""}, "Battles", "", 1, 10, 20)
	week.DatePrecision = PrecWeek
	month := ev("m1", "2020-02-15", [3]string{"", "Gamma", ""}, "Protests", "", 0, 11, 21)
	month.DatePrecision = PrecMonth
	year := ev("y1", "1965-06-01", [3]string{"", "", ""}, "", "", 0, 12, 22)
	year.DatePrecision = PrecYear
	bad := ev("x1", "2023-05-05", [3]string{nasty, "", ""}, "Battles", "", 3, 13, 23)
	bad.Location, bad.Notes = nasty, nasty
	if _, err := s.Import(context.Background(), "t", &sliceSource{events: []*Event{dayEv, span, week, month, year, bad}}, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.SetActor(Actor{Name: "Alpha", Color: RGB{0x12, 0x34, 0x56}}); err != nil {
		t.Fatal(err)
	}
	ix, err := LoadIndex(s)
	if err != nil {
		t.Fatal(err)
	}
	all, err := ix.Filter(&Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Rows) != 6 {
		t.Fatalf("fixture has %d rows", len(all.Rows))
	}
	return ix, all.Rows
}

func TestWriteKML(t *testing.T) {
	ix, rows := kmlFixture(t)
	var buf bytes.Buffer
	if err := ix.WriteKML(&buf, rows); err != nil {
		t.Fatal(err)
	}
	f, pm := parseKML(t, buf.Bytes())
	n := 0
	folders := []string{}
	for _, fo := range f.Document.Folders {
		n += len(fo.Placemarks)
		folders = append(folders, fo.Name)
	}
	if n != len(rows) || len(pm) != len(rows) {
		t.Fatalf("%d placemarks (%d distinct), want %d", n, len(pm), len(rows))
	}
	if got := strings.Join(folders, "|"); got != "No event type|Battles|Protests|Riots" {
		t.Errorf("folders %q", got)
	}
	if f.Document.Name == "" {
		t.Error("document has no name")
	}

	// One style per actor (plus the no-actor style), coloured aabbggrr.
	styles := map[string]string{}
	for _, s := range f.Document.Styles {
		if s.Href != kmlIconHref {
			t.Errorf("style %s icon %q", s.ID, s.Href)
		}
		styles[s.ID] = s.Color
	}
	if len(styles) != 5 || styles[kmlNoActorStyle] == "" {
		t.Errorf("styles %v, want 4 actors and %s", styles, kmlNoActorStyle)
	}
	for _, name := range []string{"Alpha", "Beta", "Gamma"} {
		id, ok := ix.StringID(name)
		if !ok {
			t.Fatalf("no string ID for %s", name)
		}
		c := ix.ActorColor(id)
		want := "ff" + hex2(c.B) + hex2(c.G) + hex2(c.R)
		if styles[kmlStyleID(id)] != want {
			t.Errorf("%s: colour %q, want %q", name, styles[kmlStyleID(id)], want)
		}
	}
	alpha, _ := ix.StringID("Alpha")
	if styles[kmlStyleID(alpha)] != "ff563412" {
		t.Errorf("user colour #123456 as %q, want ff563412", styles[kmlStyleID(alpha)])
	}

	d := pm["d1"]
	if d == nil || d.When != "2024-03-21" || d.Begin != "" || d.Coordinates != "71.5,34.25" || d.StyleURL != "#"+kmlStyleID(alpha) ||
		d.Name != "Loc d1, 2024-03-21" || d.data("fatalities") != "7" || d.data("actor2") != "Beta" || d.data("assoc_actor_1") != "Gamma" ||
		d.data("event_type") != "Battles" || d.data("dataset") != "T" {
		t.Errorf("day event %+v", d)
	}
	if !strings.Contains(d.Description, "Armed clash") || !strings.Contains(d.Description, "Alpha; Beta; Gamma") || !strings.Contains(d.Description, "note of d1") {
		t.Errorf("day description %q", d.Description)
	}
	periods := map[string][2]string{
		"s1": {"2021-12-01", "2021-12-31"},
		"w1": {"2022-01-03", "2022-01-09"},
		"m1": {"2020-02-01", "2020-02-29"},
		"y1": {"1965-01-01", "1965-12-31"},
	}
	for id, want := range periods {
		p := pm[id]
		if p == nil || p.When != "" || p.Begin != want[0] || p.End != want[1] {
			t.Errorf("%s: TimeSpan %+v, want %v", id, p, want)
		}
	}
	if s := pm["s1"]; s.data("event_date_end") != "2021-12-31" || s.data("date_precision") != "span" {
		t.Errorf("span ExtendedData %+v", s.Data)
	}
	gamma, _ := ix.StringID("Gamma")
	if pm["m1"].StyleURL != "#"+kmlStyleID(gamma) || pm["y1"].StyleURL != "#"+kmlNoActorStyle {
		t.Errorf("style of actor2-only %q, of no actor %q", pm["m1"].StyleURL, pm["y1"].StyleURL)
	}

	// Hostile text survives as text: markup escaped, CDATA end split,
	// characters XML cannot carry dropped.
	x := pm["x1"]
	if x == nil {
		t.Fatal("no placemark for x1")
	}
	for what, got := range map[string]string{"name": x.Name, "notes": x.data("notes"), "location": x.data("location"), "actor1": x.data("actor1")} {
		if !strings.Contains(got, "a<b>&c\"d'e ]]> f") || !strings.Contains(got, "\U0001F600 </description>") {
			t.Errorf("%s lost its text: %q", what, got)
		}
		if strings.ContainsAny(got, "\x00\x01\x1b\uFFFE") {
			t.Errorf("%s kept a control character: %q", what, got)
		}
	}
	if !strings.Contains(x.Description, "a&lt;b&gt;&amp;c") || strings.Contains(x.Description, "<b>&c") {
		t.Errorf("notes not HTML-escaped in description: %q", x.Description)
	}
	if !strings.Contains(buf.String(), "<Data name=\"notes\"><value>a&lt;b&gt;&amp;c") {
		t.Errorf("notes not XML-escaped in ExtendedData")
	}
}

func hex2(b uint8) string {
	s := strconv.FormatUint(uint64(b), 16)
	if len(s) == 1 {
		s = "0" + s
	}
	return s
}

func TestKMLText(t *testing.T) {
	var buf bytes.Buffer
	k := &kmlWriter{w: bufio.NewWriter(&buf)}
	k.raw("<r><t>")
	k.text(nasty)
	k.raw("</t><c>")
	k.cdata(nasty + "]]>]]]>")
	k.raw("</c></r>")
	k.w.Flush()
	var r struct {
		T string `xml:"t"`
		C string `xml:"c"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &r); err != nil {
		t.Fatalf("%v\n%q", err, buf.String())
	}
	want := "a<b>&c\"d'e ]]> fghi\x7f\r\nj\uFFFD\uFFFDkl\U0001F600 </description>"
	if r.T != want {
		t.Errorf("text %q, want %q", r.T, want)
	}
	// Inside CDATA a CR is normalised to LF by the parser.
	if wantC := strings.ReplaceAll(want, "\r\n", "\n") + "]]>]]]>"; r.C != wantC {
		t.Errorf("cdata %q, want %q", r.C, wantC)
	}
}

func TestWriteKMLEmpty(t *testing.T) {
	ix, _ := kmlFixture(t)
	var buf bytes.Buffer
	if err := ix.WriteKML(&buf, nil); err != nil {
		t.Fatal(err)
	}
	if f, _ := parseKML(t, buf.Bytes()); len(f.Document.Folders) != 0 || len(f.Document.Styles) != 1 {
		t.Errorf("empty export %s", buf.Bytes())
	}
}

func TestWriteKMZ(t *testing.T) {
	ix, rows := kmlFixture(t)
	var buf bytes.Buffer
	if err := ix.WriteKMZ(&buf, rows); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) == 0 || zr.File[0].Name != "doc.kml" || zr.File[0].Method != zip.Deflate {
		t.Fatalf("KMZ entries %+v", zr.File)
	}
	if d := time.Since(zr.File[0].Modified); d < -time.Minute || d > time.Hour {
		t.Errorf("doc.kml modified %v", zr.File[0].Modified)
	}
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		t.Fatal(err)
	}
	if _, pm := parseKML(t, b); len(pm) != len(rows) {
		t.Errorf("KMZ holds %d placemarks, want %d", len(pm), len(rows))
	}
}

// TestKMLOgrinfo checks the export with GDAL's reader when it is installed.
func TestKMLOgrinfo(t *testing.T) {
	ogr, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Skip("ogrinfo not installed")
	}
	ix, rows := kmlFixture(t)
	var buf bytes.Buffer
	if err := ix.WriteKML(&buf, rows); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "out.kml")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(ogr, "-ro", "-al", "-so", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	total := 0
	for _, line := range strings.Split(string(out), "\n") {
		if n, ok := strings.CutPrefix(strings.TrimSpace(line), "Feature Count:"); ok {
			c, err := strconv.Atoi(strings.TrimSpace(n))
			if err != nil {
				t.Fatalf("ogrinfo line %q", line)
			}
			total += c
		}
	}
	if total != len(rows) {
		t.Errorf("ogrinfo counts %d features, want %d\n%s", total, len(rows), out)
	}
}
