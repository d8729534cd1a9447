package turtle

import (
	"fmt"
	"io"
	"testing"

	"github.com/knakk/rdf"
)

// BenchmarkEncode writes statement-shaped groups: one subject with a type,
// a long Dutch text, a position and two links.
func BenchmarkEncode(b *testing.B) {
	typ, _ := rdf.NewIRI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
	cls, _ := rdf.NewIRI("http://schema.org/Claim")
	text, _ := rdf.NewIRI("http://schema.org/text")
	pos, _ := rdf.NewIRI("http://schema.org/position")
	cites, _ := rdf.NewIRI("http://purl.org/spar/cito/citesAsEvidence")
	xsdInt, _ := rdf.NewIRI(xsdInteger)
	body, _ := rdf.NewLangLiteral("De Vlaamse regering heeft zich in het regeerakkoord geconcentreerd op het promoten van Vlaanderen als een \"innovatieve\" topregio.", "nl")
	var triples []rdf.Triple
	for i := 0; i < 1000; i++ {
		s, _ := rdf.NewIRI(fmt.Sprintf("https://example.org/id/evaluatie/4.3.2-%016x#s%d", i, i))
		d, _ := rdf.NewIRI(fmt.Sprintf("http://themis.vlaanderen.be/id/nieuwsbrief-info/%024X", i))
		triples = append(triples,
			rdf.Triple{Subj: s, Pred: typ, Obj: cls},
			rdf.Triple{Subj: s, Pred: text, Obj: body},
			rdf.Triple{Subj: s, Pred: pos, Obj: rdf.NewTypedLiteral(fmt.Sprint(i), xsdInt)},
			rdf.Triple{Subj: s, Pred: cites, Obj: d},
			rdf.Triple{Subj: s, Pred: cites, Obj: cls},
		)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		e, err := NewEncoder(io.Discard, testPrefixes)
		if err != nil {
			b.Fatal(err)
		}
		for _, t := range triples {
			if err := e.Encode(t); err != nil {
				b.Fatal(err)
			}
		}
		if err := e.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(triples)*b.N)/b.Elapsed().Seconds(), "triples/s")
}
