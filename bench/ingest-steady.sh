#!/usr/bin/env bash
# Prints, every 30 s, the consumer lag and the p50/p99 delay from a sample's time to its commit while a simulated
# fleet reports every --interval seconds (default 1: 10,000 reports/s spread across each second), with /proc/loadavg;
# see bench/ingest/…/IngestSteady.java.
#   bench/ingest-steady.sh [--servers 10000] [--interval 1] [--minutes 5] [--report-every 30] [--db-buffer-pool 1G]
#                          [--stock-db] [--dashboard-tab]
# --dashboard-tab: the whole servmon in process (all services, as ./servmon run) and one headless Chromium tab logged
# in on the dashboard's main page for the whole run (IngestSteadyWithDashboard); the issue-5 figure is
#   bench/ingest-steady.sh --interval 8 --dashboard-tab
# Environment: BENCH_JAVA_OPTS (JVM flags; default ./servmon run's), BENCH_REV (a commit to measure).
exec "$(dirname "${BASH_SOURCE[0]}")/ingest/run.sh" servmon.bench.IngestSteady "$@"
