package gazetteer_test

import (
	"fmt"

	"frontier/data/gazetteer"
)

func Example() {
	g, err := gazetteer.Load()
	if err != nil {
		panic(err)
	}
	// Pashto, Urdu and Latin spellings find the same town.
	for _, q := range []string{"پاړه چنار", "پاڑاچنار", "parachinar"} {
		m := g.Search(q, 1)[0]
		fmt.Printf("%s: %s, %s (%s)\n", q, m.Place.Name, m.Place.Admin1, m.Kind)
	}
	// An import's location and country columns.
	m, _ := g.Lookup("Hyderabad", "Pakistan")
	fmt.Printf("%s, %s: %.2f, %.2f\n", m.Place.Name, m.Place.Admin1, m.Place.Lat, m.Place.Lon)
	// A location field for a position.
	n, _ := g.Nearest(71.5, 34.1)
	fmt.Println(n.Describe())
	// Output:
	// پاړه چنار: Parachinar, Khyber Pakhtunkhwa (exact)
	// پاڑاچنار: Parachinar, Khyber Pakhtunkhwa (exact)
	// parachinar: Parachinar, Khyber Pakhtunkhwa (exact)
	// Hyderabad, Sindh: 25.39, 68.37
	// 13 km NW of Peshawar
}

func ExampleFold() {
	fmt.Println(gazetteer.Fold("Mazār-e Sharīf"))
	fmt.Println(gazetteer.Fold("كويته") == gazetteer.Fold("کویته"))
	// Output:
	// mazar e sharif
	// true
}
