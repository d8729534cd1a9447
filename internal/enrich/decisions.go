package enrich

import (
	"context"
	"fmt"
	"strings"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/sparql"
)

// prefixes of the queries. No comments anywhere in a query: Themis's
// authorization layer rejects them.
const prefixes = `PREFIX besluit: <http://data.vlaanderen.be/ns/besluit#>
PREFIX bv: <https://data.vlaanderen.be/ns/besluitvorming#>
PREFIX bvh: <http://data.vlaanderen.be/ns/besluitvorming#>
PREFIX mandaat: <http://data.vlaanderen.be/ns/mandaat#>
PREFIX persoon: <https://data.vlaanderen.be/ns/persoon#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <http://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX mu: <http://mu.semte.ch/vocabularies/core/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
`

// The metadata query has two parts, so that what many decisions share is
// sent once per batch, not once per decision: Virtuoso spends most of the
// time of a large answer writing its rows.
//
// itemPattern selects, for each ?item, the triples only that decision has:
//
//	news item      type, uuid, title, short title (dct:alternative), document type,
//	               themes, ministers, agenda item, position
//	agenda item    type, titles, position, kind (Nota/Mededeling)
//	agenda         dct:hasPart this agenda item
//
// sharedPattern selects, for the decisions ?x, the nodes several decisions
// point at, without saying for which decision (?item stays unbound):
//
//	concepts       document type, themes, agenda item kind, meeting kind: type and label
//	ministers      mandatee title, rank, term, person; person type and names
//	agenda         type, isAgendaVoor the meeting (http and https)
//	meeting        type, planned start, kind
//
// Bodies (nie:htmlContent, prov:value) are left out: they are large, and
// the graph links to Themis for them.
const itemPattern = `    {
      ?item ?p ?o . BIND (?item AS ?s)
      FILTER (?p IN (rdf:type, mu:uuid, dct:title, dct:alternative, dct:type, dct:subject,
                     prov:qualifiedAssociation, prov:wasDerivedFrom, schema:position))
    } UNION {
      ?item prov:wasDerivedFrom ?s . ?s a besluit:Agendapunt ; ?p ?o .
      FILTER (?p IN (rdf:type, dct:title, bv:korteTitel, bvh:korteTitel, schema:position,
                     <http://data.vlaanderen.be/ns/besluit#Agendapunt.type>))
    } UNION {
      ?item prov:wasDerivedFrom ?o . ?o a besluit:Agendapunt .
      ?s dct:hasPart ?o . BIND (dct:hasPart AS ?p)
    }
`

const sharedPattern = `      {
        ?x dct:type|dct:subject ?s . ?s ?p ?o .
        FILTER (?p IN (rdf:type, skos:prefLabel))
      } UNION {
        ?x prov:qualifiedAssociation ?s . ?s ?p ?o .
        FILTER (?p IN (rdf:type, dct:title, mandaat:rangorde, mandaat:start, mandaat:einde,
                       mandaat:isBestuurlijkeAliasVan))
      } UNION {
        ?x prov:qualifiedAssociation/mandaat:isBestuurlijkeAliasVan ?s . ?s ?p ?o .
        FILTER (?p IN (rdf:type, foaf:familyName, persoon:gebruikteVoornaam))
      } UNION {
        ?x prov:wasDerivedFrom ?point . ?point a besluit:Agendapunt ;
           <http://data.vlaanderen.be/ns/besluit#Agendapunt.type> ?s .
        ?s skos:prefLabel ?o . BIND (skos:prefLabel AS ?p)
      } UNION {
        ?x prov:wasDerivedFrom ?point . ?point a besluit:Agendapunt .
        ?s dct:hasPart ?point ; ?p ?o .
        FILTER (?p IN (rdf:type, bv:isAgendaVoor, bvh:isAgendaVoor))
      } UNION {
        ?x prov:wasDerivedFrom ?point . ?point a besluit:Agendapunt .
        ?agenda dct:hasPart ?point ; bv:isAgendaVoor|bvh:isAgendaVoor ?s .
        ?s ?p ?o .
        FILTER (?p IN (rdf:type, besluit:geplandeStart, dct:type))
      } UNION {
        ?x prov:wasDerivedFrom ?point . ?point a besluit:Agendapunt .
        ?agenda dct:hasPart ?point ; bv:isAgendaVoor|bvh:isAgendaVoor ?meeting .
        ?meeting dct:type ?s . ?s skos:prefLabel ?o . BIND (skos:prefLabel AS ?p)
      }
`

// DecisionsQuery is the metadata query for a batch of decision IRIs. Every
// IRI is checked and serialized as an IRI term.
func DecisionsQuery(iris []string) (string, error) {
	terms := make([]string, len(iris))
	for i, s := range iris {
		t, err := sparql.IRI(s)
		if err != nil {
			return "", fmt.Errorf("decision %q: %w", s, err)
		}
		terms[i] = t
	}
	items, err := sparql.Values("item", terms)
	if err != nil {
		return "", err
	}
	xs, err := sparql.Values("x", terms)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(prefixes)
	b.WriteString("SELECT DISTINCT ?item ?s ?p ?o WHERE {\n  {\n    ")
	b.WriteString(items)
	b.WriteString("\n")
	b.WriteString(itemPattern)
	b.WriteString("  } UNION {\n    SELECT DISTINCT ?s ?p ?o WHERE {\n      ")
	b.WriteString(xs)
	b.WriteString("\n")
	b.WriteString(sharedPattern)
	b.WriteString("    }\n  }\n}")
	return b.String(), nil
}

// fetchDecisions asks for one batch and files the triples per decision. A
// truncated answer is asked again in halves. It returns how many decisions
// got an answer (found or unknown).
func (e *Enricher) fetchDecisions(ctx context.Context, iris []string, found map[string][]rdf.Triple, out *Enrichment) (int, error) {
	q, err := DecisionsQuery(iris)
	var res *sparql.Results
	if err == nil {
		res, err = e.ask(ctx, q)
	}
	if err == nil && res.Truncated {
		if len(iris) > 1 {
			half := len(iris) / 2
			n1, err := e.fetchDecisions(ctx, iris[:half], found, out)
			if err != nil {
				return n1, err
			}
			n2, err := e.fetchDecisions(ctx, iris[half:], found, out)
			return n1 + n2, err
		}
		err = errTruncated
	}
	if err != nil {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		e.mu.Lock()
		for _, iri := range iris {
			out.Failed[iri] = err
		}
		e.mu.Unlock()
		return 0, nil
	}
	per := make(map[string][]rdf.Triple, len(iris))
	shared := map[string][]rdf.Triple{}
	dropped := 0
	for _, row := range res.Solutions {
		t, ok := tripleOf(row)
		if !ok {
			dropped++
			continue
		}
		if item, ok := row["item"].(rdf.IRI); ok {
			per[item.String()] = append(per[item.String()], t)
		} else {
			shared[t.Subj.String()] = append(shared[t.Subj.String()], t)
		}
	}
	for item, ts := range per {
		per[item] = withReachable(ts, shared)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	out.Dropped += dropped
	for _, iri := range iris {
		ts := per[iri]
		if ts == nil {
			ts = []rdf.Triple{}
		}
		found[iri] = ts
		if err := e.cache.Put(e.endpoint, "decision", iri, encodeNTriples(ts)); err != nil {
			e.cacheErr = err
		}
	}
	return len(iris), nil
}

// withReachable adds to a decision's own triples the shared nodes it
// reaches (its themes, ministers and their persons, its meeting and the
// labels of their kinds, its agenda), following the IRIs of the triples
// taken so far, so that each decision's cache entry is complete on its own.
func withReachable(own []rdf.Triple, shared map[string][]rdf.Triple) []rdf.Triple {
	out := append([]rdf.Triple(nil), own...)
	visited := map[string]bool{}
	follow := func(t rdf.Term) {
		if iri, ok := t.(rdf.IRI); ok && !visited[iri.String()] {
			visited[iri.String()] = true
			out = append(out, shared[iri.String()]...)
		}
	}
	for i := 0; i < len(out); i++ {
		follow(out[i].Subj)
		follow(out[i].Obj)
	}
	return out
}

// tripleOf makes a triple of a row's ?s ?p ?o; rows with blank nodes or
// missing terms give none.
func tripleOf(row map[string]rdf.Term) (rdf.Triple, bool) {
	s, ok := row["s"].(rdf.IRI)
	if !ok {
		return rdf.Triple{}, false
	}
	p, ok := row["p"].(rdf.IRI)
	if !ok {
		return rdf.Triple{}, false
	}
	switch o := row["o"].(type) {
	case rdf.IRI:
		return rdf.Triple{Subj: s, Pred: p, Obj: o}, true
	case rdf.Literal:
		return rdf.Triple{Subj: s, Pred: p, Obj: o}, true
	}
	return rdf.Triple{}, false
}
