package load

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pledgegraph/pledgegraph/sparql"
)

// Pass 2 cuts the spools into pieces and posts them to the graph store.

// prologue starts every piece. Virtuoso's Graph Store endpoint ignores
// Content-Type and guesses the format from the first 64 KB; when a string
// longer than that cuts the sample, the guess is text/plain and the piece
// is refused — unless a line starts with @prefix (measured on 7.2.5; see
// DB.DBA.RDF_SPONGE_GUESS_TTL_CONTENT_TYPE). It makes the body Turtle, which
// every store reads; the N-Triples lines after it are Turtle too.
const prologue = "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"

// bodyType is the media type of a piece.
const bodyType = "text/turtle"

type piece struct {
	graph int32
	n     int // statements
	body  []byte
}

// builder collects lines into pieces per graph and hands full ones to
// dispatch. Lines of several graphs may interleave (N-Quads), so several
// pieces can be open at once; when they hold more than budget bytes, the
// largest goes out early.
type builder struct {
	size, maxBytes, budget int
	open                   map[int32]*piece
	openBytes              int
	dispatch               func(*piece) error
}

func (b *builder) piece(g int32) *piece {
	if p, ok := b.open[g]; ok {
		return p
	}
	p := &piece{graph: g, body: append(make([]byte, 0, 64<<10), prologue...)}
	b.open[g] = p
	return p
}

func (b *builder) full(p *piece) bool { return p.n >= b.size || len(p.body) >= b.maxBytes }

func (b *builder) flush(p *piece) error {
	delete(b.open, p.graph)
	b.openBytes -= len(p.body) - len(prologue)
	if p.n == 0 {
		return nil
	}
	return b.dispatch(p)
}

// grew accounts for bytes added to open pieces.
func (b *builder) grew(n int) error {
	b.openBytes += n
	for b.openBytes > b.budget && len(b.open) > 0 {
		var largest *piece
		for _, p := range b.open {
			if largest == nil || len(p.body) > len(largest.body) {
				largest = p
			}
		}
		if err := b.flush(largest); err != nil {
			return err
		}
	}
	return nil
}

// addPlain adds the n ground lines of one run, read from rd.
func (b *builder) addPlain(rd *bufio.Reader, g int32, n int) error {
	for n > 0 {
		p := b.piece(g)
		before := len(p.body)
		for n > 0 && !b.full(p) {
			k, err := b.take(rd, p, n)
			if err != nil {
				return fmt.Errorf("temporary file: %w", err)
			}
			n -= k
		}
		full := b.full(p)
		if err := b.grew(len(p.body) - before); err != nil {
			return err
		}
		if full {
			if err := b.flush(p); err != nil {
				return err
			}
		}
	}
	return nil
}

// take moves whole lines from rd into p, at most want and as many as fit,
// copying what rd has buffered at once; it returns how many it moved.
func (b *builder) take(rd *bufio.Reader, p *piece, want int) (int, error) {
	if rd.Buffered() == 0 {
		if _, err := rd.Peek(1); err != nil {
			return 0, err
		}
	}
	buf, _ := rd.Peek(rd.Buffered())
	end, k := 0, 0
	for k < want && p.n+k < b.size && len(p.body)+end < b.maxBytes {
		i := bytes.IndexByte(buf[end:], '\n')
		if i < 0 {
			break
		}
		end += i + 1
		k++
	}
	if k > 0 {
		p.body = append(p.body, buf[:end]...)
		p.n += k
		_, err := rd.Discard(end)
		return k, err
	}
	// A line longer than what is buffered.
	line, err := rd.ReadSlice('\n')
	for err == bufio.ErrBufferFull {
		p.body = append(p.body, line...)
		line, err = rd.ReadSlice('\n')
	}
	if err != nil {
		return 0, err
	}
	p.body = append(p.body, line...)
	p.n++
	return 1, nil
}

// addUnit adds lines that must go in one request (a blank node component):
// a component larger than a piece goes as one larger piece.
func (b *builder) addUnit(g int32, n int, data []byte) error {
	p := b.piece(g)
	if p.n > 0 && (p.n+n > b.size || len(p.body)+len(data) > b.maxBytes) {
		if err := b.flush(p); err != nil {
			return err
		}
		p = b.piece(g)
	}
	p.body = append(p.body, data...)
	p.n += n
	if b.full(p) {
		b.openBytes += len(data)
		return b.flush(p)
	}
	return b.grew(len(data))
}

// finish sends what is left, in graph order.
func (b *builder) finish() error {
	gs := make([]int32, 0, len(b.open))
	for g := range b.open {
		gs = append(gs, g)
	}
	slices.Sort(gs)
	for _, g := range gs {
		if err := b.flush(b.open[g]); err != nil {
			return err
		}
	}
	return nil
}

// buildPieces walks the spools of c and dispatches every piece.
func (c *checker) buildPieces(b *builder) error {
	rd := bufio.NewReaderSize(io.NewSectionReader(c.plain.f, 0, c.plain.off), 1<<20)
	for _, run := range c.runs {
		if err := b.addPlain(rd, run.graph, run.n); err != nil {
			return err
		}
	}
	if len(c.recs) == 0 {
		return b.finish()
	}
	// Blank node statements, component by component, in input order
	// within each.
	comp := make([]int32, len(c.recs))
	for i := range c.recs {
		comp[i] = c.find(c.recs[i].node)
	}
	order := make([]int32, len(c.recs))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int {
		if comp[x] != comp[y] {
			return int(comp[x]) - int(comp[y])
		}
		return cmpU64(uint64(c.recs[x].off), uint64(c.recs[y].off))
	})
	var data []byte
	for i := 0; i < len(order); {
		j := i
		for j < len(order) && comp[order[j]] == comp[order[i]] {
			j++
		}
		data = data[:0]
		for k := i; k < j; {
			// Statements that lie next to each other in the spool are read at once.
			start := c.recs[order[k]]
			end := start.off + int64(start.size)
			k++
			for k < j && c.recs[order[k]].off == end {
				end += int64(c.recs[order[k]].size)
				k++
			}
			n := len(data)
			data = slices.Grow(data, int(end-start.off))[:n+int(end-start.off)]
			if _, err := c.blank.f.ReadAt(data[n:], start.off); err != nil {
				return fmt.Errorf("temporary file: %w", err)
			}
		}
		if err := b.addUnit(c.recs[order[i]].graph, j-i, data); err != nil {
			return err
		}
		i = j
	}
	return b.finish()
}

// sender posts pieces to the graph store.
type sender struct {
	gs      *sparql.Client
	iris    []string // graph number → IRI the pieces go to (staging with Replace)
	retries int
	wait    time.Duration
	total   int
	sent    atomic.Int64 // statements stored
	pieces  atomic.Int64 // pieces stored
	report  func(done, total int)
	mu      sync.Mutex // serializes report
}

// send posts all pieces c makes, on concurrency goroutines. The first
// failure stops it; pieces already sent stay sent.
func (s *sender) send(ctx context.Context, c *checker, b *builder, concurrency int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pieces := make(chan *piece)
	var (
		once     sync.Once
		firstErr error
	)
	fail := func(err error) {
		once.Do(func() { firstErr = err; cancel() })
	}
	var wg sync.WaitGroup
	for range concurrency {
		wg.Go(func() {
			for p := range pieces {
				if err := s.post(ctx, p); err != nil {
					fail(err)
				}
			}
		})
	}
	b.dispatch = func(p *piece) error {
		select {
		case pieces <- p:
			return nil
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	}
	err := c.buildPieces(b)
	close(pieces)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	if err != nil {
		return err
	}
	return ctx.Err()
}

// post sends one piece. A 500 from Virtuoso's Graph Store endpoint may be
// a deadlock between concurrent uploads (40001 SR172, which rolls the
// upload back); it comes as an HTML page that the client cannot classify,
// so such a piece is sent again a few times before the load fails.
func (s *sender) post(ctx context.Context, p *piece) error {
	req := sparql.Request{
		Method:      http.MethodPost,
		Params:      url.Values{"graph": {s.iris[p.graph]}},
		Body:        p.body,
		ContentType: bodyType,
	}
	for attempt := 0; ; attempt++ {
		_, err := s.gs.Do(ctx, req, nil)
		if err == nil {
			break
		}
		if attempt >= s.retries || !storeConflict(err) || ctx.Err() != nil {
			return &PieceError{Graph: s.iris[p.graph], Triples: p.n, Stored: int(s.sent.Load()), Err: err}
		}
		if s.wait > 0 {
			d := s.wait << attempt
			d += rand.N(d/2 + 1)
			t := time.NewTimer(d)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				return ctx.Err()
			}
		}
	}
	done := s.sent.Add(int64(p.n))
	s.pieces.Add(1)
	if s.report != nil {
		s.mu.Lock()
		s.report(int(done), s.total)
		s.mu.Unlock()
	}
	return nil
}

// storeConflict: a 500 that may be a deadlock (see post).
func storeConflict(err error) bool {
	var e *sparql.Error
	if !errors.As(err, &e) || e.Status != http.StatusInternalServerError {
		return false
	}
	if strings.HasPrefix(e.SQLState, "40") {
		return true
	}
	// Virtuoso's error page, which the client does not take apart.
	return e.SQLState == "" && strings.HasPrefix(strings.ToUpper(e.Message), "<!DOCTYPE HTML")
}

// PieceError is a piece the graph store did not take, after retries.
type PieceError struct {
	Graph   string // where the piece went (the staging graph with Replace)
	Triples int    // statements in the piece
	Stored  int    // statements stored by earlier pieces
	Err     error
}

func (e *PieceError) Error() string {
	return fmt.Sprintf("a piece of %d triples for <%s> was not stored: %v", e.Triples, e.Graph, e.Err)
}

func (e *PieceError) Unwrap() error { return e.Err }
