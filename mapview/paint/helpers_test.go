package paint

import (
	"image"
	"testing"
)

// alphaAt returns the alpha of pixel (x, y).
func alphaAt(img *image.RGBA, x, y int) uint8 { return img.RGBAAt(x, y).A }

// alphaSum returns the summed alpha of img in units of full pixels.
func alphaSum(img *image.RGBA) float64 {
	s := 0
	for i := 3; i < len(img.Pix); i += 4 {
		s += int(img.Pix[i])
	}
	return float64(s) / 255
}

// inkBounds returns the bounding box of the pixels with non-zero alpha.
func inkBounds(img *image.RGBA) image.Rectangle {
	var r image.Rectangle
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.RGBAAt(x, y).A != 0 {
				r = r.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return r
}

// checkOutside fails if any pixel of img outside r is not transparent.
func checkOutside(t *testing.T, img *image.RGBA, r image.Rectangle) {
	t.Helper()
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if !(image.Pt(x, y).In(r)) && img.RGBAAt(x, y).A != 0 {
				t.Fatalf("pixel (%d,%d) = %v drawn outside %v", x, y, img.RGBAAt(x, y), r)
			}
		}
	}
}

// square returns the ring of the axis-aligned square [x0,x1]×[y0,y1],
// clockwise on screen (y down) when cw, else counter-clockwise.
func square(x0, y0, x1, y1 float64, cw bool) []float64 {
	if cw {
		return []float64{x0, y0, x1, y0, x1, y1, x0, y1}
	}
	return []float64{x0, y0, x0, y1, x1, y1, x1, y0}
}
