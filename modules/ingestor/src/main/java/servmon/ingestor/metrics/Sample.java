package servmon.ingestor.metrics;

import servmon.events.MetricReport;

/** A valid report of a registered server, ready to be written. */
public record Sample(long serverId, MetricReport report) {
}
