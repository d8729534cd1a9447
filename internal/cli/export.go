package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/internal/export"
	"github.com/pledgegraph/pledgegraph/internal/iostreams"
)

func newExportCmd(streams *iostreams.IOStreams, runF func(export.Options) error) *cobra.Command {
	var (
		opts     export.Options
		format   string
		doEnrich bool
		enr      enrichFlags
		lf       exportLoadFlags
	)
	cmd := &cobra.Command{
		Use:   "export [FILE|DIR|-]...",
		Short: "Export reports as an RDF graph (Turtle, N-Triples, N-Quads, JSON-LD)",
		Long: `Export evaluation reports as one RDF graph.

Arguments are report files, directories (walked in sorted order; *.md,
*.markdown and *.txt files, hidden ones skipped, symbolic links followed)
and - for standard input. Without arguments a report is read from standard
input.

A report that cannot be read or is not a report, a missing argument or a
directory without reports is named on stderr and skipped; all others are
still exported and the exit status is 1. The output file is replaced
atomically (a symbolic link is written through to its target; a device or
pipe such as /dev/stdout is written directly), and left untouched when
nothing could be exported. The same input and --base always give the same
bytes.

With --enrich, search-URL references are resolved to Themis IRIs (a title
on a meeting date; two matches are reported, never guessed) and what the
endpoint states about every cited decision is added in its own predicates
(in N-Quads, in the named graph {base}verrijking). Answers are cached, so a
re-run sends no request. Endpoint faults never cost the export: the graph
is still written, each cause is one line on stderr with the number of
references and decisions it left out (-v lists them), and the exit status
is 3.

With --load the graph then goes into a triple store, as 'pledgegraph load'
does it (checked, in pieces, counted; --replace swaps it in whole): into
--graph over the Graph Store endpoint --graph-store. It is written to -o
FILE and loaded from there, or, without -o, to a temporary N-Triples file
(or -f's format) and nothing goes to standard output. --store-endpoint and
--update-endpoint are load's --endpoint and --update-endpoint (Virtuoso's
are derived from --graph-store). --user, --password, --digest, --timeout,
--retries and --get apply to the store; with --enrich they apply to the
enrichment endpoint too, but the credentials only when it is on the same
host and port as the store. What could be exported is loaded even when
some inputs were skipped (exit 1 still says so); a failed load exits 1.`,
		Example: `  # the whole corpus as Turtle
  pledgegraph export examples/reports -o graph.ttl

  # N-Quads with one named graph per report, for a triple store
  pledgegraph export -f nquads reports/ > graph.nq

  # JSON-LD, compacted with the project's context (inline)
  pledgegraph export examples/reports -o graph.jsonld

  # one report from a pipe, IRIs under your own base
  cat report.md | pledgegraph export --base https://data.example.org/id/ -

  # linked into Themis: resolve search URLs and add Themis's metadata
  pledgegraph export --enrich examples/reports -o graph.ttl

  # export, enrich and replace the graph in the local Virtuoso in one step
  PLEDGEGRAPH_USER=dba PLEDGEGRAPH_PASSWORD=dba pledgegraph export --enrich examples/reports \
    --load --replace --digest --graph-store http://localhost:8890/sparql-graph-crud-auth \
    --graph https://w3id.org/pledgegraph/graph

  # against a local copy, from the cache only
  pledgegraph export --enrich --endpoint http://localhost:8890/sparql --offline reports/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && streams.IsStdinTTY() {
				return usageErrorf("no input: give report files or directories, or pipe a report into 'pledgegraph export -'")
			}
			f, err := chooseFormat(format, opts.Output)
			if err != nil {
				return err
			}
			if err := checkJobs(opts.Jobs); err != nil {
				return err
			}
			if _, err := graph.NewBuilder(opts.Base); err != nil {
				return usageErrorf("--base: %v", err)
			}
			opts.Format = f
			opts.Inputs = args
			if !doEnrich {
				names := enrichFlagNames
				if lf.load {
					names = slices.DeleteFunc(slices.Clone(names), func(n string) bool { return slices.Contains(storeEndpointFlagNames, n) })
				}
				if given := changed(cmd, names); len(given) > 0 {
					return usageErrorf("%s %s only with --enrich", strings.Join(given, ", "), plural(len(given), "works", "work"))
				}
			}
			ld, err := lf.prepare(cmd, &enr, doEnrich, &opts, format != "")
			if err != nil {
				return err
			}
			defer ld.cleanup()
			finish := func() {}
			if doEnrich {
				cfg, done, err := enr.config(streams, "enriching decisions")
				if err != nil {
					return err
				}
				opts.Enrich, finish = &cfg, done
			}
			opts.Stdin, opts.Stdout, opts.Stderr = streams.In, streams.Out, streams.ErrOut
			if runF != nil {
				return runF(opts)
			}
			res, err := export.Run(cmd.Context(), opts)
			finish()
			if err != nil {
				if errors.Is(err, export.ErrNothingExported) && res.Skipped > 0 {
					return fmt.Errorf("nothing exported: none of the %d inputs could be used", res.Skipped)
				}
				return err
			}
			if e := res.Enrichment; e != nil && e.Incomplete() && !opts.Verbose {
				fmt.Fprintln(streams.ErrOut, "pledgegraph: enrichment incomplete; -v lists every reference and decision left out")
			}
			if ld != nil {
				// What could be exported is loaded; the exit status still
				// says what was skipped or left out.
				if err := ld.run(cmd.Context(), streams); err != nil {
					return err
				}
			}
			if res.Skipped > 0 {
				return silentError{ExitFailure}
			}
			if res.Enrichment != nil && res.Enrichment.Incomplete() {
				return silentError{ExitIncomplete}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Output, "output", "o", "", "write to `FILE` instead of standard output")
	fl.StringVarP(&format, "format", "f", "", "output format: turtle, ntriples, nquads or jsonld (default: from the -o extension, else turtle)")
	fl.StringVar(&opts.Base, "base", graph.DefaultBase, "base `IRI` of minted IRIs (sections, evaluations, statements)")
	fl.BoolVarP(&opts.Quiet, "quiet", "q", false, "print only errors, no warnings or summary")
	fl.BoolVarP(&opts.Verbose, "verbose", "v", false, "with --enrich: list every reference and decision an endpoint fault left out")
	fl.IntVarP(&opts.Jobs, "jobs", "j", 0, "reports parsed in parallel (default: number of CPUs)")
	fl.BoolVar(&doEnrich, "enrich", false, "resolve search URLs to Themis IRIs and add the endpoint's metadata of every cited decision")
	enr.register(fl)
	lf.register(fl)
	_ = cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return graph.Formats(), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

// unwrittenFormats are file extensions of RDF formats pledgegraph does not
// write (yet): an -o with one of them is a mistake, not a Turtle file.
// (.jsonld is JSON-LD, see graph.FormatFromPath.)
var unwrittenFormats = map[string]string{
	".rdf": "RDF/XML", ".xml": "RDF/XML", ".owl": "RDF/XML",
	".trig": "TriG", ".n3": "N3", ".trix": "TriX", ".hdt": "HDT", ".rj": "RDF/JSON", ".ofn": "OWL functional syntax",
}

// chooseFormat takes --format, else the output file's extension, else Turtle.
func chooseFormat(flag, output string) (graph.Format, error) {
	if flag != "" {
		f, err := graph.ParseFormat(flag)
		if err != nil {
			return 0, usageErrorf("--format: %v", err)
		}
		return f, nil
	}
	if f, ok := graph.FormatFromPath(output); ok {
		return f, nil
	}
	ext := strings.ToLower(filepath.Ext(output))
	if ext == ".json" {
		// JSON-LD, RDF/JSON or SPARQL results: the name does not say.
		return 0, usageErrorf("-o %s: .json does not say which format; write JSON-LD with -f jsonld (or use the extension .jsonld)", output)
	}
	if name, ok := unwrittenFormats[ext]; ok {
		return 0, usageErrorf("-o %s: pledgegraph does not write %s; write %s with -f (or use the extension .ttl, .nt, .nq or .jsonld)",
			output, name, strings.Join(graph.Formats(), ", "))
	}
	return graph.Turtle, nil
}

// checkJobs refuses a negative -j; 0 means one job per CPU.
func checkJobs(jobs int) error {
	if jobs < 0 {
		return usageErrorf("--jobs must not be negative, got %d (0 means one per CPU)", jobs)
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
