package graph

import (
	"crypto/sha256"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/graph/report"
	"github.com/pledgegraph/pledgegraph/vocab"
)

const testBase = "https://example.org/id/"

func sampleEvaluation() *report.Evaluation {
	return &report.Evaluation{
		File:      "reports/r1.md",
		Title:     "Evaluatie van \"FIT\"",
		TitleLine: 1,
		Headings:  []string{"Tweede titel"},
		Section:   report.Section{Number: "5.4.1.2", Text: "FIT promoot Vlaanderen", Line: 5},
		Statements: []report.Statement{
			{Position: 1, Part: report.PartSummary, Text: "De regering [Regeerakkoord].", Citations: []int{0, 1}, AgreementRefs: []string{"", "4.3"}, Line: 9},
			{Position: 2, Part: report.PartDetail, Topic: "Brexit", Text: "Maatregelen.", Citations: []int{1, 7}, Line: 12},
			{Position: 3, Part: report.PartConclusion, Text: "Beloften nagekomen.", Line: 15},
		},
		References: []report.Reference{
			{Number: 0, URL: "http://themis.vlaanderen.be/id/nieuwsbrief-info/60C9F6B7364ED9000800041D", Kind: report.RefThemis, Date: "2021-06-18", Title: "Plan Vlaamse Veerkracht", Line: 20},
			{Number: 1, URL: "https://beslissingenvlaamseregering.vlaanderen.be/?search=FIT%20plan&startDate=2020-07-17T08%3A00%3A00Z", Kind: report.RefSearch, Date: "2020-07-17", Title: "FIT plan", Line: 22},
			{Number: 2, URL: "http://themis.vlaanderen.be/id/resource/d6bac7c0-4927-11ec-94bb-99a9d1e168fe", Kind: report.RefThemis, Date: "2020-07-17", Title: "FIT Corona Exit-plan Voorontwerp", Text: "FIT Corona Exit-plan Voorontwerp...", Line: 24},
			{Number: 3, URL: "https://example.org/a b", Kind: report.RefOther, Title: "Elders", Line: 26},
		},
		Digest: sha256.Sum256([]byte("report one")),
	}
}

func build(t *testing.T, ev *report.Evaluation) (*Report, []report.Warning) {
	t.Helper()
	b, err := NewBuilder(testBase)
	if err != nil {
		t.Fatal(err)
	}
	r, warns, err := b.Build(ev)
	if err != nil {
		t.Fatal(err)
	}
	return r, warns
}

// nt serializes triples as sorted N-Triples lines, the form the assertions use.
func nt(ts []rdf.Triple) map[string]bool {
	out := map[string]bool{}
	for _, t := range ts {
		out[strings.TrimSuffix(t.Serialize(rdf.NTriples), "\n")] = true
	}
	return out
}

func TestBuildFixedPoints(t *testing.T) {
	r, warns := build(t, sampleEvaluation())
	id := "5.4.1.2-" + hexDigest(sampleEvaluation())
	eval := "<" + testBase + "evaluatie/" + id + ">"
	src := "<" + testBase + "rapport/" + hexDigest(sampleEvaluation()) + ">"
	sec := func(n string) string { return "<" + testBase + "regeerakkoord/2019-2024/sectie/" + n + ">" }
	agreement := "<" + testBase + "regeerakkoord/2019-2024>"
	themis0 := "<http://themis.vlaanderen.be/id/nieuwsbrief-info/60C9F6B7364ED9000800041D>"
	themis2 := "<http://themis.vlaanderen.be/id/resource/d6bac7c0-4927-11ec-94bb-99a9d1e168fe>"
	s1, s2 := "<"+testBase+"evaluatie/"+id+"#s1>", "<"+testBase+"evaluatie/"+id+"#s2>"
	ref := func(n string) string { return "<" + testBase + "evaluatie/" + id + "#ref-" + n + ">" }
	a := "<" + vocab.RDF + "type>"
	p := func(ns, local string) string { return "<" + ns + local + ">" }

	own, shared := nt(r.Own), nt(r.Shared)
	wantOwn := []string{
		eval + " " + a + " " + p(vocab.Schema, "ClaimReview") + " .",
		eval + " " + p(vocab.Schema, "name") + ` "Evaluatie van \"FIT\""@nl .`,
		eval + " " + p(vocab.Schema, "alternativeHeadline") + ` "Tweede titel"@nl .`,
		eval + " " + p(vocab.Schema, "itemReviewed") + " " + sec("5.4.1.2") + " .",
		eval + " " + p(vocab.Schema, "reviewBody") + ` "Beloften nagekomen."@nl .`,
		eval + " " + p(vocab.Schema, "inLanguage") + ` "nl" .`,
		eval + " " + p(vocab.DCT, "identifier") + ` "` + id + `" .`,
		eval + " " + p(vocab.Prov, "wasDerivedFrom") + " " + src + " .",
		eval + " " + p(vocab.DCT, "hasPart") + " " + s1 + " .",
		eval + " " + p(vocab.Cito, "citesAsEvidence") + " " + themis0 + " .",
		eval + " " + p(vocab.Cito, "citesAsEvidence") + " " + themis2 + " .",
		src + " " + p(vocab.Schema, "name") + ` "r1.md" .`,
		s1 + " " + a + " " + p(vocab.PG, "Statement") + " .",
		s1 + " " + p(vocab.Schema, "position") + ` "1"^^<` + vocab.XSD + `integer> .`,
		s1 + " " + p(vocab.PG, "part") + " " + p(vocab.PG, "Summary") + " .",
		s1 + " " + p(vocab.DCT, "references") + " " + ref("0") + " .",
		s1 + " " + p(vocab.DCT, "references") + " " + ref("1") + " .",
		s1 + " " + p(vocab.Cito, "citesAsEvidence") + " " + themis0 + " .",
		s1 + " " + p(vocab.Cito, "cites") + " " + sec("5.4.1.2") + " .",
		s1 + " " + p(vocab.Cito, "cites") + " " + sec("4.3") + " .",
		s2 + " " + p(vocab.Schema, "name") + ` "Brexit"@nl .`,
		s2 + " " + p(vocab.PG, "part") + " " + p(vocab.PG, "Detail") + " .",
		ref("0") + " " + a + " " + p(vocab.Cito, "Citation") + " .",
		ref("0") + " " + p(vocab.Cito, "hasCitingEntity") + " " + eval + " .",
		ref("0") + " " + p(vocab.Schema, "position") + ` "0"^^<` + vocab.XSD + `integer> .`,
		ref("0") + " " + p(vocab.DCT, "date") + ` "2021-06-18"^^<` + vocab.XSD + `date> .`,
		ref("0") + " " + p(vocab.DCT, "title") + ` "Plan Vlaamse Veerkracht"@nl .`,
		ref("0") + " " + p(vocab.Cito, "hasCitedEntity") + " " + themis0 + " .",
		ref("1") + " " + p(vocab.Schema, "url") + " <https://beslissingenvlaamseregering.vlaanderen.be/?search=FIT%20plan&startDate=2020-07-17T08%3A00%3A00Z> .",
		ref("2") + " " + p(vocab.Schema, "description") + ` "FIT Corona Exit-plan Voorontwerp..."@nl .`,
		ref("3") + " " + p(vocab.Schema, "url") + " <https://example.org/a%20b> .",
	}
	for _, w := range wantOwn {
		if !own[w] {
			t.Errorf("missing own triple:\n  %s", w)
		}
	}
	wantShared := []string{
		agreement + " " + a + " " + p(vocab.PG, "CoalitionAgreement") + " .",
		agreement + " " + p(vocab.DCT, "title") + ` "` + AgreementTitle + `"@nl .`,
		agreement + " " + p(vocab.DCT, "hasPart") + " " + sec("5") + " .",
		agreement + " " + p(vocab.DCT, "hasPart") + " " + sec("4") + " .",
		sec("5.4.1.2") + " " + a + " " + p(vocab.Schema, "Claim") + " .",
		sec("5.4.1.2") + " " + p(vocab.DCT, "identifier") + ` "5.4.1.2" .`,
		sec("5.4.1.2") + " " + p(vocab.Schema, "text") + ` "FIT promoot Vlaanderen"@nl .`,
		sec("5.4.1.2") + " " + p(vocab.DCT, "isPartOf") + " " + sec("5.4.1") + " .",
		sec("5.4.1") + " " + p(vocab.DCT, "isPartOf") + " " + sec("5.4") + " .",
		sec("5.4") + " " + p(vocab.DCT, "isPartOf") + " " + sec("5") + " .",
		sec("5") + " " + p(vocab.DCT, "isPartOf") + " " + agreement + " .",
		sec("4.3") + " " + a + " " + p(vocab.PG, "AgreementSection") + " .",
		themis0 + " " + a + " " + p(vocab.PG, "Decision") + " .",
		themis0 + " " + p(vocab.Schema, "name") + ` "Plan Vlaamse Veerkracht"@nl .`,
		themis0 + " " + p(vocab.DCT, "date") + ` "2021-06-18"^^<` + vocab.XSD + `date> .`,
		themis2 + " " + p(vocab.DCT, "date") + ` "2020-07-17"^^<` + vocab.XSD + `date> .`,
	}
	for _, w := range wantShared {
		if !shared[w] {
			t.Errorf("missing shared triple:\n  %s", w)
		}
	}
	forbidden := []string{
		// a cut-off title is not stated about the decision itself
		themis2 + " " + p(vocab.Schema, "name") + ` "FIT Corona Exit-plan Voorontwerp"@nl .`,
		// the only conclusion is the review body; the summary is not
		eval + " " + p(vocab.Schema, "reviewBody") + ` "De regering [Regeerakkoord]."@nl .`,
		// a search URL is no evidence until it is resolved
		eval + " " + p(vocab.Cito, "citesAsEvidence") + " <https://beslissingenvlaamseregering.vlaanderen.be/?search=FIT%20plan&startDate=2020-07-17T08%3A00%3A00Z> .",
		// [7] has no reference
		s2 + " " + p(vocab.DCT, "references") + " " + ref("7") + " .",
	}
	for _, f := range forbidden {
		if own[f] || shared[f] {
			t.Errorf("unexpected triple:\n  %s", f)
		}
	}
	if len(warns) != 0 {
		t.Errorf("warnings: %v", warns)
	}
	for _, tr := range append(append([]rdf.Triple{}, r.Own...), r.Shared...) {
		if tr.Subj.Type() == rdf.TermBlank || tr.Obj.Type() == rdf.TermBlank {
			t.Errorf("blank node in %v", tr)
		}
	}
	if r.Graph.String() != strings.Trim(src, "<>") {
		t.Errorf("named graph %s, want the source document", r.Graph)
	}
}

func hexDigest(ev *report.Evaluation) string {
	const hexdigits = "0123456789abcdef"
	var b strings.Builder
	for _, c := range ev.Digest[:8] {
		b.WriteByte(hexdigits[c>>4])
		b.WriteByte(hexdigits[c&15])
	}
	return b.String()
}

func TestBuildIsDeterministic(t *testing.T) {
	r1, _ := build(t, sampleEvaluation())
	r2, _ := build(t, sampleEvaluation())
	if !reflect.DeepEqual(r1, r2) {
		t.Fatal("two builds of the same evaluation differ")
	}
	other := sampleEvaluation()
	other.Digest = sha256.Sum256([]byte("report two"))
	r3, _ := build(t, other)
	if r3.Evaluation == r1.Evaluation {
		t.Fatal("different content must give a different evaluation IRI")
	}
	if !reflect.DeepEqual(r1.Shared, r3.Shared) {
		t.Fatal("shared triples must not depend on the report's content hash")
	}
}

func TestSharedIsSortedAndGrouped(t *testing.T) {
	r, _ := build(t, sampleEvaluation())
	seen := map[string]bool{}
	prev := ""
	for _, tr := range r.Shared {
		s := tr.Subj.String()
		if s != prev {
			if seen[s] {
				t.Fatalf("subject %s appears in two groups", s)
			}
			seen[s] = true
			if prev != "" && naturalCompare(prev, s) > 0 {
				t.Fatalf("subjects out of order: %s before %s", prev, s)
			}
			if tr.Pred != vocab.RDFType {
				t.Errorf("%s: first predicate is %s, want rdf:type", s, tr.Pred)
			}
			prev = s
		}
	}
}

func TestBuildWarnsOnUnusableURL(t *testing.T) {
	ev := sampleEvaluation()
	ev.References = append(ev.References, report.Reference{Number: 9, URL: "no scheme here", Kind: report.RefOther, Line: 30})
	r, warns := build(t, ev)
	if len(warns) != 1 || warns[0].Line != 30 || !strings.Contains(warns[0].Msg, "[9]") {
		t.Fatalf("warnings = %v, want one for [9] at line 30", warns)
	}
	if !nt(r.Own)["<"+testBase+"evaluatie/5.4.1.2-"+hexDigest(ev)+"#ref-9> <"+vocab.RDF+"type> <"+vocab.Cito+"Citation> ."] {
		t.Error("the reference itself must still be in the graph")
	}
}

func TestNewBuilderRejectsBadBase(t *testing.T) {
	for _, base := range []string{"", "relative/", "https://example.org/id", "https://exa mple.org/", "1http://x/"} {
		if _, err := NewBuilder(base); err == nil {
			t.Errorf("NewBuilder(%q) accepted", base)
		}
	}
	for _, base := range []string{"https://example.org/id/", "urn:x:pledge#", DefaultBase} {
		if _, err := NewBuilder(base); err != nil {
			t.Errorf("NewBuilder(%q): %v", base, err)
		}
	}
}

func TestNaturalCompare(t *testing.T) {
	ordered := []string{"a", "sectie/4", "sectie/4.3", "sectie/4.3.2", "sectie/4.3.10", "sectie/10", "sectie/x"}
	for i := 1; i < len(ordered); i++ {
		if naturalCompare(ordered[i-1], ordered[i]) >= 0 || naturalCompare(ordered[i], ordered[i-1]) <= 0 {
			t.Errorf("%q should sort before %q", ordered[i-1], ordered[i])
		}
	}
	if naturalCompare("x01", "x1") == 0 {
		t.Error("x01 and x1 must not compare equal (the order must be total)")
	}
}

// TestNaturalCompareSkipsPrefixFaithfully: skipping the common prefix gives
// the order of the plain definition, also when the prefix ends inside a
// run of digits.
func TestNaturalCompareSkipsPrefixFaithfully(t *testing.T) {
	plain := func(a, b string) int { return naturalCompareFrom(a, b, 0) }
	alphabet := []string{"0", "1", "9", "10", "01", "a", "b", ".", "/", "sectie/4", "-"}
	rng := rand.New(rand.NewPCG(3, 4))
	gen := func() string {
		var b strings.Builder
		for range rng.IntN(7) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	for range 50000 {
		a, b := gen(), gen()
		if rng.IntN(3) == 0 {
			b = a + b
		}
		if got, want := naturalCompare(a, b), plain(a, b); got != want {
			t.Fatalf("naturalCompare(%q, %q) = %d, the plain comparison %d", a, b, got, want)
		}
	}
}

// TestBuildWritesEachTripleOnce: a bare [Regeerakkoord] next to
// [Regeerakkoord: n] of the report's own section, and a heading repeated,
// are one triple each (found in a 10,000-report export).
func TestBuildWritesEachTripleOnce(t *testing.T) {
	ev := sampleEvaluation()
	ev.Headings = []string{"Tweede titel", "Derde titel", "Tweede titel"}
	ev.Statements[0].AgreementRefs = []string{"", "5.4.1.2", "4.3"}
	r, _ := build(t, ev)
	seen := map[string]bool{}
	for _, tr := range append(r.Own, r.Shared...) {
		line := tr.Serialize(rdf.NTriples)
		if seen[line] {
			t.Errorf("twice: %s", line)
		}
		seen[line] = true
	}
	if got := nt(r.Own); !got["<"+testBase+"evaluatie/"+EvaluationID(ev)+"#s1> <http://purl.org/spar/cito/cites> <"+testBase+"regeerakkoord/2019-2024/sectie/5.4.1.2> ."] {
		t.Errorf("the section citation is gone")
	}
}
