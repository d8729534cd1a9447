package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/internal/inputs"
	"github.com/pledgegraph/pledgegraph/internal/iostreams"
	"github.com/pledgegraph/pledgegraph/internal/load"
	"github.com/pledgegraph/pledgegraph/internal/progress"
	"github.com/pledgegraph/pledgegraph/sparql"
)

// loadFlags are the load command's flags.
type loadFlags struct {
	endpointFlags
	graphStore     string
	updateEndpoint string
	graph          string
	replace        bool
	format         string
	pieceSize      int
	concurrency    int
	quiet          bool
	verbose        bool
}

func newLoadCmd(streams *iostreams.IOStreams, runF func(load.Options) error) *cobra.Command {
	var f loadFlags
	cmd := &cobra.Command{
		Use:   "load FILE|-... --graph-store URL [--graph IRI]",
		Short: "Load Turtle, N-Triples or N-Quads into a triple store and check it holds them",
		Long: `Load RDF files into a triple store over the SPARQL 1.1 Graph Store HTTP
Protocol (Virtuoso, Fuseki, GraphDB, Oxigraph, ...), then count the triples
over SPARQL to check that the store holds what was sent.

The format follows -f, else the extension (.ttl, .nt, .nq); standard input
(-, or no argument) is Turtle unless -f says otherwise. Turtle and N-Triples
go into the graph --graph names. N-Quads load every graph into its own named
graph; --graph then names the graph of statements without one. (The store's
default graph is no target: Virtuoso's is the union of all graphs, and
Virtuoso 7.2.5's /sparql-graph-crud answers ?default with 500.)

Every file is read and checked completely before anything is sent: a broken
file (a syntax error, a relative IRI, text that is not UTF-8) changes nothing
in the store, and the error names file and line. Then the triples go in
pieces of --piece-size, --concurrency at a time; triples that share a blank
node go in the same piece.

After the load, the graph must hold exactly the distinct triples sent
(duplicates in a file are one triple), or, if it held triples before (a load
adds to a graph), between what it held plus the new triples with blank nodes
and what it held plus all triples sent. A difference is an error that gives
both numbers.

The check works on a copy of the input in the temporary directory ($TMPDIR;
about the size of the input as N-Triples). N-Triples and N-Quads are checked
on all cores (about 1.5 M triples a second); Turtle is parsed on one, some ten
times slower: for large graphs, export N-Triples.

Without --replace a failure part-way leaves the pieces already stored in the
graph. With --replace the triples go into a fresh staging graph, which is
counted and then swapped in with SPARQL Update MOVE: a failure leaves the
graph as it was and drops the staging graph. --timeout bounds every request,
the MOVE too (Virtuoso took 24 s to move 1.4 M triples): raise it for large
graphs.

For Virtuoso's /sparql-graph-crud-auth (give --digest and the credentials)
the counting endpoint --endpoint defaults to the sibling /sparql and the
update endpoint to /sparql-auth; for /sparql-graph-crud both default to
/sparql. For other stores give --endpoint (and --update-endpoint with
--replace). Credentials go to every endpoint.

Exit status: 0 loaded and counted; 1 nothing or not everything loaded, or the
count differs; 2 wrong usage.`,
		Example: `  # an export into Virtuoso, user and password from the environment
  export PLEDGEGRAPH_USER=dba PLEDGEGRAPH_PASSWORD=...
  pledgegraph load graph.nt --digest \
    --graph-store http://localhost:8890/sparql-graph-crud-auth \
    --graph https://w3id.org/pledgegraph/graph

  # replace the graph as a whole, from a pipe
  pledgegraph export reports/ | pledgegraph load - --replace --digest \
    --graph-store http://localhost:8890/sparql-graph-crud-auth --graph https://example.org/g

  # N-Quads, one named graph per report, into Fuseki
  pledgegraph load graph.nq --graph-store http://localhost:3030/ds/data \
    --endpoint http://localhost:3030/ds/sparql`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts, closeAll, err := f.options(cmd, args, streams)
			if err != nil {
				return err
			}
			defer closeAll()
			if runF != nil {
				return runF(opts)
			}
			return f.run(cmd.Context(), streams, opts)
		},
	}
	fl := cmd.Flags()
	f.endpointFlags.register(fl, "", "SPARQL query endpoint `URL` that counts the loaded triples (default for Virtuoso's /sparql-graph-crud[-auth]: the sibling /sparql)")
	fl.StringVar(&f.graphStore, "graph-store", "", "Graph Store HTTP Protocol endpoint `URL` (Virtuoso: /sparql-graph-crud-auth with --digest)")
	fl.StringVar(&f.graph, "graph", "", "target graph `IRI` (required for Turtle and N-Triples)")
	fl.BoolVar(&f.replace, "replace", false, "replace the graph as a whole (staging graph + MOVE) instead of adding to it")
	fl.StringVar(&f.updateEndpoint, "update-endpoint", "", "SPARQL Update endpoint `URL` for --replace (default for Virtuoso: /sparql-auth or /sparql)")
	fl.StringVarP(&f.format, "format", "f", "", "input format: turtle, ntriples or nquads (default: from the extension; standard input: turtle)")
	fl.IntVar(&f.pieceSize, "piece-size", load.DefaultPieceSize, "triples per request")
	fl.IntVar(&f.concurrency, "concurrency", load.DefaultConcurrency, "requests at once")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "print only errors")
	fl.BoolVarP(&f.verbose, "verbose", "v", false, "print one line per graph")
	_ = cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return loadFormatNames(), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

// loadFormats are the formats load reads: JSON-LD is written for people
// and the web, and a store takes the same graph as N-Triples.
var loadFormats = []graph.Format{graph.Turtle, graph.NTriples, graph.NQuads}

func loadFormatNames() []string {
	names := make([]string, len(loadFormats))
	for i, f := range loadFormats {
		names[i] = f.String()
	}
	return names
}

// checkLoadable refuses a format load does not read; what names it (the
// flag or the file) comes first in the message.
func checkLoadable(what string, f graph.Format) error {
	if slices.Contains(loadFormats, f) {
		return nil
	}
	return usageErrorf("%s: load reads %s, not %s; export the graph as N-Triples (-f ntriples) to load it",
		what, strings.Join(loadFormatNames(), ", "), f)
}

// options turns the flags and arguments into load.Options with open
// sources; closeAll closes the files.
func (f *loadFlags) options(cmd *cobra.Command, args []string, streams *iostreams.IOStreams) (load.Options, func(), error) {
	var opts load.Options
	closeAll := func() {}
	if len(args) == 0 {
		if streams.IsStdinTTY() {
			return opts, closeAll, usageErrorf("no input: give RDF files, or pipe one into 'pledgegraph load -'")
		}
		args = []string{"-"}
	}
	if f.pieceSize < 1 {
		return opts, closeAll, usageErrorf("--piece-size must be at least 1, got %d", f.pieceSize)
	}
	if f.concurrency < 1 || f.concurrency > 16 {
		return opts, closeAll, usageErrorf("--concurrency must be between 1 and 16, got %d", f.concurrency)
	}
	var forced *graph.Format
	if f.format != "" {
		fm, err := graph.ParseFormat(f.format)
		if err != nil {
			return opts, closeAll, usageErrorf("--format: %v", err)
		}
		if err := checkLoadable("--format", fm); err != nil {
			return opts, closeAll, err
		}
		forced = &fm
	}

	for _, arg := range args {
		if fm, ok := graph.FormatFromPath(arg); ok && forced == nil && arg != "-" {
			if err := checkLoadable(arg, fm); err != nil {
				return opts, closeAll, err
			}
		}
	}
	if err := f.storeClients(&opts, "--endpoint"); err != nil {
		return opts, closeAll, err
	}

	var files []*os.File
	closeAll = func() {
		for _, fh := range files {
			fh.Close()
		}
	}
	stdin := false
	for _, arg := range args {
		src := load.Source{Name: arg}
		switch {
		case forced != nil:
			src.Format = *forced
		case arg == "-":
			src.Format = graph.Turtle
		default:
			fm, ok := graph.FormatFromPath(arg)
			if !ok {
				closeAll()
				return opts, func() {}, usageErrorf("%s: cannot tell the format from the extension; give -f %s", arg, strings.Join(loadFormatNames(), "|"))
			}
			src.Format = fm
		}
		if src.Format != graph.NQuads && f.graph == "" {
			closeAll()
			return opts, func() {}, usageErrorf("--graph is required for %s (%s): it names the graph the triples go into", arg, src.Format)
		}
		if arg == "-" {
			if stdin {
				closeAll()
				return opts, func() {}, usageErrorf("standard input (-) given twice")
			}
			stdin = true
			src.Name, src.R = inputs.StdinName, streams.In
		} else {
			fh, err := os.Open(arg)
			if err != nil {
				closeAll()
				return opts, func() {}, fmt.Errorf("%s: %w", arg, errors.Unwrap(err))
			}
			files = append(files, fh)
			src.R = fh
		}
		opts.Sources = append(opts.Sources, src)
	}
	return opts, closeAll, nil
}

// storeClients checks the store flags and builds the graph store, query
// and update clients into opts; endpointFlag is the name of the flag that
// sets f.endpoint (the counting endpoint), for messages.
func (f *loadFlags) storeClients(opts *load.Options, endpointFlag string) error {
	if f.graphStore == "" {
		return usageErrorf("--graph-store is required: the Graph Store endpoint URL (Virtuoso: http://HOST:8890/sparql-graph-crud-auth with --digest)")
	}
	if err := checkURL("--graph-store", f.graphStore); err != nil {
		return err
	}
	if f.graph != "" {
		if _, err := sparql.IRI(f.graph); err != nil {
			return usageErrorf("--graph: %v", err)
		}
	}
	if f.updateEndpoint != "" && !f.replace {
		return usageErrorf("--update-endpoint works only with --replace")
	}
	queryURL, updateURL, virtuoso := load.VirtuosoEndpoints(f.graphStore)
	if f.endpoint != "" {
		queryURL = f.endpoint
	} else if !virtuoso {
		return usageErrorf("%s is required: the SPARQL query endpoint that counts the loaded triples (only for Virtuoso's /sparql-graph-crud[-auth] is it known: the sibling /sparql)", endpointFlag)
	}
	if err := checkURL(endpointFlag, queryURL); err != nil {
		return err
	}
	if f.replace {
		if f.updateEndpoint != "" {
			updateURL = f.updateEndpoint
		} else if !virtuoso {
			return usageErrorf("--replace needs --update-endpoint: the SPARQL Update endpoint that runs MOVE and DROP")
		}
		if err := checkURL("--update-endpoint", updateURL); err != nil {
			return err
		}
	}

	// Every client is built the same way, from the endpoint flags.
	build := func(url string, retries bool) (*sparql.Client, error) {
		ef := f.endpointFlags
		ef.endpoint = url
		if !retries {
			ef.retries = 0 // a MOVE must not run twice (load.Options.Update)
		}
		return ef.client()
	}
	var err error
	if opts.GraphStore, err = build(f.graphStore, true); err != nil {
		return err
	}
	if opts.Query, err = build(queryURL, true); err != nil {
		return err
	}
	if f.replace {
		if opts.Update, err = build(updateURL, false); err != nil {
			return err
		}
	}
	opts.Graph = f.graph
	opts.Replace = f.replace
	opts.PieceSize = f.pieceSize
	opts.Concurrency = f.concurrency
	return nil
}

// run loads, with a progress bar on a terminal, and reports the outcome.
func (f *loadFlags) run(ctx context.Context, streams *iostreams.IOStreams, opts load.Options) error {
	bar := (*progress.Bar)(nil)
	if streams.IsStderrTTY() && !f.quiet {
		bar = progress.New(streams.ErrOut, "loading", 2*max(f.pieceSize, 1))
		opts.Progress = bar.Report
	}
	res, err := load.Run(ctx, opts)
	bar.Finish()
	return f.report(streams.ErrOut, res, err)
}

// checkURL refuses an endpoint URL the client would refuse, naming the flag.
func checkURL(flag, url string) error {
	if _, err := sparql.New(sparql.Options{Endpoint: url}); err != nil {
		return usageErrorf("%s: %v", flag, err)
	}
	return nil
}

// report prints the outcome on w and returns the command's error.
func (f *loadFlags) report(w io.Writer, res *load.Result, err error) error {
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(w, "pledgegraph: %s\n", line)
		}
		var se *sparql.Error
		if errors.As(err, &se) && (se.Status == http.StatusUnauthorized || se.Status == http.StatusForbidden) {
			fmt.Fprintf(w, "pledgegraph: check the credentials (--user and --password, or $%s and $%s) and their rights; Virtuoso's -auth endpoints need --digest\n",
				EnvUser, EnvPassword)
		}
		var pe *load.PieceError
		if res != nil && !f.replace && errors.As(err, &pe) && pe.Stored > 0 {
			fmt.Fprintf(w, "pledgegraph: %d of %d triples were stored before the failure and stay in the store; --replace loads all or nothing\n",
				pe.Stored, res.Statements)
		}
		return silentError{ExitFailure}
	}
	if f.quiet {
		return nil
	}
	if f.verbose || len(res.Graphs) > 1 {
		for _, g := range res.Graphs {
			fmt.Fprintf(w, "<%s>: %d distinct triples sent; held %d before, %d now\n", g.IRI, g.Sent, g.Before, g.After)
		}
	}
	if f.verbose {
		fmt.Fprintf(w, "%d pieces in %d requests to the graph store (retries included)\n", res.Pieces, res.Requests)
	}
	sent := 0
	for _, g := range res.Graphs {
		sent += g.Sent
	}
	if len(res.Graphs) == 1 {
		g := res.Graphs[0]
		if f.replace {
			fmt.Fprintf(w, "replaced <%s> with %d triples (%d distinct) in %d %s; it holds %d triples (%d before)\n",
				g.IRI, res.Statements, g.Sent, res.Pieces, plural(res.Pieces, "piece", "pieces"), g.After, g.Before)
		} else {
			fmt.Fprintf(w, "loaded %d triples (%d distinct) into <%s> in %d %s; it holds %d triples (%d before)\n",
				res.Statements, g.Sent, g.IRI, res.Pieces, plural(res.Pieces, "piece", "pieces"), g.After, g.Before)
		}
		return nil
	}
	verb := "loaded"
	if f.replace {
		verb = "replaced: loaded"
	}
	fmt.Fprintf(w, "%s %d triples (%d distinct) into %d graphs in %d %s; every graph holds what was sent\n",
		verb, res.Statements, sent, len(res.Graphs), res.Pieces, plural(res.Pieces, "piece", "pieces"))
	return nil
}
