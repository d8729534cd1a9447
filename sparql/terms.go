package sparql

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/knakk/rdf"
)

// The functions in this file are the only way values should enter a query:
// each returns one serialized RDF term that cannot end the token it is in,
// so no value can break out into query syntax (unlike knakk/sparql's Bank,
// which pastes values with text/template).

const (
	xsdString     = "http://www.w3.org/2001/XMLSchema#string"
	xsdDateTime   = "http://www.w3.org/2001/XMLSchema#dateTime"
	rdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
)

// IRI returns s as an IRI term "<s>". s must be an absolute IRI (a scheme
// such as "http:" first) and must not contain spaces, control characters or
// any of <>"{}|^`\ — the characters SPARQL's IRIREF excludes, plus every
// Unicode space and control, which no real IRI contains. A relative IRI is an
// error because the endpoint would resolve it against a base we do not
// control.
func IRI(s string) (string, error) {
	if err := checkIRI(s); err != nil {
		return "", err
	}
	return "<" + s + ">", nil
}

func checkIRI(s string) error {
	if s == "" {
		return errors.New("empty IRI")
	}
	if !utf8.ValidString(s) {
		return fmt.Errorf("IRI %s is not valid UTF-8", quote(s))
	}
	if !hasScheme(s) {
		return fmt.Errorf("IRI %s is not absolute (no scheme)", quote(s))
	}
	for _, r := range s {
		if r <= 0x20 || unicode.IsControl(r) || unicode.IsSpace(r) || strings.ContainsRune("<>\"{}|^`\\", r) {
			return fmt.Errorf("IRI %s contains the forbidden character %q", quote(s), r)
		}
	}
	return nil
}

// hasScheme reports whether s starts with an RFC 3986 scheme and a colon:
// ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":".
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// String returns s as a SPARQL string literal "…". Backslash, double quote,
// newline, carriage return, tab, backspace and form feed get their two-
// character escapes; the other C0 controls and DEL become \u00XX. Everything
// else, including non-ASCII text, is written as is (Virtuoso round-trips it
// exactly; tested). Bytes that are not valid UTF-8 become U+FFFD, since a
// query must be UTF-8.
//
// A literal backslash followed by "u" is written as \\u, which Virtuoso reads
// back as the six characters, not as a code point escape (tested, see
// w3c-cg/sparql-dev#77 for why that is worth testing).
func String(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// LangString returns "s"@lang. lang must look like a BCP 47 tag:
// letters, then any number of "-" and letters/digits ("nl", "nl-BE",
// "zh-Hant-TW"). Note that Virtuoso lower-cases tags in its answers.
func LangString(s, lang string) (string, error) {
	if !validLangTag(lang) {
		return "", fmt.Errorf("invalid language tag %s", quote(lang))
	}
	return String(s) + "@" + lang, nil
}

// validLangTag checks SPARQL's LANGTAG production, [a-zA-Z]+ ('-'
// [a-zA-Z0-9]+)*. The package keeps its own copy rather than import the
// Turtle writer's: a client of the protocol should not depend on a
// serializer, and the two grammars could part.
func validLangTag(s string) bool {
	if s == "" {
		return false
	}
	for i, part := range strings.Split(s, "-") {
		if part == "" {
			return false
		}
		for j := 0; j < len(part); j++ {
			c := part[j]
			letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			digit := c >= '0' && c <= '9'
			if !letter && (i == 0 || !digit) {
				return false
			}
		}
	}
	return true
}

// Typed returns "s"^^<datatypeIRI>; the datatype must pass IRI. Give the
// full IRI: "xsd:gYear" is syntactically an absolute IRI (scheme "xsd") and
// would be sent as <xsd:gYear>, not expanded. The lexical
// form is not checked against the datatype: the server decides what a
// malformed "x"^^xsd:integer means.
func Typed(s, datatypeIRI string) (string, error) {
	dt, err := IRI(datatypeIRI)
	if err != nil {
		return "", fmt.Errorf("datatype: %w", err)
	}
	return String(s) + "^^" + dt, nil
}

// DateTime returns t as an xsd:dateTime literal in UTC, with fractional
// seconds only when t has them: "2021-06-18T08:00:00Z"^^<…#dateTime>.
func DateTime(t time.Time) string {
	return String(t.UTC().Format(time.RFC3339Nano)) + "^^<" + xsdDateTime + ">"
}

// Term serializes a knakk/rdf term: an IRI, or a literal with its language
// tag or datatype (xsd:string literals are written plain). Blank nodes are
// an error: a blank node label in a query is a fresh variable, not a
// reference to the node the endpoint returned.
func Term(t rdf.Term) (string, error) {
	switch v := t.(type) {
	case nil:
		return "", errors.New("missing term (nil)")
	case rdf.IRI:
		return IRI(v.String())
	case *rdf.IRI:
		return IRI(v.String())
	case rdf.Literal:
		return literalTerm(v)
	case *rdf.Literal:
		return literalTerm(*v)
	case rdf.Blank, *rdf.Blank:
		return "", fmt.Errorf("blank node %s cannot be put in a query", t.String())
	default:
		return "", fmt.Errorf("unsupported term %s: neither IRI, literal nor blank node", quote(t.String()))
	}
}

func literalTerm(l rdf.Literal) (string, error) {
	dt := l.DataType.String()
	switch {
	case l.Lang() != "" || dt == rdfLangString:
		return LangString(l.String(), l.Lang())
	case dt == xsdString:
		return String(l.String()), nil
	case dt == "":
		return "", fmt.Errorf("literal %s has no datatype", quote(l.String()))
	default:
		return Typed(l.String(), dt)
	}
}

// Values returns "VALUES ?variable { t1 t2 … }" for terms that are already
// serialized (by IRI, String, Term, …). variable is a SPARQL VARNAME, with or
// without a leading '?' or '$'. Every term is checked to be exactly one
// IRI, literal, number, boolean or UNDEF token, so a raw string passed by
// mistake is an error rather than an injection.
func Values(variable string, terms []string) (string, error) {
	name := variable
	if name != "" && (name[0] == '?' || name[0] == '$') {
		name = name[1:]
	}
	if !validVarName(name) {
		return "", fmt.Errorf("invalid variable name %s", quote(variable))
	}
	var b strings.Builder
	b.WriteString("VALUES ?")
	b.WriteString(name)
	b.WriteString(" {")
	for i, t := range terms {
		if !isTerm(t) {
			return "", fmt.Errorf("VALUES term %d, %s, is not a single serialized RDF term", i+1, quote(t))
		}
		b.WriteByte(' ')
		b.WriteString(t)
	}
	b.WriteString(" }")
	return b.String(), nil
}

// validVarName checks SPARQL 1.1's VARNAME production.
func validVarName(s string) bool {
	if s == "" || !utf8.ValidString(s) {
		return false
	}
	for i, r := range s {
		if isPNCharsU(r) || r >= '0' && r <= '9' {
			continue
		}
		if i > 0 && (r == 0xB7 || r >= 0x300 && r <= 0x36F || r == 0x203F || r == 0x2040) {
			continue
		}
		return false
	}
	return true
}

// isPNCharsU is SPARQL's PN_CHARS_U: PN_CHARS_BASE or '_'.
func isPNCharsU(r rune) bool {
	switch {
	case r == '_', r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z':
		return true
	case r >= 0xC0 && r <= 0xD6, r >= 0xD8 && r <= 0xF6, r >= 0xF8 && r <= 0x2FF,
		r >= 0x370 && r <= 0x37D, r >= 0x37F && r <= 0x1FFF, r >= 0x200C && r <= 0x200D,
		r >= 0x2070 && r <= 0x218F, r >= 0x2C00 && r <= 0x2FEF, r >= 0x3001 && r <= 0xD7FF,
		r >= 0xF900 && r <= 0xFDCF, r >= 0xFDF0 && r <= 0xFFFD, r >= 0x10000 && r <= 0xEFFFF:
		return true
	}
	return false
}

// isTerm reports whether t is exactly one serialized term as the functions
// above produce it (and as a careful hand would write it): <IRI>, a short
// string literal with optional @lang or ^^<IRI>, a plain number, true,
// false or UNDEF. Prefixed names are not accepted: their safety depends on
// PREFIX declarations this function cannot see.
func isTerm(t string) bool {
	switch t {
	case "true", "false", "UNDEF":
		return true
	case "":
		return false
	}
	switch t[0] {
	case '<':
		return strings.HasSuffix(t, ">") && checkIRI(t[1:len(t)-1]) == nil
	case '"', '\'':
		n := stringTokenLen(t)
		if n < 0 {
			return false
		}
		rest := t[n:]
		switch {
		case rest == "":
			return true
		case rest[0] == '@':
			return validLangTag(rest[1:])
		case strings.HasPrefix(rest, "^^<"):
			return isTerm(rest[2:])
		}
		return false
	}
	return isNumber(t)
}

// stringTokenLen returns the length of the short string literal at the start
// of t ('…' or "…", with ECHAR and UCHAR escapes), or -1.
func stringTokenLen(t string) int {
	q := t[0]
	for i := 1; i < len(t); i++ {
		switch c := t[i]; c {
		case q:
			return i + 1
		case '\n', '\r':
			return -1
		case '\\':
			i++
			if i >= len(t) {
				return -1
			}
			switch t[i] {
			case 't', 'b', 'n', 'r', 'f', '"', '\'', '\\':
			case 'u', 'U':
				n := 4
				if t[i] == 'U' {
					n = 8
				}
				if i+n >= len(t) || !isHex(t[i+1:i+1+n]) {
					return -1
				}
				i += n
			default:
				return -1
			}
		}
	}
	return -1
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// isNumber accepts SPARQL's INTEGER, DECIMAL and DOUBLE with optional sign.
func isNumber(t string) bool {
	if t[0] == '+' || t[0] == '-' {
		t = t[1:]
	}
	mant, exp, hasExp := strings.Cut(strings.ToLower(t), "e")
	intPart, frac, hasDot := strings.Cut(mant, ".")
	if !allDigits(intPart) || !allDigits(frac) || intPart == "" && frac == "" {
		return false
	}
	if hasDot && frac == "" && !hasExp {
		return false // "1." is not a SPARQL number
	}
	if hasExp {
		if exp != "" && (exp[0] == '+' || exp[0] == '-') {
			exp = exp[1:]
		}
		return exp != "" && allDigits(exp)
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// quote quotes s for an error message, shortened to 100 runes.
func quote(s string) string {
	return fmt.Sprintf("%q", truncateRunes(s, 100))
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
