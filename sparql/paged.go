package sparql

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/knakk/rdf"
)

const (
	// DefaultPageSize is the number of keys per page when Paged.PageSize is 0.
	DefaultPageSize = 1000
	// MaxPageSize caps Paged.PageSize at Virtuoso's default MaxSortedTopRows
	// (10000): a sorted LIMIT above it fails with SR353 (Themis allows
	// 25000, an unknown endpoint may allow no more than the default).
	MaxPageSize = 10000
)

// Paged describes a SELECT to be fetched in pages (SelectAll).
type Paged struct {
	Prefixes string // PREFIX lines (may be "")
	Select   string // projection, e.g. "?item ?title"; must include ?Key
	Where    string // group graph pattern body without the outer braces; must bind ?Key in every solution
	Key      string // variable name without '?', e.g. "item"
	// PageSize is the number of keys per page; 0 means DefaultPageSize. It
	// is capped at MaxPageSize and below Options.MaxRows, and is at least 2.
	PageSize int
}

// SelectAll runs p page by page and returns all rows, so that a result
// larger than the server's row cap (ResultSetMaxRows: Virtuoso silently cuts
// at it) arrives complete, without ORDER BY + OFFSET (which Virtuoso refuses
// beyond MaxSortedTopRows with SR353). Each page is keyset-paged:
//
//	SELECT <Select> WHERE {
//	  { SELECT DISTINCT ?<Key> WHERE { <Where> FILTER(STR(?<Key>) > <last key>) }
//	    ORDER BY STR(?<Key>) LIMIT <PageSize> }
//	  <Where>
//	}
//
// so all rows of a key come in the same page, and a page with fewer than
// PageSize keys is the last. A page the server marks as truncated is an
// error (errors.Is(err, ErrTruncated)), never silently partial data.
//
// The keys must be all IRIs or all literals. The bound is STR(<last>) for
// IRIs but the plain string "last" for literals: Virtuoso 7.2.5 compares
// STR(?iri) with a string literal wrongly once non-ASCII characters are
// involved (STR(<http://x/é>) = "http://x/é" is false), and STR(?literal)
// with STR("…") just as wrongly; each form above is right (tested). Distinct
// literal keys can share a lexical form ("x"@nl, "x"@en), so for literal
// keys the bound is inclusive (>=) and the keys of earlier pages are dropped
// when they come again; more than PageSize keys with one lexical form is an
// error. Where must be deterministic: the pattern is evaluated twice per
// page.
//
// Invalid arguments give a plain error; failures of a page are *Error.
func (c *Client) SelectAll(ctx context.Context, p Paged) (*Results, error) {
	if !validVarName(p.Key) {
		return nil, fmt.Errorf("paging key %s is not a variable name (give it without '?')", quote(p.Key))
	}
	if strings.TrimSpace(p.Select) == "" || strings.TrimSpace(p.Where) == "" {
		return nil, errors.New("a paged query needs a projection and a pattern")
	}
	n := p.PageSize
	switch {
	case n < 0:
		return nil, fmt.Errorf("negative page size %d", n)
	case n == 0:
		n = DefaultPageSize
	}
	n = min(n, MaxPageSize)
	if c.maxRows > 0 && n >= c.maxRows {
		n = c.maxRows - 1 // a page of MaxRows one-row keys would look truncated
	}
	n = max(n, 2)

	out := &Results{Solutions: []map[string]rdf.Term{}}
	seen := map[string]bool{} // keys of earlier pages
	var bound *pageBound      // the last key so far; nil before the first page
	var iriKeys *bool         // the kind of key, once one was seen
	for page := 1; ; page++ {
		res, err := c.Select(ctx, pageQuery(p, n, bound))
		if err != nil {
			return nil, err
		}
		fail := func(cause error) (*Results, error) {
			msg := fmt.Sprintf("paged query, page %d: %v", page, cause)
			return nil, &Error{Endpoint: c.endpoint, Status: http.StatusOK, Message: msg, Attempts: 1, Err: &bodyError{err: cause}}
		}
		if res.Truncated {
			return fail(fmt.Errorf("%w (%d rows); ask for smaller pages", ErrTruncated, len(res.Solutions)))
		}
		if page == 1 {
			out.Vars = res.Vars
			if !contains(res.Vars, p.Key) {
				return fail(fmt.Errorf("the projection %q does not include ?%s", p.Select, p.Key))
			}
		}
		pageKeys := map[string]bool{}
		next := bound
		for _, sol := range res.Solutions {
			t, ok := sol[p.Key]
			if !ok {
				return fail(fmt.Errorf("a row without ?%s: the pattern must bind it in every solution", p.Key))
			}
			kb, err := boundOf(t)
			if err != nil {
				return fail(fmt.Errorf("?%s: %w", p.Key, err))
			}
			if iriKeys == nil {
				iriKeys = &kb.iri
			} else if *iriKeys != kb.iri {
				return fail(fmt.Errorf("?%s binds both IRIs and literals; keyset paging needs one kind", p.Key))
			}
			if bound != nil && (kb.str < bound.str || kb.iri && kb.str == bound.str) {
				return fail(fmt.Errorf("key %s does not sort after the previous page's last key %s: the endpoint's order differs from code point order",
					quote(kb.str), quote(bound.str)))
			}
			id := termID(t)
			pageKeys[id] = true
			if seen[id] {
				if kb.iri || kb.str != bound.str {
					return fail(fmt.Errorf("key %s came again", quote(kb.str)))
				}
				continue // a literal key at the inclusive bound, delivered before
			}
			out.Solutions = append(out.Solutions, sol)
			if next == nil || kb.str > next.str {
				next = &kb
			}
		}
		fresh := 0
		for id := range pageKeys {
			if !seen[id] {
				fresh++
				seen[id] = true
			}
		}
		if len(pageKeys) < n {
			return out, nil
		}
		if fresh == 0 {
			return fail(fmt.Errorf("more than %d keys share the lexical form %s; ask for larger pages", n, quote(bound.str)))
		}
		bound = next
	}
}

// pageBound is the last key of a page: its STR() and whether it is an IRI.
type pageBound struct {
	str string
	iri bool
}

func boundOf(t rdf.Term) (pageBound, error) {
	switch t.Type() {
	case rdf.TermIRI:
		if err := checkIRI(t.String()); err != nil {
			return pageBound{}, err
		}
		return pageBound{str: t.String(), iri: true}, nil
	case rdf.TermLiteral:
		return pageBound{str: t.String()}, nil
	}
	return pageBound{}, fmt.Errorf("blank node %s cannot be a paging key (STR() of a blank node is an error)", t.String())
}

// termID identifies a term exactly (kind, value, language, datatype).
func termID(t rdf.Term) string {
	if l, ok := t.(rdf.Literal); ok {
		return "L" + l.Lang() + "\x00" + l.DataType.String() + "\x00" + l.String()
	}
	return strconv.Itoa(int(t.Type())) + t.String()
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// pageQuery builds one page. Every inserted fragment ends its line, so a
// trailing "# comment" in it cannot swallow what follows.
func pageQuery(p Paged, n int, b *pageBound) string {
	var q strings.Builder
	if strings.TrimSpace(p.Prefixes) != "" {
		q.WriteString(p.Prefixes)
		q.WriteString("\n")
	}
	key := "?" + p.Key
	fmt.Fprintf(&q, "SELECT %s\nWHERE {\n  {\n    SELECT DISTINCT %s WHERE {\n", p.Select, key)
	q.WriteString(p.Where)
	q.WriteString("\n")
	if b != nil {
		if b.iri {
			fmt.Fprintf(&q, "      FILTER(STR(%s) > STR(<%s>))\n", key, b.str)
		} else {
			fmt.Fprintf(&q, "      FILTER(STR(%s) >= %s)\n", key, String(b.str))
		}
	}
	fmt.Fprintf(&q, "    }\n    ORDER BY STR(%s)\n    LIMIT %d\n  }\n", key, n)
	q.WriteString(p.Where)
	q.WriteString("\n}\n")
	return q.String()
}
