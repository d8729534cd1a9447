package load

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/internal/testtool"
	"github.com/pledgegraph/pledgegraph/sparql"
)

// The integration tests load into the test Virtuoso that scripts/test.sh
// starts: its Graph Store endpoint is /sparql-graph-crud-auth and its
// update endpoint /sparql-auth, both with digest dba/dba. Each test uses
// graphs of its own under testBase (example.org terms only, which no other
// test queries) and drops them when it ends.

const testBase = "http://example.org/pledgegraph/test/load/"

// virtuoso is the test Virtuoso's endpoints.
type virtuoso struct {
	query, graphStore, update string
}

func liveVirtuoso(t *testing.T) virtuoso {
	t.Helper()
	endpoint := testtool.Endpoint(t)
	q, u, ok := VirtuosoEndpoints(strings.TrimSuffix(endpoint, "/sparql") + "/sparql-graph-crud-auth")
	if !ok || q != endpoint {
		t.Fatalf("cannot derive the Graph Store endpoint from %s", endpoint)
	}
	return virtuoso{query: q, graphStore: strings.TrimSuffix(endpoint, "/sparql") + "/sparql-graph-crud-auth", update: u}
}

func (v virtuoso) digest(t *testing.T, endpoint string, retries int) *sparql.Client {
	return client(t, endpoint, func(o *sparql.Options) {
		o.User, o.Password, o.Auth, o.Retries = "dba", "dba", sparql.AuthDigest, retries
	})
}

// options loads text into graphs under testBase, dropped when the test ends.
func (v virtuoso) options(t *testing.T, f graph.Format, text string, graphs ...string) Options {
	t.Helper()
	upd := v.digest(t, v.update, -1)
	t.Cleanup(func() {
		var ops []string
		for _, g := range graphs {
			ops = append(ops, "DROP SILENT GRAPH <"+g+">")
		}
		if err := update(context.Background(), upd, ops); err != nil {
			t.Errorf("cleanup: %v", err)
		}
	})
	return Options{
		Sources:    []Source{{Name: "in" + f.Extension(), Format: f, R: strings.NewReader(text)}},
		Graph:      graphs[0],
		GraphStore: v.digest(t, v.graphStore, 0),
		Query:      client(t, v.query, nil),
		Update:     upd,
		TempDir:    t.TempDir(),
	}
}

// count asks the store for one number.
func (v virtuoso) count(t *testing.T, query string) int {
	t.Helper()
	res, err := client(t, v.query, nil).Select(context.Background(), query)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Solutions) != 1 || res.Solutions[0]["n"] == nil {
		t.Fatalf("%s: %v", query, res.Solutions)
	}
	n, err := strconv.Atoi(res.Solutions[0]["n"].String())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (v virtuoso) size(t *testing.T, g string) int {
	return v.count(t, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <"+g+"> { ?s ?p ?o } }")
}

func TestIntegrationFormats(t *testing.T) {
	v := liveVirtuoso(t)
	g, g1, g2 := testBase+"formats", testBase+"formats-1", testBase+"formats-2"
	tests := []struct {
		name   string
		format graph.Format
		doc    string
		want   map[string]int
	}{
		{"Turtle", graph.Turtle, `@prefix ex: <http://example.org/pledgegraph/test/> .
@prefix : <http://example.org/pledgegraph/test/default/> .
ex:s ex:p "Visienota 'X' \"Y\" é"@nl , "<html>kop</html>" ; ex:q 7, 2.5, true ;
  ex:r [ ex:p "blank" ] , ( ex:a ex:b ) .
:x :y """twee
regels""" .
`, map[string]int{g: 13}},
		{"N-Triples, many pieces", graph.NTriples, ntriples(50, "nt") + ntriples(10, "nt"), map[string]int{g: 50}},
		{"N-Quads", graph.NQuads, fmt.Sprintf(`<http://e.org/s> <http://e.org/p> "1" <%[1]s> .
<http://e.org/s> <http://e.org/p> "2" <%[2]s> .
<http://e.org/s> <http://e.org/p> "3" <%[1]s> .
_:a <http://e.org/p> _:b <%[2]s> .
<http://e.org/s> <http://e.org/p> "default" .
`, g1, g2), map[string]int{g: 1, g1: 2, g2: 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := v.options(t, tc.format, tc.doc, g, g1, g2)
			opts.PieceSize = 7
			res, err := Run(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Graphs) != len(tc.want) {
				t.Errorf("graphs %+v", res.Graphs)
			}
			for _, gr := range res.Graphs {
				if n := v.size(t, gr.IRI); n != tc.want[gr.IRI] || gr.After != n || gr.Sent != n {
					t.Errorf("<%s>: %d in the store, result %+v, want %d", gr.IRI, n, gr, tc.want[gr.IRI])
				}
			}
		})
	}
}

// TestIntegrationLiterals: what was sent reads back unchanged, the
// escaped '<' and non-ASCII text included.
func TestIntegrationLiterals(t *testing.T) {
	v := liveVirtuoso(t)
	g := testBase + "literals"
	const title = `<html>Visienota 'X' "Y" \ é 😀 €</html>`
	doc := "<http://e.org/s> <http://e.org/p> " + sparql.String(title) + "@NL .\n"
	if _, err := Run(context.Background(), v.options(t, graph.NTriples, doc, g)); err != nil {
		t.Fatal(err)
	}
	res, err := client(t, v.query, nil).Select(context.Background(), "SELECT ?o WHERE { GRAPH <"+g+"> { ?s ?p ?o } }")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Solutions) != 1 || res.Solutions[0]["o"].String() != title {
		t.Errorf("read back %v, want %q", res.Solutions, title)
	}
}

// TestIntegrationBlankNodesAcrossPieces: a chain of blank nodes longer
// than a piece stays one chain in the store.
func TestIntegrationBlankNodesAcrossPieces(t *testing.T) {
	v := liveVirtuoso(t)
	g := testBase + "blank"
	var b strings.Builder
	b.WriteString("<http://e.org/head> <http://e.org/next> _:n0 .\n")
	for i := 19; i > 0; i-- { // backwards: the chain is rebuilt, not read in order
		fmt.Fprintf(&b, "_:n%d <http://e.org/next> _:n%d .\n<http://e.org/g%d> <http://e.org/p> \"ground\" .\n", i-1, i, i)
	}
	opts := v.options(t, graph.NTriples, b.String(), g)
	opts.PieceSize = 3
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if n := v.count(t, "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH <"+g+"> { <http://e.org/head> <http://e.org/next>+ ?x } }"); n != 20 {
		t.Errorf("%d nodes reachable from the head, want 20", n)
	}
	if gr := res.Graphs[0]; gr.After != 39 || res.Pieces != 8 { // 19 ground in 7 pieces, the chain in one
		t.Errorf("%+v, %d pieces", gr, res.Pieces)
	}
}

// TestIntegrationBrokenFileChangesNothing: a file broken on its last line
// leaves the graph as it was.
func TestIntegrationBrokenFileChangesNothing(t *testing.T) {
	v := liveVirtuoso(t)
	g := testBase + "broken"
	if _, err := Run(context.Background(), v.options(t, graph.NTriples, ntriples(10, "before"), g)); err != nil {
		t.Fatal(err)
	}
	before := v.size(t, g)
	for _, tc := range []struct {
		format graph.Format
		doc    string
	}{
		{graph.NTriples, ntriples(100, "broken") + "<http://e.org/s> <http://e.org/p> \"unclosed .\n"},
		{graph.Turtle, ntriples(100, "broken") + "<http://e.org/s> <http://e.org/p> <relative> .\n"},
	} {
		opts := v.options(t, tc.format, tc.doc, g)
		opts.PieceSize = 10
		if _, err := Run(context.Background(), opts); err == nil || !strings.HasPrefix(err.Error(), "in"+tc.format.Extension()+":101: ") {
			t.Errorf("%s: error %v, want it to name line 101", tc.format, err)
		}
	}
	if after := v.size(t, g); after != before || before != 10 {
		t.Errorf("%d triples before, %d after", before, after)
	}
}

func TestIntegrationWrongPassword(t *testing.T) {
	v := liveVirtuoso(t)
	g := testBase + "password"
	opts := v.options(t, graph.NTriples, ntriples(3, "pw"), g)
	opts.GraphStore = client(t, v.graphStore, func(o *sparql.Options) {
		o.User, o.Password, o.Auth = "dba", "not-the-password", sparql.AuthDigest
	})
	_, err := Run(context.Background(), opts)
	if err == nil || !strings.Contains(err.Error(), "HTTP 401") || strings.Contains(err.Error(), "not-the-password") {
		t.Errorf("error %v", err)
	}
	if n := v.size(t, g); n != 0 {
		t.Errorf("%d triples stored", n)
	}
}

// faultProxy forwards to the real Virtuoso but answers the n-th request
// for which fail says so with a 403, without forwarding it.
func faultProxy(t *testing.T, endpoint string, fail func(n int, body []byte) bool) string {
	t.Helper()
	u, err := url.Parse(endpoint)
	if err != nil {
		t.Fatal(err)
	}
	rp := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: u.Scheme, Host: u.Host})
	var mu sync.Mutex
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		// Count authenticated requests only: the digest challenge round
		// trip is part of the same attempt.
		if r.Header.Get("Authorization") != "" {
			mu.Lock()
			n++
			failed := fail(n, body)
			mu.Unlock()
			if failed {
				http.Error(w, "injected fault", http.StatusForbidden)
				return
			}
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + u.Path
}

// TestIntegrationReplace: --replace swaps the graph; interrupted by a
// fault at a piece or at the MOVE, it leaves the old graph intact and no
// staging graph behind.
func TestIntegrationReplace(t *testing.T) {
	v := liveVirtuoso(t)
	g := testBase + "replace"
	tests := []struct {
		name      string
		pieceFail func(n int, body []byte) bool
		moveFail  func(n int, body []byte) bool
		want      string
	}{
		{name: "success"},
		{name: "third piece fails", pieceFail: func(n int, _ []byte) bool { return n == 3 }, want: "was not stored"},
		{name: "MOVE fails", moveFail: func(_ int, body []byte) bool { return bytes.Contains(body, []byte("MOVE")) }, want: "MOVE of the staging graph"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			old := v.options(t, graph.NTriples, ntriples(5, "old"), g)
			if _, err := Run(context.Background(), old); err != nil {
				t.Fatal(err)
			}
			opts := v.options(t, graph.NTriples, ntriples(20, "new"), g)
			opts.Replace, opts.PieceSize, opts.Concurrency = true, 4, 1
			if tc.pieceFail != nil {
				opts.GraphStore = v.digest(t, faultProxy(t, v.graphStore, tc.pieceFail), -1)
			}
			if tc.moveFail != nil {
				opts.Update = v.digest(t, faultProxy(t, v.update, tc.moveFail), -1)
			}
			res, err := Run(context.Background(), opts)
			switch {
			case tc.want == "" && err != nil:
				t.Fatal(err)
			case tc.want == "":
				if n := v.size(t, g); n != 20 || res.Graphs[0].After != 20 || res.Graphs[0].Before != 5 {
					t.Errorf("%d triples, %+v", n, res.Graphs[0])
				}
				if n := v.count(t, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <"+g+`> { ?s ?p ?o FILTER(CONTAINS(STR(?s), "/old/")) } }`); n != 0 {
					t.Errorf("%d old triples left", n)
				}
			case err == nil || !strings.Contains(err.Error(), tc.want):
				t.Fatalf("error %v, want %q", err, tc.want)
			default:
				if n := v.count(t, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <"+g+`> { ?s ?p ?o FILTER(CONTAINS(STR(?s), "/old/")) } }`); n != 5 || v.size(t, g) != 5 {
					t.Errorf("the old graph changed: %d triples, %d old", v.size(t, g), n)
				}
			}
			if res == nil || len(res.Graphs) != 1 || !strings.HasPrefix(res.Graphs[0].Staging, g+"#pledgegraph-staging-") {
				t.Fatalf("result %+v", res)
			}
			if n := v.size(t, res.Graphs[0].Staging); n != 0 {
				t.Errorf("the staging graph holds %d triples", n)
			}
		})
	}
}
