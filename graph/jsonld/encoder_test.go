package jsonld_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph/jsonld"
	"github.com/pledgegraph/pledgegraph/graph/turtle"
	"github.com/pledgegraph/pledgegraph/vocab"
)

var testPrefixes = []turtle.Prefix{
	{Name: "schema", IRI: vocab.Schema},
	{Name: "dct", IRI: vocab.DCT},
	{Name: "xsd", IRI: vocab.XSD},
	{Name: "rdf", IRI: vocab.RDF},
	{Name: "pg", IRI: vocab.PG},
	{Name: "ex", IRI: "https://example.org/id/"},
	{Name: "exa", IRI: "https://example.org/id/a/"},
}

func iri(t testing.TB, s string) rdf.IRI { return mustIRI(t, s) }

func lang(t testing.TB, s, tag string) rdf.Literal {
	t.Helper()
	l, err := rdf.NewLangLiteral(s, tag)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func typed(t testing.TB, s, dt string) rdf.Literal { return rdf.NewTypedLiteral(s, mustIRI(t, dt)) }

func blank(t testing.TB, id string) rdf.Blank {
	t.Helper()
	b, err := rdf.NewBlank(id)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// encodeAll writes one document of the triples with the test prefixes.
func encodeAll(triples []rdf.Triple, contextURL string) ([]byte, error) {
	var buf bytes.Buffer
	enc, err := jsonld.NewEncoder(&buf, testPrefixes, contextURL)
	if err != nil {
		return nil, err
	}
	if err := enc.Encode(triples); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ntriples is what the triples are as N-Triples, canonical.
func ntriples(t testing.TB, ts []rdf.Triple) []string {
	t.Helper()
	var b strings.Builder
	for _, tr := range ts {
		b.WriteString(tr.Serialize(rdf.NTriples))
	}
	return canonical(t, []byte(b.String()))
}

// manyNodes: s has n parts, each part of s, each part's IRI one string
// used as object and as subject.
func manyNodes(t testing.TB, s rdf.IRI, n int) []rdf.Triple {
	var ts []rdf.Triple
	parts := make([]rdf.IRI, n)
	for i := range parts {
		parts[i] = iri(t, "https://example.org/id/n"+strconv.Itoa(i))
		ts = append(ts, rdf.Triple{Subj: s, Pred: vocab.DCTHasPart, Obj: parts[i]})
	}
	for _, p := range parts {
		ts = append(ts, rdf.Triple{Subj: p, Pred: vocab.DCTIsPartOf, Obj: s})
	}
	return ts
}

// TestShapes: how each shape of value is written, and that json-gold reads
// back exactly the triples.
func TestShapes(t *testing.T) {
	s := iri(t, "https://example.org/id/s")
	o := iri(t, "https://example.org/id/o")
	cases := []struct {
		name    string
		triples []rdf.Triple
		want    []string // in the node object, in this order
	}{
		{"Dutch text under its term", []rdf.Triple{{Subj: s, Pred: vocab.SchemaName, Obj: lang(t, "Naam & zo", "nl")}},
			[]string{`"@id": "ex:s"`, `"name": "Naam & zo"`}},
		{"other language under the compact IRI", []rdf.Triple{{Subj: s, Pred: vocab.SchemaName, Obj: lang(t, "Name", "en-GB")}},
			[]string{`"schema:name": {"@value": "Name", "@language": "en-GB"}`}},
		{"plain title (Themis) beside a Dutch one", []rdf.Triple{
			{Subj: s, Pred: vocab.DCTTitle, Obj: lang(t, "Titel", "nl")},
			{Subj: s, Pred: vocab.DCTTitle, Obj: typed(t, "Titel", vocab.XSD+"string")},
		}, []string{`"title": "Titel"`, `"dct:title": "Titel"`}},
		{"IRIs under an @id term", []rdf.Triple{
			{Subj: s, Pred: vocab.DCTHasPart, Obj: o},
			{Subj: s, Pred: vocab.DCTHasPart, Obj: iri(t, "http://themis.vlaanderen.be/id/besluit/1")},
		}, []string{`"hasPart": [` + "\n" + `        "ex:o",` + "\n" + `        "http://themis.vlaanderen.be/id/besluit/1"` + "\n      ]"}},
		{"IRI under a term for text", []rdf.Triple{{Subj: s, Pred: vocab.SchemaName, Obj: o}},
			[]string{`"schema:name": {"@id": "ex:o"}`}},
		{"text under an @id term", []rdf.Triple{{Subj: s, Pred: vocab.SchemaURL, Obj: typed(t, "geen IRI", vocab.XSD+"string")}},
			[]string{`"schema:url": "geen IRI"`}},
		{"typed terms", []rdf.Triple{
			{Subj: s, Pred: vocab.DCTDate, Obj: typed(t, "2021-06-18", vocab.XSD+"date")},
			{Subj: s, Pred: vocab.SchemaPosition, Obj: typed(t, "3", vocab.XSD+"integer")},
		}, []string{`"date": "2021-06-18"`, `"position": "3"`}},
		{"other datatypes say what they are", []rdf.Triple{
			{Subj: s, Pred: vocab.DCTDate, Obj: typed(t, "2021-06-18T10:00:00Z", vocab.XSD+"dateTime")},
			{Subj: s, Pred: vocab.SchemaPosition, Obj: typed(t, "+03", vocab.XSD+"integer")},
			{Subj: s, Pred: iri(t, "https://example.org/p"), Obj: typed(t, "x", "https://example.org/dt")},
		}, []string{`"dct:date": {"@value": "2021-06-18T10:00:00Z", "@type": "xsd:dateTime"}`, `"position": "+03"`,
			`"https://example.org/p": {"@value": "x", "@type": "https://example.org/dt"}`}},
		{"types: terms, compact IRIs, IRIs", []rdf.Triple{
			{Subj: s, Pred: vocab.RDFType, Obj: vocab.SchemaClaimReview},
			{Subj: s, Pred: vocab.RDFType, Obj: iri(t, vocab.PG+"Other")},
			{Subj: s, Pred: vocab.RDFType, Obj: iri(t, "urn:x:y")},
		}, []string{`"@type": [` + "\n" + `        "ClaimReview",` + "\n" + `        "pg:Other",` + "\n" + `        "urn:x:y"` + "\n      ]"}},
		{"a literal type is an rdf:type property", []rdf.Triple{{Subj: s, Pred: vocab.RDFType, Obj: typed(t, "x", vocab.XSD+"string")}},
			[]string{`"rdf:type": "x"`}},
		{"shortest compact IRI", []rdf.Triple{{Subj: iri(t, "https://example.org/id/a/b"), Pred: vocab.DCTHasPart, Obj: iri(t, "https://example.org/id/ab")}},
			[]string{`"@id": "exa:b"`, `"hasPart": "ex:ab"`}},
		{"no empty or // suffix", []rdf.Triple{{Subj: iri(t, "https://example.org/id/"), Pred: vocab.DCTHasPart, Obj: iri(t, "https://example.org/id///x")}},
			[]string{`"@id": "https://example.org/id/"`, `"hasPart": "https://example.org/id///x"`}},
		{"a namespace as predicate is its prefix term", []rdf.Triple{{Subj: s, Pred: iri(t, vocab.Schema), Obj: o}},
			[]string{`"schema": {"@id": "ex:o"}`}},
		{"blank nodes", []rdf.Triple{
			{Subj: blank(t, "b1"), Pred: vocab.DCTReferences, Obj: blank(t, "b2")},
			{Subj: blank(t, "b2"), Pred: vocab.RDFType, Obj: blank(t, "b1")},
		}, []string{`"@id": "_:b1"`, `"references": "_:b2"`, `"@type": "_:b1"`}},
		{"escapes", []rdf.Triple{{Subj: s, Pred: vocab.SchemaText, Obj: lang(t, "a\"b\\c\nd\te\x01f\u2028g</script>", "nl")}},
			[]string{`"text": "a\"b\\c\nd\te\u0001f\u2028g</script>"`}},
		{"a subject split in the input is one node", []rdf.Triple{
			{Subj: s, Pred: vocab.DCTHasPart, Obj: o},
			{Subj: o, Pred: vocab.DCTIsPartOf, Obj: s},
			{Subj: s, Pred: vocab.DCTIdentifier, Obj: typed(t, "s", vocab.XSD+"string")},
			{Subj: s, Pred: vocab.DCTHasPart, Obj: iri(t, "https://example.org/id/o2")},
		}, []string{`"@id": "ex:s",` + "\n" + `      "hasPart": [` + "\n" + `        "ex:o",` + "\n" + `        "ex:o2"` + "\n" + `      ],` + "\n" + `      "identifier": "s"` + "\n    },\n    {\n" + `      "@id": "ex:o"`}},
		{"one IRI as a type, a reference and a subject", []rdf.Triple{
			{Subj: s, Pred: vocab.RDFType, Obj: vocab.SchemaClaimReview},
			{Subj: s, Pred: vocab.DCTReferences, Obj: vocab.SchemaClaimReview},
			{Subj: vocab.SchemaClaimReview, Pred: vocab.DCTReferences, Obj: s},
		}, []string{`"@type": "ClaimReview"`, `"references": "schema:ClaimReview"`, `"@id": "schema:ClaimReview"`, `"references": "ex:s"`}},
		{"more nodes, each named twice, than IRIs are remembered", manyNodes(t, s, 150),
			[]string{`"@id": "ex:s"`, `"ex:n0"`, `"ex:n149"`, `"@id": "ex:n0"`, `"isPartOf": "ex:s"`, `"@id": "ex:n149"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := encodeAll(tc.triples, "")
			if err != nil {
				t.Fatal(err)
			}
			if !json.Valid(doc) {
				t.Fatalf("not JSON:\n%s", doc)
			}
			graphPart := doc[bytes.Index(doc, []byte(`"@graph"`)):]
			at := 0
			for _, w := range tc.want {
				i := bytes.Index(graphPart[at:], []byte(w))
				if i < 0 {
					t.Fatalf("want %s (after byte %d) in\n%s", w, at, graphPart)
				}
				at += i + len(w)
			}
			nq, err := jsonld.ToNQuads(doc, nil)
			if err != nil {
				t.Fatal(err)
			}
			sameLines(t, "json-gold", canonical(t, nq), ntriples(t, tc.triples))
		})
	}
}

func TestEmptyDocument(t *testing.T) {
	doc, err := encodeAll(nil, "https://example.org/context.jsonld")
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"@context\": \"https://example.org/context.jsonld\",\n  \"@graph\": []\n}\n"
	if string(doc) != want {
		t.Fatalf("got %q, want %q", doc, want)
	}
}

// TestRefusesWhatCannotBeWritten: what no reader would take back as the
// same triple is an error naming it, as in the Turtle writer.
func TestRefusesWhatCannotBeWritten(t *testing.T) {
	s := iri(t, "https://example.org/id/s")
	cases := []struct {
		name   string
		triple rdf.Triple
		want   string
	}{
		{"relative subject", rdf.Triple{Subj: iri(t, "s"), Pred: vocab.DCTTitle, Obj: s}, "relative"},
		{"relative object", rdf.Triple{Subj: s, Pred: vocab.DCTHasPart, Obj: iri(t, "../o")}, "relative"},
		{"relative predicate", rdf.Triple{Subj: s, Pred: iri(t, "p"), Obj: s}, "relative"},
		{"relative datatype", rdf.Triple{Subj: s, Pred: vocab.DCTDate, Obj: typed(t, "x", "date")}, "relative"},
		{"scheme is a prefix", rdf.Triple{Subj: s, Pred: vocab.DCTHasPart, Obj: iri(t, "ex:thing")}, "compact IRI"},
		{"IRI not UTF-8", rdf.Triple{Subj: s, Pred: vocab.DCTHasPart, Obj: iri(t, "https://example.org/\xff")}, "UTF-8"},
		{"text not UTF-8", rdf.Triple{Subj: s, Pred: vocab.SchemaText, Obj: lang(t, "a\xffb", "nl")}, "UTF-8"},
		{"langString without tag", rdf.Triple{Subj: s, Pred: vocab.SchemaText, Obj: typed(t, "a", vocab.RDF+"langString")}, "language tag"},
		{"empty IRI", rdf.Triple{Subj: rdf.IRI{}, Pred: vocab.DCTTitle, Obj: s}, "empty IRI"},
		{"no object", rdf.Triple{Subj: s, Pred: vocab.DCTTitle}, "no subject, predicate or object"},
		{"zero blank node", rdf.Triple{Subj: s, Pred: vocab.DCTHasPart, Obj: rdf.Blank{}}, "blank node"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := encodeAll([]rdf.Triple{tc.triple}, "")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error with %q", err, tc.want)
			}
		})
	}
	if _, err := encodeAll(nil, "context.jsonld"); err == nil || !strings.Contains(err.Error(), "relative") {
		t.Errorf("a relative context URL: %v", err)
	}
	if _, err := jsonld.Context([]turtle.Prefix{{Name: "name", IRI: "https://example.org/"}}); err == nil {
		t.Error("a prefix named like a term was accepted")
	}
	if _, err := jsonld.Context([]turtle.Prefix{{Name: "a", IRI: "https://x/"}, {Name: "a", IRI: "https://y/"}}); err == nil {
		t.Error("a prefix bound twice was accepted")
	}
}

// TestEncoderStopsAfterAnError: a refused triple stops the document; Close
// reports the error and nothing more is written.
func TestEncoderStopsAfterAnError(t *testing.T) {
	var buf bytes.Buffer
	enc, err := jsonld.NewEncoder(&buf, testPrefixes, "")
	if err != nil {
		t.Fatal(err)
	}
	s := iri(t, "https://example.org/id/s")
	if err := enc.Encode([]rdf.Triple{{Subj: s, Pred: vocab.DCTHasPart, Obj: iri(t, "rel")}}); err == nil {
		t.Fatal("relative IRI accepted")
	}
	if err := enc.Encode([]rdf.Triple{{Subj: s, Pred: vocab.DCTHasPart, Obj: s}}); err == nil {
		t.Fatal("Encode after an error succeeded")
	}
	if err := enc.Close(); err == nil {
		t.Fatal("Close after an error succeeded")
	}
	if buf.Len() != 0 {
		t.Fatalf("wrote %d bytes of a failed document", buf.Len())
	}
	if err := enc.Encode(nil); !errors.Is(err, jsonld.ErrClosed) {
		t.Fatalf("Encode after Close: %v", err)
	}
}

// TestContextDocument: the context is JSON, declares the prefixes in their
// order, leaves out what cannot be a JSON-LD prefix, and is the same bytes
// for the same prefixes.
func TestContextDocument(t *testing.T) {
	ps := append([]turtle.Prefix{{Name: "odd", IRI: "https://example.org/ns"}}, testPrefixes...)
	a, err := jsonld.Context(ps)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := jsonld.Context(ps)
	if !bytes.Equal(a, b) {
		t.Fatal("the same prefixes gave different bytes")
	}
	var doc map[string]map[string]any
	if err := json.Unmarshal(a, &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, a)
	}
	ctx := doc["@context"]
	if _, ok := ctx["odd"]; ok {
		t.Error(`"odd" (no '/' or '#' at the end) is declared`)
	}
	for _, p := range testPrefixes {
		if ctx[p.Name] != p.IRI {
			t.Errorf("prefix %s: %v", p.Name, ctx[p.Name])
		}
	}
	if i, j := bytes.Index(a, []byte(`"schema":`)), bytes.Index(a, []byte(`"dct":`)); i < 0 || j < i {
		t.Error("prefixes are not in the order given")
	}
	name, _ := ctx["name"].(map[string]any)
	if name["@id"] != "schema:name" || name["@language"] != "nl" {
		t.Errorf(`"name" is %v`, ctx["name"])
	}
	// Without prefixes the terms name their IRIs in full.
	bare, err := jsonld.Context(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(bare, []byte(`"name": {"@id": "http://schema.org/name", "@language": "nl"}`)) {
		t.Errorf("context without prefixes:\n%s", bare)
	}
}

// TestLoaderNeverFetches: a context URL the loader does not serve is an
// error that names it, and no request leaves the process.
func TestLoaderNeverFetches(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Header().Set("Content-Type", jsonld.MediaType)
		w.Write([]byte(`{"@context": {"name": "http://schema.org/name"}}`))
	}))
	defer srv.Close()
	ctx, err := jsonld.Context(testPrefixes)
	if err != nil {
		t.Fatal(err)
	}
	served := "https://example.org/context.jsonld"
	loader, err := jsonld.NewLoader(map[string][]byte{served: ctx})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{srv.URL + "/context.jsonld", "https://schema.org/"} {
		doc := []byte(`{"@context": "` + u + `", "@id": "https://example.org/s", "name": "x"}`)
		for _, l := range []*jsonld.Loader{loader, nil} {
			_, err := jsonld.ToNQuads(doc, l)
			if err == nil || !strings.Contains(err.Error(), u+" is not loaded") {
				t.Errorf("%s: got %v", u, err)
			}
		}
	}
	if n := requests.Load(); n != 0 {
		t.Fatalf("%d requests reached the server", n)
	}
	doc := []byte(`{"@context": "` + served + `", "@id": "ex:s", "name": "x"}`)
	nq, err := jsonld.ToNQuads(doc, loader)
	if err != nil {
		t.Fatal(err)
	}
	if want := "<https://example.org/id/s> <http://schema.org/name> \"x\"@nl .\n"; string(nq) != want {
		t.Fatalf("got %q, want %q", nq, want)
	}
	if _, err := jsonld.NewLoader(map[string][]byte{served: []byte("{")}); err == nil {
		t.Error("a loader with a broken document was made")
	}
}

// TestToNQuadsRefusesWhatJSONGoldDrops: json-gold drops these silently;
// ToNQuads names them instead.
func TestToNQuadsRefusesWhatJSONGoldDrops(t *testing.T) {
	for _, tc := range []struct{ doc, want string }{
		{`{"@context": {"x": "https://example.org/x"}, "@id": "https://example.org/s", "undefined": "v"}`, "did not expand"},
		{`{"@id": "s", "https://example.org/p": "v"}`, "not an absolute IRI"},
		{`{"@id": "https://example.org/s", "https://example.org/p": {"@value": "v", "@language": "n_l"}}`, "language tag"},
		{`{"@id": "https://example.org/s", "https://example.org/p": {"@id": "http://example.org/` + strings.Repeat("a", 2100) + `"}}`, "deems IRI"},
		{`{"@id": "https://example.org/s", "@type": "T"}`, "not an absolute IRI"},
		{`[1, 2`, "not JSON"},
	} {
		_, err := jsonld.ToNQuads([]byte(tc.doc), nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error with %q", tc.doc, err, tc.want)
		}
	}
}
