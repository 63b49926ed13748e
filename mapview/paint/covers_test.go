package paint

import "testing"

func TestCovers(t *testing.T) {
	f := RegularFace(12)
	for s, want := range map[string]bool{
		"Peshawar": true, "Kābul": true, "Jalālābād": true, "Zōr Kōṯ": false, "Ḩāfiẓābān": false, "": true,
	} {
		if got := f.Covers(s); got != want {
			t.Errorf("Covers(%q) = %v, want %v", s, got, want)
		}
	}
}
