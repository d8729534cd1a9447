package publish

import (
	"context"
	"flag"
	"io"
	"path/filepath"
	"testing"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/internal/corpus"
	"github.com/pledgegraph/pledgegraph/internal/export"
)

var benchReports = flag.Int("reports", 500, "reports in BenchmarkPublish's corpus")

// BenchmarkPublish compares publish with export to Turtle on the same
// synthetic reports (bench/publish.sh does it on 10,000 with the binary).
func BenchmarkPublish(b *testing.B) {
	dir := b.TempDir()
	reports := *benchReports
	if err := corpus.Generate(dir, reports, 1); err != nil {
		b.Fatal(err)
	}
	b.Run("export", func(b *testing.B) {
		for b.Loop() {
			if _, err := export.Run(context.Background(), export.Options{Inputs: []string{dir}, Format: graph.Turtle, Output: filepath.Join(b.TempDir(), "g.ttl"), Stdout: io.Discard, Stderr: io.Discard, Quiet: true}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*reports), "µs/report")
	})
	b.Run("publish", func(b *testing.B) {
		for b.Loop() {
			if _, err := Run(context.Background(), Options{Inputs: []string{dir}, Dir: filepath.Join(b.TempDir(), "site"), Stdout: io.Discard, Stderr: io.Discard, Quiet: true}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*reports), "µs/report")
	})
}
