package basemap

import (
	"bytes"
	"testing"
)

// BenchmarkDefaultDecode measures decoding the embedded asset, the work
// Default does once at startup.
func BenchmarkDefaultDecode(b *testing.B) {
	b.SetBytes(int64(len(asset)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(bytes.NewReader(asset)); err != nil {
			b.Fatal(err)
		}
	}
}
