package jsonld_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/piprate/json-gold/ld"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/graph/jsonld"
	"github.com/pledgegraph/pledgegraph/graph/report"
	"github.com/pledgegraph/pledgegraph/internal/corpus"
	"github.com/pledgegraph/pledgegraph/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const siteContext = "https://example.org/belofte/context.jsonld"

var sources = []struct {
	name string
	get  func(testing.TB) source
}{
	{"seeds", seeds},
	{"enriched", enriched},
	{"corpus", generated},
}

// generated builds 15 reports of the synthetic corpus (pledgegen's), for
// the shapes the two real reports do not have.
func generated(t testing.TB) source {
	t.Helper()
	b, err := graph.NewBuilder(graph.DefaultBase)
	if err != nil {
		t.Fatal(err)
	}
	var s source
	for i := range 15 {
		var buf bytes.Buffer
		if err := corpus.Write(&buf, i, 7); err != nil {
			t.Fatal(err)
		}
		ev, _, err := report.Parse(corpus.Name(i, 7), buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		g, _, err := b.Build(ev)
		if err != nil {
			t.Fatal(err)
		}
		s.reports = append(s.reports, g)
	}
	return s
}

// contextModes: the context inline, and named by a URL the loader serves.
func contextModes(t testing.TB, s source) []struct {
	name     string
	opts     graph.EncoderOptions
	contexts map[string][]byte
} {
	ctx, err := jsonld.Context(graph.Prefixes(graph.DefaultBase, s.enrich))
	if err != nil {
		t.Fatal(err)
	}
	return []struct {
		name     string
		opts     graph.EncoderOptions
		contexts map[string][]byte
	}{
		{"inline", graph.EncoderOptions{}, nil},
		{"url", graph.EncoderOptions{ContextURL: siteContext}, map[string][]byte{siteContext: ctx}},
	}
}

// TestExpansionGivesTheTriples: json-gold, expanding our JSON-LD, gets
// exactly the triples of the N-Triples export, for the real reports plain
// and enriched and for generated ones, with the context inline and by URL.
func TestExpansionGivesTheTriples(t *testing.T) {
	for _, src := range sources {
		s := src.get(t)
		want := canonical(t, export(t, s, graph.NTriples, graph.EncoderOptions{}))
		for _, mode := range contextModes(t, s) {
			t.Run(src.name+"/"+mode.name, func(t *testing.T) {
				doc := export(t, s, graph.JSONLD, mode.opts)
				loader, err := jsonld.NewLoader(mode.contexts)
				if err != nil {
					t.Fatal(err)
				}
				nq, err := jsonld.ToNQuads(doc, loader)
				if err != nil {
					t.Fatal(err)
				}
				sameLines(t, "json-gold", canonical(t, nq), want)
				// No subject is split over two node objects.
				ids := map[string]bool{}
				for _, n := range nodes(t, doc) {
					id, _ := n["@id"].(string)
					if ids[id] {
						t.Errorf("@id %s in two node objects", id)
					}
					ids[id] = true
				}
			})
		}
	}
}

// TestJSONLDjsAgrees: jsonld.js, an independent processor, in safe mode,
// reads the same triples. (The seeds with the context inline are the
// golden file, which TestGolden reads with jsonld.js.) Each run starts
// Node.js, about a second, so they run side by side.
func TestJSONLDjsAgrees(t *testing.T) {
	for _, src := range sources {
		s := src.get(t)
		want := canonical(t, export(t, s, graph.NTriples, graph.EncoderOptions{}))
		for _, mode := range contextModes(t, s) {
			if src.name == "seeds" && mode.name == "inline" || src.name == "corpus" && mode.name == "url" {
				continue
			}
			t.Run(src.name+"/"+mode.name, func(t *testing.T) {
				t.Parallel()
				doc := export(t, s, graph.JSONLD, mode.opts)
				got := testtool.JSONLDToNQuads(t, doc, mode.contexts)
				sameLines(t, "jsonld.js", canonical(t, []byte(strings.Join(got, "\n"))), want)
			})
		}
	}
}

// TestSameNodesAsJSONGoldCompaction: the encoder's node objects are the
// ones json-gold's own compaction (FromRDF, then Compact with the same
// context) makes of the same triples: same keys, same values in the same
// form. Only the order of keys and of values may differ.
func TestSameNodesAsJSONGoldCompaction(t *testing.T) {
	for _, src := range sources {
		t.Run(src.name, func(t *testing.T) {
			s := src.get(t)
			ctx, err := jsonld.Context(graph.Prefixes(graph.DefaultBase, s.enrich))
			if err != nil {
				t.Fatal(err)
			}
			ours := byID(t, nodes(t, export(t, s, graph.JSONLD, graph.EncoderOptions{})))

			ds, err := ld.ParseNQuads(string(export(t, s, graph.NTriples, graph.EncoderOptions{})))
			if err != nil {
				t.Fatal(err)
			}
			opts := ld.NewJsonLdOptions("")
			opts.DocumentLoader = nil
			expanded, err := ld.NewJsonLdApi().FromRDF(ds, opts)
			if err != nil {
				t.Fatal(err)
			}
			var ctxDoc map[string]any
			if err := json.Unmarshal(ctx, &ctxDoc); err != nil {
				t.Fatal(err)
			}
			compacted, err := ld.NewJsonLdProcessor().Compact(expanded, ctxDoc, opts)
			if err != nil {
				t.Fatal(err)
			}
			var theirs []map[string]any
			for _, n := range compacted["@graph"].([]any) {
				theirs = append(theirs, n.(map[string]any))
			}
			gold := byID(t, theirs)
			if len(ours) != len(gold) {
				t.Fatalf("%d nodes, json-gold compacts to %d", len(ours), len(gold))
			}
			for id, n := range gold {
				if !reflect.DeepEqual(ours[id], n) {
					t.Fatalf("node %s:\nours      %v\njson-gold %v", id, ours[id], n)
				}
			}
		})
	}
}

// byID indexes node objects by @id, each key's values as a sorted list of
// their JSON texts, so that order does not matter.
func byID(t testing.TB, ns []map[string]any) map[string]map[string][]string {
	t.Helper()
	out := map[string]map[string][]string{}
	for _, n := range ns {
		id, ok := n["@id"].(string)
		if !ok {
			t.Fatalf("node without @id: %v", n)
		}
		if out[id] != nil {
			t.Fatalf("@id %s twice", id)
		}
		m := map[string][]string{}
		for k, v := range n {
			vs, ok := v.([]any)
			if !ok {
				vs = []any{v}
			}
			for _, x := range vs {
				b, err := json.Marshal(x)
				if err != nil {
					t.Fatal(err)
				}
				m[k] = append(m[k], string(b))
			}
			sort.Strings(m[k])
		}
		out[id] = m
	}
	return out
}

// TestGolden: the seeds' JSON-LD and the context document, as committed;
// the golden document is read by both processors (so a wrong golden file
// cannot be blessed by -update) and is meant to be read by people too.
func TestGolden(t *testing.T) {
	s := seeds(t)
	want := canonical(t, export(t, s, graph.NTriples, graph.EncoderOptions{}))
	doc := checkGolden(t, "seeds.jsonld", export(t, s, graph.JSONLD, graph.EncoderOptions{}))
	nq, err := jsonld.ToNQuads(doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, "json-gold(golden)", canonical(t, nq), want)

	ctx, err := jsonld.Context(graph.Prefixes(graph.DefaultBase, nil))
	if err != nil {
		t.Fatal(err)
	}
	ctx = checkGolden(t, "context.jsonld", ctx)

	// The same graph with the golden context by URL.
	byURL := export(t, s, graph.JSONLD, graph.EncoderOptions{ContextURL: siteContext})
	loader, err := jsonld.NewLoader(map[string][]byte{siteContext: ctx})
	if err != nil {
		t.Fatal(err)
	}
	if nq, err = jsonld.ToNQuads(byURL, loader); err != nil {
		t.Fatal(err)
	}
	sameLines(t, "json-gold(golden context)", canonical(t, nq), want)

	got := testtool.JSONLDToNQuads(t, doc, nil)
	sameLines(t, "jsonld.js(golden)", canonical(t, []byte(strings.Join(got, "\n"))), want)
}

func checkGolden(t *testing.T, name string, got []byte) []byte {
	t.Helper()
	path := "testdata/" + name
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from the output (go test -update rewrites it after review)", path)
	}
	return want
}

// TestByteStable: the same reports give the same bytes, whether rendered
// one by one or on several goroutines and written in order.
func TestByteStable(t *testing.T) {
	s := generated(t)
	first := export(t, s, graph.JSONLD, graph.EncoderOptions{})
	if again := export(t, s, graph.JSONLD, graph.EncoderOptions{}); !bytes.Equal(first, again) {
		t.Fatal("two runs gave different bytes")
	}
	var buf bytes.Buffer
	enc, err := graph.NewEncoder(&buf, graph.JSONLD, graph.Prefixes(graph.DefaultBase, nil))
	if err != nil {
		t.Fatal(err)
	}
	rendered := make([]*graph.Rendered, len(s.reports))
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(s.reports); i += 4 {
				r, err := enc.Render(s.reports[i])
				if err != nil {
					panic(fmt.Sprintf("render %d: %v", i, err))
				}
				rendered[i] = r
			}
		})
	}
	wg.Wait()
	for _, r := range rendered {
		if err := enc.WriteRendered(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, buf.Bytes()) {
		t.Fatal("rendering on goroutines changed the bytes")
	}
}
