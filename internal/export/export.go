// Package export runs the main job: many report files in, one RDF graph
// out. Each report is parsed and mapped on its own (in parallel, emitted in
// input order), a report that cannot be used is reported and skipped, and
// the output file is replaced atomically only when something was exported.
package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/graph/report"
	"github.com/pledgegraph/pledgegraph/internal/enrich"
	"github.com/pledgegraph/pledgegraph/internal/inputs"
	"github.com/pledgegraph/pledgegraph/internal/pipeline"
)

// Options configure a run. Streams are injected so the pipeline can be
// tested without a process.
type Options struct {
	// Inputs are files, directories and "-" (standard input); none means "-".
	Inputs []string
	// Output is the file to write; "" or "-" means Stdout.
	Output string
	// OutputName, if set, names Output in messages (a temporary file is
	// better called what it is for than by its path).
	OutputName string
	Format     graph.Format
	// Base is the base of minted IRIs; "" means graph.DefaultBase.
	Base string
	// Jobs is the number of reports parsed at once; 0 means GOMAXPROCS.
	Jobs int
	// Quiet drops warnings and the summary from Stderr (errors remain).
	Quiet bool
	// Verbose lists every reference and decision an endpoint fault left
	// unresolved or unenriched, besides the one line per cause.
	Verbose bool
	// Enrich, when set, resolves search URLs to Themis IRIs and adds what
	// the endpoint states about every cited decision.
	Enrich *enrich.Config
	// Observer, if set, follows the run: it may add triples to each report,
	// sees every exported report in order and can ask for more outputs
	// written in the same pass (see Observer).
	Observer Observer
	// NoSummary leaves out the summary line, for callers that print their
	// own; warnings and the enrichment summary are still printed.
	NoSummary bool

	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// Result counts what a run did.
type Result struct {
	// Inputs is how many inputs were named or found in directories,
	// including arguments that could not be used.
	Inputs int
	// Exported is how many went into the graph.
	Exported int
	// Skipped is how many could not be used (unreadable, not a report,
	// missing, an empty directory).
	Skipped int
	// Duplicates is how many reports repeated another's content exactly.
	Duplicates int
	Warnings   int
	// Triples is how many triples were written (shared ones once).
	Triples int
	// Enrichment is set when the run enriched (see Options.Enrich).
	Enrichment *EnrichSummary
}

// ErrNothingExported is returned when no report could be used; the output
// file, if any, is left untouched.
var ErrNothingExported = errors.New("nothing exported")

// readAhead is how many reports ahead of the workers the files are asked
// for (inputs.ReadAhead): enough to keep the disk busy, a few megabytes of
// page cache.
const readAhead = 128

// Run exports the reports of opts.Inputs. Problems with single reports are
// written to Stderr and counted in the Result; the returned error is for
// failures of the run as a whole (usage, output not writable, nothing
// exported, cancellation). With opts.Enrich, faults of the endpoint never
// cost the export: the graph is written from the reports, and what could not
// be asked is reported and flagged in Result.Enrichment.
func Run(ctx context.Context, opts Options) (Result, error) {
	var res Result
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

	// With enrichment, a first pass reads every report, so that the search
	// URLs of the whole corpus are resolved in a few batched requests and
	// the endpoint's triples are known before the first byte is written:
	// Turtle declares its prefixes up front.
	var enr *enricher
	var extra []rdf.Triple
	if opts.Enrich != nil {
		if enr, err = openEnricher(*opts.Enrich, base); err != nil {
			return res, err
		}
		if err := enr.run(ctx, list, builder, opts); err != nil {
			return res, err
		}
		builder = builder.WithResolved(enr.resolved)
		extra = enr.triples
	}

	out, err := openOutput(opts.Output, opts.Stdout)
	if err == nil && opts.OutputName != "" {
		out.name = opts.OutputName
	}
	if err != nil {
		return res, err
	}
	defer out.abort()
	prefixes := graph.Prefixes(base, extra)
	enc, err := graph.NewEncoder(out, opts.Format, prefixes)
	if err != nil {
		return res, err
	}
	var sinks []Sink
	if opts.Observer != nil {
		if sinks, err = opts.Observer.Start(Start{Base: base, Prefixes: prefixes, Enrichment: extra}); err != nil {
			return res, err
		}
	}
	seen := map[[32]byte]string{}
	// Serializing a report costs as much as parsing it: both run on the
	// workers, and only the writing in order is left to this goroutine.
	build := func(in inputs.Input) processed {
		p := process(in, builder)
		if p.err == nil && opts.Observer != nil {
			if p.prepared, p.err = opts.Observer.Prepare(p.graph, p.ev); p.err != nil {
				p.err = fmt.Errorf("%s: %w", in.Name, p.err)
			}
		}
		p.ev = nil // the observer has what it needs; keep the window small
		if p.err == nil {
			if p.rendered, p.err = enc.Render(p.graph); p.err != nil {
				p.err = fmt.Errorf("%s: %w", in.Name, p.err)
			}
		}
		for _, s := range sinks {
			if p.err != nil {
				break
			}
			var r *graph.Rendered
			if r, p.err = s.Encoder.Render(p.graph); p.err != nil {
				p.err = fmt.Errorf("%s: %s: %w", in.Name, s.Name, p.err)
			}
			p.sinks = append(p.sinks, r)
		}
		return p
	}
	err = pipeline.Ordered(ctx, inputs.ReadAhead(list.All(), readAhead), opts.Jobs, build, func(r processed) error {
		res.Inputs++
		if r.err != nil {
			fmt.Fprintln(opts.Stderr, r.err)
			res.Skipped++
			return nil
		}
		if first, dup := seen[r.digest]; dup {
			res.Duplicates++
			res.Warnings++
			if !opts.Quiet {
				fmt.Fprintf(opts.Stderr, "%s: warning: same content as %s; exported once\n", r.name, first)
			}
			return nil
		}
		seen[r.digest] = r.name
		for _, w := range r.warnings {
			res.Warnings++
			if !opts.Quiet {
				fmt.Fprintln(opts.Stderr, warningLine(w))
			}
		}
		res.Exported++
		res.Triples += len(r.graph.Own)
		if opts.Format == graph.NQuads {
			res.Triples += len(r.graph.Shared)
		}
		if err := enc.WriteRendered(r.rendered); err != nil {
			return fmt.Errorf("%s: %w", out.name, err)
		}
		for i, s := range sinks {
			if err := s.Encoder.WriteRendered(r.sinks[i]); err != nil {
				return fmt.Errorf("%s: %w", s.Name, err)
			}
		}
		if opts.Observer != nil {
			return opts.Observer.Report(r.graph, r.prepared)
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	if res.Exported == 0 {
		// Nothing was flushed yet (the encoders buffer far more than a
		// prefix block), so standard output stays empty too.
		return res, ErrNothingExported
	}
	if enr != nil {
		if err := enc.EncodeGraph(enr.graph, extra); err != nil {
			return res, fmt.Errorf("%s: %w", out.name, err)
		}
		for _, s := range sinks {
			if err := s.Encoder.EncodeGraph(enr.graph, extra); err != nil {
				return res, fmt.Errorf("%s: %w", s.Name, err)
			}
		}
		if opts.Format == graph.NQuads {
			res.Triples += len(extra)
		}
		res.Enrichment = &enr.summary
	}
	if opts.Format != graph.NQuads {
		res.Triples += enc.SharedLen()
	}
	if err := enc.Close(); err != nil {
		return res, fmt.Errorf("%s: %w", out.name, err)
	}
	for _, s := range sinks {
		if err := s.Encoder.Close(); err != nil {
			return res, fmt.Errorf("%s: %w", s.Name, err)
		}
	}
	if err := out.commit(); err != nil {
		return res, err
	}
	if !opts.Quiet && !opts.NoSummary {
		fmt.Fprintf(opts.Stderr, "exported %d of %d inputs (%d triples, %s) to %s%s\n", res.Exported, res.Inputs, res.Triples, opts.Format, out.name, res.Troubles())
	}
	if res.Enrichment != nil {
		// The enrichment summary is printed even with Quiet when it is
		// incomplete: the exit status alone would not say what is missing.
		if !opts.Quiet || res.Enrichment.Incomplete() {
			fmt.Fprintln(opts.Stderr, res.Enrichment)
		}
	}
	return res, nil
}

// Troubles ends a summary line: "; N skipped; M warnings", the parts
// that are not zero.
func (r Result) Troubles() string {
	var b strings.Builder
	if r.Skipped > 0 {
		fmt.Fprintf(&b, "; %d skipped", r.Skipped)
	}
	if r.Warnings > 0 {
		fmt.Fprintf(&b, "; %d warnings", r.Warnings)
	}
	return b.String()
}

// usageError marks a wrong call (exit status 2 in the CLI).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// Is makes errors.Is(err, ErrUsage) true.
func (e usageError) Is(target error) bool { return target == ErrUsage }

// unwrapPath drops the "open x:" prefix of a *fs.PathError, since messages
// already start with the file name.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func warningLine(w report.Warning) string {
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: warning: %s", w.File, w.Line, w.Msg)
	}
	return fmt.Sprintf("%s: warning: %s", w.File, w.Msg)
}

// processed is one report after parsing and mapping.
type processed struct {
	name     string
	digest   [32]byte
	graph    *graph.Report
	ev       *report.Evaluation // until the Observer prepared it
	rendered *graph.Rendered
	sinks    []*graph.Rendered // for the Observer's Sinks, in order
	prepared any               // what the Observer's Prepare returned
	warnings []report.Warning
	err      error
}

func process(in inputs.Input, b *graph.Builder) processed {
	ev, warnings, err := parseInput(in)
	if err != nil {
		return processed{name: in.Name, err: err}
	}
	g, more, err := b.Build(ev)
	if err != nil {
		return processed{name: in.Name, err: err}
	}
	return processed{name: in.Name, digest: ev.Digest, graph: g, ev: ev, warnings: append(warnings, more...)}
}

// parseInput reads and parses one input; errors name it (the inputs
// package's errors start with the name already).
func parseInput(in inputs.Input) (*report.Evaluation, []report.Warning, error) {
	src, err := in.Read()
	if err != nil {
		return nil, nil, err
	}
	return report.Parse(in.Name, src)
}

// ErrUsage marks errors in how the command was called (exit status 2).
var ErrUsage = inputs.ErrUsage

// StdinName is how standard input is named in messages.
const StdinName = inputs.StdinName
