package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pledgegraph/pledgegraph/internal/bank"
	"github.com/pledgegraph/pledgegraph/internal/iostreams"
	"github.com/pledgegraph/pledgegraph/internal/query"
	"github.com/pledgegraph/pledgegraph/internal/table"
	"github.com/pledgegraph/pledgegraph/sparql"
)

// EnvEndpoint names the store's SPARQL endpoint for stored queries that do
// not name their own.
const EnvEndpoint = "PLEDGEGRAPH_ENDPOINT"

func newQueryCmd(streams *iostreams.IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "query",
		Short: "Run stored, named SPARQL queries (a grlc-format query bank)",
		Long: `Run stored, named SPARQL queries against the store that holds the exported
graph, or against Themis.

A query bank is a directory of .rq files, one query each, named by the file
(sections-without-evidence.rq is sections-without-evidence), in grlc's
decorator format: a header of '#+ ' lines read as YAML (summary, description,
endpoint, tags, defaults, enumerate, method, pagination), and parameters by
grlc's naming convention: ?_name (required string), ?__name (optional, left
unbound when not given), ?_name_iri (an IRI), ?_name_nl (a literal tagged nl),
?_name_integer, ?_name_decimal, ?_name_boolean, ?_name_xsd_date,
?_name_xsd_dateTime (typed literals). Every value is checked against its type
and goes into the query as one serialized RDF term, never as text.

The bank built into pledgegraph has the questions people ask; --bank DIR adds
your own (yours wins on a name both have, with a notice).`,
		Example: `  pledgegraph query list
  pledgegraph query show evaluations-of-section
  pledgegraph query run sections --endpoint http://localhost:8890/sparql
  pledgegraph query run evaluations-of-section --param section=4.3.2 -f json
  pledgegraph query run themis-decision --param decision=http://themis.vlaanderen.be/id/nieuwsbrief-info/60C9F6B7364ED9000800041D`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newQueryListCmd(streams), newQueryShowCmd(streams), newQueryRunCmd(streams))
	return cmd
}

func openBank(streams *iostreams.IOStreams, dir string) (*sparql.Bank, error) {
	b, shadowed, err := bank.Open(dir)
	if err != nil {
		return nil, err
	}
	for _, name := range shadowed {
		fmt.Fprintf(streams.ErrOut, "pledgegraph: notice: %s in %s replaces the built-in query of that name\n", name, dir)
	}
	return b, nil
}

func newQueryListCmd(streams *iostreams.IOStreams) *cobra.Command {
	var bankDir, format string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the stored queries: name, target, parameters, summary",
		Example: `  pledgegraph query list
  pledgegraph query list --bank queries/ -f json | jq -r '.[].name'`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			f := table.Default(streams.IsStdoutTTY())
			if format != "" {
				var err error
				if f, err = table.ParseFormat(format); err != nil {
					return usageErrorf("--format: %v", err)
				}
			}
			b, err := openBank(streams, bankDir)
			if err != nil {
				return err
			}
			return query.List(streams.Out, b, f)
		},
	}
	cmd.Flags().StringVar(&bankDir, "bank", "", "add the queries of `DIR` (grlc-format .rq files) to the built-in ones")
	cmd.Flags().StringVarP(&format, "format", "f", "", "table, csv, tsv or json (default: table on a terminal, else csv)")
	return cmd
}

func newQueryShowCmd(streams *iostreams.IOStreams) *cobra.Command {
	var bankDir string
	cmd := &cobra.Command{
		Use:     "show NAME|FILE.rq",
		Short:   "Print a stored query with its header",
		Example: `  pledgegraph query show decisions-outside-term`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("%s takes one query name, got %d arguments", cmd.CommandPath(), len(args))
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			q, err := findQuery(streams, bankDir, args[0])
			if err != nil {
				return err
			}
			_, err = fmt.Fprint(streams.Out, q.Text)
			return err
		},
	}
	cmd.Flags().StringVar(&bankDir, "bank", "", "add the queries of `DIR` to the built-in ones")
	return cmd
}

// findQuery takes a file when the argument names one (a path or a .rq
// file), else a query of the bank.
func findQuery(streams *iostreams.IOStreams, bankDir, arg string) (*sparql.Query, error) {
	if strings.HasSuffix(arg, ".rq") || strings.ContainsRune(arg, filepath.Separator) {
		src, err := os.ReadFile(arg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, unwrapPathErr(err))
		}
		return sparql.ParseQuery(arg, src)
	}
	b, err := openBank(streams, bankDir)
	if err != nil {
		return nil, err
	}
	q, ok := b.Get(arg)
	if !ok {
		return nil, usageErrorf("no stored query %q ('pledgegraph query list' lists them: %s)", arg, strings.Join(b.Names(), ", "))
	}
	return q, nil
}

func unwrapPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func newQueryRunCmd(streams *iostreams.IOStreams) *cobra.Command {
	var (
		bankDir, format string
		params          []string
		graphs          []string
		page            int
		quiet           bool
		ep              endpointFlags
	)
	cmd := &cobra.Command{
		Use:   "run NAME|FILE.rq",
		Short: "Run a stored query and write its answer",
		Long: `Run a stored query (by name, or a .rq file) and write its answer to standard
output: the rows of a SELECT (and the answer of an ASK) as a table (default on
a terminal), csv (default otherwise), tsv or json (SPARQL 1.1 results JSON);
the triples of a CONSTRUCT or DESCRIBE as turtle (default) or ntriples.

The endpoint is --endpoint, else $PLEDGEGRAPH_ENDPOINT, else the query's own
(#+ endpoint: the Themis queries name https://themis.vlaanderen.be/sparql);
the store queries have none, so give the store's. A graph query is asked for
as JSON (Themis passes only application/sparql-results+json on), and the
triples are built locally.

An answer the endpoint says it cut (its row cap, its time limit) is written
and reported, exit status 3; a query with the pagination decorator is asked
page by page until a page is short (--page N asks one page).`,
		Example: `  pledgegraph query run sections --endpoint http://localhost:8890/sparql
  PLEDGEGRAPH_ENDPOINT=http://localhost:8890/sparql pledgegraph query run sections-without-evidence -f csv
  pledgegraph query run decisions-outside-term --param from=2019-07-01 --endpoint http://localhost:8890/sparql
  pledgegraph query run themis-search --param keyword=veerkracht --param from=2021-01-01
  pledgegraph query run my-query.rq --graph https://data.example.org/graph -f json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("%s takes one query name or .rq file, got %d arguments", cmd.CommandPath(), len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			q, err := findQuery(streams, bankDir, args[0])
			if err != nil {
				return err
			}
			values := map[string]string{}
			for _, p := range params {
				name, value, ok := strings.Cut(p, "=")
				if !ok || name == "" {
					return usageErrorf("--param %q: want NAME=VALUE", p)
				}
				if _, dup := values[name]; dup {
					return usageErrorf("--param %s given twice", name)
				}
				values[name] = value
			}
			if format == "" {
				format = query.DefaultFormat(q, streams.IsStdoutTTY())
			}
			if !cmd.Flags().Changed("endpoint") {
				ep.endpoint = os.Getenv(EnvEndpoint)
				if ep.endpoint == "" {
					ep.endpoint = q.Endpoint
				}
			}
			if ep.endpoint == "" {
				return usageErrorf("query %s asks the store that holds the exported graph: give its SPARQL endpoint with --endpoint URL or $%s (Virtuoso: http://localhost:8890/sparql)", q.Name, EnvEndpoint)
			}
			if q.Method == "GET" && !cmd.Flags().Changed("get") {
				ep.get = true
			}
			ep.defaultGraphs = graphs
			client, err := ep.client()
			if err != nil {
				return err
			}
			res, err := query.Run(cmd.Context(), query.Options{
				Query: q, Values: values, Page: page, Client: client, Format: format, Stdout: streams.Out,
			})
			if err != nil {
				var pe *sparql.ParamError
				if errors.As(err, &pe) {
					return usageError{err}
				}
				return err
			}
			if res.Truncated {
				fmt.Fprintf(streams.ErrOut, "pledgegraph: %s may have cut the answer (%d rows, %d triples written): its row cap or time limit; ask for less, or page the query (#+ pagination: N)\n",
					client.Endpoint(), res.Rows, res.Triples)
				return silentError{ExitIncomplete}
			}
			if !quiet {
				what := fmt.Sprintf("%d %s", res.Rows, plural(res.Rows, "row", "rows"))
				if q.Form == "CONSTRUCT" || q.Form == "DESCRIBE" {
					what = fmt.Sprintf("%d %s", res.Triples, plural(res.Triples, "triple", "triples"))
				}
				fmt.Fprintf(streams.ErrOut, "%s: %s from %s (%d %s)\n", q.Name, what, client.Endpoint(), client.Requests(), plural(int(client.Requests()), "request", "requests"))
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&bankDir, "bank", "", "add the queries of `DIR` to the built-in ones")
	fl.StringArrayVar(&params, "param", nil, "a parameter as `NAME=VALUE` (grlc's name: section for ?_section); repeat for more")
	fl.StringVarP(&format, "format", "f", "", "table, csv, tsv or json for rows; turtle or ntriples for graphs")
	fl.StringArrayVar(&graphs, "graph", nil, "ask only this graph (`IRI`; the protocol's default-graph-uri); repeat for more")
	fl.IntVar(&page, "page", 0, "ask only page `N` of a query with the pagination decorator")
	fl.BoolVarP(&quiet, "quiet", "q", false, "no summary on stderr")
	ep.register(fl, "", "SPARQL endpoint `URL` (default: $"+EnvEndpoint+", else the query's own)")
	_ = cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return append(append([]string(nil), query.RowFormats...), query.GraphFormats...), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}
