package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/graph/report"
	"github.com/pledgegraph/pledgegraph/graph/turtle"
	"github.com/pledgegraph/pledgegraph/internal/catalog"
	"github.com/pledgegraph/pledgegraph/internal/export"
	"github.com/pledgegraph/pledgegraph/internal/site"
)

// observer is what publish adds to an export run: the N-Triples and
// JSON-LD dumps beside the Turtle one, the statistics of the catalog, and
// the site.
type observer struct {
	dir        string
	site       *site.Builder
	contextURL string
	counter    catalog.Counter
	prefixes   []turtle.Prefix
	files      []*dumpFile
	flusher    *flusher
	shared     writtenShared
	counting   chan counted
	counted    sync.WaitGroup
}

// dumpFile is a dump being written; export closes (flushes) its encoder,
// the file is closed here. The encoders buffer (256 KiB) and write whole
// buffers: a buffer here would only copy the dumps once more.
type dumpFile struct {
	name string
	f    *os.File
	w    *writeback
}

func (o *observer) create(name string) (*dumpFile, error) {
	f, err := os.Create(filepath.Join(o.dir, name))
	if err != nil {
		return nil, err
	}
	d := &dumpFile{name: name, f: f, w: &writeback{f: f, fl: o.flusher}}
	o.files = append(o.files, d)
	return d, nil
}

// Start opens the extra dumps, now that the prefixes (which depend on the
// endpoint's triples) are known.
func (o *observer) Start(s export.Start) ([]export.Sink, error) {
	o.prefixes = s.Prefixes
	o.site.Start(s.Enrichment)
	o.count(counted{triples: s.Enrichment})
	nt, err := o.create(NTriplesFile)
	if err != nil {
		return nil, err
	}
	ntEnc, err := graph.NewEncoder(nt.w, graph.NTriples, s.Prefixes)
	if err != nil {
		return nil, err
	}
	jl, err := o.create(JSONLDFile)
	if err != nil {
		return nil, err
	}
	jlEnc, err := newJSONLDEncoder(jl.w, s.Prefixes, o.contextURL)
	if err != nil {
		return nil, err
	}
	return []export.Sink{{Name: NTriplesFile, Encoder: ntEnc}, {Name: JSONLDFile, Encoder: jlEnc}}, nil
}

// Prepare adds the ClaimReview's statements to the report and renders its
// HTML, on the export's workers.
func (o *observer) Prepare(r *graph.Report, ev *report.Evaluation) (any, error) {
	p, err := o.site.Prepare(r, ev)
	if err != nil {
		return nil, err
	}
	r.Shared = o.shared.unwritten(r.Shared)
	return p, nil
}

// Report counts the report's triples for the catalog and hands its HTML
// to the site, in order.
func (o *observer) Report(r *graph.Report, prepared any) error {
	p, ok := prepared.(*site.Prepared)
	if !ok {
		return fmt.Errorf("publish: unexpected prepared value %T", prepared)
	}
	o.shared.written(r.Shared)
	// Own triples are distinct from all others (see
	// catalog.Counter.AddDistinct): counted without the dedupe hash.
	o.count(counted{triples: r.Own, distinct: true}, counted{triples: r.Shared})
	return o.site.Add(p)
}

// counted are triples for the catalog's statistics; distinct ones are
// known to differ from every other triple counted.
type counted struct {
	triples  []rdf.Triple
	distinct bool
}

// count has the catalog's statistics counted on a goroutine of their own,
// which keeps the writing goroutine free.
func (o *observer) count(ts ...counted) {
	if o.counting == nil {
		o.counting = make(chan counted, 64)
		o.counted.Go(func() {
			for c := range o.counting {
				if c.distinct {
					for _, t := range c.triples {
						o.counter.AddDistinct(t)
					}
					continue
				}
				for _, t := range c.triples {
					o.counter.Add(t)
				}
			}
		})
	}
	for _, t := range ts {
		o.counting <- t
	}
}

// stats waits for the counting and returns the statistics.
func (o *observer) stats() catalog.Stats {
	if o.counting != nil {
		close(o.counting)
		o.counted.Wait()
		o.counting = nil
	}
	return o.counter.Stats()
}

// closeFiles flushes and closes the dumps; it is safe to call twice. (The
// flusher holds copies of their descriptors: it may outlive them.)
func (o *observer) closeFiles() error {
	var first error
	for _, d := range o.files {
		if d.f == nil {
			continue
		}
		err := d.f.Close()
		d.f = nil
		if err != nil && first == nil {
			first = fmt.Errorf("%s: %w", d.name, err)
		}
	}
	return first
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
