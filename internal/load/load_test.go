package load

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/internal/load/loadtest"
	"github.com/pledgegraph/pledgegraph/sparql"
)

const target = "http://example.org/pledgegraph/test/target"

// client builds a client that does not retry, so that every fault the
// fake injects reaches the code under test.
func client(t *testing.T, endpoint string, mod func(*sparql.Options)) *sparql.Client {
	t.Helper()
	opts := sparql.Options{Endpoint: endpoint, Retries: -1, Timeout: 10 * time.Second}
	if mod != nil {
		mod(&opts)
	}
	c, err := sparql.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// fakeOptions are Options for a load of text into store.
func fakeOptions(t *testing.T, store *loadtest.Store, f graph.Format, text string) Options {
	t.Helper()
	ep := store.Start(t)
	return Options{
		Sources:    []Source{{Name: "in" + f.Extension(), Format: f, R: strings.NewReader(text)}},
		Graph:      target,
		GraphStore: client(t, ep.GraphStore, nil),
		Query:      client(t, ep.Query, nil),
		Update:     client(t, ep.Update, nil),
		RetryWait:  -1,
		TempDir:    t.TempDir(),
	}
}

// ntriples returns n distinct triples with IRIs only, one per line.
func ntriples(n int, tag string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "<http://example.org/%s/s%d> <http://example.org/p> \"%s %d\" .\n", tag, i, tag, i)
	}
	return b.String()
}

func TestLoadInPieces(t *testing.T) {
	store := &loadtest.Store{}
	opts := fakeOptions(t, store, graph.NTriples, ntriples(10, "a"))
	opts.PieceSize = 3
	var reports [][2]int
	opts.Progress = func(done, total int) { reports = append(reports, [2]int{done, total}) }
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if store.Posts() != 4 || res.Pieces != 4 || res.Requests != 4 || store.Len(target) != 10 {
		t.Errorf("posts %d, pieces %d, requests %d, stored %d; want 4, 4, 4, 10", store.Posts(), res.Pieces, res.Requests, store.Len(target))
	}
	want := GraphResult{IRI: target, Statements: 10, Sent: 10, After: 10}
	if len(res.Graphs) != 1 || res.Graphs[0] != want || res.Statements != 10 {
		t.Errorf("result %+v, want %+v", res, want)
	}
	if last := reports[len(reports)-1]; len(reports) != 4 || last != [2]int{10, 10} {
		t.Errorf("progress %v", reports)
	}
}

// TestSuccessStatuses: every success the protocol allows is success.
func TestSuccessStatuses(t *testing.T) {
	for _, status := range []int{http.StatusOK, http.StatusCreated, http.StatusNoContent} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			store := &loadtest.Store{PostStatus: status}
			if _, err := Run(context.Background(), fakeOptions(t, store, graph.NTriples, ntriples(5, "a"))); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestRefusals: a store that refuses a piece fails the load with an error
// that says what it answered, and never the password.
func TestRefusals(t *testing.T) {
	const password = "geheim-wachtwoord"
	tests := []struct {
		name   string
		status int
		body   string
		want   string
	}{
		{"unsupported media type", 415, "Unsupported Media Type: text/turtle", "HTTP 415: Unsupported Media Type: text/turtle"},
		{"forbidden", 403, "SR186 SECURITY: No permission", "HTTP 403: SR186 SECURITY: No permission"},
		{"bad request", 400, "", "HTTP 400 Bad Request"},
		{"server error", 500, "Virtuoso 22023 Error SR007: broken", "HTTP 500 (Virtuoso 22023 SR007)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			store := &loadtest.Store{FailBody: tc.body, FailPost: func(int) int { return tc.status }}
			opts := fakeOptions(t, store, graph.NTriples, ntriples(5, "a"))
			ep := store.Start(t)
			opts.GraphStore = client(t, ep.GraphStore, func(o *sparql.Options) { o.User, o.Password = "dba", password })
			_, err := Run(context.Background(), opts)
			var pe *PieceError
			if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.As(err, &pe) {
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			}
			if strings.Contains(err.Error(), password) {
				t.Errorf("error shows the password: %v", err)
			}
			if store.Posts() != 1 {
				t.Errorf("%d posts: a refusal is not retried", store.Posts())
			}
		})
	}
}

// TestDeadlockIsRetried: Virtuoso reports a deadlock between concurrent
// uploads as a bare 500 page; the piece is sent again.
func TestDeadlockIsRetried(t *testing.T) {
	page := "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><h3>Error 40001</h3>\n<xmp>SR172: Transaction deadlocked</xmp></html>"
	store := &loadtest.Store{FailBody: page, FailPost: func(n int) int {
		if n == 2 || n == 3 {
			return 500
		}
		return 0
	}}
	opts := fakeOptions(t, store, graph.NTriples, ntriples(6, "a"))
	opts.PieceSize, opts.Concurrency = 3, 1
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if store.Posts() != 4 || res.Requests != 4 || store.Len(target) != 6 {
		t.Errorf("posts %d, requests %d, stored %d", store.Posts(), res.Requests, store.Len(target))
	}
	// Retries run out.
	store = &loadtest.Store{FailBody: page, FailPost: func(int) int { return 500 }}
	opts = fakeOptions(t, store, graph.NTriples, ntriples(2, "a"))
	opts.PieceRetries = 2
	if _, err := Run(context.Background(), opts); err == nil || store.Posts() != 3 {
		t.Errorf("error %v after %d posts, want a failure after 3", err, store.Posts())
	}
}

// TestBrokenInputSendsNothing: the whole input is checked first; a broken
// line anywhere, or a broken second file, leaves the store untouched.
func TestBrokenInputSendsNothing(t *testing.T) {
	tests := []struct {
		name    string
		sources []Source
		want    string
	}{
		{"syntax error on the last line", []Source{{Name: "a.nt", Format: graph.NTriples, R: strings.NewReader(ntriples(5000, "a") + "<http://e.org/s> <http://e.org/p> \"x\"\n")}},
			"a.nt:5001: expected '.' at the end of the statement"},
		{"relative IRI in Turtle", []Source{{Name: "a.ttl", Format: graph.Turtle, R: strings.NewReader("<http://e.org/s> <http://e.org/p> <http://e.org/o> .\n<http://e.org/s> <http://e.org/p> <o> .\n")}},
			"a.ttl:2: relative IRI <o>"},
		{"second file broken", []Source{
			{Name: "a.nt", Format: graph.NTriples, R: strings.NewReader(ntriples(10, "a"))},
			{Name: "b.nq", Format: graph.NQuads, R: strings.NewReader(ntriples(3, "b") + "<http://e.org/s> <http://e.org/p> \"x\" _:g .\n")}},
			"b.nq:4: a blank node as graph name"},
		{"not UTF-8", []Source{{Name: "a.nt", Format: graph.NTriples, R: strings.NewReader(ntriples(3, "a") + "<http://e.org/s> <http://e.org/p> \"\xe9\" .\n")}},
			"a.nt:4: not UTF-8 text (column 36)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			store := &loadtest.Store{}
			opts := fakeOptions(t, store, graph.NTriples, "")
			opts.Sources = tc.sources
			_, err := Run(context.Background(), opts)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to start with %q", err, tc.want)
			}
			if store.Posts() != 0 || len(store.Graphs()) != 0 {
				t.Errorf("%d posts, graphs %v: the store was touched", store.Posts(), store.Graphs())
			}
		})
	}
}

// TestDistinctTriples: what the store counts as one triple is sent and
// counted as one.
func TestDistinctTriples(t *testing.T) {
	const sp = "<http://e.org/s> <http://e.org/p> "
	doc := sp + `"a" .` + "\n" + sp + `"a" .` + "\n" + // a duplicate
		sp + `"b"@NL .` + "\n" + sp + `"b"@nl .` + "\n" + // language tags compare in lower case
		sp + `"c"^^<http://www.w3.org/2001/XMLSchema#string> .` + "\n" + sp + `"c" .` + "\n" + // xsd:string
		sp + `"\u00E9" .` + "\n" + sp + `"é" .` + "\n" // escapes
	store := &loadtest.Store{}
	res, err := Run(context.Background(), fakeOptions(t, store, graph.NTriples, doc))
	if err != nil {
		t.Fatal(err)
	}
	if g := res.Graphs[0]; g.Statements != 8 || g.Sent != 4 || g.After != 4 {
		t.Errorf("%+v, want 8 statements, 4 distinct", g)
	}
	want := []string{sp + `"a" .`, sp + `"b"@nl .`, sp + `"c" .`, sp + `"é" .`}
	if got := store.Triples(target); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("stored\n%s", strings.Join(got, "\n"))
	}
}

var requestOf = regexp.MustCompile(`_:r(\d+)x`)

// TestBlankNodesStayTogether: statements that share a blank node, directly
// or through others, go in one piece, however small pieces are; a group
// larger than a piece goes whole.
func TestBlankNodesStayTogether(t *testing.T) {
	var b strings.Builder
	// A chain _:n0 → _:n1 → … → _:n9, written in scattered order, with
	// ground triples in between, and a separate pair _:x _:y.
	for _, i := range []int{5, 0, 8, 2, 7, 1, 4, 9, 3, 6} {
		fmt.Fprintf(&b, "_:n%d <http://e.org/next> _:n%d .\n", i, i+1)
		fmt.Fprintf(&b, "<http://e.org/s%d> <http://e.org/p> \"g\" .\n", i)
	}
	b.WriteString("_:x <http://e.org/p> _:y .\n_:y <http://e.org/p> \"end\" .\n")
	store := &loadtest.Store{}
	opts := fakeOptions(t, store, graph.NTriples, b.String())
	opts.PieceSize = 3
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	chain := map[string]bool{}
	pair := map[string]bool{}
	for _, tr := range store.Triples(target) {
		m := requestOf.FindStringSubmatch(tr)
		switch {
		case m != nil && strings.Contains(tr, "next"):
			chain[m[1]] = true
		case m != nil:
			pair[m[1]] = true
		}
	}
	if len(chain) != 1 || len(pair) != 1 {
		t.Errorf("the chain went in requests %v, the pair in %v; want one each", chain, pair)
	}
	// 10 ground triples in pieces of 3, the chain (10), the pair (2).
	if g := res.Graphs[0]; store.Posts() != 6 || g.Sent != 22 || g.Blank != 12 || g.After != 22 {
		t.Errorf("%d posts, %+v", store.Posts(), g)
	}
}

// TestNQuads: every graph into its own named graph, the default graph into
// Options.Graph; without it, the first such line is named.
func TestNQuads(t *testing.T) {
	const g1, g2 = "http://example.org/pledgegraph/test/g1", "http://example.org/pledgegraph/test/g2"
	doc := `<http://e.org/s> <http://e.org/p> "1" <` + g1 + `> .
<http://e.org/s> <http://e.org/p> "2" <` + g2 + `> .
<http://e.org/s> <http://e.org/p> "3" <` + g1 + `> .
_:a <http://e.org/p> _:b <` + g2 + `> .
<http://e.org/s> <http://e.org/p> "4" .
`
	store := &loadtest.Store{}
	opts := fakeOptions(t, store, graph.NQuads, doc)
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, g := range res.Graphs {
		got[g.IRI] = g.After
	}
	if len(got) != 3 || got[g1] != 2 || got[g2] != 2 || got[target] != 1 {
		t.Errorf("graphs %v", got)
	}
	if store.Len(g1) != 2 || store.Len(g2) != 2 || store.Len(target) != 1 {
		t.Errorf("stored %v", store.Graphs())
	}

	store = &loadtest.Store{}
	opts = fakeOptions(t, store, graph.NQuads, doc)
	opts.Graph = ""
	if _, err := Run(context.Background(), opts); err == nil || !strings.HasPrefix(err.Error(), "in.nq:5: a statement in the default graph") || store.Posts() != 0 {
		t.Errorf("error %v, %d posts", err, store.Posts())
	}

	store = &loadtest.Store{}
	opts = fakeOptions(t, store, graph.NQuads, `_:a <http://e.org/p> "x" <`+g1+"> .\n\n_:a <http://e.org/p> \"y\" <"+g2+"> .\n")
	if _, err := Run(context.Background(), opts); err == nil || !strings.HasPrefix(err.Error(), "in.nq:3: blank node _:a is in graph <"+g2+"> here and in <"+g1+"> on line 1") {
		t.Errorf("error %v", err)
	}
}

// TestCounts: the check after the load, exact into an empty graph, within
// bounds into one that held triples.
func TestCounts(t *testing.T) {
	const old = `<http://example.org/a/s0> <http://example.org/p> "a 0" .`
	tests := []struct {
		name      string
		store     *loadtest.Store
		doc       string
		wantErr   string
		before    int
		after     int
		pieceSize int
	}{
		{name: "empty graph", store: &loadtest.Store{}, doc: ntriples(5, "a"), after: 5},
		{name: "a triple lost", store: &loadtest.Store{LoseTriple: true}, doc: ntriples(5, "a"),
			wantErr: "<" + target + "> holds 4 triples after the load, but 5 distinct triples were sent: a store may keep one of two literals it takes for equal values"},
		{name: "merged, one triple there before", store: &loadtest.Store{}, doc: ntriples(5, "a"), before: 2, after: 6},
		// Every piece loses its one triple.
		{name: "merged, triples lost", store: &loadtest.Store{LoseTriple: true}, doc: ntriples(5, "a") + "_:x <http://e.org/p> \"b\" .\n", before: 2, pieceSize: 1,
			wantErr: "holds 2 triples after the load, want 6 to 8 (it held 2 before; 6 distinct triples were sent, 1 with a blank node)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.before > 0 {
				tc.store.Put(target, old, `<http://e.org/other> <http://e.org/p> "x" .`)
			}
			opts := fakeOptions(t, tc.store, graph.NTriples, tc.doc)
			opts.PieceSize = tc.pieceSize
			res, err := Run(context.Background(), opts)
			var ce *CountError
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !errors.As(err, &ce) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if g := res.Graphs[0]; g.Before != tc.before || g.After != tc.after {
				t.Errorf("%+v", g)
			}
		})
	}
}

// TestReplace: the graph is swapped whole; on a failure at any step the
// old graph is intact and no staging graph is left.
func TestReplace(t *testing.T) {
	oldGraph := strings.Split(strings.TrimSpace(ntriples(4, "old")), "\n")
	page := "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><xmp>SR172: Transaction deadlocked</xmp></html>"
	tests := []struct {
		name  string
		store *loadtest.Store
		want  string
	}{
		{name: "success", store: &loadtest.Store{}},
		{name: "third piece refused", store: &loadtest.Store{FailPost: func(n int) int {
			if n == 3 {
				return 403
			}
			return 0
		}}, want: "was not stored: SPARQL endpoint"},
		{name: "a piece fails after retries", store: &loadtest.Store{FailBody: page, FailPost: func(n int) int {
			if n >= 2 {
				return 500
			}
			return 0
		}}, want: "HTTP 500"},
		{name: "staging count differs", store: &loadtest.Store{LoseTriple: true}, want: "nothing replaced: <" + target + "#pledgegraph-staging-"},
		{name: "MOVE fails", store: &loadtest.Store{FailUpdate: func(u string) int {
			if strings.HasPrefix(u, "MOVE") {
				return 500
			}
			return 0
		}}, want: "MOVE of the staging graph: SPARQL endpoint"},
		{name: "MOVE too large for Virtuoso", store: &loadtest.Store{
			FailBody: "Virtuoso 40005 Error SR325: Transaction aborted because it's log after image size went above the limit",
			FailUpdate: func(u string) int {
				if strings.HasPrefix(u, "MOVE") {
					return 500
				}
				return 0
			}}, want: "outgrew its TransactionAfterImageLimit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.store.Put(target, oldGraph...)
			opts := fakeOptions(t, tc.store, graph.NTriples, ntriples(9, "new"))
			opts.Replace, opts.PieceSize, opts.Concurrency, opts.PieceRetries = true, 2, 1, 1
			res, err := Run(context.Background(), opts)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if g := res.Graphs[0]; g.Before != 4 || g.After != 9 || tc.store.Len(target) != 9 || !strings.HasPrefix(g.Staging, target+"#pledgegraph-staging-") {
					t.Errorf("%+v, stored %d", g, tc.store.Len(target))
				}
			} else {
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("error %v, want %q", err, tc.want)
				}
				if got := tc.store.Triples(target); strings.Join(got, "\n") != strings.Join(oldGraph, "\n") {
					t.Errorf("the old graph changed: %d triples", len(got))
				}
			}
			if gs := tc.store.Graphs(); len(gs) != 1 || gs[0] != target {
				t.Errorf("graphs left: %v", gs)
			}
		})
	}
}

// TestReplaceInterrupted: a load cancelled part-way (Ctrl-C) still drops
// its staging graph.
func TestReplaceInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	store := &loadtest.Store{FailPost: func(n int) int {
		if n == 2 {
			cancel()
		}
		return 0
	}}
	store.Put(target, "<http://e.org/s> <http://e.org/p> \"old\" .")
	opts := fakeOptions(t, store, graph.NTriples, ntriples(9, "new"))
	opts.Replace, opts.PieceSize, opts.Concurrency = true, 2, 1
	if _, err := Run(ctx, opts); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want cancelled", err)
	}
	if gs := store.Graphs(); len(gs) != 1 || store.Len(target) != 1 {
		t.Errorf("graphs %v, target %d", gs, store.Len(target))
	}
	if u := store.Updates(); len(u) != 1 || !strings.HasPrefix(u[0], "DROP SILENT GRAPH <"+target+"#pledgegraph-staging-") {
		t.Errorf("updates %q", u)
	}
}

// onceReader fails a read after it has reported the end.
type onceReader struct {
	r     io.Reader
	ended bool
}

func (o *onceReader) Read(p []byte) (int, error) {
	if o.ended {
		return 0, errors.New("read again after the end")
	}
	n, err := o.r.Read(p)
	if err == io.EOF {
		o.ended = true
	}
	return n, err
}

// TestReadOnce: every source is read once, to its end (standard input
// cannot be read again).
func TestReadOnce(t *testing.T) {
	for _, f := range []graph.Format{graph.Turtle, graph.NTriples, graph.NQuads} {
		store := &loadtest.Store{}
		opts := fakeOptions(t, store, f, "")
		opts.Sources[0].R = &onceReader{r: strings.NewReader(ntriples(100, "a"))}
		opts.PieceSize = 7
		if _, err := Run(context.Background(), opts); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

func TestOptionErrors(t *testing.T) {
	store := &loadtest.Store{}
	base := fakeOptions(t, store, graph.NTriples, ntriples(1, "a"))
	tests := []struct {
		name string
		mod  func(*Options)
		want string
	}{
		{"no graph for triples", func(o *Options) { o.Graph = "" }, "in.nt: ntriples has no graph names: give the target graph (--graph)"},
		{"relative graph", func(o *Options) { o.Graph = "g" }, "target graph: IRI \"g\" is not absolute"},
		{"replace without update client", func(o *Options) { o.Replace, o.Update = true, nil }, "replacing a graph needs an update client"},
		{"no query client", func(o *Options) { o.Query = nil }, "no query client"},
		{"empty input", func(o *Options) { o.Sources[0].R = strings.NewReader("# nothing\n") }, ErrNoTriples.Error()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := base
			opts.Sources = []Source{base.Sources[0]}
			tc.mod(&opts)
			if _, err := Run(context.Background(), opts); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
	if store.Posts() != 0 {
		t.Errorf("%d posts", store.Posts())
	}
}

func TestVirtuosoEndpoints(t *testing.T) {
	tests := []struct{ in, query, update string }{
		{"http://localhost:8890/sparql-graph-crud-auth", "http://localhost:8890/sparql", "http://localhost:8890/sparql-auth"},
		{"http://localhost:8890/sparql-graph-crud-auth/?x=1", "http://localhost:8890/sparql", "http://localhost:8890/sparql-auth"},
		{"https://data.example.org/db/sparql-graph-crud", "https://data.example.org/db/sparql", "https://data.example.org/db/sparql"},
		{"http://localhost:3030/ds/data", "", ""},
	}
	for _, tc := range tests {
		q, u, ok := VirtuosoEndpoints(tc.in)
		if q != tc.query || u != tc.update || ok != (tc.query != "") {
			t.Errorf("%s: %q %q %v", tc.in, q, u, ok)
		}
	}
}
