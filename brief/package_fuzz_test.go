package brief

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"frontier/data"
)

// FuzzReadPackage feeds arbitrary bytes to the package reader: it must
// refuse or accept without panicking, and what it accepts is consistent.
func FuzzReadPackage(f *testing.F) {
	s := newStore(f, testEvents())
	addLayer(f, s, "Situation", false)
	src := loadSource(f, s)
	path := filepath.Join(f.TempDir(), "seed"+PackageExt)
	res, _ := src.Index.Filter(&data.Filter{})
	if _, err := WritePackage(context.Background(), path, src, res.Rows, nil, nil); err != nil {
		f.Fatal(err)
	}
	seed, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add(seed[:len(seed)/2])
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := newPkgReader("fuzz", bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return
		}
		c, err := readPackage(p)
		if err != nil {
			return
		}
		if len(c.layers) != len(c.manifest.Layers) {
			t.Fatalf("%d layers read, manifest has %d", len(c.layers), len(c.manifest.Layers))
		}
		for _, v := range c.views {
			for _, l := range v.Layers {
				if l < 0 || l >= len(c.layers) {
					t.Fatalf("view %q refers to layer %d of %d", v.Title, l, len(c.layers))
				}
			}
			view := v.view()
			if err := view.Validate(); err != nil {
				t.Fatalf("accepted an invalid view: %v", err)
			}
		}
	})
}
