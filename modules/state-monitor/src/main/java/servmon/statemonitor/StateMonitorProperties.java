package servmon.statemonitor;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings under {@code servmon.state-monitor}; defaults in {@code state-monitor.yml}. Kafka Streams' own settings
 * (application id, state dir, client properties) stay under Boot's {@code spring.kafka.streams.*}.
 *
 * @param checkInterval           how often the wall-clock check for silent servers and expired wakes runs; OFF
 *                                comes at most this much after the threshold
 * @param offAfterMissedIntervals an ON server turns OFF after this many of its own reporting intervals ...
 * @param offSlack                ... plus this much of silence
 * @param wakeTimeout             a WAKING server that has not reported after this long falls back to OFF
 * @param topicReplicas           replication factor of the topics (and the store's changelog) created when missing
 * @param tickInterval            how often the monitor sends itself a tick through each input partition; silence
 *                                is judged only up to the newest tick processed, so OFF comes at most this late
 * @param pauseThreshold          wall-clock time passing this much more than the check interval between two checks
 *                                means the monitor was paused or the clock jumped: every server gets a full timeout
 * @param maxClockSkew            how far ahead of this clock an event's instants may be before the record is
 *                                refused to its dead-letter topic; the ingestor must have the same, so that both
 *                                refuse the same records
 */
@ConfigurationProperties(prefix = "servmon.state-monitor")
@Validated
public record StateMonitorProperties(
        @NotNull @DurationMin(millis = 10) Duration checkInterval,
        @Min(1) int offAfterMissedIntervals,
        @NotNull @DurationMin(millis = 0) Duration offSlack,
        @NotNull @DurationMin(seconds = 1) Duration wakeTimeout,
        @Min(1) @Max(Short.MAX_VALUE) int topicReplicas,
        @NotNull @DurationMin(millis = 10) Duration tickInterval,
        @NotNull @DurationMin(millis = 100) Duration pauseThreshold,
        @NotNull @DurationMin(seconds = 1) Duration maxClockSkew) {

    /** How long a server reporting every {@code intervalS} seconds may stay silent before it is OFF. */
    long offAfterMs(int intervalS) {
        return offAfterMissedIntervals * intervalS * 1000L + offSlack.toMillis();
    }
}
