package export

import (
	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/graph/report"
	"github.com/pledgegraph/pledgegraph/graph/turtle"
)

// Observer follows an export run from the inside, so that one pass over the
// reports can feed more than the one output: publish writes the graph as
// Turtle, N-Triples and JSON-LD and builds a web site, parsing and building
// each report once. Without an Observer, Run behaves exactly as before.
type Observer interface {
	// Start is called once, after the enrichment pass (if any) and before
	// the first report. It returns the extra outputs: each gets every
	// exported report, rendered on the workers and written in order like
	// the main output, then the endpoint's triples, and is closed by Run
	// after the main output.
	Start(s Start) ([]Sink, error)
	// Prepare is called on a worker for every report that was parsed and
	// built, before it is rendered, and must be safe for concurrent use. It
	// may append triples to r.Own and r.Shared (those about nodes other
	// reports may state too), which are then written like the builder's.
	// What it returns is handed to Report. An error skips the report, named
	// on stderr like a report that cannot be parsed.
	Prepare(r *graph.Report, ev *report.Evaluation) (any, error)
	// Report is called on one goroutine, in input order, for every report
	// that is exported (not for skipped ones or duplicates), after it was
	// written. An error stops the run.
	Report(r *graph.Report, prepared any) error
}

// Start is what an Observer learns before the first report.
type Start struct {
	// Base is the base of minted IRIs.
	Base string
	// Prefixes are those the main output declares (Turtle).
	Prefixes []turtle.Prefix
	// Enrichment is what the endpoint states about the cited decisions,
	// sorted; empty without enrichment or when the endpoint was down.
	Enrichment []rdf.Triple
}

// Sink is an extra output of a run.
type Sink struct {
	// Name names the output in error messages.
	Name    string
	Encoder *graph.Encoder
}
