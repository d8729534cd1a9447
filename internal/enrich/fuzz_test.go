package enrich

import (
	"testing"
	"unicode/utf8"

	"github.com/pledgegraph/pledgegraph/graph/report"
)

// FuzzSearchQueryOf: any URL and date give a query with a title and a
// window of at least a day's slack, or ErrNoSearch; never a panic. Titles
// normalise to letters and digits only, idempotently.
func FuzzSearchQueryOf(f *testing.F) {
	f.Add("https://beslissingenvlaamseregering.vlaanderen.be/?search=Visienota%20%27X%27&startDate=2021-07-09T08%3A00%3A00Z&endDate=2021-07-09T08%3A00%3A00Z", "2021-07-09")
	f.Add("https://beslissingenvlaamseregering.vlaanderen.be/?search=%ZZ&startDate=9999-99-99", "")
	f.Add("::::", "2021-02-30")
	f.Fuzz(func(t *testing.T, url, date string) {
		q, err := SearchQueryOf(report.Reference{Kind: report.RefSearch, URL: url, Date: date, Title: "fallback"})
		if err != nil {
			if err != ErrNoSearch {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if q.Title == "" || q.To.Sub(q.From) < 2*windowSlack {
			t.Fatalf("query %+v", q)
		}
		n := NormalizeTitle(q.Title)
		if NormalizeTitle(n) != n || !utf8.ValidString(n) && utf8.ValidString(q.Title) {
			t.Fatalf("NormalizeTitle(%q) = %q is not stable", q.Title, n)
		}
	})
}
