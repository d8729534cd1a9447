package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"
)

// A pool holds what reports share: the sections of the synthetic coalition
// agreement and the decisions they cite. It depends only on the seed, so
// report i is the same whatever the corpus size, and many reports quote the
// same section and cite the same Themis IRI, as real reports do.
type pool struct {
	themes    []themeWords
	sections  []section
	decisions [][]decision // per theme
}

type themeWords struct {
	names, entities, nouns, goals, heads, topics, subjects []string
}

type section struct {
	number string // "4.3.2"
	theme  int
	text   string // heading and body, plain (no entities)
}

// decisionsPerTheme fixes the size of the decision pool: 12 themes × 220.
const decisionsPerTheme = 220

type decision struct {
	iri   string // Themis IRI
	date  time.Time
	title string
	// text is what a Themis-style entry shows after the date: the title,
	// a snippet cut at 200 characters ("…" marked with "..."), or just the title.
	text string
}

var (
	poolMu    sync.Mutex
	poolCache = map[int64]*pool{}
)

func poolFor(seed int64) *pool {
	poolMu.Lock()
	defer poolMu.Unlock()
	if p, ok := poolCache[seed]; ok {
		return p
	}
	p := newPool(seed)
	poolCache[seed] = p
	return p
}

func split(s string) []string { return strings.Split(s, "|") }

// meetings are the Fridays on which the government met, Oct 2019 – May 2024.
var meetings = func() []time.Time {
	var ds []time.Time
	for d := time.Date(2019, 10, 4, 0, 0, 0, 0, time.UTC); d.Before(time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)); d = d.AddDate(0, 0, 7) {
		if d.Month() == time.August || d.YearDay() < 4 || d.Month() == time.December && d.Day() > 22 { // recesses
			continue
		}
		ds = append(ds, d)
	}
	return ds
}()

func newPool(seed int64) *pool {
	r := rand.New(rand.NewPCG(uint64(seed), 0x5ec7_10a1))
	p := &pool{}
	for _, t := range themes {
		p.themes = append(p.themes, themeWords{
			names: split(t.name), entities: split(t.entities), nouns: split(t.nouns), goals: split(t.goals),
			heads: split(t.heads), topics: split(t.topics), subjects: split(t.subjects),
		})
	}
	// Sections: a tree of 1–4 levels per chapter. Reports mostly quote level
	// 2 and 3; chapters themselves and level 4 are rarer.
	for ti := range p.themes {
		ch := fmt.Sprint(ti + 1)
		if r.IntN(3) == 0 {
			p.sections = append(p.sections, p.newSection(r, ch, ti))
		}
		for s := 1; s <= 2+r.IntN(6); s++ {
			n2 := fmt.Sprintf("%s.%d", ch, s)
			p.sections = append(p.sections, p.newSection(r, n2, ti))
			for t := 1; t <= r.IntN(6); t++ {
				n3 := fmt.Sprintf("%s.%d", n2, t)
				p.sections = append(p.sections, p.newSection(r, n3, ti))
				if r.IntN(4) == 0 {
					for u := 1; u <= 1+r.IntN(3); u++ {
						p.sections = append(p.sections, p.newSection(r, fmt.Sprintf("%s.%d", n3, u), ti))
					}
				}
			}
		}
	}
	// Decisions per theme.
	seen := map[string]bool{}
	p.decisions = make([][]decision, len(p.themes))
	for ti := range p.themes {
		for len(p.decisions[ti]) < decisionsPerTheme {
			ds := p.decisions[ti]
			var d decision
			if len(ds) > 10 && r.IntN(16) == 0 {
				// The same title on another date: a second decision.
				d = ds[r.IntN(len(ds))]
				d.date = meetings[r.IntN(len(meetings))]
			} else {
				d = p.newDecision(r, ti)
			}
			key := d.title + d.date.Format(time.DateOnly)
			if seen[key] {
				continue
			}
			seen[key] = true
			d.iri = themisIRI(r, d.date)
			p.decisions[ti] = append(p.decisions[ti], d)
		}
	}
	return p
}

func pick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

func upperFirst(s string) string {
	for i, c := range s {
		if i == 0 && c >= 'a' && c <= 'z' {
			return string(c-'a'+'A') + s[1:]
		}
		break
	}
	return s
}

func (p *pool) newSection(r *rand.Rand, number string, ti int) section {
	tw := &p.themes[ti]
	var b strings.Builder
	b.WriteString(upperFirst(pick(r, tw.entities)))
	b.WriteString(" ")
	b.WriteString(pick(r, tw.heads))
	target := 450 + r.IntN(1300)
	for b.Len() < target {
		b.WriteString(" ")
		b.WriteString(promise(r, tw))
	}
	return section{number: number, theme: ti, text: hyphenate(r, b.String())}
}

// newDecision makes a title and its Themis-style entry text.
func (p *pool) newDecision(r *rand.Rand, ti int) decision {
	tw := &p.themes[ti]
	ent := strings.TrimPrefix(strings.TrimPrefix(pick(r, tw.entities), "de "), "het ")
	subj := pick(r, tw.subjects)
	date := meetings[r.IntN(len(meetings))]
	y := date.Year() + r.IntN(2)
	var title string
	switch r.IntN(14) {
	case 0, 1:
		title = "Plan Vlaamse Veerkracht: " + upperFirst(ent) + " – " + upperFirst(subj)
	case 2:
		title = upperFirst(ent) + ": benoeming " + pick(r, split(roles))
	case 3:
		title = "Raad van bestuur " + ent + ": vervanging lid"
	case 4:
		title = "Voorontwerp van decreet betreffende " + subj
	case 5:
		title = "Ontwerpbesluit over " + subj
	case 6:
		title = "Visienota '" + upperFirst(subj) + "'"
	case 7:
		title = "Conceptnota “" + upperFirst(subj) + "”"
	case 8:
		title = fmt.Sprintf("Convenant %d-%d %s", y, y+4, ent)
	case 9:
		title = fmt.Sprintf("Projectoproep %s %d", subj, y)
	case 10:
		title = "Subsidie aan " + ent + " voor " + subj
	case 11:
		title = upperFirst(subj) + ": principiële goedkeuring"
	case 12:
		title = fmt.Sprintf("Relanceplan Vlaamse Veerkracht: %s – %d miljoen euro voor %s", subj, 5+r.IntN(60), ent)
	default:
		title = upperFirst(subj) + ": wijzigingsbesluit"
	}
	d := decision{date: date, title: title, text: title}
	if r.IntN(5) > 0 { // most entries carry a snippet
		var b strings.Builder
		b.WriteString(title)
		if r.IntN(2) == 0 {
			b.WriteString(" ")
			b.WriteString(pick(r, split(subtitles)))
			b.WriteString("  ")
		} else {
			b.WriteString("   ")
		}
		b.WriteString(pick(r, split(bodyOpeners)))
		b.WriteString(" ")
		b.WriteString(pick(r, tw.nouns))
		b.WriteString(" om ")
		b.WriteString(pick(r, tw.goals))
		b.WriteString(". ")
		b.WriteString(pick(r, split(fillers)))
		b.WriteString(" ")
		b.WriteString(promise(r, tw))
		d.text = cut(b.String(), 200)
	}
	return d
}

// cut shortens s to n runes followed by "..." when it is longer.
func cut(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return strings.TrimRight(s[:j], " ") + "..."
		}
		i++
	}
	return s
}

const hexDigits = "0123456789ABCDEF"

// themisIRI mints an IRI of the kind Themis used at that date: id/resource/
// (renamed, UUID v1) before March 2021, nieuwsbrief-info until December 2022,
// nieuwsbericht after; 24-hex ids start with a Unix time just before the meeting.
func themisIRI(r *rand.Rand, d time.Time) string {
	kind := "nieuwsbericht"
	switch {
	case d.Before(time.Date(2021, 3, 8, 0, 0, 0, 0, time.UTC)) || r.IntN(12) == 0:
		kind = "resource"
	case d.Before(time.Date(2022, 12, 6, 0, 0, 0, 0, time.UTC)):
		kind = "nieuwsbrief-info"
	}
	if kind == "resource" {
		nodes := []string{"94bb-99a9d1e168fe", "b92e-970acd8c80b9"}
		return fmt.Sprintf("http://themis.vlaanderen.be/id/resource/%08x-%04x-11ec-%s", r.Uint32(), r.IntN(0x10000), nodes[r.IntN(8)/7])
	}
	t := d.Add(-time.Duration(24*(2+r.IntN(4))) * time.Hour).Add(time.Duration(r.IntN(86400)) * time.Second)
	var b strings.Builder
	fmt.Fprintf(&b, "http://themis.vlaanderen.be/id/%s/%08X", kind, t.Unix())
	for range 16 {
		b.WriteByte(hexDigits[r.IntN(16)])
	}
	return b.String()
}
