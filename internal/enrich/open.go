package enrich

import (
	"errors"

	"github.com/pledgegraph/pledgegraph/sparql"
)

// Config is what a user chooses about enrichment: the client that talks to
// the endpoint (built once, the same way for every command, from the
// endpoint settings) and how to use it.
type Config struct {
	// Client asks the endpoint; its Endpoint names the cache entries, so
	// it is needed in offline mode too (it then sends nothing).
	Client *sparql.Client
	// Concurrency is the number of requests at once; 0 means DefaultConcurrency.
	Concurrency int
	// CacheDir keeps answers between runs; "" caches nothing.
	CacheDir string
	// Offline answers from the cache only.
	Offline bool
	// Get uses the smaller batches of queries sent by GET, whose URLs
	// servers cut (the client must be built with Get too).
	Get bool
	// BatchSize and WindowBatch override the batch sizes (benchmarks, tests).
	BatchSize, WindowBatch int
	// Progress, if set, is called as decisions are enriched.
	Progress func(done, total int)
}

// Open builds the cache and the Enricher of a Config.
func Open(cfg Config) (*Enricher, error) {
	if cfg.Client == nil {
		return nil, errors.New("no SPARQL client")
	}
	var cache *Cache
	if cfg.CacheDir != "" {
		var err error
		if cache, err = OpenCache(cfg.CacheDir); err != nil {
			return nil, err
		}
	} else if cfg.Offline {
		return nil, errors.New("offline mode needs a cache directory to answer from")
	}
	if cfg.Get {
		cfg.BatchSize = min(orDefault(cfg.BatchSize, GetBatchSize), GetBatchSize)
		cfg.WindowBatch = min(orDefault(cfg.WindowBatch, GetWindowBatch), GetWindowBatch)
	}
	return New(Options{
		Client:      cfg.Client,
		Endpoint:    cfg.Client.Endpoint(),
		Cache:       cache,
		Offline:     cfg.Offline,
		Concurrency: cfg.Concurrency,
		BatchSize:   cfg.BatchSize,
		WindowBatch: cfg.WindowBatch,
		Progress:    cfg.Progress,
	})
}
