package files

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestSame(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.db")
	if err := os.WriteFile(a, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.db")
	if err := os.Symlink(a, link); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		x, y string
		want bool
	}{
		{a, a, true},
		{a, filepath.Join(dir, ".", "a.db"), true},
		{a, link, true},
		{a, filepath.Join(dir, "b.db"), false},
		{filepath.Join(dir, "new.db"), filepath.Join(dir, "sub", "..", "new.db"), true},
	} {
		if got := Same(c.x, c.y); got != c.want {
			t.Errorf("Same(%s, %s) = %v, want %v", c.x, c.y, got, c.want)
		}
	}
}

func ExampleSizeText() {
	for _, n := range []int64{100, 812 << 10, 1468006, 2469606195} {
		fmt.Println(SizeText(n))
	}
	// Output:
	// 1 KB
	// 812 KB
	// 1.4 MB
	// 2.30 GB
}

func TestSizeText(t *testing.T) {
	for n, want := range map[int64]string{0: "0 KB", 100: "1 KB", 812 << 10: "812 KB", 1468006: "1.4 MB", 2469606195: "2.30 GB"} {
		if got := SizeText(n); got != want {
			t.Errorf("SizeText(%d) = %q, want %q", n, got, want)
		}
	}
}
