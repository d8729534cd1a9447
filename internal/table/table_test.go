package table

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/knakk/rdf"
)

var columns = []Column{
	{Name: "file"},
	{Name: "line"},
	{Name: "title", OmitEmpty: true, MaxWidth: 12},
	{Name: "url", OmitEmpty: true, Wide: true},
	{Name: "matches", OmitEmpty: true},
}

type row struct {
	File    string   `json:"file"`
	Line    int      `json:"line"`
	Title   string   `json:"title,omitempty"`
	URL     string   `json:"url,omitempty"`
	Matches []string `json:"matches,omitempty"`
}

var rows = []row{
	{"a.md", 3, "Visienota <X> & \"Y\"\tmet tab", "https://x.org/?a=1&b=2", []string{"http://t/1", "http://t/2"}},
	{"b,c.md", 10, "", "", nil},
	{"d.md", 0, "lang\nmet regel", "", []string{"http://t/3"}},
}

func write(t *testing.T, f Format, rs []row) string {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf, f, columns)
	for _, r := range rs {
		if err := w.Write(r.File, r.Line, r.Title, r.URL, r.Matches); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestJSONAsEncodingJSON: the JSON format is byte for byte what
// encoding/json writes for the same rows as tagged structs, indented.
func TestJSONAsEncodingJSON(t *testing.T) {
	for _, rs := range [][]row{rows, rows[:1], {}} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if rs == nil || len(rs) == 0 {
			rs = []row{}
		}
		if err := enc.Encode(rs); err != nil {
			t.Fatal(err)
		}
		if got := write(t, JSON, rs); got != want.String() {
			t.Errorf("got\n%s\nwant\n%s", got, want.String())
		}
	}
}

func TestCSVReadsBack(t *testing.T) {
	recs, err := csv.NewReader(strings.NewReader(write(t, CSV, rows))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 || strings.Join(recs[0], ",") != "file,line,title,url,matches" {
		t.Fatalf("records %q", recs)
	}
	if recs[1][2] != rows[0].Title || recs[1][4] != "http://t/1 http://t/2" || recs[2][0] != "b,c.md" || recs[3][2] != "lang\nmet regel" {
		t.Errorf("records %q", recs)
	}
}

func TestTSVOneLinePerRow(t *testing.T) {
	got := write(t, TSV, rows)
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines:\n%s", len(lines), got)
	}
	if want := "a.md\t3\tVisienota <X> & \"Y\"\\tmet tab\thttps://x.org/?a=1&b=2\thttp://t/1 http://t/2"; lines[1] != want {
		t.Errorf("row 1 = %q\nwant    %q", lines[1], want)
	}
	for i, l := range lines {
		if n := strings.Count(l, "\t"); n != 4 {
			t.Errorf("line %d has %d tabs: %q", i, n, l)
		}
	}
}

func TestTableForPeople(t *testing.T) {
	got := write(t, Table, rows)
	want := "FILE    LINE  TITLE         MATCHES\n" +
		"a.md    3     Visienota <…  http://t/1 http://t/2\n" +
		"b,c.md  10                  \n" +
		"d.md    0     lang met re…  http://t/3\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	if empty := write(t, Table, nil); empty != "FILE  LINE  TITLE  MATCHES\n" {
		t.Errorf("empty table %q", empty)
	}
}

func TestTerms(t *testing.T) {
	iri, _ := rdf.NewIRI("http://example.org/a")
	lit, _ := rdf.NewLangLiteral("tekst\tmet tab", "nl")
	cols := []Column{{Name: "s"}, {Name: "o"}, {Name: "unbound", OmitEmpty: true}}
	for f, want := range map[Format]string{
		CSV:  "s,o,unbound\nhttp://example.org/a,tekst\tmet tab,\n",
		TSV:  "s\to\tunbound\n<http://example.org/a>\t\"tekst\\tmet tab\"@nl\t\n",
		JSON: "[\n  {\n    \"s\": \"http://example.org/a\",\n    \"o\": \"tekst\\tmet tab\"\n  }\n]\n",
	} {
		var buf bytes.Buffer
		w := NewWriter(&buf, f, cols)
		if err := w.Write(iri, lit, nil); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if buf.String() != want {
			t.Errorf("%s: got %q\nwant %q", f, buf.String(), want)
		}
	}
}

func TestWrongRowLength(t *testing.T) {
	w := NewWriter(&bytes.Buffer{}, CSV, columns)
	if err := w.Write("only one"); err == nil {
		t.Error("short row accepted")
	}
}

func TestParseFormat(t *testing.T) {
	for _, name := range Formats() {
		f, err := ParseFormat(strings.ToUpper(name))
		if err != nil || f.String() != name {
			t.Errorf("%s: %v, %v", name, f, err)
		}
	}
	if _, err := ParseFormat("xml"); err == nil || !strings.Contains(err.Error(), "table, csv, tsv, json") {
		t.Errorf("xml: %v", err)
	}
	if Default(true) != Table || Default(false) != CSV {
		t.Error("Default")
	}
}

// TestResultsJSON: query results as the SPARQL 1.1 results JSON format,
// unbound variables left out of their row.
func TestResultsJSON(t *testing.T) {
	iri, _ := rdf.NewIRI("http://example.org/a")
	nl, _ := rdf.NewLangLiteral("tekst \"x\" <b>", "nl")
	date := rdf.NewTypedLiteral("2021-06-18", mustIRI("http://www.w3.org/2001/XMLSchema#date"))
	plain, _ := rdf.NewLiteral("plain")
	blank, _ := rdf.NewBlank("b0")
	cols := []Column{{Name: "s"}, {Name: "o"}}
	var buf bytes.Buffer
	w := NewWriter(&buf, ResultsJSON, cols)
	for _, row := range [][]any{{iri, nl}, {blank, date}, {iri, nil}, {nil, plain}} {
		if err := w.Write(row...); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Head    struct{ Vars []string }
		Results struct{ Bindings []map[string]binding }
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("%v:\n%s", err, buf.String())
	}
	want := []map[string]binding{
		{"s": {Type: "uri", Value: "http://example.org/a"}, "o": {Type: "literal", Value: "tekst \"x\" <b>", Lang: "nl"}},
		{"s": {Type: "bnode", Value: "b0"}, "o": {Type: "literal", Value: "2021-06-18", Datatype: "http://www.w3.org/2001/XMLSchema#date"}},
		{"s": {Type: "uri", Value: "http://example.org/a"}},
		{"o": {Type: "literal", Value: "plain"}},
	}
	if strings.Join(doc.Head.Vars, ",") != "s,o" || !reflect.DeepEqual(doc.Results.Bindings, want) {
		t.Errorf("got %+v\n%s", doc, buf.String())
	}
	buf.Reset()
	empty := NewWriter(&buf, ResultsJSON, cols)
	if err := empty.Close(); err != nil || !json.Valid(buf.Bytes()) || !strings.Contains(buf.String(), `"bindings":[`) {
		t.Errorf("empty results: %q, %v", buf.String(), err)
	}
	for f, want := range map[Format]string{ResultsJSON: "{\"head\":{},\"boolean\":true}\n", CSV: "true\n", Table: "true\n"} {
		buf.Reset()
		if err := WriteBoolean(&buf, f, true); err != nil || buf.String() != want {
			t.Errorf("%s: %q, want %q", f, buf.String(), want)
		}
	}
}
