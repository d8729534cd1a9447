// Package loadtest is a fake triple store for tests of loading: a Graph
// Store endpoint, a query endpoint that answers the COUNT queries of
// package load, and an update endpoint that runs MOVE and DROP, with
// faults injected by count, never by time.
package loadtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Store is the fake. Set its fields before the first request.
type Store struct {
	// PostStatus is the status of a stored piece; 0 means 200.
	PostStatus int
	// FailPost, if set, is asked for the status of the n-th POST (1-based,
	// retries counted); a status other than 0 fails it with that status and
	// FailBody, storing nothing.
	FailPost func(n int) int
	FailBody string
	// FailUpdate, if set, is asked for the status of every update request;
	// other than 0 fails it, running nothing.
	FailUpdate func(update string) int
	// LoseTriple drops the last triple of every stored piece.
	LoseTriple bool
	// User and Password, when set, are required as basic authentication on
	// every endpoint.
	User, Password string

	mu      sync.Mutex
	graphs  map[string]map[string]bool
	posts   int
	updates []string
	queries int
}

// Endpoints are the URLs of a started Store.
type Endpoints struct {
	GraphStore, Query, Update string
}

// Start serves the store until the test ends.
func (s *Store) Start(t testing.TB) Endpoints {
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return Endpoints{GraphStore: srv.URL + "/gsp", Query: srv.URL + "/sparql", Update: srv.URL + "/update"}
}

// Put fills a graph with N-Triples lines, as if loaded before.
func (s *Store) Put(graph string, lines ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.graph(graph)
	for _, l := range lines {
		g[l] = true
	}
}

// Len returns the number of triples in a graph.
func (s *Store) Len(graph string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.graphs[graph])
}

// Triples returns the triples of a graph, sorted.
func (s *Store) Triples(graph string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ts []string
	for t := range s.graphs[graph] {
		ts = append(ts, t)
	}
	slices.Sort(ts)
	return ts
}

// Graphs returns the names of the graphs that hold triples, sorted.
func (s *Store) Graphs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var gs []string
	for g, ts := range s.graphs {
		if len(ts) > 0 {
			gs = append(gs, g)
		}
	}
	slices.Sort(gs)
	return gs
}

// Posts returns the number of Graph Store POSTs received.
func (s *Store) Posts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.posts
}

// Updates returns the update requests received, in order.
func (s *Store) Updates() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.updates)
}

func (s *Store) graph(name string) map[string]bool {
	if s.graphs == nil {
		s.graphs = map[string]map[string]bool{}
	}
	g := s.graphs[name]
	if g == nil {
		g = map[string]bool{}
		s.graphs[name] = g
	}
	return g
}

func (s *Store) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.User != "" {
		if u, p, ok := r.BasicAuth(); !ok || u != s.User || p != s.Password {
			w.Header().Set("WWW-Authenticate", `Basic realm="fake"`)
			http.Error(w, "Unauthorized", http.StatusUnauthorized)
			return
		}
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	switch r.URL.Path {
	case "/gsp":
		s.post(w, r, body)
	case "/sparql":
		s.query(w, body)
	case "/update":
		s.update(w, body)
	default:
		http.NotFound(w, r)
	}
}

var blankLabel = regexp.MustCompile(`_:([A-Za-z0-9]+)`)

func (s *Store) post(w http.ResponseWriter, r *http.Request, body []byte) {
	graph := r.URL.Query().Get("graph")
	if r.Method != http.MethodPost || graph == "" {
		http.Error(w, "want POST ?graph=", http.StatusBadRequest)
		return
	}
	if r.ContentLength < 0 || len(r.TransferEncoding) > 0 {
		http.Error(w, "chunked", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.posts++
	if s.FailPost != nil {
		if status := s.FailPost(s.posts); status != 0 {
			w.WriteHeader(status)
			io.WriteString(w, s.FailBody)
			return
		}
	}
	// A blank node label names a new node in every request.
	req := strconv.Itoa(s.posts)
	var lines []string
	for _, l := range strings.Split(string(body), "\n") {
		if l == "" || strings.HasPrefix(l, "@prefix") {
			continue
		}
		lines = append(lines, blankLabel.ReplaceAllString(l, "_:r"+req+"x$1"))
	}
	if s.LoseTriple && len(lines) > 0 {
		lines = lines[:len(lines)-1]
	}
	g := s.graph(graph)
	for _, l := range lines {
		g[l] = true
	}
	w.WriteHeader(cmpOr(s.PostStatus, http.StatusOK))
}

func cmpOr(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

var (
	countedGraph = regexp.MustCompile(`GRAPH <([^>]*)> \{ \?s \?p \?o \}`)
	moveOp       = regexp.MustCompile(`^MOVE <([^>]*)> TO <([^>]*)>$`)
	dropOp       = regexp.MustCompile(`^DROP SILENT GRAPH <([^>]*)>$`)
)

// query answers the COUNT query of package load, and only that: a row for
// every graph counted, 0 included.
func (s *Store) query(w http.ResponseWriter, body []byte) {
	form, err := url.ParseQuery(string(body))
	ms := countedGraph.FindAllStringSubmatch(form.Get("query"), -1)
	if err != nil || ms == nil || !strings.Contains(form.Get("query"), "COUNT(*)") {
		http.Error(w, "not a COUNT query", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queries++
	type binding map[string]map[string]string
	var rows []binding
	for _, g := range ms {
		rows = append(rows, binding{
			"g": {"type": "uri", "value": g[1]},
			"n": {"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": strconv.Itoa(len(s.graphs[g[1]]))},
		})
	}
	w.Header().Set("Content-Type", "application/sparql-results+json")
	json.NewEncoder(w).Encode(map[string]any{
		"head":    map[string]any{"vars": []string{"g", "n"}},
		"results": map[string]any{"bindings": rows},
	})
}

// update runs MOVE and DROP SILENT GRAPH, all of a request or none.
func (s *Store) update(w http.ResponseWriter, body []byte) {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	u := form.Get("update")
	s.mu.Lock()
	defer s.mu.Unlock()
	s.updates = append(s.updates, u)
	if s.FailUpdate != nil {
		if status := s.FailUpdate(u); status != 0 {
			w.WriteHeader(status)
			io.WriteString(w, s.FailBody)
			return
		}
	}
	var ops []func()
	for _, op := range strings.Split(u, " ;\n") {
		if m := moveOp.FindStringSubmatch(op); m != nil {
			ops = append(ops, func() {
				from := s.graphs[m[1]]
				delete(s.graphs, m[1])
				s.graphs[m[2]] = from
			})
		} else if m := dropOp.FindStringSubmatch(op); m != nil {
			ops = append(ops, func() { delete(s.graphs, m[1]) })
		} else {
			http.Error(w, fmt.Sprintf("unknown operation %q", op), http.StatusBadRequest)
			return
		}
	}
	s.graph("") // the map exists
	for _, op := range ops {
		op()
	}
	w.Header().Set("Content-Type", "application/sparql-results+json")
	io.WriteString(w, `{"head":{"vars":[]},"results":{"bindings":[]}}`)
}
