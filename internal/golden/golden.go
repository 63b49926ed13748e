// Package golden compares rendered images with master PNGs under a test
// package's testdata/ directory. Only tests import it.
package golden

import (
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden images under testdata/")

// Assert compares img with testdata/name pixel for pixel. With -update it
// writes the master instead; on a difference it writes what it got to
// testdata/failed/name (git-ignored).
func Assert(t *testing.T, name string, img *image.RGBA) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		WritePNG(t, path, img)
		return
	}
	fh, err := os.Open(path)
	if err != nil {
		t.Fatalf("golden %s: %v (run go test -run %s -update)", path, err, t.Name())
	}
	defer fh.Close()
	want, err := png.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != img.Bounds() {
		t.Fatalf("golden %s is %v, got %v", name, want.Bounds(), img.Bounds())
	}
	diff := 0
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		for x := img.Rect.Min.X; x < img.Rect.Max.X; x++ {
			r, g, b, a := want.At(x, y).RGBA()
			c := img.RGBAAt(x, y)
			if uint8(r>>8) != c.R || uint8(g>>8) != c.G || uint8(b>>8) != c.B || uint8(a>>8) != c.A {
				diff++
			}
		}
	}
	if diff > 0 {
		failed := filepath.Join("testdata", "failed", name)
		WritePNG(t, failed, img)
		t.Errorf("%d pixels differ from %s; got written to %s", diff, path, failed)
	}
}

// WritePNG writes img to path, creating its directory.
func WritePNG(t testing.TB, path string, img image.Image) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	fh, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(fh, img); err != nil {
		t.Fatal(err)
	}
	if err := fh.Close(); err != nil {
		t.Fatal(err)
	}
}
