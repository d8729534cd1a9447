package sparql

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// bankFiles writes files (name → content) under dir.
func bankFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const bankSectionsRQ = `#+ summary: Sections without evidence
#+ description: |
#+   Agreement sections that no evaluation
#+   cites evidence for.
#+ endpoint: http://localhost:8890/sparql
#+ method: get
#+ tags:
#+   - sections
#+   - evidence
#+ pagination: 50
#+ defaults:
#+   - chapter: "4"
#+ enumerate:
#+   - part:
#+     - summary
#+     - detail
#+   - chapter
#+ endpoint_in_url: False
#+ transform: {
#+     "key": "?p",
#+     "value": "?o"
#+   }
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX pg: <https://w3id.org/pledgegraph/ns#>
SELECT ?section WHERE {
  ?section a pg:AgreementSection ; dct:identifier ?id .
  OPTIONAL { ?section pg:part ?part }
  FILTER(STRSTARTS(?id, ?_chapter) && (!BOUND(?__part) || STR(?part) = ?__part))
}
ORDER BY ?section
`

func TestLoadBank(t *testing.T) {
	root := t.TempDir()
	bankFiles(t, root, map[string]string{
		"bank/sections-without-evidence.rq": bankSectionsRQ,
		"bank/a-b.rq":                       "#+ summary: second\nASK { ?s ?p ?o }\n",
		"bank/a.rq":                         "#+ summary: first\nCONSTRUCT WHERE { ?s ?p ?o }\n",
		"bank/decisions-by-date.rq": "#+ defaults: {from: 2021-01-01, kind: besluit}\n#+ foo: bar\n" +
			"SELECT ?d WHERE { ?d <http://purl.org/dc/terms/date> ?date ; <http://x/kind> ?__kind_nl . FILTER(?date >= ?_from_xsd_date) }\n",
		"bank/.hidden.rq":    "not even SPARQL",
		"bank/notes.txt":     "not a query",
		"bank/sub/deeper.rq": "SELECT * {}",
		"bank/dir.rq/x":      "a directory with a query's name",
	})
	if err := os.Symlink(filepath.Join(root, "bank", "sub", "deeper.rq"), filepath.Join(root, "bank", "linked.rq")); err != nil {
		t.Fatal(err)
	}

	b, err := LoadBank(os.DirFS(root), "bank")
	if err != nil {
		t.Fatal(err)
	}
	wantNames := []string{"a", "a-b", "decisions-by-date", "linked", "sections-without-evidence"}
	if got := b.Names(); !reflect.DeepEqual(got, wantNames) {
		t.Errorf("Names() = %q, want %q", got, wantNames)
	}
	if _, ok := b.Get("deeper"); ok {
		t.Error("a query of a subdirectory was loaded")
	}

	q, ok := b.Get("sections-without-evidence")
	if !ok {
		t.Fatal("sections-without-evidence missing")
	}
	check := func(field string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v, want %#v", field, got, want)
		}
	}
	check("File", q.File, "bank/sections-without-evidence.rq")
	check("Form", q.Form, "SELECT")
	check("Summary", q.Summary, "Sections without evidence")
	check("Description", q.Description, "Agreement sections that no evaluation\ncites evidence for.\n")
	check("Endpoint", q.Endpoint, "http://localhost:8890/sparql")
	check("Method", q.Method, "GET")
	check("Tags", q.Tags, []string{"sections", "evidence"})
	check("Pagination", q.Pagination, 50)
	check("Extra", q.Extra, map[string]any{"endpoint_in_url": false, "transform": map[string]any{"key": "?p", "value": "?o"}})
	check("Warnings", q.Warnings, []string(nil))
	check("Params", q.Params, []Param{
		{Name: "chapter", Var: "_chapter", Required: true, Kind: ParamString, Default: "4", HasDefault: true, EnumFromEndpoint: true},
		{Name: "part", Var: "__part", Kind: ParamString, Enum: []string{"summary", "detail"}},
	})
	check("Text", q.Text, bankSectionsRQ)
	// The header lines are emptied, the line numbers kept.
	check("Body", q.Body, strings.Repeat("\n", 22)+bankSectionsRQ[strings.Index(bankSectionsRQ, "PREFIX"):])

	q, _ = b.Get("decisions-by-date")
	check("defaults as a mapping", q.Params, []Param{
		{Name: "kind", Var: "__kind_nl", Kind: ParamLang, Lang: "nl", Default: "besluit", HasDefault: true},
		{Name: "from", Var: "_from_xsd_date", Required: true, Kind: ParamTyped, Datatype: bankXSDNS + "date", Default: "2021-01-01", HasDefault: true},
	})
	check("unknown decorator warning", q.Warnings, []string{`bank/decisions-by-date.rq:2: unknown decorator "foo" (kept in Extra)`})
	check("unknown decorator kept", q.Extra, map[string]any{"foo": "bar"})
	for name, form := range map[string]string{"a": "CONSTRUCT", "a-b": "ASK", "linked": "SELECT"} {
		if q, _ := b.Get(name); q.Form != form {
			t.Errorf("%s: Form = %q, want %q", name, q.Form, form)
		}
	}

	// The root of the file system as the directory: the file names are bare.
	b2, err := LoadBank(os.DirFS(filepath.Join(root, "bank")), ".")
	if err != nil {
		t.Fatal(err)
	}
	if q, _ := b2.Get("a"); q.File != "a.rq" {
		t.Errorf("File = %q, want a.rq", q.File)
	}
}

func TestLoadBankErrors(t *testing.T) {
	root := t.TempDir()
	bankFiles(t, root, map[string]string{
		"bank/good.rq":    "SELECT * { ?s ?p ?o }",
		"bank/broken.rq":  "#+ summary: ok\n#+ tags: [a, b\n#+ method: GET\nSELECT * {}",
		"bank/worse.rq":   "SELECT * {\n  ?s ?p \"oops\n}",
		"empty/notes.txt": "",
	})
	if err := os.Symlink(filepath.Join(root, "nowhere.rq"), filepath.Join(root, "bank", "dangling.rq")); err != nil {
		t.Fatal(err)
	}
	b, err := LoadBank(os.DirFS(root), "bank")
	if err == nil {
		t.Fatal("no error for broken files")
	}
	for _, want := range []string{
		"bank/broken.rq:2: invalid YAML in the #+ header: did not find expected ',' or ']'",
		"bank/worse.rq:2: unterminated string literal",
		"bank/dangling.rq: broken symbolic link",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	if got := b.Names(); !reflect.DeepEqual(got, []string{"good"}) {
		t.Errorf("the good queries are not kept: %q", got)
	}

	if _, err := LoadBank(os.DirFS(root), "empty"); err == nil || !strings.Contains(err.Error(), "empty: no query files (*.rq)") {
		t.Errorf("empty bank: error %v", err)
	}
	if _, err := LoadBank(os.DirFS(root), "missing"); err == nil {
		t.Error("missing directory: no error")
	}
}

func TestParseQueryParams(t *testing.T) {
	const xsd = bankXSDNS
	for _, tc := range []struct {
		name  string
		query string
		want  []Param // Name, Var, Required, Kind, Lang, Datatype only
	}{
		{"required string", `SELECT * { ?s ?p ?_name }`,
			[]Param{{Name: "name", Var: "_name", Required: true, Kind: ParamString}}},
		{"optional", `SELECT * { ?s ?p ?__name }`,
			[]Param{{Name: "name", Var: "__name", Kind: ParamString}}},
		{"dollar", `SELECT * { ?s ?p $_name_iri }`,
			[]Param{{Name: "name", Var: "_name_iri", Required: true, Kind: ParamIRI}}},
		{"every suffix", `PREFIX ex: <http://example.org/dt#>
			SELECT * { ?s ?p ?_a_iri, ?_b_nl, ?_c_en, ?_d_integer, ?_e_decimal, ?_f_boolean, ?_g_date,
			?_h_dateTime, ?_i_xsd_date, ?_j_xsd_dateTime, ?_k_ex_custom, ?_l_number, ?_m_literal, ?_n_string,
			?_o_gYear, ?_p_ID, ?_q_xsd_string, ?_r_string_x }`,
			[]Param{
				{Name: "a", Var: "_a_iri", Required: true, Kind: ParamIRI},
				{Name: "b", Var: "_b_nl", Required: true, Kind: ParamLang, Lang: "nl"},
				{Name: "c", Var: "_c_en", Required: true, Kind: ParamLang, Lang: "en"},
				{Name: "d", Var: "_d_integer", Required: true, Kind: ParamTyped, Datatype: xsd + "integer"},
				{Name: "e", Var: "_e_decimal", Required: true, Kind: ParamTyped, Datatype: xsd + "decimal"},
				{Name: "f", Var: "_f_boolean", Required: true, Kind: ParamTyped, Datatype: xsd + "boolean"},
				{Name: "g", Var: "_g_date", Required: true, Kind: ParamTyped, Datatype: xsd + "date"},
				{Name: "h", Var: "_h_dateTime", Required: true, Kind: ParamTyped, Datatype: xsd + "dateTime"},
				{Name: "i", Var: "_i_xsd_date", Required: true, Kind: ParamTyped, Datatype: xsd + "date"},
				{Name: "j", Var: "_j_xsd_dateTime", Required: true, Kind: ParamTyped, Datatype: xsd + "dateTime"},
				{Name: "k", Var: "_k_ex_custom", Required: true, Kind: ParamTyped, Datatype: "http://example.org/dt#custom"},
				{Name: "l", Var: "_l_number", Required: true, Kind: ParamNumber},
				{Name: "m", Var: "_m_literal", Required: true, Kind: ParamString},
				{Name: "n", Var: "_n_string", Required: true, Kind: ParamString},
				{Name: "o", Var: "_o_gYear", Required: true, Kind: ParamTyped, Datatype: xsd + "gYear"},
				{Name: "p", Var: "_p_ID", Required: true, Kind: ParamTyped, Datatype: xsd + "ID"},
				{Name: "q", Var: "_q_xsd_string", Required: true, Kind: ParamTyped, Datatype: xsd + "string"},
				{Name: "r", Var: "_r_string_x", Required: true, Kind: ParamString},
			}},
		{"two-letter prefix declared: a datatype", `PREFIX ex: <http://example.org/dt#> SELECT * { ?s ?p ?_a_ex_t }`,
			[]Param{{Name: "a", Var: "_a_ex_t", Required: true, Kind: ParamTyped, Datatype: "http://example.org/dt#t"}}},
		{"two letters and a name, no prefix: a language", `SELECT * { ?s ?p ?_a_en_x }`,
			[]Param{{Name: "a", Var: "_a_en_x", Required: true, Kind: ParamLang, Lang: "en"}}},
		{"only in FILTER and BIND", `SELECT ?s WHERE { ?s ?p ?o FILTER(?o > ?_min_integer) BIND(CONCAT(?_prefix, STR(?o)) AS ?label) }`,
			[]Param{
				{Name: "min", Var: "_min_integer", Required: true, Kind: ParamTyped, Datatype: xsd + "integer"},
				{Name: "prefix", Var: "_prefix", Required: true, Kind: ParamString},
			}},
		{"not in IRIs, strings, comments", "SELECT * { <http://x/?_a> ?p \"?_b\", '?_c', \"\"\"?_d\n?_e\"\"\", '''?_f''' # ?_g\n FILTER(?o != \"\\\"?_h\") ex:a\\?_i }",
			nil},
		{"after a string and an IRI", `SELECT * { <http://x/>?_a "x"?_b }`,
			[]Param{{Name: "a", Var: "_a", Required: true, Kind: ParamString}, {Name: "b", Var: "_b", Required: true, Kind: ParamString}}},
		{"not parameters", `SELECT * { ?s ?p ?___x, ?_, ?__, ?x_y }`, nil},
		{"same name, same type, required wins", `SELECT * { ?s ?p ?__x_integer, ?_x_xsd_integer }`,
			[]Param{{Name: "x", Var: "__x_integer", Required: true, Kind: ParamTyped, Datatype: xsd + "integer"}}},
		{"string spelled three ways", `SELECT * { ?s ?p ?_x, ?_x_string, ?_x_literal }`,
			[]Param{{Name: "x", Var: "_x", Required: true, Kind: ParamString}}},
		{"subquery and VALUES data", `SELECT * { { SELECT ?s WHERE { ?s ?p ?_a } } VALUES ?s { ?_b_iri } }`,
			[]Param{{Name: "a", Var: "_a", Required: true, Kind: ParamString}, {Name: "b", Var: "_b_iri", Required: true, Kind: ParamIRI}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, err := ParseQuery("t.rq", []byte(tc.query))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(q.Params, tc.want) && !(len(q.Params) == 0 && len(tc.want) == 0) {
				t.Errorf("Params =\n%+v\nwant\n%+v", q.Params, tc.want)
			}
		})
	}
}

func TestParseQueryForm(t *testing.T) {
	for _, tc := range []struct{ query, form string }{
		{"SELECT * {}", "SELECT"},
		{"select * {}", "SELECT"},
		{"BASE <http://x/>\nPREFIX : <http://x/>\nPREFIX ex: <http://e/>\nASK { ?s ?p ?o }", "ASK"},
		{"# a comment\nPREFIX select: <http://x/> CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"},
		{"DEFINE input:inference \"rules\"\nDESCRIBE <http://x/>", "DESCRIBE"},
		{"#+ summary: s\n\nPREFIX ex: <http://e/>describe ?x { ?x ?p ?o }", "DESCRIBE"},
	} {
		q, err := ParseQuery("t.rq", []byte(tc.query))
		if err != nil {
			t.Errorf("%q: %v", tc.query, err)
			continue
		}
		if q.Form != tc.form {
			t.Errorf("%q: Form = %q, want %q", tc.query, q.Form, tc.form)
		}
	}
}

func TestParseQueryErrors(t *testing.T) {
	for _, tc := range []struct{ name, query, want string }{
		{"invalid YAML", "#+ summary: s\n#+ description: d\n\n#+ tags: a: b\nSELECT * {}",
			"t.rq:4: invalid YAML in the #+ header: mapping values are not allowed in this context"},
		{"invalid YAML, parser error", "#+ summary: s\n#+ tags:\n#+   - a\n#+  - b\nSELECT * {}",
			"t.rq:4: invalid YAML in the #+ header: did not find expected key"},
		{"YAML control character", "#+ summary: s\x01\nSELECT * {}", "t.rq:1: invalid YAML in the #+ header: the control character U+0001"},
		{"two YAML documents", "#+ summary: s\n#+---\n#+ tags: [a]\nSELECT * {}", "t.rq:2: invalid YAML in the #+ header: a second YAML document: the header must be one"},
		{"header not a mapping", "#+ just words\nSELECT * {}", "t.rq:1: the #+ header is not a YAML mapping"},
		{"decorator twice", "#+ summary: a\n#+ summary: b\nSELECT * {}", `t.rq:2: decorator "summary" given twice (first on line 1)`},
		{"pagination not a number", "#+ pagination: many\nSELECT * {}", `t.rq:1: pagination: want the page size, a positive integer, got "many"`},
		{"pagination zero", "#+ pagination: 0\nSELECT * {}", `t.rq:1: pagination: want the page size`},
		{"method", "#+ method: PUT\nSELECT * {}", `t.rq:1: method: want GET or POST, got "PUT"`},
		{"endpoint", "#+ endpoint: ftp://x/\nSELECT * {}", `t.rq:1: endpoint "ftp://x/" is not an absolute http(s) URL`},
		{"tags", "#+ tags: {a: b}\nSELECT * {}", `t.rq:1: tags: want a list of tags, got a mapping`},
		{"defaults item", "#+ defaults:\n#+   - x\nSELECT * { ?s ?p ?_x }", `t.rq:2: defaults: want name: value, got a value`},
		{"default twice", "#+ defaults:\n#+   - x: 1\n#+   - x: 2\nSELECT * { ?s ?p ?_x }", `t.rq:3: defaults: parameter "x" given twice (first on line 2)`},
		{"default of the wrong type", "#+ summary: s\n#+ defaults:\n#+   - from: 2021-02-30\nSELECT * { ?s ?p ?_from_date }",
			`t.rq:3: defaults: parameter "from": want an xsd:date (YYYY-MM-DD), got "2021-02-30": February 2021 has 28 days`},
		{"enumerated value of the wrong type", "#+ enumerate:\n#+   - n:\n#+     - 1\n#+     - x\nSELECT * { ?s ?p ?_n_integer }",
			`t.rq:4: enumerate: parameter "n": want an xsd:integer (digits, optionally signed: 42, -7), got "x"`},
		{"default outside the enumeration", "#+ enumerate:\n#+   - p: [a, b]\n#+ defaults:\n#+   - p: c\nSELECT * { ?s ?p ?_p }",
			`t.rq:4: defaults: parameter "p": want one of "a", "b", got "c"`},
		{"one name, two types", "SELECT * {\n ?s ?p ?_x .\n ?s ?q ?_x_iri }",
			`t.rq:3: parameter "x" is an absolute IRI (?_x_iri) here but a string (?_x) on line 2: one name cannot have two types`},
		{"undeclared prefix", "SELECT * { ?s ?p ?_x_foo_bar }", `t.rq:1: ?_x_foo_bar: the datatype foo:bar has a prefix the query does not declare`},
		{"relative prefix", "PREFIX foo: <bar#>\nSELECT * {\n ?s ?p ?_x_foo_bar }", `t.rq:3: ?_x_foo_bar: the datatype foo:bar is <bar#bar>, not an absolute IRI`},
		{"unknown XSD datatype", "SELECT * { ?s ?p ?_x_xsd_dat }", `t.rq:1: ?_x_xsd_dat: xsd:dat is not an XSD datatype`},
		{"not a language", "SELECT * { ?s ?p ?_x_12 }", `t.rq:1: ?_x_12: "12" is not a language tag`},
		{"BIND target", "SELECT * {\n BIND(1 AS ?_x) }", `t.rq:2: ?_x is the target of AS`},
		{"projection target", "SELECT (1 AS ?_x) {}", `t.rq:1: ?_x is the target of AS`},
		{"LIMIT parameter", "SELECT * {} LIMIT ?_n_integer", "t.rq:1: ?_n_integer after LIMIT: SPARQL wants a plain integer there"},
		{"VALUES variable", "SELECT * { VALUES ?_x { 1 } }", `t.rq:1: ?_x is a VALUES variable`},
		{"VALUES variables", "SELECT * { VALUES (?a ?__x) { (1 2) } }", `t.rq:1: ?__x is a VALUES variable`},
		{"language tag after a parameter", "SELECT * { ?s ?p ?_x @en }", "t.rq:1: ?_x is followed by @en, which a variable cannot have"},
		{"datatype after a parameter", "SELECT * {\n ?s ?p $_x^^<http://x/> }", "t.rq:2: $_x is followed by ^^, which a variable cannot have"},
		{"unterminated string", "SELECT * {\n ?s ?p 'x\n}", "t.rq:2: unterminated string literal"},
		{"unterminated long string", "SELECT * {\n ?s ?p \"\"\"x\n}", "t.rq:2: unterminated string literal"},
		{"unclosed brace", "SELECT * {\n ?s ?p ?o", `t.rq:1: '{' is never closed`},
		{"stray brace", "SELECT * { ?s ?p ?o }\n}", `t.rq:2: '}' without an opening '{'`},
		{"crossed brackets", "SELECT * { FILTER(?o }\n)", `t.rq:1: '}' closes the '(' of line 1`},
		{"empty", "#+ summary: nothing\n# no query\n", "t.rq:3: no query in the file"},
		{"update", "PREFIX ex: <http://e/>\nINSERT DATA { ex:a ex:b ex:c }", "t.rq:2: INSERT: a query bank holds queries (SELECT, ASK, CONSTRUCT, DESCRIBE), not updates"},
		{"no form", "PREFIX ex: <http://e/>\nex:a", `t.rq:2: want SELECT, ASK, CONSTRUCT or DESCRIBE, found "ex:a"`},
		{"bad PREFIX", "PREFIX ex <http://e/>\nSELECT * {}", "t.rq:1: PREFIX: want a prefix name ending in ':' and an IRI <…>"},
		{"not UTF-8", "SELECT * {\n ?s ?p \"\xff\" }", "t.rq:2: not UTF-8 text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, err := ParseQuery("dir/../t.rq", []byte(tc.query))
			if err == nil {
				t.Fatalf("no error; params %+v", q.Params)
			}
			want := strings.Replace(tc.want, "t.rq", "dir/../t.rq", 1)
			if !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error\n%v\nwant\n%s", err, want)
			}
		})
	}
}

func TestParseQueryWarnings(t *testing.T) {
	q, err := ParseQuery("t.rq", []byte("#+ defaults:\n#+   - nope: 1\n#+ enumerate:\n#+   - gone\n#+ colour: red\n"+
		"SELECT * {\n ?s ?p ?_x_foo }"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`t.rq:5: unknown decorator "colour" (kept in Extra)`,
		`t.rq:7: ?_x_foo: "foo" is neither iri, number, literal, string, an XSD datatype nor a language: the parameter takes a plain string (as in grlc)`,
		`t.rq:4: enumerate: the query has no parameter "gone" (ignored)`,
		`t.rq:2: defaults: the query has no parameter "nope" (ignored)`,
	}
	if !reflect.DeepEqual(q.Warnings, want) {
		t.Errorf("Warnings =\n%q\nwant\n%q", q.Warnings, want)
	}
}

// bankNasty are values that try to break out of a term.
var bankNasty = append(slices.Clone(injection),
	`"`, `\`, `\"`, "}", ">", "#", "'''", `"""`, `\u0022`, `\U00000022`, "<script>alert(1)</script>",
	`" } ; DROP ALL ; SELECT * WHERE { ?s ?p "`, "?_x $_x", "line\nbreak # not a comment\n}",
	"\u2028\u2029\u0085", "x\"@en", `x"^^<http://x/>`, "LIMIT 1", `#+ summary: x`)

// TestBindInjection binds every parameter type to values full of quotes,
// backslashes, line breaks, braces and comment signs: the bound query has
// the template's tokens with each parameter replaced by one term, whose
// value is the value given.
func TestBindInjection(t *testing.T) {
	const query = `PREFIX ex: <http://example.org/dt#>
SELECT ?__s ?e WHERE {
  ?e ?p ?__s, ?__l_nl, ?__t_ex_custom, ?__x_xsd_string, ?__i_iri . # ?__s in a comment
  FILTER(?e != ?__n_number && ?e != ?__d_date && STR(?e) != "?__s")
  BIND(CONCAT(?__s,?__l_nl)AS ?c)
}
GROUP BY ?__s ?e ORDER BY ?__s
`
	q, err := ParseQuery("inject.rq", []byte(query))
	if err != nil {
		t.Fatal(err)
	}
	bind := func(values map[string]string) {
		t.Helper()
		out, err := q.Bind(values)
		if err != nil {
			t.Errorf("Bind(%q): %v", values, err)
			return
		}
		if err := bankCheckBound(q, values, 0, out); err != nil {
			t.Errorf("Bind(%q):\n%s\n%v", values, out, err)
		}
	}
	for _, v := range bankNasty {
		for _, name := range []string{"s", "l", "t", "x"} {
			bind(map[string]string{name: v})
		}
		bind(map[string]string{"s": v, "l": v, "t": v, "x": v})
	}
	for _, v := range []string{"http://x/a#b", "http://x/?_s", "urn:x:'quote'", "http://x/%22%3E", "http://é.example/日本"} {
		bind(map[string]string{"i": v})
	}
	for _, v := range []string{"42", "-7", "+3.14", ".5", "1e3", "-1.5E-10"} {
		bind(map[string]string{"n": v})
	}
	for _, v := range []string{"2024-02-29", "2021-12-31Z", "-0044-03-15+01:00"} {
		bind(map[string]string{"d": v})
	}
	// Values that are not of their type never reach the query.
	for name, v := range map[string]string{"i": "http://x/> } DROP ALL { <http://y", "n": `1 } DROP ALL {`, "d": `2021-01-01" } #`} {
		if out, err := q.Bind(map[string]string{name: v}); err == nil {
			t.Errorf("Bind(%s=%q) = %s, want an error", name, v, out)
		}
	}
}

func TestBindRewrite(t *testing.T) {
	for _, tc := range []struct {
		name   string
		query  string
		values map[string]string
		want   string
	}{
		{"projection keeps the column", "SELECT ?_section ?e WHERE { ?e ?p ?_section }",
			map[string]string{"section": "4.3"},
			`SELECT ("4.3" AS ?_section) ?e WHERE { ?e ?p "4.3" }`},
		{"projection after DISTINCT, dollar", "SELECT DISTINCT $_s_iri\n?e {?e ?p $_s_iri}",
			map[string]string{"s": "http://x/"},
			"SELECT DISTINCT (<http://x/> AS $_s_iri)\n?e {?e ?p <http://x/>}"},
		{"projection expression", "SELECT (CONCAT(?_a, ?b) AS ?c) WHERE {}",
			map[string]string{"a": "x"},
			`SELECT (CONCAT("x", ?b) AS ?c) WHERE {}`},
		{"subquery projection", "SELECT ?e { { SELECT ?_a ?e { ?e ?p ?_a } } }",
			map[string]string{"a": "x"},
			`SELECT ?e { { SELECT ("x" AS ?_a) ?e { ?e ?p "x" } } }`},
		{"GROUP BY and ORDER BY", "SELECT ?e { ?e ?p ?o } GROUP BY ?e ?_g ORDER BY DESC(?_g) ?_g LIMIT 5",
			map[string]string{"g": "x"},
			`SELECT ?e { ?e ?p ?o } GROUP BY ?e ("x") ORDER BY DESC("x") ("x") LIMIT 5`},
		{"HAVING ends GROUP BY", "SELECT ?e { ?e ?p ?o } GROUP BY ?e HAVING(COUNT(?o) > ?_n_integer)",
			map[string]string{"n": "2"},
			`SELECT ?e { ?e ?p ?o } GROUP BY ?e HAVING(COUNT(?o) > "2"^^<http://www.w3.org/2001/XMLSchema#integer>)`},
		{"tokens kept apart", "SELECT * { ?s ?p ?_a?_b.?s ?p ?_c_nl-1 . FILTER(?o=?_a)}# end",
			map[string]string{"a": "", "b": "b", "c": "c"},
			`SELECT * { ?s ?p "" "b".?s ?p "c"@nl -1 . FILTER(?o= "")}# end`},
		{"comment right after", "SELECT * { ?s ?p ?_a# note\n}",
			map[string]string{"a": "x"},
			"SELECT * { ?s ?p \"x\" # note\n}"},
		{"optional left unbound", "SELECT ?__a ?e { ?e ?p ?__a FILTER(?e != ?_b) }",
			map[string]string{"b": "x"},
			`SELECT ?__a ?e { ?e ?p ?__a FILTER(?e != "x") }`},
		{"defaults apply", "#+ defaults:\n#+   - a: dflt\nSELECT * { ?s ?p ?__a, ?_b }",
			map[string]string{"b": "x"},
			"\n\nSELECT * { ?s ?p \"dflt\", \"x\" }"},
		{"a value overrides the default", "#+ defaults:\n#+   - a: dflt\nSELECT * { ?s ?p ?__a }",
			map[string]string{"a": "given"},
			"\n\nSELECT * { ?s ?p \"given\" }"},
		{"number and boolean", "ASK { ?s ?p ?_n_number, ?_b_boolean, ?_d_decimal }",
			map[string]string{"n": "1.5e3", "b": "1", "d": "-0.5"},
			`ASK { ?s ?p "1.5e3"^^<http://www.w3.org/2001/XMLSchema#double>, "1"^^<http://www.w3.org/2001/XMLSchema#boolean>, "-0.5"^^<http://www.w3.org/2001/XMLSchema#decimal> }`},
		{"DESCRIBE and GRAPH", "DESCRIBE ?_x_iri WHERE { GRAPH ?_g_iri { ?_x_iri ?p ?o } }",
			map[string]string{"x": "http://x/", "g": "http://g/"},
			`DESCRIBE <http://x/> WHERE { GRAPH <http://g/> { <http://x/> ?p ?o } }`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, err := ParseQuery("t.rq", []byte(tc.query))
			if err != nil {
				t.Fatal(err)
			}
			got, err := q.Bind(tc.values)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("Bind =\n%s\nwant\n%s", got, tc.want)
			}
			if err := bankCheckBound(q, tc.values, 0, got); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestBindErrors(t *testing.T) {
	const query = `PREFIX ex: <http://example.org/dt#>
#+ enumerate:
#+   - status: [open, closed]
#+   - any
SELECT * { ?s ?p ?_s, ?__i_iri, ?__n_number, ?__int_integer, ?__dec_decimal, ?__b_boolean, ?__d_date,
  ?__dt_dateTime, ?__byte_byte, ?__y_gYear, ?__t_time, ?__dur_duration, ?__status, ?__any, ?__hex_hexBinary,
  ?__c_ex_custom, ?__l_en }`
	q, err := ParseQuery("errs.rq", []byte(query))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		values map[string]string
		want   string
		is     error
	}{
		{"missing required", map[string]string{}, `missing parameter "s": want a string`, ErrMissingParam},
		{"unknown", map[string]string{"s": "x", "stauts": "open"},
			`unknown parameter "stauts" (the parameters are any, b, byte, c, d, dec, dt, dur, hex, i, int, l, n, s, status, t, y)`, ErrUnknownParam},
		{"enumeration", map[string]string{"s": "x", "status": "Open"}, `parameter "status": want one of "open", "closed", got "Open"`, nil},
		{"relative IRI", map[string]string{"s": "x", "i": "/a/b"}, `parameter "i": want an absolute IRI, got "/a/b": not absolute: no scheme such as http:`, nil},
		{"IRI with a space", map[string]string{"s": "x", "i": "http://x/a b"}, `parameter "i": want an absolute IRI, got "http://x/a b": contains ' ', which an IRI cannot`, nil},
		{"IRI breaking out", map[string]string{"s": "x", "i": "http://x/> } ; DROP ALL ; { <http://y"}, `parameter "i": want an absolute IRI, got "http://x/> } ; DROP ALL ; { <http://y": contains '>'`, nil},
		{"empty IRI", map[string]string{"s": "x", "i": ""}, `parameter "i": want an absolute IRI, got "": empty`, nil},
		{"number", map[string]string{"s": "x", "n": "1,5"}, `parameter "n": want a number (such as 42, -3.5 or 1.2e3), got "1,5"`, nil},
		{"number INF", map[string]string{"s": "x", "n": "INF"}, `parameter "n": want a number`, nil},
		{"integer", map[string]string{"s": "x", "int": "4.0"}, `parameter "int": want an xsd:integer (digits, optionally signed: 42, -7), got "4.0"`, nil},
		{"integer with spaces", map[string]string{"s": "x", "int": " 4"}, `parameter "int": want an xsd:integer`, nil},
		{"decimal", map[string]string{"s": "x", "dec": "1e3"}, `parameter "dec": want an xsd:decimal (such as 3.14 or -2), got "1e3"`, nil},
		{"boolean", map[string]string{"s": "x", "b": "yes"}, `parameter "b": want an xsd:boolean (true, false, 1 or 0), got "yes"`, nil},
		{"boolean case", map[string]string{"s": "x", "b": "True"}, `parameter "b": want an xsd:boolean`, nil},
		{"date month", map[string]string{"s": "x", "d": "2021-13-01"}, `parameter "d": want an xsd:date (YYYY-MM-DD), got "2021-13-01": there is no month 13`, nil},
		{"date day", map[string]string{"s": "x", "d": "2021-02-30"}, `parameter "d": want an xsd:date (YYYY-MM-DD), got "2021-02-30": February 2021 has 28 days`, nil},
		{"date not leap", map[string]string{"s": "x", "d": "1900-02-29"}, `got "1900-02-29": February 1900 has 28 days`, nil},
		{"date form", map[string]string{"s": "x", "d": "18/06/2021"}, `parameter "d": want an xsd:date (YYYY-MM-DD), got "18/06/2021"`, nil},
		{"date with time", map[string]string{"s": "x", "d": "2021-06-18T10:00:00"}, `parameter "d": want an xsd:date`, nil},
		{"dateTime", map[string]string{"s": "x", "dt": "2021-06-18 10:00:00"}, `parameter "dt": want an xsd:dateTime (YYYY-MM-DDThh:mm:ss`, nil},
		{"dateTime hour", map[string]string{"s": "x", "dt": "2021-06-18T25:00:00"}, `got "2021-06-18T25:00:00": there is no hour 25`, nil},
		{"dateTime zone", map[string]string{"s": "x", "dt": "2021-06-18T10:00:00+15:00"}, `there is no time zone +15:00`, nil},
		{"byte", map[string]string{"s": "x", "byte": "128"}, `parameter "byte": want an xsd:byte (an integer from -128 to 127), got "128": out of range`, nil},
		{"gYear", map[string]string{"s": "x", "y": "21"}, `parameter "y": want an xsd:gYear (YYYY), got "21"`, nil},
		{"time", map[string]string{"s": "x", "t": "10:61:00"}, `there is no minute 61`, nil},
		{"duration", map[string]string{"s": "x", "dur": "PT"}, `parameter "dur": want an xsd:duration (such as P1Y2M3DT4H5M6S), got "PT"`, nil},
		{"hexBinary", map[string]string{"s": "x", "hex": "abc"}, `parameter "hex": want an xsd:hexBinary`, nil},
		{"not UTF-8", map[string]string{"s": "\xff"}, `parameter "s": want a string, got "\xff": not valid UTF-8`, nil},
		{"not UTF-8, language", map[string]string{"s": "x", "l": "a\xffb"}, `parameter "l": want a string (tagged @en), got "a\xffb": not valid UTF-8`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := q.Bind(tc.values)
			if err == nil {
				t.Fatalf("no error: %s", out)
			}
			if !strings.HasPrefix(err.Error(), tc.want) && !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error\n%v\nwant\n%s", err, tc.want)
			}
			var pe *ParamError
			if !errors.As(err, &pe) {
				t.Fatalf("%T is not a *ParamError", err)
			}
			if pe.Query != "errs" {
				t.Errorf("Query = %q", pe.Query)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tc.is)
			}
		})
	}

	// The same values are fine when they are right.
	good := map[string]string{"s": "x", "i": "http://x/", "n": "-1", "int": "+0", "dec": "1.", "b": "false",
		"d": "2024-02-29", "dt": "2021-06-18T24:00:00Z", "byte": "-128", "y": "-0001", "t": "23:59:59.999+14:00",
		"dur": "-P1DT2.5S", "status": "closed", "any": "whatever", "hex": "0aFF", "c": "anything \" at all", "l": "hello"}
	out, err := q.Bind(good)
	if err != nil {
		t.Fatal(err)
	}
	if err := bankCheckBound(q, good, 0, out); err != nil {
		t.Error(err)
	}
	if q.Params[13].Name != "any" || !q.Params[13].EnumFromEndpoint || q.Params[13].Enum != nil {
		t.Errorf("enumerate without values: %+v", q.Params[13])
	}

	noParams, err := ParseQuery("none.rq", []byte("ASK {}"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := noParams.Bind(map[string]string{"x": "1"}); err == nil || err.Error() != `unknown parameter "x" (the query has no parameters)` {
		t.Errorf("no parameters: error %v", err)
	}
}

func TestBindPage(t *testing.T) {
	for _, tc := range []struct {
		name  string
		query string
		page  int
		want  string
	}{
		{"replaces the outer LIMIT, keeps the subquery's",
			"#+ pagination: 10\nSELECT ?e WHERE {\n  { SELECT ?e WHERE { ?e ?p ?_x } ORDER BY ?e LIMIT 5 OFFSET 1 }\n}\nORDER BY ?e LIMIT 3 OFFSET 2\n",
			3,
			"\nSELECT ?e WHERE {\n  { SELECT ?e WHERE { ?e ?p \"v\" } ORDER BY ?e LIMIT 5 OFFSET 1 }\n}\nORDER BY ?e LIMIT 10 OFFSET 20\n"},
		{"no LIMIT yet, trailing comment",
			"#+ pagination: 25\nSELECT * { ?s ?p ?_x } # done",
			1,
			"\nSELECT * { ?s ?p \"v\" } LIMIT 25 OFFSET 0 # done"},
		{"before the outer VALUES",
			"#+ pagination: 2\nSELECT * { ?s ?p ?_x }\nOFFSET 4 LIMIT 1\nVALUES ?s { <http://x/> }",
			2,
			"\nSELECT * { ?s ?p \"v\" } LIMIT 2 OFFSET 2\n\nVALUES ?s { <http://x/> }"},
		{"limit and offset in lower case",
			"#+ pagination: 5\nselect * { ?s ?p ?_x } limit 7",
			1,
			"\nselect * { ?s ?p \"v\" } LIMIT 5 OFFSET 0"},
		{"parameter as the last token",
			"#+ pagination: 5\nDESCRIBE ?_x",
			2,
			"\nDESCRIBE \"v\" LIMIT 5 OFFSET 5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, err := ParseQuery("page.rq", []byte(tc.query))
			if err != nil {
				t.Fatal(err)
			}
			values := map[string]string{"x": "v"}
			got, err := q.BindPage(values, tc.page)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("BindPage =\n%q\nwant\n%q", got, tc.want)
			}
			if err := bankCheckBound(q, values, tc.page, got); err != nil {
				t.Error(err)
			}
		})
	}

	q, err := ParseQuery("page.rq", []byte("#+ pagination: 10\nSELECT * { ?s ?p ?_x }"))
	if err != nil {
		t.Fatal(err)
	}
	for page, want := range map[int]string{0: "page 0: pages are numbered from 1", -1: "page -1: pages are numbered from 1",
		int(^uint(0) >> 1): "the offset would overflow"} {
		if _, err := q.BindPage(map[string]string{"x": "v"}, page); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("page %d: error %v, want %q", page, err, want)
		}
	}
	if _, err := q.BindPage(nil, 1); !errors.Is(err, ErrMissingParam) {
		t.Errorf("missing parameter on a page: %v", err)
	}
	noPages, _ := ParseQuery("plain.rq", []byte("SELECT * {}"))
	if _, err := noPages.BindPage(nil, 1); err == nil || err.Error() != "query plain has no pagination decorator (#+ pagination: N)" {
		t.Errorf("no pagination: %v", err)
	}
}

func TestBankMerge(t *testing.T) {
	root := t.TempDir()
	bankFiles(t, root, map[string]string{
		"shipped/a.rq": "#+ summary: shipped a\nASK {}", "shipped/b.rq": "#+ summary: shipped b\nASK {}",
		"user/b.rq": "#+ summary: user b\nASK {}", "user/c.rq": "#+ summary: user c\nASK {}",
	})
	shipped, err := LoadBank(os.DirFS(root), "shipped")
	if err != nil {
		t.Fatal(err)
	}
	user, err := LoadBank(os.DirFS(root), "user")
	if err != nil {
		t.Fatal(err)
	}
	if got := shipped.Merge(user); !reflect.DeepEqual(got, []string{"b"}) {
		t.Errorf("shadowed = %q, want [b]", got)
	}
	if got := shipped.Names(); !reflect.DeepEqual(got, []string{"a", "b", "c"}) {
		t.Errorf("Names() = %q", got)
	}
	for name, summary := range map[string]string{"a": "shipped a", "b": "user b", "c": "user c"} {
		if q, ok := shipped.Get(name); !ok || q.Summary != summary {
			t.Errorf("%s: %+v", name, q)
		}
	}
	var empty Bank
	if got := empty.Merge(user); got != nil || !reflect.DeepEqual(empty.Names(), []string{"b", "c"}) {
		t.Errorf("merge into a zero Bank: %q %q", got, empty.Names())
	}
	if got := empty.Merge(nil); got != nil {
		t.Errorf("merge nil: %q", got)
	}
	// Names returns a copy.
	names := empty.Names()
	names[0] = "x"
	if empty.Names()[0] != "b" {
		t.Error("Names() shares its slice")
	}
}

// TestBindUsesOwnParams: changing the exported Params changes nothing.
func TestBindUsesOwnParams(t *testing.T) {
	q, err := ParseQuery("t.rq", []byte("#+ enumerate:\n#+   - a: [x, y]\nSELECT * { ?s ?p ?_a }"))
	if err != nil {
		t.Fatal(err)
	}
	q.Params[0].Kind = ParamIRI
	q.Params[0].Enum[0] = "z"
	if _, err := q.Bind(map[string]string{"a": "x"}); err != nil {
		t.Errorf("Bind after changing Params: %v", err)
	}
}

func TestBankXSD(t *testing.T) {
	for _, tc := range []struct {
		datatype string
		good     []string
		bad      []string
	}{
		{"integer", []string{"0", "-0", "+12", "0012", "123456789012345678901234567890"}, []string{"", "1.0", "1e3", " 1", "1 ", "--1", "+", "١"}},
		{"long", []string{"9223372036854775807", "-9223372036854775808"}, []string{"9223372036854775808", "-9223372036854775809"}},
		{"unsignedByte", []string{"0", "255", "+0", "-0"}, []string{"-1", "256"}},
		{"positiveInteger", []string{"1"}, []string{"0", "-1"}},
		{"negativeInteger", []string{"-1"}, []string{"0"}},
		{"nonPositiveInteger", []string{"0", "-5"}, []string{"1"}},
		{"decimal", []string{"1", "1.", ".5", "-1.25", "+0.0"}, []string{".", "1e3", "1,5", "NaN", ""}},
		{"double", []string{"1", "1.5e-3", "-INF", "+INF", "INF", "NaN", ".5E2"}, []string{"inf", "nan", "1e", "e3", "1.5.2"}},
		{"boolean", []string{"true", "false", "1", "0"}, []string{"TRUE", "yes", "", "01"}},
		{"date", []string{"2021-06-18", "2000-02-29", "2024-02-29", "0000-02-29", "-0004-02-29", "12021-01-01", "2021-06-18Z", "2021-06-18-05:00", "2021-06-18+14:00"},
			[]string{"2021-6-18", "21-06-18", "02021-01-01", "2021-00-10", "2021-04-31", "1900-02-29", "2023-02-29", "2021-06-18+14:01", "2021-06-18+1:00", "2021-06-18 ", "2021-06-18T00:00:00"}},
		{"dateTime", []string{"2021-06-18T10:00:00", "2021-06-18T10:00:00.123Z", "2021-06-18T24:00:00", "2021-06-18T24:00:00.000+02:00"},
			[]string{"2021-06-18", "2021-06-18T10:00", "2021-06-18T24:00:01", "2021-06-18T10:00:60", "2021-06-18T10:00:00.", "2021-06-18t10:00:00"}},
		{"dateTimeStamp", []string{"2021-06-18T10:00:00Z", "2021-06-18T10:00:00-03:30"}, []string{"2021-06-18T10:00:00"}},
		{"time", []string{"00:00:00", "23:59:59.5", "12:00:00Z"}, []string{"24:00:01", "12:00", "1:00:00"}},
		{"gYear", []string{"2021", "-0044", "2021Z"}, []string{"21", "2021-01"}},
		{"gYearMonth", []string{"2021-02"}, []string{"2021-13", "2021"}},
		{"gMonth", []string{"--02", "--12Z"}, []string{"--13", "-02", "02"}},
		{"gDay", []string{"---01", "---31"}, []string{"---32", "---00", "--01"}},
		{"gMonthDay", []string{"--02-29", "--12-31"}, []string{"--02-30", "--04-31", "--13-01"}},
		{"duration", []string{"P1Y", "P1Y2M3DT4H5M6.5S", "-PT1S", "P0D", "PT36H"}, []string{"P", "PT", "P1YT", "1Y", "P1.5Y", "P1S"}},
		{"dayTimeDuration", []string{"P3DT4H", "PT1M"}, []string{"P1Y", "P1M"}},
		{"yearMonthDuration", []string{"P1Y2M", "-P3M"}, []string{"P1D", "PT1H"}},
		{"hexBinary", []string{"", "0aFF"}, []string{"a", "0g"}},
		{"base64Binary", []string{"", "aGVsbG8="}, []string{"aGVsbG8", "a b"}},
		{"language", []string{"nl", "nl-BE", "zh-Hant-TW"}, []string{"", "nl_BE", "toolonglang"}},
		{"token", []string{"a b"}, []string{" a", "a  b", "a\tb"}},
		{"normalizedString", []string{" a  b "}, []string{"a\nb"}},
		{"string", []string{"", "anything \" }"}, nil},
	} {
		d, ok := bankDatatypes[tc.datatype]
		if !ok {
			t.Errorf("xsd:%s is not known", tc.datatype)
			continue
		}
		for _, v := range tc.good {
			if d.check != nil {
				if ok, detail := d.check(v); !ok {
					t.Errorf("xsd:%s %q refused (%s)", tc.datatype, v, detail)
				}
			}
		}
		for _, v := range tc.bad {
			if d.check == nil {
				t.Errorf("xsd:%s has no check", tc.datatype)
				break
			}
			if ok, _ := d.check(v); ok {
				t.Errorf("xsd:%s %q accepted", tc.datatype, v)
			}
		}
	}
}

// TestBankTokenize pins the tokenizer on the cases that matter for safety.
func TestBankTokenize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // kind:text, space-separated
	}{
		{`?a<?b`, "var:?a punct:< var:?b"},
		{`?a<?b&&?c>?d`, "var:?a iri:<?b&&?c> var:?d"},
		{`FILTER(?a < 3) # x`, "word:FILTER punct:( var:?a punct:< word:3 punct:) comment:# x"},
		{`ex:a\#b ?c`, `word:ex:a\#b var:?c`},
		{`ex:o. ?x`, "word:ex:o punct:. var:?x"},
		{`"a"@nl-BE^^<x:y>`, `string:"a" lang:@nl-BE punct:^^ iri:<x:y>`},
		{`'''a''b'''`, `string:'''a''b'''`},
		{`$_x ?é·`, "var:$_x var:?é·"},
		{`? $`, "punct:? punct:$"},
		{`1.5e3 -2 .5 +3`, "word:1.5e3 word:-2 word:.5 word:+3"},
		{`?a-?b`, "var:?a punct:- var:?b"},
	} {
		var got []string
		for _, tok := range bankTokenize(tc.in) {
			if tok.kind == bankSpace {
				continue
			}
			got = append(got, [...]string{"space", "comment", "iri", "string", "var", "word", "lang", "punct"}[tok.kind]+":"+tc.in[tok.start:tok.end])
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("bankTokenize(%q) = %s, want %s", tc.in, g, tc.want)
		}
	}
}
