package servmon.dashboard.metrics;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The fleet metrics' settings ({@code servmon.dashboard.fleet-metrics.*} in dashboard.yml).
 *
 * @param refresh how often the fleet is read (one query) for the Prometheus endpoint; a scrape shows the last read
 */
@ConfigurationProperties(prefix = "servmon.dashboard.fleet-metrics")
@Validated
record FleetMetricsProperties(@NotNull Duration refresh) {

    FleetMetricsProperties {
        if (refresh != null && (refresh.isNegative() || refresh.isZero())) {
            throw new IllegalArgumentException("servmon.dashboard.fleet-metrics.refresh must be positive (got "
                    + refresh + ")");
        }
    }
}
