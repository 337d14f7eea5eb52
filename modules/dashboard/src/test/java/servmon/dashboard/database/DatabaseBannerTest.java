package servmon.dashboard.database;

import org.junit.jupiter.api.Test;
import servmon.dashboard.DashboardProperties;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseBannerTest {

    private final DatabaseHealth health =
            new DatabaseHealth(Clock.fixed(Instant.parse("2026-12-01T13:03:07Z"), ZoneOffset.UTC));
    private final DatabaseBanner banner = new DatabaseBanner(health,
            new DashboardProperties("", null, 1, Duration.ofSeconds(2), Duration.ofSeconds(5), null));

    @Test
    void shows_since_when_in_the_browsers_zone_and_why_while_the_database_is_away() {
        banner.refresh(ZoneId.of("Europe/Paris"));
        assertThat(banner.isVisible()).isFalse();

        health.unavailable(new SQLException("Communications link failure", new ConnectException("Connection refused")));
        banner.refresh(ZoneId.of("Europe/Paris"));
        assertThat(banner.isVisible()).isTrue();
        assertThat(banner.getText()).startsWith("Database unavailable since 14:03:07").contains("Connection refused");

        health.available();
        banner.refresh(ZoneId.of("Europe/Paris"));
        assertThat(banner.isVisible()).isFalse();
    }

    @Test
    void an_outage_keeps_its_first_time_and_reason_until_it_ends() {
        Instant first = health.unavailable(new SQLException("Connection refused")).since();
        DatabaseHealth.Outage again = health.unavailable(new SQLException("Socket closed"));
        assertThat(again.since()).isEqualTo(first);
        assertThat(again.reason()).isEqualTo("Connection refused");
        health.available();
        assertThat(health.outage()).isEmpty();
    }
}
