package graph

import (
	"bufio"
	"bytes"
	"io"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph/turtle"
	"github.com/pledgegraph/pledgegraph/vocab"
)

// Prefixes returns the prefix table of the Turtle output: the vocabularies of
// vocab.Prefixes and, for readable minted IRIs, the section and evaluation
// namespaces under base.
func Prefixes(base string) []turtle.Prefix {
	ps := make([]turtle.Prefix, 0, len(vocab.Prefixes)+3)
	for _, p := range vocab.Prefixes {
		ps = append(ps, turtle.Prefix{Name: p.Name, IRI: p.IRI})
	}
	return append(ps,
		turtle.Prefix{Name: "sectie", IRI: base + "regeerakkoord/2019-2024/sectie/"},
		turtle.Prefix{Name: "evaluatie", IRI: base + "evaluatie/"},
		turtle.Prefix{Name: "rapport", IRI: base + "rapport/"},
	)
}

// Encoder writes report graphs in one format. It streams: each report's own
// triples are written as they come, so memory stays flat however many reports
// pass. Shared triples (agreement, sections, decisions) are collected without
// repeats and written once, sorted, by Close; in N-Quads they go into each
// report's named graph instead, so every graph is complete on its own.
//
// Turtle output needs a prefix block listing only the prefixes used, which is
// known only at the end: write Header() before the body Close has finished.
type Encoder struct {
	format Format
	buf    *bufio.Writer
	ttl    *turtle.Encoder
	shared *tripleSet
	err    error
	closed bool
}

// NewEncoder returns an Encoder that writes the body of the output to w.
func NewEncoder(w io.Writer, f Format, base string) *Encoder {
	e := &Encoder{format: f, shared: newTripleSet()}
	if f == Turtle {
		e.ttl = turtle.NewEncoder(w, Prefixes(base))
	} else {
		e.buf = bufio.NewWriterSize(w, 256<<10)
	}
	return e
}

// Encode writes one report's graph.
func (e *Encoder) Encode(r *Report) error {
	if e.err != nil {
		return e.err
	}
	switch e.format {
	case NQuads:
		for _, ts := range [][]rdf.Triple{r.Own, r.Shared} {
			for _, t := range ts {
				e.writeLine(rdf.Quad{Triple: t, Ctx: r.Graph}.Serialize(rdf.NQuads))
			}
		}
		return e.err
	case NTriples:
		for _, t := range r.Own {
			e.writeLine(t.Serialize(rdf.NTriples))
		}
	default:
		for _, t := range r.Own {
			if err := e.ttl.Encode(t); err != nil {
				e.err = err
				return err
			}
		}
	}
	for _, t := range r.Shared {
		e.shared.addTriple(t)
	}
	return e.err
}

// EncodeGraph writes triples that belong to no single report, such as what
// an endpoint states about the cited decisions: in N-Quads into the named
// graph g, in Turtle and N-Triples once, sorted, among the shared triples.
func (e *Encoder) EncodeGraph(g rdf.IRI, ts []rdf.Triple) error {
	if e.err != nil {
		return e.err
	}
	if e.format == NQuads {
		for _, t := range ts {
			e.writeLine(rdf.Quad{Triple: t, Ctx: g}.Serialize(rdf.NQuads))
		}
		return e.err
	}
	for _, t := range ts {
		e.shared.addTriple(t)
	}
	return nil
}

func (e *Encoder) writeLine(s string) {
	if e.err == nil {
		_, e.err = e.buf.WriteString(s)
	}
}

// Close writes the shared triples and flushes. It is safe to call twice.
func (e *Encoder) Close() error {
	if e.closed {
		return e.err
	}
	e.closed = true
	shared := e.shared.sorted()
	e.shared = newTripleSet()
	switch e.format {
	case Turtle:
		for _, t := range shared {
			if e.err == nil {
				e.err = e.ttl.Encode(t)
			}
		}
		if err := e.ttl.Close(); e.err == nil {
			e.err = err
		}
	case NTriples:
		for _, t := range shared {
			e.writeLine(t.Serialize(rdf.NTriples))
		}
		fallthrough
	default:
		if err := e.buf.Flush(); e.err == nil {
			e.err = err
		}
	}
	return e.err
}

// Header returns what must precede the body: the Turtle prefix block of the
// prefixes used so far (call it after Close), nothing for the line formats.
func (e *Encoder) Header() []byte {
	if e.format != Turtle {
		return nil
	}
	var b bytes.Buffer
	_ = turtle.WritePrefixes(&b, e.ttl.Used()) // writes to memory: cannot fail
	return b.Bytes()
}

// SharedLen reports how many distinct shared triples wait for Close.
func (e *Encoder) SharedLen() int { return e.shared.len() }
