// Command gen writes synthetic ACLED-format conflict events as CSV, for
// benchmarking the Frontier importer and store.
//
// Usage:
//
//	go run ./cmd/gen -n 1000000 [-seed 1] [-out FILE]
//
// Without -out the CSV goes to standard output. Errors go to standard error
// with exit status 1; usage errors exit with status 2.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"

	"frontier/data/synth"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run parses args, writes the CSV and returns the process exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "number of event rows to generate")
	seed := fs.Int64("seed", 1, "random seed; the same seed gives the same bytes")
	out := fs.String("out", "", "output file (default: standard output)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gen [-n rows] [-seed N] [-out FILE]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "gen: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	if *n < 0 {
		fmt.Fprintln(stderr, "gen: -n must not be negative")
		return 2
	}

	if *out == "" {
		bw := bufio.NewWriterSize(stdout, 1<<16)
		if err := synth.WriteACLED(bw, *n, *seed); err != nil {
			fmt.Fprintln(stderr, "gen:", err)
			return 1
		}
		if err := bw.Flush(); err != nil {
			fmt.Fprintln(stderr, "gen:", err)
			return 1
		}
		return 0
	}
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(stderr, "gen:", err)
		return 1
	}
	if err := synth.WriteACLED(f, *n, *seed); err != nil {
		f.Close()
		fmt.Fprintln(stderr, "gen:", err)
		return 1
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(stderr, "gen:", err)
		return 1
	}
	return 0
}
