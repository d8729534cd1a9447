package graph

import (
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/vocab"
)

// TestAppendNTripleIsKnakks: the fast N-Triples writer gives knakk's bytes
// for every kind of term, escapes and text knakk rewrites included.
func TestAppendNTripleIsKnakks(t *testing.T) {
	s, _ := rdf.NewIRI("https://example.org/s")
	p, _ := rdf.NewIRI("http://schema.org/name")
	blank, _ := rdf.NewBlank("b1")
	nl, _ := rdf.NewLangLiteral("tekst met \"aanhalingstekens\", \\, \n en \r\tverder", "nl")
	plain, _ := rdf.NewLiteral("gewoon")
	objects := []rdf.Object{
		s, blank, nl, plain,
		rdf.NewTypedLiteral("2021-06-18", vocab.XSDDate),
		rdf.NewTypedLiteral("12", rdf.IRI{}),
		rdf.NewTypedLiteral("ongeldig \xff UTF-8", vocab.XSDDate),
		rdf.NewTypedLiteral("", vocab.XSDDate),
		// long enough for whole words: escapes and other scripts at word
		// edges and inside them, and bad UTF-8 after plain words
		rdf.NewTypedLiteral("Een langere zin met é en ë, \"citaat\" op plaats zeventien\nen een regel\\ einde\u2028.", rdf.IRI{}),
		rdf.NewTypedLiteral(strings.Repeat("x", 7)+"\n"+strings.Repeat("y", 8)+"\r"+strings.Repeat("z", 16)+"\"", rdf.IRI{}),
		rdf.NewTypedLiteral(strings.Repeat("abcdefgh", 4)+"\xff"+strings.Repeat("tail", 4), rdf.IRI{}),
		rdf.NewTypedLiteral(strings.Repeat("abcdefg", 3)+"\xe2\x80"+strings.Repeat("tail", 4), rdf.IRI{}),
		rdf.NewTypedLiteral(strings.Repeat("\x01\x7f", 9), rdf.IRI{}),
	}
	for _, subj := range []rdf.Subject{s, blank} {
		for _, o := range objects {
			tr := rdf.Triple{Subj: subj, Pred: p, Obj: o}
			if got, want := string(appendNTriple(nil, tr)), tr.Serialize(rdf.NTriples); got != want {
				t.Errorf("got  %q\nwant %q", got, want)
			}
		}
	}
}

func FuzzAppendNTriple(f *testing.F) {
	f.Add("tekst", "nl", "http://www.w3.org/2001/XMLSchema#date")
	f.Add("a\"b\\c\nd\re", "", "")
	f.Add("\xff", "en-GB", "x")
	f.Add(strings.Repeat("woord ", 5)+"\"é\n\xe2\x80\xa8"+strings.Repeat("x", 9)+"\xc3", "", "")
	f.Fuzz(func(t *testing.T, text, lang, dt string) {
		s, _ := rdf.NewIRI("https://example.org/s")
		var o rdf.Object = rdf.NewTypedLiteral(text, rdf.IRI{})
		if dtIRI, err := rdf.NewIRI(dt); err == nil {
			o = rdf.NewTypedLiteral(text, dtIRI)
		}
		if lang != "" { // knakk panics on an empty tag
			if l, err := rdf.NewLangLiteral(text, lang); err == nil {
				o = l
			}
		}
		tr := rdf.Triple{Subj: s, Pred: s, Obj: o}
		if got, want := string(appendNTriple([]byte("x"), tr)), "x"+tr.Serialize(rdf.NTriples); got != want {
			t.Fatalf("got  %q\nwant %q", got, want)
		}
	})
}
