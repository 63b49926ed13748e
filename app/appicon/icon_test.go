package appicon

import (
	"image/color"
	"testing"
)

func TestIconShape(t *testing.T) {
	img := Draw(128)
	if b := img.Bounds(); b.Dx() != 128 || b.Dy() != 128 {
		t.Fatalf("icon is %v", b)
	}
	if a := img.NRGBAAt(0, 0).A; a != 0 {
		t.Errorf("corner alpha %d, want transparent rounded corners", a)
	}
	// The pin's head (orange) sits above the centre, its hole is dark.
	head := img.NRGBAAt(40, 40)
	if head.A != 255 || head.R < 200 || head.B > 60 {
		t.Errorf("pin head colour %v, want opaque orange", head)
	}
	if hole := img.NRGBAAt(64, 51); hole.R > 60 {
		t.Errorf("pin hole colour %v, want dark", hole)
	}
	if c := img.NRGBAAt(64, 120); c == (color.NRGBA{}) {
		t.Error("bottom centre is empty")
	}
}
