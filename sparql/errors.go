package sparql

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"syscall"
	"time"

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
	Status   int    // HTTP status; 0 when there was no answer (connection refused, timeout, …)
	SQLState string // Virtuoso SQLSTATE from a body like "Virtuoso 37000 Error SP030: …" → "37000"
	Code     string // Virtuoso error code → "SP030"; "" when the message has none (42000, S1TAT)
	// Message is the first non-empty line of the body (≤ 200 runes); after
	// a 2xx, what was wrong with the answer; with no answer (Status 0), what
	// happened, in plain words ("connection refused", "no answer within 1m").
	Message  string
	Attempts int   // HTTP attempts made, retries included
	Err      error // underlying cause: transport, JSON or context error, ErrTruncated; may be nil
}

// Error is one short line: "SPARQL endpoint <URL>: <Cause>", and, when
// retried, the number of attempts:
//
//	SPARQL endpoint http://x/sparql: no answer within 1s
//	SPARQL endpoint http://x/sparql: connection refused (after 5 attempts)
//	SPARQL endpoint http://x/sparql: HTTP 400 (Virtuoso 37000 SP030): Virtuoso 37000 Error SP030: SPARQL compiler, line 1: …
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("SPARQL endpoint ")
	b.WriteString(e.Endpoint)
	b.WriteString(": ")
	b.WriteString(e.Cause())
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (after %d attempts)", e.Attempts)
	}
	return b.String()
}

// Cause is what went wrong, in a few plain words, without the endpoint and
// the attempt count: "no answer within 1m", "connection refused", "host not
// found (x.invalid)", "connection closed by the server", "TLS certificate not
// trusted: …", "HTTP 503 Service Unavailable", "HTTP 400 (Virtuoso 37000
// SP030): <first line of the body>", "invalid results JSON: …". It leaves
// out what differs between calls that failed alike (the endpoint and the
// attempt count), so a caller reporting many failed calls can group them by
// Cause and print one line per cause; only a server message that quotes the
// request (a syntax error) keeps such calls apart. It is one line and holds
// no credentials.
func (e *Error) Cause() string {
	switch {
	case e.Status >= 200 && e.Status <= 299 && e.Message != "":
		return e.Message
	case e.Status != 0:
		var b strings.Builder
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
		if e.Message != "" {
			b.WriteString(": ")
			b.WriteString(e.Message)
		} else if t := http.StatusText(e.Status); t != "" {
			b.WriteString(" ")
			b.WriteString(t)
		}
		return b.String()
	case e.Message != "":
		return e.Message
	case e.Err != nil:
		// An Error built by hand; the client always sets Message.
		switch {
		case errors.Is(e.Err, context.Canceled):
			return "cancelled"
		case isTimeout(e.Err):
			return "no answer in time"
		}
		return networkCause(e.Err)
	}
	return "request failed"
}

// Unwrap returns the cause, so errors.Is(err, context.Canceled) and
// errors.Is(err, ErrTruncated) work.
func (e *Error) Unwrap() error { return e.Err }

// Temporary reports whether the failure lies with the endpoint or the
// network rather than with the request, so that the same request could
// plausibly succeed later: no answer within Options.Timeout (or an answer
// that did not complete within it), a refused, reset or closed connection, a
// failed (not a negative) host name lookup, 429, 502, 503, 504, a 404 from
// the endpoint (Virtuoso during a checkpoint), a Virtuoso 500 whose SQLSTATE
// is a deadlock/rollback (class 40) or connection (class 08) error, or a 2xx
// whose body broke off in transit.
//
// These are the failures the client retries (the package doc), with one
// exception: a timed-out attempt is not retried, because another attempt
// would likely cost another full Timeout. So a Temporary error either ran out
// of retries or timed out; either way the endpoint is not usable now, and a
// caller with more requests for it may fail them at once. A cancelled
// context, a wrong request (4xx), a refusal to run a query (SR353, 42000,
// S1TAT, …), a bad answer and an untrusted certificate are not Temporary.
func (e *Error) Temporary() bool {
	if errors.Is(e.Err, context.Canceled) {
		return false
	}
	var be *bodyError
	if errors.As(e.Err, &be) {
		return be.transport
	}
	if e.Status == 0 {
		return e.Err == nil || isTimeout(e.Err) || retryableTransportErr(e.Err)
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
// retrying: connection failures are; timeouts (see Temporary), bad URLs,
// certificate errors, a host name that does not exist, and failed digest
// negotiation are not.
func retryableTransportErr(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, context.Canceled) || isTimeout(err) {
		return false
	}
	if errors.Is(err, digest.ErrBadChallenge) || errors.Is(err, digest.ErrAlgNotImplemented) || errors.Is(err, digest.ErrNilTransport) {
		return false
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return false // a name that does not exist will not exist a second later
	}
	if certificateErr(err) {
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

func certificateErr(err error) bool {
	var certErr x509.CertificateInvalidError
	var certErrP *x509.CertificateInvalidError
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var verifyErr *tls.CertificateVerificationError
	return errors.As(err, &certErr) || errors.As(err, &certErrP) || errors.As(err, &unknownCA) ||
		errors.As(err, &hostErr) || errors.As(err, &verifyErr)
}

// isTimeout reports whether err is a timeout: the attempt's Options.Timeout
// (net/http's Client.Timeout error is context.DeadlineExceeded and says
// Timeout), a dial or TLS handshake timeout, or a context deadline.
func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// networkCause says in plain words why a connection failed.
func networkCause(err error) string {
	var dnsErr *net.DNSError
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var certErr x509.CertificateInvalidError
	var recordErr tls.RecordHeaderError
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset by the server"
	case errors.Is(err, syscall.ECONNABORTED):
		return "connection aborted"
	case errors.Is(err, syscall.EPIPE), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed by the server"
	case errors.Is(err, syscall.EHOSTUNREACH):
		return "host unreachable"
	case errors.Is(err, syscall.ENETUNREACH):
		return "network unreachable"
	case errors.As(err, &dnsErr):
		switch {
		case dnsErr.IsNotFound:
			return "host not found (" + dnsErr.Name + ")"
		case dnsErr.IsTimeout:
			return "host name lookup timed out (" + dnsErr.Name + ")"
		}
		return "host name lookup failed (" + dnsErr.Name + "): " + dnsErr.Err
	case errors.As(err, &unknownCA):
		return "TLS certificate not trusted: signed by an unknown authority"
	case errors.As(err, &hostErr):
		return "TLS certificate not trusted: " + strings.TrimPrefix(hostErr.Error(), "x509: ")
	case errors.As(err, &certErr):
		return "TLS certificate not trusted: " + strings.TrimPrefix(certErr.Error(), "x509: ")
	case errors.As(err, &recordErr):
		return "TLS handshake failed: the server does not speak TLS"
	case isTimeout(err):
		return "timed out"
	}
	msg := oneLine(causeText(err))
	switch {
	case strings.Contains(msg, "server gave HTTP response to HTTPS client"):
		return "the server answered in plain HTTP to an https URL"
	case strings.Contains(msg, "server closed idle connection"):
		return "connection closed by the server"
	}
	for _, prefix := range []string{"net/http: ", "http: "} {
		msg = strings.TrimPrefix(msg, prefix)
	}
	return msg
}

// humanDuration writes d as Go does, without zero units: 1m, not 1m0s.
func humanDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// bodyError is a failure while reading or decoding a 2xx body.
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
