package cli

import (
	"os"
	"time"

	"github.com/spf13/pflag"

	"github.com/pledgegraph/pledgegraph/internal/enrich"
	"github.com/pledgegraph/pledgegraph/internal/iostreams"
	"github.com/pledgegraph/pledgegraph/internal/progress"
)

// ExitIncomplete: the graph or listing was written, but some references or
// decisions could not be asked because of endpoint faults (down, errors,
// timeouts, or not in the cache with --offline).
const ExitIncomplete = 3

// Environment variables for endpoint credentials: safer than flags, which
// other users of the machine can see in the process list.
const (
	EnvUser     = "PLEDGEGRAPH_USER"
	EnvPassword = "PLEDGEGRAPH_PASSWORD"
)

// endpointFlags are the flags of commands that ask a SPARQL endpoint.
type endpointFlags struct {
	endpoint    string
	timeout     time.Duration
	retries     int
	concurrency int
	user        string
	password    string
	digest      bool
	get         bool
	cacheDir    string
	noCache     bool
	offline     bool
}

func (f *endpointFlags) register(fl *pflag.FlagSet) {
	fl.StringVar(&f.endpoint, "endpoint", enrich.DefaultEndpoint, "SPARQL endpoint `URL` (Themis, or a store holding the same data)")
	fl.DurationVar(&f.timeout, "timeout", 60*time.Second, "time limit of each request, also sent to the endpoint as a hint")
	fl.IntVar(&f.retries, "retries", 4, "retries of a request after a connection error, 429, 503 or checkpoint 404 (never after a refused query)")
	fl.IntVar(&f.concurrency, "concurrency", enrich.DefaultConcurrency, "requests at once (Themis allows 10 connections for everyone: keep it low)")
	fl.StringVar(&f.user, "user", "", "user `NAME` for the endpoint (default $"+EnvUser+")")
	fl.StringVar(&f.password, "password", "", "password for the endpoint (default $"+EnvPassword+"; prefer the variable)")
	fl.BoolVar(&f.digest, "digest", false, "use HTTP digest authentication (Virtuoso's /sparql-auth) instead of basic")
	fl.BoolVar(&f.get, "get", false, "send queries by GET instead of form POST, in smaller batches (for endpoints that accept only GET)")
	fl.StringVar(&f.cacheDir, "cache", "", "keep endpoint answers in `DIR` (default: the user cache directory, e.g. ~/.cache/pledgegraph)")
	fl.BoolVar(&f.noCache, "no-cache", false, "neither read nor write the cache")
	fl.BoolVar(&f.offline, "offline", false, "send no request: answer from the cache only (misses are reported)")
}

// config turns the flags into an enrich.Config, with a progress bar on a
// terminal. Call the returned finish when done.
func (f *endpointFlags) config(streams *iostreams.IOStreams, label string) (enrich.Config, func(), error) {
	cfg := enrich.Config{
		Endpoint:    f.endpoint,
		Timeout:     f.timeout,
		Retries:     f.retries,
		Concurrency: f.concurrency,
		User:        f.user,
		Password:    f.password,
		Digest:      f.digest,
		Get:         f.get,
		Offline:     f.offline,
	}
	if f.timeout <= 0 {
		return cfg, nil, usageErrorf("--timeout must be positive, got %s", f.timeout)
	}
	if f.retries < 0 {
		return cfg, nil, usageErrorf("--retries must not be negative, got %d", f.retries)
	}
	if f.retries == 0 {
		cfg.Retries = -1 // the client reads 0 as its default
	}
	if f.concurrency < 1 || f.concurrency > 16 {
		return cfg, nil, usageErrorf("--concurrency must be between 1 and 16, got %d", f.concurrency)
	}
	if f.noCache && f.offline {
		return cfg, nil, usageErrorf("--offline answers from the cache: it cannot go with --no-cache")
	}
	if cfg.User == "" {
		cfg.User = os.Getenv(EnvUser)
	}
	if cfg.Password == "" {
		cfg.Password = os.Getenv(EnvPassword)
	}
	if !f.noCache {
		cfg.CacheDir = f.cacheDir
		if cfg.CacheDir == "" {
			dir, err := enrich.DefaultCacheDir()
			if err != nil {
				return cfg, nil, usageErrorf("no user cache directory (%v): give --cache DIR or --no-cache", err)
			}
			cfg.CacheDir = dir
		}
	}
	finish := func() {}
	if streams.IsStderrTTY() {
		bar := progress.New(streams.ErrOut, label, 100)
		cfg.Progress = bar.Report
		finish = bar.Finish
	}
	return cfg, finish, nil
}
