package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pledgegraph/pledgegraph/internal/load/loadtest"
)

// TestExportLoadFlags: the usage errors of export --load, each naming its
// flag, checked before any report is read.
func TestExportLoadFlags(t *testing.T) {
	t.Setenv(EnvUser, "")
	t.Setenv(EnvPassword, "")
	fifo := filepath.Join(t.TempDir(), "dir")
	os.Mkdir(fifo, 0o755)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"store flags without --load", []string{"--graph-store", vGSP, "--graph", loadTo}, "--graph-store, --graph work only with --load"},
		{"replace without --load", []string{"--replace"}, "--replace works only with --load"},
		{"no graph store", []string{"--load", "--graph", loadTo}, "--graph-store is required"},
		{"no graph", []string{"--load", "--graph-store", vGSP}, "--graph is required with --load"},
		{"no graph for Turtle output", []string{"--load", "--graph-store", vGSP, "-o", filepath.Join(t.TempDir(), "g.ttl")}, "--graph is required with --load"},
		{"standard output", []string{"--load", "--graph-store", vGSP, "--graph", loadTo, "-o", "-"}, "--load reads the graph back from a file"},
		{"not a regular file", []string{"--load", "--graph-store", vGSP, "--graph", loadTo, "-o", fifo, "-f", "nt"}, "is not a regular file"},
		{"other store without counting endpoint", []string{"--load", "--graph-store", "http://localhost:3030/ds/data", "--graph", loadTo}, "--store-endpoint is required"},
		{"update endpoint without replace", []string{"--load", "--graph-store", vGSP, "--graph", loadTo, "--update-endpoint", "http://x/"}, "--update-endpoint works only with --replace"},
		{"enrichment flags still need --enrich", []string{"--load", "--graph-store", vGSP, "--graph", loadTo, "--offline"}, "--offline works only with --enrich"},
		{"endpoint still needs --enrich", []string{"--load", "--graph-store", vGSP, "--graph", loadTo, "--endpoint", "http://x/sparql"}, "--endpoint works only with --enrich"},
		{"credentials without --load or --enrich", []string{"--user", "dba"}, "--user works only with --enrich"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "", append([]string{"export", seeds}, tc.args...)...)
			if code != ExitUsage || !strings.Contains(stderr, tc.want) || stdout != "" {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %q", code, stderr, tc.want)
			}
		})
	}
}

// distinctTriples exports the seeds as N-Triples and counts the distinct
// lines: what a store must hold after loading them.
func distinctTriples(t *testing.T, extra ...string) int {
	t.Helper()
	code, out, stderr := runCLI(t, "", append([]string{"export", "-q", "-f", "nt", seeds}, extra...)...)
	if code != ExitOK {
		t.Fatalf("export: exit %d\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	slices.Sort(lines)
	return len(slices.Compact(lines))
}

// TestExportLoad runs export --load against the fake store: the graph
// lands in the store, nothing goes to standard output, -o keeps its file,
// and a skipped input does not stop the rest from loading.
func TestExportLoad(t *testing.T) {
	t.Setenv(EnvUser, "")
	t.Setenv(EnvPassword, "")
	want := distinctTriples(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.md")
	os.WriteFile(bad, []byte("no report here\n"), 0o644)
	ttl := filepath.Join(dir, "graph.ttl")
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{name: "temporary N-Triples", args: []string{seeds}},
		{name: "to a Turtle file", args: []string{seeds, "-o", ttl}},
		{name: "replace", args: []string{seeds, "--replace"}},
		{name: "a skipped input", args: []string{seeds, bad}, wantCode: ExitFailure, wantErr: "bad.md"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			store := &loadtest.Store{User: "u", Password: "p"}
			ep := store.Start(t)
			args := append([]string{"export", "--load", "--graph", loadTo, "--graph-store", ep.GraphStore, "--store-endpoint", ep.Query,
				"--user", "u", "--password", "p", "--retries", "0"}, tc.args...)
			if slices.Contains(tc.args, "--replace") {
				args = append(args, "--update-endpoint", ep.Update)
			}
			code, stdout, stderr := runCLI(t, "", args...)
			if code != tc.wantCode || stdout != "" || !strings.Contains(stderr, tc.wantErr) {
				t.Fatalf("exit %d (want %d), %d bytes on stdout, stderr:\n%s", code, tc.wantCode, len(stdout), stderr)
			}
			if got := store.Len(loadTo); got != want {
				t.Errorf("the store holds %d triples, want %d", got, want)
			}
			if !strings.Contains(stderr, "into <"+loadTo+">") && !strings.Contains(stderr, "replaced <"+loadTo+">") {
				t.Errorf("no load summary:\n%s", stderr)
			}
			if slices.Contains(tc.args, "-o") {
				if fi, err := os.Stat(ttl); err != nil || fi.Size() == 0 {
					t.Errorf("-o %s: %v", ttl, err)
				}
			}
		})
	}
	// The temporary files are gone.
	left, _ := filepath.Glob(filepath.Join(os.TempDir(), "pledgegraph-export-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestExportLoadKeepsCredentialsFromOtherHosts: the store's credentials
// never go to an enrichment endpoint on another host.
func TestExportLoadKeepsCredentialsFromOtherHosts(t *testing.T) {
	t.Setenv(EnvUser, "")
	t.Setenv(EnvPassword, "")
	var (
		mu   sync.Mutex
		auth []string
	)
	themis := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		auth = append(auth, r.Header.Get("Authorization"))
		mu.Unlock()
		http.Error(w, "down for the test", http.StatusBadGateway)
	}))
	defer themis.Close()
	store := &loadtest.Store{User: "u", Password: "p"}
	ep := store.Start(t)
	code, _, stderr := runCLI(t, "", "export", seeds, "--enrich", "--endpoint", themis.URL+"/sparql", "--no-cache", "--retries", "0",
		"--load", "--graph", loadTo, "--graph-store", ep.GraphStore, "--store-endpoint", ep.Query, "--user", "u", "--password", "p")
	// The enrichment failed (exit 3), the load went through.
	if code != ExitIncomplete || store.Len(loadTo) == 0 {
		t.Fatalf("exit %d, %d triples stored, stderr:\n%s", code, store.Len(loadTo), stderr)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(auth) == 0 {
		t.Fatal("the enrichment endpoint was not asked")
	}
	for _, a := range auth {
		if a != "" {
			t.Fatalf("the enrichment endpoint on another host got credentials: %q", a)
		}
	}
}

func TestSameOrigin(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"http://localhost:8890/sparql", "http://localhost:8890/sparql-graph-crud-auth", true},
		{"http://LOCALHOST:8890/sparql", "http://localhost:8890/x", true},
		{"http://example.org/sparql", "http://example.org:80/gsp", true},
		{"https://example.org/sparql", "https://example.org:443/gsp", true},
		{"http://localhost:8890/sparql", "http://localhost:8891/sparql", false},
		{"https://themis.vlaanderen.be/sparql", "http://localhost:8890/sparql-graph-crud-auth", false},
		{"http://example.org/sparql", "https://example.org/sparql", false},
		{"http://127.0.0.1:8890/sparql", "http://localhost:8890/sparql", false},
	}
	for _, tc := range tests {
		if got := sameOrigin(tc.a, tc.b); got != tc.want {
			t.Errorf("sameOrigin(%s, %s) = %v", tc.a, tc.b, got)
		}
	}
}
