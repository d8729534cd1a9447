#!/usr/bin/env bash
# scripts/virtuoso.sh: a private, throw-away Virtuoso for the tests.
#
#   scripts/virtuoso.sh start            start it on a fresh database (prints the SPARQL endpoint URL)
#   scripts/virtuoso.sh load FILE GRAPH  load a Turtle file into a named graph
#   scripts/virtuoso.sh stop             stop it (safe to repeat)
#   scripts/virtuoso.sh status           print the endpoint when it answers
#
# It runs on loopback with its own database directory and ports, never the
# system instance:
#
#   PLEDGEGRAPH_VIRTUOSO_DIR        database directory, outside the work tree
#                                   (default ${XDG_CACHE_HOME:-~/.cache}/pledgegraph/virtuoso;
#                                   scripts/test.sh passes a fresh temporary one)
#   PLEDGEGRAPH_VIRTUOSO_SQL_PORT   default 21111
#   PLEDGEGRAPH_VIRTUOSO_HTTP_PORT  default 28890
#
# `start` wipes the database files of a stopped instance first, so every start
# sees only what is loaded after it; an instance already running from the same
# directory is reused. It refuses ports that something else holds, rather than
# load fixtures into, or run tests against, somebody else's server.
# User dba, password dba: it holds test data only.
set -euo pipefail

DIR=${PLEDGEGRAPH_VIRTUOSO_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pledgegraph/virtuoso}
# The ini names files by absolute path: virtuoso-t runs inside $DIR.
case $DIR in
/*) ;;
*) DIR=$PWD/$DIR ;;
esac
SQL_PORT=${PLEDGEGRAPH_VIRTUOSO_SQL_PORT:-21111}
HTTP_PORT=${PLEDGEGRAPH_VIRTUOSO_HTTP_PORT:-28890}
ENDPOINT="http://127.0.0.1:$HTTP_PORT/sparql"
PIDFILE=$DIR/virtuoso.pid

die() { echo "virtuoso.sh: $*" >&2; exit 1; }

answers() {
	curl -fsS --max-time 2 -H 'Accept: application/sparql-results+json' \
		--data-urlencode 'query=ASK {}' "$ENDPOINT" 2>/dev/null | grep -Eq '"boolean"|ASK_RETVAL'
}

running() {
	[ -f "$PIDFILE" ] || return 1
	local pid
	pid=$(cat "$PIDFILE")
	kill -0 "$pid" 2>/dev/null || return 1
	# A stale pid file (after a reboot, say) may name an unrelated process.
	[ ! -r "/proc/$pid/cmdline" ] || tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$DIR/virtuoso.ini"
}

# listening PORT: something accepts connections on 127.0.0.1:PORT.
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

vsp_root() {
	for d in /var/lib/virtuoso-opensource-7/vsp /usr/share/virtuoso-opensource-7/vsp; do
		[ -d "$d" ] && { echo "$d"; return; }
	done
	echo "$DIR"
}

# MaxQueryCostEstimationTime = 0 turns off Virtuoso's refusal of queries
# whose *estimated* time exceeds a limit (42000 "The estimated execution time
# … exceeds the limit"): the estimate varies between runs of the same query,
# so tests would pass or fail by chance. Tests of that refusal replay a
# recorded answer instead (sparql/client_test.go).
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
DirsAllowed          = ., $DIR
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
MaxQueryCostEstimationTime = 0
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
	stop
	for port in "$HTTP_PORT" "$SQL_PORT"; do
		if listening "$port"; then
			die "port $port is in use by another process; stop it or choose other ports (PLEDGEGRAPH_VIRTUOSO_SQL_PORT, PLEDGEGRAPH_VIRTUOSO_HTTP_PORT)"
		fi
	done
	mkdir -p "$DIR"
	# A fresh database: only Virtuoso's own files, in case DIR holds anything else.
	rm -f "$DIR"/virtuoso.db "$DIR"/virtuoso.trx "$DIR"/virtuoso.log "$DIR"/virtuoso.lck "$DIR"/virtuoso.pxa \
		"$DIR"/virtuoso-temp.db "$DIR"/virtuoso-temp.trx "$DIR"/server.out "$DIR"/load-*
	write_ini
	(cd "$DIR" && exec virtuoso-t -f -c "$DIR/virtuoso.ini" >>"$DIR/server.out" 2>&1) &
	local pid=$!
	echo "$pid" >"$PIDFILE"
	for _ in $(seq 1 120); do
		kill -0 "$pid" 2>/dev/null || { tail -20 "$DIR/server.out" "$DIR/virtuoso.log" >&2 2>/dev/null || true; die "virtuoso-t exited during start-up (see $DIR)"; }
		if answers; then
			echo "$ENDPOINT"
			return
		fi
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
