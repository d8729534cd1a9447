// Package vocab declares the namespaces and terms pledgegraph writes, and
// embeds the project ontology (pledgegraph.ttl) that defines the terms of
// its own namespace.
//
// Vocabularies are closed: only terms the graph builder emits are declared,
// so a typo is a compile error. Identifiers mirror CURIEs: SchemaClaimReview
// is schema:ClaimReview.
package vocab

import (
	_ "embed"
	"fmt"

	"github.com/knakk/rdf"
)

// Namespace IRIs. They are constants so SPARQL text can use them as well.
// Note the trap in the Flemish vocabularies: besluit is http, besluitvorming
// and dossier are https.
const (
	RDF            = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	RDFS           = "http://www.w3.org/2000/01/rdf-schema#"
	OWL            = "http://www.w3.org/2002/07/owl#"
	XSD            = "http://www.w3.org/2001/XMLSchema#"
	Schema         = "http://schema.org/"
	Cito           = "http://purl.org/spar/cito/"
	DCT            = "http://purl.org/dc/terms/"
	Prov           = "http://www.w3.org/ns/prov#"
	SKOS           = "http://www.w3.org/2004/02/skos/core#"
	Besluit        = "http://data.vlaanderen.be/ns/besluit#"
	Besluitvorming = "https://data.vlaanderen.be/ns/besluitvorming#"
	Dossier        = "https://data.vlaanderen.be/ns/dossier#"
	// Namespaces of what Themis states about decisions (enrichment).
	Mandaat = "http://data.vlaanderen.be/ns/mandaat#"
	Persoon = "https://data.vlaanderen.be/ns/persoon#"
	FOAF    = "http://xmlns.com/foaf/0.1/"
	MU      = "http://mu.semte.ch/vocabularies/core/"
	// PG is the project namespace, for what no standard vocabulary covers.
	PG = "https://w3id.org/pledgegraph/ns#"
)

// Prefix binds a prefix name to a namespace IRI.
type Prefix struct {
	Name string
	IRI  string
}

// Prefixes is the fixed, ordered prefix table of the serializers. It is public
// interface (as in rdflib): changes must only add prefixes, since users' SPARQL
// and scripts rely on the names.
var Prefixes = []Prefix{
	{"schema", Schema},
	{"cito", Cito},
	{"dct", DCT},
	{"prov", Prov},
	{"skos", SKOS},
	{"xsd", XSD},
	{"rdf", RDF},
	{"rdfs", RDFS},
	{"owl", OWL},
	{"besluit", Besluit},
	{"besluitvorming", Besluitvorming},
	{"dossier", Dossier},
	{"pg", PG},
	{"mandaat", Mandaat},
	{"persoon", Persoon},
	{"foaf", FOAF},
	{"mu", MU},
}

// Ontology is the project ontology in Turtle: every term of the pg: namespace
// with rdfs:label and rdfs:comment in Dutch and English.
//
//go:embed pledgegraph.ttl
var Ontology []byte

// must turns a constant IRI into a term. Only vocab may panic this way: its
// inputs are literals in this package, checked by its tests.
func must(iri string) rdf.IRI {
	t, err := rdf.NewIRI(iri)
	if err != nil {
		panic(fmt.Sprintf("vocab: bad IRI %q: %v", iri, err))
	}
	return t
}

// RDF, RDFS and XSD terms.
var (
	// RDFType states that a resource is an instance of a class.
	RDFType = must(RDF + "type")
	// XSDDate is the datatype of calendar dates (YYYY-MM-DD).
	XSDDate = must(XSD + "date")
	// XSDInteger is the datatype of whole numbers.
	XSDInteger = must(XSD + "integer")
)
