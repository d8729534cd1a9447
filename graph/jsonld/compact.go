package jsonld

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph/turtle"
	"github.com/pledgegraph/pledgegraph/internal/wordscan"
	"github.com/pledgegraph/pledgegraph/vocab"
)

const (
	rdfType    = vocab.RDF + "type"
	langString = vocab.RDF + "langString"
	xsdString  = xsdNS + "string"
)

// compactor turns triples into compacted node objects. It only reads its
// table and caches, so reports are compacted on several goroutines at once.
type compactor struct {
	t *table
	// keys caches per predicate the keys its values go under; datatypes
	// caches the compacted datatype IRIs. Both are bounded, so a graph
	// with a million distinct predicates cannot grow them forever.
	keys      cache[*predKeys]
	datatypes cache[*compacted]
	cached    atomic.Int32
}

const maxCached = 4096

// compacted is a JSON string ready to write, or why there is none.
type compacted struct {
	json []byte
	err  error
}

// predKeys are the keys, JSON-quoted with their colon, that the values of
// one predicate go under, by the shape of the value.
type predKeys struct {
	err error
	// plain is the key of values no coerced term takes: the term without
	// coercion for the IRI, else its compact IRI, else the IRI itself.
	plain []byte
	// ref is the key of IRIs and blank nodes: a term with "@type": "@id"
	// (refBare: the IRI is written as a plain string), else plain.
	ref     []byte
	refBare bool
	coerced *coercedTerms
}

// form is how a value is written.
type form uint8

const (
	formType        form = iota // rdf:type's IRI or blank node: a "@type" value
	formRefBare                 // an IRI under a term with "@type": "@id"
	formRefObject               // {"@id": …}
	formBare                    // a literal as a plain JSON string
	formLangObject              // {"@value": …, "@language": …}
	formTypedObject             // {"@value": …, "@type": …}
)

// scratch is reused across Render calls.
type scratch struct {
	nodeOf   []int32
	subjects []rdf.Subject
	index    map[subjectKey]int32
	order    []int32
	counts   []int32
	keys     [][]byte
	keyOf    []int32
	forms    []form
	byKey    []int32
	keyIndex map[string]int32
	keyCount []int32
	// refs remembers IRIs written in this call, as written (in refText):
	// a report names the same nodes and classes again and again, most often
	// through the same string, and checking and compacting an IRI costs far
	// more than recognizing its string by address (see appendCachedRef).
	// A generated report writes some 250 references to 85 distinct IRIs:
	// 64 slots missed 125 of them, 256 slots miss 93.
	refs    [256]refEntry
	refText []byte
	// preds does the same for the keys of predicates (compactor.keys
	// would hash the predicate for every triple): a report's predicates
	// are a few strings, mostly the vocabulary's own.
	preds [16]predEntry
}

type predEntry struct {
	p  string
	pk *predKeys
}

type refEntry struct {
	iri        string // held, so that its address stays its own
	vocab      bool
	start, end int32
}

type subjectKey struct {
	blank bool
	s     string
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// appendNodes appends the node objects of the triples, one per subject in
// order of first appearance, separated by ",\n" and indented for the
// "@graph" array; it returns how many it wrote.
func (c *compactor) appendNodes(dst []byte, ts []rdf.Triple) ([]byte, int, error) {
	if len(ts) == 0 {
		return dst, 0, nil
	}
	sc := scratchPool.Get().(*scratch)
	defer func() {
		clear(sc.subjects) // let the report's terms go
		clear(sc.refs[:])
		clear(sc.preds[:])
		sc.refText = sc.refText[:0]
		scratchPool.Put(sc)
	}()
	if err := sc.group(ts); err != nil {
		return dst, 0, err
	}
	start := 0
	for n := range sc.subjects {
		end := start + int(sc.counts[n])
		if n > 0 {
			dst = append(dst, ",\n"...)
		}
		var err error
		if dst, err = c.appendNode(dst, sc, ts, sc.subjects[n], sc.order[start:end]); err != nil {
			return dst, 0, err
		}
		start = end
	}
	return dst, len(sc.subjects), nil
}

// group orders the triples by subject, subjects in order of first
// appearance, triples of a subject in their order (a counting sort).
func (sc *scratch) group(ts []rdf.Triple) error {
	sc.nodeOf = resize(sc.nodeOf, len(ts))
	sc.subjects = sc.subjects[:0]
	clear(sc.index)
	last := int32(-1)
	for i, t := range ts {
		if t.Subj == nil || t.Pred == nil || t.Obj == nil {
			return fmt.Errorf("triple %d has no subject, predicate or object", i)
		}
		if last >= 0 && sameSubject(sc.subjects[last], t.Subj) {
			sc.nodeOf[i] = last
			continue
		}
		last = sc.find(t.Subj)
		sc.nodeOf[i] = last
	}
	sc.counts = resize(sc.counts, len(sc.subjects))
	clear(sc.counts)
	for _, n := range sc.nodeOf {
		sc.counts[n]++
	}
	// offsets, then placement
	sc.keyCount = resize(sc.keyCount, len(sc.subjects))
	sum := int32(0)
	for n, k := range sc.counts {
		sc.keyCount[n] = sum
		sum += k
	}
	sc.order = resize(sc.order, len(ts))
	for i, n := range sc.nodeOf {
		sc.order[sc.keyCount[n]] = int32(i)
		sc.keyCount[n]++
	}
	return nil
}

// find returns the node of a subject, adding it when new. Subjects mostly
// come grouped, so this runs about once per node; a map is built only for
// the many subjects of shared triples.
func (sc *scratch) find(s rdf.Subject) int32 {
	if len(sc.subjects) < 16 {
		for n, o := range sc.subjects {
			if sameSubject(o, s) {
				return int32(n)
			}
		}
	} else {
		if sc.index == nil {
			sc.index = map[subjectKey]int32{}
		}
		if len(sc.index) == 0 {
			for n, o := range sc.subjects {
				sc.index[keyOfSubject(o)] = int32(n)
			}
		}
		if n, ok := sc.index[keyOfSubject(s)]; ok {
			return n
		}
		sc.index[keyOfSubject(s)] = int32(len(sc.subjects))
	}
	sc.subjects = append(sc.subjects, s)
	return int32(len(sc.subjects) - 1)
}

func keyOfSubject(s rdf.Subject) subjectKey {
	if b, ok := s.(rdf.Blank); ok {
		return subjectKey{blank: true, s: b.Serialize(rdf.NTriples)}
	}
	return subjectKey{s: s.String()}
}

func sameSubject(a, b rdf.Subject) bool {
	if x, ok := a.(rdf.IRI); ok {
		y, ok := b.(rdf.IRI)
		return ok && x.String() == y.String()
	}
	return keyOfSubject(a) == keyOfSubject(b)
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}

const (
	indentKey   = "\n      "
	indentValue = "\n        "
)

// appendNode writes one node object: "@id", "@type", then the keys in
// order of first appearance, each with its values in their order.
func (c *compactor) appendNode(dst []byte, sc *scratch, ts []rdf.Triple, subj rdf.Subject, idx []int32) ([]byte, error) {
	dst = append(dst, "    {"+indentKey+`"@id": `...)
	var err error
	if dst, err = c.appendCachedRef(dst, sc, subj, false); err != nil {
		return dst, fmt.Errorf("subject: %w", err)
	}

	// Classify every value and number the distinct keys.
	sc.keys = sc.keys[:0]
	clear(sc.keyIndex)
	sc.keyOf = resize(sc.keyOf, len(idx))
	sc.forms = resize(sc.forms, len(idx))
	types := 0
	for j, i := range idx {
		key, f, err := c.classify(sc, ts[i])
		if err != nil {
			return dst, err
		}
		sc.forms[j] = f
		if f == formType {
			sc.keyOf[j] = -1
			types++
			continue
		}
		sc.keyOf[j] = sc.keyNumber(key)
	}

	if types > 0 {
		dst = append(dst, ","+indentKey+`"@type": `...)
		if types > 1 {
			dst = append(dst, '[')
		}
		k := 0
		for j, i := range idx {
			if sc.forms[j] != formType {
				continue
			}
			if types > 1 {
				if k > 0 {
					dst = append(dst, ',')
				}
				dst = append(dst, indentValue...)
			}
			k++
			if dst, err = c.appendCachedRef(dst, sc, ts[i].Obj.(rdf.Subject), true); err != nil {
				return dst, fmt.Errorf("type: %w", err)
			}
		}
		if types > 1 {
			dst = append(dst, indentKey+"]"...)
		}
	}

	// Values by key, keys in order of first appearance (a counting sort).
	nk := len(sc.keys)
	sc.keyCount = resize(sc.keyCount, nk+1)
	clear(sc.keyCount)
	for _, k := range sc.keyOf {
		if k >= 0 {
			sc.keyCount[k+1]++
		}
	}
	for k := 1; k <= nk; k++ {
		sc.keyCount[k] += sc.keyCount[k-1]
	}
	sc.byKey = resize(sc.byKey, len(idx)-types)
	for j, k := range sc.keyOf {
		if k >= 0 {
			sc.byKey[sc.keyCount[k]] = int32(j)
			sc.keyCount[k]++
		}
	}
	start := int32(0)
	for k := 0; k < nk; k++ {
		end := sc.keyCount[k]
		vals := sc.byKey[start:end]
		dst = append(dst, ","+indentKey...)
		dst = append(dst, sc.keys[k]...)
		if len(vals) > 1 {
			dst = append(dst, '[')
		}
		for v, j := range vals {
			if len(vals) > 1 {
				if v > 0 {
					dst = append(dst, ',')
				}
				dst = append(dst, indentValue...)
			}
			t := ts[idx[j]]
			if dst, err = c.appendValue(dst, sc, t.Obj, sc.forms[j]); err != nil {
				return dst, fmt.Errorf("%s: %w", t.Pred, err)
			}
		}
		if len(vals) > 1 {
			dst = append(dst, indentKey+"]"...)
		}
		start = end
	}
	return append(dst, "\n    }"...), nil
}

// keyNumber numbers the distinct keys of a node. Keys are cached byte
// slices, so the same key is usually the same slice.
func (sc *scratch) keyNumber(key []byte) int32 {
	if len(sc.keys) < 16 {
		for k, o := range sc.keys {
			if string(o) == string(key) {
				return int32(k)
			}
		}
	} else {
		if sc.keyIndex == nil {
			sc.keyIndex = map[string]int32{}
		}
		if len(sc.keyIndex) == 0 {
			for k, o := range sc.keys {
				sc.keyIndex[string(o)] = int32(k)
			}
		}
		if k, ok := sc.keyIndex[string(key)]; ok {
			return k
		}
		sc.keyIndex[string(key)] = int32(len(sc.keys))
	}
	sc.keys = append(sc.keys, key)
	return int32(len(sc.keys) - 1)
}

// classify finds the key a triple's object goes under and how the object
// is written there: JSON-LD term selection, for the kinds of term the
// table holds.
func (c *compactor) classify(sc *scratch, t rdf.Triple) ([]byte, form, error) {
	p := t.Pred.String()
	pk := c.cachedPredicate(sc, p)
	if pk.err != nil {
		return nil, 0, pk.err
	}
	switch o := t.Obj.(type) {
	case rdf.IRI, rdf.Blank:
		if p == rdfType {
			return nil, formType, nil
		}
		if pk.refBare {
			return pk.ref, formRefBare, nil
		}
		return pk.ref, formRefObject, nil
	case rdf.Literal:
		dt := o.DataType.String()
		switch {
		case o.Lang() != "":
			if pk.coerced != nil {
				if key, ok := pk.coerced.lang[o.Lang()]; ok {
					return key, formBare, nil
				}
			}
			return pk.plain, formLangObject, nil
		case dt == "" || dt == xsdString:
			return pk.plain, formBare, nil
		case dt == langString:
			return nil, 0, fmt.Errorf("literal %q of type rdf:langString has no language tag", o.String())
		default:
			if pk.coerced != nil {
				if key, ok := pk.coerced.typed[dt]; ok {
					return key, formBare, nil
				}
			}
			return pk.plain, formTypedObject, nil
		}
	}
	return nil, 0, fmt.Errorf("object %v is neither IRI, blank node nor literal", t.Obj)
}

func appendKey(dst []byte, key string) []byte {
	dst = appendString(dst, key)
	return append(dst, ": "...)
}

// cachedPredicate is predicate, which it skips for a predicate whose very
// string it looked up before in this call (see appendCachedRef).
func (c *compactor) cachedPredicate(sc *scratch, p string) *predKeys {
	at := unsafe.StringData(p)
	e := &sc.preds[(uintptr(unsafe.Pointer(at))>>4^uintptr(len(p)))%uintptr(len(sc.preds))]
	if unsafe.StringData(e.p) == at && len(e.p) == len(p) && at != nil {
		return e.pk
	}
	pk := c.predicate(p)
	e.p, e.pk = p, pk
	return pk
}

// predicate returns the keys of a predicate, computed once.
func (c *compactor) predicate(p string) *predKeys {
	if v, ok := c.keys.load(p); ok {
		return v
	}
	pk := c.newPredKeys(p)
	if c.cached.Load() < maxCached {
		c.cached.Add(1)
		return c.keys.loadOrStore(p, pk)
	}
	return pk
}

func (c *compactor) newPredKeys(p string) *predKeys {
	if err := checkIRI(p); err != nil {
		return &predKeys{err: fmt.Errorf("predicate: %w", err)}
	}
	pk := &predKeys{coerced: c.t.coerced[p]}
	var plain []byte
	if term, ok := c.t.vocab[p]; ok {
		plain = appendString(nil, term)
	} else {
		var err error
		if plain, err = c.t.appendIRI(nil, p); err != nil {
			return &predKeys{err: fmt.Errorf("predicate: %w", err)}
		}
	}
	pk.plain = append(plain, ": "...)
	pk.ref = pk.plain
	if pk.coerced != nil && pk.coerced.iri != nil {
		pk.ref, pk.refBare = pk.coerced.iri, true
	}
	return pk
}

// appendCachedRef is appendRef, which it skips for an IRI whose very
// string (the same bytes at the same address, so the same IRI) it wrote
// before in this call.
func (c *compactor) appendCachedRef(dst []byte, sc *scratch, s rdf.Term, vocab bool) ([]byte, error) {
	iri, ok := s.(rdf.IRI)
	if !ok {
		return c.appendRef(dst, s, vocab)
	}
	str := iri.String()
	at := unsafe.StringData(str)
	e := &sc.refs[(uintptr(unsafe.Pointer(at))>>4^uintptr(len(str)))%uintptr(len(sc.refs))]
	if unsafe.StringData(e.iri) == at && len(e.iri) == len(str) && e.vocab == vocab && at != nil {
		return append(dst, sc.refText[e.start:e.end]...), nil
	}
	start := len(dst)
	dst, err := c.appendRef(dst, s, vocab)
	if err != nil || len(sc.refText)+len(dst)-start > math.MaxInt32 {
		return dst, err
	}
	e.iri, e.vocab, e.start = str, vocab, int32(len(sc.refText))
	sc.refText = append(sc.refText, dst[start:]...)
	e.end = int32(len(sc.refText))
	return dst, nil
}

// appendRef writes an IRI or blank node as a JSON string: compacted with
// a prefix where one fits, and with vocab also to a term (a "@type" value).
func (c *compactor) appendRef(dst []byte, s rdf.Term, vocab bool) ([]byte, error) {
	switch s := s.(type) {
	case rdf.IRI:
		iri := s.String()
		ascii, err := checkIRIASCII(iri)
		if err != nil {
			return dst, err
		}
		if vocab {
			if term, ok := c.t.vocab[iri]; ok {
				return appendString(dst, term), nil
			}
		}
		return c.t.appendIRIAs(dst, iri, ascii)
	case rdf.Blank:
		id := s.Serialize(rdf.NTriples)
		if len(id) <= 2 || !utf8.ValidString(id) {
			return dst, fmt.Errorf("blank node %q has no valid label", id)
		}
		return appendString(dst, id), nil
	}
	return dst, fmt.Errorf("%v is not an IRI or blank node", s)
}

// appendIRI writes an absolute IRI with the prefix that gives the shortest
// compact IRI (the lexically least of equal length), else as it is. A
// suffix starting with "//" is never used: a reader takes such a compact
// IRI for an absolute one.
func (t *table) appendIRI(dst []byte, iri string) ([]byte, error) {
	return t.appendIRIAs(dst, iri, false)
}

// appendIRIAs is appendIRI for an IRI that checkIRIASCII found ASCII when
// ascii is set: such an IRI holds nothing JSON escapes (no controls, quote
// or backslash, which an IRI cannot hold, and no U+2028 or U+2029), so it
// is copied as it is, which is what appendEscaped would write.
func (t *table) appendIRIAs(dst []byte, iri string, ascii bool) ([]byte, error) {
	best := -1
	for i := range t.prefixes {
		p := &t.prefixes[i]
		if len(iri) <= len(p.ns) || iri[:len(p.ns)] != p.ns || strings.HasPrefix(iri[len(p.ns):], "//") {
			continue
		}
		if best < 0 || t.shorter(i, best, iri) {
			best = i
		}
	}
	if best >= 0 {
		p := &t.prefixes[best]
		dst = append(dst, '"')
		dst = append(dst, p.name...)
		dst = append(dst, ':')
		if ascii {
			dst = append(dst, iri[len(p.ns):]...)
		} else {
			dst = appendEscaped(dst, iri[len(p.ns):])
		}
		return append(dst, '"'), nil
	}
	if scheme, _, ok := strings.Cut(iri, ":"); ok && t.isPrefix[scheme] {
		return dst, fmt.Errorf("IRI %q would be read as a compact IRI with the prefix %q", iri, scheme)
	}
	if ascii {
		dst = append(dst, '"')
		dst = append(dst, iri...)
		return append(dst, '"'), nil
	}
	return appendString(dst, iri), nil
}

// shorter tells whether prefix i gives a shorter compact IRI of iri than
// prefix j, or one of the same length that sorts first.
func (t *table) shorter(i, j int, iri string) bool {
	a, b := &t.prefixes[i], &t.prefixes[j]
	la, lb := len(a.name)-len(a.ns), len(b.name)-len(b.ns)
	if la != lb {
		return la < lb
	}
	return a.name+":"+iri[len(a.ns):] < b.name+":"+iri[len(b.ns):]
}

// appendValue writes an object in the form classify chose.
func (c *compactor) appendValue(dst []byte, sc *scratch, o rdf.Object, f form) ([]byte, error) {
	switch f {
	case formRefBare:
		return c.appendCachedRef(dst, sc, o, false)
	case formRefObject:
		dst = append(dst, `{"@id": `...)
		dst, err := c.appendCachedRef(dst, sc, o, false)
		return append(dst, '}'), err
	}
	l := o.(rdf.Literal)
	s := l.String()
	invalid := func() ([]byte, error) { return dst, fmt.Errorf("literal %q is not valid UTF-8", s) }
	var ok bool
	switch f {
	case formBare:
		if dst, ok = appendValidString(dst, s); !ok {
			return invalid()
		}
		return dst, nil
	case formLangObject:
		if !turtle.ValidLangTag(l.Lang()) {
			return dst, fmt.Errorf("language tag %q is not valid", l.Lang())
		}
		dst = append(dst, `{"@value": `...)
		if dst, ok = appendValidString(dst, s); !ok {
			return invalid()
		}
		dst = append(dst, `, "@language": `...)
		dst = appendString(dst, l.Lang())
		return append(dst, '}'), nil
	default:
		dt := c.datatype(l.DataType.String())
		if dt.err != nil {
			return dst, dt.err
		}
		dst = append(dst, `{"@value": `...)
		if dst, ok = appendValidString(dst, s); !ok {
			return invalid()
		}
		dst = append(dst, `, "@type": `...)
		dst = append(dst, dt.json...)
		return append(dst, '}'), nil
	}
}

// datatype returns a datatype IRI compacted as a "@type" value.
func (c *compactor) datatype(dt string) *compacted {
	if v, ok := c.datatypes.load(dt); ok {
		return v
	}
	var r compacted
	if err := checkIRI(dt); err != nil {
		r.err = fmt.Errorf("datatype: %w", err)
	} else if term, ok := c.t.vocab[dt]; ok {
		r.json = appendString(nil, term)
	} else if r.json, r.err = c.t.appendIRI(nil, dt); r.err != nil {
		r.err = fmt.Errorf("datatype: %w", r.err)
	}
	if c.cached.Load() < maxCached {
		c.cached.Add(1)
		return c.datatypes.loadOrStore(dt, &r)
	}
	return &r
}

// checkIRI refuses what the Turtle writer refuses: an IRI that is empty,
// relative, not UTF-8, or holds a character an IRI cannot (controls,
// space, <>"{}|^`\). JSON could carry them, but no reader would take them
// for the same IRI.
func checkIRI(s string) error {
	_, err := checkIRIASCII(s)
	return err
}

// checkIRIASCII is checkIRI that also tells whether s, when accepted, is
// all ASCII.
func checkIRIASCII(s string) (ascii bool, err error) {
	if s == "" {
		return false, errors.New("empty IRI")
	}
	ascii = true
	for i := 0; i < len(s); i++ {
		switch iriClass[s[i]] {
		case iriPlain:
		case iriNonASCII:
			ascii = false
		default:
			if c := s[i]; c <= 0x20 {
				return false, fmt.Errorf("IRI %q contains control or space character %q", s, rune(c))
			} else {
				return false, fmt.Errorf("IRI %q contains %q", s, rune(c))
			}
		}
	}
	if !ascii && !utf8.ValidString(s) {
		return false, fmt.Errorf("IRI %q is not valid UTF-8", s)
	}
	if !hasScheme(s) {
		return false, fmt.Errorf("IRI %q is relative (no scheme): a reader would resolve it against its own base", s)
	}
	return ascii, nil
}

// iriClass sorts the bytes of an IRI in one lookup: plain ASCII, a byte
// of a non-ASCII character, or one an IRI cannot hold.
var iriClass = func() (t [256]uint8) {
	for c := 0; c <= 0x20; c++ {
		t[c] = iriForbidden
	}
	for _, c := range "<>\"{}|^`\\" {
		t[c] = iriForbidden
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = iriNonASCII
	}
	return t
}()

const (
	iriPlain uint8 = iota
	iriNonASCII
	iriForbidden
)

// hasScheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":".
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c|0x20 >= 'a' && c|0x20 <= 'z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// appendString writes s as a JSON string. s must be valid UTF-8.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	dst = appendEscaped(dst, s)
	return append(dst, '"')
}

// appendEscaped escapes what JSON requires (quote, backslash, controls)
// and U+2028/U+2029, which older JavaScript cannot hold in a string. The
// rest, '<', '>' and '&' included, is written as it is: the document is
// meant to be read, not pasted into HTML. Runs of plain bytes are copied
// at once: literals are long prose.
func appendEscaped(dst []byte, s string) []byte {
	run := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !mayEscape[c] {
			continue
		}
		if c == 0xE2 {
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
				dst = append(dst, s[run:i]...)
				dst = append(dst, `\u202`...)
				dst = append(dst, "89"[s[i+2]-0xA8])
				i += 2
				run = i + 1
			}
			continue
		}
		dst = append(dst, s[run:i]...)
		run = i + 1
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		case '\b':
			dst = append(dst, '\\', 'b')
		case '\f':
			dst = append(dst, '\\', 'f')
		default:
			const hex = "0123456789abcdef"
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		}
	}
	return append(dst, s[run:]...)
}

// appendValidString is appendString for a string that may not be valid
// UTF-8, checked in the same pass as it is escaped (literals are long
// prose, read once rather than twice); it reports false for invalid
// UTF-8, having written part of it.
func appendValidString(dst []byte, s string) ([]byte, bool) {
	dst = append(dst, '"')
	run := 0
	for i := 0; i < len(s); {
		for i+8 <= len(s) && !jsonLook(wordscan.Load(s, i)) {
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if mayEscape[c] {
				dst = appendEscaped(append(dst, s[run:i-1]...), s[i-1:i])
				run = i
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return dst, false
		}
		i += size
		if r == '\u2028' || r == '\u2029' {
			dst = appendEscaped(append(dst, s[run:i-size]...), s[i-size:i])
			run = i
		}
	}
	dst = append(dst, s[run:]...)
	return append(dst, '"'), true
}

// jsonLook tells whether a word holds a byte appendValidString must look
// at: one JSON escapes, or one outside ASCII.
func jsonLook(x uint64) bool {
	return wordscan.NonASCII(x) || wordscan.Less(x, 0x20) || wordscan.Has(x, '"') || wordscan.Has(x, '\\')
}

// mayEscape marks the bytes appendEscaped looks at: what JSON escapes, and
// the lead byte of U+2028 and U+2029.
var mayEscape = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	t['"'], t['\\'], t[0xE2] = true, true, true
	return t
}()
