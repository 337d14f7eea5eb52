package servmon.events;

import java.time.Instant;
import java.util.List;

/**
 * One sample from an agent, published every {@code intervalS} seconds on {@link Topics#METRICS}.
 * Nullable fields are ones the agent could not read on that machine.
 *
 * @param seq         increases by one per sample since the agent started; restarts at 0 with the agent
 * @param intervalS   the agent's reporting interval, so the state monitor can scale its timeout
 * @param bootId      {@code /proc/sys/kernel/random/boot_id}: a new value proves the machine rebooted
 * @param powerSource where {@code powerW} came from; RAPL covers only CPU and DRAM
 */
public record MetricReport(
        int v,
        ServerKey serverKey,
        Instant sampledAt,
        Long seq,
        int intervalS,
        String bootId,
        String hostname,
        Double cpuPct,
        Double powerW,
        PowerSource powerSource,
        Integer userCount,
        Long memUsedBytes,
        Long memTotalBytes,
        Double load1,
        Long diskUsedBytes,
        Long diskTotalBytes,
        Long netRxBytesPerS,
        Long netTxBytesPerS,
        Double cpuTempC,
        Long uptimeS,
        List<NetInterface> interfaces) implements ServmonEvent {

    public MetricReport {
        ServmonEvent.requireKnownVersion(v);
        ServmonEvent.required(serverKey, "serverKey");
        ServmonEvent.required(sampledAt, "sampledAt");
        // Required numbers are boxed so that a missing one is refused instead of read as 0.
        ServmonEvent.required(seq, "seq");
        ServmonEvent.required(cpuPct, "cpuPct");
        ServmonEvent.required(userCount, "userCount");
        // NaN and Infinity would pass the range checks below and then fail every database write of the batch.
        requireFinite(powerW, "powerW");
        requireFinite(load1, "load1");
        requireFinite(cpuTempC, "cpuTempC");
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative (got " + seq + ")");
        }
        if (intervalS < 1) {
            throw new IllegalArgumentException("intervalS must be at least 1 (got " + intervalS + ")");
        }
        if (!(cpuPct >= 0 && cpuPct <= 100)) {
            throw new IllegalArgumentException("cpuPct must be within 0..100 (got " + cpuPct + ")");
        }
        if (powerW != null && !(powerW >= 0)) {
            throw new IllegalArgumentException("powerW must not be negative (got " + powerW + ")");
        }
        if (userCount < 0) {
            throw new IllegalArgumentException("userCount must not be negative (got " + userCount + ")");
        }
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
    }

    private static void requireFinite(Double value, String field) {
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number (got " + value + ")");
        }
    }
}
