package cli

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestQueryList(t *testing.T) {
	code, out, stderr := runCLI(t, "", "query", "list", "-f", "json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rows []struct{ Name, Target, Parameters, Summary string }
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	targets := map[string]string{}
	for _, r := range rows {
		targets[r.Name] = r.Target
		if r.Summary == "" {
			t.Errorf("%s has no summary", r.Name)
		}
	}
	if len(rows) != 11 || targets["sections"] != "store" || targets["themis-search"] != "https://themis.vlaanderen.be/sparql" {
		t.Errorf("list: %+v", rows)
	}
	code, out, _ = runCLI(t, "", "query", "show", "decisions-outside-term")
	if code != ExitOK || !strings.HasPrefix(out, "#+ summary:") || !strings.Contains(out, "?_from_xsd_date") {
		t.Errorf("show: exit %d\n%s", code, out)
	}
}

// TestQueryRun: the endpoint comes from --endpoint, else the environment,
// else the query's own; a store query with none is a usage error.
func TestQueryRun(t *testing.T) {
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		asked = append(asked, r.Form.Get("query"))
		w.Header().Set("Content-Type", "application/sparql-results+json")
		fmt.Fprint(w, `{"head":{"vars":["section","identifier","evaluations","decisions"]},"results":{"bindings":[
{"section":{"type":"uri","value":"https://w3id.org/pledgegraph/id/regeerakkoord/2019-2024/sectie/4.3.2"},"identifier":{"type":"literal","value":"4.3.2"},"evaluations":{"type":"typed-literal","datatype":"http://www.w3.org/2001/XMLSchema#integer","value":"1"},"decisions":{"type":"typed-literal","datatype":"http://www.w3.org/2001/XMLSchema#integer","value":"19"}}]}}`)
	}))
	defer srv.Close()
	endpoint := srv.URL + "/sparql"

	code, out, stderr := runCLI(t, "", "query", "run", "sections", "--endpoint", endpoint)
	if code != ExitOK || out != "section,identifier,evaluations,decisions\nhttps://w3id.org/pledgegraph/id/regeerakkoord/2019-2024/sectie/4.3.2,4.3.2,1,19\n" {
		t.Errorf("exit %d, output %q, stderr %s", code, out, stderr)
	}
	t.Setenv(EnvEndpoint, endpoint)
	if code, _, stderr := runCLI(t, "", "query", "run", "sections", "-q"); code != ExitOK || stderr != "" {
		t.Errorf("from $%s: exit %d, stderr %q", EnvEndpoint, code, stderr)
	}
	t.Setenv(EnvEndpoint, "")
	code, _, stderr = runCLI(t, "", "query", "run", "sections")
	if code != ExitUsage || !strings.Contains(stderr, "--endpoint URL or $"+EnvEndpoint) {
		t.Errorf("no endpoint: exit %d: %s", code, stderr)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"query", "run", "nope", "--endpoint", endpoint}, `no stored query "nope"`},
		{[]string{"query", "run", "evaluations-of-section", "--endpoint", endpoint}, `missing parameter "section"`},
		{[]string{"query", "run", "decisions-outside-term", "--endpoint", endpoint, "--param", "from=2021-13-01"}, `parameter "from": want an xsd:date`},
		{[]string{"query", "run", "sections", "--endpoint", endpoint, "--param", "x=1"}, `unknown parameter "x"`},
		{[]string{"query", "run", "sections", "--endpoint", endpoint, "-f", "turtle"}, "does not fit a SELECT query"},
		{[]string{"query", "run", "sections", "--endpoint", endpoint, "--param", "novalue"}, "want NAME=VALUE"},
		{[]string{"query", "run", "themis-decision", "--endpoint", endpoint, "--param", "decision=relative/iri"}, `parameter "decision": want an absolute IRI`},
	} {
		code, _, stderr := runCLI(t, "", tc.args...)
		if code != ExitUsage || !strings.Contains(stderr, tc.want) || !strings.Contains(stderr, "Run 'pledgegraph query run --help'") {
			t.Errorf("%v: exit %d, stderr lacks %q:\n%s", tc.args, code, tc.want, stderr)
		}
	}
	// A value with quotes and braces goes in as one term.
	before := len(asked)
	runCLI(t, "", "query", "run", "evaluations-of-section", "--endpoint", endpoint, "--param", `section=4.3.2" } ; DROP ALL ; #`)
	if len(asked) != before+1 || !strings.Contains(asked[before], `"4.3.2\" } ; DROP ALL ; #"`) {
		t.Errorf("sent %q", asked[before:])
	}
	// A query file of one's own, and a bank of one's own.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "sections.rq"), []byte("#+ summary: mine\nSELECT ?section WHERE { ?section ?p ?o }\n"), 0o644)
	code, _, stderr = runCLI(t, "", "query", "run", "sections", "--bank", dir, "--endpoint", endpoint)
	if code != ExitOK || !strings.Contains(stderr, "notice: sections in "+dir+" replaces the built-in query") {
		t.Errorf("--bank: exit %d: %s", code, stderr)
	}
	code, _, stderr = runCLI(t, "", "query", "run", filepath.Join(dir, "sections.rq"), "--endpoint", endpoint, "-q")
	if code != ExitOK || asked[len(asked)-1] != "\nSELECT ?section WHERE { ?section ?p ?o }\n" {
		t.Errorf("FILE.rq: exit %d, sent %q: %s", code, asked[len(asked)-1], stderr)
	}
}
