// Package enrich links evaluation reports into the Themis graph: it resolves
// search-URL references (a title on a meeting date) to Themis decision
// IRIs, and fetches what Themis states about every cited decision, in
// Themis's own predicates, so the exported graph joins the Themis graph as
// is.
//
// It is built for a shared public endpoint: decisions are asked for in
// batches (VALUES lists of BatchSize IRIs; one request per group of meeting
// dates), at most Concurrency requests at once (Themis serves ten
// connections in all), and every answer is kept in an on-disk Cache so a
// second run sends no request. A failing request never stops the others:
// what could not be asked is reported per decision or reference.
package enrich

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/sparql"
)

// DefaultEndpoint is the live Themis SPARQL endpoint.
const DefaultEndpoint = "https://themis.vlaanderen.be/sparql"

const (
	// DefaultConcurrency: Themis allows ten connections for everyone.
	DefaultConcurrency = 2
	// DefaultBatchSize decisions per metadata request: about 17 rows each
	// plus what they share, well under Virtuoso's usual 10,000-row cap (a
	// truncated answer is asked again in halves).
	DefaultBatchSize = 200
	// DefaultWindowBatch meeting dates per resolution request: a meeting
	// has up to about 60 news items.
	DefaultWindowBatch = 40

	// With GET the queries travel in the URL, which servers cut (Virtuoso
	// at about 10 KB, common proxies at 8 KB): 15 decisions make a URL of
	// about 6 KB, 20 meeting dates about 3 KB.
	GetBatchSize   = 15
	GetWindowBatch = 20
)

// ErrOffline is the failure of a question the cache could not answer in offline mode.
var ErrOffline = errors.New("not in the cache (offline)")

var errTruncated = errors.New("the endpoint truncated the result even for a single item")

// Querier is the part of *sparql.Client the enricher needs; tests may
// put anything that speaks SPARQL behind it.
type Querier interface {
	Select(ctx context.Context, query string) (*sparql.Results, error)
}

// Options configure an Enricher.
type Options struct {
	// Client asks the endpoint; it may be nil when Offline.
	Client Querier
	// Endpoint names the endpoint in the cache keys (the client's URL).
	Endpoint string
	// Cache keeps answers; nil caches nothing.
	Cache *Cache
	// Offline answers from the cache only: a miss is a failure.
	Offline bool
	// Concurrency is the number of requests at once; ≤ 0 means DefaultConcurrency.
	Concurrency int
	// BatchSize is the number of decisions per metadata request; ≤ 0 means DefaultBatchSize.
	BatchSize int
	// WindowBatch is the number of meeting dates per resolution request; ≤ 0 means DefaultWindowBatch.
	WindowBatch int
	// Progress, if set, is called as decisions are enriched (done of total).
	Progress func(done, total int)
}

// Enricher resolves references and enriches decisions. It is safe for
// concurrent use.
type Enricher struct {
	client      Querier
	endpoint    string
	cache       *Cache
	offline     bool
	concurrency int
	batchSize   int
	windowBatch int
	progress    func(done, total int)

	stats    counters
	mu       sync.Mutex
	cacheErr error
	// down is the fault that made the endpoint unusable (still failing
	// after all the client's retries): later requests fail at once with
	// it instead of each waiting through its own retries.
	down error
}

// ask sends a query unless the endpoint is already known to be down.
func (e *Enricher) ask(ctx context.Context, q string) (*sparql.Results, error) {
	e.mu.Lock()
	down := e.down
	e.mu.Unlock()
	if down != nil {
		return nil, fmt.Errorf("endpoint unavailable: %w", down)
	}
	res, err := e.client.Select(ctx, q)
	var se *sparql.Error
	if err != nil && ctx.Err() == nil && errors.As(err, &se) && se.Temporary() {
		e.mu.Lock()
		if e.down == nil {
			e.down = err
		}
		e.mu.Unlock()
	}
	return res, err
}

// New returns an Enricher.
func New(opts Options) (*Enricher, error) {
	if opts.Client == nil && !opts.Offline {
		return nil, errors.New("no SPARQL client")
	}
	if opts.Endpoint == "" {
		return nil, errors.New("no endpoint")
	}
	e := &Enricher{
		client:      opts.Client,
		endpoint:    opts.Endpoint,
		cache:       opts.Cache,
		offline:     opts.Offline,
		concurrency: orDefault(opts.Concurrency, DefaultConcurrency),
		batchSize:   orDefault(opts.BatchSize, DefaultBatchSize),
		windowBatch: orDefault(opts.WindowBatch, DefaultWindowBatch),
		progress:    opts.Progress,
	}
	return e, nil
}

func orDefault(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}

// CacheError returns the last error writing the cache, if any: the run
// still has its answers, but the next one will ask again.
func (e *Enricher) CacheError() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.cacheErr
}

// Stats counts answers taken from the cache.
type Stats struct {
	// Cached is how many questions (decisions, meeting dates) the cache answered.
	Cached int64
}

type counters struct{ cached atomic.Int64 }

func (c *counters) addCached(n int64) { c.cached.Add(n) }

// Stats returns the counters so far.
func (e *Enricher) Stats() Stats { return Stats{Cached: e.stats.cached.Load()} }

// batches runs fn over [0,n) in slices of size at most size, Concurrency at
// a time. It stops early only when ctx is done or fn returns an error.
func (e *Enricher) batches(ctx context.Context, n, size int, fn func(ctx context.Context, lo, hi int) error) error {
	if n == 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sem := make(chan struct{}, e.concurrency)
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
	)
	for lo := 0; lo < n; lo += size {
		hi := min(lo+size, n)
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			if err := fn(ctx, lo, hi); err != nil {
				once.Do(func() { first = err; cancel() })
			}
		}()
	}
	wg.Wait()
	if first != nil {
		return first
	}
	return ctx.Err()
}

// Enrichment is what Themis states about a set of decisions.
type Enrichment struct {
	// Triples are Themis's own triples, sorted by subject, predicate and
	// object, without repeats.
	Triples []rdf.Triple
	// Enriched lists the decisions Themis stated something about.
	Enriched []string
	// Unknown lists the decisions Themis states nothing about (a
	// republication may have removed them).
	Unknown []string
	// Failed maps the decisions that could not be asked to why.
	Failed map[string]error
	// Dropped counts triples left out because they hold blank nodes, which
	// cannot be named across graphs.
	Dropped int
}

// Enrich asks what Themis states about the given decisions (IRIs, repeats
// allowed). Failures are per decision; the error is for ctx only.
func (e *Enricher) Enrich(ctx context.Context, iris []string) (*Enrichment, error) {
	iris = distinctSorted(iris)
	found := make(map[string][]rdf.Triple, len(iris))
	out := &Enrichment{Failed: map[string]error{}}
	var todo []string
	done := 0
	for _, iri := range iris {
		if data, ok := e.cache.Get(e.endpoint, "decision", iri); ok {
			if ts, err := decodeNTriples(data); err == nil {
				found[iri] = ts
				e.stats.addCached(1)
				done++
				continue
			}
		}
		todo = append(todo, iri)
	}
	e.report(done, len(iris))
	if e.offline {
		for _, iri := range todo {
			out.Failed[iri] = ErrOffline
		}
	} else {
		err := e.batches(ctx, len(todo), e.batchSize, func(ctx context.Context, lo, hi int) error {
			n, err := e.fetchDecisions(ctx, todo[lo:hi], found, out)
			e.mu.Lock()
			done += n
			d := done
			e.mu.Unlock()
			e.report(d, len(iris))
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	set := map[tripleKey]rdf.Triple{}
	for _, iri := range iris {
		ts, ok := found[iri]
		if !ok {
			continue
		}
		if len(ts) == 0 {
			out.Unknown = append(out.Unknown, iri)
			continue
		}
		out.Enriched = append(out.Enriched, iri)
		for _, t := range ts {
			set[keyOf(t)] = t
		}
	}
	out.Triples = make([]rdf.Triple, 0, len(set))
	keys := make([]tripleKey, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].less(keys[j]) })
	for _, k := range keys {
		out.Triples = append(out.Triples, set[k])
	}
	return out, nil
}

func (e *Enricher) report(done, total int) {
	if e.progress != nil {
		e.progress(done, total)
	}
}

func distinctSorted(ss []string) []string {
	out := append([]string(nil), ss...)
	sort.Strings(out)
	w := 0
	for i, s := range out {
		if i == 0 || s != out[w-1] {
			out[w] = s
			w++
		}
	}
	return out[:w]
}

type tripleKey struct{ s, p, o string }

func keyOf(t rdf.Triple) tripleKey {
	return tripleKey{t.Subj.String(), t.Pred.String(), t.Obj.Serialize(rdf.NTriples)}
}

func (a tripleKey) less(b tripleKey) bool {
	if a.s != b.s {
		return a.s < b.s
	}
	if a.p != b.p {
		return a.p < b.p
	}
	return a.o < b.o
}

func decodeNTriples(data []byte) ([]rdf.Triple, error) {
	if len(strings.TrimSpace(string(data))) == 0 {
		return []rdf.Triple{}, nil
	}
	return rdf.NewTripleDecoder(strings.NewReader(string(data)), rdf.NTriples).DecodeAll()
}

func encodeNTriples(ts []rdf.Triple) []byte {
	var b strings.Builder
	for _, t := range ts {
		b.WriteString(t.Serialize(rdf.NTriples))
	}
	return []byte(b.String())
}
