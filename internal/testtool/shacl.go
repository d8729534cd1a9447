package testtool

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// SHACLReport is what the SHACL engine says about a data graph.
type SHACLReport struct {
	// Conforms is true when validation produced no result at all, of any
	// severity (SHACL's definition).
	Conforms bool          `json:"conforms"`
	Results  []SHACLResult `json:"results"`
}

// SHACLResult is one validation result. Terms are in N-Triples form:
// <IRI>, "text"@nl, "1"^^<…#integer>, _:label.
type SHACLResult struct {
	Focus string `json:"focusNode"`
	// Path is the result path: <IRI>, ^<IRI> for an inverse path, "" for a
	// constraint on the node itself.
	Path string `json:"path"`
	// Severity is Violation, Warning or Info.
	Severity string `json:"severity"`
	// Component is the constraint component without its namespace
	// (MinCountConstraintComponent).
	Component   string   `json:"component"`
	SourceShape string   `json:"sourceShape"`
	Value       string   `json:"value"`
	Messages    []string `json:"messages"`
}

// Violations returns the results of severity Violation.
func (r SHACLReport) Violations() []SHACLResult {
	var out []SHACLResult
	for _, res := range r.Results {
		if res.Severity == "Violation" {
			out = append(out, res)
		}
	}
	return out
}

// String lists the results one per line, for test failures.
func (r SHACLReport) String() string {
	if r.Conforms {
		return "conforms"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d results:", len(r.Results))
	for _, res := range r.Results {
		fmt.Fprintf(&b, "\n  %s %s %s %s (%s) value %s: %s", res.Severity, res.Focus, res.Path, res.Component, res.SourceShape, res.Value, strings.Join(res.Messages, "; "))
	}
	return b.String()
}

// SHACLValidate validates data (Turtle or N-Triples) against shapes
// (Turtle) with rdf-validate-shacl, an independent SHACL engine run on
// Node.js from testdata/node (scripts/test.sh installs it there). Without
// Node.js or the installed tools the test skips, or fails under CI=true.
// Data the engine cannot read fails the test.
func SHACLValidate(t testing.TB, data, shapes []byte) SHACLReport {
	t.Helper()
	return SHACLValidateAll(t, shapes, data)[0]
}

// SHACLValidateAll is SHACLValidate for several data graphs at once, one
// report each, in order: Node.js starts once, which is most of the time a
// validation takes.
func SHACLValidateAll(t testing.TB, shapes []byte, data ...[]byte) []SHACLReport {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		unavailable(t, "Node.js (node)")
	}
	if _, err := shaclScript(); err != nil {
		unavailable(t, "rdf-validate-shacl ("+err.Error()+")")
	}
	reps, err := SHACLCheck(t.TempDir(), shapes, data...)
	if err != nil {
		t.Fatal(err)
	}
	return reps
}

// SHACLCheck is SHACLValidateAll returning an error instead of failing or
// skipping; dir holds the temporary files.
func SHACLCheck(dir string, shapes []byte, data ...[]byte) ([]SHACLReport, error) {
	script, err := shaclScript()
	if err != nil {
		return nil, err
	}
	if len(data) == 0 {
		return nil, errors.New("shacl-validate.mjs: no data to validate")
	}
	var args []string
	for i, d := range data {
		f := filepath.Join(dir, fmt.Sprintf("data%d.ttl", i))
		if err := os.WriteFile(f, d, 0o644); err != nil {
			return nil, err
		}
		args = append(args, f)
	}
	shapesFile := filepath.Join(dir, "shapes.ttl")
	if err := os.WriteFile(shapesFile, shapes, 0o644); err != nil {
		return nil, err
	}
	args = append(args, shapesFile)
	out, err := runNode(script, nil, args...)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	reps := make([]SHACLReport, len(data))
	for i := range reps {
		if err := dec.Decode(&reps[i]); err != nil {
			return nil, fmt.Errorf("shacl-validate.mjs: report %d of %d unreadable: %v", i+1, len(data), err)
		}
	}
	return reps, nil
}

// shaclScript is testdata/node/shacl-validate.mjs, with its engine
// installed beside it.
func shaclScript() (string, error) {
	return nodeScript("shacl-validate.mjs", "rdf-validate-shacl", "@zazuko/env-node")
}
