// Package cli is the command-line interface: a thin cobra layer that parses
// flags into Options structs and calls library code with injected streams.
package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/pledgegraph/pledgegraph/internal/export"
	"github.com/pledgegraph/pledgegraph/internal/iostreams"
	"github.com/pledgegraph/pledgegraph/internal/query"
)

// Exit statuses, documented in the README and in `pledgegraph --help`.
const (
	ExitOK = 0
	// ExitFailure: some input could not be used, a check found errors, or
	// nothing could be exported. Everything usable was still processed.
	ExitFailure = 1
	// ExitUsage: the command was called wrongly (unknown flag, bad value).
	ExitUsage = 2
)

// silentError carries an exit status for a failure that has already been
// reported on stderr.
type silentError struct{ code int }

func (e silentError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// usageError marks a wrong call: it is printed with a hint and exits 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// Main runs the command line and returns the exit status. It stops work
// cleanly on SIGINT/SIGTERM: output files are then left untouched.
func Main(args []string, streams *iostreams.IOStreams) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, args, streams)
}

// Run is Main without signal handling, for tests.
func Run(ctx context.Context, args []string, streams *iostreams.IOStreams) int {
	root := NewRootCmd(streams)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return ExitOK
	}
	var silent silentError
	if errors.As(err, &silent) {
		return silent.code
	}
	fmt.Fprintf(streams.ErrOut, "pledgegraph: %v\n", err)
	var usage usageError
	if errors.As(err, &usage) || errors.Is(err, export.ErrUsage) || errors.Is(err, query.ErrUsage) || isFlagError(err) || strings.HasPrefix(err.Error(), "unknown command") {
		// Point at the help of the command that was called, which lists
		// its own flags; cobra returns the root for an unknown command.
		path := "pledgegraph"
		if cmd != nil {
			path = cmd.CommandPath()
		}
		fmt.Fprintf(streams.ErrOut, "Run '%s --help' for usage.\n", path)
		return ExitUsage
	}
	return ExitFailure
}

// isFlagError recognises the errors cobra returns for bad flags and
// arguments, which it does not type.
func isFlagError(err error) bool {
	var fe flagError
	return errors.As(err, &fe)
}

type flagError struct{ error }

func (e flagError) Unwrap() error { return e.error }

// NewRootCmd builds the command tree.
func NewRootCmd(streams *iostreams.IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "pledgegraph",
		Short: "Turn evaluation reports on the Flemish coalition agreement into a Themis-aligned RDF graph",
		Long: `pledgegraph turns evaluation reports (markdown, in Dutch) that judge how far the
Flemish government kept the promises of its coalition agreement 2019-2024 into an
RDF knowledge graph: agreement sections (the promises), evaluations, their
statements and the government decisions they cite, linked by their Themis URIs.

Exit status: 0 success; 1 some input could not be used, a check found errors,
or nothing was exported (everything usable was still processed); 2 wrong usage;
3 written, but enrichment or resolution incomplete because of endpoint faults
(each affected reference or decision is named on stderr).`,
		Version:       versionLine(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetIn(streams.In)
	root.SetOut(streams.Out)
	root.SetErr(streams.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return flagError{err} })
	root.AddCommand(
		newExportCmd(streams, nil),
		newPublishCmd(streams, nil),
		newCheckCmd(streams, nil),
		newResolveCmd(streams),
		newLoadCmd(streams, nil),
		newQueryCmd(streams),
		newVocabCmd(streams),
		newShapesCmd(streams),
		newVersionCmd(streams),
	)
	return root
}

// noArgs rejects positional arguments as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("%s takes no arguments, got %q", cmd.CommandPath(), args)
	}
	return nil
}
