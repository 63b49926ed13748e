// Package e2e holds the end-to-end check of the real Frontier binary: the
// test (build tag e2e, run by `make e2e`) starts the cgo build under its
// own Xvfb, drives it with xdotool and checks screenshots by colour at
// known regions. This file has the pixel measures it uses, which need no
// display and are tested headless.
package e2e

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"sort"
	"strings"
)

// Colour is an opaque screen colour.
type Colour struct{ R, G, B uint8 }

// String writes c as #rrggbb.
func (c Colour) String() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// near reports whether every channel of c is within tol of d.
func (c Colour) near(d Colour, tol int) bool {
	return absDiff(c.R, d.R) <= tol && absDiff(c.G, d.G) <= tol && absDiff(c.B, d.B) <= tol
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// colourAt returns the opaque colour of img at (x, y).
func colourAt(img image.Image, x, y int) Colour {
	if rgba, ok := img.(*image.RGBA); ok {
		i := rgba.PixOffset(x, y)
		return Colour{rgba.Pix[i], rgba.Pix[i+1], rgba.Pix[i+2]}
	}
	r, g, b, _ := img.At(x, y).RGBA()
	return Colour{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8)}
}

// CountEach counts, for each of cols, the pixels of img inside r whose
// colour is within tol of it on every channel.
func CountEach(img image.Image, r image.Rectangle, cols []Colour, tol int) []int {
	n := make([]int, len(cols))
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := colourAt(img, x, y)
			for i, want := range cols {
				if c.near(want, tol) {
					n[i]++
					break
				}
			}
		}
	}
	return n
}

// Count is the number of pixels of img inside r within tol of any of cols.
func Count(img image.Image, r image.Rectangle, cols []Colour, tol int) int {
	total := 0
	for _, n := range CountEach(img, r, cols, tol) {
		total += n
	}
	return total
}

// Changed counts the pixels inside r whose colour differs between a and b
// by more than tol on some channel. Pixels outside either image count as
// changed.
func Changed(a, b image.Image, r image.Rectangle, tol int) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			p := image.Pt(x, y)
			if !p.In(a.Bounds()) || !p.In(b.Bounds()) || !colourAt(a, x, y).near(colourAt(b, x, y), tol) {
				n++
			}
		}
	}
	return n
}

// ColourCount is a colour and how many pixels have it.
type ColourCount struct {
	Colour Colour
	N      int
}

// TopColours returns the n commonest colours of img inside r, commonest
// first (ties by colour), for messages saying what a region shows.
func TopColours(img image.Image, r image.Rectangle, n int) []ColourCount {
	seen := map[Colour]int{}
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			seen[colourAt(img, x, y)]++
		}
	}
	out := make([]ColourCount, 0, len(seen))
	for c, k := range seen {
		out = append(out, ColourCount{c, k})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Colour.String() < out[j].Colour.String()
	})
	return out[:min(n, len(out))]
}

// DescribeColours writes the n commonest colours of img inside r as
// "#f4f1ea×2110 #c6dde8×188 …".
func DescribeColours(img image.Image, r image.Rectangle, n int) string {
	var b strings.Builder
	for i, cc := range TopColours(img, r, n) {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s×%d", cc.Colour, cc.N)
	}
	return b.String()
}

// Outline returns a copy of img with each rectangle of rs outlined in
// magenta, to show on a saved screenshot where the checks looked.
func Outline(img image.Image, rs ...image.Rectangle) *image.RGBA {
	out := image.NewRGBA(img.Bounds())
	draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Src)
	mark := color.RGBA{0xff, 0x00, 0xff, 0xff}
	for _, r := range rs {
		for x := r.Min.X; x < r.Max.X; x++ {
			out.Set(x, r.Min.Y, mark)
			out.Set(x, r.Max.Y-1, mark)
		}
		for y := r.Min.Y; y < r.Max.Y; y++ {
			out.Set(r.Min.X, y, mark)
			out.Set(r.Max.X-1, y, mark)
		}
	}
	return out
}

// Frac is a rectangle as fractions (0..1) of a window's width and height.
type Frac struct{ X0, Y0, X1, Y1 float64 }

// In returns f placed in the window rectangle win, rounded to pixels.
func (f Frac) In(win image.Rectangle) image.Rectangle {
	w, h := float64(win.Dx()), float64(win.Dy())
	return image.Rect(
		win.Min.X+int(f.X0*w+0.5), win.Min.Y+int(f.Y0*h+0.5),
		win.Min.X+int(f.X1*w+0.5), win.Min.Y+int(f.Y1*h+0.5))
}
