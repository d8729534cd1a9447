package export

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/internal/enrich"
	"github.com/pledgegraph/pledgegraph/internal/report"
	"github.com/pledgegraph/pledgegraph/sparql"
)

// EnrichmentGraph is where, in N-Quads, the endpoint's own triples go
// (under the base): apart from the reports' graphs, so a store can drop or
// refresh them on their own.
const EnrichmentGraph = "verrijking"

// EnrichSummary counts what enrichment did.
type EnrichSummary struct {
	Endpoint string
	// References to decisions, by what became of them (every occurrence counts).
	Themis, Resolved, Unresolved, Ambiguous, FailedReferences int
	// Decisions cited (distinct Themis IRIs, given or resolved), and of those:
	// enriched, unknown to the endpoint, and not asked because of a fault.
	Decisions, Enriched, Unknown, FailedDecisions int
	// Dropped counts endpoint triples with blank nodes, left out.
	Dropped int
	// Requests is how many HTTP requests were sent (retries included);
	// Cached how many questions the cache answered.
	Requests, Cached int64
}

// count tallies one reference.
func (s *EnrichSummary) count(st enrich.Status) {
	switch st {
	case enrich.StatusThemis:
		s.Themis++
	case enrich.StatusResolved:
		s.Resolved++
	case enrich.StatusUnresolved:
		s.Unresolved++
	case enrich.StatusAmbiguous:
		s.Ambiguous++
	case enrich.StatusFailed:
		s.FailedReferences++
	}
}

// Incomplete tells whether some reference or decision could not be asked
// because of a fault (endpoint down, errors, timeouts, offline cache miss).
// Unresolved and ambiguous references are answers, not faults.
func (s *EnrichSummary) Incomplete() bool {
	return s.FailedReferences > 0 || s.FailedDecisions > 0
}

func (s *EnrichSummary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "enrichment from %s: references: %d Themis, %d resolved, %d unresolved, %d ambiguous, %d failed; ",
		s.Endpoint, s.Themis, s.Resolved, s.Unresolved, s.Ambiguous, s.FailedReferences)
	fmt.Fprintf(&b, "decisions: %d enriched, %d unknown, %d failed of %d; %d requests, %d answers from cache",
		s.Enriched, s.Unknown, s.FailedDecisions, s.Decisions, s.Requests, s.Cached)
	if s.Dropped > 0 {
		fmt.Fprintf(&b, "; %d triples with blank nodes left out", s.Dropped)
	}
	if s.Incomplete() {
		b.WriteString("; INCOMPLETE")
	}
	return b.String()
}

// enricher is the enrichment state of one export run.
type enricher struct {
	e        *enrich.Enricher
	client   *sparql.Client
	graph    rdf.IRI
	resolved map[string]rdf.IRI
	cited    map[string]bool
	summary  EnrichSummary
}

func openEnricher(cfg enrich.Config, base string) (*enricher, error) {
	e, client, err := enrich.Open(cfg)
	if err != nil {
		return nil, err
	}
	g, err := rdf.NewIRI(base + EnrichmentGraph)
	if err != nil {
		return nil, fmt.Errorf("--base: %w", err)
	}
	return &enricher{
		e: e, client: client, graph: g,
		cited:   map[string]bool{},
		summary: EnrichSummary{Endpoint: client.Endpoint()},
	}, nil
}

// resolve reads the references of every report and resolves the search
// URLs. Reports that cannot be parsed are left to the export pass, which
// reports them.
func (en *enricher) resolve(ctx context.Context, inputs *inputList, opts Options) error {
	var refs []enrich.Reference
	seen := map[[32]byte]bool{}
	parse := func(in input) processed {
		ev, _, err := parseInput(in)
		if err != nil {
			return processed{err: err}
		}
		p := processed{name: in.name, digest: ev.Digest}
		p.refs = enrich.Collect([]*report.Evaluation{ev})
		return p
	}
	err := pipeline(ctx, inputs.all(), opts.Jobs, parse, func(p processed) error {
		if p.err == nil && !seen[p.digest] {
			seen[p.digest] = true
			refs = append(refs, p.refs...)
		}
		return nil
	})
	if err != nil {
		return err
	}
	en.resolved, err = en.e.ResolveReferences(ctx, refs)
	if err != nil {
		return err
	}
	s := &en.summary
	for _, r := range refs {
		s.count(r.Status)
		msg := r.Message()
		switch {
		case msg == "":
		case r.Status == enrich.StatusFailed:
			fmt.Fprintf(opts.Stderr, "%s:%d: %s\n", r.File, r.Line, msg)
		case !opts.Quiet:
			fmt.Fprintf(opts.Stderr, "%s:%d: warning: %s\n", r.File, r.Line, msg)
		}
	}
	return nil
}

// cite notes the decisions an exported report cites.
func (en *enricher) cite(decisions []rdf.IRI) {
	for _, d := range decisions {
		en.cited[d.String()] = true
	}
}

// enrich asks about every cited decision and returns the endpoint's
// triples. Decisions that could not be asked are reported on Stderr.
func (en *enricher) enrich(ctx context.Context, opts Options) ([]rdf.Triple, error) {
	iris := make([]string, 0, len(en.cited))
	for d := range en.cited {
		iris = append(iris, d)
	}
	sort.Strings(iris)
	got, err := en.e.Enrich(ctx, iris)
	if err != nil {
		return nil, err
	}
	s := &en.summary
	s.Decisions = len(iris)
	s.Enriched, s.Unknown, s.FailedDecisions = len(got.Enriched), len(got.Unknown), len(got.Failed)
	s.Dropped = got.Dropped
	s.Requests = en.client.Requests()
	s.Cached = en.e.Stats().Cached
	failed := make([]string, 0, len(got.Failed))
	for iri := range got.Failed {
		failed = append(failed, iri)
	}
	sort.Strings(failed)
	for _, iri := range failed {
		fmt.Fprintf(opts.Stderr, "<%s>: not enriched: %v\n", iri, got.Failed[iri])
	}
	if !opts.Quiet {
		for _, iri := range got.Unknown {
			fmt.Fprintf(opts.Stderr, "<%s>: warning: %s states nothing about this decision\n", iri, s.Endpoint)
		}
	}
	if err := en.e.CacheError(); err != nil {
		fmt.Fprintf(opts.Stderr, "warning: %v (answers are used, but not kept for the next run)\n", err)
	}
	return got.Triples, nil
}
