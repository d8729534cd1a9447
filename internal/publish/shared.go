package publish

import (
	"hash/maphash"
	"math"
	"math/bits"
	"sync"

	"github.com/knakk/rdf"
)

// writtenShared remembers the shared triples (sections, decisions, the
// organizations) of the reports already written. Reports repeat them
// endlessly — every evaluation of a section restates its text — and each
// of the three dumps would look every repeat up again in its own set of
// shared triples, as would the catalog's counter. A report's repeats of
// triples an earlier report wrote are dropped on the workers instead, before
// the dumps render it; the dumps still write each shared triple once, at
// the end, as export does. Only what a written report brought counts as
// written: a report skipped later (a duplicate, say) drops nothing.
type writtenShared struct {
	mu sync.RWMutex
	// seen is keyed by a hash of the triple and holds the index of its key
	// in keys, which confirms a hit: of two triples with the same hash
	// only the first is remembered, and the other is then never dropped,
	// so a collision costs a lookup, never a triple.
	seen map[uint64]int32
	keys []sharedKey
}

var sharedSeed = maphash.MakeSeed()

// hash hashes each string on its own, which maphash.String does in one
// call, and mixes the results with the kinds.
func (k *sharedKey) hash() uint64 {
	h := maphash.String(sharedSeed, k.o)
	h = mix(h, maphash.String(sharedSeed, k.s))
	h = mix(h, maphash.String(sharedSeed, k.p))
	if k.lang != "" || k.dt != "" {
		h = mix(h, maphash.String(sharedSeed, k.lang))
		h = mix(h, maphash.String(sharedSeed, k.dt))
	}
	return mix(h, uint64(k.sKind)<<8|uint64(k.oKind))
}

func mix(h, x uint64) uint64 { return (bits.RotateLeft64(h, 23) ^ x) * 0x9e3779b97f4a7c15 }

// sharedKey identifies a triple exactly (kinds, values, language, datatype).
type sharedKey struct {
	sKind, oKind      rdf.TermType
	s, p, o, lang, dt string
}

func keyOf(t rdf.Triple) sharedKey {
	k := sharedKey{sKind: t.Subj.Type(), oKind: t.Obj.Type(), s: t.Subj.String(), p: t.Pred.String(), o: t.Obj.String()}
	if l, ok := t.Obj.(rdf.Literal); ok {
		k.lang, k.dt = l.Lang(), l.DataType.String()
	}
	return k
}

// unwritten returns the triples of ts no written report has brought, in
// their order; it may return ts itself. Safe for concurrent use.
func (w *writtenShared) unwritten(ts []rdf.Triple) []rdf.Triple {
	w.mu.RLock()
	defer w.mu.RUnlock()
	var out []rdf.Triple
	for i, t := range ts {
		k := keyOf(t)
		if at, ok := w.seen[k.hash()]; ok && w.keys[at] == k {
			if out == nil {
				out = append(make([]rdf.Triple, 0, len(ts)), ts[:i]...)
			}
			continue
		}
		if out != nil {
			out = append(out, t)
		}
	}
	if out == nil {
		return ts
	}
	return out
}

// written records the shared triples of a report that was written.
func (w *writtenShared) written(ts []rdf.Triple) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.seen == nil {
		w.seen = map[uint64]int32{}
	}
	for _, t := range ts {
		k := keyOf(t)
		h := k.hash()
		if _, taken := w.seen[h]; !taken && len(w.keys) < math.MaxInt32 {
			w.seen[h] = int32(len(w.keys))
			w.keys = append(w.keys, k)
		}
	}
}
