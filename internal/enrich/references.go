package enrich

import (
	"context"
	"fmt"
	"strings"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph/report"
)

// Reference is one entry of a report's reference list with what became of
// it.
type Reference struct {
	File string
	report.Reference
	Resolution
}

// Message explains a reference that does not cite a Themis decision, for
// warnings ("" when it does).
func (r Reference) Message() string {
	switch r.Status {
	case StatusUnresolved:
		if r.Err != nil {
			return fmt.Sprintf("reference [%d]: search URL not resolved: %v", r.Number, r.Err)
		}
		return fmt.Sprintf("reference [%d]: no Themis decision titled %q on %s", r.Number, r.Title, r.dateText())
	case StatusAmbiguous:
		iris := make([]string, len(r.Matches))
		for i, c := range r.Matches {
			iris[i] = "<" + c.IRI + ">"
		}
		return fmt.Sprintf("reference [%d]: %d Themis decisions titled %q on %s (%s); none chosen",
			r.Number, len(r.Matches), r.Title, r.dateText(), strings.Join(iris, ", "))
	case StatusFailed:
		return fmt.Sprintf("reference [%d]: could not resolve search URL: %v", r.Number, r.Err)
	}
	return ""
}

func (r Reference) dateText() string {
	if r.Date == "" {
		return "an unknown date"
	}
	return r.Date
}

// Collect lists the references of parsed reports, in order.
func Collect(evs ...*report.Evaluation) []Reference {
	var out []Reference
	for _, ev := range evs {
		for _, ref := range ev.References {
			out = append(out, Reference{File: ev.File, Reference: ref})
		}
	}
	return out
}

// ResolveReferences fills in the Resolution of every reference: Themis IRIs
// as given, search URLs resolved (each distinct question asked once), other
// URLs left alone. It returns the search URLs that resolved, mapped to their
// decision, for graph.Builder.WithResolved.
func (e *Enricher) ResolveReferences(ctx context.Context, refs []Reference) (map[string]rdf.IRI, error) {
	queries := make([]SearchQuery, 0, len(refs))
	index := make([]int, len(refs))
	for i := range refs {
		index[i] = -1
		r := &refs[i]
		switch r.Kind {
		case report.RefThemis:
			r.Resolution = Resolution{Status: StatusThemis, IRI: r.URL}
		case report.RefSearch:
			q, err := SearchQueryOf(r.Reference)
			if err != nil {
				r.Resolution = Resolution{Status: StatusUnresolved, Err: err}
				continue
			}
			index[i] = len(queries)
			queries = append(queries, q)
		default:
			r.Resolution = Resolution{Status: StatusOther}
		}
	}
	answers, err := e.Resolve(ctx, queries)
	if err != nil {
		return nil, err
	}
	resolved := map[string]rdf.IRI{}
	for i := range refs {
		if index[i] < 0 {
			continue
		}
		r := &refs[i]
		r.Resolution = answers[queries[index[i]]]
		if r.Status != StatusResolved {
			continue
		}
		iri, err := rdf.NewIRI(r.IRI)
		if err != nil {
			r.Resolution = Resolution{Status: StatusFailed, Err: fmt.Errorf("endpoint gave an invalid IRI %q: %w", r.IRI, err)}
			continue
		}
		resolved[r.URL] = iri
	}
	return resolved, nil
}
