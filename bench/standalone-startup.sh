#!/usr/bin/env bash
# Prints how long `./servmon run` takes until it is ready and until this machine shows ON, and its memory (RSS).
#   bench/standalone-startup.sh [seconds-to-keep-running-after-ready]   (default 30)
# Uses a fresh data folder and free-ish ports so it does not disturb a running servmon.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOLD=${1:-30}
HOME_DIR=$(mktemp -d "${TMPDIR:-/tmp}/servmon-bench-XXXXXX")
HTTP_PORT=18080 KAFKA_PORT=19092 PASSWORD=bench-secret
LOG="$HOME_DIR/run.log"
"$ROOT/servmon" build >/dev/null 2>&1 || true   # build first, so only the start is timed
start=$(date +%s.%N)
SERVMON_ADMIN_PASSWORD=$PASSWORD "$ROOT/servmon" run --home "$HOME_DIR" --http-port $HTTP_PORT --kafka-port $KAFKA_PORT \
  >"$LOG" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$HOME_DIR"' EXIT
until grep -q "servmon is running" "$LOG"; do
  kill -0 $pid 2>/dev/null || { echo "servmon run exited early:"; tail -40 "$LOG"; exit 1; }
  sleep 0.2
done
ready=$(date +%s.%N)
until curl -s -u admin:$PASSWORD "http://127.0.0.1:$HTTP_PORT/api/v1/servers" | grep -q '"state":"ON"'; do
  sleep 0.2
  [ "$(echo "$(date +%s.%N) - $ready > 120" | bc)" = 1 ] && { echo "this machine never turned ON"; exit 1; }
done
on=$(date +%s.%N)
java_pid=$(pgrep -P $pid java || echo $pid)
sleep "$HOLD"
rss_kb=$(awk '/VmRSS/ {print $2}' /proc/$java_pid/status)
hwm_kb=$(awk '/VmHWM/ {print $2}' /proc/$java_pid/status)
printf 'servmon run: ready in %.1f s, this machine ON after %.1f s; RSS %d MiB (peak %d MiB) after %d s more\n' \
  "$(echo "$ready - $start" | bc)" "$(echo "$on - $start" | bc)" $((rss_kb / 1024)) $((hwm_kb / 1024)) "$HOLD"
