package app

import "testing"

func TestCountNoun(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "0 layers"}, {1, "1 layer"}, {2, "2 layers"}, {12400, "12,400 layers"}} {
		if got := countNoun(c.n, "layer", "layers"); got != c.want {
			t.Errorf("countNoun(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}
