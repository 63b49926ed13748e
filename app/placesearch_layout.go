package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// topRightLayout puts its one object at the top right, width wide and
// height high (the place search's list over the map).
type topRightLayout struct{ width, height float32 }

// Layout places the object.
func (l *topRightLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(l.width, size.Width)
	h := min(l.height, size.Height)
	for _, o := range objs {
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos(size.Width-w-theme.Padding()-48, theme.Padding()))
	}
}

// MinSize is nothing: the layer never sizes the map.
func (l *topRightLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, 0) }

// fixedWidthLayout gives its objects a fixed width and their own height.
type fixedWidthLayout struct{ width float32 }

// Layout sizes the objects.
func (l *fixedWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

// MinSize is the width by the tallest object's height.
func (l *fixedWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.width, h)
}
