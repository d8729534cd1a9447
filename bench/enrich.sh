#!/usr/bin/env bash
# bench/enrich.sh: enrich N synthetic Themis-shaped decisions against a local
# Virtuoso, batched (VALUES lists, as shipped) next to the naive way (one
# query per decision), in one run; prints HTTP requests, time and the ratios
# against the targets (>= 20x fewer requests, >= 10x less time).
#
#   bench/enrich.sh [-n N] [-c COUNT] [-e]
#
#   -n N      decisions (default 1000)
#   -c COUNT  runs of each way; go test -count (default 3)
#   -e        exit 1 when a target fails
#
# It starts the project's private Virtuoso (scripts/virtuoso.sh; installing
# virtuoso-opensource as scripts/test.sh does, when missing), loads the
# synthetic decisions into their own graph, and stops Virtuoso again if it
# started it.
set -euo pipefail

N=1000 COUNT=3 STRICT=0
while getopts "n:c:eh" opt; do
	case $opt in
	n) N=$OPTARG ;;
	c) COUNT=$OPTARG ;;
	e) STRICT=1 ;;
	*) sed -n '2,16p' "$0" >&2; exit 2 ;;
	esac
done
[[ $N =~ ^[1-9][0-9]*$ && $COUNT =~ ^[1-9][0-9]*$ ]] || { sed -n '2,16p' "$0" >&2; exit 2; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
log() { printf 'bench: %s\n' "$*" >&2; }

if ! command -v virtuoso-t >/dev/null || ! command -v curl >/dev/null; then
	log "installing virtuoso-opensource curl (apt-get)"
	SUDO=
	[ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq virtuoso-opensource curl >/dev/null
fi

STARTED=0
if ! ENDPOINT=$(scripts/virtuoso.sh status 2>/dev/null); then
	ENDPOINT=$(scripts/virtuoso.sh start)
	STARTED=1
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pledgebench-enrich.XXXXXX")
cleanup() {
	rm -rf "$WORK"
	if [ "$STARTED" = 1 ]; then scripts/virtuoso.sh stop; fi
}
trap cleanup EXIT

log "generating $N Themis-shaped decisions"
go run ./cmd/pledgegen -themis -n "$N" -o "$WORK/themis-bench.ttl"
scripts/virtuoso.sh load "$WORK/themis-bench.ttl" http://themis.vlaanderen.be/graph/bench

log "go test -bench BenchmarkEnrich -count $COUNT"
PLEDGEGRAPH_TEST_ENDPOINT=$ENDPOINT PLEDGEGRAPH_BENCH_DECISIONS=$N \
	go test -run '^$' -bench '^BenchmarkEnrich$' -benchtime 1x -count "$COUNT" ./internal/enrich | tee "$WORK/bench.txt"

echo
echo "== $N decisions, $ENDPOINT ($(virtuoso-t -? 2>&1 | sed -n 's/.*Version \([^ ]*\).*/\1/p' | head -1))"
awk -v n="$N" -v strict="$STRICT" '
	/^BenchmarkEnrich\/(batched|naive)/ {
		mode = ($1 ~ /batched/) ? "batched" : "naive"
		for (i = 2; i <= NF; i++) {
			if ($(i) == "ns/op") t[mode] += $(i - 1) / 1e9
			if ($(i) == "requests/op") r[mode] += $(i - 1)
		}
		c[mode]++
	}
	END {
		if (!c["batched"] || !c["naive"]) { print "no benchmark results"; exit 1 }
		tb = t["batched"] / c["batched"]; tn = t["naive"] / c["naive"]
		rb = r["batched"] / c["batched"]; rn = r["naive"] / c["naive"]
		printf "%-36s %10s %10s\n", "way", "requests", "time s"
		printf "%-36s %10d %10.3f\n", "batched (VALUES, as shipped)", rb, tb
		printf "%-36s %10d %10.3f\n", "naive (one query per decision)", rn, tn
		rr = rn / rb; tr = tn / tb
		fails = 0
		v1 = (rr >= 20) ? "PASS" : "FAIL"; if (v1 == "FAIL") fails++
		v2 = (tr >= 10) ? "PASS" : "FAIL"; if (v2 == "FAIL") fails++
		printf "\n%-36s %9.1fx  %s (target >= 20x)\n", "fewer requests (naive / batched)", rr, v1
		printf "%-36s %9.1fx  %s (target >= 10x)\n", "less time (naive / batched)", tr, v2
		print (fails ? "RESULT: FAIL" : "RESULT: PASS")
		if (strict && fails) exit 1
	}' "$WORK/bench.txt"
