#!/usr/bin/env bash
# Runs the shared node-ipc benchmark harness (run.sh) with jipc plugged in as EXT_NAME=jipc.
#
#   jipc-bench/run-bench.sh                       # default matrix of the harness, plus jipc/jipc
#   REPS=1 TRANSPORTS="unix tcp" PAIRS="jipc/jipc jipc/c c/jipc" jipc-bench/run-bench.sh
#   JIPC_PROFILE=fast jipc-bench/run-bench.sh     # both jipc sides in the fast profile
#   JIPC_JAVA_OPTS="-XX:+UseParallelGC" JIPC_JAVA=/path/to/jdk/bin/java jipc-bench/run-bench.sh
#
# Where the harness is: $IPC_BENCH_HOME, by default ../shared/bench relative to the repository
# root (the harness lives beside the repository, not in it). Every harness variable (REPS, N, W,
# P, N_LAT, N_ONEWAY, TRANSPORTS, LANES, PAIRS, IMPLS, CROSS, PIN, FULL, ...) passes through as is.
#
# jipc's own variables:
#   JIPC_BENCH_JAR   the shaded jar (default: jipc-bench/target/jipc-bench.jar, built if missing)
#   JIPC_JAVA        the java binary (default: java on PATH)
#   JIPC_JAVA_OPTS   JVM options for both jipc sides (e.g. -XX:+UseParallelGC)
#   JIPC_PROFILE     guarded (default, the published numbers), fast or assured, for both sides
#   JIPC_HIGH_WATER  one-way lane: queued bytes above which the client waits for a flush (1 MiB)
#   RESULTS_DIR      where the harness writes results (default: jipc-bench/target/bench-results)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
BENCH_HOME="${IPC_BENCH_HOME:-$ROOT/../shared/bench}"
if [[ ! -x "$BENCH_HOME/run.sh" ]]; then
    echo "run-bench.sh: no harness at $BENCH_HOME (set IPC_BENCH_HOME to the bench directory)" >&2
    exit 1
fi
BENCH_HOME="$(cd "$BENCH_HOME" && pwd)"

JAR="${JIPC_BENCH_JAR:-$HERE/target/jipc-bench.jar}"
if [[ ! -f "$JAR" ]]; then
    echo "# building $JAR" >&2
    (cd "$ROOT" && mvn -B -q -pl jipc-bench -am package -Dmaven.test.skip=true >&2)
fi
JAR="$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")"

JAVA="${JIPC_JAVA:-java}"
OPTS="${JIPC_JAVA_OPTS:-}"
PROFILE="${JIPC_PROFILE:-guarded}"
HIGH_WATER="${JIPC_HIGH_WATER:-1048576}"
unsafe='[^A-Za-z0-9_./=:,+@% -]'
for value in "$JAR" "$JAVA" "$OPTS" "$PROFILE" "$HIGH_WATER"; do
    # The templates are rendered into one bash command line: keep them to plain words.
    if [[ "$value" =~ $unsafe ]]; then
        echo "run-bench.sh: unsupported character in '$value'" >&2
        exit 1
    fi
done

JVM="$JAVA $OPTS -cp $JAR"
export EXT_NAME=jipc
export EXT_TRANSPORTS="unix tcp tls udp4"
export SERVER_CMD="$JVM io.jipc.bench.Server --transport {transport} --addr {addr} --timeout {timeout} --cert {cert} --key {key} --profile $PROFILE"
export CLIENT_CMD="$JVM io.jipc.bench.Client --transport {transport} --addr {addr} --mode {mode} --n {n} --window {window} --payload {payload} --warmup {warmup} --ca {ca} --profile $PROFILE --high-water $HIGH_WATER"
export RESULTS_DIR="${RESULTS_DIR:-$HERE/target/bench-results}"
mkdir -p "$RESULTS_DIR"

echo "# harness: $BENCH_HOME" >&2
echo "# jipc: $("$JAVA" -version 2>&1 | head -n 1), opts '${OPTS}', profile $PROFILE" >&2
exec "$BENCH_HOME/run.sh"
