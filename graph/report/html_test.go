package report

import (
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

func TestRenderHTML(t *testing.T) {
	tests := []struct {
		in, out string
		warns   []string
	}{
		{"a <b>b</b> <EM>c</EM> d", "a b c d", nil},
		{"x<br>y<br/>z<br />w", "x y z w", nil},
		{"<p>een</p><div>twee</div>", " een  twee ", nil},
		{"<Visienota> en </Visienota> <Basisonderwijs II> <B-attest>", "<Visienota> en </Visienota> <Basisonderwijs II> <B-attest>", nil},
		{"< b> <> <3 a<b c", "< b> <> <3 a<b c", nil},
		{`<a href="x" title='y' data-x=z>l</a>`, "l", nil},
		{`<a href="x>l`, `<a href="x>l`, nil},
		{"<!-- a --> b", "  b", []string{"r.md:1: HTML comment <!-- … --> ignored"}},
		{"<!--> <!---> c", "    c", []string{"r.md:1: HTML comment <!-- … --> ignored"}},
		{"<!-- a", "<!-- a", nil},
		{"a\n<!-- b\nc -->d\n<img src=x>", "a\n \nd\n ", []string{"r.md:2: HTML comment <!-- … --> ignored", "r.md:4: HTML <img …> ignored"}},
		{"<?php x ?><!DOCTYPE html><![CDATA[y]]>", "   ", []string{
			"r.md:1: HTML processing instruction <?…?> ignored", "r.md:1: HTML declaration <!DOCTYPE …> ignored", "r.md:1: HTML CDATA section <![CDATA[…]]> ignored"}},
		{"<table><tr><td>a</td><td>b</td></tr></table>", "   a  b   ", []string{"r.md:1: HTML <table> ignored", "r.md:1: HTML <tr> ignored", "r.md:1: HTML <td> ignored"}},
		{"</td>", " ", []string{"r.md:1: HTML </td> ignored"}},
		{`<p x="<b>">t`, " t", nil},
		// A quote searched for in vain from the end must not hide one found
		// earlier by a later tag.
		{`<span a="<i b=" c=">t`, `<span a="t`, nil},
		{strings.Repeat("<!--", 3) + "x", strings.Repeat("<!--", 3) + "x", nil},
	}
	for _, tc := range tests {
		p := &parse{name: "r.md"}
		out, read := p.renderHTML(tc.in, 1, false)
		if out != tc.out || read != len(tc.in) {
			t.Errorf("%q: got %q (read %d), want %q", tc.in, out, read, tc.out)
		}
		if got := warningStrings(p.warnings); !reflect.DeepEqual(got, tc.warns) {
			t.Errorf("%q: warnings %q, want %q", tc.in, got, tc.warns)
		}
	}
}

func TestRenderHTMLToEOL(t *testing.T) {
	tests := []struct {
		in, out string
		read    int
	}{
		{"<p>a</p>\nb\n", " a \n", 9},
		{"<p>a <!-- x\ny --> b\nc\n", " a  \n b\n", 20},
		{"<p>a", " a", 4},
	}
	for _, tc := range tests {
		p := &parse{name: "r.md"}
		out, read := p.renderHTML(tc.in, 1, true)
		if out != tc.out || read != tc.read {
			t.Errorf("%q: got %q, %d; want %q, %d", tc.in, out, read, tc.out, tc.read)
		}
	}
}

// TestNoSilentLoss builds documents from report-like lines, markdown and
// HTML, each with a word in angle brackets that is no element name, and
// checks that every such word comes out in the model or that a warning
// names its block.
func TestNoSilentLoss(t *testing.T) {
	lines := []string{
		"%s tekst [0]", "- %s item", "  - %s nested", "1. %s num", "<p>%s para</p>", "<div>%s</div>",
		"<details>", "<summary>%s label</summary>", "</details>", "", "", "<b>%s</b> vet", "> %s quote",
		"## Conclusie", "%s<br>na", `<span class="x">%s</span>`, "<!-- c --> %s", "<i>\n%s</i>",
		"**%s**: topic", "- **%s**: topic", "<p>\n%s\n</p>", "<table><tr><td>%s</td></tr></table>",
		"    %s", "<pre>\n%s\n</pre>", "<!--\n%s\n-->", "<script>%s</script> %s",
	}
	r := rand.New(rand.NewSource(1))
	for range 1000 {
		var body []string
		words := 0
		for range 3 + r.Intn(12) {
			l := lines[r.Intn(len(lines))]
			for strings.Contains(l, "%s") {
				l = strings.Replace(l, "%s", fmt.Sprintf("<Woord%d>", words), 1)
				words++
			}
			body = append(body, l)
		}
		src := report(strings.Join(body, "\n"))
		ev, ws, err := Parse("r.md", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		out.WriteString(ev.Title + "\n" + ev.Section.Text + "\n")
		for _, st := range ev.Statements {
			out.WriteString(st.Topic + " " + st.Text + "\n")
		}
		for _, ref := range ev.References {
			out.WriteString(ref.Title + " " + ref.Text + "\n")
		}
		warned := map[int]bool{}
		for _, w := range ws {
			warned[w.Line] = true
		}
		srcLines := strings.Split(src, "\n")
	word:
		for n := range words {
			word := fmt.Sprintf("<Woord%d>", n)
			if strings.Contains(out.String(), word) {
				continue
			}
			at := 0
			for i, l := range srcLines {
				if strings.Contains(l, word) {
					at = i
				}
			}
			for i := at; i >= 0 && strings.TrimSpace(srcLines[i]) != ""; i-- {
				if warned[i+1] {
					continue word
				}
			}
			t.Fatalf("%s lost without a warning (line %d)\n%s\nstatements %+v\nwarnings %q", word, at+1, src, ev.Statements, warningStrings(ws))
		}
	}
}
