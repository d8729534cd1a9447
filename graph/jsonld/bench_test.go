package jsonld_test

import (
	"io"
	"testing"

	"github.com/pledgegraph/pledgegraph/graph"
)

// BenchmarkRender: what serializing the generated reports costs per
// format, the part of an export that runs on the workers (Render) and the
// writing in order, shared triples at Close. JSON-LD must stay about as
// cheap as Turtle: a site publishes both.
func BenchmarkRender(b *testing.B) {
	s := generated(b)
	triples := 0
	for _, r := range s.reports {
		triples += len(r.Own) + len(r.Shared)
	}
	for _, f := range []graph.Format{graph.Turtle, graph.NTriples, graph.JSONLD} {
		b.Run(f.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				enc, err := graph.NewEncoder(io.Discard, f, graph.Prefixes(graph.DefaultBase, nil))
				if err != nil {
					b.Fatal(err)
				}
				for _, r := range s.reports {
					if err := enc.Encode(r); err != nil {
						b.Fatal(err)
					}
				}
				if err := enc.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(triples), "ns/triple")
		})
	}
}
