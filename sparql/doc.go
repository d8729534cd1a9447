// Package sparql is the SPARQL 1.1 protocol client pledgegraph uses to read
// Themis (Virtuoso behind mu-authorization), plus the functions that put
// values into queries safely.
//
// It replaces the HTTP side of github.com/knakk/sparql, keeping only its
// ParseJSON and Solutions, because that library:
//
//   - mutates http.DefaultClient (its Timeout and auth options change every
//     client in the process) and takes no context.Context;
//   - builds errors with the response body as a format string and without a
//     status code, so 429 or 503 cannot be told from a syntax error;
//   - treats Virtuoso's 206 partial answer as an error, yet never notices the
//     200 answers Virtuoso silently cuts at ResultSetMaxRows or at its
//     "anytime" timeout;
//   - silently drops values it cannot convert (the language tag zh-hant-tw,
//     an IRI with a space): here that is an error naming variable and value;
//   - fills query templates with text/template, without escaping (SPARQL
//     injection), and its query bank rewrites whitespace, so a trailing
//     "# comment" swallows the rest of the query.
//
// What this package does instead: one *http.Client per Client (never the
// default one), a context on every call, a per-attempt Timeout that is also
// sent to Virtuoso as its `timeout` parameter, form-encoded POST (Virtuoso
// hangs on a POST of application/sparql-query and cuts GET at about 10 KB;
// Options.Get sends GET for endpoints that take nothing else),
// comments stripped before sending (mu-authorization rejects them), typed
// errors (*Error) with Virtuoso's SQLSTATE and code, detection of truncated
// results (Results.Truncated), keyset paging that stays within Virtuoso's
// sort limit (SelectAll), and value serializers (IRI, String, LangString,
// Typed, DateTime, Term, Values) whose output cannot break out of its term.
//
// Select and Ask are built on Do, which sends any Request to the endpoint
// with the same retries, timeouts, authentication and errors, for the other
// SPARQL protocols (Update, the Graph Store HTTP Protocol).
//
// # Query bank
//
// LoadBank reads a directory of stored queries in grlc's format (CLARIAH
// grlc): one .rq file per query, a header of "#+ " lines read as YAML
// (summary, description, endpoint, tags, defaults, enumerate, method,
// pagination), parameters named by grlc's convention (?_name, ?__name,
// ?_name_iri, ?_name_nl, ?_name_xsd_date, …), found anywhere in the query,
// FILTER and BIND included. Query.Bind checks every value against its type
// and writes it into the query as one serialized term, token by token, so
// no value can change the query's shape (grlc pastes raw text).
//
// Construct runs CONSTRUCT and DESCRIBE queries, asking for JSON bindings
// s, p, o first, as Themis's front door requires.
//
// # Retry policy
//
// Retries (Options.Retries, default 4) go through hashicorp/go-retryablehttp
// with this table; the wait is capped exponential with full jitter between
// MinWait and MaxWait, or the server's Retry-After (capped at MaxWait).
//
//	answer                                         retried  why
//	no response: connection refused/reset, EOF     yes      transient network trouble
//	host name lookup failed (DNS unreachable)      yes      as above
//	host not found (the name does not exist)       no       a wrong name stays wrong
//	no answer within Timeout                       no       another attempt would cost another Timeout (*)
//	body broke off while reading a 2xx             yes      transient network trouble
//	body not complete within Timeout               no       as for no answer (*)
//	429 Too Many Requests                          yes      honours Retry-After
//	503 Service Unavailable                        yes      checkpoint or mu-authorization overload; Retry-After
//	502, 504                                       yes      proxy in front of a restarting server
//	404 from the endpoint                          yes      Virtuoso answers 404 during a checkpoint
//	404 "Route not found"                          no       mu-dispatcher: wrong path or Accept, permanent
//	500 with SQLSTATE class 40 or 08               yes      deadlock/rollback (40001 SR172), lost connection
//	500 S1TAT (anytime timeout)                    no       same query, same timeout: ask for less
//	500 S1T00 SR171 (transaction timed out)        no       as above
//	500 22023 SR353 (sorted TOP too large)         no       the query must change (use SelectAll)
//	500 42000 (estimated execution time too long)  no       refused before running; will be refused again
//	500 other                                      no       unknown failures are not repeated blindly
//	400 (37000 SP030 syntax error, …)              no       the query is wrong
//	401, 403                                       no       credentials are wrong
//	3xx                                            no       not followed: a redirected POST loses its body
//	TLS certificate not trusted                    no       it will not be trusted on the next attempt
//	2xx with invalid JSON, unconvertible values    no       the answer is wrong, not late
//	context cancelled or its deadline reached      no       stops at once, also during a wait
//
// (*) An endpoint that accepts connections but does not answer would
// otherwise hold every call for (Retries+1) × Timeout plus the waits: with
// a Timeout of 1 s and the default 4 retries, some 15 s instead of 1 s.
//
// A retry is also skipped when the caller's deadline is closer than MinWait;
// the error then reports the real failure rather than the deadline.
// Error.Temporary is true for the failures marked "yes" and for the two
// timeouts: the endpoint is not usable now, though the request may succeed
// later, so a caller may fail its other requests to that endpoint at once.
//
// # Observed Virtuoso 7.2.5 behaviour the client relies on
//
//   - Syntax errors: 400, text/plain, first line
//     "Virtuoso 37000 Error SP030: SPARQL compiler, line 1: …", then the
//     query echoed.
//   - More rows than ResultSetMaxRows: 200, cut, with X-SPARQL-MaxRows: <cap>
//     (also when LIMIT equals the cap exactly, so Truncated means "may be").
//   - The `timeout` parameter: when hit, 200 with X-SQL-State: S1TAT and
//     whatever rows were ready (a COUNT comes back with no row, or with a
//     partial count), about 2 s after the limit; hence the ServerTimeout
//     default below Timeout.
//   - A query whose estimated time exceeds MaxQueryCostEstimationTime is
//     refused before it runs: 500, text/plain, "Virtuoso 42000 Error The
//     estimated execution time 977 (sec) exceeds the limit of 400 (sec).";
//     the estimate of the same query varies from run to run.
//   - ASK with Accept: application/sparql-results+json answers a SELECT
//     result with the variable __ASK_RETVAL, not {"boolean": …}.
//   - Typed literals come as "typed-literal"; non-ASCII plain strings as
//     typed-literal xsd:string; language tags lower-cased.
//   - /sparql-auth answers Basic with 401 and accepts only Digest (MD5,
//     qop=auth).
package sparql
