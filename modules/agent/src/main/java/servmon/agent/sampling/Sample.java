package servmon.agent.sampling;

import servmon.events.NetInterface;

import java.time.Instant;
import java.util.List;

/**
 * What the machine looked like at one moment; the agent adds its key, sequence number and power to make a
 * {@link servmon.events.MetricReport}. Nullable fields are ones this machine does not expose.
 */
public record Sample(
        Instant sampledAt,
        String bootId,
        String hostname,
        double cpuPct,
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
        List<NetInterface> interfaces) {

    public Sample {
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
    }
}
