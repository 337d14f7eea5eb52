#!/usr/bin/env bash
# The agent's footprint beside two yardsticks, side by side in one run at the agent's interval:
#   agent          the shaded agent jar, started by the package's launcher (modules/agent/src/deb/bin/servmon-agent)
#                  with its JVM flags (modules/agent/src/deb/jvm.options), reporting to a Kafka broker
#   floor          a JVM that only sleeps, started by the same launcher with the same flags: what no Java agent
#                  can go below
#   node_exporter  Debian's prometheus-node-exporter on 127.0.0.1 only, scraped every interval (when installed)
# Every interval it reads each one's /proc/PID/status (VmRSS, RssAnon, RssFile, Threads), smaps_rollup (Pss) and
# CPU ticks; it prints RSS steady (median after the warm-up) and peak, anon and file, CPU % of one core after the
# warm-up, threads, and the load average, which says how busy the machine was.
#   bench/agent-footprint.sh [--minutes 10] [--interval 8] [--bootstrap HOST:PORT] [--warm-up 60]
#     --minutes    how long (default 10; a shorter run is a first look: the JVM's heap settles over minutes)
#     --interval   the agent's reporting interval and the scrape interval, in seconds (default 8, the agent's)
#     --bootstrap  a Kafka with servmon's topics to report to, e.g. ./servmon run's 127.0.0.1:9092 with
#                  KAFKA_CONFIG=~/.servmon/kafka-credentials/agent.properties; default: a bare embedded broker
#                  started here (modules/agent's test-scope BenchBroker, the one bench/simulate-footprint.sh uses)
#     --warm-up    seconds left out of the steady figures (default 60)
# Environment: JAVA_HOME (a JDK 21+; default the newest in /usr/lib/jvm), NODE_EXPORTER_PORT (default 19100),
#   and the launcher's own knobs to measure a lever without editing anything (bench/agent/RESULTS.md):
#   SERVMON_AGENT_JVM_OPTIONS (another flags file), MALLOC_ARENA_MAX, SERVMON_AGENT_CDS=off|train.
# Build the jar first: ./servmon build (or ./mvnw -B -pl modules/agent -am package -DskipTests).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/bare-broker.sh
source "$ROOT/bench/lib/bare-broker.sh"
MINUTES=10 INTERVAL=8 BOOTSTRAP="" WARM_UP=60
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) MINUTES=$2; shift 2 ;;
    --interval) INTERVAL=$2; shift 2 ;;
    --bootstrap) BOOTSTRAP=$2; shift 2 ;;
    --warm-up) WARM_UP=$2; shift 2 ;;
    -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
[[ $MINUTES =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "--minutes wants a number" >&2; exit 2; }
[[ $INTERVAL =~ ^[1-9][0-9]*$ ]] || { echo "--interval wants whole seconds, at least 1" >&2; exit 2; }
[[ $WARM_UP =~ ^[0-9]+$ ]] || { echo "--warm-up wants whole seconds" >&2; exit 2; }
RUN_S=$(awk -v m="$MINUTES" 'BEGIN {printf "%d", m * 60}')
(( RUN_S > WARM_UP + 2 * INTERVAL )) || { echo "run longer than the warm-up ($WARM_UP s) plus two intervals" >&2; exit 2; }

JAVA_HOME=${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/*-2[1-9]* 2>/dev/null | sort -V | tail -1)}
export JAVA_HOME
export SERVMON_JAVA="$JAVA_HOME/bin/java"
export SERVMON_AGENT_JVM_OPTIONS=${SERVMON_AGENT_JVM_OPTIONS:-$ROOT/modules/agent/src/deb/jvm.options}
LAUNCHER="$ROOT/modules/agent/src/deb/bin/servmon-agent"
AGENT_JAR=$(ls "$ROOT"/modules/agent/target/servmon-agent-*-all.jar 2>/dev/null | head -1)
[ -n "$AGENT_JAR" ] || { echo "no agent jar in modules/agent/target: build it first (see --help)" >&2; exit 1; }
NE_PORT=${NODE_EXPORTER_PORT:-19100}
CDS_MODE=${SERVMON_AGENT_CDS:-off}
unset SERVMON_AGENT_CDS

WORK=$(mktemp -d "${TMPDIR:-/tmp}/servmon-agent-footprint-XXXXXX")
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  stop_bare_broker
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -z "$BOOTSTRAP" ]; then
  start_bare_broker "$ROOT" "$WORK"
fi

# the floor: a main that only sleeps, in a jar, so that the launcher starts it exactly as it starts the agent
mkdir -p "$WORK/floor"
cat > "$WORK/floor/Sleep.java" <<'EOF'
public final class Sleep {
    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }
}
EOF
"$JAVA_HOME/bin/javac" --release 21 -d "$WORK/floor" "$WORK/floor/Sleep.java"
"$JAVA_HOME/bin/jar" --create --file "$WORK/floor.jar" --main-class Sleep -C "$WORK/floor" Sleep.class

AGENT_ARGS=(--bootstrap "$BOOTSTRAP" --key benchmarkKey0001 --interval "$INTERVAL" --key-file "$WORK/agent.key"
            ${KAFKA_CONFIG:+--kafka-config "$KAFKA_CONFIG"})
# (no shell functions around the launcher: started with &, the launcher's PID is the JVM's, which it execs)
# (the floor gets an argument so that the launcher does not read the installed agent's options; Sleep ignores it)
if [ "$CDS_MODE" = train ]; then
  # what the package does at install time (servmon-agent cds-archive), for both JVMs, before the clock starts
  echo "Making the class-data-sharing archives..." >&2
  SERVMON_AGENT_JAR="$AGENT_JAR" SERVMON_AGENT_CDS="$WORK/agent.jsa" "$LAUNCHER" cds-archive >&2
  SERVMON_AGENT_JAR="$WORK/floor.jar" SERVMON_AGENT_CDS="$WORK/floor.jsa" "$LAUNCHER" floor &
  f=$!; sleep 3; kill "$f"; wait "$f" 2>/dev/null || true
  AGENT_CDS="$WORK/agent.jsa" FLOOR_CDS="$WORK/floor.jsa"
else
  AGENT_CDS=off FLOOR_CDS=off
fi

SERVMON_AGENT_JAR="$AGENT_JAR" SERVMON_AGENT_CDS="$AGENT_CDS" "$LAUNCHER" "${AGENT_ARGS[@]}" >"$WORK/agent.log" 2>&1 &
AGENT_PID=$!; PIDS+=("$AGENT_PID")
SERVMON_AGENT_JAR="$WORK/floor.jar" SERVMON_AGENT_CDS="$FLOOR_CDS" "$LAUNCHER" floor >"$WORK/floor.log" 2>&1 &
FLOOR_PID=$!; PIDS+=("$FLOOR_PID")
NE_PID=""
if command -v prometheus-node-exporter >/dev/null; then
  prometheus-node-exporter --web.listen-address="127.0.0.1:$NE_PORT" >"$WORK/node-exporter.log" 2>&1 &
  NE_PID=$!; PIDS+=("$NE_PID")
  # Prometheus's part: one scrape every interval (curl's own CPU is not counted)
  ( while sleep "$INTERVAL"; do curl -fsS -o /dev/null "http://127.0.0.1:$NE_PORT/metrics" || true; done ) &
  PIDS+=($!)
  NE_NOTE="prometheus-node-exporter $(prometheus-node-exporter --version 2>&1 | awk 'NR==1 {print $3}') on 127.0.0.1:$NE_PORT, scraped every $INTERVAL s"
else
  NE_NOTE="prometheus-node-exporter is not installed (as root: apt-get install prometheus-node-exporter, then stop its service or keep it on 127.0.0.1): no yardstick"
fi

CLK_TCK=$(getconf CLK_TCK)
SAMPLES="$WORK/samples.tsv"
sample() {  # one line per process: name, seconds since start, ticks, VmRSS, RssAnon, RssFile, Pss, Threads (kB)
  local name=$1 pid=$2 t=$3
  [ -r "/proc/$pid/status" ] || return 0
  awk -v n="$name" -v t="$t" -v ticks="$(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')" \
      -v pss="$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")" '
    /^VmRSS:/ {rss = $2} /^RssAnon:/ {anon = $2} /^RssFile:/ {file = $2} /^Threads:/ {th = $2}
    END {print n, t, ticks, rss, anon, file, pss, th}' "/proc/$pid/status" >> "$SAMPLES"
}
alive() {
  kill -0 "$AGENT_PID" 2>/dev/null || { echo "the agent exited early:"; tail -20 "$WORK/agent.log"; exit 1; }
  kill -0 "$FLOOR_PID" 2>/dev/null || { echo "the floor JVM exited early:"; cat "$WORK/floor.log"; exit 1; }
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
echo "Measuring for $RUN_S s (warm-up $WARM_UP s) at $INTERVAL s against $BOOTSTRAP on $(nproc) cores..." >&2
start=$(date +%s)
while :; do
  now=$(( $(date +%s) - start ))
  alive
  sample agent "$AGENT_PID" "$now"
  sample floor "$FLOOR_PID" "$now"
  [ -n "$NE_PID" ] && sample node_exporter "$NE_PID" "$now"
  (( now >= RUN_S )) && break
  sleep "$INTERVAL"
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

echo "servmon agent footprint: $MINUTES min at $INTERVAL s, Kafka $BOOTSTRAP, $(nproc) cores"
echo "  java:  $("$SERVMON_JAVA" -version 2>&1 | head -1)"
echo "  flags: $(grep -v '^#' "$SERVMON_AGENT_JVM_OPTIONS" | tr '\n' ' ')(${SERVMON_AGENT_JVM_OPTIONS#"$ROOT"/})"
ARENAS=${MALLOC_ARENA_MAX:-"2 (the launcher default)"}
echo "  MALLOC_ARENA_MAX=$ARENAS, class-data-sharing archive: $CDS_MODE"
echo "  $NE_NOTE"
echo "  load average: $LOAD_START at the start, $LOAD_END at the end"
echo "                 RSS steady MB (anon + file)   RSS peak MB (anon + file)   PSS MB   CPU % of a core   threads"
awk -v warm="$WARM_UP" -v hz="$CLK_TCK" '
  function median(list, n,   a, i, j, x) {
    split(list, a, " "); n = length(a)
    for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j > 0 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  {
    n = $1; seen[n] = 1
    if ($4 > peak[n]) { peak[n] = $4; peakAnon[n] = $5; peakFile[n] = $6 }
    if ($2 >= warm) {
      if (!(n in t0)) { t0[n] = $2; c0[n] = $3 }
      t1[n] = $2; c1[n] = $3
      rss[n] = rss[n] " " $4; anon[n] = anon[n] " " $5; file[n] = file[n] " " $6; pss[n] = pss[n] " " $7
      th[n] = $8
    }
  }
  END {
    split("agent floor node_exporter", order, " ")
    for (k = 1; k <= 3; k++) {
      n = order[k]; if (!(n in seen)) continue
      cpu = t1[n] > t0[n] ? 100 * (c1[n] - c0[n]) / hz / (t1[n] - t0[n]) : 0
      printf "  %-14s %6.1f (%5.1f + %5.1f)          %6.1f (%5.1f + %5.1f)        %6.1f   %6.2f            %d\n",
        n, median(rss[n]) / 1024, median(anon[n]) / 1024, median(file[n]) / 1024,
        peak[n] / 1024, peakAnon[n] / 1024, peakFile[n] / 1024, median(pss[n]) / 1024, cpu, th[n]
    }
  }' "$SAMPLES"
echo "  (steady: median of the samples after the warm-up; peak: the largest sample; PSS shares libjvm's pages"
echo "   between the two JVMs; CPU: utime + stime after the warm-up)"
if grep -qE 'WARN|ERROR' "$WORK/agent.log"; then
  echo "  agent warnings:"; grep -E 'WARN|ERROR' "$WORK/agent.log" | sort | uniq -c | sort -rn | head -5 | sed 's/^/    /'
fi
