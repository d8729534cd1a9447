package site

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/pledgegraph/pledgegraph/graph/report"
)

// SiteName is the name every page carries in its header.
const SiteName = "Regeerakkoord 2019-2024 onder de loep"

//go:embed style.css
var stylesheet string

// favicon is the site's icon: without one a browser asks for
// /favicon.ico and logs a failed request on every site.
//
//go:embed favicon.svg
var favicon string

//go:embed templates.html
var templateText string

var templates = template.Must(template.New("site").Funcs(template.FuncMap{
	"siteName":  func() string { return SiteName },
	"dutchDate": dutchDate,
	"monthName": monthName,
	"excerpt":   func(s string) string { return excerpt(s, 110) },
	"size":      humanSize,
	"yesNo": func(b bool) string {
		if b {
			return "ja"
		}
		return "nee"
	},
}).Parse(templateText))

// page is what every page's head and foot need.
type page struct {
	Title string
	// Root leads from the page to the site root ("" or "../").
	Root      string
	Canonical string
}

func (b *Builder) page(title, rel string) page {
	p := page{Title: title, Root: strings.Repeat("../", strings.Count(rel, "/"))}
	if b.cfg.SiteURL != "" {
		p.Canonical = b.cfg.SiteURL + rel
	}
	return p
}

// Views of an evaluation for the template.
type evalView struct {
	Anchor, IRI, ID, Name, File string
	Groups                      []partGroup
	Refs                        []refView
	Block                       []byte
	Decisions, Unresolved       int
}

type partGroup struct {
	Heading string
	List    bool
	Items   []stmtView
}

type stmtView struct {
	Position    int
	Topic, Text string
	Cites       []citeView
	Agreement   []template.HTML
}

type citeView struct {
	N        int
	Dangling bool
}

type refView struct {
	N                     int
	Date                  string
	Title, Snippet        string
	Href, SearchHref, Raw string
	Status, StatusText    string
	ThemisTitle           string
	Uncited               bool
}

var partHeadings = map[report.Part]string{
	report.PartSummary:    "Samenvatting",
	report.PartDetail:     "Toelichting",
	report.PartConclusion: "Conclusie",
}

// renderEvaluation renders one evaluation's article. It returns where in
// it a quote of the section goes (see appendQuote) and the other sections
// the article links to.
func renderEvaluation(f *evaluationFacts, ev *report.Evaluation, block []byte, titles map[string]string) (html []byte, quoteAt int, linked []string, err error) {
	v := evalView{
		Anchor: EvaluationAnchor(f.id), IRI: f.iri, ID: f.id, Name: f.name,
		Block: block, Decisions: len(f.decisions), Unresolved: f.unresolved,
	}
	if ev.File != "" && ev.File != "-" && !strings.HasPrefix(ev.File, "<") {
		v.File = path.Base(strings.ReplaceAll(ev.File, "\\", "/"))
	}
	// Sized ahead: an evaluation has dozens of references and citations,
	// and growing these one by one cost a tenth of the rendering.
	known := make(map[int]bool, len(ev.References))
	v.Refs = make([]refView, 0, len(ev.References))
	for _, r := range ev.References {
		known[r.Number] = true
	}
	cited := make(map[int]bool, len(ev.References))
	for _, st := range ev.Statements {
		sv := stmtView{Position: st.Position, Topic: st.Topic, Text: st.Text, Cites: make([]citeView, 0, len(st.Citations))}
		for _, n := range st.Citations {
			cited[n] = true
			sv.Cites = append(sv.Cites, citeView{N: n, Dangling: !known[n]})
		}
		for _, num := range st.AgreementRefs {
			own := num == "" || num == f.number
			switch {
			case own && f.number != "":
				sv.Agreement = append(sv.Agreement, template.HTML(`<a class="agreement" href="#belofte">[Regeerakkoord `+template.HTMLEscapeString(f.number)+`]</a>`))
			case num == "":
				sv.Agreement = append(sv.Agreement, template.HTML(`<span class="agreement">[Regeerakkoord]</span>`))
			default:
				sv.Agreement = append(sv.Agreement, agreementLink(num))
				if isSectionNumber(num) {
					linked = append(linked, num)
				}
			}
		}
		heading := partHeadings[st.Part]
		if n := len(v.Groups); n == 0 || v.Groups[n-1].Heading != heading {
			v.Groups = append(v.Groups, partGroup{Heading: heading, List: st.Part == report.PartDetail})
		}
		g := &v.Groups[len(v.Groups)-1]
		g.Items = append(g.Items, sv)
	}
	seen := make(map[int]bool, len(ev.References))
	for _, r := range ev.References {
		if seen[r.Number] {
			continue // a repeated number: the graph keeps the first entry too
		}
		seen[r.Number] = true
		v.Refs = append(v.Refs, referenceView(f, r, !cited[r.Number], titles))
	}
	html, quoteAt = appendEvaluation(fragments.Get().([]byte)[:0], &v)
	return html, quoteAt, linked, nil
}

func referenceView(f *evaluationFacts, r report.Reference, uncited bool, titles map[string]string) refView {
	rf := f.refs.get(r.Number)
	v := refView{
		N: r.Number, Date: r.Date,
		Title: r.Title, Uncited: uncited,
	}
	if rest := strings.TrimSpace(strings.TrimPrefix(r.Text, r.Title)); r.Text != "" && rest != "" {
		switch {
		case !strings.HasPrefix(r.Text, r.Title):
			v.Snippet = r.Text
		case strings.Trim(rest, ".… ") == "":
			v.Title += " …" // the report cut the title off
		default:
			v.Snippet = rest
		}
	}
	switch {
	case rf.decision != "" && r.Kind == report.RefThemis:
		v.Href, v.Status, v.StatusText = rf.decision, "themis", "Themis-beslissing"
	case rf.decision != "":
		v.Href, v.SearchHref, v.Status, v.StatusText = rf.decision, rf.url, "resolved", "gevonden in Themis"
	case rf.url != "" && isSearchSite(rf.url):
		v.Href, v.Status, v.StatusText = rf.url, "unresolved", "niet opgelost: geen Themis-beslissing gevonden"
	case rf.url != "":
		v.Href, v.Status, v.StatusText = rf.url, "other", "andere bron"
	default:
		v.Raw, v.Status, v.StatusText = r.URL, "nolink", "zonder geldige link"
	}
	if v.Href != "" && !safeLink(v.Href) {
		v.Raw, v.Href = v.Href, "" // javascript: and the like are shown, not linked
	}
	if v.SearchHref != "" && !safeLink(v.SearchHref) {
		v.SearchHref = ""
	}
	if t := titles[rf.decision]; t != "" && t != r.Title {
		v.ThemisTitle = t
	}
	return v
}

// sectionView is what a section page's head shows: what the first
// evaluation added to it knows.
type sectionView struct {
	Page                 page
	Number, Chapter, IRI string
	// Text is the section's text as the first evaluation quotes it.
	Text string
}

type unsectionedFigures struct {
	Evaluations, Decisions, Unresolved int
}

// pageHead renders the head of the page an evaluation goes on.
func (b *Builder) pageHead(f *evaluationFacts) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	if f.section == "" {
		err = templates.ExecuteTemplate(&buf, "unsectioned-head", b.page("Evaluaties zonder sectie — "+SiteName, f.page()))
	} else {
		err = templates.ExecuteTemplate(&buf, "section-head", sectionView{
			Page:   b.page("Sectie "+f.number+" — "+SiteName, f.page()),
			Number: f.number, Chapter: chapterOf(f.number), IRI: f.section, Text: clean(f.claimText),
		})
	}
	return buf.Bytes(), err
}

// pageFoot renders the end of a page: its figures (template figures,
// from data), which are known only once every evaluation is in, and the
// site's footer.
func pageFoot(figures string, data any, pg page) ([]byte, error) {
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, figures, data); err != nil {
		return nil, err
	}
	err := templates.ExecuteTemplate(&buf, "foot", pg)
	return buf.Bytes(), err
}

// appendQuote writes the section's text as an evaluation's report quotes
// it, where it differs from the text the page shows.
func appendQuote(b []byte, sectionIRI, text string) []byte {
	b = append(b, "<div class=\"quote\">\n<p class=\"meta\">Dit rapport citeert de sectie zo:</p>\n<blockquote cite=\""...)
	b = appendText(b, sectionIRI)
	b = append(b, "\"><p>"...)
	b = appendText(b, clean(text))
	return append(b, "</p></blockquote>\n</div>\n"...)
}

// agreementLink links a [Regeerakkoord: n] marker to section n's page,
// which every linked section has (a short one when no report evaluates
// it). A number that cannot name a page is shown, not linked.
func agreementLink(number string) template.HTML {
	text := template.HTMLEscapeString("[Regeerakkoord " + number + "]")
	if !isSectionNumber(number) {
		return template.HTML(`<span class="agreement">` + text + `</span>`)
	}
	return template.HTML(`<a class="agreement" href="` + number + `.html">` + text + `</a>`)
}

// Index view.
type indexView struct {
	Page                                                page
	Fig                                                 *Figures
	ChapterChart, MonthChart, MinisterChart, ThemeChart template.HTML
	Dumps                                               []Dump
	UnsectionedPage                                     string
	ChartLimit                                          int
	HasSiteURL                                          bool
}

func (b *Builder) writeIndex(w io.Writer, fig *Figures, dumps []Dump) error {
	v := indexView{
		Page:       b.page(SiteName, IndexFile),
		Fig:        fig,
		Dumps:      dumps,
		ChartLimit: chartLimit,
		HasSiteURL: b.cfg.SiteURL != "",
	}
	v.Page.Canonical = b.cfg.SiteURL
	if fig.Unsectioned > 0 {
		v.UnsectionedPage = SectionDir + "/" + UnsectionedFile
	}
	if len(fig.Chapters) > 0 {
		v.ChapterChart = chapterChart(fig)
	}
	if len(fig.Months) > 0 {
		v.MonthChart = monthChart(fig)
	}
	if fig.Enriched {
		v.MinisterChart = countChart("ministers", "Geciteerde beslissingen per minister", fig.Ministers)
		v.ThemeChart = countChart("themas", "Geciteerde beslissingen per thema", fig.Themes)
	}
	return templates.ExecuteTemplate(w, "index", v)
}

var dutchMonths = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}

// dutchDate writes YYYY-MM-DD as "18 juni 2021".
func dutchDate(d string) string {
	if !isDate(d) {
		return d
	}
	day := strings.TrimPrefix(d[8:10], "0")
	m := int(d[5]-'0')*10 + int(d[6]-'0')
	return day + " " + dutchMonths[m-1] + " " + d[:4]
}

// monthName writes YYYY-MM as "juni 2021".
func monthName(m string) string {
	if len(m) != 7 || m[4] != '-' {
		return m
	}
	n := int(m[5]-'0')*10 + int(m[6]-'0')
	if n < 1 || n > 12 {
		return m
	}
	return dutchMonths[n-1] + " " + m[:4]
}

// excerpt cuts s after about n characters, at a word boundary.
func excerpt(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := 0
	for i := range s {
		if cut >= n {
			s = s[:i]
			break
		}
		cut++
	}
	if i := strings.LastIndexByte(s, ' '); i > len(s)/2 {
		s = s[:i]
	}
	return strings.TrimRight(s, " ,;:.-–") + " …"
}

func humanSize(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return strings.Replace(fmt.Sprintf("%.1f KiB", float64(n)/1024), ".", ",", 1)
	}
	return strings.Replace(fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)), ".", ",", 1)
}
