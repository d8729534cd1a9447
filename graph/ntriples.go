package graph

import (
	"unicode/utf8"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/internal/wordscan"
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
		b = append(b, '"')
		if b, ok = appendValidEscaped(b, x.String()); !ok {
			return b, false
		}
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

// appendValidEscaped escapes as knakk's escapeLiteral (newline, carriage
// return, quote and backslash) a literal that may not be valid UTF-8,
// checked in the same pass (a literal is read once, not twice), a
// word of eight plain ASCII bytes at a time; it reports false for invalid
// UTF-8, having written part of s.
func appendValidEscaped(b []byte, s string) ([]byte, bool) {
	last := 0
	for i := 0; i < len(s); {
		for i+8 <= len(s) && !ntLook(wordscan.Load(s, i)) {
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return b, false
			}
			i += size
			continue
		}
		if ntEscapes[c] {
			b = append(b, s[last:i]...)
			b = append(b, ntEscape(c)...)
			last = i + 1
		}
		i++
	}
	return append(b, s[last:]...), true
}

// ntLook tells whether a word holds a byte appendValidEscaped must look
// at: one it escapes (or another control), or one outside ASCII.
func ntLook(x uint64) bool {
	return wordscan.NonASCII(x) || wordscan.Less(x, '\r'+1) || wordscan.Has(x, '"') || wordscan.Has(x, '\\')
}

func ntEscape(c byte) string {
	switch c {
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '"':
		return `\"`
	default:
		return `\\`
	}
}

// ntEscapes marks the bytes appendEscaped replaces.
var ntEscapes = [256]bool{'\n': true, '\r': true, '"': true, '\\': true}
