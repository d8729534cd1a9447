// Command pledgegraph turns evaluation reports on the Flemish coalition
// agreement into a Themis-aligned RDF graph.
package main

import (
	"os"
	"runtime/debug"

	"github.com/pledgegraph/pledgegraph/internal/cli"
	"github.com/pledgegraph/pledgegraph/internal/iostreams"
)

// The export streams, so its live heap stays small (about 20 MB) however
// many reports pass; the default GC target spends a quarter of the time
// collecting it. A higher target with a soft limit trades some of the
// unused memory for speed and still keeps peak RSS well under 150 MB.
// GOGC and GOMEMLIMIT in the environment take precedence.
const (
	gcPercent   = 400
	memoryLimit = 120 << 20
)

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(cli.Main(os.Args[1:], iostreams.System()))
}
