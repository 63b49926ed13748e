package timeline

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frontier/internal/golden"
)

// TestWidgetPreview writes a capture of the widget, hovered, with a window,
// to $TIMELINE_PREVIEW for a person to look at; it is skipped otherwise.
func TestWidgetPreview(t *testing.T) {
	dir := os.Getenv("TIMELINE_PREVIEW")
	if dir == "" {
		t.Skip("set TIMELINE_PREVIEW to a directory to write preview images")
	}
	tw := newTLWindow(t, 1)
	tw.w.Resize(fyne.NewSize(1100, 230))
	tw.tl.SetView(ts(t, "2024-02-20"), ts(t, "2024-06-10"))
	tw.tl.SetWindow(ts(t, "2024-04-08"), ts(t, "2024-04-21"))
	tw.tl.SetSelected(latestIn(tw.tl.Data(), ts(t, "2024-05-10"), ts(t, "2024-05-11")))
	tw.tl.Flush()
	test.MoveMouse(tw.w.Canvas(), tw.abs(tw.at(ts(t, "2024-04-30T12:00:00Z")), tw.bars()))
	tw.tl.Flush()
	golden.WritePNG(t, filepath.Join(dir, "widget.png"), tw.w.Canvas().Capture())
}
