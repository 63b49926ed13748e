package gazetteer

import "testing"

// BenchmarkLoad decodes and indexes the embedded asset, as the first Load
// does.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		places, countries, err := Decode(asset)
		if err != nil {
			b.Fatal(err)
		}
		New(places, countries)
	}
}

func BenchmarkSearch(b *testing.B) {
	g := load(b)
	b.ReportAllocs()
	queries := []string{"pesh", "Kabul", "کوټه", "kha", "Mazar-e Sharif"}
	for i := range b.N {
		g.Search(queries[i%len(queries)], 10)
	}
}

func BenchmarkLookup(b *testing.B) {
	g := load(b)
	b.ReportAllocs()
	for i := range b.N {
		if i%2 == 0 {
			g.Lookup("Hyderabad", "Pakistan")
		} else {
			g.Lookup("Parachinar", "")
		}
	}
}

func BenchmarkNearest(b *testing.B) {
	g := load(b)
	b.ReportAllocs()
	for i := range b.N {
		g.Nearest(60+float64(i%20), 25+float64(i%15))
	}
}
