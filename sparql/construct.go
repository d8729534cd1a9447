package sparql

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/knakk/rdf"
)

// Graph is the answer of a CONSTRUCT or DESCRIBE query.
type Graph struct {
	// Triples in the order the endpoint sent them.
	Triples []rdf.Triple
	// Truncated: the server said the answer may be cut, by the rules of
	// Results.Truncated.
	Truncated bool
}

// rdfAccept is what Construct asks for when an endpoint refuses JSON.
const rdfAccept = "application/n-triples, text/turtle;q=0.9"

// Construct runs a CONSTRUCT or DESCRIBE query, sent as Select sends it.
//
// It asks for application/sparql-results+json first: Themis's front door
// (mu-dispatcher) passes /sparql on only for that media type, and Virtuoso
// answers a graph query asked for it with the bindings s, p and o, from
// which the triples are built here. An endpoint that answers N-Triples or
// Turtle instead is read as such, and one that refuses JSON with 406 is
// asked again for N-Triples or Turtle. Every failure is an *Error.
func (c *Client) Construct(ctx context.Context, query string) (*Graph, error) {
	g, err := c.construct(ctx, c.queryRequest(query))
	var se *Error
	if errors.As(err, &se) && se.Status == http.StatusNotAcceptable {
		req := c.queryRequest(query)
		req.Accept = rdfAccept
		return c.construct(ctx, req)
	}
	return g, err
}

func (c *Client) construct(ctx context.Context, req Request) (*Graph, error) {
	var g *Graph
	_, err := c.Do(ctx, req, func(resp *http.Response) error {
		var err error
		g, err = c.readGraph(resp)
		return err
	})
	if err != nil {
		return nil, err
	}
	return g, nil
}

// readGraph reads a graph answer in the form its Content-Type says.
func (c *Client) readGraph(resp *http.Response) (*Graph, error) {
	if err := checkQueryStatus(resp); err != nil {
		return nil, err
	}
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	var format rdf.Format
	switch {
	case mt == "" || strings.Contains(mt, "json"):
		return c.readGraphJSON(resp)
	case mt == "application/n-triples" || mt == "text/plain":
		format = rdf.NTriples
	case mt == "text/turtle" || mt == "application/x-turtle":
		format = rdf.Turtle
	default:
		head, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		msg := fmt.Sprintf("unexpected Content-Type %q for a graph, want application/sparql-results+json, application/n-triples or text/turtle", mt)
		if line := firstLine(string(head)); line != "" {
			msg += ": " + truncateRunes(line, 120)
		}
		return nil, &bodyError{err: errors.New(msg)}
	}
	rec := &recordingReader{r: resp.Body}
	triples, err := rdf.NewTripleDecoder(rec, format).DecodeAll()
	switch {
	case rec.err != nil:
		return nil, &bodyError{transport: true, err: fmt.Errorf("reading the graph: %w", rec.err)}
	case err != nil:
		return nil, &bodyError{err: fmt.Errorf("invalid %s: %w", mt, err)}
	}
	return &Graph{Triples: triples, Truncated: truncated(resp, len(triples), c.maxRows)}, nil
}

// readGraphJSON builds triples from a results document with the variables
// s, p and o (Virtuoso's answer to a graph query asked for JSON).
func (c *Client) readGraphJSON(resp *http.Response) (*Graph, error) {
	res, err := c.readSelect(resp)
	if err != nil {
		return nil, err
	}
	for _, v := range []string{"s", "p", "o"} {
		if !contains(res.Vars, v) {
			return nil, &bodyError{err: fmt.Errorf("a graph answer in JSON needs the variables s, p and o, got %v", res.Vars)}
		}
	}
	g := &Graph{Triples: make([]rdf.Triple, 0, len(res.Solutions)), Truncated: res.Truncated}
	for i, row := range res.Solutions {
		s, ok := row["s"].(rdf.Subject)
		if !ok {
			return nil, &bodyError{err: fmt.Errorf("row %d: subject %v is not an IRI or blank node", i+1, row["s"])}
		}
		p, ok := row["p"].(rdf.Predicate)
		if !ok {
			return nil, &bodyError{err: fmt.Errorf("row %d: predicate %v is not an IRI", i+1, row["p"])}
		}
		o, ok := row["o"].(rdf.Object)
		if !ok {
			return nil, &bodyError{err: fmt.Errorf("row %d: object missing", i+1)}
		}
		g.Triples = append(g.Triples, rdf.Triple{Subj: s, Pred: p, Obj: o})
	}
	return g, nil
}
