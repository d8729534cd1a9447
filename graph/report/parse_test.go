package report

import (
	"errors"
	"math/rand/v2"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

const sectionBlock = "<details>\n        <summary>Regeerakkoord Sectie </summary>\n        <p>4.3.2 FIT promoot Vlaanderen &amp; de inter-nationalisering\n        </details> \n"

func entry(n, url, date, text string) string {
	return "**[\\[" + n + "\\]](" + url + ")** : **(" + date + ")** " + text + "\n"
}

func mustParse(t *testing.T, src string) (*Evaluation, []Warning) {
	t.Helper()
	ev, ws, err := Parse("r.md", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return ev, ws
}

func TestSeeds(t *testing.T) {
	tests := []struct {
		file                       string
		title, section             string
		sectionLine                int
		statements, refs           int
		parts                      map[Part]int
		firstRefKind               RefKind
		firstRefLine               int
		topic                      string
		firstCitations             []int
		firstAgreement             []string
		sectionTextPrefix, refText string
	}{
		{
			file: "000_5f7ed5cae34e348f.txt", title: "Evaluatie van de nakoming van regeringsbeloften over internationalisering",
			section: "4.3.2", sectionLine: 5, statements: 9, refs: 19,
			parts:        map[Part]int{PartSummary: 2, PartDetail: 6, PartConclusion: 1},
			firstRefKind: RefThemis, firstRefLine: 38, topic: "Digitalisatie en Dienstverlening",
			firstCitations: []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, firstAgreement: []string{"4.3.2"},
			sectionTextPrefix: "FIT promoot Vlaanderen wereldwijd als innovatieve topregio De internationaliseringsstrategie",
		},
		{
			file: "002_03c788e35806da8d.txt", title: "Uitvoering Regeerakkoord: Beoordeling van FIT-besluiten",
			section: "4.3.1", sectionLine: 5, statements: 10, refs: 29,
			parts:        map[Part]int{PartSummary: 2, PartDetail: 7, PartConclusion: 1},
			firstRefKind: RefSearch, firstRefLine: 33,
			firstCitations: nil, firstAgreement: []string{""},
			sectionTextPrefix: "Klanten van FIT hebben in een steeds competitievere internationale omgeving",
		},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			src, err := os.ReadFile("../../examples/reports/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			ev, ws, err := Parse(tc.file, src)
			if err != nil {
				t.Fatal(err)
			}
			if len(ws) != 0 {
				t.Errorf("warnings on a real report: %v", ws)
			}
			if ev.Title != tc.title || ev.Section.Number != tc.section || ev.Section.Line != tc.sectionLine {
				t.Errorf("title %q section %q line %d", ev.Title, ev.Section.Number, ev.Section.Line)
			}
			if !strings.HasPrefix(ev.Section.Text, tc.sectionTextPrefix) {
				t.Errorf("section text %.100q", ev.Section.Text)
			}
			if len(ev.Statements) != tc.statements || len(ev.References) != tc.refs {
				t.Fatalf("%d statements, %d references", len(ev.Statements), len(ev.References))
			}
			parts := map[Part]int{}
			for i, st := range ev.Statements {
				parts[st.Part]++
				if st.Position != i+1 {
					t.Errorf("statement %d has position %d", i, st.Position)
				}
				if strings.Contains(st.Text, `\[`) || strings.Contains(st.Text, "[") || strings.Contains(st.Text, "  ") {
					t.Errorf("marker or double space left in %q", st.Text)
				}
			}
			if !reflect.DeepEqual(parts, tc.parts) {
				t.Errorf("parts %v, want %v", parts, tc.parts)
			}
			if got := ev.Statements[0].Citations; !reflect.DeepEqual(got, tc.firstCitations) {
				t.Errorf("first statement cites %v", got)
			}
			if got := ev.Statements[0].AgreementRefs; !reflect.DeepEqual(got, tc.firstAgreement) {
				t.Errorf("first statement agreement refs %q", got)
			}
			if tc.topic != "" && ev.Statements[2].Topic != tc.topic {
				t.Errorf("topic %q", ev.Statements[2].Topic)
			}
			r := ev.References[0]
			if r.Number != 0 || r.Kind != tc.firstRefKind || r.Line != tc.firstRefLine || r.Date == "" || r.Title == "" {
				t.Errorf("first reference %+v", r)
			}
			for i, r := range ev.References {
				if r.Number != i {
					t.Errorf("reference %d numbered %d", i, r.Number)
				}
			}
		})
	}
}

func TestSeed000Details(t *testing.T) {
	src, _ := os.ReadFile("../../examples/reports/000_5f7ed5cae34e348f.txt")
	ev, _ := mustParse(t, string(src))
	st := ev.Statements[0]
	if !strings.HasSuffix(st.Text, "te counteren.") || !strings.Contains(st.Text, "internationalisering. De genomen") {
		t.Errorf("markers not removed cleanly: %q", st.Text)
	}
	if !strings.Contains(ev.Section.Text, "inter-nationalisering") {
		t.Error("PDF hyphenation must be kept as written")
	}
	r1 := ev.References[1]
	if !strings.HasSuffix(r1.Title, "Vlaand") || r1.Text == "" {
		t.Errorf("cut-off title must keep its text for comparison: %+v", r1)
	}
	r5 := ev.References[5]
	if r5.Title != "Flanders Technology & Innovation (FTI): verankering van de event- entertainmentsector in Vlaanderen gekoppeld aan een reconversie van de Rupelregio" {
		t.Errorf("title before the snippet: %q", r5.Title)
	}
	if !strings.HasPrefix(r5.Text, r5.Title+" De Vlaamse Regering herlanceert") {
		t.Errorf("text %q", r5.Text)
	}
}

func TestSeed002Details(t *testing.T) {
	src, _ := os.ReadFile("../../examples/reports/002_03c788e35806da8d.txt")
	ev, _ := mustParse(t, string(src))
	if !reflect.DeepEqual(ev.Headings, []string{"Klanten van FIT hebben in een steeds competitievere internationale omgeving nood hebben aan meer informatie, begeleiding en advies op maat v"}) {
		t.Errorf("headings %q", ev.Headings)
	}
	r := ev.References[11]
	if r.Title != "Flanders Technology International vzw (F.T.I vzw), Instituut voor Landbouw-, Visserij- en Voedingsonderzoek (ILVO), Instituut voor Tropische Geneeskunde (ITG) en SYNTRA-opleidingscentra: subsidie compensatie energiekosten" || r.Text != "" {
		t.Errorf("search title from the URL: %+v", r)
	}
	if ev.References[3].URL != "https://beslissingenvlaamseregering.vlaanderen.be/?search=FIT%20Corona%20Exit-plan%20en%20VLAM%20Corona%20Exit-plan&dateOption=select&startDate=2020-06-05T08%3A00%3A00Z&endDate=2020-06-05T08%3A00%3A00Z" {
		t.Errorf("URL %q", ev.References[3].URL)
	}
	if ev.Statements[3].Text[:10] != "Het \"FIT C" {
		t.Errorf("numbered item text %q", ev.Statements[3].Text)
	}
}

func TestAnatomy(t *testing.T) {
	refs := "<details>\n<summary> Referenties</summary>\n\n" +
		entry("0", "http://themis.vlaanderen.be/id/nieuwsbrief-info/A1", "2021-06-18", "Titel &amp; co") + "\n" +
		entry("1", "https://beslissingenvlaamseregering.vlaanderen.be/?search=Visienota%20%27X%27&amp;startDate=2021-07-09T08%3A00%3A00Z", "2021-07-09", "Visienota 'X'") + "\n" +
		entry("2", "https://example.org/a_(b)/c", "2020-01-01", "Met haakjes") +
		"</details>\n"
	tests := []struct {
		name  string
		body  string
		check func(t *testing.T, ev *Evaluation)
	}{
		{"plain, repeated and adjacent markers", "Tekst [0] en \\[1\\]\\[1\\][2], slot \\[0\\].\n", func(t *testing.T, ev *Evaluation) {
			st := ev.Statements[0]
			if !reflect.DeepEqual(st.Citations, []int{0, 1, 2}) || st.Text != "Tekst en, slot." {
				t.Errorf("%+v", st)
			}
		}},
		{"agreement markers", "Belofte [Regeerakkoord: 4.3.2] en [Regeerakkoord] \\[Regeerakkoord: 5.4.1.2\\] [0][1][2].\n", func(t *testing.T, ev *Evaluation) {
			st := ev.Statements[0]
			if !reflect.DeepEqual(st.AgreementRefs, []string{"4.3.2", "", "5.4.1.2"}) || st.Text != "Belofte en." {
				t.Errorf("%+v", st)
			}
		}},
		{"entities and escapes in text", "A &amp; B \\*niet vet\\* &#233; [0][1][2]\n", func(t *testing.T, ev *Evaluation) {
			if got := ev.Statements[0].Text; got != "A & B *niet vet* é" {
				t.Errorf("%q", got)
			}
		}},
		{"bullets with topic, conclusion heading", "Samenvatting\n\nEerst [0].\n\n## Gedetailleerde toelichting\n\n- **Thema**: uitleg [1].\n- **Ander thema:** meer\n  uitleg [2].\n\n## Conclusie\n\nSlot.\n", func(t *testing.T, ev *Evaluation) {
			want := []struct {
				part  Part
				topic string
				text  string
			}{{PartSummary, "", "Eerst."}, {PartDetail, "Thema", "uitleg."}, {PartDetail, "Ander thema", "meer uitleg."}, {PartConclusion, "", "Slot."}}
			if len(ev.Statements) != len(want) {
				t.Fatalf("%+v", ev.Statements)
			}
			for i, w := range want {
				st := ev.Statements[i]
				if st.Part != w.part || st.Topic != w.topic || st.Text != w.text {
					t.Errorf("statement %d: %+v, want %+v", i, st, w)
				}
			}
			if ev.Statements[2].Line != 15 {
				t.Errorf("line of the second bullet: %d", ev.Statements[2].Line)
			}
		}},
		{"numbered items then conclusion prose", "Inleiding:\n\n1. Eerste [0].\n2. Tweede [1][2].\n\nDus.\n", func(t *testing.T, ev *Evaluation) {
			var parts []Part
			for _, st := range ev.Statements {
				parts = append(parts, st.Part)
			}
			if !reflect.DeepEqual(parts, []Part{PartSummary, PartDetail, PartDetail, PartConclusion}) {
				t.Errorf("parts %v", parts)
			}
		}},
		{"marker line under Referenties is not a statement", "Tekst [0][1][2].\n\n### Referenties\n\n\\[0\\]\\[1\\]\\[2\\]\n", func(t *testing.T, ev *Evaluation) {
			if len(ev.Statements) != 1 {
				t.Errorf("%+v", ev.Statements)
			}
		}},
		{"reference list", "Tekst [0][1][2].\n", func(t *testing.T, ev *Evaluation) {
			r := ev.References
			if len(r) != 3 {
				t.Fatalf("%+v", r)
			}
			if r[0].Kind != RefThemis || r[0].Title != "Titel & co" || r[0].Date != "2021-06-18" {
				t.Errorf("%+v", r[0])
			}
			if r[1].Kind != RefSearch || r[1].Title != "Visienota 'X'" || !strings.Contains(r[1].URL, "&startDate=") {
				t.Errorf("%+v", r[1])
			}
			if r[2].Kind != RefOther || r[2].URL != "https://example.org/a_(b)/c" {
				t.Errorf("%+v", r[2])
			}
		}},
		{"section", "Tekst [0][1][2].\n", func(t *testing.T, ev *Evaluation) {
			if ev.Section.Number != "4.3.2" || ev.Section.Text != "FIT promoot Vlaanderen & de inter-nationalisering" || ev.Section.Line != 5 {
				t.Errorf("%+v", ev.Section)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev, ws := mustParse(t, "# Titel\n\n"+sectionBlock+"\n"+tc.body+"\n"+refs)
			if len(ws) != 0 {
				t.Errorf("warnings: %v", ws)
			}
			tc.check(t, ev)
		})
	}
}

func TestSectionNumbers(t *testing.T) {
	for _, n := range []string{"7", "7.2", "4.3.2", "5.4.1.2"} {
		src := "# T\n\n<details><summary>Regeerakkoord Sectie </summary><p>" + n + " Tekst</p></details>\n"
		ev, _, err := Parse("r.md", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if ev.Section.Number != n || ev.Section.Text != "Tekst" {
			t.Errorf("%s: %+v", n, ev.Section)
		}
	}
}

func TestBOMAndCRLF(t *testing.T) {
	lf := "# Titel\n\n" + sectionBlock + "\nTekst [0].\n\n" + entry("0", "http://themis.vlaanderen.be/id/nieuwsbericht/X", "2020-01-01", "Besluit")
	crlf := "\ufeff" + strings.ReplaceAll(lf, "\n", "\r\n")
	a, _ := mustParse(t, lf)
	b, _ := mustParse(t, crlf)
	a.File, b.File = "", ""
	if !reflect.DeepEqual(a, b) {
		t.Errorf("BOM+CRLF parse differs:\n%+v\n%+v", a, b)
	}
	if b.Title != "Titel" || b.References[0].Line != 10 {
		t.Errorf("%+v", b)
	}
}

func TestWarnings(t *testing.T) {
	themis := "http://themis.vlaanderen.be/id/nieuwsbericht/"
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"marker without reference", "# T\n\n" + sectionBlock + "\nTekst [0][7].\n\n" + entry("0", themis+"A", "2020-01-01", "A"),
			[]string{"r.md:8: citation [7] has no entry in the reference list"}},
		{"reference never cited", "# T\n\n" + sectionBlock + "\nTekst [0].\n\n" + entry("0", themis+"A", "2020-01-01", "A") + "\n" + entry("1", themis+"B", "2020-01-01", "B"),
			[]string{"r.md:12: reference [1] is never cited"}},
		{"duplicate reference number", "# T\n\n" + sectionBlock + "\nTekst [0].\n\n" + entry("0", themis+"A", "2020-01-01", "A") + "\n" + entry("0", themis+"B", "2020-01-01", "B"),
			[]string{"r.md:12: duplicate reference number [0] (first at line 10); this entry is ignored"}},
		{"bad date", "# T\n\n" + sectionBlock + "\nTekst [0].\n\n" + entry("0", themis+"A", "2020-13-45", "A"),
			[]string{`r.md:10: reference [0]: bad date "2020-13-45" (want YYYY-MM-DD)`}},
		{"no section block", "# T\n\nTekst [0].\n\n" + entry("0", themis+"A", "2020-01-01", "A"),
			[]string{"r.md: no agreement section block (<details><summary>Regeerakkoord Sectie</summary>…)"}},
		{"section without number", "# T\n\n<details><summary>Regeerakkoord Sectie</summary><p>Geen nummer</p></details>\n\nTekst [0].\n\n" + entry("0", themis+"A", "2020-01-01", "A"),
			[]string{`r.md:3: agreement section block has no section number: "Geen nummer"`}},
		{"code block", "# T\n\n" + sectionBlock + "\n    code\n\nTekst [0].\n\n" + entry("0", themis+"A", "2020-01-01", "A"),
			[]string{"r.md:8: codeblock ignored: not part of the report anatomy"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, ws := mustParse(t, tc.src)
			var got []string
			for _, w := range ws {
				got = append(got, w.String())
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want error
		line int
	}{
		{"plain prose", "# Boodschappen\n\n- melk\n- brood\n", ErrNotReport, 0},
		{"empty", "", ErrEmpty, 0},
		{"binary", "# T\n\nline two\n\x00\x01\x02", ErrNotText, 4},
		{"latin-1", "# T\n\ncaf\xe9\n", ErrNotText, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Parse("x.md", []byte(tc.src))
			var pe *ParseError
			if !errors.As(err, &pe) || !errors.Is(err, tc.want) || pe.File != "x.md" || pe.Line != tc.line {
				t.Fatalf("err = %v", err)
			}
		})
	}
}

const themisA = "http://themis.vlaanderen.be/id/nieuwsbericht/A"

// report wraps body in the anatomy around it: a title, the section block
// (lines 3-6) and one reference [0]; body starts on line 8.
func report(body string) string {
	return "# T\n\n" + sectionBlock + "\n" + body + "\n\n" + entry("0", themisA, "2020-01-01", "A")
}

type wantStatement struct {
	part  Part
	topic string
	text  string
	line  int
}

func checkStatements(t *testing.T, got []Statement, want []wantStatement) {
	t.Helper()
	var g []wantStatement
	for i, st := range got {
		if st.Position != i+1 {
			t.Errorf("statement %d has position %d", i, st.Position)
		}
		g = append(g, wantStatement{st.Part, st.Topic, st.Text, st.Line})
	}
	if !reflect.DeepEqual(g, want) {
		t.Errorf("statements\n got  %+v\n want %+v", g, want)
	}
}

func warningStrings(ws []Warning) []string {
	var s []string
	for _, w := range ws {
		s = append(s, w.String())
	}
	return s
}

func TestNestedListOrder(t *testing.T) {
	d, c := PartDetail, PartConclusion
	tests := []struct {
		name string
		body string
		want []wantStatement
	}{
		{"bullets in bullets", "- one [0]\n  - one-a\n- two\n  - two-a\n- three\n",
			[]wantStatement{{d, "", "one", 8}, {d, "", "one-a", 9}, {d, "", "two", 10}, {d, "", "two-a", 11}, {d, "", "three", 12}}},
		{"three levels", "- a [0]\n  - a1\n    - a1x\n    - a1y\n  - a2\n- b\n",
			[]wantStatement{{d, "", "a", 8}, {d, "", "a1", 9}, {d, "", "a1x", 10}, {d, "", "a1y", 11}, {d, "", "a2", 12}, {d, "", "b", 13}}},
		{"numbered in bullets", "- **Thema**: uitleg [0]\n  1. eerste\n  2. tweede\n- **Ander**: meer\n",
			[]wantStatement{{d, "Thema", "uitleg", 8}, {d, "", "eerste", 9}, {d, "", "tweede", 10}, {d, "Ander", "meer", 11}}},
		{"bullets in numbered", "1. eerste [0]\n   - detail\n2. tweede\n",
			[]wantStatement{{d, "", "eerste", 8}, {d, "", "detail", 9}, {d, "", "tweede", 10}}},
		{"under Conclusie", "## Conclusie\n\n- slot [0]\n  - slot-a\n- slot2\n",
			[]wantStatement{{c, "", "slot", 10}, {c, "", "slot-a", 11}, {c, "", "slot2", 12}}},
		{"text after the nested list belongs to the parent", "- one [0]\n\n  - one-a\n\n  more one\n- two\n",
			[]wantStatement{{d, "", "one more one", 8}, {d, "", "one-a", 10}, {d, "", "two", 13}}},
		{"quote inside an item", "- one [0]\n\n  > quoted\n- two\n",
			[]wantStatement{{d, "", "one", 8}, {d, "", "quoted", 10}, {d, "", "two", 11}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev, ws := mustParse(t, report(tc.body))
			if len(ws) != 0 {
				t.Errorf("warnings: %q", warningStrings(ws))
			}
			checkStatements(t, ev.Statements, tc.want)
		})
	}
}

// stAt is statement i, or the last for -1; a zero statement when there is
// none, so that a wrong parse fails the comparison instead of the test binary.
func stAt(ev *Evaluation, i int) Statement {
	if i < 0 {
		i += len(ev.Statements)
	}
	if i < 0 || i >= len(ev.Statements) {
		return Statement{}
	}
	return ev.Statements[i]
}

func refAt(ev *Evaluation, i int) Reference {
	if i >= len(ev.References) {
		return Reference{}
	}
	return ev.References[i]
}

func TestAngleBrackets(t *testing.T) {
	s, d := PartSummary, PartDetail
	tests := []struct {
		name string
		src  string
		// get picks the text under test.
		get   func(ev *Evaluation) any
		want  any
		warns []string
	}{
		{"reference title", "# T\n\n" + sectionBlock + "\nTekst [0].\n\n" + entry("0", themisA, "2020-01-01", "Wijziging decreet <Basisonderwijs II>"),
			func(ev *Evaluation) any { return refAt(ev, 0).Title }, "Wijziging decreet <Basisonderwijs II>", nil},
		{"reference title starting with brackets", "# T\n\n" + sectionBlock + "\nTekst [0].\n\n" + entry("0", themisA, "2020-01-01", "<Visienota> klimaat"),
			func(ev *Evaluation) any { return refAt(ev, 0).Title }, "<Visienota> klimaat", nil},
		{"reference title and snippet", "# T\n\n" + sectionBlock + "\nTekst [0].\n\n" + entry("0", themisA, "2020-01-01", "<Visienota> klimaat  De <Vlaamse> Regering..."),
			func(ev *Evaluation) any { return [2]string{refAt(ev, 0).Title, refAt(ev, 0).Text} },
			[2]string{"<Visienota> klimaat", "<Visienota> klimaat De <Vlaamse> Regering..."}, nil},
		{"statement", report("De <Visienota> klimaat en </Basisonderwijs II> [0]."),
			func(ev *Evaluation) any { return stAt(ev, 0).Text }, "De <Visienota> klimaat en </Basisonderwijs II>.", nil},
		{"line that is only brackets", report("Tekst [0].\n\n<Visienota>\n"),
			func(ev *Evaluation) any { return ev.Statements }, []Statement{
				{Position: 1, Part: s, Text: "Tekst.", Citations: []int{0}, Line: 8},
				{Position: 2, Part: s, Text: "<Visienota>", Line: 10}}, nil},
		{"capitalised element names are words", report("Rapport <Data> en <Time>, <Title> [0]."),
			func(ev *Evaluation) any { return stAt(ev, 0).Text }, "Rapport <Data> en <Time>, <Title>.", nil},
		{"hyphenated name", report("Het <B-attest> [0]."),
			func(ev *Evaluation) any { return stAt(ev, 0).Text }, "Het <B-attest>.", nil},
		{"topic", report("- **<Visienota>**: tekst [0]\n"),
			func(ev *Evaluation) any { return [2]string{stAt(ev, 0).Topic, stAt(ev, 0).Text} }, [2]string{"<Visienota>", "tekst"}, nil},
		{"title", "# Titel <Basisonderwijs II>\n\n" + sectionBlock + "\nTekst [0].\n\n" + entry("0", themisA, "2020-01-01", "A"),
			func(ev *Evaluation) any { return ev.Title }, "Titel <Basisonderwijs II>", nil},
		{"section text", "# T\n\n<details><summary>Regeerakkoord Sectie</summary><p>4.3.2 Decreet <Basisonderwijs II> &amp; <Visienota></p></details>\n\nTekst [0].\n\n" + entry("0", themisA, "2020-01-01", "A"),
			func(ev *Evaluation) any { return ev.Section }, Section{Number: "4.3.2", Text: "Decreet <Basisonderwijs II> & <Visienota>", Line: 3}, nil},
		{"line inside a details block", report("<details>\n<summary>Bijlage</summary>\n<Visienota> klimaat [0]\n</details>\n"),
			func(ev *Evaluation) any { return stAt(ev, -1).Text }, "<Visienota> klimaat", nil},
		{"formatting tags vanish", report("Tekst <b>vet</b>, <I>schuin</I>, <span class=\"x\">span</span>, m<sup>2</sup> en <a href=\"https://x.be\">link</a> [0]."),
			func(ev *Evaluation) any { return stAt(ev, 0).Text }, "Tekst vet, schuin, span, m2 en link.", nil},
		{"br and p are white space", report("regel<br>twee<br/>drie<p>vier</p>vijf [0]."),
			func(ev *Evaluation) any { return stAt(ev, 0).Text }, "regel twee drie vier vijf.", nil},
		{"text in a div block", report("<div>\nTekst in een div [0].\n</div>\n"),
			func(ev *Evaluation) any { return ev.Statements }, []Statement{{Position: 1, Part: s, Text: "Tekst in een div.", Citations: []int{0}, Line: 9}}, nil},
		{"tag lines keep their text", report("<details>\n<summary>Bijlage</summary>\n<p>Tekst <b>vet</b> [0].</p>\n</details>\n"),
			func(ev *Evaluation) any { return ev.Statements }, []Statement{
				{Position: 1, Part: s, Text: "Bijlage", Line: 9},
				{Position: 2, Part: s, Text: "Tekst vet.", Citations: []int{0}, Line: 10}}, nil},
		{"reference in a tag line", "# T\n\n" + sectionBlock + "\nTekst [0].\n\n<p>" + strings.TrimSuffix(entry("0", themisA, "2020-01-01", "A <Visienota>"), "\n") + "</p>\n",
			func(ev *Evaluation) any { return ev.References }, []Reference{{Number: 0, URL: themisA, Kind: RefThemis, Date: "2020-01-01", Title: "A <Visienota>", Line: 10}}, nil},
		{"entity-escaped tags stay text", report("Een &lt;b&gt; tag [0]."),
			func(ev *Evaluation) any { return stAt(ev, 0).Text }, "Een <b> tag.", nil},
		{"image", report("Zie <img src=\"x.png\" alt=\"kaart\"> hier [0]."),
			func(ev *Evaluation) any { return stAt(ev, 0).Text }, "Zie hier.", []string{"r.md:8: HTML <img …> ignored"}},
		{"inline comment", report("Tekst <!-- nog na te kijken --> hier [0]."),
			func(ev *Evaluation) any { return stAt(ev, 0).Text }, "Tekst hier.", []string{"r.md:8: HTML comment <!-- … --> ignored"}},
		{"comment block", report("Tekst [0].\n\n<!--\nverborgen\n-->\n"),
			func(ev *Evaluation) any { return len(ev.Statements) }, 1, []string{"r.md:10: HTML comment <!-- … --> ignored"}},
		{"comment block with text after it", report("<!-- c --> Tekst [0].\n"),
			func(ev *Evaluation) any { return stAt(ev, 0).Text }, "Tekst.", []string{"r.md:8: HTML comment <!-- … --> ignored"}},
		{"comment over lines in a div", report("<div>\n<!-- a\nbb\nc --> d\nTekst [0].\n</div>\n"),
			func(ev *Evaluation) any { return ev.Statements }, []Statement{
				{Position: 1, Part: s, Text: "d", Line: 11},
				{Position: 2, Part: s, Text: "Tekst.", Citations: []int{0}, Line: 12}}, []string{"r.md:9: HTML comment <!-- … --> ignored"}},
		{"script block", report("Tekst [0].\n\n<script>\nalert(1)\n</script>\n"),
			func(ev *Evaluation) any { return len(ev.Statements) }, 1, []string{"r.md:10: HTML <script> ignored with its content"}},
		{"table", report("<table><tr><td>a [0]</td><td>b</td></tr></table>\n"),
			func(ev *Evaluation) any { return stAt(ev, 0).Text }, "a b", []string{
				"r.md:8: HTML <table> ignored", "r.md:8: HTML <tr> ignored", "r.md:8: HTML <td> ignored"}},
		{"iframe inline", report("Kijk <iframe src=\"https://x.be\"></iframe> [0]."),
			func(ev *Evaluation) any { return stAt(ev, 0).Text }, "Kijk.", []string{"r.md:8: HTML <iframe …> ignored"}},
		{"image in the section", "# T\n\n<details><summary>Regeerakkoord Sectie</summary>\n<p>4.3.2 Tekst <img src=x> <Visienota></p></details>\n\nTekst [0].\n\n" + entry("0", themisA, "2020-01-01", "A"),
			func(ev *Evaluation) any { return ev.Section }, Section{Number: "4.3.2", Text: "Tekst <Visienota>", Line: 4}, []string{"r.md:4: HTML <img …> ignored"}},
		{"detail items", report("- **Thema**: <Visienota> [0]\n- <i>meer</i> <Decreet>\n"),
			func(ev *Evaluation) any { return [2]string{stAt(ev, 0).Text, stAt(ev, 1).Text} }, [2]string{"<Visienota>", "meer <Decreet>"}, nil},
		{"part is kept", report("Eerst [0].\n\n- <Visienota>\n"),
			func(ev *Evaluation) any { return stAt(ev, 1).Part }, d, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev, ws := mustParse(t, tc.src)
			if got := warningStrings(ws); !reflect.DeepEqual(got, tc.warns) {
				t.Errorf("warnings\n got  %q\n want %q", got, tc.warns)
			}
			if got := tc.get(ev); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("\n got  %+v\n want %+v", got, tc.want)
			}
		})
	}
}

func TestSearchURLDates(t *testing.T) {
	search := "https://beslissingenvlaamseregering.vlaanderen.be/?search=Visienota&dateOption=select"
	tests := []struct {
		name      string
		query     string
		entryDate string // "" leaves the entry's (date) out
		date      string
		warns     []string
	}{
		{"date", "&startDate=2021-06-18&endDate=2021-06-18", "", "2021-06-18", nil},
		{"RFC 3339", "&startDate=2021-06-18T08%3A00%3A00Z&endDate=2021-06-18T08%3A00%3A00Z", "", "2021-06-18", nil},
		{"RFC 3339 with offset", "&startDate=2021-06-18T08%3A00%3A00%2B02%3A00", "", "2021-06-18", nil},
		{"date-time without zone", "&startDate=2021-06-18T08%3A00%3A00", "", "2021-06-18", nil},
		{"no startDate", "", "2021-06-18", "2021-06-18", nil},
		{"bad month", "&startDate=2021-16-18", "2021-06-18", "2021-06-18",
			[]string{`r.md:10: reference [0]: search URL startDate "2021-16-18" is not a valid date (want YYYY-MM-DD or an RFC 3339 date-time)`}},
		{"bad hour, no entry date", "&startDate=2021-06-18T99%3A00%3A00Z", "", "",
			[]string{`r.md:10: reference [0]: search URL startDate "2021-06-18T99:00:00Z" is not a valid date (want YYYY-MM-DD or an RFC 3339 date-time)`}},
		{"trailing junk", "&startDate=2021-06-18x", "", "",
			[]string{`r.md:10: reference [0]: search URL startDate "2021-06-18x" is not a valid date (want YYYY-MM-DD or an RFC 3339 date-time)`}},
		{"bad endDate", "&startDate=2021-06-18&endDate=18-06-2021", "", "2021-06-18",
			[]string{`r.md:10: reference [0]: search URL endDate "18-06-2021" is not a valid date (want YYYY-MM-DD or an RFC 3339 date-time)`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := "**[\\[0\\]](" + search + tc.query + ")** : Visienota\n"
			if tc.entryDate != "" {
				e = entry("0", search+tc.query, tc.entryDate, "Visienota")
			}
			ev, ws := mustParse(t, "# T\n\n"+sectionBlock+"\nTekst [0].\n\n"+e)
			if got := warningStrings(ws); !reflect.DeepEqual(got, tc.warns) {
				t.Errorf("warnings\n got  %q\n want %q", got, tc.warns)
			}
			if len(ev.References) != 1 {
				t.Fatalf("references %+v", ev.References)
			}
			if r := ev.References[0]; r.Date != tc.date || r.Kind != RefSearch || r.Title != "Visienota" {
				t.Errorf("reference %+v, want date %q", r, tc.date)
			}
		})
	}
}

func TestEmpty(t *testing.T) {
	tests := []struct {
		name, src, msg string
	}{
		{"zero bytes", "", "x.md: empty file"},
		{"only a BOM", "\ufeff", "x.md: empty file"},
		{"only white space", " \n\t\r\n\n", "x.md: empty file (only white space)"},
		{"BOM and white space", "\ufeff\n\n", "x.md: empty file (only white space)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev, ws, err := Parse("x.md", []byte(tc.src))
			var pe *ParseError
			if ev != nil || ws != nil || !errors.As(err, &pe) || !errors.Is(err, ErrEmpty) || errors.Is(err, ErrNotReport) || err.Error() != tc.msg {
				t.Fatalf("err = %v", err)
			}
		})
	}
}

// TestCollapse: the fast collapse gives what the plain rune-by-rune
// definition gives, for every kind of white space.
func TestCollapse(t *testing.T) {
	reference := func(s string) string {
		var b strings.Builder
		space := false
		for _, r := range s {
			if unicode.IsSpace(r) {
				space = b.Len() > 0
				continue
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	pieces := []string{"a", "bé", " ", "  ", "\t", "\n", "\r\n", "\v\f", "\u00a0", "\u0085", "\u3000", "\u2028", "日本", "x y", ""}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := collapse(s), reference(s); got != want {
			t.Fatalf("collapse(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestEntryNumberAndDate: the hand-written readers accept what the
// regexps `^\\?\[\s*(\d{1,6})\s*\\?\]$` and `^\s*:?\s*\(([^()]*)\)` did.
func TestEntryNumberAndDate(t *testing.T) {
	numberRE := regexp.MustCompile(`^\\?\[\s*(\d{1,6})\s*\\?\]$`)
	dateRE := regexp.MustCompile(`^\s*:?\s*\(([^()]*)\)`)
	for _, s := range []string{`[0]`, `\[12\]`, `[ 3 ]`, "[\t4\n]", `[123456]`, `[1234567]`, `[]`, `[x]`, `\[1]`, `[1\]`, `[1]]`, `x[1]`, `[1] `, `\\[1\]`, `[-1]`, `[+1]`, ``, `[`, `\`} {
		m := numberRE.FindStringSubmatch(s)
		n, ok := entryNumber(s)
		if (m != nil) != ok || ok && m[1] != strconv.Itoa(n) && strings.TrimLeft(m[1], "0") != strconv.Itoa(n) {
			t.Errorf("entryNumber(%q) = %d, %v; the regexp says %q", s, n, ok, m)
		}
	}
	for _, s := range []string{` : (2021-06-18) Titel`, `(2021-06-18)`, `:(x)`, " \n: \t(a b) c", `(2021(`, `((2021))`, `: ()`, ` Titel (2021-06-18)`, `::(1)`, ``, `(`} {
		m := dateRE.FindStringSubmatchIndex(s)
		date, end, ok := entryDate(s)
		if (m != nil) != ok || ok && (date != s[m[2]:m[3]] || end != m[1]) {
			t.Errorf("entryDate(%q) = %q, %d, %v; the regexp says %v", s, date, end, ok, m)
		}
	}
}
