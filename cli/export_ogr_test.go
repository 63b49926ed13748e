package cli

import (
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// ogrCount returns the features GDAL's ogrinfo counts in path, over all
// layers.
func ogrCount(t *testing.T, ogr, path string) int {
	t.Helper()
	out, err := exec.Command(ogr, "-ro", "-al", "-so", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo %s: %v\n%s", path, err, out)
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
	return total
}

// Every export format opens in GDAL (an independent reader, installed by
// .ci/run) with one feature per exported event.
func TestExportsOpenInGDAL(t *testing.T) {
	ogr, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Skip("ogrinfo (GDAL) not installed; .ci/run installs it")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	if code, _, errs := run(t, db, "import", testdata+"acled_current.csv", testdata+"acled_2019.csv"); code != ExitOK {
		t.Fatalf("import: %s", errs)
	}
	for _, f := range []struct{ format, open string }{
		{"geojson", ""}, {"kml", ""}, {"kmz", ""}, {"csv", ""},
	} {
		out := filepath.Join(dir, "out."+f.format)
		if code, _, errs := run(t, db, "export", "--format", f.format, "--out", out); code != ExitOK {
			t.Fatalf("export %s: %s", f.format, errs)
		}
		if n := ogrCount(t, ogr, f.open+out); n != 6 {
			t.Errorf("GDAL reads %d features from the %s export, want 6", n, f.format)
		}
	}
}
