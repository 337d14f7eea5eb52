package servmon.dashboard.servers;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The shared fleet feed's settings ({@code servmon.dashboard.fleet-feed.*} in dashboard.yml).
 *
 * @param pollInterval   how often the feed reads the status rows written since its last read (one query for every
 *                       open page): how late a change can reach a page, at most
 * @param overlap        how far before its last read each read starts again: the ingestor stamps a row with the
 *                       time its batch arrived and commits it a little later, so a read must look back that far
 *                       not to miss it (and clocks of two hosts may differ by that much)
 * @param resyncInterval how often the feed reads the whole fleet instead: catches what the short reads cannot see
 *                       (a row committed later than the overlap, a rename, a failed wake) and removed servers
 */
@ConfigurationProperties(prefix = "servmon.dashboard.fleet-feed")
@Validated
record FleetFeedProperties(
        @NotNull @DurationMin(millis = 50) Duration pollInterval,
        @NotNull @DurationMin(millis = 0) Duration overlap,
        @NotNull @DurationMin(seconds = 1) Duration resyncInterval) {
}
