package cli

import (
	"github.com/spf13/cobra"

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
reference, a reference never cited, a duplicate reference number, a bad date,
no section block. Errors: a file that cannot be read or is not a report.

Exit status 1 when any file has errors (with --strict: errors or warnings).`,
		Example: `  pledgegraph check examples/reports
  pledgegraph check --strict report.md`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && streams.IsStdinTTY() {
				return usageErrorf("no input: give report files or directories, or pipe a report into 'pledgegraph check -'")
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
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "count warnings as errors")
	return cmd
}
