package cli

import (
	"github.com/spf13/cobra"

	"github.com/pledgegraph/pledgegraph/internal/export"
	"github.com/pledgegraph/pledgegraph/internal/iostreams"
	"github.com/pledgegraph/pledgegraph/internal/table"
)

func newResolveCmd(streams *iostreams.IOStreams) *cobra.Command {
	var (
		opts   export.ResolveOptions
		format string
		enr    enrichFlags
	)
	cmd := &cobra.Command{
		Use:   "resolve [FILE|DIR|-]...",
		Short: "List every reference with the Themis decision it resolves to",
		Long: `List every reference of the reports with what it resolves to.

A Themis IRI is listed as given (status themis). A search URL of
beslissingenvlaamseregering.vlaanderen.be (a title on a meeting date) is
looked up on the endpoint: resolved (exactly one decision of that title on
that date), unresolved, ambiguous (several; none is chosen) or failed
(endpoint fault, or not in the cache with --offline; the error column says
why). Titles are compared after normalisation (case, white space, quotes,
dashes, punctuation).

The listing is a table on a terminal and CSV otherwise; --format chooses
(table, csv, tsv, json). Endpoint faults are summed up on stderr, one line
per cause, then a summary. Exit status 3 when some reference failed.`,
		Example: `  pledgegraph resolve examples/reports
  pledgegraph resolve --format json report.md | jq '.[] | select(.status != "resolved")'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && streams.IsStdinTTY() {
				return usageErrorf("no input: give report files or directories, or pipe a report into 'pledgegraph resolve -'")
			}
			opts.Format = table.Default(streams.IsStdoutTTY())
			if format != "" {
				f, err := table.ParseFormat(format)
				if err != nil {
					return usageErrorf("--format: %v", err)
				}
				opts.Format = f
			}
			if err := checkJobs(opts.Jobs); err != nil {
				return err
			}
			cfg, finish, err := enr.config(streams, "resolving")
			if err != nil {
				return err
			}
			defer finish()
			opts.Enrich = cfg
			opts.Inputs = args
			opts.Stdin, opts.Stdout, opts.Stderr = streams.In, streams.Out, streams.ErrOut
			res, err := export.Resolve(cmd.Context(), opts)
			if err != nil {
				return err
			}
			if res.Skipped > 0 {
				return silentError{ExitFailure}
			}
			if res.Summary.Incomplete() {
				return silentError{ExitIncomplete}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&format, "format", "f", "", "listing format: table, csv, tsv or json (default: table on a terminal, else csv)")
	fl.IntVarP(&opts.Jobs, "jobs", "j", 0, "reports parsed in parallel (default: number of CPUs)")
	enr.register(fl)
	_ = cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return table.Formats(), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}
