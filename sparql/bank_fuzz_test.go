package sparql

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// bankFuzzTemplate has an optional parameter of every kind, in the places
// where they are rewritten differently (projection, GROUP BY, ORDER BY,
// FILTER, BIND, triple patterns, next to other tokens).
const bankFuzzTemplate = `#+ summary: every kind
#+ pagination: 7
PREFIX ex: <http://example.org/dt#>
SELECT ?__s ?e (STR(?__l_nl) AS ?label) WHERE {
  ?e ?p ?__s, ?__l_nl, ?__t_ex_custom, ?__x_xsd_string, ?__i_iri . # ?__s here is a comment
  ?e ?q ?__n_number, ?__b_boolean, ?__int_integer, ?__d_date, ?__dt_dateTime .
  FILTER(?e != "?__s" && STR(?e) != ?__s&&?__i_iri!=?e)
  BIND(CONCAT(?__s,?__l_nl)AS ?c)
  { SELECT ?e WHERE { ?e ?p ?__s } LIMIT 3 }
}
GROUP BY ?__s ?e ORDER BY ?__s LIMIT 10
`

// FuzzBind checks that no value can change the shape of a query: every
// bound query has the template's tokens with each bound parameter replaced
// by one term that decodes to the value. Values of the string kinds are
// accepted whatever they hold (if UTF-8); the others are accepted only when
// of their type. It also parses src as a query file: no input may panic,
// and binding every parameter of a query that parses to the value keeps the
// same invariants.
func FuzzBind(f *testing.F) {
	for _, v := range bankNasty {
		f.Add("SELECT ?_a ?e { ?e ?p ?_a FILTER(?e != ?__b_iri) }", v)
	}
	for _, src := range []string{bankSectionsRQ, bankFuzzTemplate,
		"#+ pagination: 3\n#+ defaults:\n#+   - x: 1\nASK { ?s ?p ?__x_integer } LIMIT 1 OFFSET 2",
		"PREFIX ex: <http://e/> DESCRIBE ?_x_iri",
		"#+ tags: [a, b\nSELECT * {}",
		"SELECT * { ?s ?p \"\"\"?_x\n\"\"\" # ?_y\n<http://x/?_z> ex:a\\?_w }",
		"SELECT {($_0@A)}",
	} {
		f.Add(src, "http://example.org/a")
		f.Add(src, "2021-06-18")
		f.Add(src, "42")
	}
	tmpl, err := ParseQuery("template.rq", []byte(bankFuzzTemplate))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src, value string) {
		for _, p := range tmpl.Params {
			values := map[string]string{p.Name: value}
			out, err := tmpl.Bind(values)
			anyString := p.Kind == ParamString || p.Kind == ParamLang ||
				p.Kind == ParamTyped && (p.Datatype == "http://example.org/dt#custom" || p.Datatype == bankXSDNS+"string")
			if err != nil {
				var pe *ParamError
				if !errors.As(err, &pe) || pe.Param != p.Name {
					t.Fatalf("%s=%q: error %v is not a *ParamError for the parameter", p.Name, value, err)
				}
				if anyString && utf8.ValidString(value) {
					t.Fatalf("%s=%q: refused: %v", p.Name, value, err)
				}
				continue
			}
			if !utf8.ValidString(value) {
				t.Fatalf("%s=%q: invalid UTF-8 accepted", p.Name, value)
			}
			if p.Kind == ParamIRI {
				if _, err := IRI(value); err != nil {
					t.Fatalf("%s=%q accepted, but IRI refuses it: %v", p.Name, value, err)
				}
			}
			if err := bankCheckBound(tmpl, values, 0, out); err != nil {
				t.Fatalf("%s=%q:\n%s\n%v", p.Name, value, out, err)
			}
			page, err := tmpl.BindPage(values, 3)
			if err != nil {
				t.Fatal(err)
			}
			if err := bankCheckBound(tmpl, values, 3, page); err != nil {
				t.Fatalf("%s=%q, page 3:\n%s\n%v", p.Name, value, page, err)
			}
		}

		// The tokenizer and StripComments agree on what is a comment.
		if a, b := bankSig(src), bankSig(StripComments(src)); !slices.Equal(a, b) {
			t.Fatalf("StripComments changes the tokens of %q:\n%v\n%v", src, a, b)
		}

		q, err := ParseQuery("fuzz.rq", []byte(src))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.rq:") {
				t.Fatalf("error without file and line: %v", err)
			}
			return
		}
		body := strings.TrimPrefix(src, "\uFEFF")
		if strings.Count(q.Body, "\n") != strings.Count(body, "\n") {
			t.Fatalf("Body has %d lines, the file %d", strings.Count(q.Body, "\n"), strings.Count(body, "\n"))
		}
		for _, w := range q.Warnings {
			if !strings.HasPrefix(w, "fuzz.rq:") {
				t.Fatalf("warning without file and line: %s", w)
			}
		}
		// Nothing given: the body unchanged, or an error (a required
		// parameter), or the defaults in place.
		out, err := q.Bind(nil)
		if err == nil {
			if err := bankCheckBound(q, nil, 0, out); err != nil {
				t.Fatalf("Bind(nil):\n%s\n%v", out, err)
			}
			defaults := false
			for _, p := range q.Params {
				defaults = defaults || p.HasDefault
			}
			if !defaults && out != q.Body {
				t.Fatalf("Bind(nil) changed the body:\n%q\n%q", q.Body, out)
			}
		} else if !errors.Is(err, ErrMissingParam) {
			t.Fatalf("Bind(nil): %v", err)
		}
		values := map[string]string{}
		for _, p := range q.Params {
			values[p.Name] = value
		}
		if out, err := q.Bind(values); err == nil {
			if err := bankCheckBound(q, values, 0, out); err != nil {
				t.Fatalf("Bind(%q):\n%s\n%v", values, out, err)
			}
		}
		if q.Pagination > 0 {
			if out, err := q.BindPage(values, 2); err == nil {
				if err := bankCheckBound(q, values, 2, out); err != nil {
					t.Fatalf("BindPage(%q, 2):\n%s\n%v", values, out, err)
				}
			}
		}
	})
}
