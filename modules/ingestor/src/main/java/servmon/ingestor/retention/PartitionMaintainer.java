package servmon.ingestor.retention;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import servmon.ingestor.IngestorProperties;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Keeps the time-partitioned tables ready and within retention: partitions made ahead of time, whole partitions
 * dropped once past their tier's retention, and latest-value rows of removed servers swept. Several ingestors may
 * run this at once: a step another one has just done fails harmlessly and the next round finds it done.
 */
@Component
public class PartitionMaintainer {

    private static final Logger log = LoggerFactory.getLogger(PartitionMaintainer.class);

    private record Tier(TimePartitions partitions, Duration keep, long periodsAhead) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final List<Tier> tiers;

    PartitionMaintainer(JdbcTemplate jdbc, Clock clock, IngestorProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        IngestorProperties.Retention retention = properties.retention();
        long daysAhead = retention.daysAhead();
        this.tiers = List.of(
                new Tier(new TimePartitions(jdbc, "metric_sample", ChronoUnit.DAYS), retention.raw(), daysAhead),
                new Tier(new TimePartitions(jdbc, "metric_rollup_1m", ChronoUnit.DAYS), retention.minute(), daysAhead),
                // an hour bucket is small: a partition per month, and the next month made ahead
                new Tier(new TimePartitions(jdbc, "metric_rollup_1h", ChronoUnit.MONTHS), retention.hour(), 1),
                // the state history (V11): few rows, kept as long as the hour rollups the server page charts
                new Tier(new TimePartitions(jdbc, "server_state_change", ChronoUnit.MONTHS), retention.hour(), 1));
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${servmon.ingestor.retention.check-every}")
    public void maintain() {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate today = now.toLocalDate();
        for (Tier tier : tiers) {
            TimePartitions partitions = tier.partitions();
            try {
                List<String> made = partitions.createUpTo(today, partitions.ahead(today, tier.periodsAhead()));
                List<String> dropped = partitions.dropOlderThan(now.minus(tier.keep()));
                if (!made.isEmpty() || !dropped.isEmpty()) {
                    log.info("{}: made partitions {}, dropped {} (retention {})", partitions.table(), made, dropped,
                            tier.keep());
                }
            } catch (DataAccessException e) {
                log.warn("{}: partition maintenance failed, will try again: {}", partitions.table(), e.getMessage());
            }
        }
        try {
            int swept = jdbc.update("""
                    DELETE ss FROM server_status ss LEFT JOIN server s ON s.id = ss.server_id WHERE s.id IS NULL""");
            if (swept > 0) {
                log.info("Swept the latest values of {} removed servers", swept);
            }
        } catch (DataAccessException e) {
            log.warn("Sweeping removed servers' latest values failed, will try again: {}", e.getMessage());
        }
    }
}
