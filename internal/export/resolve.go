package export

import (
	"context"
	"fmt"
	"io"

	"github.com/pledgegraph/pledgegraph/internal/enrich"
	"github.com/pledgegraph/pledgegraph/internal/inputs"
	"github.com/pledgegraph/pledgegraph/internal/pipeline"
	"github.com/pledgegraph/pledgegraph/internal/table"
)

// ResolveOptions configure Resolve.
type ResolveOptions struct {
	Inputs []string
	Format table.Format
	Enrich enrich.Config
	Jobs   int

	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// ResolveResult counts what Resolve did.
type ResolveResult struct {
	Files, Skipped int
	Summary        EnrichSummary
}

// resolveColumns are the columns of the listing: one row per reference.
var resolveColumns = []table.Column{
	{Name: "file"},
	{Name: "line"},
	{Name: "ref"},
	{Name: "status"},
	{Name: "date", OmitEmpty: true},
	{Name: "title", OmitEmpty: true, MaxWidth: 60},
	{Name: "iri", OmitEmpty: true},
	{Name: "url", OmitEmpty: true, Wide: true},
	{Name: "matches", OmitEmpty: true},
	{Name: "error", OmitEmpty: true},
}

// Resolve lists every reference of the reports with what it resolves to.
// Endpoint faults are in the listing, row by row, and summed up on Stderr
// one line per cause.
func Resolve(ctx context.Context, opts ResolveOptions) (ResolveResult, error) {
	var res ResolveResult
	e, err := enrich.Open(opts.Enrich)
	if err != nil {
		return res, err
	}
	list, err := inputs.New(opts.Inputs, opts.Stdin)
	if err != nil {
		return res, err
	}
	type parsed struct {
		refs []enrich.Reference
		err  error
	}
	parse := func(in inputs.Input) parsed {
		ev, _, err := parseInput(in)
		if err != nil {
			return parsed{err: err}
		}
		return parsed{refs: enrich.Collect(ev)}
	}
	var refs []enrich.Reference
	err = pipeline.Ordered(ctx, inputs.ReadAhead(list.All(), readAhead), opts.Jobs, parse, func(p parsed) error {
		if p.err != nil {
			fmt.Fprintln(opts.Stderr, p.err)
			res.Skipped++
			return nil
		}
		res.Files++
		refs = append(refs, p.refs...)
		return nil
	})
	if err != nil {
		return res, err
	}
	if _, err := e.ResolveReferences(ctx, refs); err != nil {
		return res, err
	}
	s := &res.Summary
	s.Endpoint = opts.Enrich.Client.Endpoint()
	var f faults
	for _, r := range refs {
		s.count(r.Status)
		if r.Status == enrich.StatusFailed {
			f.add(r.Err, "", true)
		}
	}
	s.Requests, s.Cached = opts.Enrich.Client.Requests(), e.Stats().Cached
	w := table.NewWriter(opts.Stdout, opts.Format, resolveColumns)
	for _, r := range refs {
		iri := ""
		if r.Status == enrich.StatusThemis || r.Status == enrich.StatusResolved {
			iri = r.IRI
		}
		var matches []string
		for _, m := range r.Matches {
			matches = append(matches, m.IRI)
		}
		errText := ""
		if r.Err != nil {
			errText = r.Err.Error()
		}
		if err := w.Write(r.File, r.Line, r.Number, r.Status.String(), r.Date, r.Title, iri, r.URL, matches, errText); err != nil {
			return res, err
		}
	}
	if err := w.Close(); err != nil {
		return res, err
	}
	f.write(opts.Stderr, false)
	fmt.Fprintf(opts.Stderr, "%d %s in %d %s: %d Themis, %d resolved, %d unresolved, %d ambiguous, %d failed (%d %s, %d %s from cache)\n",
		len(refs), plural(len(refs), "reference", "references"), res.Files, plural(res.Files, "file", "files"),
		s.Themis, s.Resolved, s.Unresolved, s.Ambiguous, s.FailedReferences,
		s.Requests, plural(int(s.Requests), "request", "requests"), s.Cached, plural(int(s.Cached), "answer", "answers"))
	return res, nil
}
