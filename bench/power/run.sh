#!/usr/bin/env bash
# Builds bench/power (and the modules it needs, without tests) and runs one of its programs:
#   bench/power/run.sh servmon.bench.power.WakeLatencyBench [options]
# JVM flags: BENCH_JAVA_OPTS, default those of `./servmon run` (DEFAULT_RUN_JAVA_OPTS in the launcher). Always with
# -Dservmon.wol.loopbackOnly=true: the benchmarks send magic packets, and only ever to 127.0.0.1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MAIN=$1; shift

JAVA_HOME=${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-2[5-9]* /usr/lib/jvm/*-2[1-9]* 2>/dev/null | head -1)}
export JAVA_HOME
eval "$(grep '^DEFAULT_RUN_JAVA_OPTS=' "$ROOT/servmon")"
JAVA_OPTS=${BENCH_JAVA_OPTS:-$DEFAULT_RUN_JAVA_OPTS}
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD)"
[ -n "$(git -C "$ROOT" status --porcelain -- modules pom.xml)" ] && COMMIT="$COMMIT + uncommitted changes in the working tree"

# compile, not package: the classpath then points at each module's target/classes and no fat jar is rebuilt
(cd "$ROOT" && { ./mvnw -B -q -ntp -o -Pbench -DskipTests -pl bench/power -am compile >&2 2>/dev/null \
  || ./mvnw -B -q -ntp -Pbench -DskipTests -pl bench/power -am compile >&2; })
CP="$ROOT/bench/power/target/classes:$(cat "$ROOT/bench/power/target/classpath.txt")"
echo "servmon $COMMIT" >&2
# vaadin.productionMode: the dashboard's classes come from target/classes, whose flow-build-info.json a compile leaves in
# development mode (which needs vaadin-dev-server); the production bundle is there too, as in the executable jar.
# shellcheck disable=SC2086  # JAVA_OPTS is a list of flags
exec "$JAVA_HOME/bin/java" $JAVA_OPTS -Dservmon.wol.loopbackOnly=true -Dvaadin.productionMode=true \
  --enable-native-access=ALL-UNNAMED \
  -cp "$CP" "$MAIN" "$@"
