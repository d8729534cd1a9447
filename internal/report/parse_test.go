package report

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
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
		{"empty", "", ErrNotReport, 0},
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
