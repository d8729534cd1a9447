package load

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph/turtle"
)

// Turtle is parsed by knakk/rdf's decoder. Its defects, and what is done
// about them here:
//
//   - An explicit label _:b1 and the first anonymous node [] both become
//     the node "b1" (anonymous nodes are numbered _:b1, _:b2, … in the same
//     namespace): two nodes silently merged. Fixed on the way in: the
//     pre-lexer below writes explicit labels as _:_label.
//   - Relative IRIs are "resolved" by pasting them after @base (so
//     <../x> and <#f> come out wrong) and stay relative without one. The
//     pre-lexer resolves them by RFC 3986 against @base/BASE; a relative
//     IRI without a base is an error, as the IRIs of a store are absolute.
//   - `@prefix : <…>` prints "empty label" on the process's stderr. The
//     pre-lexer gives the empty prefix a name of its own.
//   - A '"' or '""' right before a line break inside a """long string"""
//     is refused ("bad literal: no closing quote"), although it is valid
//     Turtle. Not fixed: convert such a file to N-Triples first (for
//     example with rapper -i turtle -o ntriples).
//   - The decoder reports some errors without a line. The reader hands it
//     the text one line at a time, so the line it has reached is known;
//     the pre-lexer finds relative IRIs and bad IRI escapes on their line.
//   - Its lexer runs on a goroutine of its own that blocks when the decoder
//     stops early; drain ends it.
//   - It panics on some input; decode turns that into an error.

// turtleReader hands knakk's decoder the source one line per Read, through
// the pre-lexer. (knakk wraps it in a bufio.Reader, which reads again only
// when its line is used up.) Read runs on knakk's lexer goroutine, so the
// state the decoding loop looks at is behind a mutex.
type turtleReader struct {
	src *bufio.Reader
	out []byte
	buf []byte
	lex preLexer

	mu      sync.Mutex
	line    int   // lines handed out, the current one included
	bad     error // a problem found in the text, on line badLine
	badLine int
	readErr error
	stop    bool
}

func (t *turtleReader) Read(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for len(t.out) == 0 {
		if t.stop {
			return 0, io.EOF
		}
		line, err := t.src.ReadSlice('\n')
		for err == bufio.ErrBufferFull { // a line longer than the buffer
			more := append([]byte(nil), line...)
			line, err = t.src.ReadSlice('\n')
			line = append(more, line...)
		}
		if len(line) > 0 {
			t.line++
			if !utf8.Valid(line) {
				t.bad, t.badLine, t.stop = errors.New("not UTF-8 text"), t.line, true
				return 0, io.EOF
			}
			t.buf = t.lex.process(t.buf[:0], line)
			if t.lex.err != nil {
				t.bad, t.badLine, t.stop = t.lex.err, t.line, true
				return 0, io.EOF
			}
			t.out = t.buf
		}
		if err != nil {
			if err != io.EOF {
				t.readErr = err
			}
			t.stop = true
		}
	}
	n := copy(p, t.out)
	t.out = t.out[n:]
	return n, nil
}

// state returns what the decoding loop needs to know, safely.
func (t *turtleReader) state() (line int, bad error, badLine int, readErr error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.line, t.bad, t.badLine, t.readErr
}

func (t *turtleReader) halt() {
	t.mu.Lock()
	t.stop, t.out = true, nil
	t.mu.Unlock()
}

// emptyPrefix replaces the empty prefix name (see above); it is a valid
// PN_PREFIX that no one writes.
const emptyPrefix = "pledgegraph-empty-prefix"

// preLexer rewrites Turtle text on its way to knakk: explicit blank node
// labels _:x become _:_x (knakk's anonymous nodes are _:b<N>, so the two can
// no longer meet), relative IRIs are resolved against the base, and the
// empty prefix gets a name. It tracks just enough of the grammar to tell
// where it is: strings (short and long), IRIs, comments, and whether a
// token starts (the byte before is not part of a name).
type preLexer struct {
	long     byte // the quote of an open long string, 0 outside
	base     string
	wantBase bool  // the next IRI is a @base/BASE
	prev     byte  // the byte before, outside strings and IRIs
	err      error // an IRI that cannot be made absolute
}

func nameByte(c byte) bool {
	return isAlnum(c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '%' || c == '\\' || c >= 0x80
}

func (x *preLexer) process(dst, line []byte) []byte {
	i := 0
	for i < len(line) {
		if x.long != 0 {
			j, closed := i, false
			for j < len(line) {
				c := line[j]
				if c == '\\' {
					j += 2
					continue
				}
				if c != x.long {
					j++
					continue
				}
				k := j
				for k < len(line) && line[k] == x.long {
					k++
				}
				// A run of quotes closes the string with its last three;
				// up to two before them belong to the string.
				j, closed = k, k-j >= 3
				if closed {
					break
				}
			}
			j = min(j, len(line))
			dst = append(dst, line[i:j]...)
			i = j
			if closed {
				x.long, x.prev = 0, '"'
			}
			continue
		}
		c := line[i]
		switch {
		case c == '#':
			dst = append(dst, line[i:]...)
			i = len(line)
			x.prev = '\n'
		case c == '"' || c == '\'':
			if at(line, i+1) == c && at(line, i+2) == c {
				x.long = c
				dst = append(dst, line[i:i+3]...)
				i += 3
				continue
			}
			j := i + 1
			for j < len(line) && line[j] != c && line[j] != '\n' {
				if line[j] == '\\' {
					j++
				}
				j++
			}
			if j < len(line) && line[j] == c {
				j++
			}
			j = min(j, len(line))
			dst = append(dst, line[i:j]...)
			i = j
			x.prev = c
		case c == '<':
			j := bytes.IndexByte(line[i+1:], '>')
			if j < 0 || bytes.ContainsAny(line[i+1:i+1+j], " \t\n\"<") {
				dst = append(dst, c) // not an IRI: knakk will say what is wrong
				i++
				x.prev = c
				continue
			}
			iri, err := x.resolve(line[i+1 : i+1+j])
			if err != nil {
				x.err = err
				return dst
			}
			if x.wantBase {
				x.base, x.wantBase = string(iri), false
			}
			dst = append(dst, '<')
			dst = append(dst, iri...)
			dst = append(dst, '>')
			i += j + 2
			x.prev = '>'
		case c == '_' && at(line, i+1) == ':' && !nameByte(x.prev):
			dst = append(dst, "_:_"...)
			i += 2
			x.prev = '_'
		case c == ':' && !nameByte(x.prev):
			dst = append(dst, emptyPrefix+":"...)
			i++
			x.prev = ':'
		case c == '@' && word(line[i+1:], "base", false):
			x.wantBase = true
			dst = append(dst, line[i:i+5]...)
			i += 5
			x.prev = 'e'
		case (c == 'B' || c == 'b') && !nameByte(x.prev) && word(line[i:], "base", true):
			x.wantBase = true
			dst = append(dst, line[i:i+4]...)
			i += 4
			x.prev = 'e'
		default:
			dst = append(dst, c)
			i++
			x.prev = c
		}
	}
	return dst
}

// word reports whether s starts with w (in any case if fold) followed by
// white space or '<'.
func word(s []byte, w string, fold bool) bool {
	if len(s) <= len(w) {
		return false
	}
	head := string(s[:len(w)])
	if fold && !strings.EqualFold(head, w) || !fold && head != w {
		return false
	}
	switch s[len(w)] {
	case ' ', '\t', '\n', '\r', '<':
		return true
	}
	return false
}

// resolve returns the IRI to write for the IRIREF content iri: as written
// when absolute, else resolved against the base. A relative IRI without a
// base, or an escape that stands for a character no IRI holds, is an
// error here, where the line is known; knakk's own errors name their line.
func (x *preLexer) resolve(iri []byte) ([]byte, error) {
	ref := iri
	if bytes.IndexByte(iri, '\\') >= 0 {
		var u []byte
		for i := 0; i < len(iri); {
			if iri[i] != '\\' {
				u = append(u, iri[i])
				i++
				continue
			}
			r, n, err := uchar(iri, i)
			if err != nil {
				return nil, fmt.Errorf("IRI <%s>: %w", iri, err)
			}
			if r < 0x80 && iriForbidden[r] {
				return nil, fmt.Errorf("IRI <%s>: the escape %s stands for %q, which an IRI cannot hold", iri, iri[i:i+n], r)
			}
			u = utf8.AppendRune(u, r)
			i += n
		}
		ref = u
	}
	if hasScheme(ref) {
		return iri, nil
	}
	if x.base == "" {
		return nil, fmt.Errorf("relative IRI <%s> and no @base to resolve it against: the store needs absolute IRIs", iri)
	}
	return []byte(resolveIRI(x.base, string(ref))), nil
}

// iriParts are the components of an IRI reference (RFC 3986, section 3).
type iriParts struct {
	scheme, authority, path, query, fragment string
	hasAuthority, hasQuery, hasFragment      bool
}

func splitIRI(s string) iriParts {
	var p iriParts
	if hasScheme([]byte(s)) {
		i := strings.IndexByte(s, ':')
		p.scheme, s = s[:i], s[i+1:]
	}
	if i := strings.IndexByte(s, '#'); i >= 0 {
		p.fragment, p.hasFragment, s = s[i+1:], true, s[:i]
	}
	if i := strings.IndexByte(s, '?'); i >= 0 {
		p.query, p.hasQuery, s = s[i+1:], true, s[:i]
	}
	if strings.HasPrefix(s, "//") {
		s = s[2:]
		i := strings.IndexByte(s, '/')
		if i < 0 {
			i = len(s)
		}
		p.authority, p.hasAuthority, s = s[:i], true, s[i:]
	}
	p.path = s
	return p
}

// resolveIRI resolves ref against base (RFC 3986, section 5.2.2), on
// strings, so that non-ASCII characters stay as they are.
func resolveIRI(base, ref string) string {
	b, r := splitIRI(base), splitIRI(ref)
	var t iriParts
	switch {
	case r.scheme != "":
		t = r
		t.path = removeDots(r.path)
	case r.hasAuthority:
		t = r
		t.path = removeDots(r.path)
		t.scheme = b.scheme
	default:
		t.scheme, t.authority, t.hasAuthority = b.scheme, b.authority, b.hasAuthority
		switch {
		case r.path == "":
			t.path = b.path
			t.query, t.hasQuery = b.query, b.hasQuery
			if r.hasQuery {
				t.query, t.hasQuery = r.query, true
			}
		case strings.HasPrefix(r.path, "/"):
			t.path = removeDots(r.path)
			t.query, t.hasQuery = r.query, r.hasQuery
		default:
			var merged string
			if b.hasAuthority && b.path == "" {
				merged = "/" + r.path
			} else {
				merged = b.path[:strings.LastIndexByte(b.path, '/')+1] + r.path
			}
			t.path = removeDots(merged)
			t.query, t.hasQuery = r.query, r.hasQuery
		}
	}
	t.fragment, t.hasFragment = r.fragment, r.hasFragment
	var s strings.Builder
	if t.scheme != "" {
		s.WriteString(t.scheme + ":")
	}
	if t.hasAuthority {
		s.WriteString("//" + t.authority)
	}
	s.WriteString(t.path)
	if t.hasQuery {
		s.WriteString("?" + t.query)
	}
	if t.hasFragment {
		s.WriteString("#" + t.fragment)
	}
	return s.String()
}

// removeDots is remove_dot_segments (RFC 3986, section 5.2.4).
func removeDots(in string) string {
	var out []string
	abs := strings.HasPrefix(in, "/")
	segs := strings.Split(in, "/")
	if abs {
		segs = segs[1:]
	}
	for i, seg := range segs {
		last := i == len(segs)-1
		switch seg {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, seg)
		}
	}
	s := strings.Join(out, "/")
	if abs {
		s = "/" + s
	}
	return s
}

// knakkPosition is the "line:column:" knakk puts before most messages.
var knakkPosition = regexp.MustCompile(`^(\d+):(\d+):? `)

// knakkTokens names knakk's token types (lex.go of the pinned version),
// which its messages print as numbers.
var knakkTokens = []string{
	"the end of the input", "the end of the line", "an error", "an IRI", "a relative IRI", "a blank node",
	"a string", "a long string", "an integer", "a double", "a decimal", "a boolean", "'@'",
	"a language tag", "'^^'", "'.'", "';'", "','", "'a'", "@prefix", "a prefixed name",
	"a local name", "@base", "PREFIX", "BASE", "'[]'", "'['", "']'", "'('", "')'",
}

var knakkToken = regexp.MustCompile(`\b(unexpected|got) (\d+)\b`)

// knakkError turns a decoder error into one that names the line: knakk's
// own when it gives one, else the line the reader has reached.
func knakkError(err error, line int) (int, error) {
	msg := err.Error()
	if m := knakkPosition.FindStringSubmatch(msg); m != nil {
		if n, convErr := strconv.Atoi(m[1]); convErr == nil {
			line = n
		}
		msg = strings.TrimSpace(msg[len(m[0]):])
	}
	msg = knakkToken.ReplaceAllStringFunc(msg, func(s string) string {
		m := knakkToken.FindStringSubmatch(s)
		if n, err := strconv.Atoi(m[2]); err == nil && n < len(knakkTokens) {
			return m[1] + " " + knakkTokens[n]
		}
		return s
	})
	msg = strings.ReplaceAll(msg, emptyPrefix+":", ":")
	msg = strings.ReplaceAll(msg, "'"+emptyPrefix+"'", "''")
	return line, errors.New("Turtle: " + msg)
}

// decode calls Decode, turning a panic of the decoder into an error.
func decode(d rdf.TripleDecoder) (t rdf.Triple, err error) {
	defer func() {
		if r := recover(); r != nil {
			if re, ok := r.(runtime.Error); ok {
				err = fmt.Errorf("the Turtle decoder failed on this input (%v)", re)
				return
			}
			err = fmt.Errorf("the Turtle decoder failed on this input (%v)", r)
		}
	}()
	return d.Decode()
}

// drain ends knakk's lexer goroutine after an early stop: with the reader
// at its end, the lexer has a few tokens left to hand over, then closes.
func drain(t *turtleReader, d rdf.TripleDecoder) {
	t.halt()
	for range 1 << 20 {
		if _, err := decode(d); err == io.EOF {
			return
		}
	}
}

// fromKnakk converts and checks a decoded triple.
func fromKnakk(t rdf.Triple, st *statement) error {
	*st = statement{}
	if err := knakkTerm(t.Subj, &st.s); err != nil {
		return err
	}
	if err := knakkTerm(t.Pred, &st.p); err != nil {
		return err
	}
	return knakkTerm(t.Obj, &st.o)
}

func knakkTerm(k rdf.Term, t *term) error {
	switch v := k.(type) {
	case rdf.IRI:
		return checkedIRI(v.String(), t)
	case rdf.Blank:
		t.kind, t.value = kindBlank, []byte(v.String())
		return nil
	case rdf.Literal:
		t.kind, t.value = kindLiteral, []byte(v.String())
		if !utf8.Valid(t.value) {
			return errors.New("a string that is not UTF-8")
		}
		if lang := v.Lang(); lang != "" {
			if !turtle.ValidLangTag(lang) {
				return fmt.Errorf("invalid language tag %q", lang)
			}
			t.lang = []byte(lang)
			return nil
		}
		var dt term
		if err := checkedIRI(v.DataType.String(), &dt); err != nil {
			return fmt.Errorf("datatype: %w", err)
		}
		if string(dt.value) == rdfLangString {
			return errors.New("rdf:langString needs a language tag, not a datatype")
		}
		t.dt = dt.value
		return nil
	}
	return fmt.Errorf("unexpected term %v", k)
}

// checkedIRI applies to a decoded IRI the checks the N-Triples parser makes.
func checkedIRI(s string, t *term) error {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x80 && iriForbidden[c] {
			return fmt.Errorf("IRI <%s> contains %q, which must be percent-encoded", s, rune(c))
		}
	}
	if !hasScheme([]byte(s)) {
		return fmt.Errorf("relative IRI <%s> and no @base to resolve it against: the store needs absolute IRIs", s)
	}
	t.kind, t.value = kindIRI, []byte(s)
	return nil
}

// turtleBatch is how many statements go to the checker at once.
const turtleBatch = 8192

// checkTurtle reads Turtle from r into the checker.
func (c *checker) checkTurtle(ctx context.Context, r io.Reader) (err error) {
	tr := &turtleReader{src: bufio.NewReaderSize(r, 64<<10)}
	dec := rdf.NewTripleDecoder(tr, rdf.Turtle)
	done := false
	defer func() {
		if !done {
			drain(tr, dec)
		}
	}()
	newBatch := func() *blockResult { return &blockResult{graphs: [][]byte{nil}} }
	batch := newBatch()
	var st statement
	for n := 0; ; n++ {
		if n%turtleBatch == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		t, derr := decode(dec)
		// The reader is at the last line of the statement, or a little
		// beyond it: knakk's lexer reads ahead to the next token.
		line, bad, badLine, readErr := tr.state()
		if bad != nil {
			return &lineError{c.name, badLine, bad}
		}
		if readErr != nil {
			return &lineError{c.name, 0, fmt.Errorf("reading: %w", readErr)}
		}
		if derr == io.EOF {
			done = true
			break
		}
		if derr != nil {
			l, e := knakkError(derr, line)
			return &lineError{c.name, l, e}
		}
		if err := fromKnakk(t, &st); err != nil {
			return &lineError{c.name, line, err}
		}
		if err := batch.add(&st, line, &c.seed); err != nil {
			return &lineError{c.name, line, err}
		}
		if len(batch.hashes) >= turtleBatch {
			if err := c.merge(batch); err != nil {
				return err
			}
			batch = newBatch()
		}
	}
	return c.merge(batch)
}
