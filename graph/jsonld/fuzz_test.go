package jsonld_test

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/knakk/rdf"
	"github.com/piprate/json-gold/ld"

	"github.com/pledgegraph/pledgegraph/graph/jsonld"
	"github.com/pledgegraph/pledgegraph/graph/turtle"
	"github.com/pledgegraph/pledgegraph/vocab"
)

// FuzzEncode: whatever triples come in, the encoder either refuses them
// (text or IRIs that are not UTF-8, a bad language tag, a language string
// without tag) or writes JSON-LD that json-gold expands to exactly the same
// triples. local shapes IRIs (under a prefix or not, with "//", equal to a
// namespace) and blank node labels; dt picks a datatype ("x:" an XSD one,
// "r:" an RDF one, else one of example.org).
func FuzzEncode(f *testing.F) {
	f.Add("4.3.2", "Visienota 'X' \"Y\" \\ }", "nl", "x:string")
	f.Add("s1#ref-0", "a\nb\r\tc\x00 \u2028", "nl-BE", "x:date")
	f.Add("", "", "", "x:integer")
	f.Add("a/b", "3", "EN", "r:langString")
	f.Add("//x", "€ “quoted” </script>", "en", "r:langString")
	f.Add("%41é", "\xff", "nl", "dt")
	f.Add("_:b0", "x", "n-l", "x:dateTime")
	f.Fuzz(func(t *testing.T, local, text, tag, dt string) {
		ns := "https://example.org/id/"
		subj, err := rdf.NewIRI(ns + local)
		if err != nil {
			return
		}
		var dtIRI rdf.IRI
		switch {
		case strings.HasPrefix(dt, "x:"):
			dtIRI, err = rdf.NewIRI(vocab.XSD + dt[2:])
		case strings.HasPrefix(dt, "r:"):
			dtIRI, err = rdf.NewIRI(vocab.RDF + dt[2:])
		default:
			dtIRI, err = rdf.NewIRI("https://example.org/dt/" + dt)
		}
		if err != nil {
			return
		}
		pred, _ := rdf.NewIRI("https://example.org/p/" + local)
		if pred.String() == "" {
			return
		}
		var text1 rdf.Object = rdf.NewTypedLiteral(text, mustIRI(t, vocab.XSD+"string"))
		badTag := false
		if tag != "" {
			l, err := rdf.NewLangLiteral(text, tag)
			if err != nil {
				return
			}
			text1, badTag = l, !turtle.ValidLangTag(tag)
		}
		triples := []rdf.Triple{
			{Subj: subj, Pred: vocab.RDFType, Obj: subj},
			{Subj: subj, Pred: vocab.SchemaName, Obj: text1},
			{Subj: subj, Pred: vocab.DCTTitle, Obj: text1},
			{Subj: subj, Pred: pred, Obj: rdf.NewTypedLiteral(text, dtIRI)},
			{Subj: subj, Pred: vocab.DCTHasPart, Obj: mustIRI(t, ns)},
			{Subj: mustIRI(t, ns), Pred: pred, Obj: subj},
			{Subj: subj, Pred: vocab.SchemaPosition, Obj: rdf.NewTypedLiteral(text, dtIRI)},
		}
		if b, err := rdf.NewBlank(local); err == nil && utf8.ValidString(local) {
			triples = append(triples,
				rdf.Triple{Subj: b, Pred: vocab.DCTReferences, Obj: subj},
				rdf.Triple{Subj: subj, Pred: vocab.DCTReferences, Obj: b})
		}

		doc, err := encodeAll(triples, "")
		langStringWithoutTag := dtIRI.String() == vocab.RDF+"langString"
		refused := !utf8.ValidString(text) || !utf8.ValidString(local) || !utf8.ValidString(dt) || badTag || langStringWithoutTag
		if refused {
			if err == nil {
				t.Fatalf("accepted what cannot be written faithfully:\n%s", doc)
			}
			return
		}
		if err != nil {
			t.Fatalf("valid triples refused: %v", err)
		}
		if !json.Valid(doc) {
			t.Fatalf("not JSON:\n%s", doc)
		}
		if !goldTakes(triples) {
			// json-gold takes IRIs for what Go's url.Parse accepts and
			// http(s) ones for what matches its URL pattern; others (a '%'
			// without two hex digits, which RFC 3987 does not allow either)
			// it refuses or drops, which ToNQuads reports.
			return
		}
		nq, err := jsonld.ToNQuads(doc, nil)
		if err != nil {
			t.Fatalf("json-gold cannot read it: %v\n%s", err, doc)
		}
		sameLines(t, "json-gold", canonical(t, nq), expected(t, triples))
	})
}

// goldTakes tells whether json-gold keeps every IRI of the triples.
func goldTakes(ts []rdf.Triple) bool {
	ok := func(x rdf.Term) bool {
		var iri string
		switch x := x.(type) {
		case rdf.IRI:
			iri = x.String()
		case rdf.Literal:
			iri = x.DataType.String()
		default:
			return true
		}
		return !ld.IsRelativeIri(iri) && !ld.InvalidNode(ld.NewIRI(iri))
	}
	for _, tr := range ts {
		if !ok(tr.Subj) || !ok(tr.Pred) || !ok(tr.Obj) {
			return false
		}
	}
	return true
}

// expected is the triples as json-gold would write them, made without any
// parser.
func expected(t testing.TB, ts []rdf.Triple) []string {
	t.Helper()
	ds := ld.NewRDFDataset()
	node := func(x rdf.Term) ld.Node {
		switch x := x.(type) {
		case rdf.IRI:
			return ld.NewIRI(x.String())
		case rdf.Blank:
			return ld.NewBlankNode(x.Serialize(rdf.NTriples))
		case rdf.Literal:
			return ld.NewLiteral(x.String(), x.DataType.String(), x.Lang())
		}
		t.Fatalf("term %v", x)
		return nil
	}
	blanks := false
	for _, tr := range ts {
		q := ld.NewQuad(node(tr.Subj), node(tr.Pred), node(tr.Obj), "@default")
		blanks = blanks || ld.IsBlankNode(q.Subject) || ld.IsBlankNode(q.Object)
		ds.Graphs["@default"] = append(ds.Graphs["@default"], q)
	}
	return canonicalDataset(t, ds, blanks)
}
