package corpus

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pledgegraph/pledgegraph/internal/testtool"
)

// TestWriteThemis: the synthetic Themis data is valid Turtle (read by
// rapper), deterministic, and holds every decision the benchmark asks for
// with the paths enrichment follows.
func TestWriteThemis(t *testing.T) {
	var a, b bytes.Buffer
	if err := WriteThemis(&a, 45); err != nil {
		t.Fatal(err)
	}
	if err := WriteThemis(&b, 45); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("WriteThemis is not deterministic")
	}
	lines := testtool.RapperNTriples(t, "turtle", a.Bytes())
	nt := strings.Join(lines, "\n")
	for i := 0; i < 45; i++ {
		if !strings.Contains(nt, "<"+ThemisDecision(i)+"> <http://purl.org/dc/terms/title> ") {
			t.Errorf("decision %d has no title", i)
		}
	}
	for _, want := range []string{
		"<http://www.w3.org/ns/prov#wasDerivedFrom> <http://themis.vlaanderen.be/id/bench/agendapunt-44>",
		"<http://themis.vlaanderen.be/id/bench/agenda-2> <http://purl.org/dc/terms/hasPart> <http://themis.vlaanderen.be/id/bench/agendapunt-44>",
		"<http://themis.vlaanderen.be/id/bench/agenda-2> <https://data.vlaanderen.be/ns/besluitvorming#isAgendaVoor> <http://themis.vlaanderen.be/id/bench/zitting-2>",
		`<http://themis.vlaanderen.be/id/bench/persoon-0> <http://xmlns.com/foaf/0.1/familyName> "Familienaam0"`,
	} {
		if !strings.Contains(nt, want) {
			t.Errorf("missing %s", want)
		}
	}
}
