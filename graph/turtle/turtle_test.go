package turtle

import (
	"bytes"
	"sort"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/internal/testtool"
)

var testPrefixes = []Prefix{
	{"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
	{"xsd", "http://www.w3.org/2001/XMLSchema#"},
	{"schema", "http://schema.org/"},
	{"sectie", "https://example.org/id/regeerakkoord/sectie/"},
	{"id", "https://example.org/id/"},
}

func iri(t testing.TB, s string) rdf.IRI {
	t.Helper()
	i, err := rdf.NewIRI(s)
	if err != nil {
		t.Fatal(err)
	}
	return i
}

func lang(t testing.TB, s, tag string) rdf.Literal {
	t.Helper()
	l, err := rdf.NewLangLiteral(s, tag)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func str(t testing.TB, s string) rdf.Literal {
	t.Helper()
	l, err := rdf.NewLiteral(s)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestTerms(t *testing.T) {
	xsd := func(n string) rdf.IRI { return iri(t, "http://www.w3.org/2001/XMLSchema#"+n) }
	tests := []struct {
		name string
		obj  rdf.Object
		want string
	}{
		{"prefixed", iri(t, "http://schema.org/Claim"), "schema:Claim"},
		{"longest namespace wins", iri(t, "https://example.org/id/regeerakkoord/sectie/4"), "sectie:4"},
		{"digits and inner dots", iri(t, "https://example.org/id/regeerakkoord/sectie/4.3.2"), "sectie:4.3.2"},
		{"trailing dot is not PN_LOCAL", iri(t, "https://example.org/id/regeerakkoord/sectie/4.3.2."), "<https://example.org/id/regeerakkoord/sectie/4.3.2.>"},
		{"slash in local part", iri(t, "https://example.org/id/rapport/ab12"), "<https://example.org/id/rapport/ab12>"},
		{"fragment", iri(t, "https://example.org/id/e1#s1"), "<https://example.org/id/e1#s1>"},
		{"percent escape", iri(t, "https://example.org/id/FIT%29"), "<https://example.org/id/FIT%29>"},
		{"empty local", iri(t, "http://schema.org/"), "schema:"},
		{"unknown namespace", iri(t, "http://themis.vlaanderen.be/id/nieuwsbrief-info/60C9"), "<http://themis.vlaanderen.be/id/nieuwsbrief-info/60C9>"},
		{"plain string", str(t, "tekst"), `"tekst"`},
		{"language", lang(t, "tekst", "nl"), `"tekst"@nl`},
		{"quotes and backslash", str(t, `Visienota 'X' "Y" \ }`), `"Visienota 'X' \"Y\" \\ }"`},
		{"newlines and tabs", str(t, "a\nb\r\tc"), `"a\nb\r\tc"`},
		{"control characters", str(t, "a\x00b\x1fc\x7f\b\f"), `"a\u0000b\u001Fc\u007F\b\f"`},
		{"non-ASCII kept", lang(t, "geïmpacteerde – “Vlaanderen”", "nl"), `"geïmpacteerde – “Vlaanderen”"@nl`},
		{"date", rdf.NewTypedLiteral("2021-06-18", xsd("date")), `"2021-06-18"^^xsd:date`},
		{"integer shorthand", rdf.NewTypedLiteral("12", xsd("integer")), `12`},
		{"integer not lexical", rdf.NewTypedLiteral("12 ", xsd("integer")), `"12 "^^xsd:integer`},
		{"boolean", rdf.NewTypedLiteral("true", xsd("boolean")), `true`},
		{"datatype outside table", rdf.NewTypedLiteral("x", iri(t, "http://example.com/dt")), `"x"^^<http://example.com/dt>`},
	}
	subj := iri(t, "https://example.org/id/s")
	pred := iri(t, "http://schema.org/p")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			e := NewEncoder(&buf, testPrefixes)
			if err := e.Encode(rdf.Triple{Subj: subj, Pred: pred, Obj: tc.obj}); err != nil {
				t.Fatal(err)
			}
			if err := e.Close(); err != nil {
				t.Fatal(err)
			}
			want := "id:s schema:p " + tc.want + " .\n"
			if buf.String() != want {
				t.Errorf("got  %q\nwant %q", buf.String(), want)
			}
		})
	}
}

func TestRejectsWhatCannotBeWritten(t *testing.T) {
	subj := iri(t, "https://example.org/id/s")
	pred := iri(t, "http://schema.org/p")
	bad := []rdf.Object{
		str(t, "bad \xff utf-8"),
		rdf.NewTypedLiteral("x\xc3", iri(t, "http://example.com/dt")),
	}
	for _, o := range bad {
		var buf bytes.Buffer
		e := NewEncoder(&buf, testPrefixes)
		if err := e.Encode(rdf.Triple{Subj: subj, Pred: pred, Obj: o}); err == nil {
			t.Errorf("Encode(%#v) succeeded, want an error", o)
		}
		if err := e.Encode(rdf.Triple{Subj: subj, Pred: pred, Obj: str(t, "ok")}); err == nil {
			t.Error("encoder kept writing after an error")
		}
	}
	if err := ValidatePrefixes([]Prefix{{"ns0.", "http://x/"}}); err == nil {
		t.Error("prefix name ending in '.' accepted")
	}
	if err := ValidatePrefixes(testPrefixes); err != nil {
		t.Error(err)
	}
}

func TestGroupingAndPrefixBlock(t *testing.T) {
	s1 := iri(t, "https://example.org/id/regeerakkoord/sectie/4.3")
	s2 := iri(t, "https://example.org/id/regeerakkoord/sectie/4.3.2")
	typ := iri(t, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
	part := iri(t, "http://schema.org/hasPart")
	name := iri(t, "http://schema.org/name")
	triples := []rdf.Triple{
		{Subj: s1, Pred: typ, Obj: iri(t, "http://schema.org/Claim")},
		{Subj: s1, Pred: part, Obj: s2},
		{Subj: s1, Pred: part, Obj: iri(t, "https://example.org/id/regeerakkoord/sectie/4.3.1")},
		{Subj: s1, Pred: name, Obj: lang(t, "FIT", "nl")},
		{Subj: s2, Pred: typ, Obj: iri(t, "http://schema.org/Claim")},
	}
	var buf bytes.Buffer
	if err := EncodeAll(&buf, testPrefixes, triples); err != nil {
		t.Fatal(err)
	}
	want := `@prefix schema: <http://schema.org/> .
@prefix sectie: <https://example.org/id/regeerakkoord/sectie/> .

sectie:4.3 a schema:Claim ;
    schema:hasPart sectie:4.3.2 ,
        sectie:4.3.1 ;
    schema:name "FIT"@nl .

sectie:4.3.2 a schema:Claim .
`
	if buf.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", buf.String(), want)
	}
	assertRoundTrip(t, buf.Bytes(), triples)
}

func TestEmptyDocument(t *testing.T) {
	var buf bytes.Buffer
	if err := EncodeAll(&buf, testPrefixes, nil); err != nil {
		t.Fatal(err)
	}
	if buf.Len() != 0 {
		t.Errorf("empty graph wrote %q", buf.String())
	}
}

func TestCloseTwice(t *testing.T) {
	var buf bytes.Buffer
	e := NewEncoder(&buf, nil)
	_ = e.Encode(rdf.Triple{Subj: iri(t, "http://x/s"), Pred: iri(t, "http://x/p"), Obj: str(t, "o")})
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(buf.String(), " ."); got != 1 {
		t.Errorf("statement terminated %d times: %q", got, buf.String())
	}
	if err := e.Encode(rdf.Triple{Subj: iri(t, "http://x/s"), Pred: iri(t, "http://x/p"), Obj: str(t, "o")}); err != ErrClosed {
		t.Errorf("Encode after Close: %v", err)
	}
}

// assertRoundTrip checks that knakk's decoder and rapper both read doc back
// to exactly the given triples.
func assertRoundTrip(t testing.TB, doc []byte, triples []rdf.Triple) {
	t.Helper()
	want := ntLines(triples)
	decoded, err := rdf.NewTripleDecoder(bytes.NewReader(doc), rdf.Turtle).DecodeAll()
	if err != nil {
		t.Fatalf("knakk cannot read:\n%s\nerror: %v", doc, err)
	}
	if got := ntLines(decoded); !equal(got, want) {
		t.Errorf("knakk reads\n%s\nwant\n%s\nfrom\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), doc)
	}
	if got := testtool.RapperNTriples(t, "turtle", doc); !equal(got, rapperLines(t, triples)) {
		t.Errorf("rapper reads\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func ntLines(ts []rdf.Triple) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range ts {
		l := strings.TrimSuffix(t.Serialize(rdf.NTriples), "\n")
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}

// rapperLines is what rapper prints for the triples, which may escape
// differently from knakk: read knakk's N-Triples through rapper too.
func rapperLines(t testing.TB, ts []rdf.Triple) []string {
	var b strings.Builder
	for _, l := range ntLines(ts) {
		b.WriteString(l + "\n")
	}
	return testtool.RapperNTriples(t, "ntriples", []byte(b.String()))
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
