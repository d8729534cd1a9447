package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph/jsonld"
	"github.com/pledgegraph/pledgegraph/internal/cli"
	"github.com/pledgegraph/pledgegraph/internal/iostreams"
	"github.com/pledgegraph/pledgegraph/internal/testtool"
	"github.com/pledgegraph/pledgegraph/sparql"
)

const (
	reports = "../../examples/reports"
	// siteURL is where the site says it is served; the test serves it
	// elsewhere (loopback), so every internal link must be relative.
	siteURL = "https://example.org/pledgegraph/"
)

// TestSiteInBrowser publishes the bundled reports, plain and enriched (the
// Themis-shaped fixture stands in for Themis), loads each site's graph
// into the test Virtuoso and opens every page in headless Chromium: no
// console errors, no broken internal links, nothing fetched from another
// host, the index's figures equal to the answers of the stored queries
// sections and sections-without-evidence, every JSON-LD block's triples in
// the graph. Screenshots of the index and a section page at 1280 and 390
// px go to $PLEDGEGRAPH_ARTIFACTS (scripts/test.sh: test-artifacts/).
func TestSiteInBrowser(t *testing.T) {
	endpoint := testtool.Endpoint(t)
	browser := startBrowser(t, testtool.Chromium(t))
	for _, variant := range []struct {
		name string
		args []string
	}{
		{"plain", nil},
		{"enriched", []string{"--enrich", "--endpoint", endpoint, "--no-cache"}},
	} {
		t.Run(variant.name, func(t *testing.T) {
			start := time.Now()
			dir := filepath.Join(t.TempDir(), "site")
			args := append([]string{"publish", reports, "-o", dir, "--site-url", siteURL, "-q"}, variant.args...)
			if code, _, stderr := run(t, args...); code != cli.ExitOK {
				t.Fatalf("publish: exit %d\n%s", code, stderr)
			}
			graphLines := ntriplesSet(t, filepath.Join(dir, "graph.nt"))
			store := loadGraph(t, endpoint, filepath.Join(dir, "graph.nt"), variant.name)
			sections := ask(t, endpoint, store, "sections")
			without := ask(t, endpoint, store, "sections-without-evidence")

			t.Logf("published and asked the store in %v", time.Since(start))
			srv := serve(t, dir)
			pages := visitAll(t, browser, srv, dir)
			t.Logf("visited %d pages in %v", len(pages), time.Since(start))
			checkLinks(t, srv, dir, pages)
			checkFigures(t, pages["index.html"], sections, without)
			checkJSONLD(t, pages, graphLines)
			screenshots(t, browser, srv, variant.name, pages)
		})
	}
}

// run runs the command line in-process.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	streams, _, out, errOut := iostreams.Test()
	code := cli.Run(context.Background(), args, streams)
	return code, out.String(), errOut.String()
}

// loadGraph loads file into a graph of its own in the test Virtuoso,
// dropped when the test ends, and returns the graph's IRI.
func loadGraph(t *testing.T, endpoint, file, name string) string {
	t.Helper()
	base, ok := strings.CutSuffix(endpoint, "/sparql")
	if !ok {
		t.Fatalf("cannot derive the graph store from %s", endpoint)
	}
	g := fmt.Sprintf("http://example.org/browsertest/%s/%d", name, time.Now().UnixNano())
	t.Cleanup(func() {
		update, err := sparql.New(sparql.Options{Endpoint: base + "/sparql-auth", User: "dba", Password: "dba", Auth: sparql.AuthDigest})
		if err == nil {
			body := url.Values{"update": {"DROP SILENT GRAPH <" + g + ">"}}.Encode()
			_, err = update.Do(context.Background(), sparql.Request{Body: []byte(body), ContentType: "application/x-www-form-urlencoded"}, nil)
		}
		if err != nil {
			t.Errorf("dropping <%s>: %v", g, err)
		}
	})
	code, _, stderr := run(t, "load", file, "--graph", g, "--graph-store", base+"/sparql-graph-crud-auth",
		"--digest", "--user", "dba", "--password", "dba", "-q")
	if code != cli.ExitOK {
		t.Fatalf("load: exit %d\n%s", code, stderr)
	}
	return g
}

// ask runs a query of the default bank against graph g and returns its rows
// as variable → value.
func ask(t *testing.T, endpoint, g, name string) []map[string]string {
	t.Helper()
	code, out, stderr := run(t, "query", "run", name, "--endpoint", endpoint, "--graph", g, "-f", "json", "-q")
	if code != cli.ExitOK {
		t.Fatalf("query %s: exit %d\n%s", name, code, stderr)
	}
	var doc struct {
		Results struct {
			Bindings []map[string]struct{ Value string }
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("query %s: %v", name, err)
	}
	var rows []map[string]string
	for _, b := range doc.Results.Bindings {
		row := map[string]string{}
		for k, v := range b {
			row[k] = v.Value
		}
		rows = append(rows, row)
	}
	return rows
}

// server is the site on loopback; it records every path it could not serve.
type server struct {
	*httptest.Server
	mu       sync.Mutex
	notFound []string
}

func serve(t *testing.T, dir string) *server {
	files := http.FileServer(http.Dir(dir))
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		clean := path.Clean(r.URL.Path)
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(clean))); err != nil {
			s.mu.Lock()
			s.notFound = append(s.notFound, r.URL.Path)
			s.mu.Unlock()
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// startBrowser starts headless Chromium for the whole test, with the flags
// this machine's closed network needs (no background connections).
func startBrowser(t *testing.T, exec string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exec),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", exec, err)
	}
	return ctx
}

// page is what a visit found on one page.
type page struct {
	Lang     string     `json:"lang"`
	Title    string     `json:"title"`
	Links    []string   `json:"links"`
	IDs      []string   `json:"ids"`
	JSONLD   []string   `json:"jsonld"`
	Foreign  []string   `json:"foreign"`
	Width    int        `json:"width"`
	Sections []sectionR `json:"sections"`
	Totals   totals     `json:"totals"`
	Chapters []chapter  `json:"chapters"`
}

type sectionR struct {
	IRI, Number, Evaluations, Decisions, Evidence string
}

type totals struct {
	Sections, WithEvidence, WithoutEvidence string
}

type chapter struct {
	Chapter, Sections, WithEvidence, WithoutEvidence string
}

// collect reads, in the page, what the checks need: links resolved by the
// browser, element ids, JSON-LD blocks, resources from other hosts, the
// layout width, and the index's figures from their data- attributes.
const collect = `(() => {
	const all = (sel) => [...document.querySelectorAll(sel)];
	// What the page loads (a canonical link names the page, loads nothing).
	const foreign = all('link[href]:not([rel~="canonical"]):not([rel~="alternate"]), script[src], img[src], iframe[src], source[src], object[data]')
		.map(e => e.href || e.src || e.data).filter(u => new URL(u, location.href).origin !== location.origin);
	return {
		lang: document.documentElement.lang,
		title: document.title,
		links: all('a[href]').map(a => a.href),
		ids: all('[id]').map(e => e.id),
		jsonld: all('script[type="application/ld+json"]').map(s => s.textContent),
		foreign: foreign,
		width: document.documentElement.scrollWidth,
		sections: all('tr[data-section-iri]').map(r => ({IRI: r.dataset.sectionIri, Number: r.dataset.section,
			Evaluations: r.dataset.evaluations, Decisions: r.dataset.decisions, Evidence: r.dataset.evidence})),
		totals: (() => { const d = document.querySelector('#totalen'); return d ? {Sections: d.dataset.sectionsEvaluated,
			WithEvidence: d.dataset.sectionsWithEvidence, WithoutEvidence: d.dataset.sectionsWithoutEvidence} : {}; })(),
		chapters: all('tr[id^="hoofdstuk-"]').map(r => ({Chapter: r.dataset.chapter,
			Sections: r.dataset.sectionsEvaluated, WithEvidence: r.dataset.sectionsWithEvidence, WithoutEvidence: r.dataset.sectionsWithoutEvidence})),
	};
})()`

// visitAll opens every HTML page of the site and fails on any console
// error, exception or failed resource; it returns what each page holds,
// by its path in the site.
func visitAll(t *testing.T, browser context.Context, srv *server, dir string) map[string]page {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	consoleCtx, stopConsole := context.WithCancel(ctx)
	messages := chromedp.Console(consoleCtx)
	var (
		problems []string
		done     = make(chan struct{})
	)
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == "error" || m.IsException() {
				problems = append(problems, m.String())
			}
		}
	}()

	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(files, "index.html") || len(files) < 2 {
		t.Fatalf("the site has pages %v, want index.html and section pages", files)
	}
	pages := map[string]page{}
	for _, f := range files {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"+f)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		p, err := chromedp.Run(ctx, chromedp.Evaluate[page](collect))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if p.Lang != "nl" || p.Title == "" {
			t.Errorf("%s: lang %q, title %q", f, p.Lang, p.Title)
		}
		if len(p.Foreign) > 0 {
			t.Errorf("%s: resources from other hosts: %v (the site must work offline)", f, p.Foreign)
		}
		pages[f] = p
	}
	// The events of the last page arrive before the answer to the next
	// navigation.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	stopConsole()
	<-done
	for _, p := range problems {
		t.Errorf("console: %s", p)
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	for _, p := range srv.notFound {
		t.Errorf("the browser asked for %s, which the site does not have", p)
	}
	return pages
}

// checkLinks: every link into the site (relative, or under the site URL)
// names a file the site has, and its fragment an element of that page.
func checkLinks(t *testing.T, srv *server, dir string, pages map[string]page) {
	t.Helper()
	checked := 0
	for from, p := range pages {
		for _, link := range p.Links {
			u, err := url.Parse(link)
			if err != nil {
				t.Errorf("%s: link %q: %v", from, link, err)
				continue
			}
			var target string
			switch {
			case strings.HasPrefix(link, srv.URL+"/"):
				target = strings.TrimPrefix(u.Path, "/")
			case strings.HasPrefix(link, siteURL):
				t.Errorf("%s: link %s names the site by its absolute URL: it breaks where the site is viewed elsewhere", from, link)
				continue
			default:
				continue // the decisions on Themis and the search site
			}
			if target == "" || strings.HasSuffix(target, "/") {
				target += "index.html"
			}
			checked++
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(target))); err != nil {
				t.Errorf("%s: broken link %s", from, link)
				continue
			}
			if u.Fragment != "" {
				tp, ok := pages[target]
				if ok && !slices.Contains(tp.IDs, u.Fragment) {
					t.Errorf("%s: link %s: %s has no element with id %q", from, link, target, u.Fragment)
				}
			}
		}
	}
	if checked == 0 {
		t.Error("no internal links checked")
	}
}

// checkFigures: the index shows, per section, the evaluations and distinct
// decisions that the sections query counts, marks exactly the sections of
// sections-without-evidence as without evidence, and its totals and
// chapter rows add up to the same.
func checkFigures(t *testing.T, index page, sections, without []map[string]string) {
	t.Helper()
	if len(sections) == 0 {
		t.Fatal("the sections query answered no rows")
	}
	shown := map[string]sectionR{}
	for _, s := range index.Sections {
		shown[s.IRI] = s
	}
	if len(shown) != len(sections) {
		t.Errorf("the index shows %d sections, the store has %d evaluated", len(shown), len(sections))
	}
	noEvidence := map[string]bool{}
	for _, row := range without {
		noEvidence[row["section"]] = true
	}
	type chapterCount struct{ sections, with, without int }
	chapters := map[string]*chapterCount{}
	for _, row := range sections {
		s, ok := shown[row["section"]]
		if !ok {
			t.Errorf("section %s (%s) is not on the index", row["identifier"], row["section"])
			continue
		}
		if s.Number != row["identifier"] || s.Evaluations != row["evaluations"] || s.Decisions != row["decisions"] {
			t.Errorf("section %s: index shows %s, %s evaluations, %s decisions; the store: %s, %s, %s",
				row["section"], s.Number, s.Evaluations, s.Decisions, row["identifier"], row["evaluations"], row["decisions"])
		}
		if (s.Evidence == "false") != noEvidence[row["section"]] {
			t.Errorf("section %s: evidence %q on the index; in sections-without-evidence: %v", row["identifier"], s.Evidence, noEvidence[row["section"]])
		}
		ch, _, _ := strings.Cut(row["identifier"], ".")
		c := chapters[ch]
		if c == nil {
			c = &chapterCount{}
			chapters[ch] = c
		}
		c.sections++
		if noEvidence[row["section"]] {
			c.without++
		} else {
			c.with++
		}
	}
	want := totals{strconv.Itoa(len(sections)), strconv.Itoa(len(sections) - len(without)), strconv.Itoa(len(without))}
	if index.Totals != want {
		t.Errorf("index totals %+v, the store's %+v", index.Totals, want)
	}
	if len(index.Chapters) != len(chapters) {
		t.Errorf("index has %d chapter rows, the store's sections are in %d chapters", len(index.Chapters), len(chapters))
	}
	for _, c := range index.Chapters {
		w := chapters[c.Chapter]
		if w == nil {
			t.Errorf("chapter %s on the index has no evaluated section in the store", c.Chapter)
			continue
		}
		got := chapter{c.Chapter, c.Sections, c.WithEvidence, c.WithoutEvidence}
		if got != (chapter{c.Chapter, strconv.Itoa(w.sections), strconv.Itoa(w.with), strconv.Itoa(w.without)}) {
			t.Errorf("chapter %s: index %+v, store %+v", c.Chapter, got, *w)
		}
	}
}

// checkJSONLD: every JSON-LD block of every page parses, names things, and
// states only triples the site's graph holds.
func checkJSONLD(t *testing.T, pages map[string]page, graphLines map[string]bool) {
	t.Helper()
	blocks := 0
	for name, p := range pages {
		for i, block := range p.JSONLD {
			blocks++
			nq, err := jsonld.ToNQuads([]byte(block), nil)
			if err != nil {
				t.Errorf("%s: JSON-LD block %d: %v", name, i, err)
				continue
			}
			lines := normalize(t, string(nq))
			if len(lines) == 0 {
				t.Errorf("%s: JSON-LD block %d states nothing", name, i)
			}
			for _, l := range lines {
				if !graphLines[l] {
					t.Errorf("%s: JSON-LD block %d states %s, which is not in graph.nt", name, i, l)
				}
			}
		}
	}
	if blocks == 0 {
		t.Error("no JSON-LD block on any page")
	}
}

// ntriplesSet reads an N-Triples file into a set of normalized lines.
func ntriplesSet(t *testing.T, file string) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	set := map[string]bool{}
	for _, l := range normalize(t, string(data)) {
		set[l] = true
	}
	return set
}

// normalize decodes N-Triples and writes every triple back the same way,
// so that two writers' escaping does not matter.
func normalize(t *testing.T, nt string) []string {
	t.Helper()
	dec := rdf.NewTripleDecoder(strings.NewReader(nt), rdf.NTriples)
	ts, err := dec.DecodeAll()
	if err != nil {
		t.Fatalf("N-Triples: %v", err)
	}
	lines := make([]string, len(ts))
	for i, tr := range ts {
		lines[i] = tr.Serialize(rdf.NTriples)
	}
	return lines
}

// screenshots writes the index and the first section page at a desktop and
// a phone width, and fails when a page is wider than the phone.
func screenshots(t *testing.T, browser context.Context, srv *server, variant string, pages map[string]page) {
	t.Helper()
	dir := os.Getenv("PLEDGEGRAPH_ARTIFACTS")
	if dir == "" {
		dir = t.ArtifactDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var section string // the first page with evaluations
	for name, p := range pages {
		if strings.HasPrefix(name, "sectie/") && len(p.JSONLD) > 0 && (section == "" || name < section) {
			section = name
		}
	}
	if section == "" {
		t.Fatal("no section page")
	}
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	for _, width := range []int64{1280, 390} {
		for _, name := range []string{"index.html", section} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(srv.URL+"/"+name)); err != nil {
				t.Fatal(err)
			}
			scroll, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
			if err != nil {
				t.Fatal(err)
			}
			if scroll > int(width) {
				t.Errorf("%s at %d px: the page is %d px wide (scrolls sideways)", name, width, scroll)
			}
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, fmt.Sprintf("%s-%s-%d.png", variant, strings.NewReplacer("/", "-", ".html", "").Replace(name), width))
			if err := os.WriteFile(file, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("screenshot %s", file)
		}
	}
}
