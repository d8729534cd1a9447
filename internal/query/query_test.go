package query

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/sparql"
)

// fakeEndpoint answers every query with answer(query), as Virtuoso would.
func fakeEndpoint(t *testing.T, answer func(q string) (header map[string]string, body string)) (*sparql.Client, *[]string) {
	t.Helper()
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		q := r.Form.Get("query")
		asked = append(asked, q)
		h, body := answer(q)
		w.Header().Set("Content-Type", "application/sparql-results+json")
		for k, v := range h {
			w.Header().Set(k, v)
		}
		fmt.Fprint(w, body)
	}))
	t.Cleanup(srv.Close)
	c, err := sparql.New(sparql.Options{Endpoint: srv.URL + "/sparql", Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return c, &asked
}

func parse(t *testing.T, src string) *sparql.Query {
	t.Helper()
	q, err := sparql.ParseQuery("test.rq", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func rowsJSON(vars []string, rows ...[]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `{"head":{"vars":["%s"]},"results":{"bindings":[`, strings.Join(vars, `","`))
	for i, r := range rows {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("{")
		for j, v := range r {
			if j > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `"%s":{"type":"literal","value":%q}`, vars[j], v)
		}
		b.WriteString("}")
	}
	b.WriteString("]}}")
	return b.String()
}

func TestRunFormats(t *testing.T) {
	c, asked := fakeEndpoint(t, func(string) (map[string]string, string) {
		return nil, rowsJSON([]string{"a", "b"}, []string{"x", "1"}, []string{"y \"q\"", "2"})
	})
	q := parse(t, "SELECT ?a ?b WHERE { ?a ?p ?_v }")
	for format, want := range map[string]string{
		"csv":   "a,b\nx,1\n\"y \"\"q\"\"\",2\n",
		"tsv":   "a\tb\n\"x\"\t\"1\"\n\"y \\\"q\\\"\"\t\"2\"\n",
		"table": "A      B\nx      1\ny \"q\"  2\n",
	} {
		var out bytes.Buffer
		res, err := Run(context.Background(), Options{Query: q, Values: map[string]string{"v": "}\"#"}, Client: c, Format: format, Stdout: &out})
		if err != nil {
			t.Fatal(err)
		}
		if out.String() != want || res.Rows != 2 || res.Truncated {
			t.Errorf("%s: got %q (%+v), want %q", format, out.String(), res, want)
		}
	}
	// The value went in as one literal term, whole.
	if !strings.Contains((*asked)[0], `"}\"#"`) {
		t.Errorf("query sent: %s", (*asked)[0])
	}
}

func TestRunReportsTruncation(t *testing.T) {
	c, _ := fakeEndpoint(t, func(string) (map[string]string, string) {
		return map[string]string{"X-SPARQL-MaxRows": "2"}, rowsJSON([]string{"a"}, []string{"x"}, []string{"y"})
	})
	var out bytes.Buffer
	res, err := Run(context.Background(), Options{Query: parse(t, "SELECT ?a WHERE { ?a ?p ?o }"), Client: c, Format: "csv", Stdout: &out})
	if err != nil || !res.Truncated || res.Rows != 2 {
		t.Errorf("capped answer: %+v, %v", res, err)
	}
}

// TestRunPages: a paginated query is asked page by page until a short page.
func TestRunPages(t *testing.T) {
	c, asked := fakeEndpoint(t, func(q string) (map[string]string, string) {
		switch {
		case strings.Contains(q, "OFFSET 0"):
			return nil, rowsJSON([]string{"a"}, []string{"1"}, []string{"2"})
		case strings.Contains(q, "OFFSET 2"):
			return nil, rowsJSON([]string{"a"}, []string{"3"}, []string{"4"})
		}
		return nil, rowsJSON([]string{"a"}, []string{"5"})
	})
	q := parse(t, "#+ pagination: 2\nSELECT ?a WHERE { ?a ?p ?o } ORDER BY ?a LIMIT 100")
	var out bytes.Buffer
	res, err := Run(context.Background(), Options{Query: q, Client: c, Format: "csv", Stdout: &out})
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != "a\n1\n2\n3\n4\n5\n" || res.Pages != 3 || len(*asked) != 3 {
		t.Errorf("output %q, %d pages, %d requests", out.String(), res.Pages, len(*asked))
	}
	out.Reset()
	if res, err := Run(context.Background(), Options{Query: q, Client: c, Format: "csv", Stdout: &out, Page: 2}); err != nil || out.String() != "a\n3\n4\n" || res.Pages != 1 {
		t.Errorf("--page 2: %q, %+v, %v", out.String(), res, err)
	}
}

func TestRunAskAndConstruct(t *testing.T) {
	c, _ := fakeEndpoint(t, func(q string) (map[string]string, string) {
		if strings.HasPrefix(strings.TrimSpace(q), "ASK") {
			return nil, `{"head":{},"boolean":true}`
		}
		return nil, `{"head":{"vars":["s","p","o"]},"results":{"bindings":[
 {"s":{"type":"uri","value":"http://schema.org/b"},"p":{"type":"uri","value":"http://purl.org/dc/terms/title"},"o":{"type":"literal","value":"B","xml:lang":"nl"}},
 {"s":{"type":"uri","value":"http://schema.org/a"},"p":{"type":"uri","value":"http://purl.org/dc/terms/title"},"o":{"type":"literal","value":"A"}}]}}`
	})
	var out bytes.Buffer
	if _, err := Run(context.Background(), Options{Query: parse(t, "ASK { ?s ?p ?o }"), Client: c, Format: "json", Stdout: &out}); err != nil || out.String() != "{\"head\":{},\"boolean\":true}\n" {
		t.Errorf("ASK: %q, %v", out.String(), err)
	}
	out.Reset()
	res, err := Run(context.Background(), Options{Query: parse(t, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"), Client: c, Format: "turtle", Stdout: &out})
	want := "@prefix schema: <http://schema.org/> .\n@prefix dct: <http://purl.org/dc/terms/> .\n\nschema:a dct:title \"A\" .\n\nschema:b dct:title \"B\"@nl .\n"
	if err != nil || out.String() != want || res.Triples != 2 {
		t.Errorf("CONSTRUCT:\n%s\nwant\n%s(%v)", out.String(), want, err)
	}
	if _, err := rdf.NewTripleDecoder(strings.NewReader(out.String()), rdf.Turtle).DecodeAll(); err != nil {
		t.Error(err)
	}
	out.Reset()
	if _, err := Run(context.Background(), Options{Query: parse(t, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"), Client: c, Format: "ntriples", Stdout: &out}); err != nil || strings.Count(out.String(), " .\n") != 2 {
		t.Errorf("N-Triples: %q, %v", out.String(), err)
	}
}

func TestRunUsageErrors(t *testing.T) {
	c, asked := fakeEndpoint(t, func(string) (map[string]string, string) { return nil, rowsJSON([]string{"a"}) })
	for _, tc := range []struct {
		query, format string
		values        map[string]string
		page          int
		usage         bool
	}{
		{"SELECT ?a WHERE { ?a ?p ?o }", "turtle", nil, 0, true},
		{"CONSTRUCT WHERE { ?a ?p ?o }", "csv", nil, 0, true},
		{"SELECT ?a WHERE { ?a ?p ?o }", "csv", nil, 2, true},
		{"SELECT ?a WHERE { ?a ?p ?_x_iri }", "csv", map[string]string{"x": "not an IRI"}, 0, false},
		{"SELECT ?a WHERE { ?a ?p ?_x }", "csv", nil, 0, false},
	} {
		_, err := Run(context.Background(), Options{Query: parse(t, tc.query), Values: tc.values, Page: tc.page, Client: c, Format: tc.format, Stdout: &bytes.Buffer{}})
		var pe *sparql.ParamError
		if tc.usage && !errors.Is(err, ErrUsage) || !tc.usage && !errors.As(err, &pe) {
			t.Errorf("%s -f %s %v: %v", tc.query, tc.format, tc.values, err)
		}
	}
	if len(*asked) != 0 {
		t.Errorf("%d requests for calls that are wrong", len(*asked))
	}
}

func TestParamsText(t *testing.T) {
	q := parse(t, "#+ defaults:\n#+   - from: \"2019-10-02\"\nSELECT ?a WHERE { ?a ?p ?_keyword FILTER(?a > ?_from_xsd_date && ?a < ?__to_xsd_date) }")
	if got := ParamsText(q); got != "keyword from=2019-10-02 [to]" {
		t.Errorf("ParamsText = %q", got)
	}
}
