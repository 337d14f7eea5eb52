#!/usr/bin/env bash
# Prints the footprint of a simulated fleet: `./servmon agent simulate --servers N --interval 1s` for a while, with
# its own CPU (% of one core), RSS and reports/s every 30 s (the simulator's footprint line, from /proc/self).
#   bench/simulate-footprint.sh [SERVERS] [SECONDS] [BOOTSTRAP]
#     SERVERS    virtual servers (default 10000)
#     SECONDS    how long to run (default 120)
#     BOOTSTRAP  a running Kafka with servmon's topics (e.g. ./servmon run's 127.0.0.1:9092); default: a bare broker
#                started here (modules/agent's test-scope BenchBroker), so nothing else shares the machine's CPU
#                except that broker
# Environment: SERVMON_SIMULATE_JAVA_OPTS (the simulator's JVM flags, see ./servmon), BENCH_WOL_PORT (default 9119),
#   KAFKA_CONFIG (the agents' login for a locked BOOTSTRAP, e.g. ~/.servmon/kafka-credentials/agent.properties for
#   ./servmon run's broker; the bare broker started here needs none).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/bare-broker.sh
source "$ROOT/bench/lib/bare-broker.sh"
SERVERS=${1:-10000}
SECONDS_TO_RUN=${2:-120}
BOOTSTRAP=${3:-}
WOL_PORT=${BENCH_WOL_PORT:-9119}
JAVA_HOME=${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-2[5-9]* /usr/lib/jvm/*-2[1-9]* 2>/dev/null | head -1)}
export JAVA_HOME

WORK=$(mktemp -d "${TMPDIR:-/tmp}/servmon-simulate-bench-XXXXXX")
BROKER_PID=""
SIM_PID=""
cleanup() {
  [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null
  stop_bare_broker
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -z "$BOOTSTRAP" ]; then
  start_bare_broker "$ROOT" "$WORK"
fi

echo "Simulating $SERVERS servers at 1 s against $BOOTSTRAP for $SECONDS_TO_RUN s on $(nproc) cores..." >&2
"$ROOT/servmon" agent simulate --servers "$SERVERS" --interval 1s --bootstrap "$BOOTSTRAP" \
  ${KAFKA_CONFIG:+--kafka-config "$KAFKA_CONFIG"} --wol-port "$WOL_PORT" --stats-every 30s >"$WORK/simulate.log" 2>&1 &
SIM_PID=$!
# the launcher may rebuild the agent jar first: the clock starts when the fleet is up
until grep -q '^servmon agent simulate:' "$WORK/simulate.log"; do
  kill -0 "$SIM_PID" 2>/dev/null || { cat "$WORK/simulate.log" >&2; exit 1; }
  sleep 1
done
ticks0=$(awk '{print $14 + $15}' "/proc/$SIM_PID/stat")
t0=$(date +%s.%N)
sleep "$SECONDS_TO_RUN"
# the footprint lines, then one measure from outside (/proc/PID/stat, USER_HZ 100) over the same run for comparison
grep '^simulate:' "$WORK/simulate.log" || { echo "no footprint line; simulator log:" >&2; cat "$WORK/simulate.log" >&2; exit 1; }
ticks=$(awk '{print $14 + $15}' "/proc/$SIM_PID/stat")
t1=$(date +%s.%N)
rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$SIM_PID/status")
awk -v t="$((ticks - ticks0))" -v t0="$t0" -v t1="$t1" -v r="$rss_kb" -v n="$SERVERS" -v l="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  printf "from outside: %d servers, CPU %.1f%% of one core on average over %.0f s, RSS %d MB (load average %s)\n",
         n, t / 100 / (t1 - t0) * 100, t1 - t0, r / 1024, l }'
grep -iE 'warn|error' "$WORK/simulate.log" | grep -v '^simulate:' | head -5 >&2 || true
