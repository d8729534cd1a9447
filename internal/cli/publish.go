package cli

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/internal/catalog"
	"github.com/pledgegraph/pledgegraph/internal/iostreams"
	"github.com/pledgegraph/pledgegraph/internal/publish"
)

// publishMemoryLimit is the soft memory limit of a publish run (see
// cmd/pledgegraph for export's).
const publishMemoryLimit = 160 << 20

func newPublishCmd(streams *iostreams.IOStreams, runF func(publish.Options) error) *cobra.Command {
	var (
		opts       publish.Options
		doEnrich   bool
		enr        enrichFlags
		configFile string
		scalars    = map[string]*string{}
		lists      = map[string]*[]string{}
	)
	cmd := &cobra.Command{
		Use:   "publish [FILE|DIR|-]... -o DIR",
		Short: "Publish reports as a static web site with the graph, JSON-LD and a DCAT-AP-VL catalog",
		Long: `Publish evaluation reports as a directory any static web server can serve:

  index.html       the coverage of the agreement per chapter, over time and,
                   with --enrich, per minister and theme (charts and tables)
  sectie/*.html    one page per evaluated section: the promise, every
                   evaluation with its statements and references, and its
                   schema.org ClaimReview as JSON-LD
  graph.ttl, graph.nt, graph.jsonld, context.jsonld
                   the graph, as 'pledgegraph export' writes it, plus what the
                   ClaimReview blocks state (page URLs, authors, the claims)
  catalog.ttl      a DCAT-AP-VL description of the dataset and its dumps
                   (needs --site-url)

Inputs, bad-input handling and the enrichment flags are export's. The
directory is built beside DIR and swapped in whole at the end: a run that
can publish nothing, or fails, leaves DIR as it was. DIR must be new,
empty, or a site an earlier run wrote. The same inputs and flags give the
same bytes.

--site-url is where the site will be served: the reviews' URLs, the
JSON-LD context and the catalog's IRIs and download URLs go under it.
Publisher, contact, license and titles of the catalog come from --config
FILE (YAML) and the flags below, which override the file; a property
DCAT-AP-VL requires and neither gives is named in a warning, never made up.
The publisher (with a name) is also the author of every review.`,
		Example: `  # the site of the bundled examples; view it at http://localhost:8000/
  pledgegraph publish examples/reports -o site
  python3 -m http.server -d site 8000

  # for the web, linked into Themis, with a catalog for an open-data portal
  pledgegraph publish --enrich reports/ -o site --site-url https://example.org/regeerakkoord/ \
    --config catalog.yaml --publisher-name "Open Data Vlaanderen" --contact-email data@example.org`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && streams.IsStdinTTY() {
				return usageErrorf("no input: give report files or directories, or pipe a report into 'pledgegraph publish - -o DIR'")
			}
			if opts.Dir == "" {
				return usageErrorf("-o DIR is required: the directory to write the site into")
			}
			if err := checkJobs(opts.Jobs); err != nil {
				return err
			}
			if d := opts.DatePublished; d != "" {
				if _, err := time.Parse("2006-01-02", d); err != nil {
					return usageErrorf("--date-published: %q is not a date (want YYYY-MM-DD)", d)
				}
			}
			if _, err := graph.NewBuilder(opts.Base); err != nil {
				return usageErrorf("--base: %v", err)
			}
			if !doEnrich {
				if given := changed(cmd, enrichFlagNames); len(given) > 0 {
					return usageErrorf("%s %s only with --enrich", strings.Join(given, ", "), plural(len(given), "works", "work"))
				}
			}
			var cfg catalog.Config
			if configFile != "" {
				var err error
				if cfg, err = catalog.LoadConfig(configFile); err != nil {
					return usageErrorf("--config: %v", err)
				}
			}
			for _, k := range catalog.Keys {
				if !cmd.Flags().Changed(k.Flag()) {
					continue
				}
				var values []string
				if k.List {
					values = *lists[k.Name]
				} else {
					values = []string{*scalars[k.Name]}
				}
				if err := cfg.Set(k.Name, values...); err != nil {
					return usageErrorf("--%s: %v", k.Flag(), strings.TrimPrefix(err.Error(), k.Name+": "))
				}
			}
			opts.Catalog = cfg
			opts.Inputs = args
			finish := func() {}
			if doEnrich {
				c, done, err := enr.config(streams, "enriching decisions")
				if err != nil {
					return err
				}
				opts.Enrich, finish = &c, done
			}
			opts.Stdin, opts.Stdout, opts.Stderr = streams.In, streams.Out, streams.ErrOut
			if runF != nil {
				return runF(opts)
			}
			if os.Getenv("GOMEMLIMIT") == "" {
				// publish keeps more than export (the catalog's count of
				// distinct triples): a soft limit above export's spares
				// collections, within the 200 MB it may use.
				defer debug.SetMemoryLimit(debug.SetMemoryLimit(publishMemoryLimit))
			}
			res, err := publish.Run(cmd.Context(), opts)
			finish()
			if err != nil {
				if errors.Is(err, publish.ErrNothingPublished) && res.Export.Skipped > 0 {
					return fmt.Errorf("nothing published: none of the %d inputs could be used; %s is unchanged", res.Export.Skipped, opts.Dir)
				}
				return err
			}
			if e := res.Export.Enrichment; e != nil && e.Incomplete() && !opts.Verbose {
				fmt.Fprintln(streams.ErrOut, "pledgegraph: enrichment incomplete; -v lists every reference and decision left out")
			}
			if res.Export.Skipped > 0 {
				return silentError{ExitFailure}
			}
			if e := res.Export.Enrichment; e != nil && e.Incomplete() {
				return silentError{ExitIncomplete}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Dir, "output", "o", "", "write the site into `DIR` (replaced whole)")
	fl.StringVar(&opts.Base, "base", graph.DefaultBase, "base `IRI` of minted IRIs (sections, evaluations, statements)")
	fl.BoolVarP(&opts.Quiet, "quiet", "q", false, "print only errors, no warnings or summary")
	fl.BoolVarP(&opts.Verbose, "verbose", "v", false, "with --enrich: list every reference and decision an endpoint fault left out")
	fl.IntVarP(&opts.Jobs, "jobs", "j", 0, "reports parsed in parallel (default: number of CPUs)")
	fl.StringVar(&opts.DatePublished, "date-published", "", "state this `DATE` (YYYY-MM-DD) as datePublished of every review (default: none)")
	fl.StringVar(&configFile, "config", "", "read the catalog's configuration from `FILE` (YAML; flags override it)")
	for _, k := range catalog.Keys {
		if k.List {
			lists[k.Name] = fl.StringArray(k.Flag(), nil, k.Usage+" (repeat the flag for more)")
		} else {
			scalars[k.Name] = fl.String(k.Flag(), "", k.Usage)
		}
	}
	fl.BoolVar(&doEnrich, "enrich", false, "resolve search URLs to Themis IRIs and add the endpoint's metadata of every cited decision")
	enr.register(fl)
	_ = cmd.MarkFlagDirname("output")
	return cmd
}
