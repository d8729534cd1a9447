package site

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pledgegraph/pledgegraph/graph"
	"github.com/pledgegraph/pledgegraph/graph/report"
)

// reportText is a small report on a section, quoting text, saying what.
func reportText(section, text, what string) string {
	return "# Evaluatie " + what + "\n\n<details><summary>Regeerakkoord Sectie </summary><p>" + section + " " + text + "</p></details>\n\n" +
		"Samenvatting\n\n" + what + " \\[0\\].\n\n<details><summary> Referenties</summary>\n\n" +
		"**[\\[0\\]](http://themis.vlaanderen.be/id/nieuwsbrief-info/60C9F6B7364ED9000800041D)** : **(2021-06-18)** Plan Vlaamse Veerkracht\n\n</details>\n"
}

// TestPagesAsReportsPass: evaluations go on their section's page in the
// order they are added, also when pages are closed and opened again in
// between (one open page at a time here); the page shows the first
// report's quote of the section and every other quote at its evaluation;
// the figures end the page; a section an evaluation links to but no
// report evaluates gets a short page of its own.
func TestPagesAsReportsPass(t *testing.T) {
	for _, tt := range []struct {
		name                   string
		maxOpen, chunk, budget int
	}{
		{"one page open", 1, pageChunk, pagesGathered},
		{"every part written at once", 1, 1, 1},
		{"pages written as all together gather enough", 2, 1 << 20, 3000},
		{"pages written as each gathers enough", 2, 2000, 1 << 20},
	} {
		t.Run(tt.name, func(t *testing.T) {
			testPagesAsReportsPass(t, tt.maxOpen, tt.chunk, tt.budget)
		})
	}
}

func testPagesAsReportsPass(t *testing.T, maxOpen, chunk, budget int) {
	dir := t.TempDir()
	b, err := New(dir, Config{})
	if err != nil {
		t.Fatal(err)
	}
	b.pages.maxOpen, b.pages.chunk, b.pages.budget = maxOpen, chunk, budget
	builder, err := graph.NewBuilder(graph.DefaultBase)
	if err != nil {
		t.Fatal(err)
	}
	reports := []string{
		reportText("4.3.2", "De eerste versie.", "Eerste oordeel [Regeerakkoord: 1.2] [Regeerakkoord: 4.3.1]"),
		reportText("4.3.1", "Een andere sectie.", "Tweede oordeel"),
		reportText("4.3.2", "De tweede versie.", "Derde oordeel"),
		reportText("4.3.2", "De eerste versie.", "Vierde oordeel"),
	}
	var ids []string
	for i, src := range reports {
		ev, _, err := report.Parse(fmt.Sprintf("r%d.md", i), []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		r, _, err := builder.Build(ev)
		if err != nil {
			t.Fatal(err)
		}
		p, err := b.Prepare(r, ev)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Add(p); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, graph.EvaluationID(ev))
		if b.pages.open > maxOpen {
			t.Fatalf("%d pages open", b.pages.open)
		}
		if b.pages.gathered > budget {
			t.Fatalf("%d bytes gathered, more than %d", b.pages.gathered, budget)
		}
	}
	fig, err := b.Finish(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(fig.Sections) != 2 || fig.Sections[1].Number != "4.3.2" || fig.Sections[1].Text != "De eerste versie." {
		t.Fatalf("sections %+v", fig.Sections)
	}
	if b.Pages() != 4 {
		t.Errorf("%d pages, want the index, two sections and one linked to", b.Pages())
	}
	read := func(rel string) string {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	page := read(SectionPage("4.3.2"))
	articles := regexp.MustCompile(`<article class="evaluation" id="evaluatie-([^"]+)"`).FindAllStringSubmatch(page, -1)
	if len(articles) != 3 || articles[0][1] != ids[0] || articles[1][1] != ids[2] || articles[2][1] != ids[3] {
		t.Errorf("articles %v, want %v in order", articles, []string{ids[0], ids[2], ids[3]})
	}
	if !strings.Contains(page, `<h2 id="belofte-titel">De belofte</h2>`+"\n"+`<blockquote cite="`+graph.DefaultBase+`regeerakkoord/2019-2024/sectie/4.3.2"><p>De eerste versie.</p></blockquote>`) {
		t.Error("the head does not show the first quote")
	}
	quotes := regexp.MustCompile(`(?s)<div class="quote">.*?<p>([^<]*)</p></blockquote>`).FindAllStringSubmatch(page, -1)
	if len(quotes) != 1 || quotes[0][1] != "De tweede versie." {
		t.Errorf("quotes at evaluations %v, want the second version once", quotes)
	}
	third := strings.Index(page, `id="evaluatie-`+ids[2]+`"`)
	if q := strings.Index(page, `<div class="quote">`); q < third || q > strings.Index(page, `id="evaluatie-`+ids[3]+`"`) {
		t.Error("the quote is not in the third report's article")
	}
	figures := strings.Index(page, `<section id="cijfers"`)
	if figures < strings.LastIndex(page, "</article>") || !strings.Contains(page[figures:], `data-evaluations="3"`) || !strings.HasSuffix(page, "</html>\n") {
		t.Errorf("the figures do not end the page:\n%s", page[max(figures, 0):])
	}
	if !strings.Contains(page, `<a class="agreement" href="1.2.html">[Regeerakkoord 1.2]</a>`) || !strings.Contains(page, `<a class="agreement" href="4.3.1.html">[Regeerakkoord 4.3.1]</a>`) {
		t.Error("links to other sections missing")
	}
	stub := read(SectionPage("1.2"))
	if !strings.Contains(stub, `data-page="section-unevaluated" data-section="1.2"`) || strings.Contains(stub, "<article") || !strings.HasSuffix(stub, "</html>\n") {
		t.Errorf("page of a section no report evaluates:\n%s", stub)
	}
	if other := read(SectionPage("4.3.1")); !strings.Contains(other, `data-page="section"`) || strings.Count(other, "<article") != 1 {
		t.Error("4.3.1 is evaluated: it has its own page, not a short one")
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, SectionDir)); len(entries) != 3 {
		t.Errorf("%d files in %s, want 3", len(entries), SectionDir)
	}
}

// TestAgreementLink: a number that cannot name a page is not linked.
func TestAgreementLink(t *testing.T) {
	for in, want := range map[string]string{
		"4.3.2":     `<a class="agreement" href="4.3.2.html">[Regeerakkoord 4.3.2]</a>`,
		"../x":      `<span class="agreement">[Regeerakkoord ../x]</span>`,
		"1.2.3.4.5": `<span class="agreement">[Regeerakkoord 1.2.3.4.5]</span>`,
		`"><b>`:     `<span class="agreement">[Regeerakkoord &#34;&gt;&lt;b&gt;]</span>`,
	} {
		if got := string(agreementLink(in)); got != want {
			t.Errorf("agreementLink(%q) = %s, want %s", in, got, want)
		}
	}
}
