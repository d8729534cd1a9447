package corpus

import (
	"bufio"
	"fmt"
	"io"
	"time"
)

// Themis-shaped synthetic data, for the enrichment benchmark: decisions
// (news items) in the shape of the Themis model, each with its agenda item,
// agenda and meeting, two themes and one or two ministers. IRIs contain
// "BE4C" (bench) so they can never be mistaken for real Themis IRIs.

const (
	themisDecisionsPerMeeting = 20
	themisThemes              = 12
	themisMinisters           = 9
)

// ThemisDecision is the IRI of the i-th synthetic decision.
func ThemisDecision(i int) string {
	return fmt.Sprintf("http://themis.vlaanderen.be/id/nieuwsbericht/BE4C%020d", i)
}

// WriteThemis writes n synthetic decisions as Turtle. The same n gives the
// same bytes.
func WriteThemis(w io.Writer, n int) error {
	b := bufio.NewWriter(w)
	fmt.Fprint(b, `@prefix besluit: <http://data.vlaanderen.be/ns/besluit#> .
@prefix besluitvorming: <https://data.vlaanderen.be/ns/besluitvorming#> .
@prefix dossier: <https://data.vlaanderen.be/ns/dossier#> .
@prefix mandaat: <http://data.vlaanderen.be/ns/mandaat#> .
@prefix persoon: <https://data.vlaanderen.be/ns/persoon#> .
@prefix person: <http://www.w3.org/ns/person#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix mu: <http://mu.semte.ch/vocabularies/core/> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <http://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix bench: <http://themis.vlaanderen.be/id/bench/> .

<http://themis.vlaanderen.be/id/concept/document-type/63d628cb-a594-4166-8b4e-880b4214fc5b> a skos:Concept ; skos:prefLabel "Nieuwsbericht" .
bench:nota a skos:Concept ; skos:prefLabel "Nota" .
bench:ministerraad a skos:Concept ; skos:prefLabel "Ministerraad" .
`)
	for t := 0; t < themisThemes; t++ {
		fmt.Fprintf(b, "bench:thema-%d a skos:Concept ; skos:prefLabel \"Thema %d\" .\n", t, t)
	}
	for m := 0; m < themisMinisters; m++ {
		fmt.Fprintf(b, `bench:mandataris-%d a mandaat:Mandataris ; dct:title "Vlaams minister van Domein %d" ; mandaat:rangorde %d ;
  mandaat:start "2019-10-02T00:00:00+02:00"^^xsd:dateTime ; mandaat:isBestuurlijkeAliasVan bench:persoon-%d .
bench:persoon-%d a person:Person ; foaf:familyName "Familienaam%d" ; persoon:gebruikteVoornaam "Voornaam%d" .
`, m, m, m+1, m, m, m, m)
	}
	// In 2031, so the synthetic meetings never share a date with real ones.
	start := time.Date(2031, 1, 3, 8, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		meeting := i / themisDecisionsPerMeeting
		if i%themisDecisionsPerMeeting == 0 {
			fmt.Fprintf(b, `bench:zitting-%d a besluit:Vergaderactiviteit ; dct:type bench:ministerraad ;
  besluit:geplandeStart "%s"^^xsd:dateTime .
bench:agenda-%d a besluitvorming:Agenda ; besluitvorming:isAgendaVoor bench:zitting-%d .
`, meeting, start.AddDate(0, 0, 7*meeting).Format(time.RFC3339), meeting, meeting)
		}
		item := ThemisDecision(i)
		fmt.Fprintf(b, `bench:agendapunt-%d a besluit:Agendapunt ; schema:position %d ; dct:title "Agendapunt %d" ;
  besluitvorming:korteTitel "Beslissing %d" ; <http://data.vlaanderen.be/ns/besluit#Agendapunt.type> bench:nota .
bench:agenda-%d dct:hasPart bench:agendapunt-%d .
<%s> a dossier:Stuk ; mu:uuid "BE4C%020d" ;
  dct:type <http://themis.vlaanderen.be/id/concept/document-type/63d628cb-a594-4166-8b4e-880b4214fc5b> ;
  dct:title "Beslissing %d over onderwerp %d" ; dct:alternative "Ondertitel van beslissing %d" ;
  prov:value "Tekst van beslissing %d." ; schema:position %d ;
  dct:subject bench:thema-%d , bench:thema-%d ;
  prov:qualifiedAssociation bench:mandataris-%d ;
  prov:wasDerivedFrom bench:agendapunt-%d .
`, i, i%themisDecisionsPerMeeting+1, i, i, meeting, i, item, i, i, i%97, i, i, i%themisDecisionsPerMeeting+1,
			i%themisThemes, (i+5)%themisThemes, i%themisMinisters, i)
		if i%3 == 0 {
			fmt.Fprintf(b, "<%s> prov:qualifiedAssociation bench:mandataris-%d .\n", item, (i+4)%themisMinisters)
		}
	}
	return b.Flush()
}
