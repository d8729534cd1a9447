package sparql

import "strings"

// StripComments removes SPARQL comments: a '#' and the rest of its line,
// unless the '#' is inside an IRI <…>, a string literal (in single, double or
// tripled quotes) or escaped in a prefixed name (ex:a\#b). Line breaks are
// kept, so server error messages ("line 3: …") still point at the right
// line, and nothing else changes: unlike knakk/sparql's LoadBank, no
// whitespace is collapsed (that would alter "two  spaces" in a literal) and a
// trailing comment cannot swallow the rest of the query.
//
// Why at all: Themis answers through mu-authorization, which rejects queries
// with comments; the client strips every query before sending it.
//
// '<' starts an IRI only where SPARQL's lexer would read an IRIREF (no
// space, quote or brace before the closing '>'), so in "FILTER(?a < 3) # x"
// the comment is still found. An unterminated short string ends at its line
// break; an unterminated long string runs to the end. The output is never
// longer than q, and q is returned unchanged when it has no '#'.
func StripComments(q string) string {
	if !strings.Contains(q, "#") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q))
	for i := 0; i < len(q); {
		switch q[i] {
		case '#':
			for i < len(q) && q[i] != '\n' && q[i] != '\r' {
				i++
			}
		case '<':
			n := iriRefLen(q[i:])
			if n == 0 {
				n = 1 // a less-than operator
			}
			b.WriteString(q[i : i+n])
			i += n
		case '"', '\'':
			n := stringLen(q[i:])
			b.WriteString(q[i : i+n])
			i += n
		case '\\':
			// PN_LOCAL_ESC (ex:a\#b, ex:a\'b): the escaped byte is not special.
			n := 2
			if i+1 >= len(q) || q[i+1] == '\n' || q[i+1] == '\r' {
				n = 1
			}
			b.WriteString(q[i : i+n])
			i += n
		default:
			j := i + 1
			for j < len(q) && !isSpecial(q[j]) {
				j++
			}
			b.WriteString(q[i:j])
			i = j
		}
	}
	return b.String()
}

func isSpecial(c byte) bool {
	return c == '#' || c == '<' || c == '"' || c == '\'' || c == '\\'
}

// iriRefLen returns the length of the IRIREF at the start of s ("<…>"), or 0
// if SPARQL's lexer would not read one there.
func iriRefLen(s string) int {
	for j := 1; j < len(s); j++ {
		c := s[j]
		switch {
		case c == '>':
			return j + 1
		case c <= 0x20, strings.IndexByte("<\"{}|^`\\", c) >= 0:
			return 0
		}
	}
	return 0
}

// stringLen returns the length of the string literal at the start of s,
// which begins with ' or ". A long string ends at the first unescaped
// triple quote, as in SPARQL's grammar, whose long strings cannot end with
// a quote character.
func stringLen(s string) int {
	q := s[0]
	if len(s) >= 3 && s[1] == q && s[2] == q {
		end := s[:3]
		for j := 3; j < len(s); j++ {
			if s[j] == '\\' {
				j++
				continue
			}
			if strings.HasPrefix(s[j:], end) {
				return j + 3
			}
		}
		return len(s)
	}
	for j := 1; j < len(s); j++ {
		switch s[j] {
		case q:
			return j + 1
		case '\n', '\r':
			return j
		case '\\':
			if j+1 < len(s) && s[j+1] != '\n' && s[j+1] != '\r' {
				j++
			}
		}
	}
	return len(s)
}
