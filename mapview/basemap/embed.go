package basemap

import (
	"bytes"
	_ "embed" // for the asset
	"sync"
)

// Regenerate the asset from the source data (see cmd/basemap and
// /work/shared/data/README.md). The output is deterministic.
//
//go:generate go run ../../cmd/basemap -src ../../../shared/data -out basemap.bin

//go:embed basemap.bin
var asset []byte

// Asset returns the embedded, still encoded asset. Do not modify it.
func Asset() []byte { return asset }

var (
	defaultOnce sync.Once
	defaultMap  *Basemap
	defaultErr  error
)

// Default returns the embedded basemap, decoded on the first call and
// shared afterwards (callers must not modify it). It returns an error if
// the embedded asset is corrupt.
func Default() (*Basemap, error) {
	defaultOnce.Do(func() {
		defaultMap, defaultErr = Decode(bytes.NewReader(asset))
	})
	return defaultMap, defaultErr
}
