// Package bank holds the default query bank — the stored questions people
// ask of the exported graph and of Themis, as grlc-format .rq files built
// into the binary — and adds a user's own bank to it.
package bank

import (
	"embed"
	"fmt"
	"os"

	"github.com/pledgegraph/pledgegraph/sparql"
)

//go:embed queries/*.rq
var files embed.FS

// Default returns the built-in bank.
func Default() (*sparql.Bank, error) {
	b, err := sparql.LoadBank(files, "queries")
	if err != nil {
		// The files are checked by this package's tests.
		return nil, fmt.Errorf("built-in query bank: %w", err)
	}
	return b, nil
}

// Open returns the built-in bank with the queries of dir merged over it
// (dir "" adds none). On a name both have, the query in dir wins; shadowed
// lists those names, for a notice.
func Open(dir string) (b *sparql.Bank, shadowed []string, err error) {
	b, err = Default()
	if err != nil || dir == "" {
		return b, nil, err
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("query bank %s: %w", dir, err)
	}
	if !fi.IsDir() {
		return nil, nil, fmt.Errorf("query bank %s: not a directory", dir)
	}
	user, err := sparql.LoadBank(os.DirFS(dir), ".")
	if err != nil {
		return nil, nil, fmt.Errorf("query bank %s: %w", dir, err)
	}
	return b, b.Merge(user), nil
}

// IsStore tells whether q asks the store holding the exported graph rather
// than an endpoint of its own (the #+ endpoint decorator).
func IsStore(q *sparql.Query) bool { return q.Endpoint == "" }
