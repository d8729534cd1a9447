package cli

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pledgegraph/pledgegraph/internal/testtool"
)

const seeds = "../../examples/reports"

// TestExportEnrichEndpointDown: the graph is written and the exit status
// says enrichment was incomplete.
func TestExportEnrichEndpointDown(t *testing.T) {
	srv := httptest.NewServer(nil)
	down := srv.URL + "/sparql"
	srv.Close()
	out := filepath.Join(t.TempDir(), "graph.ttl")
	code, _, stderr := runCLI(t, "", "export", "--enrich", "--endpoint", down, "--retries", "0", "--no-cache", seeds, "-o", out)
	if code != ExitIncomplete {
		t.Fatalf("exit %d, want %d:\n%s", code, ExitIncomplete, stderr)
	}
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
		t.Fatalf("no graph written: %v", err)
	}
	// One root cause, one line, with its counts; a hint how to see them all.
	want := "SPARQL endpoint " + down + ": connection refused: 29 references left unresolved, 19 decisions not enriched\n"
	if !strings.Contains(stderr, want) || !strings.Contains(stderr, "INCOMPLETE") || !strings.Contains(stderr, "-v lists every") {
		t.Errorf("stderr lacks %q and the hint:\n%s", want, stderr)
	}
	if n := strings.Count(stderr, "\n"); n > 4 {
		t.Errorf("%d lines on stderr for one fault:\n%s", n, stderr)
	}
	code, _, stderr = runCLI(t, "", "export", "-v", "--enrich", "--endpoint", down, "--retries", "0", "--no-cache", seeds, "-o", out)
	if code != ExitIncomplete || strings.Count(stderr, "002_03c788e35806da8d.txt:") != 29 || strings.Count(stderr, "not enriched:") != 19 {
		t.Errorf("-v: exit %d, stderr does not list every reference and decision:\n%s", code, stderr)
	}
}

func TestEndpointFlagUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "--endpoint", "http://localhost:1/sparql", seeds}, "pledgegraph: --endpoint works only with --enrich\n"},
		{[]string{"export", "--no-cache", seeds}, "pledgegraph: --no-cache works only with --enrich\n"},
		{[]string{"export", "--cache", "/tmp/x", "--offline", seeds}, "pledgegraph: --cache, --offline work only with --enrich\n"},
		{[]string{"export", "--timeout", "1s", seeds}, "pledgegraph: --timeout works only with --enrich\n"},
		{[]string{"export", "--enrich", "--offline", "--no-cache", seeds}, "cannot go with --no-cache"},
		{[]string{"export", "--enrich", "--cache", "/tmp/x", "--no-cache", seeds}, "--cache and --no-cache"},
		{[]string{"export", "--enrich", "--endpoint", "ftp://x/sparql", seeds}, "pledgegraph: --endpoint: endpoint \"ftp://x/sparql\" is not an absolute http(s) URL\n"},
		{[]string{"export", "--enrich", "--concurrency", "0", seeds}, "--concurrency must be between 1 and 16"},
		{[]string{"resolve", "--format", "xml", seeds}, "--format: unknown format \"xml\""},
		{[]string{"resolve", "--timeout", "0s", seeds}, "--timeout must be positive"},
	} {
		code, _, stderr := runCLI(t, "", tc.args...)
		if code != ExitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d (want %d), stderr lacks %q:\n%s", tc.args, code, ExitUsage, tc.want, stderr)
		}
		// Library texts name neither flags they were not given nor Go packages.
		if strings.Contains(stderr, "sparql: ") || strings.Contains(stderr, "enrich: ") || strings.Contains(stderr, "turtle: ") {
			t.Errorf("%v: a Go package name in the message:\n%s", tc.args, stderr)
		}
		if strings.Contains(stderr, "--offline") && !slices.Contains(tc.args, "--offline") {
			t.Errorf("%v: names --offline, which was not given:\n%s", tc.args, stderr)
		}
	}
}

func TestResolveCommand(t *testing.T) {
	endpoint := testtool.Endpoint(t)
	code, out, stderr := runCLI(t, "", "resolve", "--format", "json", "--endpoint", endpoint, "--cache", t.TempDir(), seeds)
	if code != ExitOK {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	var rows []struct {
		File   string `json:"file"`
		Line   int    `json:"line"`
		Ref    int    `json:"ref"`
		Status string `json:"status"`
		IRI    string `json:"iri"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	status := map[string]int{}
	for _, r := range rows {
		status[r.Status]++
		if r.Line == 0 || !strings.HasPrefix(r.IRI, "http://themis.vlaanderen.be/id/") {
			t.Errorf("row %+v", r)
		}
	}
	if len(rows) != 48 || status["resolved"] != 29 || status["themis"] != 19 {
		t.Errorf("%d rows, %v", len(rows), status)
	}
	// Not a terminal: CSV by default.
	code, out, _ = runCLI(t, "", "resolve", "--endpoint", endpoint, "--offline", "--cache", t.TempDir(), seeds)
	if code != ExitIncomplete || !strings.HasPrefix(out, "file,line,ref,status") {
		t.Errorf("offline with an empty cache: exit %d (want %d), output:\n%s", code, ExitIncomplete, out)
	}
}

// TestExportEnrichEndpointSilent: an endpoint that takes the connection but
// never answers costs one timed-out attempt, not one per retry, and the
// fault is said in words.
func TestExportEnrichEndpointSilent(t *testing.T) {
	hang := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-hang:
		}
	}))
	defer srv.Close()
	defer close(hang)
	out := filepath.Join(t.TempDir(), "graph.ttl")
	code, _, stderr := runCLI(t, "", "export", "--enrich", "--endpoint", srv.URL+"/sparql", "--timeout", "200ms", "--no-cache", seeds, "-o", out)
	if code != ExitIncomplete {
		t.Fatalf("exit %d, want %d:\n%s", code, ExitIncomplete, stderr)
	}
	want := "SPARQL endpoint " + srv.URL + "/sparql: no answer within 200ms: 29 references left unresolved, 19 decisions not enriched\n"
	if !strings.Contains(stderr, want) || !strings.Contains(stderr, "; 1 request,") {
		t.Errorf("stderr lacks %q or says more than one request:\n%s", want, stderr)
	}
	if strings.Contains(stderr, "deadline exceeded") || strings.Contains(stderr, "Client.Timeout") {
		t.Errorf("Go's words instead of plain ones:\n%s", stderr)
	}
}
