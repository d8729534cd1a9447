package sparql

import (
	"context"
	"crypto/md5"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/knakk/rdf"
)

// okJSON is a Virtuoso-shaped SELECT answer: typed-literal, language tag,
// an OPTIONAL gap in the second row, a blank node.
const okJSON = `
{ "head": { "link": [], "vars": ["item", "title", "date", "b"] },
  "results": { "distinct": false, "ordered": true, "bindings": [
    { "item": { "type": "uri", "value": "http://themis.vlaanderen.be/id/nieuwsbericht/1" }	, "title": { "type": "literal", "xml:lang": "nl", "value": "Visienota \"X\" \u00E9" }	, "date": { "type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#dateTime", "value": "2021-06-18T08:00:00Z" }, "b": { "type": "bnode", "value": "nodeID://b10006" }},
    { "item": { "type": "uri", "value": "http://themis.vlaanderen.be/id/nieuwsbericht/2" }	, "date": { "type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#dateTime", "value": "2022-01-01T00:00:00Z" }} ] } }`

// script is a fake endpoint answering request n (0-based) with steps[n],
// repeating the last step.
type step struct {
	status  int
	body    string
	header  map[string]string
	partial bool // announce a longer body than sent, then drop the connection
}

type fake struct {
	*httptest.Server
	hits  atomic.Int32
	mu    sync.Mutex
	reqs  []*http.Request
	forms []url.Values
	times []time.Time
}

func newFake(t *testing.T, steps ...step) *fake {
	t.Helper()
	f := &fake{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(f.hits.Add(1)) - 1
		_ = r.ParseForm()
		f.mu.Lock()
		f.reqs = append(f.reqs, r)
		f.forms = append(f.forms, r.PostForm)
		f.times = append(f.times, time.Now())
		f.mu.Unlock()
		s := steps[min(n, len(steps)-1)]
		for k, v := range s.header {
			w.Header().Set(k, v)
		}
		if w.Header().Get("Content-Type") == "" {
			if s.status == http.StatusOK || s.status == http.StatusPartialContent {
				w.Header().Set("Content-Type", "application/sparql-results+json")
			} else {
				w.Header().Set("Content-Type", "text/plain")
			}
		}
		if s.partial {
			w.Header().Set("Content-Length", strconv.Itoa(len(s.body)+100))
		}
		w.WriteHeader(s.status)
		io.WriteString(w, s.body)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fake) form(i int) url.Values {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.forms[i]
}

func (f *fake) gap(i int) time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.times[i].Sub(f.times[i-1])
}

func (f *fake) request(i int) *http.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.reqs[i]
}

// testClient has tiny waits so that retries cost milliseconds, and a
// Timeout no busy machine reaches: an attempt that times out is not retried.
func testClient(t *testing.T, endpoint string, edit func(*Options)) *Client {
	t.Helper()
	opts := Options{Endpoint: endpoint, Timeout: time.Minute, Retries: 3, MinWait: time.Millisecond, MaxWait: 5 * time.Millisecond}
	if edit != nil {
		edit(&opts)
	}
	c, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func asError(t *testing.T, err error) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *sparql.Error", err, err)
	}
	return e
}

func TestRequestShape(t *testing.T) {
	f := newFake(t, step{status: 200, body: okJSON})
	c := testClient(t, f.URL+"/sparql", func(o *Options) { o.Timeout = 30 * time.Second })
	query := "# leading comment\nPREFIX ex: <http://example.org/ns#>\nSELECT * WHERE { ?s ex:p \"#not\" } # trailing"
	if _, err := c.Select(context.Background(), query); err != nil {
		t.Fatal(err)
	}
	r := f.request(0)
	for k, want := range map[string]string{
		"Content-Type": "application/x-www-form-urlencoded",
		"Accept":       "application/sparql-results+json",
		"User-Agent":   DefaultUserAgent,
	} {
		if got := r.Header.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if r.Method != http.MethodPost || r.URL.Path != "/sparql" {
		t.Errorf("request %s %s, want POST /sparql", r.Method, r.URL.Path)
	}
	if r.Header.Get("Authorization") != "" {
		t.Errorf("Authorization sent without credentials")
	}
	form := f.form(0)
	if want := "\nPREFIX ex: <http://example.org/ns#>\nSELECT * WHERE { ?s ex:p \"#not\" } "; form.Get("query") != want {
		t.Errorf("query = %q, want %q", form.Get("query"), want)
	}
	if got := form.Get("timeout"); got != "27500" {
		t.Errorf("timeout = %q, want 27500 (Timeout less 2.5 s)", got)
	}
	if len(form) != 2 {
		t.Errorf("form fields %v, want only query and timeout", form)
	}

	// Custom User-Agent, explicit ServerTimeout, no timeout parameter.
	c = testClient(t, f.URL+"/sparql", func(o *Options) { o.UserAgent = "probe/1"; o.ServerTimeout = 1234 * time.Millisecond })
	if _, err := c.Select(context.Background(), "SELECT * {}"); err != nil {
		t.Fatal(err)
	}
	if got := f.request(1).Header.Get("User-Agent"); got != "probe/1" {
		t.Errorf("User-Agent = %q", got)
	}
	if got := f.form(1).Get("timeout"); got != "1234" {
		t.Errorf("timeout = %q, want 1234", got)
	}
	c = testClient(t, f.URL+"/sparql", func(o *Options) { o.ServerTimeout = -1 })
	if _, err := c.Select(context.Background(), "SELECT * {}"); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.form(2)["timeout"]; ok {
		t.Errorf("timeout sent although ServerTimeout < 0")
	}
}

func TestServerTimeoutDefault(t *testing.T) {
	for _, tc := range []struct{ timeout, want time.Duration }{
		{0, DefaultTimeout - anytimeSlack},
		{10 * time.Second, 7500 * time.Millisecond},
		{5 * time.Second, 2500 * time.Millisecond},
		{2 * time.Second, time.Second},
	} {
		c, err := New(Options{Endpoint: "http://127.0.0.1:1/sparql", Timeout: tc.timeout})
		if err != nil {
			t.Fatal(err)
		}
		if c.serverTimeout != tc.want {
			t.Errorf("Timeout %v: server timeout %v, want %v", tc.timeout, c.serverTimeout, tc.want)
		}
	}
}

func TestSelectDecodes(t *testing.T) {
	f := newFake(t, step{status: 200, body: okJSON})
	res, err := testClient(t, f.URL, nil).Select(context.Background(), "SELECT * {}")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(res.Vars, ",") != "item,title,date,b" || len(res.Solutions) != 2 || res.Truncated {
		t.Fatalf("got %+v", res)
	}
	row := res.Solutions[0]
	title, ok := row["title"].(rdf.Literal)
	if !ok || title.String() != "Visienota \"X\" é" || title.Lang() != "nl" {
		t.Errorf("title = %#v", row["title"])
	}
	date, ok := row["date"].(rdf.Literal)
	if !ok || date.DataType.String() != xsdDateTime || date.String() != "2021-06-18T08:00:00Z" {
		t.Errorf("date = %#v", row["date"])
	}
	if row["item"].Type() != rdf.TermIRI || row["b"].Type() != rdf.TermBlank {
		t.Errorf("item, b = %#v, %#v", row["item"], row["b"])
	}
	if _, ok := res.Solutions[1]["title"]; ok || len(res.Solutions[1]) != 2 {
		t.Errorf("unbound OPTIONAL variable present: %v", res.Solutions[1])
	}
}

func TestRetryPolicy(t *testing.T) {
	sp030 := "Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax error at 'SELEC' before '?s'\n\nSPARQL query:\ndefine sql:big-data-const 0 SELEC ?s WHERE { ?s ?p ?o }"
	ok := step{status: 200, body: okJSON}
	for _, tc := range []struct {
		name      string
		steps     []step
		attempts  int
		status    int // 0: success expected
		sqlState  string
		code      string
		message   string
		temporary bool
	}{
		{"503 then success", []step{{status: 503, body: "Service Unavailable"}, ok}, 2, 0, "", "", "", false},
		{"checkpoint 404 then success", []step{{status: 404, body: "<html>File not found</html>"}, ok}, 2, 0, "", "", "", false},
		{"502, 504 then success", []step{{status: 502}, {status: 504}, ok}, 3, 0, "", "", "", false},
		{"429 then success", []step{{status: 429}, ok}, 2, 0, "", "", "", false},
		{"500 deadlock then success", []step{{status: 500, body: "Virtuoso 40001 Error SR172: Transaction deadlocked"}, ok}, 2, 0, "", "", "", false},
		{"400 SP030", []step{{status: 400, body: sp030}}, 1, 400, "37000", "SP030",
			"Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax error at 'SELEC' before '?s'", false},
		{"500 SR353", []step{{status: 500, body: "Virtuoso 22023 Error SR353: Sorted TOP clause specifies more then 10001 rows to sort. Only 10000 are allowed. Either decrease the offset and/or row count or use a scrollable cursor\n\nSPARQL query:\n…"}},
			1, 500, "22023", "SR353", "Virtuoso 22023 Error SR353: Sorted TOP clause specifies more then 10001 rows to sort. Only 10000 are allowed. Either decrease the offset and/or row count or use a scrollable cursor", false},
		{"500 42000", []step{{status: 500, body: "Virtuoso 42000 Error The estimated execution time 421 (sec) exceeds the limit of 400 (sec).\n\nSPARQL query:\n…"}},
			1, 500, "42000", "", "Virtuoso 42000 Error The estimated execution time 421 (sec) exceeds the limit of 400 (sec).", false},
		{"500 S1TAT", []step{{status: 500, body: "Virtuoso S1TAT Error Query did not complete due to ANYTIME timeout"}}, 1, 500, "S1TAT", "", "Virtuoso S1TAT Error Query did not complete due to ANYTIME timeout", false},
		{"500 SR171", []step{{status: 500, body: "Virtuoso S1T00 Error SR171: Transaction timed out"}}, 1, 500, "S1T00", "SR171", "Virtuoso S1T00 Error SR171: Transaction timed out", false},
		{"500 unknown", []step{{status: 500, body: "SPARQL Request Failed"}}, 1, 500, "", "", "SPARQL Request Failed", false},
		{"401", []step{{status: 401}}, 1, 401, "", "", "", false},
		{"403", []step{{status: 403, body: "forbidden"}}, 1, 403, "", "", "forbidden", false},
		{"route not found", []step{{status: 404, body: "Route not found.  See config.ex"}}, 1, 404, "", "", "Route not found.  See config.ex", false},
		{"redirect", []step{{status: 301, header: map[string]string{"Location": "https://example.org/sparql"}}}, 1, 301, "", "", `redirected to "https://example.org/sparql"; use that URL as the endpoint (redirects are not followed: a redirected POST would lose its body)`, false},
		{"204 for a query", []step{{status: 204}}, 1, 204, "", "", "unexpected status 204 for a query", false},
		{"503 until retries run out", []step{{status: 503, body: "\n\n  busy checkpointing  \n"}}, 4, 503, "", "", "busy checkpointing", true},
		{"SQL state from header", []step{{status: 500, header: map[string]string{"X-SQL-State": "S1TAT"}}}, 1, 500, "S1TAT", "", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(t, tc.steps...)
			c := testClient(t, f.URL, nil)
			res, err := c.Select(context.Background(), "SELECT * {}")
			if got := int(f.hits.Load()); got != tc.attempts {
				t.Errorf("%d attempts, want %d", got, tc.attempts)
			}
			if got := c.Requests(); got != int64(tc.attempts) {
				t.Errorf("Requests() = %d, want %d", got, tc.attempts)
			}
			if tc.status == 0 {
				if err != nil || len(res.Solutions) != 2 {
					t.Fatalf("got %v, %v", res, err)
				}
				return
			}
			e := asError(t, err)
			if e.Status != tc.status || e.SQLState != tc.sqlState || e.Code != tc.code || e.Message != tc.message || e.Attempts != tc.attempts {
				t.Errorf("got %+v", e)
			}
			if e.Temporary() != tc.temporary {
				t.Errorf("Temporary() = %v", e.Temporary())
			}
			if e.Endpoint != f.URL {
				t.Errorf("Endpoint = %q", e.Endpoint)
			}
			msg := e.Error()
			if strings.Contains(msg, "\n") || !strings.Contains(msg, f.URL) || !strings.Contains(msg, strconv.Itoa(tc.status)) {
				t.Errorf("Error() = %q", msg)
			}
			if tc.code != "" && !strings.Contains(msg, tc.code) {
				t.Errorf("Error() = %q lacks the code", msg)
			}
			if tc.attempts > 1 && !strings.Contains(msg, fmt.Sprintf("after %d attempts", tc.attempts)) {
				t.Errorf("Error() = %q lacks the attempt count", msg)
			}
		})
	}
}

func TestErrorString(t *testing.T) {
	e := &Error{Endpoint: "http://127.0.0.1:28890/sparql", Status: 400, SQLState: "37000", Code: "SP030",
		Message: "Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax error", Attempts: 1}
	if want := "SPARQL endpoint http://127.0.0.1:28890/sparql: HTTP 400 (Virtuoso 37000 SP030): Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax error"; e.Error() != want {
		t.Errorf("got  %s\nwant %s", e.Error(), want)
	}
	e = &Error{Endpoint: "http://x/sparql", Status: 503, Attempts: 5}
	if want := "SPARQL endpoint http://x/sparql: HTTP 503 Service Unavailable (after 5 attempts)"; e.Error() != want {
		t.Errorf("got  %s\nwant %s", e.Error(), want)
	}
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	e = &Error{Endpoint: "http://x/sparql", Attempts: 2, Err: &url.Error{Op: "Post", URL: "http://x/sparql", Err: refused}}
	if want := "SPARQL endpoint http://x/sparql: connection refused (after 2 attempts)"; e.Error() != want {
		t.Errorf("got  %s\nwant %s", e.Error(), want)
	}
	// What the client itself builds: Message in plain words.
	e = &Error{Endpoint: "http://x/sparql", Attempts: 1, Message: "no answer within 1s", Err: context.DeadlineExceeded}
	if want := "SPARQL endpoint http://x/sparql: no answer within 1s"; e.Error() != want || e.Cause() != "no answer within 1s" {
		t.Errorf("got  %s (cause %q)\nwant %s", e.Error(), e.Cause(), want)
	}
}

// TestRetryAfter checks only lower bounds of the waits, which no slow
// machine can break; the upper bounds are backoff's (TestBackoff), and a
// wait that ignored the cap would hold the test for an hour.
func TestRetryAfter(t *testing.T) {
	t.Parallel()
	t.Run("honoured", func(t *testing.T) {
		t.Parallel()
		// The client's own backoff would wait 1-2 ms.
		f := newFake(t, step{status: 429, header: map[string]string{"Retry-After": "1"}}, step{status: 200, body: okJSON})
		c := testClient(t, f.URL, func(o *Options) { o.MaxWait = time.Hour })
		if _, err := c.Select(context.Background(), "SELECT * {}"); err != nil {
			t.Fatal(err)
		}
		if wait := f.gap(1); wait < time.Second {
			t.Errorf("waited %v after Retry-After: 1", wait)
		}
	})
	t.Run("capped", func(t *testing.T) {
		t.Parallel()
		f := newFake(t, step{status: 503, header: map[string]string{"Retry-After": "3600"}}, step{status: 200, body: okJSON})
		c := testClient(t, f.URL, func(o *Options) { o.MaxWait = 50 * time.Millisecond })
		if _, err := c.Select(context.Background(), "SELECT * {}"); err != nil {
			t.Fatal(err)
		}
		if wait := f.gap(1); wait < 50*time.Millisecond {
			t.Errorf("waited %v, want MaxWait (50ms)", wait)
		}
	})
}

func TestBackoff(t *testing.T) {
	lo, hi := 10*time.Millisecond, 100*time.Millisecond
	for attempt := 0; attempt < 70; attempt++ {
		ceiling := hi
		if attempt < 3 {
			ceiling = lo << (attempt + 1)
		}
		var seen time.Duration
		for i := 0; i < 200; i++ {
			d := backoff(lo, hi, attempt, nil)
			if d < lo || d > ceiling {
				t.Fatalf("attempt %d: wait %v outside [%v, %v]", attempt, d, lo, ceiling)
			}
			seen = max(seen, d)
		}
		if seen < ceiling*3/4 {
			t.Errorf("attempt %d: longest of 200 waits %v, not jittered up to %v", attempt, seen, ceiling)
		}
	}
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"2", 2 * time.Second, true},
		{" 0 ", 0, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{"", 0, false},
		{"Tue, 24 Nov 2026 12:00:07 GMT", 7 * time.Second, true},
		{"Tuesday, 24-Nov-26 12:00:07 GMT", 7 * time.Second, true},
		{"Tue, 24 Nov 2026 11:00:00 GMT", 0, true},
	} {
		got, ok := retryAfter(tc.v, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tc.v, got, ok, tc.want, tc.ok)
		}
	}
	resp := &http.Response{StatusCode: 429, Header: http.Header{"Retry-After": {"3600"}}}
	if d := backoff(lo, hi, 0, resp); d != hi {
		t.Errorf("Retry-After 3600 gave %v, want the cap %v", d, hi)
	}
	resp.Header.Set("Retry-After", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat))
	if d := backoff(lo, hi, 0, resp); d != hi {
		t.Errorf("Retry-After in an hour gave %v, want the cap %v", d, hi)
	}
	resp = &http.Response{StatusCode: 500, Header: http.Header{"Retry-After": {"3600"}}}
	if d := backoff(lo, hi, 0, resp); d > 2*lo {
		t.Errorf("Retry-After on a 500 was honoured: %v", d)
	}
}

func TestBadBodies(t *testing.T) {
	for _, tc := range []struct {
		name     string
		step     step
		attempts int
		message  string
		is       error
	}{
		{"truncated JSON", step{status: 200, body: okJSON[:200]}, 1, "invalid results JSON: unexpected EOF", io.ErrUnexpectedEOF},
		{"garbage", step{status: 200, body: "{ \"head\": nonsense"}, 1, "invalid results JSON: invalid character 'o' in literal null (expecting 'u')", nil},
		{"HTML page", step{status: 200, body: "<!DOCTYPE html>\n<title>Login</title>", header: map[string]string{"Content-Type": "text/html; charset=utf-8"}}, 1,
			`unexpected Content-Type "text/html; charset=utf-8", want application/sparql-results+json: <!DOCTYPE html>`, nil},
		{"connection drops mid-body", step{status: 200, body: okJSON[:100], partial: true}, 4, "answer cut off: connection closed by the server", io.ErrUnexpectedEOF},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(t, tc.step)
			_, err := testClient(t, f.URL, nil).Select(context.Background(), "SELECT * {}")
			e := asError(t, err)
			if e.Status != 200 || e.Message != tc.message || e.Attempts != tc.attempts || int(f.hits.Load()) != tc.attempts {
				t.Errorf("got %+v (%d hits)", e, f.hits.Load())
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tc.is)
			}
			if !strings.Contains(e.Error(), f.URL) {
				t.Errorf("Error() = %q does not name the endpoint", e.Error())
			}
		})
	}
	// A body that broke off is retried and the retry can succeed.
	f := newFake(t, step{status: 200, body: okJSON[:100], partial: true}, step{status: 200, body: okJSON})
	if res, err := testClient(t, f.URL, nil).Select(context.Background(), "SELECT * {}"); err != nil || len(res.Solutions) != 2 {
		t.Errorf("got %v, %v", res, err)
	}
}

func TestUnconvertibleValues(t *testing.T) {
	for _, tc := range []struct{ name, binding, want string }{
		{"language tag", `{ "type": "literal", "xml:lang": "zh-hant-tw", "value": "中文" }`, `?x (literal "中文"@zh-hant-tw)`},
		{"IRI with space", `{ "type": "uri", "value": "http://a/b c" }`, `?x (uri "http://a/b c")`},
		{"bad datatype", `{ "type": "literal", "datatype": "http://a/b c", "value": "1" }`, `?x (literal "1"^^<http://a/b c>)`},
		{"empty blank node", `{ "type": "bnode", "value": "" }`, `?x (bnode "")`},
		{"unknown type", `{ "type": "triple", "value": "x" }`, `?x (triple "x")`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := `{"head":{"vars":["x","y"]},"results":{"bindings":[{"y":{"type":"literal","value":"ok"}},{"y":{"type":"literal","value":"ok"},"x":` + tc.binding + `}]}}`
			f := newFake(t, step{status: 200, body: body})
			_, err := testClient(t, f.URL, nil).Select(context.Background(), "SELECT * {}")
			e := asError(t, err)
			if !strings.Contains(e.Message, tc.want) || !strings.Contains(e.Message, "row 2") || e.Attempts != 1 || e.Temporary() {
				t.Errorf("got %+v, want a message naming %s in row 2", e, tc.want)
			}
		})
	}
}

func TestTruncated(t *testing.T) {
	two := okJSON // 2 rows
	for _, tc := range []struct {
		name    string
		step    step
		maxRows int
		want    bool
	}{
		{"complete", step{status: 200, body: two}, 0, false},
		{"206 partial", step{status: 206, body: two}, 0, true},
		{"anytime X-SQL-State", step{status: 200, body: two, header: map[string]string{"X-SQL-State": "S1TAT", "X-SQL-Message": "RC...: Returning incomplete results"}}, 0, true},
		{"X-SPARQL-MaxRows reached", step{status: 200, body: two, header: map[string]string{"X-SPARQL-MaxRows": "2"}}, 0, true},
		{"X-SPARQL-MaxRows not reached", step{status: 200, body: two, header: map[string]string{"X-SPARQL-MaxRows": "10000"}}, 0, false},
		{"Options.MaxRows reached", step{status: 200, body: two}, 2, true},
		{"Options.MaxRows not reached", step{status: 200, body: two}, 3, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, tc.step)
			res, err := testClient(t, f.URL, func(o *Options) { o.MaxRows = tc.maxRows }).Select(context.Background(), "SELECT * {}")
			if err != nil {
				t.Fatal(err)
			}
			if res.Truncated != tc.want || len(res.Solutions) != 2 {
				t.Errorf("Truncated = %v with %d rows, want %v", res.Truncated, len(res.Solutions), tc.want)
			}
		})
	}
}

// stuckServer accepts requests and never completes an answer: with
// headersFirst it sends the headers and part of a body first. Its handlers
// return when the client hangs up or the test ends.
func stuckServer(t *testing.T, headersFirst bool) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	done := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if headersFirst {
			w.Header().Set("Content-Type", "application/sparql-results+json")
			w.WriteHeader(http.StatusOK)
			io.WriteString(w, okJSON[:100])
			w.(http.Flusher).Flush()
		}
		select {
		case <-r.Context().Done():
		case <-done:
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(done) }) // runs first: Close waits for the handlers
	return srv, &hits
}

// TestTimeoutNotRetried: an attempt that gets no answer, or no complete
// answer, within Timeout is not repeated (it would cost another Timeout);
// the error says so in plain words and is Temporary.
func TestTimeoutNotRetried(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name         string
		headersFirst bool
		status       int
		cause        string
	}{
		{"no answer", false, 0, "no answer within 200ms"},
		{"body never completes", true, 200, "answer not complete within 200ms"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv, hits := stuckServer(t, tc.headersFirst)
			c := testClient(t, srv.URL, func(o *Options) { o.Timeout = 200 * time.Millisecond; o.Retries = 3 })
			_, err := c.Select(context.Background(), "SELECT * {}")
			e := asError(t, err)
			// The server may not even have seen the request in 200 ms on a
			// busy machine: hits is 0 or 1, attempts exactly 1.
			if hits.Load() > 1 || c.Requests() != 1 || e.Attempts != 1 {
				t.Errorf("%d hits, %d requests, Attempts %d; want 1 (no retry after a timeout)", hits.Load(), c.Requests(), e.Attempts)
			}
			if e.Status != tc.status || e.Cause() != tc.cause || !e.Temporary() {
				t.Errorf("Status %d, Cause %q, Temporary %v; want %d, %q, true", e.Status, e.Cause(), e.Temporary(), tc.status, tc.cause)
			}
			if want := "SPARQL endpoint " + srv.URL + ": " + tc.cause; e.Error() != want {
				t.Errorf("Error() = %q, want %q", e.Error(), want)
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("%v does not wrap context.DeadlineExceeded", err)
			}
		})
	}
	// Do, for any request, alike.
	t.Run("Do PUT", func(t *testing.T) {
		t.Parallel()
		srv, hits := stuckServer(t, false)
		c := testClient(t, srv.URL, func(o *Options) { o.Timeout = 200 * time.Millisecond; o.Retries = 3 })
		_, err := c.Do(context.Background(), Request{Method: http.MethodPut, Body: []byte("<a:b> <a:c> <a:d> ."), ContentType: "application/n-triples"}, nil)
		if e := asError(t, err); hits.Load() > 1 || e.Attempts != 1 || e.Cause() != "no answer within 200ms" {
			t.Errorf("%d hits: %+v", hits.Load(), e)
		}
	})
}

func TestContextCancel(t *testing.T) {
	t.Parallel()
	// No wall-clock bounds: the server never answers (or the wait is an
	// hour), so a call that returns at all was stopped by its context.
	t.Run("during the wait", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		var hits atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, "busy")
			w.(http.Flusher).Flush()
			cancel() // the client has the whole answer, or is about to: it waits next
		}))
		defer srv.Close()
		c := testClient(t, srv.URL, func(o *Options) { o.MaxWait = time.Hour })
		_, err := c.Select(ctx, "SELECT * {}")
		if hits.Load() != 1 || c.Requests() != 1 {
			t.Errorf("%d attempts, want 1", hits.Load())
		}
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v is not context.Canceled", err)
		}
		if e := asError(t, err); e.Cause() != "cancelled" || e.Temporary() {
			t.Errorf("got %+v", e)
		}
	})
	t.Run("during the request", func(t *testing.T) {
		t.Parallel()
		srv, hits := stuckServer(t, false)
		c := testClient(t, srv.URL, nil)
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		_, err := c.Select(ctx, "SELECT * {}")
		if hits.Load() > 1 || c.Requests() != 1 {
			t.Errorf("%d attempts, want 1", c.Requests())
		}
		e := asError(t, err)
		if !errors.Is(err, context.DeadlineExceeded) || e.Status != 0 || e.Attempts != 1 {
			t.Errorf("got %+v", e)
		}
		if e.Cause() != "the caller's deadline passed before the endpoint answered" {
			t.Errorf("Cause() = %q", e.Cause())
		}
	})
	t.Run("deadline closer than the next wait", func(t *testing.T) {
		t.Parallel()
		f := newFake(t, step{status: 503, body: "checkpoint"})
		// Half an hour left, MinWait an hour: no retry, whatever the speed.
		c := testClient(t, f.URL, func(o *Options) { o.MinWait = time.Hour; o.MaxWait = 2 * time.Hour })
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
		defer cancel()
		_, err := c.Select(ctx, "SELECT * {}")
		if e := asError(t, err); e.Status != 503 || e.Message != "checkpoint" || e.Attempts != 1 {
			t.Errorf("got %+v, want the 503 itself", e)
		}
	})
	t.Run("already cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		f := newFake(t, step{status: 200, body: okJSON})
		_, err := testClient(t, f.URL, nil).Ask(ctx, "ASK {}")
		if !errors.Is(err, context.Canceled) || f.hits.Load() != 0 {
			t.Errorf("got %v with %d requests", err, f.hits.Load())
		}
		if e := asError(t, err); e.Temporary() {
			t.Errorf("a cancelled call is Temporary")
		}
	})
}

func TestConnectionRefused(t *testing.T) {
	f := newFake(t, step{status: 200})
	endpoint := f.URL + "/sparql"
	f.Close()
	c := testClient(t, endpoint, func(o *Options) { o.Retries = 2 })
	_, err := c.Select(context.Background(), "SELECT * {}")
	e := asError(t, err)
	if e.Status != 0 || e.Attempts != 3 || !e.Temporary() || !strings.Contains(e.Error(), "connection refused") || c.Requests() != 3 {
		t.Errorf("got %+v: %s", e, e.Error())
	}
	if strings.Count(e.Error(), endpoint) != 1 {
		t.Errorf("Error() = %q repeats the endpoint", e.Error())
	}
}

func TestAsk(t *testing.T) {
	virtuoso := func(rows string) string {
		return `{ "head": { "link": [], "vars": ["__ASK_RETVAL"] }, "results": { "distinct": false, "ordered": true, "bindings": [` + rows + `] } }`
	}
	one := `{ "__ASK_RETVAL": { "type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "1" }}`
	for _, tc := range []struct {
		name string
		step step
		want bool
		err  string
	}{
		{"standard true", step{status: 200, body: `{ "head": { "link": [] }, "boolean": true}`}, true, ""},
		{"standard false", step{status: 200, body: `{"head":{},"boolean":false}`}, false, ""},
		{"virtuoso true", step{status: 200, body: virtuoso(one)}, true, ""},
		{"virtuoso false", step{status: 200, body: virtuoso("")}, false, ""},
		{"a SELECT result", step{status: 200, body: okJSON}, false, `not an ASK result`},
		{"empty object", step{status: 200, body: `{}`}, false, `not an ASK result`},
		{"anytime timeout", step{status: 200, body: virtuoso(""), header: map[string]string{"X-SQL-State": "S1TAT"}}, false, "may be incomplete"},
		{"syntax error", step{status: 400, body: "Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax error"}, false, "HTTP 400 (Virtuoso 37000 SP030)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, tc.step)
			got, err := testClient(t, f.URL, nil).Ask(context.Background(), "ASK {}")
			if tc.err == "" {
				if err != nil || got != tc.want {
					t.Errorf("got %v, %v; want %v", got, err, tc.want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.err) || f.hits.Load() != 1 {
				t.Errorf("got %v, %v; want an error with %q after one attempt", got, err, tc.err)
			}
			asError(t, err)
		})
	}
	f := newFake(t, step{status: 200, body: virtuoso(""), header: map[string]string{"X-SQL-State": "S1TAT"}})
	if _, err := testClient(t, f.URL, nil).Ask(context.Background(), "ASK {}"); !errors.Is(err, ErrTruncated) {
		t.Errorf("anytime ASK: %v is not ErrTruncated", err)
	}
}

func TestBasicAuth(t *testing.T) {
	const user, password = "themis", "s3cr3t-Pa55"
	var gotUser, gotPass string
	var gotOK bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotUser, gotPass, gotOK = r.BasicAuth()
		// A hostile or buggy server echoing the credentials back.
		w.WriteHeader(500)
		fmt.Fprintf(w, "Virtuoso 42000 Error SR186: user %s password %s header %s\n", user, password, r.Header.Get("Authorization"))
	}))
	defer srv.Close()
	c := testClient(t, srv.URL, func(o *Options) { o.User, o.Password = user, password })
	_, err := c.Select(context.Background(), "SELECT * {}")
	if !gotOK || gotUser != user || gotPass != password {
		t.Errorf("server got basic auth %q %q %v", gotUser, gotPass, gotOK)
	}
	e := asError(t, err)
	token := base64.StdEncoding.EncodeToString([]byte(user + ":" + password))
	for _, s := range []string{e.Error(), e.Message, fmt.Sprintf("%+v", *e), c.Endpoint()} {
		if strings.Contains(s, password) || strings.Contains(s, token) {
			t.Errorf("credentials leak into %q", s)
		}
	}
	if e.Code != "SR186" {
		t.Errorf("Code = %q", e.Code)
	}
}

// digestServer demands RFC 2617 digest authentication (MD5, qop=auth), as
// Virtuoso's /sparql-auth does, and checks the body survived the challenge.
func digestServer(t *testing.T, user, password string) (*httptest.Server, *atomic.Int32) {
	return digestServerWith(t, user, password, func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil || r.PostForm.Get("query") == "" {
			http.Error(w, "no query", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/sparql-results+json")
		io.WriteString(w, `{"head":{},"boolean":true}`)
	})
}

// digestServerWith is digestServer with serve answering the authorized
// requests, counted in the second result.
func digestServerWith(t *testing.T, user, password string, serve http.HandlerFunc) (*httptest.Server, *atomic.Int32) {
	var authorized atomic.Int32
	const realm, nonce, opaque = "SPARQL", "5ebe2294ecd0e0f08eab7690d2a6ee69", "0a4f113b"
	h := func(s string) string { return fmt.Sprintf("%x", md5.Sum([]byte(s))) }
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		challenge := func() {
			w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Digest realm="%s", domain="/sparql-auth", nonce="%s", opaque="%s", stale="false", qop="auth", algorithm="MD5"`, realm, nonce, opaque))
			w.WriteHeader(http.StatusUnauthorized)
		}
		auth, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Digest ")
		if !ok {
			challenge()
			return
		}
		p := map[string]string{}
		for _, kv := range strings.Split(auth, ", ") {
			k, v, _ := strings.Cut(kv, "=")
			p[k] = strings.Trim(v, `"`)
		}
		ha1 := h(user + ":" + realm + ":" + password)
		ha2 := h(r.Method + ":" + r.URL.RequestURI())
		want := h(strings.Join([]string{ha1, nonce, p["nc"], p["cnonce"], "auth", ha2}, ":"))
		if p["username"] != user || p["uri"] != r.URL.RequestURI() || p["response"] != want || p["opaque"] != opaque {
			challenge()
			return
		}
		authorized.Add(1)
		serve(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &authorized
}

func TestDigestAuth(t *testing.T) {
	srv, authorized := digestServer(t, "dba", "geheim")
	c := testClient(t, srv.URL+"/sparql-auth", func(o *Options) { o.User, o.Password, o.Auth = "dba", "geheim", AuthDigest })
	if ok, err := c.Ask(context.Background(), "ASK { ?s ?p ?o }"); err != nil || !ok {
		t.Fatalf("digest: %v, %v", ok, err)
	}
	if authorized.Load() != 1 || c.Requests() != 1 {
		t.Errorf("%d authorized requests, %d attempts counted", authorized.Load(), c.Requests())
	}

	c = testClient(t, srv.URL+"/sparql-auth", func(o *Options) { o.User, o.Password, o.Auth = "dba", "wrong-password", AuthDigest })
	_, err := c.Ask(context.Background(), "ASK {}")
	e := asError(t, err)
	if e.Status != 401 || e.Attempts != 1 || e.Temporary() || strings.Contains(e.Error(), "wrong-password") {
		t.Errorf("wrong password: %+v", e)
	}

	c = testClient(t, srv.URL+"/sparql-auth", func(o *Options) { o.User, o.Password = "dba", "geheim" })
	_, err = c.Ask(context.Background(), "ASK {}")
	if e := asError(t, err); e.Status != 401 || e.Message != "Unauthorized (the endpoint wants digest authentication)" {
		t.Errorf("basic against digest: %+v", e)
	}

	// A server that wants Basic cannot be answered with Digest: a clear,
	// unretried error.
	basicOnly := newFake(t, step{status: 401, header: map[string]string{"WWW-Authenticate": `Basic realm="x"`}})
	c = testClient(t, basicOnly.URL, func(o *Options) { o.User, o.Password, o.Auth = "dba", "geheim", AuthDigest })
	_, err = c.Ask(context.Background(), "ASK {}")
	if e := asError(t, err); e.Attempts != 1 || !strings.Contains(e.Error(), `Basic realm=\"x\"`) || strings.Contains(e.Error(), "geheim") {
		t.Errorf("digest against basic: %+v: %s", e, e.Error())
	}
}

func TestDefaultsUntouched(t *testing.T) {
	type snapshot struct {
		clientTransport http.RoundTripper
		clientTimeout   time.Duration
		clientJar       http.CookieJar
		clientRedirect  bool
		transport       http.RoundTripper
		maxIdle         int
		idleTimeout     time.Duration
		proxy           bool
	}
	take := func() snapshot {
		dt := http.DefaultTransport.(*http.Transport)
		return snapshot{http.DefaultClient.Transport, http.DefaultClient.Timeout, http.DefaultClient.Jar,
			http.DefaultClient.CheckRedirect != nil, http.DefaultTransport, dt.MaxIdleConns, dt.IdleConnTimeout, dt.Proxy != nil}
	}
	before := take()
	srv, _ := digestServer(t, "dba", "geheim")
	for _, edit := range []func(*Options){
		func(o *Options) { o.Timeout = 1500 * time.Millisecond },
		func(o *Options) { o.User, o.Password = "u", "p" },
		func(o *Options) { o.User, o.Password, o.Auth = "dba", "geheim", AuthDigest },
	} {
		c := testClient(t, srv.URL, edit)
		if c.http == http.DefaultClient || c.http.Transport == http.DefaultTransport {
			t.Errorf("client shares the default client or transport")
		}
		_, _ = c.Ask(context.Background(), "ASK {}")
	}
	if after := take(); after != before {
		t.Errorf("defaults changed:\nbefore %+v\nafter  %+v", before, after)
	}
}

func TestNew(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts Options
		err  string
	}{
		{"ok", Options{Endpoint: "https://themis.vlaanderen.be/sparql"}, ""},
		{"ok with query", Options{Endpoint: "http://127.0.0.1:8890/sparql?default-graph-uri=http://g"}, ""},
		{"empty", Options{}, "not an absolute http(s) URL"},
		{"relative", Options{Endpoint: "/sparql"}, "not an absolute http(s) URL"},
		{"ftp", Options{Endpoint: "ftp://example.org/sparql"}, "not an absolute http(s) URL"},
		{"no host", Options{Endpoint: "http:///sparql"}, "has no host"},
		{"user info", Options{Endpoint: "https://dba:topsecret@example.org/sparql"}, "the endpoint URL must not contain a user name or password; give them separately"},
		{"bad URL with password", Options{Endpoint: "https://dba:topsecret@exa mple.org/%zz"}, "endpoint is not a valid URL"},
		{"negative timeout", Options{Endpoint: "http://x/sparql", Timeout: -1}, "negative timeout"},
		{"negative wait", Options{Endpoint: "http://x/sparql", MinWait: -1}, "negative wait between retries"},
		{"negative row cap", Options{Endpoint: "http://x/sparql", MaxRows: -1}, "negative row cap"},
		{"waits", Options{Endpoint: "http://x/sparql", MinWait: time.Second, MaxWait: time.Millisecond}, "the shortest wait between retries, 1s, exceeds the longest, 1ms"},
		{"auth mode", Options{Endpoint: "http://x/sparql", Auth: 7}, "unknown authentication mode 7"},
		{"password without user", Options{Endpoint: "http://x/sparql", Password: "p"}, "password given without a user name"},
		{"colon in user", Options{Endpoint: "http://x/sparql", User: "a:b"}, "the user name contains ':'"},
	} {
		c, err := New(tc.opts)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%s: got %v, want an error with %q", tc.name, err, tc.err)
		case err != nil && !plainText(err.Error()):
			t.Errorf("%s: error %q names Go identifiers or flags", tc.name, err)
		case err != nil && strings.Contains(err.Error(), "topsecret"):
			t.Errorf("%s: error %q shows the password", tc.name, err)
		case err == nil && c.Endpoint() != tc.opts.Endpoint:
			t.Errorf("%s: Endpoint() = %q", tc.name, c.Endpoint())
		}
	}
}

func TestSelectAllFake(t *testing.T) {
	page := func(keys ...string) string {
		var rows []string
		for _, k := range keys {
			rows = append(rows, `{"k":{"type":"uri","value":"http://x/`+k+`"}}`)
		}
		return `{"head":{"vars":["k"]},"results":{"bindings":[` + strings.Join(rows, ",") + `]}}`
	}
	t.Run("pages and stops", func(t *testing.T) {
		f := newFake(t, step{status: 200, body: page("a", "b")}, step{status: 200, body: page("c", "d")}, step{status: 200, body: page("e")})
		c := testClient(t, f.URL, nil)
		res, err := c.SelectAll(context.Background(), Paged{Prefixes: "PREFIX ex: <http://x/> # p", Select: "?k", Where: "?k a ex:T # c", Key: "k", PageSize: 2})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Solutions) != 5 || f.hits.Load() != 3 {
			t.Errorf("%d rows in %d requests", len(res.Solutions), f.hits.Load())
		}
		q1, q3 := f.form(0).Get("query"), f.form(2).Get("query")
		if strings.Contains(q1, "FILTER") || !strings.Contains(q3, "FILTER(STR(?k) > STR(<http://x/d>))") || !strings.Contains(q3, "LIMIT 2") {
			t.Errorf("queries:\n%s\n%s", q1, q3)
		}
		if strings.Contains(q1, "#") || strings.Count(q1, "?k a ex:T") != 2 {
			t.Errorf("first page query:\n%s", q1)
		}
	})
	for _, tc := range []struct {
		name  string
		steps []step
		want  string
	}{
		{"truncated page", []step{{status: 200, body: page("a", "b")}, {status: 200, body: page("c", "d"), header: map[string]string{"X-SQL-State": "S1TAT"}}}, "page 2: the endpoint returned a possibly incomplete result (2 rows)"},
		{"key repeated", []step{{status: 200, body: page("a", "b")}, {status: 200, body: page("b", "c")}}, "page 2: key \"http://x/b\" does not sort after"},
		{"key missing", []step{{status: 200, body: `{"head":{"vars":["k"]},"results":{"bindings":[{}]}}`}}, "page 1: a row without ?k"},
		{"key not projected", []step{{status: 200, body: `{"head":{"vars":["z"]},"results":{"bindings":[]}}`}}, "does not include ?k"},
		{"syntax error", []step{{status: 400, body: "Virtuoso 37000 Error SP030: syntax"}}, "HTTP 400"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, tc.steps...)
			_, err := testClient(t, f.URL, nil).SelectAll(context.Background(), Paged{Select: "?k", Where: "?k ?p ?o", Key: "k", PageSize: 2})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
			e := asError(t, err)
			if tc.name == "truncated page" && !errors.Is(err, ErrTruncated) {
				t.Errorf("%v is not ErrTruncated", err)
			}
			if e.Temporary() {
				t.Errorf("Temporary() for %v", err)
			}
		})
	}
	c := testClient(t, "http://127.0.0.1:1/sparql", nil)
	for _, p := range []Paged{
		{Select: "?k", Where: "?k ?p ?o", Key: "?k"},
		{Select: "?k", Where: "?k ?p ?o", Key: "k }"},
		{Select: "", Where: "?k ?p ?o", Key: "k"},
		{Select: "?k", Where: " ", Key: "k"},
		{Select: "?k", Where: "?k ?p ?o", Key: "k", PageSize: -1},
	} {
		if _, err := c.SelectAll(context.Background(), p); err == nil || c.Requests() != 0 {
			t.Errorf("SelectAll(%+v) = %v with %d requests, want an error and none", p, err, c.Requests())
		}
	}
}

func TestPageSizeCaps(t *testing.T) {
	for _, tc := range []struct{ size, maxRows, want int }{
		{0, 0, DefaultPageSize},
		{1, 0, 2},
		{50000, 0, MaxPageSize},
		{50000, 100, 99},
		{7, 100, 7},
	} {
		f := newFake(t, step{status: 200, body: `{"head":{"vars":["k"]},"results":{"bindings":[]}}`})
		c := testClient(t, f.URL, func(o *Options) { o.MaxRows = tc.maxRows })
		if _, err := c.SelectAll(context.Background(), Paged{Select: "?k", Where: "?k ?p ?o", Key: "k", PageSize: tc.size}); err != nil {
			t.Fatal(err)
		}
		if q := f.form(0).Get("query"); !strings.Contains(q, fmt.Sprintf("LIMIT %d\n", tc.want)) {
			t.Errorf("PageSize %d, MaxRows %d: want LIMIT %d in\n%s", tc.size, tc.maxRows, tc.want, q)
		}
	}
}

// TestGet: with Options.Get the query and the timeout hint go in the URL of
// a GET, with no body and no form Content-Type, and retries repeat it.
func TestGet(t *testing.T) {
	f := newFake(t, step{status: 503}, step{status: 200, body: okJSON})
	c := testClient(t, f.URL+"/sparql", func(o *Options) { o.Get = true; o.Timeout = 30 * time.Second })
	if _, err := c.Select(context.Background(), "SELECT * WHERE { ?s ?p \"a & b\" } # note"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		r := f.request(i)
		if r.Method != http.MethodGet || r.URL.Path != "/sparql" || r.Header.Get("Content-Type") != "" {
			t.Errorf("attempt %d: %s %s Content-Type %q, want GET /sparql without a body", i, r.Method, r.URL.Path, r.Header.Get("Content-Type"))
		}
		q := r.URL.Query()
		if q.Get("query") != "SELECT * WHERE { ?s ?p \"a & b\" } " || q.Get("timeout") != "27500" {
			t.Errorf("attempt %d: URL parameters %v", i, q)
		}
		if r.Header.Get("Accept") != "application/sparql-results+json" {
			t.Errorf("attempt %d: Accept %q", i, r.Header.Get("Accept"))
		}
	}
}
