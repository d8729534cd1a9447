package cli

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
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
	if !strings.Contains(stderr, "INCOMPLETE") || !strings.Contains(stderr, "002_03c788e35806da8d.txt:") {
		t.Errorf("stderr does not name what is missing:\n%s", stderr)
	}
}

func TestEndpointFlagUsage(t *testing.T) {
	for _, args := range [][]string{
		{"export", "--endpoint", "http://localhost:1/sparql", seeds},
		{"export", "--enrich", "--offline", "--no-cache", seeds},
		{"export", "--enrich", "--endpoint", "ftp://x/sparql", seeds},
		{"export", "--enrich", "--concurrency", "0", seeds},
		{"resolve", "--format", "xml", seeds},
	} {
		code, _, stderr := runCLI(t, "", args...)
		if code != ExitUsage {
			t.Errorf("%v: exit %d, want %d:\n%s", args, code, ExitUsage, stderr)
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
