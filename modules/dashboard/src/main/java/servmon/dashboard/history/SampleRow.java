package servmon.dashboard.history;

import servmon.events.PowerSource;

import java.time.Instant;

/** One sample as the history list shows it; null figures were not reported. */
record SampleRow(Instant sampledAt, double cpuPct, Double powerW, PowerSource powerSource, int userCount,
                 Long memUsedBytes, Long diskUsedBytes, Long netRxBytesPerS, Long netTxBytesPerS) {
}
