package catalog

import (
	"math/bits"
	"slices"
	"strings"
	"unsafe"

	"github.com/knakk/rdf"
)

// Stats are the VoID statistics of the graph.
type Stats struct {
	// Triples is the number of distinct triples (void:triples).
	Triples int
	// Entities is the number of distinct IRIs in subject position
	// (void:entities): every node the graph says something about, its own
	// and, after --enrich, Themis's. Blank nodes are not counted.
	Entities int
	// Classes is the number of distinct objects of rdf:type (void:classes).
	Classes int
	// Properties is the number of distinct predicates (void:properties).
	Properties int
	// ThemisLinks is the number of distinct triples that link a node of the
	// graph into Themis (the triples of the void:Linkset): the object is an
	// IRI under ThemisNS and the subject is not. Triples whose subject is a
	// Themis IRI too are Themis's own statements that --enrich copies
	// (decision → agenda item), not links from this graph into it.
	ThemisLinks int
}

// ThemisNS is the namespace of Themis IRIs: the objects of the links the
// void:Linkset counts.
const ThemisNS = "http://themis.vlaanderen.be/"

// Counter computes Stats from a stream of triples, in any order and with
// any repeats: publish feeds it every report's own and shared triples, so
// the agreement and the sections come once per report that mentions them.
// It keeps 64-bit hashes, never the terms (but for 128 predicates and
// classes it recognizes by address, see addrCache): 8 bytes for each
// triple given to Add (less for repeats close together; none for
// AddDistinct's), 8 for each run of triples about one subject, and a few
// for the predicates and classes; 27.5 MiB for the 2.8 million triples of 10,000 generated
// reports all given to Add. The hashes are sorted in chunks as they come
// and merged when Stats is called.
//
// Two distinct triples that hash alike would be counted once; for 3 million
// triples the odds that any pair does are about 1 in 4 million. The hash is
// fixed, so the same triples always give the same Stats.
//
// The zero Counter is ready to use. It is not safe for concurrent use.
type Counter struct {
	triples, subjects, links hashLog
	classes, props           hashSet
	// The subject of the last triple, so that a run of triples about one
	// subject hashes it once.
	run     uint64
	runSubj string
	runKind rdf.TermType
	inRun   bool
	// The predicate of the last triple and its hash.
	lastPred     string
	lastPredHash uint64
	havePred     bool
	// Predicates and classes already in their sets, by the address of
	// their strings: a subject's triples change predicate at every triple,
	// but the predicates (and most classes) are a vocabulary's few
	// constants, the same strings again and again.
	knownPreds, knownClasses addrCache
	// Triples and Themis links added by AddDistinct: counted, not hashed.
	distinct, distinctLinks int
}

// Add counts one triple.
func (c *Counter) Add(t rdf.Triple) {
	c.subject(t.Subj)
	c.predicate(t.Pred)
	hp, ho := c.lastPredHash, hashTerm(t.Obj)
	h := mix(mix(c.run^seedS, hp^seedP)^ho, seedO)
	c.triples.add(h)
	if c.lastPred == rdfType {
		c.classes.add(ho)
		if t.Obj.Type() == rdf.TermIRI {
			c.knownClasses.put(t.Obj.String(), ho)
		}
	}
	if c.linksIntoThemis(t.Obj) {
		c.links.add(h)
	}
}

// AddDistinct counts one triple that the caller knows to differ from
// every other triple added to c, by Add or AddDistinct. It counts the
// triple without hashing it, which saves hashing the object (often a long
// literal) and keeping 8 bytes per triple; subjects, predicates and
// classes are still hashed, as they repeat.
//
// Publish relies on it for a report's own triples (graph.Report.Own):
// they are about nodes whose IRIs only that report mints (from its
// content digest), grouped by subject and stated once each, and export
// passes a report with the same digest as an earlier one over, so no two
// reports' own triples meet and none meets a shared or enrichment triple.
// (Two reports whose digests share their first 8 bytes would mint the
// same IRIs; the odds are of the order of a hash collision in Add.)
// A triple given to AddDistinct that was in fact added before is counted
// twice.
func (c *Counter) AddDistinct(t rdf.Triple) {
	c.subject(t.Subj)
	c.predicate(t.Pred)
	c.distinct++
	if c.lastPred == rdfType {
		c.class(t.Obj)
	}
	if c.linksIntoThemis(t.Obj) {
		c.distinctLinks++
	}
}

// subject makes s the subject of the current run, hashing it when it
// differs from the last one: a new run of an IRI adds an entity.
func (c *Counter) subject(s rdf.Subject) {
	subj, kind := s.String(), s.Type()
	if c.inRun && subj == c.runSubj && kind == c.runKind {
		return
	}
	c.run, c.runSubj, c.runKind, c.inRun = hashTerm(s), subj, kind, true
	if kind == rdf.TermIRI {
		c.subjects.add(c.run)
	}
}

// linksIntoThemis tells whether a triple of the current run's subject with
// object o is a link into Themis: o is a Themis IRI and the subject is not.
func (c *Counter) linksIntoThemis(o rdf.Object) bool {
	return o.Type() == rdf.TermIRI && strings.HasPrefix(o.String(), ThemisNS) &&
		!(c.runKind == rdf.TermIRI && strings.HasPrefix(c.runSubj, ThemisNS))
}

// predicate makes p the last predicate, hashing it when it differs from
// the last one; only then can it be new to the set of predicates.
// Predicates come from a handful of vocabularies, often several times in
// a row.
func (c *Counter) predicate(p rdf.Predicate) {
	pred := p.String()
	if pred == c.lastPred && c.havePred {
		return
	}
	h, ok := c.knownPreds.get(pred)
	if !ok || p.Type() != rdf.TermIRI {
		h = hashTerm(p)
		c.props.add(h)
		if p.Type() == rdf.TermIRI {
			c.knownPreds.put(pred, h)
		}
	}
	c.lastPred, c.lastPredHash, c.havePred = pred, h, true
}

// class adds an object of rdf:type to the classes.
func (c *Counter) class(o rdf.Object) {
	if o.Type() != rdf.TermIRI {
		c.classes.add(hashTerm(o))
		return
	}
	if _, ok := c.knownClasses.get(o.String()); ok {
		return
	}
	h := hashTerm(o)
	c.classes.add(h)
	c.knownClasses.put(o.String(), h)
}

// addrCache remembers a few IRIs with their hashes by the address and
// length of their strings, which tells the same string again without
// reading it. A miss only costs the hashing it would have saved. For the
// predicates of 300 generated reports, 16 slots picked by address and
// length missed 45,616 of 73,528 lookups; these 64 miss 292.
type addrCache [1 << addrBits]addrEntry

const addrBits = 6

type addrEntry struct {
	s string // held, so that its address stays its own
	h uint64
}

func (a *addrCache) slot(s string) *addrEntry {
	// Constants lie close together: the address is mixed (Fibonacci
	// hashing) so that they spread over the slots.
	at := uint64(uintptr(unsafe.Pointer(unsafe.StringData(s))))
	return &a[(at*0x9e3779b97f4a7c15)>>(64-addrBits)]
}

func (a *addrCache) get(s string) (uint64, bool) {
	e := a.slot(s)
	if unsafe.StringData(e.s) == unsafe.StringData(s) && len(e.s) == len(s) && len(s) > 0 {
		return e.h, true
	}
	return 0, false
}

func (a *addrCache) put(s string, h uint64) {
	if len(s) > 0 {
		e := a.slot(s)
		e.s, e.h = s, h
	}
}

// Stats returns the counts of what was added so far.
func (c *Counter) Stats() Stats {
	return Stats{
		Triples:     c.triples.distinct() + c.distinct,
		Entities:    c.subjects.distinct(),
		Classes:     c.classes.len(),
		Properties:  c.props.len(),
		ThemisLinks: c.links.distinct() + c.distinctLinks,
	}
}

// hashLog collects hashes in chunks, each sorted and without repeats once
// full, and counts the distinct ones by merging the chunks. Appending is
// cheap and sequential, and the memory is the hashes themselves.
type hashLog struct {
	sealed [][]uint64
	cur    []uint64
}

// logChunk is the number of hashes sorted together: 512 KiB.
const logChunk = 1 << 16

func (l *hashLog) add(h uint64) {
	if l.cur == nil {
		l.cur = make([]uint64, 0, logChunk)
	}
	l.cur = append(l.cur, h)
	if len(l.cur) == logChunk {
		l.cur = sortUnique(l.cur)
		if len(l.cur) > logChunk/2 {
			l.sealed = append(l.sealed, l.cur)
			l.cur = nil
		}
		// Otherwise repeats made room: the chunk keeps filling.
	}
}

// sortUnique sorts s and removes its repeats, in place.
func sortUnique(s []uint64) []uint64 {
	slices.Sort(s)
	return slices.Compact(s)
}

// distinct counts the distinct hashes: a k-way merge of the sorted chunks
// through a min-heap of their heads.
func (l *hashLog) distinct() int {
	l.cur = sortUnique(l.cur) // order within the open chunk does not matter
	h := make([][]uint64, 0, len(l.sealed)+1)
	for _, c := range append(l.sealed[:len(l.sealed):len(l.sealed)], l.cur) {
		if len(c) > 0 {
			h = append(h, c)
		}
	}
	for i := len(h)/2 - 1; i >= 0; i-- {
		siftDown(h, i)
	}
	n, last := 0, uint64(0)
	for len(h) > 0 {
		if v := h[0][0]; n == 0 || v != last {
			n, last = n+1, v
		}
		if h[0] = h[0][1:]; len(h[0]) == 0 {
			h[0] = h[len(h)-1]
			h = h[:len(h)-1]
		}
		siftDown(h, 0)
	}
	return n
}

// siftDown restores the heap order (by first hash) below i.
func siftDown(h [][]uint64, i int) {
	for {
		least, l, r := i, 2*i+1, 2*i+2
		if l < len(h) && h[l][0] < h[least][0] {
			least = l
		}
		if r < len(h) && h[r][0] < h[least][0] {
			least = r
		}
		if least == i {
			return
		}
		h[i], h[least] = h[least], h[i]
		i = least
	}
}

// setScan is the length up to which a hashSet is a slice.
const setScan = 32

// hashSet is a set of hashes for what a graph has few of (predicates,
// classes): a slice scanned in a few nanoseconds, and a map once it is
// long.
type hashSet struct {
	few  []uint64
	many map[uint64]struct{}
}

func (s *hashSet) len() int {
	if s.many != nil {
		return len(s.many)
	}
	return len(s.few)
}

// add adds h and tells whether it is new.
func (s *hashSet) add(h uint64) bool {
	if s.many != nil {
		if _, ok := s.many[h]; ok {
			return false
		}
		s.many[h] = struct{}{}
		return true
	}
	for _, x := range s.few {
		if x == h {
			return false
		}
	}
	s.few = append(s.few, h)
	if len(s.few) > setScan {
		s.many = make(map[uint64]struct{}, 2*len(s.few))
		for _, x := range s.few {
			s.many[x] = struct{}{}
		}
		s.few = nil
	}
	return true
}

const rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

// Seeds of the hash: fixed, so counts never depend on the run.
const (
	seedS    = 0xa0761d6478bd642f
	seedP    = 0xe7037ed1a0b428db
	seedO    = 0x8ebc6af09c88c6e3
	seedIRI  = 0x589965cc75374cc3
	seedBlnk = 0x1d8e4e27c47d124f
	seedLit  = 0xeb44accab455d165
)

// mix multiplies and folds the 128-bit product (wyhash's mum).
func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// hashTerm hashes a term exactly as RDF tells terms apart: its kind, its
// value and, for a literal, its language tag (case does not matter in a
// tag) or datatype (a literal without one is an xsd:string).
func hashTerm(t rdf.Term) uint64 {
	switch t := t.(type) {
	case rdf.IRI:
		return hashString(seedIRI, t.String())
	case rdf.Blank:
		return hashString(seedBlnk, t.String())
	case rdf.Literal:
		h := hashString(seedLit, t.String())
		if lang := t.Lang(); lang != "" {
			return mix(h^seedP, hashString(seedS, strings.ToLower(lang)))
		}
		dt := t.DataType.String()
		if dt == "" {
			dt = xsdStringIRI
		}
		return mix(h^seedO, hashString(seedIRI, dt))
	}
	return hashString(seedO, t.Serialize(rdf.NTriples))
}

const xsdStringIRI = "http://www.w3.org/2001/XMLSchema#string"

// hashString hashes s 16 bytes per multiplication, as wyhash does; the
// length is mixed in first, so a string and the same string with trailing
// zero bytes differ.
func hashString(seed uint64, s string) uint64 {
	h := mix(seed^uint64(len(s)), seedP)
	for len(s) >= 16 {
		h = mix(le64(s)^seedS^h, le64(s[8:])^seedO)
		s = s[16:]
	}
	var w1, w2 uint64
	for i := 0; i < len(s); i++ {
		if i < 8 {
			w1 |= uint64(s[i]) << (8 * i)
		} else {
			w2 |= uint64(s[i]) << (8 * (i - 8))
		}
	}
	h = mix(w1^seedS^h, w2^seedO)
	return mix(h^seedIRI, seedBlnk)
}

// le64 reads 8 bytes little-endian; the compiler makes it one load.
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
