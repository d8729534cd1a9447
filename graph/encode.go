package graph

import (
	"bufio"
	"fmt"
	"io"
	"sync"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph/jsonld"
	"github.com/pledgegraph/pledgegraph/graph/turtle"
	"github.com/pledgegraph/pledgegraph/vocab"
)

// builderVocabularies are the namespaces the Builder writes IRIs in
// (rdf:type is written "a" and needs no prefix).
var builderVocabularies = map[string]bool{
	vocab.Schema: true, vocab.Cito: true, vocab.DCT: true, vocab.Prov: true, vocab.XSD: true, vocab.PG: true,
}

// Prefixes returns the prefix table of the Turtle output of reports built
// under base, in the order of vocab.Prefixes: the vocabularies the Builder
// writes, those that abbreviate IRIs of the extra triples (what an endpoint
// states about the decisions, say), and, for readable minted IRIs, the
// section, evaluation and report namespaces under base. Turtle declares its
// prefixes before the first triple, so the table must be known up front.
func Prefixes(base string, extra []rdf.Triple) []turtle.Prefix {
	all := make([]turtle.Prefix, len(vocab.Prefixes))
	for i, p := range vocab.Prefixes {
		all[i] = turtle.Prefix{Name: p.Name, IRI: p.IRI}
	}
	needed := map[string]bool{}
	for _, p := range turtle.Needed(all, extra) {
		needed[p.Name] = true
	}
	ps := make([]turtle.Prefix, 0, len(all)+3)
	for _, p := range all {
		if builderVocabularies[p.IRI] || needed[p.Name] {
			ps = append(ps, p)
		}
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
// JSON-LD is written like Turtle: one node object per subject of a report,
// the shared nodes at the end.
type Encoder struct {
	format Format
	buf    *bufio.Writer
	ttl    *turtle.Encoder
	ld     *jsonld.Encoder
	shared *tripleSet
	err    error
	closed bool
}

// EncoderOptions are the settings some formats take.
type EncoderOptions struct {
	// ContextURL, for JSON-LD, names the context by this URL instead of
	// writing it inline; the context document (jsonld.Context of the same
	// prefixes) must be served there. Other formats ignore it.
	ContextURL string
}

// NewEncoder returns an Encoder that writes to w. prefixes (see Prefixes)
// are declared at the top of Turtle output and make the JSON-LD context,
// written inline; the line formats ignore them.
func NewEncoder(w io.Writer, f Format, prefixes []turtle.Prefix) (*Encoder, error) {
	return NewEncoderWith(w, f, prefixes, EncoderOptions{})
}

// NewEncoderWith is NewEncoder with options.
func NewEncoderWith(w io.Writer, f Format, prefixes []turtle.Prefix, o EncoderOptions) (*Encoder, error) {
	e := &Encoder{format: f, shared: newTripleSet()}
	switch f {
	case Turtle:
		ttl, err := turtle.NewEncoder(w, prefixes)
		if err != nil {
			return nil, err
		}
		e.ttl = ttl
	case JSONLD:
		enc, err := jsonld.NewEncoder(w, prefixes, o.ContextURL)
		if err != nil {
			return nil, err
		}
		e.ld = enc
	case NTriples, NQuads:
		e.buf = bufio.NewWriterSize(w, 256<<10)
	default:
		return nil, fmt.Errorf("unknown format %v", f)
	}
	return e, nil
}

// Encode writes one report's graph.
func (e *Encoder) Encode(r *Report) error {
	p, err := e.Render(r)
	if err != nil {
		if e.err == nil {
			e.err = err
		}
		return err
	}
	return e.WriteRendered(p)
}

// Rendered is a report's graph serialized ahead by Render.
type Rendered struct {
	report *Report
	block  *turtle.Block
	nodes  *jsonld.Block
	lines  []byte
	shared []tripleKey // of report.Shared, in Turtle, N-Triples and JSON-LD
}

// lineBuffers recycles the N-Triples of rendered reports.
var lineBuffers = sync.Pool{New: func() any { return []byte(nil) }}

// maxPooledLines keeps an unusually large report's buffer out of the pool.
const maxPooledLines = 1 << 20

// Render serializes a report's graph for this Encoder without writing it.
// It is safe to call from several goroutines at once (and while another
// goroutine writes), so that the costly part of encoding runs in parallel;
// WriteRendered then writes the reports in order.
func (e *Encoder) Render(r *Report) (*Rendered, error) {
	p := &Rendered{report: r}
	var b []byte
	switch e.format {
	case NQuads:
		for _, ts := range [][]rdf.Triple{r.Own, r.Shared} {
			for _, t := range ts {
				b = append(b, rdf.Quad{Triple: t, Ctx: r.Graph}.Serialize(rdf.NQuads)...)
			}
		}
		p.lines = b
		return p, nil
	case NTriples:
		// About a line's length each: no regrowing. The buffer is
		// recycled once written (see WriteRendered): a graph's N-Triples
		// are its largest dump, which the collector would otherwise clear
		// and sweep report by report.
		b = lineBuffers.Get().([]byte)
		if n := 200 * len(r.Own); cap(b) < n {
			b = make([]byte, 0, n)
		}
		for _, t := range r.Own {
			b = appendNTriple(b, t)
		}
		p.lines = b
	case JSONLD:
		nodes, err := e.ld.Render(r.Own)
		if err != nil {
			return nil, err
		}
		p.nodes = nodes
	default:
		block, err := e.ttl.Render(r.Own)
		if err != nil {
			return nil, err
		}
		p.block = block
	}
	p.shared = make([]tripleKey, len(r.Shared))
	for i, t := range r.Shared {
		p.shared[i] = keyOf(t)
	}
	return p, nil
}

// WriteRendered writes a report rendered by Render (of this Encoder).
func (e *Encoder) WriteRendered(p *Rendered) error {
	if e.err != nil {
		return e.err
	}
	if e.closed {
		return turtle.ErrClosed
	}
	switch {
	case e.format == Turtle:
		e.err = e.ttl.WriteBlock(p.block)
	case e.format == JSONLD:
		e.err = e.ld.WriteBlock(p.nodes)
	case e.err == nil:
		_, e.err = e.buf.Write(p.lines)
		if e.format == NTriples && cap(p.lines) <= maxPooledLines {
			lineBuffers.Put(p.lines[:0])
			p.lines = nil
		}
	}
	for i, k := range p.shared {
		e.shared.addKeyed(k, p.report.Shared[i])
	}
	return e.err
}

// EncodeGraph writes triples that belong to no single report, such as what
// an endpoint states about the cited decisions: in N-Quads into the named
// graph g, in Turtle, N-Triples and JSON-LD once, sorted, among the shared
// triples.
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
	case JSONLD:
		// In runs of whole subjects, so the compacted text of a large
		// shared part is never all in memory at once.
		for start := 0; start < len(shared) && e.err == nil; {
			end := min(start+4096, len(shared))
			for end < len(shared) && sameSubject(shared[end-1].Subj, shared[end].Subj) {
				end++
			}
			e.err = e.ld.Encode(shared[start:end])
			start = end
		}
		if err := e.ld.Close(); e.err == nil {
			e.err = err
		}
	case NTriples:
		var line []byte
		for _, t := range shared {
			if line = appendNTriple(line[:0], t); e.err == nil {
				_, e.err = e.buf.Write(line)
			}
		}
		fallthrough
	default:
		if err := e.buf.Flush(); e.err == nil {
			e.err = err
		}
	}
	return e.err
}

func sameSubject(a, b rdf.Subject) bool {
	return a.Type() == b.Type() && a.String() == b.String()
}

// SharedLen reports how many distinct shared triples wait for Close.
func (e *Encoder) SharedLen() int { return e.shared.len() }
