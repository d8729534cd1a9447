package jsonld

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/piprate/json-gold/ld"
)

// Loader serves JSON-LD documents (contexts) from memory by URL and refuses
// every other URL, so reading JSON-LD never touches the network.
type Loader struct {
	docs map[string][]byte
}

// NewLoader returns a Loader that serves docs (URL → document bytes). Every
// document must be JSON.
func NewLoader(docs map[string][]byte) (*Loader, error) {
	l := &Loader{docs: make(map[string][]byte, len(docs))}
	for u, d := range docs {
		if !json.Valid(d) {
			return nil, fmt.Errorf("document for %s is not JSON", u)
		}
		l.docs[u] = d
	}
	return l, nil
}

// URLs lists the URLs the Loader serves, sorted.
func (l *Loader) URLs() []string {
	if l == nil {
		return nil
	}
	urls := make([]string, 0, len(l.docs))
	for u := range l.docs {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	return urls
}

// goldLoader is a Loader as json-gold calls it.
type goldLoader struct{ l *Loader }

func (g goldLoader) LoadDocument(u string) (*ld.RemoteDocument, error) {
	if g.l != nil {
		if d, ok := g.l.docs[u]; ok {
			// A fresh copy each time: json-gold may keep what it loads.
			doc, err := ld.DocumentFromReader(bytes.NewReader(d))
			if err != nil {
				return nil, ld.NewJsonLdError(ld.LoadingDocumentFailed, fmt.Sprintf("%s: %v", u, err))
			}
			return &ld.RemoteDocument{DocumentURL: u, Document: doc}, nil
		}
	}
	served := "no document"
	if urls := g.l.URLs(); len(urls) > 0 {
		served = strings.Join(urls, ", ")
	}
	return nil, ld.NewJsonLdError(ld.LoadingDocumentFailed,
		fmt.Sprintf("%s is not loaded: documents are read offline, and the loader serves %s", u, served))
}

// ToNQuads reads a JSON-LD document with json-gold and returns its
// statements as N-Quads lines (N-Triples for the default graph), sorted and
// without repeats. Remote contexts come from loader (nil serves none).
//
// json-gold drops, without a word, a property that expands to no IRI and a
// statement with an IRI or language tag it deems invalid (its http(s) IRIs
// must match a URL pattern). ToNQuads refuses such a document instead,
// naming the first thing that would be lost: what it returns is all the
// document states.
func ToNQuads(doc []byte, loader *Loader) ([]byte, error) {
	input, err := ld.DocumentFromReader(bytes.NewReader(doc))
	if err != nil {
		return nil, fmt.Errorf("JSON-LD: not JSON: %w", err)
	}
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = goldLoader{loader}
	opts.SafeMode = true // an undefined term is an error, not dropped
	expanded, err := ld.NewJsonLdProcessor().Expand(input, opts)
	if err != nil {
		return nil, fmt.Errorf("JSON-LD: %w", err)
	}
	if err := checkExpanded(expanded); err != nil {
		return nil, fmt.Errorf("JSON-LD: %w", err)
	}
	dataset, err := ld.NewJsonLdApi().ToRDF(expanded, opts)
	if err != nil {
		return nil, fmt.Errorf("JSON-LD: %w", err)
	}
	out, err := (&ld.NQuadRDFSerializer{}).Serialize(dataset)
	if err != nil {
		return nil, fmt.Errorf("JSON-LD: %w", err)
	}
	lines := strings.Split(out.(string), "\n")
	sort.Strings(lines)
	var b []byte
	for i, l := range lines {
		if l != "" && (i == 0 || l != lines[i-1]) {
			b = append(b, l...)
			b = append(b, '\n')
		}
	}
	return b, nil
}

// validLanguage is json-gold's test of a language tag.
var validLanguage = regexp.MustCompile(`^[a-zA-Z]+(-[a-zA-Z0-9]+)*$`)

// checkExpanded finds what json-gold's conversion to RDF would drop in an
// expanded document: relative IRIs, IRIs it deems invalid, bad language
// tags.
func checkExpanded(v any) error {
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			if err := checkExpanded(x); err != nil {
				return err
			}
		}
	case map[string]any:
		_, isValue := v["@value"]
		for k, x := range v {
			switch k {
			case "@id":
				if err := checkIRIRef(x); err != nil {
					return err
				}
			case "@type":
				if isValue {
					if s, ok := x.(string); ok && !strings.HasPrefix(s, "@") {
						if err := checkIRIRef(s); err != nil {
							return fmt.Errorf("datatype: %w", err)
						}
					}
					continue
				}
				if err := checkExpanded(x); err != nil {
					return err
				}
				if list, ok := x.([]any); ok {
					for _, t := range list {
						if err := checkIRIRef(t); err != nil {
							return fmt.Errorf("type: %w", err)
						}
					}
				}
			case "@language":
				if s, ok := x.(string); ok && !validLanguage.MatchString(s) {
					return fmt.Errorf("language tag %q would be dropped", s)
				}
			case "@value", "@index", "@direction":
			default:
				if !strings.HasPrefix(k, "@") {
					if err := checkIRIRef(k); err != nil {
						return fmt.Errorf("property: %w", err)
					}
				}
				if err := checkExpanded(x); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func checkIRIRef(x any) error {
	s, ok := x.(string)
	if !ok || strings.HasPrefix(s, "_:") {
		return nil
	}
	if ld.IsRelativeIri(s) {
		return fmt.Errorf("%q is not an absolute IRI and would be dropped", s)
	}
	if ld.InvalidNode(ld.NewIRI(s)) {
		return fmt.Errorf("json-gold deems IRI %q invalid and would drop it", s)
	}
	return nil
}
