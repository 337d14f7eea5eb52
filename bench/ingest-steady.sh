#!/usr/bin/env bash
# Prints, every 30 s, the consumer lag and the p50/p99 delay from a sample's time to its commit while a simulated
# fleet reports every second (10,000 reports/s spread across each second); see bench/ingest/…/IngestSteady.java.
#   bench/ingest-steady.sh [--servers 10000] [--minutes 5] [--report-every 30] [--db-buffer-pool 1G] [--stock-db]
# Environment: BENCH_JAVA_OPTS (JVM flags; default ./servmon run's), BENCH_REV (a commit to measure).
exec "$(dirname "${BASH_SOURCE[0]}")/ingest/run.sh" servmon.bench.IngestSteady "$@"
