package jsonld

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pledgegraph/pledgegraph/graph/turtle"
)

// asciiTable is a table with prefixes that compact some of the IRIs below
// and leave others whole.
func asciiTable(t testing.TB) *table {
	t.Helper()
	ctx, err := newContext([]turtle.Prefix{
		{Name: "schema", IRI: "http://schema.org/"},
		{Name: "ex", IRI: "https://example.org/"},
		{Name: "exid", IRI: "https://example.org/id/"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return ctx.table
}

// checkAppendIRIAs: for an IRI checkIRIASCII accepts, appendIRIAs with
// what it reported writes exactly what appendIRI (which escapes) writes.
func checkAppendIRIAs(t *testing.T, tab *table, iri string) {
	ascii, err := checkIRIASCII(iri)
	if cerr := checkIRI(iri); (err == nil) != (cerr == nil) {
		t.Fatalf("%q: checkIRIASCII says %v, checkIRI %v", iri, err, cerr)
	}
	if err != nil {
		return
	}
	want, werr := tab.appendIRI([]byte("x"), iri)
	got, gerr := tab.appendIRIAs([]byte("x"), iri, ascii)
	if !bytes.Equal(got, want) || (werr == nil) != (gerr == nil) {
		t.Errorf("%q (ascii %v): got %q, %v; want %q, %v", iri, ascii, got, gerr, want, werr)
	}
}

func TestAppendIRIAs(t *testing.T) {
	tab := asciiTable(t)
	for _, tc := range []struct {
		iri   string
		ascii bool
	}{
		{"http://schema.org/name", true},
		{"https://example.org/id/evaluatie/4.3.2-5f7ed5cae34e348f", true},
		{"https://example.org/a%20b?q=1&r=2#frag", true},
		{"https://other.org/x~y", true},
		{"https://example.org/caf\u00e9", false},
		{"https://example.org/\u2028line", false},
		{"urn:x:y", true},
	} {
		ascii, err := checkIRIASCII(tc.iri)
		if err != nil || ascii != tc.ascii {
			t.Errorf("%q: ascii %v, %v; want %v", tc.iri, ascii, err, tc.ascii)
		}
		checkAppendIRIAs(t, tab, tc.iri)
	}
	for _, bad := range []string{"", "rel/path", "https://x.org/a b", "https://x.org/\"", "https://x.org/\\", "https://x.org/\x01", "https://x.org/\xff"} {
		if _, err := checkIRIASCII(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func FuzzAppendIRIAs(f *testing.F) {
	for _, s := range []string{"http://schema.org/name", "https://example.org/id/x", "https://example.org/\u2028", "ex:y", "https://x/\x7f"} {
		f.Add(s)
	}
	tab := asciiTable(f)
	f.Fuzz(func(t *testing.T, iri string) { checkAppendIRIAs(t, tab, iri) })
}

// FuzzAppendValidString: the one-pass check and escape of literals writes
// what appendString writes and refuses exactly what is not UTF-8.
func FuzzAppendValidString(f *testing.F) {
	for _, s := range []string{"", "plain", "quote \" backslash \\ tab\t", "é’\u2028\u2029 and \x01", "bad \xff byte", "cut \xe2\x80",
		// whole words of plain bytes before, between and after the rest
		"Een langere zin, zonder iets te ontsnappen, van veertig tekens lang.",
		strings.Repeat("x", 7) + "\"" + strings.Repeat("y", 8) + "\\" + strings.Repeat("z", 16) + "\n",
		strings.Repeat("woordjes", 3) + "é" + strings.Repeat("woordjes", 2) + "\u2028" + strings.Repeat("w", 9),
		strings.Repeat("abcdefgh", 4) + "\xff" + strings.Repeat("tail", 4),
		strings.Repeat("abcdefg", 3) + "\xe2\x80" + strings.Repeat("tail", 4),
		strings.Repeat("\x1f\x7f", 9),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := appendValidString([]byte("x"), s)
		if ok != utf8.ValidString(s) {
			t.Fatalf("%q: valid %v", s, ok)
		}
		if ok && string(got) != "x"+string(appendString(nil, s)) {
			t.Fatalf("%q: %q, want x%q", s, got, appendString(nil, s))
		}
	})
}
