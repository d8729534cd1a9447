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
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
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
var ErrClosed = errors.New("turtle: encoder closed")

// Encoder writes the body of a Turtle document: triples without the prefix
// block. The prefixes actually used are known only when all triples have
// been written, so the caller writes them (WritePrefixes(Used())) in front
// of the body once Close returns.
type Encoder struct {
	w        *bufio.Writer
	table    []Prefix // in the caller's order, for Used
	byLength []int    // indexes into table, longest namespace first
	used     []bool
	subject  string // serialized current subject; "" before the first triple
	pred     string
	started  bool
	closed   bool
	err      error
	scratch  []byte
}

// NewEncoder returns an Encoder writing to w with the given prefix table.
// Prefix names must be valid PN_PREFIX (or empty); ValidatePrefixes checks.
func NewEncoder(w io.Writer, prefixes []Prefix) *Encoder {
	e := &Encoder{
		w:     bufio.NewWriterSize(w, 256<<10),
		table: append([]Prefix(nil), prefixes...),
		used:  make([]bool, len(prefixes)),
	}
	e.byLength = make([]int, len(prefixes))
	for i := range e.byLength {
		e.byLength[i] = i
	}
	sort.SliceStable(e.byLength, func(a, b int) bool {
		return len(e.table[e.byLength[a]].IRI) > len(e.table[e.byLength[b]].IRI)
	})
	return e
}

// ValidatePrefixes reports the first prefix whose name is not a valid
// PN_PREFIX or whose namespace cannot be written as an IRIREF.
func ValidatePrefixes(ps []Prefix) error {
	for _, p := range ps {
		if p.Name != "" && !validPrefixName(p.Name) {
			return fmt.Errorf("turtle: prefix name %q is not a valid PN_PREFIX", p.Name)
		}
		if err := checkIRI(p.IRI); err != nil {
			return fmt.Errorf("turtle: prefix %q: %w", p.Name, err)
		}
	}
	return nil
}

// Encode writes one triple. Blank nodes are written as _:label.
func (e *Encoder) Encode(t rdf.Triple) error {
	if e.closed {
		return ErrClosed
	}
	if e.err != nil {
		return e.err
	}
	subj, err := e.term(t.Subj)
	if err != nil {
		return e.fail(err)
	}
	var pred string
	if t.Pred.String() == rdfType {
		pred = "a"
	} else if pred, err = e.term(t.Pred); err != nil {
		return e.fail(err)
	}
	obj, err := e.term(t.Obj)
	if err != nil {
		return e.fail(err)
	}
	switch {
	case e.started && subj == e.subject && pred == e.pred:
		e.write(" ,\n        ")
	case e.started && subj == e.subject:
		e.write(" ;\n    ")
		e.write(pred)
		e.write(" ")
	default:
		if e.started {
			e.write(" .\n\n")
		}
		e.write(subj)
		e.write(" ")
		e.write(pred)
		e.write(" ")
	}
	e.write(obj)
	e.started, e.subject, e.pred = true, subj, pred
	return e.err
}

// Close ends the last statement and flushes. It does not close the
// underlying writer and is safe to call more than once.
func (e *Encoder) Close() error {
	if e.closed {
		return e.err
	}
	e.closed = true
	if e.started {
		e.write(" .\n")
	}
	if e.err == nil {
		e.err = e.w.Flush()
	}
	return e.err
}

// Used returns the prefixes that the written triples needed, in the order
// of the table given to NewEncoder.
func (e *Encoder) Used() []Prefix {
	var ps []Prefix
	for i, u := range e.used {
		if u {
			ps = append(ps, e.table[i])
		}
	}
	return ps
}

// WritePrefixes writes the prefix block followed by a blank line; nothing
// when ps is empty.
func WritePrefixes(w io.Writer, ps []Prefix) error {
	if len(ps) == 0 {
		return nil
	}
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "@prefix %s: <%s> .\n", p.Name, escapeIRI(p.IRI))
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// EncodeAll writes a complete Turtle document of the triples, in the order
// given, to w. It holds the body in memory; for large graphs use Encoder.
func EncodeAll(w io.Writer, prefixes []Prefix, triples []rdf.Triple) error {
	var body bytes.Buffer
	e := NewEncoder(&body, prefixes)
	for _, t := range triples {
		if err := e.Encode(t); err != nil {
			return err
		}
	}
	if err := e.Close(); err != nil {
		return err
	}
	if err := WritePrefixes(w, e.Used()); err != nil {
		return err
	}
	_, err := w.Write(body.Bytes())
	return err
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

func (e *Encoder) term(t rdf.Term) (string, error) {
	switch v := t.(type) {
	case rdf.IRI:
		return e.iri(v.String())
	case rdf.Literal:
		return e.literal(v)
	case rdf.Blank:
		label := strings.TrimPrefix(v.String(), "_:")
		if !validBlankLabel(label) {
			return "", fmt.Errorf("turtle: blank node label %q cannot be written", label)
		}
		return "_:" + label, nil
	case nil:
		return "", errors.New("turtle: missing term")
	}
	return "", fmt.Errorf("turtle: unsupported term %T", t)
}

func (e *Encoder) iri(s string) (string, error) {
	if err := checkIRI(s); err != nil {
		return "", err
	}
	for _, i := range e.byLength {
		p := e.table[i]
		if len(s) >= len(p.IRI) && s[:len(p.IRI)] == p.IRI {
			local := s[len(p.IRI):]
			if !validLocal(local) {
				continue
			}
			e.used[i] = true
			return p.Name + ":" + local, nil
		}
	}
	return "<" + escapeIRI(s) + ">", nil
}

func (e *Encoder) literal(l rdf.Literal) (string, error) {
	s := l.String()
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("turtle: literal %q is not valid UTF-8", s)
	}
	dt := l.DataType.String()
	switch dt {
	case xsdInteger:
		if isInteger(s) {
			return s, nil
		}
	case xsdBoolean:
		if s == "true" || s == "false" {
			return s, nil
		}
	}
	e.scratch = appendQuoted(e.scratch[:0], s)
	switch dt {
	case "", xsdString:
		return string(e.scratch), nil
	case langString:
		lang := l.Lang()
		if !ValidLangTag(lang) {
			return "", fmt.Errorf("turtle: language tag %q is not valid", lang)
		}
		return string(e.scratch) + "@" + lang, nil
	}
	dtTerm, err := e.iri(dt)
	if err != nil {
		return "", fmt.Errorf("turtle: datatype: %w", err)
	}
	return string(e.scratch) + "^^" + dtTerm, nil
}

// appendQuoted writes s as a STRING_LITERAL_QUOTE. Besides the characters
// Turtle forbids raw (", \, LF, CR), every other control character is
// escaped too, so no reader or terminal is surprised.
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
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
			if c < 0x20 || c == 0x7f {
				b = append(b, fmt.Sprintf(`\u%04X`, c)...)
			} else {
				b = append(b, c)
			}
		}
	}
	return append(b, '"')
}

// checkIRI rejects what an IRIREF cannot hold. Writing such characters as
// \u escapes would still leave an invalid IRI, so this is an error, not an
// escaping matter: builders must percent-encode first.
func checkIRI(s string) error {
	if s == "" {
		return errors.New("turtle: empty IRI")
	}
	if !utf8.ValidString(s) {
		return fmt.Errorf("turtle: IRI %q is not valid UTF-8", s)
	}
	for _, r := range s {
		if r <= 0x20 {
			return fmt.Errorf("turtle: IRI %q contains control or space character %q", s, r)
		}
		switch r {
		case '<', '>', '"', '{', '}', '|', '^', '`', '\\':
			return fmt.Errorf("turtle: IRI %q contains %q", s, r)
		}
	}
	return nil
}

// escapeIRI is the identity for IRIs that passed checkIRI; it exists so the
// prefix block cannot be corrupted by a bad namespace either.
func escapeIRI(s string) string {
	if checkIRI(s) == nil {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r <= 0x20 || strings.ContainsRune("<>\"{}|^`\\", r) {
			fmt.Fprintf(&b, "%%%02X", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
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

func isInteger(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if s == "" {
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
