#!/usr/bin/env bash
# scripts/virtuoso.sh: a private, throw-away Virtuoso for the tests.
#
#   scripts/virtuoso.sh start            start it (prints the SPARQL endpoint URL)
#   scripts/virtuoso.sh load FILE GRAPH  load a Turtle file into a named graph
#   scripts/virtuoso.sh stop             stop it (safe to repeat)
#   scripts/virtuoso.sh status           print the endpoint when it answers
#
# It runs on loopback with its own database directory and ports, never the
# system instance: PLEDGEGRAPH_VIRTUOSO_DIR (default .virtuoso in the repo),
# PLEDGEGRAPH_VIRTUOSO_SQL_PORT (default 21111), PLEDGEGRAPH_VIRTUOSO_HTTP_PORT
# (default 28890). User dba, password dba: it holds test data only.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=${PLEDGEGRAPH_VIRTUOSO_DIR:-$ROOT/.virtuoso}
SQL_PORT=${PLEDGEGRAPH_VIRTUOSO_SQL_PORT:-21111}
HTTP_PORT=${PLEDGEGRAPH_VIRTUOSO_HTTP_PORT:-28890}
ENDPOINT="http://127.0.0.1:$HTTP_PORT/sparql"
PIDFILE=$DIR/virtuoso.pid

die() { echo "virtuoso.sh: $*" >&2; exit 1; }

answers() {
	curl -fsS --max-time 2 -H 'Accept: application/sparql-results+json' \
		--data-urlencode 'query=ASK {}' "$ENDPOINT" 2>/dev/null | grep -Eq '"boolean"|ASK_RETVAL'
}

running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

vsp_root() {
	for d in /var/lib/virtuoso-opensource-7/vsp /usr/share/virtuoso-opensource-7/vsp; do
		[ -d "$d" ] && { echo "$d"; return; }
	done
	echo "$DIR"
}

write_ini() {
	cat >"$DIR/virtuoso.ini" <<INI
[Database]
DatabaseFile       = $DIR/virtuoso.db
ErrorLogFile       = $DIR/virtuoso.log
LockFile           = $DIR/virtuoso.lck
TransactionFile    = $DIR/virtuoso.trx
xa_persistent_file = $DIR/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000

[TempDatabase]
DatabaseFile    = $DIR/virtuoso-temp.db
TransactionFile = $DIR/virtuoso-temp.trx

[Parameters]
ServerPort           = 127.0.0.1:$SQL_PORT
DirsAllowed          = ., $DIR, $ROOT/testdata
NumberOfBuffers      = 20000
MaxDirtyBuffers      = 15000
CheckpointInterval   = 0
ThreadsPerQuery      = 2
MaxClientConnections = 20

[HTTPServer]
ServerPort                  = 127.0.0.1:$HTTP_PORT
ServerRoot                  = $(vsp_root)
MaxClientConnections        = 20
ServerThreads               = 20
EnabledDavVSP               = 0

[SPARQL]
ResultSetMaxRows           = 10000
MaxQueryExecutionTime      = 60
MaxQueryCostEstimationTime = 400
DefaultQuery               = SELECT * WHERE { ?s ?p ?o } LIMIT 10
INI
}

start() {
	command -v virtuoso-t >/dev/null || die "virtuoso-t not found: install Debian's virtuoso-opensource (scripts/test.sh does)"
	command -v curl >/dev/null || die "curl not found"
	if running && answers; then
		echo "$ENDPOINT"
		return
	fi
	mkdir -p "$DIR"
	write_ini
	(cd "$DIR" && exec virtuoso-t -f -c "$DIR/virtuoso.ini" >>"$DIR/server.out" 2>&1) &
	echo $! >"$PIDFILE"
	for _ in $(seq 1 120); do
		if answers; then
			echo "$ENDPOINT"
			return
		fi
		running || { tail -20 "$DIR/server.out" "$DIR/virtuoso.log" >&2 2>/dev/null || true; die "virtuoso-t exited during start-up (see $DIR)"; }
		sleep 0.5
	done
	stop
	die "no answer from $ENDPOINT after 60 s"
}

isql() {
	local out
	out=$(isql-vt "$SQL_PORT" dba dba exec="$1" 2>&1) || die "isql-vt failed: $out"
	# isql-vt exits 0 on SQL errors.
	if grep -q '\*\*\* Error' <<<"$out"; then
		die "isql-vt: $(grep -m1 -A1 '\*\*\* Error' <<<"$out" | tr '\n' ' ')"
	fi
}

load() {
	local file=$1 graph=$2
	[ -r "$file" ] || die "cannot read $file"
	running || die "not running: scripts/virtuoso.sh start first"
	# The file must lie under a DirsAllowed directory: copy it into ours.
	local copy="$DIR/load-$(basename "$file")"
	cp "$file" "$copy"
	isql "SPARQL CLEAR GRAPH <$graph>; DB.DBA.TTLP_MT(file_to_string_output('$copy'), '', '$graph'); checkpoint;"
	rm -f "$copy"
	echo "loaded $file into <$graph>" >&2
}

stop() {
	if running; then
		local pid
		pid=$(cat "$PIDFILE")
		isql-vt "$SQL_PORT" dba dba exec="shutdown;" >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
		for _ in $(seq 1 40); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.25
		done
		kill -9 "$pid" 2>/dev/null || true
	fi
	rm -f "$PIDFILE"
}

case ${1:-} in
start) start ;;
stop) stop ;;
load) [ $# -eq 3 ] || die "usage: virtuoso.sh load FILE GRAPH"; load "$2" "$3" ;;
status) running && answers && echo "$ENDPOINT" || die "not running" ;;
*) echo "usage: scripts/virtuoso.sh start|stop|status|load FILE GRAPH" >&2; exit 2 ;;
esac
