package brief

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"strings"

	"frontier/data"
)

// Limits on what a package may hold: anything past them is refused as
// broken or hostile (a zip bomb), before the store is touched.
const (
	MaxPackageEntries = 2100      // manifest, events, views, curation and up to 2000 layers
	MaxPackageLayers  = 2000      // annotation layers
	MaxPackageJSON    = 256 << 20 // views, curation, manifest, each layer
	MaxPackageEvents  = 16 << 30  // events.csv
	MaxPackageTotal   = 24 << 30  // everything uncompressed
	// MaxPackageOther bounds everything but events.csv together (layers,
	// views, curation, manifest), which is read whole into memory, so that
	// many entries each under their own limit cannot add up to a bomb.
	MaxPackageOther = 512 << 20
)

// pkgReader reads the entries of an open package, bounded: an entry is
// read only up to its declared size, which must be within its limit.
type pkgReader struct {
	name  string
	zr    *zip.Reader
	files map[string]*zip.File
}

// newPkgReader checks the archive's directory: entry count, declared
// sizes, unique names.
func newPkgReader(name string, r io.ReaderAt, size int64) (*pkgReader, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("%s: not a briefing package: %w", name, err)
	}
	if len(zr.File) > MaxPackageEntries {
		return nil, fmt.Errorf("%s: %d entries, more than %d (refused)", name, len(zr.File), MaxPackageEntries)
	}
	p := &pkgReader{name: name, zr: zr, files: map[string]*zip.File{}}
	var total, other uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > MaxPackageTotal {
			return nil, fmt.Errorf("%s: would uncompress to more than %d GiB (refused)", name, MaxPackageTotal>>30)
		}
		if f.Name != entryEvents {
			if other += f.UncompressedSize64; other > MaxPackageOther {
				return nil, fmt.Errorf("%s: its layers, views and curation would uncompress to more than %d MiB (refused)", name, MaxPackageOther>>20)
			}
		}
		if _, dup := p.files[f.Name]; dup {
			return nil, fmt.Errorf("%s: entry %s appears twice", name, f.Name)
		}
		p.files[f.Name] = f
	}
	return p, nil
}

// open opens entry name, which must exist and declare at most limit
// bytes; reading past its declared size fails.
func (p *pkgReader) open(name string, limit int64) (io.ReadCloser, error) {
	f, ok := p.files[name]
	if !ok {
		return nil, fmt.Errorf("%s: no %s in the package", p.name, name)
	}
	if f.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("%s: %s is %d MiB, more than %d MiB (refused)", p.name, name, f.UncompressedSize64>>20, limit>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", p.name, name, err)
	}
	return &limitedEntry{r: rc, c: rc, left: int64(f.UncompressedSize64), name: name}, nil
}

// readAll reads a JSON-sized entry whole.
func (p *pkgReader) readAll(name string) ([]byte, error) {
	rc, err := p.open(name, MaxPackageJSON)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", p.name, name, err)
	}
	return b, nil
}

// readJSON decodes entry name into v.
func (p *pkgReader) readJSON(name string, v any) error {
	b, err := p.readAll(name)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %s: %w", p.name, name, err)
	}
	return nil
}

// limitedEntry fails a read past the entry's declared size.
type limitedEntry struct {
	r    io.Reader
	c    io.Closer
	left int64
	name string
}

func (l *limitedEntry) Read(b []byte) (int, error) {
	if l.left <= 0 {
		var one [1]byte
		n, err := l.r.Read(one[:])
		switch {
		case n > 0 || errors.Is(err, zip.ErrFormat):
			return 0, fmt.Errorf("%s is larger than its header says (refused)", l.name)
		case err != nil && err != io.EOF:
			return 0, fmt.Errorf("%s: %w", l.name, err)
		}
		return 0, io.EOF
	}
	if int64(len(b)) > l.left {
		b = b[:l.left]
	}
	n, err := l.r.Read(b)
	l.left -= int64(n)
	return n, err
}

func (l *limitedEntry) Close() error { return l.c.Close() }

// packageContents is a package read and checked, all but its events.
type packageContents struct {
	manifest Manifest
	views    []packageView
	curation packageCuration
	layers   [][]data.Annotation // by manifest layer
	warnings []string
}

// readPackage reads and checks everything of p but the events, so that a
// broken package is refused before any store changes.
func readPackage(p *pkgReader) (*packageContents, error) {
	c := &packageContents{}
	if err := p.readJSON(entryManifest, &c.manifest); err != nil {
		return nil, err
	}
	if err := checkManifest(p.name, &c.manifest); err != nil {
		return nil, err
	}
	if err := p.readJSON(entryViews, &c.views); err != nil {
		return nil, err
	}
	if err := checkViews(p.name, c.views, len(c.manifest.Layers)); err != nil {
		return nil, err
	}
	if _, ok := p.files[entryCuration]; ok {
		if err := p.readJSON(entryCuration, &c.curation); err != nil {
			return nil, err
		}
	}
	if _, ok := p.files[entryEvents]; !ok {
		return nil, fmt.Errorf("%s: no %s in the package", p.name, entryEvents)
	}
	items, points := 0, 0
	for _, l := range c.manifest.Layers {
		b, err := p.readAll(l.File)
		if err != nil {
			return nil, err
		}
		layerItems, warns, err := data.ReadAnnotationsGeoJSON(bytes.NewReader(b), p.name+"/"+l.File)
		if err != nil {
			return nil, fmt.Errorf("%s: layer %q: %w", p.name, l.Name, err)
		}
		for _, w := range warns {
			c.warnings = append(c.warnings, fmt.Sprintf("layer %q: %s", l.Name, w))
		}
		// One file's annotation limits hold for the package as a whole.
		items += len(layerItems)
		for i := range layerItems {
			points += len(layerItems[i].Points)
		}
		if items > data.MaxFileAnnotations || points > data.MaxFileAnnotationPoints {
			return nil, fmt.Errorf("%s: more than %d annotations or %d points in all (refused)", p.name, data.MaxFileAnnotations, data.MaxFileAnnotationPoints)
		}
		c.layers = append(c.layers, layerItems)
	}
	return c, nil
}

// checkManifest checks a manifest's format, version and layers.
func checkManifest(name string, m *Manifest) error {
	switch {
	case m.Format != PackageFormat:
		return fmt.Errorf("%s: not a Frontier briefing package (format %q)", name, m.Format)
	case m.Version < 1:
		return fmt.Errorf("%s: package version %d is not valid", name, m.Version)
	case m.Version > PackageVersion:
		return fmt.Errorf("%s: package version %d was written by a newer Frontier (this one reads version %d)", name, m.Version, PackageVersion)
	case len(m.Layers) > MaxPackageLayers:
		return fmt.Errorf("%s: %d layers, more than %d (refused)", name, len(m.Layers), MaxPackageLayers)
	}
	files := map[string]bool{}
	for i, l := range m.Layers {
		clean := path.Clean(l.File)
		switch {
		case strings.TrimSpace(l.Name) == "":
			return fmt.Errorf("%s: layer %d has no name", name, i+1)
		case l.File == "" || clean != l.File || strings.HasPrefix(clean, "/") || strings.HasPrefix(clean, "../") || clean == "..":
			return fmt.Errorf("%s: layer %q: bad file name %q", name, l.Name, l.File)
		case files[l.File] || l.File == entryManifest || l.File == entryEvents || l.File == entryViews || l.File == entryCuration:
			return fmt.Errorf("%s: layer %q: file %q used twice", name, l.Name, l.File)
		}
		files[l.File] = true
	}
	return nil
}

// checkViews checks the views' values and layer references.
func checkViews(name string, views []packageView, layers int) error {
	for i := range views {
		pv := &views[i]
		v := pv.view()
		if err := v.Validate(); err != nil {
			return fmt.Errorf("%s: view %d: %w", name, i+1, err)
		}
		for _, l := range pv.Layers {
			if l < 0 || l >= layers {
				return fmt.Errorf("%s: view %q: layer %d is not in the package", name, pv.Title, l)
			}
		}
		if b := pv.Filter.BBox; b != nil {
			for _, f := range []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]} {
				if math.IsNaN(f) || math.IsInf(f, 0) {
					return fmt.Errorf("%s: view %q: bad area filter", name, pv.Title)
				}
			}
		}
	}
	return nil
}

// view is pv without its package references.
func (pv *packageView) view() data.View {
	return data.View{Title: pv.Title, Notes: pv.Notes, Order: pv.Order, CenterLon: pv.CenterLon, CenterLat: pv.CenterLat, Zoom: pv.Zoom,
		Width: pv.Width, Height: pv.Height, Filter: pv.Filter}
}

// ReadManifest reads the manifest of the package at path (to show what
// it holds before opening it).
func ReadManifest(path string) (Manifest, error) {
	p, closeFn, err := openPackageFile(path)
	if err != nil {
		return Manifest{}, err
	}
	defer closeFn()
	var m Manifest
	if err := p.readJSON(entryManifest, &m); err != nil {
		return m, err
	}
	return m, checkManifest(path, &m)
}
