// Command pledgegen writes a corpus of synthetic evaluation reports, for
// benchmarks: pledgegen -n 10000 -seed 1 -o DIR.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/pledgegraph/pledgegraph/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of reports")
	seed := flag.Int64("seed", 1, "seed; the same seed gives the same bytes")
	dir := flag.String("o", "", "output `DIR` (created if needed)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: pledgegen [-n N] [-seed S] -o DIR\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *dir == "" || flag.NArg() > 0 || *n < 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := corpus.Generate(*dir, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "pledgegen:", err)
		os.Exit(1)
	}
}
