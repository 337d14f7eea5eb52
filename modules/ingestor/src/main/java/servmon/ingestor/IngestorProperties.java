package servmon.ingestor;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings under {@code servmon.ingestor}; defaults in {@code ingestor.yml}.
 *
 * @param topicReplicas    replication factor of the topics the ingestor creates when they are missing
 * @param refusalRateLimit at most one enrollment refusal per unknown key per this interval, so a misconfigured
 *                         agent cannot flood the agent-control topic
 * @param maxClockSkew     how far ahead of this clock an event's instants (a report's sampledAt, a state's since)
 *                         may be before the record is refused; the state monitor must have the same
 * @param sendTimeout      how long to wait for Kafka to acknowledge dead letters and replies of one batch
 * @param retry            back-off between retries of a batch whose database write failed; never gives up
 * @param consumerThreads  consumers of the metrics topic in this instance (each takes a share of its partitions);
 *                         more than the partitions this instance is assigned leaves some idle
 * @param retention        how long each tier of samples is kept
 * @param energy           how the energy a sleeping server saves is figured
 */
@ConfigurationProperties(prefix = "servmon.ingestor")
@Validated
public record IngestorProperties(
        @Min(1) @Max(Short.MAX_VALUE) int topicReplicas,
        @NotNull @DurationMin(millis = 1) Duration refusalRateLimit,
        @NotNull @DurationMin(seconds = 1) Duration maxClockSkew,
        @NotNull @DurationMin(millis = 100) Duration sendTimeout,
        @NotNull @Valid Retry retry,
        @Min(1) @Max(64) int consumerThreads,
        @NotNull @Valid Retention retention,
        @NotNull @Valid Energy energy) {

    /**
     * @param initialInterval first pause after a failed batch
     * @param multiplier      growth of the pause per failure
     * @param maxInterval     cap of the pause; retries go on at this pace until the database is back
     */
    public record Retry(
            @NotNull @DurationMin(millis = 1) Duration initialInterval,
            @DecimalMin("1.0") double multiplier,
            @NotNull @DurationMin(millis = 1) Duration maxInterval) {
    }

    /**
     * @param raw        every sample ({@code metric_sample})
     * @param minute     minute rollups ({@code metric_rollup_1m})
     * @param hour       hour rollups ({@code metric_rollup_1h}), which the energy figures read, and the state history
     *                   ({@code server_state_change})
     * @param daysAhead  daily partitions made this many days ahead, so a day never starts without one
     * @param checkEvery how often partitions are made and dropped
     * @param removedServers how long a removed server's id and signing secret are kept ({@code removed_server}), so
     *                   that its agent, if it was away (asleep, off) when the server was removed, is told so with a
     *                   signed order when it reports again; an agent back later only gets the unsigned refusal
     */
    public record Retention(
            @NotNull @DurationMin(days = 1) Duration raw,
            @NotNull @DurationMin(days = 1) Duration minute,
            @NotNull @DurationMin(days = 1) Duration hour,
            @Min(1) @Max(60) int daysAhead,
            @NotNull @DurationMin(seconds = 1) Duration checkEvery,
            @NotNull @DurationMin(days = 1) Duration removedServers) {
    }

    /**
     * @param asleepWatts what a sleeping server is taken to draw at the wall, stored with each sleep period (see V5):
     *                    nothing runs on it to measure, so this is a figure from the hardware's class, not a reading
     */
    public record Energy(@DecimalMin("0.0") @DecimalMax("1000.0") double asleepWatts) {
    }
}
