package basemap

import (
	"bytes"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
)

// sample returns a small basemap that exercises every encoding path: a
// fill layer, a line layer whose parts repeat runs of the rings (a
// wrapped closed loop and an open run), explicit parts, and places with
// non-ASCII names. Its coordinates lie on the grid, so it round-trips
// exactly.
func sample() *Basemap {
	g := func(v float64) float64 { return math.Round(v*Grid) / Grid }
	ring := []float64{g(.1), g(.1), g(.3), g(.1), g(.3), g(.3), g(.1), g(.3)}
	b := &Basemap{}
	land := Layer{Class: Land, MinZoom: 0, MaxZoom: 5}
	land.AddPart(ring)
	land.AddPart([]float64{g(.5), g(.5), g(.6), g(.5), g(.55), g(.6)})
	coast := Layer{Class: Coast, MinZoom: 0, MaxZoom: 5}
	// The whole first ring from its third point, closed: wraps around.
	coast.AddPart([]float64{ring[4], ring[5], ring[6], ring[7], ring[0], ring[1], ring[2], ring[3], ring[4], ring[5]})
	coast.AddPart([]float64{g(.5), g(.5), g(.6), g(.5)})     // open run of ring 2
	coast.AddPart([]float64{g(.9), g(.9), g(.95), g(.9123)}) // explicit
	river := Layer{Class: River, MinZoom: 3, MaxZoom: math.Inf(1)}
	river.AddPart([]float64{0, 0, 1, 1, g(.25), g(.75)})
	b.Layers = []Layer{land, coast, river}
	b.Places = []Place{
		{Name: "Jalālābād", ASCIIName: "Jalalabad", X: g(.69), Y: g(.40), Population: 356274, Kind: AdminSeat, Country: "AF", MinZoom: 5},
		{Name: "Peshawar", ASCIIName: "Peshawar", X: g(.698), Y: g(.401), Population: 1218773, Kind: AdminSeat, Country: "PK", MinZoom: 3},
		{Name: "Kashmir", ASCIIName: "Kashmir", X: 1, Y: 0, Kind: ProvinceLabel, MinZoom: 5.5},
	}
	return b
}

func encode(t testing.TB, b *Basemap) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := b.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	b := sample()
	enc := encode(t, b)
	got, err := Decode(bytes.NewReader(enc))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, b) {
		t.Errorf("round trip differs:\n got %+v\nwant %+v", got, b)
	}
	if again := encode(t, got); !bytes.Equal(again, enc) {
		t.Error("re-encoding the decoded basemap gives other bytes")
	}
}

func TestRoundTripQuantises(t *testing.T) {
	b := &Basemap{Layers: []Layer{{Class: Border, MinZoom: 1, MaxZoom: 2}}}
	in := []float64{0.123456789012, 0.987654321098, 0.5, 0.25}
	b.Layers[0].AddPart(in)
	got, err := Decode(bytes.NewReader(encode(t, b)))
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range got.Layers[0].XY {
		if d := math.Abs(v - in[i]); d > 0.5/Grid {
			t.Errorf("coordinate %d: %v → %v, off by %g", i, in[i], v, d)
		}
	}
}

func TestEncodeRejectsInvalid(t *testing.T) {
	for name, mod := range map[string]func(b *Basemap){
		"class":      func(b *Basemap) { b.Layers[0].Class = 99 },
		"zoom order": func(b *Basemap) { b.Layers[0].MinZoom = 6 },
		"zoom NaN":   func(b *Basemap) { b.Layers[0].MaxZoom = math.NaN() },
		"outside":    func(b *Basemap) { b.Layers[0].XY[3] = 1.5 },
		"short ring": func(b *Basemap) {
			b.Layers[0] = Layer{Class: Land, MaxZoom: 1, XY: []float64{0, 0, 1, 1}, Start: []int32{0, 2}}
		},
		"start":        func(b *Basemap) { b.Layers[0].Start[2] = 3 },
		"place kind":   func(b *Basemap) { b.Places[0].Kind = 42 },
		"place utf8":   func(b *Basemap) { b.Places[0].Name = "\xff" },
		"place pop":    func(b *Basemap) { b.Places[0].Population = -1 },
		"place point":  func(b *Basemap) { b.Places[0].Y = -0.1 },
		"place zoom":   func(b *Basemap) { b.Places[0].MinZoom = float32(math.Inf(1)) },
		"long country": func(b *Basemap) { b.Places[0].Country = strings.Repeat("x", maxString+1) },
	} {
		b := sample()
		mod(b)
		if err := b.Encode(&bytes.Buffer{}); err == nil {
			t.Errorf("%s: Encode accepted an invalid basemap", name)
		}
	}
}

func TestDecodeRejectsCorrupt(t *testing.T) {
	enc := encode(t, sample())
	flip := func(i int) []byte {
		c := bytes.Clone(enc)
		c[i] ^= 0x40
		return c
	}
	cases := map[string][]byte{
		"empty":     nil,
		"magic":     append([]byte("XXXX"), enc[4:]...),
		"version":   append(append([]byte(magic), 9), enc[5:]...),
		"truncated": enc[:len(enc)/2],
		"trailing":  append(bytes.Clone(enc), 0),
		"size":      flip(5),
		"deflate":   flip(len(enc) - 3),
	}
	for name, in := range cases {
		b, err := Decode(bytes.NewReader(in))
		if err == nil || b != nil {
			t.Errorf("%s: Decode = %v, %v; want an error", name, b, err)
			continue
		}
		if !errors.Is(err, ErrFormat) {
			t.Errorf("%s: error %v does not wrap ErrFormat", name, err)
		}
	}
	// Every prefix fails cleanly.
	for n := range len(enc) {
		if _, err := Decode(bytes.NewReader(enc[:n])); err == nil {
			t.Fatalf("prefix of %d bytes decoded", n)
		}
	}
}

// TestDecodeBodyRejectsHostile checks limits that a valid checksum would
// otherwise let through.
func TestDecodeBodyRejectsHostile(t *testing.T) {
	for name, body := range map[string][]byte{
		"layer count": {0xff, 0xff, 0xff, 0xff, 0x0f},
		"ref forward": append(layerHead(Coast, 1), 0x05, 0, 0, 0, 0, 0),
		"part count":  append(layerHead(Coast, 0), 0xff, 0xff, 0xff, 0x7f),
	} {
		if _, err := decodeBody(body); err == nil {
			t.Errorf("%s: decodeBody accepted it", name)
		}
	}
}

// layerHead is a body with one layer of class c and zooms [0, 1), up to
// and including the part count n.
func layerHead(c Class, n byte) []byte {
	b := []byte{1, byte(c)}
	b = append(b, 0, 0, 0, 0, 0, 0, 0, 0)       // MinZoom 0
	b = append(b, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f) // MaxZoom 1
	return append(b, n)
}

func TestLayersAtOrderAndBands(t *testing.T) {
	b := &Basemap{}
	for _, c := range []Class{Border, Coast, Province, River, Lake, Land} {
		b.Layers = append(b.Layers, Layer{Class: c, MinZoom: 2, MaxZoom: 4})
	}
	b.Layers = append(b.Layers, Layer{Class: Land, MinZoom: 4, MaxZoom: math.Inf(1)})
	var got []Class
	for _, l := range b.LayersAt(2) {
		got = append(got, l.Class)
	}
	want := []Class{Land, Lake, River, Province, Coast, Border}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("LayersAt(2) = %v, want %v", got, want)
	}
	if n := len(b.LayersAt(1.99)); n != 0 {
		t.Errorf("LayersAt(1.99) has %d layers", n)
	}
	if ls := b.LayersAt(4); len(ls) != 1 || ls[0] != &b.Layers[6] {
		t.Errorf("LayersAt(4) = %v, want the last layer only (bands are half-open)", ls)
	}
	if ls := b.LayersAt(16); len(ls) != 1 {
		t.Errorf("LayersAt(16) = %v", ls)
	}
}

func TestLayerParts(t *testing.T) {
	var l Layer
	if l.Parts() != 0 {
		t.Fatal("empty layer has parts")
	}
	l.AddPart([]float64{0.1, 0.2, 0.3, 0.4})
	l.AddPart([]float64{0.5, 0.6, 0.7, 0.8, 0.9, 0.1})
	if l.Parts() != 2 || !reflect.DeepEqual(l.Part(1), []float64{0.5, 0.6, 0.7, 0.8, 0.9, 0.1}) {
		t.Errorf("parts = %d, part 1 = %v", l.Parts(), l.Part(1))
	}
	if want := (Box{0.5, 0.1, 0.9, 0.8}); l.Boxes[1] != want {
		t.Errorf("box = %v, want %v", l.Boxes[1], want)
	}
}
