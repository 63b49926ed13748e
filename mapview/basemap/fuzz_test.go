package basemap

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"io"
	"reflect"
	"testing"
)

// checkDecoded checks what must hold for any input: an error wraps
// ErrFormat and comes with no basemap; a decoded basemap encodes and
// decodes to itself.
func checkDecoded(t *testing.T, b *Basemap, err error) {
	if err != nil {
		if b != nil || !errors.Is(err, ErrFormat) {
			t.Fatalf("Decode = %v, %v", b, err)
		}
		return
	}
	var buf bytes.Buffer
	if err := b.Encode(&buf); err != nil {
		t.Fatalf("decoded basemap does not encode: %v", err)
	}
	again, err := Decode(&buf)
	if err != nil {
		t.Fatalf("re-encoded basemap does not decode: %v", err)
	}
	if !reflect.DeepEqual(again, b) {
		t.Fatal("re-encoded basemap decodes differently")
	}
}

// FuzzDecode feeds Decode arbitrary files. The seed corpus in
// testdata/fuzz/FuzzDecode holds small valid encodings and truncated or
// extended ones.
func FuzzDecode(f *testing.F) {
	f.Fuzz(func(t *testing.T, in []byte) {
		b, err := Decode(bytes.NewReader(in))
		checkDecoded(t, b, err)
	})
}

// FuzzDecodeBody feeds the body parser directly: most inputs to
// FuzzDecode stop at the checksum.
func FuzzDecodeBody(f *testing.F) {
	for _, b := range []*Basemap{sample(), {}} {
		var buf bytes.Buffer
		if err := b.Encode(&buf); err != nil {
			f.Fatal(err)
		}
		body := bodyOf(f, buf.Bytes())
		f.Add(body)
		f.Add(body[:len(body)/2])
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		b, err := decodeBody(body)
		if err != nil {
			checkDecoded(t, nil, err)
			return
		}
		checkDecoded(t, b, nil)
	})
}

// bodyOf returns the body of an encoded asset, without its checksum.
func bodyOf(t testing.TB, enc []byte) []byte {
	_, n := binary.Uvarint(enc[len(magic)+1:])
	p, err := io.ReadAll(flate.NewReader(bytes.NewReader(enc[len(magic)+1+n:])))
	if err != nil {
		t.Fatal(err)
	}
	return p[:len(p)-4]
}
