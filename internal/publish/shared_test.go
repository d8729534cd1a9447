package publish

import (
	"fmt"
	"strings"
	"testing"

	"github.com/knakk/rdf"
)

// TestWrittenShared: a report's shared triples that an earlier written
// report brought are dropped, exactly those (a literal differing only in
// language or datatype is another triple), and nothing a report that was
// never written brought.
func TestWrittenShared(t *testing.T) {
	s, _ := rdf.NewIRI("https://x.org/sectie/4.3.2")
	p, _ := rdf.NewIRI("http://schema.org/text")
	nl, _ := rdf.NewLangLiteral("tekst", "nl")
	en, _ := rdf.NewLangLiteral("tekst", "en")
	plain := rdf.NewTypedLiteral("tekst", mustIRIForTest("http://www.w3.org/2001/XMLSchema#string"))
	iri, _ := rdf.NewIRI("tekst:x")
	tr := func(o rdf.Object) rdf.Triple { return rdf.Triple{Subj: s, Pred: p, Obj: o} }

	var w writtenShared
	first := []rdf.Triple{tr(nl)}
	if got := w.unwritten(first); len(got) != 1 || &got[0] != &first[0] {
		t.Fatal("nothing written yet: the slice itself comes back")
	}
	w.written(first)
	got := w.unwritten([]rdf.Triple{tr(en), tr(nl), tr(plain), tr(iri), tr(nl)})
	if len(got) != 3 || got[0].Obj != rdf.Object(en) || got[1].Obj != rdf.Object(plain) || got[2].Obj != rdf.Object(iri) {
		t.Errorf("unwritten = %v", got)
	}
	// What a report that is then skipped was given is not written.
	_ = w.unwritten([]rdf.Triple{tr(en)})
	if got := w.unwritten([]rdf.Triple{tr(en)}); len(got) != 1 {
		t.Error("a triple no written report brought was dropped")
	}
}

// TestWrittenSharedRuns: the triples about one subject are dropped
// together when an earlier report brought the same run, and one by one when
// the run differs in any way (a triple more, less, or changed).
func TestWrittenSharedRuns(t *testing.T) {
	d := mustIRIForTest("http://themis.vlaanderen.be/id/nieuwsbrief-info/1")
	e := mustIRIForTest("http://themis.vlaanderen.be/id/nieuwsbrief-info/2")
	typ := mustIRIForTest("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
	name := mustIRIForTest("http://schema.org/name")
	date := mustIRIForTest("http://purl.org/dc/terms/date")
	class := mustIRIForTest("http://data.vlaanderen.be/ns/besluit#Besluit")
	lit := func(s string) rdf.Literal { l, _ := rdf.NewLangLiteral(s, "nl"); return l }
	day := rdf.NewTypedLiteral("2021-03-05", mustIRIForTest("http://www.w3.org/2001/XMLSchema#date"))
	run := func(s rdf.IRI, title string) []rdf.Triple {
		return []rdf.Triple{{Subj: s, Pred: typ, Obj: class}, {Subj: s, Pred: name, Obj: lit(title)}, {Subj: s, Pred: date, Obj: day}}
	}
	var w writtenShared
	w.written(append(run(d, "Titel"), run(e, "Andere titel")[:2]...))
	if len(w.runs) != 2 {
		t.Fatalf("%d runs remembered, want 2", len(w.runs))
	}

	cases := []struct {
		name string
		in   []rdf.Triple
		want int   // triples kept
		keep []int // which, by index in in
	}{
		{"same runs", append(run(d, "Titel"), run(e, "Andere titel")[:2]...), 0, nil},
		{"a triple more", run(e, "Andere titel"), 1, []int{2}},
		{"a triple less", run(d, "Titel")[1:], 0, nil},
		{"a changed title", run(d, "Nieuwe titel"), 1, []int{1}},
		{"runs in another order", append(run(e, "Andere titel")[:2], run(d, "Titel")...), 0, nil},
	}
	for _, c := range cases {
		got := w.unwritten(c.in)
		if len(got) != c.want {
			t.Errorf("%s: %d kept, want %d: %v", c.name, len(got), c.want, got)
			continue
		}
		for i, k := range c.keep {
			if got[i] != c.in[k] {
				t.Errorf("%s: kept %v, want %v", c.name, got[i], c.in[k])
			}
		}
	}
}

func mustIRIForTest(s string) rdf.IRI {
	iri, err := rdf.NewIRI(s)
	if err != nil {
		panic(err)
	}
	return iri
}

// BenchmarkWrittenShared: the check of a report's shared triples, most of
// them written by earlier reports, as publish makes it for every report.
func BenchmarkWrittenShared(b *testing.B) {
	p, _ := rdf.NewIRI("http://purl.org/dc/terms/title")
	var first, again []rdf.Triple
	for i := range 200 {
		s, _ := rdf.NewIRI(fmt.Sprintf("http://themis.vlaanderen.be/id/nieuwsbrief-info/%040d", i))
		o, _ := rdf.NewLangLiteral(fmt.Sprintf("Beslissing %d over een onderwerp van de Vlaamse Regering met een titel van gewone lengte", i), "nl")
		first = append(first, rdf.Triple{Subj: s, Pred: p, Obj: o})
		// the same triple from another report: equal strings, other memory
		s2, _ := rdf.NewIRI(strings.Clone(s.String()))
		o2, _ := rdf.NewLangLiteral(strings.Clone(o.String()), "nl")
		again = append(again, rdf.Triple{Subj: s2, Pred: p, Obj: o2})
	}
	var w writtenShared
	w.written(first[:150])
	for b.Loop() {
		if got := w.unwritten(again); len(got) != 50 {
			b.Fatalf("%d unwritten", len(got))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(again)), "ns/triple")
}
