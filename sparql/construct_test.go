package sparql

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"

	"github.com/knakk/rdf"
)

const graphJSON = `{"head":{"vars":["s","p","o"]},"results":{"bindings":[
 {"s":{"type":"uri","value":"http://example.org/a"},"p":{"type":"uri","value":"http://example.org/p"},"o":{"type":"literal","value":"x \"y\"","xml:lang":"nl"}},
 {"s":{"type":"bnode","value":"b0"},"p":{"type":"uri","value":"http://example.org/p"},"o":{"type":"typed-literal","value":"3","datatype":"http://www.w3.org/2001/XMLSchema#integer"}},
 {"s":{"type":"uri","value":"http://example.org/a"},"p":{"type":"uri","value":"http://example.org/q"},"o":{"type":"bnode","value":"b0"}}]}}`

const graphNT = `<http://example.org/a> <http://example.org/p> "x \"y\""@nl .
_:b0 <http://example.org/p> "3"^^<http://www.w3.org/2001/XMLSchema#integer> .
<http://example.org/a> <http://example.org/q> _:b0 .
`

func ntSet(ts []rdf.Triple) string {
	var lines []string
	for _, t := range ts {
		lines = append(lines, strings.TrimSpace(t.Serialize(rdf.NTriples)))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// TestConstruct: the triples come out the same whether the endpoint answers
// JSON bindings s, p, o (Virtuoso asked as Themis's front door wants),
// N-Triples or Turtle, or first refuses JSON with 406.
func TestConstruct(t *testing.T) {
	want := ntSet(mustDecodeNT(t, graphNT))
	for _, tc := range []struct {
		name    string
		answers []func(w http.ResponseWriter, r *http.Request)
		asks    []string
	}{
		{"json", []func(http.ResponseWriter, *http.Request){reply("application/sparql-results+json", graphJSON)}, []string{"application/sparql-results+json"}},
		{"n-triples", []func(http.ResponseWriter, *http.Request){reply("application/n-triples", graphNT)}, []string{"application/sparql-results+json"}},
		{"turtle", []func(http.ResponseWriter, *http.Request){reply("text/turtle; charset=utf-8", "@prefix ex: <http://example.org/> .\n"+graphNT)}, []string{"application/sparql-results+json"}},
		{"406, then n-triples", []func(http.ResponseWriter, *http.Request){
			func(w http.ResponseWriter, r *http.Request) {
				http.Error(w, "Not Acceptable", http.StatusNotAcceptable)
			},
			reply("application/n-triples", graphNT),
		}, []string{"application/sparql-results+json", rdfAccept}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var asked []string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				asked = append(asked, r.Header.Get("Accept"))
				tc.answers[min(len(asked), len(tc.answers))-1](w, r)
			}))
			defer srv.Close()
			c := testClient(t, srv.URL+"/sparql", nil)
			g, err := c.Construct(context.Background(), "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
			if err != nil {
				t.Fatal(err)
			}
			if got := ntSet(g.Triples); got != want || g.Truncated {
				t.Errorf("triples:\n%s\nwant\n%s (truncated %v)", got, want, g.Truncated)
			}
			if strings.Join(asked, "|") != strings.Join(tc.asks, "|") {
				t.Errorf("Accept headers %q, want %q", asked, tc.asks)
			}
		})
	}
}

func TestConstructRefusals(t *testing.T) {
	for _, tc := range []struct {
		name, ct, body string
		want           string
	}{
		{"not s p o", "application/sparql-results+json", `{"head":{"vars":["x"]},"results":{"bindings":[]}}`, "variables s, p and o"},
		{"literal subject", "application/sparql-results+json", `{"head":{"vars":["s","p","o"]},"results":{"bindings":[{"s":{"type":"literal","value":"x"},"p":{"type":"uri","value":"http://e/p"},"o":{"type":"literal","value":"y"}}]}}`, "not an IRI or blank node"},
		{"html", "text/html", "<html>login</html>", "unexpected Content-Type"},
		{"broken n-triples", "application/n-triples", "<http://e/a> <http://e/p> .\n", "invalid application/n-triples"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(reply(tc.ct, tc.body)))
			defer srv.Close()
			_, err := testClient(t, srv.URL, func(o *Options) { o.Retries = -1 }).Construct(context.Background(), "CONSTRUCT WHERE { ?s ?p ?o }")
			e := asError(t, err)
			if !strings.Contains(e.Error(), tc.want) || e.Temporary() {
				t.Errorf("got %v, want an error with %q", err, tc.want)
			}
		})
	}
	// A capped answer says so.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-SPARQL-MaxRows", "3")
		reply("application/sparql-results+json", graphJSON)(w, r)
	}))
	defer srv.Close()
	g, err := testClient(t, srv.URL, nil).Construct(context.Background(), "CONSTRUCT WHERE { ?s ?p ?o }")
	if err != nil || !g.Truncated {
		t.Errorf("capped answer: %v, truncated %v", err, g != nil && g.Truncated)
	}
}

func reply(contentType, body string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Write([]byte(body))
	}
}

func mustDecodeNT(t *testing.T, s string) []rdf.Triple {
	t.Helper()
	ts, err := rdf.NewTripleDecoder(strings.NewReader(s), rdf.NTriples).DecodeAll()
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// TestIntegrationConstruct: Virtuoso answers a CONSTRUCT asked for JSON
// with bindings s, p, o, as the Themis front door needs.
func TestIntegrationConstruct(t *testing.T) {
	t.Parallel()
	c := liveClient(t, nil)
	q := themisPrefixes + `CONSTRUCT { ?item dct:title ?t } WHERE { GRAPH <` + fixtureGraph + `> { ?item a dossier:Stuk ; dct:title ?t } }`
	g, err := c.Construct(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	n := count(t, c, themisPrefixes+`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <`+fixtureGraph+`> { ?item a dossier:Stuk ; dct:title ?t } }`)
	if len(g.Triples) != n || n == 0 || g.Truncated {
		t.Fatalf("%d triples, COUNT says %d (truncated %v)", len(g.Triples), n, g.Truncated)
	}
	for _, tr := range g.Triples {
		if tr.Pred.String() != "http://purl.org/dc/terms/title" || tr.Obj.Type() != rdf.TermLiteral {
			t.Fatalf("triple %v", tr)
		}
	}
	var se *Error
	if _, err := c.Construct(context.Background(), "CONSTRUCT WHERE { ?s ?p }"); !errors.As(err, &se) || se.Status != 400 {
		t.Errorf("syntax error: %v", err)
	}
}

// TestDefaultGraphs: the protocol's default-graph-uri goes with every
// query, so a query sees only the graphs asked for.
func TestDefaultGraphs(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		got = r.Form["default-graph-uri"]
		reply("application/sparql-results+json", okJSON)(w, r)
	}))
	defer srv.Close()
	graphs := []string{"http://example.org/g1", "http://example.org/g2"}
	for _, get := range []bool{false, true} {
		c := testClient(t, srv.URL, func(o *Options) { o.DefaultGraphs, o.Get = graphs, get })
		if _, err := c.Select(context.Background(), "SELECT * WHERE { ?s ?p ?o }"); err != nil {
			t.Fatal(err)
		}
		if strings.Join(got, " ") != strings.Join(graphs, " ") {
			t.Errorf("get=%v: default-graph-uri %q, want %q", get, got, graphs)
		}
	}
	if _, err := New(Options{Endpoint: srv.URL, DefaultGraphs: []string{"relative"}}); err == nil {
		t.Error("a relative default graph was accepted")
	}
}
