#!/usr/bin/env bash
# bench/bench.sh: time `pledgegraph export` of N synthetic reports to Turtle
# next to the two fastest peers re-serializing the same graph from N-Triples:
# rapper (raptor2-utils) and N3.js (npm n3, StreamParser -> StreamWriter).
# Prints wall time and peak RSS for each, the ratios against the targets, and
# how our peak RSS grows with the corpus. Figures: README.md, "Speed and memory".
set -euo pipefail

usage() {
	cat <<'EOF'
usage: bench/bench.sh [-n N] [-r RUNS] [-w WARMUP] [-s SEED] [-c] [-F] [-1] [-k] [-e]

  -n N       reports in the corpus (default 10000)
  -r RUNS    timed runs per tool; the median is reported (default 3)
  -w WARMUP  untimed runs before them (default 1)
  -s SEED    corpus seed (default 1)
  -c         also compare triple sets (each output through rapper to sorted
             N-Triples, then cmp); slow on big corpora
  -F         skip the flatness runs (our peak RSS at N/10 and N/2)
  -1         skip the extra single-worker row (pledgegraph export -j 1)
  -k         keep the work directory
  -e         exit 1 when a target fails (default: report only)

Targets: ours/N3.js <= 0.5, ours/rapper <= 0.25, peak RSS <= 150 MB.
The flatness runs show how peak RSS grows with the corpus (information:
what grows is the set of distinct shared triples, see
BenchmarkSharedGrowth, plus GC headroom).
Environment: PLEDGEGRAPH=/path/to/binary uses that build instead of
building ./cmd/pledgegraph.
EOF
}

N=10000 RUNS=3 WARMUP=1 SEED=1 SETCHECK=0 FLAT=1 SINGLE=1 KEEP=0 STRICT=0
while getopts "n:r:w:s:cF1keh" opt; do
	case $opt in
	n) N=$OPTARG ;;
	r) RUNS=$OPTARG ;;
	w) WARMUP=$OPTARG ;;
	s) SEED=$OPTARG ;;
	c) SETCHECK=1 ;;
	F) FLAT=0 ;;
	1) SINGLE=0 ;;
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
BENCH=$ROOT/bench
log() { printf 'bench: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

# ---- tools: install what is missing ---------------------------------------
SUDO=
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
APT_UPDATED=0
apt_install() {
	log "installing $* (apt-get)"
	if [ "$APT_UPDATED" = 0 ]; then
		$SUDO apt-get update -qq
		APT_UPDATED=1
	fi
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
command -v rapper >/dev/null || apt_install raptor2-utils
/usr/bin/time --version 2>&1 | grep -q 'GNU' || apt_install time
{ command -v node >/dev/null && command -v npm >/dev/null; } || apt_install nodejs npm
command -v go >/dev/null || die "go is not on PATH"
N3_WANT=$(node -p 'require(process.argv[1]).dependencies.n3' "$BENCH/package.json")
N3_HAVE=$(node -p 'try { require(process.argv[1]).version } catch (e) { "" }' "$BENCH/node_modules/n3/package.json")
if [ "$N3_HAVE" != "$N3_WANT" ]; then
	log "npm ci in bench/ (n3 $N3_WANT)"
	(cd "$BENCH" && npm ci --no-audit --no-fund --loglevel=error >&2)
	N3_HAVE=$(node -p 'require(process.argv[1]).version' "$BENCH/node_modules/n3/package.json")
fi

# ---- work directory, builds, corpus ---------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pledgebench.XXXXXX")
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
"$PG" export --help 2>&1 | grep -q -- '--format' || die "pledgegraph export has no -f/--format flag"

log "generating $N reports (seed $SEED)"
"$WORK/bin/pledgegen" -n "$N" -seed "$SEED" -o "$WORK/corpus"
CORPUS_MB=$(du -sm "$WORK/corpus" | cut -f1)

echo "== machine"
echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu:      $(nproc) cores, $(sed -n '/^model name/{s/^model name[[:space:]]*: //p;q}' /proc/cpuinfo)"
echo "memory:   $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
echo "os:       $( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || uname -s), kernel $(uname -r)"
echo "go:       $(go version | cut -d' ' -f3-)"
echo "rapper:   $(rapper --version) ($(dpkg-query -W -f '${Package} ${Version}' raptor2-utils 2>/dev/null || echo raptor2-utils))"
echo "node:     $(node --version), n3 $N3_HAVE"
echo "corpus:   $N reports, seed $SEED, $CORPUS_MB MB; runs: median of $RUNS after $WARMUP warm-up"
echo

# ---- measurement ------------------------------------------------------------
# measure NAME STDOUT_FILE RUNS WARMUP -- CMD...: runs CMD WARMUP+RUNS times
# under GNU time and sets WALL_<NAME> (median s), WMIN_/WMAX_ and RSS_<NAME>
# (median peak RSS, KiB).
measure() {
	local name=$1 out=$2 runs=$3 warm=$4
	shift 5
	local i w m walls=() rsss=()
	for ((i = 0; i < warm + runs; i++)); do
		if ! /usr/bin/time -f '%e %M' -o "$WORK/$name.time" "$@" >"$out" 2>"$WORK/$name.err"; then
			log "$name failed: $*"
			tail -n 20 "$WORK/$name.err" >&2
			exit 1
		fi
		((i < warm)) && continue
		read -r w m <"$WORK/$name.time"
		walls+=("$w")
		rsss+=("$m")
	done
	printf -v "WALL_$name" '%s' "$(median "${walls[@]}")"
	printf -v "WMIN_$name" '%s' "$(printf '%s\n' "${walls[@]}" | sort -g | awk 'NR == 1')"
	printf -v "WMAX_$name" '%s' "$(printf '%s\n' "${walls[@]}" | sort -g | awk 'END {print}')"
	printf -v "RSS_$name" '%s' "$(median "${rsss[@]}")"
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
# count FILE FORMAT: triples rapper reads from FILE.
count() {
	rapper -i "$2" -c "$1" 2>&1 | sed -n 's/.*returned \([0-9]*\) triples.*/\1/p'
}

log "pledgegraph export -> Turtle ($((WARMUP + RUNS)) runs)"
measure ours /dev/null "$RUNS" "$WARMUP" -- "$PG" export "$WORK/corpus" -o "$WORK/out/ours.ttl" -f turtle
WARNINGS=$(wc -l <"$WORK/ours.err")
cp "$WORK/ours.err" "$WORK/ours-stderr.txt"

log "pledgegraph export -> N-Triples (the peers' input)"
measure ours_nt /dev/null 1 0 -- "$PG" export "$WORK/corpus" -o "$WORK/out/ours.nt" -f ntriples

if [ "$SINGLE" = 1 ] && "$PG" export --help 2>&1 | grep -q -- '--jobs'; then
	log "pledgegraph export -j 1 -> Turtle"
	measure ours_j1 /dev/null "$RUNS" "$WARMUP" -- "$PG" export -j 1 "$WORK/corpus" -o "$WORK/out/ours-j1.ttl" -f turtle
else
	SINGLE=0
fi

# The prefixes our Turtle declares, for both peers.
awk '
	/^@prefix[ \t]/ || /^PREFIX[ \t]/ {
		p = $2; sub(/:$/, "", p)
		if (match($0, /<[^>]*>/)) print p, substr($0, RSTART + 1, RLENGTH - 2)
		next
	}
	NF && !/^#/ && !/^@base/ && !/^BASE/ { exit }
' "$WORK/out/ours.ttl" >"$WORK/prefixes.txt"
RAPPER_NS=()
{
	printf '{'
	sep=
	while read -r p iri; do
		if [ -z "$p" ]; then RAPPER_NS+=(-f "xmlns=\"$iri\""); else RAPPER_NS+=(-f "xmlns:$p=\"$iri\""); fi
		printf '%s"%s": "%s"' "$sep" "$p" "$iri"
		sep=', '
	done <"$WORK/prefixes.txt"
	printf '}\n'
} >"$WORK/prefixes.json"
NPREFIX=$(wc -l <"$WORK/prefixes.txt")

log "rapper -i ntriples -o turtle ($((WARMUP + RUNS)) runs, $NPREFIX prefixes)"
measure rapper "$WORK/out/rapper.ttl" "$RUNS" "$WARMUP" -- rapper -q -i ntriples -o turtle "${RAPPER_NS[@]}" "$WORK/out/ours.nt"

log "N3.js StreamParser -> StreamWriter ($((WARMUP + RUNS)) runs)"
measure n3 /dev/null "$RUNS" "$WARMUP" -- node "$BENCH/n3-turtle.js" "$WORK/out/ours.nt" "$WORK/out/n3.ttl" "$WORK/prefixes.json"

# ---- correctness ------------------------------------------------------------
log "counting triples (rapper -c)"
T_NT=$(count "$WORK/out/ours.nt" ntriples)
T_OURS=$(count "$WORK/out/ours.ttl" turtle)
T_RAPPER=$(count "$WORK/out/rapper.ttl" turtle)
T_N3=$(count "$WORK/out/n3.ttl" turtle)
SETS=
if [ "$SETCHECK" = 1 ]; then
	log "comparing triple sets"
	rapper -q -i ntriples -o ntriples "$WORK/out/ours.nt" | LC_ALL=C sort >"$WORK/ref.sorted"
	SETS=ok
	PEERSETS=
	for f in ours rapper n3; do
		rapper -q -i turtle -o ntriples "$WORK/out/$f.ttl" | LC_ALL=C sort >"$WORK/$f.sorted"
		if ! cmp -s "$WORK/ref.sorted" "$WORK/$f.sorted"; then
			# Only our output is judged; a peer's loss is noted with what it lost.
			if [ "$f" = ours ]; then
				SETS="ours DIFFERS"
			else
				PEERSETS="$PEERSETS; $f lost $(LC_ALL=C comm -23 "$WORK/ref.sorted" "$WORK/$f.sorted" | wc -l) and added $(LC_ALL=C comm -13 "$WORK/ref.sorted" "$WORK/$f.sorted" | wc -l) triples"
			fi
		fi
		rm -f "$WORK/$f.sorted"
	done
fi

# ---- flatness -----------------------------------------------------------------
if [ "$FLAT" = 1 ]; then
	for part in 10 2; do
		k=$((N / part))
		mkdir -p "$WORK/corpus-$k"
		find "$WORK/corpus" -maxdepth 1 -name 'r*.md' | LC_ALL=C sort | awk -v k="$k" 'NR <= k' | xargs ln -t "$WORK/corpus-$k"
		log "pledgegraph export of $k reports (flatness)"
		measure "flat$part" /dev/null 1 0 -- "$PG" export "$WORK/corpus-$k" -o "$WORK/out/flat.ttl" -f turtle
		rm -rf "$WORK/corpus-$k" "$WORK/out/flat.ttl"
	done
fi

# ---- report -------------------------------------------------------------------
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }
size() { awk -v b="$(stat -c %s "$1")" 'BEGIN {printf "%.1f", b / 1e6}'; }
verdict() { awk -v x="$1" -v lim="$2" 'BEGIN {print (x <= lim) ? "PASS" : "FAIL"}'; }
FAILS=0
check() { # check LABEL VALUE LIMIT TEXT
	local v
	v=$(verdict "$2" "$3")
	[ "$v" = PASS ] || FAILS=$((FAILS + 1))
	printf '%-34s %8s   %s  (%s)\n' "$1" "$2" "$v" "$4"
}
row() { # row LABEL NAME TRIPLES FILE
	local w=WALL_$2 lo=WMIN_$2 hi=WMAX_$2 r=RSS_$2
	printf '%-40s %7.2f  %-13s %8s %11s %9s\n' "$1" "${!w}" "(${!lo}–${!hi})" "$(mib "${!r}")" "$3" "$(size "$4")"
}

echo "== $N reports, $T_NT triples (N-Triples $(size "$WORK/out/ours.nt") MB)"
printf '%-40s %7s  %-13s %8s %11s %9s\n' "tool" "wall s" "(min–max)" "RSS MiB" "triples" "out MB"
row "pledgegraph export -> Turtle" ours "$T_OURS" "$WORK/out/ours.ttl"
if [ "$SINGLE" = 1 ]; then row "pledgegraph export -j 1 -> Turtle" ours_j1 "$(count "$WORK/out/ours-j1.ttl" turtle)" "$WORK/out/ours-j1.ttl"; fi
row "rapper -i ntriples -o turtle" rapper "$T_RAPPER" "$WORK/out/rapper.ttl"
row "N3.js StreamParser -> StreamWriter" n3 "$T_N3" "$WORK/out/n3.ttl"
printf '%-40s %7.2f  %-13s %8s %11s %9s\n' "(pledgegraph export -> N-Triples, 1 run)" "$WALL_ours_nt" "" "$(mib "$RSS_ours_nt")" "$T_NT" "$(size "$WORK/out/ours.nt")"
echo
echo "== targets"
R_N3=$(awk -v a="$WALL_ours" -v b="$WALL_n3" 'BEGIN {printf "%.3f", a / b}')
R_RAPPER=$(awk -v a="$WALL_ours" -v b="$WALL_rapper" 'BEGIN {printf "%.3f", a / b}')
check "ours / N3.js (wall)" "$R_N3" 0.5 "target <= 0.5"
check "ours / rapper (wall)" "$R_RAPPER" 0.25 "target <= 0.25"
check "ours peak RSS, MB" "$(awk -v k="$RSS_ours" 'BEGIN {printf "%.1f", k * 1024 / 1e6}')" 150 "target <= 150 MB = 143.1 MiB"
if [ "$FLAT" = 1 ]; then
	G=$(awk -v a="$RSS_ours" -v b="$RSS_flat10" 'BEGIN {printf "%.2f", a / b}')
	printf '%-34s %8s   %s  (%s)\n' "RSS at N / RSS at N/10" "$G" info "$(mib "$RSS_flat10") MiB at $((N / 10)), $(mib "$RSS_flat2") MiB at $((N / 2)), $(mib "$RSS_ours") MiB at $N; walls $WALL_flat10 s, $WALL_flat2 s, $WALL_ours s"
fi
echo
echo "== correctness"
ok=PASS
if [ "$T_OURS" != "$T_NT" ] || [ -z "$T_NT" ] || [ "$T_NT" = 0 ]; then ok=FAIL; FAILS=$((FAILS + 1)); fi
echo "rapper reads our Turtle: $T_OURS triples, our N-Triples: $T_NT triples: $ok"
if [ "$T_RAPPER" != "$T_NT" ] || [ "$T_N3" != "$T_NT" ]; then echo "note: peer outputs hold $T_RAPPER (rapper) and $T_N3 (N3.js) triples"; fi
if [ -n "$SETS" ]; then
	echo "triple set of our Turtle vs our N-Triples: $SETS"
	[ "$SETS" = ok ] || FAILS=$((FAILS + 1))
	[ -z "$PEERSETS" ] || echo "note: peers${PEERSETS}"
fi
echo "pledgegraph stderr lines (warnings) per export: $WARNINGS"
if [ "$WARNINGS" -gt 0 ]; then sed -n '1,3s/^/  /p' "$WORK/ours-stderr.txt"; fi
echo
if [ "$FAILS" = 0 ]; then echo "RESULT: PASS"; else echo "RESULT: FAIL ($FAILS)"; fi
if [ "$STRICT" = 1 ] && [ "$FAILS" != 0 ]; then exit 1; fi
exit 0
