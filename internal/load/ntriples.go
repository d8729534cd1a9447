package load

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// This file reads N-Triples and N-Quads (one statement per line) and writes
// the normalized N-Triples that is sent to the store.
//
// It is a parser of its own rather than knakk/rdf's line decoder because
// that decoder is the bottleneck of a load: knakk hands every token over a
// channel and took 14 s for the 1.4 M triples of 5,000 reports (parse and
// serialize, one core), longer than Virtuoso's bulk loader needs to store
// them. This one checks the same grammar (N-Triples 1.1, N-Quads 1.1) at a
// small fraction of that and runs on several cores (check.go). Turtle still
// goes through knakk (turtle.go).

const (
	xsdString     = "http://www.w3.org/2001/XMLSchema#string"
	rdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
)

type termKind uint8

const (
	kindNone termKind = iota // no term: the default graph of a triple
	kindIRI
	kindBlank
	kindLiteral
)

// term is one parsed RDF term. value is the IRI, the blank node label
// (without "_:") or the lexical form, unescaped; dt the datatype IRI of a
// typed literal, lang the language tag as written.
type term struct {
	kind  termKind
	value []byte
	dt    []byte
	lang  []byte
}

// statement is one parsed line: a triple, and in N-Quads its graph (g.kind
// is kindNone for the default graph).
type statement struct {
	s, p, o, g term
}

// syntaxError is a problem on one line; col is a 1-based byte column, 0
// when the whole line is meant.
type syntaxError struct {
	col int
	msg string
}

func (e *syntaxError) Error() string {
	if e.col > 0 {
		return fmt.Sprintf("%s (column %d)", e.msg, e.col)
	}
	return e.msg
}

func errAt(i int, format string, args ...any) error {
	return &syntaxError{col: i + 1, msg: fmt.Sprintf(format, args...)}
}

// lineParser parses lines of N-Triples (quads false) or N-Quads. Term
// values point into the line when they hold no escape, else into the
// parser's scratch buffers: a statement is valid until the next parse.
type lineParser struct {
	quads   bool
	scratch [6][]byte // per term position: s, p, o (IRI), literal, graph, datatype
}

// parse parses one line, without its line feed. It reports false for a
// line that holds no statement (empty, white space, a comment).
func (lp *lineParser) parse(line []byte, st *statement) (bool, error) {
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	if !utf8.Valid(line) {
		return false, errAt(firstInvalid(line), "not UTF-8 text")
	}
	i := skipSpace(line, 0)
	if i == len(line) || line[i] == '#' {
		return false, nil
	}
	*st = statement{}
	var err error
	// subject
	switch line[i] {
	case '<':
		i, err = lp.iri(line, i, 0, &st.s)
	case '_':
		i, err = blank(line, i, &st.s)
	default:
		return false, errAt(i, "expected a subject (an <IRI> or a _:blank node), found %s", found(line, i))
	}
	if err != nil {
		return false, err
	}
	if i, err = needSpace(line, i, "after the subject"); err != nil {
		return false, err
	}
	// predicate
	if line[i] != '<' {
		return false, errAt(i, "expected a predicate <IRI>, found %s", found(line, i))
	}
	if i, err = lp.iri(line, i, 1, &st.p); err != nil {
		return false, err
	}
	if i, err = needSpace(line, i, "after the predicate"); err != nil {
		return false, err
	}
	// object
	switch line[i] {
	case '<':
		i, err = lp.iri(line, i, 2, &st.o)
	case '_':
		i, err = blank(line, i, &st.o)
	case '"':
		i, err = lp.literal(line, i, &st.o)
	default:
		return false, errAt(i, "expected an object (an <IRI>, a _:blank node or a \"literal\"), found %s", found(line, i))
	}
	if err != nil {
		return false, err
	}
	i = skipSpace(line, i)
	// graph
	if i < len(line) && (line[i] == '<' || line[i] == '_') {
		if !lp.quads {
			return false, errAt(i, "a fourth term: N-Triples has three per line (is this N-Quads? then say so with -f nquads or the .nq extension)")
		}
		if line[i] == '<' {
			i, err = lp.iri(line, i, 4, &st.g)
		} else {
			i, err = blank(line, i, &st.g)
		}
		if err != nil {
			return false, err
		}
		i = skipSpace(line, i)
	}
	if i == len(line) || line[i] != '.' {
		return false, errAt(i, "expected '.' at the end of the statement, found %s", found(line, i))
	}
	i = skipSpace(line, i+1)
	if i < len(line) && line[i] != '#' {
		return false, errAt(i, "unexpected %s after the final '.' (one statement per line)", found(line, i))
	}
	return true, nil
}

func skipSpace(line []byte, i int) int {
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return i
}

// needSpace skips the white space that must separate two terms and checks
// that something follows.
func needSpace(line []byte, i int, where string) (int, error) {
	j := skipSpace(line, i)
	if j == len(line) {
		return j, errAt(j, "the line ends %s", where)
	}
	return j, nil
}

// found describes what stands at line[i], for messages.
func found(line []byte, i int) string {
	if i >= len(line) {
		return "the end of the line"
	}
	end := i
	for n := 0; end < len(line) && n < 20; n++ {
		_, w := utf8.DecodeRune(line[end:])
		end += w
	}
	s := strconv.Quote(string(line[i:end]))
	if end < len(line) {
		s = s[:len(s)-1] + `…"`
	}
	return s
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, w := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && w == 1 {
			return i
		}
		i += w
	}
	return 0
}

// iriForbidden marks the ASCII bytes an IRIREF cannot hold raw: controls,
// space and <>"{}|^`\ (a backslash starts an escape).
var iriForbidden = func() (t [128]bool) {
	for c := 0; c <= 0x20; c++ {
		t[c] = true
	}
	for _, c := range "<>\"{}|^`\\" {
		t[c] = true
	}
	return t
}()

// iri parses the IRIREF at line[i] ('<') into t, unescaping \u and \U into
// scratch buffer k. The IRI must be absolute (N-Triples has no base to
// resolve against), and an escape must not produce a character the IRI
// cannot hold raw, since the normalized output writes IRIs unescaped.
func (lp *lineParser) iri(line []byte, i, k int, t *term) (int, error) {
	start := i
	i++
	from := i
	var buf []byte // the unescaped value so far, once an escape is met
	escaped := false
	for {
		if i == len(line) {
			return i, errAt(start, "IRI not closed by '>'")
		}
		c := line[i]
		switch {
		case c == '>':
			val := line[from:i]
			if escaped {
				val = append(buf, line[from:i]...)
				lp.scratch[k] = val
			}
			if !hasScheme(val) {
				return i, errAt(start, "relative IRI <%s>: N-Triples and N-Quads need absolute IRIs (with a scheme such as http:)", val)
			}
			t.kind, t.value = kindIRI, val
			return i + 1, nil
		case c == '\\':
			r, n, err := uchar(line, i)
			if err != nil {
				return i, err
			}
			if r < 0x80 && iriForbidden[r] {
				return i, errAt(i, "the escape %s stands for %q, which an IRI cannot hold", line[i:i+n], r)
			}
			if !escaped {
				buf, escaped = lp.scratch[k][:0], true
			}
			buf = append(buf, line[from:i]...)
			buf = utf8.AppendRune(buf, r)
			i += n
			from = i
		case c < 0x80 && iriForbidden[c]:
			return i, errAt(i, "IRI contains %q, which must be percent-encoded", rune(c))
		default:
			i++
		}
	}
}

// uchar decodes the \uXXXX or \UXXXXXXXX escape at line[i] and returns the
// code point and the length of the escape.
func uchar(line []byte, i int) (rune, int, error) {
	if i+1 >= len(line) {
		return 0, 0, errAt(i, "a lone backslash at the end of the line")
	}
	n := 0
	switch line[i+1] {
	case 'u':
		n = 4
	case 'U':
		n = 8
	default:
		return 0, 0, errAt(i, "unknown escape %s in an IRI (only \\u and \\U are allowed there)", found(line, i))
	}
	if i+2+n > len(line) {
		return 0, 0, errAt(i, "incomplete escape %s", found(line, i))
	}
	var r rune
	for _, c := range line[i+2 : i+2+n] {
		d := hexVal(c)
		if d < 0 {
			return 0, 0, errAt(i, "bad escape %s (want hex digits)", line[i:i+2+n])
		}
		r = r<<4 | rune(d)
	}
	if !utf8.ValidRune(r) {
		return 0, 0, errAt(i, "the escape %s is not a Unicode character", line[i:i+2+n])
	}
	return r, 2 + n, nil
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// literal parses the string literal at line[i] ('"') with its language tag
// or datatype.
func (lp *lineParser) literal(line []byte, i int, t *term) (int, error) {
	start := i
	i++
	from := i
	var buf []byte
	escaped := false
	for {
		if i == len(line) {
			return i, errAt(start, "string not closed by '\"'")
		}
		c := line[i]
		if c == '"' {
			break
		}
		if c == '\r' {
			return i, errAt(i, "a raw carriage return inside a string (write \\r)")
		}
		if c != '\\' {
			i++
			continue
		}
		if !escaped {
			buf, escaped = lp.scratch[3][:0], true
		}
		buf = append(buf, line[from:i]...)
		if i+1 < len(line) {
			if e := echar(line[i+1]); e != 0 {
				buf = append(buf, e)
				i += 2
				from = i
				continue
			}
		}
		r, n, err := uchar(line, i)
		if err != nil {
			if i+1 < len(line) && line[i+1] != 'u' && line[i+1] != 'U' {
				return i, errAt(i, "unknown escape %s in a string", found(line, i))
			}
			return i, err
		}
		buf = utf8.AppendRune(buf, r)
		i += n
		from = i
	}
	val := line[from:i]
	if escaped {
		val = append(buf, val...)
		lp.scratch[3] = val
	}
	t.kind, t.value = kindLiteral, val
	i++ // the closing quote
	switch {
	case i < len(line) && line[i] == '@':
		j := i + 1
		if !isLetter(at(line, j)) {
			return j, errAt(i, "a language tag must start with a letter, found %s", found(line, j))
		}
		for isLetter(at(line, j)) {
			j++
		}
		for at(line, j) == '-' && isAlnum(at(line, j+1)) {
			j++
			for isAlnum(at(line, j)) {
				j++
			}
		}
		t.lang = line[i+1 : j]
		return j, nil
	case i+1 < len(line) && line[i] == '^' && line[i+1] == '^':
		if at(line, i+2) != '<' {
			return i, errAt(i+2, "expected a datatype <IRI> after ^^, found %s", found(line, i+2))
		}
		var dt term
		j, err := lp.iri(line, i+2, 5, &dt)
		if err != nil {
			return j, err
		}
		if string(dt.value) == rdfLangString {
			return j, errAt(i+2, "rdf:langString needs a language tag, not a datatype")
		}
		t.dt = dt.value
		return j, nil
	}
	return i, nil
}

func at(line []byte, i int) byte {
	if i < len(line) {
		return line[i]
	}
	return 0
}

// echar returns the character a two-character string escape stands for.
func echar(c byte) byte {
	switch c {
	case 't':
		return '\t'
	case 'b':
		return '\b'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 'f':
		return '\f'
	case '"', '\'', '\\':
		return c
	}
	return 0
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isAlnum(c byte) bool  { return isLetter(c) || isDigit(c) }

// blank parses the BLANK_NODE_LABEL at line[i] ('_').
func blank(line []byte, i int, t *term) (int, error) {
	if at(line, i+1) != ':' {
		return i, errAt(i, "expected a blank node _:label, found %s", found(line, i))
	}
	j := i + 2
	r, w := utf8.DecodeRune(line[j:])
	if j >= len(line) || !(pnCharsU(r) || r >= '0' && r <= '9') {
		return j, errAt(j, "a blank node label must start with a letter, digit or '_', found %s", found(line, j))
	}
	j += w
	end := j // end of the label without trailing dots
	for j < len(line) {
		r, w := utf8.DecodeRune(line[j:])
		switch {
		case r == '.':
			j += w
		case pnChars(r):
			j += w
			end = j
		default:
			goto done
		}
	}
done:
	t.kind, t.value = kindBlank, line[i+2:end]
	return end, nil
}

func pnCharsBase(r rune) bool {
	switch {
	case r < 0x80:
		return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z'
	case r >= 0xC0 && r <= 0xD6, r >= 0xD8 && r <= 0xF6, r >= 0xF8 && r <= 0x2FF,
		r >= 0x370 && r <= 0x37D, r >= 0x37F && r <= 0x1FFF, r >= 0x200C && r <= 0x200D,
		r >= 0x2070 && r <= 0x218F, r >= 0x2C00 && r <= 0x2FEF, r >= 0x3001 && r <= 0xD7FF,
		r >= 0xF900 && r <= 0xFDCF, r >= 0xFDF0 && r <= 0xFFFD, r >= 0x10000 && r <= 0xEFFFF:
		return true
	}
	return false
}

// pnCharsU is N-Triples' PN_CHARS_U, which (unlike Turtle's) includes ':'.
func pnCharsU(r rune) bool { return pnCharsBase(r) || r == '_' || r == ':' }

func pnChars(r rune) bool {
	return pnCharsU(r) || r == '-' || r >= '0' && r <= '9' || r == 0xB7 ||
		r >= 0x300 && r <= 0x36F || r >= 0x203F && r <= 0x2040
}

// hasScheme reports whether s starts with an RFC 3986 scheme and a colon.
func hasScheme(s []byte) bool {
	for i, c := range s {
		switch {
		case isLetter(c):
		case i > 0 && (isDigit(c) || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// The normalized output. Two spellings of one RDF term must give the same
// bytes, because distinct triples are counted on these bytes and the store
// must count them alike. Measured on Virtuoso 7.2.5:
//
//   - "\u00E9" and "é" are stored as two different literals, although they
//     are one: so non-ASCII characters are always written as UTF-8, never
//     escaped. ASCII escapes ("a\u0041" = "aA") are read correctly.
//   - "x" and "x"^^xsd:string are stored as two literals (RDF 1.1 says they
//     are one): so xsd:string is written as a simple literal.
//   - "a"@EN and "a"@en are stored as one: language tags are written in
//     lower case (which RDF 1.1 allows), so the count here agrees.
//   - The Graph Store endpoint ignores Content-Type and guesses the format
//     from the first 64 KB: a body holding "<html>" anywhere is refused as
//     text/html. So '<' is written as \u003C inside strings (IRIs cannot
//     contain it), and pieces start with an @prefix line (see prologue).

// appendStatement writes the triple of st (not its graph) as one line of
// N-Triples without the final " .\n"; blank nodes keep their labels.
func appendTriple(dst []byte, st *statement) []byte {
	dst = appendTerm(dst, &st.s)
	dst = append(dst, ' ')
	dst = appendTerm(dst, &st.p)
	dst = append(dst, ' ')
	return appendTerm(dst, &st.o)
}

func appendTerm(dst []byte, t *term) []byte {
	switch t.kind {
	case kindIRI:
		dst = append(dst, '<')
		dst = append(dst, t.value...)
		return append(dst, '>')
	case kindBlank:
		dst = append(dst, '_', ':')
		return append(dst, t.value...)
	}
	return appendLiteral(dst, t)
}

func appendLiteral(dst []byte, t *term) []byte {
	dst = append(dst, '"')
	run := 0
	s := t.value
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !literalEscape[c] {
			continue
		}
		dst = append(dst, s[run:i]...)
		run = i + 1
		switch c {
		case '"':
			dst = append(dst, '\\', '"')
		case '\\':
			dst = append(dst, '\\', '\\')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			const hex = "0123456789ABCDEF"
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		}
	}
	dst = append(dst, s[run:]...)
	dst = append(dst, '"')
	switch {
	case len(t.lang) > 0:
		dst = append(dst, '@')
		for _, c := range t.lang {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
	case len(t.dt) > 0 && string(t.dt) != xsdString:
		dst = append(dst, '^', '^', '<')
		dst = append(dst, t.dt...)
		dst = append(dst, '>')
	}
	return dst
}

// literalEscape marks the bytes appendLiteral escapes: those N-Triples
// forbids raw, the other ASCII controls, and '<' (see above).
var literalEscape = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	t['"'], t['\\'], t[0x7f], t['<'] = true, true, true, true
	return t
}()
