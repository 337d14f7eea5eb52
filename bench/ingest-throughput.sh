#!/usr/bin/env bash
# Prints how fast the ingestor writes a backlog of metric reports into the embedded MariaDB (rows/s), how fast
# LOAD DATA LOCAL INFILE writes the same rows, their ratio, memory and load; see bench/ingest/…/IngestThroughput.java.
#   bench/ingest-throughput.sh [--servers 10000] [--rows 2000000] [--db-buffer-pool 1G] [--stock-db]
# Environment: BENCH_JAVA_OPTS (JVM flags; default ./servmon run's), BENCH_REV (a commit to measure).
# Everything runs in one JVM on loopback; the broker's and database's data live in a temporary folder, deleted after.
exec "$(dirname "${BASH_SOURCE[0]}")/ingest/run.sh" servmon.bench.IngestThroughput "$@"
