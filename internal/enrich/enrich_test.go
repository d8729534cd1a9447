package enrich

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph/report"
	"github.com/pledgegraph/pledgegraph/internal/testtool"
	"github.com/pledgegraph/pledgegraph/sparql"
)

const seedsDir = "../../examples/reports"

func parseSeed(t *testing.T, name string) *report.Evaluation {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(seedsDir, name))
	if err != nil {
		t.Fatal(err)
	}
	ev, _, err := report.Parse(name, src)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

// virtuoso returns an Enricher on the test endpoint with a fresh cache,
// and its client.
func virtuoso(t *testing.T, opts Options) (*Enricher, *sparql.Client) {
	t.Helper()
	client, err := sparql.New(sparql.Options{Endpoint: testtool.Endpoint(t)})
	if err != nil {
		t.Fatal(err)
	}
	if opts.Cache == nil {
		if opts.Cache, err = OpenCache(t.TempDir()); err != nil {
			t.Fatal(err)
		}
	}
	opts.Client, opts.Endpoint = client, client.Endpoint()
	e, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return e, client
}

// TestResolveSeedsAgainstVirtuoso resolves every search URL of seed 002 on
// the Themis-shaped fixture: all 29 resolve, each to the decision of its own
// date (two titles occur on two dates), the one that differs only in white
// space ("event- entertainmentsector") included, the decoys not.
func TestResolveSeedsAgainstVirtuoso(t *testing.T) {
	e, client := virtuoso(t, Options{WindowBatch: 7})
	refs := Collect(parseSeed(t, "002_03c788e35806da8d.txt"), parseSeed(t, "000_5f7ed5cae34e348f.txt"))
	resolved, err := e.ResolveReferences(context.Background(), refs)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[Status]int{}
	for _, r := range refs {
		counts[r.Status]++
		if r.Status == StatusResolved && resolved[r.URL].String() != r.IRI {
			t.Errorf("[%d] resolved map has %v, reference %s", r.Number, resolved[r.URL], r.IRI)
		}
		if r.Status != StatusResolved && r.Status != StatusThemis {
			t.Errorf("%s:%d [%d] %q on %s: %v %v", r.File, r.Line, r.Number, r.Title, r.Date, r.Status, r.Err)
		}
		if strings.Contains(r.IRI, "DECOY") {
			t.Errorf("[%d] resolved to a decoy %s", r.Number, r.IRI)
		}
	}
	if counts[StatusResolved] != 29 || counts[StatusThemis] != 19 {
		t.Errorf("got %v, want 29 resolved and 19 Themis", counts)
	}
	// Seed 002 [0] is seed 000 [0]: cross-seed linking gives the real IRI.
	for _, r := range refs {
		if r.File == "002_03c788e35806da8d.txt" && r.Number == 0 && r.IRI != "http://themis.vlaanderen.be/id/nieuwsbrief-info/60C9F6B7364ED9000800041D" {
			t.Errorf("seed 002 [0] resolved to %s", r.IRI)
		}
	}
	// The same title on two dates stays two decisions.
	byTitle := map[string]map[string]bool{}
	for _, r := range refs {
		if r.Status == StatusResolved {
			if byTitle[r.Title] == nil {
				byTitle[r.Title] = map[string]bool{}
			}
			byTitle[r.Title][r.IRI] = true
		}
	}
	if n := len(byTitle["FIT Corona Exit-plan: extra subsidies voor Bijzondere Exportsteun en voor Starterspakketten Internationalisering"]); n != 2 {
		t.Errorf("title on two dates gave %d decisions, want 2", n)
	}
	// One request per 7 distinct meeting dates.
	windows := map[window]bool{}
	for _, r := range refs {
		if q, err := SearchQueryOf(r.Reference); err == nil {
			windows[q.window()] = true
		}
	}
	if got, want := client.Requests(), int64((len(windows)+6)/7); got != want || want < 2 {
		t.Errorf("requests = %d, want %d (%d dates)", got, want, len(windows))
	}

	// A second run is answered by the cache alone.
	again, client2 := virtuoso(t, Options{Cache: e.cache})
	refs2 := Collect(parseSeed(t, "002_03c788e35806da8d.txt"))
	if _, err := again.ResolveReferences(context.Background(), refs2); err != nil {
		t.Fatal(err)
	}
	if client2.Requests() != 0 {
		t.Errorf("cached run sent %d requests", client2.Requests())
	}
	for i, r := range refs2 {
		if r.Status != StatusResolved || r.IRI != refs[i].IRI {
			t.Errorf("cached [%d]: %v %s, first run %s", r.Number, r.Status, r.IRI, refs[i].IRI)
		}
	}
}

func TestResolveAmbiguousAgainstVirtuoso(t *testing.T) {
	e, _ := virtuoso(t, Options{})
	refs := []Reference{{File: "a.md", Reference: report.Reference{Number: 1, Line: 9, Kind: report.RefSearch,
		URL: "https://beslissingenvlaamseregering.vlaanderen.be/?search=Testbesluit%3A%20dubbel%20ingediend&startDate=2019-03-01T09%3A00%3A00Z&endDate=2019-03-01T09%3A00%3A00Z"}}}
	if _, err := e.ResolveReferences(context.Background(), refs); err != nil {
		t.Fatal(err)
	}
	r := refs[0]
	if r.Status != StatusAmbiguous || len(r.Matches) != 2 {
		t.Fatalf("got %v %+v, want ambiguous with 2 matches", r.Status, r.Matches)
	}
	msg := r.Message()
	for _, want := range []string{"reference [1]", "2 Themis decisions", "5C78F000A3B1A3B100000004", "5C78F000A3B1A3B100000005", "none chosen"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
}

// TestEnrichAgainstVirtuoso fetches the metadata of seed 000's decisions
// (and a legacy-namespace one) and checks the paths of the Themis model.
func TestEnrichAgainstVirtuoso(t *testing.T) {
	e, client := virtuoso(t, Options{BatchSize: 8})
	var iris []string
	for _, ref := range parseSeed(t, "000_5f7ed5cae34e348f.txt").References {
		iris = append(iris, ref.URL)
	}
	// Seed 000 cites c7d74cc0…, whose meeting uses the legacy http
	// besluitvorming namespace.
	missing := "http://themis.vlaanderen.be/id/nieuwsbericht/000000000000000000000000"
	iris = append(iris, missing, iris[0]) // a repeat is asked once
	got, err := e.Enrich(context.Background(), iris)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Failed) != 0 {
		t.Fatalf("failed: %v", got.Failed)
	}
	if len(got.Enriched) != 19 || len(got.Unknown) != 1 || got.Unknown[0] != missing {
		t.Errorf("enriched %d, unknown %v; want 19 and [%s]", len(got.Enriched), got.Unknown, missing)
	}
	// 20 distinct IRIs in batches of 8.
	if client.Requests() != 3 {
		t.Errorf("requests = %d, want 3", client.Requests())
	}
	nt := string(encodeNTriples(got.Triples))
	for _, want := range []string{
		`<http://themis.vlaanderen.be/id/nieuwsbrief-info/60C9F6B7364ED9000800041D> <http://purl.org/dc/terms/title> "Plan Vlaamse Veerkracht: FIT – Datagedreven organisatie & Digitalisering dienstverlening"`,
		`<http://themis.vlaanderen.be/id/nieuwsbrief-info/60C9F6B7364ED9000800041D> <http://purl.org/dc/terms/alternative> `,
		`<http://themis.vlaanderen.be/id/nieuwsbrief-info/60C9F6B7364ED9000800041D> <http://www.w3.org/ns/prov#qualifiedAssociation> <http://themis.vlaanderen.be/id/mandataris/5deb9bb2-204a-4fbe-93ba-edeb5fa7a57b>`,
		`<http://themis.vlaanderen.be/id/persoon/5fed907ee6670526694a0707> <http://xmlns.com/foaf/0.1/familyName> "Jambon"`,
		`<http://themis.vlaanderen.be/id/concept/thema/0eea2c46-f75a-4148-9020-b10dd613b674> <http://www.w3.org/2004/02/skos/core#prefLabel> "Internationaal Ondernemen"`,
		`<http://themis.vlaanderen.be/id/zitting/60B96D00F1C7F1C700000005> <http://data.vlaanderen.be/ns/besluit#geplandeStart> "2021-06-18T08:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>`,
		`<http://themis.vlaanderen.be/id/concept/vergaderactiviteit-type/9b4701f8-a136-4009-94c6-d64fdc96b9a2> <http://www.w3.org/2004/02/skos/core#prefLabel> "Ministerraad - Plan Vlaamse Veerkracht"`,
		`<http://themis.vlaanderen.be/id/agendapunt/f1c700a9-0000-1000-8000-000000000040> <https://data.vlaanderen.be/ns/besluitvorming#korteTitel> `,
		`<http://themis.vlaanderen.be/id/agenda/f1c700a6-0000-1000-8000-00000000000f> <http://data.vlaanderen.be/ns/besluitvorming#isAgendaVoor> <http://themis.vlaanderen.be/id/resource/f1c70001-4927-11ec-8000-f1c7f1c70000>`,
		`<http://themis.vlaanderen.be/id/resource/f1c70001-4927-11ec-8000-f1c7f1c70000> <http://data.vlaanderen.be/ns/besluit#geplandeStart> "2019-12-06T09:00:00Z"`,
	} {
		if !strings.Contains(nt, want) {
			t.Errorf("enrichment lacks %s", want)
		}
	}
	// Bodies are not copied.
	if strings.Contains(nt, "htmlContent") || strings.Contains(nt, "<http://www.w3.org/ns/prov#value>") {
		t.Error("enrichment copies decision bodies")
	}
	// Sorted and without repeats.
	for i := 1; i < len(got.Triples); i++ {
		if !keyOf(got.Triples[i-1]).less(keyOf(got.Triples[i])) {
			t.Fatalf("triples not strictly sorted at %d: %v / %v", i, got.Triples[i-1], got.Triples[i])
		}
	}

	// Offline from the same cache: the same triples, no request.
	off, err := New(Options{Endpoint: client.Endpoint(), Cache: e.cache, Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	cached, err := off.Enrich(context.Background(), iris)
	if err != nil {
		t.Fatal(err)
	}
	if string(encodeNTriples(cached.Triples)) != nt || len(cached.Unknown) != 1 || len(cached.Failed) != 0 {
		t.Errorf("offline run differs: %d triples (want %d), unknown %v, failed %v", len(cached.Triples), len(got.Triples), cached.Unknown, cached.Failed)
	}
	// Offline, a decision never asked is a failure, not silence.
	never := "http://themis.vlaanderen.be/id/nieuwsbericht/111111111111111111111111" // never asked
	more, err := off.Enrich(context.Background(), []string{never})
	if err != nil {
		t.Fatal(err)
	}
	if !errors.Is(more.Failed[never], ErrOffline) {
		t.Errorf("offline miss: %v", more.Failed)
	}
}

// fakeQuerier answers from a function and counts calls.
type fakeQuerier struct {
	mu     sync.Mutex
	calls  int
	answer func(q string) (*sparql.Results, error)
}

func (f *fakeQuerier) Select(_ context.Context, q string) (*sparql.Results, error) {
	f.mu.Lock()
	f.calls++
	f.mu.Unlock()
	return f.answer(q)
}

var valuesIRI = regexp.MustCompile(`<(http://x/[0-9]+)>`)

// TestEnrichSplitsTruncatedBatches: an endpoint that cuts any answer about
// more than two decisions gets asked again in halves until none is cut.
func TestEnrichSplitsTruncatedBatches(t *testing.T) {
	f := &fakeQuerier{answer: func(q string) (*sparql.Results, error) {
		seen := map[string]bool{}
		var iris []string
		for _, m := range valuesIRI.FindAllStringSubmatch(q, -1) {
			if !seen[m[1]] {
				seen[m[1]] = true
				iris = append(iris, m[1])
			}
		}
		res := &sparql.Results{Truncated: len(iris) > 2}
		for _, m := range iris {
			item, _ := rdf.NewIRI(m)
			title, _ := rdf.NewIRI("http://purl.org/dc/terms/title")
			res.Solutions = append(res.Solutions, map[string]rdf.Term{
				"item": item, "s": item, "p": title, "o": rdf.NewTypedLiteral("T "+m, xsdStringForTest)})
		}
		return res, nil
	}}
	e, err := New(Options{Client: f, Endpoint: "http://fake/sparql", BatchSize: 8, Concurrency: 1})
	if err != nil {
		t.Fatal(err)
	}
	var iris []string
	for i := 0; i < 8; i++ {
		iris = append(iris, fmt.Sprintf("http://x/%d", i))
	}
	got, err := e.Enrich(context.Background(), iris)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Enriched) != 8 || len(got.Triples) != 8 || len(got.Failed) != 0 {
		t.Errorf("enriched %d, triples %d, failed %v", len(got.Enriched), len(got.Triples), got.Failed)
	}
	// 8 → 4+4 → 2+2+2+2: 1 + 2 + 4 requests.
	if f.calls != 7 {
		t.Errorf("calls = %d, want 7", f.calls)
	}
}

var xsdStringForTest, _ = rdf.NewIRI("http://www.w3.org/2001/XMLSchema#string")

// TestEndpointDownFailsFast: after a request fails with a fault the client
// could not retry away, the other batches fail at once instead of each
// waiting through retries; every decision is reported failed.
func TestEndpointDownFailsFast(t *testing.T) {
	down := &sparql.Error{Endpoint: "http://fake/sparql", Status: 503, Message: "Service Unavailable", Attempts: 5}
	f := &fakeQuerier{answer: func(string) (*sparql.Results, error) { return nil, down }}
	e, err := New(Options{Client: f, Endpoint: "http://fake/sparql", BatchSize: 2, Concurrency: 1})
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.Enrich(context.Background(), []string{"http://x/1", "http://x/2", "http://x/3", "http://x/4", "http://x/5"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Failed) != 5 || len(got.Enriched) != 0 {
		t.Fatalf("failed %d, enriched %d; want 5 and 0", len(got.Failed), len(got.Enriched))
	}
	if f.calls != 1 {
		t.Errorf("calls = %d, want 1 (then fail fast)", f.calls)
	}
	if !errors.Is(got.Failed["http://x/5"], down) {
		t.Errorf("failure of a later batch does not carry the cause: %v", got.Failed["http://x/5"])
	}
	// Resolution too.
	res, err := e.Resolve(context.Background(), []SearchQuery{{Title: "X", From: mustTime(t, "2021-01-01T00:00:00Z"), To: mustTime(t, "2021-01-02T00:00:00Z")}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Status != StatusFailed {
			t.Errorf("resolution with the endpoint down: %v", r.Status)
		}
	}
}

// TestSyntaxErrorIsNotDown: a refused query fails its own batch only.
func TestSyntaxErrorIsNotDown(t *testing.T) {
	refused := &sparql.Error{Endpoint: "http://fake/sparql", Status: 400, SQLState: "37000", Code: "SP030", Attempts: 1}
	f := &fakeQuerier{answer: func(string) (*sparql.Results, error) { return nil, refused }}
	e, _ := New(Options{Client: f, Endpoint: "http://fake/sparql", BatchSize: 2, Concurrency: 1})
	got, err := e.Enrich(context.Background(), []string{"http://x/1", "http://x/2", "http://x/3"})
	if err != nil {
		t.Fatal(err)
	}
	if f.calls != 2 || len(got.Failed) != 3 {
		t.Errorf("calls %d, failed %d; want 2 and 3", f.calls, len(got.Failed))
	}
}

func TestDecisionsQueryRejectsBadIRIs(t *testing.T) {
	for _, bad := range []string{"http://x/a> ?p ?o } ; DROP ALL ; SELECT * { <http://y", "http://x/a b", "relative/iri", `http://x/"`} {
		if _, err := DecisionsQuery([]string{"http://ok/1", bad}); err == nil {
			t.Errorf("DecisionsQuery accepted %q", bad)
		}
	}
	// A bad IRI in a batch fails that batch, not the run.
	e, _ := New(Options{Client: &fakeQuerier{answer: func(string) (*sparql.Results, error) { return &sparql.Results{}, nil }}, Endpoint: "http://fake/sparql"})
	got, err := e.Enrich(context.Background(), []string{"http://x/a> } DROP ALL {"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Failed) != 1 {
		t.Errorf("failed = %v", got.Failed)
	}
}

func TestCacheRoundTrip(t *testing.T) {
	c, err := OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get("http://a/sparql", "decision", "http://x/1"); ok {
		t.Fatal("hit in an empty cache")
	}
	if err := c.Put("http://a/sparql", "decision", "http://x/1", []byte("data")); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Get("http://a/sparql", "decision", "http://x/1"); !ok || string(got) != "data" {
		t.Errorf("Get = %q, %v", got, ok)
	}
	// Keyed by endpoint: another endpoint's answer is not this one's.
	if _, ok := c.Get("http://b/sparql", "decision", "http://x/1"); ok {
		t.Error("hit for another endpoint")
	}
	var nilCache *Cache
	if err := nilCache.Put("e", "k", "x", nil); err != nil {
		t.Error(err)
	}
	if _, ok := nilCache.Get("e", "k", "x"); ok {
		t.Error("nil cache hit")
	}
}
