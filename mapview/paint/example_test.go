package paint_test

import (
	"fmt"
	"image"
	"image/color"

	"frontier/mapview/paint"
)

func ExampleNiceDistance() {
	for _, max := range []float64{73_000, 250, 1_999, 0.7} {
		m, label := paint.NiceDistance(max)
		fmt.Println(m, label)
	}
	// Output:
	// 50000 50 km
	// 200 200 m
	// 1000 1 km
	// 0.5 50 cm
}

func ExampleFiller() {
	img := image.NewRGBA(image.Rect(0, 0, 100, 100))
	var f paint.Filler
	f.Reset(img.Bounds())
	f.AddRing([]float64{10, 10, 90, 10, 90, 90, 10, 90}) // outer ring
	f.AddRing([]float64{40, 40, 40, 60, 60, 60, 60, 40}) // hole: opposite orientation
	f.Fill(img, color.RGBA{0, 80, 0, 255})
	fmt.Println(img.RGBAAt(20, 20).A, img.RGBAAt(50, 50).A)
	// Output: 255 0
}

func ExampleStrokePolyline() {
	img := image.NewRGBA(image.Rect(0, 0, 100, 20))
	// A 2 px line along y = 10 covers rows 9 and 10.
	paint.StrokePolyline(img, img.Bounds(), []float64{10, 10, 90, 10}, 2, color.RGBA{0, 0, 0, 255})
	fmt.Println(img.RGBAAt(50, 8).A, img.RGBAAt(50, 9).A, img.RGBAAt(50, 10).A, img.RGBAAt(50, 11).A)
	// Output: 0 255 255 0
}

func ExampleStamps_Disc() {
	img := image.NewRGBA(image.Rect(0, 0, 40, 40))
	var s paint.Stamps // keep it: it caches the disc coverage
	red, white := color.RGBA{200, 0, 0, 255}, color.RGBA{255, 255, 255, 255}
	// Radius 6 in all, with a 1.5 px white ring inside the edge.
	s.Disc(img, 20.5, 20.5, 6, red, white, 1.5)
	fmt.Println(img.RGBAAt(20, 20), img.RGBAAt(25, 20), img.RGBAAt(27, 20))
	// Output: {200 0 0 255} {255 255 255 255} {0 0 0 0}
}

func ExampleFace_Draw() {
	img := image.NewRGBA(image.Rect(0, 0, 200, 40))
	face := paint.RegularFace(13) // keep it: it caches the glyph masks
	w, ascent, descent := face.Measure("Vienna 1683")
	face.Draw(img, 10, 25, "Vienna 1683", color.RGBA{0, 0, 0, 255}, color.RGBA{255, 255, 255, 255})
	fmt.Println(w > 0, ascent > 0, descent > 0)
	// Output: true true true
}

func ExampleScaleBar() {
	img := image.NewRGBA(image.Rect(0, 0, 300, 100))
	// 152.87 m per device pixel (zoom 10 at the equator), at most 120 px.
	r := paint.ScaleBar(img, 10, 90, 152.87, 120, paint.RegularFace(11), 1)
	fmt.Println(r.Min.X, r.Max.Y, r.Dx() <= 130)
	// Output: 10 90 true
}
