package shapes

import (
	"os"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/pledgegraph/pledgegraph/internal/testtool"
)

// Terms of examples/graph.ttl, in N-Triples form.
const (
	ev     = "<https://w3id.org/pledgegraph/id/evaluatie/4.3.2-aed1afdf6339ab43>"
	ev2    = "<https://w3id.org/pledgegraph/id/evaluatie/4.3.1-04409e1701df5de1>"
	s1     = "<https://w3id.org/pledgegraph/id/evaluatie/4.3.2-aed1afdf6339ab43#s1>"
	s3     = "<https://w3id.org/pledgegraph/id/evaluatie/4.3.2-aed1afdf6339ab43#s3>"
	ref0   = "<https://w3id.org/pledgegraph/id/evaluatie/4.3.2-aed1afdf6339ab43#ref-0>"
	src    = "<https://w3id.org/pledgegraph/id/rapport/aed1afdf6339ab43>"
	agr    = "<https://w3id.org/pledgegraph/id/regeerakkoord/2019-2024>"
	sec43  = "<https://w3id.org/pledgegraph/id/regeerakkoord/2019-2024/sectie/4.3>"
	sec431 = "<https://w3id.org/pledgegraph/id/regeerakkoord/2019-2024/sectie/4.3.1>"
	sec432 = "<https://w3id.org/pledgegraph/id/regeerakkoord/2019-2024/sectie/4.3.2>"

	typ           = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
	dctIdentifier = "<http://purl.org/dc/terms/identifier>"
	dctDate       = "<http://purl.org/dc/terms/date>"
	dctTitle      = "<http://purl.org/dc/terms/title>"
	dctHasPart    = "<http://purl.org/dc/terms/hasPart>"
	dctIsPartOf   = "<http://purl.org/dc/terms/isPartOf>"
	schemaText    = "<http://schema.org/text>"
	schemaPos     = "<http://schema.org/position>"
	schemaInLang  = "<http://schema.org/inLanguage>"
	schemaItem    = "<http://schema.org/itemReviewed>"
	schemaURL     = "<http://schema.org/url>"
	pgPart        = "<https://w3id.org/pledgegraph/ns#part>"
	pgDecision    = "<https://w3id.org/pledgegraph/ns#Decision>"
	provDerived   = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
	citesEvidence = "<http://purl.org/spar/cito/citesAsEvidence>"
	citingEntity  = "<http://purl.org/spar/cito/hasCitingEntity>"
	citedEntity   = "<http://purl.org/spar/cito/hasCitedEntity>"
	characterized = "<http://purl.org/spar/cito/hasCitationCharacterization>"
	xsdDate       = "<http://www.w3.org/2001/XMLSchema#date>"
	xsdDateTime   = "<http://www.w3.org/2001/XMLSchema#dateTime>"
	xsdInteger    = "<http://www.w3.org/2001/XMLSchema#integer>"
)

// exampleLines returns examples/graph.ttl as N-Triples lines.
func exampleLines(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile("../../examples/graph.ttl")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, tr := range decode(t, "examples/graph.ttl", data) {
		lines = append(lines, strings.TrimSpace(tr.Serialize(rdf.NTriples)))
	}
	return lines
}

// edit changes the N-Triples lines of a graph.
type edit func(t *testing.T, lines []string) []string

// drop removes the triples that start with subject and predicate.
func drop(subj, pred string) edit {
	return func(t *testing.T, lines []string) []string {
		var out []string
		for _, l := range lines {
			if !strings.HasPrefix(l, subj+" "+pred+" ") {
				out = append(out, l)
			}
		}
		if len(out) == len(lines) {
			t.Fatalf("no triple %s %s to drop", subj, pred)
		}
		return out
	}
}

// set replaces the object of the triples of subject and predicate whose
// object starts with old.
func set(subj, pred, old, obj string) edit {
	return func(t *testing.T, lines []string) []string {
		prefix := subj + " " + pred + " " + old
		n := 0
		out := make([]string, len(lines))
		for i, l := range lines {
			out[i] = l
			if strings.HasPrefix(l, prefix) {
				out[i] = subj + " " + pred + " " + obj + " ."
				n++
			}
		}
		if n == 0 {
			t.Fatalf("no triple %s… to change", prefix)
		}
		return out
	}
}

func add(s, p, o string) edit {
	return func(_ *testing.T, lines []string) []string {
		return append(append([]string(nil), lines...), s+" "+p+" "+o+" .")
	}
}

// TestBrokenGraphs: a graph broken on purpose fails validation with
// exactly the results that name what was broken: focus node, path and
// constraint.
func TestBrokenGraphs(t *testing.T) {
	tests := []struct {
		name  string
		edits []edit
		want  []string
	}{
		{"section without dct:identifier", []edit{drop(sec432, dctIdentifier)},
			want(result{sec432, dctIdentifier, "MinCountConstraintComponent", ""})},
		{"section number as a Dutch text", []edit{set(sec43, dctIdentifier, `"4.3"`, `"4.3"@nl`)},
			want(result{sec43, dctIdentifier, "DatatypeConstraintComponent", ""})},
		{"section with two numbers", []edit{add(sec431, dctIdentifier, `"4.3.9"`)},
			want(result{sec431, dctIdentifier, "MaxCountConstraintComponent", ""})},
		{"section hanging from a literal", []edit{set(sec43, dctIsPartOf, "<", `"4"`)},
			want(result{sec43, dctIsPartOf, "NodeKindConstraintComponent", ""}, result{sec43, dctIsPartOf, "OrConstraintComponent", ""})},
		{"section its parent does not list", []edit{drop(sec43, dctHasPart)},
			want(result{sec431, "^" + dctHasPart, "MinCountConstraintComponent", ""}, result{sec432, "^" + dctHasPart, "MinCountConstraintComponent", ""})},
		{"section quoted in two ways", []edit{add(sec432, schemaText, `"Een andere tekst"@nl`)},
			want(result{sec432, schemaText, "MaxCountConstraintComponent", "Warning"})},
		{"agreement titled in English", []edit{set(agr, dctTitle, `"`, `"Coalition agreement"@en`)},
			want(result{agr, dctTitle, "LanguageInConstraintComponent", ""})},
		{"reference with a date-time for a date", []edit{set(ref0, dctDate, `"2021-06-18"`, `"2021-06-18"^^`+xsdDateTime)},
			want(result{ref0, dctDate, "DatatypeConstraintComponent", ""})},
		{"reference dated month 13", []edit{set(ref0, dctDate, `"2021-06-18"`, `"2021-13-18"^^`+xsdDate)},
			want(result{ref0, dctDate, "PatternConstraintComponent", ""})},
		{"reference date as plain text", []edit{set(ref0, dctDate, `"2021-06-18"`, `"18 juni 2021"`)},
			want(result{ref0, dctDate, "DatatypeConstraintComponent", ""}, result{ref0, dctDate, "PatternConstraintComponent", ""})},
		{"reference without its evaluation", []edit{drop(ref0, citingEntity)},
			want(result{ref0, citingEntity, "MinCountConstraintComponent", ""})},
		{"reference citing a decision without saying how", []edit{drop(ref0, characterized)},
			want(result{ref0, "", "OrConstraintComponent", ""})},
		{"reference that points nowhere", []edit{drop(ref0, citedEntity), drop(ref0, characterized)},
			want(result{ref0, "", "OrConstraintComponent", "Warning"})},
		{"reference with a text for a URL", []edit{add(ref0, schemaURL, `"https://beslissingenvlaamseregering.vlaanderen.be/"`)},
			want(result{ref0, schemaURL, "NodeKindConstraintComponent", ""})},
		{"statement text without a language", []edit{set(s1, schemaText, `"`, `"Een tekst zonder taal"`)},
			want(result{s1, schemaText, "DatatypeConstraintComponent", ""}, result{s1, schemaText, "LanguageInConstraintComponent", ""})},
		{"statement text in English", []edit{set(s1, schemaText, `"`, `"Some text"@en`)},
			want(result{s1, schemaText, "LanguageInConstraintComponent", ""})},
		{"statement outside any evaluation", []edit{func(t *testing.T, lines []string) []string {
			return set(ev, dctHasPart, s3, s1)(t, lines)
		}},
			want(result{s3, "^" + dctHasPart, "MinCountConstraintComponent", ""})},
		{"statement of two evaluations", []edit{add(ev2, dctHasPart, s3)},
			want(result{s3, "^" + dctHasPart, "MaxCountConstraintComponent", ""})},
		{"statement in an unknown part", []edit{set(s1, pgPart, "<", "<https://w3id.org/pledgegraph/ns#Other>")},
			want(result{s1, pgPart, "InConstraintComponent", ""})},
		{"statement at position 0", []edit{set(s1, schemaPos, `"1"`, `"0"^^`+xsdInteger)},
			want(result{s1, schemaPos, "MinInclusiveConstraintComponent", ""})},
		{"evaluation of two sections", []edit{add(ev, schemaItem, sec431)},
			want(result{ev, schemaItem, "MaxCountConstraintComponent", ""})},
		{"evaluation of nothing", []edit{drop(ev, schemaItem)},
			want(result{ev, schemaItem, "MinCountConstraintComponent", "Warning"})},
		{"evaluation in English", []edit{set(ev, schemaInLang, `"nl"`, `"en"`)},
			want(result{ev, schemaInLang, "HasValueConstraintComponent", ""})},
		{"evaluation with a malformed id", []edit{set(ev, dctIdentifier, `"`, `"4.3.2-XYZ"`)},
			want(result{ev, dctIdentifier, "PatternConstraintComponent", ""})},
		{"evaluation citing a text", []edit{add(ev, citesEvidence, `"60C9F6B7364ED9000800041D"`)},
			want(result{ev, citesEvidence, "NodeKindConstraintComponent", ""}, result{ev, citesEvidence, "ClassConstraintComponent", ""})},
		{"evaluation derived from an untyped source", []edit{drop(src, typ)},
			want(result{ev, provDerived, "ClassConstraintComponent", ""})},
		{"decision outside Themis", []edit{add("<https://example.org/besluit/1>", typ, pgDecision)},
			want(result{"<https://example.org/besluit/1>", "", "PatternConstraintComponent", ""})},
	}
	base := exampleLines(t)
	var data [][]byte
	for _, tt := range tests {
		lines := base
		for _, e := range tt.edits {
			lines = e(t, lines)
		}
		data = append(data, []byte(strings.Join(lines, "\n")+"\n"))
	}
	reps := testtool.SHACLValidateAll(t, Graph(), data...)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if reps[i].Conforms {
				t.Fatal("a broken graph conforms")
			}
			if got := results(reps[i]); !equal(got, tt.want) {
				t.Errorf("results:\n  %s\nwant:\n  %s\n%s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "), reps[i])
			}
		})
	}
}
