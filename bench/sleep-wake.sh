#!/usr/bin/env bash
# On N simulated servers reporting every second (agent simulate mode, in process), prints: 100 put to sleep ->
# ASLEEP; woken -> CONFIRMED minus the boot delay (p50/p99) and the lost wakes (must be 0); 100 others silenced at
# known instants -> OFF after each one's last report (p50/p99/max; goal <= 2 x interval + 1 s = 3 s) and the false
# OFFs of servers that kept reporting (must be 0). States are read from the server-state topic with their arrival
# times. Load average and JVM flags beside every figure; waits (at most 10 min) for a 1-minute load below 3 first.
#   bench/sleep-wake.sh [--servers 1000] [--boot-delay 5] [--sleepers 100] [--stopped 100] [--db-buffer-pool SIZE]
# Environment: BENCH_JAVA_OPTS (JVM flags; default ./servmon run's), BENCH_MAX_QUIET_WAIT (minutes, default 10). Magic packets go to 127.0.0.1 only
# (-Dservmon.wol.loopbackOnly=true); the data folder is deleted after. See bench/power/…/SleepWakeBench.java.
exec "$(dirname "${BASH_SOURCE[0]}")/power/run.sh" servmon.bench.power.SleepWakeBench "$@"
