// Package corpus generates synthetic evaluation reports shaped like the
// seed reports, for benchmarks and for testing the parser at scale.
//
// Reports come in the two seed styles, chosen per report: style A (a
// "Samenvatting" line, "- **Topic**: …" bullets, "## Conclusie", a
// "### Referenties" marker line and Themis IRIs with title and snippet) and
// style B (a second "#" heading, numbered items and search URLs of
// beslissingenvlaamseregering.vlaanderen.be). Sections and decisions come
// from pools that depend only on the seed, so sections repeat across reports
// and many reports cite the same Themis IRI. Report i depends only on i and
// the seed: the same arguments always give the same bytes.
package corpus

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Name is the file name of report i: "r00042_<16 hex digits>.md".
func Name(i int, seed int64) string {
	r := rand.New(rand.NewPCG(uint64(seed)^0x6e616d65, uint64(i)))
	return fmt.Sprintf("r%05d_%016x.md", i, r.Uint64())
}

// Write writes report i of the corpus for seed.
func Write(w io.Writer, i int, seed int64) error {
	var b bytes.Buffer
	b.Grow(16 << 10)
	render(&b, i, seed)
	_, err := w.Write(b.Bytes())
	return err
}

// Generate writes reports 0 … n-1 into dir (created if needed), each under
// its Name.
func Generate(dir string, n int, seed int64) error {
	if n < 0 {
		return fmt.Errorf("corpus: negative report count %d", n)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var b bytes.Buffer
	for i := range n {
		b.Reset()
		render(&b, i, seed)
		if err := os.WriteFile(filepath.Join(dir, Name(i, seed)), b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Size bounds of a report in bytes, what the generator aims for.
const (
	minSize = 10 << 10
	maxSize = 15 << 10
)

type report struct {
	r       *rand.Rand
	p       *pool
	tw      *themeWords
	sec     section
	styleB  bool
	escaped bool // \[3\] rather than [3]
	refs    []decision
}

func (rp *report) marker(n int) string {
	if rp.escaped {
		return fmt.Sprintf(`\[%d\]`, n)
	}
	return fmt.Sprintf("[%d]", n)
}

func (rp *report) markers(ns []int) string {
	var b strings.Builder
	for _, n := range ns {
		b.WriteString(rp.marker(n))
	}
	return b.String()
}

// render writes report i. Sizes are aimed at, not exact: a draw that falls
// outside minSize–maxSize is redrawn (deterministically, from attempt k).
func render(b *bytes.Buffer, i int, seed int64) {
	for k := 0; ; k++ {
		b.Reset()
		renderTry(b, i, seed, k)
		if n := b.Len(); n >= minSize && n <= maxSize || k == 15 {
			return
		}
	}
}

func renderTry(b *bytes.Buffer, i int, seed int64, k int) {
	r := rand.New(rand.NewPCG(uint64(seed), uint64(i)|1<<40|uint64(k)<<48))
	p := poolFor(seed)
	sec := p.sections[r.IntN(len(p.sections))]
	rp := &report{r: r, p: p, tw: &p.themes[sec.theme], sec: sec, styleB: r.IntN(2) == 1, escaped: r.IntN(10) > 0}
	target := minSize + 300 + r.IntN(maxSize-minSize-700)

	// References: mostly from the section's theme, some from elsewhere.
	nref := 15 + r.IntN(16)
	used := map[string]bool{}
	for len(rp.refs) < nref {
		ti := sec.theme
		if r.IntN(4) == 0 {
			ti = r.IntN(len(p.decisions))
		}
		d := p.decisions[ti][r.IntN(len(p.decisions[ti]))]
		if used[d.iri] {
			continue
		}
		used[d.iri] = true
		rp.refs = append(rp.refs, d)
	}
	ampRefs := !rp.styleB && r.IntN(7) == 0
	refBlock := rp.refBlock(ampRefs)
	// Drop references (style B's are long) until statements have room.
	nstmt := 8 + r.IntN(8)
	for len(rp.refs) > 15 && len(refBlock)+len(sec.text)+nstmt*260 > target {
		rp.refs = rp.refs[:len(rp.refs)-1]
		refBlock = rp.refBlock(ampRefs)
	}

	// Header: title(s) and the quoted section.
	var head strings.Builder
	if rp.styleB {
		n := 140
		if r.IntN(4) == 0 {
			n = 100
		}
		head.WriteString("# " + strings.TrimRight(cutRunes(sec.text, n), " ") + "\n\n")
	} else {
		head.WriteString("# " + pick(r, []string{
			"Evaluatie van de nakoming van regeringsbeloften over ",
			"Evaluatie van de uitvoering van het regeerakkoord: ",
			"Beoordeling van de regeringsbeloften rond ",
		}) + pick(r, rp.tw.names) + "\n\n")
	}
	secText := sec.text
	if r.IntN(10) < 4 {
		secText = strings.ReplaceAll(secText, "&", "&amp;")
	}
	head.WriteString("<details>\n        <summary>Regeerakkoord Sectie </summary>\n        <p>" + sec.number + " " + secText + " </p>\n        </details> \n\n")
	if rp.styleB {
		head.WriteString("# " + pick(r, []string{
			"Uitvoering Regeerakkoord: Beoordeling van de besluiten rond ",
			"Analyse: hoe ver staat de regering met ",
			"Uitvoering Regeerakkoord: ",
		}) + pick(r, rp.tw.names) + "\n\n")
	}

	body := rp.body(target-head.Len()-len(refBlock), nstmt)
	if r.IntN(10) == 0 {
		body = strings.ReplaceAll(body, " & ", " &amp; ")
	}
	b.WriteString(head.String())
	b.WriteString(body)
	b.WriteString(refBlock)
}

func cutRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// refBlock renders the <details> reference list.
func (rp *report) refBlock(amp bool) string {
	var b strings.Builder
	b.WriteString("<details>\n        <summary> Referenties</summary>\n        ")
	if rp.styleB {
		b.WriteString("\n")
	}
	for n, d := range rp.refs {
		if n > 0 {
			b.WriteString("\n")
		}
		date := d.date.Format(time.DateOnly)
		if rp.styleB {
			fmt.Fprintf(&b, "**[\\[%d\\]](%s)** : **(%s)** %s \n", n, searchURL(d.title, d.date), date, d.title)
			continue
		}
		text := d.text
		if amp {
			text = strings.ReplaceAll(text, "&", "&amp;")
		}
		fmt.Fprintf(&b, "**[\\[%d\\]](%s)** : **(%s)** %s \n", n, d.iri, date, text)
	}
	b.WriteString("        </details> \n\n")
	return b.String()
}

// body renders summary, detail items and conclusion in about budget bytes.
func (rp *report) body(budget, nstmt int) string {
	r := rp.r
	tw := rp.tw
	nref := len(rp.refs)
	nsum, ncon := 2+r.IntN(2), 1+r.IntN(2)
	ndet := min(max(nstmt-nsum-ncon, 4), nref)
	// Sentences overshoot a paragraph's share by half a sentence on average.
	per := max(budget/(nsum+ndet+ncon)-70, 150)

	// Partition references 0…nref-1 into ndet consecutive groups.
	groups := make([][]int, ndet)
	cuts := r.Perm(nref - 1)[:ndet-1]
	isCut := make([]bool, nref)
	for _, c := range cuts {
		isCut[c+1] = true
	}
	g := 0
	for n := range nref {
		if n > 0 && isCut[n] {
			g++
		}
		groups[g] = append(groups[g], n)
	}
	// chunks splits a group into runs of 1–4 adjacent markers.
	chunks := func(ns []int) []string {
		var out []string
		for len(ns) > 0 {
			k := 1 + r.IntN(4)
			if k > len(ns) {
				k = len(ns)
			}
			out = append(out, rp.markers(ns[:k]))
			ns = ns[k:]
		}
		return out
	}
	open, close := "“", "”"
	if rp.styleB {
		open, close = `"`, `"`
	}
	// statement fills one paragraph or item to about n bytes.
	statement := func(first string, cs []string, short string, n int) string {
		var b strings.Builder
		b.WriteString(first)
		for len(cs) > 0 || b.Len() < n {
			if b.Len() > 0 {
				b.WriteString(" ")
			}
			var take []string
			if len(cs) > 0 {
				k := 1
				if len(cs) > 1 && r.IntN(3) == 0 {
					k = min(len(cs), 2+r.IntN(3))
				}
				take, cs = cs[:k], cs[k:]
			}
			b.WriteString(evalSentence(r, tw, take, short, open, close))
			short = ""
		}
		return b.String()
	}
	agreement := "[Regeerakkoord: " + rp.sec.number + "]"
	if rp.styleB {
		agreement = "[Regeerakkoord]"
	}

	var b strings.Builder
	// Summary.
	if !rp.styleB && r.IntN(5) > 0 {
		b.WriteString("Samenvatting\n\n")
	}
	for s := range nsum {
		var first string
		var cs []string
		switch {
		case s == 0 && !rp.styleB:
			first = "De Vlaamse regering heeft zich in het regeerakkoord geconcentreerd op " + pick(r, tw.nouns) +
				", met een sterk accent op " + pick(r, tw.names) + " " + agreement + "."
			for _, gi := range r.Perm(ndet)[:min(ndet, 3+r.IntN(3))] {
				cs = append(cs, rp.markers(groups[gi][:min(len(groups[gi]), 1+r.IntN(3))]))
			}
		case s == 0:
			first = "In het regeerakkoord staat beschreven dat " + pick(r, tw.entities) + " moet inzetten op " + pick(r, tw.nouns) +
				". Hierbij zijn " + pick(r, tw.nouns) + " en " + pick(r, tw.nouns) + " belangrijk. Het regeerakkoord benadrukt ook het belang van " +
				pick(r, tw.nouns) + " " + agreement + "."
		case s == nsum-1 && rp.styleB:
			b.WriteString("De beslissingen van de regering geven blijk van een reeks initiatieven die aansluiten bij deze doelstellingen:\n\n")
			continue
		case !rp.styleB:
			for _, gi := range r.Perm(ndet)[:min(ndet, 1+r.IntN(3))] {
				cs = append(cs, rp.markers(groups[gi][:min(len(groups[gi]), 1+r.IntN(3))]))
			}
		}
		if r.IntN(20) == 0 {
			// Now and then a pointer at a neighbouring section.
			other := rp.p.sections[r.IntN(len(rp.p.sections))].number
			first += " Zie ook de ambities onder sectie " + other + " [Regeerakkoord: " + other + "]."
		}
		b.WriteString(statement(first, cs, "", per))
		b.WriteString("\n\n")
	}

	// Detail items.
	if !rp.styleB {
		b.WriteString("## Gedetailleerde toelichting\n\n")
	}
	topics := r.Perm(len(tw.topics))
	for d := range ndet {
		cs := chunks(groups[d])
		if r.IntN(5) == 0 { // cite another group again
			o := groups[r.IntN(ndet)]
			cs = append(cs, rp.markers(o[:1]))
		}
		short := shortName(rp.refs[groups[d][0]].title)
		if rp.styleB {
			fmt.Fprintf(&b, "%d. %s\n\n", d+1, statement("", cs, short, per))
			continue
		}
		topic := tw.topics[topics[d%len(topics)]]
		if d >= len(topics) {
			topic = upperFirst(pick(r, gerunds)) + " van " + pick(r, tw.nouns)
		}
		b.WriteString("- **" + topic + "**: " + statement("", cs, short, per) + "\n")
		if d == 0 && r.IntN(2) == 0 {
			b.WriteString("  \n") // a stray white-space line, as in the seed
		} else {
			b.WriteString("\n")
		}
	}

	// Conclusion.
	if !rp.styleB {
		b.WriteString("## Conclusie\n\n")
	}
	usedSentence := map[string]bool{}
	for range ncon {
		var c strings.Builder
		for try := 0; c.Len() < per; try++ {
			s := conclusionSentence(r, tw)
			if usedSentence[s] && try < 50 {
				continue
			}
			usedSentence[s] = true
			if c.Len() > 0 {
				c.WriteString(" ")
			}
			c.WriteString(s)
		}
		b.WriteString(c.String())
		b.WriteString("\n\n")
	}

	// The marker line lists every reference in order of first citation.
	if !rp.styleB && r.IntN(5) > 0 {
		text := b.String()
		seen := make([]bool, nref)
		var order []int
		for k := 0; k < len(text); k++ {
			if text[k] != '[' {
				continue
			}
			n, j := 0, k+1
			for j < len(text) && text[j] >= '0' && text[j] <= '9' {
				n = n*10 + int(text[j]-'0')
				j++
			}
			if j > k+1 && j < len(text) && (text[j] == ']' || text[j] == '\\') && n < nref && !seen[n] {
				seen[n] = true
				order = append(order, n)
			}
		}
		b.WriteString("### Referenties\n\n" + rp.markers(order) + "\n\n")
	}
	return b.String()
}
