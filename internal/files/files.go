// Package files holds the small file helpers the desktop app and the
// command line share: whether two paths name one file, and file sizes in
// words.
package files

import (
	"fmt"
	"os"
	"path/filepath"
)

// Same reports whether a and b name the same file, or would once
// created: the same file on disk when both exist, else the same absolute
// path.
func Same(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(fa, fb)
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}

// SizeText writes n bytes as "812 KB", "1.4 MB" or "2.30 GB".
func SizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	default:
		return fmt.Sprintf("%d KB", (n+1023)/1024)
	}
}
