package load

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/pledgegraph/pledgegraph/sparql"
)

// countBatch is how many graphs one COUNT query asks about.
const countBatch = 50

// countGraphs returns the number of triples in each graph (0 for a graph
// the store does not have). Each graph is counted by a subquery of its own,
// joined by UNION: Virtuoso 7.2.5 answers one GRAPH ?g pattern over a
// VALUES list of 50 graphs in 0.2 to 10 s depending on their order (it
// slows down superlinearly), the UNION of 50 constant graphs in 0.3 s.
func countGraphs(ctx context.Context, q *sparql.Client, iris []string) (map[string]int, error) {
	counts := make(map[string]int, len(iris))
	for start := 0; start < len(iris); start += countBatch {
		batch := iris[start:min(start+countBatch, len(iris))]
		var b strings.Builder
		b.WriteString("SELECT ?g ?n WHERE {")
		for i, iri := range batch {
			t, err := sparql.IRI(iri)
			if err != nil {
				return nil, err
			}
			if i > 0 {
				b.WriteString(" UNION")
			}
			b.WriteString(" { SELECT (" + t + " AS ?g) (COUNT(*) AS ?n) WHERE { GRAPH " + t + " { ?s ?p ?o } } }")
			counts[iri] = 0
		}
		b.WriteString(" }")
		res, err := q.Select(ctx, b.String())
		if err != nil {
			return nil, fmt.Errorf("counting triples: %w", err)
		}
		if res.Truncated {
			return nil, fmt.Errorf("counting triples: %w", sparql.ErrTruncated)
		}
		for _, row := range res.Solutions {
			g, n := row["g"], row["n"]
			if g == nil || n == nil {
				return nil, errors.New("counting triples: the endpoint answered a row without ?g or ?n")
			}
			v, err := strconv.Atoi(n.String())
			if err != nil {
				return nil, fmt.Errorf("counting triples: the count %q is not a number", n.String())
			}
			if _, asked := counts[g.String()]; !asked {
				return nil, fmt.Errorf("counting triples: the endpoint counted graph <%s>, which was not asked about", g.String())
			}
			counts[g.String()] = v
		}
	}
	return counts, nil
}

// updateBatch is how many operations one SPARQL Update request carries.
// Virtuoso runs the operations of one request in one transaction.
const updateBatch = 20

// update sends SPARQL Update operations, batched, as form POSTs
// (update=…), the way Virtuoso's /sparql-auth takes them.
func update(ctx context.Context, u *sparql.Client, ops []string) error {
	for start := 0; start < len(ops); start += updateBatch {
		batch := ops[start:min(start+updateBatch, len(ops))]
		body := url.Values{"update": {strings.Join(batch, " ;\n")}}.Encode()
		_, err := u.Do(ctx, sparql.Request{
			Body:        []byte(body),
			ContentType: "application/x-www-form-urlencoded",
			Accept:      "application/sparql-results+json, */*;q=0.1",
		}, nil)
		if err != nil {
			return err
		}
	}
	return nil
}

// stagingIRI is a fresh graph name next to target: target#pledgegraph-
// staging-<random>, or with "-" when target already has a fragment. A
// leftover (after a crash) is recognisable by its name.
func stagingIRI(target string) (string, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	sep := "#"
	if strings.Contains(target, "#") {
		sep = "-"
	}
	return target + sep + "pledgegraph-staging-" + hex.EncodeToString(b[:]), nil
}

// VirtuosoEndpoints returns the query and update endpoints that belong to
// a Virtuoso Graph Store endpoint, on the same server: for
// /sparql-graph-crud-auth (digest authentication) /sparql and /sparql-auth,
// for /sparql-graph-crud /sparql for both. ok is false for any other URL.
func VirtuosoEndpoints(graphStore string) (query, update string, ok bool) {
	u, err := url.Parse(graphStore)
	if err != nil || u.Host == "" {
		return "", "", false
	}
	u.RawQuery, u.Fragment, u.RawFragment = "", "", ""
	path := strings.TrimSuffix(u.Path, "/")
	var base, upd string
	switch {
	case strings.HasSuffix(path, "/sparql-graph-crud-auth"):
		base, upd = strings.TrimSuffix(path, "/sparql-graph-crud-auth"), "/sparql-auth"
	case strings.HasSuffix(path, "/sparql-graph-crud"):
		base, upd = strings.TrimSuffix(path, "/sparql-graph-crud"), "/sparql"
	default:
		return "", "", false
	}
	u.RawPath = ""
	u.Path = base + "/sparql"
	query = u.String()
	u.Path = base + upd
	return query, u.String(), true
}
