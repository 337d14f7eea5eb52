package servmon.dashboard.energy;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The energy figures' settings ({@code servmon.dashboard.energy.*} in dashboard.yml).
 *
 * @param headerRefresh how long the fleet header's figures are reused before they are read again. They sum the
 *                      fleet's hour rollups of the day (24 rows a server), too much to repeat on every page's poll
 *                      with thousands of servers, and a day's kWh hardly moves in this time.
 */
@ConfigurationProperties(prefix = "servmon.dashboard.energy")
@Validated
record EnergyProperties(@NotNull @DurationMin(millis = 1) Duration headerRefresh) {
}
