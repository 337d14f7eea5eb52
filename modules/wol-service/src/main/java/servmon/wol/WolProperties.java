package servmon.wol;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import servmon.wol.packet.Destination;

import java.time.Duration;
import java.util.List;

/**
 * Settings under {@code servmon.wol}; defaults in {@code wol-service.yml}.
 *
 * @param destinations         where every magic packet goes, as {@code host:port} (checked at start)
 * @param useReportedBroadcast also send to the subnet broadcast address the agent reported for the woken
 *                             interface, on port 9: reaches a server on another subnet when the router forwards
 *                             directed broadcasts
 * @param repeat               rounds of sending to every destination
 * @param repeatGap            pause between rounds
 * @param topicReplicas        replication factor of the topics the wol-service creates when they are missing
 * @param viewCatchUpTimeout   how long to wait at start for the servers and server-state topics to be read before
 *                             serving commands; the service fails to start after it, rather than answer
 *                             "not registered" for servers it simply has not read yet
 * @param resultSendTimeout    how long to wait for Kafka to acknowledge a wake result before the command is
 *                             retried
 * @param wakesPerSecond       at most this many servers woken per second: a room of servers powering up at once
 *                             is a surge the breakers may not take; commands beyond it wait their turn
 * @param confirm              how a wake is confirmed, retried and given up
 * @param relayBroadcasts      subnets (by broadcast address) that this service's packets do not reach, e.g. behind
 *                             a router that drops directed broadcasts: a server there is woken by an awake agent on
 *                             its own subnet (RELAY_WAKE) instead
 */
@ConfigurationProperties(prefix = "servmon.wol")
@Validated
public record WolProperties(
        @NotNull List<@NotNull Destination> destinations,
        boolean useReportedBroadcast,
        @Min(1) @Max(20) int repeat,
        @NotNull @DurationMax(seconds = 10) Duration repeatGap,
        @Min(1) @Max(Short.MAX_VALUE) int topicReplicas,
        @NotNull @DurationMin(seconds = 1) Duration viewCatchUpTimeout,
        @NotNull @DurationMin(millis = 100) Duration resultSendTimeout,
        @DecimalMin("0.1") double wakesPerSecond,
        @NotNull @Valid Confirm confirm,
        @NotNull List<@NotNull String> relayBroadcasts) {

    /**
     * A wake is CONFIRMED when the server reports again after it; until then the packets are sent again after
     * {@code firstRetryAfter}, then {@code backoff} times longer each time, {@code attempts} sends in all, and the
     * wake is TIMED_OUT {@code giveUpAfter} the first send, once the state monitor agrees: while the monitor has not
     * ruled on the wake yet (it is behind its input under load, so the report that would confirm the wake may be
     * waiting there), the verdict waits for it, {@code waitForMonitor} at most.
     */
    public record Confirm(
            @Min(1) @Max(20) int attempts,
            @NotNull @DurationMin(seconds = 1) Duration firstRetryAfter,
            @DecimalMin("1.0") double backoff,
            @NotNull @DurationMin(seconds = 1) Duration giveUpAfter,
            @NotNull Duration waitForMonitor,
            @NotNull @DurationMin(millis = 50) Duration checkEvery) {
    }
}
