package publish

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/internal/catalog"
	"github.com/pledgegraph/pledgegraph/internal/corpus"
)

// TestStatsMatchDedupedCount: the statistics publish counts, with every
// report's own triples through catalog.Counter.AddDistinct (no dedupe),
// are those Counter.Add gives for every triple of the N-Triples dump with
// the repeats of the shared ones added again: the guarantee AddDistinct
// relies on (own triples meet no other) holds on the seeds, plain and
// enriched, and on generated reports with a site URL (the ClaimReview's
// own additions) and a report given twice (export passes it over).
func TestStatsMatchDedupedCount(t *testing.T) {
	gen := func(t *testing.T) Options {
		in := t.TempDir()
		if err := corpus.Generate(in, 150, 3); err != nil {
			t.Fatal(err)
		}
		src, err := os.ReadFile(filepath.Join(seedsDir, "000_5f7ed5cae34e348f.txt"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"a.txt", "b.txt"} {
			if err := os.WriteFile(filepath.Join(in, name), src, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var cfg catalog.Config
		if err := cfg.Set("site_url", testSiteURL); err != nil {
			t.Fatal(err)
		}
		if err := cfg.Set("publisher.name", "Open Kennis Vlaanderen"); err != nil {
			t.Fatal(err)
		}
		return Options{Inputs: []string{in}, Catalog: cfg, DatePublished: "2024-10-01"}
	}
	cases := append([]variant{{"generated", gen}}, variants...)
	for _, v := range cases {
		t.Run(v.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			res, stderr, err := publishTo(t, v.opts(t), dir)
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			data, err := os.ReadFile(filepath.Join(dir, NTriplesFile))
			if err != nil {
				t.Fatal(err)
			}
			triples, err := rdf.NewTripleDecoder(bytes.NewReader(data), rdf.NTriples).DecodeAll()
			if err != nil {
				t.Fatal(err)
			}
			var want catalog.Counter
			for _, tr := range triples {
				want.Add(tr)
			}
			for i := len(triples) - 1; i >= 0; i -= 2 {
				want.Add(triples[i]) // repeats change nothing
			}
			if got := res.Stats; got != want.Stats() {
				t.Errorf("publish counted %+v\nAdd on %s gives %+v", got, NTriplesFile, want.Stats())
			}
			if res.Stats.Triples != len(triples) {
				t.Errorf("%d triples counted, %s has %d lines", res.Stats.Triples, NTriplesFile, len(triples))
			}
			t.Logf("%+v", res.Stats)
		})
	}
}
