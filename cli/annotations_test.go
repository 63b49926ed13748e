package cli

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"frontier/data"
)

// drawings returns one annotation of every kind with a non-default style.
func drawings() []data.Annotation {
	p1, p2, p3 := orb.Point{71.0916, 34.1045}, orb.Point{71.5249, 34.0151}, orb.Point{71.3, 34.3}
	var out []data.Annotation
	for k := data.KindMarker; k <= data.KindRangeBearing; k++ {
		a := data.Annotation{Kind: k, Label: k.String() + " – Khyber", Notes: "notes & <more>", Style: data.DefaultStyle(k)}
		switch k {
		case data.KindMarker, data.KindText:
			a.Points = []orb.Point{p1}
		case data.KindCircle:
			a.Points, a.Radius = []orb.Point{p2}, 2500
		case data.KindPolygon:
			a.Points = []orb.Point{p1, p2, p3}
		default:
			a.Points = []orb.Point{p1, p2}
		}
		a.Style.Stroke, a.Style.StrokeWidth, a.Style.Dash = "#336699", 4, data.DashDotted
		if k%2 == 0 {
			a.ValidFrom, a.ValidTo = time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 9, 12, 0, 0, 0, time.UTC)
		}
		out = append(out, a)
	}
	return out
}

// storeWithDrawings makes a store at db with the drawings on layer
// "Khyber" and an empty locked layer "Frozen".
func storeWithDrawings(t *testing.T, db string) {
	t.Helper()
	s, err := data.Open(db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, _, err := s.AddLayer("Khyber", drawings()); err != nil {
		t.Fatal(err)
	}
	if err := s.PutLayer(&data.Layer{Name: "Frozen", Locked: true, Hidden: true, Order: 5}); err != nil {
		t.Fatal(err)
	}
}

// layerAnnotations returns the annotations of the layer named name.
func layerAnnotations(t *testing.T, db, name string) []data.Annotation {
	t.Helper()
	s, err := data.Open(db, data.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	l, ok, err := findLayer(s, name)
	if err != nil || !ok {
		t.Fatalf("no layer %q: %v", name, err)
	}
	all, err := s.Annotations()
	if err != nil {
		t.Fatal(err)
	}
	var out []data.Annotation
	for _, a := range all {
		if a.Layer == l.ID {
			out = append(out, a)
		}
	}
	return out
}

// sameDrawing reports whether got is want after an exchange: positions
// within 1e-7°, opacities within a KML colour byte.
func sameDrawing(want, got data.Annotation) bool {
	if got.Kind != want.Kind || len(got.Points) != len(want.Points) || got.Radius != want.Radius ||
		got.Label != want.Label || got.Notes != want.Notes || !got.ValidFrom.Equal(want.ValidFrom) || !got.ValidTo.Equal(want.ValidTo) {
		return false
	}
	for i := range got.Points {
		if math.Abs(got.Points[i][0]-want.Points[i][0]) > 1e-7 || math.Abs(got.Points[i][1]-want.Points[i][1]) > 1e-7 {
			return false
		}
	}
	gs, ws := got.Style, want.Style
	if math.Abs(gs.StrokeOpacity-ws.StrokeOpacity) > 0.5/255 || math.Abs(gs.FillOpacity-ws.FillOpacity) > 0.5/255 {
		return false
	}
	gs.StrokeOpacity, gs.FillOpacity = ws.StrokeOpacity, ws.FillOpacity
	return gs == ws
}

func TestAnnotationsList(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	if code, _, errs := run(t, db, "annotations", "list"); code != ExitFailed || !strings.Contains(errs, "no store at") {
		t.Errorf("no store: %d %s", code, errs)
	}
	storeWithDrawings(t, db)
	code, out, errs := run(t, db, "annotations", "list")
	if code != ExitOK || !strings.Contains(out, "Khyber") || !strings.Contains(out, "9 annotations  (visible)") ||
		!strings.Contains(out, "0 annotations  (hidden, locked)") || strings.Index(out, "Khyber") > strings.Index(out, "Frozen") {
		t.Errorf("list: %d %q %s", code, out, errs)
	}
	_, out, _ = run(t, db, "annotations", "list", "--json")
	var ls []layerSummary
	if err := json.Unmarshal([]byte(out), &ls); err != nil {
		t.Fatal(err)
	}
	if len(ls) != 2 || ls[0].Name != "Khyber" || ls[0].Annotations != 9 || !ls[0].Visible || ls[1].Visible || !ls[1].Locked {
		t.Errorf("list --json %+v", ls)
	}
}

// Export each format, import it into a fresh store: the same annotations
// come back, on a layer named after the file.
func TestAnnotationsExportImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	storeWithDrawings(t, db)
	want := layerAnnotations(t, db, "Khyber")
	for _, format := range []string{"geojson", "kml", "kmz"} {
		out := filepath.Join(dir, "khyber."+format)
		code, stdout, errs := run(t, db, "annotations", "export", "--layer", "khyber", "--format", format, "--out", out)
		if code != ExitOK || stdout != "" || !strings.Contains(errs, "wrote 9 annotations") {
			t.Fatalf("export %s: %d %q %q", format, code, stdout, errs)
		}
		if st, err := os.Stat(out); err != nil || st.Mode().Perm() != 0o644 {
			t.Errorf("export file mode %v %v", st, err)
		}
		fresh := filepath.Join(dir, format+".db")
		code, stdout, errs = run(t, fresh, "annotations", "import", out)
		wantFormat := format // as detected from the content
		if code != ExitOK || stdout != out+" ("+wantFormat+`): 9 annotations added to layer "khyber"`+"\n" {
			t.Fatalf("import %s: %d %q %q", format, code, stdout, errs)
		}
		got := layerAnnotations(t, fresh, "khyber")
		if len(got) != len(want) {
			t.Fatalf("%s: %d annotations back, want %d", format, len(got), len(want))
		}
		for i := range want {
			if !sameDrawing(want[i], got[i]) {
				t.Errorf("%s: %s came back as\n%+v\nwant\n%+v", format, want[i].Kind, got[i], want[i])
			}
		}
		// Importing again makes a second layer; --layer adds to one.
		_, stdout, _ = run(t, fresh, "annotations", "import", out)
		if !strings.Contains(stdout, `layer "khyber (2)"`) {
			t.Errorf("second import: %q", stdout)
		}
		_, stdout, _ = run(t, fresh, "annotations", "import", "--json", out, "--layer", "KHYBER")
		var r annotationImportResult
		if err := json.Unmarshal([]byte(stdout), &r); err != nil || r.Layer != "khyber" || r.Added != 9 || r.Format != wantFormat {
			t.Errorf("import --layer: %+v %v", r, err)
		}
		if n := len(layerAnnotations(t, fresh, "khyber")); n != 18 {
			t.Errorf("layer has %d annotations after adding to it, want 18", n)
		}
	}
}

func TestAnnotationsFailures(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	storeWithDrawings(t, db)
	for _, args := range [][]string{
		{"annotations"}, {"annotations", "frob"}, {"annotations", "list", "extra"},
		{"annotations", "export", "--format", "kml", "--out", "x.kml"},
		{"annotations", "export", "--layer", "Khyber", "--format", "shp", "--out", "x.shp"},
		{"annotations", "export", "--layer", "Khyber", "--format", "kml"},
		{"annotations", "import"}, {"annotations", "import", "a.kml", "b.kml"},
		{"annotations", "import", "--bogus", "a.kml"},
	} {
		code, out, errs := run(t, db, args...)
		if code != ExitUsage || out != "" || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d out %q err %q, want exit 2 and one line", args, code, out, errs)
		}
	}
	out := filepath.Join(dir, "x.geojson")
	if code, _, errs := run(t, db, "annotations", "export", "--layer", "Nope", "--format", "geojson", "--out", out); code != ExitFailed || !strings.Contains(errs, `no annotation layer "Nope"`) {
		t.Errorf("unknown layer: %d %s", code, errs)
	}
	if code, _, errs := run(t, db, "annotations", "export", "--layer", "Khyber", "--format", "geojson", "--out", filepath.Join(dir, "no", "x.geojson")); code != ExitFailed || !strings.Contains(errs, "no/x.geojson") {
		t.Errorf("unwritable: %d %s", code, errs)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("failed exports left files: %v", entries)
	}
	if code, _, errs := run(t, db, "annotations", "import", testdata+"acled_current.csv"); code != ExitFailed || !strings.Contains(errs, "not GeoJSON, KML or KMZ") {
		t.Errorf("CSV: %d %s", code, errs)
	}
	junk := filepath.Join(dir, "junk.kmz")
	os.WriteFile(junk, []byte("PK\x03\x04junk"), 0o644)
	if code, _, errs := run(t, db, "annotations", "import", junk); code != ExitFailed || !strings.Contains(errs, "junk.kmz: not a KMZ archive") {
		t.Errorf("junk KMZ: %d %s", code, errs)
	}
	os.Remove(junk)
	empty := filepath.Join(dir, "empty.geojson")
	os.WriteFile(empty, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null}]}`), 0o644)
	code, stdout, errs := run(t, db, "annotations", "import", empty)
	if code != ExitFailed || !strings.Contains(errs, "no annotations found") || !strings.Contains(stdout, "feature 1: skipped") {
		t.Errorf("no annotations: %d %q %q", code, stdout, errs)
	}
	os.Remove(empty)
	gj := filepath.Join(dir, "a.geojson")
	os.WriteFile(gj, []byte(`{"type":"LineString","coordinates":[[0,0],[1,1]]}`), 0o644)
	if code, _, errs := run(t, db, "annotations", "import", gj, "--layer", "Frozen"); code != ExitFailed || !strings.Contains(errs, `layer "Frozen" is locked`) {
		t.Errorf("locked: %d %s", code, errs)
	}
}

// "frontier import" stores a KML's lines and polygons as annotations and
// says so.
func TestImportReportsAnnotations(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	code, out, errs := run(t, db, "import", testdata+"quirks.kml")
	if code != ExitOK || !strings.Contains(out, `1 annotations (lines, polygons …) added to layer "quirks"`) {
		t.Errorf("import: %d %q %s", code, out, errs)
	}
	_, out, _ = run(t, db, "import", "--json", testdata+"quirks.geojson")
	var r importResult
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.AnnotationsAdded != 2 || r.Layer != "quirks (2)" {
		t.Errorf("import --json: %+v %v", r, err)
	}
	_, out, _ = run(t, db, "annotations", "list")
	if !strings.Contains(out, "quirks (2)") {
		t.Errorf("list %q", out)
	}
}

// The annotation exports open in GDAL (an independent reader) with one
// feature per annotation.
func TestAnnotationExportsOpenInGDAL(t *testing.T) {
	ogr, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Skip("ogrinfo (GDAL) not installed; .ci/run installs it")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	storeWithDrawings(t, db)
	for _, format := range []string{"geojson", "kml", "kmz"} {
		out := filepath.Join(dir, "a."+format)
		if code, _, errs := run(t, db, "annotations", "export", "--layer", "Khyber", "--format", format, "--out", out); code != ExitOK {
			t.Fatalf("export %s: %s", format, errs)
		}
		if n := ogrCount(t, ogr, out); n != 9 {
			t.Errorf("GDAL reads %d features from the %s export, want 9", n, format)
		}
	}
	// GDAL sees the simplestyle and frontier properties as fields.
	b, err := exec.Command(ogr, "-ro", "-al", "-where", `"frontier:kind" = 'circle'`, filepath.Join(dir, "a.geojson")).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v %s", err, b)
	}
	if s := string(b); !strings.Contains(s, "frontier:radius_m (Integer) = 2500") || !strings.Contains(s, "stroke (String) = #336699") ||
		!strings.Contains(s, "frontier:center (RealList) = (2:71.5249,34.0151)") || !strings.Contains(s, "POLYGON ((71.5225405 34.0375524,") {
		t.Errorf("GDAL's view of the circle:\n%s", s)
	}
}
