#!/usr/bin/env bash
# The dashboard's main page with a large fleet, measured in headless Chromium: time to the first tile and bytes of a
# fresh load (three loads: the first also fetches the front end), then the push traffic to one open tab for a while
# (frames and their sizes), each with /proc/loadavg; see bench/ingest/…/DashboardMainView.java.
#   bench/dashboard-main-view.sh [--servers 10000] [--interval 8] [--seconds 60] [--off N]
# --off N: the first N servers fall silent after their first report and turn OFF, so the page has problems to show.
# Environment: BENCH_JAVA_OPTS (JVM flags; default ./servmon run's), BENCH_REV (a commit to measure).
exec "$(dirname "${BASH_SOURCE[0]}")/ingest/run.sh" servmon.bench.DashboardMainView "$@"
