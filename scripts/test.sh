#!/usr/bin/env bash
# scripts/test.sh: the one command that runs every test, on a fresh
# Debian/Ubuntu machine with Go: it installs what the tests need (rapper from
# raptor2-utils, Virtuoso from virtuoso-opensource, curl, Node.js with the
# locked tools of testdata/node, Chromium), checks formatting
# and vet, starts a private Virtuoso loaded with the Themis-shaped fixture,
# runs `go test` over all packages (or the patterns given) and stops it.
#
#   scripts/test.sh              all packages
#   scripts/test.sh ./sparql/... -run Integration -v
#
# Every run gets a fresh database in a new temporary directory (under
# ${TMPDIR:-/tmp}, outside the work tree), removed again when Virtuoso stops;
# PLEDGEGRAPH_VIRTUOSO_DIR is therefore ignored here. The ports can be moved
# with PLEDGEGRAPH_VIRTUOSO_SQL_PORT and PLEDGEGRAPH_VIRTUOSO_HTTP_PORT (see
# scripts/virtuoso.sh), e.g. when another instance holds the defaults.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
log() { printf 'test.sh: %s\n' "$*" >&2; }

install_packages() {
	local missing=()
	command -v rapper >/dev/null || missing+=(raptor2-utils)
	command -v virtuoso-t >/dev/null || missing+=(virtuoso-opensource)
	command -v curl >/dev/null || missing+=(curl)
	# Independent JSON-LD and SHACL tools (testdata/node) run on Node.js;
	# the site is tested in Debian's Chromium, driven headless.
	command -v node >/dev/null || missing+=(nodejs)
	command -v npm >/dev/null || missing+=(npm)
	command -v chromium >/dev/null || missing+=(chromium)
	[ ${#missing[@]} -eq 0 ] && return
	local sudo=()
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null || { log "need root or sudo to install ${missing[*]}"; exit 1; }
		sudo=(sudo -n)
	fi
	log "installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	if ! "${sudo[@]}" apt-get install -y -q "${missing[@]}" >/dev/null 2>&1; then
		"${sudo[@]}" apt-get update -q >/dev/null
		"${sudo[@]}" apt-get install -y -q "${missing[@]}" >/dev/null
	fi
}

install_packages

# The Node.js tools, exactly as locked, into testdata/node/node_modules
# (ignored by git); skipped when the lock is already installed.
if ! cmp -s testdata/node/package-lock.json testdata/node/node_modules/.installed-lock.json; then
	log "installing the Node.js test tools (npm ci in testdata/node)"
	npm ci --prefix testdata/node --no-audit --no-fund --loglevel=error >/dev/null
	cp testdata/node/package-lock.json testdata/node/node_modules/.installed-lock.json
fi

unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './bench/node_modules/*'))
if [ -n "$unformatted" ]; then
	log "not gofmt-formatted:"
	echo "$unformatted" >&2
	exit 1
fi
go vet ./...

if [ -n "${PLEDGEGRAPH_VIRTUOSO_DIR:-}" ]; then
	log "ignoring PLEDGEGRAPH_VIRTUOSO_DIR=$PLEDGEGRAPH_VIRTUOSO_DIR: every run uses a fresh temporary directory"
fi
PLEDGEGRAPH_VIRTUOSO_DIR=$(mktemp -d "${TMPDIR:-/tmp}/pledgegraph-virtuoso.XXXXXX")
export PLEDGEGRAPH_VIRTUOSO_DIR
cleanup() {
	scripts/virtuoso.sh stop || true
	rm -rf "$PLEDGEGRAPH_VIRTUOSO_DIR"
}
trap cleanup EXIT
# An interrupted run cleans up too: exit runs the EXIT trap.
trap 'exit 130' INT
trap 'exit 143' TERM
PLEDGEGRAPH_TEST_ENDPOINT=$(scripts/virtuoso.sh start)
export PLEDGEGRAPH_TEST_ENDPOINT
# Every Themis-shaped fixture, each in its own graph (a query without FROM sees them all):
# themis-fixture.ttl in .../graph/fixture (tests name it), the others in .../graph/<file name>.
for f in testdata/themis/*.ttl; do
	name=$(basename "$f" .ttl)
	[ "$name" = themis-fixture ] && name=fixture
	scripts/virtuoso.sh load "$f" "http://themis.vlaanderen.be/graph/$name"
done
log "SPARQL endpoint for the tests: $PLEDGEGRAPH_TEST_ENDPOINT (database in $PLEDGEGRAPH_VIRTUOSO_DIR)"

# Screenshots of the site in Chromium at 1280 and 390 px (ignored by git).
export PLEDGEGRAPH_ARTIFACTS=${PLEDGEGRAPH_ARTIFACTS:-$ROOT/test-artifacts}
mkdir -p "$PLEDGEGRAPH_ARTIFACTS"

if [ $# -eq 0 ]; then
	set -- ./...
fi
go test -count=1 "$@"
log "screenshots of the site: $PLEDGEGRAPH_ARTIFACTS"
