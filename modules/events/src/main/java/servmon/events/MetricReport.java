package servmon.events;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

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
        ServerId serverId,
        @PlausibleInstant Instant sampledAt,
        @PositiveOrZero Long seq,
        @Min(1) @Max(EventLimits.MAX_INTERVAL_S) int intervalS,
        @Size(max = EventLimits.MAX_TOKEN_CHARS) @Printable String bootId,
        @Size(max = EventLimits.MAX_NAME_CHARS) @Printable String hostname,
        @Min(0) @Max(100) Double cpuPct,
        @Min(0) @Max(EventLimits.MAX_POWER_W) Double powerW,
        PowerSource powerSource,
        @PositiveOrZero Integer userCount,
        @PositiveOrZero Long memUsedBytes,
        @PositiveOrZero Long memTotalBytes,
        @PositiveOrZero Double load1,
        @PositiveOrZero Long diskUsedBytes,
        @PositiveOrZero Long diskTotalBytes,
        @PositiveOrZero Long netRxBytesPerS,
        @PositiveOrZero Long netTxBytesPerS,
        // a sensor's range: below -100 °C or above 250 °C is a read error, not a temperature
        @Min(-100) @Max(250) Double cpuTempC,
        @PositiveOrZero Long uptimeS,
        @Size(max = EventLimits.MAX_INTERFACES) List<@Valid NetInterface> interfaces) implements ServmonEvent {

    public MetricReport {
        ServmonEvent.requireKnownVersion(v);
        ServmonEvent.required(serverId, "serverId");
        ServmonEvent.required(sampledAt, "sampledAt");
        // Required numbers are boxed so that a missing one is refused instead of read as 0.
        ServmonEvent.required(seq, "seq");
        ServmonEvent.required(cpuPct, "cpuPct");
        ServmonEvent.required(userCount, "userCount");
        // NaN and Infinity would fail every database write of the batch, and a range constraint lets NaN through.
        // Ranges and sizes are the constraints above, checked by EventValidator for every consumer.
        requireFinite(cpuPct, "cpuPct");
        requireFinite(powerW, "powerW");
        requireFinite(load1, "load1");
        requireFinite(cpuTempC, "cpuTempC");
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
    }

    private static void requireFinite(Double value, String field) {
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number (got " + value + ")");
        }
    }
}
