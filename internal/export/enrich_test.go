package export

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/internal/enrich"
	"github.com/pledgegraph/pledgegraph/internal/table"
	"github.com/pledgegraph/pledgegraph/internal/testtool"
	"github.com/pledgegraph/pledgegraph/sparql"
)

// newClient is the SPARQL client the CLI would build for endpoint; edit
// changes its options.
func newClient(t *testing.T, endpoint string, edit func(*sparql.Options)) *sparql.Client {
	t.Helper()
	opts := sparql.Options{Endpoint: endpoint}
	if edit != nil {
		edit(&opts)
	}
	c, err := sparql.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestEnrichGoldenAgainstVirtuoso exports both seeds with --enrich against
// the Themis-shaped fixture: every search URL of seed 002 resolves, the
// decisions get Themis's metadata, the golden file is read by rapper, and
// a second, offline run from the cache gives the same bytes with no request.
func TestEnrichGoldenAgainstVirtuoso(t *testing.T) {
	endpoint := testtool.Endpoint(t)
	cache := t.TempDir()
	for _, f := range []graph.Format{graph.Turtle, graph.NQuads} {
		t.Run(f.String(), func(t *testing.T) {
			cfg := enrich.Config{Client: newClient(t, endpoint, nil), CacheDir: cache}
			res, out, stderr, err := run(t, Options{Inputs: []string{seedsDir}, Format: f, Enrich: &cfg})
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			s := res.Enrichment
			if s == nil || s.Incomplete() || s.Resolved != 29 || s.Themis != 19 || s.Unresolved+s.Ambiguous != 0 {
				t.Fatalf("enrichment %+v\n%s", s, stderr)
			}
			// 38 distinct decisions: the 19 of seed 000 and 19 more from seed 002.
			if s.Decisions != 38 || s.Enriched != 38 {
				t.Errorf("decisions %d, enriched %d; want 38 and 38", s.Decisions, s.Enriched)
			}
			if !strings.Contains(stderr, "enrichment from "+endpoint) {
				t.Errorf("no enrichment summary on stderr:\n%s", stderr)
			}
			golden := "seeds-enriched" + f.Extension()
			want := checkGolden(t, golden, out)
			syntax := map[graph.Format]string{graph.Turtle: "turtle", graph.NQuads: "nquads"}[f]
			if lines := testtool.RapperNTriples(t, syntax, want); len(lines) < 1000 {
				t.Fatalf("rapper read only %d triples from %s", len(lines), golden)
			}

			offline := enrich.Config{Client: newClient(t, endpoint, nil), CacheDir: cache, Offline: true}
			res2, out2, stderr2, err := run(t, Options{Inputs: []string{seedsDir}, Format: f, Enrich: &offline})
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr2)
			}
			if out2 != out {
				t.Error("offline run from the cache gives other bytes")
			}
			if res2.Enrichment.Requests != 0 || res2.Enrichment.Incomplete() {
				t.Errorf("offline run: %+v", res2.Enrichment)
			}
		})
	}
	ttl, err := os.ReadFile(filepath.Join("testdata", "seeds-enriched.ttl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		// seed 002 [0], a search URL, now cites the real Themis decision and keeps its URL.
		"cito:hasCitedEntity <http://themis.vlaanderen.be/id/nieuwsbrief-info/60C9F6B7364ED9000800041D>",
		"schema:url <https://beslissingenvlaamseregering.vlaanderen.be/?search=",
		// Themis's own metadata in Themis's predicates.
		`foaf:familyName "Jambon"`,
		"besluit:geplandeStart \"2021-06-18T08:00:00Z\"^^xsd:dateTime",
		"besluitvorming:korteTitel",
	} {
		if !strings.Contains(string(ttl), want) {
			t.Errorf("enriched Turtle lacks %s", want)
		}
	}
	nq, err := os.ReadFile(filepath.Join("testdata", "seeds-enriched.nq"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(nq), `"Jambon" <`+graph.DefaultBase+EnrichmentGraph+"> .") {
		t.Error("N-Quads: enrichment is not in its own named graph")
	}
}

// TestEnrichFaultsNeverLoseTheExport: with the endpoint down, or answering
// garbage, the graph is still written, identical to a plain export, every
// affected reference and decision is named, and the run says incomplete.
func TestEnrichFaultsNeverLoseTheExport(t *testing.T) {
	plain, err := os.ReadFile(filepath.Join("testdata", "seeds.ttl"))
	if err != nil {
		t.Fatal(err)
	}
	garbage := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body>Route not found</body></html>"))
	}))
	defer garbage.Close()
	// Never answers (until the test ends): the client's timeout, not a race
	// with the server, decides.
	hang := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) // so the server notices a closed connection
		select {
		case <-r.Context().Done():
		case <-hang:
		}
	}))
	defer slow.Close()
	defer close(hang)
	closed := httptest.NewServer(http.NotFoundHandler())
	down := closed.URL + "/sparql"
	closed.Close()

	for name, cfg := range map[string]enrich.Config{
		"down":    {Client: newClient(t, down, func(o *sparql.Options) { o.Retries = -1 })},
		"garbage": {Client: newClient(t, garbage.URL+"/sparql", func(o *sparql.Options) { o.Retries = -1 })},
		"slow":    {Client: newClient(t, slow.URL+"/sparql", func(o *sparql.Options) { o.Retries = -1; o.Timeout = 100 * time.Millisecond })},
	} {
		t.Run(name, func(t *testing.T) {
			for _, verbose := range []bool{false, true} {
				out := filepath.Join(t.TempDir(), "graph.ttl")
				res, _, stderr, err := run(t, Options{Inputs: []string{seedsDir}, Output: out, Format: graph.Turtle, Enrich: &cfg, Verbose: verbose})
				if err != nil {
					t.Fatalf("%v\n%s", err, stderr)
				}
				if res.Exported != 2 || res.Enrichment == nil || !res.Enrichment.Incomplete() {
					t.Fatalf("result %+v / %+v", res, res.Enrichment)
				}
				got, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != string(plain) {
					t.Error("graph differs from the plain export")
				}
				if s := res.Enrichment; s.FailedReferences != 29 || s.FailedDecisions != 19 {
					t.Errorf("failed references %d, decisions %d; want 29 and 19", s.FailedReferences, s.FailedDecisions)
				}
				// One root cause is one line, with what it left out.
				causes := regexp.MustCompile(`(?m)^SPARQL endpoint .*: 29 references left unresolved, 19 decisions not enriched$`).FindAllString(stderr, -1)
				if len(causes) != 1 {
					t.Errorf("want one line for the cause with both counts, got %d:\n%s", len(causes), stderr)
				}
				named := strings.Count(stderr, "002_03c788e35806da8d.txt:")
				notEnriched := strings.Count(stderr, "not enriched:")
				if verbose {
					// Each search reference is named with file and line, each decision by its IRI.
					if named != 29 || notEnriched != 19 {
						t.Errorf("verbose: %d references and %d decisions named, want 29 and 19:\n%s", named, notEnriched, stderr)
					}
				} else if named != 0 || notEnriched != 0 || strings.Count(stderr, "\n") > 3 {
					t.Errorf("not verbose: %d references and %d decisions named, want a few lines only:\n%s", named, notEnriched, stderr)
				}
				if !strings.Contains(stderr, "INCOMPLETE") {
					t.Errorf("summary does not say incomplete:\n%s", stderr)
				}
			}
		})
	}
}

func TestResolveListing(t *testing.T) {
	endpoint := testtool.Endpoint(t)
	for _, format := range []table.Format{table.Table, table.CSV, table.TSV, table.JSON} {
		t.Run(format.String(), func(t *testing.T) {
			var out, errOut strings.Builder
			res, err := Resolve(t.Context(), ResolveOptions{
				Inputs: []string{seedsDir}, Format: format,
				Enrich: enrich.Config{Client: newClient(t, endpoint, nil), CacheDir: t.TempDir()},
				Stdout: &out, Stderr: &errOut,
			})
			if err != nil {
				t.Fatalf("%v\n%s", err, errOut.String())
			}
			if res.Files != 2 || res.Summary.Resolved != 29 || res.Summary.Themis != 19 {
				t.Errorf("result %+v", res)
			}
			text := out.String()
			switch format {
			case table.CSV:
				if !strings.HasPrefix(text, "file,line,ref,status,date,title,iri,url,matches,error\n") || strings.Count(text, "\n") != 49 {
					t.Errorf("csv:\n%s", text)
				}
			case table.TSV:
				if !strings.HasPrefix(text, "file\tline\tref\tstatus\t") || strings.Count(text, "\n") != 49 || strings.Count(text, "\tresolved\t") != 29 {
					t.Errorf("tsv:\n%s", text)
				}
			case table.JSON:
				if !strings.HasPrefix(text, "[") || strings.Count(text, `"status": "resolved"`) != 29 {
					t.Errorf("json:\n%s", text)
				}
			case table.Table:
				if !strings.HasPrefix(text, "FILE ") || strings.Count(text, " resolved ") != 29 {
					t.Errorf("table:\n%s", text)
				}
			}
			if !strings.Contains(errOut.String(), "48 references in 2 files: 19 Themis, 29 resolved") {
				t.Errorf("summary: %s", errOut.String())
			}
		})
	}
}

// TestEnrichTwoPassesReadStdinOnce: with --enrich the inputs are walked
// twice; standard input is read once and seen by both passes, and a missing
// argument is reported once, in its place, without stopping the others.
func TestEnrichTwoPassesReadStdinOnce(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(seedsDir, "002_03c788e35806da8d.txt"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := enrich.Config{Client: newClient(t, "http://127.0.0.1:9/sparql", nil), CacheDir: t.TempDir(), Offline: true}
	res, out, stderr, err := run(t, Options{
		Inputs: []string{"-", "no-such-report.md", filepath.Join(seedsDir, "000_5f7ed5cae34e348f.txt")},
		Format: graph.NTriples, Enrich: &cfg, Stdin: strings.NewReader(string(src)), Verbose: true,
	})
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if res.Inputs != 3 || res.Exported != 2 || res.Skipped != 1 {
		t.Errorf("inputs %d, exported %d, skipped %d; want 3, 2, 1", res.Inputs, res.Exported, res.Skipped)
	}
	if strings.Count(stderr, "no-such-report.md") != 1 {
		t.Errorf("missing argument reported %d times:\n%s", strings.Count(stderr, "no-such-report.md"), stderr)
	}
	// Offline with an empty cache: all 29 search URLs of the piped report
	// were asked for (so pass 1 saw stdin) and failed.
	if res.Enrichment.FailedReferences != 29 || !strings.Contains(stderr, StdinName+":") {
		t.Errorf("failed references %d:\n%s", res.Enrichment.FailedReferences, stderr)
	}
	if !strings.Contains(out, "evaluatie/4.3.1-") {
		t.Error("the piped report is not in the graph (pass 2 did not see stdin)")
	}
}

// TestEnrichByGetAgainstVirtuoso: sending the queries by GET, in the
// smaller GET batches, gives the same graph as the golden POST run.
func TestEnrichByGetAgainstVirtuoso(t *testing.T) {
	cfg := enrich.Config{Client: newClient(t, testtool.Endpoint(t), func(o *sparql.Options) { o.Get = true }), Get: true}
	res, out, stderr, err := run(t, Options{Inputs: []string{seedsDir}, Format: graph.Turtle, Enrich: &cfg})
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	want, err := os.ReadFile(filepath.Join("testdata", "seeds-enriched.ttl"))
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Error("enrichment by GET differs from testdata/seeds-enriched.ttl")
	}
	// 38 decisions in batches of at most enrich.GetBatchSize.
	if s := res.Enrichment; s.Incomplete() || s.Requests < int64((38+enrich.GetBatchSize-1)/enrich.GetBatchSize) {
		t.Errorf("enrichment %+v", s)
	}
}
