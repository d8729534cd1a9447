package jsonld

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph/turtle"
)

// ErrClosed is returned by the Encoder's methods after Close.
var ErrClosed = errors.New("encoder closed")

// Encoder writes one JSON-LD document: the context (inline, or its URL),
// then every node object in one "@graph" array, as they come. Each call of
// Render or Encode gives one node object per subject of its triples, so a
// caller that writes the triples of a subject in one call never repeats an
// "@id"; a subject given in two calls gets two node objects, which is valid
// JSON-LD (a reader merges them).
//
// Compacting runs ahead on other goroutines (Render); only the writing of
// the rendered blocks, in order, is serial. The same triples in the same
// order give the same bytes.
type Encoder struct {
	c      *compactor
	w      *bufio.Writer
	nodes  int
	closed bool
	err    error
}

// NewEncoder returns an Encoder writing to w, with the context of the
// prefixes (see Context) inline, or, when contextURL is not empty, named
// by that URL: whoever reads the document must then be able to load the
// context from there (Context gives its bytes). The document's opening
// goes out with the first flush.
func NewEncoder(w io.Writer, prefixes []turtle.Prefix, contextURL string) (*Encoder, error) {
	ctx, err := newContext(prefixes)
	if err != nil {
		return nil, err
	}
	if contextURL != "" {
		if err := checkIRI(contextURL); err != nil {
			return nil, fmt.Errorf("context URL: %w", err)
		}
	}
	e := &Encoder{c: &compactor{t: ctx.table}, w: bufio.NewWriterSize(w, 256<<10)}
	e.write("{\n  \"@context\": ")
	if contextURL != "" {
		_, e.err = e.w.Write(appendString(nil, contextURL))
	} else {
		_, e.err = e.w.Write(ctx.object)
	}
	e.write(",\n  \"@graph\": [")
	return e, nil
}

// blockBuffers recycles the data of written blocks: the JSON-LD of a
// graph is hundreds of megabytes, which the collector would otherwise
// clear and sweep block by block.
var blockBuffers = sync.Pool{New: func() any { return []byte(nil) }}

// maxPooledBlock keeps an unusually large block's buffer out of the pool.
const maxPooledBlock = 1 << 20

// Block is a run of node objects compacted ahead by Render, to be written
// in its place by WriteBlock.
type Block struct {
	data  []byte
	nodes int
}

// Render compacts triples as Encode would write them. It only reads the
// Encoder's context, so it is safe to call from several goroutines at
// once, also while another writes.
func (e *Encoder) Render(triples []rdf.Triple) (*Block, error) {
	size := 0
	for _, t := range triples {
		if l, ok := t.Obj.(rdf.Literal); ok {
			size += len(l.String())
		}
		size += 48
	}
	buf := blockBuffers.Get().([]byte)
	if cap(buf) < size {
		buf = make([]byte, 0, size)
	}
	data, n, err := e.c.appendNodes(buf, triples)
	if err != nil {
		return nil, err
	}
	return &Block{data: data, nodes: n}, nil
}

// WriteBlock writes a block rendered by Render (of this Encoder) after the
// node objects written so far.
func (e *Encoder) WriteBlock(b *Block) error {
	if e.closed {
		return ErrClosed
	}
	if e.err != nil || b.nodes == 0 {
		return e.err
	}
	if e.nodes > 0 {
		e.write(",\n")
	} else {
		e.write("\n")
	}
	if e.err == nil {
		_, e.err = e.w.Write(b.data)
	}
	e.nodes += b.nodes
	if cap(b.data) <= maxPooledBlock {
		blockBuffers.Put(b.data[:0]) // written: the next report's block goes there
		b.data = nil
	}
	return e.err
}

// Encode writes the node objects of triples. A triple that cannot be
// written faithfully is an error, and the Encoder stops.
func (e *Encoder) Encode(triples []rdf.Triple) error {
	if e.closed {
		return ErrClosed
	}
	if e.err != nil {
		return e.err
	}
	b, err := e.Render(triples)
	if err != nil {
		e.err = err
		return err
	}
	return e.WriteBlock(b)
}

// Close ends the document and flushes. It does not close the underlying
// writer and is safe to call more than once.
func (e *Encoder) Close() error {
	if e.closed {
		return e.err
	}
	e.closed = true
	if e.nodes > 0 {
		e.write("\n  ]\n}\n")
	} else {
		e.write("]\n}\n")
	}
	if e.err == nil {
		e.err = e.w.Flush()
	}
	return e.err
}

func (e *Encoder) write(s string) {
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}
