package vocab

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"sort"
	"strings"
	"testing"

	"github.com/knakk/rdf"
)

// pgTermsInGo lists the pg: terms declared in pg.go by reading its source, so
// a term added in Go without an ontology entry cannot slip through.
func pgTermsInGo(t *testing.T) map[string]bool {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "pg.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	terms := map[string]bool{}
	for _, decl := range f.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.VAR {
			continue
		}
		for _, spec := range gen.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, name := range vs.Names {
				call, ok := vs.Values[i].(*ast.CallExpr)
				if !ok || len(call.Args) != 1 {
					t.Fatalf("%s: not a must(PG + \"…\") declaration", name.Name)
				}
				bin, ok := call.Args[0].(*ast.BinaryExpr)
				if !ok {
					t.Fatalf("%s: not a must(PG + \"…\") declaration", name.Name)
				}
				lit := bin.Y.(*ast.BasicLit)
				terms[PG+strings.Trim(lit.Value, `"`)] = true
			}
		}
	}
	return terms
}

func TestOntologyDefinesExactlyTheGoTerms(t *testing.T) {
	triples, err := rdf.NewTripleDecoder(bytes.NewReader(Ontology), rdf.Turtle).DecodeAll()
	if err != nil {
		t.Fatalf("pledgegraph.ttl does not parse: %v", err)
	}
	labels := map[string]map[string]bool{}
	comments := map[string]map[string]bool{}
	defined := map[string]bool{}
	for _, tr := range triples {
		s := tr.Subj.String()
		if !strings.HasPrefix(s, PG) {
			continue
		}
		defined[s] = true
		lit, ok := tr.Obj.(rdf.Literal)
		if !ok {
			continue
		}
		switch tr.Pred.String() {
		case RDFS + "label":
			if labels[s] == nil {
				labels[s] = map[string]bool{}
			}
			labels[s][lit.Lang()] = true
		case RDFS + "comment":
			if comments[s] == nil {
				comments[s] = map[string]bool{}
			}
			comments[s][lit.Lang()] = true
		}
	}
	inGo := pgTermsInGo(t)
	for term := range inGo {
		if !defined[term] {
			t.Errorf("%s is declared in pg.go but not defined in pledgegraph.ttl", term)
		}
		for _, lang := range []string{"nl", "en"} {
			if !labels[term][lang] {
				t.Errorf("%s has no rdfs:label@%s", term, lang)
			}
			if !comments[term][lang] {
				t.Errorf("%s has no rdfs:comment@%s", term, lang)
			}
		}
	}
	var extra []string
	for term := range defined {
		if !inGo[term] {
			extra = append(extra, term)
		}
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		t.Errorf("pledgegraph.ttl defines terms pg.go does not declare: %v", extra)
	}
	if len(inGo) < 9 {
		t.Errorf("found only %d pg terms in pg.go; the source scan is broken", len(inGo))
	}
}

func TestPrefixesAreUniqueAndEndInSeparator(t *testing.T) {
	names := map[string]bool{}
	iris := map[string]bool{}
	for _, p := range Prefixes {
		if names[p.Name] || iris[p.IRI] {
			t.Errorf("duplicate prefix %s: <%s>", p.Name, p.IRI)
		}
		names[p.Name], iris[p.IRI] = true, true
		if !strings.HasSuffix(p.IRI, "/") && !strings.HasSuffix(p.IRI, "#") {
			t.Errorf("prefix %s: <%s> ends in neither / nor #", p.Name, p.IRI)
		}
		if _, err := rdf.NewIRI(p.IRI); err != nil {
			t.Errorf("prefix %s: %v", p.Name, err)
		}
	}
	// The Flemish namespaces differ in scheme; a "fix" would break the join with Themis.
	if Besluit[:5] != "http:" || Besluitvorming[:6] != "https:" || Dossier[:6] != "https:" {
		t.Errorf("besluit must be http, besluitvorming and dossier https")
	}
}
