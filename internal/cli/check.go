package cli

import (
	"github.com/spf13/cobra"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/internal/export"
	"github.com/pledgegraph/pledgegraph/internal/iostreams"
)

func newCheckCmd(streams *iostreams.IOStreams, runF func(export.CheckOptions) error) *cobra.Command {
	var opts export.CheckOptions
	cmd := &cobra.Command{
		Use:   "check [FILE|DIR|-]...",
		Short: "Check reports and print every warning and error",
		Long: `Parse reports without writing a graph, and print every warning and error
with file and line, then a summary. Warnings: a citation marker with no
reference, a reference never cited, a duplicate reference number, a bad date
(also a search URL's startDate), no section block, HTML markup left out.
Errors: a file that cannot be read, is empty or is not a report, a missing
argument, a broken symbolic link, a directory without reports.

Exit status 1 when any input has errors (with --strict: errors or warnings).`,
		Example: `  pledgegraph check examples/reports
  pledgegraph check --strict report.md
  pledgegraph check -q reports/ || echo "some reports cannot be used"`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && streams.IsStdinTTY() {
				return usageErrorf("no input: give report files or directories, or pipe a report into 'pledgegraph check -'")
			}
			if err := checkJobs(opts.Jobs); err != nil {
				return err
			}
			if _, err := graph.NewBuilder(opts.Base); err != nil {
				return usageErrorf("--base: %v", err)
			}
			opts.Inputs = args
			opts.Stdin, opts.Out = streams.In, streams.Out
			if runF != nil {
				return runF(opts)
			}
			res, err := export.Check(cmd.Context(), opts)
			if err != nil {
				return err
			}
			if res.Failed(opts.Strict) {
				return silentError{ExitFailure}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.Strict, "strict", false, "count warnings as errors")
	fl.BoolVarP(&opts.Quiet, "quiet", "q", false, "print only what fails the check (errors; warnings too with --strict), no summary")
	fl.StringVar(&opts.Base, "base", graph.DefaultBase, "base `IRI` of minted IRIs, as for export")
	fl.IntVarP(&opts.Jobs, "jobs", "j", 0, "reports parsed in parallel (default: number of CPUs)")
	return cmd
}
