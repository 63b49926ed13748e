package timeline

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// A window the owner sets or clears with SetWindow is what the user's
// next change is compared with, so the same user window is reported again
// after the owner cleared it, and a user clear after an owner's window.
func TestUserWindowReportedAgainstOwnersWindow(t *testing.T) {
	test.NewTempApp(t)
	tl := New()
	t.Cleanup(tl.Destroy)
	var got [][2]int64
	tl.OnWindow = func(f, l int64) { got = append(got, [2]int64{f, l}) }
	d0 := int64(19_000) * day
	tl.userWindow(d0, d0+10*day)
	tl.SetWindow(0, 0) // the owner clears it (a chip's ×)
	tl.userWindow(d0, d0+10*day)
	tl.SetWindow(d0, d0+4*day) // the owner sets one (playback)
	tl.userWindow(0, 0)        // the user clears it
	tl.userWindow(0, 0)        // nothing new
	want := [][2]int64{{d0, d0 + 9*day}, {d0, d0 + 9*day}, {0, 0}}
	if len(got) != len(want) {
		t.Fatalf("OnWindow calls %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("OnWindow calls %v, want %v", got, want)
		}
	}
}
