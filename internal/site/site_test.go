package site

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/graph/report"
)

// encodingJSON is what encoding/json writes for a block.
func encodingJSON(t testing.TB, c *claimReview) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(c); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func TestBlockJSONIsEncodingJSONs(t *testing.T) {
	gov := newOrganization(Government)
	tests := []*claimReview{
		{Context: blockContext, ID: "https://x.org/e/1", Type: "ClaimReview"},
		{Context: blockContext, ID: "https://x.org/e/1", Type: "ClaimReview", Name: "Naam <b> & \"zo\"", InLanguage: "nl",
			ClaimReviewed: "tekst\nmet\tcontrole\x01tekens en \u2028 scheiders \u2029 en \xff", ReviewBody: "</script><script>alert(1)</script>",
			ItemReviewed: &claim{ID: "https://x.org/s/4.3.2", Type: "Claim", Author: gov},
			Author:       newOrganization(Agent{IRI: "https://x.org/org", Name: "Open Data", Lang: "en"}),
			URL:          "https://site.example/sectie/4.3.2.html#evaluatie-1", DatePublished: "2024-10-01"},
		{Context: blockContext, ID: "https://x.org/e/2", Type: "ClaimReview", ItemReviewed: &claim{ID: "https://x.org/s/1", Type: "Claim"},
			Author: newOrganization(Agent{IRI: "https://x.org/org", Name: "Vlaams"})},
	}
	for _, c := range tests {
		got, err := c.JSON()
		if err != nil {
			t.Fatal(err)
		}
		if want := encodingJSON(t, c); string(got) != want {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
		if bytes.Contains(got, []byte("</script")) || bytes.Contains(got, []byte("<")) {
			t.Errorf("block can close its script element: %s", got)
		}
	}
}

func FuzzBlockJSON(f *testing.F) {
	f.Add("Naam", "tekst <b>", "oordeel & \"zo\"", "Organisatie")
	f.Add("\x00\x1f\u2028", "\xff\xfe", "\\", "")
	f.Fuzz(func(t *testing.T, name, claimText, body, org string) {
		c := &claimReview{Context: blockContext, ID: "https://x.org/e/1", Type: "ClaimReview", Name: name, InLanguage: "nl",
			ClaimReviewed: claimText, ReviewBody: body, ItemReviewed: &claim{ID: "https://x.org/s/1", Type: "Claim", Author: newOrganization(Government)},
			Author: newOrganization(Agent{IRI: "https://x.org/org", Name: org})}
		got, err := c.JSON()
		if err != nil {
			t.Fatal(err)
		}
		if want := encodingJSON(t, c); string(got) != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
	})
}

// htmlTemplate renders s the way html/template does in a text node, a
// quoted attribute and a link target.
var escapes = template.Must(template.New("").Parse(`<p title="{{.}}">{{.}}</p><a href="{{.}}">`))

func templateEscapes(t testing.TB, s string) (text, attr, href string) {
	t.Helper()
	var b strings.Builder
	if err := escapes.Execute(&b, s); err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?s)^<p title="(.*)">(.*)</p><a href="(.*)">$`).FindStringSubmatch(b.String())
	if m == nil {
		t.Fatalf("unexpected template output %q", b.String())
	}
	return m[2], m[1], m[3]
}

// TestEscapingIsHTMLTemplates: the hand-written fragment escapes text,
// attributes and links exactly as html/template does.
func TestEscapingIsHTMLTemplates(t *testing.T) {
	for _, s := range []string{
		"gewoon", `<script>&"'+`, "\x00", "https://beslissingenvlaamseregering.vlaanderen.be/?search=Plan Vlaamse&startDate=2021-06-18T08:00:00Z",
		"http://themis.vlaanderen.be/id/besluit/ä?x=(1)&y='2'%zz%2", "https://x.org/%E2%80%93", "mailto:a@b.c",
		// whole words of plain bytes around what is escaped
		"Een langere zin zonder iets bijzonders, en dan <b>vet</b> & \"citaat\" of 'zo' + meer (tekst) = 1.",
		strings.Repeat("x", 7) + "<" + strings.Repeat("y", 8) + "+" + strings.Repeat("z", 16) + "\x7f" + strings.Repeat("w", 9) + "\x01",
		strings.Repeat("woordjes", 3) + "é\ufdd0" + strings.Repeat("woordjes", 2) + "\xff" + strings.Repeat("#$%()*=;", 3),
	} {
		checkEscapes(t, s)
	}
}

func checkEscapes(t testing.TB, s string) {
	t.Helper()
	text, attr, href := templateEscapes(t, s)
	text, attr = clean(text), clean(attr)
	if got := string(appendText(nil, s)); got != text || got != attr {
		t.Errorf("%q: text %q, html/template %q and %q", s, got, text, attr)
	}
	if !safeLink(s) {
		return
	}
	if got := string(appendURL(nil, s)); got != clean(href) {
		t.Errorf("%q: link %q, html/template %q", s, got, href)
	}
}

func FuzzEscaping(f *testing.F) {
	f.Add("https://x.org/a b?c=<d>&e='f'")
	f.Add("\xff%")
	f.Add(strings.Repeat("woordjes", 3) + "<&>\"'+" + strings.Repeat("tekst", 4) + "\x00é")
	f.Fuzz(func(t *testing.T, s string) {
		checkEscapes(t, s)
	})
}

func TestSafeLink(t *testing.T) {
	for u, want := range map[string]bool{
		"https://x.org/": true, "HTTP://x.org": true, "mailto:a@b.c": true,
		"javascript:alert(1)": false, "data:text/html,x": false, "/relative": false, "x": false, "//host/x": false,
	} {
		if safeLink(u) != want {
			t.Errorf("safeLink(%q) = %v", u, !want)
		}
	}
}

// TestIsSearchSite: the written-out test is the unresolved-references
// query's regular expression.
func TestIsSearchSite(t *testing.T) {
	re := regexp.MustCompile(`(?i)^https?://(www[.])?beslissingenvlaamseregering[.]vlaanderen[.]be/`)
	for _, u := range []string{
		"https://beslissingenvlaamseregering.vlaanderen.be/?search=x", "HTTP://WWW.beslissingenvlaamseregering.vlaanderen.be/",
		"https://beslissingenvlaamseregering.vlaanderen.be", "https://beslissingenvlaamseregeringXvlaanderen.be/",
		"ftp://beslissingenvlaamseregering.vlaanderen.be/", "http://themis.vlaanderen.be/id/x", "httpss://beslissingenvlaamseregering.vlaanderen.be/",
		"https://www.www.beslissingenvlaamseregering.vlaanderen.be/", "",
	} {
		if got, want := isSearchSite(u), re.MatchString(u); got != want {
			t.Errorf("isSearchSite(%q) = %v, the query's expression says %v", u, got, want)
		}
	}
}

func TestCompareNumbers(t *testing.T) {
	ordered := []string{"1", "2", "2.1", "2.1.9", "2.1.10", "4.3", "4.3.2", "4.3.10", "10", "10.1"}
	for i := range ordered {
		for j := range ordered {
			got := compareNumbers(ordered[i], ordered[j])
			if (i < j) != (got < 0) || (i == j) != (got == 0) {
				t.Errorf("compareNumbers(%s, %s) = %d", ordered[i], ordered[j], got)
			}
		}
	}
}

func TestMonthsWithoutGaps(t *testing.T) {
	a := newAggregates()
	a.decisions = []citedDecision{{"a", "2019-11-30"}, {"b", "2020-02-01"}, {"c", "2020-02-28"}, {"d", ""}, {"e", "not a date"}}
	months, undated := a.months()
	var got []string
	for _, m := range months {
		got = append(got, m.Month+"="+string(rune('0'+m.Decisions)))
	}
	if strings.Join(got, " ") != "2019-11=1 2019-12=0 2020-01=0 2020-02=2" || undated != 2 {
		t.Errorf("months %v, undated %d", got, undated)
	}
}

func TestDutchDates(t *testing.T) {
	for in, want := range map[string]string{"2021-06-18": "18 juni 2021", "2020-01-01": "1 januari 2020", "2020-12-31": "31 december 2020",
		"2020-13-01": "2020-13-01", "2020-00-10": "2020-00-10", "2020-01-32": "2020-01-32", "20a0-01-01": "20a0-01-01", "": ""} {
		if got := dutchDate(in); got != want {
			t.Errorf("dutchDate(%q) = %q, want %q", in, got, want)
		}
		if got := string(appendDutchDate(nil, in)); got != want {
			t.Errorf("appendDutchDate(%q) = %q, want %q", in, got, want)
		}
		if isDate(in) != datePattern.MatchString(in) {
			t.Errorf("isDate(%q) = %v", in, isDate(in))
		}
	}
	if got := monthName("2023-12"); got != "december 2023" {
		t.Errorf("monthName = %q", got)
	}
	if got := excerpt(strings.Repeat("woord ", 40), 30); utf8Len(got) > 32 || !strings.HasSuffix(got, " …") {
		t.Errorf("excerpt = %q", got)
	}
}

func utf8Len(s string) int { return len([]rune(s)) }

// FuzzRenderEvaluation: whatever a report says, its article is
// well-formed, its block is JSON naming the evaluation, and the block's
// additions to the graph are valid triples.
func FuzzRenderEvaluation(f *testing.F) {
	// Small seeds in both report styles: the fuzzer minimizes whatever
	// finds new coverage, and whole reports take it minutes.
	f.Add([]byte("# Evaluatie\n\n<details><summary>Regeerakkoord Sectie </summary><p>4.3.2 FIT promoot Vlaanderen</p></details>\n\nSamenvatting\n\nDe regering deed veel \\[0\\]\\[1\\] [Regeerakkoord: 4.3.2].\n\n- **Digitalisering**: ja \\[1\\]\n\n## Conclusie\n\nGoed [Regeerakkoord].\n\n<details><summary> Referenties</summary>\n\n**[\\[0\\]](http://themis.vlaanderen.be/id/nieuwsbrief-info/60C9F6B7364ED9000800041D)** : **(2021-06-18)** Plan Vlaamse Veerkracht ...\n\n**[\\[1\\]](https://beslissingenvlaamseregering.vlaanderen.be/?search=Plan&startDate=2021-06-18T08:00:00Z)** : **(2021-06-18)** Plan\n\n</details>\n"))
	f.Add([]byte("# Titel\n\n<details><summary>Regeerakkoord Sectie </summary><p>4.3.1 Klanten &amp; meer</p></details>\n\n# Uitvoering\n\n1. Eerste [3] [Regeerakkoord: 1.2]\n2. Tweede\n\n<details><summary> Referenties</summary>\n\n**[[0]](https://example.org/x)** : **(2020-07-17)** Andere bron\n\n</details>\n"))
	f.Add([]byte("# T\n\n<details><summary>Regeerakkoord Sectie </summary><p>1.2 Tekst & <b>meer</b></p></details>\n\nSamenvatting [0] [9] [Regeerakkoord: 3.4] <script>x</script>\n\n<details><summary> Referenties</summary>\n\n**[\\[0\\]](javascript:alert(1))** : **(2021-02-30)** Titel \"x\" 'y' </script>\n\n</details>\n"))
	dir := f.TempDir()
	b, err := New(dir, Config{SiteURL: "https://site.example/", Publisher: Agent{IRI: "https://x.org/org", Name: "Org"}})
	if err != nil {
		f.Fatal(err)
	}
	builder, err := graph.NewBuilder(graph.DefaultBase)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		ev, _, err := report.Parse("r.md", src)
		if err != nil {
			return
		}
		r, _, err := builder.Build(ev)
		if err != nil {
			return
		}
		p, err := b.Prepare(r, ev)
		if err != nil {
			t.Fatalf("prepare: %v", err)
		}
		if p.quoteAt <= 0 || p.quoteAt > len(p.html) || !bytes.HasSuffix(p.html[:p.quoteAt], []byte("</p>\n")) {
			t.Fatalf("quote goes at %d of\n%s", p.quoteAt, p.html)
		}
		// With a quote of the section where the page would put one.
		html := append(append(append([]byte{}, p.html[:p.quoteAt]...), appendQuote(nil, r.Evaluation.String(), string(src))...), p.html[p.quoteAt:]...)
		for _, n := range p.linked {
			if !sectionNumberPattern.MatchString(n) || !bytes.Contains(html, []byte(`href="`+n+`.html"`)) {
				t.Fatalf("linked section %q: not a link to its page", n)
			}
		}
		dec := xml.NewDecoder(bytes.NewReader(html))
		dec.Strict = true
		var script strings.Builder
		inScript := false
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("article not well-formed: %v\n%s", err, html)
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				inScript = tok.Name.Local == "script"
				for _, a := range tok.Attr {
					if a.Name.Local == "href" && !strings.HasPrefix(a.Value, "#") && !safeLink(a.Value) && !strings.HasSuffix(a.Value, ".html") {
						t.Fatalf("unsafe link %q", a.Value)
					}
				}
			case xml.CharData:
				if inScript {
					script.Write(tok)
				}
			case xml.EndElement:
				inScript = false
			}
		}
		var block struct {
			ID string `json:"@id"`
		}
		if err := json.Unmarshal([]byte(script.String()), &block); err != nil || block.ID != r.Evaluation.String() {
			t.Fatalf("block %q: %v", script.String(), err)
		}
		for _, tr := range r.Own {
			if tr.Subj == nil || tr.Pred == nil || tr.Obj == nil {
				t.Fatal("nil term")
			}
		}
	})
}

// sectionNumberPattern is what isSectionNumber must accept, no more.
var sectionNumberPattern = regexp.MustCompile(`^\d{1,3}(\.\d{1,3}){0,3}$`)

func TestIsSectionNumber(t *testing.T) {
	for _, s := range []string{
		"", "4", "4.3", "4.3.2", "4.3.2.1", "4.3.2.1.5", "123.456.789.012", "1234", "4.", ".4", "4..3",
		"4.3.2.", "04.003", "4.3a", "٤.٣", "4.3\n", "4,3", " 4.3", "999.9.99.9",
	} {
		if got, want := isSectionNumber(s), sectionNumberPattern.MatchString(s); got != want {
			t.Errorf("isSectionNumber(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzIsSectionNumber(f *testing.F) {
	f.Add("4.3.2")
	f.Add("1.2.3.4.5")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isSectionNumber(s), sectionNumberPattern.MatchString(s); got != want {
			t.Errorf("isSectionNumber(%q) = %v, want %v", s, got, want)
		}
	})
}

func TestAppendReferenceAnchor(t *testing.T) {
	for _, id := range []string{"4.3.2-cb157fe764070655", "x", "<&>", ""} {
		for _, n := range []int{0, 7, 12345, -1} {
			if got, want := string(appendReferenceAnchor(nil, id, n)), string(appendText(nil, ReferenceAnchor(id, n))); got != want {
				t.Errorf("appendReferenceAnchor(%q, %d) = %q, want %q", id, n, got, want)
			}
		}
	}
}

// A reference table keeps every number, in its slice or beyond it.
func TestRefTable(t *testing.T) {
	tab := newRefTable(2)
	want := map[int]refFacts{}
	for _, n := range []int{0, 2, 3, 99, -1, 1, 99} {
		rf := refFacts{decision: fmt.Sprint("d", n, len(want)), url: fmt.Sprint("u", n)}
		tab.set(n, rf)
		want[n] = rf
	}
	for n, rf := range want {
		if got := tab.get(n); got != rf {
			t.Errorf("get(%d) = %v, want %v", n, got, rf)
		}
	}
	if got := tab.get(7); got != (refFacts{}) {
		t.Errorf("get(7) = %v, want nothing", got)
	}
	seen := 0
	tab.each(func(rf refFacts) {
		if rf != (refFacts{}) {
			seen++
		}
	})
	if seen != len(want) {
		t.Errorf("each visited %d references, want %d", seen, len(want))
	}
}

// The aggregates count each decision once however often it is cited, per
// section and in all, with the earliest date any evaluation gives it.
func TestAggregatesAdd(t *testing.T) {
	a := newAggregates()
	add := func(section, number string, decisions, dates []string) {
		a.add(&evaluationFacts{section: section, number: number, decisions: decisions, dates: dates})
	}
	add("s1", "1.1", []string{"d1", "d2"}, []string{"2021-05-01", ""})
	add("s1", "1.1", []string{"d2", "d3"}, []string{"2020-01-01", "2022-02-02"})
	add("s2", "1.2", []string{"d1"}, []string{"2019-09-09"})
	add("s3", "2.1", nil, nil)
	add("", "", []string{"d3", "d4"}, []string{"2023-01-01", ""})
	want := map[string]string{"d1": "2019-09-09", "d2": "2020-01-01", "d3": "2022-02-02", "d4": ""}
	if len(a.decisions) != len(want) {
		t.Fatalf("%d decisions, want %d: %v", len(a.decisions), len(want), a.decisions)
	}
	for _, cd := range a.decisions {
		if want[cd.iri] != cd.date {
			t.Errorf("%s dated %q, want %q", cd.iri, cd.date, want[cd.iri])
		}
	}
	fig := a.figures()
	per := map[string]int{}
	for _, s := range fig.Sections {
		per[s.Number] = s.Decisions
	}
	if per["1.1"] != 3 || per["1.2"] != 1 || per["2.1"] != 0 || len(a.unsectionedDecisions) != 2 {
		t.Errorf("decisions per section %v, unsectioned %d", per, len(a.unsectionedDecisions))
	}
	if fig.Decisions != 4 || len(fig.Chapters) != 2 || fig.Chapters[0].Decisions != 3 || fig.Chapters[1].Decisions != 0 {
		t.Errorf("figures: %d decisions, chapters %+v", fig.Decisions, fig.Chapters)
	}
}
