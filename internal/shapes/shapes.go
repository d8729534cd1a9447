// Package shapes holds the SHACL shapes of what pledgegraph writes, as
// Turtle documents embedded in the binary: graph.ttl for the graph (every
// kind of node the builder writes: what it must and may carry) and
// catalog.ttl for the DCAT-AP-VL description of a published site
// (internal/catalog). The shapes are open, so the graph can be merged with
// other data and still validate; they are checked against the bundled
// examples by a real SHACL engine in this package's tests.
package shapes

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
)

var (
	//go:embed graph.ttl
	graphTTL []byte
	//go:embed catalog.ttl
	catalogTTL []byte
)

// Names are the sets of shapes Get knows, "all" last.
var Names = []string{"graph", "catalog", "all"}

// Graph returns the shapes of the graph (Turtle).
func Graph() []byte { return slices.Clone(graphTTL) }

// Catalog returns the shapes of catalog.ttl (Turtle).
func Catalog() []byte { return slices.Clone(catalogTTL) }

// All returns both sets as one Turtle document: the graph's shapes, then the
// catalog's. Neither uses blank-node labels, so joining them cannot merge
// two nodes, and both bind every prefix name to the same namespace.
func All() []byte {
	out := make([]byte, 0, len(graphTTL)+1+len(catalogTTL))
	out = append(out, graphTTL...)
	out = append(out, '\n')
	return append(out, catalogTTL...)
}

// Get returns the set of shapes called what: "graph", "catalog" or "all".
func Get(what string) ([]byte, error) {
	switch what {
	case "graph":
		return Graph(), nil
	case "catalog":
		return Catalog(), nil
	case "all":
		return All(), nil
	}
	return nil, fmt.Errorf("unknown set of shapes %q (want %s)", what, strings.Join(Names, ", "))
}
