#!/usr/bin/env bash
# Prints the agent's footprint: resident memory and average CPU of the shaded agent jar reporting every second.
#   bench/agent-footprint.sh [BOOTSTRAP] [SECONDS]
#     BOOTSTRAP  Kafka to report to; default 127.0.0.1:1, which nothing answers, so the agent keeps its reports
#                in memory the whole time (the worst case for memory)
#     SECONDS    how long to let it run (default 60); CPU is also shown without the first 10 s of JVM start-up
#   INTERVAL         reporting interval in seconds (default 1; the agent's own default is 8)
#   JAVA             java to run (default $JAVA_HOME/bin/java, else java on the PATH)
#   AGENT_JVM_FLAGS  JVM flags to measure (default: the small-footprint flags below)
#   KAFKA_CONFIG     the agents' login for a locked broker, e.g. ~/.servmon/kafka-credentials/agent.properties for
#                    ./servmon run's 127.0.0.1:9092 (default: none, as for the default BOOTSTRAP)
# Build the jar first: ./mvnw -B -pl modules/agent -am install -DskipTests
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BOOTSTRAP=${1:-127.0.0.1:1}
SECONDS_TO_RUN=${2:-60}
WARM_UP=10
INTERVAL=${INTERVAL:-1}
JAR="$ROOT/modules/agent/target/servmon-agent-0.1.0-SNAPSHOT-all.jar"
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}
JAVA=${JAVA:-java}
# a small fixed heap (the live set is ~6 MB), one cheap GC, C1 only, no hsperfdata file; all valid on Java 21+
FLAGS=${AGENT_JVM_FLAGS:-"-Xms8m -Xmx32m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=16m -XX:-UsePerfData --enable-native-access=ALL-UNNAMED"}

[ -f "$JAR" ] || { echo "no agent jar at $JAR: build it first (see the top of this script)"; exit 1; }
(( SECONDS_TO_RUN > WARM_UP )) || { echo "run for more than $WARM_UP seconds"; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/servmon-agent-bench-XXXXXX")
LOG="$WORK/agent.log"
CLK_TCK=$(getconf CLK_TCK)

# shellcheck disable=SC2086  # FLAGS is a list of words on purpose
"$JAVA" $FLAGS -jar "$JAR" --bootstrap "$BOOTSTRAP" --key benchmarkKey0001 --interval "$INTERVAL" \
  --key-file "$WORK/agent.key" --enroll-wait 5 ${KAFKA_CONFIG:+--kafka-config "$KAFKA_CONFIG"} >"$LOG" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$WORK"' EXIT

cpu_ticks() {  # utime + stime of the process; fields 14 and 15 of /proc/PID/stat, counted after the ")" of its name
  sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}'
}
alive() {
  kill -0 $pid 2>/dev/null || { echo "the agent exited early:"; tail -20 "$LOG"; exit 1; }
}

start=$(date +%s.%N)
sleep $WARM_UP; alive
warm_ticks=$(cpu_ticks); warm=$(date +%s.%N)
sleep $((SECONDS_TO_RUN - WARM_UP)); alive
end_ticks=$(cpu_ticks); end=$(date +%s.%N)
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
hwm_kb=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
threads=$(awk '/^Threads/ {print $2}' "/proc/$pid/status")

echo "servmon agent, interval $INTERVAL s, Kafka $BOOTSTRAP, $SECONDS_TO_RUN s"
echo "  java:  $("$JAVA" -version 2>&1 | head -1)"
echo "  flags: $FLAGS"
awk -v rss="$rss_kb" -v hwm="$hwm_kb" -v th="$threads" -v t0="$start" -v tw="$warm" -v te="$end" \
    -v cw="$warm_ticks" -v ce="$end_ticks" -v hz="$CLK_TCK" 'BEGIN {
  printf "  RSS %.1f MiB (peak %.1f MiB), %d threads\n", rss / 1024, hwm / 1024, th
  printf "  CPU %.2f %% of one core over the whole run, %.2f %% after the first %d s\n",
         100 * ce / hz / (te - t0), 100 * (ce - cw) / hz / (te - tw), tw - t0 + 0.5
}'
echo "  agent log:"
sed 's/^/    /' "$LOG"
