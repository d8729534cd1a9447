package enrich

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/pledgegraph/pledgegraph/internal/corpus"
	"github.com/pledgegraph/pledgegraph/sparql"
)

// BenchmarkEnrich enriches PLEDGEGRAPH_BENCH_DECISIONS (default 1000)
// synthetic decisions against the local Virtuoso, loaded by bench/enrich.sh
// with the same number of corpus.WriteThemis decisions: batched (VALUES
// lists, the shipped defaults) next to the naive way, one query per
// decision, at the same concurrency and without cache. It reports HTTP
// requests per run; bench/enrich.sh prints the ratios.
func BenchmarkEnrich(b *testing.B) {
	endpoint := os.Getenv("PLEDGEGRAPH_TEST_ENDPOINT")
	if endpoint == "" {
		b.Skip("PLEDGEGRAPH_TEST_ENDPOINT is not set: run bench/enrich.sh")
	}
	n := 1000
	if s := os.Getenv("PLEDGEGRAPH_BENCH_DECISIONS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	iris := make([]string, n)
	for i := range iris {
		iris[i] = corpus.ThemisDecision(i)
	}
	var triples = map[string]int{}
	for _, mode := range []struct {
		name  string
		batch int
	}{{"batched", DefaultBatchSize}, {"naive", 1}} {
		b.Run(mode.name, func(b *testing.B) {
			var requests int64
			for b.Loop() {
				client, err := sparql.New(sparql.Options{Endpoint: endpoint})
				if err != nil {
					b.Fatal(err)
				}
				e, err := New(Options{Client: client, Endpoint: endpoint, BatchSize: mode.batch})
				if err != nil {
					b.Fatal(err)
				}
				got, err := e.Enrich(context.Background(), iris)
				if err != nil {
					b.Fatal(err)
				}
				if len(got.Enriched) != n || len(got.Failed) != 0 {
					b.Fatalf("enriched %d of %d, failed %d (is the bench data loaded? run bench/enrich.sh)", len(got.Enriched), n, len(got.Failed))
				}
				triples[mode.name] = len(got.Triples)
				requests += client.Requests()
			}
			b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
			b.ReportMetric(float64(n), "decisions")
		})
	}
	if got, want := triples["batched"], triples["naive"]; got != 0 && want != 0 && got != want {
		b.Errorf("batched gives %d triples, naive %d", got, want)
	}
}
