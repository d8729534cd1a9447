package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/internal/iostreams"
	"github.com/pledgegraph/pledgegraph/internal/load"
	"github.com/pledgegraph/pledgegraph/internal/load/loadtest"
	"github.com/pledgegraph/pledgegraph/internal/testtool"
	"github.com/pledgegraph/pledgegraph/sparql"
)

const (
	vGSP   = "http://localhost:8890/sparql-graph-crud-auth"
	loadTo = "http://example.org/pledgegraph/test/cli-load"
)

// TestLoadFlags: flags and arguments into load.Options, and the usage
// errors, each naming its flag.
func TestLoadFlags(t *testing.T) {
	t.Setenv(EnvUser, "")
	t.Setenv(EnvPassword, "")
	dir := t.TempDir()
	for _, name := range []string{"a.nt", "b.nq", "c.ttl", "d.rdf"} {
		os.WriteFile(filepath.Join(dir, name), nil, 0o644)
	}
	nt, nq, ttl, rdf := filepath.Join(dir, "a.nt"), filepath.Join(dir, "b.nq"), filepath.Join(dir, "c.ttl"), filepath.Join(dir, "d.rdf")
	tests := []struct {
		name                  string
		args                  []string
		wantErr               string
		formats               []graph.Format
		query, update, target string
	}{
		{name: "Virtuoso with digest", args: []string{nt, "--graph-store", vGSP, "--graph", loadTo, "--digest"},
			formats: []graph.Format{graph.NTriples}, query: "http://localhost:8890/sparql", target: loadTo},
		{name: "replace derives the update endpoint", args: []string{ttl, nq, "--graph-store", vGSP, "--graph", loadTo, "--replace"},
			formats: []graph.Format{graph.Turtle, graph.NQuads}, query: "http://localhost:8890/sparql", update: "http://localhost:8890/sparql-auth", target: loadTo},
		{name: "N-Quads need no graph", args: []string{nq, "--graph-store", "http://localhost:8890/sparql-graph-crud"},
			formats: []graph.Format{graph.NQuads}, query: "http://localhost:8890/sparql"},
		{name: "other stores", args: []string{"-f", "nt", rdf, "--graph-store", "http://localhost:3030/ds/data", "--endpoint", "http://localhost:3030/ds/sparql", "--graph", loadTo, "--replace", "--update-endpoint", "http://localhost:3030/ds/update"},
			formats: []graph.Format{graph.NTriples}, query: "http://localhost:3030/ds/sparql", update: "http://localhost:3030/ds/update", target: loadTo},
		{name: "standard input is Turtle", args: []string{"-", "--graph-store", vGSP, "--graph", loadTo},
			formats: []graph.Format{graph.Turtle}, query: "http://localhost:8890/sparql", target: loadTo},
		{name: "no graph store", args: []string{nt, "--graph", loadTo}, wantErr: "--graph-store is required"},
		{name: "bad graph store", args: []string{nt, "--graph", loadTo, "--graph-store", "ftp://x/"}, wantErr: "--graph-store: endpoint \"ftp://x/\" is not an absolute http(s) URL"},
		{name: "no graph for N-Triples", args: []string{nt, "--graph-store", vGSP}, wantErr: "--graph is required for " + nt + " (ntriples)"},
		{name: "relative graph", args: []string{nt, "--graph-store", vGSP, "--graph", "g"}, wantErr: "--graph: IRI \"g\" is not absolute"},
		{name: "unknown extension", args: []string{rdf, "--graph-store", vGSP, "--graph", loadTo}, wantErr: rdf + ": cannot tell the format from the extension; give -f turtle|ntriples|nquads"},
		{name: "bad format", args: []string{nt, "-f", "rdfxml", "--graph-store", vGSP, "--graph", loadTo}, wantErr: "--format: unknown format"},
		{name: "no query endpoint", args: []string{nt, "--graph-store", "http://localhost:3030/ds/data", "--graph", loadTo}, wantErr: "--endpoint is required"},
		{name: "no update endpoint", args: []string{nt, "--graph-store", "http://localhost:3030/ds/data", "--endpoint", "http://localhost:3030/ds/sparql", "--graph", loadTo, "--replace"}, wantErr: "--replace needs --update-endpoint"},
		{name: "update endpoint without replace", args: []string{nt, "--graph-store", vGSP, "--graph", loadTo, "--update-endpoint", "http://x/"}, wantErr: "--update-endpoint works only with --replace"},
		{name: "piece size", args: []string{nt, "--graph-store", vGSP, "--graph", loadTo, "--piece-size", "0"}, wantErr: "--piece-size must be at least 1"},
		{name: "concurrency", args: []string{nt, "--graph-store", vGSP, "--graph", loadTo, "--concurrency", "17"}, wantErr: "--concurrency must be between 1 and 16"},
		{name: "stdin twice", args: []string{"-", "-", "--graph-store", vGSP, "--graph", loadTo}, wantErr: "standard input (-) given twice"},
		{name: "timeout", args: []string{nt, "--graph-store", vGSP, "--graph", loadTo, "--timeout", "0s"}, wantErr: "--timeout must be positive"},
		{name: "password without user", args: []string{nt, "--graph-store", vGSP, "--graph", loadTo, "--password", "x"}, wantErr: "password given without a user name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			streams, _, _, _ := iostreams.Test()
			var got load.Options
			cmd := newLoadCmd(streams, func(o load.Options) error { got = o; return nil })
			cmd.SetArgs(tc.args)
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			err := cmd.Execute()
			if tc.wantErr != "" {
				var ue usageError
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !errors.As(err, &ue) {
					t.Fatalf("error %v, want a usage error with %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var formats []graph.Format
			for _, s := range got.Sources {
				formats = append(formats, s.Format)
			}
			update := ""
			if got.Update != nil {
				update = got.Update.Endpoint()
			}
			if fmt.Sprint(formats) != fmt.Sprint(tc.formats) || got.Query.Endpoint() != tc.query || update != tc.update || got.Graph != tc.target {
				t.Errorf("formats %v, query %s, update %s, graph %s", formats, got.Query.Endpoint(), update, got.Graph)
			}
		})
	}
}

// TestLoadCommand runs the command against the fake store: the summary,
// and exit 1 with a clear message when the load fails.
func TestLoadCommand(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.nt")
	os.WriteFile(good, []byte("<http://e.org/s> <http://e.org/p> \"1\" .\n<http://e.org/s> <http://e.org/p> \"1\" .\n<http://e.org/s> <http://e.org/p> \"2\" .\n"), 0o644)
	broken := filepath.Join(dir, "broken.nt")
	os.WriteFile(broken, []byte("<http://e.org/s> <http://e.org/p> \"1\" .\n<http://e.org/s> <http://e.org/p> <rel> .\n"), 0o644)
	const password = "s3cret-pw"
	tests := []struct {
		name       string
		store      *loadtest.Store
		args       []string
		env        string // PLEDGEGRAPH_PASSWORD
		wantCode   int
		wantStderr string
	}{
		{name: "loaded", store: &loadtest.Store{}, args: []string{good},
			wantStderr: "loaded 3 triples (2 distinct) into <" + loadTo + "> in 1 piece; it holds 2 triples (0 before)\n"},
		{name: "replaced", store: &loadtest.Store{}, args: []string{good, "--replace"},
			wantStderr: "replaced <" + loadTo + "> with 3 triples (2 distinct) in 1 piece; it holds 2 triples (0 before)\n"},
		{name: "broken file", store: &loadtest.Store{}, args: []string{good, broken}, wantCode: ExitFailure,
			wantStderr: "pledgegraph: " + broken + ":2: relative IRI <rel>"},
		{name: "missing file", store: &loadtest.Store{}, args: []string{filepath.Join(dir, "nope.nt")}, wantCode: ExitFailure,
			wantStderr: "nope.nt: no such file or directory"},
		{name: "wrong password", store: &loadtest.Store{User: "dba", Password: "right"}, args: []string{good, "--user", "dba", "--password", password}, wantCode: ExitFailure,
			wantStderr: "HTTP 401"},
		{name: "wrong password from the environment", store: &loadtest.Store{User: "dba", Password: "right"}, args: []string{good, "--user", "dba"}, env: password, wantCode: ExitFailure,
			wantStderr: "HTTP 401"},
		{name: "refused media type", store: &loadtest.Store{FailBody: "Unsupported Media Type", FailPost: func(int) int { return 415 }}, args: []string{good}, wantCode: ExitFailure,
			wantStderr: "was not stored: SPARQL endpoint "},
		{name: "usage", store: &loadtest.Store{}, args: []string{good, "--piece-size", "-1"}, wantCode: ExitUsage,
			wantStderr: "Run 'pledgegraph load --help' for usage."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(EnvUser, "")
			t.Setenv(EnvPassword, tc.env)
			ep := tc.store.Start(t)
			args := append([]string{"load", "--graph", loadTo, "--graph-store", ep.GraphStore, "--endpoint", ep.Query, "--retries", "0"}, tc.args...)
			if strings.Contains(strings.Join(tc.args, " "), "--replace") {
				args = append(args, "--update-endpoint", ep.Update)
			}
			code, _, stderr := runCLI(t, "", args...)
			if code != tc.wantCode || !strings.Contains(stderr, tc.wantStderr) {
				t.Errorf("exit %d, want %d; stderr:\n%s\nwant it to contain %q", code, tc.wantCode, stderr, tc.wantStderr)
			}
			if strings.Contains(stderr, password) {
				t.Errorf("stderr shows the password:\n%s", stderr)
			}
			if code != ExitOK && tc.store.Len(loadTo) != 0 {
				t.Errorf("%d triples stored", tc.store.Len(loadTo))
			}
		})
	}
}

// TestLoadIntegrationWrongPassword: against the test Virtuoso, a wrong
// password fails with exit 1 and a message without it.
func TestLoadIntegrationWrongPassword(t *testing.T) {
	endpoint := testtool.Endpoint(t)
	const password = "definitely-wrong-pw"
	t.Setenv(EnvUser, "dba")
	t.Setenv(EnvPassword, password)
	file := filepath.Join(t.TempDir(), "g.nt")
	os.WriteFile(file, []byte("<http://e.org/s> <http://e.org/p> \"1\" .\n"), 0o644)
	code, _, stderr := runCLI(t, "", "load", file, "--digest", "--graph", loadTo,
		"--graph-store", strings.TrimSuffix(endpoint, "/sparql")+"/sparql-graph-crud-auth")
	if code != ExitFailure || !strings.Contains(stderr, "HTTP 401") || strings.Contains(stderr, password) {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}

// TestLoadIntegration: the command against the test Virtuoso, from
// standard input, replacing.
func TestLoadIntegration(t *testing.T) {
	endpoint := testtool.Endpoint(t)
	t.Setenv(EnvUser, "dba")
	t.Setenv(EnvPassword, "dba")
	gsp := strings.TrimSuffix(endpoint, "/sparql") + "/sparql-graph-crud-auth"
	t.Cleanup(func() {
		upd, err := sparql.New(sparql.Options{Endpoint: strings.TrimSuffix(endpoint, "/sparql") + "/sparql-auth", User: "dba", Password: "dba", Auth: sparql.AuthDigest})
		if err == nil {
			_, err = upd.Do(context.Background(), sparql.Request{Body: []byte("update=" + url.QueryEscape("DROP SILENT GRAPH <"+loadTo+">")), ContentType: "application/x-www-form-urlencoded"}, nil)
		}
		if err != nil {
			t.Errorf("cleanup: %v", err)
		}
	})
	in := "@prefix ex: <http://example.org/pledgegraph/test/> .\nex:s ex:p \"een\", \"twee\" ; ex:q [ ex:r \"drie\" ] .\n"
	code, _, stderr := runCLI(t, in, "load", "-", "--digest", "--graph", loadTo, "--graph-store", gsp, "--replace", "--piece-size", "1")
	if code != ExitOK || !strings.Contains(stderr, "replaced <"+loadTo+"> with 4 triples (4 distinct) in 3 pieces; it holds 4 triples") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}

func TestLoadHelp(t *testing.T) {
	code, out, _ := runCLI(t, "", "load", "--help")
	for _, want := range []string{"Examples:", "--graph-store", "--replace", "--piece-size", "sparql-graph-crud-auth", "?default with 500"} {
		if code != ExitOK || !strings.Contains(out, want) {
			t.Errorf("load --help lacks %q:\n%s", want, out)
		}
	}
}
