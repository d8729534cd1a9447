package enrich

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Cache keeps endpoint answers on disk so that a second run over the same
// reports sends no request at all. Entries are keyed by endpoint, kind and
// key (a decision IRI, a meeting-date window); an entry is written whole
// (temporary file + rename), so readers never see a torn one.
//
// Layout: DIR/v1/<endpoint hash>/<kind>/<key hash[:2]>/<key hash>. Negative
// answers ("Themis states nothing about this IRI") are cached too: delete
// the directory, or run with --no-cache, to ask again.
type Cache struct {
	dir string
}

// cacheVersion changes whenever the meaning of an entry changes (another
// query, another encoding), so old entries are never misread.
const cacheVersion = "v1"

// OpenCache returns the cache in dir, creating it when needed. A nil *Cache
// is valid and caches nothing.
func OpenCache(dir string) (*Cache, error) {
	if dir == "" {
		return nil, errors.New("cache directory is empty")
	}
	if err := os.MkdirAll(filepath.Join(dir, cacheVersion), 0o755); err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	return &Cache{dir: dir}, nil
}

// DefaultCacheDir is the user's cache directory for pledgegraph
// ($XDG_CACHE_HOME/pledgegraph, ~/.cache/pledgegraph, …).
func DefaultCacheDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "pledgegraph"), nil
}

func (c *Cache) path(endpoint, kind, key string) string {
	e := sha256.Sum256([]byte(endpoint))
	k := sha256.Sum256([]byte(key))
	kh := hex.EncodeToString(k[:])
	return filepath.Join(c.dir, cacheVersion, hex.EncodeToString(e[:8]), kind, kh[:2], kh)
}

// Get returns a cached entry. A missing entry, or an unreadable one, is a miss.
func (c *Cache) Get(endpoint, kind, key string) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	data, err := os.ReadFile(c.path(endpoint, kind, key))
	if err != nil {
		return nil, false
	}
	return data, true
}

// Put stores an entry atomically.
func (c *Cache) Put(endpoint, kind, key string, data []byte) error {
	if c == nil {
		return nil
	}
	p := c.path(endpoint, kind, key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("cache: %w", err)
	}
	// Temporary file + rename, without the fsync of atomicfile: a cache
	// entry lost in a crash is only asked again, and a thousand fsyncs would
	// cost more than the requests they save.
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}
