package load

import (
	"io"
	"strings"
	"testing"

	"github.com/knakk/rdf"
)

// normalized parses one line and returns its normalized triple and graph.
func normalized(t *testing.T, quads bool, line string) (string, string, error) {
	t.Helper()
	lp := lineParser{quads: quads}
	var st statement
	ok, err := lp.parse([]byte(line), &st)
	if err != nil || !ok {
		return "", "", err
	}
	g := ""
	if st.g.kind == kindIRI {
		g = string(st.g.value)
	}
	return string(appendTriple(nil, &st)), g, nil
}

func TestParseLine(t *testing.T) {
	const s, p = "<http://e.org/s>", "<http://e.org/p>"
	tests := []struct {
		name, line, want, graph string
		quads                   bool
	}{
		{name: "IRI object", line: s + " " + p + " <http://e.org/o> .", want: s + " " + p + " <http://e.org/o>"},
		{name: "tabs and no space before the dot", line: s + "\t" + p + "\t<http://e.org/o>.", want: s + " " + p + " <http://e.org/o>"},
		{name: "comment after the dot", line: s + " " + p + ` "x" . # note`, want: s + " " + p + ` "x"`},
		{name: "CRLF", line: s + " " + p + " \"x\" .\r", want: s + " " + p + ` "x"`},
		{name: "xsd:string becomes simple", line: s + " " + p + ` "x"^^<http://www.w3.org/2001/XMLSchema#string> .`, want: s + " " + p + ` "x"`},
		{name: "typed literal", line: s + " " + p + ` "01"^^<http://www.w3.org/2001/XMLSchema#integer> .`, want: s + " " + p + ` "01"^^<http://www.w3.org/2001/XMLSchema#integer>`},
		{name: "language tag lower-cased", line: s + " " + p + ` "x"@nl-BE .`, want: s + " " + p + ` "x"@nl-be`},
		{name: "non-ASCII escape written as UTF-8", line: s + " " + p + ` "\u00E9\U0001F600" .`, want: s + " " + p + ` "é😀"`},
		{name: "ASCII escapes", line: s + " " + p + ` "a\u0041\t\"\\\n\r\b\f\'" .`, want: s + " " + p + ` "aA\t\"\\\n\r\u0008\u000C'"`},
		{name: "raw UTF-8 kept", line: s + " " + p + ` "Visienota ’X’ — €" .`, want: s + " " + p + ` "Visienota ’X’ — €"`},
		{name: "< in strings escaped", line: s + " " + p + ` "<html>x</html>" .`, want: s + " " + p + ` "\u003Chtml>x\u003C/html>"`},
		{name: "IRI escape", line: `<http://e.org/\u00E9> ` + p + ` <http://e.org/o> .`, want: `<http://e.org/é> ` + p + ` <http://e.org/o>`},
		{name: "blank nodes", line: `_:a1 ` + p + ` _:b.c .`, want: `_:a1 ` + p + ` _:b.c`},
		{name: "blank label before the dot", line: `_:a ` + p + ` _:b.`, want: `_:a ` + p + ` _:b`},
		{name: "N-Quads graph", line: s + " " + p + ` "x" <http://e.org/g> .`, want: s + " " + p + ` "x"`, graph: "http://e.org/g", quads: true},
		{name: "N-Quads default graph", line: s + " " + p + ` "x" .`, want: s + " " + p + ` "x"`, quads: true},
		{name: "empty", line: "", want: ""},
		{name: "white space", line: " \t", want: ""},
		{name: "comment", line: "# <a> <b> <c> .", want: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, g, err := normalized(t, tc.quads, tc.line)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want || g != tc.graph {
				t.Errorf("got %q in %q\nwant %q in %q", got, g, tc.want, tc.graph)
			}
		})
	}
}

func TestParseLineErrors(t *testing.T) {
	const s, p = "<http://e.org/s>", "<http://e.org/p>"
	tests := []struct {
		name, line, want string
		quads            bool
	}{
		{"relative IRI", "<s> " + p + " <o> .", "relative IRI <s>: N-Triples and N-Quads need absolute IRIs (with a scheme such as http:) (column 1)", false},
		{"relative object", s + " " + p + " <o> .", "relative IRI <o>", false},
		{"space in IRI", "<http://e.org/a b> " + p + " <http://e.org/o> .", `IRI contains ' ', which must be percent-encoded (column 16)`, false},
		{"escape to a space", `<http://e.org/a\u0020b> ` + p + ` <http://e.org/o> .`, `the escape \u0020 stands for ' '`, false},
		{"unclosed IRI", s + " " + p + " <http://e.org/o", "IRI not closed by '>' (column 35)", false},
		{"missing dot", s + " " + p + ` "x"`, "expected '.' at the end of the statement, found the end of the line (column 38)", false},
		{"two statements", s + " " + p + ` "x" . ` + s + " " + p + ` "y" .`, "one statement per line", false},
		{"unclosed string", s + " " + p + ` "x .`, `string not closed by '"'`, false},
		{"bad escape", s + " " + p + ` "\x" .`, `unknown escape "\\x\" ." in a string (column 36)`, false},
		{"short escape", s + " " + p + ` "\u00" .`, `bad escape \u00"  (want hex digits) (column 36)`, false},
		{"surrogate", s + " " + p + ` "\uD800" .`, `not a Unicode character`, false},
		{"bad language tag", s + " " + p + ` "x"@1 .`, "a language tag must start with a letter", false},
		{"langString datatype", s + " " + p + ` "x"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString> .`, "needs a language tag", false},
		{"literal subject", `"x" ` + p + ` "y" .`, "expected a subject", false},
		{"blank predicate", s + ` _:p "y" .`, "expected a predicate <IRI>", false},
		{"prefixed name", s + ` ex:p "y" .`, "expected a predicate <IRI>", false},
		{"fourth term in N-Triples", s + " " + p + ` "x" <http://e.org/g> .`, "a fourth term: N-Triples has three per line (is this N-Quads?", false},
		{"bad blank label", `_:-a ` + p + ` "x" .`, "a blank node label must start with", false},
		{"not UTF-8", s + " " + p + " \"\xff\" .", "not UTF-8 text (column 36)", false},
		{"line ends early", s + " " + p, "the line ends after the predicate", false},
		{"raw CR in a string", s + " " + p + " \"a\rb\" .", "a raw carriage return inside a string", false},
		{"relative graph", s + " " + p + ` "x" <g> .`, "relative IRI <g>", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := normalized(t, tc.quads, tc.line)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

// TestParseAgreesWithKnakk: on valid lines, the parser reads the same terms
// as knakk/rdf's N-Triples decoder, which it replaces for speed.
func TestParseAgreesWithKnakk(t *testing.T) {
	lines := []string{
		`<http://e.org/s> <http://e.org/p> <http://e.org/o> .`,
		`<http://e.org/s> <http://e.org/p> "Visienota 'X' \"Y\" \\ é \t" .`,
		`<http://e.org/s> <http://e.org/p> "x"@nl .`,
		`<http://e.org/s> <http://e.org/p> "2021-06-18"^^<http://www.w3.org/2001/XMLSchema#date> .`,
		`_:a <http://e.org/p> _:b .`,
		`<http://e.org/s\u00E9> <http://e.org/p> "\u00E9\U0001F600" .`,
		`<urn:uuid:1234> <http://e.org/p> "line\nbreak" .`,
	}
	for _, line := range lines {
		want, err := rdf.NewTripleDecoder(strings.NewReader(line+"\n"), rdf.NTriples).Decode()
		if err != nil && err != io.EOF {
			t.Fatalf("knakk: %v", err)
		}
		lp := lineParser{}
		var st statement
		if _, err := lp.parse([]byte(line), &st); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		for i, pair := range []struct {
			k rdf.Term
			t term
		}{{want.Subj, st.s}, {want.Pred, st.p}, {want.Obj, st.o}} {
			if got := pair.k.String(); got != string(pair.t.value) {
				t.Errorf("%s: term %d: knakk %q, here %q", line, i, got, pair.t.value)
			}
			if l, ok := pair.k.(rdf.Literal); ok {
				dt := l.DataType.String()
				if l.Lang() != "" {
					dt = ""
				}
				if l.Lang() != string(pair.t.lang) || (dt != string(pair.t.dt) && !(dt == xsdString && pair.t.dt == nil)) {
					t.Errorf("%s: knakk @%s ^^%s, here @%s ^^%s", line, l.Lang(), dt, pair.t.lang, pair.t.dt)
				}
			}
		}
	}
}

// FuzzParseLine: no input makes the parser panic, and the normalized output
// of a line is itself a line that normalizes to the same bytes.
func FuzzParseLine(f *testing.F) {
	for _, s := range []string{
		`<http://e.org/s> <http://e.org/p> "x\u00E9\n"@EN .`,
		`_:a <http://e.org/p> _:b.c <http://e.org/g> .`,
		`<http://e.org/s> <http://e.org/p> "1"^^<http://www.w3.org/2001/XMLSchema#string> .`,
		`<a> <b> "\U0010FFFF" .`,
	} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, line string, quads bool) {
		if strings.ContainsAny(line, "\n") {
			return
		}
		lp := lineParser{quads: quads}
		var st statement
		ok, err := lp.parse([]byte(line), &st)
		if err != nil || !ok {
			return
		}
		once := string(appendTriple(nil, &st)) + " ."
		var st2 statement
		lp2 := lineParser{}
		if ok, err := lp2.parse([]byte(once), &st2); err != nil || !ok {
			t.Fatalf("normalized %q does not parse: %v", once, err)
		}
		if twice := string(appendTriple(nil, &st2)) + " ."; twice != once {
			t.Fatalf("normalizing twice: %q, then %q", once, twice)
		}
	})
}
