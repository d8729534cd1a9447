// Package turtle writes RDF 1.1 Turtle that every parser reads back to the
// same triples. It exists because knakk/rdf's Turtle encoder writes local
// names that are not valid PN_LOCAL (ns0:4.3.2.) and so does not round-trip.
//
// The encoder streams: consecutive triples with the same subject are grouped
// with ';', with the same predicate too with ','. It never reorders; the
// caller decides the order and so the bytes. IRIs are abbreviated to a
// prefixed name only when the local part is a plain, valid PN_LOCAL; all else
// is written as <IRI>.
package turtle

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/knakk/rdf"
)

// Prefix binds a prefix name to a namespace IRI.
type Prefix struct {
	Name string
	IRI  string
}

const (
	xsdNS      = "http://www.w3.org/2001/XMLSchema#"
	xsdString  = xsdNS + "string"
	xsdInteger = xsdNS + "integer"
	xsdBoolean = xsdNS + "boolean"
	langString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
	rdfType    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
)

// ErrClosed is returned by Encode after Close.
var ErrClosed = errors.New("encoder closed")

// Encoder writes a Turtle document: the prefix block, declared up front as
// Oxigraph does, then the triples as they come. Declaring every prefix
// before the first triple lets the document stream to its destination; the
// price is that a prefix the triples never need is still declared.
//
// Serializing can run ahead on other goroutines (Render); only the writing
// of the rendered blocks, in order, is serial.
type Encoder struct {
	w        *bufio.Writer
	prefixes prefixTable
	// frequent caches the written form of predicates and datatypes, which
	// come from a handful of vocabularies but are written on every line.
	frequent     sync.Map
	frequentSize atomic.Int32
	used         []bool // which prefixes abbreviated something; only for Needed
	cur          cursor
	closed       bool
	err          error
}

// cursor is where the document stands: the subject and predicate of the
// statement still open, compared as terms, not as written text.
type cursor struct {
	started  bool
	subjKind rdf.TermType
	subj     string
	pred     string
}

func (c *cursor) sameSubject(t rdf.Term) bool {
	return c.started && t.Type() == c.subjKind && t.String() == c.subj
}

// maxFrequent bounds the cache of written predicates and datatypes, so an
// unusual graph with a million distinct predicates cannot grow it forever.
const maxFrequent = 4096

// NewEncoder checks the prefix table (ValidatePrefixes) and returns an
// Encoder writing to w; the prefix block goes out with the first flush. A
// name bound twice to the same namespace is declared once.
func NewEncoder(w io.Writer, prefixes []Prefix) (*Encoder, error) {
	if err := ValidatePrefixes(prefixes); err != nil {
		return nil, err
	}
	var distinct []Prefix
	seen := map[string]bool{}
	for _, p := range prefixes {
		if !seen[p.Name] {
			seen[p.Name] = true
			distinct = append(distinct, p)
		}
	}
	e := &Encoder{w: bufio.NewWriterSize(w, 256<<10), prefixes: newPrefixTable(distinct)}
	for _, p := range distinct {
		e.write("@prefix " + p.Name + ": <" + p.IRI + "> .\n")
	}
	if len(distinct) > 0 {
		e.write("\n")
	}
	return e, nil
}

// ValidatePrefixes reports the first prefix whose name is not a valid
// PN_PREFIX, whose namespace is not an absolute IRI that an IRIREF can hold,
// or whose name is already bound to another namespace: readers keep one
// binding per name, so every IRI abbreviated with the other would be read
// back wrongly.
func ValidatePrefixes(ps []Prefix) error {
	bound := make(map[string]string, len(ps))
	for _, p := range ps {
		if p.Name != "" && !validPrefixName(p.Name) {
			return fmt.Errorf("prefix name %q is not a valid PN_PREFIX", p.Name)
		}
		if err := checkIRI(p.IRI); err != nil {
			return fmt.Errorf("prefix %q: %w", p.Name, err)
		}
		if ns, ok := bound[p.Name]; ok && ns != p.IRI {
			return fmt.Errorf("prefix %q bound to two namespaces, <%s> and <%s>", p.Name, ns, p.IRI)
		}
		bound[p.Name] = p.IRI
	}
	return nil
}

// Encode writes one triple. Blank nodes are written as _:label. A triple
// that cannot be written faithfully is an error, and the Encoder stops.
func (e *Encoder) Encode(t rdf.Triple) error {
	if e.closed {
		return ErrClosed
	}
	if e.err != nil {
		return e.err
	}
	buf, err := e.appendTriple(e.w.AvailableBuffer(), &e.cur, t)
	if err != nil {
		return e.fail(err)
	}
	_, e.err = e.w.Write(buf)
	return e.err
}

// Block is a run of triples serialized ahead by Render, to be written in
// its place by WriteBlock.
type Block struct {
	data    []byte
	triples []rdf.Triple // to write them afresh if the block continues the open statement
	first   rdf.Term
	last    cursor
}

// Render serializes triples as Encode would write them after a statement
// about another subject. It only reads the Encoder's prefix table, so
// reports can be rendered on several goroutines at once while another
// writes the blocks in order.
func (e *Encoder) Render(triples []rdf.Triple) (*Block, error) {
	b := &Block{triples: triples}
	if len(triples) == 0 {
		return b, nil
	}
	b.first = triples[0].Subj
	size := 0
	for _, t := range triples {
		size += 40 + len(t.Subj.String())/4 + len(t.Obj.String())
	}
	data := make([]byte, 0, size)
	for _, t := range triples {
		var err error
		if data, err = e.appendTriple(data, &b.last, t); err != nil {
			return nil, err
		}
	}
	b.data = data
	return b, nil
}

// WriteBlock writes a block rendered by Render (of this Encoder) at the
// current place of the document.
func (e *Encoder) WriteBlock(b *Block) error {
	if e.closed {
		return ErrClosed
	}
	if e.err != nil || len(b.triples) == 0 {
		return e.err
	}
	if e.cur.sameSubject(b.first) {
		// The rendering assumed a new statement; continue the open one.
		for _, t := range b.triples {
			if err := e.Encode(t); err != nil {
				return err
			}
		}
		return nil
	}
	if e.cur.started {
		e.write(" .\n\n")
	}
	if e.err == nil {
		_, e.err = e.w.Write(b.data)
	}
	e.cur = b.last
	return e.err
}

// Close ends the last statement and flushes. It does not close the
// underlying writer and is safe to call more than once.
func (e *Encoder) Close() error {
	if e.closed {
		return e.err
	}
	e.closed = true
	if e.cur.started {
		e.write(" .\n")
	}
	if e.err == nil {
		e.err = e.w.Flush()
	}
	return e.err
}

// Needed returns the prefixes of the table that abbreviate at least one IRI
// of the triples (datatypes included), in table order: the table to declare
// for a graph known in advance.
func Needed(prefixes []Prefix, triples []rdf.Triple) []Prefix {
	e := &Encoder{prefixes: newPrefixTable(prefixes), used: make([]bool, len(prefixes))}
	for _, t := range triples {
		// Terms that cannot be written need no prefix; Encode reports them.
		_, _ = e.appendTerm(nil, t.Subj)
		if t.Pred.String() != rdfType {
			_, _ = e.appendTerm(nil, t.Pred)
		}
		_, _ = e.appendTerm(nil, t.Obj)
	}
	var out []Prefix
	for i, u := range e.used {
		if u {
			out = append(out, prefixes[i])
		}
	}
	return out
}

// EncodeAll writes a complete Turtle document of the triples, in the order
// given, declaring only the prefixes of the table they need.
func EncodeAll(w io.Writer, prefixes []Prefix, triples []rdf.Triple) error {
	if err := ValidatePrefixes(prefixes); err != nil {
		return err
	}
	e, err := NewEncoder(w, Needed(prefixes, triples))
	if err != nil {
		return err
	}
	for _, t := range triples {
		if err := e.Encode(t); err != nil {
			return err
		}
	}
	return e.Close()
}

func (e *Encoder) fail(err error) error {
	e.err = err
	return err
}

func (e *Encoder) write(s string) {
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

// appendTriple appends t to dst as the statement at cur continues (same
// subject: ';', same predicate too: ','), and moves cur on. On error dst and
// cur are as they were.
func (e *Encoder) appendTriple(dst []byte, cur *cursor, t rdf.Triple) ([]byte, error) {
	if t.Subj == nil || t.Pred == nil || t.Obj == nil {
		return dst, errors.New("missing term")
	}
	start := len(dst)
	var err error
	sameSubj := cur.sameSubject(t.Subj)
	samePred := sameSubj && t.Pred.String() == cur.pred
	switch {
	case samePred:
		dst = append(dst, " ,\n        "...)
	case sameSubj:
		dst = append(dst, " ;\n    "...)
		if dst, err = e.appendPredicate(dst, t.Pred); err != nil {
			return dst[:start], err
		}
		dst = append(dst, ' ')
	default:
		if cur.started {
			dst = append(dst, " .\n\n"...)
		}
		if dst, err = e.appendTerm(dst, t.Subj); err != nil {
			return dst[:start], err
		}
		dst = append(dst, ' ')
		if dst, err = e.appendPredicate(dst, t.Pred); err != nil {
			return dst[:start], err
		}
		dst = append(dst, ' ')
	}
	if dst, err = e.appendTerm(dst, t.Obj); err != nil {
		return dst[:start], err
	}
	*cur = cursor{started: true, subjKind: t.Subj.Type(), subj: t.Subj.String(), pred: t.Pred.String()}
	return dst, nil
}

func (e *Encoder) appendPredicate(dst []byte, p rdf.Term) ([]byte, error) {
	if p.String() == rdfType {
		return append(dst, 'a'), nil
	}
	return e.appendFrequent(dst, p.String())
}

// appendFrequent appends the IRI s (a predicate or datatype) through the
// cache of written forms.
func (e *Encoder) appendFrequent(dst []byte, s string) ([]byte, error) {
	if w, ok := e.frequent.Load(s); ok {
		return append(dst, w.(string)...), nil
	}
	start := len(dst)
	dst, err := e.appendIRI(dst, s)
	if err != nil {
		return dst, err
	}
	if e.used == nil && e.frequentSize.Load() < maxFrequent {
		e.frequentSize.Add(1)
		e.frequent.Store(s, string(dst[start:]))
	}
	return dst, nil
}

func (e *Encoder) appendTerm(dst []byte, t rdf.Term) ([]byte, error) {
	switch v := t.(type) {
	case rdf.IRI:
		return e.appendIRI(dst, v.String())
	case rdf.Literal:
		return e.appendLiteral(dst, v)
	case rdf.Blank:
		label := strings.TrimPrefix(v.String(), "_:")
		if !validBlankLabel(label) {
			return dst, fmt.Errorf("blank node label %q cannot be written", label)
		}
		return append(append(dst, "_:"...), label...), nil
	case nil:
		return dst, errors.New("missing term")
	}
	return dst, fmt.Errorf("unsupported term %T", t)
}

func (e *Encoder) appendIRI(dst []byte, s string) ([]byte, error) {
	if err := checkIRI(s); err != nil {
		return dst, err
	}
	if i := e.prefixes.lookup(s); i >= 0 {
		if e.used != nil {
			e.used[i] = true
		}
		p := e.prefixes.entries[i]
		dst = append(dst, p.Name...)
		dst = append(dst, ':')
		return append(dst, s[len(p.IRI):]...), nil
	}
	dst = append(dst, '<')
	dst = append(dst, s...)
	return append(dst, '>'), nil
}

// prefixTable finds the prefix that abbreviates an IRI.
type prefixTable struct {
	entries  []Prefix
	byLength []int // indexes into entries, longest namespace first
}

func newPrefixTable(ps []Prefix) prefixTable {
	t := prefixTable{entries: ps, byLength: make([]int, len(ps))}
	for i := range t.byLength {
		t.byLength[i] = i
	}
	sort.SliceStable(t.byLength, func(a, b int) bool {
		return len(ps[t.byLength[a]].IRI) > len(ps[t.byLength[b]].IRI)
	})
	return t
}

// lookup returns the index of the longest namespace that abbreviates the
// IRI s to a valid local name, or -1.
func (t prefixTable) lookup(s string) int {
	for _, i := range t.byLength {
		ns := t.entries[i].IRI
		if len(s) >= len(ns) && s[:len(ns)] == ns && validLocal(s[len(ns):]) {
			return i
		}
	}
	return -1
}

func (e *Encoder) appendLiteral(dst []byte, l rdf.Literal) ([]byte, error) {
	s := l.String()
	if !utf8.ValidString(s) {
		return dst, fmt.Errorf("literal %q is not valid UTF-8", s)
	}
	dt := l.DataType.String()
	switch dt {
	case xsdInteger:
		if canonicalInteger(s) {
			return append(dst, s...), nil
		}
	case xsdBoolean:
		if s == "true" || s == "false" {
			return append(dst, s...), nil
		}
	}
	start := len(dst)
	dst = appendQuoted(dst, s)
	switch dt {
	case "", xsdString:
		return dst, nil
	case langString:
		lang := l.Lang()
		if !ValidLangTag(lang) {
			return dst[:start], fmt.Errorf("language tag %q is not valid", lang)
		}
		dst = append(dst, '@')
		return append(dst, lang...), nil
	}
	dst = append(dst, "^^"...)
	dst, err := e.appendFrequent(dst, dt)
	if err != nil {
		return dst[:start], fmt.Errorf("datatype: %w", err)
	}
	return dst, nil
}

// appendQuoted writes s as a STRING_LITERAL_QUOTE. Besides the characters
// Turtle forbids raw (", \, LF, CR), every other control character is
// escaped too, so no reader or terminal is surprised. Runs of plain bytes
// are copied at once: literals are long prose.
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	run := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !needsEscape[c] {
			continue
		}
		b = append(b, s[run:i]...)
		run = i + 1
		switch c {
		case '"':
			b = append(b, '\\', '"')
		case '\\':
			b = append(b, '\\', '\\')
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		case '\b':
			b = append(b, '\\', 'b')
		case '\f':
			b = append(b, '\\', 'f')
		default:
			const hex = "0123456789ABCDEF"
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		}
	}
	b = append(b, s[run:]...)
	return append(b, '"')
}

// needsEscape marks the bytes appendQuoted escapes: quote, backslash, the
// C0 controls and DEL.
var needsEscape = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	t['"'], t['\\'], t[0x7f] = true, true, true
	return t
}()

// iriForbidden marks the ASCII bytes an IRIREF cannot hold: controls,
// space and <>"{}|^`\.
var iriForbidden = func() (t [128]bool) {
	for c := 0; c <= 0x20; c++ {
		t[c] = true
	}
	for _, c := range "<>\"{}|^`\\" {
		t[c] = true
	}
	return t
}()

// checkIRI rejects what an IRIREF cannot hold, and relative IRIs, which a
// reader would resolve against a base of its own. Writing forbidden
// characters as \u escapes would still leave an invalid IRI, so this is an
// error, not an escaping matter: builders must percent-encode first.
func checkIRI(s string) error {
	if s == "" {
		return errors.New("empty IRI")
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if iriForbidden[c] {
				if c <= 0x20 {
					return fmt.Errorf("IRI %q contains control or space character %q", s, rune(c))
				}
				return fmt.Errorf("IRI %q contains %q", s, rune(c))
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return fmt.Errorf("IRI %q is not valid UTF-8", s)
		}
		i += size - 1
	}
	if !hasScheme(s) {
		return fmt.Errorf("IRI %q is relative (no scheme): a reader would resolve it against its own base", s)
	}
	return nil
}

// hasScheme reports whether s starts with an RFC 3986 scheme and a colon:
// ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":".
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
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

// validLocal accepts a conservative subset of PN_LOCAL: ASCII letters,
// digits, '_', '-' and inner '.', starting with a letter, digit or '_'.
// Percent escapes, ':' and non-ASCII are legal Turtle but trip older
// readers; those IRIs are written in full instead.
func validLocal(s string) bool {
	if s == "" {
		return true
	}
	if !isAlnum(s[0]) && s[0] != '_' {
		return false
	}
	if s[len(s)-1] == '.' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !isAlnum(c) && c != '_' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

// validPrefixName accepts PN_PREFIX restricted to ASCII.
func validPrefixName(s string) bool {
	if s == "" || !isLetter(s[0]) || s[len(s)-1] == '.' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !isAlnum(c) && c != '_' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

func validBlankLabel(s string) bool {
	return validLocal(s) && s != ""
}

// ValidLangTag checks the LANGTAG production, [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*,
// which Turtle and SPARQL share.
func ValidLangTag(s string) bool {
	if s == "" {
		return false
	}
	for i, part := range strings.Split(s, "-") {
		if part == "" {
			return false
		}
		for j := 0; j < len(part); j++ {
			if !isLetter(part[j]) && (i == 0 || !isDigit(part[j])) {
				return false
			}
		}
	}
	return true
}

// canonicalInteger tells whether s is the canonical lexical form of an
// xsd:integer: no sign but '-', no leading zeros, no "-0". Only those are
// written as bare numbers: a reader turns +1 or 01 into "1", another term.
func canonicalInteger(s string) bool {
	if s != "" && s[0] == '-' {
		s = s[1:]
		if s == "0" {
			return false
		}
	}
	if s == "" || s[0] == '0' && len(s) > 1 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isAlnum(c byte) bool  { return isLetter(c) || isDigit(c) }
