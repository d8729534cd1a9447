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
		triples := []rdf.Triple{
			{Subj: subj, Pred: pred, Obj: obj},
			{Subj: subj, Pred: pred, Obj: subj},
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
		decoded, err := rdf.NewTripleDecoder(bytes.NewReader(buf.Bytes()), rdf.Turtle).DecodeAll()
		if err != nil {
			t.Fatalf("cannot read back %q: %v", buf.String(), err)
		}
		if got, want := ntLines(decoded), ntLines(triples); !equal(got, want) {
			t.Fatalf("read back %q\nwant %q\nfrom %q", got, want, buf.String())
		}
	})
}
