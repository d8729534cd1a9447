// Command pledgegen writes a corpus of synthetic evaluation reports, for
// benchmarks: pledgegen -n 10000 -seed 1 -o DIR; or, with -themis, n
// synthetic Themis-shaped decisions as Turtle: pledgegen -themis -n 1000 -o FILE.
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
	dir := flag.String("o", "", "output `DIR` (created if needed), or FILE with -themis")
	themis := flag.Bool("themis", false, "write n Themis-shaped decisions as Turtle to the -o file instead")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: pledgegen [-n N] [-seed S] -o DIR\n       pledgegen -themis [-n N] -o FILE\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *dir == "" || flag.NArg() > 0 || *n < 0 {
		flag.Usage()
		os.Exit(2)
	}
	if *themis {
		f, err := os.Create(*dir)
		if err == nil {
			err = corpus.WriteThemis(f, *n)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "pledgegen:", err)
			os.Exit(1)
		}
		return
	}
	if err := corpus.Generate(*dir, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "pledgegen:", err)
		os.Exit(1)
	}
}
