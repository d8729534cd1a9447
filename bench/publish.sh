#!/usr/bin/env bash
# bench/publish.sh: time `pledgegraph publish` of N synthetic reports next to
# `pledgegraph export` of the same reports to Turtle, in the same run (the
# two interleaved, median of RUNS after WARMUP), with peak RSS, and print
# the ratio against the targets: publish <= 1.5 x export, peak RSS <= 200 MB.
# Figures: README.md, "Speed and memory".
set -euo pipefail

usage() {
	cat <<'EOF'
usage: bench/publish.sh [-n N] [-r RUNS] [-w WARMUP] [-s SEED] [-e] [-k]

  -n N       reports in the corpus (default 10000)
  -r RUNS    timed runs of each command; the median is reported (default 7:
             on a shared 2-core machine, the ratio of the medians of 5 runs of
             one build moved from 1.46 to 1.59 between two bench runs)
  -w WARMUP  untimed runs of each before them (default 1)
  -s SEED    corpus seed (default 1)
  -k         keep the work directory
  -e         exit 1 when a target fails (default: report only)

Targets: publish / export-to-Turtle <= 1.5 (wall), publish peak RSS <= 200 MB.
Environment: PLEDGEGRAPH=/path/to/binary uses that build instead of
building ./cmd/pledgegraph.
EOF
}

N=10000 RUNS=7 WARMUP=1 SEED=1 KEEP=0 STRICT=0
while getopts "n:r:w:s:keh" opt; do
	case $opt in
	n) N=$OPTARG ;;
	r) RUNS=$OPTARG ;;
	w) WARMUP=$OPTARG ;;
	s) SEED=$OPTARG ;;
	k) KEEP=1 ;;
	e) STRICT=1 ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
if (($# > 0)) || ! [[ $N =~ ^[0-9]+$ && $RUNS =~ ^[1-9][0-9]*$ && $WARMUP =~ ^[0-9]+$ && $SEED =~ ^-?[0-9]+$ ]] || ((N < 10)); then
	usage >&2
	exit 2
fi

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
log() { printf 'bench: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

# ---- tools: install what is missing ---------------------------------------
SUDO=
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
if ! /usr/bin/time --version 2>&1 | grep -q 'GNU'; then
	log "installing time (apt-get)"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends time >/dev/null
fi
command -v go >/dev/null || die "go is not on PATH"

# ---- work directory, builds, corpus ---------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pledgebench-publish.XXXXXX")
cleanup() {
	if [ "$KEEP" = 1 ]; then log "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
mkdir -p "$WORK/bin" "$WORK/out"
if [ -n "${PLEDGEGRAPH:-}" ]; then
	PG=$PLEDGEGRAPH
	log "using PLEDGEGRAPH=$PG; building ./cmd/pledgegen"
	(cd "$ROOT" && go build -o "$WORK/bin/pledgegen" ./cmd/pledgegen)
else
	PG=$WORK/bin/pledgegraph
	log "building ./cmd/pledgegraph and ./cmd/pledgegen"
	(cd "$ROOT" && go build -o "$PG" ./cmd/pledgegraph && go build -o "$WORK/bin/pledgegen" ./cmd/pledgegen)
fi
"$PG" publish --help >/dev/null 2>&1 || die "$PG has no publish command"

log "generating $N reports (seed $SEED)"
"$WORK/bin/pledgegen" -n "$N" -seed "$SEED" -o "$WORK/corpus"
CORPUS_MB=$(du -sm "$WORK/corpus" | cut -f1)

echo "== machine"
echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu:      $(nproc) cores, $(sed -n '/^model name/{s/^model name[[:space:]]*: //p;q}' /proc/cpuinfo)"
echo "memory:   $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
echo "os:       $( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || uname -s), kernel $(uname -r)"
echo "disk:     $(df -T "$WORK" | awk 'NR == 2 {print $2 " on " $1}')"
echo "go:       $(go version | cut -d' ' -f3-)"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before the runs"
echo "corpus:   $N reports, seed $SEED, $CORPUS_MB MB; runs: median of $RUNS after $WARMUP warm-up, the two commands interleaved"
echo

# ---- measurement ------------------------------------------------------------
# Each run of publish writes a fresh site directory (a replacement would
# also pay for removing the old one); export writes a fresh file.
declare -a W_export W_publish R_export R_publish
run() { # run NAME CMD...: one run under GNU time; appends wall s and peak RSS KiB
	local name=$1 w m
	shift
	if ! /usr/bin/time -f '%e %M' -o "$WORK/$name.time" "$@" >/dev/null 2>"$WORK/$name.err"; then
		log "$name failed: $*"
		tail -n 20 "$WORK/$name.err" >&2
		exit 1
	fi
	read -r w m <"$WORK/$name.time"
	eval "W_$name+=(\"$w\"); R_$name+=(\"$m\")"
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

for ((i = 0; i < WARMUP + RUNS; i++)); do
	log "round $((i + 1)) of $((WARMUP + RUNS))$( ((i < WARMUP)) && echo ' (warm-up)')"
	rm -rf "$WORK/out/site" "$WORK/out/graph.ttl"
	run export "$PG" export "$WORK/corpus" -o "$WORK/out/graph.ttl" -f turtle -q
	run publish "$PG" publish "$WORK/corpus" -o "$WORK/out/site" -q
	if ((i < WARMUP)); then
		W_export=() R_export=() W_publish=() R_publish=()
	fi
done

WALL_E=$(median "${W_export[@]}") WALL_P=$(median "${W_publish[@]}")
RSS_E=$(median "${R_export[@]}") RSS_P=$(median "${R_publish[@]}")
# peak RSS of publish: the largest of its runs, not the median
RSS_PMAX=$(printf '%s\n' "${R_publish[@]}" | sort -g | tail -n 1)

# ---- what was written ---------------------------------------------------------
SITE=$WORK/out/site
mb() { awk -v b="$1" 'BEGIN {printf "%.1f", b / 1e6}'; }
bytes() { du -sb "$1" | cut -f1; }
PAGES=$(find "$SITE" -name '*.html' | wc -l)
TTL_B=$(stat -c %s "$WORK/out/graph.ttl")
cmp -s "$WORK/out/graph.ttl" "$SITE/graph.ttl" && SAME="identical" || SAME="differs (publish adds the ClaimReview statements)"

echo "== $N reports"
printf '%-34s %8s  %-15s %9s\n' "command" "wall s" "(runs)" "RSS MiB"
printf '%-34s %8s  %-15s %9s\n' "pledgegraph export -o graph.ttl" "$WALL_E" "($(printf '%s ' "${W_export[@]}" | sed 's/ $//'))" "$(awk -v k="$RSS_E" 'BEGIN {printf "%.1f", k / 1024}')"
printf '%-34s %8s  %-15s %9s\n' "pledgegraph publish -o site" "$WALL_P" "($(printf '%s ' "${W_publish[@]}" | sed 's/ $//'))" "$(awk -v k="$RSS_P" 'BEGIN {printf "%.1f", k / 1024}')"
echo
echo "export wrote $(mb "$TTL_B") MB; publish wrote $(mb "$(bytes "$SITE")") MB: graph.ttl $(mb "$(stat -c %s "$SITE/graph.ttl")"), graph.nt $(mb "$(stat -c %s "$SITE/graph.nt")"), graph.jsonld $(mb "$(stat -c %s "$SITE/graph.jsonld")"), $PAGES pages $(mb "$(find "$SITE" -name '*.html' -printf '%s\n' | awk '{s += $1} END {print s}')") MB"
echo "graph.ttl of publish vs export: $SAME"
echo

# ---- targets ------------------------------------------------------------------
FAILS=0
check() { # check LABEL VALUE LIMIT TEXT
	local v
	v=$(awk -v x="$2" -v lim="$3" 'BEGIN {print (x <= lim) ? "PASS" : "FAIL"}')
	[ "$v" = PASS ] || FAILS=$((FAILS + 1))
	printf '%-34s %8s   %s  (%s)\n' "$1" "$2" "$v" "$4"
}
echo "== targets"
check "publish / export (wall)" "$(awk -v a="$WALL_P" -v b="$WALL_E" 'BEGIN {printf "%.3f", a / b}')" 1.5 "target <= 1.5"
check "publish peak RSS, MB (largest run)" "$(awk -v k="$RSS_PMAX" 'BEGIN {printf "%.1f", k * 1024 / 1e6}')" 200 "target <= 200 MB = 190.7 MiB"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) after the runs"
if [ "$STRICT" = 1 ] && [ "$FAILS" -gt 0 ]; then exit 1; fi
exit 0
