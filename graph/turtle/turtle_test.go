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
		{"negative integer shorthand", rdf.NewTypedLiteral("-7", xsd("integer")), `-7`},
		{"zero shorthand", rdf.NewTypedLiteral("0", xsd("integer")), `0`},
		{"integer not lexical", rdf.NewTypedLiteral("12 ", xsd("integer")), `"12 "^^xsd:integer`},
		{"integer with plus sign is not canonical", rdf.NewTypedLiteral("+1", xsd("integer")), `"+1"^^xsd:integer`},
		{"integer with leading zero is not canonical", rdf.NewTypedLiteral("01", xsd("integer")), `"01"^^xsd:integer`},
		{"negative zero is not canonical", rdf.NewTypedLiteral("-0", xsd("integer")), `"-0"^^xsd:integer`},
		{"boolean 1 is not canonical", rdf.NewTypedLiteral("1", xsd("boolean")), `"1"^^xsd:boolean`},
		{"boolean", rdf.NewTypedLiteral("true", xsd("boolean")), `true`},
		{"datatype outside table", rdf.NewTypedLiteral("x", iri(t, "http://example.com/dt")), `"x"^^<http://example.com/dt>`},
	}
	subj := iri(t, "https://example.org/id/s")
	pred := iri(t, "http://schema.org/p")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			triple := rdf.Triple{Subj: subj, Pred: pred, Obj: tc.obj}
			var buf bytes.Buffer
			e := newEncoder(t, &buf, testPrefixes)
			if err := e.Encode(triple); err != nil {
				t.Fatal(err)
			}
			if err := e.Close(); err != nil {
				t.Fatal(err)
			}
			body, ok := strings.CutPrefix(buf.String(), header(testPrefixes))
			want := "id:s schema:p " + tc.want + " .\n"
			if !ok || body != want {
				t.Errorf("got  %q\nwant %q after the prefix block", buf.String(), want)
			}
			assertRoundTrip(t, buf.Bytes(), []rdf.Triple{triple})
		})
	}
}

func newEncoder(t testing.TB, w *bytes.Buffer, ps []Prefix) *Encoder {
	t.Helper()
	e, err := NewEncoder(w, ps)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// header is the prefix block NewEncoder writes for ps.
func header(ps []Prefix) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("@prefix " + p.Name + ": <" + p.IRI + "> .\n")
	}
	if len(ps) > 0 {
		b.WriteString("\n")
	}
	return b.String()
}

// TestPrefixesUpFront: the whole table is declared before the first
// triple, so the document can stream; nothing is declared twice.
func TestPrefixesUpFront(t *testing.T) {
	var buf bytes.Buffer
	ps := append(append([]Prefix(nil), testPrefixes...), Prefix{"schema", "http://schema.org/"})
	e := newEncoder(t, &buf, ps)
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if buf.String() != header(testPrefixes) {
		t.Errorf("got %q, want %q", buf.String(), header(testPrefixes))
	}
	buf.Reset()
	e = newEncoder(t, &buf, nil)
	if err := e.Close(); err != nil || buf.Len() != 0 {
		t.Errorf("no prefixes, no triples: %q, %v", buf.String(), err)
	}
}

func TestPrefixTableRefused(t *testing.T) {
	for _, tc := range []struct {
		name string
		ps   []Prefix
		want string
	}{
		{"same name, two namespaces", []Prefix{{"ex", "http://example.org/a/"}, {"ex", "http://example.org/b/"}}, `prefix "ex" bound to two namespaces`},
		{"name ending in a dot", []Prefix{{"ns0.", "http://x/"}}, "not a valid PN_PREFIX"},
		{"relative namespace", []Prefix{{"ex", "/a/"}}, "relative"},
		{"namespace with a space", []Prefix{{"ex", "http://x/a b/"}}, "space"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := NewEncoder(&bytes.Buffer{}, tc.ps); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("NewEncoder: %v, want an error with %q", err, tc.want)
			}
			if err := EncodeAll(&bytes.Buffer{}, tc.ps, nil); err == nil {
				t.Error("EncodeAll accepted the table")
			}
		})
	}
	if err := ValidatePrefixes(testPrefixes); err != nil {
		t.Error(err)
	}
}

// TestRelativeIRIsRefused: a reader would resolve <foo> against its own
// base, so a relative IRI cannot be written faithfully anywhere.
func TestRelativeIRIsRefused(t *testing.T) {
	abs := iri(t, "http://example.org/s")
	for _, rel := range []string{"foo", "#x", "/a", "//host/x", "4.3.2", "?q=1", ":x"} {
		r := iri(t, rel)
		for _, tr := range []rdf.Triple{
			{Subj: r, Pred: abs, Obj: abs},
			{Subj: abs, Pred: r, Obj: abs},
			{Subj: abs, Pred: abs, Obj: r},
			{Subj: abs, Pred: abs, Obj: rdf.NewTypedLiteral("x", r)},
		} {
			var buf bytes.Buffer
			e := newEncoder(t, &buf, testPrefixes)
			if err := e.Encode(tr); err == nil || !strings.Contains(err.Error(), "relative") {
				t.Errorf("%q in %v: %v, want a relative-IRI error", rel, tr, err)
			}
		}
	}
}

func TestNeeded(t *testing.T) {
	triples := []rdf.Triple{
		{Subj: iri(t, "https://example.org/id/regeerakkoord/sectie/4.3"), Pred: iri(t, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), Obj: iri(t, "http://example.com/C")},
		{Subj: iri(t, "http://example.com/s"), Pred: iri(t, "http://example.com/p"), Obj: rdf.NewTypedLiteral("2021-01-01", iri(t, "http://www.w3.org/2001/XMLSchema#date"))},
		{Subj: iri(t, "https://example.org/id/a/b"), Pred: iri(t, "http://example.com/p"), Obj: iri(t, "http://example.com/o")},
	}
	got := Needed(testPrefixes, triples)
	// rdf:type is written "a"; id: cannot abbreviate a/b; sectie: wins over id: by length.
	want := []Prefix{testPrefixes[1], testPrefixes[3]}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("Needed = %v, want %v", got, want)
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
		e := newEncoder(t, &buf, testPrefixes)
		if err := e.Encode(rdf.Triple{Subj: subj, Pred: pred, Obj: o}); err == nil {
			t.Errorf("Encode(%#v) succeeded, want an error", o)
		}
		if err := e.Encode(rdf.Triple{Subj: subj, Pred: pred, Obj: str(t, "ok")}); err == nil {
			t.Error("encoder kept writing after an error")
		}
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
	e := newEncoder(t, &buf, nil)
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

// TestRenderedBlocksAsEncode: blocks rendered ahead (on other goroutines)
// and written in order give exactly the bytes of encoding the triples one
// by one, also when a block continues the statement still open.
func TestRenderedBlocksAsEncode(t *testing.T) {
	s := func(n string) rdf.IRI { return iri(t, "https://example.org/id/"+n) }
	p := iri(t, "http://schema.org/name")
	q := iri(t, "http://schema.org/text")
	typ := iri(t, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
	blocks := [][]rdf.Triple{
		{{Subj: s("a"), Pred: typ, Obj: iri(t, "http://schema.org/Claim")}, {Subj: s("a"), Pred: p, Obj: lang(t, "x", "nl")}},
		{{Subj: s("a"), Pred: p, Obj: str(t, "continues a's statement")}, {Subj: s("b"), Pred: q, Obj: str(t, "b")}},
		{},
		{{Subj: s("c"), Pred: q, Obj: rdf.NewTypedLiteral("+1", iri(t, "http://www.w3.org/2001/XMLSchema#integer"))}, {Subj: s("c"), Pred: q, Obj: s("b")}},
	}
	var want, got bytes.Buffer
	seq := newEncoder(t, &want, testPrefixes)
	for _, b := range blocks {
		for _, tr := range b {
			if err := seq.Encode(tr); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := seq.Close(); err != nil {
		t.Fatal(err)
	}
	par := newEncoder(t, &got, testPrefixes)
	rendered := make([]*Block, len(blocks))
	errs := make(chan error, len(blocks))
	for i, b := range blocks {
		go func() {
			var err error
			rendered[i], err = par.Render(b)
			errs <- err
		}()
	}
	for range blocks {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	for _, b := range rendered {
		if err := par.WriteBlock(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := par.Close(); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("rendered blocks:\n%s\nencoded one by one:\n%s", got.String(), want.String())
	}
	if _, err := par.Render([]rdf.Triple{{Subj: s("x"), Pred: p, Obj: iri(t, "relative")}}); err == nil {
		t.Error("Render accepted a relative IRI")
	}
}
