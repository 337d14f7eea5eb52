package servmon.dashboard.history;

import servmon.store.history.HistoryPoint;

import java.time.Instant;

/**
 * One moment of the charts, whichever tier it came from: a sample, or a rollup bucket's averages. Null figures
 * were not reported.
 */
record ChartRow(Instant at, Double cpuPct, Double powerW, Double memUsedBytes, Double diskUsedBytes,
                Double netRxBytesPerS, Double netTxBytesPerS) {

    static ChartRow of(SampleRow row) {
        return new ChartRow(row.sampledAt(), row.cpuPct(), row.powerW(), decimal(row.memUsedBytes()),
                decimal(row.diskUsedBytes()), decimal(row.netRxBytesPerS()), decimal(row.netTxBytesPerS()));
    }

    static ChartRow of(HistoryPoint point) {
        return new ChartRow(point.at(), point.cpuAvgPct(), point.powerAvgW(), point.memUsedAvgBytes(),
                point.diskUsedAvgBytes(), point.netRxAvgBytesPerS(), point.netTxAvgBytesPerS());
    }

    private static Double decimal(Long value) {
        return value == null ? null : value.doubleValue();
    }
}
