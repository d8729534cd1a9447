package graph_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/graph/jsonld"
	"github.com/pledgegraph/pledgegraph/vocab"
)

func TestFormats(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want graph.Format
	}{
		{"turtle", graph.Turtle}, {"ttl", graph.Turtle}, {"text/turtle", graph.Turtle},
		{"nt", graph.NTriples}, {"n-triples", graph.NTriples},
		{"nq", graph.NQuads}, {"application/n-quads", graph.NQuads},
		{"jsonld", graph.JSONLD}, {"json-ld", graph.JSONLD}, {" JSON-LD ", graph.JSONLD}, {"application/ld+json", graph.JSONLD},
	} {
		if got, err := graph.ParseFormat(tc.in); err != nil || got != tc.want {
			t.Errorf("ParseFormat(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	if _, err := graph.ParseFormat("json"); err == nil || !strings.Contains(err.Error(), "turtle, ntriples, nquads, jsonld") {
		t.Errorf(`ParseFormat("json"): %v`, err)
	}
	if f := graph.JSONLD; f.String() != "jsonld" || f.Extension() != ".jsonld" || f.MediaType() != "application/ld+json" {
		t.Errorf("JSONLD is %s %s %s", f, f.Extension(), f.MediaType())
	}
	if !slices.Equal(graph.Formats(), []string{"turtle", "ntriples", "nquads", "jsonld"}) {
		t.Errorf("Formats() = %v", graph.Formats())
	}
	for path, want := range map[string]graph.Format{"a/graph.jsonld": graph.JSONLD, "G.JSONLD": graph.JSONLD, "g.nt": graph.NTriples} {
		if got, ok := graph.FormatFromPath(path); !ok || got != want {
			t.Errorf("FormatFromPath(%q) = %v, %v", path, got, ok)
		}
	}
	if _, ok := graph.FormatFromPath("g.json"); ok {
		t.Error(".json taken for a format")
	}
	if _, err := graph.NewEncoder(&bytes.Buffer{}, graph.Format(99), nil); err == nil {
		t.Error("an unknown format got an encoder")
	}
}

// TestJSONLDContextURL: the option names the context by URL; the other
// formats ignore it.
func TestJSONLDContextURL(t *testing.T) {
	const url = "https://example.org/site/context.jsonld"
	var buf bytes.Buffer
	enc, err := graph.NewEncoderWith(&buf, graph.JSONLD, graph.Prefixes(graph.DefaultBase, nil), graph.EncoderOptions{ContextURL: url})
	if err != nil {
		t.Fatal(err)
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"@context\": \"" + url + "\",\n  \"@graph\": []\n}\n"; buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
	buf.Reset()
	enc, err = graph.NewEncoderWith(&buf, graph.NTriples, nil, graph.EncoderOptions{ContextURL: url})
	if err != nil {
		t.Fatal(err)
	}
	if err := enc.Close(); err != nil || buf.Len() != 0 {
		t.Errorf("N-Triples with a context URL: %q, %v", buf.String(), err)
	}
	if _, err := graph.NewEncoderWith(&buf, graph.JSONLD, nil, graph.EncoderOptions{ContextURL: "context.jsonld"}); err == nil {
		t.Error("a relative context URL was taken")
	}
}

// TestJSONLDSharedInRuns: a shared part larger than one run of the
// encoder is cut between subjects: every subject is one node object, and
// every triple is there.
func TestJSONLDSharedInRuns(t *testing.T) {
	var ts []rdf.Triple
	for i := range 1500 {
		s, _ := rdf.NewIRI(fmt.Sprintf("https://example.org/d/%d", i))
		for j := range 5 {
			o, _ := rdf.NewIRI(fmt.Sprintf("https://example.org/o/%d", j))
			ts = append(ts, rdf.Triple{Subj: s, Pred: vocab.DCTReferences, Obj: o})
		}
	}
	g, _ := rdf.NewIRI("https://example.org/g")
	var buf bytes.Buffer
	enc, err := graph.NewEncoder(&buf, graph.JSONLD, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := enc.EncodeGraph(g, ts); err != nil {
		t.Fatal(err)
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Graph []struct {
			ID         string   `json:"@id"`
			References []string `json:"references"`
		} `json:"@graph"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, n := range doc.Graph {
		if seen[n.ID] || len(n.References) != 5 {
			t.Fatalf("node %s: seen before %v, %d references", n.ID, seen[n.ID], len(n.References))
		}
		seen[n.ID] = true
	}
	if len(seen) != 1500 {
		t.Fatalf("%d nodes, want 1500", len(seen))
	}
	nq, err := jsonld.ToNQuads(buf.Bytes(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(nq, []byte("\n")); n != len(ts) {
		t.Fatalf("%d triples read back, want %d", n, len(ts))
	}
}
