package graph

import (
	"fmt"
	"sort"
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
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c <= 0x20 || c == 0x7f || strings.IndexByte("<>\"{}|^`\\", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return rdf.NewIRI(b.String())
}

// tripleSet collects triples without repeats.
type tripleSet struct {
	seen    map[tripleKey]bool
	triples []rdf.Triple
}

type tripleKey struct{ s, p, o string }

func keyOf(t rdf.Triple) tripleKey {
	return tripleKey{t.Subj.String(), t.Pred.String(), t.Obj.Serialize(rdf.NTriples)}
}

func newTripleSet() *tripleSet { return &tripleSet{seen: map[tripleKey]bool{}} }

func (ts *tripleSet) add(s rdf.Subject, p rdf.Predicate, o rdf.Object) {
	ts.addTriple(rdf.Triple{Subj: s, Pred: p, Obj: o})
}

func (ts *tripleSet) addTriple(t rdf.Triple) {
	k := keyOf(t)
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

func sortTriples(ts []rdf.Triple) {
	keys := make([]tripleKey, len(ts))
	idx := make([]int, len(ts))
	for i, t := range ts {
		keys[i] = keyOf(t)
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return keyLess(keys[idx[a]], keys[idx[b]]) })
	sorted := make([]rdf.Triple, len(ts))
	for i, j := range idx {
		sorted[i] = ts[j]
	}
	copy(ts, sorted)
}

var rdfType = vocab.RDFType.String()

func keyLess(a, b tripleKey) bool {
	if c := naturalCompare(a.s, b.s); c != 0 {
		return c < 0
	}
	if a.p != b.p {
		if a.p == rdfType || b.p == rdfType {
			return a.p == rdfType
		}
		return a.p < b.p
	}
	if c := naturalCompare(a.o, b.o); c != 0 {
		return c < 0
	}
	return a.o < b.o
}

// naturalCompare orders strings with runs of digits compared as numbers, so
// section 4.3.10 follows 4.3.9. Strings equal in that order compare bytewise,
// which keeps the order total.
func naturalCompare(a, b string) int {
	i, j := 0, 0
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
