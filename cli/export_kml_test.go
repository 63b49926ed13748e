package cli

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// kmlDoc is what the CLI tests read back from a KML export.
type kmlDoc struct {
	XMLName  xml.Name `xml:"http://www.opengis.net/kml/2.2 kml"`
	Document struct {
		Styles []struct {
			ID string `xml:"id,attr"`
		} `xml:"Style"`
		Placemarks []struct {
			Name  string `xml:"name"`
			When  string `xml:"TimeStamp>when"`
			Begin string `xml:"TimeSpan>begin"`
			Data  []struct {
				Name  string `xml:"name,attr"`
				Value string `xml:"value"`
			} `xml:"ExtendedData>Data"`
			Coordinates string `xml:"Point>coordinates"`
		} `xml:"Folder>Placemark"`
	} `xml:"Document"`
}

func parseKMLDoc(t *testing.T, b []byte) *kmlDoc {
	t.Helper()
	var d kmlDoc
	if err := xml.Unmarshal(b, &d); err != nil {
		t.Fatalf("KML: %v", err)
	}
	return &d
}

func TestExportKMLAndKMZ(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	run(t, db, "import", testdata+"acled_current.csv", testdata+"acled_2019.csv", testdata+"acled_api_old.csv")

	kmlPath := filepath.Join(dir, "out.kml")
	code, _, errs := run(t, db, "export", "--format", "kml", "--out", kmlPath)
	if code != ExitOK || !strings.Contains(errs, "wrote 8 events") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(kmlPath)
	if err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(kmlPath); err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("export file mode %v, %v; want rw-r--r--", st.Mode(), err)
	}
	d := parseKMLDoc(t, b)
	if len(d.Document.Placemarks) != 8 {
		t.Fatalf("%d placemarks, want 8", len(d.Document.Placemarks))
	}
	if len(d.Document.Styles) < 2 {
		t.Errorf("%d styles", len(d.Document.Styles))
	}
	found := false
	for _, p := range d.Document.Placemarks {
		for _, x := range p.Data {
			if x.Name == "event_id_cnty" && x.Value == "PAK1001" {
				found = true
				if p.When != "2024-03-21" || p.Coordinates != "71.5239,34.7306" {
					t.Errorf("PAK1001 placemark %+v", p)
				}
			}
		}
	}
	if !found {
		t.Error("no placemark for PAK1001")
	}

	// KMZ with a filter: the TTP events only.
	kmzPath := filepath.Join(dir, "out.kmz")
	code, _, errs = run(t, db, "export", "--format", "kmz", "--out", kmzPath, "--actor", "TTP: Tehrik-i-Taliban Pakistan")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	zr, err := zip.OpenReader(kmzPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	if len(zr.File) != 1 || zr.File[0].Name != "doc.kml" {
		t.Fatalf("KMZ entries %v", zr.File)
	}
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	b, err = io.ReadAll(rc)
	rc.Close()
	if err != nil {
		t.Fatal(err)
	}
	if d := parseKMLDoc(t, b); len(d.Document.Placemarks) != 3 {
		t.Errorf("KMZ holds %d placemarks, want 3", len(d.Document.Placemarks))
	}

	// A bad format is a usage error and writes nothing.
	bad := filepath.Join(dir, "bad.kml")
	if code, _, _ := run(t, db, "export", "--format", "KML", "--out", bad); code != ExitUsage {
		t.Errorf("--format KML: exit %d, want %d", code, ExitUsage)
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Errorf("usage error left %s: %v", bad, err)
	}
	// Nothing but the two exports (no temporary files) is left beside them.
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".frontier-export-") {
			t.Errorf("temporary file %s left", e.Name())
		}
	}

	// GDAL's reader agrees on the count, when installed.
	ogr, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Log("ogrinfo not installed; skipping its check")
		return
	}
	out, err := exec.Command(ogr, "-ro", "-al", "-so", kmlPath).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	total := 0
	for _, line := range strings.Split(string(out), "\n") {
		if n, ok := strings.CutPrefix(strings.TrimSpace(line), "Feature Count:"); ok {
			c, _ := strconv.Atoi(strings.TrimSpace(n))
			total += c
		}
	}
	if total != 8 {
		t.Errorf("ogrinfo counts %d features, want 8\n%s", total, out)
	}
}
