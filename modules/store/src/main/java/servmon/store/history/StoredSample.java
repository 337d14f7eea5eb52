package servmon.store.history;

import java.time.Instant;

/** One sample as the history list and the API show it. Null figures were not reported. */
public record StoredSample(
        Instant sampledAt,
        double cpuPct,
        Double powerW,
        String powerSource,
        int userCount,
        Long memUsedBytes,
        Long diskUsedBytes,
        Long netRxBytesPerS,
        Long netTxBytesPerS) {
}
