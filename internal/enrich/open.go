package enrich

import (
	"fmt"
	"time"

	"github.com/pledgegraph/pledgegraph/sparql"
)

// Config is what a user chooses about the endpoint: the flags of
// `export --enrich` and `resolve`.
type Config struct {
	// Endpoint is the SPARQL endpoint URL; "" means DefaultEndpoint.
	Endpoint string
	// Timeout bounds each request; 0 means the client's default.
	Timeout time.Duration
	// Retries after a failed attempt; 0 means the client's default, < 0 none.
	Retries int
	// Concurrency is the number of requests at once; 0 means DefaultConcurrency.
	Concurrency int
	// User and Password authenticate (basic, or digest when Digest is set).
	User, Password string
	Digest         bool
	// CacheDir keeps answers between runs; "" caches nothing.
	CacheDir string
	// Offline answers from the cache only.
	Offline bool
	// Get sends queries by GET (Themis documents GET only), in smaller
	// batches so URLs stay short.
	Get bool
	// BatchSize and WindowBatch override the batch sizes (benchmarks, tests).
	BatchSize, WindowBatch int
	// Progress, if set, is called as decisions are enriched.
	Progress func(done, total int)
}

// Open builds the SPARQL client, the cache and the Enricher of a Config.
// The client is returned too, for its request count.
func Open(cfg Config) (*Enricher, *sparql.Client, error) {
	endpoint := cfg.Endpoint
	if endpoint == "" {
		endpoint = DefaultEndpoint
	}
	auth := sparql.AuthBasic
	if cfg.Digest {
		auth = sparql.AuthDigest
	}
	client, err := sparql.New(sparql.Options{
		Endpoint: endpoint,
		Timeout:  cfg.Timeout,
		Retries:  cfg.Retries,
		User:     cfg.User,
		Password: cfg.Password,
		Auth:     auth,
		Get:      cfg.Get,
	})
	if err != nil {
		return nil, nil, fmt.Errorf("--endpoint: %w", err)
	}
	var cache *Cache
	if cfg.CacheDir != "" {
		if cache, err = OpenCache(cfg.CacheDir); err != nil {
			return nil, nil, err
		}
	} else if cfg.Offline {
		return nil, nil, fmt.Errorf("--offline needs a cache (--no-cache was given)")
	}
	if cfg.Get {
		cfg.BatchSize = min(orDefault(cfg.BatchSize, GetBatchSize), GetBatchSize)
		cfg.WindowBatch = min(orDefault(cfg.WindowBatch, GetWindowBatch), GetWindowBatch)
	}
	e, err := New(Options{
		Client:      client,
		Endpoint:    client.Endpoint(),
		Cache:       cache,
		Offline:     cfg.Offline,
		Concurrency: cfg.Concurrency,
		BatchSize:   cfg.BatchSize,
		WindowBatch: cfg.WindowBatch,
		Progress:    cfg.Progress,
	})
	if err != nil {
		return nil, nil, err
	}
	return e, client, nil
}
