package graph

import (
	"unicode/utf8"

	"github.com/knakk/rdf"
)

// appendNTriple appends t as knakk/rdf's t.Serialize(rdf.NTriples) writes
// it, byte for byte, without fmt.Sprintf, which made N-Triples cost more
// than parsing the reports (publish writes an N-Triples dump of every
// graph). Terms knakk would write in an unusual way (text that is not
// UTF-8, which it replaces; terms of other types) are left to knakk.
func appendNTriple(b []byte, t rdf.Triple) []byte {
	start := len(b)
	ok := true
	b, ok = appendNTerm(b, t.Subj, ok)
	b = append(b, ' ')
	b, ok = appendNTerm(b, t.Pred, ok)
	b = append(b, ' ')
	b, ok = appendNTerm(b, t.Obj, ok)
	if !ok {
		return append(b[:start], t.Serialize(rdf.NTriples)...)
	}
	return append(b, " .\n"...)
}

const (
	ntXSDString  = "http://www.w3.org/2001/XMLSchema#string"
	ntLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
)

func appendNTerm(b []byte, term rdf.Term, ok bool) ([]byte, bool) {
	if !ok {
		return b, false
	}
	switch x := term.(type) {
	case rdf.IRI:
		b = append(b, '<')
		b = append(b, x.String()...)
		return append(b, '>'), true
	case rdf.Literal:
		s := x.String()
		if !utf8.ValidString(s) {
			return b, false
		}
		b = append(b, '"')
		b = appendEscaped(b, s)
		b = append(b, '"')
		switch dt := x.DataType.String(); dt {
		case ntLangString:
			b = append(b, '@')
			return append(b, x.Lang()...), true
		case ntXSDString:
			return b, true
		default:
			b = append(b, "^^<"...)
			b = append(b, dt...)
			return append(b, '>'), true
		}
	case rdf.Blank:
		return append(b, x.Serialize(rdf.NTriples)...), true
	}
	return b, false
}

// appendEscaped escapes as knakk's escapeLiteral: newline, carriage
// return, quote and backslash.
func appendEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		if !ntEscapes[s[i]] {
			continue // most bytes: one table load, no switch
		}
		var esc string
		switch s[i] {
		case '\n':
			esc = `\n`
		case '\r':
			esc = `\r`
		case '"':
			esc = `\"`
		case '\\':
			esc = `\\`
		default:
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, esc...)
		last = i + 1
	}
	return append(b, s[last:]...)
}

// ntEscapes marks the bytes appendEscaped replaces.
var ntEscapes = [256]bool{'\n': true, '\r': true, '"': true, '\\': true}
