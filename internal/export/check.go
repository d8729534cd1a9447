package export

import (
	"context"
	"fmt"
	"io"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/internal/inputs"
	"github.com/pledgegraph/pledgegraph/internal/pipeline"
)

// CheckOptions configure a check run.
type CheckOptions struct {
	Inputs []string
	// Strict counts warnings as errors.
	Strict bool
	// Quiet prints only what fails the check: errors, and warnings when
	// Strict; no summary.
	Quiet bool
	Base  string
	Jobs  int
	Stdin io.Reader
	// Out receives one line per problem and a summary.
	Out io.Writer
}

// CheckResult counts what a check found.
type CheckResult struct {
	Files        int
	OK           int
	WithWarnings int
	Errors       int
	Warnings     int
}

// Failed tells whether the check should fail the command.
func (r CheckResult) Failed(strict bool) bool {
	return r.Errors > 0 || strict && r.Warnings > 0
}

// Check parses and maps every report without writing a graph, and prints
// every warning and error with file and line, then a summary.
func Check(ctx context.Context, opts CheckOptions) (CheckResult, error) {
	var res CheckResult
	base := opts.Base
	if base == "" {
		base = graph.DefaultBase
	}
	builder, err := graph.NewBuilder(base)
	if err != nil {
		return res, usageError{err}
	}
	list, err := inputs.New(opts.Inputs, opts.Stdin)
	if err != nil {
		return res, err
	}
	build := func(in inputs.Input) processed { return process(in, builder) }
	err = pipeline.Ordered(ctx, inputs.ReadAhead(list.All(), readAhead), opts.Jobs, build, func(r processed) error {
		res.Files++
		if r.err != nil {
			res.Errors++
			fmt.Fprintf(opts.Out, "%v\n", r.err)
			return nil
		}
		if !opts.Quiet || opts.Strict {
			for _, w := range r.warnings {
				fmt.Fprintln(opts.Out, warningLine(w))
			}
		}
		res.Warnings += len(r.warnings)
		if len(r.warnings) > 0 {
			res.WithWarnings++
		} else {
			res.OK++
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	if opts.Quiet {
		return res, nil
	}
	fmt.Fprintf(opts.Out, "checked %d %s: %d ok, %d with warnings, %d %s (%d %s)\n",
		res.Files, plural(res.Files, "file", "files"), res.OK, res.WithWarnings,
		res.Errors, plural(res.Errors, "error", "errors"), res.Warnings, plural(res.Warnings, "warning", "warnings"))
	return res, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
