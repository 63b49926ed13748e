package data

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// mapDict is an in-memory interner and lookup for codec tests.
type mapDict struct {
	ids  map[string]uint32
	strs []string
}

func newMapDict() *mapDict { return &mapDict{ids: map[string]uint32{"": 0}, strs: []string{""}} }

func (d *mapDict) intern(s string) (uint32, error) {
	if id, ok := d.ids[s]; ok {
		return id, nil
	}
	d.ids[s] = uint32(len(d.strs))
	d.strs = append(d.strs, s)
	return d.ids[s], nil
}

func (d *mapDict) lookup(id uint32) string {
	if int(id) < len(d.strs) {
		return d.strs[id]
	}
	return ""
}

func sampleEvent() *Event {
	d := time.Date(2025, 10, 15, 0, 0, 0, 0, time.UTC)
	return &Event{
		ID: 7, Dataset: "ACLED", SourceID: "PAK1", Date: d, DateEnd: d.AddDate(0, 0, 6), DatePrecision: PrecSpan,
		Lat: 34.73, Lon: 71.52, GeoPrecision: 2, Location: "Khar", Admin1: "Khyber Pakhtunkhwa", Admin2: "Bajaur",
		Admin3: "Khar", Country: "Pakistan", Region: "Southern Asia", ISO: "586", ISO3: "PAK",
		EventType: "Battles", SubEventType: "Armed clash", DisorderType: "Political violence",
		Actor1: "A", Actor2: "B", Assoc1: []string{"C", "D"}, Assoc2: []string{"E"},
		Inter1: "State forces", Inter2: "Rebel group", Interaction: "State forces-Rebel group",
		CivilianTargeting: "Civilian targeting", Fatalities: 3, Notes: "notes é\n", Source: "Dawn",
		SourceScale: "National", Tags: []string{"x", "y z"}, Updated: time.Unix(1700000000, 0).UTC(),
	}
}

func TestCodecRoundTrip(t *testing.T) {
	d := newMapDict()
	for _, e := range []*Event{sampleEvent(), {ID: 1, Dataset: "X", SourceID: "1", Date: time.Unix(-86400*365*30, 0).UTC(), DateEnd: time.Unix(-86400*365*30, 0).UTC()}} {
		b, err := encodeEvent(nil, e, d)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeEvent(b, e.ID, d)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, e) {
			t.Errorf("round trip:\n got %+v\nwant %+v", got, e)
		}
		// Every truncation is an error, never a panic.
		for n := 0; n < len(b); n++ {
			if _, err := decodeEvent(b[:n], 1, d); err == nil {
				t.Errorf("decode of %d/%d bytes succeeded", n, len(b))
			}
		}
	}
}

func TestEventKeysSortByTime(t *testing.T) {
	times := []time.Time{time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC), time.Unix(0, 0), time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	var prev []byte
	for i, tm := range times {
		k := make([]byte, 16)
		putEventKey(k, tm.Unix(), uint64(100-i))
		if prev != nil && bytes.Compare(prev, k) >= 0 {
			t.Errorf("key of %v does not sort after the previous one", tm)
		}
		if u, id := keyParts(k); u != tm.Unix() || id != uint64(100-i) {
			t.Errorf("keyParts = %d %d", u, id)
		}
		prev = k
	}
}

func ExampleMercator() {
	x, y := Mercator(71.52, 34.73) // Khar, Bajaur
	lon, lat := InverseMercator(x, y)
	fmt.Printf("%.4f %.4f -> %.2f %.2f\n", x, y, lon, lat)
	// Output: 0.6987 0.3970 -> 71.52 34.73
}

func ExampleSplitList() {
	fmt.Printf("%q\n", SplitList("Police Forces of Pakistan (2022-); Frontier Corps"))
	// Output: ["Police Forces of Pakistan (2022-)" "Frontier Corps"]
}

func TestNaturalKeyOrder(t *testing.T) {
	ids := []string{"AFG7", "PAK9", "PAK99", "PAK100", "PAK1000", "PAK1000a", "PAK1001", "PAK10000", "PAKX", "\x01", "\x02\x03"}
	var prev []byte
	seen := map[string]string{}
	for _, id := range ids {
		k := appendNatural(nil, id)
		if prev != nil && bytes.Compare(prev, k) >= 0 && id[0] > 2 {
			t.Errorf("%q does not sort after the previous ID", id)
		}
		if other, dup := seen[string(k)]; dup {
			t.Errorf("%q and %q share a key", id, other)
		}
		seen[string(k)] = id
		prev = k
	}
	for _, pair := range [][2]string{{"7", "07"}, {"a1", "a\x011"}, {"x\x02", "x\x02\x02"}} {
		if bytes.Equal(appendNatural(nil, pair[0]), appendNatural(nil, pair[1])) {
			t.Errorf("%q and %q share a key", pair[0], pair[1])
		}
	}
	long := strings.Repeat("9", 600)
	if bytes.Equal(appendNatural(nil, long), appendNatural(nil, long+"9")) {
		t.Error("long digit runs collide")
	}
}
