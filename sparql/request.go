package sparql

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Request is one HTTP request to the client's endpoint, for Do. It is the
// common ground of the SPARQL protocols: a query (Select, Ask), an update
// (POST of a form with update=… or of application/sparql-update) and the
// Graph Store HTTP Protocol (GET, PUT, POST, DELETE with ?graph=IRI or
// ?default) are each one Request.
type Request struct {
	// Method is the HTTP method; "" means POST.
	Method string
	// Params are added to the query string of the endpoint URL, after the
	// parameters the endpoint URL has itself (url.Values.Encode order).
	Params url.Values
	// Body is sent with a Content-Length header, never in chunks (Virtuoso
	// stores nothing of a chunked upload); every attempt sends the same
	// bytes. nil or empty sends no body (Content-Length: 0 for POST and PUT).
	Body []byte
	// ContentType is the Content-Type header, the media type of Body; ""
	// sends none.
	ContentType string
	// Accept is the Accept header; "" sends none.
	Accept string
}

// Response is what Do returns of a successful (2xx) answer; its body went to
// Do's read function.
type Response struct {
	Status int
	Header http.Header
}

// Do sends req to the endpoint with everything the client does for a query:
// retries with backoff (the table in the package doc), Options.Timeout per
// attempt, authentication (basic or digest), the User-Agent, credentials
// kept out of errors. Any 2xx answer is a success.
//
// read, if not nil, reads the body of a 2xx answer within the attempt, so a
// body that breaks off in transit is retried like a lost connection; if read
// returns an error for a body that arrived whole, the call fails at once with
// an *Error whose Status is the 2xx status and whose Message is read's error.
// Do closes the body after read returns; read must not keep it.
//
// Every failure of a sent request, or of a ctx that ended before, is an
// *Error (see Select); only an invalid Method gives a plain error.
//
// Do treats every request as safe to repeat: after a lost connection it
// sends the request again, although the server may have acted on the first
// one. That holds for queries, GET, PUT and DELETE, and for updates and POSTs
// of triples without blank nodes (adding a triple twice adds it once); a
// request that must not run twice needs a client with Retries < 0.
func (c *Client) Do(ctx context.Context, req Request, read func(*http.Response) error) (*Response, error) {
	method := cmp.Or(req.Method, http.MethodPost)
	if !validToken(method) {
		return nil, fmt.Errorf("invalid HTTP method %q", method)
	}
	if err := ctx.Err(); err != nil {
		return nil, c.failure(ctx, nil, 0, err)
	}
	var body any // untyped nil: no body, so no probe and no chunking
	if len(req.Body) > 0 {
		body = req.Body
	}
	hr, err := retryablehttp.NewRequestWithContext(ctx, method, c.target(req.Params), body)
	if err != nil {
		return nil, err
	}
	if req.ContentType != "" {
		hr.Header.Set("Content-Type", req.ContentType)
	}
	if req.Accept != "" {
		hr.Header.Set("Accept", req.Accept)
	}
	hr.Header.Set("User-Agent", c.userAgent)
	if c.basic {
		hr.SetBasicAuth(c.basicUser, c.basicPass)
	}
	hr.SetResponseHandler(func(resp *http.Response) error {
		if resp.StatusCode < 200 || resp.StatusCode > 299 {
			return nil // failure builds the *Error from the buffered body
		}
		defer resp.Body.Close()
		if read == nil {
			discard(resp.Body)
			return nil
		}
		rec := &recordingReader{r: resp.Body}
		inner := resp.Body
		resp.Body = readCloser{rec, inner}
		err := read(resp)
		resp.Body = inner
		var be *bodyError
		switch {
		case err != nil && !errors.As(err, &be):
			err = &bodyError{transport: rec.err != nil, err: err}
		case err == nil && rec.err != nil:
			// read stopped at a broken body without saying so.
			err = &bodyError{transport: true, err: fmt.Errorf("reading the answer: %w", rec.err)}
		}
		if err == nil {
			discard(inner)
		}
		return err
	})
	attempts := 0
	rc := &retryablehttp.Client{
		HTTPClient:   c.http,
		Logger:       nil,
		RetryWaitMin: c.minWait,
		RetryWaitMax: c.maxWait,
		RetryMax:     c.retries,
		CheckRetry:   c.checkRetry,
		Backoff:      backoff,
		ErrorHandler: func(resp *http.Response, err error, _ int) (*http.Response, error) { return resp, err },
		RequestLogHook: func(retryablehttp.Logger, *http.Request, int) {
			attempts++
			c.requests.Add(1)
		},
	}
	resp, err := rc.Do(hr)
	if e := c.failure(ctx, resp, attempts, err); e != nil {
		return nil, e
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header}, nil
}

// target is the endpoint URL with params added to its query string. The
// fragment is dropped: parameters after it would never reach the server.
func (c *Client) target(params url.Values) string {
	if len(params) == 0 && c.url.Fragment == "" {
		return c.endpoint
	}
	u := *c.url
	u.Fragment, u.RawFragment = "", ""
	if enc := params.Encode(); enc != "" {
		if u.RawQuery != "" {
			u.RawQuery += "&" + enc
		} else {
			u.RawQuery = enc
		}
	}
	return u.String()
}

// validToken reports whether s is an HTTP token (RFC 9110), as a method must be.
func validToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}

type readCloser struct {
	io.Reader
	io.Closer
}

// discard reads a little of what is left of a body, so that the connection
// can be reused; a longer rest is cut off by Close.
func discard(body io.Reader) {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, 64<<10))
}

// checkRetry is the retry policy (see the package doc). It buffers the body
// of every non-2xx answer (at most maxErrorBody) to classify it, and puts the
// bytes back for the error message.
func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	retry := false
	var be *bodyError
	switch {
	case errors.As(err, &be):
		retry = be.transport && !isTimeout(be.err)
	case err != nil:
		retry = retryableTransportErr(err)
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		body := bufferBody(resp)
		state, _ := parseVirtuoso(body)
		retry = retryableStatus(resp.StatusCode, state, body)
	}
	if retry {
		// Rather than sleep into the caller's deadline and report only
		// "context deadline exceeded", stop and report the real failure.
		if d, ok := ctx.Deadline(); ok && time.Until(d) < c.minWait {
			retry = false
		}
	}
	return retry, nil
}

// bufferedBody is an error body read into memory by checkRetry.
type bufferedBody struct {
	*bytes.Reader
	data []byte
}

func (bufferedBody) Close() error { return nil }

// bufferBody reads at most maxErrorBody bytes of resp.Body, closes it and
// replaces it with the buffered bytes, which it returns.
func bufferBody(resp *http.Response) string {
	if b, ok := resp.Body.(bufferedBody); ok {
		return string(b.data)
	}
	data, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody)) // a partial body still classifies
	resp.Body.Close()
	resp.Body = bufferedBody{bytes.NewReader(data), data}
	return string(data)
}

// backoff is capped exponential backoff with full jitter, or the server's
// Retry-After for 429 and 503, within [min, max].
func backoff(lo, hi time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if d, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return clamp(d, lo, hi)
		}
	}
	ceiling := hi
	if attempt < 40 {
		if c := lo << (attempt + 1); c > 0 && c < hi {
			ceiling = c
		}
	}
	if ceiling <= lo {
		return lo
	}
	return lo + rand.N(ceiling-lo+1)
}

func clamp(d, lo, hi time.Duration) time.Duration {
	return max(lo, min(d, hi))
}

// retryAfter parses a Retry-After value: delay-seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		if n > int64(365*24*time.Hour/time.Second) {
			n = int64(365 * 24 * time.Hour / time.Second)
		}
		return time.Duration(n) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}

// failure turns the outcome of a request into an *Error, or nil for a 2xx
// answer read without error.
func (c *Client) failure(ctx context.Context, resp *http.Response, attempts int, err error) *Error {
	if err == nil && resp != nil && resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		return nil
	}
	e := &Error{Endpoint: c.endpoint, Attempts: attempts, Err: err}
	if resp == nil || (err != nil && ctx.Err() != nil) {
		if resp != nil {
			resp.Body.Close()
		}
		if e.Err == nil {
			e.Err = errors.New("no response")
		}
		e.Message = c.redact.apply(c.noAnswerCause(ctx, e.Err))
		return e
	}
	defer resp.Body.Close()
	e.Status = resp.StatusCode
	var be *bodyError
	if errors.As(err, &be) {
		e.Message = truncateRunes(c.redact.apply(oneLine(c.bodyCause(be))), 300)
		return e
	}
	body := bufferBody(resp)
	e.SQLState, e.Code = parseVirtuoso(body)
	if e.SQLState == "" {
		e.SQLState = strings.TrimSpace(resp.Header.Get("X-SQL-State"))
	}
	e.Message = c.redact.apply(firstLine(body))
	switch {
	case resp.StatusCode >= 300 && resp.StatusCode < 400:
		e.Message = c.redact.apply(fmt.Sprintf("redirected to %q; use that URL as the endpoint (redirects are not followed: a redirected POST would lose its body)",
			resp.Header.Get("Location")))
	case resp.StatusCode == http.StatusUnauthorized && !c.digest:
		// Virtuoso's /sparql-auth answers Basic credentials with a bare 401,
		// no challenge at all; a request without any gets the Digest one.
		challenge := strings.ToLower(resp.Header.Get("WWW-Authenticate"))
		hint := ""
		switch {
		case strings.HasPrefix(challenge, "digest"):
			hint = "the endpoint wants digest authentication"
		case c.basic && challenge == "":
			hint = "basic authentication refused; the endpoint may want digest authentication, as Virtuoso's /sparql-auth does"
		}
		if hint != "" {
			e.Message = strings.TrimSpace(cmp.Or(e.Message, "Unauthorized") + " (" + hint + ")")
		}
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		e.Message = c.redact.apply(oneLine(causeText(err)))
	}
	return e
}

// noAnswerCause says in plain words why there is no answer (Status 0).
func (c *Client) noAnswerCause(ctx context.Context, err error) string {
	switch {
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case ctx.Err() != nil && errors.Is(err, context.DeadlineExceeded):
		return "the caller's deadline passed before the endpoint answered"
	case isTimeout(err):
		return "no answer within " + humanDuration(c.timeout)
	}
	return networkCause(err)
}

// bodyCause says in plain words what went wrong with a 2xx body.
func (c *Client) bodyCause(be *bodyError) string {
	switch {
	case !be.transport:
		return be.err.Error()
	case isTimeout(be.err):
		return "answer not complete within " + humanDuration(c.timeout)
	}
	return "answer cut off: " + networkCause(be.err)
}
