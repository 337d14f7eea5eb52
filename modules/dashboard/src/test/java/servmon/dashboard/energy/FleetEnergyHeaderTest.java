package servmon.dashboard.energy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import servmon.dashboard.DashboardTestSupport;
import servmon.dashboard.servers.ServerRegistry;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The fleet header's figures on the shared database: what a test adds shows as exactly that much more (other tests'
 * servers are in the fleet too, so the figures are compared before and after).
 */
class FleetEnergyHeaderTest extends DashboardTestSupport {

    @Autowired FleetEnergy energy;
    @Autowired ServerRegistry registry;

    @Test
    void watts_now_kwh_used_today_and_kwh_saved_today_and_this_month() {
        long on = registry.register(uniqueName("header-on"), null, null).id();
        long slept = registry.register(uniqueName("header-asleep"), null, null).id();
        EnergyHeader before = energy.header(ZoneOffset.UTC);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant startOfDay = now.truncatedTo(ChronoUnit.DAYS);
        Instant startOfMonth = LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC);

        addSample(on, now, 30.0, 250.0, 0);  // ON at 250 W
        addEnergyMinute(on, now.truncatedTo(ChronoUnit.MINUTES), 600.0, 150.0);
        // asleep 40 to 10 minutes ago, 3,100 W given up for 100 W: 1.5 kWh saved, as much as of it fell in today
        Instant asleepAt = now.minus(Duration.ofMinutes(40));
        Instant wokeAt = now.minus(Duration.ofMinutes(10));
        addSleepPeriod(slept, asleepAt, wokeAt, 3100.0, "HWMON", 100.0);
        EnergyHeader after = energy.header(ZoneOffset.UTC);

        assertThat(after.wattsNow() - before.wattsNow()).isCloseTo(250.0, within(1e-6));
        assertThat(after.estimatedWNow() - before.estimatedWNow()).isCloseTo(250.0, within(1e-6));
        assertThat(after.usedToday().kWh() - before.usedToday().kWh()).isCloseTo(0.6, within(1e-9));
        assertThat(after.usedToday().estimatedKWh() - before.usedToday().estimatedKWh()).isCloseTo(0.15, within(1e-9));
        assertThat(after.savedToday().kWh() - before.savedToday().kWh())
                .isCloseTo(3.0 * hoursAfter(startOfDay, asleepAt, wokeAt), within(1e-9));
        assertThat(after.savedThisMonth().kWh() - before.savedThisMonth().kWh())
                .isCloseTo(3.0 * hoursAfter(startOfMonth, asleepAt, wokeAt), within(1e-9));
    }

    /** The hours of [from, to) after {@code start}: all of them unless the day (month) began in between. */
    private static double hoursAfter(Instant start, Instant from, Instant to) {
        Instant begin = from.isAfter(start) ? from : start;
        return Math.max(0, Duration.between(begin, to).toMillis()) / 3_600_000.0;
    }
}
