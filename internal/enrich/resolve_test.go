package enrich

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pledgegraph/pledgegraph/graph/report"
)

func TestNormalizeTitle(t *testing.T) {
	same := [][2]string{
		{"Flanders Technology & Innovation (FTI): verankering van de event- entertainmentsector",
			"Flanders Technology & Innovation (FTI): verankering van de event-entertainmentsector"},
		{"Visienota 'Internationaal beurzenprogramma'", "Visienota ‘Internationaal beurzenprogramma’"},
		{"Plan Vlaamse Veerkracht: FIT – Datagedreven organisatie", "plan vlaamse veerkracht: fit - datagedreven organisatie"},
		{"Benoeming directeur-generaal  (FIT)", "Benoeming directeur-generaal (FIT)"},
		{"Ｆｕｌｌｗｉｄｔｈ", "fullwidth"}, // NFKC
	}
	for _, p := range same {
		if NormalizeTitle(p[0]) != NormalizeTitle(p[1]) {
			t.Errorf("NormalizeTitle(%q) = %q, NormalizeTitle(%q) = %q: want equal", p[0], NormalizeTitle(p[0]), p[1], NormalizeTitle(p[1]))
		}
	}
	different := [][2]string{
		{"Flanders Trainee Programma (FTP): wijzigingsbesluit", "Flanders Trainee Programma (FTP): wijzigingsbesluit subsidiëring van stages"},
		{"subsidiëring", "subsidiering"},
	}
	for _, p := range different {
		if NormalizeTitle(p[0]) == NormalizeTitle(p[1]) {
			t.Errorf("NormalizeTitle(%q) == NormalizeTitle(%q): want different", p[0], p[1])
		}
	}
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSearchQueryOf(t *testing.T) {
	const seedURL = "https://beslissingenvlaamseregering.vlaanderen.be/?search=Visienota%20%27Internationaal%20beurzenprogramma%27&dateOption=select&startDate=2021-07-09T08%3A00%3A00Z&endDate=2021-07-09T08%3A00%3A00Z"
	tests := []struct {
		name     string
		ref      report.Reference
		title    string
		from, to string
		err      error
	}{
		{"seed URL: exact planned start, widened by 12 h",
			report.Reference{Kind: report.RefSearch, URL: seedURL, Title: "ignored", Date: "2021-07-09"},
			"Visienota 'Internationaal beurzenprogramma'", "2021-07-08T20:00:00Z", "2021-07-09T20:00:00Z", nil},
		{"start only",
			report.Reference{Kind: report.RefSearch, URL: "https://beslissingenvlaamseregering.vlaanderen.be/?search=X&startDate=2021-07-09"},
			"X", "2021-07-08T12:00:00Z", "2021-07-09T12:00:00Z", nil},
		{"no dates in the URL: the reference's day",
			report.Reference{Kind: report.RefSearch, URL: "https://beslissingenvlaamseregering.vlaanderen.be/?search=X", Date: "2022-01-28"},
			"X", "2022-01-27T12:00:00Z", "2022-01-29T12:00:00Z", nil},
		{"end before start: start only",
			report.Reference{Kind: report.RefSearch, URL: "https://beslissingenvlaamseregering.vlaanderen.be/?search=X&startDate=2021-07-09T08:00:00Z&endDate=2020-01-01"},
			"X", "2021-07-08T20:00:00Z", "2021-07-09T20:00:00Z", nil},
		{"no date at all",
			report.Reference{Kind: report.RefSearch, URL: "https://beslissingenvlaamseregering.vlaanderen.be/?search=X"},
			"", "", "", ErrNoSearch},
		{"no title",
			report.Reference{Kind: report.RefSearch, URL: "https://beslissingenvlaamseregering.vlaanderen.be/?startDate=2021-07-09", Date: "2021-07-09"},
			"", "", "", ErrNoSearch},
		{"a Themis IRI is no search",
			report.Reference{Kind: report.RefThemis, URL: "http://themis.vlaanderen.be/id/nieuwsbericht/X", Date: "2021-07-09", Title: "X"},
			"", "", "", ErrNoSearch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := SearchQueryOf(tt.ref)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if q.Title != tt.title || !q.From.Equal(mustTime(t, tt.from)) || !q.To.Equal(mustTime(t, tt.to)) {
				t.Errorf("got %q [%s, %s], want %q [%s, %s]", q.Title, q.From.Format(time.RFC3339), q.To.Format(time.RFC3339), tt.title, tt.from, tt.to)
			}
		})
	}
}

func TestMatch(t *testing.T) {
	day := SearchQuery{Title: "Visienota 'X'", From: mustTime(t, "2021-07-08T20:00:00Z"), To: mustTime(t, "2021-07-09T20:00:00Z")}
	at := mustTime(t, "2021-07-09T08:00:00Z")
	cands := []Candidate{
		{IRI: "http://t/1", Title: "Visienota ‘X’", Start: at},
		{IRI: "http://t/2", Title: "Visienota 'X' en meer", Start: at},
		{IRI: "http://t/3", Title: "Visienota 'X'", Start: mustTime(t, "2021-07-16T08:00:00Z")}, // a week later: other window
	}
	if r := match(day, cands); r.Status != StatusResolved || r.IRI != "http://t/1" {
		t.Errorf("typographic quotes: got %v %q, want resolved http://t/1", r.Status, r.IRI)
	}
	if r := match(SearchQuery{Title: "Visienota", From: day.From, To: day.To}, cands); r.Status != StatusUnresolved {
		t.Errorf("a prefix must not match: got %v %q", r.Status, r.IRI)
	}
	twice := append(cands, Candidate{IRI: "http://t/0", Title: "VISIENOTA - 'X'", Start: at})
	r := match(day, twice)
	if r.Status != StatusAmbiguous || len(r.Matches) != 2 || r.Matches[0].IRI != "http://t/0" || r.Matches[1].IRI != "http://t/1" {
		t.Errorf("two decisions of one title: got %v %+v, want ambiguous [t/0 t/1]", r.Status, r.Matches)
	}
	// The same IRI twice (several agenda paths) is one decision.
	dup := append(cands[:1:1], cands[0])
	if r := match(day, dup); r.Status != StatusResolved {
		t.Errorf("repeated candidate: got %v, want resolved", r.Status)
	}
}

func TestCandidatesQueryHasNoComments(t *testing.T) {
	q, err := candidatesQuery([]window{{mustTime(t, "2021-07-08T20:00:00Z"), mustTime(t, "2021-07-09T20:00:00Z")}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(q, "#") && !strings.Contains(q, "<http") {
		t.Fatal("query has a comment")
	}
	for _, line := range strings.Split(q, "\n") {
		if i := strings.Index(line, "#"); i >= 0 && !strings.Contains(line[:i], "<") {
			t.Errorf("comment-like # outside an IRI: %q", line)
		}
	}
	if !strings.Contains(q, `"2021-07-08T20:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>`) {
		t.Errorf("window not serialized as xsd:dateTime terms:\n%s", q)
	}
}
