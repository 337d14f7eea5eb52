package servmon.store.history;

import java.time.Instant;

/**
 * One point of a history series: one sample (tier raw, where min = avg = max) or one rollup bucket. Null figures
 * were not reported (no power reading, no memory figure).
 *
 * @param at       the sample's time or the bucket's start
 * @param energyWh energy used over the sample's interval or the bucket; null where no power was reported
 * @param netRxAvgBytesPerS network receive rate, bytes per second (as the agent reports it)
 */
public record HistoryPoint(
        Instant at,
        double cpuMinPct,
        double cpuAvgPct,
        double cpuMaxPct,
        Double powerMinW,
        Double powerAvgW,
        Double powerMaxW,
        double usersAvg,
        Double memUsedAvgBytes,
        Double energyWh,
        Double diskUsedAvgBytes,
        Double netRxAvgBytesPerS,
        Double netTxAvgBytesPerS) {
}
