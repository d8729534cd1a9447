package graph

import (
	"fmt"
	"slices"
	"strings"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/vocab"
)

// dutch returns a literal tagged @nl; "nl" is a valid tag, so this cannot fail.
func dutch(s string) rdf.Literal {
	l, err := rdf.NewLangLiteral(s, "nl")
	if err != nil {
		panic(err)
	}
	return l
}

// iriFromURL turns a URL as written in a report into an IRI. Characters that
// may not appear in an IRI (space, <>"{}|^`\ and controls) are
// percent-encoded, as a browser does when it follows the link; the rest is
// kept as written, so a Themis IRI stays byte-identical.
func iriFromURL(u string) (rdf.IRI, error) {
	scheme, _, ok := strings.Cut(u, ":")
	if !ok || !isScheme(scheme) || scheme == "" {
		return rdf.IRI{}, fmt.Errorf("not an absolute URL")
	}
	clean := true
	for i := 0; i < len(u) && clean; i++ {
		clean = !notInIRI(u[i])
	}
	if clean {
		return rdf.NewIRI(u)
	}
	b := make([]byte, 0, len(u)+8)
	for i := 0; i < len(u); i++ {
		if c := u[i]; notInIRI(c) {
			const hex = "0123456789ABCDEF"
			b = append(b, '%', hex[c>>4], hex[c&0xF])
		} else {
			b = append(b, c)
		}
	}
	return rdf.NewIRI(string(b))
}

// notInIRI: bytes an IRI cannot hold as they are.
func notInIRI(c byte) bool {
	return c <= 0x20 || c == 0x7f || strings.IndexByte("<>\"{}|^`\\", c) >= 0
}

// tripleSet collects triples without repeats.
type tripleSet struct {
	seen    map[tripleKey]bool
	triples []rdf.Triple
}

// tripleKey identifies a triple exactly (kinds, values, language,
// datatype) without serializing it: reports repeat long section texts.
type tripleKey struct {
	sKind, oKind rdf.TermType
	s, p, o      string
	lang, dt     string
}

func keyOf(t rdf.Triple) tripleKey {
	k := tripleKey{sKind: t.Subj.Type(), oKind: t.Obj.Type(), s: t.Subj.String(), p: t.Pred.String(), o: t.Obj.String()}
	if l, ok := t.Obj.(rdf.Literal); ok {
		k.lang, k.dt = l.Lang(), l.DataType.String()
	}
	return k
}

func newTripleSet() *tripleSet { return &tripleSet{seen: map[tripleKey]bool{}} }

// add adds a triple of boxed terms (see tType in builder.go).
func (ts *tripleSet) add(s, p, o rdf.Term) {
	ts.addTriple(rdf.Triple{Subj: s.(rdf.Subject), Pred: p.(rdf.Predicate), Obj: o.(rdf.Object)})
}

func (ts *tripleSet) addTriple(t rdf.Triple) { ts.addKeyed(keyOf(t), t) }

// addKeyed adds t, whose key k was computed ahead (on another goroutine).
func (ts *tripleSet) addKeyed(k tripleKey, t rdf.Triple) {
	if ts.seen[k] {
		return
	}
	ts.seen[k] = true
	ts.triples = append(ts.triples, t)
}

func (ts *tripleSet) len() int { return len(ts.triples) }

// sorted returns the triples grouped by subject in a stable order: subjects
// and objects in natural order (sectie/4.3.2 before sectie/4.3.10), rdf:type
// first among the predicates, the rest by IRI.
func (ts *tripleSet) sorted() []rdf.Triple {
	out := make([]rdf.Triple, len(ts.triples))
	copy(out, ts.triples)
	sortTriples(out)
	return out
}

// Sort orders triples as the shared triples of an export are written:
// grouped by subject in natural order (sectie/4.3.2 before sectie/4.3.10),
// rdf:type first among the predicates, the rest by IRI, then by object.
func Sort(ts []rdf.Triple) { sortTriples(ts) }

// sortTriples sorts by subject, predicate and the N-Triples form of the
// object. That form is made only for triples that tie on subject and
// predicate, which few do: most objects are never serialized.
func sortTriples(ts []rdf.Triple) {
	type entry struct {
		s, p   string
		o      string
		hasObj bool
	}
	es := make([]entry, len(ts))
	order := make([]int32, len(ts)) // sorting indexes swaps 4 bytes, not a triple
	for i, t := range ts {
		es[i] = entry{s: t.Subj.String(), p: t.Pred.String()}
		order[i] = int32(i)
	}
	obj := func(i int32) string {
		e := &es[i]
		if !e.hasObj {
			e.o, e.hasObj = ts[i].Obj.Serialize(rdf.NTriples), true
		}
		return e.o
	}
	slices.SortStableFunc(order, func(a, b int32) int {
		x, y := &es[a], &es[b]
		if c := naturalCompare(x.s, y.s); c != 0 {
			return c
		}
		if x.p != y.p {
			switch {
			case x.p == rdfType:
				return -1
			case y.p == rdfType:
				return 1
			}
			return strings.Compare(x.p, y.p)
		}
		xo, yo := obj(a), obj(b)
		if c := naturalCompare(xo, yo); c != 0 {
			return c
		}
		return strings.Compare(xo, yo)
	})
	sorted := make([]rdf.Triple, len(ts))
	for i, j := range order {
		sorted[i] = ts[j]
	}
	copy(ts, sorted)
}

var rdfType = vocab.RDFType.String()

// naturalCompare orders strings with runs of digits compared as numbers, so
// section 4.3.10 follows 4.3.9. Strings equal in that order compare bytewise,
// which keeps the order total.
func naturalCompare(a, b string) int {
	// Minted IRIs share long prefixes: skip the common part at once, backing
	// up to the start of a digit run it may end in.
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	for n > 0 && isDigit(a[n-1]) {
		n--
	}
	return naturalCompareFrom(a, b, n)
}

// naturalCompareFrom compares a and b, which are equal before offset n
// (n not inside a run of digits).
func naturalCompareFrom(a, b string, n int) int {
	i, j := n, n
	for i < len(a) && j < len(b) {
		ca, cb := a[i], b[j]
		if isDigit(ca) && isDigit(cb) {
			si := i
			for i < len(a) && isDigit(a[i]) {
				i++
			}
			sj := j
			for j < len(b) && isDigit(b[j]) {
				j++
			}
			na := strings.TrimLeft(a[si:i], "0")
			nb := strings.TrimLeft(b[sj:j], "0")
			if len(na) != len(nb) {
				if len(na) < len(nb) {
					return -1
				}
				return 1
			}
			if na != nb {
				if na < nb {
					return -1
				}
				return 1
			}
			continue
		}
		if ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
		i++
		j++
	}
	switch {
	case len(a)-i < len(b)-j:
		return -1
	case len(a)-i > len(b)-j:
		return 1
	}
	return strings.Compare(a, b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
