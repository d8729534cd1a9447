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
