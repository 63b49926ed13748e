// Command benchreport reads the output of `go test -bench -benchmem`
// (several runs of each benchmark, with `uptime` lines between them) on
// standard input and prints one Markdown table: per benchmark and size
// the median time, memory and custom metrics, the load the runs saw, and
// the target from the earlier issues with whether it is met. `make bench`
// pipes its runs through it.
//
// Usage:
//
//	go test -run '^$' -bench . -benchmem -count 5 ./data/ | go run ./cmd/benchreport
//
// It exits with status 1 when the output holds a failure or no
// benchmark result.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Stdin, os.Stdout, os.Stderr))
}

// run reads the benchmark output from in, writes the table to out and
// returns the exit status.
func run(in io.Reader, out, errs io.Writer) int {
	res, err := parse(in)
	if err != nil {
		fmt.Fprintln(errs, "benchreport:", err)
		return 1
	}
	if len(res.rows) == 0 {
		fmt.Fprintln(errs, "benchreport: no benchmark results in the input")
		return 1
	}
	write(out, res)
	if len(res.failures) > 0 {
		for _, f := range res.failures {
			fmt.Fprintln(errs, "benchreport: failure in the input:", f)
		}
		return 1
	}
	return 0
}
