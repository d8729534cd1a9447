// Package site renders the published graph as a static web site: an index
// with the coverage of the coalition agreement (per chapter, over time, per
// minister and theme), one page per evaluated section with its evaluations,
// statements and references, and in every evaluation a schema.org
// ClaimReview block (JSON-LD) that names the same nodes as the graph.
//
// It is fed report by report (Prepare on any goroutine, Add in order) and
// keeps only small aggregates per section and decision in memory: every
// evaluation is appended to its section's page as it is added, and what
// needs all of them (the figures of each section, the index) is written at
// the end (Finish). Pages are plain HTML with the site's own
// stylesheet, inline SVG charts with text equivalents and tables, and no
// script but the JSON-LD: they work offline and read on a phone.
package site

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/graph/report"
	"github.com/pledgegraph/pledgegraph/vocab"
)

// Config says where the site is served and who publishes it.
type Config struct {
	// SiteURL is where the site will be served: an absolute http(s) URL
	// ending in '/', or "" when not known. Without it pages still link to
	// each other (relatively), but the reviews carry no url.
	SiteURL string
	// Publisher is the author of the reviews; a zero Agent when not given
	// (the blocks then name no author: nothing is invented).
	Publisher Agent
	// DatePublished (YYYY-MM-DD) is stated on every review when set.
	DatePublished string
	// Writeback, if set, is told of the ranges of pages written while
	// reports are added, every 256 KiB of a page and when it is closed
	// (publish has the kernel start writing them to disk). It must not
	// keep f: the page may be closed right after.
	Writeback func(f *os.File, off, n int64)
}

// Dump is a file of the site the index links to (the graph dumps, the
// catalog), with its size.
type Dump struct {
	File      string
	Title     string
	MediaType string
	Bytes     int64
}

// Paths of the site, relative to its root.
const (
	IndexFile       = "index.html"
	StyleFile       = "style.css"
	FaviconFile     = "favicon.svg"
	SectionDir      = "sectie"
	UnsectionedFile = "zonder-sectie.html" // under SectionDir
)

// SectionPage is the path of a section's page, relative to the site root.
func SectionPage(number string) string { return SectionDir + "/" + number + ".html" }

// EvaluationAnchor is the id of an evaluation's article on its page.
func EvaluationAnchor(evaluationID string) string { return "evaluatie-" + evaluationID }

// ReferenceAnchor is the id of reference n of an evaluation on its page.
func ReferenceAnchor(evaluationID string, n int) string {
	return "ref-" + evaluationID + "-" + strconv.Itoa(n)
}

// CheckSiteURL tells whether u can be the site URL: absolute http or https,
// with a host, ending in '/', no query or fragment.
func CheckSiteURL(u string) error {
	p, err := url.Parse(u)
	if err != nil {
		return err
	}
	switch {
	case p.Scheme != "http" && p.Scheme != "https":
		return fmt.Errorf("%q is not an http or https URL", u)
	case p.Host == "":
		return fmt.Errorf("%q has no host", u)
	case p.RawQuery != "" || p.Fragment != "" || strings.HasSuffix(u, "?") || strings.HasSuffix(u, "#"):
		return fmt.Errorf("%q has a query or fragment", u)
	case !strings.HasSuffix(u, "/"):
		return fmt.Errorf("%q must end in '/'", u)
	}
	if _, err := rdf.NewIRI(u); err != nil {
		return fmt.Errorf("%q: %w", u, err)
	}
	return nil
}

var datePattern = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$`)

// Builder builds a site in a directory.
type Builder struct {
	cfg   Config
	dir   string
	pages *pageFiles
	agg   *aggregates
	// linked are the sections evaluations link to, by number.
	linked map[string]struct{}
	// written counts the HTML pages Finish completed.
	written int
	closed  bool
}

// New returns a Builder that writes the site into dir, which must exist
// and hold none of the site's files (publish builds in a fresh temporary
// directory).
func New(dir string, cfg Config) (*Builder, error) {
	if cfg.SiteURL != "" {
		if err := CheckSiteURL(cfg.SiteURL); err != nil {
			return nil, fmt.Errorf("site URL: %w", err)
		}
	}
	if cfg.DatePublished != "" && !datePattern.MatchString(cfg.DatePublished) {
		return nil, fmt.Errorf("date published %q: want YYYY-MM-DD", cfg.DatePublished)
	}
	if (cfg.Publisher.IRI == "") != (cfg.Publisher.Name == "") {
		return nil, errors.New("publisher: give both its IRI and its name, or neither")
	}
	if cfg.Publisher.IRI != "" {
		if err := checkAbsoluteIRI(cfg.Publisher.IRI); err != nil {
			return nil, fmt.Errorf("publisher: %w", err)
		}
	}
	if cfg.Publisher.Lang != "" {
		if _, err := rdf.NewLangLiteral(cfg.Publisher.Name, cfg.Publisher.Lang); err != nil {
			return nil, fmt.Errorf("publisher: language %q: %w", cfg.Publisher.Lang, err)
		}
	}
	return &Builder{
		cfg:    cfg,
		dir:    dir,
		pages:  newPageFiles(dir, cfg.Writeback),
		agg:    newAggregates(),
		linked: map[string]struct{}{},
	}, nil
}

func checkAbsoluteIRI(s string) error {
	scheme, rest, ok := strings.Cut(s, ":")
	if !ok || scheme == "" || rest == "" || strings.ContainsAny(scheme, "/?#") {
		return fmt.Errorf("%q is not an absolute IRI", s)
	}
	if _, err := rdf.NewIRI(s); err != nil {
		return fmt.Errorf("%q: %w", s, err)
	}
	return nil
}

// Start takes what the endpoint states about the cited decisions (their
// ministers and themes); call it before the first Add.
func (b *Builder) Start(enrichment []rdf.Triple) { b.agg.enrichment(enrichment) }

// Prepared is one evaluation, ready to be added: its aggregates and its
// rendered HTML.
type Prepared struct {
	ev   evaluationFacts
	html []byte
	// quoteAt is where in html the section's text goes when the report
	// quotes it otherwise than the page does.
	quoteAt int
	// linked are the other sections the evaluation links to.
	linked []string
}

// Prepare adds to r the statements the evaluation's ClaimReview block makes
// that the builder does not (its page URL, the claim reviewed, the authors),
// so that every triple of the block is in the graph, and renders the
// evaluation's HTML. It is safe for concurrent use.
func (b *Builder) Prepare(r *graph.Report, ev *report.Evaluation) (*Prepared, error) {
	facts, err := factsOf(r, ev)
	if err != nil {
		return nil, err
	}
	cr := b.claimReview(&facts)
	own, shared, err := cr.additions()
	if err != nil {
		return nil, err
	}
	insertOwn(r, own)
	r.Shared = append(r.Shared, shared...)
	block, err := cr.JSON()
	if err != nil {
		return nil, err
	}
	html, quoteAt, linked, err := renderEvaluation(&facts, ev, block, b.agg.titles)
	if err != nil {
		return nil, fmt.Errorf("evaluation %s: %w", facts.iri, err)
	}
	facts.dropDetails()
	return &Prepared{ev: facts, html: html, quoteAt: quoteAt, linked: linked}, nil
}

// claimReview is the block of an evaluation.
func (b *Builder) claimReview(f *evaluationFacts) *claimReview {
	cr := &claimReview{
		Context:       blockContext,
		ID:            f.iri,
		Type:          "ClaimReview",
		Name:          f.name,
		DatePublished: b.cfg.DatePublished,
		InLanguage:    f.inLanguage,
		ClaimReviewed: f.claimText,
		Author:        newOrganization(b.cfg.Publisher),
		ReviewBody:    f.reviewBody,
	}
	if b.cfg.SiteURL != "" {
		cr.URL = b.cfg.SiteURL + f.page() + "#" + EvaluationAnchor(f.id)
	}
	if f.section != "" {
		cr.ItemReviewed = &claim{ID: f.section, Type: "Claim", Author: newOrganization(Government)}
	}
	return cr
}

// insertOwn puts the evaluation's new triples right after the builder's
// triples about it (they come first), so Turtle writes them in one block.
func insertOwn(r *graph.Report, own []rdf.Triple) {
	if len(own) == 0 {
		return
	}
	eval := r.Evaluation.String()
	i := 0
	for i < len(r.Own) && r.Own[i].Subj.String() == eval {
		i++
	}
	r.Own = slices.Insert(r.Own, i, own...)
}

// Add takes a prepared evaluation, in the order of the reports: its HTML
// is appended to its page (the page's head is written first when the
// evaluation is the page's first), its figures go into the aggregates.
func (b *Builder) Add(p *Prepared) error {
	if b.closed {
		return errors.New("site: Add after Finish")
	}
	f := &p.ev
	pg, first := b.pages.page(f.page())
	if first {
		head, err := b.pageHead(f)
		if err != nil {
			return fmt.Errorf("site: %s: %w", f.page(), err)
		}
		pg.text = f.claimText
		if err := b.pages.write(pg, head); err != nil {
			return err
		}
	}
	var err error
	if f.section != "" && f.claimText != "" && f.claimText != pg.text {
		err = b.pages.write(pg, p.html[:p.quoteAt], appendQuote(nil, f.section, f.claimText), p.html[p.quoteAt:])
	} else {
		err = b.pages.write(pg, p.html)
	}
	if err != nil {
		return err
	}
	b.agg.add(f)
	for _, n := range p.linked {
		b.linked[n] = struct{}{}
	}
	fragments.Put(p.html[:0]) // written: the buffer serves the next evaluation
	p.html = nil
	return nil
}

// fragments recycles the buffers evaluations are rendered into: a site of
// 10,000 reports renders 200 MB of them, which the collector would
// otherwise sweep and clear again and again.
var fragments = sync.Pool{New: func() any { return make([]byte, 0, 32<<10) }}

// Pages counts the HTML pages Finish wrote.
func (b *Builder) Pages() int { return b.written }

// Finish completes the site: the figures at the end of every page, a short
// page for every section linked to that no report evaluates, the index
// (dumps are listed on it), the stylesheet and the icon. It returns the
// figures shown.
func (b *Builder) Finish(dumps []Dump) (*Figures, error) {
	if b.closed {
		return nil, errors.New("site: Finish twice")
	}
	defer b.Close()
	fig := b.agg.figures()
	if err := b.writeFile(StyleFile, func(w io.Writer) error { _, err := io.WriteString(w, stylesheet); return err }); err != nil {
		return nil, err
	}
	if err := b.writeFile(FaviconFile, func(w io.Writer) error { _, err := io.WriteString(w, favicon); return err }); err != nil {
		return nil, err
	}
	pages := 0
	evaluated := make(map[string]bool, len(fig.Sections))
	for _, sf := range fig.Sections {
		rel := SectionPage(sf.Number)
		if evaluated[sf.Number] {
			continue // two section IRIs with one number share a page (and its first figures)
		}
		evaluated[sf.Number] = true
		pg, _ := b.pages.page(rel)
		foot, err := pageFoot("section-foot", sf, b.page("", rel))
		if err != nil {
			return nil, fmt.Errorf("site: %s: %w", rel, err)
		}
		if err := b.finishPage(pg, foot); err != nil {
			return nil, err
		}
		pages++
	}
	if b.agg.unsectioned > 0 {
		rel := SectionDir + "/" + UnsectionedFile
		pg, _ := b.pages.page(rel)
		foot, err := pageFoot("unsectioned-foot", unsectionedFigures{Evaluations: b.agg.unsectioned,
			Decisions: len(b.agg.unsectionedDecisions), Unresolved: b.agg.unsectionedUnresolved}, b.page("", rel))
		if err != nil {
			return nil, fmt.Errorf("site: %s: %w", rel, err)
		}
		if err := b.finishPage(pg, foot); err != nil {
			return nil, err
		}
		pages++
	}
	for _, number := range b.unevaluated(evaluated) {
		rel := SectionPage(number)
		v := sectionView{Page: b.page("Sectie "+number+" — "+SiteName, rel), Number: number, Chapter: chapterOf(number)}
		if err := b.writeFile(rel, func(w io.Writer) error { return templates.ExecuteTemplate(w, "section-unevaluated", v) }); err != nil {
			return nil, err
		}
		pages++
	}
	if err := b.writeFile(IndexFile, func(w io.Writer) error { return b.writeIndex(w, fig, dumps) }); err != nil {
		return nil, err
	}
	b.written = pages + 1
	if err := b.pages.closeAll(); err != nil {
		return nil, err
	}
	return fig, nil
}

// finishPage writes the end of a page and closes it.
func (b *Builder) finishPage(pg *pageFile, foot []byte) error {
	if err := b.pages.write(pg, foot); err != nil {
		return err
	}
	return b.pages.close(pg)
}

// unevaluated returns the sections evaluations link to that have no page
// of their own, in the agreement's order.
func (b *Builder) unevaluated(evaluated map[string]bool) []string {
	var out []string
	for n := range b.linked {
		if !evaluated[n] {
			out = append(out, n)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if c := compareNumbers(out[i], out[j]); c != 0 {
			return c < 0
		}
		return out[i] < out[j]
	})
	return out
}

// Close closes the pages still open; it is safe to call more than once.
// After a failure the caller removes the directory.
func (b *Builder) Close() error {
	if b.closed {
		return nil
	}
	b.closed = true
	return b.pages.closeAll()
}

// writeFile writes one file of the site through a buffer.
func (b *Builder) writeFile(rel string, write func(io.Writer) error) error {
	path := filepath.Join(b.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("site: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("site: %w", err)
	}
	w := bufio.NewWriterSize(f, 64<<10)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("site: %s: %w", rel, err)
	}
	return nil
}

// Predicates read from the report's triples: the figures must follow the
// graph, as the stored queries see it, not the parser's model.
var (
	pItemReviewed    = vocab.SchemaItemReviewed.String()
	pCitesAsEvidence = vocab.CitoCitesAsEvidence.String()
	pHasCitedEntity  = vocab.CitoHasCitedEntity.String()
	pSchemaURL       = vocab.SchemaURL.String()
	pSchemaName      = vocab.SchemaName.String()
	pSchemaText      = vocab.SchemaText.String()
	pReviewBody      = vocab.SchemaReviewBody.String()
	pInLanguage      = vocab.SchemaInLanguage.String()
	pDCTDate         = vocab.DCTDate.String()
	pDCTIdentifier   = vocab.DCTIdentifier.String()
)

// isSearchSite is the test of the unresolved-references query, the regular
// expression (?i)^https?://(www[.])?beslissingenvlaamseregering[.]vlaanderen[.]be/
// written out: is the URL on the decisions site.
func isSearchSite(u string) bool {
	cut := func(prefix string) bool {
		if len(u) >= len(prefix) && strings.EqualFold(u[:len(prefix)], prefix) {
			u = u[len(prefix):]
			return true
		}
		return false
	}
	if !cut("http") {
		return false
	}
	cut("s")
	if !cut("://") {
		return false
	}
	cut("www.")
	return cut("beslissingenvlaamseregering.vlaanderen.be/")
}

// evaluationFacts is what the site knows of one evaluation, read from its
// graph (and, for what the graph does not hold, such as the order of
// statements' parts, from the parsed report).
type evaluationFacts struct {
	iri, id    string
	name       string
	reviewBody string
	inLanguage string
	// section is the IRI of the section reviewed, number its dct:identifier,
	// claimText its text as this report quotes it; "" without a section.
	section, number, claimText string
	decisions                  []string // cited as evidence, sorted
	dates                      []string // of each decision, its earliest dct:date
	unresolved                 int
	// refs: per reference number, the decision it cites and its URL, as in
	// the graph. Dropped once rendered (see dropDetails).
	refs refTable
}

type refFacts struct {
	decision, url string
}

// refTable holds refFacts by reference number: in a slice for the numbers
// a report's list runs through (0 to about its length), in a map for
// others. A map for all took a quarter of the time reading an
// evaluation's facts took.
type refTable struct {
	dense  []refFacts
	sparse map[int]refFacts
}

func newRefTable(references int) refTable {
	return refTable{dense: make([]refFacts, references+1)}
}

func (t *refTable) get(n int) refFacts {
	if n >= 0 && n < len(t.dense) {
		return t.dense[n]
	}
	return t.sparse[n]
}

func (t *refTable) set(n int, rf refFacts) {
	if n >= 0 && n < len(t.dense) {
		t.dense[n] = rf
		return
	}
	if t.sparse == nil {
		t.sparse = map[int]refFacts{}
	}
	t.sparse[n] = rf
}

// each calls f for every reference set, and for numbers of the dense part
// never set (with zero facts).
func (t *refTable) each(f func(refFacts)) {
	for _, rf := range t.dense {
		f(rf)
	}
	for _, rf := range t.sparse {
		f(rf)
	}
}

func (f *evaluationFacts) page() string {
	if f.number == "" {
		return SectionDir + "/" + UnsectionedFile
	}
	return SectionPage(f.number)
}

func (f *evaluationFacts) dropDetails() { f.refs = refTable{} }

// factsOf reads an evaluation's facts from its graph.
func factsOf(r *graph.Report, ev *report.Evaluation) (evaluationFacts, error) {
	f := evaluationFacts{
		iri:  r.Evaluation.String(),
		id:   graph.EvaluationID(ev),
		refs: newRefTable(len(ev.References)),
	}
	refPrefix := f.iri + "#ref-"
	for _, t := range r.Own {
		s, p := t.Subj.String(), t.Pred.String()
		switch {
		case s == f.iri:
			switch p {
			case pItemReviewed:
				f.section = t.Obj.String()
			case pSchemaName:
				f.name = t.Obj.String()
			case pReviewBody:
				f.reviewBody = t.Obj.String()
			case pInLanguage:
				f.inLanguage = t.Obj.String()
			case pCitesAsEvidence:
				f.decisions = append(f.decisions, t.Obj.String())
			}
		case strings.HasPrefix(s, refPrefix):
			n, ok := atoi(s[len(refPrefix):])
			if !ok {
				continue
			}
			rf := f.refs.get(n)
			switch p {
			case pHasCitedEntity:
				rf.decision = t.Obj.String()
			case pSchemaURL:
				rf.url = t.Obj.String()
			}
			f.refs.set(n, rf)
		}
	}
	f.refs.each(func(rf refFacts) {
		if rf.decision == "" && isSearchSite(rf.url) {
			f.unresolved++
		}
	})
	sortStrings(f.decisions)
	f.dates = make([]string, len(f.decisions))
	cited := make(map[string]int, len(f.decisions))
	for i, d := range f.decisions {
		cited[d] = i
	}
	for _, t := range r.Shared {
		s, p := t.Subj.String(), t.Pred.String()
		switch {
		case s == f.section && p == pDCTIdentifier:
			f.number = t.Obj.String()
		case s == f.section && p == pSchemaText && f.claimText == "":
			f.claimText = t.Obj.String()
		case p == pDCTDate:
			if i, ok := cited[s]; ok {
				if d := t.Obj.String(); f.dates[i] == "" || d < f.dates[i] {
					f.dates[i] = d
				}
			}
		}
	}
	if f.section != "" && !isSectionNumber(f.number) {
		// The builder mints section IRIs only for numbers the parser took;
		// a page name from anything else could leave the site.
		return f, fmt.Errorf("section %s: unexpected identifier %q", f.section, f.number)
	}
	return f, nil
}

// isSectionNumber tells whether s is a section number the site makes a
// page of: one to four groups of one to three digits, separated by dots
// (the regular expression ^\d{1,3}(\.\d{1,3}){0,3}$, which took an
// eighth of the time reading an evaluation's facts took).
func isSectionNumber(s string) bool {
	groups, digits := 1, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			if digits++; digits > 3 {
				return false
			}
		case c == '.' && digits > 0 && groups < 4:
			groups, digits = groups+1, 0
		default:
			return false
		}
	}
	return digits > 0
}

func atoi(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
