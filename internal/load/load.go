// Package load puts RDF files into a triple store over the SPARQL 1.1
// Graph Store HTTP Protocol (Virtuoso, Fuseki, GraphDB, Oxigraph, …) and
// checks, by counting over SPARQL, that the store holds what was sent.
//
// A load has two passes. The first reads every source once (standard input
// too), checks every statement and writes a normalized N-Triples copy to
// temporary files; nothing is sent until the whole input has passed, so a
// broken file (a syntax error, a relative IRI, text that is not UTF-8)
// changes nothing in the store, and the error names file and line. The
// second pass posts the copy in pieces of Options.PieceSize triples, each
// with a Content-Length (Virtuoso answers 201 and stores nothing of a
// chunked or gzipped upload: openlink/virtuoso-opensource#783, #764),
// several at once. Statements that share a blank node go in one piece,
// because the store mints a new node for a label in every request; a
// connected group larger than a piece goes as one larger piece. N-Quads
// load every graph into its own named graph; a blank node shared by two
// graphs is an error, since each graph is loaded by itself.
//
// Checks after the load, on the distinct triples sent (duplicates in the
// input are one triple in the store):
//
//   - into a graph that was empty (or with Replace): the graph holds
//     exactly the distinct triples sent;
//   - into a graph that held B triples (a Graph Store POST merges): it
//     holds at least max(B + the distinct triples with a blank node, all
//     distinct triples sent) and at most B + all of them. Every sent triple
//     with a blank node is new; a ground one may have been there already.
//
// A difference is a *CountError with both numbers. Another client writing
// to the graph at the same time can cause one; so can a store that merges
// literals it takes for equal values: Virtuoso 7.2.5 keeps one triple of
// "01" and "1" as xsd:integer, of "1.0" and "1.00" as xsd:decimal, of
// date-times that name the same instant, and even of "1"^^xsd:integer,
// "1.0"^^xsd:double and "true"^^xsd:boolean (measured).
//
// With Options.Replace every target graph is replaced as a whole: the
// pieces go into a fresh staging graph (target#pledgegraph-staging-<hex>),
// which is counted and then swapped in with SPARQL Update MOVE <staging> TO
// <target>. A failure before the MOVE drops the staging graphs (DROP SILENT
// GRAPH) and leaves the targets untouched. How atomic the swap is depends
// on the store. Virtuoso 7.2.5 runs MOVE as one transaction — CLEAR the
// target, INSERT … SELECT from the staging graph, CLEAR the staging graph
// (DB.DBA.SPARUL_COPYMOVEADD_IMPL) — so a failed MOVE rolls back whole, and
// the MOVEs of one request (up to 20 graphs) share it. Its commit is not
// isolated from readers, though: moving 1.4 M triples into a graph of 100
// took 24 s, during which a COUNT polled every 0.13 s saw the old graph for
// about 21 s, then for about 0.5 s states in between (the staging graph
// half cleared, the target at 102 triples), then the new graph. Readers see
// a mix only in that last moment, not during the whole load. The
// transaction must also fit Virtuoso's TransactionAfterImageLimit (50 MB by
// default): moving 1.4 M triples over a graph of 1.4 M fails with SR325,
// leaving the graph as it was, until the limit is raised (2000000000 in
// virtuoso.ini, [Parameters], was enough; that replace took 39 s, 17 s of
// it the load into the staging graph).
package load

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/sparql"
)

// Defaults for the zero values of Options. Measured against Virtuoso 7.2.5
// on 2 cores with the 1.4 M triples of 5,000 reports (bench/load.sh):
// pieces of 10,000 to 25,000 triples two at a time were fastest; larger
// pieces took longer per triple, more at once mostly added deadlocks.
const (
	DefaultPieceSize   = 25000
	DefaultConcurrency = 2
	// DefaultMaxPieceBytes also ends a piece, so that long literals cannot
	// make one arbitrarily large.
	DefaultMaxPieceBytes = 16 << 20
	// DefaultPieceRetries is how often a piece the store refused with a
	// 500 (possibly a deadlock) is sent again.
	DefaultPieceRetries = 4
	DefaultRetryWait    = 250 * time.Millisecond
)

// Source is one input: RDF in a known format, read once to its end.
type Source struct {
	// Name is how messages name the input: a file name, or "<stdin>".
	Name   string
	Format graph.Format
	R      io.Reader
}

// Options configure a load.
type Options struct {
	Sources []Source
	// Graph is the IRI of the target graph of the triples of Turtle and
	// N-Triples sources and of the default-graph statements of N-Quads.
	// Required unless every source is N-Quads with named graphs only (a
	// statement in the default graph without Graph is an error naming its
	// line). The store's own default graph is not a target: its contents
	// cannot be counted alike everywhere (Virtuoso's is the union of all
	// graphs), and Virtuoso 7.2.5's /sparql-graph-crud answers ?default
	// with 500.
	Graph string
	// Replace replaces every target graph as a whole (see the package doc)
	// instead of adding to it.
	Replace bool

	// GraphStore is the client of the Graph Store endpoint (for Virtuoso
	// /sparql-graph-crud-auth, with digest authentication).
	GraphStore *sparql.Client
	// Query is the client of the SPARQL query endpoint that counts the
	// triples (for Virtuoso /sparql; see VirtuosoEndpoints).
	Query *sparql.Client
	// Update is the client of the SPARQL Update endpoint, for MOVE and
	// DROP; required with Replace. Build it with Retries < 0: the client
	// sends a request again after a lost connection, and a MOVE repeated
	// after it succeeded would find the staging graph empty and clear the
	// target.
	Update *sparql.Client

	// PieceSize is the number of triples per request; 0 means
	// DefaultPieceSize.
	PieceSize int
	// MaxPieceBytes also ends a piece; 0 means DefaultMaxPieceBytes.
	MaxPieceBytes int
	// Concurrency is the number of requests at once; 0 means
	// DefaultConcurrency.
	Concurrency int
	// PieceRetries: how often a piece refused with a 500 is sent again
	// (besides the client's own retries); 0 means DefaultPieceRetries, < 0
	// none. RetryWait is the first wait before that, doubled each time; 0
	// means DefaultRetryWait, < 0 no wait.
	PieceRetries int
	RetryWait    time.Duration
	// Jobs is the number of goroutines that parse N-Triples and N-Quads;
	// 0 means GOMAXPROCS.
	Jobs int
	// TempDir holds the temporary copy of the input (about its size in
	// N-Triples); "" means os.TempDir().
	TempDir string
	// Progress, if set, is called after every stored piece with the
	// statements stored so far and in all.
	Progress func(done, total int)
}

// Result is what a load did.
type Result struct {
	Statements int           // statements read, duplicates included
	Graphs     []GraphResult // the target graphs, in the order the input named them
	Pieces     int           // pieces stored
	Requests   int64         // HTTP requests to the graph store, retries included
}

// GraphResult is the load of one graph.
type GraphResult struct {
	IRI        string
	Statements int    // statements of the input for this graph
	Sent       int    // distinct triples sent
	Blank      int    // of them, triples with a blank node
	Before     int    // triples the graph held before the load
	After      int    // triples it held after the load (with Replace, after the MOVE)
	Staging    string // the staging graph, with Replace
}

// CountError says that a graph does not hold what was sent.
type CountError struct {
	Graph    string
	Held     int // triples in the graph after the load
	Min, Max int // what it should hold (equal when the count must be exact)
	Before   int // triples before the load
	Sent     int // distinct triples sent
	Blank    int // of them, with a blank node
}

func (e *CountError) Error() string {
	if e.Min == e.Max {
		return fmt.Sprintf("<%s> holds %d triples after the load, but %d distinct triples were sent%s",
			e.Graph, e.Held, e.Sent, e.hint())
	}
	return fmt.Sprintf("<%s> holds %d triples after the load, want %d to %d (it held %d before; %d distinct triples were sent, %d with a blank node)%s",
		e.Graph, e.Held, e.Min, e.Max, e.Before, e.Sent, e.Blank, e.hint())
}

func (e *CountError) hint() string {
	if e.Held < e.Min {
		return `: a store may keep one of two literals it takes for equal values (Virtuoso: "01" and "1" as xsd:integer, 1 and true), or another client removed triples meanwhile`
	}
	return ": another client added triples meanwhile, or a piece was stored twice"
}

// ErrNoTriples: the input holds no statement.
var ErrNoTriples = errors.New("no triples in the input: nothing to load")

func (o *Options) check() error {
	switch {
	case len(o.Sources) == 0:
		return errors.New("no input")
	case o.GraphStore == nil:
		return errors.New("no graph store client")
	case o.Query == nil:
		return errors.New("no query client: the loaded triples must be counted")
	case o.Replace && o.Update == nil:
		return errors.New("replacing a graph needs an update client (for MOVE and DROP)")
	case o.PieceSize < 0, o.MaxPieceBytes < 0, o.Concurrency < 0, o.Jobs < 0:
		return errors.New("negative piece size, concurrency or jobs")
	}
	if o.Graph != "" {
		if _, err := sparql.IRI(o.Graph); err != nil {
			return fmt.Errorf("target graph: %w", err)
		}
	}
	for _, s := range o.Sources {
		if s.R == nil {
			return fmt.Errorf("%s: no reader", s.Name)
		}
		if s.Format != graph.NQuads && o.Graph == "" {
			return fmt.Errorf("%s: %s has no graph names: give the target graph (--graph)", s.Name, s.Format)
		}
	}
	return nil
}

func orDefault[T int | time.Duration](v, def T) T {
	switch {
	case v == 0:
		return def
	case v < 0:
		return 0
	}
	return v
}

// Run loads the sources (see the package doc). On an error after pieces
// were stored, the Result says what was done; without Replace the stored
// pieces stay in the store.
func Run(ctx context.Context, opts Options) (*Result, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	c, err := newChecker(opts.Graph, opts.TempDir)
	if err != nil {
		return nil, err
	}
	defer c.close()
	if opts.Graph != "" {
		if _, err := c.graph(opts.Graph); err != nil {
			return nil, err
		}
	}
	jobs := opts.Jobs
	if jobs == 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	for _, src := range opts.Sources {
		c.startSource(src.Name)
		switch src.Format {
		case graph.Turtle:
			err = c.checkTurtle(ctx, src.R)
		case graph.NTriples, graph.NQuads:
			err = c.checkLines(ctx, src.R, src.Format == graph.NQuads, jobs)
		default:
			err = fmt.Errorf("%s: cannot read %s", src.Name, src.Format)
		}
		if err != nil {
			return nil, err
		}
	}
	if c.total == 0 {
		return nil, ErrNoTriples
	}
	counts, err := c.finish()
	if err != nil {
		return nil, err
	}

	res := &Result{Statements: c.total}
	var targets []string
	for g, iri := range c.graphs {
		if counts[g].statements == 0 {
			continue // the --graph of an N-Quads file without default-graph statements
		}
		res.Graphs = append(res.Graphs, GraphResult{
			IRI: iri, Statements: counts[g].statements, Sent: counts[g].distinct, Blank: counts[g].blank,
		})
		targets = append(targets, iri)
	}
	// Counting before anything is sent also finds a wrong query endpoint
	// while the store is still untouched.
	before, err := countGraphs(ctx, opts.Query, targets)
	if err != nil {
		return nil, err
	}
	byIRI := map[string]*GraphResult{}
	for i := range res.Graphs {
		gr := &res.Graphs[i]
		gr.Before = before[gr.IRI]
		byIRI[gr.IRI] = gr
	}
	iris := slices.Clone(c.graphs)
	if opts.Replace {
		for g, iri := range c.graphs {
			if gr := byIRI[iri]; gr != nil {
				if gr.Staging, err = stagingIRI(iri); err != nil {
					return nil, err
				}
				iris[g] = gr.Staging
			}
		}
	}

	requests := opts.GraphStore.Requests()
	s := &sender{
		gs:      opts.GraphStore,
		iris:    iris,
		retries: orDefault(opts.PieceRetries, DefaultPieceRetries),
		wait:    orDefault(opts.RetryWait, DefaultRetryWait),
		total:   c.total,
		report:  opts.Progress,
	}
	size := orDefault(opts.PieceSize, DefaultPieceSize)
	maxBytes := orDefault(opts.MaxPieceBytes, DefaultMaxPieceBytes)
	b := &builder{size: size, maxBytes: maxBytes, budget: 2 * maxBytes, open: map[int32]*piece{}}
	err = s.send(ctx, c, b, orDefault(opts.Concurrency, DefaultConcurrency))
	res.Pieces = int(s.pieces.Load())
	res.Requests = opts.GraphStore.Requests() - requests
	if err != nil {
		if opts.Replace {
			return res, errors.Join(err, dropStaging(ctx, opts.Update, res.Graphs))
		}
		return res, err
	}
	if opts.Replace {
		return res, replace(ctx, opts, res)
	}
	after, err := countGraphs(ctx, opts.Query, targets)
	if err != nil {
		return res, err
	}
	var errs []error
	for i := range res.Graphs {
		gr := &res.Graphs[i]
		gr.After = after[gr.IRI]
		lo, hi := max(gr.Before+gr.Blank, gr.Sent), gr.Before+gr.Sent
		if gr.After < lo || gr.After > hi {
			errs = append(errs, &CountError{Graph: gr.IRI, Held: gr.After, Min: lo, Max: hi,
				Before: gr.Before, Sent: gr.Sent, Blank: gr.Blank})
		}
	}
	return res, errors.Join(errs...)
}

// replace counts the staging graphs, moves them over their targets and
// counts the targets.
func replace(ctx context.Context, opts Options, res *Result) error {
	staging := make([]string, len(res.Graphs))
	for i, gr := range res.Graphs {
		staging[i] = gr.Staging
	}
	staged, err := countGraphs(ctx, opts.Query, staging)
	if err != nil {
		return errors.Join(err, dropStaging(ctx, opts.Update, res.Graphs))
	}
	var errs []error
	for _, gr := range res.Graphs {
		if n := staged[gr.Staging]; n != gr.Sent {
			errs = append(errs, &CountError{Graph: gr.Staging, Held: n, Min: gr.Sent, Max: gr.Sent, Sent: gr.Sent, Blank: gr.Blank})
		}
	}
	if len(errs) > 0 {
		errs = append(errs, dropStaging(ctx, opts.Update, res.Graphs))
		return fmt.Errorf("nothing replaced: %w", errors.Join(errs...))
	}
	ops := make([]string, len(res.Graphs))
	for i, gr := range res.Graphs {
		ops[i] = "MOVE <" + gr.Staging + "> TO <" + gr.IRI + ">" // both checked by sparql.IRI
	}
	if err := update(ctx, opts.Update, ops); err != nil {
		err = fmt.Errorf("MOVE of the staging graph: %w", err)
		errs := []error{err}
		var se *sparql.Error
		if errors.As(err, &se) && se.Code == "SR325" {
			errs = append(errs, errors.New("Virtuoso runs a MOVE as one transaction, and this one outgrew its TransactionAfterImageLimit "+
				"(default 50 MB): raise it in virtuoso.ini, [Parameters] (2000000000 moved 1.4 M triples over 1.4 M), and restart Virtuoso"))
		}
		errs = append(errs, dropStaging(ctx, opts.Update, res.Graphs))
		// Say what the targets hold now: a MOVE whose answer was lost may
		// still have run.
		if now, cerr := countGraphs(context.WithoutCancel(ctx), opts.Query, targetsOf(res)); cerr == nil {
			for _, gr := range res.Graphs {
				errs = append(errs, fmt.Errorf("<%s> holds %d triples now (%d before the load, %d in the new graph)",
					gr.IRI, now[gr.IRI], gr.Before, gr.Sent))
			}
		}
		return errors.Join(errs...)
	}
	after, err := countGraphs(ctx, opts.Query, targetsOf(res))
	if err != nil {
		return fmt.Errorf("replaced, but %w", err)
	}
	for i := range res.Graphs {
		gr := &res.Graphs[i]
		gr.After = after[gr.IRI]
		if gr.After != gr.Sent {
			errs = append(errs, &CountError{Graph: gr.IRI, Held: gr.After, Min: gr.Sent, Max: gr.Sent, Before: gr.Before, Sent: gr.Sent, Blank: gr.Blank})
		}
	}
	return errors.Join(errs...)
}

func targetsOf(res *Result) []string {
	iris := make([]string, len(res.Graphs))
	for i, gr := range res.Graphs {
		iris[i] = gr.IRI
	}
	return iris
}

// dropStaging removes the staging graphs, also when ctx was cancelled (an
// interrupted load must not leave them behind).
func dropStaging(ctx context.Context, u *sparql.Client, graphs []GraphResult) error {
	var ops []string
	for _, gr := range graphs {
		if gr.Staging != "" {
			ops = append(ops, "DROP SILENT GRAPH <"+gr.Staging+">")
		}
	}
	if len(ops) == 0 {
		return nil
	}
	if err := update(context.WithoutCancel(ctx), u, ops); err != nil {
		return fmt.Errorf("dropping the staging graphs failed; remove them yourself (%s): %w", strings.Join(ops, " ; "), err)
	}
	return nil
}
