#!/usr/bin/env bash
# Prints wake command published (plain kafka-clients) -> first magic packet received on 127.0.0.1, p50/p99/max over
# 1,000 commands to servers that are OFF (goal p99 <= 100 ms): (a) one wake at a time, commands spaced wider than the
# pace, (b) a burst of 1,000 at once at the default pace (servmon.wol.wakes-per-second, 20), with how long it took.
# Load average and JVM flags beside every figure; waits (at most 10 min) for a 1-minute load below 3 first.
#   bench/wake-latency.sh [--commands 1000] [--gap-ms 60] [--db-buffer-pool 512M]
# Environment: BENCH_JAVA_OPTS (JVM flags; default ./servmon run's), BENCH_MAX_QUIET_WAIT (minutes, default 10). The whole system runs in one JVM on loopback,
# magic packets go to 127.0.0.1 only (-Dservmon.wol.loopbackOnly=true); its data folder is deleted after.
# See bench/power/…/WakeLatencyBench.java.
exec "$(dirname "${BASH_SOURCE[0]}")/power/run.sh" servmon.bench.power.WakeLatencyBench "$@"
