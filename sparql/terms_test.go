package sparql

import (
	"fmt"
	"go/build"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/knakk/rdf"
)

// injection holds values that try to break out of a literal or an IRI.
var injection = []string{
	`Visienota 'X' "Y" \ }`,
	`x" } ; DROP ALL ; SELECT * { "`,
	`x' } ; DROP ALL ; SELECT * { '`,
	"regel 1\nregel 2\r\nregel 3",
	`\u0022 is geen aanhalingsteken`,
	`\U00000022 evenmin`,
	`eindigt op een backslash \`,
	`"""`,
	`'''`,
	`# geen commentaar`,
	`<http://example.org/> ?s ?p ?o`,
	"tab\there, backspace\b, form feed\f, bell\a, DEL\x7f, NUL\x00.",
	"Dutch ïéë ’ — € § and 🇧🇪",
	"",
}

func TestIRI(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // "" means an error
	}{
		{"http://themis.vlaanderen.be/id/besluit/1", "<http://themis.vlaanderen.be/id/besluit/1>"},
		{"https://example.org/a?b=c&d=e#frag", "<https://example.org/a?b=c&d=e#frag>"},
		{"urn:uuid:f1c7f1c7", "<urn:uuid:f1c7f1c7>"},
		{"http://x/é/日本", "<http://x/é/日本>"},
		{"a+b-c.d:x", "<a+b-c.d:x>"},
		{"", ""},
		{"relative/path", ""},
		{"/absolute/path", ""},
		{"1http://x", ""},
		{":x", ""},
		{"http://x> ?p ?o } ; DROP ALL ; SELECT * { <http://y", ""},
		{"http://x/a b", ""},
		{"http://x/{id}", ""},
		{"http://x/a|b", ""},
		{"http://x/a^b", ""},
		{"http://x/a`b", ""},
		{`http://x/a\b`, ""},
		{`http://x/a"b`, ""},
		{"http://x/a<b", ""},
		{"http://x/a\nb", ""},
		{"http://x/a\tb", ""},
		{"http://x/a\u00a0b", ""},
		{"http://x/a\u0085b", ""},
		{"http://x/a\x7fb", ""},
		{"http://x/\xff", ""},
	} {
		got, err := IRI(tc.in)
		switch {
		case tc.want == "" && err == nil:
			t.Errorf("IRI(%q) = %q, want an error", tc.in, got)
		case tc.want != "" && err != nil:
			t.Errorf("IRI(%q): %v", tc.in, err)
		case got != tc.want:
			t.Errorf("IRI(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestString(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", `""`},
		{"plain", `"plain"`},
		{`a"b`, `"a\"b"`},
		{`a\b`, `"a\\b"`},
		{"a\nb\rc\td\be\ff", `"a\nb\rc\td\be\ff"`},
		{"\x00\x01\x1f\x7f", `"\u0000\u0001\u001F\u007F"`},
		{`\u0022`, `"\\u0022"`},
		{"'single'", `"'single'"`},
		{"é 🇧🇪 \u2028", "\"é 🇧🇪 \u2028\""},
		{"bad \xff byte", "\"bad \uFFFD byte\""},
		{`x" } ; DROP ALL ; SELECT * { "`, `"x\" } ; DROP ALL ; SELECT * { \""`},
	} {
		if got := String(tc.in); got != tc.want {
			t.Errorf("String(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
	// No output may contain a raw line break or an unescaped quote.
	for _, v := range injection {
		s := String(v)
		body := s[1 : len(s)-1]
		if strings.ContainsAny(body, "\n\r") || stringTokenLen(s) != len(s) {
			t.Errorf("String(%q) = %s does not stay one string token", v, s)
		}
	}
}

func TestLangStringTyped(t *testing.T) {
	for _, tc := range []struct {
		s, lang, want string
	}{
		{"hallo", "nl", `"hallo"@nl`},
		{"hallo", "nl-BE", `"hallo"@nl-BE`},
		{"x", "zh-Hant-TW", `"x"@zh-Hant-TW`},
		{"x", "de-CH-1901", `"x"@de-CH-1901`},
		{"x", "", ""},
		{"x", "-nl", ""},
		{"x", "nl-", ""},
		{"x", "nl--BE", ""},
		{"x", "1nl", ""},
		{"x", "nl BE", ""},
		{"x", "nl . } DROP ALL {", ""},
		{"x", "é", ""},
	} {
		got, err := LangString(tc.s, tc.lang)
		if (err != nil) != (tc.want == "") || got != tc.want {
			t.Errorf("LangString(%q, %q) = %q, %v; want %q", tc.s, tc.lang, got, err, tc.want)
		}
	}
	got, err := Typed("2021", "http://www.w3.org/2001/XMLSchema#gYear")
	if want := `"2021"^^<http://www.w3.org/2001/XMLSchema#gYear>`; err != nil || got != want {
		t.Errorf("Typed = %q, %v; want %q", got, err, want)
	}
	for _, dt := range []string{"", "gYear", "http://x> . } DROP ALL {"} {
		if got, err := Typed("1", dt); err == nil {
			t.Errorf("Typed(1, %q) = %q, want an error", dt, got)
		}
	}
}

// TestValidLangTag: SPARQL's LANGTAG, [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*, both
// through LangString and in a VALUES term.
func TestValidLangTag(t *testing.T) {
	for tag, want := range map[string]bool{
		"nl": true, "NL": true, "nl-BE": true, "zh-Hant-TW": true, "de-CH-1901": true, "x-1": true, "en-0": true, "a-b-c-d": true,
		"": false, "-": false, "-nl": false, "nl-": false, "nl--BE": false, "1nl": false, "n1": false, "nl_BE": false,
		"nl BE": false, "é": false, "nl-é": false, "nl-BE ": false, "nl@x": false, "nl-B.E": false,
	} {
		if got := validLangTag(tag); got != want {
			t.Errorf("validLangTag(%q) = %v, want %v", tag, got, want)
		}
		if got := isTerm(`"x"@` + tag); got != want {
			t.Errorf("isTerm(%q) = %v, want %v", `"x"@`+tag, got, want)
		}
	}
}

// TestNoProjectImports: the protocol client depends on no other package of
// this module (it used to import the Turtle writer for one check), so that
// it can be used, and moved, on its own.
func TestNoProjectImports(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		if strings.HasPrefix(imp, "github.com/pledgegraph/pledgegraph/") {
			t.Errorf("sparql imports %s", imp)
		}
	}
}

func TestDateTime(t *testing.T) {
	brussels := time.FixedZone("CEST", 2*3600)
	for _, tc := range []struct {
		in   time.Time
		want string
	}{
		{time.Date(2021, 6, 18, 10, 0, 0, 0, brussels), `"2021-06-18T08:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>`},
		{time.Date(2021, 6, 18, 8, 0, 0, 500_000_000, time.UTC), `"2021-06-18T08:00:00.5Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>`},
	} {
		if got := DateTime(tc.in); got != tc.want {
			t.Errorf("DateTime(%v) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestTerm(t *testing.T) {
	iri, _ := rdf.NewIRI("http://example.org/a")
	bad, _ := rdf.NewIRI("relative")
	gyear, _ := rdf.NewIRI("http://www.w3.org/2001/XMLSchema#gYear")
	plain, _ := rdf.NewLiteral(`say "hi"`)
	lang, _ := rdf.NewLangLiteral("hallo", "nl-BE")
	integer, _ := rdf.NewLiteral(42)
	blank, _ := rdf.NewBlank("b1")
	for _, tc := range []struct {
		in   rdf.Term
		want string // "" means an error
	}{
		{iri, "<http://example.org/a>"},
		{bad, ""},
		{plain, `"say \"hi\""`},
		{lang, `"hallo"@nl-BE`},
		{integer, `"42"^^<http://www.w3.org/2001/XMLSchema#integer>`},
		{rdf.NewTypedLiteral("2021", gyear), `"2021"^^<http://www.w3.org/2001/XMLSchema#gYear>`},
		{rdf.Literal{}, ""},
		{blank, ""},
		{nil, ""},
	} {
		got, err := Term(tc.in)
		if (err != nil) != (tc.want == "") || got != tc.want {
			t.Errorf("Term(%#v) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestValues(t *testing.T) {
	for _, tc := range []struct {
		name  string
		terms []string
		want  string // "" means an error
	}{
		{"item", []string{"<http://x/1>", "<http://x/2>"}, "VALUES ?item { <http://x/1> <http://x/2> }"},
		{"?item", []string{`"a"@nl`}, `VALUES ?item { "a"@nl }`},
		{"$v", []string{`"a\"b"`, `'c'`, `"1"^^<http://www.w3.org/2001/XMLSchema#int>`}, `VALUES ?v { "a\"b" 'c' "1"^^<http://www.w3.org/2001/XMLSchema#int> }`},
		{"n", []string{"1", "-2.5", "1e3", ".5", "+3.0E-2", "true", "false", "UNDEF"}, "VALUES ?n { 1 -2.5 1e3 .5 +3.0E-2 true false UNDEF }"},
		{"_x1·", nil, "VALUES ?_x1· { }"},
		{"été", []string{"<urn:a:b>"}, "VALUES ?été { <urn:a:b> }"},
		{"", []string{"1"}, ""},
		{"?", []string{"1"}, ""},
		{"?$x", []string{"1"}, ""},
		{"a b", []string{"1"}, ""},
		{"x }", []string{"1"}, ""},
		{"·x", []string{"1"}, ""},
		{"x", []string{`plain text`}, ""},
		{"x", []string{`"a" } ; DROP ALL ; SELECT * { "b"`}, ""},
		{"x", []string{`"unterminated`}, ""},
		{"x", []string{`"a"@`}, ""},
		{"x", []string{`"a"^^xsd:int`}, ""},
		{"x", []string{`<http://x> <http://y>`}, ""},
		{"x", []string{`<relative>`}, ""},
		{"x", []string{"1."}, ""},
		{"x", []string{"1e"}, ""},
		{"x", []string{""}, ""},
		{"x", []string{"\"bad \\q escape\""}, ""},
		{"x", []string{"\"line\nbreak\""}, ""},
	} {
		got, err := Values(tc.name, tc.terms)
		if (err != nil) != (tc.want == "") || got != tc.want {
			t.Errorf("Values(%q, %q) = %q, %v; want %q", tc.name, tc.terms, got, err, tc.want)
		}
	}
	// Everything the serializers produce is accepted.
	var terms []string
	for _, v := range injection {
		terms = append(terms, String(v))
		ls, _ := LangString(v, "nl-BE")
		ty, _ := Typed(v, "http://example.org/dt")
		terms = append(terms, ls, ty)
	}
	terms = append(terms, DateTime(time.Now()))
	if _, err := Values("x", terms); err != nil {
		t.Error(err)
	}
}

// FuzzString checks String against an independent parser: knakk/rdf's
// Turtle decoder must read the literal back as exactly s.
func FuzzString(f *testing.F) {
	for _, s := range injection {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip()
		}
		doc := fmt.Sprintf("<a:b> <a:c> %s .\n", String(s))
		var triples []rdf.Triple
		var err error
		done := make(chan struct{})
		go func() {
			defer close(done)
			triples, err = rdf.NewTripleDecoder(strings.NewReader(doc), rdf.Turtle).DecodeAll()
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			// The fuzzer has no time limit per input; a hang would stall it silently.
			t.Fatalf("knakk/rdf's decoder hangs on %q", doc)
		}
		if err != nil {
			t.Fatalf("decoding %q: %v", doc, err)
		}
		if len(triples) != 1 {
			t.Fatalf("decoding %q: %d triples", doc, len(triples))
		}
		if got := triples[0].Obj.String(); got != s {
			t.Fatalf("String(%q) = %s reads back as %q", s, String(s), got)
		}
	})
}
