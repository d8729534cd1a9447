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
	"iter"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/internal/atomicfile"
	"github.com/pledgegraph/pledgegraph/internal/enrich"
	"github.com/pledgegraph/pledgegraph/internal/report"
)

// Options configure a run. Streams are injected so the pipeline can be
// tested without a process.
type Options struct {
	// Inputs are files, directories and "-" (standard input); none means "-".
	Inputs []string
	// Output is the file to write; "" or "-" means Stdout.
	Output string
	Format graph.Format
	// Base is the base of minted IRIs; "" means graph.DefaultBase.
	Base string
	// Jobs is the number of reports parsed at once; 0 means GOMAXPROCS.
	Jobs int
	// Quiet drops warnings and the summary from Stderr (errors remain).
	Quiet bool
	// Enrich, when set, resolves search URLs to Themis IRIs and adds what
	// the endpoint states about every cited decision.
	Enrich *enrich.Config

	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// Result counts what a run did.
type Result struct {
	// Inputs is how many inputs were named or found in directories,
	// including arguments that do not exist.
	Inputs int
	// Exported is how many went into the graph.
	Exported int
	// Skipped is how many could not be used (unreadable, not a report), plus
	// arguments that do not exist.
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
		return res, fmt.Errorf("%w: --base: %v", ErrUsage, err)
	}
	var enr *enricher
	if opts.Enrich != nil {
		if enr, err = openEnricher(*opts.Enrich, base); err != nil {
			return res, fmt.Errorf("%w: %v", ErrUsage, err)
		}
	}
	inputs, err := newInputList(opts.Inputs, opts.Stdin)
	if err != nil {
		return res, err
	}

	if enr != nil {
		// The first pass only reads the references, so that every search
		// URL of the corpus is resolved in a few batched requests.
		if err := enr.resolve(ctx, inputs, opts); err != nil {
			return res, err
		}
		builder = builder.WithResolved(enr.resolved)
	}

	out, err := openOutput(opts)
	if err != nil {
		return res, err
	}
	defer out.abort()

	enc := graph.NewEncoder(out.body, opts.Format, base)
	seen := map[[32]byte]string{}
	build := func(in input) processed { return process(in, builder) }
	err = pipeline(ctx, inputs.all(), opts.Jobs, build, func(r processed) error {
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
		if enr != nil {
			enr.cite(r.graph.Decisions)
		}
		return enc.Encode(r.graph)
	})
	if err != nil {
		return res, err
	}
	if enr != nil && res.Exported > 0 {
		triples, err := enr.enrich(ctx, opts)
		if err != nil {
			return res, err
		}
		if err := enc.EncodeGraph(enr.graph, triples); err != nil {
			return res, fmt.Errorf("%s: %w", out.name, err)
		}
		if opts.Format == graph.NQuads {
			res.Triples += len(triples)
		}
		res.Enrichment = &enr.summary
	}
	if opts.Format != graph.NQuads {
		res.Triples += enc.SharedLen()
	}
	if err := enc.Close(); err != nil {
		return res, fmt.Errorf("%s: %w", out.name, err)
	}
	if res.Exported == 0 {
		return res, ErrNothingExported
	}
	if err := out.commit(enc.Header()); err != nil {
		return res, err
	}
	if !opts.Quiet {
		fmt.Fprintf(opts.Stderr, "exported %d of %d inputs (%d triples, %s) to %s", res.Exported, res.Inputs, res.Triples, opts.Format, out.name)
		if res.Skipped > 0 {
			fmt.Fprintf(opts.Stderr, "; %d skipped", res.Skipped)
		}
		if res.Warnings > 0 {
			fmt.Fprintf(opts.Stderr, "; %d warnings", res.Warnings)
		}
		fmt.Fprintln(opts.Stderr)
	}
	if res.Enrichment != nil {
		// The enrichment summary is printed even with --quiet when it is
		// incomplete: the exit status alone would not say what is missing.
		if !opts.Quiet || res.Enrichment.Incomplete() {
			fmt.Fprintln(opts.Stderr, res.Enrichment)
		}
	}
	return res, nil
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
	warnings []report.Warning
	err      error
	// refs are the report's references, in the resolution pass.
	refs []enrich.Reference
}

func process(in input, b *graph.Builder) processed {
	ev, warnings, err := parseInput(in)
	if err != nil {
		return processed{name: in.name, err: err}
	}
	g, more, err := b.Build(ev)
	if err != nil {
		return processed{name: in.name, err: err}
	}
	return processed{name: in.name, digest: ev.Digest, graph: g, warnings: append(warnings, more...)}
}

func parseInput(in input) (*report.Evaluation, []report.Warning, error) {
	src, err := in.read()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", in.name, unwrapPath(err))
	}
	return report.Parse(in.name, src)
}

// pipeline parses and maps reports on several goroutines and hands them to
// emit in input order. Inputs are taken from the walk only as the window of
// reports in flight allows, so memory does not grow with the corpus. Inputs
// that carry an error reach emit as such.
func pipeline(ctx context.Context, inputs iter.Seq[input], jobs int, work func(input) processed, emit func(processed) error) error {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// Report i comes back through slot i mod the window size: a slot is
	// free again once the report window places before it was emitted.
	inFlight := 4 * jobs
	results := make([]chan processed, inFlight)
	for i := range results {
		results[i] = make(chan processed, 1)
	}
	window := make(chan struct{}, inFlight)
	type job struct {
		i  int
		in input
	}
	next := make(chan job)
	total := make(chan int, 1) // how many inputs the walk gave, once it is done
	go func() {
		defer close(next)
		n := 0
		defer func() { total <- n }()
		for in := range inputs {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case next <- job{n, in}:
				n++
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				if j.in.err != nil {
					results[j.i%inFlight] <- processed{name: j.in.name, err: j.in.err}
					continue
				}
				results[j.i%inFlight] <- work(j.in)
			}
		}()
	}
	defer wg.Wait()
	n := -1
	for i := 0; n < 0 || i < n; {
		select {
		case r := <-results[i%inFlight]:
			<-window
			i++
			if err := emit(r); err != nil {
				return err
			}
		case n = <-total:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// output is where the graph goes. Turtle needs its prefix block first, and
// which prefixes are used is known only at the end, so its body is spilled to
// a temporary file and copied behind the header; the line formats go straight
// to their (temporary) file or to Stdout.
type output struct {
	name   string
	body   io.Writer
	spill  *os.File
	file   *atomicfile.File
	stdout io.Writer
	done   bool
}

func openOutput(opts Options) (*output, error) {
	o := &output{name: opts.Output}
	toStdout := opts.Output == "" || opts.Output == "-"
	if toStdout {
		o.name = "standard output"
		o.stdout = opts.Stdout
	} else {
		f, err := atomicfile.Create(opts.Output)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot write output: %w", opts.Output, unwrapPath(err))
		}
		o.file = f
	}
	if opts.Format == graph.Turtle {
		dir := os.TempDir()
		if !toStdout {
			dir = filepath.Dir(opts.Output)
		}
		spill, err := os.CreateTemp(dir, ".pledgegraph-body-*")
		if err != nil {
			o.abort()
			return nil, fmt.Errorf("%s: cannot create temporary file: %w", dir, unwrapPath(err))
		}
		o.spill, o.body = spill, spill
		return o, nil
	}
	if toStdout {
		o.body = opts.Stdout
	} else {
		o.body = o.file
	}
	return o, nil
}

func (o *output) commit(header []byte) error {
	dst := o.stdout
	if o.file != nil {
		dst = o.file
	}
	if o.spill != nil {
		if _, err := dst.Write(header); err != nil {
			return fmt.Errorf("%s: %w", o.name, err)
		}
		if _, err := o.spill.Seek(0, io.SeekStart); err != nil {
			return fmt.Errorf("%s: %w", o.spill.Name(), err)
		}
		if _, err := io.Copy(dst, o.spill); err != nil {
			return fmt.Errorf("%s: %w", o.name, err)
		}
	}
	if o.file != nil {
		if err := o.file.Commit(); err != nil {
			return err
		}
	}
	o.done = true
	o.removeSpill()
	return nil
}

func (o *output) abort() {
	if o.file != nil && !o.done {
		o.file.Abort()
	}
	o.removeSpill()
}

func (o *output) removeSpill() {
	if o.spill != nil {
		o.spill.Close()
		os.Remove(o.spill.Name())
		o.spill = nil
	}
}
