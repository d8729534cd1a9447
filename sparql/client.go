package sparql

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/knakk/digest"
	"github.com/knakk/rdf"
	ksparql "github.com/knakk/sparql"
)

// Defaults for the zero values of Options.
const (
	DefaultTimeout   = 60 * time.Second
	DefaultRetries   = 4
	DefaultMinWait   = 500 * time.Millisecond
	DefaultMaxWait   = 30 * time.Second
	DefaultUserAgent = "pledgegraph (+https://w3id.org/pledgegraph)"
)

// maxErrorBody bounds what is read of an error answer or an ASK result; a
// misbehaving proxy cannot make the client buffer more.
const maxErrorBody = 1 << 20

// anytimeSlack is how much earlier than the client's per-attempt Timeout the
// server is asked to stop. Virtuoso checks its "anytime" timeout only every
// 2 s or so (7.2.5, measured: a timeout=1000 query answered after 2.0 s,
// 2500 after 4.0 s, 4000 after 6.0 s), so a hint equal to Timeout would make
// the flagged partial answer arrive after the client had given up.
const anytimeSlack = 2500 * time.Millisecond

// AuthMode chooses how User and Password are sent.
type AuthMode int

const (
	// AuthAuto sends HTTP basic authentication when User is set.
	AuthAuto AuthMode = iota
	// AuthBasic sends HTTP basic authentication when User is set.
	AuthBasic
	// AuthDigest answers the server's digest challenge (RFC 2617, MD5,
	// qop=auth); Virtuoso's /sparql-auth accepts nothing else.
	AuthDigest
)

// Options configure a Client. The zero value of every field but Endpoint is
// a sensible default.
type Options struct {
	// Endpoint is the absolute http(s) URL of the SPARQL endpoint. It may
	// not contain user:password@ (use User and Password), so that it can be
	// printed in errors and summaries.
	Endpoint string
	// Timeout bounds each HTTP attempt, reading the body included; 0 means
	// DefaultTimeout. An attempt that times out is not retried: the call
	// fails after one Timeout, not Retries+1 of them. Queries also send it
	// as Virtuoso's `timeout` form parameter (see ServerTimeout), so the
	// server stops the work too.
	Timeout time.Duration
	// ServerTimeout is the `timeout` parameter in ms: Virtuoso's "anytime"
	// limit, after which it returns what it has, flagged with an X-SQL-State
	// header (then Results.Truncated is true). 0 means Timeout less 2.5 s
	// (Timeout/2 when Timeout is under 5 s), because Virtuoso overshoots the
	// hint by up to 2 s; < 0 means the parameter is not sent.
	ServerTimeout time.Duration
	// Retries is the number of retries after the first attempt, for the
	// failures the package doc lists as retried; 0 means DefaultRetries,
	// < 0 means none.
	Retries int
	// MinWait and MaxWait bound the wait before a retry; 0 means
	// DefaultMinWait and DefaultMaxWait. The wait before retry n (0-based)
	// is uniform in [MinWait, min(MaxWait, MinWait·2^(n+1))] ("full jitter",
	// so that clients that failed together do not retry together). A
	// Retry-After header (seconds or HTTP date) on a 429 or 503 is honoured
	// instead, but never beyond MaxWait.
	MinWait, MaxWait time.Duration
	// User and Password authenticate, as Auth says. They never appear in
	// errors.
	User, Password string
	Auth           AuthMode
	// UserAgent is sent with every request; "" means DefaultUserAgent.
	UserAgent string
	// Transport carries the requests; nil means a clone of
	// http.DefaultTransport. Neither http.DefaultClient nor
	// http.DefaultTransport is ever modified.
	Transport http.RoundTripper
	// MaxRows is the server's row cap (Virtuoso's ResultSetMaxRows) if
	// known; a result with that many rows is reported as Truncated. 0 means
	// unknown; Virtuoso's X-SPARQL-MaxRows header is checked regardless.
	MaxRows int
	// Get sends queries as GET with URL parameters instead of a form POST,
	// for endpoints that accept only GET (Themis documents GET only). Keep
	// queries short then: servers cut long URLs (Virtuoso at about 10 KB).
	Get bool
	// DefaultGraphs, when set, are sent with every query as the protocol's
	// default-graph-uri parameters: the query sees the merge of these
	// graphs as its default graph instead of the store's (Virtuoso's is
	// the union of all graphs). Each must be an absolute IRI.
	DefaultGraphs []string
}

// Client is a SPARQL 1.1 protocol client: SELECT and ASK queries, and Do
// for any other request to the endpoint. It is safe for concurrent use.
type Client struct {
	endpoint      string
	url           *url.URL // endpoint, parsed
	timeout       time.Duration
	http          *http.Client
	retries       int
	minWait       time.Duration
	maxWait       time.Duration
	serverTimeout time.Duration
	userAgent     string
	basicUser     string
	basicPass     string
	basic         bool
	digest        bool
	redact        redactor
	maxRows       int
	get           bool
	defaultGraphs []string
	requests      atomic.Int64
}

// New checks opts and returns a Client with its own *http.Client.
func New(opts Options) (*Client, error) {
	u, err := checkEndpoint(opts.Endpoint)
	if err != nil {
		return nil, err
	}
	switch {
	case opts.Timeout < 0:
		return nil, errors.New("negative timeout")
	case opts.MinWait < 0 || opts.MaxWait < 0:
		return nil, errors.New("negative wait between retries")
	case opts.MaxRows < 0:
		return nil, errors.New("negative row cap")
	case opts.Auth < AuthAuto || opts.Auth > AuthDigest:
		return nil, fmt.Errorf("unknown authentication mode %d", opts.Auth)
	case opts.User == "" && opts.Password != "":
		return nil, errors.New("password given without a user name")
	case strings.ContainsAny(opts.User, ":\r\n") && opts.Auth != AuthDigest:
		return nil, errors.New("the user name contains ':' or a line break, which basic authentication cannot send")
	}
	for _, g := range opts.DefaultGraphs {
		if err := checkIRI(g); err != nil {
			return nil, fmt.Errorf("default graph: %w", err)
		}
	}
	c := &Client{
		defaultGraphs: append([]string(nil), opts.DefaultGraphs...),
		endpoint:      opts.Endpoint,
		url:           u,
		retries:       opts.Retries,
		minWait:       opts.MinWait,
		maxWait:       opts.MaxWait,
		userAgent:     opts.UserAgent,
		maxRows:       opts.MaxRows,
		get:           opts.Get,
	}
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	c.timeout = timeout
	switch {
	case c.retries == 0:
		c.retries = DefaultRetries
	case c.retries < 0:
		c.retries = 0
	}
	if c.minWait == 0 {
		c.minWait = DefaultMinWait
	}
	if c.maxWait == 0 {
		c.maxWait = max(DefaultMaxWait, c.minWait)
	}
	if c.minWait > c.maxWait {
		return nil, fmt.Errorf("the shortest wait between retries, %v, exceeds the longest, %v", c.minWait, c.maxWait)
	}
	if c.userAgent == "" {
		c.userAgent = DefaultUserAgent
	}
	switch {
	case opts.ServerTimeout > 0:
		c.serverTimeout = opts.ServerTimeout
	case opts.ServerTimeout == 0 && timeout >= 2*anytimeSlack:
		c.serverTimeout = timeout - anytimeSlack
	case opts.ServerTimeout == 0:
		c.serverTimeout = max(timeout/2, time.Millisecond)
	}

	base := opts.Transport
	if base == nil {
		if t, ok := http.DefaultTransport.(*http.Transport); ok {
			base = t.Clone()
		} else {
			base = &http.Transport{Proxy: http.ProxyFromEnvironment}
		}
	}
	rt := base
	if opts.User != "" {
		c.redact = redactor{opts.Password}
		if opts.Auth == AuthDigest {
			c.digest = true
			rt = digestTransport{&digest.Transport{Username: opts.User, Password: opts.Password, Transport: base}}
		} else {
			c.basic, c.basicUser, c.basicPass = true, opts.User, opts.Password
			c.redact = append(c.redact, base64.StdEncoding.EncodeToString([]byte(opts.User+":"+opts.Password)))
		}
	}
	c.http = &http.Client{
		Transport: rt,
		Timeout:   timeout,
		// A redirected POST would come back as a GET without its body;
		// report the new location instead of following it.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return c, nil
}

func checkEndpoint(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // without the URL, which might hold a password
		}
		return nil, fmt.Errorf("endpoint is not a valid URL: %v", err)
	}
	switch {
	case u.User != nil:
		// Errors and summaries print the endpoint: it must hold no secret.
		return nil, errors.New("the endpoint URL must not contain a user name or password; give them separately")
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("endpoint %q is not an absolute http(s) URL", s)
	case u.Host == "" || u.Opaque != "":
		return nil, fmt.Errorf("endpoint %q has no host", s)
	}
	return u, nil
}

// Endpoint returns the endpoint URL (it never contains credentials).
func (c *Client) Endpoint() string { return c.endpoint }

// Requests returns the number of HTTP attempts sent so far, retries
// included (a digest challenge round trip is part of its attempt).
func (c *Client) Requests() int64 { return c.requests.Load() }

// Results is a SELECT result.
type Results struct {
	Vars []string
	// Solutions holds one map per row. A variable left unbound (by an
	// OPTIONAL, say) is absent from its row's map. Every binding the server
	// sent is here: a value knakk/rdf cannot represent is an error, not a
	// silent gap.
	Solutions []map[string]rdf.Term
	// Truncated: the server said the result may be cut: HTTP 206, an
	// X-SQL-State header (Virtuoso's "anytime" partial answer, which comes
	// with 200), an X-SPARQL-MaxRows header equal to the row count
	// (ResultSetMaxRows was reached; Virtuoso sends it with 200), or a row
	// count equal to Options.MaxRows. Page (SelectAll) or ask for less.
	Truncated bool
}

// Select runs a SELECT query. The query passes through StripComments.
//
// It is sent as a form POST (query=…, plus timeout=… unless
// Options.ServerTimeout < 0), or in the URL of a GET with Options.Get, with
// Accept: application/sparql-results+json. A 200 or 206 answer is decoded;
// any other 2xx is an error. Every failure is an *Error.
func (c *Client) Select(ctx context.Context, query string) (*Results, error) {
	var res *Results
	_, err := c.Do(ctx, c.queryRequest(query), func(resp *http.Response) error {
		var err error
		res, err = c.readSelect(resp)
		return err
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// Ask runs an ASK query, sent as Select sends it. It understands both the
// standard {"boolean": …} answer and Virtuoso 7's, which is a SELECT result
// with one variable __ASK_RETVAL and one row (1) for true or no row for
// false. A possibly incomplete answer is an error (errors.Is ErrTruncated).
func (c *Client) Ask(ctx context.Context, query string) (bool, error) {
	var answer bool
	_, err := c.Do(ctx, c.queryRequest(query), func(resp *http.Response) error {
		var err error
		answer, err = c.readAsk(resp)
		return err
	})
	if err != nil {
		return false, err
	}
	return answer, nil
}

// queryRequest is the request of the SPARQL protocol's query operation.
func (c *Client) queryRequest(query string) Request {
	params := url.Values{"query": {StripComments(query)}}
	if len(c.defaultGraphs) > 0 {
		params["default-graph-uri"] = c.defaultGraphs
	}
	if c.serverTimeout > 0 {
		params.Set("timeout", strconv.FormatInt(c.serverTimeout.Milliseconds(), 10))
	}
	req := Request{Accept: "application/sparql-results+json"}
	if c.get {
		req.Method, req.Params = http.MethodGet, params
	} else {
		// Form-encoded: Virtuoso hangs on a POST of application/sparql-query.
		req.Body, req.ContentType = []byte(params.Encode()), "application/x-www-form-urlencoded"
	}
	return req
}

// checkQueryStatus rejects the 2xx answers a query does not expect (201,
// 204, …): they carry no results.
func checkQueryStatus(resp *http.Response) error {
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusPartialContent {
		return &bodyError{err: fmt.Errorf("unexpected status %d for a query", resp.StatusCode)}
	}
	return nil
}

// recordingReader remembers the first read error other than io.EOF, to tell
// a broken connection from a malformed body after the JSON decoder fails.
type recordingReader struct {
	r   io.Reader
	err error
}

func (r *recordingReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if err != nil && err != io.EOF && r.err == nil {
		r.err = err
	}
	return n, err
}

// checkContentType rejects an answer that is not JSON (an HTML login or
// error page from a proxy, XML from an endpoint that ignored Accept).
func checkContentType(resp *http.Response) error {
	ct := resp.Header.Get("Content-Type")
	if ct == "" {
		return nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil && strings.Contains(mt, "json") {
		return nil
	}
	head, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	msg := fmt.Sprintf("unexpected Content-Type %q, want application/sparql-results+json", ct)
	if line := firstLine(string(head)); line != "" {
		msg += ": " + truncateRunes(line, 120)
	}
	return &bodyError{err: errors.New(msg)}
}

// decodeJSON streams body into knakk's ParseJSON.
func decodeJSON(body io.Reader) (*ksparql.Results, error) {
	rec := &recordingReader{r: body}
	kr, err := ksparql.ParseJSON(rec)
	switch {
	case rec.err != nil:
		return nil, &bodyError{transport: true, err: fmt.Errorf("reading results: %w", rec.err)}
	case err != nil:
		return nil, &bodyError{err: fmt.Errorf("invalid results JSON: %w", err)}
	}
	return kr, nil
}

func (c *Client) readSelect(resp *http.Response) (*Results, error) {
	if err := checkQueryStatus(resp); err != nil {
		return nil, err
	}
	if err := checkContentType(resp); err != nil {
		return nil, err
	}
	kr, err := decodeJSON(resp.Body)
	if err != nil {
		return nil, err
	}
	sols, err := solutions(kr)
	if err != nil {
		return nil, &bodyError{err: err}
	}
	res := &Results{Vars: kr.Head.Vars, Solutions: sols}
	res.Truncated = truncated(resp, len(sols), c.maxRows)
	return res, nil
}

// truncated applies the rules documented on Results.Truncated.
func truncated(resp *http.Response, rows, maxRows int) bool {
	if resp.StatusCode == http.StatusPartialContent || strings.TrimSpace(resp.Header.Get("X-SQL-State")) != "" {
		return true
	}
	if h := strings.TrimSpace(resp.Header.Get("X-SPARQL-MaxRows")); h != "" {
		if n, err := strconv.Atoi(h); err == nil && rows >= n {
			return true
		}
	}
	return maxRows > 0 && rows >= maxRows
}

func (c *Client) readAsk(resp *http.Response) (bool, error) {
	if err := checkQueryStatus(resp); err != nil {
		return false, err
	}
	if err := checkContentType(resp); err != nil {
		return false, err
	}
	rec := &recordingReader{r: io.LimitReader(resp.Body, maxErrorBody+1)}
	data, _ := io.ReadAll(rec)
	if rec.err != nil {
		return false, &bodyError{transport: true, err: fmt.Errorf("reading results: %w", rec.err)}
	}
	if len(data) > maxErrorBody {
		return false, &bodyError{err: fmt.Errorf("ASK result larger than %d bytes", maxErrorBody)}
	}
	if truncated(resp, 0, 0) {
		return false, &bodyError{err: fmt.Errorf("ASK result may be incomplete (HTTP %d, X-SQL-State %q): %w",
			resp.StatusCode, resp.Header.Get("X-SQL-State"), ErrTruncated)}
	}
	kr, err := decodeJSON(bytes.NewReader(data))
	if err != nil {
		return false, err
	}
	var raw struct {
		Boolean *bool `json:"boolean"`
	}
	if err := json.Unmarshal(data, &raw); err == nil && raw.Boolean != nil {
		return *raw.Boolean, nil
	}
	// Virtuoso 7: {"head":{"vars":["__ASK_RETVAL"]}, "results":{"bindings":[{"__ASK_RETVAL": 1}]}}
	if len(kr.Head.Vars) == 1 && kr.Head.Vars[0] == "__ASK_RETVAL" {
		b := kr.Results.Bindings
		switch {
		case len(b) == 0:
			return false, nil
		case len(b) == 1:
			switch b[0]["__ASK_RETVAL"].Value {
			case "1", "true":
				return true, nil
			case "0", "false":
				return false, nil
			}
		}
	}
	return false, &bodyError{err: errors.New(`not an ASK result: no "boolean" member`)}
}

// solutions is knakk's Solutions() plus the check it lacks: every binding
// the server sent must come back as a term with the same value, language
// and datatype (knakk drops terms it cannot build, e.g. the language tag
// zh-hant-tw or an IRI with a space, and turns a bad datatype IRI into "").
func solutions(kr *ksparql.Results) ([]map[string]rdf.Term, error) {
	sols := kr.Solutions()
	for i, row := range kr.Results.Bindings {
		for name, b := range row {
			t, ok := sols[i][name]
			if ok {
				ok = sameTerm(t, b.Type, b.Value, b.Lang, b.DataType)
			}
			if !ok {
				desc := b.Type + " " + quote(b.Value)
				if b.Lang != "" {
					desc += "@" + b.Lang
				}
				if b.DataType != "" {
					desc += "^^<" + b.DataType + ">"
				}
				return nil, fmt.Errorf("row %d: the value of ?%s (%s) cannot be represented as an RDF term by this client", i+1, name, desc)
			}
		}
	}
	if sols == nil {
		sols = []map[string]rdf.Term{}
	}
	return sols, nil
}

func sameTerm(t rdf.Term, typ, value, lang, datatype string) bool {
	if t.String() != value {
		return false
	}
	switch typ {
	case "uri":
		return t.Type() == rdf.TermIRI
	case "bnode":
		return t.Type() == rdf.TermBlank
	case "literal", "typed-literal":
		l, ok := t.(rdf.Literal)
		if !ok {
			return false
		}
		switch {
		case lang != "":
			return l.Lang() == lang
		case datatype != "":
			return l.DataType.String() == datatype
		default:
			return l.DataType.String() == xsdString
		}
	}
	return false
}

// digestTransport explains knakk/digest's bare "challenge is bad".
type digestTransport struct{ t *digest.Transport }

func (d digestTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := d.t.RoundTrip(req)
	if err != nil && resp != nil {
		// knakk/digest returns the (drained, closed) 401 with the error.
		challenge := resp.Header.Get("WWW-Authenticate")
		return nil, fmt.Errorf("digest authentication: cannot answer the challenge %q: %w", truncateRunes(challenge, 120), err)
	}
	return resp, err
}
