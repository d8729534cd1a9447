package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph/jsonld"
)

// TestJSONLDOutput: -f jsonld (or json-ld) and -o x.jsonld write JSON-LD
// whose triples are those of the N-Triples export; .json names no format.
func TestJSONLDOutput(t *testing.T) {
	dir := t.TempDir()
	code, nt, stderr := runCLI(t, "", "export", "-q", "-f", "ntriples", seeds)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := sortedNT(t, []byte(nt))

	out := filepath.Join(dir, "graph.jsonld")
	code, _, stderr = runCLI(t, "", "export", seeds, "-o", out)
	if code != ExitOK || !strings.Contains(stderr, "(655 triples, jsonld) to "+out) {
		t.Fatalf("-o graph.jsonld: exit %d: %s", code, stderr)
	}
	file, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"-f", "jsonld"}, {"-f", "json-ld"}, {"-f", "application/ld+json"}} {
		code, doc, stderr := runCLI(t, "", append([]string{"export", "-q", seeds}, args...)...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		if doc != string(file) {
			t.Fatalf("%v wrote other bytes than -o graph.jsonld", args)
		}
	}
	nq, err := jsonld.ToNQuads(file, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := sortedNT(t, nq); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("the JSON-LD holds %d triples, the N-Triples %d, or other ones", len(got), len(want))
	}

	code, _, stderr = runCLI(t, "", "export", seeds, "-o", filepath.Join(dir, "OUT.JSON"))
	if code != ExitUsage || !strings.Contains(stderr, "-f jsonld") {
		t.Errorf("-o OUT.JSON: exit %d:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "OUT.JSON")); err == nil {
		t.Error("-o OUT.JSON: a file was written")
	}
}

// TestLoadRefusesJSONLD: load reads Turtle, N-Triples and N-Quads; JSON-LD,
// by extension, -f or export --load, is a usage error before anything is
// read or sent, and before the store's flags are looked at (this store is
// no Virtuoso, so its counting endpoint would be missing).
func TestLoadRefusesJSONLD(t *testing.T) {
	const vGSP = "http://localhost:3030/ds/data"
	dir := t.TempDir()
	doc := filepath.Join(dir, "graph.jsonld")
	os.WriteFile(doc, []byte(`{"@graph": []}`), 0o644)
	nt := filepath.Join(dir, "graph.nt")
	os.WriteFile(nt, nil, 0o644)
	for _, args := range [][]string{
		{"load", doc, "--graph-store", vGSP, "--graph", loadTo},
		{"load", nt, "-f", "jsonld", "--graph-store", vGSP, "--graph", loadTo},
		{"load", "-", "-f", "json-ld", "--graph-store", vGSP, "--graph", loadTo},
		{"export", seeds, "-f", "jsonld", "--load", "--graph-store", vGSP, "--graph", loadTo},
		{"export", seeds, "-o", filepath.Join(dir, "out.jsonld"), "--load", "--graph-store", vGSP, "--graph", loadTo},
	} {
		code, out, stderr := runCLI(t, "{}", args...)
		if code != ExitUsage || !strings.Contains(stderr, "load reads turtle, ntriples, nquads, not jsonld") || out != "" {
			t.Errorf("%v: exit %d:\n%s", args, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out.jsonld")); err == nil {
		t.Error("export --load -o out.jsonld wrote the file")
	}
	code, _, stderr := runCLI(t, "", "load", filepath.Join(dir, "graph.rdf"), "--graph-store", "http://localhost:8890/sparql-graph-crud", "--graph", loadTo)
	if code != ExitUsage || !strings.Contains(stderr, "give -f turtle|ntriples|nquads") {
		t.Errorf("load graph.rdf: exit %d:\n%s", code, stderr)
	}
}

// sortedNT reads N-Triples (or N-Quads without graph names) with knakk's
// parser and returns the triples in N-Triples form, sorted.
func sortedNT(t *testing.T, data []byte) []string {
	t.Helper()
	ts, err := rdf.NewTripleDecoder(bytes.NewReader(data), rdf.NTriples).DecodeAll()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, tr := range ts {
		lines = append(lines, tr.Serialize(rdf.NTriples))
	}
	sort.Strings(lines)
	return lines
}
