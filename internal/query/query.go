// Package query runs stored queries (see internal/bank and sparql.Query)
// against an endpoint and writes what they answer: the rows of a SELECT or
// the answer of an ASK as a table, CSV, TSV or SPARQL results JSON, the
// triples of a CONSTRUCT or DESCRIBE as Turtle or N-Triples, written by the
// project's own writers.
package query

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/graph/turtle"
	"github.com/pledgegraph/pledgegraph/internal/bank"
	"github.com/pledgegraph/pledgegraph/internal/table"
	"github.com/pledgegraph/pledgegraph/sparql"
)

// ErrUsage marks errors in how the query was asked for (exit status 2):
// a format that does not fit the query's form, an unknown query.
var ErrUsage = errors.New("usage")

type usageError struct{ msg string }

func (e usageError) Error() string        { return e.msg }
func (e usageError) Is(target error) bool { return target == ErrUsage }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// Formats of the answers: rows (SELECT, ASK) and graphs (CONSTRUCT, DESCRIBE).
var (
	RowFormats   = []string{"table", "csv", "tsv", "json"}
	GraphFormats = []string{"turtle", "ntriples"}
)

// DefaultFormat is the format when none is asked for: a table on a
// terminal and CSV otherwise for rows, Turtle for graphs.
func DefaultFormat(q *sparql.Query, terminal bool) string {
	if isGraph(q) {
		return "turtle"
	}
	return table.Default(terminal).String()
}

func isGraph(q *sparql.Query) bool { return q.Form == "CONSTRUCT" || q.Form == "DESCRIBE" }

// Options configure Run.
type Options struct {
	Query *sparql.Query
	// Values are the parameters by name (grlc's: "section" for ?_section).
	Values map[string]string
	// Page picks one page (1-based) of a query with the pagination
	// decorator; 0 asks for every page, one request each.
	Page   int
	Client *sparql.Client
	// Format is one of RowFormats or GraphFormats, fitting the query's form.
	Format string
	Stdout io.Writer
}

// Result says what a run answered.
type Result struct {
	Rows, Triples, Pages int
	// Truncated: the endpoint said the answer may be cut (its row cap, or
	// its time limit), so what was written may be incomplete.
	Truncated bool
}

// Run binds the query's parameters, asks the endpoint and writes the
// answer. A *sparql.ParamError and ErrUsage are the caller's mistakes.
func Run(ctx context.Context, opts Options) (Result, error) {
	q := opts.Query
	var res Result
	if err := checkFormat(q, opts.Format); err != nil {
		return res, err
	}
	if opts.Page < 0 || opts.Page > 0 && q.Pagination == 0 {
		return res, usagef("--page needs a query with the pagination decorator (#+ pagination: N), and pages count from 1")
	}
	switch q.Form {
	case "ASK":
		text, err := q.Bind(opts.Values)
		if err != nil {
			return res, err
		}
		answer, err := opts.Client.Ask(ctx, text)
		if err != nil {
			return res, err
		}
		res.Rows = 1
		return res, table.WriteBoolean(opts.Stdout, rowFormat(opts.Format), answer)
	case "CONSTRUCT", "DESCRIBE":
		text, err := q.Bind(opts.Values)
		if err != nil {
			return res, err
		}
		g, err := opts.Client.Construct(ctx, text)
		if err != nil {
			return res, err
		}
		res.Triples, res.Truncated, res.Pages = len(g.Triples), g.Truncated, 1
		return res, writeGraph(opts.Stdout, opts.Format, g.Triples)
	}
	return selectRows(ctx, opts)
}

// selectRows runs a SELECT, page by page when the query is paginated and
// no single page was asked for, writing the rows as they come.
func selectRows(ctx context.Context, opts Options) (Result, error) {
	q := opts.Query
	var res Result
	var w *table.Writer
	for page := max(opts.Page, 1); ; page++ {
		text, err := bindPage(q, opts.Values, page)
		if err != nil {
			return res, err
		}
		r, err := opts.Client.Select(ctx, text)
		if err != nil {
			return res, err
		}
		if w == nil {
			cols := make([]table.Column, len(r.Vars))
			for i, v := range r.Vars {
				cols[i] = table.Column{Name: v, MaxWidth: 80}
			}
			w = table.NewWriter(opts.Stdout, rowFormat(opts.Format), cols)
		}
		for _, sol := range r.Solutions {
			values := make([]any, len(r.Vars))
			for i, v := range r.Vars {
				if t, ok := sol[v]; ok {
					values[i] = t
				}
			}
			if err := w.Write(values...); err != nil {
				return res, err
			}
		}
		res.Rows += len(r.Solutions)
		res.Pages++
		res.Truncated = res.Truncated || r.Truncated
		// One page was asked for, the query is not paginated, the page was
		// the last (short), or the endpoint cut it (paging on would skip
		// what it cut).
		if opts.Page > 0 || q.Pagination == 0 || len(r.Solutions) < q.Pagination || r.Truncated {
			break
		}
	}
	return res, w.Close()
}

func bindPage(q *sparql.Query, values map[string]string, page int) (string, error) {
	if q.Pagination == 0 {
		return q.Bind(values)
	}
	return q.BindPage(values, page)
}

func checkFormat(q *sparql.Query, format string) error {
	want := RowFormats
	if isGraph(q) {
		want = GraphFormats
	}
	for _, f := range want {
		if f == format {
			return nil
		}
	}
	return usagef("--format %s does not fit a %s query (want %s)", format, q.Form, strings.Join(want, ", "))
}

func rowFormat(name string) table.Format {
	if name == "json" {
		return table.ResultsJSON
	}
	f, _ := table.ParseFormat(name) // checked by checkFormat
	return f
}

// writeGraph writes triples sorted (subjects grouped, the same order as the
// export's shared triples), so the same answer gives the same bytes.
func writeGraph(w io.Writer, format string, triples []rdf.Triple) error {
	sorted := append([]rdf.Triple(nil), triples...)
	graph.Sort(sorted)
	if format == "ntriples" {
		var b strings.Builder
		for _, t := range sorted {
			b.WriteString(t.Serialize(rdf.NTriples))
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	return turtle.EncodeAll(w, graph.Prefixes(graph.DefaultBase, sorted), sorted)
}

// List writes the queries of a bank: name, target (store, or the endpoint
// of its own), parameters and summary.
func List(w io.Writer, b *sparql.Bank, f table.Format) error {
	tw := table.NewWriter(w, f, []table.Column{
		{Name: "name"}, {Name: "target"}, {Name: "parameters", OmitEmpty: true}, {Name: "summary", OmitEmpty: true, MaxWidth: 70},
	})
	for _, name := range b.Names() {
		q, _ := b.Get(name)
		target := "store"
		if !bank.IsStore(q) {
			target = q.Endpoint
		}
		if err := tw.Write(name, target, ParamsText(q), q.Summary); err != nil {
			return err
		}
	}
	return tw.Close()
}

// ParamsText describes a query's parameters on one line: "section",
// "from=2019-10-02 to=2024-09-30" (defaults), "keyword [from] [to]"
// (optional ones in brackets).
func ParamsText(q *sparql.Query) string {
	var parts []string
	for _, p := range q.Params {
		s := p.Name
		if p.HasDefault {
			s += "=" + p.Default
		}
		if !p.Required {
			s = "[" + s + "]"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}
