package servmon.dashboard.database;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How the dashboard watches its database ({@code servmon.dashboard.database.*} in dashboard.yml).
 *
 * @param probeInterval how often a fresh connection is tried: an outage and its end are seen within about this
 * @param probeTimeout  how long one try may take before the database counts as unavailable
 */
@ConfigurationProperties(prefix = "servmon.dashboard.database")
@Validated
record DatabaseHealthProperties(@NotNull Duration probeInterval, @NotNull Duration probeTimeout) {

    DatabaseHealthProperties {
        for (Duration d : new Duration[] {probeInterval, probeTimeout}) {
            if (d != null && (d.isNegative() || d.isZero())) {
                throw new IllegalArgumentException("servmon.dashboard.database durations must be positive (got " + d + ")");
            }
        }
    }
}
