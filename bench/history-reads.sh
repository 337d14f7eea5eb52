#!/usr/bin/env bash
# Fills the embedded MariaDB with N samples and their minute and hour rollups (INSERT … SELECT from MariaDB's
# sequence tables, not row by row), then prints the median time of the dashboard's history reads, with the load:
#   30 newest samples of one server (goal ≤ 50 ms), a 30-day range from the hour rollups (≤ 200 ms), a 1-hour range
#   of raw samples (≤ 100 ms). See bench/history/…/HistoryReadsBench.java.
#   bench/history-reads.sh [samples, default 100000000] [--servers N] [--runs 15] [--db-buffer-pool 1G]
# The database lives in a temporary folder, deleted after. Never part of ./mvnw verify (built with -Pbench).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME=${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-2[5-9]* /usr/lib/jvm/*-2[1-9]* 2>/dev/null | head -1)}
export JAVA_HOME
(cd "$ROOT" && { ./mvnw -B -q -ntp -o -Pbench -DskipTests -pl bench/history -am compile >&2 2>/dev/null \
  || ./mvnw -B -q -ntp -Pbench -DskipTests -pl bench/history -am compile >&2; })
CP="$ROOT/bench/history/target/classes:$(cat "$ROOT/bench/history/target/classpath.txt")"
exec "$JAVA_HOME/bin/java" -Xmx512m --enable-native-access=ALL-UNNAMED -cp "$CP" servmon.bench.history.HistoryReadsBench "$@"
