package testtool

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"sort"
	"strings"
	"testing"
)

// JSONLDToNQuads reads a JSON-LD document with jsonld.js, a JSON-LD
// processor independent of json-gold, run on Node.js from testdata/node
// (scripts/test.sh installs it there), and returns its N-Quads lines,
// sorted and without repeats. contexts serves remote contexts by URL; any
// other URL is refused, so nothing is fetched. jsonld.js runs in safe
// mode: what it would drop is an error. Without Node.js or the installed
// tools the test skips, or fails under CI=true; an error of jsonld.js
// fails the test.
func JSONLDToNQuads(t testing.TB, doc []byte, contexts map[string][]byte) []string {
	t.Helper()
	script, err := jsonldScript()
	if err != nil {
		unavailable(t, "jsonld.js ("+err.Error()+")")
	}
	if _, err := exec.LookPath("node"); err != nil {
		unavailable(t, "Node.js (node)")
	}
	lines, err := jsonldRun(script, doc, contexts)
	if err != nil {
		t.Fatal(err)
	}
	return lines
}

// JSONLDCheck is JSONLDToNQuads returning an error instead of failing or
// skipping.
func JSONLDCheck(doc []byte, contexts map[string][]byte) ([]string, error) {
	script, err := jsonldScript()
	if err != nil {
		return nil, err
	}
	return jsonldRun(script, doc, contexts)
}

func jsonldRun(script string, doc []byte, contexts map[string][]byte) ([]string, error) {
	ctxs := map[string]json.RawMessage{}
	for u, c := range contexts {
		ctxs[u] = c
	}
	in, err := json.Marshal(struct {
		Document json.RawMessage            `json:"document"`
		Contexts map[string]json.RawMessage `json:"contexts"`
	}{doc, ctxs})
	if err != nil {
		return nil, fmt.Errorf("jsonld-to-nquads.mjs: the document or a context is not JSON: %v", err)
	}
	out, err := runNode(script, in)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		if l != "" && !seen[l] {
			seen[l] = true
			lines = append(lines, l)
		}
	}
	sort.Strings(lines)
	return lines, nil
}

// jsonldScript is testdata/node/jsonld-to-nquads.mjs, with jsonld.js
// installed beside it.
func jsonldScript() (string, error) { return nodeScript("jsonld-to-nquads.mjs", "jsonld") }
