package site

import (
	"sort"
	"strconv"
	"strings"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/vocab"
)

// Figures are the coverage of the agreement as the index shows it. They
// follow the stored queries of the default bank on the same graph:
// Sections are the rows of `sections` (every section an evaluation reviews,
// its evaluations and the distinct decisions they cite as evidence), those
// without Evidence the rows of `sections-without-evidence`; Unresolved
// counts the rows of `unresolved-references`; Ministers and Themes the
// rows of `decisions-per-minister` and `decisions-per-theme`.
type Figures struct {
	// Evaluations is how many evaluations (ClaimReviews) the site shows,
	// Unsectioned how many of them review no section.
	Evaluations, Unsectioned int
	// Decisions is how many distinct decisions the evaluations cite as
	// evidence; Unresolved how many search-URL references cite none.
	Decisions, Unresolved int
	// Sections in the agreement's order (4.3.2 before 4.3.10).
	Sections []SectionFigures
	// Chapters (top-level sections) in order, and their sum. Total's
	// Decisions and Unresolved count over every evaluation, those without
	// a section too.
	Chapters []ChapterFigures
	Total    ChapterFigures
	// Months: cited decisions per month of their date, from the first month
	// to the last without gaps; Undated counts decisions without a date.
	Months  []MonthFigures
	Undated int
	// Enriched is true when the endpoint's triples were there; Ministers
	// and Themes are empty otherwise.
	Enriched  bool
	Ministers []CountFigures
	Themes    []CountFigures
}

// SectionFigures is one evaluated section.
type SectionFigures struct {
	IRI, Number string
	// Chapter is the number of its top-level section ("4" for 4.3.2).
	Chapter     string
	Evaluations int
	// Decisions is how many distinct decisions its evaluations cite.
	Decisions int
	// Evidence is false when no evaluation of the section cites a decision.
	Evidence bool
	// Unresolved is how many of its evaluations' references stay unresolved.
	Unresolved int
	// Text is the section's text as the first report quotes it.
	Text string
}

// ChapterFigures sums the evaluated sections of one chapter.
type ChapterFigures struct {
	Chapter                                 string
	Sections, WithEvidence, WithoutEvidence int
	Evaluations, Decisions, Unresolved      int
}

// MonthFigures counts the cited decisions dated in one month (YYYY-MM).
type MonthFigures struct {
	Month     string
	Decisions int
}

// CountFigures counts the cited decisions of a minister or a theme.
type CountFigures struct {
	IRI, Label string
	Decisions  int
}

type sectionAgg struct {
	iri, number string
	// text is the first quote of its text (the index shows it), "" while
	// no evaluation quoted it.
	text        string
	evaluations int
	decisions   map[int32]struct{} // by their index in aggregates.decisions
	unresolved  int
}

// aggregates are all the site keeps in memory: per section and per cited
// decision, never per statement or reference.
type aggregates struct {
	sections    map[string]*sectionAgg
	unsectioned int // evaluations without a section
	evaluations int
	// decisions are those cited as evidence, in the order first cited, each
	// with its earliest date ("" if none); cited indexes them by IRI, so
	// that what counts them per section holds small integers (a map keyed
	// by the IRIs hashed every one of them again at every citation).
	decisions []citedDecision
	cited     map[string]int32
	// unresolvedAll counts over every evaluation; unsectionedUnresolved over
	// those without a section.
	unresolvedAll, unsectionedUnresolved int
	unsectionedDecisions                 map[int32]struct{}

	enriched  bool
	ministers map[string][]string // decision → persons (prov:qualifiedAssociation/mandaat:isBestuurlijkeAliasVan)
	themes    map[string][]string // decision → themes (dct:subject)
	family    map[string]string   // person → MIN(foaf:familyName)
	first     map[string]string   // person → MIN(persoon:gebruikteVoornaam)
	label     map[string]string   // theme → MIN(skos:prefLabel)
	// titles of the decisions as the endpoint states them (dct:title).
	titles map[string]string
}

func newAggregates() *aggregates {
	return &aggregates{
		sections:             map[string]*sectionAgg{},
		cited:                map[string]int32{},
		unsectionedDecisions: map[int32]struct{}{},
	}
}

type citedDecision struct {
	iri, date string
}

func (a *aggregates) add(f *evaluationFacts) {
	a.evaluations++
	a.unresolvedAll += f.unresolved
	ids := make([]int32, len(f.decisions))
	for i, d := range f.decisions {
		id, seen := a.cited[d]
		if !seen {
			id = int32(len(a.decisions))
			a.cited[d] = id
			a.decisions = append(a.decisions, citedDecision{iri: d, date: f.dates[i]})
		} else if cd := &a.decisions[id]; f.dates[i] != "" && (cd.date == "" || f.dates[i] < cd.date) {
			cd.date = f.dates[i]
		}
		ids[i] = id
	}
	if f.section == "" {
		a.unsectioned++
		a.unsectionedUnresolved += f.unresolved
		for _, id := range ids {
			a.unsectionedDecisions[id] = struct{}{}
		}
		return
	}
	s := a.sections[f.section]
	if s == nil {
		s = &sectionAgg{iri: f.section, number: f.number, decisions: map[int32]struct{}{}}
		a.sections[f.section] = s
	}
	s.evaluations++
	s.unresolved += f.unresolved
	for _, id := range ids {
		s.decisions[id] = struct{}{}
	}
	if s.text == "" {
		s.text = f.claimText
	}
}

// enrichment reads the ministers and themes of the decisions, as the
// decisions-per-minister and decisions-per-theme queries follow them.
func (a *aggregates) enrichment(ts []rdf.Triple) {
	if len(ts) == 0 {
		return
	}
	a.enriched = true
	a.ministers, a.themes = map[string][]string{}, map[string][]string{}
	a.family, a.first, a.label, a.titles = map[string]string{}, map[string]string{}, map[string]string{}, map[string]string{}
	assoc := map[string][]string{} // decision → associations
	alias := map[string][]string{} // association → persons
	minOf := func(m map[string]string, k, v string) {
		if old, ok := m[k]; !ok || v < old {
			m[k] = v
		}
	}
	for _, t := range ts {
		s, o := t.Subj.String(), t.Obj.String()
		switch t.Pred.String() {
		case provQualifiedAssociation:
			assoc[s] = append(assoc[s], o)
		case mandaatAlias:
			alias[s] = append(alias[s], o)
		case foafFamilyName:
			minOf(a.family, s, o)
		case persoonFirstName:
			minOf(a.first, s, o)
		case dctSubject:
			a.themes[s] = append(a.themes[s], o)
		case skosPrefLabel:
			minOf(a.label, s, o)
		case dctTitle:
			minOf(a.titles, s, o)
		}
	}
	for d, as := range assoc {
		var persons []string
		for _, x := range as {
			persons = append(persons, alias[x]...)
		}
		a.ministers[d] = persons
	}
}

var (
	provQualifiedAssociation = vocab.Prov + "qualifiedAssociation"
	mandaatAlias             = vocab.Mandaat + "isBestuurlijkeAliasVan"
	foafFamilyName           = vocab.FOAF + "familyName"
	persoonFirstName         = vocab.Persoon + "gebruikteVoornaam"
	dctSubject               = vocab.DCT + "subject"
	dctTitle                 = vocab.DCT + "title"
	skosPrefLabel            = vocab.SKOS + "prefLabel"
)

func (a *aggregates) sortedSections() []*sectionAgg {
	out := make([]*sectionAgg, 0, len(a.sections))
	for _, s := range a.sections {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		if c := compareNumbers(out[i].number, out[j].number); c != 0 {
			return c < 0
		}
		return out[i].iri < out[j].iri
	})
	return out
}

func (a *aggregates) figures() *Figures {
	fig := &Figures{
		Evaluations: a.evaluations,
		Unsectioned: a.unsectioned,
		Decisions:   len(a.cited),
		Unresolved:  a.unresolvedAll,
		Enriched:    a.enriched,
	}
	chapters := map[string]*ChapterFigures{}
	chapterDecisions := map[string]map[int32]struct{}{}
	var order []string
	for _, s := range a.sortedSections() {
		sf := SectionFigures{
			IRI: s.iri, Number: s.number, Chapter: chapterOf(s.number),
			Evaluations: s.evaluations, Decisions: len(s.decisions),
			Evidence: len(s.decisions) > 0, Unresolved: s.unresolved,
		}
		sf.Text = clean(s.text)
		fig.Sections = append(fig.Sections, sf)
		c := chapters[sf.Chapter]
		if c == nil {
			c = &ChapterFigures{Chapter: sf.Chapter}
			chapters[sf.Chapter] = c
			chapterDecisions[sf.Chapter] = map[int32]struct{}{}
			order = append(order, sf.Chapter)
		}
		c.Sections++
		if sf.Evidence {
			c.WithEvidence++
		} else {
			c.WithoutEvidence++
		}
		c.Evaluations += s.evaluations
		c.Unresolved += s.unresolved
		for d := range s.decisions {
			chapterDecisions[sf.Chapter][d] = struct{}{}
		}
	}
	sort.Slice(order, func(i, j int) bool { return compareNumbers(order[i], order[j]) < 0 })
	for _, ch := range order {
		c := chapters[ch]
		c.Decisions = len(chapterDecisions[ch])
		fig.Chapters = append(fig.Chapters, *c)
		fig.Total.Sections += c.Sections
		fig.Total.WithEvidence += c.WithEvidence
		fig.Total.WithoutEvidence += c.WithoutEvidence
	}
	fig.Total.Evaluations = a.evaluations
	fig.Total.Decisions = len(a.cited)
	fig.Total.Unresolved = a.unresolvedAll
	fig.Months, fig.Undated = a.months()
	if a.enriched {
		fig.Ministers = a.counts(a.ministers, func(p string) string {
			name := strings.TrimSpace(a.first[p] + " " + a.family[p])
			if name == "" {
				return p
			}
			return name
		})
		fig.Themes = a.counts(a.themes, func(t string) string {
			if l := a.label[t]; l != "" {
				return l
			}
			return t
		})
	}
	return fig
}

// months counts the cited decisions per month of their earliest date.
func (a *aggregates) months() ([]MonthFigures, int) {
	per := map[string]int{}
	undated := 0
	lo, hi := "", ""
	for _, cd := range a.decisions {
		date := cd.date
		if len(date) < 7 || !datePattern.MatchString(date) {
			undated++
			continue
		}
		m := date[:7]
		per[m]++
		if lo == "" || m < lo {
			lo = m
		}
		if m > hi {
			hi = m
		}
	}
	if lo == "" {
		return nil, undated
	}
	var out []MonthFigures
	for m := lo; m <= hi; m = nextMonth(m) {
		out = append(out, MonthFigures{Month: m, Decisions: per[m]})
	}
	return out, undated
}

func nextMonth(m string) string {
	y, _ := strconv.Atoi(m[:4])
	mo, _ := strconv.Atoi(m[5:7])
	mo++
	if mo > 12 {
		y, mo = y+1, 1
	}
	return strconv.Itoa(y) + "-" + twoDigits(mo)
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// counts counts the distinct cited decisions per key (minister, theme),
// most first, then by IRI, as the stored queries order them.
func (a *aggregates) counts(of map[string][]string, label func(string) string) []CountFigures {
	per := map[string]map[string]struct{}{}
	for _, cd := range a.decisions {
		d := cd.iri
		for _, k := range of[d] {
			if per[k] == nil {
				per[k] = map[string]struct{}{}
			}
			per[k][d] = struct{}{}
		}
	}
	out := make([]CountFigures, 0, len(per))
	for k, ds := range per {
		out = append(out, CountFigures{IRI: k, Label: clean(label(k)), Decisions: len(ds)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Decisions != out[j].Decisions {
			return out[i].Decisions > out[j].Decisions
		}
		return out[i].IRI < out[j].IRI
	})
	return out
}

func chapterOf(number string) string {
	if i := strings.IndexByte(number, '.'); i >= 0 {
		return number[:i]
	}
	return number
}

// compareNumbers orders section numbers as the agreement does: 4.3.2
// before 4.3.10, 4.3 before 4.3.1.
func compareNumbers(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		x, errx := strconv.Atoi(as[i])
		y, erry := strconv.Atoi(bs[i])
		if errx == nil && erry == nil && x != y {
			if x < y {
				return -1
			}
			return 1
		}
		if c := strings.Compare(as[i], bs[i]); c != 0 {
			return c
		}
	}
	return len(as) - len(bs)
}

func sortStrings(ss []string) { sort.Strings(ss) }
