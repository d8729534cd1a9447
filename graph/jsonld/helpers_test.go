package jsonld_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/knakk/rdf"
	"github.com/piprate/json-gold/ld"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/graph/report"
)

// seedsDir holds the two real reports shipped as examples.
const seedsDir = "../../examples/reports"

// source is what an export writes: report graphs, and the triples an
// endpoint stated about the cited decisions (enrichment) in their graph.
type source struct {
	reports []*graph.Report
	enrich  []rdf.Triple
	graph   rdf.IRI
}

// seeds parses and builds the bundled reports, as export does.
func seeds(t testing.TB) source {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	if err != nil || len(files) != 2 {
		t.Fatalf("seed reports: %v %v", files, err)
	}
	sort.Strings(files)
	b, err := graph.NewBuilder(graph.DefaultBase)
	if err != nil {
		t.Fatal(err)
	}
	var s source
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ev, _, err := report.Parse(filepath.Base(f), src)
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

// enriched reads the enriched export of the seeds (a copy of
// internal/export's golden N-Quads): one graph per report, whose
// evaluation and source document nodes are its own triples and the rest
// shared, and the enrichment graph.
func enriched(t testing.TB) source {
	t.Helper()
	f, err := os.Open("testdata/seeds-enriched.nq")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	quads, err := rdf.NewQuadDecoder(f, rdf.NQuads).DecodeAll()
	if err != nil {
		t.Fatal(err)
	}
	s := source{graph: mustIRI(t, graph.DefaultBase+"verrijking")}
	byGraph := map[string]*graph.Report{}
	var order []string
	for _, q := range quads {
		g := q.Ctx.String()
		if g == s.graph.String() {
			s.enrich = append(s.enrich, q.Triple)
			continue
		}
		r := byGraph[g]
		if r == nil {
			r = &graph.Report{Graph: mustIRI(t, g)}
			byGraph[g] = r
			order = append(order, g)
		}
		subj := q.Subj.String()
		if strings.HasPrefix(subj, graph.DefaultBase+"evaluatie/") || strings.HasPrefix(subj, graph.DefaultBase+"rapport/") {
			r.Own = append(r.Own, q.Triple)
		} else {
			r.Shared = append(r.Shared, q.Triple)
		}
	}
	for _, g := range order {
		graph.Sort(byGraph[g].Shared)
		s.reports = append(s.reports, byGraph[g])
	}
	graph.Sort(s.enrich)
	if len(s.reports) != 2 || len(s.enrich) == 0 {
		t.Fatalf("enriched seeds: %d reports, %d enrichment triples", len(s.reports), len(s.enrich))
	}
	return s
}

func mustIRI(t testing.TB, s string) rdf.IRI {
	t.Helper()
	i, err := rdf.NewIRI(s)
	if err != nil {
		t.Fatal(err)
	}
	return i
}

// export writes the source as export does: the reports in order, then the
// enrichment triples, through graph.Encoder.
func export(t testing.TB, s source, f graph.Format, o graph.EncoderOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc, err := graph.NewEncoderWith(&buf, f, graph.Prefixes(graph.DefaultBase, s.enrich), o)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range s.reports {
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
	}
	if len(s.enrich) > 0 {
		if err := enc.EncodeGraph(s.graph, s.enrich); err != nil {
			t.Fatal(err)
		}
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// canonical reads N-Triples or N-Quads with json-gold's parser and writes
// them back with its serializer, language tags in lower case (JSON-LD
// processors lower-case them; RDF compares them without case), sorted and
// without repeats: lines from different writers become comparable. Blank
// nodes, which a JSON-LD processor labels anew, get canonical labels
// (URDNA2015).
//
// The lines are read with knakk's parser: json-gold's takes "@"@nl for a
// plain literal of four characters.
func canonical(t testing.TB, nquads []byte) []string {
	t.Helper()
	dec := rdf.NewQuadDecoder(bytes.NewReader(nquads), rdf.NQuads)
	quads, err := dec.DecodeAll()
	if err != nil {
		t.Fatalf("cannot read the N-Quads: %v", err)
	}
	ts := make([]rdf.Triple, 0, len(quads))
	for _, q := range quads {
		if q.Ctx != dec.DefaultGraph {
			t.Fatalf("a statement in a named graph: %v", q)
		}
		ts = append(ts, q.Triple)
	}
	return expected(t, ts)
}

func canonicalDataset(t testing.TB, ds *ld.RDFDataset, blanks bool) []string {
	t.Helper()
	for _, qs := range ds.Graphs {
		for _, q := range qs {
			if l, ok := q.Object.(ld.Literal); ok && l.Language != "" {
				l.Language = strings.ToLower(l.Language)
				q.Object = l
			}
		}
	}
	var out any
	var err error
	if blanks {
		opts := ld.NewJsonLdOptions("")
		opts.Algorithm = ld.AlgorithmURDNA2015
		opts.Format = "application/n-quads"
		out, err = ld.NewJsonLdApi().Normalize(ds, opts)
	} else {
		out, err = (&ld.NQuadRDFSerializer{}).Serialize(ds)
	}
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(out.(string), "\n") {
		if l != "" {
			lines = append(lines, l)
		}
	}
	sort.Strings(lines)
	return slicesCompact(lines)
}

func slicesCompact(s []string) []string {
	out := s[:0]
	for i, l := range s {
		if i == 0 || l != s[i-1] {
			out = append(out, l)
		}
	}
	return out
}

// sameLines fails the test with the differences of two sorted sets.
func sameLines(t testing.TB, what string, got, want []string) {
	t.Helper()
	g, w := map[string]bool{}, map[string]bool{}
	for _, l := range got {
		g[l] = true
	}
	for _, l := range want {
		w[l] = true
	}
	var missing, extra []string
	for _, l := range want {
		if !g[l] {
			missing = append(missing, l)
		}
	}
	for _, l := range got {
		if !w[l] {
			extra = append(extra, l)
		}
	}
	if len(missing)+len(extra) > 0 {
		nm, ne := len(missing), len(extra)
		if nm > 5 {
			missing = append(missing[:5], "…")
		}
		if ne > 5 {
			extra = append(extra[:5], "…")
		}
		t.Fatalf("%s: %d of %d statements missing, %d extra\nmissing:\n  %s\nextra:\n  %s", what,
			nm, len(want), ne, strings.Join(missing, "\n  "), strings.Join(extra, "\n  "))
	}
}

// nodes returns the node objects of a compacted document's "@graph", and
// fails the test when the document is not of that shape.
func nodes(t testing.TB, doc []byte) []map[string]any {
	t.Helper()
	var d struct {
		Context json.RawMessage  `json:"@context"`
		Graph   []map[string]any `json:"@graph"`
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("not a compacted document with one @graph: %v", err)
	}
	if len(d.Context) == 0 {
		t.Fatal("the document names no @context")
	}
	return d.Graph
}
