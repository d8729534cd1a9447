package cli

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/internal/export"
	"github.com/pledgegraph/pledgegraph/internal/iostreams"
	"github.com/pledgegraph/pledgegraph/internal/load"
)

// exportLoadFlags are export's flags for --load: the store flags of the
// load command, the counting endpoint renamed --store-endpoint because
// export's --endpoint is the enrichment endpoint.
type exportLoadFlags struct {
	load  bool
	store loadFlags
}

// exportLoadFlagNames are the flags that work only with --load.
var exportLoadFlagNames = []string{"graph-store", "graph", "replace", "store-endpoint", "update-endpoint"}

// storeEndpointFlagNames are the endpoint flags that apply to the store
// with --load, with or without --enrich.
var storeEndpointFlagNames = []string{"timeout", "retries", "user", "password", "digest", "get"}

func (f *exportLoadFlags) register(fl *pflag.FlagSet) {
	fl.BoolVar(&f.load, "load", false, "load the graph into a triple store (see 'pledgegraph load --help'); needs --graph-store")
	fl.StringVar(&f.store.graphStore, "graph-store", "", "with --load: Graph Store HTTP Protocol endpoint `URL` (Virtuoso: /sparql-graph-crud-auth with --digest)")
	fl.StringVar(&f.store.graph, "graph", "", "with --load: target graph `IRI` (required unless -f nquads)")
	fl.BoolVar(&f.store.replace, "replace", false, "with --load: replace the graph as a whole (staging graph + MOVE) instead of adding to it")
	fl.StringVar(&f.store.endpoint, "store-endpoint", "", "with --load: SPARQL query `URL` that counts the loaded triples (default for Virtuoso: the sibling /sparql)")
	fl.StringVar(&f.store.updateEndpoint, "update-endpoint", "", "with --load --replace: SPARQL Update endpoint `URL` (default for Virtuoso: /sparql-auth or /sparql)")
}

// exportLoad is a prepared load of an export: the store clients, and the
// file the export is written to and loaded from.
type exportLoad struct {
	flags  *loadFlags
	opts   load.Options
	path   string
	format graph.Format
	temp   bool // path is a temporary file of ours
}

// prepare checks the --load flags and builds the store clients before any
// work is done, and points the export at a file the load can read: -o if
// it names a regular file, else a temporary N-Triples file (N-Triples is
// checked on all cores). Credentials go to the store; the enrichment
// endpoint gets them only when it is on the same host (scheme, host and
// port), so that the store's password never goes to Themis.
func (f *exportLoadFlags) prepare(cmd *cobra.Command, enr *enrichFlags, doEnrich bool, opts *export.Options, formatGiven bool) (*exportLoad, error) {
	if !f.load {
		if given := changed(cmd, exportLoadFlagNames); len(given) > 0 {
			return nil, usageErrorf("%s %s only with --load", strings.Join(given, ", "), plural(len(given), "works", "work"))
		}
		return nil, nil
	}
	if err := checkLoadable("--load", opts.Format); err != nil {
		return nil, err
	}
	if opts.Output == "-" {
		return nil, usageErrorf("--load reads the graph back from a file: give -o FILE, or leave -o out (or pipe: pledgegraph export ... | tee graph.ttl | pledgegraph load - ...)")
	}
	if opts.Output != "" {
		if fi, err := os.Stat(opts.Output); err == nil && !fi.Mode().IsRegular() {
			return nil, usageErrorf("-o %s is not a regular file: --load reads the graph back from the file it writes", opts.Output)
		}
	}
	ld := &exportLoad{flags: &f.store}
	storeEndpoint := f.store.endpoint
	f.store.endpointFlags = enr.endpointFlags
	f.store.endpoint = storeEndpoint
	f.store.pieceSize, f.store.concurrency = load.DefaultPieceSize, load.DefaultConcurrency
	f.store.quiet, f.store.verbose = opts.Quiet, opts.Verbose
	if err := f.store.storeClients(&ld.opts, "--store-endpoint"); err != nil {
		return nil, err
	}
	if doEnrich && !sameOrigin(enr.endpoint, f.store.graphStore) {
		enr.anonymous = true
	}

	ld.format = opts.Format
	if opts.Output == "" {
		if !formatGiven {
			ld.format = graph.NTriples
			opts.Format = graph.NTriples
		}
		tmp, err := os.CreateTemp("", "pledgegraph-export-*"+ld.format.Extension())
		if err != nil {
			return nil, fmt.Errorf("temporary file for the export: %w", err)
		}
		tmp.Close()
		ld.path, ld.temp = tmp.Name(), true
		opts.Output, opts.OutputName = ld.path, "a temporary file for the load"
	} else {
		ld.path = opts.Output
	}
	if ld.format != graph.NQuads && f.store.graph == "" {
		ld.cleanup()
		return nil, usageErrorf("--graph is required with --load (it names the graph the triples go into), unless the export is N-Quads (-f nquads)")
	}
	return ld, nil
}

// run loads the exported file.
func (ld *exportLoad) run(ctx context.Context, streams *iostreams.IOStreams) error {
	fh, err := os.Open(ld.path)
	if err != nil {
		return err
	}
	defer fh.Close()
	name := ld.path
	if ld.temp {
		name = "the export"
	}
	ld.opts.Sources = []load.Source{{Name: name, Format: ld.format, R: fh}}
	return ld.flags.run(ctx, streams, ld.opts)
}

// cleanup removes the temporary file.
func (ld *exportLoad) cleanup() {
	if ld != nil && ld.temp {
		os.Remove(ld.path)
	}
}

// sameOrigin tells whether two URLs have the same scheme, host and port.
func sameOrigin(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	if err1 != nil || err2 != nil {
		return false
	}
	port := func(u *url.URL) string {
		if p := u.Port(); p != "" {
			return p
		}
		if strings.EqualFold(u.Scheme, "https") {
			return "443"
		}
		return "80"
	}
	return strings.EqualFold(ua.Scheme, ub.Scheme) && strings.EqualFold(ua.Hostname(), ub.Hostname()) && port(ua) == port(ub)
}
