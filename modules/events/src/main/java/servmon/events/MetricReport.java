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
        long seq,
        int intervalS,
        String bootId,
        String hostname,
        double cpuPct,
        Double powerW,
        PowerSource powerSource,
        int userCount,
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
}
