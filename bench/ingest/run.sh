#!/usr/bin/env bash
# Builds bench/ingest (and the modules it needs, without tests) and runs one of its programs:
#   bench/ingest/run.sh servmon.bench.IngestThroughput [options]
# JVM flags: BENCH_JAVA_OPTS, default those of `./servmon run` (DEFAULT_RUN_JAVA_OPTS in the launcher).
# BENCH_REV=<commit>: measure that commit instead of the working tree (exported with git archive into a temporary
# folder with this bench/ingest laid over it), so others' uncommitted work neither breaks nor blurs the figures.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MAIN=$1; shift

JAVA_HOME=${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-2[5-9]* /usr/lib/jvm/*-2[1-9]* 2>/dev/null | head -1)}
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
eval "$(grep '^DEFAULT_RUN_JAVA_OPTS=' "$ROOT/servmon")"
JAVA_OPTS=${BENCH_JAVA_OPTS:-$DEFAULT_RUN_JAVA_OPTS}

SRC="$ROOT"
if [ -n "${BENCH_REV:-}" ]; then
  rev=$(git -C "$ROOT" rev-parse --short "$BENCH_REV")
  SRC="${TMPDIR:-/tmp}/servmon-bench-src-$rev"
  if [ ! -d "$SRC" ]; then
    mkdir -p "$SRC"
    git -C "$ROOT" archive "$rev" | tar -x -C "$SRC"
  fi
  rm -rf "$SRC/bench/ingest" && mkdir -p "$SRC/bench" && cp -r "$ROOT/bench/ingest" "$SRC/bench/ingest"
  rm -rf "$SRC/bench/ingest/target"
  # a commit from before EmbeddedMariaDb took a buffer pool size gets today's embedded module (no other changes)
  grep -q bufferPoolBytes "$SRC/modules/embedded/src/main/java/servmon/embedded/EmbeddedMariaDb.java" \
    || cp "$ROOT/modules/embedded/src/main/java/servmon/embedded/"*.java "$SRC/modules/embedded/src/main/java/servmon/embedded/"
  grep -q '<id>bench</id>' "$SRC/pom.xml" || sed -i 's|^  <build>$|  <profiles><profile><id>bench</id><modules><module>bench/ingest</module></modules></profile></profiles>\n  <build>|' "$SRC/pom.xml"
  COMMIT="$rev (exported with git archive)"
else
  COMMIT="$(git -C "$ROOT" rev-parse --short HEAD)"
  [ -n "$(git -C "$ROOT" status --porcelain -- modules pom.xml)" ] && COMMIT="$COMMIT + uncommitted changes in the working tree"
fi

# compile, not package: the classpath then points at each module's target/classes and no fat jar is rebuilt
(cd "$SRC" && ./mvnw -B -q -ntp -o -Pbench -DskipTests -pl bench/ingest -am compile >&2 2>/dev/null \
  || ./mvnw -B -q -ntp -Pbench -DskipTests -pl bench/ingest -am compile >&2)
CP="$SRC/bench/ingest/target/classes:$(cat "$SRC/bench/ingest/target/classpath.txt")"
# Selenium (ingest-steady.sh --dashboard-tab) uses /usr/bin/chromedriver and never downloads one
export SE_OFFLINE=true
# vaadin.productionMode (the dashboard of --dashboard-tab): a compile leaves target/classes' flow-build-info.json in
# development mode, which needs vaadin-dev-server; the production bundle is there too, as in the executable jar.
# shellcheck disable=SC2086  # JAVA_OPTS is a list of flags
exec "$JAVA" $JAVA_OPTS --enable-native-access=ALL-UNNAMED -Dservmon.wol.loopbackOnly=true -Dvaadin.productionMode=true -Dservmon.bench.commit="$COMMIT" -cp "$CP" "$MAIN" "$@"
