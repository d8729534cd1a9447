package publish

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/graph/report"
	"github.com/pledgegraph/pledgegraph/internal/enrich"
	"github.com/pledgegraph/pledgegraph/internal/export"
	"github.com/pledgegraph/pledgegraph/sparql"
	"github.com/pledgegraph/pledgegraph/vocab"
)

// recordedEndpoint names the endpoint of the recorded answers; it is only a
// cache key: the runs are offline and send nothing.
const recordedEndpoint = "http://themis.invalid/sparql"

// recording is export's golden of the bundled reports enriched against the
// Themis-shaped fixture (testdata/themis, loaded into Virtuoso by
// scripts/test.sh): what the endpoint answered is in it.
const recording = "../export/testdata/seeds-enriched.ttl"

// recordedCache writes an enrichment cache holding what the endpoint
// answered for the bundled reports, taken from the recording: the
// decisions' triples (the recording less what the builder writes) and, per
// meeting-date window of a search URL, the decision it resolved to. An
// offline run on it must give the recording byte for byte
// (TestRecordedCacheIsFaithful), so the enriched site is tested without an
// endpoint.
func recordedCache(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(recording)
	if err != nil {
		t.Fatal(err)
	}
	enriched, err := rdf.NewTripleDecoder(strings.NewReader(string(data)), rdf.Turtle).DecodeAll()
	if err != nil {
		t.Fatalf("%s: %v", recording, err)
	}
	// The search URLs that resolved: references with both a URL and a
	// cited decision.
	urls, cited := map[string]string{}, map[string]string{}
	for _, tr := range enriched {
		switch tr.Pred.String() {
		case vocab.SchemaURL.String():
			urls[tr.Subj.String()] = tr.Obj.String()
		case vocab.CitoHasCitedEntity.String():
			cited[tr.Subj.String()] = tr.Obj.String()
		}
	}
	resolved := map[string]rdf.IRI{}
	for ref, u := range urls {
		if d, ok := cited[ref]; ok {
			iri, err := rdf.NewIRI(d)
			if err != nil {
				t.Fatal(err)
			}
			resolved[u] = iri
		}
	}
	b, err := graph.NewBuilder(graph.DefaultBase)
	if err != nil {
		t.Fatal(err)
	}
	b = b.WithResolved(resolved)
	own := map[string]bool{}
	var searches []report.Reference
	decisions := map[string]bool{}
	for _, ev := range parseSeeds(t) {
		r, _, err := b.Build(ev)
		if err != nil {
			t.Fatal(err)
		}
		for _, ts := range [][]rdf.Triple{r.Own, r.Shared} {
			for _, tr := range ts {
				own[tr.Serialize(rdf.NTriples)] = true
			}
		}
		for _, d := range r.Decisions {
			decisions[d.String()] = true
		}
		for _, ref := range ev.References {
			if ref.Kind == report.RefSearch {
				searches = append(searches, ref)
			}
		}
	}
	bySubject := map[string][]rdf.Triple{}
	var rest []rdf.Triple
	titles := map[string][]string{}
	for _, tr := range enriched {
		if own[tr.Serialize(rdf.NTriples)] {
			continue
		}
		s := tr.Subj.String()
		if tr.Pred.String() == vocab.DCTTitle.String() {
			titles[s] = append(titles[s], tr.Obj.String())
		}
		if decisions[s] {
			bySubject[s] = append(bySubject[s], tr)
		} else {
			rest = append(rest, tr)
		}
	}
	dir := t.TempDir()
	cache, err := enrich.OpenCache(dir)
	if err != nil {
		t.Fatal(err)
	}
	iris := make([]string, 0, len(decisions))
	for d := range decisions {
		iris = append(iris, d)
	}
	sort.Strings(iris)
	for i, d := range iris {
		ts := bySubject[d]
		if i == 0 {
			ts = append(ts, rest...) // what the decisions share comes with one of them
		}
		var nt strings.Builder
		for _, tr := range ts {
			nt.WriteString(tr.Serialize(rdf.NTriples))
		}
		if err := cache.Put(recordedEndpoint, "decision", d, []byte(nt.String())); err != nil {
			t.Fatal(err)
		}
	}
	windows := map[string][]enrich.Candidate{}
	for _, ref := range searches {
		q, err := enrich.SearchQueryOf(ref)
		if err != nil {
			t.Fatalf("%s: %v", ref.URL, err)
		}
		key := q.From.UTC().Format(time.RFC3339) + "/" + q.To.UTC().Format(time.RFC3339)
		d, ok := resolved[ref.URL]
		if !ok {
			windows[key] = append(windows[key], []enrich.Candidate{}...)
			continue
		}
		title := q.Title
		for _, tt := range titles[d.String()] {
			if enrich.NormalizeTitle(tt) == enrich.NormalizeTitle(q.Title) {
				title = tt
			}
		}
		c := enrich.Candidate{IRI: d.String(), Title: title, Start: q.From.Add(12 * time.Hour)}
		dup := false
		for _, have := range windows[key] {
			dup = dup || have.IRI == c.IRI
		}
		if !dup {
			windows[key] = append(windows[key], c)
		}
	}
	for key, cands := range windows {
		data, err := json.Marshal(cands)
		if err != nil {
			t.Fatal(err)
		}
		if err := cache.Put(recordedEndpoint, "day", key, data); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// recordedEnrich is the enrichment configuration of an offline run on the
// recorded cache.
func recordedEnrich(t *testing.T, cache string) *enrich.Config {
	t.Helper()
	c, err := sparql.New(sparql.Options{Endpoint: recordedEndpoint})
	if err != nil {
		t.Fatal(err)
	}
	return &enrich.Config{Client: c, CacheDir: cache, Offline: true}
}

func parseSeeds(t *testing.T) []*report.Evaluation {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	if err != nil || len(names) != 2 {
		t.Fatalf("seeds: %v %v", names, err)
	}
	var evs []*report.Evaluation
	for _, n := range names {
		src, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		ev, _, err := report.Parse(n, src)
		if err != nil {
			t.Fatal(err)
		}
		evs = append(evs, ev)
	}
	return evs
}

// TestRecordedCacheIsFaithful: export --enrich --offline on the recorded
// cache gives the recording byte for byte, so the enriched site below is
// the site of the fixture's answers.
func TestRecordedCacheIsFaithful(t *testing.T) {
	var out strings.Builder
	res, err := export.Run(context.Background(), export.Options{
		Inputs: []string{seedsDir}, Format: graph.Turtle, Enrich: recordedEnrich(t, recordedCache(t)),
		Stdout: &out, Stderr: io.Discard,
	})
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(recording)
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != string(want) {
		t.Fatal("an offline export on the recorded cache differs from the recording")
	}
	if s := res.Enrichment; s.Incomplete() || s.Resolved != 29 || s.Enriched != 38 || s.Requests != 0 {
		t.Errorf("enrichment %+v", s)
	}
}
