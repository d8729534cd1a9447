// Package catalog writes catalog.ttl, the DCAT-AP-VL description of a
// published site (pledgegraph publish): a dcat:Catalog with one dcat:Dataset,
// the graph, and one dcat:Distribution per dump (graph.ttl, graph.nt,
// graph.jsonld) with media type, size and download URL under the site URL;
// VoID statistics of the graph (Counter) and a void:Linkset that counts its
// links into Themis.
//
// What only the publisher knows — who publishes, whom to contact, the
// license, titles, access rights, themes — comes from a Config (a YAML file
// and flags). Where DCAT-AP-VL requires a value the Config lacks, the
// catalog is still written, without it, and Build returns a warning naming
// the property and the configuration key that gives it: nothing is made up.
// IRIs are minted under the site URL, as fragments of catalog.ttl
// ({site}catalog.ttl#dataset), so they are stable and resolve to the file
// that describes them. There is no clock: dct:modified is written only when
// the Config gives it, and the same input gives the same bytes.
package catalog

import (
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph/turtle"
)

// FileName is the name of the catalog in the site.
const FileName = "catalog.ttl"

// Distribution is one dump of the graph in the site.
type Distribution struct {
	// File is the path of the dump under the site URL ("graph.ttl").
	File string
	// Title is its dct:title, in Dutch.
	Title string
	// MediaType is its IANA media type ("text/turtle").
	MediaType string
	// Bytes is its size; a negative size is unknown and not written.
	Bytes int64
}

// Namespaces of what catalog.ttl writes.
const (
	dcatNS  = "http://www.w3.org/ns/dcat#"
	dctNS   = "http://purl.org/dc/terms/"
	foafNS  = "http://xmlns.com/foaf/0.1/"
	vcardNS = "http://www.w3.org/2006/vcard/ns#"
	voidNS  = "http://rdfs.org/ns/void#"
	xsdNS   = "http://www.w3.org/2001/XMLSchema#"
	rdfNS   = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	// ianaMediaTypes is where DCAT-AP names media types.
	ianaMediaTypes = "http://www.iana.org/assignments/media-types/"
	// fileTypeNS is the EU file-type vocabulary (dct:format).
	fileTypeNS = "http://publications.europa.eu/resource/authority/file-type/"
	// themisEndpoint is Themis's public SPARQL endpoint.
	themisEndpoint = "https://themis.vlaanderen.be/sparql"
)

// Prefixes are the prefixes catalog.ttl declares.
var Prefixes = []turtle.Prefix{
	{Name: "dcat", IRI: dcatNS},
	{Name: "dct", IRI: dctNS},
	{Name: "foaf", IRI: foafNS},
	{Name: "vcard", IRI: vcardNS},
	{Name: "void", IRI: voidNS},
	{Name: "xsd", IRI: xsdNS},
}

// fileTypes maps media types to the EU file-type vocabulary.
var fileTypes = map[string]string{
	"text/turtle":           "RDF_TURTLE",
	"application/n-triples": "RDF_N_TRIPLES",
	"application/n-quads":   "RDF_N_QUADS",
	"application/ld+json":   "JSON_LD",
	"application/rdf+xml":   "RDF_XML",
}

var (
	xsdDate               = iri(xsdNS + "date")
	xsdDateTime           = iri(xsdNS + "dateTime")
	xsdInteger            = iri(xsdNS + "integer")
	xsdNonNegativeInteger = iri(xsdNS + "nonNegativeInteger")
	xsdString             = iri(xsdNS + "string")
)

func iri(s string) rdf.IRI {
	i, err := rdf.NewIRI(s)
	if err != nil {
		panic(err) // constants of this package, checked by its tests
	}
	return i
}

// CatalogIRI and DatasetIRI are the IRIs catalog.ttl gives the catalog and
// the dataset for a site URL, for pages that link to them.
func CatalogIRI(siteURL string) string { return siteBase(siteURL) + FileName + "#catalog" }

// DatasetIRI: see CatalogIRI.
func DatasetIRI(siteURL string) string { return siteBase(siteURL) + FileName + "#dataset" }

// PublisherIRI is the IRI catalog.ttl gives the publisher: publisher.iri,
// else one under the site URL when the publisher has a name; "" when the
// configuration names no publisher (or no site URL).
func PublisherIRI(cfg Config) string {
	switch {
	case cfg.Publisher.IRI != "":
		return cfg.Publisher.IRI
	case len(cfg.Publisher.Name) > 0 && cfg.SiteURL != "":
		return siteBase(cfg.SiteURL) + FileName + "#publisher"
	}
	return ""
}

// Build returns the triples of catalog.ttl, grouped by subject (catalog,
// dataset, distributions, linkset, Themis, publisher, contact point), and a
// warning for each property DCAT-AP-VL requires that cfg does not give. An
// error means it cannot be built: no or a bad site URL, a bad value in cfg,
// or a bad distribution.
func Build(cfg Config, st Stats, dists []Distribution) (triples []rdf.Triple, warnings []string, err error) {
	if cfg.SiteURL == "" {
		return nil, nil, fmt.Errorf("catalog: no site URL: the IRIs and download URLs of %s go under it", FileName)
	}
	if err := cfg.Validate(); err != nil {
		return nil, nil, fmt.Errorf("catalog: %w", err)
	}
	if st.Triples < 0 || st.Entities < 0 || st.Classes < 0 || st.Properties < 0 || st.ThemisLinks < 0 {
		return nil, nil, fmt.Errorf("catalog: negative statistics %+v", st)
	}
	b := &builder{site: siteBase(cfg.SiteURL)}
	doc := b.site + FileName
	catalog, dataset := b.node(doc+"#catalog"), b.node(doc+"#dataset")
	linkset, themis := b.node(doc+"#themis-links"), b.node(doc+"#themis")

	distNodes := make([]rdf.IRI, len(dists))
	distURLs := make([]rdf.IRI, len(dists))
	seen := map[string]bool{}
	for i, d := range dists {
		u, err := fileURL(b.site, d.File)
		if err != nil {
			return nil, nil, fmt.Errorf("catalog: distribution %q: %w", d.File, err)
		}
		if seen[d.File] {
			return nil, nil, fmt.Errorf("catalog: distribution %q given twice", d.File)
		}
		seen[d.File] = true
		if d.MediaType != "" && !validMediaType(d.MediaType) {
			return nil, nil, fmt.Errorf("catalog: distribution %q: %q is not a media type (type/subtype)", d.File, d.MediaType)
		}
		distURLs[i] = b.node(u)
		distNodes[i] = b.node(doc + "#distribution/" + strings.TrimPrefix(u, b.site))
	}

	var publisher rdf.IRI
	hasPublisher := PublisherIRI(cfg) != ""
	if hasPublisher {
		publisher = b.node(PublisherIRI(cfg))
	}
	contact := b.node(doc + "#contact")
	c := cfg.Contact
	hasContact := c.Name != "" || c.Email != "" || c.URL != ""
	landing := b.node(b.site)

	// The catalog.
	b.add(catalog, rdfNS+"type", b.node(dcatNS+"Catalog"))
	b.text(catalog, dctNS+"title", cfg.CatalogTitle)
	b.text(catalog, dctNS+"description", cfg.CatalogDescription)
	if hasPublisher {
		b.add(catalog, dctNS+"publisher", publisher)
	}
	if cfg.CatalogLicense != "" {
		b.add(catalog, dctNS+"license", b.node(cfg.CatalogLicense))
	}
	b.add(catalog, foafNS+"homepage", landing)
	b.add(catalog, dcatNS+"dataset", dataset)

	// The dataset.
	b.add(dataset, rdfNS+"type", b.node(dcatNS+"Dataset"))
	b.add(dataset, rdfNS+"type", b.node(voidNS+"Dataset"))
	b.text(dataset, dctNS+"title", cfg.Title)
	b.text(dataset, dctNS+"description", cfg.Description)
	if hasPublisher {
		b.add(dataset, dctNS+"publisher", publisher)
	}
	if hasContact {
		b.add(dataset, dcatNS+"contactPoint", contact)
	}
	if cfg.AccessRights != "" {
		ar, _ := accessRightsIRI(cfg.AccessRights) // checked by Validate
		b.add(dataset, dctNS+"accessRights", b.node(ar))
	}
	for _, th := range cfg.Themes {
		t, _ := themeIRI(th)
		b.add(dataset, dcatNS+"theme", b.node(t))
	}
	for _, kw := range cfg.Keywords {
		b.add(dataset, dcatNS+"keyword", dutch(kw))
	}
	if cfg.Issued != "" {
		d, _ := dateLiteral(cfg.Issued)
		b.add(dataset, dctNS+"issued", d)
	}
	if cfg.Modified != "" {
		d, _ := dateLiteral(cfg.Modified)
		b.add(dataset, dctNS+"modified", d)
	}
	b.add(dataset, dcatNS+"landingPage", landing)
	for _, d := range distNodes {
		b.add(dataset, dcatNS+"distribution", d)
	}
	for i, d := range dists {
		if isRDF(d.MediaType) {
			b.add(dataset, voidNS+"dataDump", distURLs[i])
		}
	}
	b.add(dataset, voidNS+"triples", integer(st.Triples))
	b.add(dataset, voidNS+"entities", integer(st.Entities))
	b.add(dataset, voidNS+"classes", integer(st.Classes))
	b.add(dataset, voidNS+"properties", integer(st.Properties))
	b.add(dataset, voidNS+"subset", linkset)

	// The distributions.
	var untitled []string
	for i, d := range dists {
		n := distNodes[i]
		b.add(n, rdfNS+"type", b.node(dcatNS+"Distribution"))
		if t := strings.TrimSpace(d.Title); t != "" {
			b.add(n, dctNS+"title", dutch(t))
		} else {
			untitled = append(untitled, d.File)
		}
		b.add(n, dcatNS+"accessURL", distURLs[i])
		b.add(n, dcatNS+"downloadURL", distURLs[i])
		if d.MediaType != "" {
			b.add(n, dcatNS+"mediaType", b.node(ianaMediaTypes+strings.ToLower(d.MediaType)))
			if ft, ok := fileTypes[strings.ToLower(d.MediaType)]; ok {
				b.add(n, dctNS+"format", b.node(fileTypeNS+ft))
			}
		}
		if d.Bytes >= 0 {
			b.add(n, dcatNS+"byteSize", rdf.NewTypedLiteral(strconv.FormatInt(d.Bytes, 10), xsdNonNegativeInteger))
		}
		if cfg.License != "" {
			b.add(n, dctNS+"license", b.node(cfg.License))
		}
	}

	// The links into Themis, and Themis as far as this project knows it.
	b.add(linkset, rdfNS+"type", b.node(voidNS+"Linkset"))
	b.add(linkset, voidNS+"subjectsTarget", dataset)
	b.add(linkset, voidNS+"objectsTarget", themis)
	b.add(linkset, voidNS+"triples", integer(st.ThemisLinks))
	b.add(themis, rdfNS+"type", b.node(voidNS+"Dataset"))
	b.add(themis, voidNS+"uriSpace", rdf.NewTypedLiteral(ThemisNS, xsdString))
	b.add(themis, voidNS+"sparqlEndpoint", b.node(themisEndpoint))

	if hasPublisher {
		b.add(publisher, rdfNS+"type", b.node(foafNS+"Agent"))
		b.text(publisher, foafNS+"name", cfg.Publisher.Name)
	}
	if hasContact {
		b.add(contact, rdfNS+"type", b.node(vcardNS+"Kind"))
		if c.Name != "" {
			b.add(contact, vcardNS+"fn", rdf.NewTypedLiteral(c.Name, xsdString))
		}
		if c.Email != "" {
			m, _ := mailtoIRI(c.Email)
			b.add(contact, vcardNS+"hasEmail", b.node(m))
		}
		if c.URL != "" {
			b.add(contact, vcardNS+"hasURL", b.node(c.URL))
		}
	}
	if b.err != nil {
		return nil, nil, fmt.Errorf("catalog: %w", b.err)
	}

	// What DCAT-AP-VL requires and cfg does not give, in the order of the
	// document.
	warn := func(format string, args ...any) {
		warnings = append(warnings, FileName+": "+fmt.Sprintf(format, args...))
	}
	if len(cfg.CatalogTitle) == 0 {
		warn("the dcat:Catalog has no dct:title (catalog.title)")
	}
	if len(cfg.CatalogDescription) == 0 {
		warn("the dcat:Catalog has no dct:description (catalog.description)")
	}
	if !hasPublisher {
		warn("the dcat:Catalog and the dcat:Dataset have no dct:publisher, a foaf:Agent with a foaf:name (publisher.name, publisher.iri)")
	} else if len(cfg.Publisher.Name) == 0 {
		warn("the publisher <%s> has no foaf:name (publisher.name)", cfg.Publisher.IRI)
	}
	if cfg.CatalogLicense == "" {
		warn("the dcat:Catalog has no dct:license (catalog.license; DCAT-AP-VL prescribes https://data.vlaanderen.be/id/licentie/creative-commons-zero-verklaring/v1.0)")
	}
	if len(cfg.Title) == 0 {
		warn("the dcat:Dataset has no dct:title (dataset.title)")
	}
	if len(cfg.Description) == 0 {
		warn("the dcat:Dataset has no dct:description (dataset.description)")
	}
	if !hasContact {
		warn("the dcat:Dataset has no dcat:contactPoint, a vcard:Kind with a vcard:hasEmail (contact.email)")
	} else if c.Email == "" {
		warn("the contact point has no vcard:hasEmail (contact.email)")
	}
	if cfg.AccessRights == "" {
		warn("the dcat:Dataset has no dct:accessRights (dataset.access_rights)")
	} else if ar, _ := accessRightsIRI(cfg.AccessRights); ar != accessRightNS+"PUBLIC" {
		warn("dct:accessRights is %s: DCAT-AP-VL takes only PUBLIC datasets as open data", strings.TrimPrefix(ar, accessRightNS))
	}
	if len(dists) == 0 {
		warn("the dcat:Dataset has no dcat:distribution")
	}
	if len(untitled) > 0 {
		warn("no dct:title for the dcat:Distribution of %s", strings.Join(untitled, ", "))
	}
	if cfg.License == "" && len(dists) > 0 {
		files := make([]string, len(dists))
		for i, d := range dists {
			files[i] = d.File
		}
		warn("no dct:license for the dcat:Distribution of %s (license)", strings.Join(files, ", "))
	}
	return b.triples, warnings, nil
}

// Write writes catalog.ttl as Build makes it, through the project's Turtle
// writer, and returns Build's warnings.
func Write(w io.Writer, cfg Config, st Stats, dists []Distribution) (warnings []string, err error) {
	triples, warnings, err := Build(cfg, st, dists)
	if err != nil {
		return nil, err
	}
	if err := turtle.EncodeAll(w, Prefixes, triples); err != nil {
		return nil, fmt.Errorf("catalog: writing %s: %w", FileName, err)
	}
	return warnings, nil
}

// builder collects triples; the first bad IRI is kept as its error.
type builder struct {
	site    string
	triples []rdf.Triple
	err     error
}

func (b *builder) node(s string) rdf.IRI {
	i, err := rdf.NewIRI(s)
	if err == nil {
		err = checkIRI(s)
	}
	if err != nil && b.err == nil {
		b.err = err
	}
	return i
}

func (b *builder) add(s rdf.IRI, p string, o rdf.Object) {
	b.triples = append(b.triples, rdf.Triple{Subj: s, Pred: b.node(p), Obj: o})
}

// text adds one literal per language, in the order of the tags.
func (b *builder) text(s rdf.IRI, p string, t Text) {
	for _, lang := range t.langs() {
		l, err := rdf.NewLangLiteral(t[lang], lang)
		if err != nil {
			if b.err == nil {
				b.err = fmt.Errorf("language tag %q: %w", lang, err)
			}
			continue
		}
		b.add(s, p, l)
	}
}

func dutch(s string) rdf.Literal {
	l, err := rdf.NewLangLiteral(s, defaultLang)
	if err != nil {
		panic(err) // "nl" is a valid tag
	}
	return l
}

func integer(n int) rdf.Literal {
	return rdf.NewTypedLiteral(strconv.Itoa(n), xsdInteger)
}

// fileURL returns the URL of a file of the site: its path, made of
// segments that are neither empty nor "." or "..", each percent-encoded.
func fileURL(site, file string) (string, error) {
	if file == "" {
		return "", fmt.Errorf("no file name")
	}
	if strings.HasPrefix(file, "/") || strings.Contains(file, "\\") || strings.Contains(file, "://") {
		return "", fmt.Errorf("want a path relative to the site, like graph.ttl")
	}
	segs := strings.Split(file, "/")
	for i, s := range segs {
		if s == "" || s == "." || s == ".." {
			return "", fmt.Errorf("want a path relative to the site, like graph.ttl")
		}
		segs[i] = url.PathEscape(s)
	}
	return site + strings.Join(segs, "/"), nil
}

// validMediaType accepts type/subtype made of RFC 6838 name characters.
func validMediaType(s string) bool {
	typ, sub, ok := strings.Cut(s, "/")
	return ok && restrictedName(typ) && restrictedName(sub)
}

func restrictedName(s string) bool {
	if s == "" || len(s) > 127 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case i > 0 && strings.IndexByte("!#$&-^_.+", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// isRDF tells whether a dump is RDF (void:dataDump).
func isRDF(mediaType string) bool {
	_, ok := fileTypes[strings.ToLower(mediaType)]
	return ok
}
