package publish

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/graph/jsonld"
	"github.com/pledgegraph/pledgegraph/internal/catalog"
	"github.com/pledgegraph/pledgegraph/internal/corpus"
	"github.com/pledgegraph/pledgegraph/internal/export"
	"github.com/pledgegraph/pledgegraph/internal/site"
	"github.com/pledgegraph/pledgegraph/internal/testtool"
	"github.com/pledgegraph/pledgegraph/vocab"
)

const testSiteURL = "https://example.org/regeerakkoord/"

// variant is one way of publishing the bundled reports.
type variant struct {
	name string
	opts func(t *testing.T) Options
}

var variants = []variant{
	// As the README's command: no site URL, no catalog configuration.
	{"plain", func(t *testing.T) Options { return Options{Inputs: []string{seedsDir}} }},
	// For the web: enriched (the recorded answers of the Themis-shaped
	// fixture), a site URL, a publisher who authors the reviews, a date.
	{"enriched", func(t *testing.T) Options {
		var cfg catalog.Config
		for _, kv := range [][2]string{
			{"site_url", testSiteURL},
			{"publisher.name", "Open Kennis Vlaanderen"},
			{"publisher.iri", "https://example.org/organisatie/okv"},
			{"license", "https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0"},
		} {
			if err := cfg.Set(kv[0], kv[1]); err != nil {
				t.Fatal(err)
			}
		}
		return Options{Inputs: []string{seedsDir}, Enrich: recordedEnrich(t, recordedCache(t)), Catalog: cfg, DatePublished: "2024-10-01"}
	}},
}

func publishTo(t *testing.T, opts Options, dir string) (Result, string, error) {
	t.Helper()
	var errOut bytes.Buffer
	opts.Dir = dir
	opts.Stdout, opts.Stderr = io.Discard, &errOut
	if opts.Stdin == nil {
		opts.Stdin = strings.NewReader("")
	}
	res, err := Run(context.Background(), opts)
	return res, errOut.String(), err
}

// tree reads every file under dir: relative path → content.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestGoldenSite publishes the bundled reports, plain and enriched, and
// compares every page with the golden files (go test ./internal/publish
// -update rewrites them; read the diff). Every page must be well-formed
// (the pages are written so that an XML parser reads them) and carry the
// language, a viewport, the stylesheet and nothing from other hosts.
func TestGoldenSite(t *testing.T) {
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			res, stderr, err := publishTo(t, v.opts(t), dir)
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			if res.Export.Exported != 2 || res.Export.Skipped != 0 || res.Pages != 3 {
				t.Fatalf("result %+v, pages %d\n%s", res.Export, res.Pages, stderr)
			}
			files := tree(t, dir)
			wantFiles := []string{Marker, "favicon.svg", "graph.nt", "graph.ttl", "index.html", "sectie/4.3.1.html", "sectie/4.3.2.html", "style.css"}
			if v.name == "enriched" {
				wantFiles = append(wantFiles, "catalog.ttl")
			}
			wantFiles = append(wantFiles, "context.jsonld", "graph.jsonld")
			sort.Strings(wantFiles)
			if got := keys(files); strings.Join(got, " ") != strings.Join(wantFiles, " ") {
				t.Errorf("files %v, want %v", got, wantFiles)
			}
			golden := filepath.Join("testdata", "golden", v.name)
			// The stylesheet and icon are copied as they are in internal/site.
			for _, name := range []string{"style.css", "favicon.svg"} {
				if want, err := os.ReadFile(filepath.Join("..", "site", name)); err != nil || files[name] != string(want) {
					t.Errorf("%s is not internal/site's (%v)", name, err)
				}
			}
			for name, content := range files {
				if !strings.HasSuffix(name, ".html") {
					continue
				}
				checkGolden(t, filepath.Join(golden, filepath.FromSlash(name)), content)
				checkPage(t, name, content)
			}
			if *update {
				return
			}
			// No golden file is left over from pages that are gone.
			filepath.WalkDir(golden, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					rel, _ := filepath.Rel(golden, p)
					if _, ok := files[filepath.ToSlash(rel)]; !ok {
						t.Errorf("golden %s: no such page any more", rel)
					}
				}
				return nil
			})
		})
	}
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (run go test ./internal/publish -update and read the diff)", path)
	}
}

// checkPage reads a page as XML and checks what every page must have.
func checkPage(t *testing.T, name, page string) {
	t.Helper()
	if _, err := parsePage(page); err != nil {
		t.Errorf("%s: not well-formed: %v", name, err)
	}
	for _, want := range []string{`<!DOCTYPE html>`, `<html lang="nl">`, `<meta charset="utf-8" />`, `name="viewport"`, `style.css"`, `<main id="inhoud"`} {
		if !strings.Contains(page, want) {
			t.Errorf("%s lacks %s", name, want)
		}
	}
	// Nothing is loaded from elsewhere: no script but JSON-LD, no remote
	// stylesheet, image or font.
	if m := regexp.MustCompile(`<script(?: [^>]*)?>`).FindAllString(page, -1); len(m) > 0 {
		for _, s := range m {
			if s != `<script type="application/ld+json">` {
				t.Errorf("%s: %s", name, s)
			}
		}
	}
	// Links go anywhere, but nothing is embedded from elsewhere: no src
	// attribute at all, the only stylesheet the site's own.
	if m := regexp.MustCompile(`\ssrc="`).FindAllString(page, -1); len(m) > 0 {
		t.Errorf("%s embeds %d resources", name, len(m))
	}
	for _, l := range regexp.MustCompile(`<link [^>]*>`).FindAllString(page, -1) {
		if strings.Contains(l, `rel="stylesheet"`) && !regexp.MustCompile(`href="(\.\./)?style\.css"`).MatchString(l) {
			t.Errorf("%s: %s", name, l)
		}
	}
	// Headings never skip a level.
	last := 0
	for _, m := range regexp.MustCompile(`<h([1-6])[ >]`).FindAllStringSubmatch(page, -1) {
		level, _ := strconv.Atoi(m[1])
		if level > last+1 {
			t.Errorf("%s: h%d after h%d", name, level, last)
		}
		last = level
	}
	if strings.Count(page, "<h1") != 1 {
		t.Errorf("%s: %d h1 elements", name, strings.Count(page, "<h1"))
	}
}

// element is an element of a page with its attributes, and the id of the
// table it is in.
type element struct {
	name  string
	attrs map[string]string
	table string
	text  string // for script elements: their content
}

// parsePage reads a page with encoding/xml (strict) and returns its
// elements in document order.
func parsePage(page string) ([]element, error) {
	dec := xml.NewDecoder(strings.NewReader(page))
	dec.Strict = true
	var out []element
	var tables []string
	inScript := -1
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := element{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			if e.name == "table" {
				tables = append(tables, e.attrs["id"])
			}
			if len(tables) > 0 {
				e.table = tables[len(tables)-1]
			}
			if e.name == "script" {
				inScript = len(out)
			}
			out = append(out, e)
		case xml.CharData:
			if inScript >= 0 {
				out[inScript].text += string(tok)
			}
		case xml.EndElement:
			if tok.Name.Local == "table" {
				tables = tables[:len(tables)-1]
			}
			if tok.Name.Local == "script" {
				inScript = -1
			}
		}
	}
}

// readGraph reads the site's N-Triples dump.
func readGraph(t *testing.T, dir string) []rdf.Triple {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, NTriplesFile))
	if err != nil {
		t.Fatal(err)
	}
	ts, err := rdf.NewTripleDecoder(bytes.NewReader(data), rdf.NTriples).DecodeAll()
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// bank answers the default bank's coverage queries on a graph, written
// out pattern by pattern from the .rq files (internal/bank/queries), apart
// from the site's own code.
type bank struct {
	by map[string]map[string][]rdf.Term // predicate → subject → objects
}

func newBank(ts []rdf.Triple) *bank {
	b := &bank{by: map[string]map[string][]rdf.Term{}}
	for _, t := range ts {
		p := t.Pred.String()
		if b.by[p] == nil {
			b.by[p] = map[string][]rdf.Term{}
		}
		b.by[p][t.Subj.String()] = append(b.by[p][t.Subj.String()], t.Obj)
	}
	return b
}

func (b *bank) objects(s, p string) []rdf.Term { return b.by[p][s] }

func (b *bank) has(s, p, o string) bool {
	for _, x := range b.by[p][s] {
		if x.String() == o {
			return true
		}
	}
	return false
}

type sectionRow struct {
	identifier             string
	evaluations, decisions int
}

// sections is the `sections` query: per ?section with dct:identifier that
// some ?evaluation a schema:ClaimReview reviews, COUNT(DISTINCT
// ?evaluation) and COUNT(DISTINCT ?decision) over OPTIONAL
// cito:citesAsEvidence. withoutEvidence is `sections-without-evidence`.
func (b *bank) sections() (all map[string]sectionRow, withoutEvidence map[string]sectionRow) {
	type acc struct {
		id        string
		evals     map[string]bool
		decisions map[string]bool
	}
	accs := map[string]*acc{}
	for eval, sections := range b.by[vocab.SchemaItemReviewed.String()] {
		if !b.has(eval, vocab.RDFType.String(), vocab.SchemaClaimReview.String()) {
			continue
		}
		for _, s := range sections {
			for _, id := range b.objects(s.String(), vocab.DCTIdentifier.String()) {
				key := s.String() + "\x00" + id.String()
				a := accs[key]
				if a == nil {
					a = &acc{id: id.String(), evals: map[string]bool{}, decisions: map[string]bool{}}
					accs[key] = a
				}
				a.evals[eval] = true
				for _, d := range b.objects(eval, vocab.CitoCitesAsEvidence.String()) {
					a.decisions[d.String()] = true
				}
			}
		}
	}
	all, withoutEvidence = map[string]sectionRow{}, map[string]sectionRow{}
	for key, a := range accs {
		section := strings.SplitN(key, "\x00", 2)[0]
		all[section] = sectionRow{a.id, len(a.evals), len(a.decisions)}
		evidence := false
		for other, reviewed := range b.by[vocab.SchemaItemReviewed.String()] {
			for _, s := range reviewed {
				if s.String() == section && len(b.objects(other, vocab.CitoCitesAsEvidence.String())) > 0 {
					evidence = true
				}
			}
		}
		if !evidence {
			withoutEvidence[section] = sectionRow{a.id, len(a.evals), 0}
		}
	}
	return all, withoutEvidence
}

var searchURL = regexp.MustCompile(`(?i)^https?://(www[.])?beslissingenvlaamseregering[.]vlaanderen[.]be/`)

// unresolved counts the rows of `unresolved-references`.
func (b *bank) unresolved() int {
	n := 0
	for ref, urls := range b.by[vocab.SchemaURL.String()] {
		if !b.has(ref, vocab.RDFType.String(), vocab.CitoCitation.String()) ||
			len(b.objects(ref, vocab.CitoHasCitingEntity.String())) == 0 ||
			len(b.objects(ref, vocab.SchemaPosition.String())) == 0 ||
			len(b.objects(ref, vocab.CitoHasCitedEntity.String())) > 0 {
			continue
		}
		for _, u := range urls {
			if searchURL.MatchString(u.String()) {
				n++
			}
		}
	}
	return n
}

// perMinister and perTheme are `decisions-per-minister` and
// `decisions-per-theme`: IRI → COUNT(DISTINCT ?decision).
func (b *bank) perMinister() map[string]int {
	return b.perKey(func(d string) []string {
		var out []string
		for _, a := range b.objects(d, vocab.Prov+"qualifiedAssociation") {
			for _, m := range b.objects(a.String(), vocab.Mandaat+"isBestuurlijkeAliasVan") {
				out = append(out, m.String())
			}
		}
		return out
	})
}

func (b *bank) perTheme() map[string]int {
	return b.perKey(func(d string) []string {
		var out []string
		for _, th := range b.objects(d, vocab.DCT+"subject") {
			out = append(out, th.String())
		}
		return out
	})
}

func (b *bank) perKey(keysOf func(decision string) []string) map[string]int {
	sets := map[string]map[string]bool{}
	for _, ds := range b.by[vocab.CitoCitesAsEvidence.String()] {
		for _, d := range ds {
			for _, k := range keysOf(d.String()) {
				if sets[k] == nil {
					sets[k] = map[string]bool{}
				}
				sets[k][d.String()] = true
			}
		}
	}
	out := map[string]int{}
	for k, s := range sets {
		out[k] = len(s)
	}
	return out
}

func atoiAttr(t *testing.T, e element, name string) int {
	t.Helper()
	n, err := strconv.Atoi(e.attrs[name])
	if err != nil {
		t.Fatalf("<%s> %s=%q: %v", e.name, name, e.attrs[name], err)
	}
	return n
}

// TestFiguresMatchTheGraph: the figures on index.html (the data- attributes
// of its tables, and the numbers shown in them) are what the default bank's
// coverage queries answer on the site's own graph dump.
func TestFiguresMatchTheGraph(t *testing.T) {
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			res, stderr, err := publishTo(t, v.opts(t), dir)
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			b := newBank(readGraph(t, dir))
			all, without := b.sections()
			index, err := os.ReadFile(filepath.Join(dir, site.IndexFile))
			if err != nil {
				t.Fatal(err)
			}
			elems, err := parsePage(string(index))
			if err != nil {
				t.Fatal(err)
			}
			rows := map[string]element{}
			ministers, themes := map[string]int{}, map[string]int{}
			var totals element
			for _, e := range elems {
				switch {
				case e.table == "tabel-secties" && e.name == "tr" && e.attrs["data-section-iri"] != "":
					rows[e.attrs["data-section-iri"]] = e
				case e.table == "tabel-ministers" && e.name == "tr" && e.attrs["data-minister"] != "":
					ministers[e.attrs["data-minister"]] = atoiAttr(t, e, "data-decisions")
				case e.table == "tabel-themas" && e.name == "tr" && e.attrs["data-theme"] != "":
					themes[e.attrs["data-theme"]] = atoiAttr(t, e, "data-decisions")
				case e.attrs["id"] == "totalen":
					totals = e
				}
			}
			if len(rows) != len(all) || len(all) != 2 {
				t.Fatalf("index shows %d sections, the sections query answers %d", len(rows), len(all))
			}
			for section, want := range all {
				e, ok := rows[section]
				if !ok {
					t.Errorf("section %s is not on the index", section)
					continue
				}
				_, noEvidence := without[section]
				if e.attrs["data-section"] != want.identifier || atoiAttr(t, e, "data-evaluations") != want.evaluations ||
					atoiAttr(t, e, "data-decisions") != want.decisions || e.attrs["data-evidence"] != strconv.FormatBool(!noEvidence) {
					t.Errorf("section %s: index %v, queries %+v (without evidence: %v)", section, e.attrs, want, noEvidence)
				}
			}
			if got := atoiAttr(t, totals, "data-sections-without-evidence"); got != len(without) {
				t.Errorf("sections without evidence: index %d, query %d", got, len(without))
			}
			if got := atoiAttr(t, totals, "data-sections-evaluated"); got != len(all) {
				t.Errorf("sections evaluated: index %d, query %d", got, len(all))
			}
			if got, want := atoiAttr(t, totals, "data-unresolved"), b.unresolved(); got != want {
				t.Errorf("unresolved references: index %d, query %d", got, want)
			}
			// The figures the run returns are those on the page.
			if res.Figures.Unresolved != b.unresolved() || res.Figures.Total.WithoutEvidence != len(without) {
				t.Errorf("result figures %+v", res.Figures.Total)
			}
			wantMinisters, wantThemes := b.perMinister(), b.perTheme()
			if !equalCounts(ministers, wantMinisters) || !equalCounts(themes, wantThemes) {
				t.Errorf("ministers %v, query %v; themes %v, query %v", ministers, wantMinisters, themes, wantThemes)
			}
			if v.name == "enriched" && (len(ministers) == 0 || len(themes) == 0) {
				t.Error("the enriched index shows no ministers or themes")
			}
			// The figures in the visible table cells equal the attributes.
			for _, sf := range res.Figures.Sections {
				row := regexp.MustCompile(`(?s)<tr data-section="` + regexp.QuoteMeta(sf.Number) + `".*?</tr>`).FindString(string(index))
				cells := regexp.MustCompile(`<td>([^<]*)</td>`).FindAllStringSubmatch(row, -1)
				if len(cells) != 5 || cells[1][1] != strconv.Itoa(sf.Evaluations) || cells[2][1] != strconv.Itoa(sf.Decisions) {
					t.Errorf("section %s: cells %v", sf.Number, cells)
				}
			}
		})
	}
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// claimReviewBlock is what the tests read of a block.
type claimReviewBlock struct {
	ID            string `json:"@id"`
	Type          string `json:"@type"`
	URL           string `json:"url"`
	ClaimReviewed string `json:"claimReviewed"`
	ItemReviewed  struct {
		ID     string `json:"@id"`
		Author struct {
			ID   string `json:"@id"`
			Name string `json:"name"`
		} `json:"author"`
	} `json:"itemReviewed"`
	Author *struct {
		ID   string `json:"@id"`
		Name string `json:"name"`
	} `json:"author"`
	DatePublished string `json:"datePublished"`
}

// TestClaimReviewBlocks: every evaluation on a page embeds one block that
// parses as JSON, names the evaluation's IRI (the article's
// data-evaluation), a ClaimReview of the graph reviewing the page's
// section, and whose statements are in the graph dump.
func TestClaimReviewBlocks(t *testing.T) {
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			if _, stderr, err := publishTo(t, v.opts(t), dir); err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			b := newBank(readGraph(t, dir))
			pages, _ := filepath.Glob(filepath.Join(dir, "sectie", "*.html"))
			blocks := 0
			for _, p := range pages {
				data, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				elems, err := parsePage(string(data))
				if err != nil {
					t.Fatal(err)
				}
				number := strings.TrimSuffix(filepath.Base(p), ".html")
				article := ""
				for _, e := range elems {
					if e.name == "article" {
						article = e.attrs["data-evaluation"]
					}
					if e.name != "script" {
						continue
					}
					blocks++
					var cr claimReviewBlock
					if err := json.Unmarshal([]byte(e.text), &cr); err != nil {
						t.Fatalf("%s: block does not parse: %v", p, err)
					}
					if cr.ID == "" || cr.ID != article || cr.Type != "ClaimReview" {
						t.Errorf("%s: block @id %q type %q in article %q", p, cr.ID, cr.Type, article)
					}
					if !b.has(cr.ID, vocab.RDFType.String(), vocab.SchemaClaimReview.String()) || !b.has(cr.ID, vocab.SchemaItemReviewed.String(), cr.ItemReviewed.ID) {
						t.Errorf("%s: %s is not a ClaimReview of %s in the graph", p, cr.ID, cr.ItemReviewed.ID)
					}
					if !strings.HasSuffix(cr.ItemReviewed.ID, "/sectie/"+number) {
						t.Errorf("%s: block reviews %s", p, cr.ItemReviewed.ID)
					}
					if cr.ItemReviewed.Author.ID != site.Government.IRI || cr.ItemReviewed.Author.Name != "Vlaamse Regering" {
						t.Errorf("%s: the claim's author is %+v", p, cr.ItemReviewed.Author)
					}
					if cr.ClaimReviewed == "" || !b.has(cr.ItemReviewed.ID, vocab.SchemaText.String(), cr.ClaimReviewed) || !b.has(cr.ID, vocab.Schema+"claimReviewed", cr.ClaimReviewed) {
						t.Errorf("%s: claimReviewed is not the section's text in the graph", p)
					}
					switch v.name {
					case "plain":
						if cr.URL != "" || cr.Author != nil || cr.DatePublished != "" {
							t.Errorf("%s: without a site URL and a publisher the block has url %q, author %v, date %q", p, cr.URL, cr.Author, cr.DatePublished)
						}
					case "enriched":
						want := testSiteURL + "sectie/" + number + ".html#" + site.EvaluationAnchor(strings.TrimPrefix(cr.ID, graph.DefaultBase+"evaluatie/"))
						if cr.URL != want || !b.has(cr.ID, vocab.SchemaURL.String(), want) {
							t.Errorf("%s: url %q, want %q in the block and the graph", p, cr.URL, want)
						}
						if cr.Author == nil || cr.Author.ID != "https://example.org/organisatie/okv" || !b.has(cr.ID, vocab.Schema+"author", cr.Author.ID) {
							t.Errorf("%s: author %+v", p, cr.Author)
						}
						if cr.DatePublished != "2024-10-01" {
							t.Errorf("%s: datePublished %q", p, cr.DatePublished)
						}
					}
				}
			}
			if blocks != 2 {
				t.Errorf("%d blocks, want one per evaluation (2)", blocks)
			}
		})
	}
}

// TestGraphIsExportPlusTheBlocks: the site's graph is export's graph of the
// same reports plus exactly what the blocks state that export does not:
// claimReviewed, url, author and datePublished of the evaluations, the
// claims' author, and the two organizations' type and name.
func TestGraphIsExportPlusTheBlocks(t *testing.T) {
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			opts := v.opts(t)
			dir := filepath.Join(t.TempDir(), "site")
			if _, stderr, err := publishTo(t, opts, dir); err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			var nt strings.Builder
			if _, err := export.Run(context.Background(), export.Options{Inputs: opts.Inputs, Format: graph.NTriples, Enrich: opts.Enrich, Stdout: &nt, Stderr: io.Discard}); err != nil {
				t.Fatal(err)
			}
			exported := lineSet(nt.String())
			data, err := os.ReadFile(filepath.Join(dir, NTriplesFile))
			if err != nil {
				t.Fatal(err)
			}
			published := lineSet(string(data))
			for l := range exported {
				if !published[l] {
					t.Errorf("the site's graph lacks %s", l)
				}
			}
			added := map[string]int{}
			for l := range published {
				if exported[l] {
					continue
				}
				p := strings.Fields(l)[1]
				added[p]++
			}
			want := map[string]int{
				"<" + vocab.Schema + "claimReviewed>": 2,
				"<" + vocab.Schema + "author>":        2 + 2, // two claims by the government
				"<" + vocab.RDFType.String() + ">":    1,     // the government an Organization
				"<" + vocab.Schema + "name>":          1,
			}
			if v.name == "enriched" {
				want["<"+vocab.Schema+"url>"] = 2
				want["<"+vocab.Schema+"datePublished>"] = 2
				want["<"+vocab.RDFType.String()+">"]++ // and the publisher
				want["<"+vocab.Schema+"name>"]++
			} else {
				want["<"+vocab.Schema+"author>"] = 2 // no publisher, no review author
			}
			if !equalCounts(added, want) {
				t.Errorf("added predicates %v, want %v", added, want)
			}
			// The Turtle dump holds the same triples, as rapper reads it.
			ttl, err := os.ReadFile(filepath.Join(dir, TurtleFile))
			if err != nil {
				t.Fatal(err)
			}
			// rapper writes both in its own escaping: compare its readings.
			lines := testtool.RapperNTriples(t, "turtle", ttl)
			ntLines := testtool.RapperNTriples(t, "ntriples", data)
			if strings.Join(lines, "\n") != strings.Join(ntLines, "\n") || len(ntLines) != len(published) {
				t.Errorf("rapper reads %d triples from graph.ttl and %d from graph.nt (which has %d lines); they differ", len(lines), len(ntLines), len(published))
			}
		})
	}
}

func lineSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out[l] = true
		}
	}
	return out
}

// TestByteStable: the same inputs and flags give the same bytes, in any
// directory, on any run.
func TestByteStable(t *testing.T) {
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			var first map[string]string
			for i := range 2 {
				dir := filepath.Join(t.TempDir(), "site"+strconv.Itoa(i))
				opts := v.opts(t)
				opts.Jobs = 1 + i*3 // scheduling must not matter
				if _, stderr, err := publishTo(t, opts, dir); err != nil {
					t.Fatalf("%v\n%s", err, stderr)
				}
				files := tree(t, dir)
				if first == nil {
					first = files
					continue
				}
				if strings.Join(keys(files), " ") != strings.Join(keys(first), " ") {
					t.Fatalf("files differ: %v and %v", keys(first), keys(files))
				}
				for name, content := range files {
					if first[name] != content {
						t.Errorf("%s differs between runs", name)
					}
				}
			}
		})
	}
}

// TestAtomicReplacement: a site is replaced whole; a run that publishes
// nothing, fails or is cancelled leaves it as it was; a directory publish
// did not write is never replaced.
func TestAtomicReplacement(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	opts := Options{Inputs: []string{seedsDir}}
	if _, stderr, err := publishTo(t, opts, dir); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	// A file of the old site that the next one does not write must go.
	if err := os.WriteFile(filepath.Join(dir, "stale.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := tree(t, dir)

	bad := filepath.Join(t.TempDir(), "notes.md")
	if err := os.WriteFile(bad, []byte("# Notes\n\nNothing to see.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name string
		run  func() error
		want error
	}{
		{"nothing to publish", func() error {
			_, _, err := publishTo(t, Options{Inputs: []string{bad, filepath.Join(parent, "missing.md")}}, dir)
			return err
		}, ErrNothingPublished},
		{"cancelled", func() error {
			o := opts
			o.Dir, o.Stdout, o.Stderr = dir, io.Discard, io.Discard
			_, err := Run(cancelled, o)
			return err
		}, context.Canceled},
		{"bad site URL", func() error {
			o := opts
			o.Catalog.SiteURL = "ftp://example.org/"
			_, _, err := publishTo(t, o, dir)
			return err
		}, ErrUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			after := tree(t, dir)
			if len(after) != len(before) {
				t.Fatalf("the site changed: %v, was %v", keys(after), keys(before))
			}
			for k, v := range before {
				if after[k] != v {
					t.Errorf("%s changed", k)
				}
			}
			noLeftovers(t, parent)
		})
	}

	// A successful run replaces the site whole.
	if _, stderr, err := publishTo(t, opts, dir); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	after := tree(t, dir)
	if _, ok := after["stale.html"]; ok {
		t.Error("a file of the old site survived the replacement")
	}
	if _, ok := after[Marker]; !ok {
		t.Error("no marker in the new site")
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm()&0o005 == 0 {
		t.Errorf("site directory mode %v: others cannot read it", fi.Mode())
	}
	noLeftovers(t, parent)

	// Through a symbolic link: the directory it points to is replaced, the
	// link stays.
	link := filepath.Join(parent, "link")
	if err := os.Symlink("site", link); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := publishTo(t, opts, link); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link is no link any more")
	}
	noLeftovers(t, parent)
}

// TestRefusesForeignDirectories: publish replaces only new, empty or
// published directories, and says why not.
func TestRefusesForeignDirectories(t *testing.T) {
	parent := t.TempDir()
	foreign := filepath.Join(parent, "docs")
	if err := os.MkdirAll(foreign, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(foreign, "thesis.tex"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(parent, "site.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(parent, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ dir, want string }{
		{foreign, "was not written by pledgegraph publish"},
		{file, "exists and is not a directory"},
		{filepath.Join(parent, "no", "such", "site"), "does not exist"},
		{"", "no output directory"},
	} {
		_, _, err := publishTo(t, Options{Inputs: []string{seedsDir}}, tc.dir)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err = %v, want %q", tc.dir, err, tc.want)
		}
	}
	if data, err := os.ReadFile(filepath.Join(foreign, "thesis.tex")); err != nil || string(data) != "mine" {
		t.Error("the foreign directory was touched")
	}
	if _, _, err := publishTo(t, Options{Inputs: []string{seedsDir}}, empty); err != nil {
		t.Errorf("an empty directory: %v", err)
	}
	noLeftovers(t, parent)
}

// noLeftovers: no temporary or old site is left beside the target.
func noLeftovers(t *testing.T, parent string) {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// TestBadInputsAreNamedAndSkipped: a report that cannot be used is named
// on stderr and counted; the others are published.
func TestBadInputsAreNamedAndSkipped(t *testing.T) {
	tmp := t.TempDir()
	bad := filepath.Join(tmp, "notes.md")
	if err := os.WriteFile(bad, []byte("# Notes\n\nNothing to see.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(tmp, "leeg.md")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(tmp, "site")
	res, stderr, err := publishTo(t, Options{Inputs: []string{bad, seedsDir + "/000_5f7ed5cae34e348f.txt", empty, filepath.Join(tmp, "missing.md")}}, dir)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if res.Export.Inputs != 4 || res.Export.Exported != 1 || res.Export.Skipped != 3 {
		t.Errorf("result %+v", res.Export)
	}
	for _, want := range []string{"notes.md: not an evaluation report", "leeg.md: empty file", "missing.md", "published 1 of 4 inputs", "3 skipped"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "sectie", "4.3.2.html")); err != nil {
		t.Error(err)
	}
}

// normalize reads N-Triples lines (from any writer) and writes them again
// with knakk/rdf, so that writers' escaping choices compare equal.
func normalize(t *testing.T, lines []string) map[string]bool {
	t.Helper()
	ts, err := rdf.NewTripleDecoder(strings.NewReader(strings.Join(lines, "\n")+"\n"), rdf.NTriples).DecodeAll()
	if err != nil {
		t.Fatalf("%v in\n%s", err, strings.Join(lines, "\n"))
	}
	out := map[string]bool{}
	for _, tr := range ts {
		out[tr.Serialize(rdf.NTriples)] = true
	}
	return out
}

func siteGraph(t *testing.T, dir string) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, NTriplesFile))
	if err != nil {
		t.Fatal(err)
	}
	return normalize(t, strings.Split(strings.TrimSpace(string(data)), "\n"))
}

// TestJSONLDDumpIsTheGraph: graph.jsonld, read by json-gold and by
// jsonld.js with the site's context.jsonld served at its URL (or inline
// without a site URL), holds exactly the triples of graph.nt.
func TestJSONLDDumpIsTheGraph(t *testing.T) {
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			opts := v.opts(t)
			dir := filepath.Join(t.TempDir(), "site")
			if _, stderr, err := publishTo(t, opts, dir); err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			doc, err := os.ReadFile(filepath.Join(dir, JSONLDFile))
			if err != nil {
				t.Fatal(err)
			}
			ctx, err := os.ReadFile(filepath.Join(dir, ContextFile))
			if err != nil {
				t.Fatal(err)
			}
			contexts := map[string][]byte{}
			if u := opts.Catalog.SiteURL; u != "" {
				contexts[u+ContextFile] = ctx
				if !bytes.Contains(doc, []byte(`"@context": "`+u+ContextFile+`"`)) {
					t.Error("graph.jsonld does not name its context under the site URL")
				}
			} else if !bytes.HasPrefix(doc, []byte("{\n  \"@context\": {")) {
				t.Error("without a site URL, graph.jsonld has no inline context")
			}
			loader, err := jsonld.NewLoader(contexts)
			if err != nil {
				t.Fatal(err)
			}
			nq, err := jsonld.ToNQuads(doc, loader)
			if err != nil {
				t.Fatal(err)
			}
			want := siteGraph(t, dir)
			for name, got := range map[string]map[string]bool{
				"json-gold": normalize(t, strings.Split(strings.TrimSpace(string(nq)), "\n")),
				"jsonld.js": normalize(t, testtool.JSONLDToNQuads(t, doc, contexts)),
			} {
				if len(got) != len(want) {
					t.Errorf("%s reads %d triples from graph.jsonld, graph.nt holds %d", name, len(got), len(want))
				}
				for l := range got {
					if !want[l] {
						t.Errorf("%s reads %s, not in graph.nt", name, l)
						break
					}
				}
			}
		})
	}
}

// TestClaimReviewTriplesAreInTheGraph: every statement of every ClaimReview
// block, as json-gold and jsonld.js expand it, is in the site's graph.
func TestClaimReviewTriplesAreInTheGraph(t *testing.T) {
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			if _, stderr, err := publishTo(t, v.opts(t), dir); err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			graphTriples := siteGraph(t, dir)
			pages, _ := filepath.Glob(filepath.Join(dir, "sectie", "*.html"))
			total := 0
			for _, p := range pages {
				data, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				elems, err := parsePage(string(data))
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range elems {
					if e.name != "script" {
						continue
					}
					nq, err := jsonld.ToNQuads([]byte(e.text), nil)
					if err != nil {
						t.Fatalf("%s: %v", p, err)
					}
					for name, lines := range map[string][]string{
						"json-gold": strings.Split(strings.TrimSpace(string(nq)), "\n"),
						"jsonld.js": testtool.JSONLDToNQuads(t, []byte(e.text), nil),
					} {
						got := normalize(t, lines)
						if len(got) < 8 {
							t.Errorf("%s: %s reads only %d triples from a block", p, name, len(got))
						}
						for l := range got {
							if !graphTriples[l] {
								t.Errorf("%s: %s reads %s from a block; the graph lacks it", p, name, l)
							}
						}
						total += len(got)
					}
				}
			}
			if total == 0 {
				t.Fatal("no block read")
			}
		})
	}
}

// TestReviewAuthorIsTheCatalogsPublisher: with a publisher name and no IRI,
// the reviews' author is the node catalog.ttl mints for the publisher, so
// page, graph and catalog name one agent.
func TestReviewAuthorIsTheCatalogsPublisher(t *testing.T) {
	var cfg catalog.Config
	for _, kv := range [][2]string{{"site_url", testSiteURL}, {"publisher.name", "Open Kennis Vlaanderen"}} {
		if err := cfg.Set(kv[0], kv[1]); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(t.TempDir(), "site")
	res, stderr, err := publishTo(t, Options{Inputs: []string{seedsDir}, Catalog: cfg}, dir)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, CatalogFile))
	if err != nil {
		t.Fatal(err)
	}
	ts, err := rdf.NewTripleDecoder(bytes.NewReader(data), rdf.Turtle).DecodeAll()
	if err != nil {
		t.Fatal(err)
	}
	var publisher string
	for _, tr := range ts {
		if tr.Pred.String() == vocab.DCT+"publisher" {
			publisher = tr.Obj.String()
		}
	}
	b := newBank(readGraph(t, dir))
	if publisher == "" || !b.has(publisher, vocab.Schema+"name", "Open Kennis Vlaanderen") || len(b.by[vocab.Schema+"author"]) == 0 {
		t.Fatalf("catalog publisher %q is not the reviews' author in the graph", publisher)
	}
	for eval, authors := range b.by[vocab.Schema+"author"] {
		if strings.Contains(eval, "/evaluatie/") && (len(authors) != 1 || authors[0].String() != publisher) {
			t.Errorf("%s: author %v, the catalog's publisher is %s", eval, authors, publisher)
		}
	}
	// The catalog's warnings name what the configuration left out.
	if len(res.CatalogWarnings) == 0 || !strings.Contains(stderr, "catalog.ttl: warning:") {
		t.Errorf("no catalog warnings for a minimal configuration:\n%s", stderr)
	}
}

// TestNoBrokenInternalLinks: every link within a site built from generated
// reports (which point at other sections) and a report without a section
// leads to a page and an id that exist; links to other sections are links
// only when that section has a page.
func TestNoBrokenInternalLinks(t *testing.T) {
	in := t.TempDir()
	if err := corpus.Generate(in, 120, 7); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(seedsDir, "000_5f7ed5cae34e348f.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// The same report without its section block: an evaluation of no section.
	unsectioned := regexp.MustCompile(`(?s)<details>\s*<summary>Regeerakkoord Sectie.*?</details>`).ReplaceAll(src, nil)
	if err := os.WriteFile(filepath.Join(in, "zz-zonder-sectie.md"), unsectioned, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "site")
	res, stderr, err := publishTo(t, Options{Inputs: []string{in}}, dir)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if res.Figures.Unsectioned != 1 || res.Export.Exported != 121 {
		t.Fatalf("exported %d, unsectioned %d", res.Export.Exported, res.Figures.Unsectioned)
	}
	ids := map[string]map[string]bool{} // page → ids
	links := map[string][]string{}      // page → hrefs
	pages := 0
	for name, content := range tree(t, dir) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		elems, err := parsePage(content)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ids[name] = map[string]bool{}
		for _, e := range elems {
			if id := e.attrs["id"]; id != "" {
				if ids[name][id] {
					t.Errorf("%s: id %q twice", name, id)
				}
				ids[name][id] = true
			}
			if h, ok := e.attrs["href"]; ok && !strings.Contains(h, "://") && !strings.HasPrefix(h, "mailto:") {
				links[name] = append(links[name], h)
			}
		}
	}
	if pages != res.Pages {
		t.Errorf("%d pages, the run counted %d", pages, res.Pages)
	}
	checked := 0
	for page, hrefs := range links {
		for _, h := range hrefs {
			target, frag, _ := strings.Cut(h, "#")
			if target == "" {
				target = page
			} else {
				target = filepath.ToSlash(filepath.Clean(filepath.Join(filepath.Dir(page), target)))
			}
			if _, err := os.Stat(filepath.Join(dir, target)); err != nil {
				t.Errorf("%s links to %s: no such file", page, h)
				continue
			}
			if frag != "" && strings.HasSuffix(target, ".html") && !ids[target][frag] {
				t.Errorf("%s links to %s: no id %q there", page, h, frag)
			}
			checked++
		}
	}
	if checked < 1000 {
		t.Errorf("only %d links checked", checked)
	}
}
