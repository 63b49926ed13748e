package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// tableRow returns the cells of the table row whose first two cells are
// label and size, or nil.
func tableRow(table, label, size string) []string {
	for _, line := range strings.Split(table, "\n") {
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if len(cells) == 10 && cells[0] == label && cells[1] == size {
			return cells
		}
	}
	return nil
}

// TestReport runs inputs shaped like `make bench` output through the
// report and checks the cells of one row each: the median of the runs,
// memory, custom metrics, the load range and the target's verdict.
func TestReport(t *testing.T) {
	const head = "goos: linux\npkg: frontier/data\ncpu: Test CPU\n"
	for _, c := range []struct {
		name, input, label, size string
		want                     map[int]string // cell index → text
	}{
		{
			name: "median of three runs, target missed",
			input: head + " 12:00 up 1 day, load average: 0.50, 0.4, 0.3\n" +
				"BenchmarkImport/1M-2   1   3500000000 ns/op   150.0 MB-peak-heap   285714 rows/s   2000000000 B/op   11000000 allocs/op\n" +
				" load average: 1.50, 1, 1\n" +
				"BenchmarkImport/1M-2   1   3300000000 ns/op   170.0 MB-peak-heap   303030 rows/s   1900000000 B/op   12000000 allocs/op\n" +
				" load average: 0.90, 1, 1\n" +
				"BenchmarkImport/1M-2   1   4100000000 ns/op   160.0 MB-peak-heap   243902 rows/s   2100000000 B/op   11500000 allocs/op\n",
			label: "data Import", size: "1M",
			want: map[int]string{2: "3.5 s", 3: "3", 4: "2G", 5: "11.5M", 6: "160 MB-peak-heap, 286k rows/s", 7: "0.5–1.5", 8: "≤ 3.2 s (10× ogr2ogr's ~32 s)", 9: "no (+9%)"},
		},
		{
			name:  "even number of runs: the mean of the middle two; target met",
			input: head + "BenchmarkFilter/1M-2 1000 1500000 ns/op 20 B/op 1 allocs/op\nBenchmarkFilter/1M-2 1000 1700000 ns/op 40 B/op 3 allocs/op\n",
			label: "data Filter", size: "1M",
			want: map[int]string{2: "1.6 ms", 3: "2", 4: "30", 5: "2", 7: "—", 8: "≤ 2 ms", 9: "yes"},
		},
		{
			name:  "size in the middle of the name; no -benchmem; load above the CPUs",
			input: "pkg: frontier/app\n load average: 3.1, 2, 2\nBenchmarkBrushMove/1M/filter+histogram-2  800  1500000 ns/op\n",
			label: "app BrushMove/filter+histogram", size: "1M",
			want: map[int]string{2: "1.5 ms", 4: "—", 5: "—", 7: "3.1 †", 9: "yes"},
		},
		{
			name:  "no target below 1M",
			input: head + "BenchmarkImport/100k-2 3 450000000 ns/op\n",
			label: "data Import", size: "100k",
			want: map[int]string{2: "450 ms", 8: "", 9: ""},
		},
		{
			name:  "a benchmark without sizes, GOMAXPROCS 1 (no suffix)",
			input: "pkg: frontier/cli\nBenchmarkRenderSample 12 90000000 ns/op 70000000 B/op 6000 allocs/op\n",
			label: "cli RenderSample", size: "—",
			want: map[int]string{2: "90 ms", 4: "70M", 5: "6k", 9: "yes"},
		},
		{
			name:  "log lines and malformed results are skipped",
			input: head + "BenchmarkOpen/1M-2 some log text\nBenchmarkOpen/1M-2 1 x ns/op\nBenchmarkOpen/1M-2 1 250000000 ns/op 72.5 MB-live-heap\n",
			label: "data Open", size: "1M",
			want: map[int]string{2: "250 ms", 3: "1", 6: "72.5 MB-live-heap", 9: "yes"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errs bytes.Buffer
			if code := run(strings.NewReader(c.input), &out, &errs); code != 0 {
				t.Fatalf("exit %d: %s", code, errs.String())
			}
			cells := tableRow(out.String(), c.label, c.size)
			if cells == nil {
				t.Fatalf("no row %q %q in\n%s", c.label, c.size, out.String())
			}
			for i, want := range c.want {
				if cells[i] != want {
					t.Errorf("cell %d = %q, want %q (row %q)", i, cells[i], want, cells)
				}
			}
		})
	}
}

// TestReportSample reads committed `make bench` output (two rounds at 20k
// and 50k events on the shared 2-CPU machine) and checks the table: one
// row per benchmark and size in the order run, the medians, and the note
// that the machine was busy.
func TestReportSample(t *testing.T) {
	in, err := os.Open("testdata/sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	var out, errs bytes.Buffer
	if code := run(in, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	table := out.String()
	var labels []string
	for _, line := range strings.Split(table, "\n")[2:] {
		if !strings.HasPrefix(line, "| ") {
			break
		}
		cells := strings.Split(line, " | ")
		labels = append(labels, strings.TrimPrefix(cells[0], "| ")+" "+cells[1])
	}
	want := []string{"data Import 20k", "data Import 50k", "data Open 20k", "data Open 50k", "data Filter 20k", "data Filter 50k",
		"timeline Histogram/month 20k", "timeline Histogram/day 20k", "timeline Histogram/month 50k", "timeline Histogram/day 50k",
		"timeline Render/hover 20k", "timeline Render/pan 20k", "timeline Render/hover 50k", "timeline Render/pan 50k",
		"mapview EventLayer 20k", "mapview EventLayer 50k",
		"app BrushMove/filter+histogram 20k", "app BrushMove/snapshot-job 20k", "app BrushMove/filter+histogram 50k", "app BrushMove/snapshot-job 50k",
		"app PlaybackStep 20k", "app PlaybackStep 50k", "cli RenderSample —"}
	if strings.Join(labels, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(labels, "\n"), strings.Join(want, "\n"))
	}
	// Import at 20k ran in 191,940,099 and 129,845,143 ns: the median of
	// two is their mean, 160.9 ms.
	if cells := tableRow(table, "data Import", "20k"); cells == nil || cells[2] != "161 ms" || cells[3] != "2" {
		t.Errorf("data Import 20k: %q", cells)
	}
	if cells := tableRow(table, "cli RenderSample", "—"); cells == nil || cells[9] != "yes" {
		t.Errorf("cli RenderSample: %q", cells)
	}
	if !strings.Contains(table, "on AMD EPYC, GOMAXPROCS 2") || !strings.Contains(table, "re-measure them all on a quiet machine") {
		t.Errorf("notes under the table:\n%s", table)
	}
}

// TestReportFailures checks that a failed benchmark or an input without
// results makes the exit status 1.
func TestReportFailures(t *testing.T) {
	for _, input := range []string{
		"pkg: frontier/data\nBenchmarkImport/1M-2 1 3000000000 ns/op\n--- FAIL: BenchmarkOpen/1M\nFAIL\tfrontier/data\t9.1s\n",
		"PASS\nok  \tfrontier/data\t1.0s\n",
		"",
	} {
		var out, errs bytes.Buffer
		if code := run(strings.NewReader(input), &out, &errs); code != 1 || errs.Len() == 0 {
			t.Errorf("input %q: exit %d, stderr %q; want 1 with a message", input, code, errs.String())
		}
	}
}

// FuzzParse feeds arbitrary text to the parser: it must not panic, and
// every row it makes holds at least one run.
func FuzzParse(f *testing.F) {
	f.Add("pkg: frontier/data\nBenchmarkImport/1M-2 1 3000000000 ns/op 10 B/op 2 allocs/op\n")
	f.Add(" load average: 1.0, 1, 1\nBenchmarkX/1M/a-2 3 5 ns/op 1.5 MB-peak-heap\n")
	f.Fuzz(func(t *testing.T, input string) {
		res, err := parse(strings.NewReader(input))
		if err != nil {
			return
		}
		for _, rw := range res.rows {
			if len(rw.runs) == 0 {
				t.Errorf("row %q without runs", rw.name)
			}
		}
		write(&bytes.Buffer{}, res)
	})
}
