package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/internal/enrich"
	"github.com/pledgegraph/pledgegraph/internal/inputs"
	"github.com/pledgegraph/pledgegraph/internal/pipeline"
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
	fmt.Fprintf(&b, "decisions: %d enriched, %d unknown, %d failed of %d; %d %s, %d %s from cache",
		s.Enriched, s.Unknown, s.FailedDecisions, s.Decisions,
		s.Requests, plural(int(s.Requests), "request", "requests"), s.Cached, plural(int(s.Cached), "answer", "answers"))
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
	triples  []rdf.Triple
	summary  EnrichSummary
}

func openEnricher(cfg enrich.Config, base string) (*enricher, error) {
	e, err := enrich.Open(cfg)
	if err != nil {
		return nil, err
	}
	g, err := rdf.NewIRI(base + EnrichmentGraph)
	if err != nil {
		return nil, usageError{fmt.Errorf("base IRI %q: %w", base, err)}
	}
	return &enricher{e: e, client: cfg.Client, graph: g, summary: EnrichSummary{Endpoint: cfg.Client.Endpoint()}}, nil
}

// firstPass is what the enrichment pass keeps of one report.
type firstPass struct {
	digest    [32]byte
	refs      []enrich.Reference
	decisions []rdf.IRI
	ok        bool
}

// run reads every report once (reports that cannot be used are left to the
// export pass, which reports them), resolves the search URLs of the corpus,
// and asks about every decision the exported graph will cite.
func (en *enricher) run(ctx context.Context, list *inputs.List, builder *graph.Builder, opts Options) error {
	var refs []enrich.Reference
	cited := map[string]rdf.IRI{}
	seen := map[[32]byte]bool{}
	read := func(in inputs.Input) firstPass {
		ev, _, err := parseInput(in)
		if err != nil {
			return firstPass{}
		}
		g, _, err := builder.Build(ev)
		if err != nil {
			return firstPass{}
		}
		return firstPass{digest: ev.Digest, refs: enrich.Collect(ev), decisions: g.Decisions, ok: true}
	}
	err := pipeline.Ordered(ctx, inputs.ReadAhead(list.All(), readAhead), opts.Jobs, read, func(p firstPass) error {
		if p.ok && !seen[p.digest] {
			seen[p.digest] = true
			refs = append(refs, p.refs...)
			for _, d := range p.decisions {
				cited[d.String()] = d
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if en.resolved, err = en.e.ResolveReferences(ctx, refs); err != nil {
		return err
	}
	// A resolved search URL makes its decision cited, in every report
	// that gives the URL.
	for _, d := range en.resolved {
		cited[d.String()] = d
	}
	iris := make([]string, 0, len(cited))
	for d := range cited {
		iris = append(iris, d)
	}
	sort.Strings(iris)
	got, err := en.e.Enrich(ctx, iris)
	if err != nil {
		return err
	}
	en.triples = got.Triples

	s := &en.summary
	for _, r := range refs {
		s.count(r.Status)
	}
	s.Decisions = len(iris)
	s.Enriched, s.Unknown, s.FailedDecisions = len(got.Enriched), len(got.Unknown), len(got.Failed)
	s.Dropped = got.Dropped
	s.Requests = en.client.Requests()
	s.Cached = en.e.Stats().Cached

	var f faults
	for _, r := range refs {
		msg := r.Message()
		switch {
		case r.Status == enrich.StatusFailed:
			f.add(r.Err, fmt.Sprintf("%s:%d: %s", r.File, r.Line, msg), true)
		case msg != "" && !opts.Quiet:
			fmt.Fprintf(opts.Stderr, "%s:%d: warning: %s\n", r.File, r.Line, msg)
		}
	}
	failed := make([]string, 0, len(got.Failed))
	for iri := range got.Failed {
		failed = append(failed, iri)
	}
	sort.Strings(failed)
	for _, iri := range failed {
		err := got.Failed[iri]
		f.add(err, fmt.Sprintf("<%s>: not enriched: %v", iri, err), false)
	}
	f.write(opts.Stderr, opts.Verbose)
	if !opts.Quiet {
		for _, iri := range got.Unknown {
			fmt.Fprintf(opts.Stderr, "<%s>: warning: %s states nothing about this decision\n", iri, s.Endpoint)
		}
	}
	if err := en.e.CacheError(); err != nil {
		fmt.Fprintf(opts.Stderr, "warning: %v (answers are used, but not kept for the next run)\n", err)
	}
	return nil
}

// faults groups what an endpoint fault left undone by its root cause, so
// that an endpoint that is down is one line, not one per reference.
type faults struct {
	causes []*fault
}

type fault struct {
	key, text             string
	references, decisions int
	lines                 []string
}

// add records one reference (or decision) that err left undone; line names
// it, for the verbose listing.
func (f *faults) add(err error, line string, reference bool) {
	key, text := rootCause(err)
	var c *fault
	for _, have := range f.causes {
		if have.key == key {
			c = have
			break
		}
	}
	if c == nil {
		c = &fault{key: key, text: text}
		f.causes = append(f.causes, c)
	}
	if reference {
		c.references++
	} else {
		c.decisions++
	}
	c.lines = append(c.lines, line)
}

// write prints one line per cause with what it left undone and, when
// verbose, every affected reference and decision.
func (f *faults) write(w io.Writer, verbose bool) {
	for _, c := range f.causes {
		if verbose {
			for _, l := range c.lines {
				fmt.Fprintln(w, l)
			}
		}
		var parts []string
		if c.references > 0 {
			parts = append(parts, fmt.Sprintf("%d %s left unresolved", c.references, plural(c.references, "reference", "references")))
		}
		if c.decisions > 0 {
			parts = append(parts, fmt.Sprintf("%d %s not enriched", c.decisions, plural(c.decisions, "decision", "decisions")))
		}
		fmt.Fprintf(w, "%s: %s\n", c.text, strings.Join(parts, ", "))
	}
}

// rootCause names the fault behind err: the endpoint's error without the
// wrapping the fail-fast path adds, and its grouping key (which leaves out
// how many attempts each request made).
func rootCause(err error) (key, text string) {
	var se *sparql.Error
	if errors.As(err, &se) {
		return se.Endpoint + "\x00" + se.Cause(), se.Error()
	}
	if errors.Is(err, enrich.ErrOffline) {
		return "offline", "offline: " + enrich.ErrOffline.Error()
	}
	return err.Error(), err.Error()
}
