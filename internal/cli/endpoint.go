package cli

import (
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/pledgegraph/pledgegraph/internal/enrich"
	"github.com/pledgegraph/pledgegraph/internal/iostreams"
	"github.com/pledgegraph/pledgegraph/internal/progress"
	"github.com/pledgegraph/pledgegraph/sparql"
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

// endpointFlags say how to reach a SPARQL endpoint. Every command that talks
// to one registers them and builds its client with client, so timeouts,
// retries, credentials and GET behave the same everywhere.
type endpointFlags struct {
	endpoint string
	timeout  time.Duration
	retries  int
	user     string
	password string
	digest   bool
	get      bool
	// defaultGraphs are not a flag of every command (query run --graph).
	defaultGraphs []string
	// anonymous sends no credentials, not even from the environment: export
	// --load gives them to the store, not to another host's endpoint.
	anonymous bool
}

// endpointFlagNames are the flags registered by endpointFlags.register.
var endpointFlagNames = []string{"endpoint", "timeout", "retries", "user", "password", "digest", "get"}

func (f *endpointFlags) register(fl *pflag.FlagSet, defaultEndpoint, usage string) {
	fl.StringVar(&f.endpoint, "endpoint", defaultEndpoint, usage)
	fl.DurationVar(&f.timeout, "timeout", 60*time.Second, "give up on a request that has no answer after this long (not retried); also sent to the endpoint as a hint")
	fl.IntVar(&f.retries, "retries", 4, "retries of a request after a refused connection, 429, 503 or checkpoint 404 (never after a refused query or a timeout)")
	fl.StringVar(&f.user, "user", "", "user `NAME` for the endpoint (default $"+EnvUser+")")
	fl.StringVar(&f.password, "password", "", "password for the endpoint (default $"+EnvPassword+"; prefer the variable)")
	fl.BoolVar(&f.digest, "digest", false, "use HTTP digest authentication (Virtuoso's /sparql-auth) instead of basic")
	fl.BoolVar(&f.get, "get", false, "send queries by GET instead of form POST (for endpoints that accept only GET)")
}

// client builds the SPARQL client of the flags, credentials falling back
// to the environment.
func (f *endpointFlags) client() (*sparql.Client, error) {
	if f.timeout <= 0 {
		return nil, usageErrorf("--timeout must be positive, got %s", f.timeout)
	}
	if f.retries < 0 {
		return nil, usageErrorf("--retries must not be negative, got %d", f.retries)
	}
	opts := sparql.Options{
		Endpoint:      f.endpoint,
		Timeout:       f.timeout,
		Retries:       f.retries,
		User:          f.user,
		Password:      f.password,
		Auth:          sparql.AuthBasic,
		Get:           f.get,
		DefaultGraphs: f.defaultGraphs,
	}
	if f.retries == 0 {
		opts.Retries = -1 // the client reads 0 as its default
	}
	if f.digest {
		opts.Auth = sparql.AuthDigest
	}
	if opts.User == "" {
		opts.User = os.Getenv(EnvUser)
	}
	if opts.Password == "" {
		opts.Password = os.Getenv(EnvPassword)
	}
	if f.anonymous {
		opts.User, opts.Password, opts.Auth = "", "", sparql.AuthBasic
	}
	c, err := sparql.New(opts)
	if err != nil {
		return nil, usageErrorf("--endpoint: %v", err)
	}
	return c, nil
}

// enrichFlags are the endpoint flags plus how enrichment and resolution
// use the endpoint: concurrency and the cache.
type enrichFlags struct {
	endpointFlags
	concurrency int
	cacheDir    string
	noCache     bool
	offline     bool
}

// enrichFlagNames are every flag registered by enrichFlags.register.
var enrichFlagNames = append(append([]string(nil), endpointFlagNames...), "concurrency", "cache", "no-cache", "offline")

func (f *enrichFlags) register(fl *pflag.FlagSet) {
	f.endpointFlags.register(fl, enrich.DefaultEndpoint, "SPARQL endpoint `URL` (Themis, or a store holding the same data)")
	fl.IntVar(&f.concurrency, "concurrency", enrich.DefaultConcurrency, "requests at once (Themis allows 10 connections for everyone: keep it low)")
	fl.StringVar(&f.cacheDir, "cache", "", "keep endpoint answers in `DIR` (default: the user cache directory, e.g. ~/.cache/pledgegraph)")
	fl.BoolVar(&f.noCache, "no-cache", false, "neither read nor write the cache")
	fl.BoolVar(&f.offline, "offline", false, "send no request: answer from the cache only (misses are reported)")
}

// config turns the flags into an enrich.Config, with a progress bar on a
// terminal. Call the returned finish when done.
func (f *enrichFlags) config(streams *iostreams.IOStreams, label string) (enrich.Config, func(), error) {
	if f.concurrency < 1 || f.concurrency > 16 {
		return enrich.Config{}, nil, usageErrorf("--concurrency must be between 1 and 16, got %d", f.concurrency)
	}
	if f.noCache && f.offline {
		return enrich.Config{}, nil, usageErrorf("--offline answers from the cache: it cannot go with --no-cache")
	}
	if f.noCache && f.cacheDir != "" {
		return enrich.Config{}, nil, usageErrorf("--cache and --no-cache contradict each other")
	}
	client, err := f.client()
	if err != nil {
		return enrich.Config{}, nil, err
	}
	cfg := enrich.Config{Client: client, Concurrency: f.concurrency, Offline: f.offline, Get: f.get}
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

// changed lists which of the named flags the command line set, in order.
func changed(cmd *cobra.Command, names []string) []string {
	var set []string
	for _, n := range names {
		if cmd.Flags().Changed(n) {
			set = append(set, "--"+n)
		}
	}
	return set
}
