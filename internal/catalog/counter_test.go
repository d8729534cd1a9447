package catalog

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/internal/testtool"
)

func mustIRI(t testing.TB, s string) rdf.IRI {
	t.Helper()
	i, err := rdf.NewIRI(s)
	if err != nil {
		t.Fatal(err)
	}
	return i
}

func TestCounter(t *testing.T) {
	ex := func(s string) rdf.IRI { return mustIRI(t, "https://example.org/"+s) }
	typ := mustIRI(t, rdfType)
	themis := mustIRI(t, "http://themis.vlaanderen.be/id/nieuwsbericht/1")
	themis2 := mustIRI(t, "http://themis.vlaanderen.be/id/agendapunt/2")
	nl := func(s string) rdf.Literal { l, _ := rdf.NewLangLiteral(s, "nl"); return l }
	NL := func(s string) rdf.Literal { l, _ := rdf.NewLangLiteral(s, "NL"); return l }
	xsdInt := mustIRI(t, xsdNS+"integer")
	plain, _ := rdf.NewLiteral("a")
	blank, _ := rdf.NewBlank("b1")
	// One string behind several terms, as the builder's vocabulary
	// constants are: the counter recognizes them by address.
	cIRI := "https://example.org/C"
	sameC, sameP, sameQ := mustIRI(t, cIRI), ex("p"), ex("q")
	sameCLiteral, _ := rdf.NewLiteral(cIRI)
	tests := []struct {
		name    string
		triples []rdf.Triple
		want    Stats
	}{
		{"nothing", nil, Stats{}},
		{"a repeated triple counts once", []rdf.Triple{
			{Subj: ex("s"), Pred: ex("p"), Obj: nl("x")},
			{Subj: ex("s"), Pred: ex("p"), Obj: nl("x")},
		}, Stats{Triples: 1, Entities: 1, Properties: 1}},
		{"a repeat in the same run of its subject counts once", []rdf.Triple{
			{Subj: ex("s"), Pred: ex("p"), Obj: nl("x")},
			{Subj: ex("s"), Pred: ex("q"), Obj: nl("y")},
			{Subj: ex("s"), Pred: ex("p"), Obj: nl("x")},
		}, Stats{Triples: 2, Entities: 1, Properties: 2}},
		{"a repeat in another run of its subject counts once", []rdf.Triple{
			{Subj: ex("s"), Pred: ex("p"), Obj: nl("x")},
			{Subj: ex("t"), Pred: ex("p"), Obj: nl("x")},
			{Subj: ex("s"), Pred: ex("p"), Obj: nl("x")},
		}, Stats{Triples: 2, Entities: 2, Properties: 1}},
		{"a long run", longRun(t, 500), Stats{Triples: 500, Entities: 1, Properties: 1, ThemisLinks: 500}},
		{"language tags are compared without case", []rdf.Triple{
			{Subj: ex("s"), Pred: ex("p"), Obj: nl("x")},
			{Subj: ex("s"), Pred: ex("p"), Obj: NL("x")},
		}, Stats{Triples: 1, Entities: 1, Properties: 1}},
		{"a plain literal is an xsd:string", []rdf.Triple{
			{Subj: ex("s"), Pred: ex("p"), Obj: plain},
			{Subj: ex("s"), Pred: ex("p"), Obj: rdf.NewTypedLiteral("a", mustIRI(t, xsdStringIRI))},
		}, Stats{Triples: 1, Entities: 1, Properties: 1}},
		{"terms that differ in kind, datatype, language or lexical form", []rdf.Triple{
			{Subj: ex("s"), Pred: ex("p"), Obj: nl("1")},
			{Subj: ex("s"), Pred: ex("p"), Obj: plain},
			{Subj: ex("s"), Pred: ex("p"), Obj: rdf.NewTypedLiteral("1", xsdInt)},
			{Subj: ex("s"), Pred: ex("p"), Obj: rdf.NewTypedLiteral("01", xsdInt)},
			{Subj: ex("s"), Pred: ex("p"), Obj: rdf.NewTypedLiteral("https://example.org/s", mustIRI(t, xsdNS+"anyURI"))},
			{Subj: ex("s"), Pred: ex("p"), Obj: ex("s")},
		}, Stats{Triples: 6, Entities: 1, Properties: 1}},
		{"entities are IRIs in subject position", []rdf.Triple{
			{Subj: ex("a"), Pred: ex("p"), Obj: ex("b")},
			{Subj: ex("a"), Pred: ex("q"), Obj: ex("c")},
			{Subj: blank, Pred: ex("p"), Obj: ex("a")},
			{Subj: ex("c"), Pred: ex("p"), Obj: blank},
		}, Stats{Triples: 4, Entities: 2, Properties: 2}},
		{"classes are distinct objects of rdf:type", []rdf.Triple{
			{Subj: ex("a"), Pred: typ, Obj: ex("C")},
			{Subj: ex("b"), Pred: typ, Obj: ex("C")},
			{Subj: ex("b"), Pred: typ, Obj: ex("D")},
			{Subj: ex("C"), Pred: ex("p"), Obj: ex("D")},
		}, Stats{Triples: 4, Entities: 3, Classes: 2, Properties: 2}},
		{"the same strings again and again", []rdf.Triple{
			{Subj: ex("a"), Pred: typ, Obj: sameC},
			{Subj: ex("a"), Pred: sameP, Obj: sameC},
			{Subj: ex("b"), Pred: typ, Obj: sameC},
			{Subj: ex("b"), Pred: sameQ, Obj: sameC},
			{Subj: ex("b"), Pred: sameP, Obj: sameC},
			{Subj: ex("c"), Pred: sameQ, Obj: ex("C")},
			{Subj: ex("c"), Pred: typ, Obj: ex("C")},
		}, Stats{Triples: 7, Entities: 3, Classes: 1, Properties: 3}},
		{"an IRI and a literal of one string are two classes", []rdf.Triple{
			{Subj: ex("a"), Pred: typ, Obj: sameC},
			{Subj: ex("b"), Pred: typ, Obj: sameCLiteral},
			{Subj: ex("c"), Pred: typ, Obj: sameC},
			{Subj: ex("d"), Pred: typ, Obj: sameCLiteral},
		}, Stats{Triples: 4, Entities: 4, Classes: 2, Properties: 1}},
		{"links into Themis", []rdf.Triple{
			{Subj: ex("eval"), Pred: ex("citesAsEvidence"), Obj: themis},
			{Subj: ex("eval#s1"), Pred: ex("citesAsEvidence"), Obj: themis},
			{Subj: ex("eval#s1"), Pred: ex("citesAsEvidence"), Obj: themis}, // a repeat
			{Subj: ex("eval#ref-0"), Pred: ex("hasCitedEntity"), Obj: themis},
			{Subj: blank, Pred: ex("about"), Obj: themis},
			// Themis's own statements, copied by --enrich: not links into it.
			{Subj: themis, Pred: ex("wasDerivedFrom"), Obj: themis2},
			{Subj: themis, Pred: typ, Obj: ex("Decision")},
			// Not Themis IRIs.
			{Subj: ex("eval"), Pred: ex("url"), Obj: mustIRI(t, "https://themis.vlaanderen.be/id/x")},
			{Subj: ex("eval"), Pred: ex("text"), Obj: nl("http://themis.vlaanderen.be/id/x")},
			{Subj: ex("eval"), Pred: ex("url"), Obj: mustIRI(t, "http://themis.vlaanderen.be.example.org/x")},
		}, Stats{Triples: 9, Entities: 4, Classes: 1, Properties: 7, ThemisLinks: 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c Counter
			for _, tr := range tt.triples {
				c.Add(tr)
			}
			if got := c.Stats(); got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			// The first occurrence of each triple as distinct, the
			// repeats through Add: the same figures.
			var d Counter
			seen := map[rdf.Triple]bool{}
			for _, tr := range tt.triples {
				if seen[tr] {
					d.Add(tr)
					continue
				}
				seen[tr] = true
				d.AddDistinct(tr)
			}
			if got := d.Stats(); got.Entities != tt.want.Entities || got.Classes != tt.want.Classes || got.Properties != tt.want.Properties {
				t.Errorf("with AddDistinct: got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// longRun is n distinct links from one subject, each given twice.
func longRun(t *testing.T, n int) []rdf.Triple {
	s, p := mustIRI(t, "https://example.org/eval"), mustIRI(t, "https://example.org/cites")
	var out []rdf.Triple
	for _, round := range []int{0, 1} {
		for i := 0; i < n; i++ {
			o := mustIRI(t, fmt.Sprintf("http://themis.vlaanderen.be/id/nieuwsbericht/%d", i))
			out = append(out, rdf.Triple{Subj: s, Pred: p, Obj: o})
			if round == 1 && i == 0 {
				out = append(out, rdf.Triple{Subj: s, Pred: p, Obj: o})
			}
		}
	}
	return out
}

// TestCounterOnGraphs counts the bundled graphs and compares with counts
// made the slow way, from the N-Triples strings rapper writes.
func TestCounterOnGraphs(t *testing.T) {
	forBundledGraphs(t, func(t *testing.T, file string, data []byte, triples []rdf.Triple) {
		// As publish feeds it: the triples, then again in another
		// order (every report's shared triples come again).
		var c Counter
		for _, tr := range triples {
			c.Add(tr)
		}
		for i := len(triples) - 1; i >= 0; i -= 3 {
			c.Add(triples[i])
		}
		want := slowStats(t, testtool.RapperNTriples(t, "turtle", data))
		if got := c.Stats(); got != want {
			t.Errorf("got  %+v\nwant %+v", got, want)
		}
		t.Logf("%s: %+v", file, c.Stats())
	})
}

// forBundledGraphs runs test on each bundled graph (the examples', and the
// seeds' enriched one, which links into Themis): its Turtle and triples.
func forBundledGraphs(t *testing.T, test func(t *testing.T, file string, data []byte, triples []rdf.Triple)) {
	for _, file := range []string{"../../examples/graph.ttl", "../export/testdata/seeds-enriched.ttl"} {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			triples, err := rdf.NewTripleDecoder(bytes.NewReader(data), rdf.Turtle).DecodeAll()
			if err != nil {
				t.Fatal(err)
			}
			test(t, file, data, triples)
		})
	}
}

// slowStats counts distinct N-Triples lines as strings.
func slowStats(t *testing.T, lines []string) Stats {
	var st Stats
	seen := map[string]bool{}
	subjects, classes, props := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, l := range lines {
		if seen[l] {
			continue
		}
		seen[l] = true
		st.Triples++
		s, rest, _ := strings.Cut(l, " ")
		p, o, _ := strings.Cut(rest, " ")
		o = strings.TrimSuffix(o, " .")
		if strings.HasPrefix(s, "<") && !subjects[s] {
			subjects[s] = true
			st.Entities++
		}
		if !props[p] {
			props[p] = true
			st.Properties++
		}
		if p == "<"+rdfType+">" && !classes[o] {
			classes[o] = true
			st.Classes++
		}
		if strings.HasPrefix(o, "<"+ThemisNS) && !strings.HasPrefix(s, "<"+ThemisNS) {
			st.ThemisLinks++
		}
	}
	return st
}

// TestCounterManyChunks: more hashes than one chunk holds, each added
// three times in an order that scatters the repeats over the chunks.
func TestCounterManyChunks(t *testing.T) {
	const n = 5*logChunk + 123
	p := mustIRI(t, "https://example.org/p")
	themis := mustIRI(t, "http://themis.vlaanderen.be/id/x")
	var c Counter
	for round := 0; round < 3; round++ {
		for i := 0; i < n; i++ {
			k := (i*7919 + round*104729) % n
			s := mustIRI(t, fmt.Sprintf("https://example.org/s/%d", k))
			c.Add(rdf.Triple{Subj: s, Pred: p, Obj: rdf.NewTypedLiteral(fmt.Sprint(k), mustIRI(t, xsdNS+"integer"))})
			if k%10 == 0 {
				c.Add(rdf.Triple{Subj: s, Pred: p, Obj: themis})
			}
		}
		want := Stats{Triples: n + (n+9)/10, Entities: n, Properties: 1, ThemisLinks: (n + 9) / 10}
		if got := c.Stats(); got != want {
			t.Fatalf("round %d: got %+v\nwant %+v", round, got, want)
		}
	}
}

// TestHashSpread: a million distinct terms of the shapes the graph has
// (long common prefixes, short differing tails) give a million hashes.
func TestHashSpread(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	seen := make(map[uint64]string, 1<<20)
	for i := 0; i < 1<<20; i++ {
		var s string
		switch i % 4 {
		case 0:
			s = fmt.Sprintf("https://w3id.org/pledgegraph/id/evaluatie/4.3.%d-%016x#s%d", i%97, i, i%13)
		case 1:
			s = fmt.Sprintf("%d", i)
		case 2:
			s = strings.Repeat("a", i%300) + fmt.Sprint(i)
		default:
			s = string(rune(i))
		}
		h := hashString(seedIRI, s)
		if prev, dup := seen[h]; dup && prev != s {
			t.Fatalf("%q and %q hash alike", prev, s)
		}
		seen[h] = s
	}
}

// BenchmarkCounter adds statement-shaped triples and reports the heap a
// counted triple keeps.
func BenchmarkCounter(b *testing.B) {
	pred := []rdf.IRI{mustIRI(b, rdfType), mustIRI(b, "http://schema.org/text"), mustIRI(b, "http://schema.org/position"), mustIRI(b, "http://purl.org/spar/cito/citesAsEvidence")}
	text, _ := rdf.NewLangLiteral(strings.Repeat("De Vlaamse regering heeft ", 12), "nl")
	const n = 1 << 20
	triples := make([]rdf.Triple, n)
	for i := range triples {
		s := mustIRI(b, fmt.Sprintf("https://w3id.org/pledgegraph/id/evaluatie/4.3.2-%016x#s%d", i/64, i/4%16))
		var o rdf.Object
		switch i % 4 {
		case 0:
			o = mustIRI(b, "https://w3id.org/pledgegraph/ns#Statement")
		case 1:
			o = text
		case 2:
			o = rdf.NewTypedLiteral(fmt.Sprint(i), mustIRI(b, xsdNS+"integer"))
		default:
			o = mustIRI(b, fmt.Sprintf("http://themis.vlaanderen.be/id/nieuwsbericht/%024X", i%5000))
		}
		triples[i] = rdf.Triple{Subj: s, Pred: pred[i%4], Obj: o}
	}
	b.ReportAllocs()
	b.ResetTimer()
	var before, after runtime.MemStats
	for k := 0; k < b.N; k++ {
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&before)
		b.StartTimer()
		var c Counter
		for _, tr := range triples {
			c.Add(tr)
		}
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.StartTimer()
		if c.Stats().Triples != n {
			b.Fatalf("counted %d of %d", c.Stats().Triples, n)
		}
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "heap-B/triple")
		runtime.KeepAlive(&c)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/triple")
	b.ReportMetric(float64(n/4), "subjects")
}

// TestAddDistinct: distinct triples counted by AddDistinct, interleaved
// with repeats given to Add, give the Stats Add alone gives.
func TestAddDistinct(t *testing.T) {
	forBundledGraphs(t, func(t *testing.T, file string, data []byte, triples []rdf.Triple) {
		var all, mixed Counter
		seen := map[string]bool{}
		for i, tr := range triples {
			all.Add(tr)
			key := tr.Serialize(rdf.NTriples)
			switch {
			case seen[key]:
				mixed.Add(tr)
			case i%3 == 0:
				// Left for Add, once and again.
				mixed.Add(tr)
				mixed.Add(tr)
			default:
				mixed.AddDistinct(tr)
			}
			seen[key] = true
		}
		if got, want := mixed.Stats(), all.Stats(); got != want {
			t.Errorf("got  %+v\nwant %+v", got, want)
		}
		if all.Stats().ThemisLinks == 0 && file != "../../examples/graph.ttl" {
			t.Error("no Themis links: the test proves less than it says")
		}
	})
}

// BenchmarkCounterDistinct counts the triples of reports as publish does:
// own triples through AddDistinct, a vocabulary's few predicates and
// classes again and again.
func BenchmarkCounterDistinct(b *testing.B) {
	pred := []rdf.IRI{mustIRI(b, rdfType), mustIRI(b, "http://schema.org/text"), mustIRI(b, "http://schema.org/position"), mustIRI(b, "http://purl.org/spar/cito/citesAsEvidence")}
	class := mustIRI(b, "https://w3id.org/pledgegraph/ns#Statement")
	text, _ := rdf.NewLangLiteral(strings.Repeat("De Vlaamse regering heeft ", 12), "nl")
	position := rdf.NewTypedLiteral("1", mustIRI(b, xsdNS+"integer"))
	themis := mustIRI(b, "http://themis.vlaanderen.be/id/nieuwsbericht/5F0C1A3E2D4B5C6D7E8F9A0B")
	const n = 1 << 18
	triples := make([]rdf.Triple, n)
	for i := range triples {
		s := mustIRI(b, fmt.Sprintf("https://w3id.org/pledgegraph/id/evaluatie/4.3.2-%016x#s%d", i/64, i/4%16))
		objects := []rdf.Object{class, text, position, themis}
		triples[i] = rdf.Triple{Subj: s, Pred: pred[i%4], Obj: objects[i%4]}
	}
	b.ResetTimer()
	for range b.N {
		var c Counter
		for _, tr := range triples {
			c.AddDistinct(tr)
		}
		if c.Stats().Triples != n {
			b.Fatalf("counted %d of %d", c.Stats().Triples, n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/triple")
}
