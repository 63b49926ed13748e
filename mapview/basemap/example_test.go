package basemap_test

import (
	"fmt"

	"frontier/mapview/basemap"
)

// LayersAt returns the layers of the band a zoom falls in, in draw order.
// Fill the rings of a fill layer in one pass; stroke the others.
func ExampleBasemap_LayersAt() {
	b, err := basemap.Default()
	if err != nil {
		panic(err)
	}
	for _, zoom := range []float64{2, 4, 6} {
		fmt.Printf("zoom %v:", zoom)
		for _, l := range b.LayersAt(zoom) {
			fmt.Printf(" %v", l.Class)
			if l.Class.Filled() {
				fmt.Print("(fill)")
			}
		}
		fmt.Println()
	}
	// Output:
	// zoom 2: Land(fill) Coast Border
	// zoom 4: Land(fill) Lake(fill) River Coast Border
	// zoom 6: Land(fill) Lake(fill) River Province Coast Border
}
