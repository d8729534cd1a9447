package publish

import (
	"encoding/binary"
	"hash/maphash"
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
//
// By the time a report repeats a triple, the strings of the report that
// brought it have long left the processor's caches, and each lookup costs
// a trip to memory per string. So the keys are stored end to end in one
// slice (confirming a hit reads one run of memory), and a whole run of
// triples about one subject (a decision's type, date and title) is looked
// up at once when an earlier report brought the same run.
type writtenShared struct {
	mu sync.RWMutex
	// seen is keyed by a hash of a triple and holds where its key starts
	// in keys, which confirms a hit: of two triples with the same hash only
	// the first is remembered, and the other is then never dropped, so a
	// collision costs a lookup, never a triple.
	seen map[uint64]int
	// runs is keyed by a hash of a run of triples about one subject and
	// holds where their keys start in keys, one after another; a miss or a
	// collision falls back to the triples one by one.
	runs map[uint64]int
	keys []byte
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
	h                 uint64
}

func keyOf(t rdf.Triple) sharedKey {
	k := sharedKey{sKind: t.Subj.Type(), oKind: t.Obj.Type(), s: t.Subj.String(), p: t.Pred.String(), o: t.Obj.String()}
	if l, ok := t.Obj.(rdf.Literal); ok {
		k.lang, k.dt = l.Lang(), l.DataType.String()
	}
	k.h = k.hash()
	return k
}

// subjectRun returns the end of the run of triples about the subject of
// ts[start], and their keys (appended to keys[:0]).
func subjectRun(ts []rdf.Triple, start int, keys []sharedKey) (int, []sharedKey) {
	keys = append(keys[:0], keyOf(ts[start]))
	end := start + 1
	for ; end < len(ts); end++ {
		k := keyOf(ts[end])
		if k.s != keys[0].s || k.sKind != keys[0].sKind {
			break
		}
		keys = append(keys, k)
	}
	return end, keys
}

// runHash hashes a run of keys, in their order.
func runHash(keys []sharedKey) uint64 {
	h := uint64(len(keys))
	for i := range keys {
		h = mix(h, keys[i].h)
	}
	return h
}

// unwritten returns the triples of ts no written report has brought, in
// their order; it may return ts itself. Safe for concurrent use.
func (w *writtenShared) unwritten(ts []rdf.Triple) []rdf.Triple {
	w.mu.RLock()
	defer w.mu.RUnlock()
	var out []rdf.Triple // nil until a triple is dropped
	var buf [8]sharedKey
	for start := 0; start < len(ts); {
		end, keys := subjectRun(ts, start, buf[:0])
		if len(keys) > 1 {
			if at, ok := w.runs[runHash(keys)]; ok && storedRun(w.keys, at, keys) {
				if out == nil {
					out = append(make([]rdf.Triple, 0, len(ts)), ts[:start]...)
				}
				start = end
				continue
			}
		}
		for j := range keys {
			if at, ok := w.seen[keys[j].h]; ok {
				if _, same := keys[j].storedAt(w.keys, at); same {
					if out == nil {
						out = append(make([]rdf.Triple, 0, len(ts)), ts[:start+j]...)
					}
					continue
				}
			}
			if out != nil {
				out = append(out, ts[start+j])
			}
		}
		start = end
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
		w.seen, w.runs = map[uint64]int{}, map[uint64]int{}
	}
	var buf [8]sharedKey
	for start := 0; start < len(ts); {
		end, keys := subjectRun(ts, start, buf[:0])
		first, all := len(w.keys), true
		for j := range keys {
			if _, taken := w.seen[keys[j].h]; taken {
				all = false
				continue
			}
			w.seen[keys[j].h] = len(w.keys)
			w.keys = keys[j].appendTo(w.keys)
		}
		// A run whose keys were all stored just now has them one after
		// another; another run is only found triple by triple.
		if rh := runHash(keys); all && len(keys) > 1 {
			if _, taken := w.runs[rh]; !taken {
				w.runs[rh] = first
			}
		}
		start = end
	}
}

// appendTo stores the key: the kinds, then each string after its length.
func (k *sharedKey) appendTo(b []byte) []byte {
	b = append(b, byte(k.sKind), byte(k.oKind))
	for _, s := range [...]string{k.s, k.p, k.o, k.lang, k.dt} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return b
}

// storedAt tells whether the key stored at keys[at:] is k, and where the
// stored key ends.
func (k *sharedKey) storedAt(keys []byte, at int) (int, bool) {
	b := keys[at:]
	if len(b) < 2 || b[0] != byte(k.sKind) || b[1] != byte(k.oKind) {
		return 0, false
	}
	n := 2
	for _, s := range [...]string{k.s, k.p, k.o, k.lang, k.dt} {
		size, m := binary.Uvarint(b[n:])
		if m <= 0 || size != uint64(len(s)) || uint64(len(b)-n-m) < size || string(b[n+m:n+m+len(s)]) != s {
			return 0, false
		}
		n += m + len(s)
	}
	return at + n, true
}

// storedRun tells whether keys[at:] holds the keys of run, one after another.
func storedRun(keys []byte, at int, run []sharedKey) bool {
	for i := range run {
		end, ok := run[i].storedAt(keys, at)
		if !ok {
			return false
		}
		at = end
	}
	return true
}
