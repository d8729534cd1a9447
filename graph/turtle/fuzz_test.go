package turtle

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/knakk/rdf"
)

// FuzzEncode: whatever text and local names come in, the encoder either
// refuses (invalid UTF-8 or an IRI that cannot be written) or writes Turtle
// that reads back to exactly the same triples.
func FuzzEncode(f *testing.F) {
	f.Add("4.3.2", "Visienota 'X' \"Y\" \\ }", "nl")
	f.Add("4.3.2.", "a\nb\r\tc\x00", "nl-BE")
	f.Add("s1", "", "")
	f.Add("_x-y", "\"\"\"", "en")
	f.Add("%41", "€ “quoted” \u2028", "x")
	f.Add("n", "+1", "")
	f.Add("n", "01", "")
	f.Add("n", "-0", "")
	f.Fuzz(func(t *testing.T, local, text, tag string) {
		subj, err := rdf.NewIRI("https://example.org/id/" + local)
		if err != nil {
			return
		}
		pred, _ := rdf.NewIRI("http://schema.org/text")
		var obj rdf.Object
		if tag != "" {
			l, err := rdf.NewLangLiteral(text, tag)
			if err != nil || !ValidLangTag(tag) {
				return
			}
			obj = l
		} else {
			l, _ := rdf.NewLiteral(text)
			obj = l
		}
		xsdInt, _ := rdf.NewIRI(xsdInteger)
		triples := []rdf.Triple{
			{Subj: subj, Pred: pred, Obj: obj},
			{Subj: subj, Pred: pred, Obj: subj},
			// Whatever the text, an integer is written bare only when
			// canonical, so it reads back as the same literal.
			{Subj: subj, Pred: pred, Obj: rdf.NewTypedLiteral(text, xsdInt)},
		}
		var buf bytes.Buffer
		err = EncodeAll(&buf, testPrefixes, triples)
		if !utf8.ValidString(text) || !utf8.ValidString(local) {
			if err == nil {
				t.Fatalf("invalid UTF-8 accepted: %q", buf.String())
			}
			return
		}
		if err != nil {
			t.Fatalf("valid input refused: %v", err)
		}
		// Rendered ahead and written as a block, the same triples give the
		// same bytes as encoded one by one (after the prefix block).
		var seq, blk bytes.Buffer
		e1, _ := NewEncoder(&seq, testPrefixes)
		e2, _ := NewEncoder(&blk, testPrefixes)
		for _, tr := range triples {
			if err := e1.Encode(tr); err != nil {
				t.Fatalf("Encode refused what EncodeAll wrote: %v", err)
			}
		}
		block, err := e2.Render(triples)
		if err != nil {
			t.Fatalf("Render refused what EncodeAll wrote: %v", err)
		}
		if err := e2.WriteBlock(block); err != nil {
			t.Fatal(err)
		}
		e1.Close()
		e2.Close()
		if seq.String() != blk.String() {
			t.Fatalf("rendered block %q, encoded %q", blk.String(), seq.String())
		}
		decoded, err := rdf.NewTripleDecoder(bytes.NewReader(buf.Bytes()), rdf.Turtle).DecodeAll()
		if err != nil {
			t.Fatalf("cannot read back %q: %v", buf.String(), err)
		}
		if got, want := ntLines(decoded), ntLines(triples); !equal(got, want) {
			t.Fatalf("read back %q\nwant %q\nfrom %q", got, want, buf.String())
		}
	})
}
