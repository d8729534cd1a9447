package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pledgegraph/pledgegraph/internal/testtool"
	"github.com/pledgegraph/pledgegraph/sparql"
)

// TestEndToEnd is the loop a user runs, against the test Virtuoso: export
// the bundled reports with enrichment (the Themis-shaped fixtures stand in
// for Themis), load the graph into the store, and ask every stored query.
func TestEndToEnd(t *testing.T) {
	endpoint := testtool.Endpoint(t)
	base, ok := strings.CutSuffix(endpoint, "/sparql")
	if !ok {
		t.Skipf("cannot derive the graph store from %s", endpoint)
	}
	store := base + "/sparql-graph-crud-auth"
	dir := t.TempDir()
	run := fmt.Sprint(time.Now().UnixNano())
	enriched := "http://example.org/e2e/" + run + "/enriched"
	plain := "http://example.org/e2e/" + run + "/plain"
	t.Cleanup(func() {
		update, err := sparql.New(sparql.Options{Endpoint: base + "/sparql-auth", User: "dba", Password: "dba", Auth: sparql.AuthDigest})
		if err != nil {
			t.Error(err)
			return
		}
		for _, g := range []string{enriched, plain} {
			body := url.Values{"update": {"DROP SILENT GRAPH <" + g + ">"}}.Encode()
			if _, err := update.Do(context.Background(), sparql.Request{Body: []byte(body), ContentType: "application/x-www-form-urlencoded"}, nil); err != nil {
				t.Errorf("dropping <%s>: %v", g, err)
			}
		}
	})

	// Enriched: export --load, one step, nothing on standard output.
	credentials := []string{"--graph-store", store, "--digest", "--user", "dba", "--password", "dba", "--replace"}
	args := append([]string{"export", "-q", seeds, "--enrich", "--endpoint", endpoint, "--no-cache", "--load", "--graph", enriched}, credentials...)
	if code, stdout, stderr := runCLI(t, "", args...); code != ExitOK || stdout != "" {
		t.Fatalf("export --load: exit %d, %d bytes on stdout\n%s", code, len(stdout), stderr)
	}
	// Plain: export to a file, then load it.
	out := filepath.Join(dir, "plain.nt")
	if code, _, stderr := runCLI(t, "", "export", "-q", seeds, "-o", out); code != ExitOK {
		t.Fatalf("export: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "", append([]string{"load", out, "--graph", plain}, credentials...)...); code != ExitOK {
		t.Fatalf("load %s: exit %d\n%s", out, code, stderr)
	}

	ask := func(graph, name string, params ...string) [][]string {
		t.Helper()
		args := []string{"query", "run", name, "--endpoint", endpoint, "--graph", graph, "-f", "json", "-q"}
		for _, p := range params {
			args = append(args, "--param", p)
		}
		code, out, stderr := runCLI(t, "", args...)
		if code != ExitOK {
			t.Fatalf("query %s: exit %d\n%s", name, code, stderr)
		}
		var doc struct {
			Head    struct{ Vars []string }
			Results struct {
				Bindings []map[string]struct{ Value string }
			}
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("query %s: %v\n%s", name, err, out)
		}
		var rows [][]string
		for _, b := range doc.Results.Bindings {
			row := make([]string, len(doc.Head.Vars))
			for i, v := range doc.Head.Vars {
				row[i] = b[v].Value
			}
			rows = append(rows, row)
		}
		return rows
	}
	col := func(rows [][]string, i int) []string {
		var out []string
		for _, r := range rows {
			out = append(out, r[i])
		}
		return out
	}
	const sectie = "https://w3id.org/pledgegraph/id/regeerakkoord/2019-2024/sectie/"

	// The enriched graph: every reference cites its decision.
	if got := ask(enriched, "sections"); !equalRows(got, [][]string{
		{sectie + "4.3.1", "4.3.1", "1", "29"},
		{sectie + "4.3.2", "4.3.2", "1", "19"},
	}) {
		t.Errorf("sections: %q", got)
	}
	if got := ask(enriched, "sections-without-evidence"); len(got) != 0 {
		t.Errorf("sections-without-evidence (enriched): %q", got)
	}
	if got := ask(enriched, "evaluations-of-section", "section=4.3.2"); len(got) != 1 ||
		!slices.Equal(got[0], []string{"https://w3id.org/pledgegraph/id/evaluatie/4.3.2-aed1afdf6339ab43",
			"Evaluatie van de nakoming van regeringsbeloften over internationalisering", "000_5f7ed5cae34e348f.txt", "19", "19"}) {
		t.Errorf("evaluations-of-section: %q", got)
	}
	several := ask(enriched, "decisions-cited-by-several")
	if len(several) != 10 || !slices.Contains(col(several, 0), "http://themis.vlaanderen.be/id/nieuwsbrief-info/60C9F6B7364ED9000800041D") ||
		slices.ContainsFunc(several, func(r []string) bool { return r[3] != "2" }) {
		t.Errorf("decisions-cited-by-several: %q", several)
	}
	if got := ask(enriched, "decisions-outside-term"); len(got) != 0 {
		t.Errorf("decisions-outside-term (default term): %q", got)
	}
	before := ask(enriched, "decisions-outside-term", "from=2020-07-01")
	if !slices.Equal(col(before, 1), []string{"2019-12-06", "2019-12-13", "2020-05-29", "2020-06-05"}) {
		t.Errorf("decisions-outside-term from 2020-07-01: %q", before)
	}
	if got := ask(enriched, "unresolved-references"); len(got) != 0 {
		t.Errorf("unresolved-references (enriched): %q", got)
	}
	ministers := ask(enriched, "decisions-per-minister")
	if len(ministers) < 5 || !slices.Equal(ministers[0][1:], []string{"Jambon", "Jan", "25"}) || !slices.Equal(ministers[1][1:], []string{"Brouns", "Jo", "8"}) {
		t.Errorf("decisions-per-minister: %q", ministers)
	}
	themes := ask(enriched, "decisions-per-theme")
	if len(themes) < 5 || !slices.Equal(themes[0][1:], []string{"Internationaal Ondernemen", "20"}) {
		t.Errorf("decisions-per-theme: %q", themes)
	}

	// The plain graph: seed 002 cites decisions only by search URLs.
	if got := ask(plain, "sections-without-evidence"); !equalRows(got, [][]string{{sectie + "4.3.1", "4.3.1", "1"}}) {
		t.Errorf("sections-without-evidence (plain): %q", got)
	}
	unresolved := ask(plain, "unresolved-references")
	if len(unresolved) != 29 || unresolved[0][1] != "002_03c788e35806da8d.txt" || unresolved[0][2] != "0" ||
		!strings.HasPrefix(unresolved[0][5], "https://beslissingenvlaamseregering.vlaanderen.be/?search=Plan%20Vlaamse%20Veerkracht") {
		t.Errorf("unresolved-references (plain): %d rows, first %q", len(unresolved), unresolved[:min(1, len(unresolved))])
	}
	if got := ask(plain, "decisions-per-minister"); len(got) != 0 {
		t.Errorf("decisions-per-minister without enrichment: %q", got)
	}

	// The Themis queries, against the fixture standing in for Themis.
	const fixture = "http://themis.vlaanderen.be/graph/fixture"
	const decision = "http://themis.vlaanderen.be/id/nieuwsbrief-info/60C9F6B7364ED9000800041D"
	d := ask(fixture, "themis-decision", "decision="+decision)
	if len(d) != 1 || d[0][0] != decision || d[0][1] != "Plan Vlaamse Veerkracht: FIT – Datagedreven organisatie & Digitalisering dienstverlening" ||
		d[0][4] != "2021-06-18T08:00:00Z" || d[0][5] != "Jan Jambon" || !strings.Contains(d[0][6], "Digitale agenda") || !strings.Contains(d[0][6], "Internationaal Ondernemen") {
		t.Errorf("themis-decision: %q", d)
	}
	if got := ask(fixture, "themis-decision", "decision=http://themis.vlaanderen.be/id/nieuwsbrief-info/UNKNOWN"); len(got) != 0 {
		t.Errorf("themis-decision of an unknown IRI: %q", got)
	}
	day := ask(fixture, "themis-decisions-of-day", "date=2021-06-18")
	if !slices.Equal(col(day, 0), []string{"http://themis.vlaanderen.be/id/nieuwsbrief-info/60C93F00F1C7F1C70000002B", decision}) {
		t.Errorf("themis-decisions-of-day: %q", day)
	}
	found := ask(fixture, "themis-search", "keyword=VEERKRACHT", "from=2021-06-01", "to=2021-06-30")
	if !slices.Equal(col(found, 0), []string{"http://themis.vlaanderen.be/id/nieuwsbrief-info/60C93F00F1C7F1C70000002B", decision,
		"http://themis.vlaanderen.be/id/nieuwsbrief-info/60B768D8364ED90008000645"}) {
		t.Errorf("themis-search: %q", found)
	}
	if all := ask(fixture, "themis-search", "keyword=veerkracht"); len(all) <= len(found) {
		t.Errorf("themis-search without dates: %d rows, with: %d", len(all), len(found))
	}
}

func equalRows(a, b [][]string) bool {
	return slices.EqualFunc(a, b, func(x, y []string) bool { return slices.Equal(x, y) })
}
