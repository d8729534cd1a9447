package publish

import (
	"io"
	"os"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/graph/jsonld"
	"github.com/pledgegraph/pledgegraph/graph/turtle"
	"github.com/pledgegraph/pledgegraph/internal/catalog"
	"github.com/pledgegraph/pledgegraph/internal/site"
)

// newJSONLDEncoder writes the JSON-LD dump, naming its context by
// contextURL, or, without a site URL to serve it under, with the context
// inline: a reader needs no other host either way.
func newJSONLDEncoder(w io.Writer, prefixes []turtle.Prefix, contextURL string) (*graph.Encoder, error) {
	return graph.NewEncoderWith(w, graph.JSONLD, prefixes, graph.EncoderOptions{ContextURL: contextURL})
}

func jsonldContext(prefixes []turtle.Prefix) ([]byte, error) { return jsonld.Context(prefixes) }

// writeCatalogFile writes catalog.ttl: the dumps are its distributions.
func writeCatalogFile(path string, cfg catalog.Config, st catalog.Stats, dumps []site.Dump) ([]string, error) {
	var dists []catalog.Distribution
	for _, d := range dumps {
		if d.File == ContextFile {
			continue // a part of the JSON-LD dump, not a distribution of its own
		}
		dists = append(dists, catalog.Distribution{File: d.File, Title: d.Title, MediaType: d.MediaType, Bytes: d.Bytes})
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	warnings, err := catalog.Write(f, cfg, st, dists)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return warnings, err
}
