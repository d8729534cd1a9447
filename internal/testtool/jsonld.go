package testtool

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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
	cmd := exec.Command("node", script)
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("jsonld-to-nquads.mjs: %s", msg)
	}
	seen := map[string]bool{}
	var lines []string
	for _, l := range strings.Split(stdout.String(), "\n") {
		if l != "" && !seen[l] {
			seen[l] = true
			lines = append(lines, l)
		}
	}
	sort.Strings(lines)
	return lines, nil
}

// jsonldScript finds testdata/node/jsonld-to-nquads.mjs at the module
// root (the first directory above the working directory that holds go.mod)
// and checks that jsonld.js is installed beside it.
func jsonldScript() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
	node := filepath.Join(dir, "testdata", "node")
	script := filepath.Join(node, "jsonld-to-nquads.mjs")
	if _, err := os.Stat(script); err != nil {
		return "", err
	}
	if _, err := os.Stat(filepath.Join(node, "node_modules", "jsonld", "package.json")); err != nil {
		return "", fmt.Errorf("jsonld is not installed in %s (npm ci --prefix testdata/node)", node)
	}
	return script, nil
}
