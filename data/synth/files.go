package synth

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// BenchSizes returns the event counts benchmarks run at: the
// comma-separated list in $FRONTIER_BENCH_SIZES, by default 100,000 and
// 1,000,000.
func BenchSizes() []int {
	s := os.Getenv("FRONTIER_BENCH_SIZES")
	if s == "" {
		s = "100000,1000000"
	}
	var out []int
	for _, f := range strings.Split(s, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	return out
}

// WriteFile writes n rows (see WriteACLED) to the file at path.
func WriteFile(path string, n int, seed int64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	err = WriteACLED(w, n, seed)
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
