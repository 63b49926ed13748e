package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A result is one result line of `go test -bench`.
type result struct {
	ns, bytes, allocs float64 // per op; bytes and allocs are NaN without -benchmem
	metrics           map[string]float64
	load              float64 // 1-minute load average before the run, or NaN
}

// A row is every run of one benchmark at one size.
type row struct {
	pkg  string // last element of the import path, e.g. "data"
	name string // benchmark name without "Benchmark", the size and the CPU suffix
	size string // e.g. "1M", or "" for a benchmark without sizes
	runs []result
}

// results is what parse reads from the benchmark output.
type results struct {
	rows     []*row // in the order first seen
	cpu      string // the "cpu:" line
	procs    int    // GOMAXPROCS, from the benchmark names' suffix
	failures []string
}

var (
	// sizeElem is a sub-benchmark name that is a size: 100k, 1M.
	sizeElem = regexp.MustCompile(`^[0-9]+(k|M)$`)
	// procsSuffix is the -N that go test appends when GOMAXPROCS > 1.
	procsSuffix = regexp.MustCompile(`-([0-9]+)$`)
	// loadAvg finds the load averages in uptime's output.
	loadAvg = regexp.MustCompile(`load averages?: *([0-9.]+)`)
)

// parse reads `go test -bench` output, with uptime lines between runs.
func parse(r io.Reader) (*results, error) {
	res := &results{procs: 1}
	index := map[string]*row{}
	pkg := ""
	load := math.NaN()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "pkg: "):
			p := strings.TrimSpace(strings.TrimPrefix(line, "pkg: "))
			pkg = p[strings.LastIndex(p, "/")+1:]
		case strings.HasPrefix(line, "cpu: "):
			res.cpu = strings.TrimSpace(strings.TrimPrefix(line, "cpu: "))
		case loadAvg.MatchString(line):
			if v, err := strconv.ParseFloat(loadAvg.FindStringSubmatch(line)[1], 64); err == nil {
				load = v
			}
		case strings.HasPrefix(line, "--- FAIL") || strings.HasPrefix(line, "FAIL") || strings.HasPrefix(line, "panic:"):
			res.failures = append(res.failures, line)
		case strings.HasPrefix(line, "Benchmark"):
			name, rn, ok := parseResult(line)
			if !ok {
				continue
			}
			rn.load = load
			if m := procsSuffix.FindStringSubmatch(name); m != nil {
				name = strings.TrimSuffix(name, m[0])
				res.procs, _ = strconv.Atoi(m[1])
			}
			bench, size := splitSize(strings.TrimPrefix(name, "Benchmark"))
			key := pkg + "\x00" + bench + "\x00" + size
			rw := index[key]
			if rw == nil {
				rw = &row{pkg: pkg, name: bench, size: size}
				index[key] = rw
				res.rows = append(res.rows, rw)
			}
			rw.runs = append(rw.runs, rn)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading benchmark output: %w", err)
	}
	return res, nil
}

// parseResult reads "BenchmarkX-2  N  v unit  v unit ...". A line that
// is not a result (a benchmark's log line, say) gives ok false.
func parseResult(line string) (name string, r result, ok bool) {
	f := strings.Fields(line)
	if len(f) < 4 || len(f)%2 != 0 {
		return "", r, false
	}
	if _, err := strconv.ParseInt(f[1], 10, 64); err != nil {
		return "", r, false
	}
	r = result{ns: math.NaN(), bytes: math.NaN(), allocs: math.NaN(), metrics: map[string]float64{}}
	for i := 2; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return "", r, false
		}
		switch unit := f[i+1]; unit {
		case "ns/op":
			r.ns = v
		case "B/op":
			r.bytes = v
		case "allocs/op":
			r.allocs = v
		default:
			r.metrics[unit] = v
		}
	}
	if math.IsNaN(r.ns) {
		return "", r, false
	}
	return f[0], r, true
}

// splitSize takes the size element (100k, 1M) out of a benchmark name:
// "Import/1M" is ("Import", "1M"), "BrushMove/1M/filter+histogram" is
// ("BrushMove/filter+histogram", "1M").
func splitSize(name string) (bench, size string) {
	parts := strings.Split(name, "/")
	for i, p := range parts {
		if i > 0 && sizeElem.MatchString(p) {
			return strings.Join(slices.Delete(parts, i, i+1), "/"), p
		}
	}
	return name, ""
}

// median returns the median of the values that are not NaN, or NaN.
func median(vals []float64) float64 {
	v := slices.DeleteFunc(slices.Clone(vals), math.IsNaN)
	if len(v) == 0 {
		return math.NaN()
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

// column collects one field of every run.
func (rw *row) column(field func(result) float64) []float64 {
	out := make([]float64, len(rw.runs))
	for i, r := range rw.runs {
		out[i] = field(r)
	}
	return out
}

// loadRange returns the lowest and highest load seen before the row's
// runs, NaN when there were no load lines.
func (rw *row) loadRange() (lo, hi float64) {
	loads := slices.DeleteFunc(rw.column(func(r result) float64 { return r.load }), math.IsNaN)
	if len(loads) == 0 {
		return math.NaN(), math.NaN()
	}
	return slices.Min(loads), slices.Max(loads)
}

// metricUnits returns the custom metrics' units of the row, sorted.
func (rw *row) metricUnits() []string {
	var units []string
	for _, r := range rw.runs {
		for u := range r.metrics {
			if !slices.Contains(units, u) {
				units = append(units, u)
			}
		}
	}
	slices.Sort(units)
	return units
}

// formatNs formats a duration in nanoseconds with three significant
// digits: 812 µs, 1.62 ms, 3.41 s.
func formatNs(ns float64) string {
	if math.IsNaN(ns) {
		return "—"
	}
	d := time.Duration(ns)
	switch {
	case d < time.Microsecond:
		return fmt.Sprintf("%.3g ns", ns)
	case d < time.Millisecond:
		return fmt.Sprintf("%.3g µs", ns/1e3)
	case d < time.Second:
		return fmt.Sprintf("%.3g ms", ns/1e6)
	}
	return fmt.Sprintf("%.3g s", ns/1e9)
}

// formatCount formats a count or a size with three significant digits and
// a decimal prefix: 453, 15.4k, 1.91G.
func formatCount(v float64) string {
	switch {
	case math.IsNaN(v):
		return "—"
	case v < 1e3:
		return strconv.FormatFloat(math.Round(v), 'f', -1, 64)
	case v < 1e6:
		return fmt.Sprintf("%.3gk", v/1e3)
	case v < 1e9:
		return fmt.Sprintf("%.3gM", v/1e6)
	}
	return fmt.Sprintf("%.3gG", v/1e9)
}

// formatMetric formats a custom metric's median: "83.1 MB-peak-heap",
// "129k rows/s", "791 rows".
func formatMetric(v float64, unit string) string {
	if strings.HasPrefix(unit, "MB") || v < 1e4 {
		return sig3(v) + " " + unit
	}
	return formatCount(v) + " " + unit
}

// sig3 formats v with three significant digits, or as a whole number when
// it has more digits than that: 1.81, 82.6, 133, 1230.
func sig3(v float64) string {
	switch a := math.Abs(v); {
	case math.IsNaN(v):
		return "—"
	case a >= 100 || v == math.Trunc(v):
		return strconv.FormatFloat(math.Round(v), 'f', -1, 64)
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// write prints the table, then a line per row measured under load.
func write(w io.Writer, res *results) {
	fmt.Fprintln(w, "| benchmark | size | median time | runs | B/op | allocs/op | other (median) | load | target | met |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|")
	var busy []string
	for _, rw := range res.rows {
		ns := median(rw.column(func(r result) float64 { return r.ns }))
		var other []string
		for _, u := range rw.metricUnits() {
			other = append(other, formatMetric(median(rw.column(func(r result) float64 {
				if v, ok := r.metrics[u]; ok {
					return v
				}
				return math.NaN()
			})), u))
		}
		lo, hi := rw.loadRange()
		load := "—"
		if !math.IsNaN(lo) {
			load = fmt.Sprintf("%.1f–%.1f", lo, hi)
			if fmt.Sprintf("%.1f", lo) == fmt.Sprintf("%.1f", hi) {
				load = fmt.Sprintf("%.1f", lo)
			}
			if lo > float64(res.procs) {
				load += " †"
				busy = append(busy, strings.TrimSpace(rw.label()+" "+rw.size))
			}
		}
		tgt, met := "", ""
		if t, ok := targetFor(rw.pkg, rw.name, rw.size); ok {
			tgt, met = t.text, t.verdict(ns)
		}
		size := rw.size
		if size == "" {
			size = "—"
		}
		fmt.Fprintf(w, "| %s | %s | %s | %d | %s | %s | %s | %s | %s | %s |\n",
			rw.label(), size, formatNs(ns), len(rw.runs),
			formatCount(median(rw.column(func(r result) float64 { return r.bytes }))),
			formatCount(median(rw.column(func(r result) float64 { return r.allocs }))),
			strings.Join(other, ", "), load, tgt, met)
	}
	fmt.Fprintln(w)
	cpu := res.cpu
	if cpu == "" {
		cpu = "unknown CPU"
	}
	fmt.Fprintf(w, "Medians of the runs on %s, GOMAXPROCS %d; load is the 1-minute load average before each run (the benchmark itself adds up to %d).\n", cpu, res.procs, res.procs)
	switch {
	case len(busy) == len(res.rows):
		fmt.Fprintf(w, "† every run of every row shared the CPUs with other work (load above %d throughout): re-measure them all on a quiet machine.\n", res.procs)
	case len(busy) > 0:
		fmt.Fprintf(w, "† every run shared the CPUs with other work (load above %d throughout): re-measure on a quiet machine: %s.\n", res.procs, strings.Join(busy, ", "))
	}
}

// label names the row's benchmark with its package: "data Import".
func (rw *row) label() string {
	if rw.pkg == "" {
		return rw.name
	}
	return rw.pkg + " " + rw.name
}
