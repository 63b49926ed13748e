package gazetteer

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

func load(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Peshawar", "peshawar"},
		{"  Mazār-e  Sharīf ", "mazar e sharif"},
		{"Mazar-e-Sharif", "mazar e sharif"},
		{"Khōst", "khost"},
		{"Dil'hi", "dilhi"},
		{"Qarʼzy", "qarzy"},
		{"Zürich", "zurich"},
		{"Łódź", "lodz"},
		{"Straße", "strasse"},
		{"Kəraçi", "keraci"},
		{"İstanbul", "istanbul"},
		// Arabic-script variants: Arabic yeh/kaf vs Persian keheh/yeh.
		{"كويته", "کویته"},
		{"کویته", "کویته"},
		{"کوئٹہ", "کویٹه"},
		// Teh marbuta and heh goal as heh; tatweel and harakat dropped.
		{"هراة", "هراه"},
		{"كـابُل", "کابل"},
		{"دہلی", "دهلی"},
		// Zero-width non-joiner and joiner dropped; alef with madda.
		{"جلال\u200cآباد", "جلالاباد"},
		{"ک\u200dابل", "کابل"},
		// Arabic-Indic and Persian digits.
		{"٣٤ ۱۲", "34 12"},
		{"\u202bپښور\u202c", "پښور"},
		{"", ""},
		{"---", ""},
	} {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSearch(t *testing.T) {
	g := load(t)
	for _, tc := range []struct {
		query string
		name  string // ASCII name of the first match
		cc    string
		kind  MatchKind
	}{
		{"Peshawar", "Peshawar", "PK", Exact},
		{"PESHAWAR", "Peshawar", "PK", Exact},
		{"pesh", "Peshawar", "PK", Prefix},
		{"پېښور", "Peshawar", "PK", Exact},   // Pashto
		{"پشاور", "Peshawar", "PK", Exact},   // Urdu
		{"Пешавар", "Peshawar", "PK", Exact}, // Russian
		{"Parachinar", "Parachinar", "PK", Exact},
		{"پاړه چنار", "Parachinar", "PK", Exact},
		{"پاڑاچنار", "Parachinar", "PK", Exact},
		{"کوټه", "Quetta", "PK", Exact},
		{"كويته", "Quetta", "PK", Exact}, // Arabic yeh and kaf
		{"Shalkot", "Quetta", "PK", Exact},
		{"خوست", "Khost", "AF", Exact},
		{"Khowst", "Khost", "AF", Exact},
		{"کابل", "Kabul", "AF", Exact},
		{"كابل", "Kabul", "AF", Exact},
		{"Mazar-i-Sharif", "Mazar-e Sharif", "AF", Exact},
		{"sharif", "Mazar-e Sharif", "AF", Word},
		{"Miram Shah", "Miran Shah", "PK", Exact},
		{"Lashkargah Bust", "Lashkar Gah", "AF", Exact},
		{"Shanghai", "Shanghai", "CN", Exact}, // from the world file
	} {
		ms := g.Search(tc.query, 5)
		if len(ms) == 0 {
			t.Errorf("%q: no match", tc.query)
			continue
		}
		m := ms[0]
		if m.Place.ASCIIName != tc.name || m.Place.Country != tc.cc || m.Kind != tc.kind {
			t.Errorf("%q: first match %s (%s, %v via %q), want %s (%s, %v)", tc.query,
				m.Place.ASCIIName, m.Place.Country, m.Kind, m.Name, tc.name, tc.cc, tc.kind)
		}
	}
	if ms := g.Search("zzqqxx", 5); len(ms) != 0 {
		t.Errorf("nonsense query matched %d places", len(ms))
	}
	if ms := g.Search("  ", 5); ms != nil {
		t.Errorf("blank query matched %d places", len(ms))
	}
}

// Matches come closest first, then by population, and each place once.
func TestSearchRanking(t *testing.T) {
	g := load(t)
	ms := g.Search("kha", 0)
	if len(ms) < 20 {
		t.Fatalf("%d matches for kha", len(ms))
	}
	seen := map[int64]bool{}
	for i, m := range ms {
		if seen[m.Place.ID] {
			t.Fatalf("place %s listed twice", m.Place.Name)
		}
		seen[m.Place.ID] = true
		if i == 0 {
			continue
		}
		prev := ms[i-1]
		if prev.Kind > m.Kind || prev.Kind == m.Kind && prev.Place.Population < m.Place.Population {
			t.Fatalf("%s (%v, %d) ranks after %s (%v, %d)", m.Place.Name, m.Kind, m.Place.Population,
				prev.Place.Name, prev.Kind, prev.Place.Population)
		}
	}
	if got := g.Search("kha", 3); len(got) != 3 || got[0].Place != ms[0].Place {
		t.Errorf("limit 3: %d matches", len(got))
	}
	// An exact match outranks a far more populous prefix match.
	if ms := g.Search("Khar", 1); len(ms) == 0 || ms[0].Kind > Word {
		t.Errorf("Khar: %+v", ms)
	}
}

func TestLookup(t *testing.T) {
	g := load(t)
	for _, tc := range []struct {
		name, hint string
		want       string // ASCII name, "" for not found
		cc         string
	}{
		{"Hyderabad", "", "Hyderabad", "IN"}, // the more populous
		{"Hyderabad", "Pakistan", "Hyderabad", "PK"},
		{"Hyderabad", "PK", "Hyderabad", "PK"},
		{"Hyderabad", "pak", "Hyderabad", "PK"},
		{"Hyderabad", "Narnia", "Hyderabad", "IN"}, // unknown hint ignored
		{"Peshawar", "Afghanistan", "", ""},        // known hint, no such place there
		{"پېښور", "", "Peshawar", "PK"},
		{"Khost, Khowst", "", "Khost", "AF"},
		{"Kabul City", "", "Kabul", "AF"},
		{"Quetta, Pakistan", "", "Quetta", "PK"},
		{"Jalalabad", "", "Jalalabad", "AF"},
		{"Jalal-Abad", "Kyrgyzstan", "Jalal-Abad", "KG"},
		{"Peshaw", "", "", ""}, // a prefix is not a place
		{"", "", "", ""},
	} {
		m, ok := g.Lookup(tc.name, tc.hint)
		if ok != (tc.want != "") {
			t.Errorf("Lookup(%q, %q): ok %v", tc.name, tc.hint, ok)
			continue
		}
		if ok && (m.Place.ASCIIName != tc.want || m.Place.Country != tc.cc || m.Kind != Exact) {
			t.Errorf("Lookup(%q, %q) = %s (%s), want %s (%s)", tc.name, tc.hint, m.Place.ASCIIName, m.Place.Country, tc.want, tc.cc)
		}
	}
	if m, _ := g.Lookup("Hyderabad", ""); m.Others == 0 {
		t.Error("Hyderabad: Others = 0, but two cities have the name")
	}
}

func TestCountryCode(t *testing.T) {
	g := load(t)
	for in, want := range map[string]string{"Pakistan": "PK", "afghanistan": "AF", "PAK": "PK", "af": "AF",
		"Democratic Republic of Congo": "CD", "Kosovo": "XK", "Atlantis": ""} {
		if got := g.CountryCode(in); got != want {
			t.Errorf("CountryCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNearest(t *testing.T) {
	g := load(t)
	for _, tc := range []struct {
		lon, lat float64
		name     string
		maxKm    float64
		describe string
	}{
		{71.57849, 34.008, "Peshawar", 0.01, "Peshawar"},
		{70.10012, 33.89968 + 0.1, "Parachinar", 12, "11 km N of Parachinar"},
		{121.45806, 31.22222, "Shanghai", 0.01, "Shanghai"},
		{-179.9, 0, "", 20000, ""}, // mid-Pacific: something, far away
	} {
		n, ok := g.Nearest(tc.lon, tc.lat)
		if !ok {
			t.Fatalf("%v,%v: not found", tc.lon, tc.lat)
		}
		if tc.name != "" && n.Place.ASCIIName != tc.name || n.Distance/1000 > tc.maxKm {
			t.Errorf("%v,%v: %s at %.1f km", tc.lon, tc.lat, n.Place.ASCIIName, n.Distance/1000)
		}
		if tc.describe != "" && n.Describe() != tc.describe {
			t.Errorf("%v,%v: Describe %q, want %q", tc.lon, tc.lat, n.Describe(), tc.describe)
		}
	}
	// The walk agrees with a scan of every place.
	for _, pt := range [][2]float64{{69.1, 34.5}, {0, 51.5}, {-74, 40.7}, {179.9, -16}, {60, 89}} {
		n, _ := g.Nearest(pt[0], pt[1])
		best := math.Inf(1)
		for i := range g.places {
			p := &g.places[i]
			if historic(p) != 0 {
				continue
			}
			la1, la2 := pt[1]*math.Pi/180, p.Lat*math.Pi/180
			d := centralAngle(la1, pt[0]*math.Pi/180, math.Cos(la1), la2, p.Lon*math.Pi/180, math.Cos(la2)) * earthRadius
			best = min(best, d)
		}
		if math.Abs(n.Distance-best) > 1e-6 {
			t.Errorf("%v: Nearest %f m, scan %f m", pt, n.Distance, best)
		}
	}
	if _, ok := g.Nearest(200, 0); ok {
		t.Error("longitude 200 accepted")
	}
	if _, ok := g.Nearest(0, math.NaN()); ok {
		t.Error("NaN accepted")
	}
}

func TestCompass(t *testing.T) {
	for deg, want := range map[float64]string{0: "N", 22: "N", 23: "NE", 90: "E", 180: "S", 269: "W", 338: "N", 359.9: "N", 315: "NW"} {
		if got := compass(deg); got != want {
			t.Errorf("compass(%v) = %s, want %s", deg, got, want)
		}
	}
}

func TestEmbeddedAsset(t *testing.T) {
	g := load(t)
	if g.Len() < 7000 {
		t.Errorf("%d places", g.Len())
	}
	ids := map[int64]bool{}
	for i := range g.Len() {
		p := g.Place(i)
		if ids[p.ID] {
			t.Fatalf("geonameid %d twice", p.ID)
		}
		ids[p.ID] = true
		if i > 0 && g.Place(i-1).Population < p.Population {
			t.Fatalf("not most populous first at %d", i)
		}
		if p.Name == "" || p.Country == "" || !utf8.ValidString(p.Name) {
			t.Fatalf("place %d: %+v", i, p)
		}
	}
	// A frontier place keeps its alternate names and admin-1 name.
	ms := g.Search("Parachinar", 1)
	if len(ms) == 0 || len(ms[0].Place.AltNames) < 5 || ms[0].Place.Admin1 != "Khyber Pakhtunkhwa" || ms[0].Place.FeatureCode != "PPLA2" {
		t.Errorf("Parachinar: %+v", ms)
	}
}

func TestEncodeDecode(t *testing.T) {
	places := []Place{
		{ID: 1, Name: "Khōst", ASCIIName: "Khost", AltNames: []string{"خوست", "Matun"}, Lat: 33.33951, Lon: 69.92041, FeatureCode: "PPLA", Country: "AF", Admin1: "Khowst", Population: 96123},
		{ID: 2, Name: "Edge", ASCIIName: "Edge", Lat: -90, Lon: 180, FeatureCode: "PPL", Country: "AQ"},
	}
	countries := []Country{{ISO2: "AF", ISO3: "AFG", Name: "Afghanistan"}}
	var buf bytes.Buffer
	if err := Encode(&buf, places, countries); err != nil {
		t.Fatal(err)
	}
	gotP, gotC, err := Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(gotP) != 2 || len(gotC) != 1 || gotC[0] != countries[0] {
		t.Fatalf("%+v %+v", gotP, gotC)
	}
	for i := range places {
		a, b := places[i], gotP[i]
		if a.ID != b.ID || a.Name != b.Name || a.ASCIIName != b.ASCIIName || a.Lat != b.Lat || a.Lon != b.Lon ||
			a.FeatureCode != b.FeatureCode || a.Country != b.Country || a.Admin1 != b.Admin1 ||
			a.Population != b.Population || strings.Join(a.AltNames, "|") != strings.Join(b.AltNames, "|") {
			t.Errorf("place %d: %+v, want %+v", i, b, a)
		}
	}
	if err := Encode(&bytes.Buffer{}, []Place{{ID: 3, Lat: 91}}, nil); err == nil {
		t.Error("latitude 91 encoded")
	}
	// Every truncation of the asset fails cleanly.
	for n := 0; n < buf.Len(); n++ {
		if _, _, err := Decode(buf.Bytes()[:n]); err == nil {
			t.Fatalf("truncated to %d bytes: decoded", n)
		}
	}
}
