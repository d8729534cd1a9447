package enrich

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/knakk/rdf"
	"golang.org/x/text/unicode/norm"

	"github.com/pledgegraph/pledgegraph/graph/report"
	"github.com/pledgegraph/pledgegraph/sparql"
)

// SearchQuery is what a search URL of beslissingenvlaamseregering.vlaanderen.be
// asks: a decision title on a meeting date. The site filters on the
// meeting's planned start (news item → agenda item → agenda → meeting
// besluit:geplandeStart), so that is what From and To bound, widened by half
// a day on either side; a news item's dct:issued is its export time and is
// never used.
type SearchQuery struct {
	Title    string
	From, To time.Time
}

// window is the meeting-date window of a query, the unit of requests and
// of the cache.
type window struct{ from, to time.Time }

func (q SearchQuery) window() window { return window{q.From, q.To} }

func (w window) key() string {
	return w.from.UTC().Format(time.RFC3339) + "/" + w.to.UTC().Format(time.RFC3339)
}

// windowSlack widens the search window: the seeds carry the exact planned
// start, but a hand-written date may be the day only.
const windowSlack = 12 * time.Hour

// ErrNoSearch says a reference is not a search URL with a title and a date.
var ErrNoSearch = errors.New("not a search URL with a title and a date")

// SearchQueryOf reads the title and date window of a search-URL reference:
// the search= parameter (else the reference's title), and startDate/endDate
// (else the reference's date, as a whole day).
func SearchQueryOf(ref report.Reference) (SearchQuery, error) {
	if ref.Kind != report.RefSearch {
		return SearchQuery{}, ErrNoSearch
	}
	q := SearchQuery{Title: ref.Title}
	var params url.Values
	if u, err := url.Parse(ref.URL); err == nil {
		params = u.Query()
	}
	if s := strings.TrimSpace(params.Get("search")); s != "" {
		q.Title = s
	}
	start, okStart := parseSearchDate(params.Get("startDate"))
	end, okEnd := parseSearchDate(params.Get("endDate"))
	switch {
	case okStart && okEnd && !end.Before(start):
	case okStart:
		end = start
	case ref.Date != "":
		day, err := time.Parse("2006-01-02", ref.Date)
		if err != nil {
			return SearchQuery{}, ErrNoSearch
		}
		start, end = day, day.Add(24*time.Hour)
	default:
		return SearchQuery{}, ErrNoSearch
	}
	if strings.TrimSpace(q.Title) == "" {
		return SearchQuery{}, ErrNoSearch
	}
	q.From, q.To = start.Add(-windowSlack).UTC(), end.Add(windowSlack).UTC()
	return q, nil
}

func parseSearchDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// NormalizeTitle is the form in which titles are compared: compatibility
// normalised (NFKC), lower case, with only letters and digits kept. Reports
// and Themis differ in exactly what that drops: white space ("event-
// entertainmentsector" against "event-entertainmentsector"), typographic
// quotes and dashes (' against ’, - against –), and punctuation.
func NormalizeTitle(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Status says what became of a reference.
type Status int

const (
	// StatusThemis: the report itself gives a Themis IRI.
	StatusThemis Status = iota
	// StatusResolved: a search URL matched exactly one Themis decision.
	StatusResolved
	// StatusUnresolved: no decision of that title on that date.
	StatusUnresolved
	// StatusAmbiguous: several decisions match; none is chosen.
	StatusAmbiguous
	// StatusFailed: the endpoint could not be asked (or, offline, the cache had no answer).
	StatusFailed
	// StatusOther: a URL that is neither a Themis IRI nor a search.
	StatusOther
)

var statusNames = [...]string{"themis", "resolved", "unresolved", "ambiguous", "failed", "other"}

func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return "Status(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText makes Status print as its name in JSON.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Candidate is a Themis decision on a meeting date.
type Candidate struct {
	IRI   string    `json:"iri"`
	Title string    `json:"title"`
	Start time.Time `json:"start"`
}

// Resolution is the answer for one search query.
type Resolution struct {
	Status Status
	// IRI is the Themis decision when Status is StatusResolved.
	IRI string
	// Matches are the decisions of equal title when Status is StatusAmbiguous.
	Matches []Candidate
	// Err says why when Status is StatusFailed.
	Err error
}

// match picks the decision whose normalised title equals the query's among
// the candidates of its window. Two or more distinct decisions are
// ambiguous: never a guess.
func match(q SearchQuery, cands []Candidate) Resolution {
	want := NormalizeTitle(q.Title)
	var hits []Candidate
	seen := map[string]bool{}
	for _, c := range cands {
		if c.Start.Before(q.From) || c.Start.After(q.To) || seen[c.IRI] {
			continue
		}
		if NormalizeTitle(c.Title) == want {
			seen[c.IRI] = true
			hits = append(hits, c)
		}
	}
	switch len(hits) {
	case 0:
		return Resolution{Status: StatusUnresolved}
	case 1:
		return Resolution{Status: StatusResolved, IRI: hits[0].IRI}
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].IRI < hits[j].IRI })
	return Resolution{Status: StatusAmbiguous, Matches: hits}
}

// candidatesQuery asks for the decisions (news items) of the meetings that
// start within the given windows, tagged with the window's index. The
// agenda link exists in both besluitvorming namespaces (http before the
// 2023 migration, https after), so both are asked.
func candidatesQuery(ws []window) (string, error) {
	var b strings.Builder
	b.WriteString(prefixes)
	b.WriteString("SELECT DISTINCT ?w ?item ?title ?start WHERE {\n  VALUES (?w ?from ?to) {\n")
	for i, w := range ws {
		fmt.Fprintf(&b, "    (%d %s %s)\n", i, sparql.DateTime(w.from), sparql.DateTime(w.to))
	}
	b.WriteString(`  }
  ?meeting besluit:geplandeStart ?start .
  FILTER (?start >= ?from && ?start <= ?to)
  ?agenda (bv:isAgendaVoor|bvh:isAgendaVoor) ?meeting ;
          dct:hasPart ?agendaitem .
  ?item prov:wasDerivedFrom ?agendaitem ;
        dct:title ?title .
}`)
	return b.String(), nil
}

// candidatesFrom sorts the rows of candidatesQuery into their windows.
func candidatesFrom(res *sparql.Results, n int) ([][]Candidate, error) {
	out := make([][]Candidate, n)
	for _, row := range res.Solutions {
		w, err := intValue(row["w"])
		if err != nil || w < 0 || w >= n {
			return nil, fmt.Errorf("unexpected window %v in results", row["w"])
		}
		item, ok := row["item"].(rdf.IRI)
		if !ok {
			continue // a blank node cannot be cited
		}
		start, err := timeValue(row["start"])
		if err != nil {
			return nil, fmt.Errorf("decision %s: planned start: %w", item, err)
		}
		out[w] = append(out[w], Candidate{IRI: item.String(), Title: literalText(row["title"]), Start: start})
	}
	for _, cs := range out {
		sort.Slice(cs, func(i, j int) bool {
			if cs[i].IRI != cs[j].IRI {
				return cs[i].IRI < cs[j].IRI
			}
			return cs[i].Title < cs[j].Title
		})
	}
	return out, nil
}

func intValue(t rdf.Term) (int, error) {
	l, ok := t.(rdf.Literal)
	if !ok {
		return 0, fmt.Errorf("not a literal: %v", t)
	}
	return strconv.Atoi(strings.TrimSpace(l.String()))
}

func timeValue(t rdf.Term) (time.Time, error) {
	l, ok := t.(rdf.Literal)
	if !ok {
		return time.Time{}, fmt.Errorf("not a literal: %v", t)
	}
	s := strings.TrimSpace(l.String())
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999", "2006-01-02"} {
		if v, err := time.Parse(layout, s); err == nil {
			return v.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("not a date-time: %q", s)
}

// literalText is the lexical form of a literal (knakk's String() of a typed
// literal that failed to parse is still its text).
func literalText(t rdf.Term) string {
	if t == nil {
		return ""
	}
	return t.String()
}

// Resolve answers every search query: candidates of each meeting-date
// window come from the cache or, in batches of windows, from the endpoint;
// titles are matched locally. Failures are per query (StatusFailed), never
// for the whole call, unless ctx is done.
func (e *Enricher) Resolve(ctx context.Context, queries []SearchQuery) (map[SearchQuery]Resolution, error) {
	byWindow := map[window][]Candidate{}
	failed := map[window]error{}
	var todo []window
	seen := map[window]bool{}
	for _, q := range queries {
		w := q.window()
		if seen[w] {
			continue
		}
		seen[w] = true
		if data, ok := e.cache.Get(e.endpoint, "day", w.key()); ok {
			var cands []Candidate
			if err := json.Unmarshal(data, &cands); err == nil {
				byWindow[w] = cands
				e.stats.addCached(1)
				continue
			}
		}
		todo = append(todo, w)
	}
	sort.Slice(todo, func(i, j int) bool { return todo[i].key() < todo[j].key() })
	if e.offline {
		for _, w := range todo {
			failed[w] = ErrOffline
		}
	} else {
		err := e.batches(ctx, len(todo), e.windowBatch, func(ctx context.Context, lo, hi int) error {
			return e.fetchWindows(ctx, todo[lo:hi], byWindow, failed)
		})
		if err != nil {
			return nil, err
		}
	}
	out := make(map[SearchQuery]Resolution, len(queries))
	for _, q := range queries {
		w := q.window()
		if err, bad := failed[w]; bad {
			out[q] = Resolution{Status: StatusFailed, Err: err}
			continue
		}
		out[q] = match(q, byWindow[w])
	}
	return out, nil
}

// fetchWindows asks for the candidates of some windows. A truncated answer
// is asked again in halves, so no candidate is silently missing; a single
// window that is still truncated fails.
func (e *Enricher) fetchWindows(ctx context.Context, ws []window, byWindow map[window][]Candidate, failed map[window]error) error {
	q, err := candidatesQuery(ws)
	if err != nil {
		return err
	}
	res, err := e.ask(ctx, q)
	if err == nil && res.Truncated {
		if len(ws) > 1 {
			half := len(ws) / 2
			if err := e.fetchWindows(ctx, ws[:half], byWindow, failed); err != nil {
				return err
			}
			return e.fetchWindows(ctx, ws[half:], byWindow, failed)
		}
		err = errTruncated
	}
	var cands [][]Candidate
	if err == nil {
		cands, err = candidatesFrom(res, len(ws))
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		for _, w := range ws {
			failed[w] = err
		}
		return nil
	}
	for i, w := range ws {
		byWindow[w] = cands[i]
		data, _ := json.Marshal(cands[i]) // plain structs: cannot fail
		if err := e.cache.Put(e.endpoint, "day", w.key(), data); err != nil {
			e.cacheErr = err
		}
	}
	return nil
}
