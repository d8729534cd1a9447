package load

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"iter"
	"os"
	"slices"
	"strconv"

	"github.com/pledgegraph/pledgegraph/internal/pipeline"
	"github.com/pledgegraph/pledgegraph/sparql"
)

// Pass 1 reads every source once, checks every statement and writes the
// normalized N-Triples to two temporary files (spools): ground statements in
// input order (plainRuns say which graph each run of lines goes to), and
// statements with a blank node, which pass 2 regroups by connected
// component. Nothing is sent before the whole input has passed, so a broken
// file changes nothing in the store; standard input is read only once.

// blockSize is how much N-Triples a parse job takes at once.
const blockSize = 1 << 20

// tripleHash identifies a normalized triple for counting distinct ones;
// the lowest bit says whether the triple has a blank node (blank and ground
// triples are never equal). 63 bits keep the table small (8 bytes a
// statement): two of 10 million distinct triples collide with a probability
// of about 1e-5, and a collision makes the count one short, which the check
// after the load reports rather than hides.
type tripleHash uint64

func (h tripleHash) blank() bool { return h&1 == 1 }

// localRun is a run of ground lines of one graph within a block's plain
// bytes; graph indexes the block's own graph table.
type localRun struct {
	graph int32
	n     int32
	size  int32
}

type localHash struct {
	graph int32
	h     tripleHash
}

// blankStmt is a statement with a blank node, kept in parts so that the
// merger can give its labels document-wide numbers.
type blankStmt struct {
	line           int32 // 1-based, in the block
	graph          int32
	sLabel, oLabel string // "" when that position holds no blank node
	s              []byte // the subject, when it is not a blank node
	po             []byte // " <p> " and the object when it is not a blank node
}

// blockResult is what a parse job gives back for one block of lines.
type blockResult struct {
	lines       int // lines in the block
	err         error
	errLine     int // 1-based, in the block
	defaultLine int // first line of a statement in the default graph (N-Quads), 0 if none
	plain       []byte
	runs        []localRun
	hashes      []localHash
	blanks      []blankStmt
	graphs      [][]byte // the block's graph table; 0 is the default graph
	tmp         []byte
}

// graphIndex returns the block's index of the graph of st, checking a
// graph name on first sight: it goes into URLs and queries.
func (r *blockResult) graphIndex(st *statement) (int32, error) {
	if st.g.kind == kindNone {
		return 0, nil
	}
	for i := len(r.graphs) - 1; i > 0; i-- {
		if bytes.Equal(r.graphs[i], st.g.value) {
			return int32(i), nil
		}
	}
	if _, err := sparql.IRI(string(st.g.value)); err != nil {
		return 0, fmt.Errorf("graph name: %w", err)
	}
	r.graphs = append(r.graphs, bytes.Clone(st.g.value))
	return int32(len(r.graphs) - 1), nil
}

// add records one checked statement found on line (1-based, in the block).
func (r *blockResult) add(st *statement, line int, seed *maphash.Seed) error {
	if st.g.kind == kindBlank {
		return errors.New("a blank node as graph name: the Graph Store Protocol names graphs by IRI")
	}
	g, err := r.graphIndex(st)
	if err != nil {
		return err
	}
	if g == 0 && r.defaultLine == 0 {
		r.defaultLine = line
	}
	r.tmp = appendTriple(r.tmp[:0], st)
	h := tripleHash(maphash.Bytes(*seed, r.tmp) &^ 1)
	if st.s.kind != kindBlank && st.o.kind != kindBlank {
		r.hashes = append(r.hashes, localHash{g, h})
		r.plain = append(r.plain, r.tmp...)
		r.plain = append(r.plain, " .\n"...)
		size := int32(len(r.tmp) + 3)
		if n := len(r.runs); n > 0 && r.runs[n-1].graph == g {
			r.runs[n-1].n++
			r.runs[n-1].size += size
		} else {
			r.runs = append(r.runs, localRun{g, 1, size})
		}
		return nil
	}
	h |= 1
	r.hashes = append(r.hashes, localHash{g, h})
	b := blankStmt{line: int32(line), graph: g}
	if st.s.kind == kindBlank {
		b.sLabel = string(st.s.value)
	} else {
		b.s = appendTerm(nil, &st.s)
	}
	po := append([]byte{' '}, appendTerm(nil, &st.p)...)
	po = append(po, ' ')
	if st.o.kind == kindBlank {
		b.oLabel = string(st.o.value)
	} else {
		po = appendTerm(po, &st.o)
	}
	b.po = po
	r.blanks = append(r.blanks, b)
	return nil
}

// parseBlock parses a block of N-Triples or N-Quads lines; it stops at the
// first error.
func parseBlock(data []byte, quads bool, seed *maphash.Seed) *blockResult {
	r := &blockResult{graphs: [][]byte{nil}, plain: make([]byte, 0, len(data)+len(data)/8)}
	lp := lineParser{quads: quads}
	var st statement
	for len(data) > 0 {
		r.lines++
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		ok, err := lp.parse(line, &st)
		if err == nil && ok {
			err = r.add(&st, r.lines, seed)
		}
		if err != nil {
			r.err, r.errLine = err, r.lines
			return r
		}
	}
	return r
}

// lineError is an error on a line of a named input.
type lineError struct {
	name string
	line int
	err  error
}

func (e *lineError) Error() string {
	if e.line > 0 {
		return e.name + ":" + strconv.Itoa(e.line) + ": " + e.err.Error()
	}
	return e.name + ": " + e.err.Error()
}

func (e *lineError) Unwrap() error { return e.err }

// spool is a temporary file written once, then read.
type spool struct {
	f   *os.File
	w   *bufio.Writer
	off int64
}

func newSpool(dir string) (*spool, error) {
	f, err := os.CreateTemp(dir, "pledgegraph-load-*.nt")
	if err != nil {
		return nil, fmt.Errorf("temporary file: %w", err)
	}
	return &spool{f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

func (s *spool) write(b []byte) error {
	if _, err := s.w.Write(b); err != nil {
		return fmt.Errorf("temporary file: %w", err)
	}
	s.off += int64(len(b))
	return nil
}

func (s *spool) finish() error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("temporary file: %w", err)
	}
	return nil
}

func (s *spool) remove() {
	if s != nil {
		s.f.Close()
		os.Remove(s.f.Name())
	}
}

// plainRun is a run of ground lines of one graph in the plain spool.
type plainRun struct {
	graph int32
	n     int
	off   int64
	size  int64
}

// blankRec is one statement with a blank node in the blank spool; node is
// one of its blank nodes, which names its component.
type blankRec struct {
	off   int64
	size  int32
	node  int32
	graph int32
}

// checker is pass 1: it takes parsed blocks in input order.
type checker struct {
	target string // Options.Graph
	seed   maphash.Seed

	plain, blank *spool
	runs         []plainRun
	recs         []blankRec

	graphIndex map[string]int32
	graphs     []string
	stmts      []int          // statements per graph
	hashes     [][]tripleHash // per graph, until distinct

	// Blank nodes: union-find over document-wide numbers. Labels are
	// scoped to one source.
	labels    map[string]int32
	parent    []int32
	nodeGraph []int32
	nodeLine  []int32

	name     string // the source being read
	lineBase int    // lines of the source before the current block
	total    int    // statements in all sources
	scratch  []byte
}

func newChecker(target, dir string) (*checker, error) {
	c := &checker{
		target:     target,
		seed:       maphash.MakeSeed(),
		graphIndex: map[string]int32{},
	}
	var err error
	if c.plain, err = newSpool(dir); err != nil {
		return nil, err
	}
	if c.blank, err = newSpool(dir); err != nil {
		c.plain.remove()
		return nil, err
	}
	return c, nil
}

func (c *checker) close() {
	c.plain.remove()
	c.blank.remove()
}

// graph returns the number of a target graph IRI, checking it on first
// sight (it goes into URLs and queries).
func (c *checker) graph(iri string) (int32, error) {
	if g, ok := c.graphIndex[iri]; ok {
		return g, nil
	}
	if _, err := sparql.IRI(iri); err != nil {
		return 0, fmt.Errorf("graph name: %w", err)
	}
	g := int32(len(c.graphs))
	c.graphIndex[iri] = g
	c.graphs = append(c.graphs, iri)
	c.stmts = append(c.stmts, 0)
	c.hashes = append(c.hashes, nil)
	return g, nil
}

// startSource begins a new input: line numbers and blank node labels start
// afresh.
func (c *checker) startSource(name string) {
	c.name, c.lineBase = name, 0
	c.labels = map[string]int32{}
}

// merge takes the next block of the current source.
func (c *checker) merge(r *blockResult) error {
	if r.defaultLine > 0 && c.target == "" && (r.err == nil || r.defaultLine < r.errLine) {
		return &lineError{c.name, c.lineBase + r.defaultLine,
			errors.New("a statement in the default graph, and no target graph was given for it (--graph)")}
	}
	if r.err != nil {
		return &lineError{c.name, c.lineBase + r.errLine, r.err}
	}
	global := make([]int32, len(r.graphs))
	for i, iri := range r.graphs {
		s := string(iri)
		if i == 0 {
			if c.target == "" {
				continue
			}
			s = c.target
		}
		g, err := c.graph(s)
		if err != nil {
			return &lineError{c.name, 0, err}
		}
		global[i] = g
	}
	off := c.plain.off
	if err := c.plain.write(r.plain); err != nil {
		return err
	}
	for _, run := range r.runs {
		g := global[run.graph]
		if n := len(c.runs); n > 0 && c.runs[n-1].graph == g {
			c.runs[n-1].n += int(run.n)
			c.runs[n-1].size += int64(run.size)
		} else {
			c.runs = append(c.runs, plainRun{graph: g, n: int(run.n), off: off, size: int64(run.size)})
		}
		off += int64(run.size)
	}
	for _, h := range r.hashes {
		g := global[h.graph]
		c.hashes[g] = append(c.hashes[g], h.h)
		c.stmts[g]++
	}
	c.total += len(r.hashes)
	for i := range r.blanks {
		if err := c.mergeBlank(&r.blanks[i], global); err != nil {
			return err
		}
	}
	c.lineBase += r.lines
	return nil
}

func (c *checker) node(label string, g int32, line int) (int32, error) {
	if id, ok := c.labels[label]; ok {
		if c.nodeGraph[id] != g {
			return 0, &lineError{c.name, line, fmt.Errorf("blank node _:%s is in graph <%s> here and in <%s> on line %d: "+
				"the Graph Store Protocol loads each graph by itself, so it would become two nodes",
				label, c.graphs[g], c.graphs[c.nodeGraph[id]], c.nodeLine[id])}
		}
		return id, nil
	}
	id := int32(len(c.parent))
	c.labels[label] = id
	c.parent = append(c.parent, id)
	c.nodeGraph = append(c.nodeGraph, g)
	c.nodeLine = append(c.nodeLine, int32(line))
	return id, nil
}

func (c *checker) find(x int32) int32 {
	for c.parent[x] != x {
		c.parent[x] = c.parent[c.parent[x]]
		x = c.parent[x]
	}
	return x
}

func (c *checker) mergeBlank(b *blankStmt, global []int32) error {
	g := global[b.graph]
	line := c.lineBase + int(b.line)
	node := int32(-1)
	buf := c.scratch[:0]
	if b.sLabel != "" {
		id, err := c.node(b.sLabel, g, line)
		if err != nil {
			return err
		}
		node = id
		buf = appendLabel(buf, id)
	} else {
		buf = append(buf, b.s...)
	}
	buf = append(buf, b.po...)
	if b.oLabel != "" {
		id, err := c.node(b.oLabel, g, line)
		if err != nil {
			return err
		}
		if node < 0 {
			node = id
		} else if a, b := c.find(node), c.find(id); a != b {
			c.parent[b] = a
		}
		buf = appendLabel(buf, id)
	}
	buf = append(buf, " .\n"...)
	c.scratch = buf
	c.recs = append(c.recs, blankRec{off: c.blank.off, size: int32(len(buf)), node: node, graph: g})
	return c.blank.write(buf)
}

// appendLabel writes the document-wide label of blank node id. Labels are
// renumbered rather than passed on: they are scoped to one request anyway,
// and b<N> is a label every store reads.
func appendLabel(dst []byte, id int32) []byte {
	dst = append(dst, "_:b"...)
	return strconv.AppendInt(dst, int64(id), 10)
}

// checkLines reads N-Triples or N-Quads from r, parsing blocks on jobs
// goroutines, and merges them in order.
func (c *checker) checkLines(ctx context.Context, r io.Reader, quads bool, jobs int) error {
	var readErr error
	blocks := func(yield func([]byte) bool) {
		var carry []byte
		for {
			buf := make([]byte, len(carry), max(blockSize, 2*len(carry)))
			copy(buf, carry)
			n, err := io.ReadAtLeast(r, buf[len(buf):cap(buf)], cap(buf)-len(buf))
			buf = buf[:len(buf)+n]
			eof := err == io.EOF || err == io.ErrUnexpectedEOF
			if err != nil && !eof {
				readErr = err
				return
			}
			if eof {
				if len(buf) > 0 {
					yield(buf)
				}
				return
			}
			cut := bytes.LastIndexByte(buf, '\n') + 1
			if cut == 0 {
				carry = buf // one line longer than the block: read more
				continue
			}
			carry = buf[cut:]
			if !yield(buf[:cut]) {
				return
			}
		}
	}
	err := pipeline.Ordered(ctx, iter.Seq[[]byte](blocks), jobs,
		func(data []byte) *blockResult { return parseBlock(data, quads, &c.seed) },
		c.merge)
	if err != nil {
		return err
	}
	if readErr != nil {
		return &lineError{c.name, 0, fmt.Errorf("reading: %w", readErr)}
	}
	return nil
}

// graphCounts is what pass 1 found for one graph.
type graphCounts struct {
	statements int
	distinct   int // distinct triples
	blank      int // distinct triples with a blank node
}

// finish flushes the spools and counts the distinct triples of every
// graph, freeing the hashes.
func (c *checker) finish() ([]graphCounts, error) {
	if err := c.plain.finish(); err != nil {
		return nil, err
	}
	if err := c.blank.finish(); err != nil {
		return nil, err
	}
	counts := make([]graphCounts, len(c.graphs))
	for g, hs := range c.hashes {
		slices.Sort(hs)
		gc := graphCounts{statements: c.stmts[g]}
		for i, h := range hs {
			if i > 0 && h == hs[i-1] {
				continue
			}
			gc.distinct++
			if h.blank() {
				gc.blank++
			}
		}
		counts[g] = gc
		c.hashes[g] = nil
	}
	return counts, nil
}

func cmpU64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
