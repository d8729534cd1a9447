// Package jsonld writes the project's graphs as JSON-LD, compacted with the
// project's own context, and reads JSON-LD back to triples with json-gold
// (github.com/piprate/json-gold), without ever touching the network.
//
// The context (Context) maps the prefixes of the Turtle output and defines
// terms for the classes and properties the graph builder writes, each with
// the one value shape the builder gives it: "itemReviewed" holds IRIs
// ("@type": "@id"), "name" Dutch text ("@language": "nl"), "date" an
// xsd:date, "position" an xsd:integer. A value of another shape (a title
// without language tag, as Themis states them) keeps the compact IRI as
// key ("dct:title") and says what it is, so expansion gives back exactly
// the triples that went in.
//
// The Encoder compacts triples itself rather than through json-gold's
// Compact: json-gold needs some 25 µs a triple, seven times what the whole
// Turtle export costs (parsing included). It gives what json-gold's
// compaction gives for the same triples and context (its tests compare the
// two node by node); the term table it compacts with is json-gold's own
// reading of the context. json-gold reads JSON-LD back (ToNQuads) with a Loader that
// serves contexts from memory and refuses every other URL.
package jsonld

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/piprate/json-gold/ld"

	"github.com/pledgegraph/pledgegraph/graph/turtle"
	"github.com/pledgegraph/pledgegraph/vocab"
)

// ContextName is the usual file name of the context document, as a site
// serves it beside the graph.
const ContextName = "context.jsonld"

// MediaType is the media type of JSON-LD documents.
const MediaType = "application/ld+json"

// coercion is what a term says about its values.
type coercion int

const (
	simple coercion = iota // nothing: values say what they are
	toIRI                  // "@type": "@id"
	toLang                 // "@language": arg
	toType                 // "@type": arg (a datatype IRI)
)

// term is a term the context defines besides the prefixes.
type term struct {
	name string
	iri  string
	kind coercion
	arg  string
}

const xsdNS = vocab.XSD

// terms are the classes and properties the builder writes, named as in
// their vocabularies. Each property has the one shape the builder gives
// its values; a value of another shape is written under the compact IRI.
var terms = []term{
	// classes (values of "@type")
	{"AgreementSection", vocab.PG + "AgreementSection", simple, ""},
	{"Citation", vocab.Cito + "Citation", simple, ""},
	{"Claim", vocab.Schema + "Claim", simple, ""},
	{"ClaimReview", vocab.Schema + "ClaimReview", simple, ""},
	{"CoalitionAgreement", vocab.PG + "CoalitionAgreement", simple, ""},
	{"Decision", vocab.PG + "Decision", simple, ""},
	{"DigitalDocument", vocab.Schema + "DigitalDocument", simple, ""},
	{"Statement", vocab.PG + "Statement", simple, ""},
	// properties
	{"alternativeHeadline", vocab.Schema + "alternativeHeadline", toLang, "nl"},
	{"cites", vocab.Cito + "cites", toIRI, ""},
	{"citesAsEvidence", vocab.Cito + "citesAsEvidence", toIRI, ""},
	{"date", vocab.DCT + "date", toType, xsdNS + "date"},
	{"description", vocab.Schema + "description", toLang, "nl"},
	{"encodingFormat", vocab.Schema + "encodingFormat", simple, ""},
	{"hasCitationCharacterization", vocab.Cito + "hasCitationCharacterization", toIRI, ""},
	{"hasCitedEntity", vocab.Cito + "hasCitedEntity", toIRI, ""},
	{"hasCitingEntity", vocab.Cito + "hasCitingEntity", toIRI, ""},
	{"hasPart", vocab.DCT + "hasPart", toIRI, ""},
	{"identifier", vocab.DCT + "identifier", simple, ""},
	{"inLanguage", vocab.Schema + "inLanguage", simple, ""},
	{"isPartOf", vocab.DCT + "isPartOf", toIRI, ""},
	{"itemReviewed", vocab.Schema + "itemReviewed", toIRI, ""},
	{"name", vocab.Schema + "name", toLang, "nl"},
	{"part", vocab.PG + "part", toIRI, ""},
	{"position", vocab.Schema + "position", toType, xsdNS + "integer"},
	{"references", vocab.DCT + "references", toIRI, ""},
	{"reviewBody", vocab.Schema + "reviewBody", toLang, "nl"},
	{"text", vocab.Schema + "text", toLang, "nl"},
	{"title", vocab.DCT + "title", toLang, "nl"},
	{"url", vocab.Schema + "url", toIRI, ""},
	{"wasDerivedFrom", vocab.Prov + "wasDerivedFrom", toIRI, ""},
}

// Context returns the context document (the bytes of context.jsonld):
// the prefixes, in the order given, then the terms. Prefixes are checked as
// the Turtle encoder checks them; one without a name, or whose namespace
// does not end in a character JSON-LD 1.1 accepts at the end of a prefix
// (":/?#[]@"), cannot abbreviate anything and is left out. A prefix named
// like one of the terms is an error.
func Context(prefixes []turtle.Prefix) ([]byte, error) {
	c, err := newContext(prefixes)
	if err != nil {
		return nil, err
	}
	doc := make([]byte, 0, len(c.object)+32)
	doc = append(doc, "{\n  \"@context\": "...)
	doc = append(doc, c.object...)
	return append(doc, "\n}\n"...), nil
}

// context is a generated context: its JSON text and the table the
// compactor works from.
type context struct {
	// object is the value of "@context", indented for a place two spaces
	// in (its entries at four), as both the context document and an
	// exported document with the context inline have it.
	object []byte
	table  *table
}

func newContext(prefixes []turtle.Prefix) (*context, error) {
	if err := turtle.ValidatePrefixes(prefixes); err != nil {
		return nil, fmt.Errorf("JSON-LD context: %w", err)
	}
	termNames := map[string]bool{}
	for _, t := range terms {
		termNames[t.name] = true
	}
	var ps []turtle.Prefix
	seen := map[string]bool{}
	for _, p := range prefixes {
		if p.Name == "" || seen[p.Name] || !endsInGenDelim(p.IRI) {
			continue
		}
		if termNames[p.Name] {
			return nil, fmt.Errorf("JSON-LD context: prefix %q has the name of a term of the context", p.Name)
		}
		seen[p.Name] = true
		ps = append(ps, p)
	}

	var b []byte
	b = append(b, "{"...)
	first := true
	entry := func(name string) {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, "\n    "...)
		b = appendString(b, name)
		b = append(b, ": "...)
	}
	for _, p := range ps {
		entry(p.Name)
		b = appendString(b, p.IRI)
	}
	for _, t := range terms {
		entry(t.name)
		id := shortIRI(ps, t.iri)
		switch t.kind {
		case simple:
			b = appendString(b, id)
		case toIRI:
			b = append(b, `{"@id": `...)
			b = appendString(b, id)
			b = append(b, `, "@type": "@id"}`...)
		case toLang:
			b = append(b, `{"@id": `...)
			b = appendString(b, id)
			b = append(b, `, "@language": `...)
			b = appendString(b, t.arg)
			b = append(b, '}')
		case toType:
			b = append(b, `{"@id": `...)
			b = appendString(b, id)
			b = append(b, `, "@type": `...)
			b = appendString(b, shortIRI(ps, t.arg))
			b = append(b, '}')
		}
	}
	b = append(b, "\n  }"...)

	tab, err := readContext(b)
	if err != nil {
		return nil, fmt.Errorf("JSON-LD context: %w", err)
	}
	return &context{object: b, table: tab}, nil
}

// endsInGenDelim: JSON-LD 1.1 uses a simple term as a prefix only when its
// IRI ends in one of these.
func endsInGenDelim(iri string) bool {
	return iri != "" && strings.IndexByte(":/?#[]@", iri[len(iri)-1]) >= 0
}

// shortIRI writes a term's IRI with a prefix of the context when one fits,
// so the context reads like the Turtle prefix block.
func shortIRI(ps []turtle.Prefix, iri string) string {
	best := ""
	for _, p := range ps {
		if len(iri) > len(p.IRI) && strings.HasPrefix(iri, p.IRI) {
			c := p.Name + ":" + iri[len(p.IRI):]
			if best == "" || len(c) < len(best) || len(c) == len(best) && c < best {
				best = c
			}
		}
	}
	if best == "" {
		return iri
	}
	return best
}

// readContext has json-gold process the context and turns its term
// definitions into the compactor's table: what the context means is what
// json-gold reads in it.
func readContext(object []byte) (*table, error) {
	var local any
	if err := json.Unmarshal(object, &local); err != nil {
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = refuseAll{}
	active, err := ld.NewContext(nil, opts).Parse(local)
	if err != nil {
		return nil, fmt.Errorf("json-gold refuses it: %w", err)
	}
	return newTable(active.TermDefinitions)
}

// refuseAll is the loader of a context that must need no other document.
type refuseAll struct{}

func (refuseAll) LoadDocument(u string) (*ld.RemoteDocument, error) {
	return nil, ld.NewJsonLdError(ld.LoadingDocumentFailed, fmt.Sprintf("%s: no document is loaded here", u))
}

// table is what compaction needs of a context.
type table struct {
	// prefixes are the terms usable as prefixes of compact IRIs.
	prefixes []prefix
	// isPrefix holds their names: an absolute IRI whose scheme is one of
	// them would be read as a compact IRI.
	isPrefix map[string]bool
	// vocab maps an IRI to the term for it that has no coercion (the
	// "@type" values and keys of values that match no coerced term).
	vocab map[string]string
	// coerced maps a property IRI to its coerced terms.
	coerced map[string]*coercedTerms
}

type prefix struct {
	name, ns string
}

// coercedTerms are the coerced terms of one IRI, as JSON keys (the
// quoted term, a colon and a space).
type coercedTerms struct {
	iri   []byte            // the term with "@type": "@id"
	lang  map[string][]byte // language tag (lower case) → term
	typed map[string][]byte // datatype IRI → term
}

// newTable builds the table from json-gold's term definitions. Terms are
// taken shortest first, then in lexical order, and the first term of a
// kind wins, as in json-gold's inverse context, so term selection agrees.
// The definitions the project's context does not use (containers, reverse
// properties, directions, "@vocab"/"@none" types) are refused rather than
// compacted wrongly.
func newTable(defs map[string]*ld.TermDefinition) (*table, error) {
	t := &table{isPrefix: map[string]bool{}, vocab: map[string]string{}, coerced: map[string]*coercedTerms{}}
	names := make([]string, 0, len(defs))
	for name := range defs {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := names[i], names[j]
		if len(a) != len(b) {
			return len(a) < len(b)
		}
		return a < b
	})
	for _, name := range names {
		d := defs[name]
		if d == nil {
			continue
		}
		switch {
		case d.Reverse, d.Container != nil, d.HasDirection, d.HasContext, d.Nest != "", d.Index != "":
			return nil, fmt.Errorf("term %q: a kind of definition the compactor does not support", name)
		case strings.Contains(name, ":"), strings.HasPrefix(d.ID, "@"):
			return nil, fmt.Errorf("term %q: a kind of definition the compactor does not support", name)
		}
		if d.Prefix != nil && *d.Prefix {
			t.prefixes = append(t.prefixes, prefix{name: name, ns: d.ID})
			t.isPrefix[name] = true
		}
		ct := t.coerced[d.ID]
		if ct == nil && (d.Type != "" || d.HasLanguage) {
			ct = &coercedTerms{lang: map[string][]byte{}, typed: map[string][]byte{}}
			t.coerced[d.ID] = ct
		}
		switch {
		case d.Type == "@id":
			if ct.iri == nil {
				ct.iri = appendKey(nil, name)
			}
		case strings.HasPrefix(d.Type, "@"):
			return nil, fmt.Errorf("term %q: type %s is not supported", name, d.Type)
		case d.Type != "":
			if _, ok := ct.typed[d.Type]; !ok {
				ct.typed[d.Type] = appendKey(nil, name)
			}
		case d.HasLanguage:
			if d.Language == nil {
				return nil, fmt.Errorf("term %q: a null language is not supported", name)
			}
			if _, ok := ct.lang[*d.Language]; !ok {
				ct.lang[*d.Language] = appendKey(nil, name)
			}
		default:
			if _, ok := t.vocab[d.ID]; !ok {
				t.vocab[d.ID] = name
			}
		}
	}
	slices.SortFunc(t.prefixes, func(a, b prefix) int { return strings.Compare(a.name, b.name) })
	return t, nil
}
