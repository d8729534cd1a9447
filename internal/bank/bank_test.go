package bank

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pledgegraph/pledgegraph/sparql"
)

// The names are fixed: scripts and documentation call them.
var storeQueries = []string{
	"decisions-cited-by-several", "decisions-outside-term", "decisions-per-minister", "decisions-per-theme",
	"evaluations-of-section", "sections", "sections-without-evidence", "unresolved-references",
}

var themisQueries = []string{"themis-decision", "themis-decisions-of-day", "themis-search"}

func TestDefaultBank(t *testing.T) {
	b, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Sorted(slices.Values(append(append([]string(nil), storeQueries...), themisQueries...)))
	if got := b.Names(); !slices.Equal(got, want) {
		t.Fatalf("names %v, want %v", got, want)
	}
	for _, name := range b.Names() {
		q, _ := b.Get(name)
		if q.Summary == "" || len(strings.Fields(q.Description)) < 15 {
			t.Errorf("%s: a summary and a description that says what the rows mean are needed", name)
		}
		if len(q.Warnings) > 0 {
			t.Errorf("%s: %v", name, q.Warnings)
		}
		if slices.Contains(themisQueries, name) != !IsStore(q) {
			t.Errorf("%s: endpoint %q", name, q.Endpoint)
		}
		if !IsStore(q) && (q.Endpoint != "https://themis.vlaanderen.be/sparql" || q.Method != "GET") {
			t.Errorf("%s: Themis documents GET at https://themis.vlaanderen.be/sparql, got %s %s", name, q.Method, q.Endpoint)
		}
		if q.Form != "SELECT" {
			t.Errorf("%s: form %s", name, q.Form)
		}
	}
}

// TestDefaultParameters: the parameters the documentation promises.
func TestDefaultParameters(t *testing.T) {
	b, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	type param struct {
		name     string
		required bool
		kind     sparql.ParamKind
		def      string
	}
	want := map[string][]param{
		"evaluations-of-section":  {{"section", true, sparql.ParamString, ""}},
		"decisions-outside-term":  {{"from", true, sparql.ParamTyped, "2019-10-02"}, {"to", true, sparql.ParamTyped, "2024-09-30"}},
		"themis-decision":         {{"decision", true, sparql.ParamIRI, ""}},
		"themis-decisions-of-day": {{"date", true, sparql.ParamTyped, ""}},
		"themis-search":           {{"keyword", true, sparql.ParamString, ""}, {"from", false, sparql.ParamTyped, ""}, {"to", false, sparql.ParamTyped, ""}},
	}
	for _, name := range b.Names() {
		q, _ := b.Get(name)
		var got []param
		for _, p := range q.Params {
			got = append(got, param{p.Name, p.Required, p.Kind, p.Default})
		}
		if !slices.Equal(got, want[name]) {
			t.Errorf("%s: parameters %+v, want %+v", name, got, want[name])
		}
	}
	// A query with defaults binds without values; the others need theirs.
	q, _ := b.Get("decisions-outside-term")
	if _, err := q.Bind(nil); err != nil {
		t.Error(err)
	}
	q, _ = b.Get("evaluations-of-section")
	if _, err := q.Bind(nil); err == nil {
		t.Error("evaluations-of-section bound without a section")
	}
}

func TestOpenMergesTheUsersBank(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "sections.rq"), []byte("#+ summary: mine\nSELECT ?s WHERE { ?s ?p ?o }\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "extra.rq"), []byte("SELECT ?s WHERE { ?s ?p ?_value }\n"), 0o644)
	b, shadowed, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(shadowed, []string{"sections"}) {
		t.Errorf("shadowed %v", shadowed)
	}
	if q, ok := b.Get("sections"); !ok || q.Summary != "mine" {
		t.Errorf("the user's query does not win: %+v", q)
	}
	if _, ok := b.Get("extra"); !ok {
		t.Error("the user's own query is missing")
	}
	if _, ok := b.Get("sections-without-evidence"); !ok {
		t.Error("a built-in query is missing")
	}
	os.WriteFile(filepath.Join(dir, "broken.rq"), []byte("#+ summary: [unclosed\nSELECT * WHERE {}\n"), 0o644)
	if _, _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "broken.rq:1") {
		t.Errorf("broken header: %v", err)
	}
	if _, _, err := Open(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing bank directory was accepted")
	}
}
