// Package testtool holds helpers for tests that need outside tools: rapper
// (Debian raptor2-utils) as an independent RDF parser, and a local SPARQL
// endpoint started by scripts/test.sh. Without them a test skips, except
// under CI=true, where a missing tool is a failure: CI must prove everything.
package testtool

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"
)

// unavailable skips the test, or fails it under CI=true.
func unavailable(t testing.TB, what string) {
	t.Helper()
	msg := what + " is not available; scripts/test.sh installs and starts what the tests need"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// Rapper returns the path of rapper.
func Rapper(t testing.TB) string {
	t.Helper()
	path, err := exec.LookPath("rapper")
	if err != nil {
		unavailable(t, "rapper (Debian raptor2-utils)")
	}
	return path
}

// RapperNTriples parses data in the given syntax (turtle, ntriples, nquads)
// with rapper and returns its N-Triples (N-Quads for nquads) lines, sorted
// and without repeats. Any parse error or warning fails the test.
func RapperNTriples(t testing.TB, syntax string, data []byte) []string {
	t.Helper()
	Rapper(t)
	lines, err := RapperCheck(syntax, data)
	if err != nil {
		t.Fatal(err)
	}
	return lines
}

// RapperCheck is RapperNTriples returning the error instead of failing.
func RapperCheck(syntax string, data []byte) ([]string, error) {
	out := "ntriples"
	if syntax == "nquads" {
		out = "nquads"
	}
	cmd := exec.Command("rapper", "-q", "-i", syntax, "-o", out, "-", "http://example.invalid/base")
	cmd.Stdin = bytes.NewReader(data)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if msg := strings.TrimSpace(stderr.String()); err != nil || msg != "" {
		if msg == "" && err != nil {
			msg = err.Error()
		}
		return nil, fmt.Errorf("rapper -i %s: %s", syntax, msg)
	}
	seen := map[string]bool{}
	var lines []string
	for _, l := range strings.Split(stdout.String(), "\n") {
		if l != "" && !seen[l] {
			seen[l] = true
			lines = append(lines, l)
		}
	}
	sort.Strings(lines)
	return lines, nil
}

// ErrNoEndpoint says PLEDGEGRAPH_TEST_ENDPOINT is unset.
var ErrNoEndpoint = errors.New("PLEDGEGRAPH_TEST_ENDPOINT is not set")

// Endpoint returns the SPARQL endpoint of the local Virtuoso that
// scripts/test.sh starts, on a fresh database for every run, and loads with
// the Themis-shaped fixtures (testdata/themis/*.ttl). The server does not
// refuse queries on their estimated time (scripts/virtuoso.sh), so a test
// gets the same answer on every run.
func Endpoint(t testing.TB) string {
	t.Helper()
	url := os.Getenv("PLEDGEGRAPH_TEST_ENDPOINT")
	if url == "" {
		unavailable(t, "a local SPARQL endpoint ("+ErrNoEndpoint.Error()+")")
	}
	return url
}
