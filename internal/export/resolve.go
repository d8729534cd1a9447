package export

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/pledgegraph/pledgegraph/internal/enrich"
	"github.com/pledgegraph/pledgegraph/internal/report"
)

// ListFormats are the formats of the resolve listing.
var ListFormats = []string{"table", "csv", "json"}

// ResolveOptions configure Resolve.
type ResolveOptions struct {
	Inputs []string
	// Format is table, csv or json.
	Format string
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

// Resolve lists every reference of the reports with what it resolves to.
func Resolve(ctx context.Context, opts ResolveOptions) (ResolveResult, error) {
	var res ResolveResult
	if !validListFormat(opts.Format) {
		return res, fmt.Errorf("%w: --format: unknown format %q (want one of %s)", ErrUsage, opts.Format, strings.Join(ListFormats, ", "))
	}
	e, client, err := enrich.Open(opts.Enrich)
	if err != nil {
		return res, fmt.Errorf("%w: %v", ErrUsage, err)
	}
	inputs, err := newInputList(opts.Inputs, opts.Stdin)
	if err != nil {
		return res, err
	}
	var refs []enrich.Reference
	parse := func(in input) processed {
		ev, _, err := parseInput(in)
		if err != nil {
			return processed{err: err}
		}
		return processed{name: in.name, refs: enrich.Collect([]*report.Evaluation{ev})}
	}
	err = pipeline(ctx, inputs.all(), opts.Jobs, parse, func(p processed) error {
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
	s.Endpoint = client.Endpoint()
	for _, r := range refs {
		s.count(r.Status)
	}
	s.Requests, s.Cached = client.Requests(), e.Stats().Cached
	if err := writeListing(opts.Stdout, opts.Format, refs); err != nil {
		return res, err
	}
	fmt.Fprintf(opts.Stderr, "%d references in %d files: %d Themis, %d resolved, %d unresolved, %d ambiguous, %d failed (%d requests, %d answers from cache)\n",
		len(refs), res.Files, s.Themis, s.Resolved, s.Unresolved, s.Ambiguous, s.FailedReferences, s.Requests, s.Cached)
	return res, nil
}

func validListFormat(f string) bool {
	for _, g := range ListFormats {
		if f == g {
			return true
		}
	}
	return false
}

// listed is one row of the listing.
type listed struct {
	File    string   `json:"file"`
	Line    int      `json:"line"`
	Ref     int      `json:"ref"`
	Status  string   `json:"status"`
	Date    string   `json:"date,omitempty"`
	Title   string   `json:"title,omitempty"`
	IRI     string   `json:"iri,omitempty"`
	URL     string   `json:"url,omitempty"`
	Matches []string `json:"matches,omitempty"`
	Error   string   `json:"error,omitempty"`
}

func listedOf(r enrich.Reference) listed {
	l := listed{File: r.File, Line: r.Line, Ref: r.Number, Status: r.Status.String(),
		Date: r.Date, Title: r.Title, URL: r.URL}
	if r.Status == enrich.StatusThemis || r.Status == enrich.StatusResolved {
		l.IRI = r.IRI
	}
	for _, m := range r.Matches {
		l.Matches = append(l.Matches, m.IRI)
	}
	if r.Err != nil {
		l.Error = r.Err.Error()
	}
	return l
}

func writeListing(w io.Writer, format string, refs []enrich.Reference) error {
	rows := make([]listed, len(refs))
	for i, r := range refs {
		rows[i] = listedOf(r)
	}
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if rows == nil {
			rows = []listed{}
		}
		return enc.Encode(rows)
	case "csv":
		cw := csv.NewWriter(w)
		_ = cw.Write([]string{"file", "line", "ref", "status", "date", "title", "iri", "url", "matches", "error"})
		for _, l := range rows {
			_ = cw.Write([]string{l.File, strconv.Itoa(l.Line), strconv.Itoa(l.Ref), l.Status, l.Date, l.Title,
				l.IRI, l.URL, strings.Join(l.Matches, " "), l.Error})
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FILE:LINE\tREF\tSTATUS\tDATE\tTITLE\tIRI")
	for _, l := range rows {
		detail := l.IRI
		switch {
		case len(l.Matches) > 0:
			detail = strings.Join(l.Matches, " ")
		case l.Error != "":
			detail = l.Error
		}
		fmt.Fprintf(tw, "%s:%d\t[%d]\t%s\t%s\t%s\t%s\n", l.File, l.Line, l.Ref, l.Status, l.Date, shorten(l.Title, 60), detail)
	}
	return tw.Flush()
}

// shorten cuts s to at most n runes, marking the cut.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
