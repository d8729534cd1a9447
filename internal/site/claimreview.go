package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/vocab"
)

// Government is the author of every promise: the Flemish Government as
// Themis names it (a besluit:Bestuursorgaan with skos:prefLabel "Vlaamse
// Regering"), so the claims join the Themis graph.
var Government = Agent{
	IRI:  "http://themis.vlaanderen.be/id/bestuursorgaan/7f2c82aa-75ac-40f8-a6c3-9fe539163025",
	Name: "Vlaamse Regering",
}

// Agent is an organization named by an IRI: the author of the promises, or
// the publisher who wrote the reviews.
type Agent struct {
	IRI  string
	Name string
	// Lang is the language of Name; "" means Dutch.
	Lang string
}

// Terms the ClaimReview blocks state that the builder does not write.
var (
	schemaAuthor        = mustIRI(vocab.Schema + "author")
	schemaClaimReviewed = mustIRI(vocab.Schema + "claimReviewed")
	schemaDatePublished = mustIRI(vocab.Schema + "datePublished")
	schemaOrganization  = mustIRI(vocab.Schema + "Organization")
)

func mustIRI(s string) rdf.IRI {
	iri, err := rdf.NewIRI(s)
	if err != nil {
		panic(fmt.Sprintf("site: %s: %v", s, err))
	}
	return iri
}

// blockContext is the inline context of every block. schema.org is written
// http://schema.org/ as in the graph; plain strings are Dutch, as the
// graph's texts are, except inLanguage, which the graph holds as a plain
// string; url is an IRI and datePublished an xsd:date, so that expanding a
// block gives exactly the graph's terms.
var blockContext = json.RawMessage(`{"@vocab":"http://schema.org/","@language":"nl",` +
	`"url":{"@id":"http://schema.org/url","@type":"@id"},` +
	`"inLanguage":{"@id":"http://schema.org/inLanguage","@language":null},` +
	`"datePublished":{"@id":"http://schema.org/datePublished","@type":"http://www.w3.org/2001/XMLSchema#date"}}`)

// claimReview is an evaluation in schema.org's ClaimReview form, as
// fact-check publishers embed it. Every value comes from the graph or is
// added to it (see triples): a block states nothing the graph does not.
type claimReview struct {
	Context       json.RawMessage `json:"@context"`
	ID            string          `json:"@id"`
	Type          string          `json:"@type"`
	Name          string          `json:"name,omitempty"`
	URL           string          `json:"url,omitempty"`
	DatePublished string          `json:"datePublished,omitempty"`
	InLanguage    string          `json:"inLanguage,omitempty"`
	ClaimReviewed string          `json:"claimReviewed,omitempty"`
	ItemReviewed  *claim          `json:"itemReviewed,omitempty"`
	Author        *organization   `json:"author,omitempty"`
	ReviewBody    string          `json:"reviewBody,omitempty"`
}

type claim struct {
	ID     string        `json:"@id"`
	Type   string        `json:"@type"`
	Author *organization `json:"author,omitempty"`
}

type organization struct {
	ID   string `json:"@id"`
	Type string `json:"@type"`
	// Name is a string (Dutch, the context's default) or a value object
	// for a name in another language.
	Name any `json:"name,omitempty"`
	name rdf.Literal
}

type langValue struct {
	Value string `json:"@value"`
	Lang  string `json:"@language"`
}

func newOrganization(a Agent) *organization {
	if a.IRI == "" {
		return nil
	}
	o := &organization{ID: a.IRI, Type: "Organization"}
	if a.Name == "" {
		return o
	}
	if a.Lang == "" || a.Lang == "nl" {
		o.Name, o.name = a.Name, dutch(a.Name)
		return o
	}
	l, err := rdf.NewLangLiteral(a.Name, a.Lang)
	if err != nil {
		o.Name, o.name = a.Name, dutch(a.Name) // checked by New; cannot happen
		return o
	}
	o.Name, o.name = langValue{a.Name, a.Lang}, l
	return o
}

// JSON returns the block as written into the page, indented as
// encoding/json indents it (a test holds the two to each other), and with
// its escaping: <, > and & are escaped, so no text can close the script
// element. It is written by hand because it runs once per evaluation.
func (c *claimReview) JSON() ([]byte, error) {
	b := make([]byte, 0, 1024+len(c.ClaimReviewed)+len(c.ReviewBody))
	w := jsonObject{b: b, depth: 1, first: []bool{true}}
	w.b = append(w.b, '{')
	w.raw("@context", indentedContext)
	w.str("@id", c.ID)
	w.str("@type", c.Type)
	w.str("name", c.Name)
	w.str("url", c.URL)
	w.str("datePublished", c.DatePublished)
	w.str("inLanguage", c.InLanguage)
	w.str("claimReviewed", c.ClaimReviewed)
	if c.ItemReviewed != nil {
		w.open("itemReviewed")
		w.str("@id", c.ItemReviewed.ID)
		w.str("@type", c.ItemReviewed.Type)
		w.organization("author", c.ItemReviewed.Author)
		w.close()
	}
	w.organization("author", c.Author)
	w.str("reviewBody", c.ReviewBody)
	w.b = append(w.b, "\n}"...)
	return w.b, nil
}

// indentedContext is blockContext as it stands in an indented block.
var indentedContext = func() []byte {
	var b bytes.Buffer
	if err := json.Indent(&b, blockContext, "  ", "  "); err != nil {
		panic(err)
	}
	return b.Bytes()
}()

// jsonObject writes the members of nested JSON objects, indented by two
// spaces a level; empty strings are left out (omitempty).
type jsonObject struct {
	b     []byte
	depth int
	first []bool // per open object: no member written yet
}

func (w *jsonObject) key(k string) {
	if top := len(w.first) - 1; w.first[top] {
		w.first[top] = false
	} else {
		w.b = append(w.b, ',')
	}
	w.b = append(w.b, '\n')
	for range w.depth {
		w.b = append(w.b, "  "...)
	}
	w.b = appendJSONString(w.b, k)
	w.b = append(w.b, ": "...)
}

func (w *jsonObject) str(k, v string) {
	if v == "" {
		return
	}
	w.key(k)
	w.b = appendJSONString(w.b, v)
}

func (w *jsonObject) raw(k string, v []byte) {
	w.key(k)
	w.b = append(w.b, v...)
}

func (w *jsonObject) open(k string) {
	w.key(k)
	w.b = append(w.b, '{')
	w.depth++
	w.first = append(w.first, true)
}

func (w *jsonObject) close() {
	w.depth--
	w.first = w.first[:len(w.first)-1]
	w.b = append(w.b, '\n')
	for range w.depth {
		w.b = append(w.b, "  "...)
	}
	w.b = append(w.b, '}')
}

func (w *jsonObject) organization(k string, o *organization) {
	if o == nil {
		return
	}
	w.open(k)
	w.str("@id", o.ID)
	w.str("@type", o.Type)
	switch name := o.Name.(type) {
	case string:
		w.str("name", name)
	case langValue:
		w.open("name")
		w.str("@value", name.Value)
		w.str("@language", name.Lang)
		w.close()
	}
	w.close()
}

// appendJSONString writes s as encoding/json does with HTML escaping.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// additions returns the triples the block states that the builder does not
// write: own ones about the evaluation, and shared ones about the claim
// and the organizations, which other reports state too. Name, reviewBody,
// inLanguage and the types of the review and the claim are the builder's.
func (c *claimReview) additions() (own, shared []rdf.Triple, err error) {
	eval, err := rdf.NewIRI(c.ID)
	if err != nil {
		return nil, nil, err
	}
	if c.URL != "" {
		u, err := rdf.NewIRI(c.URL)
		if err != nil {
			return nil, nil, fmt.Errorf("page URL %q: %w", c.URL, err)
		}
		own = append(own, rdf.Triple{Subj: eval, Pred: vocab.SchemaURL, Obj: u})
	}
	if c.DatePublished != "" {
		own = append(own, rdf.Triple{Subj: eval, Pred: schemaDatePublished, Obj: rdf.NewTypedLiteral(c.DatePublished, vocab.XSDDate)})
	}
	if c.ClaimReviewed != "" {
		own = append(own, rdf.Triple{Subj: eval, Pred: schemaClaimReviewed, Obj: dutch(c.ClaimReviewed)})
	}
	if c.Author != nil {
		a, err := rdf.NewIRI(c.Author.ID)
		if err != nil {
			return nil, nil, fmt.Errorf("publisher %q: %w", c.Author.ID, err)
		}
		own = append(own, rdf.Triple{Subj: eval, Pred: schemaAuthor, Obj: a})
		shared = append(shared, orgTriples(a, c.Author)...)
	}
	if c.ItemReviewed != nil && c.ItemReviewed.Author != nil {
		section, err := rdf.NewIRI(c.ItemReviewed.ID)
		if err != nil {
			return nil, nil, err
		}
		a, err := rdf.NewIRI(c.ItemReviewed.Author.ID)
		if err != nil {
			return nil, nil, err
		}
		shared = append(shared, rdf.Triple{Subj: section, Pred: schemaAuthor, Obj: a})
		shared = append(shared, orgTriples(a, c.ItemReviewed.Author)...)
	}
	return own, shared, nil
}

func orgTriples(a rdf.IRI, o *organization) []rdf.Triple {
	ts := []rdf.Triple{{Subj: a, Pred: vocab.RDFType, Obj: schemaOrganization}}
	if o.Name != nil {
		ts = append(ts, rdf.Triple{Subj: a, Pred: vocab.SchemaName, Obj: o.name})
	}
	return ts
}

// dutch returns a literal tagged @nl; "nl" is a valid tag, so this cannot fail.
func dutch(s string) rdf.Literal {
	l, err := rdf.NewLangLiteral(s, "nl")
	if err != nil {
		panic(err)
	}
	return l
}
