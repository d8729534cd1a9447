package export

import (
	"context"
	"io"
	"testing"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/internal/corpus"
)

// BenchmarkExport measures the whole pipeline (read, parse, build, write
// Turtle) on synthetic seed-like reports; bench/bench.sh compares the same
// pipeline with rapper and N3.js on 10,000 reports.
func BenchmarkExport(b *testing.B) {
	dir := b.TempDir()
	const reports = 200
	if err := corpus.Generate(dir, reports, 1); err != nil {
		b.Fatal(err)
	}
	for _, f := range []graph.Format{graph.Turtle, graph.NTriples} {
		b.Run(f.String(), func(b *testing.B) {
			b.ReportAllocs()
			var triples int
			for b.Loop() {
				res, err := Run(context.Background(), Options{Inputs: []string{dir}, Format: f, Stdout: io.Discard, Stderr: io.Discard, Quiet: true})
				if err != nil {
					b.Fatal(err)
				}
				triples = res.Triples
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*reports), "µs/report")
			b.ReportMetric(float64(triples*b.N)/b.Elapsed().Seconds(), "triples/s")
		})
	}
}
