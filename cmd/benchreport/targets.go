package main

import (
	"fmt"
	"math"
	"time"
)

// A target is a time limit set by an earlier issue for one benchmark at
// one size (see README, Performance).
type target struct {
	pkg, name, size string
	max             time.Duration
	text            string
}

// targets are the limits the benchmarks of `make bench` are held to; they
// are stated for 1M events.
var targets = []target{
	{"data", "Import", "1M", 3200 * time.Millisecond, "≤ 3.2 s (10× ogr2ogr's ~32 s)"},
	{"data", "Open", "1M", time.Second, "≤ 1 s"},
	{"data", "Filter", "1M", 2 * time.Millisecond, "≤ 2 ms"},
	{"app", "BrushMove/filter+histogram", "1M", 5 * time.Millisecond, "≤ 5 ms (brush move)"},
	{"mapview", "EventLayer", "1M", 16 * time.Millisecond, "≤ 16 ms at 1920×1080"},
	{"app", "PlaybackStep", "1M", 16 * time.Millisecond, "≤ 16 ms"},
	{"cli", "RenderSample", "", 500 * time.Millisecond, "≤ 0.5 s (render --sample)"},
}

// targetFor returns the target of a benchmark at a size, if it has one.
func targetFor(pkg, name, size string) (target, bool) {
	for _, t := range targets {
		if t.pkg == pkg && t.name == name && t.size == size {
			return t, true
		}
	}
	return target{}, false
}

// verdict says whether a median time of ns meets the target, and by how
// much it misses it.
func (t target) verdict(ns float64) string {
	switch {
	case math.IsNaN(ns):
		return "not measured"
	case ns <= float64(t.max):
		return "yes"
	}
	return fmt.Sprintf("no (+%.0f%%)", 100*(ns/float64(t.max)-1))
}
