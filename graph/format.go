package graph

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Format is an RDF serialization the encoders write.
type Format int

const (
	// Turtle is the own, byte-stable Turtle serializer (graph/turtle).
	Turtle Format = iota
	// NTriples is one triple per line.
	NTriples
	// NQuads is N-Triples with a fourth term: each report in its own named graph.
	NQuads
	// JSONLD is JSON-LD compacted with the project's context (graph/jsonld):
	// one "@graph" array of node objects.
	JSONLD
)

var formatInfo = []struct {
	name, mediaType, ext string
	aliases              []string
}{
	Turtle:   {"turtle", "text/turtle", ".ttl", []string{"ttl"}},
	NTriples: {"ntriples", "application/n-triples", ".nt", []string{"nt", "n-triples"}},
	NQuads:   {"nquads", "application/n-quads", ".nq", []string{"nq", "n-quads"}},
	JSONLD:   {"jsonld", "application/ld+json", ".jsonld", []string{"json-ld"}},
}

// Formats lists the formats by name, for help texts and completion.
func Formats() []string {
	names := make([]string, len(formatInfo))
	for i, f := range formatInfo {
		names[i] = f.name
	}
	return names
}

func (f Format) String() string {
	if int(f) < len(formatInfo) {
		return formatInfo[f].name
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// MediaType returns the IANA media type of the format.
func (f Format) MediaType() string { return formatInfo[f].mediaType }

// Extension returns the usual file extension, with its dot.
func (f Format) Extension() string { return formatInfo[f].ext }

// ParseFormat accepts a format name, an alias (ttl, nt, nq, json-ld) or a
// media type.
func ParseFormat(s string) (Format, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for i, f := range formatInfo {
		if s == f.name || s == f.mediaType || s == strings.TrimPrefix(f.ext, ".") {
			return Format(i), nil
		}
		for _, a := range f.aliases {
			if s == a {
				return Format(i), nil
			}
		}
	}
	return 0, fmt.Errorf("unknown format %q (want one of %s)", s, strings.Join(Formats(), ", "))
}

// FormatFromPath guesses the format from a file name's extension.
func FormatFromPath(path string) (Format, bool) {
	ext := strings.ToLower(filepath.Ext(path))
	for i, f := range formatInfo {
		if ext == f.ext {
			return Format(i), true
		}
	}
	return 0, false
}
