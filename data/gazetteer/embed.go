package gazetteer

import (
	_ "embed" // for the asset
	"sync"
)

// Regenerate the asset from the GeoNames extracts (see cmd/gazetteer and
// ../shared/data/README.md). The output is deterministic.
//
//go:generate go run ../../cmd/gazetteer -src ../../../shared/data -out gazetteer.bin

//go:embed gazetteer.bin
var asset []byte

// Asset returns the embedded, still encoded asset. Do not modify it.
func Asset() []byte { return asset }

var (
	loadOnce sync.Once
	loaded   *Gazetteer
	loadErr  error
)

// Load returns the embedded gazetteer, decoded and indexed on the first
// call (about 30 ms) and shared afterwards. It fails only if the embedded
// asset is corrupt.
func Load() (*Gazetteer, error) {
	loadOnce.Do(func() {
		places, countries, err := Decode(asset)
		if err != nil {
			loadErr = err
			return
		}
		loaded = New(places, countries)
	})
	return loaded, loadErr
}
