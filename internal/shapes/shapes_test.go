package shapes

import (
	"bytes"
	"flag"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const (
	shNS   = "http://www.w3.org/ns/shacl#"
	rdfNS  = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	pgshNS = "https://w3id.org/pledgegraph/shapes#"
)

func decode(t *testing.T, name string, data []byte) []rdf.Triple {
	t.Helper()
	triples, err := rdf.NewTripleDecoder(bytes.NewReader(data), rdf.Turtle).DecodeAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return triples
}

// TestGolden: what `pledgegraph shapes` prints, byte for byte. rapper reads
// every set, and the two sets joined hold exactly the triples of both.
func TestGolden(t *testing.T) {
	const golden = "testdata/shapes.golden.ttl"
	if *update {
		if err := os.WriteFile(golden, All(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(All(), want) {
		t.Fatalf("the shapes differ from %s (go test ./internal/shapes -update, then read the diff)", golden)
	}
	g := testtool.RapperNTriples(t, "turtle", Graph())
	c := testtool.RapperNTriples(t, "turtle", Catalog())
	all := testtool.RapperNTriples(t, "turtle", want)
	if len(all) != len(g)+len(c) || len(g) < 300 || len(c) < 150 {
		t.Errorf("graph %d + catalog %d triples, all %d", len(g), len(c), len(all))
	}
	for _, name := range Names {
		got, err := Get(name)
		if err != nil || len(got) == 0 {
			t.Errorf("Get(%q): %v", name, err)
		}
	}
	if _, err := Get("everything"); err == nil || !strings.Contains(err.Error(), "want graph, catalog, all") {
		t.Errorf("Get(everything): %v", err)
	}
	// The embedded bytes cannot be changed through what is returned.
	Graph()[0] = 'X'
	if Graph()[0] == 'X' {
		t.Error("Graph returns the embedded bytes themselves")
	}
}

// shapeIndex is what the shapes say, read back from their triples.
type shapeIndex struct {
	triples []rdf.Triple
	// paths of each target class: class IRI → predicate IRIs with a
	// property shape on a node shape that targets it.
	paths map[string]map[string]bool
}

func index(t *testing.T, data []byte) shapeIndex {
	triples := decode(t, "shapes", data)
	out := func(s, p string) []string {
		var os []string
		for _, tr := range triples {
			if tr.Subj.String() == s && tr.Pred.String() == p {
				os = append(os, tr.Obj.String())
			}
		}
		return os
	}
	idx := shapeIndex{triples: triples, paths: map[string]map[string]bool{}}
	for _, tr := range triples {
		if tr.Pred.String() != shNS+"targetClass" {
			continue
		}
		class := tr.Obj.String()
		if idx.paths[class] == nil {
			idx.paths[class] = map[string]bool{}
		}
		for _, ps := range out(tr.Subj.String(), shNS+"property") {
			for _, p := range out(ps, shNS+"path") {
				idx.paths[class][p] = true
			}
		}
	}
	return idx
}

// TestShapesWired: every named property shape hangs from a node shape,
// every node shape has a target and a label, every property shape says in
// words what it checks.
func TestShapesWired(t *testing.T) {
	for name, data := range map[string][]byte{"graph": Graph(), "catalog": Catalog()} {
		idx := index(t, data)
		has := map[string]map[string]bool{}
		used := map[string]bool{}
		for _, tr := range idx.triples {
			s, p := tr.Subj.String(), tr.Pred.String()
			if has[s] == nil {
				has[s] = map[string]bool{}
			}
			has[s][p] = true
			if p == shNS+"property" {
				used[tr.Obj.String()] = true
			}
		}
		for s, preds := range has {
			if !strings.HasPrefix(s, pgshNS) {
				continue
			}
			switch {
			case preds[shNS+"path"]:
				if !used[s] {
					t.Errorf("%s: property shape %s is not the sh:property of any node shape", name, s)
				}
				if !preds[shNS+"description"] {
					t.Errorf("%s: property shape %s has no sh:description", name, s)
				}
			case preds[rdfNS+"type"]:
				if !preds[shNS+"targetClass"] {
					t.Errorf("%s: node shape %s has no target", name, s)
				}
			default:
				t.Errorf("%s: %s is neither a node shape nor a property shape", name, s)
			}
		}
	}
}

// graphs are the graphs the shapes must accept: the bundled examples'
// graph and an enriched graph.
var graphs = []string{"../../examples/graph.ttl", "../export/testdata/seeds-enriched.ttl"}

// TestEveryPredicateHasAShape: every predicate the graphs use on a node of
// a class the shapes target is declared for that class: the shapes say what
// each node may carry, not only what it must. The site's additions are
// declared too.
func TestEveryPredicateHasAShape(t *testing.T) {
	idx := index(t, Graph())
	for _, file := range graphs {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		triples := decode(t, file, data)
		types := map[string][]string{}
		for _, tr := range triples {
			if tr.Pred.String() == rdfNS+"type" {
				types[tr.Subj.String()] = append(types[tr.Subj.String()], tr.Obj.String())
			}
		}
		missing := map[string]bool{}
		for _, tr := range triples {
			p := tr.Pred.String()
			if p == rdfNS+"type" {
				continue
			}
			targeted, declared := false, false
			for _, class := range types[tr.Subj.String()] {
				if paths, ok := idx.paths[class]; ok {
					targeted = true
					declared = declared || paths[p]
				}
			}
			if targeted && !declared {
				missing[strings.Join(types[tr.Subj.String()], "+")+" "+p] = true
			}
		}
		for m := range missing {
			t.Errorf("%s: no property shape for %s", file, m)
		}
	}
	for _, want := range []struct{ class, path string }{
		{"http://schema.org/ClaimReview", "http://schema.org/url"},
		{"http://schema.org/ClaimReview", "http://schema.org/author"},
		{"http://schema.org/ClaimReview", "http://schema.org/claimReviewed"},
		{"http://schema.org/ClaimReview", "http://schema.org/datePublished"},
		{"https://w3id.org/pledgegraph/ns#AgreementSection", "http://schema.org/author"},
	} {
		if !idx.paths[want.class][want.path] {
			t.Errorf("the site's %s on %s is not declared", want.path, want.class)
		}
	}
}

// TestExamplesConform: the bundled examples' graph and the enriched graph
// conform to the graph's shapes, and to all shapes together, without a
// single result, warnings included.
func TestExamplesConform(t *testing.T) {
	var data [][]byte
	for _, file := range graphs {
		d, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		data = append(data, d)
	}
	for name, shapes := range map[string][]byte{"graph": Graph(), "all": All()} {
		reps := testtool.SHACLValidateAll(t, shapes, data...)
		for i, rep := range reps {
			if !rep.Conforms {
				t.Errorf("%s against the %s shapes: %s", graphs[i], name, rep)
			}
		}
	}
}

// result is what a test expects of a validation result.
type result struct{ focus, path, component, severity string }

func (r result) String() string {
	return r.severity + " " + r.focus + " " + r.path + " " + r.component
}

func results(rep testtool.SHACLReport) []string {
	var out []string
	for _, r := range rep.Results {
		out = append(out, result{r.Focus, r.Path, r.Component, r.Severity}.String())
	}
	sort.Strings(out)
	return out
}

func want(rs ...result) []string {
	var out []string
	for _, r := range rs {
		if r.severity == "" {
			r.severity = "Violation"
		}
		out = append(out, r.String())
	}
	sort.Strings(out)
	return out
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
