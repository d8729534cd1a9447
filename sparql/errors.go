package sparql

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/knakk/digest"
)

// ErrTruncated is the cause (Error.Err) when SelectAll or Ask gets a result
// the server marked as possibly incomplete. Test with errors.Is.
var ErrTruncated = errors.New("the endpoint returned a possibly incomplete result")

// Error is the error of every failed call. It says where (Endpoint), what the
// server answered (Status, Virtuoso's SQLState and Code, the first line of the
// body) and how often it was tried, so callers can branch on a status instead
// of parsing text (knakk/sparql put the body into a format string).
type Error struct {
	Endpoint string // the endpoint URL; it never holds credentials (New rejects userinfo)
	Status   int    // HTTP status; 0 when there was no response (connection refused, timeout, …)
	SQLState string // Virtuoso SQLSTATE from a body like "Virtuoso 37000 Error SP030: …" → "37000"
	Code     string // Virtuoso error code → "SP030"; "" when the message has none (42000, S1TAT)
	Message  string // first non-empty line of the body (≤ 200 runes), or what went wrong after a 200
	Attempts int    // HTTP attempts made, retries included
	Err      error  // underlying cause: transport, JSON or context error, ErrTruncated; may be nil
}

// Error is one short line: endpoint, status, Virtuoso code, first body line
// and, when retried, the number of attempts.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("SPARQL endpoint ")
	b.WriteString(e.Endpoint)
	b.WriteString(": ")
	if e.Status != 0 {
		fmt.Fprintf(&b, "HTTP %d", e.Status)
		if e.SQLState != "" {
			b.WriteString(" (Virtuoso ")
			b.WriteString(e.SQLState)
			if e.Code != "" {
				b.WriteString(" ")
				b.WriteString(e.Code)
			}
			b.WriteString(")")
		}
		if msg := e.Message; msg != "" {
			b.WriteString(": ")
			b.WriteString(msg)
		} else if t := http.StatusText(e.Status); t != "" {
			b.WriteString(" ")
			b.WriteString(t)
		}
	} else {
		msg := e.Message
		if msg == "" && e.Err != nil {
			msg = oneLine(causeText(e.Err))
		}
		if msg == "" {
			msg = "request failed"
		}
		b.WriteString(msg)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (after %d attempts)", e.Attempts)
	}
	return b.String()
}

// Unwrap returns the cause, so errors.Is(err, context.Canceled) and
// errors.Is(err, ErrTruncated) work.
func (e *Error) Unwrap() error { return e.Err }

// Temporary reports whether trying the same request later could plausibly
// succeed: no response (connection error, timeout), 429, 502, 503, 504, a 404
// from the endpoint (Virtuoso during a checkpoint), a Virtuoso 500 whose
// SQLSTATE is a deadlock/rollback (class 40) or connection (class 08) error,
// or a 200 whose body broke off in transit. It is the same rule the client
// uses for its own retries, so a Temporary error is one whose retries ran
// out. A cancelled context is not temporary.
func (e *Error) Temporary() bool {
	if errors.Is(e.Err, context.Canceled) {
		return false
	}
	if e.Status == 0 {
		return e.Err == nil || retryableTransportErr(e.Err)
	}
	var be *bodyError
	if errors.As(e.Err, &be) {
		return be.transport
	}
	return retryableStatus(e.Status, e.SQLState, e.Message)
}

// retryableStatus is the retry table for HTTP answers; see the package doc.
func retryableStatus(status int, sqlState, body string) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	case http.StatusNotFound:
		// Virtuoso answers 404 while it checkpoints; mu-dispatcher's
		// "Route not found" (a wrong Accept, a wrong path) is permanent.
		return !strings.Contains(body, "Route not found")
	case http.StatusInternalServerError:
		// Only a deadlock/serialization failure (SQLSTATE class 40, e.g.
		// 40001 SR172) or a lost connection (class 08) is worth repeating as
		// is. S1TAT (anytime timeout), S1T00 SR171 (transaction timeout),
		// SR353 (sort limit) and 42000 (estimated time too long) would fail
		// the same way again: the caller must ask for less.
		return strings.HasPrefix(sqlState, "40") || strings.HasPrefix(sqlState, "08")
	}
	return false
}

// retryableTransportErr says whether an error without a response is worth
// retrying: connection failures and attempt timeouts are; bad URLs,
// certificate errors, redirect loops and failed digest negotiation are not.
func retryableTransportErr(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, context.Canceled) {
		return false
	}
	if errors.Is(err, digest.ErrBadChallenge) || errors.Is(err, digest.ErrAlgNotImplemented) || errors.Is(err, digest.ErrNilTransport) {
		return false
	}
	var certErr *x509.CertificateInvalidError
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var verifyErr *tls.CertificateVerificationError
	if errors.As(err, &certErr) || errors.As(err, &unknownCA) || errors.As(err, &hostErr) || errors.As(err, &verifyErr) {
		return false
	}
	msg := err.Error()
	for _, permanent := range []string{"unsupported protocol scheme", "invalid header", "stopped after", "http: server gave HTTP response to HTTPS client"} {
		if strings.Contains(msg, permanent) {
			return false
		}
	}
	return true
}

// bodyError is a failure while reading or decoding a 200/206 body.
// transport is true when reading failed (the connection broke or the attempt
// timed out), false when the bytes arrived but were not valid results.
type bodyError struct {
	transport bool
	err       error
}

func (e *bodyError) Error() string { return e.err.Error() }
func (e *bodyError) Unwrap() error { return e.err }

var virtuosoErr = regexp.MustCompile(`Virtuoso ([0-9A-Z]{5}) Error(?: ([0-9A-Z]{5}):)?`)

// parseVirtuoso finds "Virtuoso <SQLSTATE> Error [<CODE>:]" in a body.
func parseVirtuoso(body string) (sqlState, code string) {
	m := virtuosoErr.FindStringSubmatch(body)
	if m == nil {
		return "", ""
	}
	return m[1], m[2]
}

// firstLine is the first non-empty line of body, trimmed, at most 200 runes.
func firstLine(body string) string {
	for _, line := range strings.FieldsFunc(body, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if line = strings.TrimSpace(line); line != "" {
			return truncateRunes(strings.ToValidUTF8(line, "\uFFFD"), 200)
		}
	}
	return ""
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// causeText drops net/http's `Post "<endpoint>": ` prefix, which would repeat
// the endpoint that Error already names.
func causeText(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err.Error()
	}
	return err.Error()
}

// redactor removes the password (and its basic-auth encoding) from text
// that may reach an error message.
type redactor []string

func (r redactor) apply(s string) string {
	for _, secret := range r {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, "***")
		}
	}
	return s
}
